/**
 * A call's state and the primitives its verbs are built from.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as FiberSet from "effect/FiberSet"
import * as Mailbox from "effect/Mailbox"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type * as CallApi from "../Call.js"
import type * as Media from "../Media.js"
import {
  CallEnded,
  type CallEventError,
  type CallWaitError,
  CallGone,
  ClientClosed,
  type CommandError,
  type RequestError,
  EventOverflow,
  InvalidRequest,
  RpcError,
  SessionLost
} from "../RelayError.js"
import type * as RelayEvent from "../RelayEvent.js"
import type { JsonObject } from "../RelayFrame.js"
import * as metrics from "../RelayMetrics.js"
import { ActionImpl } from "./actions.js"
import { EventBatches, type Sink } from "./eventBatches.js"
import { asState, type CloseReason, isCallGoneCode, obj, type Runtime, stateIndex, str } from "./callShared.js"
import * as params from "./params.js"

/**
 * A fiber waiting for a state, resumed by a bare `Effect.async` callback: no Deferred, and no
 * interrupt frame on the waiting fiber's stack (it waits as long as the call lives, so that frame
 * would be heap per live call). An interrupted waiter stays listed (resuming it then does nothing)
 * until the next waiter is added, which drops the waiters whose fiber has ended.
 */
interface StateWaiter {
  readonly target: number
  /** Resumed with the end reason (`ended`) instead of the state (`waitFor`). */
  readonly endReason: boolean
  readonly fiber: Fiber.RuntimeFiber<unknown, unknown>
  readonly resume: (result: Effect.Effect<string, CallWaitError>) => void
}

interface EventWaiter {
  readonly predicate: (event: RelayEvent.RelayEvent) => boolean
  readonly deferred: Deferred.Deferred<RelayEvent.RelayEvent, CallWaitError>
}

const ENDED = stateIndex("ended")

/** A call's fixed properties, and the state as the wire reported it. */
export type CallInit =
  & Pick<CallApi.Call, "callId" | "nodeId" | "projectId" | "context" | "tag" | "direction" | "device" | "segmentId">
  & { readonly state: string }

/**
 * The core of a call: its state, routing of its events, waiters, subscribers, its scope, and the
 * command and action-start primitives the verbs (callMedia.ts, call.ts) are written with. Methods
 * live on the prototype and per-call structures are created on first use, so an idle call costs
 * a few hundred bytes.
 */
export class CallCore {
  readonly callId: string
  nodeId: string
  readonly projectId: string
  readonly context: string | undefined
  readonly tag: string
  readonly direction: "inbound" | "outbound"
  device: JsonObject
  readonly segmentId: string
  state: CallApi.CallState
  /** Bit i set once state i (in `Call.states` order) has been seen. */
  visited: number
  endReason: string | undefined = undefined
  /** Set once a `calling.end` was accepted: the release need not send another. */
  hangupAccepted = false
  closedBy: CloseReason | undefined = undefined
  actions: Map<string, ActionImpl<unknown>> | undefined = undefined
  subscribers: Set<Sink> | undefined = undefined
  /** One waiter as is (the common case: a handler waiting for the end), more in an array. */
  stateWaiters: StateWaiter | Array<StateWaiter> | undefined = undefined
  eventWaiters: Array<EventWaiter> | undefined = undefined
  childScope: Scope.CloseableScope | undefined = undefined
  /** The fiber of the handler serving this call (inbound, adopted), if any. */
  handlerFiber: Fiber.RuntimeFiber<void, unknown> | undefined = undefined

  constructor(readonly runtime: Runtime, init: CallInit) {
    this.callId = init.callId
    this.nodeId = init.nodeId
    this.projectId = init.projectId
    this.context = init.context
    this.tag = init.tag
    this.direction = init.direction
    this.device = init.device
    this.segmentId = init.segmentId
    this.state = asState(init.state)
    this.visited = 1 << stateIndex(this.state)
  }

  get type(): string | undefined {
    return str(this.device.type)
  }
  get from(): string | undefined {
    const p = obj(this.device.params)
    return str(p?.from_number) ?? str(p?.from)
  }
  get to(): string | undefined {
    const p = obj(this.device.params)
    return str(p?.to_number) ?? str(p?.to)
  }

