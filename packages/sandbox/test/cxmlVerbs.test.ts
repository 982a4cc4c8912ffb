import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { cxmlServer, xml } from "./fixtures/cxmlServer.js"
import { tags, withRest } from "./fixtures/cxmlRun.js"
import { streamServer } from "./fixtures/streamServer.js"

const OURS = "+15551234567"
const CALLEE = "+15553330000"

const events = (messages: ReadonlyArray<Record<string, unknown>>) => messages.map((m) => m.event)

describe("cXML media streams", () => {
  it.scopedLive("Start/Stream sends connected, start, media and (on Stop) stop; Connect/Stream is bidirectional (marks acknowledged) until the server closes it", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const ws = yield* streamServer
      const app = yield* cxmlServer({
        "/start": () =>
          xml(
            `<Start><Stream name="tap" url="${ws.url("/listen")}" track="both_tracks" authBearerToken="tok123" statusCallback="/stream-status"><Parameter name="FirstName" value="Jane"/></Stream></Start>`,
            `<Say>streaming</Say>`,
            `<Stop><Stream name="tap"/></Stop>`,
            `<Connect><Stream url="${ws.url("/talk")}" codec="L16@16000h"/></Connect>`,
            `<Say>after the stream</Say>`
          ),
        "/stream-status": () => ""
      }, { signingKey: sandbox.swml.signingKey })
      // The bidirectional stream: answer a mark, then close.
      const talk = yield* Effect.fork(Effect.gen(function*() {
        const c = yield* ws.waitFor((c) => c.path === "/talk" && c.messages.some((m) => m.event === "media"))
        const sid = (c.messages.find((m) => m.event === "start")!.start as { streamSid: string }).streamSid
        c.send({ event: "media", streamSid: sid, media: { payload: "AAAA" } })
        c.send({ event: "mark", streamSid: sid, mark: { name: "greeting-done" } })
        yield* ws.waitFor((c) => c.path === "/talk" && c.messages.some((m) => m.event === "mark"))
        c.close()
      }))
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/start") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("20 seconds"))
      yield* talk.await

      const listen = yield* ws.waitFor((c) => c.path === "/listen" && c.messages.some((m) => m.event === "stop")).pipe(Effect.timeout("10 seconds"))
      expect(listen.authorization).toBe("Bearer tok123")
      expect(events(listen.messages)).toEqual(["connected", "start", "media", "media", "stop"])
      const [connected, started, inbound, outbound, stopped] = listen.messages
      expect(connected).toEqual({ event: "connected", protocol: "Call", version: "0.2.0" })
      expect(started).toEqual({
        event: "start",
        sequenceNumber: "1",
        start: {
          streamSid: expect.any(String),
          accountSid: "sandbox-project",
          callSid: call.sid,
          tracks: ["inbound", "outbound"],
          customParameters: { FirstName: "Jane" },
          mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 }
        }
      })
      expect(inbound).toMatchObject({ event: "media", sequenceNumber: "2", media: { track: "inbound", chunk: "1", timestamp: "0" } })
      expect(Buffer.from((inbound!.media as { payload: string }).payload, "base64")).toEqual(Buffer.alloc(160, 0xff))
      expect(outbound).toMatchObject({ media: { track: "outbound" } })
      expect(stopped).toEqual({ event: "stop", sequenceNumber: "4" })

      const talkConnection = ws.connections().find((c) => c.path === "/talk")!
      const talkSid = (talkConnection.messages[1]!.start as { streamSid: string; mediaFormat: unknown }).streamSid
      expect(talkConnection.messages[1]).toMatchObject({ start: { tracks: ["inbound"], mediaFormat: { encoding: "audio/x-L16", sampleRate: 16000 } } })
      expect(talkConnection.messages.at(-1)).toEqual({ event: "mark", streamSid: talkSid, mark: { name: "greeting-done" } })

      expect(tags(entries.filter((e) => e._tag !== "HttpExchange"))).toEqual([
        "DocumentStarted", "Verb Start", "Streamed", "Verb Say", "Played", "Verb Stop",
        "Verb Connect", "Streamed", "Streamed", "Verb Say", "Played", "CallEnded"
      ])
      expect(entries.filter((e) => e._tag === "Streamed")).toMatchObject([
        { result: "started", name: "tap", bidirectional: false, url: ws.url("/listen") },
        { result: "started", bidirectional: true },
        { result: "stopped", bidirectional: true, received: 2 }
      ])
      // statusCallback: started then stopped, signed like every cXML request.
      const statuses = yield* Effect.all([
        app.waitFor((h) => h.path === "/stream-status" && h.form.StreamEvent === "stream-started"),
        app.waitFor((h) => h.path === "/stream-status" && h.form.StreamEvent === "stream-stopped")
      ]).pipe(Effect.timeout("10 seconds"))
      expect(statuses[0].form).toMatchObject({ CallSid: call.sid, StreamName: "tap", StreamTrack: "both_tracks" })
      expect(statuses.every((h) => h.signatureValid)).toBe(true)
    }))

  it.scopedLive("a stream that cannot connect posts stream-error; Connect/VirtualAgent is not simulated", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/refused": () => xml(`<Start><Stream url="ws://127.0.0.1:1/x" statusCallback="/status"/></Start>`, `<Say>goes on</Say>`),
        "/agent": () => xml(`<Connect><VirtualAgent connectorName="bot"/></Connect>`),
        "/status": () => ""
      })
      const refused = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/refused") }))
      const error = yield* app.waitFor((h) => h.path === "/status").pipe(Effect.timeout("10 seconds"))
      expect(error.form).toMatchObject({ StreamEvent: "stream-error", StreamError: "connection_refused" })
      const entries = yield* sandbox.swml.waitForEnd(refused.sid).pipe(Effect.timeout("10 seconds"))
      expect(entries.find((e) => e._tag === "Streamed")).toMatchObject({ result: "failed" })
      expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "hangup", by: "cxml" })

      const agent = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/agent") }))
      const agentEntries = yield* sandbox.swml.waitForEnd(agent.sid).pipe(Effect.timeout("10 seconds"))
      expect(agentEntries.find((e) => e._tag === "VerbUnsupported")).toMatchObject({ verb: "Connect/VirtualAgent" })
      expect(agentEntries.at(-1)).toMatchObject({ reason: "error", by: "error" })
    }))
})

