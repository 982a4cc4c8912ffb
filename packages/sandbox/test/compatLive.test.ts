import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { RestClient } from "@signalwire-effect/rest"
import { type CallScript, RelaySandbox } from "@signalwire-effect/sandbox"
import { bindMessagesToContext } from "./fixtures/binding.js"
import { cxmlServer, xml } from "./fixtures/cxmlServer.js"
import { nextEvent, type RawClient, sandboxCredentials, session } from "./rawClient.js"

/** Runs `f` with the Effect REST client pointed at the sandbox. */
const withRest = <A, E>(sandbox: RelaySandbox.Sandbox, f: (rest: RestClient.RestClient["Type"]) => Effect.Effect<A, E>) =>
  Effect.flatMap(RestClient.RestClient, f).pipe(
    Effect.provide(RestClient.layer({ ...sandboxCredentials, baseUrl: sandbox.rest.baseUrl }).pipe(Layer.provide(FetchHttpClient.layer)))
  )

const ids = (call: RelaySandbox.SimCall) => ({ node_id: call.nodeId, call_id: call.callId })

/** An inbound call offered to the client and answered by it. */
const answered = (sandbox: RelaySandbox.Sandbox, client: RawClient, from: string, script?: CallScript.CallScript) =>
  Effect.gen(function*() {
    const call = yield* sandbox.calls.inbound({ from, to: "+15552220000", context: "office", script })
    yield* nextEvent(client, "calling.call.receive")
    expect((yield* client.request("calling.answer", ids(call))).result.code).toBe("200")
    yield* sandbox.calls.waitForState(call.callId, "answered")
    return call
  })

/** The next `calling.conference` event with this status (and call), whatever came before it. */
const conferenceEvent = (client: RawClient, status: string, callId?: string) =>
  Effect.gen(function*() {
    const frame = yield* client.nextMatching((f) => {
      const params = (f.params as { readonly event_type?: string; readonly params?: Record<string, unknown> } | undefined)
      return f.method === "signalwire.event" && params?.event_type === "calling.conference" && params.params?.status === status &&
        (callId === undefined || params.params.call_id === callId)
    })
    yield* client.send({ jsonrpc: "2.0", id: frame.id, result: {} })
    return (frame.params as { readonly params: Record<string, unknown> }).params
  })

