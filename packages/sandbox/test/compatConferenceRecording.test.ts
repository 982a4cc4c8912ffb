import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { withRest } from "./fixtures/cxmlRun.js"
import { cxmlServer } from "./fixtures/cxmlServer.js"
import { answered, ids } from "./fixtures/answered.js"
import { type RawClient, session } from "./rawClient.js"

/** The next `calling.conference` event with this status, whatever came before it. */
const conferenceEvent = (client: RawClient, status: string) =>
  Effect.gen(function*() {
    const frame = yield* client.nextMatching((f) =>
      f.method === "signalwire.event" && f.params?.event_type === "calling.conference" && f.params?.params?.status === status
    )
    yield* client.send({ jsonrpc: "2.0", id: frame.id, result: {} })
    return frame.params.params as Record<string, unknown>
  })

describe("compat conference recordings act on the live recording", () => {
  it.scoped("paused for 20 s of 35: the recording stopped over REST lasts 15 s; record-pause / resume / stop events; its callbacks; a stopped one refuses", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ clock: "inherit" })
      const receiver = yield* cxmlServer({ "/recording": () => "" })
      const { client } = yield* session(sandbox)
      const first = yield* answered(sandbox, client, "+15551110001")
      const second = yield* answered(sandbox, client, "+15551110002")
      const joined = yield* client.request("calling.join_conference", {
        ...ids(first),
        name: "board",
        record: "record-from-start",
        recording_status_callback: receiver.url("/recording"),
        recording_status_callback_event: "in-progress completed"
      })
      yield* client.request("calling.join_conference", { ...ids(second), name: "board" })
      const sid = joined.result.conference_id as string
      const recordingSid = (yield* receiver.waitFor((h) => h.form.RecordingStatus === "in-progress")).form.RecordingSid!

      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const cf = rest.compat.conferences
          yield* TestClock.adjust("10 seconds")
          expect(yield* cf.updateRecording(sid, recordingSid, { Status: "paused" })).toMatchObject({ sid: recordingSid, status: "paused" })
          expect(yield* conferenceEvent(client, "record-pause")).toMatchObject({ conference_id: sid, name: "board" })
          expect(yield* rest.recordings.get(recordingSid)).toMatchObject({ status: "paused" })
          // Pausing again changes nothing.
          expect(yield* cf.updateRecording(sid, recordingSid, { Status: "paused" })).toMatchObject({ status: "paused" })
          yield* TestClock.adjust("20 seconds")
          expect(yield* cf.updateRecording(sid, recordingSid, { Status: "in-progress" })).toMatchObject({ status: "in-progress" })
          expect(yield* conferenceEvent(client, "record-resume")).toMatchObject({ conference_id: sid })
          yield* TestClock.adjust("5 seconds")
          const stopped = yield* cf.updateRecording(sid, recordingSid, { Status: "stopped" })
          expect(stopped).toMatchObject({ sid: recordingSid, status: "completed", duration: 15, media_url: `https://sandbox.invalid/recordings/${recordingSid}.mp3` })
          expect(yield* conferenceEvent(client, "record-stop")).toMatchObject({
            conference_id: sid,
            recording_url: stopped.media_url,
            recording_duration: 15,
            recording_file_size: 15 * 16_000
          })
          const completed = yield* receiver.waitFor((h) => h.form.RecordingStatus === "completed")
          expect(completed.form).toMatchObject({ ConferenceSid: sid, RecordingSid: recordingSid, RecordingDuration: "15" })
          expect(yield* Effect.flip(cf.updateRecording(sid, recordingSid, { Status: "in-progress" }))).toMatchObject({ status: 422, body: { code: 10000 } })

          // The conference goes on without recording; when it ends, the recording stays as it was.
          expect((yield* cf.get(sid)).status).toBe("in-progress")
          yield* sandbox.calls.hangup(first.callId)
          yield* sandbox.calls.hangup(second.callId)
          const end = yield* conferenceEvent(client, "conference-end")
          expect(end).toEqual({ conference_id: sid, name: "board", size: 0, status: "conference-end", reason_ended: "last-participant-left", call_id_ending_conf: second.callId })
          expect(yield* rest.recordings.get(recordingSid)).toMatchObject({ status: "completed", duration_in_seconds: 15 })
          expect(receiver.hits().filter((h) => h.form.RecordingStatus === "completed")).toHaveLength(1)
          const [logged] = (yield* rest.logs.conferences.list()).data
          expect(logged).toMatchObject({ id: sid, status: "completed", recording_duration: 15 })
        }))
    }))
})
