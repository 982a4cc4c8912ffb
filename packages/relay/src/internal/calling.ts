/**
 * Calls: the registry, dials (tag correlation, late legs), inbound handlers, actions.
 *
 * Routing runs inside the core's dispatcher, one event at a time, in arrival order; everything it
 * touches is plain mutable state owned by this module, so "register, then send" and "route the
 * event" can never interleave badly. Per-call state is allocated lazily (actions, subscribers,
 * waiters, child scope) because a client may hold tens of thousands of calls.
 */
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ExecutionStrategy from "effect/ExecutionStrategy"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as FiberSet from "effect/FiberSet"
import * as Mailbox from "effect/Mailbox"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type * as CallApi from "../Call.js"
import type * as Device from "../Device.js"
import type * as Media from "../Media.js"
import {
  type ActionError,
  ActionFailed,
  CallEnded,
  type CallEventError,
  CallGone,
  ClientClosed,
  type CommandError,
  ConnectionLost,
  type DialError,
  DialFailed,
  DialTimeout,
  EventOverflow,
  InvalidRequest,
  RpcError
} from "../RelayError.js"
import type * as RelayEvent from "../RelayEvent.js"
import type { JsonObject } from "../RelayFrame.js"
import * as metrics from "../RelayMetrics.js"
import type { Core } from "./client.js"
import type { ResolvedOptions } from "./options.js"
import * as params from "./params.js"

export type CallingOptions = Pick<
  ResolvedOptions,
  "project" | "maxActiveCalls" | "dialTimeout" | "callEventBufferSize" | "releaseTimeout" | "lateLegGrace" | "drainOnClose"
>

type CallHandler = (call: CallApi.Call) => Effect.Effect<void, unknown, Scope.Scope>

export interface Calling {
  readonly dial: (
    devices: Device.DialPlan,
    options?: CallApi.DialOptions
  ) => Effect.Effect<CallApi.Call, DialError, Scope.Scope>
  readonly onCall: (handler: CallHandler, options?: CallApi.OnCallOptions) => Effect.Effect<void, never, Scope.Scope>
  readonly drain: (timeout: Duration.DurationInput) => Effect.Effect<void>
  readonly calls: Effect.Effect<ReadonlyArray<CallApi.Call>>
}

type CloseReason =
  | { readonly _tag: "Ended"; readonly endReason: string }
  | { readonly _tag: "Released" }
  | { readonly _tag: "ClientClosed" }

type Params = { readonly [key: string]: unknown }

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)
const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined)
const obj = (value: unknown): Params | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? value as Params : undefined

const stateIndex = (state: string): number => {
  const index = ["created", "ringing", "answered", "ending", "ended"].indexOf(state)
  return index < 0 ? 0 : index
}

const isCallGoneCode = (code: number) => code === 404 || code === 410

// ---- actions ------------------------------------------------------------------------------------

interface ActionRef {
  readonly kind: CallApi.ActionKind
  readonly callId: string
  readonly controlId: string
}

type Interpret<R> = (event: RelayEvent.RelayEvent, action: ActionRef) => Exit.Exit<R, ActionFailed> | undefined

const failed = <R>(action: ActionRef, state: string, event: RelayEvent.RelayEvent): Exit.Exit<R, ActionFailed> =>
  Exit.fail(new ActionFailed({ kind: action.kind, callId: action.callId, controlId: action.controlId, state, event }))

const finishedOrError = <R>(result: (event: RelayEvent.RelayEvent) => R, errorStates: ReadonlyArray<string> = ["error"]): Interpret<R> =>
(event, action) => {
  const state = str(event.params.state)
  if (state === "finished") return Exit.succeed(result(event))
  if (state !== undefined && errorStates.includes(state)) return failed(action, state, event)
  return undefined
}

const interpretCollect: Interpret<CallApi.CollectResult> = (event, action) => {
  if (event.eventType !== "calling.call.collect") return undefined
  const state = str(event.params.state)
  const result = obj(event.params.result)
  const type = str(result?.type)
  if (result !== undefined && type !== "start_of_input" && event.params.final !== false) {
    const resultParams = obj(result.params) ?? {}
    switch (type) {
      case "digit":
        return Exit.succeed({
          _tag: "Digits",
          digits: str(resultParams.digits) ?? "",
          terminator: str(resultParams.terminator),
          event
        })
      case "speech":
        return Exit.succeed({
          _tag: "Speech",
          text: str(resultParams.text) ?? "",
          confidence: num(resultParams.confidence),
          event
        })
      case "no_input":
        return Exit.succeed({ _tag: "NoInput", event })
      case "no_match":
        return Exit.succeed({ _tag: "NoMatch", event })
      case "error":
        return failed(action, "error", event)
    }
  }
  switch (state) {
    case "finished":
      return Exit.succeed({ _tag: "Finished", event })
    case "no_input":
      return Exit.succeed({ _tag: "NoInput", event })
    case "no_match":
      return Exit.succeed({ _tag: "NoMatch", event })
    case "error":
      return failed(action, "error", event)
    default:
      return undefined
  }
}

const interpretDetect: Interpret<CallApi.DetectResult> = (event, action) => {
  const detect = obj(event.params.detect)
  const result = str(obj(detect?.params)?.event)
  if (detect !== undefined && result !== undefined && result.length > 0) {
    return Exit.succeed({ _tag: "Detected", type: str(detect.type) ?? "", result, event })
  }
  const state = str(event.params.state)
  if (state === "finished") return Exit.succeed({ _tag: "NotDetected", event })
  if (state === "error") return failed(action, state, event)
  return undefined
}

const interpretFax: Interpret<CallApi.FaxResult> = (event, action) => {
  const fax = obj(event.params.fax)
  const faxType = str(fax?.type)
  const state = str(event.params.state)
  // P§15.9: the reference keys on `state`, payloads describe progress in `fax.type`; accept both.
  if (state === "error" || faxType === "error") return failed(action, "error", event)
  if (state !== "finished" && faxType !== "finished") return undefined
  const faxParams = obj(fax?.params) ?? {}
  return Exit.succeed({
    success: faxParams.success !== false,
    pages: num(faxParams.pages) ?? num(fax?.pages),
    document: str(faxParams.document),
    identity: str(faxParams.identity),
    event
  })
}

