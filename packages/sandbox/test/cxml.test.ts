import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { RelaySandbox, Transcript } from "@signalwire-effect/sandbox"
import * as Xml from "../src/internal/cxml/xml.js"
import { cxmlServer, xml } from "./fixtures/cxmlServer.js"
import { entryOf, tags, withRest } from "./fixtures/cxmlRun.js"
import { nextEvent, sandboxCredentials, session } from "./rawClient.js"

const OURS = "+15551234567"
const CALLEE = "+15553330000"

describe("the cXML parser", () => {
  it("reads elements, attributes, text, entities, CDATA and comments", () => {
    const parsed = Xml.parse(`<?xml version="1.0"?>\n<!-- hi --><Response><Say voice='woman' language="en-US">Tom &amp; Jerry &#65;&#x42;</Say><Pause length="2"/><Play><![CDATA[https://a.example/x?a=1&b=2]]></Play></Response>\n`)
    expect(Either.isRight(parsed)).toBe(true)
    const root = Either.getOrThrow(parsed)
    const [say, pause, play] = Xml.elements(root.children)
    expect(say).toMatchObject({ name: "Say", attributes: { voice: "woman", language: "en-US" } })
    expect(Xml.textOf(say!)).toBe("Tom & Jerry AB")
    expect(pause).toMatchObject({ name: "Pause", attributes: { length: "2" }, children: [] })
    expect(Xml.textOf(play!)).toBe("https://a.example/x?a=1&b=2")
  })

  it("refuses what is not well-formed, saying where", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["<Response><Say>hi</Response>", "</Response> closes <Say>"],
      ["<Response><Say>hi</Say>", "<Response> is not closed"],
      ["<Response/><Response/>", "content after the root element"],
      ["hello <Response/>", "text before the root element"],
      ["<Response><Say>a &nbsp; b</Say></Response>", "unknown entity &nbsp;"],
      ["<Response><Dial a=\"1\" a=\"2\"/></Response>", "attribute a is given twice"],
      ["<Response><Dial timeout=30/></Response>", "a quoted value was expected for attribute timeout"],
      ["<Response><Say>1 < 2</Say></Response>", "a name was expected"],
      ["<!DOCTYPE x><Response/>", "DTD"],
      ["", "the document is empty"]
    ]
    for (const [input, message] of cases) {
      const parsed = Xml.parse(input)
      expect(Either.isLeft(parsed), input).toBe(true)
      expect(Either.getLeft(parsed).pipe(Option.getOrThrow), input).toContain(message)
    }
    expect(Either.getLeft(Xml.parse("<Response>\n  <Say>\n</Response>")).pipe(Option.getOrThrow)).toContain("line 3")
  })
})

