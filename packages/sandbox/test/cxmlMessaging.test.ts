import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { bindMessagesToContext } from "./fixtures/binding.js"
import { cxmlServer, type Hit, xml } from "./fixtures/cxmlServer.js"
import { tags, withRest } from "./fixtures/cxmlRun.js"
import { nextEvent, sandboxCredentials, session } from "./rawClient.js"

const OURS = "+15551234567"
const OFFICE = "+15552220000"
const SENDER = "+15557770000"
const FRIEND = "+15553330000"
const KEY = "PSK_msg4_messaging"

/** Sets a number's compat fields (`SmsUrl`, `SmsApplicationSid`, …). */
const bindNumber = (sandbox: RelaySandbox.Sandbox, number: string, fields: Parameters<typeof updateOf>[1]) =>
  withRest(sandbox, (rest) =>
    Effect.gen(function*() {
      const found = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === number)!
      return yield* rest.compat.phoneNumbers.update(found.sid, fields)
    }))
const updateOf = (_sid: string, fields: {
  readonly SmsUrl?: string
  readonly SmsMethod?: "GET" | "POST"
  readonly SmsFallbackUrl?: string
  readonly SmsFallbackMethod?: "GET" | "POST"
  readonly SmsApplicationSid?: string
}) => fields

const statusesAt = (hits: ReadonlyArray<Hit>, path: string) => hits.filter((h) => h.path === path).map((h) => h.params.MessageStatus)

