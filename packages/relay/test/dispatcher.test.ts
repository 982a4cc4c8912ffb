/**
 * Nothing user-provided runs on the connection's dispatcher: call-scope finalizers and
 * SessionStore writes run in fibers of their own, so a slow or stuck one never holds replies,
 * ACKs or events, and the client still closes within its bounds.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as Scope from "effect/Scope"
import { RelayClient, RelayMetrics, SessionStore } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { connect } from "./fixtures/sandbox.js"

const caller = { from: "+15551110000", to: "+15552220000", context: "office" }

/** Generous: a request that is not held answers in milliseconds even on a loaded machine. */
const UNHELD = "10 seconds"

describe("the dispatcher runs no user code", () => {
  it.scopedLive("a call-scope finalizer that is still running holds no reply, event or other call", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const cleanupStarted = yield* Deferred.make<string>()
      const cleanupMayEnd = yield* Deferred.make<void>()
      const handled = yield* Deferred.make<string>()
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          yield* call.answer()
          const scope = yield* call.scope
          if (call.callId === first.callId) {
            // The user's cleanup: slow, and here held until the test lets it go.
            yield* Scope.addFinalizer(
              scope,
              Effect.zipRight(Deferred.succeed(cleanupStarted, call.callId), Deferred.await(cleanupMayEnd))
            )
            yield* call.ended
          } else {
            yield* Deferred.succeed(handled, call.callId)
            yield* call.hangup()
          }
        })
      )
      const first = yield* sandbox.calls.inbound(caller)
      yield* sandbox.calls.waitForState(first.callId, "answered")
      yield* sandbox.calls.hangup(first.callId)
      // The call ended (learnt on the dispatcher) and its scope is closing.
      expect(yield* Deferred.await(cleanupStarted)).toBe(first.callId)

      // While the cleanup runs: requests are answered, events delivered, other calls served.
      yield* relay.execute("signalwire.ping").pipe(Effect.timeout(UNHELD))
      const second = yield* sandbox.calls.inbound(caller)
      expect(yield* Deferred.await(handled).pipe(Effect.timeout(UNHELD))).toBe(second.callId)
      yield* relay.execute("signalwire.ping").pipe(Effect.timeout(UNHELD))
      yield* Deferred.succeed(cleanupMayEnd, undefined)
    }))

  it.scopedLive("a call-scope finalizer that never ends is interrupted after releaseTimeout when the client closes", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const clientScope = yield* Scope.make()
      const relay = yield* connect(sandbox, { contexts: ["office"], releaseTimeout: "200 millis" }).pipe(
        Scope.extend(clientScope)
      )
      const started = yield* Deferred.make<void>()
      const interrupted = yield* Deferred.make<void>()
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          yield* call.answer()
          yield* Scope.addFinalizer(
            yield* call.scope,
            Effect.zipRight(Deferred.succeed(started, undefined), Effect.never).pipe(
              Effect.onInterrupt(() => Deferred.succeed(interrupted, undefined))
            )
          )
          yield* call.ended
        })
      ).pipe(Scope.extend(clientScope))
      const offered = yield* sandbox.calls.inbound(caller)
      yield* sandbox.calls.waitForState(offered.callId, "answered")
      yield* sandbox.calls.hangup(offered.callId)
      yield* Deferred.await(started)
      // The connection is not held by the stuck cleanup...
      yield* relay.execute("signalwire.ping").pipe(Effect.timeout(UNHELD))
      // ...and closing the client ends it rather than waiting for ever.
      yield* Scope.close(clientScope, Exit.void).pipe(Effect.timeout(UNHELD))
      yield* Deferred.await(interrupted)
      expect((yield* relay.currentState)._tag).toBe("Closed")
    }))

  it.scopedLive("a SessionStore that never answers holds neither the connection nor the close", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const writes: Array<SessionStore.ResumeData> = []
      const writing = yield* Deferred.make<void>()
      const stuck = Layer.succeed(SessionStore.SessionStore, {
        get: Effect.succeed(SessionStore.empty),
        set: (data) =>
          Effect.zipRight(
            Effect.sync(() => writes.push(data)),
            Effect.zipRight(Deferred.succeed(writing, undefined), Effect.never)
          )
      })
      const clientScope = yield* Scope.make()
      const relay = yield* RelayClient.make({ ...sandbox.clientOptions, closeTimeout: "200 millis" }).pipe(
        Effect.provide(Layer.merge(NodeWebSocket.layer, stuck)),
        Scope.extend(clientScope)
      )
      // The protocol from the connect reply is being written, and never will be.
      yield* Deferred.await(writing)
      expect(writes[0]?.protocol).toMatch(/.+/)
      // An authorization_state event arrives on the dispatcher and is stored in memory at once.
      yield* sandbox.sendEvent("signalwire.authorization.state", { authorization_state: "auth-2" })
      yield* relay.execute("signalwire.ping").pipe(Effect.timeout(UNHELD))
      yield* Scope.close(clientScope, Exit.void).pipe(Effect.timeout(UNHELD))
      expect((yield* relay.currentState)._tag).toBe("Closed")
    }))

  it.scopedLive("gauges add up across clients in one process", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const release = yield* sandbox.faults.hold("test.held")
      const before = (yield* Metric.value(RelayMetrics.requestsInFlight)).value
      const one = yield* connect(sandbox)
      const two = yield* connect(sandbox)
      yield* Effect.forkScoped(one.execute("test.held"))
      yield* Effect.forkScoped(two.execute("test.held"))
      yield* Effect.forkScoped(two.execute("test.held"))
      let since = 0
      for (let i = 0; i < 3; i++) since = (yield* sandbox.journal.waitForRequest("test.held", since)).seq
      // Each client's requests counted, neither overwriting the other's figure (other tests of
      // this file may have requests in flight too, hence "at least").
      expect((yield* Metric.value(RelayMetrics.requestsInFlight)).value - before).toBeGreaterThanOrEqual(3)
      yield* release
    }))
})
