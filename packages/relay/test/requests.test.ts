import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import { RelayFrame } from "@signalwire-effect/relay"
import type { RelaySandbox } from "@signalwire-effect/sandbox"
import { awaitState, connect, isConnected, sandboxWithEcho } from "./fixtures/sandbox.js"

const fast = Schedule.spaced("10 millis")

/** Drops the socket and holds the client's next connect: until released, requests must queue. */
const dropAndHoldReconnect = (sandbox: RelaySandbox.Sandbox) =>
  Effect.gen(function*() {
    const release = yield* sandbox.faults.hold("signalwire.connect")
    const mark = yield* sandbox.journal.mark
    yield* sandbox.faults.drop()
    yield* sandbox.journal.waitForRequest("signalwire.connect", mark)
    return release
  })

describe("requests", () => {
  it.scopedLive("1 000 concurrent requests each get their own reply", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox)
      const results = yield* Effect.forEach(
        Array.from({ length: 1_000 }, (_, n) => n),
        (n) => relay.execute("test.echo", { n }),
        { concurrency: "unbounded" }
      )
      results.forEach((result, n) => expect(result).toEqual({ code: "200", echo: { n } }))
      const sent = yield* sandbox.journal.requests("test.echo")
      expect(sent).toHaveLength(1_000)
      expect(new Set(sent.map((r) => r.id)).size).toBe(1_000)
    }))

  it.scopedLive("a non-2xx result code and a JSON-RPC error are typed RpcErrors (PROTOCOL.md §7)", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox)
      yield* sandbox.faults.respond("test.echo", { code: "404", message: "Not found" }, { times: 1 })
      expect(yield* Effect.flip(relay.execute("test.echo"))).toMatchObject({
        _tag: "RpcError",
        method: "test.echo",
        code: 404,
        message: "Not found"
      })
      yield* sandbox.faults.fail("test.echo", { code: -32602, message: "Invalid parameters" }, { times: 1 })
      expect(yield* Effect.flip(relay.execute("test.echo"))).toMatchObject({ _tag: "RpcError", code: -32602 })
      expect(yield* Effect.flip(relay.execute("no.such.method"))).toMatchObject({ _tag: "RpcError", code: -32601 })
      expect(yield* relay.execute("test.echo", { ok: true })).toEqual({ code: "200", echo: { ok: true } })
    }))

  it.scopedLive("a request with no reply fails with RequestTimeout and the half-open session is replaced", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      yield* sandbox.faults.neverAnswer("test.echo", { times: 1 })
      const error = yield* Effect.flip(relay.execute("test.echo", {}, { timeout: "100 millis" }))
      expect(error).toMatchObject({ _tag: "RequestTimeout", method: "test.echo", timeoutMillis: 100 })
      yield* awaitState(relay, isConnected(2))
      expect(yield* relay.execute("test.echo", { after: true })).toMatchObject({ echo: { after: true } })
    }))

  it.scopedLive("with closeOnRequestTimeout: false the session survives a timeout", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { closeOnRequestTimeout: false })
      yield* sandbox.faults.neverAnswer("test.echo", { times: 1 })
      yield* Effect.flip(relay.execute("test.echo", {}, { timeout: "50 millis" }))
      yield* relay.execute("test.echo")
      expect(yield* sandbox.connections).toHaveLength(1)
    }))

  it.scoped("the default request timeout is 30 s, on the Clock", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox)
      yield* sandbox.faults.neverAnswer("test.echo")
      const mark = yield* sandbox.journal.mark
      const fiber = yield* Effect.fork(relay.execute("test.echo"))
      yield* sandbox.journal.waitForRequest("test.echo", mark)
      yield* TestClock.adjust("29 seconds")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(fiber).pipe(Effect.flip)).toMatchObject({ _tag: "RequestTimeout", timeoutMillis: 30_000 })
    }))

  it.scopedLive("requests issued while disconnected are queued and flushed in order after re-authentication", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      const releaseConnect = yield* dropAndHoldReconnect(sandbox)
      const fibers = yield* Effect.forEach(
        [0, 1, 2, 3, 4],
        (n) => Effect.fork(relay.execute("test.echo", { n })),
        { concurrency: 1 }
      )
      yield* Effect.sleep("50 millis")
      expect((yield* sandbox.journal.requests("test.echo")).length).toBe(0)
      yield* releaseConnect
      const results = yield* Fiber.joinAll(fibers).pipe(Effect.zipRight(Effect.forEach(fibers, Fiber.join)))
      expect(results.map((r) => r.echo)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }])
      const heldConnect = (yield* sandbox.journal.requests("signalwire.connect")).at(-1)!.seq
      const onWire = (yield* sandbox.journal.entries).filter((e) => e.seq >= heldConnect && e.direction === "in")
      const methods = onWire.flatMap((e) => e.frame?._tag === "Request" ? [e.frame.method] : [])
      expect(methods.slice(0, 6)).toEqual(["signalwire.connect", ...Array(5).fill("test.echo")])
      expect(
        (yield* sandbox.journal.requests("test.echo")).map((r) => r.params.n)
      ).toEqual([0, 1, 2, 3, 4])
    }))

  it.scopedLive("the queue is bounded: beyond queueCapacity a request fails at once with QueueFull", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast, queueCapacity: 3 })
      const releaseConnect = yield* dropAndHoldReconnect(sandbox)
      const queued = yield* Effect.forEach([0, 1, 2], (n) => Effect.fork(relay.execute("test.echo", { n })))
      yield* Effect.yieldNow()
      expect(yield* Effect.flip(relay.execute("test.echo", { n: 3 }))).toMatchObject({
        _tag: "QueueFull",
        method: "test.echo",
        capacity: 3
      })
      yield* releaseConnect
      const results = yield* Effect.forEach(queued, Fiber.join)
      expect(results.map((r) => r.echo)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }])
      expect((yield* sandbox.journal.requests("test.echo")).map((r) => r.params.n)).toEqual([0, 1, 2])
    }))

  it.scopedLive("queued requests time out from when they were issued, and are never sent", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      const releaseConnect = yield* dropAndHoldReconnect(sandbox)
      const error = yield* Effect.flip(relay.execute("test.echo", { late: true }, { timeout: "50 millis" }))
      expect(error._tag).toBe("RequestTimeout")
      yield* releaseConnect
      yield* relay.execute("test.echo", { fresh: true })
      expect((yield* sandbox.journal.requests("test.echo")).map((r) => r.params)).toEqual([{ fresh: true }])
    }))

  it.scopedLive("a socket drop fails only the requests written on it; queued ones wait for the next session", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      const releaseEcho = yield* sandbox.faults.hold("test.echo")
      const mark = yield* sandbox.journal.mark
      const inFlight = yield* Effect.fork(relay.execute("test.echo", { n: "in-flight" }))
      yield* sandbox.journal.waitForRequest("test.echo", mark)
      const releaseConnect = yield* sandbox.faults.hold("signalwire.connect")
      yield* sandbox.faults.drop()
      expect(yield* Fiber.join(inFlight).pipe(Effect.flip)).toMatchObject({
        _tag: "ConnectionLost",
        method: "test.echo",
        reason: expect.stringContaining("1006")
      })
      const queued = yield* Effect.fork(relay.execute("test.echo", { n: "queued" }))
      yield* releaseConnect
      yield* releaseEcho
      expect(yield* Fiber.join(queued)).toEqual({ code: "200", echo: { n: "queued" } })
    }))

  it.scopedLive("execute refuses what it cannot send, and sends nothing", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox)
      expect(yield* Effect.flip(relay.execute("signalwire.connect"))).toMatchObject({ _tag: "InvalidRequest" })
      expect(yield* Effect.flip(relay.execute("test.echo", { big: BigInt(1) }))).toMatchObject({
        _tag: "InvalidRequest",
        method: "test.echo"
      })
      expect(yield* sandbox.journal.requests("test.echo")).toHaveLength(0)
      expect(yield* sandbox.journal.requests("signalwire.connect")).toHaveLength(1)
    }))

  it.scopedLive("a request's text on the wire is RelayFrame.encode of its frame", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox)
      const params = { quote: "a \"b\" \\ c", unicode: "é ☎ \u2028", nested: { list: [1, null, true] }, gone: undefined }
      yield* relay.execute("test.echo", params)
      yield* relay.execute("test.echo")
      const sent = (yield* sandbox.journal.entries).flatMap((entry) =>
        entry.direction === "in" && entry.frame?._tag === "Request" && entry.frame.method === "test.echo"
          ? [{ text: entry.text, id: entry.frame.id }]
          : []
      )
      expect(sent.map(({ id, text }) => [text, id])).toEqual([
        [RelayFrame.encode(RelayFrame.request(sent[0]!.id, "test.echo", params)), sent[0]!.id],
        [RelayFrame.encode(RelayFrame.request(sent[1]!.id, "test.echo", {})), sent[1]!.id]
      ])
    }))

  it.scopedLive("receive / unreceive: the frames of PROTOCOL.md §13, the client's context set, and errors", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      yield* relay.receive([])
      expect(yield* sandbox.journal.requests("signalwire.receive")).toHaveLength(0)
      yield* relay.receive(["sales", "support", "sales"])
      yield* relay.unreceive(["office"])
      expect((yield* sandbox.journal.requests("signalwire.receive")).map((r) => r.params)).toEqual([
        { contexts: ["sales", "support"] }
      ])
      expect((yield* sandbox.journal.requests("signalwire.unreceive")).map((r) => r.params)).toEqual([
        { contexts: ["office"] }
      ])
      expect(yield* relay.contexts).toEqual(["sales", "support"])
      expect((yield* sandbox.sessions)[0]?.contexts).toEqual(["sales", "support"])
      yield* sandbox.faults.respond("signalwire.receive", { code: "402", message: "Payment required" })
      const exit = yield* Effect.exit(relay.receive(["billing"]))
      expect(exit).toEqual(Exit.fail(expect.objectContaining({ _tag: "RpcError", code: 402 })))
      expect(yield* relay.contexts).toEqual(["sales", "support"])
    }))
})
