/**
 * The REST client: a `Context.Tag` service with one field per namespace
 * (`rest.phoneNumbers.list(...)`), built from the one API definition (`RestApi.api`).
 *
 * Every request carries HTTP Basic auth (the token stays `Redacted`: it is never logged, never in
 * a span attribute or error message), `Accept: application/json` and a `User-Agent` naming the
 * SDK. Each attempt is bounded by a timeout (30 s by default); retries are opt-in and
 * idempotency-aware (see {@link RestOptions.retry}). The layer needs an `HttpClient`
 * (e.g. `FetchHttpClient.layer`).
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import type * as Stream from "effect/Stream"
import { SignalWireConfig } from "@signalwire-effect/config"
import type * as Addresses from "./Addresses.js"
import type * as Calling from "./Calling.js"
import type * as CompatCalls from "./CompatCalls.js"
import type * as FabricNamespaces from "./FabricNamespaces.js"
import type * as CompatNamespaces from "./CompatNamespaces.js"
import * as internal from "./internal/client.js"
import * as Http from "./internal/http.js"
import type * as Messaging from "./Messaging.js"
import type * as PhoneNumbers from "./PhoneNumbers.js"
import type * as Queues from "./Queues.js"
import type * as Recordings from "./Recordings.js"
import type { RestError } from "./RestError.js"
import type * as RestNamespaces from "./RestNamespaces.js"
import type { PageOf } from "./RestSchema.js"
import type * as VideoNamespaces from "./VideoNamespaces.js"

type Op<A> = Effect.Effect<A, RestError>

/**
 * A list method in both forms: one page (`list`), or every item of every page, lazily
 * (`paginate`, following `links.next`).
 *
 * @example
 * ```ts
 * import type { RestClient } from "@signalwire-effect/rest"
 *
 * type Numbers = RestClient.Listing<{ readonly id: string }, {}>
 * ```
 * @since 0.1.0
 */
export interface Listing<A, P> {
  readonly list: (params?: P) => Op<PageOf<A>>
  readonly paginate: (params?: P) => Stream.Stream<A, RestError>
}

/**
 * `rest.phoneNumbers`: the project's numbers, search and purchase, and what handles calls and
 * messages to a number.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const buy = Effect.gen(function*() {
 *   const rest = yield* RestClient.RestClient
 *   const [candidate] = (yield* rest.phoneNumbers.search({ areacode: "555" })).data
 *   const number = yield* rest.phoneNumbers.purchase(candidate!.number)
 *   return yield* rest.phoneNumbers.setRelayContext(number.id, "office")
 * })
 * ```
 * @since 0.1.0
 */
export interface PhoneNumbersApi extends Listing<PhoneNumbers.PhoneNumber, typeof PhoneNumbers.ListParams.Type> {
  readonly get: (id: string) => Op<PhoneNumbers.PhoneNumber>
  readonly update: (id: string, body: PhoneNumbers.Update) => Op<PhoneNumbers.PhoneNumber>
  /** Releases the number (DELETE). */
  readonly release: (id: string) => Op<void>
  readonly search: (params?: typeof PhoneNumbers.SearchParams.Type) => Op<PageOf<PhoneNumbers.AvailableNumber>>
  /** Buys an available number (POST with `number`). */
  readonly purchase: (number: string) => Op<PhoneNumbers.PhoneNumber>
  /** Calls to the number go to RELAY clients receiving `context`. */
  readonly setRelayContext: (id: string, context: string, extra?: PhoneNumbers.Update) => Op<PhoneNumbers.PhoneNumber>
  /** Calls to the number run the SWML document at `url`. */
  readonly setSwmlWebhook: (id: string, url: string, extra?: PhoneNumbers.Update) => Op<PhoneNumbers.PhoneNumber>
  /** Calls to the number go to an AI agent. */
  readonly setAiAgent: (id: string, agentId: string, extra?: PhoneNumbers.Update) => Op<PhoneNumbers.PhoneNumber>
  readonly setCxmlWebhook: (
    id: string,
    options: { readonly url: string; readonly fallbackUrl?: string; readonly statusCallbackUrl?: string }
  ) => Op<PhoneNumbers.PhoneNumber>
  readonly setCxmlApplication: (id: string, applicationId: string) => Op<PhoneNumbers.PhoneNumber>
  readonly setRelayApplication: (id: string, name: string) => Op<PhoneNumbers.PhoneNumber>
  readonly setRelayTopic: (
    id: string,
    options: { readonly topic: string; readonly statusCallbackUrl?: string }
  ) => Op<PhoneNumbers.PhoneNumber>
  readonly setCallFlow: (id: string, options: { readonly flowId: string; readonly version?: string }) => Op<PhoneNumbers.PhoneNumber>
  /** The emergency (E911) address of the number: an address of `rest.addresses`. */
  readonly assignE911Address: (id: string, addressId: string) => Op<PhoneNumbers.PhoneNumber>
  readonly removeE911Address: (id: string) => Op<PhoneNumbers.PhoneNumber>
}