  toString() {
    return `<Call id=${this.callId} state=${this.state} direction=${this.direction}>`
  }

  // ---- events in ----

  /** Routes one event about this call: state, then its action, then subscribers and waiters. */
  handle(event: RelayEvent.RelayEvent): Effect.Effect<void> {
    if (this.closedBy !== undefined) return Effect.void
    if (event._tag === "CallState") {
      const p = event.params
      this.state = asState(p.call_state)
      this.visited |= 1 << stateIndex(this.state)
      if (p.node_id !== undefined && this.nodeId === "") this.nodeId = p.node_id
      if (p.device !== undefined && Object.keys(this.device).length === 0) this.device = p.device as JsonObject
      if (p.end_reason !== undefined) this.endReason = p.end_reason
    }
    const controlId = str(event.params.control_id)
    if (controlId !== undefined) this.actions?.get(controlId)?.check(event)
    if (this.subscribers !== undefined) {
      for (const sink of this.subscribers) {
        if (!sink.offer(event)) {
          this.subscribers.delete(sink)
          metrics.subscriberOverflow.unsafeUpdate(1, [])
        }
      }
    }
    if (this.eventWaiters !== undefined) {
      this.eventWaiters = this.eventWaiters.filter((waiter) => {
        if (!waiter.predicate(event)) return true
        Deferred.unsafeDone(waiter.deferred, Exit.succeed(event))
        return false
      })
    }
    const stateWaiters = this.stateWaiters
    if (stateWaiters !== undefined && !Array.isArray(stateWaiters)) {
      if (this.reached(stateWaiters.target)) {
        this.stateWaiters = undefined
        stateWaiters.resume(Exit.succeed(this.resolved(stateWaiters)))
      }
    } else if (stateWaiters !== undefined && stateWaiters.some((waiter) => this.reached(waiter.target))) {
      // Rebuilt only when a waiter is resumed: the array kept while nothing is reached stays the
      // exact-size one `wait` made (heap per live call).
      const waiters = stateWaiters.filter((waiter) => {
        if (!this.reached(waiter.target)) return true
        waiter.resume(Exit.succeed(this.resolved(waiter)))
        return false
      })
      this.stateWaiters = waiters.length === 0 ? undefined : waiters.length === 1 ? waiters[0] : waiters
    }
    // Closed now, not in an effect the dispatcher then runs (a few effect steps per call less on
    // the dispatcher), unless the call has a scope to close.
    if (this.state === "ended") return this.closeNow({ _tag: "Ended", endReason: this.endReason ?? "hangup" })
    return Effect.void
  }

  /** Frees the call: settles every waiter, ends its streams, closes its scope, leaves the registry. */
  close(reason: CloseReason): Effect.Effect<void> {
    return Effect.suspend(() => this.closeNow(reason))
  }

  /** `close`, its synchronous part run now; returns the closing of the call's scope, if it has one. */
  closeNow(reason: CloseReason): Effect.Effect<void> {
    if (this.closedBy !== undefined) return Effect.void
    this.closedBy = reason
    const calls = this.runtime.calls
    if ((calls.get(this.callId) as unknown) === this) {
      calls.delete(this.callId)
      metrics.callsActive.unsafeModify(-1, [])
    }
    const ended = (controlId?: string) => this.closedWith("call", controlId)
    if (this.actions !== undefined) {
      for (const action of Array.from(this.actions.values())) action.settle(Exit.fail(ended(action.controlId)))
      this.actions = undefined
    }
    if (this.subscribers !== undefined) {
      const end = this.streamEnd()
      for (const sink of this.subscribers) sink.end(end)
      this.subscribers = undefined
    }
    const stateWaiters = this.stateWaiters
    this.stateWaiters = undefined
    if (Array.isArray(stateWaiters)) for (const waiter of stateWaiters) waiter.resume(Exit.fail(ended()))
    else stateWaiters?.resume(Exit.fail(ended()))
    for (const waiter of this.eventWaiters ?? []) Deferred.unsafeDone(waiter.deferred, Exit.fail(ended()))
    this.eventWaiters = undefined
    const scope = this.childScope
    if (scope === undefined) return Effect.void
    // Interruptible, so that a finalizer that never ends can be abandoned when the client closes.
    return Effect.asVoid(FiberSet.run(this.runtime.closers, Effect.interruptible(Scope.close(scope, Exit.void))))
  }