describe("Messaging cXML: inbound messages to a number with an SmsUrl", () => {
  it.scopedLive("the SmsUrl gets the Messaging cXML request parameters, signed; <Message> (text, <Body>, <Media>, to, action) and <Redirect> run; the replies are messages of the simulation", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const app = yield* cxmlServer({
        "/sms": (hit) =>
          xml(
            `<Message>Thanks for ${hit.params.Body}</Message>`,
            `<Message to="${FRIEND}"><Body>Part one, </Body><Body>part two</Body><Media>/pic.png</Media></Message>`,
            `<Redirect method="GET">/next</Redirect>`
          ),
        "/next": () => xml(`<Message action="/after" method="GET">Last</Message>`, `<Message>unreachable</Message>`),
        "/after": () => xml()
      }, { signingKey: Redacted.make(KEY) })
      const bound = yield* bindNumber(sandbox, OFFICE, { SmsUrl: app.url("/sms") })
      expect(bound).toMatchObject({ sms_url: app.url("/sms"), sms_method: "POST" })

      const inbound = yield* sandbox.messages.inbound({ from: SENDER, to: OFFICE, body: "hello", media: ["https://example.com/cat.gif"] })
      expect(inbound).toMatchObject({ direction: "inbound", state: "received", from: SENDER, to: OFFICE })
      const entries = yield* sandbox.messages.waitForTranscript(inbound.messageId).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual([
        "HttpExchange", "DocumentStarted", "Verb Message", "SmsSent", "Verb Message", "SmsSent", "Verb Redirect",
        "HttpExchange", "DocumentStarted", "Verb Message", "SmsSent",
        "HttpExchange", "DocumentStarted", "MessageHandled"
      ])
      expect(entries[0]).toMatchObject({ purpose: "cxml", method: "POST", url: app.url("/sms"), status: 200, signed: true })
      expect(entries[1]).toMatchObject({ source: app.url("/sms"), via: "binding", format: "cxml" })
      expect(entries.filter((e) => e._tag === "DocumentStarted").map((e) => e.via)).toEqual(["binding", "redirect", "action"])
      expect(entries.at(-1)).toMatchObject({ _tag: "MessageHandled", messageId: inbound.messageId, result: "completed" })

      // The documented parameters, signed as every cXML request is.
      const params = {
        MessageSid: inbound.messageId,
        AccountSid: sandboxCredentials.project,
        From: SENDER,
        To: OFFICE,
        Body: "hello",
        NumMedia: "1",
        MediaUrl0: "https://example.com/cat.gif",
        MediaContentType0: "image/gif"
      }
      const [first, next, after] = ["/sms", "/next", "/after"].map((path) => app.hits().find((h) => h.path === path)!)
      expect(first).toMatchObject({ method: "POST", signatureValid: true, contentType: "application/x-www-form-urlencoded" })
      expect(first!.form).toEqual(params)
      expect(next).toMatchObject({ method: "GET", signatureValid: true })
      expect(next!.query).toEqual(params)
      // The action gets the message's status (it was accepted: `sending`), and nothing after the <Message> ran.
      expect(after!.query).toEqual({ ...params, MessageStatus: "sending" })
      expect(app.hits().map((h) => h.path)).toEqual(["/sms", "/next", "/after"])

      // The replies went through the messaging simulation: in the message log, and compat messages.
      const sent = entries.filter((e) => e._tag === "SmsSent")
      expect(sent.map((e) => [e.from, e.to, e.body, e.media, e.result])).toEqual([
        [OFFICE, SENDER, "Thanks for hello", [], "success"],
        [OFFICE, FRIEND, "Part one, part two", [app.url("/pic.png")], "success"],
        [OFFICE, SENDER, "Last", [], "success"]
      ])
      const replies = yield* Effect.forEach(sent, (e) => sandbox.messages.waitForFinal(e.messageId!).pipe(Effect.timeout("10 seconds")))
      expect(replies.map((m) => [m.direction, m.state, m.inReplyTo])).toEqual([
        ["outbound", "delivered", inbound.messageId],
        ["outbound", "delivered", inbound.messageId],
        ["outbound", "delivered", inbound.messageId]
      ])
      const listed = yield* withRest(sandbox, (rest) => rest.compat.messages.list({ To: SENDER }))
      expect(listed.messages.map((m) => [m.body, m.direction]).sort()).toEqual([["Last", "outbound-reply"], ["Thanks for hello", "outbound-reply"]])
      const mms = yield* withRest(sandbox, (rest) => rest.compat.messages.get(sent[1]!.messageId!))
      expect(mms).toMatchObject({ from: OFFICE, to: FRIEND, num_media: 1, status: "delivered" })
      const received = yield* withRest(sandbox, (rest) => rest.compat.messages.get(inbound.messageId))
      expect(received).toMatchObject({ direction: "inbound", status: "received", from: SENDER, to: OFFICE, body: "hello" })

      // The admin API serves the transcript.
      const served = yield* Effect.promise(() =>
        fetch(`http://${sandbox.host}/_sandbox/messages/${inbound.messageId}/transcript`).then((r) => r.json() as Promise<{ messageId: string; entries: ReadonlyArray<{ _tag: string }> }>)
      )
      expect(served.messageId).toBe(inbound.messageId)
      expect(served.entries.map((e) => e._tag)).toEqual(entries.map((e) => e._tag))
    }))

  it.scopedLive("an application's SmsUrl (SmsApplicationSid, or a Fabric cXML application routed for messaging), a LaML bin as the SmsUrl, a message the project sends to its own number; with a context the message still goes to RELAY", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const app = yield* cxmlServer({ "/app-sms": (hit) => xml(`<Message>App got ${hit.params.Body}</Message>`) }, { signingKey: Redacted.make(KEY) })
      const bin = yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const application = yield* rest.compat.applications.create({ FriendlyName: "sms", SmsUrl: app.url("/app-sms"), SmsMethod: "GET" })
          const main = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === OURS)!
          const updated = yield* rest.compat.phoneNumbers.update(main.sid, { SmsApplicationSid: application.sid })
          expect(updated).toMatchObject({ sms_application_sid: application.sid, sms_url: null })
          return yield* rest.compat.lamlBins.create({ Name: "auto-reply", Contents: xml(`<Message>Out of office</Message>`) })
        }))
      yield* bindNumber(sandbox, OFFICE, { SmsUrl: bin.request_url! })

      const viaApp = yield* sandbox.messages.inbound({ from: SENDER, to: OURS, body: "one" })
      const appEntries = yield* sandbox.messages.waitForTranscript(viaApp.messageId).pipe(Effect.timeout("10 seconds"))
      expect(tags(appEntries)).toEqual(["HttpExchange", "DocumentStarted", "Verb Message", "SmsSent", "MessageHandled"])
      expect(app.hits()[0]).toMatchObject({ method: "GET", signatureValid: true, query: { MessageSid: viaApp.messageId, Body: "one", To: OURS, NumMedia: "0" } })
      expect(appEntries[3]).toMatchObject({ from: OURS, to: SENDER, body: "App got one", result: "success" })

      // A compat message from the project to its own number is that number's inbound message.
      const sentToSelf = yield* withRest(sandbox, (rest) => rest.compat.messages.create({ From: OURS, To: OFFICE, Body: "ping" }))
      const arrived = yield* sandbox.messages.waitForMessage((m) => m.direction === "inbound" && m.to === OFFICE && m.body === "ping").pipe(Effect.timeout("10 seconds"))
      expect(arrived.messageId).not.toBe(sentToSelf.sid)
      expect(arrived).toMatchObject({ from: OURS, state: "received" })
      const binEntries = yield* sandbox.messages.waitForTranscript(arrived.messageId).pipe(Effect.timeout("10 seconds"))
      expect(tags(binEntries)).toEqual(["HttpExchange", "DocumentStarted", "Verb Message", "SmsSent", "MessageHandled"])
      expect(binEntries[0]).toMatchObject({ method: "POST", url: bin.request_url, status: 200 })
      expect(binEntries[3]).toMatchObject({ from: OFFICE, to: OURS, body: "Out of office" })
      // So is a relay-REST message.
      yield* withRest(sandbox, (rest) => rest.messages.send({ from: OURS, to: OFFICE, body: "relay ping" }))
      const relayArrived = yield* sandbox.messages.waitForMessage((m) => m.direction === "inbound" && m.body === "relay ping").pipe(Effect.timeout("10 seconds"))
      expect(tags(yield* sandbox.messages.waitForTranscript(relayArrived.messageId).pipe(Effect.timeout("10 seconds"))).at(-1)).toBe("MessageHandled")

      // A Fabric cXML application routed to a number for messaging (assignPhoneRoute): its sms_url.
      const fabricApp = "5f0c2c8e-6d4b-4a8e-9a53-0d6f1f3c9a10"
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const [number] = (yield* rest.phoneNumbers.list({ filter_number: "9870000" })).data
          // Binding its calls to the application makes the Fabric resource (as the platform does).
          yield* rest.phoneNumbers.update(number!.id, { call_handler: "laml_application", call_laml_application_id: fabricApp })
          yield* rest.fabric.cxmlApplications.update(fabricApp, { sms_url: app.url("/app-sms") })
          yield* rest.fabric.resources.assignPhoneRoute(fabricApp, { phone_route_id: number!.id, handler: "messaging" })
        }))
      const viaFabric = yield* sandbox.messages.inbound({ from: SENDER, to: "+15559870000", body: "fabric" })
      const fabricEntries = yield* sandbox.messages.waitForTranscript(viaFabric.messageId).pipe(Effect.timeout("10 seconds"))
      expect(fabricEntries[3]).toMatchObject({ _tag: "SmsSent", from: "+15559870000", to: SENDER, body: "App got fabric" })
      expect(app.hits().at(-1)).toMatchObject({ method: "POST", form: { MessageSid: viaFabric.messageId, To: "+15559870000" } })

      // With a context the sandbox delivers to RELAY (no session receives it here: a SandboxError), and runs nothing.
      const refused = yield* Effect.flip(sandbox.messages.inbound({ from: SENDER, to: OFFICE, body: "relay", context: "office" }))
      expect(refused.reason).toContain(`"office"`)
      expect(yield* sandbox.messages.transcript(viaApp.messageId)).toEqual(appEntries)
    }))
})

