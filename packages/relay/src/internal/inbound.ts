/**
 * Inbound calls: `calling.call.receive` → a tracked call served by the latest `onCall` handler in
 * a fiber of its own, within `maxActiveCalls`; calls offered before a handler exists wait for the
 * first one; `drain` passes new calls back and lets running handlers finish.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type * as CallApi from "../Call.js"
import type * as RelayEvent from "../RelayEvent.js"
import type { JsonObject } from "../RelayFrame.js"
import * as metrics from "../RelayMetrics.js"
import type { CallImpl } from "./call.js"
import { newCall, serve, type Serving } from "./callRuntime.js"
import type { CallHandler, Runtime } from "./callShared.js"

interface Registration {
  readonly serving: Serving
}

export interface Inbound {
  readonly onReceive: (event: RelayEvent.Known<"calling.call.receive">) => Effect.Effect<void>
  readonly onCall: (handler: CallHandler, options?: CallApi.OnCallOptions) => Effect.Effect<void, never, Scope.Scope>
  readonly drain: (timeout: Duration.DurationInput) => Effect.Effect<void>
}

export const make = (runtime: Runtime): Inbound => {
  const { calls, options } = runtime
  const registrations: Array<Registration> = []
  // Inbound calls that arrived while no handler was registered (typically between the first
  // connect and `onCall`): kept, bounded by maxActiveCalls, and served once a handler registers.
  const unclaimed = new Set<CallImpl>()
  let active = 0
  let draining = false

  const drop = (callId: string, why: string) => {
    metrics.inboundCallsDropped.unsafeUpdate(1, [])
    return Effect.logWarning(`inbound call ${callId} not handled: ${why}`)
  }

  // One function for every call (a closure per call was heap per live call).
  const handlerDone = () => void (active -= 1)
  const serveInbound = (call: CallImpl, registration: Registration): Effect.Effect<void> => {
    active += 1
    return serve(registration.serving, call)
  }

  const onReceive = (event: RelayEvent.Known<"calling.call.receive">): Effect.Effect<void> => {
    const p = event.params
    if (calls.has(p.call_id) || runtime.closing) return Effect.void
    if (draining) {
      runtime.connection.fire("calling.pass", { node_id: p.node_id ?? "", call_id: p.call_id })
      return drop(p.call_id, "the client is draining (passed back to the platform)")
    }
    const registration = registrations[registrations.length - 1]
    for (const waiting of unclaimed) if (waiting.closedBy !== undefined) unclaimed.delete(waiting)
    if (active + unclaimed.size >= options.maxActiveCalls) {
      return drop(p.call_id, `${options.maxActiveCalls} calls already active (maxActiveCalls)`)
    }
    const call = newCall(runtime, {
      callId: p.call_id,
      nodeId: p.node_id ?? "",
      projectId: p.project_id,
      context: p.context ?? p.protocol,
      tag: p.tag ?? "",
      direction: p.direction === "outbound" ? "outbound" : "inbound",
      device: (p.device ?? {}) as JsonObject,
      segmentId: p.segment_id ?? "",
      state: p.call_state ?? "created"
    })
    if (registration === undefined) {
      unclaimed.add(call)
      return Effect.logInfo(`inbound call ${call.callId} waits for an onCall handler`)
    }
    return serveInbound(call, registration)
  }

  const onCall = (handler: CallHandler, onCallOptions: CallApi.OnCallOptions = {}) =>
    Effect.acquireRelease(
      Effect.gen(function*() {
        const registration: Registration = {
          serving: { runtime, handler, policy: onCallOptions.release ?? "hangup", span: "RelayClient.onCall", done: handlerDone }
        }
        registrations.push(registration)
        const waiting = Array.from(unclaimed)
        unclaimed.clear()
        for (const call of waiting) {
          if (call.closedBy === undefined) yield* serveInbound(call, registration)
        }
        return registration
      }),
      (registration) =>
        Effect.sync(() => {
          const index = registrations.indexOf(registration)
          if (index >= 0) registrations.splice(index, 1)
        })
    ).pipe(Effect.asVoid)

  const drain = (timeout: Duration.DurationInput) =>
    Effect.gen(function*() {
      draining = true
      const finished = yield* Effect.timeout(
        Effect.interruptible(Effect.zipRight(runtime.handlerFibers.awaitEmpty, FiberSet.awaitEmpty(runtime.handlers))),
        timeout
      ).pipe(Effect.option)
      if (Option.isNone(finished)) {
        yield* Effect.logWarning(`drain: ${runtime.handlerFibers.size} call(s) still active; hanging up`)
        yield* runtime.handlerFibers.clear
        yield* FiberSet.clear(runtime.handlers)
      }
      // What follows each handler (its Scope closed, its call released) runs in `closers`: wait
      // for it too, within the bound a release has.
      yield* Effect.timeout(Effect.interruptible(FiberSet.awaitEmpty(runtime.closers)), runtime.options.releaseTimeout).pipe(
        Effect.option
      )
    }).pipe(Effect.withSpan("RelayClient.drain"))

  return { onReceive, onCall, drain }
}
