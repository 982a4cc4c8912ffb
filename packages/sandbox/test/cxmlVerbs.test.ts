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
  it.scopedLive("Denoise switches noise reduction; Refer posts ReferCallStatus; Pay collects the card from the caller, charges it through the connector, posts the result (no card data in the transcript); Echo lasts its timeout", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      // What the caller keys in: card number, expiration (MMYY), security code, postal code.
      yield* sandbox.calls.script(CALLEE, { inputs: [{ digits: "4111111111111111" }, { digits: "1238" }, { digits: "123" }, { digits: "94107" }] })
      const app = yield* cxmlServer({
        "/connector": () => JSON.stringify({ charge_id: "ch_42", error_code: null, error_message: null }),
        "/start": () => xml(`<Denoise>on</Denoise>`, `<Refer action="/referred"><Sip>sip:bob@example.com</Sip></Refer>`),
        "/referred": () =>
          xml(`<Denoise>off</Denoise>`, `<Pay paymentConnectorUrl="/connector" chargeAmount="10.00" description="renewal" action="/paid"><Parameter name="order" value="42"/></Pay>`),
        "/paid": () => xml(`<Echo timeout="5"/>`, `<Hangup/>`)
      })
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/start") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("30 seconds"))
      expect(tags(entries.filter((e) => e._tag !== "HttpExchange"))).toEqual([
        "DocumentStarted", "Verb Denoise", "Switched", "Verb Refer", "Referred",
        "DocumentStarted", "Verb Denoise", "Switched", "Verb Pay", "Played", "Played", "Played", "Played", "Paid",
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
      expect(paid).toMatchObject({
        Result: "success",
        PaymentMethod: "credit-card",
        PaymentCardNumber: "xxxx1111",
        PaymentCardType: "visa",
        ExpirationDate: "1238",
        SecurityCode: "xxx",
        PaymentCardPostalCode: "94107",
        PaymentConfirmationCode: "ch_42"
      })
      // The connector gets the card in full (as JSON), with the charge and the Parameter nouns.
      const connector = app.hits().find((h) => h.path === "/connector")!
      expect(connector.method).toBe("POST")
      expect(JSON.parse(connector.rawBody)).toEqual({
        transaction_id: expect.any(String),
        method: "credit-card",
        cardnumber: "4111111111111111",
        cvv: "123",
        postal_code: "94107",
        description: "renewal",
        chargeAmount: 10,
        expiry_month: "12",
        expiry_year: "38",
        currency_code: "USD",
        parameters: { order: "42" }
      })
      expect(entries.find((e) => e._tag === "Paid")).toMatchObject({ result: "success", chargeAmount: "10.00", maskedCardNumber: "xxxx1111" })
      // What the transcript keeps of a payment: its result and the masked card number, nothing else.
      expect(Object.keys(entries.find((e) => e._tag === "Paid")!).sort()).toEqual(["_tag", "at", "chargeAmount", "maskedCardNumber", "paymentMethod", "result"])
    }))

  it.scopedLive("Pay: Prompt nouns by step, attempt, error and card type; statusCallback at each step; a wrong card retried; a tokenization the connector declines; without action the document again", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script(CALLEE, { inputs: [{ digits: "4111111111111112" }, { digits: "4111111111111111" }, { digits: "0139" }, { digits: "321" }] })
      let n = 0
      const app = yield* cxmlServer({
        "/pay": () =>
          n++ === 0
            ? xml(
              `<Pay paymentConnector="/tokenize" tokenType="one-time" maxAttempts="2" postalCode="10001" statusCallback="/status">`,
              `<Prompt for="payment-card-number"><Say>Card please</Say></Prompt>`,
              `<Prompt for="payment-card-number" errorType="invalid-card-number invalid-card-type"><Say>Wrong card</Say></Prompt>`,
              `<Prompt for="expiration-date" attempt="1"><Play>https://cdn.example.com/expiry.mp3</Play></Prompt>`,
              `<Prompt for="security-code" cardType="amex"><Say>Four digits</Say></Prompt>`,
              `<Prompt for="security-code" cardType="visa mastercard"><Say>Three digits</Say></Prompt>`,
              `<Prompt for="payment-processing"><Say>One moment</Say></Prompt>`,
              `</Pay>`
            )
            : xml(`<Hangup/>`),
        "/tokenize": () => JSON.stringify({ token_id: null, error_code: "51", error_message: "Insufficient funds" }),
        "/status": () => ""
      })
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/pay") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      expect(entries.flatMap((e) => e._tag === "Played" ? [e.text ?? e.url] : [])).toEqual([
        "Card please",
        "Wrong card",
        "https://cdn.example.com/expiry.mp3",
        "Three digits",
        "One moment"
      ])
      const statuses = app.hits().filter((h) => h.path === "/status").map((h) => h.form)
      expect(statuses.map((f) => [f.For, f.Attempt, f.ErrorType])).toEqual([
        ["payment-card-number", "1", undefined],
        ["payment-card-number", "2", "invalid-card-number"],
        ["expiration-date", "1", undefined],
        ["security-code", "1", undefined],
        ["payment-processing", "1", undefined]
      ])
      expect(statuses[3]).toMatchObject({ CallSid: call.sid, PaymentMethod: "credit-card", PaymentCardNumber: "xxxx1111", PaymentCardType: "visa", ExpirationDate: "0139" })
      expect(JSON.parse(app.hits().find((h) => h.path === "/tokenize")!.rawBody)).toEqual({
        transaction_id: expect.any(String),
        cardnumber: "4111111111111111",
        cvv: "321",
        postal_code: "10001",
        description: "",
        amount: 0,
        token_type: "one-time",
        expiry_month: "01",
        expiry_year: "39",
        currency_code: "USD",
        parameters: {}
      })
      const again = app.hits().filter((h) => h.path === "/pay")[1]!
      expect(again.form).toMatchObject({ Result: "payment-connector-error", PaymentMethod: "credit-card", PaymentError: "Insufficient funds", PayErrorCode: "51" })
      expect(entries.find((e) => e._tag === "Paid")).toMatchObject({ result: "payment-connector-error", detail: "Insufficient funds" })
      expect(entries.at(-1)).toMatchObject({ reason: "hangup", by: "cxml" })
    }))

  it.scopedLive("Pay: entries still wrong after maxAttempts end it with too-many-failed-attempts (the connector is not called)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script(CALLEE, { inputs: [{ digits: "4111111111111111" }, { digits: "1399" }, { digits: "0100" }] })
      const app = yield* cxmlServer({
        "/pay": () => xml(`<Pay paymentConnectorUrl="/charge" chargeAmount="5" maxAttempts="2" action="/paid"/>`),
        "/charge": () => JSON.stringify({ charge_id: "never" }),
        "/paid": () => xml(`<Hangup/>`)
      })
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/pay") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      expect(app.hits().find((h) => h.path === "/paid")!.form).toMatchObject({
        Result: "too-many-failed-attempts",
        PaymentCardNumber: "xxxx1111",
        PaymentError: "expiration-date: invalid-date"
      })
      expect(app.hits().some((h) => h.path === "/charge")).toBe(false)
      expect(entries.find((e) => e._tag === "Paid")).toMatchObject({ result: "too-many-failed-attempts" })
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
