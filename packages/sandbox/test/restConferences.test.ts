import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { RestClient } from "@signalwire-effect/rest"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { cxmlServer, xml } from "./fixtures/cxmlServer.js"
import { answered, ids } from "./fixtures/answered.js"
import { sandboxCredentials, session } from "./rawClient.js"

const restOf = (sandbox: RelaySandbox.Sandbox, token = sandboxCredentials.token) =>
  Effect.provide(
    RestClient.RestClient,
    RestClient.layer({ project: sandboxCredentials.project, token, baseUrl: sandbox.rest.baseUrl }).pipe(Layer.provide(FetchHttpClient.layer))
  )

const poll = <A, E>(get: Effect.Effect<A, E>, until: (a: A) => boolean) =>
  get.pipe(Effect.repeat({ until, schedule: Schedule.spaced("10 millis").pipe(Schedule.intersect(Schedule.recurs(500))) }), Effect.zipRight(get))

describe("conference logs and conference recordings", () => {
  it.scopedLive("a RELAY conference recorded from its start: the log, the compat and REST recordings, the recording status callbacks", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const rest = yield* restOf(sandbox)
      const receiver = yield* cxmlServer({ "/recording": () => "" })
      const { client } = yield* session(sandbox)
      const first = yield* answered(sandbox, client, "+15551110001")
      const second = yield* answered(sandbox, client, "+15551110002")
      const joined = yield* client.request("calling.join_conference", {
        ...ids(first),
        name: "board",
        max_participants: 10,
        record: "record-from-start",
        recording_status_callback: receiver.url("/recording"),
        recording_status_callback_event: "in-progress completed"
      })
      expect(joined.result.code).toBe("200")
      yield* client.request("calling.join_conference", { ...ids(second), name: "board" })
      const sid = joined.result.conference_id as string

      const started = yield* receiver.waitFor((h) => h.form.RecordingStatus === "in-progress")
      expect(started.form).toMatchObject({ AccountSid: sandboxCredentials.project, ConferenceSid: sid, RecordingChannels: "1" })
      const recordingSid = started.form.RecordingSid!

      const live = yield* poll(rest.logs.conferences.list(), (p) => p.data[0]?.current_participants === 2)
      expect(live.data).toEqual([{
        id: sid,
        created_at: expect.any(String),
        updated_at: expect.any(String),
        project_id: sandboxCredentials.project,
        region: "us",
        name: "board",
        status: "in-progress",
        max_size: 10,
        current_participants: 2,
        type: "relay_conference",
        recording_url: null,
        recording_duration: null,
        recording_file_size: null
      }])
      expect((yield* rest.compat.conferences.listRecordings(sid)).recordings).toMatchObject([{ sid: recordingSid, conference_sid: sid, status: "in-progress" }])

      yield* sandbox.calls.hangup(first.callId)
      yield* sandbox.calls.hangup(second.callId)
      const completed = yield* receiver.waitFor((h) => h.form.RecordingStatus === "completed")
      expect(completed.method).toBe("POST")
      expect(completed.form).toMatchObject({
        ConferenceSid: sid,
        RecordingSid: recordingSid,
        RecordingUrl: `https://sandbox.invalid/recordings/${recordingSid}.mp3`,
        RecordingDuration: expect.stringMatching(/^\d+$/)
      })

      const recording = yield* rest.compat.conferences.getRecording(sid, recordingSid)
      expect(recording).toMatchObject({ sid: recordingSid, conference_sid: sid, call_sid: null, status: "completed", media_url: completed.form.RecordingUrl })
      expect((yield* rest.compat.recordings.list({ ConferenceSid: sid })).recordings.map((r) => r.sid)).toEqual([recordingSid])
      expect(yield* rest.recordings.get(recordingSid)).toMatchObject({ id: recordingSid, status: "completed", conference_sid: sid })
      const [ended] = (yield* rest.logs.conferences.list()).data
      expect(ended).toMatchObject({ id: sid, status: "completed", current_participants: 0, recording_url: completed.form.RecordingUrl })
      expect(ended!.recording_duration).toBe(Number(completed.form.RecordingDuration))
      expect((yield* rest.compat.conferences.get(sid)).status).toBe("completed")
      // Another conference's recording is not this one's.
      expect(yield* Effect.flip(rest.compat.conferences.getRecording("elsewhere", recordingSid))).toMatchObject({ status: 404, body: { code: 20404 } })

      const journal = yield* sandbox.rest.journal
      expect(journal.filter((r) => r.operation === "logs.listConferences").every((r) => r.method === "GET" && r.path === "/api/logs/conferences" && r.status === 200)).toBe(true)
    }))

  it.scopedLive("a cXML <Conference record=\"record-from-start\">: signed recording status callbacks to a relative URL, the compat recording, maxParticipants in the log", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const rest = yield* restOf(sandbox)
      const app = yield* cxmlServer({
        "/room": () =>
          xml(
            `<Dial><Conference record="record-from-start" recordingStatusCallback="/recording" recordingStatusCallbackEvent="in-progress completed" maxParticipants="5">studio</Conference></Dial>`
          ),
        "/recording": () => ""
      }, { signingKey: sandbox.swml.signingKey })
      yield* sandbox.calls.script("+15550004002", { outcome: "answer" })
      const call = yield* rest.compat.calls.create({ To: "+15550004002", From: "+15551234567", Url: app.url("/room") })

      const started = yield* app.waitFor((h) => h.path === "/recording" && h.form.RecordingStatus === "in-progress")
      expect(started.method).toBe("POST")
      expect(started.signatureValid).toBe(true)
      const conferenceSid = started.form.ConferenceSid!
      const recordingSid = started.form.RecordingSid!
      expect((yield* rest.compat.conferences.list({ FriendlyName: "studio" })).conferences.map((c) => c.sid)).toEqual([conferenceSid])

      yield* sandbox.calls.hangup(call.sid)
      const completed = yield* app.waitFor((h) => h.path === "/recording" && h.form.RecordingStatus === "completed")
      expect(completed.signatureValid).toBe(true)
      expect(completed.form).toMatchObject({ ConferenceSid: conferenceSid, RecordingSid: recordingSid, RecordingDuration: expect.stringMatching(/^\d+$/) })
      expect((yield* rest.compat.conferences.listRecordings(conferenceSid)).recordings).toMatchObject([{ sid: recordingSid, status: "completed" }])
      const [logged] = (yield* rest.logs.conferences.list()).data
      expect(logged).toMatchObject({ id: conferenceSid, name: "studio", type: "cxml_conference", max_size: 5 })

      // A record value cXML does not have ends the document with a VerbFailed entry.
      const bad = yield* cxmlServer({ "/room": () => xml(`<Dial><Conference record="true">studio</Conference></Dial>`) })
      const refused = yield* rest.compat.calls.create({ To: "+15550004002", From: "+15551234567", Url: bad.url("/room") })
      const entries = yield* sandbox.swml.waitForEnd(refused.sid)
      expect(entries.find((e) => e._tag === "VerbFailed")).toMatchObject({ verb: "Dial", detail: expect.stringContaining("record-from-start") })
    }))

  it.scopedLive("a cXML conference is a cxml_conference; the log pages with real tokens; a bad join and bad credentials are refused", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const rest = yield* restOf(sandbox)
      const app = yield* cxmlServer({ "/room": () => xml(`<Dial><Conference>lobby</Conference></Dial>`) })
      yield* sandbox.calls.script("+15550004001", { outcome: "answer" })
      const call = yield* rest.compat.calls.create({ To: "+15550004001", From: "+15551234567", Url: app.url("/room") })
      // The cXML call's conference first (the log lists conferences in the order they started).
      yield* poll(rest.compat.conferences.list({ FriendlyName: "lobby" }), (p) => p.conferences.length === 1)
      const { client } = yield* session(sandbox)
      const relayCall = yield* answered(sandbox, client, "+15551110003")
      expect((yield* client.request("calling.join_conference", { ...ids(relayCall), name: "side" })).result.code).toBe("200")
      // A `record` the platform does not have is refused.
      const refused = yield* client.request("calling.join_conference", { ...ids(relayCall), name: "other", record: "always" })
      expect(refused.error ?? refused.result.code).not.toBe("200")

      const page = yield* poll(rest.logs.conferences.list({ page_size: 1 }), (p) => p.links.next !== undefined)
      expect(page.data).toHaveLength(1)
      expect(page.links.next).toMatch(/page_token=PA/)
      const all = yield* poll(
        Effect.map(Stream.runCollect(rest.logs.conferences.paginate({ page_size: 1 })), Chunk.toReadonlyArray),
        (items) => items.length === 2 && items.every((c) => c.current_participants === 1)
      )
      expect(all.map((c) => [c.name, c.type])).toEqual([["lobby", "cxml_conference"], ["side", "relay_conference"]])
      expect(all[0]).not.toHaveProperty("recording_url")
      const [compatLobby] = (yield* rest.compat.conferences.list({ FriendlyName: "lobby" })).conferences
      expect((yield* rest.compat.conferences.listParticipants(compatLobby!.sid)).participants.map((p) => p.call_sid)).toEqual([call.sid])

      const bad = yield* restOf(sandbox, "wrong")
      expect(yield* Effect.flip(bad.logs.conferences.list())).toMatchObject({ status: 401 })
      const journal = yield* sandbox.rest.journal
      expect(journal.filter((r) => r.operation === "logs.listConferences").map((r) => r.status)).toContain(401)
    }))
})
