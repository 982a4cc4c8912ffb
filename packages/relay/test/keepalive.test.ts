import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as TestClock from "effect/TestClock"
import { awaitState, captureLogs, connect, sandboxWithEcho, settle, untilSleeping } from "./fixtures/sandbox.js"

describe("keepalive", () => {
  it.scoped("the client pings every 30 s after authentication (PROTOCOL.md §5.2), on the Clock", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho({ clock: "inherit" })
      yield* connect(sandbox)
      const start = (yield* sandbox.journal.requests("signalwire.connect"))[0]!
      const connectedAt = (yield* sandbox.journal.entries).find((e) => e.seq === start.seq)!.at
      yield* untilSleeping(30_000)
      yield* TestClock.adjust("29 seconds")
      for (let i = 0; i < 5; i++) yield* settle
      expect(yield* sandbox.journal.requests("signalwire.ping")).toHaveLength(0)
      yield* TestClock.adjust("1 second")
      const first = yield* sandbox.journal.waitForRequest("signalwire.ping")
      yield* untilSleeping(30_000)
      yield* TestClock.adjust("30 seconds")
      const second = yield* sandbox.journal.waitForRequest("signalwire.ping", first.seq)
      const at = (seq: number) => Effect.map(sandbox.journal.entries, (es) => es.find((e) => e.seq === seq)!.at)
      expect((yield* at(first.seq)) - connectedAt).toBe(30_000)
      expect((yield* at(second.seq)) - connectedAt).toBe(60_000)
    }))

  it.scoped("a silent server is detected: 3 unanswered pings end the session", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { pingInterval: "30 seconds", pingTimeout: "10 seconds", pingMaxFailures: 3 })
      yield* sandbox.faults.silence(true)
      let mark = yield* sandbox.journal.mark
      for (let round = 1; round <= 3; round++) {
        yield* untilSleeping(30_000)
        yield* TestClock.adjust("30 seconds")
        mark = (yield* sandbox.journal.waitForRequest("signalwire.ping", mark)).seq
        yield* untilSleeping(10_000)
        if (round < 3) expect((yield* relay.currentState)._tag).toBe("Connected")
        yield* TestClock.adjust("10 seconds")
      }
      const lost = yield* awaitState(relay, (s) => s._tag === "Reconnecting")
      expect(lost).toMatchObject({ reason: "3 consecutive client pings failed" })
      expect(yield* sandbox.journal.requests("signalwire.ping")).toHaveLength(3)
    }))

  it.scoped("server pings are answered at once and re-arm the 15 s watchdog (PROTOCOL.md §5.3)", () =>
    Effect.gen(function*() {
      const logs = captureLogs()
      yield* Effect.gen(function*() {
        const sandbox = yield* sandboxWithEcho()
        yield* connect(sandbox)
        yield* sandbox.ping()
        const [ping] = yield* sandbox.journal.sent("signalwire.ping")
        const reply = yield* sandbox.journal.waitForReply(ping!.id!)
        expect(JSON.parse(reply.text)).toEqual({ jsonrpc: "2.0", id: ping!.id, result: {} })
        yield* untilSleeping(15_000)
        yield* TestClock.adjust("14 seconds")
        yield* sandbox.ping()
        yield* untilSleeping(15_000)
        yield* TestClock.adjust("14 seconds")
        for (let i = 0; i < 5; i++) yield* settle
        expect(logs.lines.join("\n")).not.toContain("no server ping")
        yield* TestClock.adjust("1 second")
        for (let i = 0; i < 5; i++) yield* settle
        expect(logs.lines.join("\n")).toContain("no server ping for 15s")
      }).pipe(Effect.provide(logs.layer), Logger.withMinimumLogLevel(LogLevel.Warning))
    }))
})
