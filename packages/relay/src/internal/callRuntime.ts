/**
 * The registry operations every part of the calling service uses: tracking a call, releasing it
 * (hanging up within a bound), and running user handlers for calls in fibers of their own.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as FiberSet from "effect/FiberSet"
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

/** Runs a handler for a call in its own fiber; its failure is logged, never propagated. */
export const serve = (
  runtime: Runtime,
  call: CallImpl,
  handler: CallHandler,
  policy: CallApi.ReleasePolicy,
  span: string
): Effect.Effect<void> =>
  Effect.map(FiberSet.run(
    runtime.handlers,
    Effect.scoped(Effect.suspend(() => handler(call))).pipe(
      Effect.catchAllCause((cause) =>
        Cause.isInterruptedOnly(cause) ? Effect.void : Effect.logError("call handler failed", cause)
      ),
      Effect.ensuring(release(runtime, call, policy)),
      // No annotateLogs here: each FiberRef change copies the fiber's refs, kilobytes per call
      // (bench/README.md); the span carries the call id.
      Effect.withSpan(span, { attributes: { "relay.call_id": call.callId }, captureStackTrace: false })
    )
  ), (fiber) => {
    call.handlerFiber = fiber
  })
