/**
 * Compat (LaML, Twilio-compatible) calls: `/api/laml/2010-04-01/Accounts/{AccountSid}/Calls` —
 * list, create, get, update (a POST), delete, and a call's recordings and streams. Request fields
 * are PascalCase and sent form-encoded (`application/x-www-form-urlencoded`), responses are
 * snake_case, lists page with `next_page_uri`, errors are `{code, message, more_info, status}`.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import * as C from "./internal/compatShared.js"
import type { RestError } from "./RestError.js"
import { Extra, nullable } from "./RestSchema.js"

const method = Schema.Literal("GET", "POST")
const httpUrl = Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/i, { message: () => "an http(s) URL" }))
const opt = Schema.optional

/**
 * A call, as the compat API answers it.
 *
 * @example
 * ```ts
 * import type { CompatCalls } from "@signalwire-effect/rest"
 *
 * const done = (call: CompatCalls.Call) => call.status === "completed"
 * ```
 * @since 0.1.0
 */
export const Call = Schema.Struct({
  sid: Schema.String,
  account_sid: Schema.String,
  to: Schema.String,
  from: Schema.String,
  status: Schema.String,
  direction: Schema.String,
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  start_time: nullable(Schema.String),
  end_time: nullable(Schema.String),
  duration: nullable(Schema.Union(Schema.Number, Schema.String)),
  price: nullable(Schema.Union(Schema.Number, Schema.String)),
  price_unit: nullable(Schema.String),
  answered_by: nullable(Schema.String),
  parent_call_sid: nullable(Schema.String),
  uri: nullable(Schema.String),
  subresource_uris: nullable(Schema.Struct({}, Extra))
}, Extra)

/**
 * A decoded {@link Call}.
 *
 * @example
 * ```ts
 * import type { CompatCalls } from "@signalwire-effect/rest"
 *
 * const sid = (call: CompatCalls.Call) => call.sid
 * ```
 * @since 0.1.0
 */
export type Call = typeof Call.Type

/**
 * The form body of a create: `To`, `From`, and the cXML `Url` (or an `ApplicationSid`).
 *
 * @example
 * ```ts
 * import type { CompatCalls } from "@signalwire-effect/rest"
 *
 * const call: CompatCalls.Create = { To: "+15550001111", From: "+15551234567", Url: "https://example.com/cxml" }
 * ```
 * @since 0.1.0
 */
