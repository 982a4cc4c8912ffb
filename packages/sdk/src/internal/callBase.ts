/**
 * What every method of `Call` stands on: the call's properties, its events (`on`, `waitFor`,
 * `waitForEnded`), and the three ways a method runs on the core — a command (result, or `{}` for
 * a gone call), a raw call-scoped execute, and an action start. `CallMedia` and `Call` extend it.
 */
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type {
  Call as CoreCall,
  RelayError as CoreError,
  RelayEvent as CoreEvent,
  RelayFrame
} from "@signalwire-effect/relay"
import * as RelayCallbacks from "@signalwire-effect/relay/RelayCallbacks"
import type { Action, CommandResult, CompletedCallback } from "../Action.js"
import type { ActionOptions, EventHandler } from "../CallOptions.js"
import { CallStateEvent, type RelayEvent } from "../RelayEvent.js"
import { fromCore } from "./events.js"
import { log } from "./log.js"
import { causeToError, type Connection, invokeDetached, runOn, WaitTimeout } from "./runtime.js"

type Json = Record<string, unknown>
type JsonObject = RelayFrame.JsonObject
type Core = CoreCall.Call
type CommandEffect = Effect.Effect<CoreRecord, CoreError.CommandError>
type CoreRecord = { readonly [key: string]: unknown }

const isEnded = (event: CoreEvent.RelayEvent) => event._tag === "CallState" && event.params.call_state === "ended"

/**
 * The base of `Call`: properties, events, and the runners its methods use. Not exported by the
 * package; see `Call`.
 */
export abstract class CallBase {
  readonly #core: Core
  readonly #connection: Connection
  readonly #context: string
  /** Created by the first `on()`: most calls never have a listener. */
  #listeners: Map<string, Array<EventHandler>> | undefined = undefined
  #endedEvent: CallStateEvent | undefined
  /** `waitForEnded()` callers (no timeout), settled from `_dispatch`: no fiber per waiting call. */
  #endWaiters: Array<{ readonly resolve: (event: CallStateEvent) => void; readonly reject: (error: unknown) => void }> | undefined
  /** Set once the client stopped delivering this call's events (`_eventsDone`). */
  #eventsDone = false

  /** Created by the client for inbound and dialled calls. */
  constructor(core: Core, connection: Connection, context: string) {
    this.#core = core
    this.#connection = connection
    this.#context = context
  }

  /**
   * The core's Call, for the methods of the layers above (a getter, so that the object keeps no
   * enumerable fields: `Object.keys(call)` and `JSON.stringify(call)` are as they were).
   */
  protected get _core(): Core {
    return this.#core
  }

  /** The platform's call id. */
  get callId(): string {
    return this._core.callId
  }
  /** The node that owns the call. */
  get nodeId(): string {
    return this._core.nodeId
  }
  /** The call's project. */
  get projectId(): string {
    return this._core.projectId
  }
  /**
   * The context: for an inbound call, the one it arrived on (falling back to the session's
   * protocol); for a dialled call, the session's protocol. (The TypeScript reference gives inbound
   * calls the session protocol whenever it is connected, hiding the context the call came on; this
   * facade reports the context.)
   */
  get context(): string {
    return this.#context
  }
  /** The dial tag (outbound), or the event's tag (inbound, usually `""`). */
  get tag(): string {
    return this._core.tag
  }
  /** `"inbound"` or `"outbound"`. */
  get direction(): string {
    return this._core.direction
  }
  /** `{type, params}` of the call's device (`{}` if unknown). */
  get device(): Record<string, unknown> {
    return this._core.device as Record<string, unknown>
  }
  /** `created`, `ringing`, `answered`, `ending` or `ended`; live. */
  get state(): string {
    return this._core.state
  }
  /** The inbound call's `segment_id`. */
  get segmentId(): string {
    return this._core.segmentId
  }

  toString(): string {
    return `<Call id=${this.callId} state=${this.state} direction=${this.direction}>`
  }

  // ---- events ----