  protected closedError(method: string, controlId?: string): CommandError {
    const reason = this.closedBy
    if (reason?._tag === "ClientClosed" || this.runtime.closing) return new ClientClosed({ operation: method })
    if (reason?._tag === "SessionLost") return this.closedWith(method, controlId) as SessionLost
    return new CallGone({
      method,
      callId: this.callId,
      ...(controlId === undefined ? {} : { controlId }),
      code: 410,
      message: reason?._tag === "Released" ? "the call was released" : "the call has ended",
      sent: false
    })
  }

  /** What waiting on this closed call ends with. */
  closedWith(operation: string, controlId?: string): CallWaitError {
    const reason = this.closedBy
    const ids = { callId: this.callId, ...(controlId === undefined ? {} : { controlId }) }
    switch (reason?._tag) {
      case "ClientClosed":
        return new ClientClosed({ operation })
      case "SessionLost":
        return new SessionLost({ operation, ...ids, reason: reason.reason })
      default:
        return new CallEnded({ ...ids, endReason: reason?._tag === "Ended" ? reason.endReason : "released" })
    }
  }

  /** How the call's event streams end: normally when it ended, with the error otherwise. */
  private streamEnd(): Exit.Exit<void, CallEventError> {
    const reason = this.closedBy
    if (reason?._tag === "ClientClosed") return Exit.fail(new ClientClosed({ operation: "call events" }))
    if (reason?._tag === "SessionLost") return Exit.fail(this.closedWith("call events") as SessionLost)
    return Exit.void
  }

  // ---- observing ----

  get subscribeMailbox(): Effect.Effect<Mailbox.ReadonlyMailbox<RelayEvent.RelayEvent, CallEventError>, never, Scope.Scope> {
    const capacity = this.runtime.options.callEventBufferSize
    return Effect.flatMap(Mailbox.make<RelayEvent.RelayEvent, CallEventError>(capacity), (mailbox) =>
      Effect.as(
        this.addSink({
          offer: (event) => {
            if (mailbox.unsafeOffer(event)) return true
            mailbox.unsafeDone(Exit.fail(new EventOverflow({ capacity })))
            return false
          },
          end: (exit) => void mailbox.unsafeDone(exit)
        }),
        mailbox
      ))
  }

  get subscribeBatches(): Effect.Effect<EventBatches, never, Scope.Scope> {
    return Effect.suspend(() => {
      const batches = new EventBatches(this.runtime.options.callEventBufferSize)
      return Effect.as(this.addSink(batches), batches)
    })
  }

  /** Routes this call's events to `sink` until the current Scope closes (ends it at once if the call has closed). */
  private addSink(sink: Sink): Effect.Effect<void, never, Scope.Scope> {
    return Effect.suspend(() => {
      if (this.closedBy !== undefined) sink.end(this.streamEnd())
      else (this.subscribers ??= new Set()).add(sink)
      return Effect.addFinalizer(() => Effect.sync(() => void this.subscribers?.delete(sink)))
    })
  }

  get subscribe(): Effect.Effect<Stream.Stream<RelayEvent.RelayEvent, CallEventError>, never, Scope.Scope> {
    return Effect.map(this.subscribeMailbox, Mailbox.toStream)
  }

  get events(): Stream.Stream<RelayEvent.RelayEvent, CallEventError> {
    return Stream.unwrapScoped(this.subscribe)
  }

  /** A state counts as reached once seen, or once the call is past it without having ended. */
  reached(target: number): boolean {
    const current = stateIndex(this.state)
    if ((this.visited & (1 << target)) !== 0) return true
    return target >= 3 ? current >= target : current < 3 && current >= target
  }

  waitFor(state: CallApi.CallState): Effect.Effect<CallApi.CallState, CallWaitError> {
    return this.wait(stateIndex(state), false) as Effect.Effect<CallApi.CallState, CallWaitError>
  }