describe("cXML on compat calls", () => {
  it.scopedLive("a call created with Url fetches its cXML (form parameters) and runs Say, Play, Pause, Gather, Record, Sms, Hangup; StatusCallback events are posted", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script(CALLEE, { inputs: [{ digits: "42#" }], recording: { speakFor: "50 millis" } })
      const app = yield* cxmlServer({
        "/start": () =>
          xml(
            `<Say voice="woman" language="en-US">Welcome</Say>`,
            `<Play>https://cdn.example.com/tune.mp3</Play>`,
            `<Pause length="1"/>`,
            `<Gather action="/gathered" numDigits="4" finishOnKey="#"><Say>Enter your code</Say></Gather>`,
            `<Say>not reached</Say>`
          ),
        "/gathered": () => xml(`<Record action="/recorded" timeout="1" playBeep="false"/>`),
        "/recorded": () => xml(`<Sms to="${CALLEE}">Thanks</Sms>`, `<Hangup/>`),
        "/status": () => ""
      })
      const call = yield* withRest(sandbox, (rest) =>
        rest.compat.calls.create({
          To: CALLEE,
          From: OURS,
          Url: app.url("/start"),
          StatusCallback: app.url("/status"),
          StatusCallbackEvent: ["initiated", "ringing", "answered", "completed"]
        }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("20 seconds"))

      const [first, gathered, recorded] = ["/start", "/gathered", "/recorded"].map((path) => app.hits().find((h) => h.path === path)!)
      expect(first).toMatchObject({ method: "POST", contentType: "application/x-www-form-urlencoded" })
      expect(first!.form).toEqual({
        CallSid: call.sid,
        AccountSid: sandboxCredentials.project,
        From: OURS,
        To: CALLEE,
        CallStatus: "in-progress",
        Direction: "outbound-api",
        ApiVersion: "2010-04-01"
      })
      expect(gathered!.form).toMatchObject({ CallSid: call.sid, Digits: "42" })
      expect(recorded!.form).toMatchObject({ CallSid: call.sid, RecordingUrl: expect.stringMatching(/^https:\/\//), RecordingSid: expect.any(String) })

      // The status callbacks' requests are entries of the call too, as they happen.
      const ofRun = entries.filter((e) => !(e._tag === "HttpExchange" && e.purpose === "status_callback"))
      expect(tags(ofRun)).toEqual([
        "HttpExchange", "DocumentStarted", "Verb Say", "Played", "Verb Play", "Played", "Verb Pause", "Played",
        "Verb Gather", "Played", "PromptResult",
        "HttpExchange", "DocumentStarted", "Verb Record", "Recorded",
        "HttpExchange", "DocumentStarted", "Verb Sms", "SmsSent", "Verb Hangup", "CallEnded"
      ])
      expect(entries.filter((e) => e._tag === "DocumentStarted")).toMatchObject([
        { via: "rest", format: "cxml", source: app.url("/start") },
        { via: "action", format: "cxml", source: app.url("/gathered") },
        { via: "action", format: "cxml", source: app.url("/recorded") }
      ])
      expect(entries.filter((e) => e._tag === "Played").map((e) => e.text ?? e.url)).toEqual([
        "Welcome", "https://cdn.example.com/tune.mp3", "silence:1", "Enter your code"
      ])
      expect(entries.find((e) => e._tag === "PromptResult")).toMatchObject({ result: "match_digits", value: "42", terminator: "#" })
      expect(entries.find((e) => e._tag === "SmsSent")).toMatchObject({ by: "cxml", from: OURS, to: CALLEE, body: "Thanks", result: "success" })
      expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "hangup", by: "cxml" })

      // The SMS went through the messaging simulation; the recording is one of the project's.
      expect((yield* sandbox.messages.list).some((m) => m.to === CALLEE && m.body === "Thanks")).toBe(true)
      const recordings = yield* withRest(sandbox, (rest) => rest.compat.recordings.list())
      expect(recordings.recordings.map((r) => r.sid)).toContain(recorded!.form.RecordingSid)

      // Status callbacks: every event asked for, in order, with the call's parameters.
      yield* app.waitFor((h) => h.path === "/status" && h.form.CallStatus === "completed").pipe(Effect.timeout("10 seconds"))
      const statuses = app.hits().filter((h) => h.path === "/status")
      expect(statuses.map((h) => [h.form.CallStatus, h.form.SequenceNumber])).toEqual([["queued", "0"], ["ringing", "1"], ["in-progress", "2"], ["completed", "3"]])
      // The exchange is recorded once the app's answer is back: wait for the fourth.
      const exchanges = Effect.map(
        sandbox.swml.transcript(call.sid),
        (entries) => entries.filter((e) => e._tag === "HttpExchange" && e.purpose === "status_callback")
      )
      yield* exchanges.pipe(
        Effect.repeat({ until: (posted) => posted.length >= 4, schedule: Schedule.spaced("5 millis") }),
        Effect.timeout("10 seconds")
      )
      expect(yield* exchanges).toHaveLength(4)
      expect(statuses[3]!.form).toMatchObject({ CallSid: call.sid, Direction: "outbound-api", CallbackSource: "call-progress-events", CallDuration: expect.any(String) })
      // The admin transcript endpoint serves the same entries.
      const served = yield* Effect.promise(() => fetch(`http://${sandbox.host}/_sandbox/calls/${call.sid}/transcript`).then((r) => r.json()))
      const transcript = Schema.decodeUnknownSync(Transcript.CallTranscript)(served)
      expect(transcript.entries.map(Transcript.format)).toContain(`cXML document ${app.url("/start")} (rest)`)
    }))

  it.scopedLive("ApplicationSid fetches the application's VoiceUrl with its VoiceMethod (GET: parameters in the query); Redirect resolves relative URLs", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/app": () => xml(`<Redirect method="POST">next?step=2</Redirect>`),
        "/next": () => xml(`<Say>Redirected</Say>`)
      })
      const call = yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const application = yield* rest.compat.applications.create({ FriendlyName: "ivr", VoiceUrl: app.url("/app"), VoiceMethod: "GET" })
          expect(yield* Effect.flip(rest.compat.calls.create({ To: CALLEE, From: OURS, ApplicationSid: "nope" }))).toMatchObject({ status: 422, body: { code: 21420 } })
          return yield* rest.compat.calls.create({ To: CALLEE, From: OURS, ApplicationSid: application.sid })
        }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      const [get, post] = app.hits()
      expect(get).toMatchObject({ method: "GET", path: "/app", query: { CallSid: call.sid, CallStatus: "in-progress", ApiVersion: "2010-04-01" } })
      expect(post).toMatchObject({ method: "POST", path: "/next", query: { step: "2" }, form: { CallSid: call.sid } })
      expect(tags(entries)).toEqual(["HttpExchange", "DocumentStarted", "Verb Redirect", "HttpExchange", "DocumentStarted", "Verb Say", "Played", "CallEnded"])
      expect(entries[4]).toMatchObject({ via: "redirect" })
      expect(entries.at(-1)).toMatchObject({ reason: "hangup", by: "cxml" })
    }))

  it.scopedLive("malformed XML, an unknown (or lower-case) verb and an unreachable URL end the call with a transcript entry", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/bad": () => "<Response><Say>hi</Response>",
        "/root": () => "<Document/>",
        "/dance": () => xml(`<Say>hi</Say>`, `<Dance/>`),
        "/lower": () => xml(`<say>hi</say>`),
        "/client": () => xml(`<Dial><Client>alice</Client></Dial>`)
      })
      const run = (url: string) =>
        Effect.flatMap(withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: url })), (call) =>
          sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds")))
      const bad = yield* run(app.url("/bad"))
      expect(bad.find((e) => e._tag === "CxmlInvalid")).toMatchObject({ source: app.url("/bad"), detail: expect.stringContaining("</Response> closes <Say>") })
      expect(bad.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "error", by: "error" })
      expect((yield* run(app.url("/root"))).find((e) => e._tag === "CxmlInvalid")).toMatchObject({ detail: "the root element is <Document>, not <Response>" })
      const dance = yield* run(app.url("/dance"))
      expect(dance.find((e) => e._tag === "VerbUnsupported")).toMatchObject({ verb: "Dance", path: "Response[1]" })
      expect(dance.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "error", by: "error" })
      expect((yield* run(app.url("/lower"))).find((e) => e._tag === "VerbUnsupported")).toMatchObject({ verb: "say" })
      expect((yield* run(app.url("/client"))).find((e) => e._tag === "VerbUnsupported")).toMatchObject({ verb: "Dial/Client" })
      const unreachable = yield* run("http://127.0.0.1:1/cxml")
      expect(tags(unreachable)).toEqual(["HttpFailed", "CallEnded"])
      expect(unreachable[0]).toMatchObject({ purpose: "cxml", reason: "unreachable" })
    }))

  it.scopedLive("Dial Number to a number routed to a RELAY client: offered there, bridged once answered; the action gets DialCallStatus", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const office = "+15559870000"
      const app = yield* cxmlServer({
        "/dial": () => xml(`<Dial action="/dialed" timeout="20"><Number>${office}</Number></Dial>`),
        "/dialed": () => xml(`<Say>Goodbye</Say>`)
      })
      const { client } = yield* session(sandbox, ["office"])
      const call = yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [number] = (yield* rest.phoneNumbers.list({ filter_number: office })).data
          yield* rest.phoneNumbers.update(number!.id, { call_handler: "relay_context", call_relay_context: "office" })
          return yield* rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/dial") })
        }))
      const offered = yield* nextEvent(client, "calling.call.receive").pipe(Effect.timeout("10 seconds"))
      expect(offered.params).toMatchObject({ context: "office", device: { params: { to_number: office, from_number: OURS } } })
      const leg = { node_id: offered.params.node_id, call_id: offered.params.call_id as string }
      expect((yield* client.request("calling.answer", leg)).result.code).toBe("200")
      yield* sandbox.calls.waitForCall((c) => c.callId === leg.call_id && c.peer === call.sid).pipe(Effect.timeout("10 seconds"))
      expect((yield* client.request("calling.end", leg)).result.code).toBe("200")
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      expect(entries.find((e) => e._tag === "Connected")).toMatchObject({ to: [office], result: "connected", peer: leg.call_id })
      expect(app.hits().find((h) => h.path === "/dialed")!.form).toMatchObject({ DialCallStatus: "completed", DialCallSid: leg.call_id, DialCallDuration: expect.any(String) })
      expect(entries.filter((e) => e._tag === "Played").map((e) => e.text)).toEqual(["Goodbye"])
    }))

  it.scopedLive("Dial Number to a far end that is busy: DialCallStatus busy, then the next verb", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15554440000", { outcome: "busy" })
      const app = yield* cxmlServer({
        "/dial": () => xml(`<Dial action="/dialed">+15554440000</Dial>`),
        "/dialed": (hit) => xml(`<Say>${hit.form.DialCallStatus ?? ""}</Say>`)
      })
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/dial") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      expect(entries.find((e) => e._tag === "Connected")).toMatchObject({ result: "failed", reason: "busy" })
      expect(entries.filter((e) => e._tag === "Played").map((e) => e.text)).toEqual(["busy"])
    }))
})