  /**
   * Delivers one of the call's events to the listeners of its type (a snapshot of them); what a
   * listener throws or rejects with is logged and does not stop the others.
   *
   * @internal
   */
  _dispatch(coreEvent: CoreEvent.RelayEvent): void {
    const listeners = this.#listeners?.get(coreEvent.eventType)
    // Only an `ended` state event or a listener needs the event as the facade's class.
    if (listeners === undefined && !isEnded(coreEvent)) return
    const event = fromCore(coreEvent)
    if (event instanceof CallStateEvent && event.callState === "ended") {
      this.#endedEvent = event
      const waiters = this.#endWaiters
      this.#endWaiters = undefined
      if (waiters !== undefined) for (const waiter of waiters) waiter.resolve(event)
    }
    if (listeners === undefined) return
    for (const listener of Array.from(listeners)) {
      invokeDetached(() => `listener of ${event.eventType} on call ${this.callId}`, () => listener(event), (text, error) =>
        log("error", text, error))
    }
  }

  /**
   * Adds a listener for one event type (several per type allowed). Listeners get typed events
   * (`CallStateEvent`, `PlayEvent`, …).
   *
   * @example
   * ```ts
   * import type { Call, CallStateEvent } from "@signalwire-effect/sdk"
   *
   * const watch = (call: Call) =>
   *   call.on("calling.call.state", (event) => console.log((event as CallStateEvent).callState))
   * ```
   */
  on(eventType: string, handler: EventHandler): void {
    const all = (this.#listeners ??= new Map())
    const listeners = all.get(eventType)
    if (listeners === undefined) all.set(eventType, [handler])
    else listeners.push(handler)
  }

  /**
   * The first event of this type (from now on) that passes `predicate`. `timeout` is in
   * **milliseconds**: when it passes first, rejects with `Error("waitFor(<type>) timed out after
   * <ms>ms")`. Rejects with a `RelayError` when the call ends first (the reference would wait for
   * its timeout).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const bridged = (call: Call) =>
   *   call.waitFor("calling.call.connect", (e) => e.params.connect_state === "connected", 30_000)
   * ```
   */
  waitFor(eventType: string, predicate?: (event: RelayEvent) => boolean, timeout?: number): Promise<RelayEvent> {
    const matches = (event: CoreEvent.RelayEvent): boolean => {
      if (event.eventType !== eventType) return false
      if (predicate === undefined) return true
      try {
        return predicate(fromCore(event))
      } catch (error) {
        log("error", `waitFor(${eventType}) predicate threw`, error)
        return false
      }
    }
    const waited = this._core.waitForEvent((event): event is CoreEvent.RelayEvent => matches(event))
    return this.#run(
      Effect.map(this.#timed(waited, timeout, () => new WaitTimeout({ message: `waitFor(${eventType}) timed out after ${timeout}ms` })), fromCore)
    )
  }

  /**
   * The `calling.call.state` event with `ended` (at once if the call has already ended). `timeout`
   * is in **milliseconds** → `Error("waitForEnded timed out after <ms>ms")`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const endReason = async (call: Call) => (await call.waitForEnded(60_000)).endReason
   * ```
   */
  waitForEnded(timeout?: number): Promise<CallStateEvent> {
    if (timeout === undefined && this.state !== "ended" && !this.#eventsDone) {
      return new Promise((resolve, reject) => (this.#endWaiters ??= []).push({ resolve, reject }))
    }
    return this.#waitForEnded(timeout)
  }

  /**
   * The client has stopped delivering this call's events (it was closed, released, or the client
   * disconnected): `waitForEnded()` callers still waiting settle as a wait on the closed call does.
   *
   * @internal
   */
  _eventsDone(): void {
    this.#eventsDone = true
    const waiters = this.#endWaiters
    this.#endWaiters = undefined
    if (waiters === undefined) return
    const settled = this.#waitForEnded(undefined)
    for (const waiter of waiters) settled.then(waiter.resolve, waiter.reject)
  }

  #waitForEnded(timeout: number | undefined): Promise<CallStateEvent> {
    const ended = (): CallStateEvent =>
      this.#endedEvent ??
        new CallStateEvent("calling.call.state", {
          call_id: this.callId,
          node_id: this.nodeId,
          call_state: "ended",
          ...(this._core.endReason === undefined ? {} : { end_reason: this._core.endReason })
        })
    if (this.state === "ended") return Promise.resolve(ended())
    const waited = this._core.waitForEvent((event): event is CoreEvent.RelayEvent => isEnded(event)).pipe(
      Effect.map((event) => fromCore(event) as CallStateEvent),
      // Closed without its `ended` event (e.g. it was already over): report the end. A call released
      // because the connection is closing has not ended: that is "Connection closed".
      Effect.catchTag("CallEnded", (error) => error.endReason === "released" ? Effect.fail(error) : Effect.sync(ended))
    )
    return this.#run(this.#timed(waited, timeout, () => new WaitTimeout({ message: `waitForEnded timed out after ${timeout}ms` })))
  }

  #timed<A, E>(effect: Effect.Effect<A, E>, timeoutMillis: number | undefined, onTimeout: () => WaitTimeout) {
    return timeoutMillis === undefined
      ? effect
      : Effect.timeoutFail(effect, { duration: Duration.millis(Math.max(0, timeoutMillis)), onTimeout })
  }

  #run<A, E>(effect: Effect.Effect<A, E>): Promise<A> {
    return runOn(this.#connection, effect)
  }

  /** A command: the result, `{}` when the call is gone (404/410), else a RelayError. */
  protected _command(effect: CommandEffect): Promise<CommandResult> {
    return this.#run(
      Effect.catchTag(effect as Effect.Effect<CommandResult, CoreError.CommandError>, "CallGone", () => Effect.succeed({}))
    )
  }