const interpretRecord: Interpret<CallApi.RecordResult> = (event) => {
  const state = str(event.params.state)
  if (state !== "finished" && state !== "no_input") return undefined
  const record = obj(event.params.record) ?? {}
  return Exit.succeed({
    state,
    url: str(record.url) ?? str(event.params.url),
    duration: num(record.duration) ?? num(event.params.duration),
    size: num(record.size) ?? num(event.params.size),
    event
  })
}

const interpreters: { readonly [K in CallApi.ActionKind]: Interpret<unknown> } = {
  play: finishedOrError((event) => ({ state: "finished", event })),
  record: interpretRecord,
  collect: interpretCollect,
  play_and_collect: interpretCollect,
  detect: interpretDetect,
  tap: finishedOrError((event) => ({ event })),
  stream: finishedOrError((event) => ({ event })),
  send_fax: interpretFax,
  receive_fax: interpretFax,
  pay: finishedOrError((event) => ({ result: obj(event.params.result) ?? {}, event })),
  transcribe: finishedOrError((event) => ({
    url: str(event.params.url),
    recordingId: str(event.params.recording_id),
    duration: num(event.params.duration),
    size: num(event.params.size),
    text: str(event.params.text),
    event
  })),
  ai: finishedOrError((event) => ({ event }))
}

class ActionImpl<R> {
  readonly deferred = Deferred.unsafeMake<R, ActionError>(FiberId.none)
  settled = false
  sourceDevice: JsonObject | undefined = undefined
  constructor(
    readonly kind: CallApi.ActionKind,
    readonly call: CallImpl,
    readonly controlId: string,
    private readonly verb: string
  ) {}
  get callId() {
    return this.call.callId
  }
  get wait(): Effect.Effect<R, ActionError> {
    return Deferred.await(this.deferred)
  }
  get result(): Effect.Effect<Option.Option<Exit.Exit<R, ActionError>>> {
    return Effect.flatMap(Deferred.poll(this.deferred), (polled) =>
      Option.isNone(polled)
        ? Effect.succeed(Option.none())
        : Effect.map(Effect.exit(polled.value), Option.some))
  }
  check(event: RelayEvent.RelayEvent) {
    const exit = (interpreters[this.kind] as Interpret<R>)(event, this)
    if (exit !== undefined) this.settle(exit)
  }
  settle(exit: Exit.Exit<R, ActionError>) {
    if (this.settled) return
    this.settled = true
    if (this.call.actions?.get(this.controlId) === this) this.call.actions.delete(this.controlId)
    Deferred.unsafeDone(this.deferred, exit)
  }
  /** A sub-command: the platform's result, or `{}` without sending anything once the action is done. */
  private sub(method: string, extra: JsonObject = {}): Effect.Effect<JsonObject, CommandError> {
    return Effect.suspend(() =>
      this.settled
        ? Effect.succeed({})
        : this.call.command(method, { control_id: this.controlId, ...extra }, this.controlId)
    )
  }
  get stop() {
    return this.sub(`${this.verb}.stop`)
  }
  get resume() {
    return this.sub(`${this.verb}.resume`)
  }
  get pauseEffect() {
    return this.sub(`${this.verb}.pause`)
  }
  pauseWith(behavior: string | undefined) {
    return this.sub(`${this.verb}.pause`, behavior === undefined ? {} : { behavior })
  }
  volume(db: number): Effect.Effect<JsonObject, CommandError> {
    const method = `${this.verb}.volume`
    return Either.match(params.check(params.Volume, method, "volume")(db), {
      onLeft: (error) => Effect.fail(error),
      onRight: (volume) => this.sub(method, { volume })
    })
  }
  get startInputTimers() {
    return this.sub("calling.collect.start_input_timers")
  }
}

/** The user-facing views of an action: only the sub-commands its kind has. */
const base = <R>(action: ActionImpl<R>): CallApi.Action<R> => ({
  kind: action.kind,
  callId: action.callId,
  controlId: action.controlId,
  wait: action.wait,
  result: action.result,
  stop: action.stop
})

const views = {
  play: (a: ActionImpl<CallApi.PlayResult>): CallApi.PlayAction => ({
    ...base(a),
    pause: a.pauseEffect,
    resume: a.resume,
    volume: (db) => a.volume(db)
  }),
  record: (a: ActionImpl<CallApi.RecordResult>): CallApi.RecordAction => ({
    ...base(a),
    pause: (behavior) => a.pauseWith(behavior),
    resume: a.resume
  }),
  playAndCollect: (a: ActionImpl<CallApi.CollectResult>): CallApi.CollectAction => ({
    ...base(a),
    volume: (db) => a.volume(db),
    startInputTimers: a.startInputTimers
  }),
  collect: (a: ActionImpl<CallApi.CollectResult>): CallApi.StandaloneCollectAction => ({
    ...base(a),
    startInputTimers: a.startInputTimers
  }),
  tap: (a: ActionImpl<CallApi.Finished>): CallApi.TapAction => ({ ...base(a), sourceDevice: a.sourceDevice })
}

// ---- calls --------------------------------------------------------------------------------------

interface StateWaiter {
  readonly target: number
  readonly deferred: Deferred.Deferred<CallApi.CallState, CallEnded | ClientClosed>
}

interface EventWaiter {
  readonly predicate: (event: RelayEvent.RelayEvent) => boolean
  readonly deferred: Deferred.Deferred<RelayEvent.RelayEvent, CallEnded | ClientClosed>
}

/** What every call shares: the client's core, options and registry. */
interface Runtime {
  readonly core: Core
  readonly options: CallingOptions
  readonly calls: Map<string, CallImpl>
  readonly clientScope: Scope.Scope
  closing: boolean
}

/** A call's fixed properties, and the state as the wire reported it. */
type CallInit =
  & Pick<CallApi.Call, "callId" | "nodeId" | "projectId" | "context" | "tag" | "direction" | "device" | "segmentId">
  & { readonly state: string }

const asState = (state: string): CallApi.CallState =>
  (["created", "ringing", "answered", "ending", "ended"] as const).find((s) => s === state) ?? "created"

/**
 * One call. Methods live on the prototype and per-call structures are created on first use, so
 * an idle call costs a few hundred bytes.
 */
