/**
 * `rest.compat`: the Twilio-compatible (LaML) API, scoped to the project's account (its
 * `AccountSid` is the project id). Request bodies are sent form-encoded with the platform's
 * PascalCase fields; lists are compat pages (`next_page_uri`, `page`, `page_size`, the items under
 * a resource-specific key), each with a `paginate` Stream that follows `next_page_uri`; errors
 * carry the compat body `{code, message, more_info, status}` in `RestHttpError.body`.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type * as CompatAccounts from "./CompatAccounts.js"
import type * as CompatApplications from "./CompatApplications.js"
import type * as CompatConferences from "./CompatConferences.js"
import type * as CompatFaxes from "./CompatFaxes.js"
import type * as CompatMessages from "./CompatMessages.js"
import type * as CompatPhoneNumbers from "./CompatPhoneNumbers.js"
import type * as CompatQueues from "./CompatQueues.js"
import type * as CompatRecordings from "./CompatRecordings.js"
import * as Shared from "./internal/compatShared.js"
import type { RestError } from "./RestError.js"

type Op<A> = Effect.Effect<A, RestError>
type In<S extends Schema.Schema.Any> = S["Type"]

/**
 * A decoded compat list page: the envelope (`uri`, `first_page_uri`, `next_page_uri`,
 * `previous_page_uri`, `page`, `page_size`) and the items under `K`.
 *
 * @example
 * ```ts
 * import type { CompatNamespaces, CompatMessages } from "@signalwire-effect/rest"
 *
 * const count = (page: CompatNamespaces.CompatPageOf<"messages", CompatMessages.Message>) => page.messages.length
 * ```
 * @since 0.1.0
 */
export type CompatPageOf<K extends string, A> = Shared.CompatPageOf<K, A>

/**
 * A compat list in both forms: one page (`list`), or every item of every page, lazily
 * (`paginate`, following `next_page_uri`).
 *
 * @example
 * ```ts
 * import type { CompatNamespaces } from "@signalwire-effect/rest"
 *
 * type Queues = CompatNamespaces.CompatListing<"queues", { readonly sid: string }, {}>
 * ```
 * @since 0.1.0
 */
export type CompatListing<K extends string, A, P> = Shared.CompatListing<K, A, P>

/**
 * The compat error body, `{code, message, more_info, status}` (e.g. code 20404 for an unknown
 * resource, 21210 for a `From` number the project does not own).
 *
 * @example
 * ```ts
 * import { CompatNamespaces } from "@signalwire-effect/rest"
 * import * as Schema from "effect/Schema"
 *
 * const isCompatError = Schema.is(CompatNamespaces.CompatError)
 * ```
 * @since 0.1.0
 */
export const CompatError = Shared.CompatError

/**
 * The pagination parameters of every compat list: `Page`, `PageSize`, `PageToken`.
 *
 * @example
 * ```ts
 * import type { CompatNamespaces } from "@signalwire-effect/rest"
 *
 * const params: CompatNamespaces.PageParams = { PageSize: 20 }
 * ```
 * @since 0.1.0
 */
export type PageParams = typeof Shared.PageParams.Type

/**
 * `rest.compat`, every sub-resource but calls.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const sms = Effect.flatMap(RestClient.RestClient, (rest) =>
 *   rest.compat.messages.create({ To: "+15550001111", From: "+15551234567", Body: "Hello" }))
 * ```
 * @since 0.1.0
 */
