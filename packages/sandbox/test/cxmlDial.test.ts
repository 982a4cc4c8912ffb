import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { cxmlServer, xml } from "./fixtures/cxmlServer.js"
import { tags, withRest } from "./fixtures/cxmlRun.js"
import { nextEvent, session } from "./rawClient.js"

const OURS = "+15551234567"
const OFFICE = "+15552220000"
const CALLEE = "+15553330000"
const FAR = "+15554440001"
const KEY = "PSK_cxml3_dial"

describe("cXML Dial record, hangupOnStar, ringTone, answerOnBridge", () => {
  it.scopedLive("record-from-answer-dual records the bridge (a project and compat recording, signed callbacks); the caller's * hangs up the far leg and the document goes on", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      // The called party (the far end of this compat call) presses * while bridged.
      yield* sandbox.calls.script(CALLEE, { inputs: [{ digits: "*" }] })
      yield* sandbox.calls.script(FAR, { outcome: "answer" })
      const app = yield* cxmlServer({
        "/dial": () =>
          xml(
            `<Dial action="/dialed" record="record-from-answer-dual" recordingStatusCallback="/recording" recordingStatusCallbackEvent="in-progress completed" hangupOnStar="true" ringTone="uk">${FAR}</Dial>`,
            `<Say>not reached</Say>`
          ),
        "/dialed": (hit) => xml(`<Say>Dial ${hit.params.DialCallStatus ?? ""}</Say>`),
        "/recording": () => ""
      }, { signingKey: Redacted.make(KEY) })
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/dial") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual([
        "HttpExchange", "DocumentStarted", "Verb Dial", "Played", "HttpExchange", "PromptResult", "Connected", "Recorded", "HttpExchange",
        "HttpExchange", "DocumentStarted", "Verb Say", "Played", "CallEnded"
      ])
      expect(entries[3]).toMatchObject({ kind: "ring", url: "ring:uk" })
      expect(entries.find((e) => e._tag === "PromptResult")).toMatchObject({ result: "match_digits", value: "*" })
      const connected = entries.find((e) => e._tag === "Connected")
      expect(connected).toMatchObject({ to: [FAR], result: "connected" })
      // The far leg was hung up; the caller went on to the action's document.
      expect(Option.getOrThrow(yield* sandbox.calls.get(connected!.peer!))).toMatchObject({ state: "ended" })
      expect(entries.filter((e) => e._tag === "Played").map((e) => e.text ?? e.url)).toEqual(["ring:uk", "Dial completed"])

      const callbacks = app.hits().filter((h) => h.path === "/recording")
      expect(callbacks.every((h) => h.signatureValid === true)).toBe(true)
      expect(callbacks.map((h) => h.form.RecordingStatus)).toEqual(["in-progress", "completed"])
      const completed = callbacks[1]!.form
      expect(completed).toMatchObject({
        AccountSid: "sandbox-project",
        CallSid: call.sid,
        RecordingSid: callbacks[0]!.form.RecordingSid,
        RecordingChannels: "2",
        RecordingSource: "DialVerb",
        RecordingUrl: expect.stringMatching(/^https:\/\/.+\.wav$/),
        RecordingDuration: expect.any(String),
        RecordingStartTime: expect.stringMatching(/\+0000$/)
      })
      const dialed = app.hits().find((h) => h.path === "/dialed")!
      expect(dialed.form).toMatchObject({ DialCallStatus: "completed", DialCallSid: connected!.peer, RecordingUrl: completed.RecordingUrl })
      const recordings = yield* withRest(sandbox, (rest) => Effect.all([rest.compat.recordings.get(completed.RecordingSid!), rest.recordings.get(completed.RecordingSid!)]))
      expect(recordings[0]).toMatchObject({ sid: completed.RecordingSid, call_sid: call.sid })
      expect(recordings[1]).toMatchObject({ id: completed.RecordingSid, status: "completed", url: completed.RecordingUrl })
    }))

  it.scopedLive("answerOnBridge: the caller rings until the far leg (a RELAY client) answers; record-from-ringing starts at the dial; a bad record value fails the verb", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const office = "+15559870000"
      const app = yield* cxmlServer({
        "/bridge": () => xml(`<Dial action="/dialed" answerOnBridge="true" record="record-from-ringing" recordingStatusCallback="/recording"><Number>${office}</Number></Dial>`),
        "/dialed": () => xml(`<Say>After the bridge</Say>`),
        "/recording": () => "",
        "/bad": () => xml(`<Dial record="always">${FAR}</Dial>`)
      })
      const { client } = yield* session(sandbox, ["office"])
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [number] = (yield* rest.phoneNumbers.list({ filter_number: office })).data
          yield* rest.phoneNumbers.update(number!.id, { call_handler: "relay_context", call_relay_context: "office" })
          const main = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === OFFICE)!
          yield* rest.compat.phoneNumbers.update(main.sid, { VoiceUrl: app.url("/bridge") })
        }))
      const caller = yield* sandbox.calls.inbound({ from: "+15557770000", to: OFFICE })
      const offered = yield* nextEvent(client, "calling.call.receive").pipe(Effect.timeout("10 seconds"))
      const leg = { node_id: offered.params.node_id, call_id: offered.params.call_id as string }
      // The far leg has not answered: the caller is not answered either.
      expect(Option.getOrThrow(yield* sandbox.calls.get(caller.callId)).state).not.toBe("answered")
      expect((yield* client.request("calling.answer", leg)).result.code).toBe("200")
      yield* sandbox.calls.waitForState(caller.callId, "answered").pipe(Effect.timeout("10 seconds"))
      yield* sandbox.calls.waitForCall((c) => c.callId === leg.call_id && c.peer === caller.callId).pipe(Effect.timeout("10 seconds"))
      expect((yield* client.request("calling.end", leg)).result.code).toBe("200")
      const entries = yield* sandbox.swml.waitForEnd(caller.callId).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual([
        "HttpExchange", "DocumentStarted", "Verb Dial", "Connected", "Recorded", "HttpExchange",
        "HttpExchange", "DocumentStarted", "Verb Say", "Played", "CallEnded"
      ])
      // The document was fetched while the caller still rang.
      expect(app.hits().find((h) => h.path === "/bridge")!.form).toMatchObject({ CallStatus: "ringing" })
      expect(app.hits().find((h) => h.path === "/recording")!.form).toMatchObject({ RecordingStatus: "completed", RecordingChannels: "1", RecordingSource: "DialVerb" })
      expect(app.hits().find((h) => h.path === "/dialed")!.form).toMatchObject({ DialCallStatus: "completed", DialCallSid: leg.call_id, RecordingUrl: expect.any(String) })

      const bad = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/bad") }))
      const failed = yield* sandbox.swml.waitForEnd(bad.sid).pipe(Effect.timeout("10 seconds"))
      expect(failed.find((e) => e._tag === "VerbFailed")).toMatchObject({ verb: "Dial", detail: expect.stringContaining("record=\"always\"") })
    }))
})

