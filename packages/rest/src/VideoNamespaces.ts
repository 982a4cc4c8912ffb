/**
 * The interfaces of `rest.video`, `rest.datasphere`, `rest.projects`, `rest.domainApplications`
 * and `rest.sipEndpoints`. Every list has a `paginate…` Stream beside it.
 *
 * @since 0.2.0
 */
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as Datasphere from "./Datasphere.js"
import type * as Projects from "./Projects.js"
import type { RestError } from "./RestError.js"
import type { PageOf } from "./RestSchema.js"
import type * as SipRouting from "./SipRouting.js"
import type * as Video from "./Video.js"
import type * as VideoSessions from "./VideoSessions.js"

type Op<A> = Effect.Effect<A, RestError>
type PageParams = { readonly page_number?: number; readonly page_size?: number; readonly page_token?: string }
type Body<S extends { readonly Type: unknown }> = S["Type"]

/**
 * A list in both forms: one page, or every item of every page (a Stream).
 *
 * @example
 * ```ts
 * import type { VideoNamespaces } from "@signalwire-effect/rest"
 *
 * type Rooms = VideoNamespaces.Paged<{ readonly id: string }, {}>
 * ```
 * @since 0.2.0
 */
export interface Paged<A, P> {
  readonly list: (params?: P) => Op<PageOf<A>>
  readonly paginate: (params?: P) => Stream.Stream<A, RestError>
}

/**
 * A sub-list of one item (`listX(id)` with `paginateX(id)`).
 *
 * @example
 * ```ts
 * import type { VideoNamespaces } from "@signalwire-effect/rest"
 *
 * type Streams = VideoNamespaces.SubList<{ readonly id: string }>
 * ```
 * @since 0.2.0
 */
export type SubList<A> = {
  readonly list: (id: string, params?: PageParams) => Op<PageOf<A>>
  readonly paginate: (id: string, params?: PageParams) => Stream.Stream<A, RestError>
}

type Event = typeof VideoSessions.Event.Type
type Member = typeof VideoSessions.Member.Type

/**
 * `rest.video`.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const join = Effect.gen(function*() {
 *   const rest = yield* RestClient.RestClient
 *   const room = yield* rest.video.rooms.create({ name: "standup" })
 *   return yield* rest.video.roomTokens.create({ room_name: room.name, user_name: "ada" })
 * })
 * ```
 * @since 0.2.0
 */
export interface VideoApi {
  readonly rooms: Paged<Video.Room, Body<typeof Video.RoomListParams>> & {
    readonly create: (body: Body<typeof Video.CreateRoom>) => Op<Video.Room>
    readonly get: (id: string) => Op<Video.Room>
    /** PUT. */
    readonly update: (id: string, body: Body<typeof Video.UpdateRoom>) => Op<Video.Room>
    readonly delete: (id: string) => Op<void>
    readonly listStreams: SubList<Video.Stream>["list"]
    readonly paginateStreams: SubList<Video.Stream>["paginate"]
    readonly createStream: (id: string, body: Body<typeof Video.StreamBody>) => Op<Video.Stream>
  }
  readonly roomTokens: { readonly create: (body: Body<typeof Video.RoomTokenRequest>) => Op<{ readonly token: string }> }
  readonly roomSessions: Paged<VideoSessions.RoomSession, Body<typeof VideoSessions.SessionListParams>> & {
    readonly get: (id: string) => Op<VideoSessions.RoomSession>
    readonly listEvents: SubList<Event>["list"]
    readonly paginateEvents: SubList<Event>["paginate"]
    readonly listMembers: SubList<Member>["list"]
    readonly paginateMembers: SubList<Member>["paginate"]
    readonly listRecordings: SubList<VideoSessions.Recording>["list"]
    readonly paginateRecordings: SubList<VideoSessions.Recording>["paginate"]
  }
  readonly roomRecordings: Paged<VideoSessions.Recording, PageParams> & {
    readonly get: (id: string) => Op<VideoSessions.Recording>
    readonly delete: (id: string) => Op<void>
    readonly listEvents: SubList<Event>["list"]
    readonly paginateEvents: SubList<Event>["paginate"]
  }
  readonly conferences: Paged<Video.Conference, PageParams> & {
    readonly create: (body: Body<typeof Video.CreateConference>) => Op<Video.Conference>
    readonly get: (id: string) => Op<Video.Conference>
    /** PUT. */
    readonly update: (id: string, body: Body<typeof Video.UpdateConference>) => Op<Video.Conference>
    readonly delete: (id: string) => Op<void>
    readonly listConferenceTokens: SubList<Video.ConferenceToken>["list"]
    readonly paginateConferenceTokens: SubList<Video.ConferenceToken>["paginate"]
    readonly listStreams: SubList<Video.Stream>["list"]
    readonly paginateStreams: SubList<Video.Stream>["paginate"]
    readonly createStream: (id: string, body: Body<typeof Video.StreamBody>) => Op<Video.Stream>
  }
  readonly conferenceTokens: {
    readonly get: (id: string) => Op<Video.ConferenceToken>
    /** A new token value; the old one stops working. */
    readonly reset: (id: string) => Op<Video.ConferenceToken>
  }
  readonly streams: {
    readonly get: (id: string) => Op<Video.Stream>
    /** PUT. */
    readonly update: (id: string, body: Body<typeof Video.StreamBody>) => Op<Video.Stream>
    readonly delete: (id: string) => Op<void>
  }
  /** `/api/video/logs` (the reference SDKs lack it). */
  readonly logs: Paged<VideoSessions.Log, PageParams> & { readonly get: (id: string) => Op<VideoSessions.Log> }
}