describe("numbers whose messages go to a RELAY context", () => {
  it.scopedLive("an inbound message without a context goes to the number's context; so does a relay-REST or RELAY message the project sends to it", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox, ["office"])
      yield* bindMessagesToContext(sandbox, "2220000", "office")
      const inbound = yield* sandbox.messages.inbound({ from: SENDER, to: OFFICE, body: "to the office" })
      const received = yield* nextEvent(client, "messaging.receive")
      expect(received.params).toMatchObject({ message_id: inbound.messageId, context: "office", body: "to the office" })
      expect(yield* sandbox.messages.transcript(inbound.messageId)).toEqual([])

      const sent = yield* withRest(sandbox, (rest) => rest.messages.send({ from: OURS, to: OFFICE, body: "from the API" }))
      const again = yield* nextEvent(client, "messaging.receive")
      expect(again.params).toMatchObject({ context: "office", direction: "inbound", from_number: OURS, body: "from the API" })
      expect(again.params.message_id).not.toBe(sent.id)

      // A session's own messaging.send to the number arrives there too, as a new inbound message.
      const reply = yield* client.request("messaging.send", { context: "office", from_number: OURS, to_number: OFFICE, body: "from RELAY" })
      const looped = yield* nextEvent(client, "messaging.receive")
      expect(looped.params).toMatchObject({ context: "office", direction: "inbound", from_number: OURS, to_number: OFFICE, body: "from RELAY" })
      expect(reply.result).toMatchObject({ code: "200", message_id: expect.any(String) })
      expect(looped.params.message_id).not.toBe(reply.result.message_id)
    }))
})

