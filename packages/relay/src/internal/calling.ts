/**
 * The calling service: a scoped layer on the connection that tracks calls, routes their events
 * (on the connection's dispatcher, synchronously), dials, serves inbound calls, and on close
 * fails every waiter and releases every call.
 *
 * User code never runs on the dispatcher: handlers run in fibers of their own (`handlerFibers`),
 * call scopes are closed in the `closers` FiberSet, and subscribers read bounded mailboxes.
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Equal from "effect/Equal"
import * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as FiberRef from "effect/FiberRef"
import * as FiberRefs from "effect/FiberRefs"
import * as FiberSet from "effect/FiberSet"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as EffectRuntime from "effect/Runtime"
import * as Scope from "effect/Scope"
import * as Tracer from "effect/Tracer"
import type * as CallApi from "../Call.js"
import type * as Device from "../Device.js"
import { ClientClosed, type DialError } from "../RelayError.js"
import type * as RelayEvent from "../RelayEvent.js"
import { type CallHandler, type CallingOptions, type Runtime, str } from "./callShared.js"
import * as Connection from "./connection.js"
import * as Dial from "./dial.js"
import { HandlerFibers } from "./handlerFibers.js"
import * as HandlerScope from "./handlerScope.js"
import * as Inbound from "./inbound.js"

export interface Calling {
  readonly dial: (
    devices: Device.DialPlan,
    options?: CallApi.DialOptions
  ) => Effect.Effect<CallApi.Call, DialError, Scope.Scope>
  readonly onCall: (handler: CallHandler, options?: CallApi.OnCallOptions) => Effect.Effect<void, never, Scope.Scope>
  readonly drain: (timeout: Duration.DurationInput) => Effect.Effect<void>
  readonly calls: Effect.Effect<ReadonlyArray<CallApi.Call>>
}

/**
 * `refs` without the FiberRefs set to their initial value (a fiber reads those the same). Each
 * handler fiber copies the map of its FiberRefs and adds its context: up to 4 entries fit V8's
 * smallest table, a fifth doubles it (~0.11 KiB more per live call in a heap-snapshot diff;
 * bench/README.md, issue 21).
 */
const withoutDefaults = (refs: FiberRefs.FiberRefs): FiberRefs.FiberRefs => {
  const initial = FiberRefs.empty()
  let kept = refs
  for (const ref of FiberRefs.fiberRefs(refs)) {
    if (Equal.equals(FiberRefs.getOrDefault(refs, ref), FiberRefs.getOrDefault(initial, ref))) kept = FiberRefs.delete(kept, ref)
  }
  return kept
}

/** The calling service of one client (internal: users see `RelayClient`). */
export class Tag extends Context.Tag("@signalwire-effect/relay/internal/Calling")<Tag, Calling>() {}