  private resolved(waiter: { readonly endReason: boolean }): string {
    return waiter.endReason ? this.endReason ?? "hangup" : this.state
  }

  /**
   * Waits until state `target` is reached; succeeds with the state, or with the end reason
   * (`ended`: resumed with it, so no `map` frame waits on the fiber's stack as long as the call
   * lives). A single waiter is kept as is, more in an array made to size (a pushed-to `[]` holds
   * 17 slots; the array of one waiter was ~50 bytes per live call).
   */
  private wait(target: number, endReason: boolean): Effect.Effect<string, CallWaitError> {
    return Effect.suspend(() => {
      if (this.reached(target)) return Effect.succeed(this.resolved({ endReason }))
      if (this.closedBy !== undefined) return Effect.fail(this.closedWith("waitFor"))
      return Effect.withFiberRuntime<string, CallWaitError>((fiber) =>
        Effect.async((resume) => {
          const waiter: StateWaiter = { target, endReason, fiber, resume }
          const current = this.stateWaiters
          const live = current === undefined
            ? []
            : (Array.isArray(current) ? current : [current]).filter((w) => w.fiber.unsafePoll() === null)
          this.stateWaiters = live.length === 0 ? waiter : [...live, waiter]
        })
      )
    })
  }

  /** Registers a one-shot event waiter now (synchronously), so nothing after this point is missed. */
  addEventWaiter(predicate: (event: RelayEvent.RelayEvent) => boolean): EventWaiter {
    const waiter: EventWaiter = { predicate, deferred: Deferred.unsafeMake(FiberId.none) }
    if (this.closedBy !== undefined) Deferred.unsafeDone(waiter.deferred, Exit.fail(this.closedWith("waitForEvent")))
    else (this.eventWaiters ??= []).push(waiter)
    return waiter
  }

  removeEventWaiter(waiter: EventWaiter) {
    this.eventWaiters = this.eventWaiters?.filter((w) => w !== waiter)
  }

  waitForEvent<E extends RelayEvent.RelayEvent>(
    predicate: (event: RelayEvent.RelayEvent) => event is E
  ): Effect.Effect<E, CallWaitError> {
    return Effect.suspend(() => {
      const waiter = this.addEventWaiter(predicate)
      return (Deferred.await(waiter.deferred) as Effect.Effect<E, CallWaitError>).pipe(
        Effect.ensuring(Effect.sync(() => this.removeEventWaiter(waiter)))
      )
    })
  }

  get ended(): Effect.Effect<string, CallWaitError> {
    return this.wait(ENDED, true)
  }

  /**
   * A Scope closed when the call ends or is released. It is not a child of the client's scope: its
   * finalizers are user code, run by the calling service in a fiber of their own (bounded when the
   * client closes), never on the connection's dispatcher.
   */
  get scope(): Effect.Effect<Scope.Scope> {
    return Effect.suspend(() => {
      if (this.childScope !== undefined) return Effect.succeed(this.childScope)
      return Effect.tap(Scope.make(), (scope) => {
        this.childScope = scope
        return this.closedBy === undefined ? Effect.void : Scope.close(scope, Exit.void)
      })
    })
  }

  // ---- commands ----

  /** Sends a call-scoped method; 404/410 become CallGone, other refusals carry call and control ids. */
  command(method: string, extra: JsonObject = {}, controlId?: string): Effect.Effect<JsonObject, CommandError> {
    return Effect.suspend(() => {
      if (this.closedBy !== undefined || this.state === "ended") return Effect.fail(this.closedError(method, controlId))
      const sent = this.runtime.connection.execute(method, this.commandParams(extra), this.commandOptions()).pipe(
        Effect.mapError((error) => this.commandError(method, controlId, error))
      )
      return this.runtime.options.traceCalls
        ? Effect.withSpan(sent, "Call.command", {
          attributes: { "relay.method": method, "relay.call_id": this.callId },
          captureStackTrace: false
        })
        : sent
    })
  }