describe("SmsFallbackUrl", () => {
  it.scopedLive("is requested with the same parameters when the SmsUrl fails (non-2xx), or answers what is not cXML; a failing fallback ends the run (error)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const app = yield* cxmlServer({
        "/broken": () => ({ status: 500, body: "oops" }),
        "/garbled": () => "<Response><Message>unclosed</Response>",
        "/fallback": () => xml(`<Message>Sorry, try later</Message>`)
      }, { signingKey: Redacted.make(KEY) })
      const updated = yield* bindNumber(sandbox, OFFICE, { SmsUrl: app.url("/broken"), SmsFallbackUrl: app.url("/fallback"), SmsFallbackMethod: "GET" })
      expect(updated).toMatchObject({ sms_fallback_url: app.url("/fallback"), sms_fallback_method: "GET" })

      const message = yield* sandbox.messages.inbound({ from: SENDER, to: OFFICE, body: "hi" })
      const entries = yield* sandbox.messages.waitForTranscript(message.messageId).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual(["HttpFailed", "HttpExchange", "DocumentStarted", "Verb Message", "SmsSent", "MessageHandled"])
      expect(entries[0]).toMatchObject({ purpose: "cxml", url: app.url("/broken"), reason: "status", status: 500 })
      expect(entries[2]).toMatchObject({ source: app.url("/fallback"), via: "fallback", format: "cxml" })
      expect(entries.at(-1)).toMatchObject({ result: "completed" })
      const [primary, fallback] = ["/broken", "/fallback"].map((path) => app.hits().find((h) => h.path === path)!)
      expect(primary).toMatchObject({ method: "POST", signatureValid: true })
      expect(fallback).toMatchObject({ method: "GET", signatureValid: true })
      expect(fallback!.query).toEqual(primary!.form)

      // An application's SmsUrl answering what is not cXML, its SmsFallbackUrl unreachable (nothing listens on port 1).
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const application = yield* rest.compat.applications.create({ FriendlyName: "sms", SmsUrl: app.url("/garbled"), SmsFallbackUrl: "http://127.0.0.1:1/nowhere" })
          const main = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === OURS)!
          yield* rest.compat.phoneNumbers.update(main.sid, { SmsApplicationSid: application.sid })
        }))
      const lost = yield* sandbox.messages.inbound({ from: SENDER, to: OURS, body: "hi" })
      const lostEntries = yield* sandbox.messages.waitForTranscript(lost.messageId).pipe(Effect.timeout("10 seconds"))
      expect(tags(lostEntries)).toEqual(["HttpExchange", "CxmlInvalid", "HttpFailed", "MessageHandled"])
      expect(lostEntries[2]).toMatchObject({ url: "http://127.0.0.1:1/nowhere", reason: "unreachable" })
      expect(lostEntries.at(-1)).toMatchObject({ result: "error" })
      // Nothing was sent for it.
      expect((yield* sandbox.messages.list).filter((m) => m.to === SENDER && m.direction === "outbound").map((m) => m.body)).toEqual(["Sorry, try later"])
    }))
})

