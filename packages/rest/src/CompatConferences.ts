/**
 * Compat (LaML) conferences: `/api/laml/2010-04-01/Accounts/{AccountSid}/Conferences` — list, get,
 * update (end it, announce); its participants (list, get, update: mute, hold, coach…, remove), its
 * recordings (list, get, update: pause / resume / stop, delete) and its media streams (start,
 * stop).
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Recording } from "./CompatRecordings.js"
import { ACCOUNT, AccountPath, CompatPage, form, pageParams, SidPath } from "./internal/compatShared.js"
import { Extra, nullable } from "./RestSchema.js"

/**
 * A conference.
 *
 * @example
 * ```ts
 * import type { CompatConferences } from "@signalwire-effect/rest"
 *
 * const live = (c: CompatConferences.Conference) => c.status === "in-progress"
 * ```
 * @since 0.1.0
 */
export const Conference = Schema.Struct({
  sid: Schema.String,
  account_sid: nullable(Schema.String),
  friendly_name: nullable(Schema.String),
  status: Schema.String,
  region: nullable(Schema.String),
  api_version: nullable(Schema.String),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  uri: nullable(Schema.String),
  subresource_uris: nullable(Schema.Record({ key: Schema.String, value: Schema.String }))
}, Extra)

/**
 * A decoded {@link Conference}.
 *
 * @example
 * ```ts
 * import type { CompatConferences } from "@signalwire-effect/rest"
 *
 * const name = (c: CompatConferences.Conference) => c.friendly_name
 * ```
 * @since 0.1.0
 */
export type Conference = typeof Conference.Type

/**
 * A participant of a conference (a call in it).
 *
 * @example
 * ```ts
 * import type { CompatConferences } from "@signalwire-effect/rest"
 *
 * const muted = (p: CompatConferences.Participant) => p.muted
 * ```
 * @since 0.1.0
 */
export const Participant = Schema.Struct({
  call_sid: Schema.String,
  conference_sid: nullable(Schema.String),
  account_sid: nullable(Schema.String),
  status: nullable(Schema.String),
  muted: nullable(Schema.Boolean),
  hold: nullable(Schema.Boolean),
  coaching: nullable(Schema.Boolean),
  call_sid_to_coach: nullable(Schema.String),
  end_conference_on_exit: nullable(Schema.Boolean),
  start_conference_on_enter: nullable(Schema.Boolean),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  uri: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Participant}.
 *
 * @example
 * ```ts
 * import type { CompatConferences } from "@signalwire-effect/rest"
 *
 * const call = (p: CompatConferences.Participant) => p.call_sid
 * ```
 * @since 0.1.0
 */
export type Participant = typeof Participant.Type

/**
 * A media stream of a conference.
 *
 * @example
 * ```ts
 * import type { CompatConferences } from "@signalwire-effect/rest"
 *
 * const state = (s: CompatConferences.Stream) => s.status
 * ```
 * @since 0.1.0
 */
export const Stream = Schema.Struct({
  sid: Schema.String,
  conference_sid: nullable(Schema.String),
  account_sid: nullable(Schema.String),
  name: nullable(Schema.String),
  status: Schema.String,
  date_updated: nullable(Schema.String),
  uri: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Stream}.
 *
 * @example
 * ```ts
 * import type { CompatConferences } from "@signalwire-effect/rest"
 *
 * const sid = (s: CompatConferences.Stream) => s.sid
 * ```
 * @since 0.1.0
 */
export type Stream = typeof Stream.Type

const Method = Schema.Literal("GET", "POST")
const Url = Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/i, { message: () => "an http(s) URL" }))

/**
 * The body of a conference update: `Status=completed` ends it; `AnnounceUrl` plays cXML to it.
 *
 * @example
 * ```ts
 * import { CompatConferences } from "@signalwire-effect/rest"
 *
 * const end: typeof CompatConferences.Update.Type = { Status: "completed" }
 * ```
 * @since 0.1.0
 */
export const Update = form(Schema.Struct({
  Status: Schema.optional(Schema.Literal("completed")),
  AnnounceUrl: Schema.optional(Url),
  AnnounceMethod: Schema.optional(Method)
}))

/**
 * The body of a participant update.
 *
 * @example
 * ```ts
 * import { CompatConferences } from "@signalwire-effect/rest"
 *
 * const mute: typeof CompatConferences.UpdateParticipant.Type = { Muted: true }
 * ```
 * @since 0.1.0
 */
export const UpdateParticipant = form(Schema.Struct({
  Muted: Schema.optional(Schema.BooleanFromString),
  Hold: Schema.optional(Schema.BooleanFromString),
  HoldUrl: Schema.optional(Url),
  HoldMethod: Schema.optional(Method),
  AnnounceUrl: Schema.optional(Url),
  AnnounceMethod: Schema.optional(Method),
  WaitUrl: Schema.optional(Url),
  WaitMethod: Schema.optional(Method),
  Coaching: Schema.optional(Schema.BooleanFromString),
  CallSidToCoach: Schema.optional(Schema.String)
}))

/**
 * The body of a conference recording's update.
 *
 * @example
 * ```ts
 * import { CompatConferences } from "@signalwire-effect/rest"
 *
 * const pause: typeof CompatConferences.UpdateRecording.Type = { Status: "paused", PauseBehavior: "silence" }
 * ```
 * @since 0.1.0
 */
export const UpdateRecording = form(Schema.Struct({
  Status: Schema.Literal("paused", "in-progress", "stopped"),
  PauseBehavior: Schema.optional(Schema.Literal("skip", "silence"))
}))