export const Create = Schema.Struct({
  To: Schema.String.pipe(Schema.minLength(1)),
  From: Schema.String.pipe(Schema.minLength(1)),
  Url: opt(httpUrl),
  ApplicationSid: opt(Schema.String),
  Method: opt(method),
  FallbackUrl: opt(httpUrl),
  FallbackMethod: opt(method),
  StatusCallback: opt(httpUrl),
  StatusCallbackMethod: opt(method),
  StatusCallbackEvent: opt(C.SpaceList(Schema.Literal("initiated", "ringing", "answered", "completed"))),
  CallerId: opt(Schema.String),
  SendDigits: opt(Schema.String.pipe(Schema.pattern(/^[0-9A-Dw*#]+$/))),
  Timeout: opt(C.FormNumber.pipe(Schema.int(), Schema.positive())),
  MachineDetection: opt(Schema.Literal("Enable", "DetectMessageEnd", "none")),
  MachineDetectionTimeout: opt(C.FormNumber),
  MachineDetectionSpeechThreshold: opt(C.FormNumber),
  MachineDetectionSpeechEndThreshold: opt(C.FormNumber),
  MachineDetectionSilenceTimeout: opt(C.FormNumber),
  MachineWordsThreshold: opt(C.FormNumber),
  AsyncAmd: opt(C.FormBoolean),
  AsyncAmdStatusCallback: opt(httpUrl),
  AsyncAmdStatusCallbackMethod: opt(method),
  AsyncAmdPartialResults: opt(C.FormBoolean),
  Record: opt(C.FormBoolean),
  RecordingChannels: opt(Schema.Literal("mono", "dual")),
  RecordingTrack: opt(Schema.Literal("inbound", "outbound", "both")),
  RecordingStatusCallback: opt(httpUrl),
  RecordingStatusCallbackMethod: opt(method),
  RecordingStatusCallbackEvent: opt(Schema.String),
  Trim: opt(Schema.Literal("trim-silence", "do-not-trim")),
  SipAuthUsername: opt(Schema.String),
  SipAuthPassword: opt(Schema.String),
  MaxPricePerMinute: opt(Schema.String)
}).pipe(Schema.filter((b) => (b.Url === undefined && b.ApplicationSid === undefined ? "Url or ApplicationSid is required" : undefined)))

/**
 * A decoded {@link Create}.
 *
 * @example
 * ```ts
 * import type { CompatCalls } from "@signalwire-effect/rest"
 *
 * const to = (body: CompatCalls.Create) => body.To
 * ```
 * @since 0.1.0
 */
export type Create = typeof Create.Type

/**
 * The form body of an update: a new cXML `Url`, or `Status` to end the call.
 *
 * @example
 * ```ts
 * import type { CompatCalls } from "@signalwire-effect/rest"
 *
 * const hangUp: CompatCalls.Update = { Status: "completed" }
 * ```
 * @since 0.1.0
 */
export const Update = Schema.Struct({
  Url: opt(httpUrl),
  Method: opt(method),
  Status: opt(Schema.Literal("canceled", "completed")),
  FallbackUrl: opt(httpUrl),
  FallbackMethod: opt(method),
  StatusCallback: opt(httpUrl),
  StatusCallbackMethod: opt(method)
})

/**
 * A decoded {@link Update}.
 *
 * @example
 * ```ts
 * import type { CompatCalls } from "@signalwire-effect/rest"
 *
 * const status = (body: CompatCalls.Update) => body.Status
 * ```
 * @since 0.1.0
 */
export type Update = typeof Update.Type

/**
 * The filters of a list (`To`, `From`, `Status`, `ParentCallSid`, start / end times) and paging
 * (`Page`, `PageSize`, `PageToken`).
 *
 * @example
 * ```ts
 * import type { CompatCalls } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatCalls.ListParams.Type = { Status: "completed", PageSize: 20 }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({
  To: opt(Schema.String),
  From: opt(Schema.String),
  Status: opt(Schema.Literal("queued", "ringing", "in-progress", "canceled", "completed", "busy", "failed", "no-answer")),
  ParentCallSid: opt(Schema.String),
  StartTime: opt(Schema.String),
  EndTime: opt(Schema.String),
  ...C.pageParams
})

/**
 * A page of calls (`calls`, `next_page_uri`, `page`, `page_size`…).
 *
 * @example
 * ```ts
 * import type { CompatCalls } from "@signalwire-effect/rest"
 *
 * const more = (page: typeof CompatCalls.CallPage.Type) => page.next_page_uri !== null
 * ```
 * @since 0.1.0
 */
export const CallPage = C.Page("calls", Call)

/**
 * A recording of a call (compat): `sid`, `call_sid`, `status`…
 *
 * @example
 * ```ts
 * import type { CompatCalls } from "@signalwire-effect/rest"
 *
 * const paused = (r: typeof CompatCalls.Recording.Type) => r.status === "paused"
 * ```
 * @since 0.1.0
 */
export const Recording = Schema.Struct({ sid: Schema.String, call_sid: Schema.String, status: Schema.String }, Extra)

/**
 * A media stream of a call (compat): `sid`, `call_sid`, `status`, `name`.
 *
 * @example
 * ```ts
 * import type { CompatCalls } from "@signalwire-effect/rest"
 *
 * const stopped = (s: typeof CompatCalls.MediaStream.Type) => s.status === "stopped"
 * ```
 * @since 0.1.0
 */
export const MediaStream = Schema.Struct({ sid: Schema.String, call_sid: Schema.String, status: Schema.String }, Extra)

/**
 * The form body that starts recording a call.
 *
 * @example
 * ```ts
 * import { CompatCalls } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatCalls.StartRecording.Type = { RecordingChannels: "dual" }
 * ```
 * @since 0.1.0
 */
export const StartRecording = Schema.Struct({
  RecordingChannels: opt(Schema.Literal("mono", "dual")),
  RecordingStatusCallback: opt(httpUrl),
  RecordingStatusCallbackEvent: opt(Schema.String),
  RecordingStatusCallbackMethod: opt(method),
  RecordingTrack: opt(Schema.Literal("inbound", "outbound", "both")),
  Trim: opt(Schema.Literal("trim-silence", "do-not-trim"))
})

/**
 * The form body that pauses, resumes or stops a recording.
 *
 * @example
 * ```ts
 * import { CompatCalls } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatCalls.UpdateRecording.Type = { Status: "paused", PauseBehavior: "skip" }
 * ```
 * @since 0.1.0
 */
export const UpdateRecording = Schema.Struct({
  Status: Schema.Literal("paused", "in-progress", "stopped"),
  PauseBehavior: opt(Schema.Literal("skip", "silence"))
})

/**
 * The form body that starts streaming a call's audio to a WebSocket.
 *
 * @example
 * ```ts
 * import { CompatCalls } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatCalls.StartStream.Type = { Url: "wss://example.com/audio", Track: "both_tracks" }
 * ```
 * @since 0.1.0
 */
export const StartStream = Schema.Struct({
  Url: Schema.String.pipe(Schema.pattern(/^wss?:\/\/\S+$/i, { message: () => "a ws(s) URL" })),
  Name: opt(Schema.String),
  Track: opt(Schema.Literal("inbound_track", "outbound_track", "both_tracks")),
  StatusCallback: opt(httpUrl),
  StatusCallbackMethod: opt(method),
  AuthorizationBearerToken: opt(Schema.String)
})

const account = Schema.Struct(C.accountPath)
const sid = Schema.Struct({ ...C.accountPath, Sid: Schema.String.pipe(Schema.minLength(1)) })
const callSid = Schema.Struct({ ...C.accountPath, CallSid: Schema.String.pipe(Schema.minLength(1)) })
const subSid = Schema.Struct({ ...callSid.fields, Sid: Schema.String.pipe(Schema.minLength(1)) })
const calls = `${C.ACCOUNT_PREFIX}/Calls`

/**
 * The `compatCalls` group.
 *
 * @example
 * ```ts
 * import { CompatCalls } from "@signalwire-effect/rest"
 *
 * CompatCalls.group.identifier // "compatCalls"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("compatCalls")
  .add(HttpApiEndpoint.get("list", calls).setPath(account).setUrlParams(ListParams).addSuccess(CallPage))
  .add(HttpApiEndpoint.post("create", calls).setPath(account).setPayload(C.form(Create)).addSuccess(Call, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${calls}/:Sid`).setPath(sid).addSuccess(Call))
  .add(HttpApiEndpoint.post("update", `${calls}/:Sid`).setPath(sid).setPayload(C.form(Update)).addSuccess(Call))
  .add(HttpApiEndpoint.del("delete", `${calls}/:Sid`).setPath(sid))
  .add(
    HttpApiEndpoint.post("startRecording", `${calls}/:CallSid/Recordings`).setPath(callSid)
      .setPayload(C.form(StartRecording)).addSuccess(Recording, { status: 201 })
  )
  .add(
    HttpApiEndpoint.post("updateRecording", `${calls}/:CallSid/Recordings/:Sid`).setPath(subSid)
      .setPayload(C.form(UpdateRecording)).addSuccess(Recording)
  )
  .add(
    HttpApiEndpoint.post("startStream", `${calls}/:CallSid/Streams`).setPath(callSid)
      .setPayload(C.form(StartStream)).addSuccess(MediaStream, { status: 201 })
  )
  .add(
    HttpApiEndpoint.post("stopStream", `${calls}/:CallSid/Streams/:Sid`).setPath(subSid)
      .setPayload(C.form(Schema.Struct({ Status: Schema.Literal("stopped") }))).addSuccess(MediaStream)
  )
  .addError(C.errorAt(400, "Bad Request (compat)"))
  .addError(C.errorAt(404, "Not Found (compat)"))
  .addError(C.errorAt(422, "Unprocessable Entity (compat)"))

type Op<A> = Effect.Effect<A, RestError>

/**
 * `rest.compat.calls`: the account is the client's project.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const call = Effect.flatMap(RestClient.RestClient, (rest) =>
 *   rest.compat.calls.create({ To: "+15550001111", From: "+15551234567", Url: "https://example.com/cxml" }))
 * ```
 * @since 0.1.0
 */
export interface CompatCallsApi {
  readonly list: (params?: typeof ListParams.Type) => Op<typeof CallPage.Type>
  /** Every call of every page, following `next_page_uri`. */
  readonly paginate: (params?: typeof ListParams.Type) => Stream.Stream<Call, RestError>
  readonly create: (body: Create) => Op<Call>
  readonly get: (sid: string) => Op<Call>
  readonly update: (sid: string, body: Update) => Op<Call>
  readonly delete: (sid: string) => Op<void>
  readonly startRecording: (callSid: string, body?: typeof StartRecording.Type) => Op<typeof Recording.Type>
  readonly updateRecording: (callSid: string, sid: string, body: typeof UpdateRecording.Type) => Op<typeof Recording.Type>
  readonly startStream: (callSid: string, body: typeof StartStream.Type) => Op<typeof MediaStream.Type>
  readonly stopStream: (callSid: string, sid: string) => Op<typeof MediaStream.Type>
}
