/**
 * The registry operations every part of the calling service uses: tracking a call, releasing it
 * (hanging up within a bound), and running user handlers for calls in fibers of their own.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import type * as CallApi from "../Call.js"
import * as metrics from "../RelayMetrics.js"
import { CallImpl } from "./call.js"
import type { CallInit } from "./callCore.js"
import type { CallHandler, Runtime } from "./callShared.js"

/** Tracks a new call. */
export const newCall = (
  runtime: Runtime,
  init: Omit<CallInit, "projectId"> & { readonly projectId?: string | undefined }
): CallImpl => {
  const call = new CallImpl(runtime, { ...init, projectId: init.projectId ?? runtime.options.project })
  runtime.calls.set(call.callId, call)
  metrics.callsActive.unsafeModify(1, [])
  return call
}

/** Best-effort hang-up that never waits past `releaseTimeout` (nor at all while closing). */
export const hangupQuietly = (runtime: Runtime, call: CallImpl, reason: CallApi.EndReason): Effect.Effect<void> =>
  Effect.suspend(() => {
    if (call.state === "ending" || call.state === "ended" || call.hangupAccepted) return Effect.void
    if (runtime.closing) {
      runtime.connection.fire("calling.end", { node_id: call.nodeId, call_id: call.callId, reason })
      return Effect.void
    }
    // Interruptible, so that the bound holds inside finalizers too (releases run in them).
    return Effect.interruptible(call.command("calling.end", { reason })).pipe(
      Effect.timeout(runtime.options.releaseTimeout),
      Effect.catchAll((error) =>
        error._tag === "CallGone"
          ? Effect.void
          : Effect.logWarning(`could not hang up call ${call.callId}: ${error.message}`)
      )
    )
  })

/** Stops tracking a call, hanging it up first under the `hangup` policy. */
export const release = (runtime: Runtime, call: CallImpl, policy: CallApi.ReleasePolicy): Effect.Effect<void> =>
  Effect.suspend(() => {
    if (call.closedBy !== undefined) return Effect.void
    return Effect.zipRight(
      policy === "hangup" ? hangupQuietly(runtime, call, "hangup") : Effect.void,
      call.close(runtime.closing ? { _tag: "ClientClosed" } : { _tag: "Released" })
    )
  })

/**
 * Runs a handler for a call in its own fiber, in a Scope of its own; its failure is logged, never
 * propagated; then `done` runs and the call is released.
 *
 * This fiber lives as long as the call does, so what its stack holds is the heap of a live call
 * (bench/README.md): nothing of ours is on it. Its Scope is in the context it is forked with (not
 * a `provideService` frame around the handler), and what follows the handler runs from the fiber's
 * observer, in a fiber of the `closers` set (not an `ensuring` frame); the span is opt-in
 * (`traceCalls`, ~6 KB per live call).
 */
export const serve = (
  runtime: Runtime,
  call: CallImpl,
  handler: CallHandler,
  policy: CallApi.ReleasePolicy,
  span: string,
  done?: () => void
): Effect.Effect<void> =>
  Effect.flatMap(Scope.make(), (scope) => {
    const body = Effect.suspend(() => handler(call))
    const traced = runtime.options.traceCalls
      ? Effect.withSpan(body, span, { attributes: { "relay.call_id": call.callId }, captureStackTrace: false })
      : body
    const after = (exit: Exit.Exit<void, unknown>) => {
      const closed = Scope.close(scope, exit)
      const logged = Exit.isFailure(exit) && !Cause.isInterruptedOnly(exit.cause)
        ? Effect.zipRight(closed, Effect.logError("call handler failed", exit.cause))
        : closed
      return Effect.zipRight(logged, release(runtime, call, policy))
    }
    return FiberSet.run(runtime.handlers, traced).pipe(
      // The child inherits these at its fork: no frame of them stays on its stack. Its failure is
      // logged by `after`, not again by the runtime.
      Effect.provideService(Scope.Scope, scope),
      Effect.withUnhandledErrorLogLevel(Option.none()),
      Effect.map((fiber) => {
        call.handlerFiber = fiber
        fiber.addObserver((exit) => {
          done?.()
          runtime.forkCloser(after(exit))
        })
      })
    )
  })