export interface CompatApi {
  /** The project's account and its subprojects (not account-scoped). */
  readonly accounts: CompatListing<"accounts", CompatAccounts.Account, In<typeof CompatAccounts.ListParams>> & {
    /** Creates a subproject. */
    readonly create: (body: In<typeof CompatAccounts.Body>) => Op<CompatAccounts.Account>
    readonly get: (sid: string) => Op<CompatAccounts.Account>
    readonly update: (sid: string, body: In<typeof CompatAccounts.Body>) => Op<CompatAccounts.Account>
  }
  readonly messages: CompatListing<"messages", CompatMessages.Message, In<typeof CompatMessages.ListParams>> & {
    /** Sends a message. */
    readonly create: (body: In<typeof CompatMessages.Create>) => Op<CompatMessages.Message>
    readonly get: (sid: string) => Op<CompatMessages.Message>
    /** The only update is a redaction: `{ Body: "" }`, on a finished message. */
    readonly update: (sid: string, body: In<typeof CompatMessages.Update>) => Op<CompatMessages.Message>
    readonly delete: (sid: string) => Op<void>
    readonly listMedia: (
      messageSid: string,
      params?: In<typeof CompatMessages.MediaListParams>
    ) => Op<CompatPageOf<"media_list", CompatMessages.Media>>
    readonly getMedia: (messageSid: string, mediaSid: string) => Op<CompatMessages.Media>
    readonly deleteMedia: (messageSid: string, mediaSid: string) => Op<void>
  }
  readonly faxes: CompatListing<"faxes", CompatFaxes.Fax, In<typeof CompatFaxes.ListParams>> & {
    /** Sends a fax. */
    readonly create: (body: In<typeof CompatFaxes.Create>) => Op<CompatFaxes.Fax>
    readonly get: (sid: string) => Op<CompatFaxes.Fax>
    /** The only update is `{ Status: "canceled" }`, on a queued fax. */
    readonly update: (sid: string, body: In<typeof CompatFaxes.Update>) => Op<CompatFaxes.Fax>
    readonly delete: (sid: string) => Op<void>
    readonly listMedia: (faxSid: string, params?: PageParams) => Op<CompatPageOf<"media", CompatFaxes.Media>>
    readonly getMedia: (faxSid: string, mediaSid: string) => Op<CompatFaxes.Media>
    readonly deleteMedia: (faxSid: string, mediaSid: string) => Op<void>
  }
  readonly conferences: CompatListing<"conferences", CompatConferences.Conference, In<typeof CompatConferences.ListParams>> & {
    readonly get: (sid: string) => Op<CompatConferences.Conference>
    readonly update: (sid: string, body: In<typeof CompatConferences.Update>) => Op<CompatConferences.Conference>
    readonly listParticipants: (
      conferenceSid: string,
      params?: In<typeof CompatConferences.ParticipantListParams>
    ) => Op<CompatPageOf<"participants", CompatConferences.Participant>>
    readonly getParticipant: (conferenceSid: string, callSid: string) => Op<CompatConferences.Participant>
    readonly updateParticipant: (
      conferenceSid: string,
      callSid: string,
      body: In<typeof CompatConferences.UpdateParticipant>
    ) => Op<CompatConferences.Participant>
    readonly removeParticipant: (conferenceSid: string, callSid: string) => Op<void>
    readonly listRecordings: (conferenceSid: string, params?: PageParams) => Op<CompatPageOf<"recordings", CompatRecordings.Recording>>
    readonly getRecording: (conferenceSid: string, recordingSid: string) => Op<CompatRecordings.Recording>
    readonly updateRecording: (
      conferenceSid: string,
      recordingSid: string,
      body: In<typeof CompatConferences.UpdateRecording>
    ) => Op<CompatRecordings.Recording>
    readonly deleteRecording: (conferenceSid: string, recordingSid: string) => Op<void>
    readonly startStream: (conferenceSid: string, body: In<typeof CompatConferences.StartStream>) => Op<CompatConferences.Stream>
    readonly stopStream: (conferenceSid: string, streamSid: string) => Op<CompatConferences.Stream>
  }
  readonly phoneNumbers:
    & CompatListing<"incoming_phone_numbers", CompatPhoneNumbers.IncomingPhoneNumber, In<typeof CompatPhoneNumbers.ListParams>>
    & {
      readonly purchase: (body: In<typeof CompatPhoneNumbers.Purchase>) => Op<CompatPhoneNumbers.IncomingPhoneNumber>
      readonly get: (sid: string) => Op<CompatPhoneNumbers.IncomingPhoneNumber>
      readonly update: (sid: string, body: In<typeof CompatPhoneNumbers.Update>) => Op<CompatPhoneNumbers.IncomingPhoneNumber>
      /** Releases the number. */
      readonly delete: (sid: string) => Op<void>
      readonly importNumber: (body: In<typeof CompatPhoneNumbers.Import>) => Op<CompatPhoneNumbers.IncomingPhoneNumber>
      readonly listAvailableCountries: () => Op<
        { readonly uri: string; readonly countries: ReadonlyArray<CompatPhoneNumbers.Country>; readonly [key: string]: unknown }
      >
      /** One country's entry (the platform has it; the reference SDK does not). */
      readonly getAvailableCountry: (country: string) => Op<CompatPhoneNumbers.Country>
      readonly searchLocal: (country: string, params?: In<typeof CompatPhoneNumbers.SearchParams>) => Op<AvailablePage>
      readonly searchTollFree: (country: string, params?: In<typeof CompatPhoneNumbers.SearchParams>) => Op<AvailablePage>
    }
  readonly applications:
    & CompatListing<"applications", CompatApplications.Application, In<typeof CompatApplications.ListParams>>
    & CrudOf<CompatApplications.Application, In<typeof CompatApplications.Body>>
  readonly lamlBins:
    & CompatListing<"laml_bins", CompatApplications.LamlBin, In<typeof CompatApplications.LamlBinListParams>>
    & CrudOf<CompatApplications.LamlBin, In<typeof CompatApplications.LamlBinBody>>
  readonly queues: CompatListing<"queues", CompatQueues.Queue, PageParams> & CrudOf<CompatQueues.Queue, In<typeof CompatQueues.Body>> & {
    readonly listMembers: (queueSid: string, params?: PageParams) => Op<CompatPageOf<"queue_members", CompatQueues.Member>>
    readonly getMember: (queueSid: string, callSid: string) => Op<CompatQueues.Member>
    /** Redirects the waiting call to the cXML at `Url`. */
    readonly dequeueMember: (queueSid: string, callSid: string, body: In<typeof CompatQueues.Dequeue>) => Op<CompatQueues.Member>
  }
  readonly recordings: CompatListing<"recordings", CompatRecordings.Recording, In<typeof CompatRecordings.ListParams>> & {
    readonly get: (sid: string) => Op<CompatRecordings.Recording>
    readonly delete: (sid: string) => Op<void>
  }
  readonly transcriptions:
    & CompatListing<"transcriptions", CompatRecordings.Transcription, In<typeof CompatRecordings.TranscriptionListParams>>
    & {
      readonly get: (sid: string) => Op<CompatRecordings.Transcription>
      readonly delete: (sid: string) => Op<void>
    }
  readonly tokens: {
    readonly create: (body: In<typeof CompatAccounts.CreateToken>) => Op<CompatAccounts.Token>
    /** A PATCH with a JSON body, as the platform documents it. */
    readonly update: (tokenId: string, body: In<typeof CompatAccounts.UpdateToken>) => Op<CompatAccounts.Token>
    readonly delete: (tokenId: string) => Op<void>
  }
}

/**
 * Create, get, update (POST), delete of a compat resource.
 *
 * @example
 * ```ts
 * import type { CompatNamespaces, CompatQueues } from "@signalwire-effect/rest"
 *
 * type QueueCrud = CompatNamespaces.CrudOf<CompatQueues.Queue, typeof CompatQueues.Body.Type>
 * ```
 * @since 0.1.0
 */
export interface CrudOf<A, B> {
  readonly create: (body: B) => Op<A>
  readonly get: (sid: string) => Op<A>
  readonly update: (sid: string, body: B) => Op<A>
  readonly delete: (sid: string) => Op<void>
}

/**
 * The answer of a search: `{uri, available_phone_numbers}` (not paged).
 *
 * @example
 * ```ts
 * import type { CompatNamespaces } from "@signalwire-effect/rest"
 *
 * const first = (page: CompatNamespaces.AvailablePage) => page.available_phone_numbers[0]?.phone_number
 * ```
 * @since 0.1.0
 */
export interface AvailablePage {
  readonly uri: string
  readonly available_phone_numbers: ReadonlyArray<CompatPhoneNumbers.AvailableNumber>
  readonly [key: string]: unknown
}
