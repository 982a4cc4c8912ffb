/**
 * The Video groups of the REST API in the sandbox: rooms (found by id or by name, as the platform
 * does), their streams, room tokens (JWTs signed with the sandbox's key, naming the room, the user
 * and the permissions), conferences with their moderator and guest tokens, streams, and what
 * {@link VideoGroups.simulateSession} records of a room run: the session, its members, events,
 * recording, and the video log.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { RestApi } from "@signalwire-effect/rest"
import { uuid } from "../sim.js"
import type * as Jwt from "./jwt.js"
import { Collection, type Json, page } from "./store.js"

export interface VideoEnv {
  readonly project: string
  readonly iso: () => string
  readonly now: () => number
  readonly where: (path: string, filters?: Record<string, string>) => { readonly origin: string; readonly path: string }
  readonly signer: Jwt.Signer
}

/** One run of a room: who joined, and whether it was recorded. */
export interface SessionRun {
  readonly room: string
  readonly members: ReadonlyArray<string>
  readonly record?: boolean | undefined
  /** How long the run lasted; 60 seconds by default. */
  readonly seconds?: number | undefined
}

const notFound = Effect.fail({ error: "Not Found" as const })
const unprocessable = (detail: string) =>
  Effect.fail({ errors: [{ code: "invalid_parameter", title: "Invalid Parameter", detail, status: "422" }] })
const out = (value: unknown): never => value as never
const found = (value: Json | undefined) => (value === undefined ? notFound : Effect.succeed(out(value)))
const PRICE_PER_MEMBER_MINUTE = 0.0035