describe("cXML Denoise, Refer, Pay, Echo", () => {
  it.scopedLive("Denoise switches noise reduction; Refer posts ReferCallStatus; Pay posts the payment result (no card data in the transcript); Echo lasts its timeout", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/start": () => xml(`<Denoise>on</Denoise>`, `<Refer action="/referred"><Sip>sip:bob@example.com</Sip></Refer>`),
        "/referred": () =>
          xml(`<Denoise>off</Denoise>`, `<Pay paymentConnectorUrl="https://pay.example.com/charge" chargeAmount="10.00" action="/paid"><Parameter name="order" value="42"/></Pay>`),
        "/paid": () => xml(`<Echo timeout="5"/>`, `<Hangup/>`)
      })
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/start") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("30 seconds"))
      expect(tags(entries.filter((e) => e._tag !== "HttpExchange"))).toEqual([
        "DocumentStarted", "Verb Denoise", "Switched", "Verb Refer", "Referred",
        "DocumentStarted", "Verb Denoise", "Switched", "Verb Pay", "Paid",
        "DocumentStarted", "Verb Echo", "Switched", "Switched", "Verb Hangup", "CallEnded"
      ])
      expect(entries.filter((e) => e._tag === "Switched").map((e) => `${e.feature} ${e.on}`)).toEqual(["denoise true", "denoise false", "echo true", "echo false"])
      expect(app.hits().find((h) => h.path === "/referred")!.form).toMatchObject({
        CallSid: call.sid,
        ReferCallStatus: "in-progress",
        ReferSipResponseCode: "202",
        NotifySipResponseCode: "200"
      })
      const paid = app.hits().find((h) => h.path === "/paid")!.form
      expect(paid).toMatchObject({ Result: "success", PaymentMethod: "credit-card", PaymentCardNumber: "xxxx1111", PaymentConfirmationCode: expect.any(String) })
      expect(entries.find((e) => e._tag === "Paid")).toMatchObject({ result: "success", chargeAmount: "10.00", maskedCardNumber: "xxxx1111" })
      // What the transcript keeps of a payment: its result and the masked card number, nothing else.
      expect(Object.keys(entries.find((e) => e._tag === "Paid")!).sort()).toEqual(["_tag", "at", "chargeAmount", "maskedCardNumber", "paymentMethod", "result"])
    }))

  it.scopedLive("a declined payment posts payment-connector-error; without action the document is requested again", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script(CALLEE, { payment: "error" })
      let n = 0
      const app = yield* cxmlServer({
        "/pay": () => (n++ === 0 ? xml(`<Pay paymentConnectorUrl="https://pay.example.com/tokenize"/>`) : xml(`<Hangup/>`))
      })
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/pay") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      const again = app.hits()[1]!
      expect(again.form).toMatchObject({ Result: "payment-connector-error", PaymentMethod: "credit-card", PaymentError: expect.stringContaining("declined") })
      expect(entries.find((e) => e._tag === "Paid")).toMatchObject({ result: "payment-connector-error" })
      expect(entries.at(-1)).toMatchObject({ reason: "hangup", by: "cxml" })
    }))
})

describe("cXML attributes that change behaviour", () => {
  it.scopedLive("Record maxLength stops a recording the far end would go on speaking into; Dial timeLimit hangs up the far leg", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script(CALLEE, { recording: { speakFor: "1 hour" } })
      const app = yield* cxmlServer({
        "/start": () => xml(`<Record maxLength="1" timeout="0" playBeep="false" action="/recorded"/>`),
        "/recorded": () => xml(`<Dial timeLimit="1" action="/dialled"><Number>+15553330001</Number></Dial>`),
        "/dialled": () => xml(`<Hangup/>`)
      })
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/start") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("20 seconds"))
      expect(app.hits().find((h) => h.path === "/recorded")!.form).toMatchObject({ RecordingUrl: expect.any(String), RecordingSid: expect.any(String) })
      expect(entries.find((e) => e._tag === "Recorded")).toMatchObject({ result: "success" })
      expect(app.hits().find((h) => h.path === "/dialled")!.form).toMatchObject({ DialCallStatus: "completed", DialCallSid: expect.any(String) })
      expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "hangup", by: "cxml" })
    }))
})
