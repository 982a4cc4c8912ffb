import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { COMPAT_BASE, FORM, compatError, withRest } from "./fixtures.js"

const BASE = COMPAT_BASE

describe("compat faxes", () => {
  it.scoped("send, get, list, media; a queued fax is canceled before it (or its media) can be deleted", () =>
    Effect.gen(function*() {
      // The simulation on the TestClock: the faxes stay queued (nothing sends them) while this runs.
      const sandbox = yield* RelaySandbox.make({ clock: "inherit" })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const fx = rest.compat.faxes
          const fax = yield* fx.create({ To: "+15550001111", From: "+15551234567", MediaUrl: "https://example.com/doc.pdf", Quality: "superfine" })
          expect(fax).toMatchObject({ status: "queued", direction: "outbound", quality: "superfine", media_url: "https://example.com/doc.pdf" })
          expect(yield* fx.get(fax.sid)).toMatchObject({ sid: fax.sid, links: { media: `${BASE}/Faxes/${fax.sid}/Media` } })
          expect(fax).not.toHaveProperty("id")
          const media = yield* fx.listMedia(fax.sid)
          expect(media.media).toEqual(media.fax_media)
          const [item] = media.media
          expect(item).toMatchObject({ fax_sid: fax.sid, content_type: "application/pdf", url: "https://example.com/doc.pdf" })
          expect(yield* fx.getMedia(fax.sid, item!.sid)).toEqual(item)
          expect(yield* Effect.flip(fx.delete(fax.sid))).toMatchObject(compatError(409, 20009))
          expect(yield* Effect.flip(fx.deleteMedia(fax.sid, item!.sid))).toMatchObject(compatError(409, 20009))
          expect((yield* fx.update(fax.sid, { Status: "canceled" })).status).toBe("canceled")
          expect(yield* Effect.flip(fx.update(fax.sid, { Status: "canceled" }))).toMatchObject(compatError(422, 10000))
          yield* fx.deleteMedia(fax.sid, item!.sid)
          expect(yield* Effect.flip(fx.getMedia(fax.sid, item!.sid))).toMatchObject(compatError(404, 20404))
          expect((yield* fx.listMedia(fax.sid)).media).toEqual([])
          const second = yield* fx.create({ To: "+15550002222", From: "+15551234567", MediaUrl: "https://example.com/2.pdf" })
          expect((yield* fx.list({ To: "+15550002222" })).faxes.map((f) => f.sid)).toEqual([second.sid])
          expect(Chunk.toReadonlyArray(yield* Stream.runCollect(fx.paginate({ PageSize: 1 }))).map((f) => f.sid)).toEqual([fax.sid, second.sid])
          yield* fx.delete(fax.sid)
          expect(yield* Effect.flip(fx.get(fax.sid))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(fx.listMedia(fax.sid))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(fx.create({ To: "+15550001111", From: "+15550000000", MediaUrl: "https://example.com/x.pdf" })))
            .toMatchObject(compatError(422, 21210))
          expect((yield* Effect.flip(fx.create({ To: "+15550001111", From: "+15551234567", MediaUrl: "doc.pdf" })))._tag).toBe(
            "RestValidationError"
          )
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal[0]).toMatchObject({ operation: "compatFaxes.create", path: `${BASE}/Faxes`, contentType: FORM, status: 200 })
      expect(Object.fromEntries(new URLSearchParams(journal[0]!.body as string))).toEqual({
        To: "+15550001111",
        From: "+15551234567",
        MediaUrl: "https://example.com/doc.pdf",
        Quality: "superfine"
      })
      expect(journal.find((r) => r.operation === "compatFaxes.update")).toMatchObject({ body: "Status=canceled", contentType: FORM })
    }))
})