export const groups = (env: VideoEnv) => {
  const { iso, where, signer } = env
  const rooms = new Collection()
  const streams = new Collection()
  const conferences = new Collection()
  const conferenceTokens = new Collection()
  const sessions = new Collection()
  const members = new Collection()
  const events = new Collection()
  const recordings = new Collection()
  const logs = new Collection()
  const seconds = () => Math.floor(env.now() / 1000)

  const roomOf = (idOrName: string) => rooms.get(idOrName) ?? rooms.values().find((r) => r.name === idOrName)
  const streamsOf = (owner: string) => streams.values().filter((s) => s.owner_id === owner)
  const streamJson = (s: Json) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== "owner_id"))
  const newStream = (owner: string, url: string) => {
    const at = iso()
    return streamJson(streams.put({ id: uuid(), owner_id: owner, url, stream_type: "rtmp", width: 1280, height: 720, fps: 20, created_at: at, updated_at: at }))
  }
  const dropStreams = (owner: string) => streamsOf(owner).forEach((s) => streams.delete(String(s.id)))

  const roomGroup = HttpApiBuilder.group(RestApi.api, "video.rooms", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(rooms.values(), urlParams, where("/api/video/rooms")))))
      .handle("create", ({ payload }) => {
        if (roomOf(payload.name) !== undefined) return unprocessable(`a room named ${payload.name} exists`)
        const at = iso()
        return Effect.succeed(out(rooms.put({
          id: uuid(),
          display_name: payload.name,
          description: null,
          max_members: 20,
          quality: "720p",
          fps: 20,
          join_from: null,
          join_until: null,
          remove_at: null,
          remove_after_seconds_elapsed: null,
          layout: "grid-responsive",
          record_on_start: false,
          tone_on_entry_and_exit: true,
          room_join_video_off: false,
          user_join_video_off: false,
          enable_room_previews: false,
          sync_audio_video: true,
          meta: {},
          prioritize_handraise: false,
          active_session: null,
          ...payload,
          created_at: at,
          updated_at: at
        })))
      })
      .handle("get", ({ path }) => found(roomOf(path.id)))
      .handle("update", ({ path, payload }) => {
        const r = roomOf(path.id)
        return r === undefined ? notFound : Effect.succeed(out(rooms.put({ ...r, ...payload, id: String(r.id), updated_at: iso() })))
      })
      .handle("delete", ({ path }) => {
        const r = roomOf(path.id)
        if (r === undefined) return notFound
        rooms.delete(String(r.id))
        dropStreams(String(r.id))
        return Effect.void
      })
      .handle("listStreams", ({ path, urlParams }) => {
        const r = roomOf(path.id)
        return r === undefined
          ? notFound
          : Effect.succeed(out(page(streamsOf(String(r.id)).map(streamJson), urlParams, where(`/api/video/rooms/${path.id}/streams`))))
      })
      .handle("createStream", ({ path, payload }) => {
        const r = roomOf(path.id)
        return r === undefined ? notFound : Effect.succeed(out(newStream(String(r.id), payload.url)))
      }))

  const roomTokens = HttpApiBuilder.group(RestApi.api, "video.roomTokens", (h) =>
    h.handle("create", ({ payload }) => {
      if (roomOf(payload.room_name) === undefined && payload.auto_create_room !== true) {
        return unprocessable(`room ${payload.room_name} does not exist (set auto_create_room to make it on join)`)
      }
      return Effect.succeed(out({
        token: signer.sign({
          typ: "VRT",
          iat: seconds(),
          jti: uuid(),
          project_id: env.project,
          r: payload.room_name,
          u: payload.user_name ?? "guest",
          s: payload.permissions ?? [],
          ja: payload.join_as ?? "member",
          ...(payload.meta === undefined ? {} : { mta: payload.meta })
        })
      }))
    }))

  const token = (conferenceId: string, name: string, scopes: ReadonlyArray<string>) =>
    conferenceTokens.put({
      id: uuid(),
      conference_id: conferenceId,
      name,
      scopes,
      token: signer.sign({ typ: "VRT", iat: seconds(), jti: uuid(), conference_id: conferenceId, s: scopes })
    })
  const tokenJson = (t: Json) => Object.fromEntries(Object.entries(t).filter(([k]) => k !== "conference_id"))
  const conferenceGroup = HttpApiBuilder.group(RestApi.api, "video.conferences", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(conferences.values(), urlParams, where("/api/video/conferences")))))
      .handle("create", ({ payload }) => {
        const at = iso()
        const id = uuid()
        const name = payload.name ?? (payload.display_name.toLowerCase().replace(/[^a-z0-9]+/g, "-") || id)
        if (conferences.values().some((c) => c.name === name)) return unprocessable(`a conference named ${name} exists`)
        token(id, "Moderator", ["room.member.audio_mute", "room.member.remove", "room.recording"])
        token(id, "Guest", ["room.self.audio_mute", "room.self.video_mute"])
        return Effect.succeed(out(conferences.put({
          id,
          description: null,
          quality: "720p",
          layout: "grid-responsive",
          size: "medium",
          record_on_start: false,
          enable_chat: true,
          enable_room_previews: false,
          meta: {},
          active_session: null,
          ...payload,
          name,
          created_at: at,
          updated_at: at
        })))
      })
      .handle("get", ({ path }) => found(conferences.get(path.id)))
      .handle("update", ({ path, payload }) => {
        const c = conferences.get(path.id)
        return c === undefined ? notFound : Effect.succeed(out(conferences.put({ ...c, ...payload, id: path.id, updated_at: iso() })))
      })
      .handle("delete", ({ path }) => {
        if (!conferences.delete(path.id)) return notFound
        dropStreams(path.id)
        conferenceTokens.values().filter((t) => t.conference_id === path.id).forEach((t) => conferenceTokens.delete(String(t.id)))
        return Effect.void
      })
      .handle("listConferenceTokens", ({ path, urlParams }) =>
        conferences.get(path.id) === undefined
          ? notFound
          : Effect.succeed(out(page(
            conferenceTokens.values().filter((t) => t.conference_id === path.id).map(tokenJson),
            urlParams,
            where(`/api/video/conferences/${path.id}/conference_tokens`)
          ))))
      .handle("listStreams", ({ path, urlParams }) =>
        conferences.get(path.id) === undefined
          ? notFound
          : Effect.succeed(out(page(streamsOf(path.id).map(streamJson), urlParams, where(`/api/video/conferences/${path.id}/streams`)))))
      .handle("createStream", ({ path, payload }) =>
        conferences.get(path.id) === undefined ? notFound : Effect.succeed(out(newStream(path.id, payload.url)))))

  const conferenceTokenGroup = HttpApiBuilder.group(RestApi.api, "video.conferenceTokens", (h) =>
    h
      .handle("get", ({ path }) => {
        const t = conferenceTokens.get(path.id)
        return t === undefined ? notFound : Effect.succeed(out(tokenJson(t)))
      })
      .handle("reset", ({ path }) => {
        const t = conferenceTokens.get(path.id)
        if (t === undefined) return notFound
        const scopes = (t.scopes ?? []) as ReadonlyArray<string>
        const fresh = signer.sign({ typ: "VRT", iat: seconds(), jti: uuid(), conference_id: t.conference_id, s: scopes })
        return Effect.succeed(out(tokenJson(conferenceTokens.put({ ...t, id: path.id, token: fresh }))))
      }))

  const streamGroup = HttpApiBuilder.group(RestApi.api, "video.streams", (h) =>
    h
      .handle("get", ({ path }) => {
        const s = streams.get(path.id)
        return s === undefined ? notFound : Effect.succeed(out(streamJson(s)))
      })
      .handle("update", ({ path, payload }) => {
        const s = streams.get(path.id)
        return s === undefined ? notFound : Effect.succeed(out(streamJson(streams.put({ ...s, id: path.id, url: payload.url, updated_at: iso() }))))
      })
      .handle("delete", ({ path }) => (streams.delete(path.id) ? Effect.void : notFound)))

  const sessionGroup = HttpApiBuilder.group(RestApi.api, "video.roomSessions", (h) =>
    h
      .handle("list", ({ urlParams }) => {
        const items = sessions.values().filter((s) =>
          (urlParams.room_name === undefined || s.name === urlParams.room_name) &&
          (urlParams.status === undefined || s.status === urlParams.status)
        )
        const filters: Record<string, string> = {}
        if (urlParams.room_name !== undefined) filters.room_name = urlParams.room_name
        if (urlParams.status !== undefined) filters.status = urlParams.status
        return Effect.succeed(out(page(items, urlParams, where("/api/video/room_sessions", filters))))
      })
      .handle("get", ({ path }) => found(sessions.get(path.id)))
      .handle("listEvents", ({ path, urlParams }) =>
        sessions.get(path.id) === undefined
          ? notFound
          : Effect.succeed(out(page(events.values().filter((e) => e.room_session_id === path.id), urlParams, where(`/api/video/room_sessions/${path.id}/events`)))))
      .handle("listMembers", ({ path, urlParams }) =>
        sessions.get(path.id) === undefined
          ? notFound
          : Effect.succeed(out(page(members.values().filter((m) => m.room_session_id === path.id), urlParams, where(`/api/video/room_sessions/${path.id}/members`)))))
      .handle("listRecordings", ({ path, urlParams }) =>
        sessions.get(path.id) === undefined
          ? notFound
          : Effect.succeed(out(page(recordings.values().filter((r) => r.room_session_id === path.id), urlParams, where(`/api/video/room_sessions/${path.id}/recordings`))))))

  const recordingGroup = HttpApiBuilder.group(RestApi.api, "video.roomRecordings", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(recordings.values(), urlParams, where("/api/video/room_recordings")))))
      .handle("get", ({ path }) => found(recordings.get(path.id)))
      .handle("delete", ({ path }) => (recordings.delete(path.id) ? Effect.void : notFound))
      .handle("listEvents", ({ path, urlParams }) =>
        recordings.get(path.id) === undefined
          ? notFound
          : Effect.succeed(out(page(
            events.values().filter((e) => e.room_recording_id === path.id),
            urlParams,
            where(`/api/video/room_recordings/${path.id}/events`)
          )))))

  const logGroup = HttpApiBuilder.group(RestApi.api, "video.logs", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(logs.values(), urlParams, where("/api/video/logs")))))
      .handle("get", ({ path }) => found(logs.get(path.id))))

  /** Records a finished run of a room as the platform would: session, members, events, recording, log. */
  const simulateSession = (run: SessionRun): { readonly sessionId: string; readonly recordingId: string | undefined } | undefined => {
    const room = roomOf(run.room)
    if (room === undefined) return undefined
    const duration = run.seconds ?? 60
    const start = new Date(env.now() - duration * 1000).toISOString()
    const end = iso()
    const sessionId = uuid()
    const cost = Math.round(run.members.length * (duration / 60) * PRICE_PER_MEMBER_MINUTE * 10_000) / 10_000
    const event = (name: string, payload: Json, recordingId: string | null = null) =>
      events.put({
        id: uuid(),
        project_id: env.project,
        room_id: room.id,
        room_session_id: sessionId,
        room_recording_id: recordingId,
        room_participant_id: typeof payload.member_id === "string" ? payload.member_id : null,
        level: "info",
        name,
        payload,
        created_at: end
      })
    sessions.put({
      id: sessionId,
      room_id: room.id,
      name: room.name,
      display_name: room.display_name ?? room.name,
      status: "completed",
      start_time: start,
      end_time: end,
      duration,
      cost_in_dollars: cost,
      created_at: start,
      updated_at: end
    })
    event("room.started", { room_name: room.name })
    for (const name of run.members) {
      const member = members.put({ id: uuid(), room_session_id: sessionId, name, join_time: start, leave_time: end, duration, cost_in_dollars: Math.round((duration / 60) * PRICE_PER_MEMBER_MINUTE * 10_000) / 10_000 })
      event("member.joined", { member_id: member.id, name })
      event("member.left", { member_id: member.id, name })
    }
    let recordingId: string | undefined
    if (run.record === true) {
      recordingId = uuid()
      recordings.put({
        id: recordingId,
        room_session_id: sessionId,
        status: "completed",
        started_at: start,
        finished_at: end,
        duration,
        size_in_bytes: duration * 125_000,
        format: "mp4",
        cost_in_dollars: Math.round(duration * 0.0005 * 10_000) / 10_000,
        uri: `${where(`/api/video/room_recordings/${recordingId}`).origin}/media/recordings/${recordingId}.mp4`,
        created_at: end,
        updated_at: end
      })
      event("recording.started", {}, recordingId)
      event("recording.ended", { duration }, recordingId)
    }
    event("room.ended", { room_name: room.name })
    logs.put({
      id: sessionId,
      source: "realtime_api",
      type: "video_room_session",
      url: null,
      room_name: room.name,
      status: "completed",
      locked: false,
      started_at: start,
      ended_at: end,
      charge: cost,
      created_at: end,
      charge_details: [{ description: "Video room session", charge: cost }]
    })
    return { sessionId, recordingId }
  }

  return {
    layers: [roomGroup, roomTokens, conferenceGroup, conferenceTokenGroup, streamGroup, sessionGroup, recordingGroup, logGroup] as const,
    simulateSession
  }
}

export type VideoGroups = ReturnType<typeof groups>
