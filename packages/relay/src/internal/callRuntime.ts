/**
 * The registry operations every part of the calling service uses: tracking a call, releasing it
 * (hanging up within a bound), and running user handlers for calls in fibers of their own.
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
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
 * propagated; then `done` runs and the call is released. Synchronous: the fiber is forked (and
 * scheduled) now, so the event that brought the call leaves nothing for the dispatcher to run.
 *
 * This fiber lives as long as the call does, so what its stack holds is the heap of a live call
 * (bench/README.md). Its Scope is made by the fiber itself, first thing, and set in its context
 * (`FiberRef.update` of the context: no `provideService` frame around the handler, and no effect
 * for the dispatcher to run before the fork); the span is opt-in (`traceCalls`, ~6 KB per live
 * call). What follows the handler (its Scope closed, the failure logged, the call released) runs
 * in the same fiber, from one `matchCauseEffect` frame: a fiber of its own for it (as before)
 * cost ~9 KB allocated and ~12 µs per call in the side-by-side call bench. Only when the
 * handler's fiber is interrupted (the client closing or draining, its session replaced) before
 * that has finished does it run from the fiber's observer, in a fiber of the `closers` set, so
 * that the client's close stays bounded by `releaseTimeout` whatever user finalizers do. Running
 * it twice is harmless: a closed Scope closes once, a released call is released once.
 */
export const serve = (
  runtime: Runtime,
  call: CallImpl,
  handler: CallHandler,
  policy: CallApi.ReleasePolicy,
  span: string,
  done?: () => void
): void => {
  let scope: Scope.CloseableScope | undefined
  const body = Effect.suspend(() => handler(call))
  const traced = runtime.options.traceCalls
    ? Effect.withSpan(body, span, { attributes: { "relay.call_id": call.callId }, captureStackTrace: false })
    : body
  let finished = false
  // `done` runs once, when the handler has returned (before the release) or its fiber ended.
  let handlerDone = false
  const onHandlerDone = () => {
    if (handlerDone) return
    handlerDone = true
    done?.()
  }
  const after = (exit: Exit.Exit<void, unknown>) => {
    const closed = scope === undefined ? Effect.void : Scope.close(scope, exit)
    const logged = Exit.isFailure(exit) && !Cause.isInterruptedOnly(exit.cause)
      ? Effect.zipRight(closed, Effect.logError("call handler failed", exit.cause))
      : closed
    return Effect.zipRight(logged, release(runtime, call, policy))
  }
  const markFinished = Effect.sync(() => {
    finished = true
  })
  // An interrupted fiber skips `onFailure` (the observer below takes over).
  const served = Effect.matchCauseEffect(traced, {
    onFailure: (cause) => {
      onHandlerDone()
      return Effect.zipRight(after(Exit.failCause(cause)), markFinished)
    },
    onSuccess: () => {
      onHandlerDone()
      return Effect.zipRight(after(Exit.void), markFinished)
    }
  })
  const scoped = Effect.flatMap(Scope.make(), (made) => {
    scope = made
    return Effect.zipRight(
      FiberRef.update(FiberRef.currentContext, (context) => Context.add(context, Scope.Scope, made)),
      // The Scope the handler requires is in the context from here on (set just above).
      served as Effect.Effect<void>
    )
  })
  const fiber = runtime.forkHandler(scoped)
  call.handlerFiber = fiber
  fiber.addObserver((exit) => {
    onHandlerDone()
    if (!finished) runtime.forkCloser(after(exit))
  })
}