describe("compat resources fed by the call and messaging simulations", () => {
  it.scopedLive("a conference RELAY calls join is a compat conference: participants, mute, streams, remove, end", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const first = yield* answered(sandbox, client, "+15551110001")
      const second = yield* answered(sandbox, client, "+15551110002")
      const joined = yield* client.request("calling.join_conference", { ...ids(first), name: "team" })
      yield* client.request("calling.join_conference", { ...ids(second), name: "team" })
      yield* nextEvent(client, "calling.conference")
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const cf = rest.compat.conferences
          const [conference] = (yield* cf.list({ Status: "in-progress" })).conferences
          expect(conference).toMatchObject({ sid: joined.result.conference_id, friendly_name: "team", status: "in-progress" })
          const sid = conference!.sid
          expect(yield* cf.get(sid)).toMatchObject({ sid, subresource_uris: { participants: expect.stringContaining(`/Conferences/${sid}/Participants`) } })
          expect((yield* cf.listParticipants(sid)).participants.map((p) => p.call_sid)).toEqual([first.callId, second.callId])
          expect(yield* cf.updateParticipant(sid, first.callId, { Muted: true, Hold: false })).toMatchObject({ call_sid: first.callId, muted: true })
          // The live member is muted: its controller gets participant-mute (no hold change: no event).
          expect(yield* conferenceEvent(client, "participant-mute", first.callId)).toMatchObject({ muted: true, hold: false, size: 2 })
          expect(yield* cf.updateParticipant(sid, second.callId, { Hold: true })).toMatchObject({ call_sid: second.callId, hold: true, muted: false })
          expect(yield* conferenceEvent(client, "participant-hold", second.callId)).toMatchObject({ muted: false, hold: true })
          expect((yield* cf.listParticipants(sid, { Hold: true })).participants.map((p) => p.call_sid)).toEqual([second.callId])
          expect(yield* Effect.flip(cf.updateParticipant(sid, first.callId, { CallSidToCoach: "nobody" }))).toMatchObject({
            status: 400,
            body: { code: 16002 }
          })
          expect((yield* cf.listParticipants(sid, { Muted: true })).participants.map((p) => p.call_sid)).toEqual([first.callId])
          expect(yield* cf.getParticipant(sid, second.callId)).toMatchObject({ muted: false, status: "in-progress" })
          const stream = yield* cf.startStream(sid, { Url: "wss://example.com/media", Name: "rec" })
          expect(stream).toMatchObject({ conference_sid: sid, name: "rec", status: "in-progress" })
          expect((yield* cf.stopStream(sid, stream.sid)).status).toBe("stopped")
          expect((yield* cf.listRecordings(sid)).recordings).toEqual([])

          // Removed: the call leaves the conference (its controller is told) and goes on.
          yield* cf.removeParticipant(sid, second.callId)
          expect(yield* conferenceEvent(client, "participant-leave", second.callId)).toMatchObject({ size: 1 })
          expect((yield* cf.listParticipants(sid)).participants.map((p) => p.call_sid)).toEqual([first.callId])
          expect(yield* Effect.flip(cf.getParticipant(sid, second.callId))).toMatchObject({ status: 404, body: { code: 20404 } })
          expect(yield* Effect.flip(cf.removeParticipant(sid, second.callId))).toMatchObject({ status: 404, body: { code: 20404 } })
          expect(Option.getOrThrow(yield* sandbox.calls.get(second.callId))).toMatchObject({ state: "answered", conference: undefined })

          // Completed: every participant is taken out; the conference ends (via the API).
          expect((yield* cf.update(sid, { Status: "completed" })).status).toBe("completed")
          expect(yield* conferenceEvent(client, "participant-leave", first.callId)).toMatchObject({ size: 0 })
          expect(yield* conferenceEvent(client, "conference-end")).toMatchObject({
            reason_ended: "conference-ended-via-api",
            call_id_ending_conf: first.callId
          })
          expect(Option.getOrThrow(yield* sandbox.calls.get(first.callId))).toMatchObject({ state: "answered", conference: undefined })
          expect(yield* sandbox.calls.conferences).toEqual(new Map())
          expect((yield* cf.get(sid)).status).toBe("completed")
          expect(yield* Effect.flip(cf.update(sid, { AnnounceUrl: "https://example.com/a.xml" }))).toMatchObject({ status: 422, body: { code: 10000 } })
          expect(yield* Effect.flip(cf.startStream(sid, { Url: "wss://example.com/media" }))).toMatchObject({ status: 422, body: { code: 21220 } })
        }))
    }))

  it.scopedLive("a call entering a queue is a member of the compat queue of that name (the relay-REST queue); a dequeue takes it out to a cXML document", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({ "/agent": () => xml(`<Say>Dequeued</Say>`) })
      const { client } = yield* session(sandbox)
      const call = yield* answered(sandbox, client, "+15551110003")
      yield* client.request("calling.queue.enter", { ...ids(call), control_id: "q", queue_name: "support" })
      yield* nextEvent(client, "calling.call.queue")
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [queue] = (yield* rest.compat.queues.list()).queues
          expect(queue).toMatchObject({ friendly_name: "support", current_size: 1 })
          expect((yield* rest.queues.get(queue!.sid)).friendly_name).toBe("support")
          const members = (yield* rest.compat.queues.listMembers(queue!.sid)).queue_members
          expect(members).toMatchObject([{ call_sid: call.callId, queue_sid: queue!.sid, position: 1, member_type: "call" }])
          expect(yield* rest.compat.queues.getMember(queue!.sid, call.callId)).toMatchObject({ call_sid: call.callId, position: 1 })
          expect(yield* Effect.flip(rest.compat.queues.delete(queue!.sid))).toMatchObject({ status: 422, body: { code: 10000 } })
          expect(yield* rest.compat.queues.dequeueMember(queue!.sid, call.callId, { Url: app.url("/agent") }))
            .toMatchObject({ call_sid: call.callId })
          const entries = yield* sandbox.swml.waitForEnd(call.callId).pipe(Effect.timeout("10 seconds"))
          expect(entries.filter((e) => e._tag === "Played").map((e) => e.text)).toEqual(["Dequeued"])
          expect(app.hits()[0]!.form).toMatchObject({ CallSid: call.callId, CallStatus: "in-progress" })
          expect((yield* rest.compat.queues.get(queue!.sid)).current_size).toBe(0)
          expect((yield* rest.compat.queues.listMembers(queue!.sid)).queue_members).toEqual([])
          yield* rest.compat.queues.delete(queue!.sid)
        }))
    }))

  it.scopedLive("a finished recording and transcription are compat ones; deleting the recording deletes the relay-REST one", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const call = yield* answered(sandbox, client, "+15551110004", { transcription: { text: "hello there" } })
      yield* client.request("calling.record", { ...ids(call), control_id: "rec-1", record: { audio: { format: "wav" } } })
      yield* client.request("calling.record.stop", { ...ids(call), control_id: "rec-1" })
      yield* client.request("calling.transcribe", { ...ids(call), control_id: "tr-1" })
      yield* client.request("calling.transcribe.stop", { ...ids(call), control_id: "tr-1" })
      yield* nextEvent(client, "calling.call.transcribe")
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const recordings = (yield* rest.compat.recordings.list({ CallSid: call.callId })).recordings
          expect(recordings).toMatchObject([{ sid: "rec-1", call_sid: call.callId, status: "completed", account_sid: "sandbox-project" }])
          expect(yield* rest.compat.recordings.get("rec-1")).toMatchObject({ sid: "rec-1", subresource_uris: { transcriptions: expect.any(String) } })
          const [transcription] = (yield* rest.compat.transcriptions.list()).transcriptions
          expect(transcription).toMatchObject({ sid: "tr-1", status: "completed", transcription_text: "hello there" })
          expect(yield* rest.compat.transcriptions.get("tr-1")).toEqual(transcription)
          yield* rest.compat.transcriptions.delete("tr-1")
          expect(yield* Effect.flip(rest.compat.transcriptions.get("tr-1"))).toMatchObject({ status: 404 })
          yield* rest.compat.recordings.delete("rec-1")
          expect(yield* Effect.flip(rest.recordings.get("rec-1"))).toMatchObject({ status: 404, body: { error: "Not Found" } })
        }))
    }))

  it.scopedLive("a compat message to a number whose messages go to a RELAY context arrives there (messaging.receive)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox, ["office"])
      yield* bindMessagesToContext(sandbox, "2220000", "office")
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const sent = yield* rest.compat.messages.create({ To: "+15552220000", From: "+15551234567", Body: "hi office" })
          const received = yield* nextEvent(client, "messaging.receive")
          expect(received.params).toMatchObject({
            context: "office",
            direction: "inbound",
            from_number: "+15551234567",
            to_number: "+15552220000",
            body: "hi office",
            message_state: "received"
          })
          const listed = (yield* rest.compat.messages.list({ To: "+15552220000" })).messages
          expect(listed.map((m) => [m.sid, m.direction])).toEqual([
            [sent.sid, "outbound-api"],
            [received.params.message_id, "inbound"]
          ])
          const logs = (yield* rest.logs.messages.list()).data.map((l) => l.id)
          expect(logs).toEqual([sent.sid, received.params.message_id])
        }))
    }))
})