/**
 * `rest.messages`: send a message over REST, redact one.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const sms = Effect.flatMap(RestClient.RestClient, (rest) =>
 *   rest.messages.send({ from: "+15551234567", to: "+15550001111", body: "Hello" }))
 * ```
 * @since 0.1.0
 */
export interface MessagesApi {
  readonly send: (body: typeof Messaging.Send.Type) => Op<Messaging.Message>
  /** Clears the body of a finished message. */
  readonly redact: (messageId: string) => Op<Messaging.Message>
}

/**
 * `rest.logs`: messages, voice (with events), fax and conference logs.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 *
 * const all = Effect.flatMap(RestClient.RestClient, (rest) => Stream.runCollect(rest.logs.messages.paginate()))
 * ```
 * @since 0.1.0
 */
export interface LogsApi {
  readonly messages: Listing<Messaging.MessageLog, LogParams> & { readonly get: (id: string) => Op<Messaging.MessageLog> }
  readonly voice: Listing<Messaging.LogEntry, LogParams> & {
    readonly get: (id: string) => Op<Messaging.LogEntry>
    readonly listEvents: (id: string) => Op<PageOf<Readonly<Record<string, unknown>>>>
  }
  readonly fax: Listing<Messaging.LogEntry, LogParams> & { readonly get: (id: string) => Op<Messaging.LogEntry> }
  readonly conferences: Listing<Messaging.LogEntry, LogParams>
}

type LogParams = {
  readonly include_deleted?: boolean
  readonly created_before?: string
  readonly created_on?: string
  readonly created_after?: string
  readonly page_number?: number
  readonly page_size?: number
  readonly page_token?: string
}

/**
 * `rest.addresses`: regulatory / E911 addresses.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const first = Effect.flatMap(RestClient.RestClient, (rest) => rest.addresses.list({ page_size: 1 }))
 * ```
 * @since 0.1.0
 */
export interface AddressesApi extends Listing<Addresses.Address, typeof Addresses.ListParams.Type> {
  readonly create: (body: typeof Addresses.Create.Type) => Op<Addresses.Address>
  readonly get: (id: string) => Op<Addresses.Address>
  /** PUT: the whole address. */
  readonly update: (id: string, body: typeof Addresses.Create.Type) => Op<Addresses.Address>
  readonly delete: (id: string) => Op<void>
}

/**
 * `rest.queues`: call queues and their members.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const queue = Effect.flatMap(RestClient.RestClient, (rest) => rest.queues.create({ name: "support" }))
 * ```
 * @since 0.1.0
 */
export interface QueuesApi extends Listing<Queues.Queue, typeof Queues.Body.Type & PageParams> {
  readonly create: (body: typeof Queues.Body.Type) => Op<Queues.Queue>
  readonly get: (id: string) => Op<Queues.Queue>
  readonly update: (id: string, body: typeof Queues.Body.Type) => Op<Queues.Queue>
  readonly delete: (id: string) => Op<void>
  readonly listMembers: (queueId: string, params?: PageParams) => Op<PageOf<Queues.Member>>
  readonly paginateMembers: (queueId: string, params?: PageParams) => Stream.Stream<Queues.Member, RestError>
  readonly getNextMember: (queueId: string) => Op<Queues.Member>
  readonly getMember: (queueId: string, memberId: string) => Op<Queues.Member>
}

type PageParams = { readonly page_number?: number; readonly page_size?: number; readonly page_token?: string }

/**
 * `rest.recordings`.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const remove = (id: string) => Effect.flatMap(RestClient.RestClient, (rest) => rest.recordings.delete(id))
 * ```
 * @since 0.1.0
 */
export interface RecordingsApi extends Listing<Recordings.Recording, PageParams> {
  readonly get: (id: string) => Op<Recordings.Recording>
  readonly delete: (id: string) => Op<void>
}

/**
 * The REST client service.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * const RestLive = RestClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
 * const program = Effect.flatMap(RestClient.RestClient, (rest) => rest.phoneNumbers.list()).pipe(Effect.provide(RestLive))
 * ```
 * @since 0.1.0
 */
