import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { Message } from "@signalwire-effect/relay"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { connect } from "./fixtures/sandbox.js"

const FROM = "+15551234567"
const TO = "+15552222222"

describe("sendMessage", () => {
  it.scopedLive("sends the frame of PROTOCOL.md §16.3 and follows the states to delivered; tracking is freed", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      const protocol = Option.getOrThrow(yield* relay.protocol)
      const message = yield* relay.sendMessage({ to: TO, from: FROM, body: "Your code is 4242", tags: ["otp"] })
      expect(message.state).toBe("queued")
      expect(message.direction).toBe("outbound")
      expect([message.from, message.to, message.body]).toEqual([FROM, TO, "Your code is 4242"])
      const states = yield* message.states.pipe(Stream.runCollect, Effect.fork)
      const [sent] = yield* sandbox.journal.requests("messaging.send")
      expect(sent?.params).toEqual({ context: protocol, to_number: TO, from_number: FROM, body: "Your code is 4242", tags: ["otp"] })
      const delivered = yield* message.wait()
      expect(delivered.state).toBe("delivered")
      expect(delivered.segments).toBe(1)
      expect(Chunk.toReadonlyArray(yield* Fiber.join(states))).toEqual(["initiated", "sent", "delivered"])
      expect(yield* relay.messages).toEqual([])
      expect(yield* message.wait()).toBe(message)
    }))

  it.scopedLive("an explicit context, region and MMS media go on the wire as given", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const message = yield* relay.sendMessage({
        to: TO,
        from: FROM,
        media: ["https://cdn.example.com/cat.jpg"],
        context: "office",
        region: "us"
      })
      expect((yield* sandbox.journal.requests("messaging.send"))[0]?.params).toEqual({
        context: "office",
        to_number: TO,
        from_number: FROM,
        media: ["https://cdn.example.com/cat.jpg"],
        region: "us"
      })
      expect((yield* message.wait()).state).toBe("delivered")
    }))

  it.scopedLive("undelivered and failed are MessageFailed with the reason", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      yield* sandbox.messages.script("+15550000001", { outcome: "undelivered", reason: "carrier_blocked" })
      yield* sandbox.messages.script("+15550000002", { outcome: "failed" })
      const blocked = yield* relay.sendMessage({ to: "+15550000001", from: FROM, body: "hi" })
      expect(yield* Effect.flip(blocked.wait())).toMatchObject({
        _tag: "MessageFailed",
        state: "undelivered",
        reason: "carrier_blocked"
      })
      expect(blocked.reason).toBe("carrier_blocked")
      const failed = yield* relay.sendMessage({ to: "+15550000002", from: FROM, body: "hi" })
      expect(yield* Effect.flip(failed.wait())).toMatchObject({ _tag: "MessageFailed", state: "failed" })
    }))

  it.scopedLive("invalid options are InvalidRequest and nothing is sent; an unknown from number is refused", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      const invalid: ReadonlyArray<Message.SendMessageOptions> = [
        { to: TO, from: FROM },
        { to: TO, from: FROM, body: "" },
        { to: TO, from: FROM, media: [] },
        { to: "5552222222", from: FROM, body: "hi" },
        { to: TO, from: "+1 555 123 4567", body: "hi" },
        { to: TO, from: FROM, media: ["cat.jpg"] },
        { to: TO, from: FROM, body: "hi", toNumber: TO } as unknown as Message.SendMessageOptions
      ]
      for (const options of invalid) {
        expect((yield* Effect.flip(relay.sendMessage(options)))._tag).toBe("InvalidRequest")
      }
      expect(yield* sandbox.journal.requests("messaging.send")).toEqual([])
      const refused = yield* Effect.flip(relay.sendMessage({ to: TO, from: "+15557654321", body: "hi" }))
      expect(refused).toMatchObject({ _tag: "RpcError", code: 422, method: "messaging.send" })
    }))

  it.scopedLive("a final state that never comes is a MessageTimeout, and a later wait still works", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      yield* sandbox.messages.script(TO, { stallAfter: "sent" })
      const message = yield* relay.sendMessage({ to: TO, from: FROM, body: "hi" })
      const error = yield* Effect.flip(message.wait("200 millis"))
      expect(error).toMatchObject({ _tag: "MessageTimeout", state: "sent", timeoutMillis: 200 })
      expect((yield* relay.messages).map((m) => m.messageId)).toEqual([message.messageId])
    }))

  it.scopedLive("closing the client fails a send in flight and a wait in progress with ClientClosed", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const clientScope = yield* Scope.make()
      const relay = yield* connect(sandbox).pipe(Scope.extend(clientScope))
      yield* sandbox.messages.script(TO, { stallAfter: "initiated" })
      const stalled = yield* relay.sendMessage({ to: TO, from: FROM, body: "hi" })
      const waiting = yield* Effect.fork(stalled.wait())
      const release = yield* sandbox.faults.hold("messaging.send")
      const mark = yield* sandbox.journal.mark
      const sending = yield* Effect.fork(relay.sendMessage({ to: TO, from: FROM, body: "second" }))
      yield* sandbox.journal.waitForRequest("messaging.send", mark)
      yield* Scope.close(clientScope, Exit.void)
      expect((yield* Effect.flip(Fiber.join(waiting)))._tag).toBe("ClientClosed")
      expect((yield* Effect.flip(Fiber.join(sending)))._tag).toBe("ClientClosed")
      yield* release
    }))

  it.scopedLive("1 000 parallel sends are each tracked to their own outcome", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      const to = (n: number) => `+1555300${String(n).padStart(4, "0")}`
      for (let n = 0; n < 1_000; n += 3) yield* sandbox.messages.script(to(n), { outcome: "undelivered", reason: `r${n}` })
      const outcomes = yield* Effect.forEach(
        Array.from({ length: 1_000 }, (_, n) => n),
        (n) =>
          relay.sendMessage({ to: to(n), from: FROM, body: `message ${n}` }).pipe(
            Effect.flatMap((message) => Effect.either(message.wait("20 seconds"))),
            Effect.map((outcome) => ({ n, outcome }))
          ),
        { concurrency: "unbounded" }
      )
      for (const { n, outcome } of outcomes) {
        if (n % 3 === 0) expect(outcome).toMatchObject({ _tag: "Left", left: { state: "undelivered", reason: `r${n}` } })
        else expect(outcome._tag === "Right" && outcome.right.to).toBe(to(n))
      }
      expect(yield* relay.messages).toEqual([])
    }))
})

