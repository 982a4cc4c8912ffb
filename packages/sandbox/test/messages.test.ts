import { describe, expect, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as TestClock from "effect/TestClock"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { connectParams, type Json, nextEvent, open, type RawClient, sandboxCredentials, session } from "./rawClient.js"

const OWN = "+15551234567"
const FAR = "+15552222222"
const CALLER = "+15551110000"
const OFFICE = "+15552220000"

const states = (client: RawClient, n: number) =>
  Effect.forEach(Array.from({ length: n }), () => Effect.map(nextEvent(client, "messaging.state"), (e) => e.params))


const sms = (extra: Json = {}) => ({ context: "office", to_number: FAR, from_number: OWN, body: "Your code is 4242", ...extra })

/** The `messaging.state` frames the sandbox wrote to a connection. */
const stateFramesTo = (sandbox: RelaySandbox.Sandbox, connection: number | undefined) =>
  Effect.map(sandbox.journal.entries, (entries) =>
    entries.filter((e) =>
      e.direction === "out" && e.connection === connection && e.frame?._tag === "Request" &&
      e.frame.method === "signalwire.event" && e.frame.params.event_type === "messaging.state"
    ))

const connectionOf = (sandbox: RelaySandbox.Sandbox, protocol: string) =>
  Effect.map(sandbox.sessions, (all) => all.find((s) => s.protocol === protocol)?.connection)

describe("messaging simulation, driven by a client written from the RELAY protocol notes", () => {
  it.scopedLive("§16.3: send an SMS and follow it to delivered", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client, protocol } = yield* session(sandbox)
      const reply = yield* client.request("messaging.send", sms({ tags: ["otp"] }))
      expect(reply.result).toEqual({ code: "200", message: "Message accepted", message_id: expect.any(String) })
      const messageId = reply.result.message_id as string
      const queued = Option.getOrThrow(yield* sandbox.messages.get(messageId))
      expect(queued).toEqual({
        messageId,
        direction: "outbound",
        from: OWN,
        to: FAR,
        body: "Your code is 4242",
        media: [],
        segments: 1,
        tags: ["otp"],
        context: "office",
        region: undefined,
        state: "queued",
        reason: undefined,
        session: protocol
      })
      const common = {
        message_id: messageId,
        context: "office",
        direction: "outbound",
        from_number: OWN,
        to_number: FAR,
        body: "Your code is 4242",
        media: [],
        segments: 1,
        tags: ["otp"]
      }
      expect(yield* states(client, 3)).toEqual([
        { ...common, message_state: "initiated" },
        { ...common, message_state: "sent" },
        { ...common, message_state: "delivered" }
      ])
      expect(yield* sandbox.messages.waitForFinal(messageId)).toMatchObject({ state: "delivered", reason: undefined })
      // The reply went out before the first event it caused.
      const out = (yield* sandbox.journal.entries).filter((e) => e.direction === "out")
      const replyAt = out.findIndex((e) => e.frame?._tag === "ResultReply" && e.frame.id === reply.id)
      const firstState = out.findIndex((e) =>
        e.frame?._tag === "Request" && e.frame.params.event_type === "messaging.state"
      )
      expect(replyAt).toBeGreaterThanOrEqual(0)
      expect(replyAt).toBeLessThan(firstState)
      yield* client.request("signalwire.ping")
      expect((yield* sandbox.sessions)[0]?.unacked).toBe(0)
    }))

  it.scopedLive("undelivered with a scripted reason, failed with the default one, region kept", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.messages.script("+15550000001", { outcome: "undelivered", reason: "carrier_blocked", stepEvery: "5 millis" })
      yield* sandbox.messages.script("+15550000002", { outcome: "failed", stepEvery: "5 millis" })
      yield* sandbox.messages.script("+15550000003", { outcome: "undelivered", stepEvery: "5 millis" })
      const { client } = yield* session(sandbox)

      const undelivered = yield* client.request("messaging.send", sms({ to_number: "+15550000001", region: "us" }))
      const trail = yield* states(client, 3)
      expect(trail.map((p) => [p.message_state, p.reason])).toEqual([
        ["initiated", undefined],
        ["sent", undefined],
        ["undelivered", "carrier_blocked"]
      ])
      expect(trail[2]).toMatchObject({ message_id: undelivered.result.message_id, to_number: "+15550000001" })
      expect(yield* sandbox.messages.waitForFinal(undelivered.result.message_id)).toMatchObject({
        state: "undelivered",
        reason: "carrier_blocked",
        region: "us"
      })

      yield* client.request("messaging.send", sms({ to_number: "+15550000002" }))
      expect((yield* states(client, 3))[2]).toMatchObject({ message_state: "failed", reason: "unreachable_destination" })
      yield* client.request("messaging.send", sms({ to_number: "+15550000003" }))
      expect((yield* states(client, 3))[2]).toMatchObject({ message_state: "undelivered", reason: "carrier_rejected" })
    }))

  it.scopedLive("stallAfter: no terminal state ever comes", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.messages.scriptDefault({ stallAfter: "sent", stepEvery: "5 millis" })
      const { client } = yield* session(sandbox)
      const reply = yield* client.request("messaging.send", sms())
      expect((yield* states(client, 2)).map((p) => p.message_state)).toEqual(["initiated", "sent"])
      const waited = yield* sandbox.messages.waitForFinal(reply.result.message_id).pipe(Effect.timeout("100 millis"), Effect.exit)
      expect(Exit.isFailure(waited)).toBe(true)
      expect(Option.getOrThrow(yield* sandbox.messages.get(reply.result.message_id)).state).toBe("sent")
      expect((yield* stateFramesTo(sandbox, 1)).length).toBe(2)
    }))

  it.scopedLive("a from_number the project does not own: 422, no events; numbers and ownNumber", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ numbers: ["+15557770000"] })
      const { client } = yield* session(sandbox)
      expect((yield* client.request("messaging.send", sms())).result).toEqual({
        code: "422",
        message: `From number ${OWN} is not a number of this project`
      })
      const scope = yield* Scope.make()
      yield* sandbox.messages.ownNumber(OWN).pipe(Scope.extend(scope))
      expect(yield* sandbox.messages.numbers).toEqual(["+15557770000", OWN])
      const accepted = [
        yield* client.request("messaging.send", sms()),
        yield* client.request("messaging.send", sms({ from_number: "+15557770000" }))
      ]
      expect(accepted.map((r) => r.result.code)).toEqual(["200", "200"])
      yield* Scope.close(scope, Exit.void)
      expect(yield* sandbox.messages.numbers).toEqual(["+15557770000"])
      expect((yield* client.request("messaging.send", sms())).result.code).toBe("422")
      for (const reply of accepted) yield* sandbox.messages.waitForFinal(reply.result.message_id)
      // Only the two accepted messages exist and sent events.
      expect((yield* sandbox.messages.list).map((m) => m.state)).toEqual(["delivered", "delivered"])
      expect((yield* stateFramesTo(sandbox, 1)).length).toBe(6)
    }))

  it.scopedLive("-32602 for bad params, checked before the owner", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const cases: ReadonlyArray<readonly [Json, string]> = [
        [{ context: "office", to_number: FAR, from_number: OWN }, "a non-empty body or media is required"],
        [sms({ body: "", media: [] }), "a non-empty body or media is required"],
        [sms({ to_number: "5552222222" }), "to_number must be an E.164 number"],
        [sms({ to_number: "+05552222222" }), "to_number must be an E.164 number"],
        [sms({ from_number: "+1555123456789012" }), "from_number must be an E.164 number"],
        [{ to_number: FAR, from_number: OWN, body: "hi" }, "context is required"],
        [sms({ context: "" }), "context must be a non-empty string"],
        [sms({ media: ["ftp://example.com/cat.gif"] }), "media[0] must be an http(s) URL"],
        [sms({ media: "https://example.com/cat.gif" }), "media must be an array"],
        [sms({ body: 42 }), "body must be a string"],
        [sms({ tags: [1] }), "tags[0] must be a string"],
        [sms({ region: 1, from_number: "+15550009999" }), "region must be a string"]
      ]
      for (const [params, detail] of cases) {
        const reply = yield* client.request("messaging.send", params)
        expect(reply.error, JSON.stringify(params)).toMatchObject({ code: -32602 })
        expect(reply.error.message).toContain(`Invalid parameters: ${detail}`)
      }
      expect(yield* sandbox.messages.list).toEqual([])
      expect((yield* client.request("messaging.unknown", {})).error).toMatchObject({ code: -32601 })
    }))

  it.scopedLive("MMS: media only, one segment, no body", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.messages.scriptDefault({ stepEvery: "5 millis" })
      const { client } = yield* session(sandbox)
      const media = ["https://example.com/a.jpg", "http://example.com/b.png"]
      const reply = yield* client.request("messaging.send", { context: "office", to_number: FAR, from_number: OWN, media })
      const [initiated] = yield* states(client, 3)
      expect(initiated).toEqual({
        message_id: reply.result.message_id,
        context: "office",
        direction: "outbound",
        from_number: OWN,
        to_number: FAR,
        media,
        segments: 1,
        message_state: "initiated",
        tags: []
      })
      expect(yield* sandbox.messages.waitForFinal(reply.result.message_id)).toMatchObject({ body: undefined, media, segments: 1 })
      // A long text with media is still one MMS.
      yield* client.request("messaging.send", sms({ body: "x".repeat(500), media }))
      expect((yield* states(client, 1))[0]!.segments).toBe(1)
    }))

  it.scopedLive("segments: GSM-7 160 / 161 / 306 / 307, UCS-2 70 / 71 / 134 / 135", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.messages.scriptDefault({ stallAfter: "initiated", stepEvery: "1 millis" })
      const { client } = yield* session(sandbox)
      const gsm = "Hello @£$¥ èé ÄÖÑÜ§¿ äöñüà ΔΦΓΛΩΠΨΣΘΞ\n"
      const ucs = "Привет 😀 ok "
      const cases: ReadonlyArray<readonly [string, number]> = [
        [gsm.repeat(10).slice(0, 160), 1],
        [gsm.repeat(10).slice(0, 161), 2],
        [gsm.repeat(10).slice(0, 306), 2],
        [gsm.repeat(10).slice(0, 307), 3],
        ["a".repeat(69) + "é", 1],
        ["a".repeat(69) + "ç", 1],
        ["a".repeat(70) + "ç", 2],
        [ucs.repeat(20).slice(0, 134), 2],
        [ucs.repeat(20).slice(0, 135), 3],
        ["a".repeat(69) + "€", 1],
        ["a".repeat(70) + "€", 2],
        ["😀".repeat(35), 1],
        ["😀".repeat(35) + "a", 2]
      ]
      for (const [body, segments] of cases) {
        const reply = yield* client.request("messaging.send", sms({ body }))
        const [event] = yield* states(client, 1)
        expect(event!.message_id).toBe(reply.result.message_id)
        expect([body.length, event!.segments]).toEqual([body.length, segments])
      }
    }))

  it.scopedLive("events go to the session whose protocol is the context, else to the context's receivers, else to the sender", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.messages.scriptDefault({ stepEvery: "2 millis" })
      const office = yield* session(sandbox, ["office"])
      const sender = yield* session(sandbox, [])
      const senderConnection = yield* connectionOf(sandbox, sender.protocol)
      const officeConnection = yield* connectionOf(sandbox, office.protocol)

      // The SDK's default: context = the sender's own protocol.
      const own = yield* sender.client.request("messaging.send", sms({ context: sender.protocol }))
      expect((yield* states(sender.client, 3)).map((p) => [p.message_id, p.context, p.message_state])).toEqual([
        [own.result.message_id, sender.protocol, "initiated"],
        [own.result.message_id, sender.protocol, "sent"],
        [own.result.message_id, sender.protocol, "delivered"]
      ])
      // Another session's protocol: its events go there, not to the sender.
      const other = yield* sender.client.request("messaging.send", sms({ context: office.protocol }))
      expect((yield* states(office.client, 3)).map((p) => p.message_id)).toEqual(Array(3).fill(other.result.message_id))
      // A context the office session receives.
      const received = yield* sender.client.request("messaging.send", sms({ context: "office" }))
      expect((yield* states(office.client, 3)).map((p) => p.message_state)).toEqual(["initiated", "sent", "delivered"])
      // Nobody receives it: back to the sender.
      const nobody = yield* sender.client.request("messaging.send", sms({ context: "nobody" }))
      expect((yield* states(sender.client, 3)).map((p) => p.message_id)).toEqual(Array(3).fill(nobody.result.message_id))

      expect((yield* stateFramesTo(sandbox, senderConnection)).length).toBe(6)
      expect((yield* stateFramesTo(sandbox, officeConnection)).length).toBe(6)
      const sessionOf = (id: string) => Effect.map(sandbox.messages.get(id), (m) => Option.getOrThrow(m).session)
      expect(yield* sessionOf(own.result.message_id)).toBe(sender.protocol)
      expect(yield* sessionOf(other.result.message_id)).toBe(office.protocol)
      expect(yield* sessionOf(received.result.message_id)).toBe(office.protocol)
      expect(yield* sessionOf(nobody.result.message_id)).toBe(sender.protocol)
    }))

  it.scopedLive("inbound messages: messaging.receive to a receiver of the context, taking turns; none → SandboxError", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const first = yield* session(sandbox, ["office"])
      const second = yield* session(sandbox, ["office"])
      const sent = yield* sandbox.messages.inbound({ from: CALLER, to: OFFICE, body: "Hello 😀", context: "office", tags: ["vip"] })
      expect(sent).toEqual({
        messageId: expect.any(String),
        direction: "inbound",
        from: CALLER,
        to: OFFICE,
        body: "Hello 😀",
        media: [],
        segments: 1,
        tags: ["vip"],
        context: "office",
        region: undefined,
        state: "received",
        reason: undefined,
        session: first.protocol
      })
      const receive = yield* nextEvent(first.client, "messaging.receive")
      expect(receive.params).toEqual({
        message_id: sent.messageId,
        context: "office",
        direction: "inbound",
        from_number: CALLER,
        to_number: OFFICE,
        body: "Hello 😀",
        media: [],
        segments: 1,
        message_state: "received",
        tags: ["vip"]
      })
      const mms = yield* sandbox.messages.inbound({ from: CALLER, to: OFFICE, media: ["https://example.com/c.gif"], context: "office" })
      expect(mms.session).toBe(second.protocol)
      expect((yield* nextEvent(second.client, "messaging.receive")).params).toMatchObject({
        message_id: mms.messageId,
        media: ["https://example.com/c.gif"],
        segments: 1,
        tags: []
      })
      const third = yield* sandbox.messages.inbound({ from: CALLER, to: OFFICE, body: "again", context: "office" })
      expect(third.session).toBe(first.protocol)
      expect(yield* sandbox.messages.waitForFinal(third.messageId)).toMatchObject({ state: "received" })
      expect(yield* sandbox.messages.waitForMessage((m) => m.body === "Hello 😀")).toMatchObject({ messageId: sent.messageId })

      const none = yield* Effect.flip(sandbox.messages.inbound({ from: CALLER, to: OFFICE, body: "hi" }))
      expect(none).toBeInstanceOf(RelaySandbox.SandboxError)
      expect(none.reason).toContain(`"default"`)
    }))

  it.scopedLive("HTTP admin API: inject an inbound message, list the messages", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client, protocol } = yield* session(sandbox)
      const http = (method: string, path: string, body?: unknown) =>
        Effect.promise(async () => {
          const response = await fetch(`http://${sandbox.host}${path}`, {
            method,
            ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } })
          })
          const text = await response.text()
          const json = response.headers.get("content-type") === "application/json" && text.length > 0
          return { status: response.status, body: json ? JSON.parse(text) : text }
        })
      const created = yield* http("POST", "/_sandbox/messages", { from: CALLER, to: OFFICE, body: "STOP", context: "office" })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({
        direction: "inbound",
        from: CALLER,
        to: OFFICE,
        body: "STOP",
        state: "received",
        session: protocol,
        segments: 1
      })
      const receive = yield* nextEvent(client, "messaging.receive")
      expect(receive.params).toMatchObject({ message_id: created.body.messageId, body: "STOP", message_state: "received" })

      yield* sandbox.messages.scriptDefault({ stepEvery: "1 millis" })
      const sent = yield* client.request("messaging.send", sms())
      const list = yield* http("GET", "/_sandbox/messages")
      expect(list.status).toBe(200)
      expect(list.body.map((m: Json) => [m.messageId, m.direction])).toEqual([
        [created.body.messageId, "inbound"],
        [sent.result.message_id, "outbound"]
      ])
      expect((yield* http("GET", `/_sandbox/messages/${sent.result.message_id}`)).body.to).toBe(FAR)
      expect((yield* http("GET", "/_sandbox/messages/nope")).status).toBe(404)

      expect((yield* http("POST", "/_sandbox/messages", { from: CALLER, body: "x" })).status).toBe(400)
      expect((yield* http("POST", "/_sandbox/messages", { from: CALLER, to: OFFICE, context: "office" })).status).toBe(400)
      expect((yield* http("POST", "/_sandbox/messages", { from: CALLER, to: OFFICE, media: ["file:///etc/passwd"] })).status)
        .toBe(400)
      expect((yield* http("POST", "/_sandbox/messages", { from: CALLER, to: OFFICE, body: "x", extra: 1 })).status).toBe(400)
      expect((yield* http("POST", "/_sandbox/messages", { from: CALLER, to: OFFICE, body: "x", context: "nobody" })).status)
        .toBe(409)
      expect((yield* http("DELETE", "/_sandbox/messages")).status).toBe(405)
    }))

  it.scopedLive("an unacknowledged state event is re-sent, same id, when the session resumes", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.messages.scriptDefault({ stepEvery: "5 millis", stallAfter: "initiated" })
      const { client, protocol } = yield* session(sandbox)
      const reply = yield* client.request("messaging.send", sms({ context: protocol }))
      // Read, but do not ACK.
      const unacked = yield* client.nextMatching((f) => f.params?.event_type === "messaging.state")
      expect(unacked.params.params).toMatchObject({ message_id: reply.result.message_id, message_state: "initiated" })
      yield* sandbox.faults.drop()
      yield* client.closed

      const again = yield* open(sandbox.url)
      const resumed = yield* again.request("signalwire.connect", connectParams(sandboxCredentials, { protocol }))
      expect(resumed.result).toMatchObject({ protocol, session_restored: true })
      const redelivered = yield* again.nextMatching((f) => f.id === unacked.id)
      expect(redelivered.params).toEqual(unacked.params)
    }))

  it.scoped("state steps follow the sandbox's Clock", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ clock: "inherit" })
      yield* sandbox.messages.scriptDefault({ stepEvery: "10 seconds" })
      const { client } = yield* session(sandbox)
      const reply = yield* client.request("messaging.send", sms())
      const step = () =>
        Effect.gen(function*() {
          while (true) {
            const now = yield* Clock.currentTimeMillis
            if (Array.from(yield* TestClock.sleeps()).includes(now + 10_000)) break
            yield* Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
          }
          yield* TestClock.adjust("10 seconds")
          return (yield* states(client, 1))[0]!.message_state
        })
      expect(yield* step()).toBe("initiated")
      expect(yield* step()).toBe("sent")
      expect(yield* step()).toBe("delivered")
      expect(yield* sandbox.messages.waitForFinal(reply.result.message_id)).toMatchObject({ state: "delivered" })
    }))
})
