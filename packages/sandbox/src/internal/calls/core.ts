/**
 * The call registry and state machine that every feature module builds on: the calls, their
 * timers, their events, and how a call ends. Feature modules hook into the end of a call
 * (`onLeaving`: before the `ending` / `ended` events; `onEnded`: after them).
 *
 * All state changes are synchronous and run in the sandbox's consumer fiber (requests), in a
 * timer fiber of the sandbox's FiberSet, or in the caller of the public API; none of them yields,
 * so they never interleave.
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import type { SimAction, SimCall } from "../../SimCalls.js"
import * as Sim from "../sim.js"
import type { SimSession } from "../sim.js"
import * as Watchers from "../watchers.js"
import { type Action, type Call, type CallState, type JsonObject, NODE_ID, type Timer } from "./model.js"
import { DEFAULT_FAR, type Far } from "./script.js"

const MAX_ENDED_CALLS = 10_000

export interface Env<S extends SimSession> {
  /** Sends an event to a session, tracked for ACK and re-delivery. */
  readonly deliver: (session: S, eventType: string, params: JsonObject) => void
  readonly sessions: () => Iterable<S>
  /** The sandbox Clock, in milliseconds. */
  readonly now: () => number
  readonly runFork: (effect: Effect.Effect<void>) => Fiber.RuntimeFiber<void>
}

export interface NewCall<S extends SimSession> {
  /** The id a test chose (free: see `isLive`); default a random one. */
  readonly callId?: string | undefined
  readonly direction: "inbound" | "outbound"
  readonly tag: string
  readonly device: JsonObject
  readonly from: string
  readonly to: string
  readonly context: string | undefined
  readonly far: Far
  readonly session: S | undefined
}

export type Core<S extends SimSession> = ReturnType<typeof make<S>>