/**
 * The body of a stream's start: the `wss://` `Url` media goes to, and its options.
 *
 * @example
 * ```ts
 * import { CompatConferences } from "@signalwire-effect/rest"
 *
 * const start: typeof CompatConferences.StartStream.Type = { Url: "wss://example.com/media", Track: "both_tracks" }
 * ```
 * @since 0.1.0
 */
export const StartStream = form(Schema.Struct({
  Url: Schema.String.pipe(Schema.pattern(/^wss?:\/\/\S+$/i, { message: () => "a ws(s) URL" })),
  Name: Schema.optional(Schema.String),
  Track: Schema.optional(Schema.Literal("inbound_track", "outbound_track", "both_tracks")),
  StatusCallback: Schema.optional(Url),
  StatusCallbackMethod: Schema.optional(Method),
  StreamCodec: Schema.optional(Schema.Literal("PCMU", "PCMA", "L16", "L16@16000h", "L16@24000h")),
  StreamRealTime: Schema.optional(Schema.BooleanFromString),
  AuthorizationBearerToken: Schema.optional(Schema.String)
}))

/**
 * The filters of the conference list.
 *
 * @example
 * ```ts
 * import { CompatConferences } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatConferences.ListParams.Type = { Status: "in-progress" }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({
  FriendlyName: Schema.optional(Schema.String),
  Status: Schema.optional(Schema.String),
  DateCreated: Schema.optional(Schema.String),
  "DateCreated<": Schema.optional(Schema.String),
  "DateCreated>": Schema.optional(Schema.String),
  DateUpdated: Schema.optional(Schema.String),
  ...pageParams
})

/**
 * The filters of the participant list.
 *
 * @example
 * ```ts
 * import { CompatConferences } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatConferences.ParticipantListParams.Type = { Muted: true }
 * ```
 * @since 0.1.0
 */
export const ParticipantListParams = Schema.Struct({
  Muted: Schema.optional(Schema.BooleanFromString),
  Hold: Schema.optional(Schema.BooleanFromString),
  ...pageParams
})

const base = `${ACCOUNT}/Conferences`
const ConferencePath = Schema.Struct({ AccountSid: Schema.String, ConferenceSid: Schema.String })
const CallPath = Schema.Struct({ AccountSid: Schema.String, ConferenceSid: Schema.String, CallSid: Schema.String })
const ItemPath = Schema.Struct({ AccountSid: Schema.String, ConferenceSid: Schema.String, Sid: Schema.String })

/**
 * The `compatConferences` group.
 *
 * @example
 * ```ts
 * import { CompatConferences } from "@signalwire-effect/rest"
 *
 * CompatConferences.group.identifier // "compatConferences"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("compatConferences")
  .add(HttpApiEndpoint.get("list", base).setPath(AccountPath).setUrlParams(ListParams).addSuccess(CompatPage("conferences", Conference)))
  .add(HttpApiEndpoint.get("get", `${base}/:Sid`).setPath(SidPath).addSuccess(Conference))
  .add(HttpApiEndpoint.post("update", `${base}/:Sid`).setPath(SidPath).setPayload(Update).addSuccess(Conference))
  .add(
    HttpApiEndpoint.get("listParticipants", `${base}/:ConferenceSid/Participants`)
      .setPath(ConferencePath)
      .setUrlParams(ParticipantListParams)
      .addSuccess(CompatPage("participants", Participant))
  )
  .add(HttpApiEndpoint.get("getParticipant", `${base}/:ConferenceSid/Participants/:CallSid`).setPath(CallPath).addSuccess(Participant))
  .add(
    HttpApiEndpoint.post("updateParticipant", `${base}/:ConferenceSid/Participants/:CallSid`)
      .setPath(CallPath)
      .setPayload(UpdateParticipant)
      .addSuccess(Participant)
  )
  .add(
    HttpApiEndpoint.del("removeParticipant", `${base}/:ConferenceSid/Participants/:CallSid`)
      .setPath(CallPath)
      .addSuccess(Schema.Void, { status: 204 })
  )
  .add(
    HttpApiEndpoint.get("listRecordings", `${base}/:ConferenceSid/Recordings`)
      .setPath(ConferencePath)
      .setUrlParams(Schema.Struct(pageParams))
      .addSuccess(CompatPage("recordings", Recording))
  )
  .add(HttpApiEndpoint.get("getRecording", `${base}/:ConferenceSid/Recordings/:Sid`).setPath(ItemPath).addSuccess(Recording))
  .add(
    HttpApiEndpoint.post("updateRecording", `${base}/:ConferenceSid/Recordings/:Sid`)
      .setPath(ItemPath)
      .setPayload(UpdateRecording)
      .addSuccess(Recording)
  )
  .add(
    HttpApiEndpoint.del("deleteRecording", `${base}/:ConferenceSid/Recordings/:Sid`)
      .setPath(ItemPath)
      .addSuccess(Schema.Void, { status: 204 })
  )
  .add(
    HttpApiEndpoint.post("startStream", `${base}/:ConferenceSid/Streams`).setPath(ConferencePath).setPayload(StartStream).addSuccess(Stream)
  )
  .add(
    HttpApiEndpoint.post("stopStream", `${base}/:ConferenceSid/Streams/:Sid`)
      .setPath(ItemPath)
      .setPayload(form(Schema.Struct({ Status: Schema.Literal("stopped") })))
      .addSuccess(Stream)
  )