export class RestClient extends Context.Tag("@signalwire-effect/rest/RestClient")<RestClient, {
  readonly phoneNumbers: PhoneNumbersApi
  readonly importedNumbers: { readonly create: (body: typeof PhoneNumbers.Import.Type) => Op<PhoneNumbers.PhoneNumber> }
  readonly messages: MessagesApi
  readonly logs: LogsApi
  readonly addresses: AddressesApi
  readonly queues: QueuesApi
  readonly recordings: RecordingsApi
  readonly numberGroups: RestNamespaces.NumberGroupsApi
  readonly verifiedCallers: RestNamespaces.VerifiedCallersApi
  readonly shortCodes: RestNamespaces.ShortCodesApi
  readonly sipProfile: RestNamespaces.SipProfileApi
  readonly lookup: RestNamespaces.LookupApi
  readonly mfa: RestNamespaces.MfaApi
  readonly registry: RestNamespaces.RegistryApi
  readonly project: RestNamespaces.ProjectApi
  readonly pubsub: RestNamespaces.ClientTokensApi
  readonly chat: RestNamespaces.ClientTokensApi
  /** REST call control: dial, update, and the call-scoped commands. */
  readonly calling: Calling.CallingApi
  /** Call Fabric: resources by type, addresses, SIP addresses, tokens. */
  readonly fabric: FabricNamespaces.FabricApi
  readonly video: VideoNamespaces.VideoApi
  readonly datasphere: VideoNamespaces.DatasphereApi
  /** The account's projects (`/api/projects`). */
  readonly projects: VideoNamespaces.ProjectsApi
  readonly domainApplications: VideoNamespaces.DomainApplicationsApi
  /** SIP endpoints of the RELAY REST API (`/api/relay/rest/endpoints/sip`). */
  readonly sipEndpoints: VideoNamespaces.SipEndpointsApi
  /** The Twilio-compatible (LaML) API, scoped to the project's account; form-encoded bodies. */
  readonly compat: CompatNamespaces.CompatApi & { readonly calls: CompatCalls.CompatCallsApi }
  /**
   * Every item of every page of any list endpoint, by path (or full URL: its path and query are
   * kept): the items under `itemsKey` (default `data`; compat lists name theirs, e.g. `calls`),
   * following `links.next` or `next_page_uri`. `params` go on the first request only; the
   * following ones carry what the link carries. Items are not decoded.
   */
  readonly paginate: (
    path: string,
    params?: Readonly<Record<string, string | number | boolean | undefined>>,
    itemsKey?: string
  ) => Stream.Stream<unknown, RestError>
  /** The base URL requests go to, e.g. `https://acme.signalwire.com`. */
  readonly baseUrl: string
}>() {}

/**
 * The options of {@link layer}.
 *
 * @example
 * ```ts
 * import type { RestClient } from "@signalwire-effect/rest"
 *
 * const options: RestClient.RestOptions = { project: "p", token: "PT…", space: "acme", retry: { times: 3 } }
 * ```
 * @since 0.1.0
 */
export interface RestOptions {
  readonly project?: string | undefined
  readonly token?: string | Redacted.Redacted<string> | undefined
  /** The space: `acme`, `acme.signalwire.com`, or `127.0.0.1:8765` (loopback hosts use `http://`). */
  readonly space?: string | undefined
  /** A full base URL, overriding `space` (e.g. `http://127.0.0.1:8765`). */
  readonly baseUrl?: string | undefined
  /** Per attempt; default 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * Opt-in retries: GET/PUT/DELETE on 429/500/502/503/504, POST/PATCH only on 429/503, and every
   * method on transport errors; `times` attempts exponential from `base` (500 ms), or paced by your
   * own `schedule`; a numeric `Retry-After` replaces the delay.
   */
  readonly retry?: Http.RetryOptions | undefined
  /** Replaces the default `User-Agent`. */
  readonly userAgent?: string | undefined
}

/**
 * The client from explicit options only (no environment).
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 *
 * const layer = RestClient.layer({ project: "p", token: "t", baseUrl: "http://127.0.0.1:8765" })
 * ```
 * @since 0.1.0
 */
export const layer = (options: RestOptions): Layer.Layer<RestClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(RestClient, Effect.flatMap(internal.resolve(SignalWireConfig.make(options), options), internal.make))

/**
 * The client from options merged over the environment (`SIGNALWIRE_PROJECT_ID`,
 * `SIGNALWIRE_API_TOKEN`, `SIGNALWIRE_SPACE`): an explicit value wins. Fails with a `ConfigError`
 * at layer build when a setting is missing.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 *
 * const layer = RestClient.layerConfig({ retry: { times: 2 } })
 * ```
 * @since 0.1.0
 */
export const layerConfig = (
  options: RestOptions = {}
): Layer.Layer<RestClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    RestClient,
    SignalWireConfig.load(options).pipe(
      Effect.flatMap((settings) => internal.resolve(settings, options)),
      Effect.flatMap(internal.make)
    )
  )

/**
 * Whether a failed attempt may be retried for the HTTP method (the rule `retry` applies).
 *
 * @example
 * ```ts
 * import { RestClient, RestError } from "@signalwire-effect/rest"
 *
 * const e = new RestError.RestHttpError({ status: 500, method: "POST", url: "/", body: "", requestId: undefined, headers: {} })
 * RestClient.retryable("POST", e) // false: a POST is retried only on 429 and 503
 * ```
 * @since 0.1.0
 */
export const retryable: (method: string, error: Http.HttpFailure) => boolean = Http.retryable