export const make = (options: CallingOptions): Effect.Effect<Calling, never, Scope.Scope | Connection.Tag> =>
  Effect.gen(function*() {
    const connection = yield* Connection.Tag
    const clock = yield* Effect.clock
    // Made before the handlers, so closed after them: a handler's release closes its call's scope.
    const closers = yield* FiberSet.make<void, never>()
    const handlers = yield* FiberSet.make<void, unknown>()
    const runCloser = yield* FiberSet.runtime(closers)<never>()
    const handlerFibers = new HandlerFibers()
    // Call handlers are forked from this runtime (see `forkHandler`): its FiberRefs and context are
    // set once here, where `FiberSet.run` with `provideService(Scope)` and
    // `withUnhandledErrorLogLevel` around it cost two `FiberRef` "locally" frames per call, which
    // measured ~20 KB allocated and ~15 µs per fork (bench/README.md, issue 21).
    // Its FiberRefs are the ones a child fiber gets (`FiberRefs.forkAs`: e.g. the fork-scope
    // override this layer's fiber has is reset), without the context's history: so a fork copies
    // them as they are and adds one short stack for its context, where forking from this layer's
    // own FiberRefs added two longer ones per fiber (~0.4 KiB per live call; bench/README.md).
    // Handler fibers keep effect's scheduler as it is, a runner per fiber: sharing one saved ~0.23
    // KiB per live call but ran one call's handler in another's `AsyncLocalStorage` context
    // (`handlerAsyncContext.test.ts`; what Node tracing context managers read).
    const base = yield* Effect.runtime<never>()
    const handlerRuntime = EffectRuntime.setFiberRef(
      EffectRuntime.make({
        // Nor this client's connection, an internal service no handler can name: with the
        // Scope and the served call, the context of each handler fiber keeps to V8's smallest
        // map table (a fifth entry doubles it: ~0.11 KiB per live call).
        context: Context.omit(Tracer.ParentSpan, Connection.Tag)(base.context),
        fiberRefs: FiberRefs.delete(FiberRefs.forkAs(base.fiberRefs, FiberId.none), FiberRef.currentContext),
        runtimeFlags: base.runtimeFlags
      }),
      FiberRef.unhandledErrorLogLevel,
      Option.none()
    )
    // Nor the runtime flags' FiberRef: a fiber sets it from its own flags whenever its FiberRefs are
    // read (a fork, a join), so the copy in each handler fiber's map was never read.
    const handlerRefs = withoutDefaults(FiberRefs.delete(handlerRuntime.fiberRefs, FiberRef.currentRuntimeFlags))
    const runtime: Runtime = {
      connection,
      options,
      calls: new Map(),
      closers,
      forkCloser: (effect) => void runCloser(effect),
      handlers,
      handlerFibers,
      forkHandler: (effect, services) => {
        const forked = EffectRuntime.make({
          context: Context.merge(handlerRuntime.context, services),
          fiberRefs: handlerRefs,
          runtimeFlags: handlerRuntime.runtimeFlags
        })
        const fiber = EffectRuntime.runFork(forked, effect as Effect.Effect<void, unknown>, { immediate: false })
        handlerFibers.add(fiber)
        return fiber
      },
      makeScope: HandlerScope.lazyScopes(yield* Scope.make()),
      closing: false
    }
    const dials = Dial.make(runtime, clock)
    const inbound = Inbound.make(runtime)

    const onEvent = (event: RelayEvent.RelayEvent): Effect.Effect<void> => {
      switch (event._tag) {
        case "CallReceive":
          return inbound.onReceive(event)
        case "CallState":
          return dials.onState(event)
        case "CallDial":
          return dials.onDial(event)
        case "MessageReceive":
        case "MessageState":
        case "AuthorizationState":
          return Effect.void
        default: {
          const callId = str(event.params.call_id)
          return callId === undefined ? Effect.void : runtime.calls.get(callId)?.handle(event) ?? Effect.void
        }
      }
    }

    yield* connection.addListener({
      onEvent,
      onSessionLost: dials.sessionLost,
      // Everything of the old session settles now; its handlers are interrupted (without waiting
      // for their finalizers: this runs on the supervisor) and their scopes closed.
      onSessionReplaced: (reason) =>
        Effect.gen(function*() {
          dials.sessionReplaced(reason)
          const lost = Array.from(runtime.calls.values())
          for (const call of lost) {
            yield* call.close({ _tag: "SessionLost", reason })
            if (call.handlerFiber !== undefined) yield* Fiber.interruptFork(call.handlerFiber)
          }
          if (lost.length > 0) yield* Effect.logWarning(`${lost.length} call(s) of the replaced session released`)
        }),
      onClose: (error) => {
        runtime.closing = true
        dials.failAll(error)
      }
    })

    // Runs before the FiberSets close and before the connection closes (finalizers run last-in
    // first-out, and the connection is a layer below this one).
    yield* Effect.addFinalizer(() =>
      Effect.gen(function*() {
        if (options.drainOnClose !== undefined) yield* inbound.drain(options.drainOnClose)
        runtime.closing = true
        dials.failAll(new ClientClosed({ operation: "calling.dial" }))
        yield* handlerFibers.close
        yield* FiberSet.clear(handlers)
        for (const call of Array.from(runtime.calls.values())) yield* call.close({ _tag: "ClientClosed" })
        // Call-scope finalizers are user code: they get `releaseTimeout` to finish, then are
        // interrupted, so that the client closes within its bounds whatever they do.
        const finished = yield* Effect.timeout(Effect.interruptible(FiberSet.awaitEmpty(closers)), options.releaseTimeout).pipe(
          Effect.option
        )
        if (Option.isNone(finished)) {
          yield* Effect.logWarning(`${yield* FiberSet.size(closers)} call scope(s) still closing; interrupted`)
          yield* FiberSet.clear(closers)
        }
      })
    )

    return {
      dial: dials.dial,
      onCall: inbound.onCall,
      drain: inbound.drain,
      calls: Effect.sync(() => Array.from(runtime.calls.values()))
    }
  })

/** The calling service as a scoped layer on the connection. */
export const layer = (options: CallingOptions): Layer.Layer<Tag, never, Connection.Tag> =>
  Layer.scoped(Tag, make(options))
