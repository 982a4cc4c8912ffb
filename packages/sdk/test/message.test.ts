import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import { Message, MessageReceiveEvent, MessageStateEvent, type RelayEvent } from "@signalwire-effect/sdk"
import { eventually, settle, withSandbox } from "./fixtures/sandbox.js"

const FROM = "+15551234567"

describe.concurrent("sendMessage", () => {
  it("sends messaging.send and tracks the message: on, wait, result, isDone, onCompleted", () =>
    withSandbox(async (t) => {
      const client = t.client({ contexts: ["default"] })
      await client.connect()
      const completed: Array<RelayEvent> = []
      const message = await client.sendMessage({
        toNumber: "+15559876543",
        fromNumber: FROM,
        body: "Hello!",
        tags: ["greeting"],
        onCompleted: (event) => void completed.push(event)
      })
      // Added right after the await: sees every state live.
      const live: Array<unknown> = []
      message.on((event) => void live.push(event.params.message_state))
      expect(message).toBeInstanceOf(Message)
      expect(message.state).toBe("queued")
      expect(message.direction).toBe("outbound")
      expect([message.toNumber, message.fromNumber, message.body, message.tags]).toEqual(["+15559876543", FROM, "Hello!", ["greeting"]])
      expect(message.context).toBe(client.relayProtocol)
      expect([message.isDone, message.result]).toEqual([false, null])
      expect(String(message)).toBe(`Message(id=${message.messageId}, direction=outbound, state=queued, from=${FROM}, to=+15559876543)`)
      const [request] = await t.run(t.sandbox.journal.requests("messaging.send"))
      expect(request?.params).toEqual({
        context: client.relayProtocol,
        to_number: "+15559876543",
        from_number: FROM,
        body: "Hello!",
        tags: ["greeting"]
      })
      // Added after another round trip, when some states may have passed: they are replayed.
      const states: Array<unknown> = []
      message.on((event) => void states.push(event.params.message_state))
      const final = await message.wait(5)
      expect(final).toBeInstanceOf(MessageStateEvent)
      expect(final.params.message_state).toBe("delivered")
      expect([message.state, message.isDone, message.result]).toEqual(["delivered", true, final])
      expect(message.segments).toBe(1)
      expect(live).toEqual(["initiated", "sent", "delivered"])
      expect(states).toEqual(["initiated", "sent", "delivered"])
      await eventually(() => completed.length === 1)
      expect(completed[0]).toBe(final)
    }))

  it("state events that beat the messaging.send reply still reach the Message: returned queued, then every state", () =>
    withSandbox(async (t) => {
      // The platform may report states before its reply (here all of them, written before the reply frame).
      await t.run(t.sandbox.handle("messaging.send", (request) =>
        Effect.gen(function*() {
          const params = {
            message_id: "m-early",
            context: String(request.params.context),
            direction: "outbound",
            from_number: FROM,
            to_number: "+15559876543",
            body: "early",
            media: [],
            segments: 1,
            tags: []
          }
          for (const state of ["initiated", "sent", "delivered"]) {
            yield* request.sendEvent("messaging.state", { ...params, message_state: state })
          }
          return { code: "200", message: "Message accepted", message_id: "m-early" }
        })))
      const client = t.client({ contexts: ["default"] })
      await client.connect()
      const completed: Array<RelayEvent> = []
      const message = await client.sendMessage({
        toNumber: "+15559876543",
        fromNumber: FROM,
        body: "early",
        onCompleted: (event) => void completed.push(event)
      })
      const states: Array<unknown> = []
      message.on((event) => void states.push(event.params.message_state))
      expect([message.messageId, message.state, message.isDone, message.result]).toEqual(["m-early", "queued", false, null])
      const final = await message.wait(5)
      expect([final.params.message_state, message.state, message.segments]).toEqual(["delivered", "delivered", 1])
      expect(states).toEqual(["initiated", "sent", "delivered"])
      await eventually(() => completed.length === 1)
      expect(completed).toEqual([final])
      const late: Array<unknown> = []
      message.on((event) => void late.push(event.params.message_state))
      expect(late).toEqual(["initiated", "sent", "delivered"])
    }))

  it("a failed delivery resolves wait() with its terminal event; state and reason say why", () =>
    withSandbox(async (t) => {
      await t.run(t.sandbox.messages.script("+15550001111", { outcome: "undelivered", reason: "carrier_blocked", stepEvery: "5 millis" }))
      const client = t.client()
      await client.connect()
      // `to` / `from` are accepted as aliases of toNumber / fromNumber.
      const message = await client.sendMessage({ to: "+15550001111", from: FROM, media: ["https://cdn.example.com/cat.png"] })
      const final = await message.wait(5)
      expect(final.params.message_state).toBe("undelivered")
      expect([message.state, message.reason]).toEqual(["undelivered", "carrier_blocked"])
      expect(message.media).toEqual(["https://cdn.example.com/cat.png"])
    }))

  it("Message.wait takes seconds", () =>
    withSandbox(async (t) => {
      await t.run(t.sandbox.messages.script("+15550002222", { stallAfter: "sent", stepEvery: "5 millis" }))
      const client = t.client()
      await client.connect()
      const message = await client.sendMessage({ toNumber: "+15550002222", fromNumber: FROM, body: "stalls" })
      // The last state it will get, before the wait starts (under load it could come after 0.15 s).
      await new Promise<void>((resolve) => message.on((event) => {
        if (event.params.message_state === "sent") resolve()
      }))
      const started = Date.now()
      const outcome = await settle(message.wait(0.15))
      const waited = Date.now() - started
      expect(outcome).toMatchObject({ ok: false, error: { message: "Message wait timed out after 0.15s" } })
      // Seconds (it waited at least the 0.15 s; 0.15 ms would not); no upper bound on a loaded machine.
      expect(waited).toBeGreaterThanOrEqual(140)
      expect(message.state).toBe("sent")
    }))

  it("refuses a message without body or media before sending; invalid numbers reject with a RelayError", () =>
    withSandbox(async (t) => {
      const client = t.client()
      await client.connect()
      expect(await settle(client.sendMessage({ toNumber: "+15559876543", fromNumber: FROM }))).toMatchObject({
        ok: false,
        error: { message: "At least one of body or media is required" }
      })
      expect(await settle(client.sendMessage({ toNumber: "+15559876543", fromNumber: FROM, body: "" }))).toMatchObject({ ok: false })
      const invalid = await settle(client.sendMessage({ toNumber: "5551234", fromNumber: FROM, body: "x" }))
      expect(invalid).toMatchObject({ ok: false, error: { name: "RelayError", code: -1 } })
      expect(await t.run(t.sandbox.journal.requests("messaging.send"))).toEqual([])
    }))

  it("tracking survives disconnect() and connect(): the resumed session delivers the final state", () =>
    withSandbox(async (t) => {
      await t.run(t.sandbox.messages.script("+15550003333", { stepEvery: "150 millis" }))
      const client = t.client()
      await client.connect()
      const completed: Array<string> = []
      const message = await client.sendMessage({
        toNumber: "+15550003333",
        fromNumber: FROM,
        body: "across a reconnect",
        onCompleted: (event) => void completed.push(String(event.params.message_state))
      })
      await client.disconnect()
      // The platform finishes the message while this client is away.
      await t.run(t.sandbox.messages.waitForFinal(message.messageId))
      expect(message.isDone).toBe(false)
      await client.connect()
      expect((await message.wait(5)).params.message_state).toBe("delivered")
      await eventually(() => completed.length === 1)
      expect(completed).toEqual(["delivered"])
    }))
})

describe.concurrent("onMessage", () => {
  it("hands inbound messages to the handler; an inbound message is final as received", () =>
    withSandbox(async (t) => {
      const client = t.client({ contexts: ["office"] })
      const received = new Promise<Message>((resolve) => client.onMessage(resolve))
      await client.connect()
      const sim = await t.run(
        t.sandbox.messages.inbound({ from: "+15559876543", to: "+15552220000", body: "Can I bring a friend?", context: "office", tags: ["rsvp"] })
      )
      const message = await received
      expect([message.messageId, message.direction, message.state, message.body]).toEqual([sim.messageId, "inbound", "received", "Can I bring a friend?"])
      expect([message.fromNumber, message.toNumber, message.context, message.tags]).toEqual(["+15559876543", "+15552220000", "office", ["rsvp"]])
      expect(message.isDone).toBe(true)
      const event = await message.wait()
      expect(event).toBeInstanceOf(MessageReceiveEvent)
      expect((event as MessageReceiveEvent).body).toBe("Can I bring a friend?")
    }))
})