describe("message status callbacks", () => {
  it.scopedLive("a compat message's StatusCallback gets every status in order (queued, sending, sent, then the final one with its ErrorCode), signed; StatusCallbackMethod=GET; an application's SmsStatusCallback", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      yield* sandbox.messages.script(FRIEND, { outcome: "undelivered", reason: "carrier_rejected" })
      const app = yield* cxmlServer({ "/status": () => "", "/app-status": () => "" }, { signingKey: Redacted.make(KEY) })
      const [delivered, undelivered, viaGet, viaApp] = yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const application = yield* rest.compat.applications.create({ FriendlyName: "callbacks", SmsStatusCallback: app.url("/app-status") })
          return yield* Effect.all([
            rest.compat.messages.create({ From: OURS, To: SENDER, Body: "one", StatusCallback: app.url("/status") }),
            rest.compat.messages.create({ From: OURS, To: FRIEND, Body: "two", StatusCallback: app.url("/status") }),
            rest.compat.messages.create({ From: OURS, To: SENDER, Body: "three", StatusCallback: app.url("/status"), StatusCallbackMethod: "GET" }),
            rest.compat.messages.create({ From: OURS, To: SENDER, Body: "four", ApplicationSid: application.sid })
          ])
        }))
      const final = (sid: string, status: string, path = "/status") =>
        app.waitFor((h) => h.path === path && h.params.MessageSid === sid && h.params.MessageStatus === status).pipe(Effect.timeout("10 seconds"))
      yield* final(delivered.sid, "delivered")
      yield* final(undelivered.sid, "undelivered")
      yield* final(viaGet.sid, "delivered")
      yield* final(viaApp.sid, "delivered", "/app-status")
      const of = (sid: string) => app.hits().filter((h) => h.params.MessageSid === sid)
      expect(statusesAt(of(delivered.sid), "/status")).toEqual(["queued", "sending", "sent", "delivered"])
      expect(statusesAt(of(undelivered.sid), "/status")).toEqual(["queued", "sending", "sent", "undelivered"])
      expect(app.hits().every((h) => h.signatureValid === true)).toBe(true)
      expect(of(delivered.sid).every((h) => h.method === "POST")).toBe(true)
      expect(of(delivered.sid).at(-1)!.form).toEqual({
        MessageSid: delivered.sid,
        MessageStatus: "delivered",
        AccountSid: sandboxCredentials.project,
        From: OURS,
        To: SENDER,
        Body: "one",
        NumMedia: "0",
        NumSegments: "1"
      })
      expect(of(undelivered.sid).at(-1)!.form).toMatchObject({ MessageStatus: "undelivered", ErrorCode: "30007", To: FRIEND })
      expect(of(undelivered.sid).filter((h) => h.form.ErrorCode !== undefined)).toHaveLength(1)
      expect(of(viaGet.sid).map((h) => [h.method, h.query.MessageStatus])).toEqual([["GET", "queued"], ["GET", "sending"], ["GET", "sent"], ["GET", "delivered"]])
      expect(statusesAt(of(viaApp.sid), "/app-status")).toEqual(["queued", "sending", "sent", "delivered"])
      // An unknown ApplicationSid is refused.
      const refused = yield* Effect.flip(withRest(sandbox, (rest) => rest.compat.messages.create({ From: OURS, To: SENDER, Body: "x", ApplicationSid: "00000000-0000-0000-0000-000000000000" })))
      expect(refused).toMatchObject({ status: 400, body: { code: 21420 } })
    }))

  it.scopedLive("a relay-REST message's status_callback gets a signed JSON payload at each state, in order, with its custom_variables", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      yield* sandbox.messages.script(FRIEND, { outcome: "failed" })
      const app = yield* cxmlServer({ "/relay-status": () => "" }, { signingKey: Redacted.make(KEY) })
      const [ok, lost] = yield* withRest(sandbox, (rest) =>
        Effect.all([
          rest.messages.send({ from: OURS, to: SENDER, body: "hi", status_callback: app.url("/relay-status"), custom_variables: { order: "42" } }),
          rest.messages.send({ from: OURS, to: FRIEND, body: "lost", status_callback: app.url("/relay-status") })
        ]))
      expect(ok.status_callback_url).toBe(app.url("/relay-status"))
      const payloads = (id: string) =>
        app.hits().filter((h) => h.path === "/relay-status").map((h) => JSON.parse(h.rawBody) as Record<string, unknown>).filter((p) => p.id === id)
      yield* app.waitFor((h) => h.rawBody.includes(ok.id) && h.rawBody.includes(`"delivered"`)).pipe(Effect.timeout("10 seconds"))
      yield* app.waitFor((h) => h.rawBody.includes(lost.id) && h.rawBody.includes(`"status":"failed"`)).pipe(Effect.timeout("10 seconds"))
      expect(app.hits().every((h) => h.method === "POST" && h.contentType === "application/json" && h.signatureValid === true)).toBe(true)
      expect(payloads(ok.id).map((p) => p.status)).toEqual(["queued", "initiated", "sent", "delivered"])
      expect(payloads(ok.id).at(-1)).toEqual({
        id: ok.id,
        project_id: sandboxCredentials.project,
        status: "delivered",
        to: SENDER,
        from: OURS,
        body: "hi",
        number_of_segments: 1,
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        error_code: null,
        error_message: null,
        custom_variables: { order: "42" }
      })
      expect(payloads(lost.id).map((p) => p.status)).toEqual(["queued", "initiated", "sent", "failed"])
      expect(payloads(lost.id).at(-1)).toMatchObject({ error_code: "30003", error_message: "unreachable_destination" })
      expect(payloads(lost.id).at(-1)).not.toHaveProperty("custom_variables")
    }))

  it.scopedLive("<Message statusCallback> gets the reply's statuses; <Message action> gets MessageStatus invalid / failed with the ErrorCode when the message cannot be sent", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const app = yield* cxmlServer({
        "/sms": () =>
          xml(
            `<Message statusCallback="/reply-status">Got it</Message>`,
            `<Message action="/empty"></Message>`
          ),
        "/empty": () => xml(`<Message from="+15550009999" action="/stranger">From a stranger</Message>`),
        "/stranger": () => xml(`<Redirect>/done</Redirect>`),
        "/done": () => xml(),
        "/reply-status": () => ""
      }, { signingKey: Redacted.make(KEY) })
      yield* bindNumber(sandbox, OFFICE, { SmsUrl: app.url("/sms") })
      const message = yield* sandbox.messages.inbound({ from: SENDER, to: OFFICE, body: "hi" })
      const entries = yield* sandbox.messages.waitForTranscript(message.messageId).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual([
        "HttpExchange", "DocumentStarted", "Verb Message", "SmsSent", "Verb Message", "SmsSent",
        "HttpExchange", "DocumentStarted", "Verb Message", "SmsSent",
        "HttpExchange", "DocumentStarted", "Verb Redirect",
        "HttpExchange", "DocumentStarted", "MessageHandled"
      ])
      const sent = entries.filter((e) => e._tag === "SmsSent")
      expect(sent.map((e) => e.result)).toEqual(["success", "failed", "failed"])
      expect(sent[1]).toMatchObject({ reason: "a message needs a body or media" })
      expect(app.hits().find((h) => h.path === "/empty")!.form).toMatchObject({ MessageSid: message.messageId, MessageStatus: "invalid", ErrorCode: "21602" })
      expect(app.hits().find((h) => h.path === "/stranger")!.form).toMatchObject({ MessageSid: message.messageId, MessageStatus: "failed", ErrorCode: "21210" })

      const reply = sent[0]!.messageId!
      yield* app.waitFor((h) => h.path === "/reply-status" && h.params.MessageStatus === "delivered").pipe(Effect.timeout("10 seconds"))
      const callbacks = app.hits().filter((h) => h.path === "/reply-status")
      expect(callbacks.map((h) => [h.method, h.form.MessageSid, h.form.MessageStatus])).toEqual([
        ["POST", reply, "queued"],
        ["POST", reply, "sending"],
        ["POST", reply, "sent"],
        ["POST", reply, "delivered"]
      ])
      expect(callbacks.at(-1)!.form).toMatchObject({ From: OFFICE, To: SENDER, Body: "Got it" })
    }))
})

