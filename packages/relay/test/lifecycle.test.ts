import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Supervisor from "effect/Supervisor"
import * as Tracer from "effect/Tracer"
import { runFixture } from "./fixtures/child.js"
import { connect, sandboxWithEcho } from "./fixtures/sandbox.js"

describe("disconnect: closing the client's scope", () => {
  it.scopedLive("fails in-flight and queued requests with ClientClosed, ends streams, and leaves no fiber alive", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      yield* Effect.asVoid(sandbox.faults.hold("test.echo"))
      const supervisor = yield* Supervisor.track
      const scope = yield* Scope.make()
      const relay = yield* connect(sandbox).pipe(Scope.extend(scope), Effect.supervised(supervisor))
      const states = yield* relay.state.pipe(Stream.runCollect, Effect.fork)
      const events = yield* relay.events.pipe(Stream.runDrain, Effect.either, Effect.fork)

      const mark = yield* sandbox.journal.mark
      const inFlight = yield* Effect.forEach([1, 2], (n) => Effect.fork(relay.execute("test.echo", { n })))
      yield* sandbox.journal.waitFor((e) => e.seq > mark && e.frame?._tag === "Request" && e.frame.params.n === 2)
      // The server announces it is leaving: new requests now wait for the next session.
      yield* sandbox.faults.sendRaw(`{"jsonrpc":"2.0","id":"bye","method":"signalwire.disconnect","params":{}}`)
      yield* sandbox.journal.waitForReply("bye")
      const queued = yield* Effect.forEach([3, 4], (n) => Effect.fork(relay.execute("test.echo", { n })))
      yield* Effect.yieldNow()

      yield* Scope.close(scope, Exit.void)

      for (const fiber of [...inFlight, ...queued]) {
        const exit = yield* Fiber.await(fiber)
        expect(exit).toEqual(Exit.fail(expect.objectContaining({ _tag: "ClientClosed", operation: "test.echo" })))
      }
      expect((yield* sandbox.journal.requests("test.echo")).map((r) => r.params.n)).toEqual([1, 2])
      expect(yield* Fiber.join(events)).toMatchObject({ _tag: "Left", left: { _tag: "ClientClosed" } })
      expect(yield* Effect.flip(relay.execute("test.echo"))).toMatchObject({ _tag: "ClientClosed" })
      expect(yield* relay.currentState).toMatchObject({ _tag: "Closed" })
      yield* Fiber.interrupt(states)
      expect(yield* supervisor.value).toEqual([])
      let open = yield* sandbox.connections
      for (let i = 0; i < 100 && open.length > 0; i++) {
        yield* Effect.sleep("10 millis")
        open = yield* sandbox.connections
      }
      expect(open).toEqual([])
    }))

  it.scopedLive("the state stream reports the whole life: Connecting, Connected, Reconnecting, Connected, Closed", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const scope = yield* Scope.make()
      const relay = yield* connect(sandbox, { reconnectSchedule: undefined }).pipe(Scope.extend(scope))
      const states = yield* relay.state.pipe(Stream.takeUntil((s) => s._tag === "Closed"), Stream.runCollect, Effect.fork)
      yield* Effect.yieldNow()
      yield* sandbox.faults.drop()
      yield* relay.execute("test.echo").pipe(Effect.retry({ while: (e) => e._tag === "ConnectionLost" }))
      yield* Scope.close(scope, Exit.void)
      const tags = Chunk.toReadonlyArray(yield* Fiber.join(states)).map((s) => s._tag)
      expect(tags).toEqual(["Connected", "Reconnecting", "Connected", "Closed"])
    }))

  it.scopedLive("a child process with requests in flight exits on its own within a second of closing the scope", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      yield* Effect.asVoid(sandbox.faults.hold("test.echo"))
      const child = runFixture("exit-child.ts", { RELAY_HOST: sandbox.host })
      const closedAt = child.printed("IN_FLIGHT").then(() => {
        child.write("go\n")
        return child.printed("CLOSED")
      }).then(() => performance.now())
      const [closed, exit] = yield* Effect.promise(() => Promise.all([closedAt, child.exited])).pipe(
        Effect.timeout("15 seconds"),
        Effect.tapError(() => Effect.sync(() => console.error(`child did not finish:\n${child.output()}`)))
      )
      expect(exit.code).toBe(0)
      expect(child.stdout()).toContain(`OUTCOMES ["ClientClosed","ClientClosed","ClientClosed"]`)
      // Nothing keeps the process alive after close (a lingering keepalive or socket would hold it for
      // its full interval); the bound is wide so a loaded machine does not matter.
      expect(exit.at - closed).toBeLessThan(10_000)
      expect((yield* sandbox.journal.requests("test.echo")).length).toBe(3)
    }), 30_000)
})

describe("spans", () => {
  it.scopedLive("the client's long-lived fibers log outside every span, so no span grows for ever", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const native = yield* Effect.tracer
      const spans: Array<Tracer.Span> = []
      const recording = Tracer.make({
        span: (...args) => {
          const span = native.span(...args)
          spans.push(span)
          return span
        },
        context: native.context
      })
      const relay = yield* connect(sandbox).pipe(Effect.withTracer(recording))
      const eventCount = () =>
        spans.reduce((n, span) => n + ((span as unknown as { readonly events?: ReadonlyArray<unknown> }).events?.length ?? 0), 0)
      const before = eventCount()
      // Each malformed frame is logged at Warning by the client's dispatcher.
      for (let i = 0; i < 5; i++) yield* sandbox.faults.sendMalformed()
      yield* relay.execute("test.echo")
      expect(spans.length).toBeGreaterThan(0)
      expect(eventCount()).toBe(before)
    }))
})
