import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { RestError } from "@signalwire-effect/rest"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { withRest } from "./fixtures.js"

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>
const rtmp = "rtmp://live.example.com/app/key"

describe("video", () => {
  it.scoped("rooms: create, get (by id or name), update (PUT), list and paginate, streams, delete; 404, 422, refused bodies", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const room = yield* rest.video.rooms.create({ name: "standup", max_members: 10 })
          expect(room).toMatchObject({ name: "standup", max_members: 10, quality: "720p" })
          yield* rest.video.rooms.create({ name: "retro" })
          expect(yield* Effect.flip(rest.video.rooms.create({ name: "standup" }))).toMatchObject({ status: 422 })
          expect((yield* rest.video.rooms.get("standup")).id).toBe(room.id)
          expect((yield* rest.video.rooms.update(room.id, { quality: "1080p" })).quality).toBe("1080p")
          expect((yield* rest.video.rooms.list({ page_size: 1 })).data.map((r) => r.name)).toEqual(["standup"])
          expect(Chunk.toReadonlyArray(yield* Stream.runCollect(rest.video.rooms.paginate({ page_size: 1 }))).map((r) => r.name)).toEqual(["standup", "retro"])
          const stream = yield* rest.video.rooms.createStream(room.id, { url: rtmp })
          expect(stream).toMatchObject({ url: rtmp, stream_type: "rtmp" })
          expect((yield* rest.video.rooms.listStreams(room.id)).data.map((s) => s.id)).toEqual([stream.id])
          expect(Chunk.size(yield* Stream.runCollect(rest.video.rooms.paginateStreams(room.id)))).toBe(1)
          expect((yield* Effect.flip(rest.video.rooms.createStream(room.id, { url: "http://not-rtmp" })))._tag).toBe("RestValidationError")
          yield* rest.video.rooms.delete(room.id)
          for (const failure of [rest.video.rooms.get(room.id), rest.video.rooms.update(room.id, {}), rest.video.rooms.delete(room.id), rest.video.rooms.listStreams(room.id), rest.video.rooms.createStream(room.id, { url: rtmp })]) {
            expect(yield* Effect.flip(failure)).toMatchObject({ status: 404 })
          }
          // A room's streams go with it.
          expect(yield* Effect.flip(rest.video.streams.get(stream.id))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.video.rooms.create({ name: "" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.slice(0, 5).map((r) => `${r.method} ${r.operation} ${r.status}`)).toEqual([
        "POST video.rooms.create 200",
        "POST video.rooms.create 200",
        "POST video.rooms.create 422",
        "GET video.rooms.get 200",
        "PUT video.rooms.update 200"
      ])
      expect(journal[0]!.body).toEqual({ name: "standup", max_members: 10 })
      expect(journal[3]!.path).toBe("/api/video/rooms/standup")
      expect(journal.find((r) => r.operation === "video.rooms.createStream")).toMatchObject({ status: 201, body: { url: rtmp } })
    }))

  it.scoped("room tokens are JWTs naming the room, the user and the permissions; an unknown room needs auto_create_room", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          yield* rest.video.rooms.create({ name: "standup" })
          const { token } = yield* rest.video.roomTokens.create({ room_name: "standup", user_name: "ada", permissions: ["room.self.audio_mute"] })
          const [header, , signature] = token.split(".")
          expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toEqual({ alg: "HS256", typ: "JWT" })
          expect(Buffer.from(signature!, "base64url")).toHaveLength(32)
          expect(claims(token)).toMatchObject({ typ: "VRT", r: "standup", u: "ada", s: ["room.self.audio_mute"], project_id: "sandbox-project" })
          expect(yield* Effect.flip(rest.video.roomTokens.create({ room_name: "nowhere" }))).toMatchObject({ status: 422 })
          expect(claims((yield* rest.video.roomTokens.create({ room_name: "nowhere", auto_create_room: true })).token).r).toBe("nowhere")
          expect((yield* Effect.flip(rest.video.roomTokens.create({ room_name: "" })))._tag).toBe("RestValidationError")
        }))
      expect((yield* sandbox.rest.journal).filter((r) => r.operation === "video.roomTokens.create").map((r) => r.status)).toEqual([200, 422, 200])
    }))

  it.scoped("conferences: CRUD (PUT), their moderator and guest tokens (get, reset), streams (get, update, delete)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const conf = yield* rest.video.conferences.create({ display_name: "All Hands", enable_chat: true })
          expect(conf).toMatchObject({ name: "all-hands", display_name: "All Hands", enable_chat: true })
          expect(yield* Effect.flip(rest.video.conferences.create({ display_name: "All Hands" }))).toMatchObject({ status: 422 })
          expect((yield* rest.video.conferences.get(conf.id)).id).toBe(conf.id)
          expect((yield* rest.video.conferences.update(conf.id, { display_name: "All Hands", size: "large" })).size).toBe("large")
          expect((yield* rest.video.conferences.list()).data).toHaveLength(1)
          expect(Chunk.size(yield* Stream.runCollect(rest.video.conferences.paginate()))).toBe(1)
          const tokens = (yield* rest.video.conferences.listConferenceTokens(conf.id)).data
          expect(tokens.map((t) => t.name)).toEqual(["Moderator", "Guest"])
          expect(Chunk.size(yield* Stream.runCollect(rest.video.conferences.paginateConferenceTokens(conf.id, { page_size: 1 })))).toBe(2)
          const moderator = yield* rest.video.conferenceTokens.get(tokens[0]!.id)
          expect(claims(moderator.token)).toMatchObject({ conference_id: conf.id, s: expect.arrayContaining(["room.member.remove"]) })
          const reset = yield* rest.video.conferenceTokens.reset(moderator.id)
          expect(reset.token).not.toBe(moderator.token)
          expect((yield* rest.video.conferenceTokens.get(moderator.id)).token).toBe(reset.token)
          expect(yield* Effect.flip(rest.video.conferenceTokens.get("missing"))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(rest.video.conferenceTokens.reset("missing"))).toMatchObject({ status: 404 })

          const stream = yield* rest.video.conferences.createStream(conf.id, { url: rtmp })
          expect((yield* rest.video.conferences.listStreams(conf.id)).data).toHaveLength(1)
          expect(Chunk.size(yield* Stream.runCollect(rest.video.conferences.paginateStreams(conf.id)))).toBe(1)
          expect((yield* rest.video.streams.get(stream.id)).url).toBe(rtmp)
          expect((yield* rest.video.streams.update(stream.id, { url: "rtmps://other.example.com/k" })).url).toBe("rtmps://other.example.com/k")
          yield* rest.video.streams.delete(stream.id)
          for (const failure of [rest.video.streams.get(stream.id), rest.video.streams.update(stream.id, { url: rtmp }), rest.video.streams.delete(stream.id)]) {
            expect(yield* Effect.flip(failure)).toMatchObject({ status: 404 })
          }
          yield* rest.video.conferences.delete(conf.id)
          for (const failure of [rest.video.conferences.get(conf.id), rest.video.conferences.update(conf.id, { display_name: "x" }), rest.video.conferences.delete(conf.id), rest.video.conferences.listConferenceTokens(conf.id), rest.video.conferences.listStreams(conf.id), rest.video.conferences.createStream(conf.id, { url: rtmp })]) {
            expect(yield* Effect.flip(failure)).toMatchObject({ status: 404 })
          }
          expect(yield* Effect.flip(rest.video.conferenceTokens.get(moderator.id))).toMatchObject({ status: 404 })
          expect((yield* Effect.flip(rest.video.conferences.update(conf.id, { display_name: "" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "video.conferences.update")).toMatchObject({ method: "PUT", body: { display_name: "All Hands", size: "large" } })
      expect(journal.find((r) => r.operation === "video.conferenceTokens.reset")).toMatchObject({ method: "POST", path: expect.stringMatching(/\/reset$/) })
      expect(journal.find((r) => r.operation === "video.streams.update")).toMatchObject({ method: "PUT", body: { url: "rtmps://other.example.com/k" } })
    }))

  it.scoped("a room run: its session (filtered by room and status), members, events, recording (with events, deletable) and log", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          yield* rest.video.rooms.create({ name: "standup" })
          yield* rest.video.rooms.create({ name: "retro" })
          const run = yield* sandbox.rest.videoSession({ room: "standup", members: ["ada", "grace"], record: true, seconds: 120 })
          yield* sandbox.rest.videoSession({ room: "retro", members: ["linus"] })
          expect((yield* rest.video.roomSessions.list()).data).toHaveLength(2)
          const [session] = (yield* rest.video.roomSessions.list({ room_name: "standup", status: "completed" })).data
          expect(session).toMatchObject({ id: run.sessionId, name: "standup", status: "completed", duration: 120 })
          expect(session!.cost_in_dollars).toBeCloseTo(2 * 2 * 0.0035, 6)
          expect((yield* rest.video.roomSessions.list({ status: "in-progress" })).data).toHaveLength(0)
          expect(Chunk.size(yield* Stream.runCollect(rest.video.roomSessions.paginate({ page_size: 1 })))).toBe(2)
          expect((yield* rest.video.roomSessions.get(run.sessionId)).id).toBe(run.sessionId)
          expect((yield* rest.video.roomSessions.listMembers(run.sessionId)).data.map((m) => m.name)).toEqual(["ada", "grace"])
          expect(Chunk.size(yield* Stream.runCollect(rest.video.roomSessions.paginateMembers(run.sessionId, { page_size: 1 })))).toBe(2)
          const events = (yield* rest.video.roomSessions.listEvents(run.sessionId)).data.map((e) => e.name)
          expect(events).toEqual(["room.started", "member.joined", "member.left", "member.joined", "member.left", "recording.started", "recording.ended", "room.ended"])
          expect(Chunk.size(yield* Stream.runCollect(rest.video.roomSessions.paginateEvents(run.sessionId)))).toBe(8)
          const [recording] = (yield* rest.video.roomSessions.listRecordings(run.sessionId)).data
          expect(recording).toMatchObject({ id: run.recordingId, duration: 120, format: "mp4", status: "completed" })
          expect(Chunk.size(yield* Stream.runCollect(rest.video.roomSessions.paginateRecordings(run.sessionId)))).toBe(1)

          expect((yield* rest.video.roomRecordings.list()).data).toHaveLength(1)
          expect(Chunk.size(yield* Stream.runCollect(rest.video.roomRecordings.paginate()))).toBe(1)
          expect((yield* rest.video.roomRecordings.get(run.recordingId!)).room_session_id).toBe(run.sessionId)
          expect((yield* rest.video.roomRecordings.listEvents(run.recordingId!)).data.map((e) => e.name)).toEqual(["recording.started", "recording.ended"])
          expect(Chunk.size(yield* Stream.runCollect(rest.video.roomRecordings.paginateEvents(run.recordingId!)))).toBe(2)
          yield* rest.video.roomRecordings.delete(run.recordingId!)
          for (const failure of [rest.video.roomRecordings.get(run.recordingId!), rest.video.roomRecordings.delete(run.recordingId!), rest.video.roomRecordings.listEvents(run.recordingId!)]) {
            expect(yield* Effect.flip(failure)).toMatchObject({ status: 404 })
          }

          const logs = (yield* rest.video.logs.list()).data
          expect(logs.map((l) => l.room_name)).toEqual(["standup", "retro"])
          expect(Chunk.size(yield* Stream.runCollect(rest.video.logs.paginate({ page_size: 1 })))).toBe(2)
          expect(yield* rest.video.logs.get(run.sessionId)).toMatchObject({ type: "video_room_session", status: "completed" })
          expect(yield* Effect.flip(rest.video.logs.get("missing"))).toMatchObject({ status: 404 })
          const failures: ReadonlyArray<Effect.Effect<unknown, RestError.RestError>> = [
            rest.video.roomSessions.get("missing"),
            rest.video.roomSessions.listEvents("missing"),
            rest.video.roomSessions.listMembers("missing"),
            rest.video.roomSessions.listRecordings("missing")
          ]
          for (const failure of failures) {
            expect(yield* Effect.flip(failure)).toMatchObject({ status: 404 })
          }
        }))
      expect(yield* Effect.flip(sandbox.rest.videoSession({ room: "nowhere", members: [] }))).toMatchObject({ _tag: "NoSuchElementException" })
      const journal = yield* sandbox.rest.journal
      expect(journal.find((r) => r.operation === "video.roomSessions.list" && r.query.room_name !== undefined)).toMatchObject({
        path: "/api/video/room_sessions",
        query: { room_name: "standup", status: "completed" }
      })
      expect(journal.find((r) => r.operation === "video.logs.list")).toMatchObject({ method: "GET", path: "/api/video/logs", status: 200 })
    }))
})