  /**
   * `command` for a caller that waits with a callback instead of a fiber (the Promise facade): the
   * same request and the same errors; `callback` runs once, possibly before this returns. False
   * (nothing sent) when the client traces calls, frames or requests: use `command` then.
   */
  commandCallback(
    method: string,
    extra: JsonObject,
    callback: (outcome: Exit.Exit<JsonObject, CommandError>) => void
  ): boolean {
    if (this.runtime.options.traceCalls) return false
    if (this.closedBy !== undefined || this.state === "ended") {
      callback(Exit.fail(this.closedError(method)))
      return true
    }
    return this.runtime.connection.executeCallback(method, this.commandParams(extra), this.commandOptions(), (exit) =>
      callback(Exit.mapError(exit, (error) => this.commandError(method, undefined, error)))
    )
  }

  private commandParams(extra: JsonObject): JsonObject {
    return { node_id: this.nodeId, call_id: this.callId, ...extra }
  }

  private commandOptions() {
    return { stale: () => this.closedBy?._tag === "SessionLost" }
  }

  /** A call-scoped request's failure as the call reports it. */
  private commandError(method: string, controlId: string | undefined, error: RequestError): CommandError {
    if (error._tag === "ConnectionLost") {
      return this.closedBy?._tag === "SessionLost" ? this.closedError(method, controlId) : error
    }
    if (error._tag !== "RpcError") return error
    return isCallGoneCode(error.code)
      ? new CallGone({
        method,
        callId: this.callId,
        ...(controlId === undefined ? {} : { controlId }),
        code: error.code,
        message: error.message,
        sent: true
      })
      : new RpcError({
        method: error.method,
        code: error.code,
        message: error.message,
        ...(error.signalwireCode === undefined ? {} : { signalwireCode: error.signalwireCode }),
        ...(error.data === undefined ? {} : { data: error.data }),
        callId: this.callId,
        ...(controlId === undefined ? {} : { controlId })
      })
  }

  protected validated<A>(
    checked: Either.Either<A, InvalidRequest>,
    send: (value: A) => Effect.Effect<JsonObject, CommandError>
  ): Effect.Effect<JsonObject, CommandError> {
    return Either.match(checked, { onLeft: (error) => Effect.fail(error), onRight: send })
  }

  protected simple(method: string, codec: params.Wire | undefined, input: unknown, fixed: JsonObject = {}) {
    return Effect.suspend(() =>
      codec === undefined
        ? this.command(method, fixed)
        : this.validated(codec.toWire(method, input), (wire) => this.command(method, { ...fixed, ...wire }))
    )
  }

  /** Registers the action before sending its start request (events may beat the reply). */
  startAction<R>(
    kind: CallApi.ActionKind,
    method: string,
    checked: Either.Either<JsonObject, InvalidRequest>,
    options: unknown
  ): Effect.Effect<ActionImpl<R>, CommandError> {
    return Effect.suspend(() => {
      if (Either.isLeft(checked)) return Effect.fail(checked.left)
      if (this.closedBy !== undefined || this.state === "ended") return Effect.fail(this.closedError(method))
      const controlId = params.controlIdOf(options) ?? globalThis.crypto.randomUUID()
      if (this.actions?.has(controlId) === true) {
        return Effect.fail(new InvalidRequest({ method, reason: `control id ${controlId} is already running on this call` }))
      }
      const action = new ActionImpl<R>(kind, this, controlId, method)
      ;(this.actions ??= new Map()).set(controlId, action as ActionImpl<unknown>)
      const forget = Effect.sync(() => {
        if (this.actions?.get(controlId) === action) this.actions.delete(controlId)
      })
      return this.command(method, { control_id: controlId, ...checked.right }, controlId).pipe(
        Effect.map((result) => {
          const source = obj(result.source_device)
          if (source !== undefined) action.sourceDevice = source as JsonObject
          return action
        }),
        Effect.tapError(() => forget),
        Effect.onInterrupt(() => forget)
      )
    })
  }

  protected playlist(method: string, media: Media.Media | ReadonlyArray<Media.Media>) {
    return params.playlist(method)(Array.isArray(media) ? media : [media])
  }

  protected withPlay(method: string, media: Media.Media | ReadonlyArray<Media.Media>, wire: Either.Either<JsonObject, InvalidRequest>) {
    return Either.flatMap(this.playlist(method, media), (play) => Either.map(wire, (rest) => ({ play, ...rest })))
  }
}
