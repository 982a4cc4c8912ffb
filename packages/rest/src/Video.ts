/**
 * The Video API (`/api/video/...`): rooms and their streams, room tokens, conferences with their
 * tokens and streams, conference tokens, and streams. Room and conference updates are PUT, as on
 * the platform. Sessions, recordings and logs are in `VideoSessions`.
 *
 * @since 0.2.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, PageParams } from "./RestSchema.js"

const nonEmpty = Schema.String.pipe(Schema.minLength(1))
const Meta = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * A video room.
 *
 * @example
 * ```ts
 * import type { Video } from "@signalwire-effect/rest"
 *
 * const label = (r: Video.Room) => r.display_name ?? r.name
 * ```
 * @since 0.2.0
 */
export const Room = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  display_name: nullable(Schema.String),
  description: nullable(Schema.String),
  max_members: nullable(Schema.Number),
  quality: nullable(Schema.String),
  fps: nullable(Schema.Number),
  layout: nullable(Schema.String),
  record_on_start: nullable(Schema.Boolean),
  enable_room_previews: nullable(Schema.Boolean),
  meta: nullable(Meta),
  active_session: nullable(Schema.Unknown),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Room}.
 *
 * @example
 * ```ts
 * import type { Video } from "@signalwire-effect/rest"
 *
 * const id = (r: Video.Room) => r.id
 * ```
 * @since 0.2.0
 */
export type Room = typeof Room.Type

const roomFields = {
  display_name: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  max_members: Schema.optional(Schema.Int.pipe(Schema.positive())),
  quality: Schema.optional(Schema.Literal("720p", "1080p")),
  join_from: Schema.optional(Schema.String),
  join_until: Schema.optional(Schema.String),
  remove_at: Schema.optional(Schema.String),
  remove_after_seconds_elapsed: Schema.optional(Schema.Int),
  layout: Schema.optional(Schema.String),
  record_on_start: Schema.optional(Schema.Boolean),
  enable_room_previews: Schema.optional(Schema.Boolean),
  meta: Schema.optional(Meta),
  sync_audio_video: Schema.optional(Schema.Boolean)
}

/**
 * The body of a room create (`name` is required and unique in the project).
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * const body: typeof Video.CreateRoom.Type = { name: "standup", max_members: 10 }
 * ```
 * @since 0.2.0
 */
export const CreateRoom = Schema.Struct({ name: nonEmpty, ...roomFields })

/**
 * The body of a room update (PUT; the name cannot change).
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * const body: typeof Video.UpdateRoom.Type = { quality: "1080p" }
 * ```
 * @since 0.2.0
 */
export const UpdateRoom = Schema.Struct(roomFields)

/**
 * An outbound stream (RTMP) of a room or conference.
 *
 * @example
 * ```ts
 * import type { Video } from "@signalwire-effect/rest"
 *
 * const url = (s: Video.Stream) => s.url
 * ```
 * @since 0.2.0
 */
