import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Metric from "effect/Metric"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import { RelayMetrics } from "@signalwire-effect/relay"
import { connect, sandboxWithEcho, settle } from "./fixtures/sandbox.js"

// A request's waiter has no canceler (requests.ts: it cost ~30 % of a request's CPU at 1 000 in
// flight); an interrupted waiter's request must still leave the table as if it had one.
describe("interrupted request waiters", () => {
  it.scopedLive("a queued request whose waiter was interrupted is never sent", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: Schedule.spaced("10 millis") })
      const releaseConnect = yield* sandbox.faults.hold("signalwire.connect")
      const mark = yield* sandbox.journal.mark
      yield* sandbox.faults.drop()
      yield* sandbox.journal.waitForRequest("signalwire.connect", mark)
      const queuedBefore = (yield* Metric.value(RelayMetrics.outboundQueueDepth)).value
      const dropped = yield* Effect.fork(relay.execute("test.echo", { n: 0 }))
      const kept = yield* Effect.fork(relay.execute("test.echo", { n: 1 }))
      // Both requests are in the queue before the first waiter is interrupted.
      while ((yield* Metric.value(RelayMetrics.outboundQueueDepth)).value - queuedBefore < 2) yield* settle
      yield* Fiber.interrupt(dropped)
      yield* releaseConnect
      expect(yield* Fiber.join(kept)).toEqual({ code: "200", echo: { n: 1 } })
      expect((yield* sandbox.journal.requests("test.echo")).map((r) => r.params.n)).toEqual([1])
      expect((yield* Metric.value(RelayMetrics.outboundQueueDepth)).value).toBe(queuedBefore)
    }))

  it.scoped("a written request whose waiter was interrupted does not time out later", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { closeOnRequestTimeout: false })
      yield* sandbox.faults.neverAnswer("test.echo")
      const inFlightBefore = (yield* Metric.value(RelayMetrics.requestsInFlight)).value
      const timeoutsBefore = (yield* Metric.value(RelayMetrics.requestTimeouts)).count
      const mark = yield* sandbox.journal.mark
      const interrupted = yield* Effect.fork(relay.execute("test.echo", { n: 0 }, { timeout: "5 seconds" }))
      const since = (yield* sandbox.journal.waitForRequest("test.echo", mark)).seq
      const waiting = yield* Effect.fork(relay.execute("test.echo", { n: 1 }, { timeout: "5 seconds" }))
      yield* sandbox.journal.waitForRequest("test.echo", since)
      yield* Fiber.interrupt(interrupted)
      yield* TestClock.adjust("5 seconds")
      // The sweeper handles both requests in one pass: only the one still waited on times out.
      expect(yield* Fiber.join(waiting).pipe(Effect.flip)).toMatchObject({ _tag: "RequestTimeout" })
      expect((yield* Metric.value(RelayMetrics.requestTimeouts)).count - timeoutsBefore).toBe(1)
      expect((yield* Metric.value(RelayMetrics.requestsInFlight)).value).toBe(inFlightBefore)
    }))

  it.scoped("closing the client fails every waiter with ClientClosed and leaves no request behind", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const inFlightBefore = (yield* Metric.value(RelayMetrics.requestsInFlight)).value
      const release = yield* sandbox.faults.hold("test.echo")
      const waiters = yield* Effect.scoped(
        Effect.gen(function*() {
          const relay = yield* connect(sandbox)
          let since = yield* sandbox.journal.mark
          const fibers = yield* Effect.forEach([0, 1, 2], (n) => Effect.fork(relay.execute("test.echo", { n })))
          for (let i = 0; i < 3; i++) since = (yield* sandbox.journal.waitForRequest("test.echo", since)).seq
          return fibers
        })
      )
      for (const fiber of waiters) {
        expect(yield* Fiber.join(fiber).pipe(Effect.flip)).toMatchObject({ _tag: "ClientClosed" })
      }
      expect((yield* Metric.value(RelayMetrics.requestsInFlight)).value).toBe(inFlightBefore)
      yield* release
    }))
})