describe("cXML queues", () => {
  it.scopedLive("Enqueue makes the call a compat queue member; a dequeue over REST redirects it to the new document", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/wait": () => xml(`<Enqueue action="/after">support</Enqueue>`),
        "/agent": () => xml(`<Say>You were dequeued</Say>`, `<Hangup/>`)
      })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const call = yield* rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/wait") })
          yield* entryOf(sandbox, call.sid, (e) => e._tag === "Queued").pipe(Effect.timeout("10 seconds"))
          const queue = (yield* rest.compat.queues.list()).queues.find((q) => q.friendly_name === "support")!
          expect(queue.current_size).toBe(1)
          expect((yield* rest.compat.queues.listMembers(queue.sid)).queue_members.map((m) => m.call_sid)).toEqual([call.sid])
          yield* rest.compat.queues.dequeueMember(queue.sid, call.sid, { Url: app.url("/agent") })
          const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
          expect(entries.filter((e) => e._tag === "Queued").map((e) => e.result)).toEqual(["enqueued", "redirected"])
          expect(entries.filter((e) => e._tag === "DocumentStarted").map((e) => e.source)).toEqual([app.url("/wait"), app.url("/agent")])
          expect(entries.filter((e) => e._tag === "Played").map((e) => e.text)).toEqual(["You were dequeued"])
          expect((yield* rest.compat.queues.listMembers(queue.sid)).queue_members).toEqual([])
          expect(app.hits().some((h) => h.path === "/after")).toBe(false)
        }))
    }))

  it.scopedLive("Dial Queue bridges the first caller waiting; when the caller hangs up, the Dial's action runs", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/wait": () => xml(`<Enqueue>sales</Enqueue>`),
        "/take": () => xml(`<Dial action="/taken"><Queue>sales</Queue></Dial>`),
        "/taken": () => xml(`<Hangup/>`)
      })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const waiting = yield* rest.compat.calls.create({ To: "+15553330001", From: OURS, Url: app.url("/wait") })
          yield* entryOf(sandbox, waiting.sid, (e) => e._tag === "Queued").pipe(Effect.timeout("10 seconds"))
          const agent = yield* rest.compat.calls.create({ To: "+15553330002", From: OURS, Url: app.url("/take") })
          yield* entryOf(sandbox, waiting.sid, (e) => e._tag === "Queued" && e.result === "bridged").pipe(Effect.timeout("10 seconds"))
          yield* sandbox.calls.hangup(waiting.sid)
          const entries = yield* sandbox.swml.waitForEnd(agent.sid).pipe(Effect.timeout("10 seconds"))
          expect(entries.find((e) => e._tag === "Connected")).toMatchObject({ to: ["sales"], result: "connected", peer: waiting.sid })
          expect(app.hits().find((h) => h.path === "/taken")!.form).toMatchObject({ DialCallStatus: "completed", DialCallSid: waiting.sid })
          expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", by: "cxml" })
        }))
    }))
})