export const Stream = Schema.Struct({
  id: Schema.String,
  url: nullable(Schema.String),
  stream_type: nullable(Schema.String),
  width: nullable(Schema.Number),
  height: nullable(Schema.Number),
  fps: nullable(Schema.Number),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Stream}.
 *
 * @example
 * ```ts
 * import type { Video } from "@signalwire-effect/rest"
 *
 * const id = (s: Video.Stream) => s.id
 * ```
 * @since 0.2.0
 */
export type Stream = typeof Stream.Type

/**
 * The body of a stream create or update: the RTMP URL.
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * const body: typeof Video.StreamBody.Type = { url: "rtmp://live.example.com/app/key" }
 * ```
 * @since 0.2.0
 */
export const StreamBody = Schema.Struct({ url: Schema.String.pipe(Schema.pattern(/^rtmps?:\/\//, { message: () => "an rtmp:// or rtmps:// URL" })) })

/**
 * The body of a room token: who joins which room, with which permissions.
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * const body: typeof Video.RoomTokenRequest.Type = { room_name: "standup", user_name: "ada", permissions: ["room.self.audio_mute"] }
 * ```
 * @since 0.2.0
 */
export const RoomTokenRequest = Schema.Struct({
  room_name: nonEmpty,
  user_name: Schema.optional(Schema.String),
  permissions: Schema.optional(Schema.Array(Schema.String)),
  join_from: Schema.optional(Schema.String),
  join_until: Schema.optional(Schema.String),
  remove_at: Schema.optional(Schema.String),
  remove_after_seconds_elapsed: Schema.optional(Schema.Int),
  join_audio_muted: Schema.optional(Schema.Boolean),
  join_video_muted: Schema.optional(Schema.Boolean),
  auto_create_room: Schema.optional(Schema.Boolean),
  enable_room_previews: Schema.optional(Schema.Boolean),
  room_display_name: Schema.optional(Schema.String),
  end_room_session_on_leave: Schema.optional(Schema.Boolean),
  join_as: Schema.optional(Schema.Literal("member", "audience")),
  media_allowed: Schema.optional(Schema.Literal("audio-only", "video-only", "all")),
  room_meta: Schema.optional(Meta),
  meta: Schema.optional(Meta),
  sync_audio_video: Schema.optional(Schema.Boolean)
})

/**
 * A video conference (a room with a UI: theme colours, chat, size).
 *
 * @example
 * ```ts
 * import type { Video } from "@signalwire-effect/rest"
 *
 * const label = (c: Video.Conference) => c.display_name
 * ```
 * @since 0.2.0
 */
export const Conference = Schema.Struct({
  id: Schema.String,
  name: nullable(Schema.String),
  display_name: nullable(Schema.String),
  description: nullable(Schema.String),
  quality: nullable(Schema.String),
  layout: nullable(Schema.String),
  size: nullable(Schema.String),
  enable_chat: nullable(Schema.Boolean),
  active_session: nullable(Schema.Unknown),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Conference}.
 *
 * @example
 * ```ts
 * import type { Video } from "@signalwire-effect/rest"
 *
 * const id = (c: Video.Conference) => c.id
 * ```
 * @since 0.2.0
 */
export type Conference = typeof Conference.Type

const colour = Schema.optional(Schema.String)
const conferenceFields = {
  description: Schema.optional(Schema.String),
  join_from: Schema.optional(Schema.String),
  join_until: Schema.optional(Schema.String),
  quality: Schema.optional(Schema.Literal("720p", "1080p")),
  layout: Schema.optional(Schema.String),
  size: Schema.optional(Schema.Literal("small", "medium", "large")),
  record_on_start: Schema.optional(Schema.Boolean),
  enable_room_previews: Schema.optional(Schema.Boolean),
  enable_chat: Schema.optional(Schema.Boolean),
  dark_primary: colour,
  dark_background: colour,
  dark_foreground: colour,
  dark_success: colour,
  dark_negative: colour,
  light_primary: colour,
  light_background: colour,
  light_foreground: colour,
  light_success: colour,
  light_negative: colour
}

/**
 * The body of a conference create (`display_name` is required).
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * const body: typeof Video.CreateConference.Type = { display_name: "All hands", enable_chat: true }
 * ```
 * @since 0.2.0
 */
export const CreateConference = Schema.Struct({ display_name: nonEmpty, name: Schema.optional(nonEmpty), ...conferenceFields })

/**
 * The body of a conference update (PUT; `display_name` is required).
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * const body: typeof Video.UpdateConference.Type = { display_name: "All hands", size: "large" }
 * ```
 * @since 0.2.0
 */
export const UpdateConference = Schema.Struct({
  display_name: nonEmpty,
  tone_on_entry_and_exit: Schema.optional(Schema.Boolean),
  room_join_video_off: Schema.optional(Schema.Boolean),
  user_join_video_off: Schema.optional(Schema.Boolean),
  ...conferenceFields
})

/**
 * A conference token: a named token (moderator, guest) with its scopes.
 *
 * @example
 * ```ts
 * import type { Video } from "@signalwire-effect/rest"
 *
 * const jwt = (t: Video.ConferenceToken) => t.token
 * ```
 * @since 0.2.0
 */
export const ConferenceToken = Schema.Struct({
  id: Schema.String,
  name: nullable(Schema.String),
  token: Schema.String,
  scopes: nullable(Schema.Array(Schema.String))
}, Extra)

/**
 * A decoded {@link ConferenceToken}.
 *
 * @example
 * ```ts
 * import type { Video } from "@signalwire-effect/rest"
 *
 * const id = (t: Video.ConferenceToken) => t.id
 * ```
 * @since 0.2.0
 */
export type ConferenceToken = typeof ConferenceToken.Type

/**
 * The filters of `rooms.list`.
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * const params: typeof Video.RoomListParams.Type = { include_active_session: true }
 * ```
 * @since 0.2.0
 */
export const RoomListParams = Schema.Struct({
  include_active_session: Schema.optional(Schema.BooleanFromString),
  starts_after: Schema.optional(Schema.String),
  ends_before: Schema.optional(Schema.String),
  ...PageParams.fields
})

const Token = Schema.Struct({ token: Schema.String }, Extra)

/**
 * The `video.rooms` group (update = PUT) with the room's streams.
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * Video.roomsGroup.identifier // "video.rooms"
 * ```
 * @since 0.2.0
 */
export const roomsGroup = HttpApiGroup.make("video.rooms")
  .add(HttpApiEndpoint.get("list", "/api/video/rooms").setUrlParams(RoomListParams).addSuccess(Page(Room)))
  .add(HttpApiEndpoint.post("create", "/api/video/rooms").setPayload(CreateRoom).addSuccess(Room))
  .add(HttpApiEndpoint.get("get", "/api/video/rooms/:id").setPath(IdPath).addSuccess(Room))
  .add(HttpApiEndpoint.put("update", "/api/video/rooms/:id").setPath(IdPath).setPayload(UpdateRoom).addSuccess(Room))
  .add(HttpApiEndpoint.del("delete", "/api/video/rooms/:id").setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
  .add(HttpApiEndpoint.get("listStreams", "/api/video/rooms/:id/streams").setPath(IdPath).setUrlParams(PageParams).addSuccess(Page(Stream)))
  .add(HttpApiEndpoint.post("createStream", "/api/video/rooms/:id/streams").setPath(IdPath).setPayload(StreamBody).addSuccess(Stream, { status: 201 }))

/**
 * The `video.roomTokens` group.
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * Video.roomTokensGroup.identifier // "video.roomTokens"
 * ```
 * @since 0.2.0
 */
export const roomTokensGroup = HttpApiGroup.make("video.roomTokens").add(
  HttpApiEndpoint.post("create", "/api/video/room_tokens").setPayload(RoomTokenRequest).addSuccess(Token)
)

/**
 * The `video.conferences` group (update = PUT) with its tokens and streams.
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * Video.conferencesGroup.identifier // "video.conferences"
 * ```
 * @since 0.2.0
 */
export const conferencesGroup = HttpApiGroup.make("video.conferences")
  .add(HttpApiEndpoint.get("list", "/api/video/conferences").setUrlParams(PageParams).addSuccess(Page(Conference)))
  .add(HttpApiEndpoint.post("create", "/api/video/conferences").setPayload(CreateConference).addSuccess(Conference))
  .add(HttpApiEndpoint.get("get", "/api/video/conferences/:id").setPath(IdPath).addSuccess(Conference))
  .add(HttpApiEndpoint.put("update", "/api/video/conferences/:id").setPath(IdPath).setPayload(UpdateConference).addSuccess(Conference))
  .add(HttpApiEndpoint.del("delete", "/api/video/conferences/:id").setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
  .add(
    HttpApiEndpoint.get("listConferenceTokens", "/api/video/conferences/:id/conference_tokens").setPath(IdPath).setUrlParams(PageParams)
      .addSuccess(Page(ConferenceToken))
  )
  .add(HttpApiEndpoint.get("listStreams", "/api/video/conferences/:id/streams").setPath(IdPath).setUrlParams(PageParams).addSuccess(Page(Stream)))
  .add(HttpApiEndpoint.post("createStream", "/api/video/conferences/:id/streams").setPath(IdPath).setPayload(StreamBody).addSuccess(Stream))

/**
 * The `video.conferenceTokens` group: get one, or reset it (a new token value).
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * Video.conferenceTokensGroup.identifier // "video.conferenceTokens"
 * ```
 * @since 0.2.0
 */
export const conferenceTokensGroup = HttpApiGroup.make("video.conferenceTokens")
  .add(HttpApiEndpoint.get("get", "/api/video/conference_tokens/:id").setPath(IdPath).addSuccess(ConferenceToken))
  .add(HttpApiEndpoint.post("reset", "/api/video/conference_tokens/:id/reset").setPath(IdPath).addSuccess(ConferenceToken))

/**
 * The `video.streams` group (update = PUT).
 *
 * @example
 * ```ts
 * import { Video } from "@signalwire-effect/rest"
 *
 * Video.streamsGroup.identifier // "video.streams"
 * ```
 * @since 0.2.0
 */
export const streamsGroup = HttpApiGroup.make("video.streams")
  .add(HttpApiEndpoint.get("get", "/api/video/streams/:id").setPath(IdPath).addSuccess(Stream))
  .add(HttpApiEndpoint.put("update", "/api/video/streams/:id").setPath(IdPath).setPayload(StreamBody).addSuccess(Stream))
  .add(HttpApiEndpoint.del("delete", "/api/video/streams/:id").setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