/**
 * `rest.datasphere`.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const answer = Effect.flatMap(RestClient.RestClient, (rest) =>
 *   rest.datasphere.documents.search({ query_string: "vacation policy", count: 3 }))
 * ```
 * @since 0.2.0
 */
export interface DatasphereApi {
  readonly documents: Paged<Datasphere.Document, PageParams> & {
    readonly create: (body: Body<typeof Datasphere.CreateDocument>) => Op<Datasphere.Document>
    readonly get: (id: string) => Op<Datasphere.Document>
    /** PATCH: the tags. */
    readonly update: (id: string, body: { readonly tags: ReadonlyArray<string> }) => Op<Datasphere.Document>
    readonly delete: (id: string) => Op<void>
    readonly search: (body: Body<typeof Datasphere.Search>) => Op<Datasphere.SearchResult>
    readonly listChunks: SubList<Datasphere.Chunk>["list"]
    readonly paginateChunks: SubList<Datasphere.Chunk>["paginate"]
    readonly getChunk: (documentId: string, chunkId: string) => Op<Datasphere.Chunk>
    readonly deleteChunk: (documentId: string, chunkId: string) => Op<void>
  }
}

/**
 * `rest.projects` (`/api/projects`; the reference SDKs lack it).
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const staging = Effect.flatMap(RestClient.RestClient, (rest) => rest.projects.create({ name: "Staging" }))
 * ```
 * @since 0.2.0
 */
export interface ProjectsApi extends Paged<Projects.Project, PageParams> {
  readonly create: (body: Body<typeof Projects.Create>) => Op<Projects.Project>
  readonly get: (id: string) => Op<Projects.Project>
  /** PATCH. */
  readonly update: (id: string, body: Body<typeof Projects.Update>) => Op<Projects.Project>
  readonly delete: (id: string) => Op<void>
  /** A new signing key (in the answer); the old one stops verifying. */
  readonly rotateSigningKey: (id: string) => Op<Projects.Project>
}

/**
 * A RELAY REST collection with PUT update: `rest.domainApplications`, `rest.sipEndpoints`.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const desk = Effect.flatMap(RestClient.RestClient, (rest) => rest.sipEndpoints.create({ username: "desk-1", password: "s3cret!" }))
 * ```
 * @since 0.2.0
 */
export interface CrudApi<A, C, U> extends Paged<A, PageParams> {
  readonly create: (body: C) => Op<A>
  readonly get: (id: string) => Op<A>
  /** PUT. */
  readonly update: (id: string, body: U) => Op<A>
  readonly delete: (id: string) => Op<void>
}

/**
 * `rest.domainApplications`.
 *
 * @example
 * ```ts
 * import type { VideoNamespaces } from "@signalwire-effect/rest"
 *
 * type Update = Parameters<VideoNamespaces.DomainApplicationsApi["update"]>[1]
 * ```
 * @since 0.2.0
 */
export type DomainApplicationsApi = CrudApi<
  SipRouting.DomainApplication,
  Body<typeof SipRouting.CreateDomainApplication>,
  Body<typeof SipRouting.UpdateDomainApplication>
>

/**
 * `rest.sipEndpoints` (`/api/relay/rest/endpoints/sip`).
 *
 * @example
 * ```ts
 * import type { VideoNamespaces } from "@signalwire-effect/rest"
 *
 * type Create = Parameters<VideoNamespaces.SipEndpointsApi["create"]>[0]
 * ```
 * @since 0.2.0
 */
export type SipEndpointsApi = CrudApi<SipRouting.SipEndpoint, Body<typeof SipRouting.CreateSipEndpoint>, Body<typeof SipRouting.UpdateSipEndpoint>>