describe("onMessage", () => {
  it.scopedLive("inbound messages reach the handler, each in its own fiber; a failing handler harms nothing", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const replied = yield* Deferred.make<string>()
      yield* relay.onMessage((message) =>
        Effect.gen(function*() {
          expect(message.direction).toBe("inbound")
          expect(message.state).toBe("received")
          if (message.body === "boom") return yield* Effect.fail("handler bug")
          const reply = yield* relay.sendMessage({ to: message.from, from: message.to, body: `You said: ${message.body}` })
          yield* reply.wait()
          yield* Deferred.succeed(replied, reply.messageId)
        })
      )
      yield* sandbox.messages.inbound({ from: TO, to: FROM, body: "boom", context: "office" })
      yield* sandbox.messages.inbound({ from: TO, to: FROM, body: "hello", context: "office" })
      const replyId = yield* Deferred.await(replied)
      const reply = Option.getOrThrow(yield* sandbox.messages.get(replyId))
      expect(reply).toMatchObject({ to: TO, from: FROM, body: "You said: hello", state: "delivered" })
    }))

  it.scopedLive("messages received before any onMessage handler go to the first one", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      yield* sandbox.messages.inbound({ from: TO, to: FROM, body: "early", context: "office" })
      yield* relay.execute("signalwire.ping")
      const got = yield* Deferred.make<string>()
      yield* relay.onMessage((message) => Deferred.succeed(got, message.body ?? ""))
      expect(yield* Deferred.await(got)).toBe("early")
    }))
})
