/**
 * The Scope an `onCall` handler runs in: made only when the handler first uses it, closed with the
 * handler's exit before the call is released, also when the handler's fiber is interrupted.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { connect } from "./fixtures/sandbox.js"

const caller = { from: "+15551110000", to: "+15552220000", context: "office" }

describe("a call handler's Scope", () => {
  it.scopedLive("its finalizers and scoped fibers end with the handler, then the call is hung up", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const closed = yield* Deferred.make<Exit.Exit<unknown, unknown>>()
      const child = yield* Deferred.make<Fiber.RuntimeFiber<never>>()
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          yield* call.answer()
          yield* Deferred.succeed(child, yield* Effect.forkScoped(Effect.never))
          yield* Effect.addFinalizer((exit) => Deferred.succeed(closed, exit))
        })
      )
      yield* sandbox.calls.inbound(caller)
      expect(Exit.isSuccess(yield* Deferred.await(closed))).toBe(true)
      expect(Exit.isInterrupted(yield* Fiber.await(yield* Deferred.await(child)))).toBe(true)
      yield* Effect.repeat(sandbox.journal.requests("calling.end"), {
        until: (ends) => ends.length === 1,
        schedule: Schedule.spaced("10 millis")
      })
    }))

  it.scopedLive("a failed handler's Scope closes with its failure", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const closed = yield* Deferred.make<Exit.Exit<unknown, unknown>>()
      yield* relay.onCall(() =>
        Effect.gen(function*() {
          yield* Effect.addFinalizer((exit) => Deferred.succeed(closed, exit))
          return yield* Effect.fail("the handler's own bug")
        })
      )
      yield* sandbox.calls.inbound(caller)
      const exit = yield* Deferred.await(closed)
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause).includes("the handler's own bug")).toBe(true)
    }))

  it.scopedLive("a finalizer added once the handler has ended runs at once, also to a Scope never used before", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const kept = yield* Deferred.make<Scope.Scope>()
      const ended = yield* Deferred.make<void>()
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          yield* Deferred.succeed(kept, yield* Effect.scope)
          yield* call.answer()
        }).pipe(Effect.ensuring(Deferred.succeed(ended, undefined)))
      )
      yield* sandbox.calls.inbound(caller)
      const scope = yield* Deferred.await(kept)
      yield* Deferred.await(ended)
      yield* Effect.repeat(relay.calls, { until: (calls) => calls.length === 0, schedule: Schedule.spaced("10 millis") })
      const ran = yield* Deferred.make<Exit.Exit<unknown, unknown>>()
      yield* Scope.addFinalizerExit(scope, (exit) => Deferred.succeed(ran, exit))
      expect(yield* Deferred.isDone(ran)).toBe(true)
      expect(Exit.isSuccess(yield* Deferred.await(ran))).toBe(true)
      // A child Scope forked from it now is closed at once too.
      const child = yield* Scope.fork(scope, (yield* Effect.scope).strategy)
      const childRan = yield* Deferred.make<void>()
      yield* Scope.addFinalizer(child, Deferred.succeed(childRan, undefined))
      expect(yield* Deferred.isDone(childRan)).toBe(true)
    }))

  it.scopedLive("a handler interrupted by the client's close has its Scope closed", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const clientScope = yield* Scope.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] }).pipe(Scope.extend(clientScope))
      const waiting = yield* Deferred.make<void>()
      const closed = yield* Deferred.make<Exit.Exit<unknown, unknown>>()
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          yield* Effect.addFinalizer((exit) => Deferred.succeed(closed, exit))
          yield* call.answer()
          yield* Deferred.succeed(waiting, undefined)
          yield* call.ended
        })
      ).pipe(Scope.extend(clientScope))
      yield* sandbox.calls.inbound(caller)
      yield* Deferred.await(waiting)
      yield* Scope.close(clientScope, Exit.void)
      expect(yield* Deferred.isDone(closed)).toBe(true)
      const exit = yield* Deferred.await(closed)
      expect(Exit.isFailure(exit)).toBe(true)
    }))
})