describe("compat queues, recordings, transcriptions, conferences (nothing running)", () => {
  it.scoped("queues are the relay-REST queues: create over compat, read over both, update (POST), delete; members 404", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const qu = rest.compat.queues
          const queue = yield* qu.create({ FriendlyName: "support", MaxSize: 10 })
          expect(queue).toMatchObject({ friendly_name: "support", max_size: 10, current_size: 0, uri: `${BASE}/Queues/${queue.sid}` })
          expect(yield* rest.queues.get(queue.sid)).toMatchObject({ id: queue.sid, friendly_name: "support", max_size: 10 })
          expect(yield* Effect.flip(qu.create({ FriendlyName: "support" }))).toMatchObject(compatError(400, 20002))
          expect((yield* qu.update(queue.sid, { FriendlyName: "sales", MaxSize: 20 }))).toMatchObject({ friendly_name: "sales", max_size: 20 })
          const relay = yield* rest.queues.create({ name: "billing" })
          expect((yield* qu.get(relay.id)).friendly_name).toBe("billing")
          expect(Chunk.toReadonlyArray(yield* Stream.runCollect(qu.paginate({ PageSize: 1 }))).map((q) => q.friendly_name)).toEqual(["sales", "billing"])
          expect((yield* qu.listMembers(queue.sid)).queue_members).toEqual([])
          expect(yield* Effect.flip(qu.getMember(queue.sid, "c1"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(qu.dequeueMember(queue.sid, "c1", { Url: "https://example.com/agent.xml" }))).toMatchObject(
            compatError(404, 20404)
          )
          yield* qu.delete(queue.sid)
          expect(yield* Effect.flip(qu.get(queue.sid))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(rest.queues.get(queue.sid))).toMatchObject({ status: 404 })
          expect(yield* Effect.flip(qu.update(queue.sid, { FriendlyName: "x" }))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(qu.delete(queue.sid))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(qu.listMembers(queue.sid))).toMatchObject(compatError(404, 20404))
          expect((yield* Effect.flip(qu.create({ FriendlyName: "has space" })))._tag).toBe("RestValidationError")
        }))
      const create = (yield* sandbox.rest.journal)[0]!
      expect(create).toMatchObject({ operation: "compatQueues.create", contentType: FORM, body: "FriendlyName=support&MaxSize=10", status: 201 })
    }))

  it.scoped("recordings, transcriptions and conferences list empty and 404 on unknown sids", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const c = rest.compat
          expect((yield* c.recordings.list({ CallSid: "x" })).recordings).toEqual([])
          expect(yield* Effect.flip(c.recordings.get("r1"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.recordings.delete("r1"))).toMatchObject(compatError(404, 20404))
          expect((yield* c.transcriptions.list()).transcriptions).toEqual([])
          expect(yield* Effect.flip(c.transcriptions.get("t1"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.transcriptions.delete("t1"))).toMatchObject(compatError(404, 20404))
          expect((yield* c.conferences.list({ Status: "in-progress" })).conferences).toEqual([])
          expect(yield* Effect.flip(c.conferences.get("cf"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.update("cf", { Status: "completed" }))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.listParticipants("cf"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.getParticipant("cf", "c1"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.updateParticipant("cf", "c1", { Muted: true }))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.removeParticipant("cf", "c1"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.listRecordings("cf"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.getRecording("cf", "r1"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.updateRecording("cf", "r1", { Status: "paused" }))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.deleteRecording("cf", "r1"))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.startStream("cf", { Url: "wss://example.com/media" }))).toMatchObject(compatError(404, 20404))
          expect(yield* Effect.flip(c.conferences.stopStream("cf", "s1"))).toMatchObject(compatError(404, 20404))
          expect((yield* Effect.flip(c.conferences.startStream("cf", { Url: "https://example.com" })))._tag).toBe("RestValidationError")
        }))
      const journal = yield* sandbox.rest.journal
      expect(journal.map((r) => `${r.method} ${r.path.replace(BASE, "")}`)).toEqual([
        "GET /Recordings",
        "GET /Recordings/r1",
        "DELETE /Recordings/r1",
        "GET /Transcriptions",
        "GET /Transcriptions/t1",
        "DELETE /Transcriptions/t1",
        "GET /Conferences",
        "GET /Conferences/cf",
        "POST /Conferences/cf",
        "GET /Conferences/cf/Participants",
        "GET /Conferences/cf/Participants/c1",
        "POST /Conferences/cf/Participants/c1",
        "DELETE /Conferences/cf/Participants/c1",
        "GET /Conferences/cf/Recordings",
        "GET /Conferences/cf/Recordings/r1",
        "POST /Conferences/cf/Recordings/r1",
        "DELETE /Conferences/cf/Recordings/r1",
        "POST /Conferences/cf/Streams",
        "POST /Conferences/cf/Streams/s1"
      ])
      expect(journal[0]!.query).toEqual({ CallSid: "x" })
      expect(journal.find((r) => r.path.endsWith("/Streams/s1"))).toMatchObject({ contentType: FORM, body: "Status=stopped" })
      expect(journal.find((r) => r.path.endsWith("/Participants/c1") && r.method === "POST")).toMatchObject({ body: "Muted=true" })
    }))
})