describe("voice cXML <Sms statusCallback>", () => {
  it.scopedLive("gets the call's parameters with SmsSid and SmsStatus once the message is through (sent, or failed), one POST per message", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      yield* sandbox.messages.script(FRIEND, { outcome: "failed" })
      const app = yield* cxmlServer({
        "/voice": () => xml(`<Sms statusCallback="/sms-status">Your code is 1234</Sms>`, `<Sms to="${FRIEND}" statusCallback="/sms-status">Lost</Sms>`, `<Hangup/>`),
        "/sms-status": () => ""
      }, { signingKey: Redacted.make(KEY) })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const office = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === OFFICE)!
          yield* rest.compat.phoneNumbers.update(office.sid, { VoiceUrl: app.url("/voice") })
        }))
      const call = yield* sandbox.calls.inbound({ from: SENDER, to: OFFICE })
      const entries = yield* sandbox.swml.waitForEnd(call.callId).pipe(Effect.timeout("10 seconds"))
      const [code, lost] = entries.filter((e) => e._tag === "SmsSent").map((e) => e.messageId!)
      yield* app.waitFor((h) => h.path === "/sms-status" && h.form.SmsSid === code).pipe(Effect.timeout("10 seconds"))
      yield* app.waitFor((h) => h.path === "/sms-status" && h.form.SmsSid === lost).pipe(Effect.timeout("10 seconds"))
      yield* sandbox.messages.waitForFinal(code!).pipe(Effect.timeout("10 seconds"))
      const callbacks = app.hits().filter((h) => h.path === "/sms-status")
      expect(callbacks.map((h) => [h.method, h.signatureValid, h.form.SmsSid, h.form.SmsStatus]).sort()).toEqual(
        [["POST", true, code, "sent"], ["POST", true, lost, "failed"]].sort()
      )
      expect(callbacks[0]!.form).toMatchObject({ CallSid: call.callId, From: SENDER, To: OFFICE, Direction: "inbound", AccountSid: sandboxCredentials.project })
    }))
})
