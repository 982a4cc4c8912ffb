/**
 * When the client has to start a new session instead of resuming, everything of the old session
 * (calls, their actions and waiters, dials, tracked messages, inbound handlers) settles at once
 * with SessionLost, is dropped from tracking, and further commands fail without sending.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { Device, Media } from "@signalwire-effect/relay"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { runFixture } from "./fixtures/child.js"
import { awaitState, type Client, connect } from "./fixtures/sandbox.js"

const FAR = "+15553330001"
const RINGING = "+15553330002"
const STALLED = "+15553330003"
const OWN = "+15551234567"
const caller = { from: "+15551110000", to: "+15552220000", context: "office" }
const BOUND = "10 seconds"

type Replace = (sandbox: RelaySandbox.Sandbox, scope: Scope.Scope) => Effect.Effect<RelaySandbox.Sandbox, unknown>

const ways: ReadonlyArray<readonly [string, Replace]> = [
  ["the server asks for a restart (signalwire.disconnect restart: true)", (sandbox) =>
    Effect.as(sandbox.faults.disconnect({ restart: true }), sandbox)],
  ["the server restarts without its sessions (a new server on the same port)", (sandbox, scope) =>
    Effect.gen(function*() {
      yield* sandbox.stop
      return yield* RelaySandbox.make({ port: sandbox.port }).pipe(Scope.extend(scope))
    })]
]

/** The tag of a failed Exit's error, "success", or "interrupted". */
const outcome = <A, E extends { readonly _tag: string }>(exit: Exit.Exit<A, E>): string => {
  if (Exit.isSuccess(exit)) return "success"
  if (Cause.isInterruptedOnly(exit.cause)) return "interrupted"
  return Option.match(Cause.failureOption(exit.cause), { onNone: () => Cause.pretty(exit.cause), onSome: (e) => e._tag })
}