class CallImpl implements CallApi.Call {
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
  subscribers: Set<Mailbox.Mailbox<RelayEvent.RelayEvent, CallEventError>> | undefined = undefined
  stateWaiters: Array<StateWaiter> | undefined = undefined
  eventWaiters: Array<EventWaiter> | undefined = undefined
  childScope: Scope.CloseableScope | undefined = undefined

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
      for (const mailbox of this.subscribers) {
        if (!mailbox.unsafeOffer(event)) {
          this.subscribers.delete(mailbox)
          metrics.subscriberOverflow.unsafeUpdate(1, [])
          mailbox.unsafeDone(Exit.fail(new EventOverflow({ capacity: this.runtime.options.callEventBufferSize })))
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
    if (this.stateWaiters !== undefined) {
      this.stateWaiters = this.stateWaiters.filter((waiter) => {
        if (!this.reached(waiter.target)) return true
        Deferred.unsafeDone(waiter.deferred, Exit.succeed(this.state))
        return false
      })
    }
    if (this.state === "ended") return this.close({ _tag: "Ended", endReason: this.endReason ?? "hangup" })
    return Effect.void
  }

  /** Frees the call: settles every waiter, ends its streams, closes its scope, leaves the registry. */
  close(reason: CloseReason): Effect.Effect<void> {
    return Effect.suspend(() => {
      if (this.closedBy !== undefined) return Effect.void
      this.closedBy = reason
      const calls = this.runtime.calls
      if (calls.get(this.callId) === this) {
        calls.delete(this.callId)
        metrics.callsActive.unsafeUpdate(calls.size, [])
      }
      const ended = (controlId?: string) =>
        reason._tag === "ClientClosed"
          ? new ClientClosed({ operation: "call" })
          : new CallEnded({
            callId: this.callId,
            endReason: reason._tag === "Ended" ? reason.endReason : "released",
            ...(controlId === undefined ? {} : { controlId })
          })
      if (this.actions !== undefined) {
        for (const action of Array.from(this.actions.values())) action.settle(Exit.fail(ended(action.controlId)))
        this.actions = undefined
      }
      if (this.subscribers !== undefined) {
        for (const mailbox of this.subscribers) {
          mailbox.unsafeDone(reason._tag === "ClientClosed" ? Exit.fail(new ClientClosed({ operation: "call events" })) : Exit.void)
        }
        this.subscribers = undefined
      }
      for (const waiter of this.stateWaiters ?? []) Deferred.unsafeDone(waiter.deferred, Exit.fail(ended()))
      this.stateWaiters = undefined
      for (const waiter of this.eventWaiters ?? []) Deferred.unsafeDone(waiter.deferred, Exit.fail(ended()))
      this.eventWaiters = undefined
      const scope = this.childScope
      return scope === undefined ? Effect.void : Scope.close(scope, Exit.void)
    })
  }

  private closedError(method: string, controlId?: string): CommandError {
    const reason = this.closedBy
    if (reason?._tag === "ClientClosed" || this.runtime.closing) return new ClientClosed({ operation: method })
    return new CallGone({
      method,
      callId: this.callId,
      ...(controlId === undefined ? {} : { controlId }),
      code: 410,
      message: reason?._tag === "Released" ? "the call was released" : "the call has ended",
      sent: false
    })
  }

  // ---- observing ----

  get subscribe(): Effect.Effect<Stream.Stream<RelayEvent.RelayEvent, CallEventError>, never, Scope.Scope> {
    return Effect.gen(this, function*() {
      const mailbox = yield* Mailbox.make<RelayEvent.RelayEvent, CallEventError>(this.runtime.options.callEventBufferSize)
      const reason = this.closedBy
      if (reason !== undefined) {
        mailbox.unsafeDone(reason._tag === "ClientClosed" ? Exit.fail(new ClientClosed({ operation: "call events" })) : Exit.void)
      } else {
        ;(this.subscribers ??= new Set()).add(mailbox)
      }
      yield* Effect.addFinalizer(() => Effect.sync(() => this.subscribers?.delete(mailbox)))
      return Mailbox.toStream(mailbox)
    })
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

  private endedError(operation: string): CallEnded | ClientClosed {
    const reason = this.closedBy
    return reason?._tag === "ClientClosed"
      ? new ClientClosed({ operation })
      : new CallEnded({ callId: this.callId, endReason: reason?._tag === "Ended" ? reason.endReason : "released" })
  }

  waitFor(state: CallApi.CallState): Effect.Effect<CallApi.CallState, CallEnded | ClientClosed> {
    return Effect.suspend(() => {
      const target = stateIndex(state)
      if (this.reached(target)) return Effect.succeed(this.state)
      if (this.closedBy !== undefined) return Effect.fail(this.endedError("waitFor"))
      const deferred = Deferred.unsafeMake<CallApi.CallState, CallEnded | ClientClosed>(FiberId.none)
      const waiter: StateWaiter = { target, deferred }
      ;(this.stateWaiters ??= []).push(waiter)
      return Deferred.await(deferred).pipe(
        Effect.onInterrupt(() => Effect.sync(() => void (this.stateWaiters = this.stateWaiters?.filter((w) => w !== waiter))))
      )
    })
  }

  /** Registers a one-shot event waiter now (synchronously), so nothing after this point is missed. */
  addEventWaiter(predicate: (event: RelayEvent.RelayEvent) => boolean): EventWaiter {
    const waiter: EventWaiter = { predicate, deferred: Deferred.unsafeMake(FiberId.none) }
    if (this.closedBy !== undefined) Deferred.unsafeDone(waiter.deferred, Exit.fail(this.endedError("waitForEvent")))
    else (this.eventWaiters ??= []).push(waiter)
    return waiter
  }

  removeEventWaiter(waiter: EventWaiter) {
    this.eventWaiters = this.eventWaiters?.filter((w) => w !== waiter)
  }

  waitForEvent<E extends RelayEvent.RelayEvent>(
    predicate: (event: RelayEvent.RelayEvent) => event is E
  ): Effect.Effect<E, CallEnded | ClientClosed> {
    return Effect.suspend(() => {
      const waiter = this.addEventWaiter(predicate)
      return (Deferred.await(waiter.deferred) as Effect.Effect<E, CallEnded | ClientClosed>).pipe(
        Effect.ensuring(Effect.sync(() => this.removeEventWaiter(waiter)))
      )
    })
  }

  get ended(): Effect.Effect<string, CallEnded | ClientClosed> {
    return Effect.map(this.waitFor("ended"), () => this.endReason ?? "hangup")
  }

  get scope(): Effect.Effect<Scope.Scope> {
    return Effect.suspend(() => {
      if (this.childScope !== undefined) return Effect.succeed(this.childScope)
      return Effect.tap(Scope.fork(this.runtime.clientScope, ExecutionStrategy.sequential), (scope) => {
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
      return this.runtime.core.execute(method, { node_id: this.nodeId, call_id: this.callId, ...extra }).pipe(
        Effect.catchTag("RpcError", (error) =>
          Effect.fail(
            isCallGoneCode(error.code)
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
          )),
        Effect.withSpan("Call.command", {
          attributes: { "relay.method": method, "relay.call_id": this.callId },
          captureStackTrace: false
        })
      )
    })
  }

  private validated<A>(
    checked: Either.Either<A, InvalidRequest>,
    send: (value: A) => Effect.Effect<JsonObject, CommandError>
  ): Effect.Effect<JsonObject, CommandError> {
    return Either.match(checked, { onLeft: (error) => Effect.fail(error), onRight: send })
  }

  private simple(method: string, codec: params.Wire | undefined, input: unknown, fixed: JsonObject = {}) {
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

  private playlist(method: string, media: Media.Media | ReadonlyArray<Media.Media>) {
    return params.playlist(method)(Array.isArray(media) ? media : [media])
  }

  private withPlay(method: string, media: Media.Media | ReadonlyArray<Media.Media>, wire: Either.Either<JsonObject, InvalidRequest>) {
    return Either.flatMap(this.playlist(method, media), (play) => Either.map(wire, (rest) => ({ play, ...rest })))
  }

  answer(options?: CallApi.AnswerOptions) {
    return this.simple("calling.answer", params.answer, options)
  }
  hangup(reason: CallApi.EndReason = "hangup") {
    return this.validated(params.check(params.EndReason, "calling.end", "reason")(reason), (r) =>
      Effect.tap(this.command("calling.end", { reason: r }), () => Effect.sync(() => void (this.hangupAccepted = true))))
  }
  get pass() {
    return this.command("calling.pass")
  }

  play(media: Media.Media | ReadonlyArray<Media.Media>, options?: CallApi.PlayOptions) {
    return Effect.map(
      this.startAction<CallApi.PlayResult>("play", "calling.play", this.withPlay("calling.play", media, params.play.toWire("calling.play", options)), options),
      views.play
    )
  }
  playTTS(text: string, options: CallApi.PlayTTSOptions = {}) {
    const { gender, language, voice, ...rest } = options
    return this.play({ type: "tts", params: { text, ...(gender === undefined ? {} : { gender }), ...(language === undefined ? {} : { language }), ...(voice === undefined ? {} : { voice }) } }, rest)
  }
  playAudio(url: string, options?: CallApi.PlayOptions) {
    return this.play({ type: "audio", params: { url } }, options)
  }
  playSilence(seconds: number, options?: CallApi.PlayOptions) {
    return this.play({ type: "silence", params: { duration: seconds } }, options)
  }
  playRingtone(name: Media.RingtoneName, options: CallApi.PlayOptions & { readonly duration?: number } = {}) {
    const { duration, ...rest } = options
    return this.play({ type: "ringtone", params: duration === undefined ? { name } : { name, duration } }, rest)
  }
  record(options?: CallApi.RecordOptions) {
    const wire = Either.map(params.record.toWire("calling.record", options), ({ status_url, ...audio }) => ({
      record: { audio },
      ...(status_url === undefined ? {} : { status_url })
    }))
    return Effect.map(this.startAction<CallApi.RecordResult>("record", "calling.record", wire as Either.Either<JsonObject, InvalidRequest>, options), views.record)
  }

  playAndCollect(
    media: Media.Media | ReadonlyArray<Media.Media>,
    collect: CallApi.CollectSpec,
    options?: CallApi.PlayAndCollectOptions
  ) {
    const method = "calling.play_and_collect"
    const wire = Either.flatMap(params.check(params.CollectSpec, method, "collect")(collect), (checkedCollect) =>
      Either.map(this.withPlay(method, media, params.playAndCollect.toWire(method, options)), (rest) => ({
        ...rest,
        collect: checkedCollect as JsonObject
      })))
    return Effect.map(this.startAction<CallApi.CollectResult>("play_and_collect", method, wire, options), views.playAndCollect)
  }
  promptTTS(text: string, collect: CallApi.CollectSpec, options: CallApi.PromptTTSOptions = {}) {
    const { gender, language, voice, ...rest } = options
    return this.playAndCollect(
      { type: "tts", params: { text, ...(gender === undefined ? {} : { gender }), ...(language === undefined ? {} : { language }), ...(voice === undefined ? {} : { voice }) } },
      collect,
      rest
    )
  }
  promptAudio(url: string, collect: CallApi.CollectSpec, options?: CallApi.PlayAndCollectOptions) {
    return this.playAndCollect({ type: "audio", params: { url } }, collect, options)
  }
  collect(options: CallApi.CollectOptions) {
    return Effect.map(
      this.startAction<CallApi.CollectResult>("collect", "calling.collect", params.collect.toWire("calling.collect", options), options),
      views.collect
    )
  }
  sendDigits(digits: string) {
    return this.validated(params.check(params.DtmfDigits, "calling.send_digits", "digits")(digits), (d) =>
      this.command("calling.send_digits", { control_id: globalThis.crypto.randomUUID(), digits: d }))
  }
  bindDigit(digits: string, bindMethod: string, options?: CallApi.BindDigitOptions) {
    const method = "calling.bind_digit"
    return this.validated(
      Either.flatMap(params.check(params.DtmfDigits, method, "digits")(digits), (d) =>
        Either.flatMap(params.check(params.BindMethod, method, "bindMethod")(bindMethod), (m) =>
          Either.map(params.bindDigit.toWire(method, options), (rest) => ({ digits: d, bind_method: m, ...rest })))),
      (wire) => this.command(method, wire)
    )
  }
  clearDigitBindings(realm?: string) {
    return this.command("calling.clear_digit_bindings", realm === undefined ? {} : { realm })
  }

  detect(detect: CallApi.DetectSpec, options?: CallApi.DetectOptions) {
    const method = "calling.detect"
    const wire = params.leading(method, "detect", "detect", params.DetectSpec, detect, params.detect, options)
    return Effect.map(this.startAction<CallApi.DetectResult>("detect", method, wire, options), base)
  }
  private detectOf(type: "machine" | "fax" | "digit", codec: params.Wire, options: unknown) {
    const method = "calling.detect"
    const wire = Either.map(codec.toWire(method, options), ({ status_url, timeout, ...detectParams }) => ({
      detect: { type, params: detectParams },
      ...(timeout === undefined ? {} : { timeout }),
      ...(status_url === undefined ? {} : { status_url })
    }))
    return Effect.map(this.startAction<CallApi.DetectResult>("detect", method, wire as Either.Either<JsonObject, InvalidRequest>, options), base)
  }
  detectAnsweringMachine(options?: CallApi.DetectMachineOptions) {
    return this.detectOf("machine", params.detectMachine, options)
  }
  detectFax(options?: CallApi.DetectFaxOptions) {
    return this.detectOf("fax", params.detectFax, options)
  }
  detectDigit(options?: CallApi.DetectDigitOptions) {
    return this.detectOf("digit", params.detectDigit, options)
  }

  connect(devices: Device.ConnectPlan, options?: CallApi.ConnectOptions): Effect.Effect<CallApi.Connected, CallApi.ConnectError> {
    const method = "calling.connect"
    const wire = Either.flatMap(params.connectPlan(devices), (plan) =>
      Either.map(params.connect.toWire(method, options), (rest) => ({ devices: plan as unknown as JsonObject, ...rest })))
    if (Either.isLeft(wire)) return Effect.fail(wire.left)
    return Effect.suspend(() => {
      // Listen before sending: the bridge can be reported before the reply arrives.
      const waiter = this.addEventWaiter((event) =>
        event._tag === "CallConnect" && (event.params.connect_state === "connected" || event.params.connect_state === "failed")
      )
      return this.command(method, wire.right).pipe(
        Effect.zipRight(Deferred.await(waiter.deferred)),
        Effect.flatMap((event) =>
          event.params.connect_state === "failed"
            ? Effect.fail(new RpcError({ method, code: -1, message: "connect failed", data: event.params, callId: this.callId }))
            : Effect.succeed({ peer: (obj(event.params.peer) ?? {}) as JsonObject, event })
        ),
        Effect.ensuring(Effect.sync(() => this.removeEventWaiter(waiter)))
      )
    })
  }
  get disconnect() {
    return this.command("calling.disconnect")
  }
  transfer(dest: string) {
    return this.validated(params.leading("calling.transfer", "dest", "dest", params.TransferDest, dest), (wire) =>
      this.command("calling.transfer", wire))
  }
  refer(device: CallApi.ReferDevice, options?: CallApi.ReferOptions) {
    const method = "calling.refer"
    return this.validated(
      params.leading(method, "device", "device", params.ReferDevice, device, params.refer, options),
      (wire) => this.command(method, wire)
    )
  }

  tap(tap: CallApi.TapSpec, device: CallApi.TapDevice, options?: CallApi.TapOptions) {
    const method = "calling.tap"
    const wire = Either.flatMap(params.check(params.TapSpec, method, "tap")(tap), (t) =>
      Either.flatMap(params.check(params.TapDevice, method, "device")(device), (d) =>
        Either.map(params.tap.toWire(method, options), (rest) => ({ tap: t as JsonObject, device: d as JsonObject, ...rest }))))
    return Effect.map(this.startAction<CallApi.Finished>("tap", method, wire, options), views.tap)
  }
  stream(url: string, options?: CallApi.StreamOptions) {
    const method = "calling.stream"
    const wire = params.leading(method, "url", "url", params.StreamUrl, url, params.stream, options)
    return Effect.map(this.startAction<CallApi.Finished>("stream", method, wire, options), base)
  }
  sendFax(document: string, options?: CallApi.SendFaxOptions) {
    const method = "calling.send_fax"
    const wire = params.leading(method, "document", "document", params.Url, document, params.sendFax, options)
    return Effect.map(this.startAction<CallApi.FaxResult>("send_fax", method, wire, options), base)
  }
  receiveFax(options?: CallApi.ReceiveFaxOptions) {
    const method = "calling.receive_fax"
    return Effect.map(this.startAction<CallApi.FaxResult>("receive_fax", method, params.receiveFax.toWire(method, options), options), base)
  }
  pay(paymentConnectorUrl: string, options?: CallApi.PayOptions) {
    const method = "calling.pay"
    const wire = params.leading(
      method,
      "paymentConnectorUrl",
      "payment_connector_url",
      params.Url,
      paymentConnectorUrl,
      params.pay,
      options
    )
    return Effect.map(this.startAction<CallApi.PayResult>("pay", method, wire, options), base)
  }
  transcribe(options?: CallApi.TranscribeOptions) {
    const method = "calling.transcribe"
    return Effect.map(this.startAction<CallApi.TranscribeResult>("transcribe", method, params.transcribe.toWire(method, options), options), base)
  }
  liveTranscribe(action: CallApi.LiveTranscribeAction) {
    const method = "calling.live_transcribe"
    return this.validated(params.leading(method, "action", "action", params.LiveTranscribeAction, action), (wire) =>
      this.command(method, wire))
  }
  liveTranslate(action: CallApi.LiveTranslateAction, options?: CallApi.LiveTranslateOptions) {
    const method = "calling.live_translate"
    return this.validated(
      params.leading(method, "action", "action", params.LiveTranslateAction, action, params.liveTranslate, options),
      (wire) => this.command(method, wire)
    )
  }

  private named(method: string, what: string, key: string, value: string, codec?: params.Wire, options?: unknown) {
    return this.validated(params.leading(method, what, key, params.Name, value, codec, options), (wire) =>
      this.command(method, wire))
  }
  private queue(method: string, queueName: string, codec: params.Wire, options: unknown) {
    const controlId = params.controlIdOf(options) ?? globalThis.crypto.randomUUID()
    return this.validated(params.leading(method, "queueName", "queue_name", params.Name, queueName, codec, options), (wire) =>
      this.command(method, { control_id: controlId, ...wire }))
  }
  joinConference(name: string, options?: CallApi.JoinConferenceOptions) {
    return this.named("calling.join_conference", "name", "name", name, params.joinConference, options)
  }
  leaveConference(conferenceId: string) {
    return this.named("calling.leave_conference", "conferenceId", "conference_id", conferenceId)
  }
  joinRoom(name: string, options?: CallApi.JoinRoomOptions) {
    return this.named("calling.join_room", "name", "name", name, params.joinRoom, options)
  }
  get leaveRoom() {
    return this.command("calling.leave_room")
  }
  queueEnter(queueName: string, options?: CallApi.QueueEnterOptions) {
    return this.queue("calling.queue.enter", queueName, params.queueEnter, options)
  }
  queueLeave(queueName: string, options?: CallApi.QueueLeaveOptions) {
    return this.queue("calling.queue.leave", queueName, params.queueLeave, options)
  }
  get hold() {
    return this.command("calling.hold")
  }
  get unhold() {
    return this.command("calling.unhold")
  }
  get denoise() {
    return this.command("calling.denoise")
  }
  get denoiseStop() {
    return this.command("calling.denoise.stop")
  }
  echo(options?: CallApi.EchoOptions) {
    return this.simple("calling.echo", params.echo, options)
  }
  userEvent(event?: unknown) {
    return this.validated(params.check(params.UserEvent, "calling.user_event", "event")(event), (e) =>
      this.command("calling.user_event", e === undefined ? {} : { event: e as JsonObject }))
  }
  ai(options?: CallApi.AIOptions) {
    return Effect.map(this.startAction<CallApi.Finished>("ai", "calling.ai", params.ai.toWire("calling.ai", options), options), base)
  }
  amazonBedrock(options?: CallApi.AmazonBedrockOptions) {
    return this.simple("calling.amazon_bedrock", params.amazonBedrock, options)
  }
  aiMessage(options?: CallApi.AIMessageOptions) {
    return this.simple("calling.ai_message", params.aiMessage, options)
  }
  aiHold(options?: CallApi.AIHoldOptions) {
    return this.simple("calling.ai_hold", params.aiHold, options)
  }
  aiUnhold(options?: CallApi.AIUnholdOptions) {
    return this.simple("calling.ai_unhold", params.aiUnhold, options)
  }
  execute(method: string, extra?: JsonObject) {
    return Effect.suspend(() =>
      method.startsWith("calling.")
        ? this.command(method, extra)
        : Effect.fail(new InvalidRequest({ method, reason: "call-scoped methods are calling.*" }))
    )
  }
}

// ---- the calling subsystem ----------------------------------------------------------------------

interface PendingDial {
  readonly tag: string
  readonly deferred: Deferred.Deferred<CallImpl, DialError>
  readonly legs: Set<string>
  readonly endReasons: Array<string>
  accepted: boolean
}

interface AbandonedDial {
  readonly expires: number
  readonly adopt: CallApi.DialOptions["adoptLateCall"]
  readonly hungUp: Set<string>
}

interface Registration {
  readonly handler: CallHandler
  readonly release: CallApi.ReleasePolicy
}

const MAX_ABANDONED = 10_000

/** Errors after which the platform may still create the dial's legs. */
const mayHaveDialed = (cause: Cause.Cause<DialError>): boolean => {
  if (Cause.isInterrupted(cause)) return true
  const failure = Cause.failureOption(cause)
  if (Option.isNone(failure)) return false
  const tag = failure.value._tag
  return tag === "RequestTimeout" || tag === "ConnectionLost" || tag === "DialTimeout"
}

export const make = (core: Core, options: CallingOptions): Effect.Effect<Calling, never, Scope.Scope> =>
  Effect.gen(function*() {
    const clientScope = yield* Effect.scope
    const runtime: Runtime = { core, options, calls: new Map(), clientScope, closing: false }
    const calls = runtime.calls
    const dials = new Map<string, PendingDial>()
    const abandoned = new Map<string, AbandonedDial>()
    const registrations: Array<Registration> = []
    const handlerFibers = yield* FiberSet.make<void, never>()
    let activeInbound = 0
    let draining = false
    const clock = yield* Effect.clock

    const register = (call: CallImpl) => {
      calls.set(call.callId, call)
      metrics.callsActive.unsafeUpdate(calls.size, [])
      return call
    }

    const newCall = (init: Omit<CallInit, "projectId"> & { readonly projectId?: string | undefined }) =>
      register(new CallImpl(runtime, { ...init, projectId: init.projectId ?? options.project }))

    /** Best-effort hang-up that never waits past `releaseTimeout` (nor at all while closing). */
    const hangupQuietly = (call: CallImpl, reason: CallApi.EndReason) =>
      Effect.suspend(() => {
        if (call.state === "ending" || call.state === "ended" || call.hangupAccepted) return Effect.void
        if (runtime.closing) {
          core.fire("calling.end", { node_id: call.nodeId, call_id: call.callId, reason })
          return Effect.void
        }
        // Interruptible, so that the bound holds inside finalizers too (releases run in them).
        return Effect.interruptible(call.command("calling.end", { reason })).pipe(
          Effect.timeout(options.releaseTimeout),
          Effect.catchAll((error) =>
            error._tag === "CallGone"
              ? Effect.void
              : Effect.logWarning(`could not hang up call ${call.callId}: ${error.message}`)
          )
        )
      })

    const release = (call: CallImpl, policy: CallApi.ReleasePolicy) =>
      Effect.suspend(() => {
        if (call.closedBy !== undefined) return Effect.void
        return Effect.zipRight(
          policy === "hangup" ? hangupQuietly(call, "hangup") : Effect.void,
          call.close(runtime.closing ? { _tag: "ClientClosed" } : { _tag: "Released" })
        )
      })

    /** Runs a handler for a call in its own fiber; its failure is logged, never propagated. */
    const serve = (call: CallImpl, handler: CallHandler, policy: CallApi.ReleasePolicy, span: string) =>
      FiberSet.run(
        handlerFibers,
        Effect.scoped(Effect.suspend(() => handler(call))).pipe(
          Effect.catchAllCause((cause) =>
            Cause.isInterruptedOnly(cause) ? Effect.void : Effect.logError("call handler failed", cause)
          ),
          Effect.ensuring(release(call, policy)),
          // No annotateLogs here: each FiberRef change copies the fiber's refs, kilobytes per call
          // (bench/README.md); the span carries the call id.
          Effect.withSpan(span, { attributes: { "relay.call_id": call.callId }, captureStackTrace: false })
        )
      )

    const dropInbound = (callId: string, why: string) => {
      metrics.inboundCallsDropped.unsafeUpdate(1, [])
      return Effect.logWarning(`inbound call ${callId} not handled: ${why}`)
    }

    // Inbound calls that arrived while no handler was registered (typically between the first
    // connect and `onCall`): kept, bounded by maxActiveCalls, and served once a handler registers.
    const unclaimed = new Set<CallImpl>()

    const serveInbound = (call: CallImpl, registration: Registration) => {
      activeInbound += 1
      return Effect.asVoid(
        serve(
          call,
          (c) => Effect.ensuring(registration.handler(c), Effect.sync(() => void (activeInbound -= 1))),
          registration.release,
          "RelayClient.onCall"
        )
      )
    }

    const onReceive = (event: RelayEvent.Known<"calling.call.receive">): Effect.Effect<void> => {
      const p = event.params
      if (calls.has(p.call_id) || runtime.closing) return Effect.void
      if (draining) {
        core.fire("calling.pass", { node_id: p.node_id ?? "", call_id: p.call_id })
        return dropInbound(p.call_id, "the client is draining (passed back to the platform)")
      }
      const registration = registrations[registrations.length - 1]
      for (const waiting of unclaimed) if (waiting.closedBy !== undefined) unclaimed.delete(waiting)
      if (activeInbound + unclaimed.size >= options.maxActiveCalls) {
        return dropInbound(p.call_id, `${options.maxActiveCalls} calls already active (maxActiveCalls)`)
      }
      const call = newCall({
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

    const liveAbandoned = (tag: string | undefined): AbandonedDial | undefined => {
      if (tag === undefined || tag === "") return undefined
      const entry = abandoned.get(tag)
      if (entry === undefined) return undefined
      if (entry.expires < clock.unsafeCurrentTimeMillis()) {
        abandoned.delete(tag)
        return undefined
      }
      return entry
    }

    /** A leg of a dial that already gave up: hang it up, or (with adoption) wait for the winner. */
    const lateLeg = (call: CallImpl, entry: AbandonedDial): Effect.Effect<void> => {
      if (entry.adopt !== undefined || entry.hungUp.has(call.callId)) return Effect.void
      entry.hungUp.add(call.callId)
      metrics.lateLegs.unsafeUpdate(1, [])
      return Effect.zipRight(
        Effect.logWarning(`hanging up call ${call.callId}: late leg of abandoned dial ${call.tag}`),
        Effect.asVoid(
          FiberSet.run(handlerFibers, hangupQuietly(call, call.state === "answered" ? "hangup" : "cancel"))
        )
      )
    }

    const onState = (event: RelayEvent.Known<"calling.call.state">): Effect.Effect<void> => {
      const p = event.params
      let call = calls.get(p.call_id)
      if (call === undefined) {
        const dial = p.tag === undefined ? undefined : dials.get(p.tag)
        const late = dial === undefined ? liveAbandoned(p.tag) : undefined
        if ((dial === undefined && late === undefined) || p.call_state === "ended") {
          if (dial !== undefined && p.end_reason !== undefined) dial.endReasons.push(p.end_reason)
          return Effect.void
        }
        call = newCall({
          callId: p.call_id,
          nodeId: p.node_id ?? "",
          projectId: p.project_id,
          context: undefined,
          tag: p.tag ?? "",
          direction: "outbound",
          device: (p.device ?? {}) as JsonObject,
          segmentId: "",
          state: p.call_state
        })
        dial?.legs.add(p.call_id)
        if (late !== undefined) {
          const leg = call
          return Effect.zipRight(call.handle(event), Effect.suspend(() => lateLeg(leg, late)))
        }
      } else if (p.call_state === "ended" && p.tag !== undefined && p.end_reason !== undefined) {
        dials.get(p.tag)?.endReasons.push(p.end_reason)
      }
      return call.handle(event)
    }

    const onDial = (event: RelayEvent.Known<"calling.call.dial">): Effect.Effect<void> => {
      const p = event.params
      const winner = obj(p.call)
      const winnerId = str(winner?.call_id)
      const dial = dials.get(p.tag)
      const resolve = (): CallImpl | undefined => {
        if (winnerId === undefined) return undefined
        const known = calls.get(winnerId)
        if (known !== undefined) {
          if (known.nodeId === "") known.nodeId = str(winner?.node_id) ?? p.node_id ?? ""
          if (known.state !== "ended" && known.state !== "ending" && !known.reached(2)) {
            known.state = "answered"
            known.visited |= 1 << 2
          }
          return known
        }
        return newCall({
          callId: winnerId,
          nodeId: str(winner?.node_id) ?? p.node_id ?? "",
          context: undefined,
          tag: p.tag,
          direction: "outbound",
          device: (obj(winner?.device) ?? {}) as JsonObject,
          segmentId: "",
          state: "answered"
        })
      }
      if (dial !== undefined) {
        if (p.dial_state === "answered") {
          const call = resolve()
          if (call !== undefined) {
            Deferred.unsafeDone(dial.deferred, Exit.succeed(call))
            return call.handle(event)
          }
          return Effect.logWarning(`dial ${p.tag} answered without a call id; waiting`)
        }
        if (p.dial_state === "failed") {
          Deferred.unsafeDone(dial.deferred, Exit.fail(new DialFailed({ tag: p.tag, endReasons: dial.endReasons })))
        }
        return Effect.void
      }
      const late = liveAbandoned(p.tag)
      if (late !== undefined && p.dial_state !== "dialing") {
        abandoned.delete(p.tag)
        const call = p.dial_state === "answered" ? resolve() : undefined
        if (call === undefined) return Effect.void
        if (late.adopt !== undefined) {
          metrics.lateLegs.unsafeUpdate(1, [])
          return Effect.zipRight(
            Effect.logInfo(`adopting call ${call.callId}: late winner of abandoned dial ${p.tag}`),
            Effect.asVoid(serve(call, late.adopt, "hangup", "RelayClient.adoptLateCall"))
          )
        }
        return lateLeg(call, late)
      }
      return winnerId === undefined ? Effect.void : calls.get(winnerId)?.handle(event) ?? Effect.void
    }

    const onEvent = (event: RelayEvent.RelayEvent): Effect.Effect<void> => {
      switch (event._tag) {
        case "CallReceive":
          return onReceive(event)
        case "CallState":
          return onState(event)
        case "CallDial":
          return onDial(event)
        case "MessageReceive":
        case "MessageState":
        case "AuthorizationState":
          return Effect.void
        default: {
          const callId = str(event.params.call_id)
          return callId === undefined ? Effect.void : calls.get(callId)?.handle(event) ?? Effect.void
        }
      }
    }

    yield* core.addListener({
      onEvent,
      onSessionLost: (reason) => {
        // P§14: a dial waiting for its events fails; its tag is kept so a late leg is reconciled.
        for (const dial of dials.values()) {
          if (dial.accepted) {
            Deferred.unsafeDone(
              dial.deferred,
              Exit.fail(new ConnectionLost({ method: "calling.dial", requestId: dial.tag, reason }))
            )
          }
        }
      },
      onClose: (error) => {
        runtime.closing = true
        for (const dial of dials.values()) Deferred.unsafeDone(dial.deferred, Exit.fail(error))
      }
    })

    // Runs before the handler FiberSet and the core close (finalizers run last-in first-out).
    yield* Effect.addFinalizer(() =>
      Effect.gen(function*() {
        if (options.drainOnClose !== undefined) yield* drain(options.drainOnClose)
        runtime.closing = true
        for (const dial of dials.values()) {
          Deferred.unsafeDone(dial.deferred, Exit.fail(new ClientClosed({ operation: "calling.dial" })))
        }
        yield* FiberSet.clear(handlerFibers)
        for (const call of Array.from(calls.values())) yield* call.close({ _tag: "ClientClosed" })
      })
    )

    const abandon = (dial: PendingDial, adopt: CallApi.DialOptions["adoptLateCall"]) =>
      Effect.gen(function*() {
        const entry: AbandonedDial = {
          expires: clock.unsafeCurrentTimeMillis() + Duration.toMillis(options.lateLegGrace),
          adopt,
          hungUp: new Set()
        }
        abandoned.set(dial.tag, entry)
        if (abandoned.size > MAX_ABANDONED) {
          const oldest = abandoned.keys().next()
          if (oldest.done !== true) abandoned.delete(oldest.value)
        }
        // A winner that was resolved just as the waiter gave up is a late call too.
        const resolved = yield* Deferred.poll(dial.deferred)
        if (Option.isSome(resolved)) {
          const exit = yield* Effect.exit(resolved.value)
          if (Exit.isSuccess(exit) && exit.value.closedBy === undefined) {
            abandoned.delete(dial.tag)
            if (adopt !== undefined) {
              yield* serve(exit.value, adopt, "hangup", "RelayClient.adoptLateCall")
              return
            }
            yield* lateLeg(exit.value, entry)
          }
        }
        for (const legId of dial.legs) {
          const leg = calls.get(legId)
          if (leg !== undefined && adopt === undefined) yield* lateLeg(leg, entry)
        }
      })

    const dial = (
      devices: Device.DialPlan,
      dialOptions: CallApi.DialOptions = {}
    ): Effect.Effect<CallApi.Call, DialError, Scope.Scope> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.gen(function*() {
          const method = "calling.dial"
          const plan = params.dialPlan(devices)
          if (Either.isLeft(plan)) return yield* plan.left
          const extra = params.dial.toWire(method, {
            ...(dialOptions.region === undefined ? {} : { region: dialOptions.region }),
            ...(dialOptions.maxPricePerMinute === undefined ? {} : { maxPricePerMinute: dialOptions.maxPricePerMinute }),
            ...(dialOptions.maxDuration === undefined ? {} : { maxDuration: dialOptions.maxDuration })
          })
          if (Either.isLeft(extra)) return yield* extra.left
          if (runtime.closing) return yield* new ClientClosed({ operation: method })
          const tag = dialOptions.tag ?? globalThis.crypto.randomUUID()
          if (tag.length === 0 || dials.has(tag)) {
            return yield* new InvalidRequest({ method, reason: `tag "${tag}" is empty or already used by a dial in progress` })
          }
          abandoned.delete(tag)
          const pending: PendingDial = {
            tag,
            deferred: Deferred.unsafeMake(FiberId.none),
            legs: new Set(),
            endReasons: [],
            accepted: false
          }
          dials.set(tag, pending)
          const dialTimeout = dialOptions.timeout === undefined ? options.dialTimeout : Duration.decode(dialOptions.timeout)
          const exit = yield* restore(
            core.execute(method, { tag, devices: plan.right as unknown as JsonObject, ...extra.right }, {
              timeout: dialOptions.requestTimeout
            }).pipe(
              Effect.zipRight(Effect.suspend(() => {
                pending.accepted = true
                return Deferred.await(pending.deferred).pipe(
                  Effect.timeoutFail({
                    duration: dialTimeout,
                    onTimeout: () => new DialTimeout({ tag, timeoutMillis: Duration.toMillis(dialTimeout) })
                  })
                )
              }))
            )
          ).pipe(Effect.exit)
          dials.delete(tag)
          if (Exit.isFailure(exit)) {
            if (mayHaveDialed(exit.cause) && !runtime.closing) yield* abandon(pending, dialOptions.adoptLateCall)
            return yield* exit
          }
          const call = exit.value
          // Losing legs of a parallel dial are not the caller's: stop tracking them.
          for (const legId of pending.legs) {
            const leg = calls.get(legId)
            if (leg !== undefined && leg !== call) yield* release(leg, leg.state === "answered" ? "hangup" : "keep")
          }
          const scope = yield* Effect.scope
          yield* Scope.addFinalizer(scope, release(call, dialOptions.release ?? "hangup"))
          return call as CallApi.Call
        })
      ).pipe(Effect.withSpan("RelayClient.dial"))

    const onCall = (handler: CallHandler, onCallOptions: CallApi.OnCallOptions = {}) =>
      Effect.acquireRelease(
        Effect.gen(function*() {
          const registration: Registration = { handler, release: onCallOptions.release ?? "hangup" }
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
        const finished = yield* Effect.timeout(Effect.interruptible(FiberSet.awaitEmpty(handlerFibers)), timeout).pipe(
          Effect.option
        )
        if (Option.isNone(finished)) {
          yield* Effect.logWarning(`drain: ${yield* FiberSet.size(handlerFibers)} call(s) still active; hanging up`)
          yield* FiberSet.clear(handlerFibers)
        }
      }).pipe(Effect.withSpan("RelayClient.drain"))

    return {
      dial,
      onCall,
      drain,
      calls: Effect.sync(() => Array.from(calls.values()))
    }
  })
