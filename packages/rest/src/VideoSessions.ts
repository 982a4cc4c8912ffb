/**
 * What happened in video rooms: room sessions (with their members, events and recordings), room
 * recordings (with their events) and the video logs (`/api/video/logs`, a platform path the
 * reference SDKs lack). All read-only but for deleting a recording.
 *
 * @since 0.2.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, PageParams } from "./RestSchema.js"

/**
 * A room session: one run of a room, from its first member joining to its end.
 *
 * @example
 * ```ts
 * import type { VideoSessions } from "@signalwire-effect/rest"
 *
 * const live = (s: VideoSessions.RoomSession) => s.status === "in-progress"
 * ```
 * @since 0.2.0
 */
export const RoomSession = Schema.Struct({
  id: Schema.String,
  room_id: nullable(Schema.String),
  name: nullable(Schema.String),
  display_name: nullable(Schema.String),
  status: nullable(Schema.String),
  start_time: nullable(Schema.String),
  end_time: nullable(Schema.String),
  duration: nullable(Schema.Number),
  cost_in_dollars: nullable(Schema.Number),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link RoomSession}.
 *
 * @example
 * ```ts
 * import type { VideoSessions } from "@signalwire-effect/rest"
 *
 * const id = (s: VideoSessions.RoomSession) => s.id
 * ```
 * @since 0.2.0
 */
export type RoomSession = typeof RoomSession.Type

/**
 * A member of a room session.
 *
 * @example
 * ```ts
 * import type { VideoSessions } from "@signalwire-effect/rest"
 *
 * const who = (m: typeof VideoSessions.Member.Type) => m.name
 * ```
 * @since 0.2.0
 */
export const Member = Schema.Struct({
  id: Schema.String,
  room_session_id: nullable(Schema.String),
  name: nullable(Schema.String),
  join_time: nullable(Schema.String),
  leave_time: nullable(Schema.String),
  duration: nullable(Schema.Number),
  cost_in_dollars: nullable(Schema.Number)
}, Extra)

/**
 * An event of a room session or recording (`room.started`, `member.joined`, …).
 *
 * @example
 * ```ts
 * import type { VideoSessions } from "@signalwire-effect/rest"
 *
 * const name = (e: typeof VideoSessions.Event.Type) => e.name
 * ```
 * @since 0.2.0
 */
export const Event = Schema.Struct({
  id: Schema.String,
  room_session_id: nullable(Schema.String),
  room_recording_id: nullable(Schema.String),
  name: nullable(Schema.String),
  payload: nullable(Schema.Unknown),
  created_at: nullable(Schema.String)
}, Extra)

/**
 * A room recording.
 *
 * @example
 * ```ts
 * import type { VideoSessions } from "@signalwire-effect/rest"
 *
 * const seconds = (r: VideoSessions.Recording) => r.duration
 * ```
 * @since 0.2.0
 */
export const Recording = Schema.Struct({
  id: Schema.String,
  room_session_id: nullable(Schema.String),
  status: nullable(Schema.String),
  started_at: nullable(Schema.String),
  finished_at: nullable(Schema.String),
  duration: nullable(Schema.Number),
  size_in_bytes: nullable(Schema.Number),
  format: nullable(Schema.String),
  cost_in_dollars: nullable(Schema.Number),
  uri: nullable(Schema.String),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Recording}.
 *
 * @example
 * ```ts
 * import type { VideoSessions } from "@signalwire-effect/rest"
 *
 * const id = (r: VideoSessions.Recording) => r.id
 * ```
 * @since 0.2.0
 */
export type Recording = typeof Recording.Type

/**
 * A video log entry (a discarded one has only `id`, `discarded_at` and `created_at`).
 *
 * @example
 * ```ts
 * import type { VideoSessions } from "@signalwire-effect/rest"
 *
 * const charge = (l: VideoSessions.Log) => l.charge
 * ```
 * @since 0.2.0
 */
export const Log = Schema.Struct({
  id: Schema.String,
  source: nullable(Schema.String),
  type: nullable(Schema.String),
  room_name: nullable(Schema.String),
  status: nullable(Schema.String),
  started_at: nullable(Schema.String),
  ended_at: nullable(Schema.String),
  charge: nullable(Schema.Number),
  discarded_at: nullable(Schema.String),
  created_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Log}.
 *
 * @example
 * ```ts
 * import type { VideoSessions } from "@signalwire-effect/rest"
 *
 * const id = (l: VideoSessions.Log) => l.id
 * ```
 * @since 0.2.0
 */
export type Log = typeof Log.Type

/**
 * The filters of `roomSessions.list`.
 *
 * @example
 * ```ts
 * import { VideoSessions } from "@signalwire-effect/rest"
 *
 * const params: typeof VideoSessions.SessionListParams.Type = { room_name: "standup", status: "completed" }
 * ```
 * @since 0.2.0
 */
export const SessionListParams = Schema.Struct({
  room_name: Schema.optional(Schema.String),
  status: Schema.optional(Schema.Literal("in-progress", "completed")),
  ...PageParams.fields
})

const paged = <const N extends string, S extends Schema.Schema.Any>(name: N, path: `/${string}`, item: S) =>
  HttpApiEndpoint.get(name, path).setPath(IdPath).setUrlParams(PageParams).addSuccess(Page(item))

/**
 * The `video.roomSessions` group.
 *
 * @example
 * ```ts
 * import { VideoSessions } from "@signalwire-effect/rest"
 *
 * VideoSessions.roomSessionsGroup.identifier // "video.roomSessions"
 * ```
 * @since 0.2.0
 */
export const roomSessionsGroup = HttpApiGroup.make("video.roomSessions")
  .add(HttpApiEndpoint.get("list", "/api/video/room_sessions").setUrlParams(SessionListParams).addSuccess(Page(RoomSession)))
  .add(HttpApiEndpoint.get("get", "/api/video/room_sessions/:id").setPath(IdPath).addSuccess(RoomSession))
  .add(paged("listEvents", "/api/video/room_sessions/:id/events", Event))
  .add(paged("listMembers", "/api/video/room_sessions/:id/members", Member))
  .add(paged("listRecordings", "/api/video/room_sessions/:id/recordings", Recording))

/**
 * The `video.roomRecordings` group.
 *
 * @example
 * ```ts
 * import { VideoSessions } from "@signalwire-effect/rest"
 *
 * VideoSessions.roomRecordingsGroup.identifier // "video.roomRecordings"
 * ```
 * @since 0.2.0
 */
export const roomRecordingsGroup = HttpApiGroup.make("video.roomRecordings")
  .add(HttpApiEndpoint.get("list", "/api/video/room_recordings").setUrlParams(PageParams).addSuccess(Page(Recording)))
  .add(HttpApiEndpoint.get("get", "/api/video/room_recordings/:id").setPath(IdPath).addSuccess(Recording))
  .add(HttpApiEndpoint.del("delete", "/api/video/room_recordings/:id").setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
  .add(paged("listEvents", "/api/video/room_recordings/:id/events", Event))

/**
 * The `video.logs` group.
 *
 * @example
 * ```ts
 * import { VideoSessions } from "@signalwire-effect/rest"
 *
 * VideoSessions.logsGroup.identifier // "video.logs"
 * ```
 * @since 0.2.0
 */
export const logsGroup = HttpApiGroup.make("video.logs")
  .add(HttpApiEndpoint.get("list", "/api/video/logs").setUrlParams(PageParams).addSuccess(Page(Log)))
  .add(HttpApiEndpoint.get("get", "/api/video/logs/:id").setPath(IdPath).addSuccess(Log))
