/**
 * The registry operations every part of the calling service uses: tracking a call, releasing it
 * (hanging up within a bound), and running user handlers for calls in fibers of their own.
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
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
  // The client's own project string when the call's is the same: one string less per live call.
  const projectId = init.projectId === undefined || init.projectId === runtime.options.project ? runtime.options.project : init.projectId
  const call = new CallImpl(runtime, { ...init, projectId })
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
 * How calls are served, shared by the calls of one `onCall` registration: the handler, the release
 * policy, the span's name and what runs when a handler is done.
 */
export interface Serving {
  readonly runtime: Runtime
  readonly handler: CallHandler
  readonly policy: CallApi.ReleasePolicy
  readonly span: string
  readonly done?: (() => void) | undefined
}

const DONE = 1
const FINISHED = 2

/**
 * One served call: the handler's Scope, and what follows the handler (its Scope closed, its
 * failure logged, the call released).
 *
 * The handler's fiber lives as long as its call, so what it holds is the heap of a live call
 * (bench/README.md, issue 21). So this one object per call is all of it that is ours: the fiber
 * runs one effect shared by every call (`runHandler`), which finds this object in its context
 * (`Current`): no frames or closures made per call (those of the previous version measured
 * ~0.6 KiB per live call in a heap-snapshot diff), and what is the same for the calls of one
 * registration is shared (`Serving`: 9 fields → 4, ~40 bytes per live call).
 */
class Served {
  /** `DONE`: the handler returned or its fiber ended; `FINISHED`: what follows it ran in its fiber. */
  private flags = 0

  constructor(readonly serving: Serving, readonly call: CallImpl, readonly scope: Scope.CloseableScope) {}

  /** The handler, in its span when the client traces calls. */
  body(): Effect.Effect<void, unknown> {
    const { handler, runtime, span } = this.serving
    const body = handler(this.call) as Effect.Effect<void, unknown>
    return runtime.options.traceCalls
      ? Effect.withSpan(body, span, { attributes: { "relay.call_id": this.call.callId }, captureStackTrace: false })
      : body
  }

  /** `done` runs once, when the handler has returned (before the release) or its fiber ended. */
  handlerEnded(): void {
    if ((this.flags & DONE) !== 0) return
    this.flags |= DONE
    this.serving.done?.()
  }

  /** What follows the handler: its Scope closed, its failure logged, the call released. */
  after(exit: Exit.Exit<void, unknown>): Effect.Effect<void> {
    const closed = Scope.close(this.scope, exit)
    const logged = Exit.isFailure(exit) && !Cause.isInterruptedOnly(exit.cause)
      ? Effect.zipRight(closed, Effect.logError("call handler failed", exit.cause))
      : closed
    return Effect.zipRight(logged, release(this.serving.runtime, this.call, this.serving.policy))
  }

  /** Run by the handler's fiber once the handler has returned. */
  finish(exit: Exit.Exit<void, unknown>): Effect.Effect<void> {
    this.handlerEnded()
    return Effect.zipRight(this.after(exit), Effect.sync(() => void (this.flags |= FINISHED)))
  }

  /** The fiber's observer: an interrupted fiber skips `finish`, run then in a fiber of `closers`. */
  ended(fiber: Fiber.RuntimeFiber<void, unknown>, exit: Exit.Exit<void, unknown>): void {
    this.serving.runtime.handlerFibers.remove(fiber)
    this.handlerEnded()
    if ((this.flags & FINISHED) === 0) this.serving.runtime.forkCloser(this.after(exit))
  }
}

/** The `Served` of a handler fiber, in its context from the fork on. */
class Current extends Context.Tag("@signalwire-effect/relay/internal/callRuntime/Served")<Current, Served>() {}

const withServed = (f: (served: Served) => Effect.Effect<void, unknown>): Effect.Effect<void, unknown> =>
  Effect.contextWithEffect((context: Context.Context<never>) => {
    const served = Context.getOption(context as Context.Context<Current>, Current)
    // Only a handler that replaced its fiber's whole context gets here without it: the observer
    // then runs what follows.
    return Option.isSome(served) ? f(served.value) : Effect.void
  })

/** What every handler fiber runs: its handler, then `finish` (an interrupted fiber skips it). */
const runHandler: Effect.Effect<void> = Effect.matchCauseEffect(withServed((served) => served.body()), {
  onFailure: (cause) => withServed((served) => served.finish(Exit.failCause(cause))),
  onSuccess: () => withServed((served) => served.finish(Exit.void))
}) as Effect.Effect<void>

/**
 * Runs a handler for a call in its own fiber, in a Scope of its own; its failure is logged, never
 * propagated; then `done` runs and the call is released. The Scope is made here (its finalizer
 * map on first use: `handlerScope.ts`) and set in the fiber's context with the fork: made in the
 * fiber, it took a `FiberRef` update of the context there, which copied the fiber's FiberRefs and
 * hashed both contexts (~0.3 KiB per live call). The fiber is scheduled, never run on the
 * caller's stack: nothing is left for the caller to run.
 *
 * What follows the handler runs in the same fiber: a fiber of its own for it (as before) cost
 * ~9 KB allocated and ~12 µs per call in the side-by-side call bench. Only when the handler's fiber
 * is interrupted (the client closing or draining, its session replaced) before that has finished
 * does it run from the fiber's observer, in a fiber of the `closers` set, so that the client's
 * close stays bounded by `releaseTimeout` whatever user finalizers do. Running it twice is
 * harmless: a closed Scope closes once, a released call is released once. The span is opt-in
 * (`traceCalls`, ~6 KB per live call).
 */
export const serve = (serving: Serving, call: CallImpl): Effect.Effect<void> => {
  const runtime = serving.runtime
  const start = (scope: Scope.CloseableScope) => {
    const served = new Served(serving, call, scope)
    const fiber = runtime.forkHandler(runHandler, Context.add(Context.make(Scope.Scope, scope), Current, served))
    call.handlerFiber = fiber
    fiber.addObserver((exit) => served.ended(fiber, exit))
  }
  if (runtime.makeScope === undefined) return Effect.map(Scope.make(), start)
  start(runtime.makeScope())
  return Effect.void
}