  /**
   * `_command` for a command sent as is (`method`, this call's ids, then `extra`), waited on with a
   * callback rather than a fiber (`RelayCallbacks.command`); `effect` is the same command as an
   * Effect, for a client that traces (which needs a fiber).
   */
  protected _send(method: string, extra: Json, effect: () => CommandEffect): Promise<CommandResult> {
    return new Promise<CommandResult>((resolve, reject) => {
      const sent = RelayCallbacks.command(this.#core, method, extra as JsonObject, (exit) => {
        if (exit._tag === "Success") return resolve(exit.value)
        const failure = Cause.failureOption(exit.cause)
        if (Option.isSome(failure) && failure.value._tag === "CallGone") return resolve({})
        reject(causeToError(exit.cause))
      })
      if (!sent) this._command(effect()).then(resolve, reject)
    })
  }

  /** Runs any call-scoped method with this call's ids (for options the core's methods do not take). */
  protected _execute(method: string, params: Json): Promise<CommandResult> {
    const effect = () => this._core.execute(method, params as JsonObject)
    // The core refuses methods outside `calling.*`: its Effect says how.
    return method.startsWith("calling.") ? this._send(method, params, effect) : this._command(effect())
  }

  /**
   * Starts an action: resolves with it once the platform accepted the start; on a gone call with
   * an Action already completed with the empty event.
   */
  protected _action<E extends RelayEvent, C extends CoreCall.Action<unknown>, A extends Action<E>>(
    method: string,
    options: ActionOptions<E> | undefined,
    make: new(
      call: CallBase,
      controlId: string,
      verb: string,
      send: ((method: string, params: Json) => Promise<CommandResult>) | undefined,
      onCompleted?: CompletedCallback<E>
    ) => A,
    empty: () => E,
    start: () => Effect.Effect<C, CoreError.CommandError>
  ): Promise<A> {
    const started = Effect.suspend(start).pipe(
      Effect.map((core) => Option.some(core)),
      Effect.catchTag("CallGone", () => Effect.succeed(Option.none<C>()))
    )
    return this.#run(started).then((core) => {
      const onCompleted = options?.onCompleted
      if (Option.isNone(core)) {
        const action = new make(this, globalThis.crypto.randomUUID(), "", undefined, onCompleted)
        action._resolve(empty())
        return action
      }
      const { controlId, kind, wait } = core.value
      const action = new make(this, controlId, `calling.${kind}`, (m, params) => this._execute(m, params), onCompleted)
      this.#connection.runFork(wait).addObserver((exit) => {
        if (exit._tag === "Success") return action._resolve(fromCore((exit.value as { readonly event: CoreEvent.RelayEvent }).event) as E)
        const failure = Cause.failureOption(exit.cause)
        if (Option.isSome(failure) && failure.value._tag === "ActionFailed") {
          // A failing terminal state (`error`) completes the action with that event, as in the reference.
          return action._resolve(fromCore(failure.value.event as CoreEvent.RelayEvent) as E)
        }
        if (Option.isSome(failure) && failure.value._tag === "CallEnded" && failure.value.endReason !== "released") {
          return action._resolve(empty())
        }
        // ClientClosed, or the call released because the connection is closing.
        action._reject(causeToError(exit.cause))
      })
      return action
    })
  }
}