export const make = <S extends SimSession>(env: Env<S>) => {
  const calls = new Map<string, Call<S>>()
  const endedOrder: Array<string> = []
  const scripts = Sim.scriptBook<Far>(DEFAULT_FAR)
  const leaving: Array<(call: Call<S>) => void> = []
  const ended: Array<(call: Call<S>) => void> = []
  const answeredHooks: Array<(call: Call<S>) => void> = []
  const observers: Array<(call: Call<S>, eventType: string, params: JsonObject) => void> = []
  /** Who runs a `calling.transfer` to a SWML destination (set by the SWML executor). */
  let transferHandler: ((call: Call<S>, dest: string) => boolean) | undefined

  // ---- timers ---------------------------------------------------------------------------------

  /** Runs `f` after `delay` on the sandbox's Clock, unless cancelled first. */
  const schedule = (delay: Duration.DurationInput, f: () => void): Timer => {
    let live = true
    const fiber = env.runFork(Effect.sleep(delay).pipe(Effect.zipRight(Effect.sync(() => {
      if (!live) return
      live = false
      f()
    }))))
    return {
      cancel: () => {
        if (!live) return
        live = false
        fiber.unsafeInterruptAsFork(FiberId.none)
      }
    }
  }

  /** A timer owned by the call: cancelled when the call ends. */
  const callTimer = (call: Call<S>, delay: Duration.DurationInput, f: () => void) => {
    const timer = schedule(delay, () => {
      call.timers.delete(timer)
      f()
    })
    call.timers.add(timer)
  }

  // ---- snapshots and waiters ------------------------------------------------------------------

  const snapshot = (call: Call<S>): SimCall => ({
    callId: call.callId,
    nodeId: NODE_ID,
    tag: call.tag,
    direction: call.direction,
    state: call.state,
    endReason: call.endReason,
    from: call.from,
    to: call.to,
    device: call.device,
    session: call.session?.protocol,
    actions: Array.from(call.actions.values(), (a): SimAction => ({ controlId: a.controlId, method: a.method, state: a.state })),
    peer: call.bridge?.peer.callId,
    conference: call.conference?.name
  })

  const { notify, waitFor } = Watchers.make(calls.values.bind(calls), snapshot)

  // ---- events and states ----------------------------------------------------------------------

  /** An event about a call, to the session that controls it (none after a transfer). */
  const event = (call: Call<S>, eventType: string, params: JsonObject) => {
    if (call.session !== undefined) env.deliver(call.session, eventType, { call_id: call.callId, node_id: NODE_ID, ...params })
    for (const observer of observers) observer(call, eventType, params)
    notify(call)
  }

  /** An event about a call that is not the call's own (a conference's): to its observers only. */
  const observe = (call: Call<S>, eventType: string, params: JsonObject) => {
    for (const observer of observers) observer(call, eventType, params)
  }

  const setState = (call: Call<S>, state: CallState) => {
    call.state = state
    event(call, "calling.call.state", {
      tag: call.tag,
      call_state: state,
      direction: call.direction,
      device: call.device,
      ...(state === "ended" ? { end_reason: call.endReason ?? "hangup" } : {})
    })
  }

  /** A call in progress has this id (an ended call gives its id up). */
  const isLive = (callId: string): boolean => {
    const call = calls.get(callId)
    return call !== undefined && call.state !== "ended"
  }

  const newCall = ({ callId: chosen, ...options }: NewCall<S>): Call<S> => {
    const callId = chosen ?? Sim.uuid()
    // Only an ended call can hold the id here (callers check isLive): the new one takes it over.
    const ended = endedOrder.indexOf(callId)
    if (calls.has(callId) && ended >= 0) endedOrder.splice(ended, 1)
    const call: Call<S> = {
      callId,
      segmentId: Sim.uuid(),
      ...options,
      state: "created",
      endReason: undefined,
      offeredTo: new Set(),
      scriptInputs: [...options.far.inputs],
      pendingInputs: [],
      actions: new Map(),
      timers: new Set(),
      bridge: undefined,
      connecting: undefined,
      leg: undefined,
      conference: undefined,
      queues: new Set(),
      bindings: [],
      swml: undefined
    }
    calls.set(call.callId, call)
    return call
  }

  const forgetOldCalls = (call: Call<S>) => {
    endedOrder.push(call.callId)
    while (endedOrder.length > MAX_ENDED_CALLS) calls.delete(endedOrder.shift()!)
  }

  /** Offers an inbound call to a session (`calling.call.receive`); that session controls it now. */
  const offer = (call: Call<S>, session: S) => {
    call.offeredTo.add(session)
    call.session = session
    env.deliver(session, "calling.call.receive", {
      call_id: call.callId,
      node_id: NODE_ID,
      project_id: session.project,
      context: call.context ?? "default",
      call_state: call.state,
      direction: call.direction,
      tag: call.tag,
      segment_id: call.segmentId,
      device: call.device
    })
    notify(call)
  }

  const receivers = (context: string) => Sim.receivers(env.sessions(), context)

  /** The call is answered; a scripted `hangupAfter` starts counting. */
  const answered = (call: Call<S>) => {
    setState(call, "answered")
    for (const hook of answeredHooks) hook(call)
    const hangupAfter = call.far.hangupAfter
    if (hangupAfter !== undefined) callTimer(call, hangupAfter, () => endCall(call, "hangup"))
  }

  // ---- actions ----------------------------------------------------------------------------------

  const register = (call: Call<S>, action: Action) => {
    call.actions.set(action.controlId, action)
    return action
  }

  const removeAction = (call: Call<S>, action: Action) => {
    if (call.actions.get(action.controlId) === action) call.actions.delete(action.controlId)
  }

  /** Ends a timer-driven action once: false if it has already ended (or was never registered). */
  const endTimed = (call: Call<S>, action: Action | undefined, timer: Timer | undefined): boolean => {
    if (action === undefined || call.actions.get(action.controlId) !== action) return false
    timer?.cancel()
    removeAction(call, action)
    return true
  }

  // ---- ending -----------------------------------------------------------------------------------

  /**
   * Ends a call: running record / tap / stream / transcribe / ai actions report `finished` first
   * (the platform saves them on hang-up), the call leaves its conference and queues, then
   * `ending` (unless the leg never got through) and `ended`; then the dial and bridge hooks run.
   */
  const endCall = (call: Call<S>, reason: string, withEnding = true) => {
    if (call.state === "ending" || call.state === "ended") return
    for (const timer of call.timers) timer.cancel()
    call.timers.clear()
    const actions = Array.from(call.actions.values())
    call.actions.clear()
    for (const action of actions) action.callEnded()
    for (const hook of leaving) hook(call)
    if (withEnding) setState(call, "ending")
    call.endReason = reason
    setState(call, "ended")
    forgetOldCalls(call)
    for (const hook of ended) hook(call)
  }

  return {
    env,
    calls,
    scripts,
    scriptFor: scripts.lookup,
    isLive,
    schedule,
    callTimer,
    snapshot,
    notify,
    waitFor,
    event,
    observe,
    setState,
    newCall,
    offer,
    receivers,
    answered,
    register,
    removeAction,
    endTimed,
    endCall,
    /** Runs before the `ending` event of every call that ends. */
    onLeaving: (hook: (call: Call<S>) => void) => void leaving.push(hook),
    /** Runs after the `answered` event of every call that is answered. */
    onAnswered: (hook: (call: Call<S>) => void) => void answeredHooks.push(hook),
    /** Runs after the `ended` event of every call that ends. */
    onEnded: (hook: (call: Call<S>) => void) => void ended.push(hook),
    /** Sees every event about every call (whether a session receives it or not), as it is sent. */
    onEvent: (observer: (call: Call<S>, eventType: string, params: JsonObject) => void) => void observers.push(observer),
    /** Who runs `calling.transfer` to a URL or an inline document; it answers false for other destinations. */
    setTransferHandler: (handler: (call: Call<S>, dest: string) => boolean) => {
      transferHandler = handler
    },
    /** Hands the call to the transfer handler; false when nobody takes `dest`. */
    transferTo: (call: Call<S>, dest: string): boolean => transferHandler?.(call, dest) ?? false
  }
}