describe("numbers bound to cXML", () => {
  it.scopedLive("an inbound call to a number with a VoiceUrl runs its cXML (CallStatus ringing, Direction inbound); Reject ends it unanswered", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({ "/inbound": () => xml(`<Reject reason="busy"/>`), "/app": () => xml(`<Say>Hello from the application</Say>`) })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const numbers = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers
          const office = numbers.find((n) => n.phone_number === "+15552220000")!
          yield* rest.compat.phoneNumbers.update(office.sid, { VoiceUrl: app.url("/inbound") })
          const application = yield* rest.compat.applications.create({ FriendlyName: "hello", VoiceUrl: app.url("/app") })
          const main = numbers.find((n) => n.phone_number === OURS)!
          yield* rest.compat.phoneNumbers.update(main.sid, { VoiceApplicationSid: application.sid })
        }))

      const rejected = yield* sandbox.calls.inbound({ from: "+15557770000", to: "+15552220000" })
      const entries = yield* sandbox.swml.waitForEnd(rejected.callId).pipe(Effect.timeout("10 seconds"))
      expect(app.hits()[0]!.form).toMatchObject({ CallSid: rejected.callId, From: "+15557770000", To: "+15552220000", CallStatus: "ringing", Direction: "inbound" })
      expect(tags(entries)).toEqual(["HttpExchange", "DocumentStarted", "Verb Reject", "CallEnded"])
      expect(entries[1]).toMatchObject({ via: "binding", format: "cxml" })
      expect(entries[3]).toMatchObject({ reason: "busy", by: "cxml" })
      expect(Option.getOrThrow(yield* sandbox.calls.get(rejected.callId))).toMatchObject({ state: "ended", endReason: "busy" })

      const greeted = yield* sandbox.calls.inbound({ from: "+15557770001", to: OURS })
      const hello = yield* sandbox.swml.waitForEnd(greeted.callId).pipe(Effect.timeout("10 seconds"))
      expect(hello.filter((e) => e._tag === "Played").map((e) => e.text)).toEqual(["Hello from the application"])
      expect(hello.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "hangup", by: "cxml" })
    }))
})