describe("cXML Record transcribe", () => {
  it.scopedLive("transcribe makes a compat transcription of the recording from the caller's scripted speech; transcribeCallback gets it (signed POST); no scripted text: failed", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const silent = "+15553330001"
      yield* sandbox.calls.script(CALLEE, { recording: { speakFor: "50 millis" }, transcription: { text: "Call me back tomorrow" } })
      yield* sandbox.calls.script(silent, { recording: { speakFor: "50 millis" } })
      const app = yield* cxmlServer({
        "/record": () => xml(`<Record action="/recorded" timeout="1" playBeep="false" trim="do-not-trim" transcribe="true" transcribeCallback="/transcribed"/>`),
        "/recorded": () => xml(`<Hangup/>`),
        "/transcribed": () => "",
        "/bad": () => xml(`<Record trim="sometimes"/>`)
      }, { signingKey: Redacted.make(KEY) })
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/record") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual([
        "HttpExchange", "DocumentStarted", "Verb Record", "Recorded", "Transcribed", "HttpExchange",
        "HttpExchange", "DocumentStarted", "Verb Hangup", "CallEnded"
      ])
      const recorded = app.hits().find((h) => h.path === "/recorded")!.form
      const callback = app.hits().find((h) => h.path === "/transcribed")!
      expect(callback.method).toBe("POST")
      expect(callback.signatureValid).toBe(true)
      expect(callback.form).toMatchObject({
        AccountSid: "sandbox-project",
        CallSid: call.sid,
        TranscriptionSid: expect.any(String),
        TranscriptionText: "Call me back tomorrow",
        TranscriptionStatus: "completed",
        TranscriptionUrl: `${sandbox.rest.baseUrl}/api/laml/2010-04-01/Accounts/sandbox-project/Transcriptions/${callback.form.TranscriptionSid}`,
        RecordingSid: recorded.RecordingSid,
        RecordingUrl: recorded.RecordingUrl
      })
      expect(entries.find((e) => e._tag === "Transcribed")).toMatchObject({ transcriptionSid: callback.form.TranscriptionSid, status: "completed", text: "Call me back tomorrow" })
      const transcription = yield* withRest(sandbox, (rest) => rest.compat.transcriptions.get(callback.form.TranscriptionSid!))
      expect(transcription).toMatchObject({ recording_sid: recorded.RecordingSid, call_sid: call.sid, status: "completed", transcription_text: "Call me back tomorrow" })

      // A caller whose script says nothing a transcription could read: failed.
      const other = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: silent, From: OURS, Url: app.url("/record") }))
      yield* sandbox.swml.waitForEnd(other.sid).pipe(Effect.timeout("10 seconds"))
      const second = app.hits().filter((h) => h.path === "/transcribed")[1]!
      expect(second.form).toMatchObject({ CallSid: other.sid, TranscriptionStatus: "failed", TranscriptionText: "" })
      const all = yield* withRest(sandbox, (rest) => rest.compat.transcriptions.list())
      expect(all.transcriptions.map((t) => [t.sid, t.status])).toEqual([
        [callback.form.TranscriptionSid, "completed"],
        [second.form.TranscriptionSid, "failed"]
      ])

      const bad = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: silent, From: OURS, Url: app.url("/bad") }))
      const refused = yield* sandbox.swml.waitForEnd(bad.sid).pipe(Effect.timeout("10 seconds"))
      expect(refused.find((e) => e._tag === "VerbFailed")).toMatchObject({ verb: "Record", detail: expect.stringContaining("sometimes") })
    }))
})