describe("calls of a session that was not resumed", () => {
  for (const [way, replace] of ways) {
    it.scopedLive(`every waiter settles with SessionLost when ${way}`, () =>
      Effect.gen(function*() {
        const testScope = yield* Effect.scope
        const sandbox = yield* RelaySandbox.make()
        yield* sandbox.calls.script(FAR, { playFor: "1 hour", hangupAfter: "1 hour" })
        yield* sandbox.calls.script(RINGING, { ringFor: "1 hour" })
        yield* sandbox.messages.script(STALLED, { stallAfter: "sent" })
        const relay: Client = yield* connect(sandbox, {
          contexts: ["office"],
          reconnectSchedule: Schedule.spaced("20 millis"),
          dialTimeout: "1 hour"
        })

        // A dialled call with an action, state and event waiters and an event stream.
        const call = yield* relay.dial(Device.serial(Device.phone({ to: FAR, from: OWN })))
        const play = yield* call.play(Media.tts("a long announcement"))
        const playWait = yield* Effect.fork(Effect.exit(play.wait))
        const ended = yield* Effect.fork(Effect.exit(call.ended))
        const events = yield* Effect.fork(Effect.exit(Stream.runDrain(call.events)))
        // A dial still ringing, and a message waiting for its final state.
        const beforeDial = yield* sandbox.journal.mark
        const dialing = yield* Effect.fork(Effect.exit(Effect.scoped(relay.dial(Device.serial(Device.phone({ to: RINGING, from: OWN }))))))
        yield* sandbox.journal.waitForRequest("calling.dial", beforeDial)
        const message = yield* relay.sendMessage({ to: STALLED, from: OWN, body: "hello" })
        const messageWait = yield* Effect.fork(Effect.exit(message.wait()))
        // An inbound call whose handler waits on something else entirely, with a scope finalizer.
        const handlerExit = yield* Deferred.make<string>()
        const scopeClosed = yield* Deferred.make<void>()
        yield* relay.onCall((inbound) =>
          Effect.gen(function*() {
            yield* Scope.addFinalizer(yield* inbound.scope, Deferred.succeed(scopeClosed, undefined))
            yield* inbound.answer()
            yield* Effect.never
          }).pipe(Effect.onExit((exit) => Deferred.succeed(handlerExit, outcome(exit))))
        )
        const offered = yield* sandbox.calls.inbound(caller)
        yield* sandbox.calls.waitForState(offered.callId, "answered")
        expect((yield* relay.calls).length).toBe(3)

        const after = yield* replace(sandbox, testScope)
        yield* awaitState(relay, (s) => s._tag === "Connected" && !s.sessionRestored)

        expect(outcome(yield* Fiber.join(playWait).pipe(Effect.timeout(BOUND)))).toBe("SessionLost")
        expect(outcome(yield* Fiber.join(ended).pipe(Effect.timeout(BOUND)))).toBe("SessionLost")
        expect(outcome(yield* Fiber.join(events).pipe(Effect.timeout(BOUND)))).toBe("SessionLost")
        expect(outcome(yield* Fiber.join(messageWait).pipe(Effect.timeout(BOUND)))).toBe("SessionLost")
        // The ringing dial was waiting for its events: it fails, with the session's loss or replacement.
        expect(["ConnectionLost", "SessionLost"]).toContain(outcome(yield* Fiber.join(dialing).pipe(Effect.timeout(BOUND))))
        expect(yield* Deferred.await(handlerExit).pipe(Effect.timeout(BOUND))).toBe("interrupted")
        yield* Deferred.await(scopeClosed).pipe(Effect.timeout(BOUND))
        expect(yield* relay.calls).toEqual([])
        expect(yield* relay.messages).toEqual([])

        // Commands on a call of the old session fail typed and send nothing.
        const mark = yield* after.journal.mark
        const hangup = yield* Effect.exit(call.hangup())
        expect(outcome(hangup)).toBe("SessionLost")
        if (Exit.isFailure(hangup) && hangup.cause._tag === "Fail") {
          expect(hangup.cause.error.message).toContain(call.callId)
        }
        expect(outcome(yield* Effect.exit(call.play(Media.tts("again"))))).toBe("SessionLost")
        expect(outcome(yield* Effect.exit(call.waitFor("ended")))).toBe("SessionLost")
        yield* relay.execute("signalwire.ping")
        const sent = (yield* after.journal.requests()).filter((r) => r.seq > mark).map((r) => r.method)
        expect(sent).toEqual(["signalwire.ping"])
      }))
  }

  it.scopedLive("a process whose session is replaced settles its waiters and exits by itself", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script(FAR, { playFor: "1 hour", hangupAfter: "1 hour" })
      const child = runFixture("session-child.ts", { RELAY_HOST: sandbox.host })
      yield* Effect.promise(() => child.printed("CALL_UP")).pipe(Effect.timeout("45 seconds"))
      yield* sandbox.faults.disconnect({ restart: true })
      const { code } = yield* Effect.promise(() => child.exited).pipe(
        Effect.timeout("45 seconds"),
        Effect.tapError(() => Effect.sync(() => console.error(`child did not exit:\n${child.output()}`)))
      )
      expect(code).toBe(0)
      expect(child.stdout()).toContain(`OUTCOMES ["SessionLost","SessionLost"]`)
    }), 90_000)

  it.scopedLive("a resumed session keeps its calls (no SessionLost)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script(FAR, { playFor: "1 hour", hangupAfter: "1 hour" })
      const relay = yield* connect(sandbox, { reconnectSchedule: Schedule.spaced("20 millis") })
      const call = yield* relay.dial(Device.serial(Device.phone({ to: FAR, from: OWN })))
      yield* sandbox.faults.drop()
      yield* awaitState(relay, (s) => s._tag === "Connected" && s.sessionRestored)
      expect((yield* relay.calls).map((c) => c.callId)).toEqual([call.callId])
      const play = yield* call.play(Media.tts("still here"))
      yield* play.stop
    }))
})
