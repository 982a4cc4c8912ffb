/**
 * The call simulation behind every `calling.*` method. All state changes are synchronous and run
 * either in the sandbox's consumer fiber (requests), in a timer fiber of the sandbox's FiberSet
 * (ringing, playing, input delays), or in the caller of the public API; none of them yields, so
 * they never interleave. A request is answered before any event it causes.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as Option from "effect/Option"
import type { RelayFrame } from "@signalwire-effect/relay"
import type { CallScript, CollectInput, Outcome } from "../CallScript.js"
import { type Calls, SandboxError, type SimAction, type SimCall } from "../RelaySandbox.js"
import * as Watchers from "./watchers.js"
import * as W from "./wire.js"

type JsonObject = RelayFrame.JsonObject
type CallState = SimCall["state"]

/** The one node id of the sandbox (every call lives on it). */
export const NODE_ID = "5a4db0c5-0000-4000-8000-000000000001"

const STATE_ORDER: ReadonlyArray<CallState> = ["created", "ringing", "answered", "ending", "ended"]
const DEFAULT_RING = Duration.millis(20)
const DEFAULT_PLAY = Duration.millis(20)
const DEFAULT_DEVICE_TIMEOUT_SECONDS = 30
const DEFAULT_INITIAL_TIMEOUT_SECONDS = 4
const DEFAULT_DETECT_TIMEOUT_SECONDS = 30
/** Scripted input is "pressed" this long after the collect starts, so an IVR runs fast. */
const INPUT_DELAY = Duration.millis(10)
const DETECT_DELAY = Duration.millis(20)
const FAX_DELAY = Duration.millis(20)
const PAY_DELAY = Duration.millis(20)
/** Bytes per second of a simulated recording (8 kHz, 16 bit, mono), for `size`. */
const BYTES_PER_SECOND = 16_000
const MAX_PENDING_INPUTS = 1_000
const MAX_ENDED_CALLS = 10_000

const END_REASONS: Readonly<Record<Exclude<Outcome, "answer">, string>> = {
  busy: "busy",
  noAnswer: "noAnswer",
  decline: "decline",
  failed: "error"
}

const uuid = () => globalThis.crypto.randomUUID()

/** What the engine needs to know about a session. */
export interface SimSession {
  readonly protocol: string
  readonly project: string
  readonly contexts: ReadonlySet<string>
  readonly connection: unknown
}

export type Response =
  | { readonly _tag: "Result"; readonly result: JsonObject }
  | { readonly _tag: "Error"; readonly error: RelayFrame.ErrorObject }

export interface Env<S extends SimSession> {
  /** Sends an event to a session, tracked for ACK and re-delivery. */
  readonly deliver: (session: S, eventType: string, params: JsonObject) => void
  readonly sessions: () => Iterable<S>
  /** The sandbox Clock, in milliseconds. */
  readonly now: () => number
  readonly runFork: (effect: Effect.Effect<void>) => Fiber.RuntimeFiber<void>
}

export interface Engine<S extends SimSession> {
  /**
   * Handles a `calling.*` request from `session`; false when the method is not simulated.
   * `respond` is called at most once, before any event the request causes.
   */
  readonly request: (session: S, method: string, params: JsonObject, respond: (response: Response) => void) => boolean
  readonly api: Calls
}

// ---- scripts ------------------------------------------------------------------------------------

/** A script with its durations decoded. */
interface Far {
  readonly outcome: Outcome
  readonly ringFor: Duration.Duration
  readonly hangupAfter: Duration.Duration | undefined
  readonly playFor: Duration.Duration
  readonly machine: "HUMAN" | "MACHINE" | "UNKNOWN"
  readonly faxTone: "CED" | "CNG"
  readonly detectDigits: string | undefined
  readonly inputs: ReadonlyArray<CollectInput>
  readonly recording: CallScript["recording"]
  readonly fax: NonNullable<CallScript["fax"]>
  readonly payment: "success" | "error"
  readonly transcription: CallScript["transcription"]
  readonly dialReply: "reply" | "drop"
}

const decodeDuration = (name: string, input: Duration.DurationInput | undefined, fallback: Duration.Duration | undefined) => {
  if (input === undefined) return Either.right(fallback)
  return Option.match(Duration.decodeUnknown(input), {
    onNone: () => Either.left(`${name}: not a duration: ${String(input)}`),
    onSome: (duration) => Either.right(duration)
  })
}

/** Decodes a script; the failure names the field that is not a duration. */
export const resolveScript = (script: CallScript): Either.Either<Far, string> =>
  Either.gen(function*() {
    const ringFor = yield* decodeDuration("ringFor", script.ringFor, DEFAULT_RING)
    const hangupAfter = yield* decodeDuration("hangupAfter", script.hangupAfter, undefined)
    const playFor = yield* decodeDuration("playFor", script.playFor, DEFAULT_PLAY)
    return {
      outcome: script.outcome ?? "answer",
      ringFor: ringFor ?? DEFAULT_RING,
      hangupAfter,
      playFor: playFor ?? DEFAULT_PLAY,
      machine: script.machine ?? "HUMAN",
      faxTone: script.faxTone ?? "CED",
      detectDigits: script.detectDigits,
      inputs: script.inputs ?? [],
      recording: script.recording,
      fax: script.fax ?? { pages: 1 },
      payment: script.payment ?? "success",
      transcription: script.transcription,
      dialReply: script.dialReply ?? "reply"
    }
  })

const resolveOrDie = (script: CallScript) =>
  Either.match(resolveScript(script), {
    onLeft: (reason) => Effect.dieMessage(`Invalid call script: ${reason}`),
    onRight: Effect.succeed
  })

const DEFAULT_FAR: Far = Either.getOrThrow(resolveScript({}))

// ---- replies --------------------------------------------------------------------------------------

interface Step {
  readonly response: Response | undefined
  readonly after?: (() => void) | undefined
}

const ok = (message: string, extra: JsonObject = {}, after?: () => void): Step => ({
  response: { _tag: "Result", result: { code: "200", message, ...extra } },
  after
})
const coded = (code: string, message: string): Step => ({ response: { _tag: "Result", result: { code, message } } })
const invalid = (detail: string): Step => ({
  response: { _tag: "Error", error: { code: -32602, message: `Invalid parameters: ${detail}` } }
})

const paramsOf = (device: JsonObject): JsonObject => (W.isObject(device.params) ? device.params : {})
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)

/** The address a script is looked up by: phone `to_number`, sip/webrtc `to`, and the like. */
const destinationOf = (device: JsonObject): string => {
  const p = paramsOf(device)
  switch (device.type) {
    case "phone":
      return str(p.to_number) ?? ""
    case "agora":
      return str(p.to) ?? str(p.channel) ?? ""
    case "queue":
      return str(p.queue_name) ?? ""
    case "stream":
      return str(p.url) ?? ""
    default:
      return str(p.to) ?? ""
  }
}

const originOf = (device: JsonObject): string => {
  const p = paramsOf(device)
  return str(p.from_number) ?? str(p.from) ?? ""
}

// ---- the engine -----------------------------------------------------------------------------------

export const make = <S extends SimSession>(env: Env<S>): Engine<S> => {
  interface Timer {
    readonly cancel: () => void
  }

  interface Action {
    readonly controlId: string
    readonly method: string
    state: string
    /** Sub-command handlers, by full method name. */
    readonly subs: ReadonlyMap<string, (params: JsonObject) => Step>
    /** The call ended: sends the terminal event if this kind of action has one, stops its timers. */
    readonly callEnded: () => void
    /** For collects: takes the input now if it is waiting for one. */
    readonly offer?: ((input: CollectInput) => boolean) | undefined
    /** For digit detection: reports digits the far end pressed. */
    readonly digits?: ((digits: string) => void) | undefined
  }

  interface DialRun {
    readonly kind: "dial" | "connect" | "begin"
    readonly tag: string
    readonly session: S | undefined
    readonly groups: ReadonlyArray<ReadonlyArray<JsonObject>>
    readonly origin: Call | undefined
    prepared: Call | undefined
    group: number
    legs: Array<Call>
    settled: boolean
  }

  interface Conference {
    readonly id: string
    readonly name: string
    members: Array<Call>
  }

  interface QueueMember {
    readonly call: Call
    readonly controlId: string
  }

  interface Queue {
    readonly id: string
    readonly name: string
    members: Array<QueueMember>
  }

  interface Binding {
    readonly digits: string
    readonly method: string
    readonly params: JsonObject
    readonly realm: string | undefined
    readonly maxTriggers: number
    triggers: number
  }

  interface Call {
    readonly callId: string
    readonly direction: "inbound" | "outbound"
    readonly tag: string
    readonly device: JsonObject
    readonly from: string
    readonly to: string
    readonly context: string | undefined
    readonly segmentId: string
    readonly far: Far
    state: CallState
    endReason: string | undefined
    session: S | undefined
    readonly offeredTo: Set<S>
    readonly scriptInputs: Array<CollectInput>
    readonly pendingInputs: Array<CollectInput>
    readonly actions: Map<string, Action>
    readonly timers: Set<Timer>
    bridge: { readonly peer: Call; readonly origin: boolean } | undefined
    connecting: DialRun | undefined
    leg: DialRun | undefined
    conference: Conference | undefined
    readonly queues: Set<Queue>
    bindings: Array<Binding>
  }

  const calls = new Map<string, Call>()
  const endedOrder: Array<string> = []
  const scripts = new Map<string, Array<Far>>()
  const defaultScripts: Array<Far> = []
  const conferences = new Map<string, Conference>()
  const queues = new Map<string, Queue>()
  let tapPort = 0

  const scriptFor = (destination: string): Far =>
    scripts.get(destination)?.at(-1) ?? defaultScripts.at(-1) ?? DEFAULT_FAR

  // ---- timers ---------------------------------------------------------------------------------

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
  const callTimer = (call: Call, delay: Duration.DurationInput, f: () => void) => {
    const timer = schedule(delay, () => {
      call.timers.delete(timer)
      f()
    })
    call.timers.add(timer)
  }

  // ---- snapshots and waiters ------------------------------------------------------------------

  const snapshot = (call: Call): SimCall => ({
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

  // ---- events ---------------------------------------------------------------------------------

  /** An event about a call, to the session that controls it (none after a transfer). */
  const event = (call: Call, eventType: string, params: JsonObject) => {
    if (call.session !== undefined) env.deliver(call.session, eventType, { call_id: call.callId, node_id: NODE_ID, ...params })
    notify(call)
  }

  const setState = (call: Call, state: CallState) => {
    call.state = state
    event(call, "calling.call.state", {
      tag: call.tag,
      call_state: state,
      direction: call.direction,
      device: call.device,
      ...(state === "ended" ? { end_reason: call.endReason ?? "hangup" } : {})
    })
  }

  const newCall = (options: {
    readonly direction: "inbound" | "outbound"
    readonly tag: string
    readonly device: JsonObject
    readonly from: string
    readonly to: string
    readonly context: string | undefined
    readonly far: Far
    readonly session: S | undefined
  }): Call => {
    const call: Call = {
      callId: uuid(),
      segmentId: uuid(),
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
      bindings: []
    }
    calls.set(call.callId, call)
    return call
  }

  const forgetOldCalls = (call: Call) => {
    endedOrder.push(call.callId)
    while (endedOrder.length > MAX_ENDED_CALLS) calls.delete(endedOrder.shift()!)
  }

  const offer = (call: Call, session: S) => {
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

  const receivers = (context: string) =>
    Array.from(env.sessions()).filter((s) => s.connection !== undefined && s.contexts.has(context))

  const answered = (call: Call) => {
    setState(call, "answered")
    const hangupAfter = call.far.hangupAfter
    if (hangupAfter !== undefined) callTimer(call, hangupAfter, () => endCall(call, "hangup"))
  }

  // ---- ending -----------------------------------------------------------------------------------

  const removeAction = (call: Call, action: Action) => {
    if (call.actions.get(action.controlId) === action) call.actions.delete(action.controlId)
  }

  /** Ends a timer-driven action once: false if it has already ended (or was never registered). */
  const endTimed = (call: Call, action: Action | undefined, timer: Timer | undefined): boolean => {
    if (action === undefined || call.actions.get(action.controlId) !== action) return false
    timer?.cancel()
    removeAction(call, action)
    return true
  }

  const conferenceEvent = (conference: Conference, recipients: Iterable<S | undefined>, params: JsonObject) => {
    const sent = new Set<S>()
    for (const session of recipients) {
      if (session === undefined || sent.has(session)) continue
      sent.add(session)
      env.deliver(session, "calling.conference", { conference_id: conference.id, name: conference.name, ...params })
    }
  }

  const leaveConference = (call: Call) => {
    const conference = call.conference
    if (conference === undefined) return
    call.conference = undefined
    const recipients = [call.session, ...conference.members.map((m) => m.session)]
    conference.members = conference.members.filter((m) => m !== call)
    conferenceEvent(conference, recipients, { call_id: call.callId, node_id: NODE_ID, status: "participant-leave" })
    if (conference.members.length === 0) {
      conferences.delete(conference.name)
      conferenceEvent(conference, [call.session], { status: "conference-end" })
    }
    notify(call)
  }

  const leaveQueue = (queue: Queue, call: Call) => {
    queue.members = queue.members.filter((m) => m.call !== call)
    call.queues.delete(queue)
    if (queue.members.length === 0) queues.delete(queue.name)
  }

  /**
   * Ends a call: running record / tap / stream / transcribe / ai actions report `finished` first
   * (the platform saves them on hang-up), then `ending` (unless the leg never got through) and
   * `ended`. A connect it started is cancelled, a peer it bridged is hung up (or, if it was the
   * peer, the other side hears `disconnected`), and a dial it was a leg of moves on.
   */
  const endCall = (call: Call, reason: string, withEnding = true) => {
    if (call.state === "ending" || call.state === "ended") return
    for (const timer of call.timers) timer.cancel()
    call.timers.clear()
    const actions = Array.from(call.actions.values())
    call.actions.clear()
    for (const action of actions) action.callEnded()
    leaveConference(call)
    for (const queue of Array.from(call.queues)) leaveQueue(queue, call)
    if (withEnding) setState(call, "ending")
    call.endReason = reason
    setState(call, "ended")
    forgetOldCalls(call)

    const run = call.connecting
    call.connecting = undefined
    if (run !== undefined && !run.settled) {
      run.settled = true
      for (const leg of run.legs) endCall(leg, "cancel")
    }
    const bridge = call.bridge
    if (bridge !== undefined) {
      call.bridge = undefined
      bridge.peer.bridge = undefined
      if (bridge.origin) endCall(bridge.peer, "hangup")
      else {
        event(bridge.peer, "calling.call.connect", {
          connect_state: "disconnected",
          peer: { call_id: call.callId, node_id: NODE_ID, tag: call.tag, device: call.device }
        })
      }
    }
    if (call.leg !== undefined && !call.leg.settled) legEnded(call.leg)
  }

  // ---- dialling (calling.dial, calling.connect, calling.begin) ---------------------------------

  /** A `call` or `queue` device of a connect: the existing call it names, if it can be bridged. */
  const existingFor = (run: DialRun, device: JsonObject): Call | undefined => {
    const p = paramsOf(device)
    const usable = (call: Call | undefined) =>
      call !== undefined && call !== run.origin && call.bridge === undefined &&
        (call.state === "created" || call.state === "ringing" || call.state === "answered")
    if (device.type === "call") {
      const call = calls.get(str(p.call_id) ?? "")
      return usable(call) ? call : undefined
    }
    const queue = queues.get(str(p.queue_name) ?? "")
    const member = queue?.members.find((m) => usable(m.call))
    if (queue === undefined || member === undefined) return undefined
    leaveQueue(queue, member.call)
    event(member.call, "calling.call.queue", {
      control_id: member.controlId,
      status: "leave",
      id: queue.id,
      name: queue.name,
      position: 0,
      size: queue.members.length
    })
    return member.call
  }

  const startGroup = (run: DialRun): void => {
    const devices = run.groups[run.group]
    if (devices === undefined) return dialFailed(run)
    run.legs = []
    let existing: Call | undefined
    for (const device of devices) {
      if (device.type === "call" || device.type === "queue") {
        existing ??= existingFor(run, device)
        continue
      }
      const prepared = run.prepared
      run.prepared = undefined
      const leg = prepared ?? newCall({
        direction: "outbound",
        tag: run.tag,
        device,
        from: originOf(device),
        to: destinationOf(device),
        context: undefined,
        far: scriptFor(destinationOf(device)),
        session: run.session
      })
      leg.leg = run
      run.legs.push(leg)
    }
    for (const leg of run.legs) setState(leg, "created")
    for (const leg of run.legs) setState(leg, "ringing")
    if (existing !== undefined) return won(run, existing)
    if (run.legs.length === 0) return groupFailed(run)
    for (const leg of run.legs) {
      const timeout = paramsOf(leg.device).timeout
      const cap = Duration.seconds(typeof timeout === "number" ? timeout : DEFAULT_DEVICE_TIMEOUT_SECONDS)
      const timedOut = Duration.greaterThan(leg.far.ringFor, cap)
      callTimer(leg, timedOut ? cap : leg.far.ringFor, () => ringOut(run, leg, timedOut))
    }
  }

  const ringOut = (run: DialRun, leg: Call, timedOut: boolean) => {
    if (run.settled || leg.state !== "ringing") return
    const outcome = timedOut ? "noAnswer" : leg.far.outcome
    if (outcome === "answer") return won(run, leg)
    endCall(leg, END_REASONS[outcome], false)
  }

  const legEnded = (run: DialRun) => {
    if (run.legs.every((leg) => leg.state === "ended")) groupFailed(run)
  }

  const groupFailed = (run: DialRun) => {
    run.group += 1
    startGroup(run)
  }

  const won = (run: DialRun, winner: Call) => {
    run.settled = true
    if (winner.leg === run) answered(winner)
    for (const leg of run.legs) {
      if (leg !== winner) endCall(leg, "cancel")
    }
    switch (run.kind) {
      case "dial":
        if (run.session !== undefined) {
          env.deliver(run.session, "calling.call.dial", {
            tag: run.tag,
            node_id: NODE_ID,
            dial_state: "answered",
            call: { call_id: winner.callId, node_id: NODE_ID, tag: winner.tag, device: winner.device, dial_winner: true }
          })
        }
        return
      case "connect": {
        const origin = run.origin
        if (origin === undefined) return
        origin.connecting = undefined
        // A new bridge replaces the old one; the old peer stays up, unbridged.
        if (origin.bridge !== undefined) {
          origin.bridge.peer.bridge = undefined
          notify(origin.bridge.peer)
        }
        origin.bridge = { peer: winner, origin: true }
        winner.bridge = { peer: origin, origin: false }
        event(origin, "calling.call.connect", {
          connect_state: "connected",
          peer: { call_id: winner.callId, node_id: NODE_ID, tag: winner.tag, device: winner.device }
        })
        notify(winner)
        return
      }
      case "begin":
        return
    }
  }

  const dialFailed = (run: DialRun) => {
    run.settled = true
    switch (run.kind) {
      case "dial":
        if (run.session !== undefined) {
          env.deliver(run.session, "calling.call.dial", { tag: run.tag, node_id: NODE_ID, dial_state: "failed", call: {} })
        }
        return
      case "connect":
        if (run.origin !== undefined) {
          run.origin.connecting = undefined
          event(run.origin, "calling.call.connect", { connect_state: "failed" })
        }
        return
      case "begin":
        return
    }
  }

  const startRun = (kind: DialRun["kind"], tag: string, session: S | undefined, groups: ReadonlyArray<ReadonlyArray<JsonObject>>, origin?: Call, prepared?: Call) => {
    const run: DialRun = { kind, tag, session, groups, origin, prepared, group: 0, legs: [], settled: false }
    if (origin !== undefined) origin.connecting = run
    startGroup(run)
  }

  const devicePlan = (value: unknown): ReadonlyArray<ReadonlyArray<JsonObject>> =>
    Array.isArray(value) ? value.map((group: unknown) => (Array.isArray(group) ? group.filter(W.isObject) : [])) : []

  // ---- actions ----------------------------------------------------------------------------------

  const actionIds = (call: Call, controlId: string) => ({ call_id: call.callId, control_id: controlId })

  const register = (call: Call, action: Action) => {
    call.actions.set(action.controlId, action)
    return action
  }

  /** The far end's answer to a collect, as the events to send. */
  const collectEvents = (spec: JsonObject, input: CollectInput): ReadonlyArray<JsonObject> => {
    if (input === "noInput") return [{ state: "no_input", result: { type: "no_input" } }]
    if (input === "noMatch") return [{ state: "no_match", result: { type: "no_match" } }]
    const startOfInput = spec.send_start_of_input === true
      ? [{ state: "collecting", result: { type: "start_of_input" } }]
      : []
    if ("digits" in input) {
      if (!W.isObject(spec.digits)) return [{ state: "no_match", result: { type: "no_match" } }]
      const terminators = str(spec.digits.terminators) ?? ""
      let digits = input.digits
      let terminator = input.terminator ?? ""
      const last = digits.at(-1)
      if (input.terminator === undefined && last !== undefined && terminators.includes(last)) {
        digits = digits.slice(0, -1)
        terminator = last
      }
      const max = spec.digits.max
      if (typeof max === "number" && max > 0 && digits.length > max) digits = digits.slice(0, max)
      return [...startOfInput, {
        state: "finished",
        result: { type: "digit", params: { digits, terminator } },
        final: true
      }]
    }
    if (!W.isObject(spec.speech)) return [{ state: "no_match", result: { type: "no_match" } }]
    const text = input.speech
    const words = text.trim().split(/\s+/)
    const prefix = words.length > 1 ? words.slice(0, Math.ceil(words.length / 2)).join(" ") : text.slice(0, Math.ceil(text.length / 2))
    const partial = spec.partial_results === true
      ? [{ result: { type: "speech", params: { text: prefix } }, final: false }]
      : []
    return [...startOfInput, ...partial, {
      state: "finished",
      result: { type: "speech", params: { text, confidence: input.confidence ?? 0.9 } },
      final: true
    }]
  }

  interface Playback {
    readonly state: () => "playing" | "paused" | "finished"
    readonly start: () => void
    readonly pause: () => void
    readonly resume: () => void
    /** Ends it now with `finished` (no-op if it already ended). */
    readonly finish: () => void
    /** Stops it without an event (the call ended). */
    readonly cancel: () => void
  }

  const playback = (call: Call, controlId: string, items: number, loop: number, onFinished: () => void): Playback => {
    let remaining = loop === 0 ? Number.POSITIVE_INFINITY : Duration.toMillis(call.far.playFor) * items * loop
    let startedAt = 0
    let timer: Timer | undefined
    let state: "playing" | "paused" | "finished" = "playing"
    const emit = (next: typeof state) => {
      state = next
      event(call, "calling.call.play", { control_id: controlId, state: next })
    }
    const arm = () => {
      startedAt = env.now()
      if (Number.isFinite(remaining)) timer = schedule(Duration.millis(remaining), finish)
    }
    const finish = () => {
      if (state === "finished") return
      timer?.cancel()
      emit("finished")
      onFinished()
    }
    return {
      state: () => state,
      start: () => {
        emit("playing")
        arm()
      },
      pause: () => {
        if (state !== "playing") return
        timer?.cancel()
        remaining = Math.max(0, remaining - (env.now() - startedAt))
        emit("paused")
      },
      resume: () => {
        if (state !== "paused") return
        emit("playing")
        arm()
      },
      finish,
      cancel: () => {
        timer?.cancel()
        state = "finished"
      }
    }
  }

  const volume = (params: JsonObject): Step | undefined => {
    const problem = W.fields(params, { volume: W.req(W.number) })
    return problem === undefined ? undefined : invalid(problem)
  }

  const startPlay = (call: Call, params: JsonObject): Step => {
    const controlId = params.control_id as string
    const items = (params.play as ReadonlyArray<unknown>).length
    const loop = typeof params.loop === "number" ? params.loop : 1
    let action: Action | undefined
    const play = playback(call, controlId, items, loop, () => {
      if (action !== undefined) removeAction(call, action)
    })
    const sync = () => {
      if (action !== undefined) action.state = play.state()
    }
    const ids = actionIds(call, controlId)
    action = register(call, {
      controlId,
      method: "calling.play",
      state: "playing",
      subs: new Map([
        ["calling.play.pause", () =>
          ok("Paused", ids, () => {
            play.pause()
            sync()
          })],
        ["calling.play.resume", () =>
          ok("Resumed", ids, () => {
            play.resume()
            sync()
          })],
        ["calling.play.stop", () => ok("Stopped", ids, play.finish)],
        ["calling.play.volume", (p: JsonObject) => volume(p) ?? ok("Volume changed", ids)]
      ]),
      callEnded: play.cancel
    })
    return ok("Playing", ids, play.start)
  }

  /** calling.collect and calling.play_and_collect: one collect, optionally behind a prompt. */
  const startCollect = (call: Call, controlId: string, spec: JsonObject, prompt: { readonly items: number } | undefined) => {
    let phase: "waiting" | "claimed" | "done" = "waiting"
    let timer: Timer | undefined
    let action: Action | undefined
    const initialTimeout = Duration.seconds(
      typeof spec.initial_timeout === "number" ? spec.initial_timeout : DEFAULT_INITIAL_TIMEOUT_SECONDS
    )
    const armNoInput = () => {
      timer?.cancel()
      timer = schedule(initialTimeout, () => complete("noInput"))
    }
    const play = prompt === undefined ? undefined : playback(call, controlId, prompt.items, 1, () => {
      if (phase === "waiting") armNoInput()
    })
    const playing = () => play !== undefined && play.state() !== "finished"
    const finishWith = (events: ReadonlyArray<JsonObject>) => {
      phase = "done"
      timer?.cancel()
      if (action !== undefined) removeAction(call, action)
      play?.finish()
      for (const params of events) event(call, "calling.call.collect", { control_id: controlId, ...params })
    }
    const complete = (input: CollectInput) => {
      if (phase !== "done") finishWith(collectEvents(spec, input))
    }
    const begin = () => {
      play?.start()
      const input = call.pendingInputs.shift() ?? call.scriptInputs.shift()
      if (input !== undefined) {
        phase = "claimed"
        timer = schedule(INPUT_DELAY, () => complete(input))
      } else if (!playing()) armNoInput()
    }
    const ids = actionIds(call, controlId)
    const stop = () => ok("Stopped", ids, () => {
      if (phase !== "done") finishWith([{ state: "finished", result: { type: "no_input" } }])
    })
    const startTimers = () =>
      ok("Input timers started", ids, () => {
        if (phase === "waiting" && !playing()) armNoInput()
      })
    const method = prompt === undefined ? "calling.collect" : "calling.play_and_collect"
    const subs: Array<readonly [string, (params: JsonObject) => Step]> = prompt === undefined
      ? [["calling.collect.stop", stop], ["calling.collect.start_input_timers", startTimers]]
      : [
        ["calling.play_and_collect.stop", stop],
        ["calling.play_and_collect.volume", (p) => volume(p) ?? ok("Volume changed", ids)],
        ["calling.collect.start_input_timers", startTimers]
      ]
    action = register(call, {
      controlId,
      method,
      state: "collecting",
      subs: new Map(subs),
      callEnded: () => {
        phase = "done"
        timer?.cancel()
        play?.cancel()
      },
      offer: (input) => {
        if (phase !== "waiting") return false
        complete(input)
        return true
      }
    })
    return ok(prompt === undefined ? "Collecting" : "Playing and collecting", ids, begin)
  }

  const startRecord = (call: Call, params: JsonObject): Step => {
    const controlId = params.control_id as string
    const record = params.record as JsonObject
    const audio = W.isObject(record.audio) ? record.audio : {}
    const scripted = call.far.recording
    const url = (typeof scripted === "object" ? scripted.url : undefined) ??
      `https://sandbox.invalid/recordings/${controlId}.${audio.format === "wav" ? "wav" : "mp3"}`
    let recordedMs = 0
    let startedAt = 0
    let done = false
    let action: Action | undefined
    const emit = (state: string, extra: JsonObject = {}) => {
      if (action !== undefined) action.state = state
      event(call, "calling.call.record", { control_id: controlId, state, ...extra })
    }
    const finish = () => {
      if (done || action === undefined) return
      done = true
      if (action.state === "recording") recordedMs += env.now() - startedAt
      removeAction(call, action)
      if (scripted === "noInput") return emit("no_input")
      const duration = (typeof scripted === "object" ? scripted.duration : undefined) ?? recordedMs / 1000
      const size = (typeof scripted === "object" ? scripted.size : undefined) ?? Math.round(duration * BYTES_PER_SECOND)
      emit("finished", { url, duration, size, record: { url, duration, size } })
    }
    const ids = actionIds(call, controlId)
    action = register(call, {
      controlId,
      method: "calling.record",
      state: "recording",
      subs: new Map([
        ["calling.record.pause", (p: JsonObject) => {
          const problem = W.fields(p, { behavior: W.opt(W.string) })
          if (problem !== undefined) return invalid(problem)
          return ok("Paused", ids, () => {
            if (action?.state !== "recording") return
            recordedMs += env.now() - startedAt
            emit("paused")
          })
        }],
        ["calling.record.resume", () =>
          ok("Resumed", ids, () => {
            if (action?.state !== "paused") return
            startedAt = env.now()
            emit("recording")
          })],
        ["calling.record.stop", () => ok("Stopped", ids, finish)]
      ]),
      callEnded: finish
    })
    return ok("Recording", { ...ids, url }, () => {
      startedAt = env.now()
      emit("recording", { record })
    })
  }

  const startDetect = (call: Call, params: JsonObject): Step => {
    const controlId = params.control_id as string
    const detect = params.detect as JsonObject
    const type = detect.type as "machine" | "fax" | "digit"
    const timeout = Duration.seconds(typeof params.timeout === "number" ? params.timeout : DEFAULT_DETECT_TIMEOUT_SECONDS)
    let timer: Timer | undefined
    let action: Action | undefined
    const emit = (extra: JsonObject) => event(call, "calling.call.detect", { control_id: controlId, ...extra })
    const found = (value: string) => emit({ detect: { type, params: { event: value } } })
    const finish = () => {
      if (action === undefined || call.actions.get(controlId) !== action) return
      timer?.cancel()
      removeAction(call, action)
      emit({ state: "finished" })
    }
    const run = () => {
      switch (type) {
        case "machine":
          found(call.far.machine)
          if (call.far.machine === "MACHINE") found("READY")
          return finish()
        case "fax":
          found(call.far.faxTone)
          return finish()
        case "digit":
          if (call.far.detectDigits === undefined) {
            timer = schedule(timeout, finish)
            return
          }
          found(call.far.detectDigits)
          return finish()
      }
    }
    const ids = actionIds(call, controlId)
    action = register(call, {
      controlId,
      method: "calling.detect",
      state: "detecting",
      subs: new Map([["calling.detect.stop", () => ok("Stopped", ids, finish)]]),
      callEnded: () => timer?.cancel(),
      digits: type === "digit" ? (digits) => found(digits) : undefined
    })
    return ok("Detecting", ids, () => {
      timer = schedule(DETECT_DELAY, run)
    })
  }

  /** An action that runs until `.stop` or the end of the call, and then reports `finished`. */
  const startOpenEnded = (
    call: Call,
    options: {
      readonly controlId: string
      readonly method: string
      readonly eventType: string
      readonly state: string
      readonly started: JsonObject | undefined
      readonly finished: () => JsonObject
      readonly message: string
      readonly reply?: JsonObject
    }
  ): Step => {
    const ids = actionIds(call, options.controlId)
    let done = false
    const finish = () => {
      if (done) return
      done = true
      removeAction(call, action)
      event(call, options.eventType, { control_id: options.controlId, state: "finished", ...options.finished() })
    }
    const action: Action = register(call, {
      controlId: options.controlId,
      method: options.method,
      state: options.state,
      subs: new Map([[`${options.method}.stop`, () => ok("Stopped", ids, finish)]]),
      callEnded: finish
    })
    return ok(options.message, { ...ids, ...options.reply }, () => {
      if (options.started !== undefined) {
        event(call, options.eventType, { control_id: options.controlId, state: options.state, ...options.started })
      }
    })
  }

  const startFax = (call: Call, params: JsonObject, direction: "send" | "receive"): Step => {
    const controlId = params.control_id as string
    const method = direction === "send" ? "calling.send_fax" : "calling.receive_fax"
    const document = direction === "send"
      ? (params.document as string)
      : `https://sandbox.invalid/faxes/${controlId}.pdf`
    const identity = direction === "send" ? str(params.identity) : call.direction === "inbound" ? call.from : call.to
    let timer: Timer | undefined
    let action: Action | undefined
    const emit = (extra: JsonObject) => event(call, "calling.call.fax", { control_id: controlId, ...extra })
    const done = () => endTimed(call, action, timer)
    const run = () => {
      if (!done()) return
      const outcome = call.far.fax
      if ("error" in outcome) {
        return emit({ state: "error", fax: { type: "error", params: { description: outcome.error } } })
      }
      for (let number = 1; number <= outcome.pages; number++) {
        emit({ fax: { type: "page", params: { direction, number } } })
      }
      emit({
        state: "finished",
        fax: {
          type: "finished",
          params: {
            direction,
            success: true,
            pages: outcome.pages,
            document,
            ...(identity === undefined ? {} : { identity })
          }
        }
      })
    }
    const ids = actionIds(call, controlId)
    action = register(call, {
      controlId,
      method,
      state: direction === "send" ? "sending" : "receiving",
      subs: new Map([[`${method}.stop`, () =>
        ok("Stopped", ids, () => {
          if (done()) emit({ state: "finished", fax: { type: "finished", params: { direction, success: false, pages: 0 } } })
        })]]),
      callEnded: () => timer?.cancel()
    })
    return ok(direction === "send" ? "Sending fax" : "Receiving fax", ids, () => {
      timer = schedule(FAX_DELAY, run)
    })
  }

  const startPay = (call: Call, params: JsonObject): Step => {
    const controlId = params.control_id as string
    let timer: Timer | undefined
    let action: Action | undefined
    const emit = (extra: JsonObject) => event(call, "calling.call.pay", { control_id: controlId, ...extra })
    const done = () => endTimed(call, action, timer)
    const run = () => {
      if (!done()) return
      if (call.far.payment === "error") {
        return emit({ state: "error", result: {}, description: "The payment was declined (sandbox script)" })
      }
      emit({
        state: "finished",
        result: {
          payment_token: `sandbox_${uuid()}`,
          payment_card_number: "xxxx1111",
          payment_card_type: "visa",
          payment_card_expiration_date: "1230",
          ...(typeof params.charge_amount === "string" ? { charge_amount: params.charge_amount } : {}),
          ...(typeof params.currency === "string" ? { currency: params.currency } : {})
        }
      })
    }
    const ids = actionIds(call, controlId)
    action = register(call, {
      controlId,
      method: "calling.pay",
      state: "processing",
      subs: new Map([["calling.pay.stop", () =>
        ok("Stopped", ids, () => {
          if (done()) emit({ state: "finished", result: {} })
        })]]),
      callEnded: () => timer?.cancel()
    })
    return ok("Prompting user", ids, () => {
      emit({ state: "processing" })
      timer = schedule(PAY_DELAY, run)
    })
  }

  // ---- call-scoped methods ----------------------------------------------------------------------

  interface MethodSpec {
    readonly params: Readonly<Record<string, W.Field>>
    readonly extra?: W.Check | undefined
    /** A sub-command: handed to the action named by control_id. */
    readonly sub?: boolean
    readonly run: (call: Call, params: JsonObject) => Step
  }

  const controlId = { control_id: W.req(W.nonEmpty) }

  const simple = (message: string, params: Readonly<Record<string, W.Field>> = {}, after?: (call: Call, params: JsonObject) => void): MethodSpec => ({
    params,
    run: (call, p) => ok(message, { call_id: call.callId }, after === undefined ? undefined : () => after(call, p))
  })

  /** Sub-commands of actions: the control_id is checked here, the rest by the action. */
  const sub = (): MethodSpec => ({ params: controlId, sub: true, run: () => coded("404", "Action not found") })

  const startSpec = (params: Readonly<Record<string, W.Field>>, start: (call: Call, params: JsonObject) => Step, extra?: W.Check): MethodSpec => ({
    params: { ...controlId, ...params },
    extra,
    run: (call, p) =>
      call.actions.has(p.control_id as string)
        ? coded("409", `control_id ${String(p.control_id)} is already in use on this call`)
        : start(call, p)
  })

  const payStrings = [
    "input",
    "status_url",
    "payment_method",
    "timeout",
    "max_attempts",
    "security_code",
    "postal_code",
    "min_postal_code_length",
    "token_type",
    "charge_amount",
    "currency",
    "language",
    "voice",
    "description",
    "valid_card_types"
  ]

  const methods = new Map<string, MethodSpec>([
    ["calling.answer", {
      params: { codecs: W.opt(W.arrayOf(W.string)), max_duration: W.opt(W.nonNegative) },
      run: (call) => {
        if (call.direction === "inbound" && (call.state === "created" || call.state === "ringing")) {
          return ok("Answered", { call_id: call.callId }, () => answered(call))
        }
        return ok("Answered", { call_id: call.callId })
      }
    }],
    ["calling.end", {
      params: { reason: W.opt(W.string) },
      run: (call, p) => ok("Disconnecting call", { call_id: call.callId }, () => endCall(call, str(p.reason) ?? "hangup"))
    }],
    ["calling.pass", simple("Passing call", {}, (call) => {
      const next = call.context === undefined
        ? undefined
        : receivers(call.context).find((s) => !call.offeredTo.has(s))
      if (next === undefined) endCall(call, "noAnswer")
      else offer(call, next)
    })],
    ["calling.connect", {
      params: {
        devices: W.req(W.plan(W.connectDevice)),
        ringback: W.opt(W.playlist),
        tag: W.opt(W.string),
        max_duration: W.opt(W.nonNegative),
        max_price_per_minute: W.opt(W.number)
      },
      run: (call, p) => {
        if (call.connecting !== undefined) return coded("409", "Call already connecting")
        return ok("connecting", { call_id: call.callId }, () => {
          event(call, "calling.call.connect", { connect_state: "connecting" })
          startRun("connect", str(p.tag) ?? "", call.session, devicePlan(p.devices), call)
        })
      }
    }],
    ["calling.disconnect", simple("Disconnecting", {}, (call) => {
      const bridge = call.bridge
      if (bridge === undefined) return
      call.bridge = undefined
      bridge.peer.bridge = undefined
      event(call, "calling.call.connect", {
        connect_state: "disconnected",
        peer: { call_id: bridge.peer.callId, node_id: NODE_ID, tag: bridge.peer.tag, device: bridge.peer.device }
      })
      notify(bridge.peer)
    })],
    ["calling.transfer", simple("Transferring", { dest: W.req(W.nonEmpty) }, (call) => {
      call.session = undefined
      notify(call)
    })],
    ["calling.refer", simple("Starting SIP REFER", { device: W.req(W.referDevice), status_url: W.opt(W.string) }, (call, p) => {
      event(call, "calling.call.refer", {
        state: "success",
        sip_refer_to: str(paramsOf(p.device as JsonObject).to) ?? "",
        sip_refer_response_code: "202",
        sip_notify_response_code: "200"
      })
    })],

    ["calling.play", startSpec({
      play: W.req(W.playlist),
      volume: W.opt(W.number),
      direction: W.opt(W.string),
      loop: W.opt(W.nonNegativeInt)
    }, startPlay)],
    ["calling.play.pause", sub()],
    ["calling.play.resume", sub()],
    ["calling.play.stop", sub()],
    ["calling.play.volume", sub()],

    ["calling.record", startSpec({ record: W.req(W.recordSpec) }, startRecord)],
    ["calling.record.pause", sub()],
    ["calling.record.resume", sub()],
    ["calling.record.stop", sub()],

    ["calling.collect", startSpec({}, (call, p) => startCollect(call, p.control_id as string, p, undefined), W.collectSpec)],
    ["calling.collect.stop", sub()],
    ["calling.collect.start_input_timers", sub()],

    ["calling.play_and_collect", startSpec({
      play: W.req(W.playlist),
      collect: W.req(W.collectSpec),
      volume: W.opt(W.number)
    }, (call, p) =>
      startCollect(call, p.control_id as string, p.collect as JsonObject, {
        items: (p.play as ReadonlyArray<unknown>).length
      }))],
    ["calling.play_and_collect.stop", sub()],
    ["calling.play_and_collect.volume", sub()],

    ["calling.detect", startSpec({ detect: W.req(W.detectSpec), timeout: W.opt(W.nonNegative) }, startDetect)],
    ["calling.detect.stop", sub()],

    ["calling.send_digits", {
      params: { ...controlId, digits: W.req(W.dtmf) },
      run: (call, p) =>
        ok("Sending Digits", actionIds(call, p.control_id as string), () =>
          event(call, "calling.call.send_digits", { control_id: p.control_id, state: "finished" }))
    }],
    ["calling.bind_digit", {
      params: {
        digits: W.req(W.dtmf),
        bind_method: W.req(W.pattern(/^calling\.\S+$/, "a calling.* method")),
        params: W.opt(W.object),
        realm: W.opt(W.string),
        max_triggers: W.opt(W.nonNegativeInt)
      },
      run: (call, p) =>
        ok("Digit binding created", { call_id: call.callId }, () => {
          call.bindings.push({
            digits: p.digits as string,
            method: p.bind_method as string,
            params: W.isObject(p.params) ? p.params : {},
            realm: str(p.realm),
            maxTriggers: typeof p.max_triggers === "number" ? p.max_triggers : 0,
            triggers: 0
          })
        })
    }],
    ["calling.clear_digit_bindings", simple("Digit bindings cleared", { realm: W.opt(W.string) }, (call, p) => {
      const realm = str(p.realm)
      call.bindings = realm === undefined ? [] : call.bindings.filter((b) => b.realm !== realm)
    })],

    ["calling.tap", startSpec({ tap: W.req(W.tapSpec), device: W.req(W.tapDevice) }, (call, p) => {
      tapPort = (tapPort + 2) % 20_000
      return startOpenEnded(call, {
        controlId: p.control_id as string,
        method: "calling.tap",
        eventType: "calling.call.tap",
        state: "tapping",
        started: { tap: p.tap, device: p.device },
        finished: () => ({ tap: p.tap, device: p.device }),
        message: "Tapping",
        reply: { source_device: { type: "rtp", params: { addr: "127.0.0.1", port: 20_000 + tapPort } } }
      })
    })],
    ["calling.tap.stop", sub()],

    ["calling.stream", startSpec({ url: W.req(W.wsUrl), name: W.opt(W.string), codec: W.opt(W.string), track: W.opt(W.string) }, (call, p) => {
      const about = { url: p.url, ...(typeof p.name === "string" ? { name: p.name } : {}) }
      return startOpenEnded(call, {
        controlId: p.control_id as string,
        method: "calling.stream",
        eventType: "calling.call.stream",
        state: "streaming",
        started: about,
        finished: () => about,
        message: "Streaming"
      })
    })],
    ["calling.stream.stop", sub()],

    ["calling.send_fax", startSpec({
      document: W.req(W.nonEmpty),
      identity: W.opt(W.string),
      header_info: W.opt(W.string),
      status_url: W.opt(W.string)
    }, (call, p) => startFax(call, p, "send"))],
    ["calling.send_fax.stop", sub()],
    ["calling.receive_fax", startSpec({ status_url: W.opt(W.string) }, (call, p) => startFax(call, p, "receive"))],
    ["calling.receive_fax.stop", sub()],

    ["calling.pay", startSpec({
      payment_connector_url: W.req(W.nonEmpty),
      ...Object.fromEntries(payStrings.map((key) => [key, W.opt(W.string)])),
      parameters: W.opt(W.arrayOf(W.shape({ name: W.req(W.string), value: W.req(W.string) }))),
      prompts: W.opt(W.arrayOf(W.object))
    }, startPay)],
    ["calling.pay.stop", sub()],

    ["calling.transcribe", startSpec({ status_url: W.opt(W.string) }, (call, p) => {
      if (Array.from(call.actions.values()).some((a) => a.method === "calling.transcribe")) {
        return coded("409", "A transcription is already running on this call")
      }
      const controlId = p.control_id as string
      const scripted = call.far.transcription
      let startedAt = 0
      const step = startOpenEnded(call, {
        controlId,
        method: "calling.transcribe",
        eventType: "calling.call.transcribe",
        state: "transcribing",
        started: undefined,
        finished: () => {
          const duration = scripted?.duration ?? (env.now() - startedAt) / 1000
          return {
            url: scripted?.url ?? `https://sandbox.invalid/transcriptions/${controlId}.wav`,
            recording_id: uuid(),
            duration,
            size: Math.round(duration * BYTES_PER_SECOND),
            ...(scripted?.text === undefined ? {} : { text: scripted.text })
          }
        },
        message: "Transcribing"
      })
      startedAt = env.now()
      return step
    })],
    ["calling.transcribe.stop", sub()],
    ["calling.live_transcribe", {
      params: { action: W.req(W.singleAction("start", "stop", "summarize")) },
      run: (call, p) => ok(liveMessage("transcription", p.action as JsonObject), { call_id: call.callId })
    }],
    ["calling.live_translate", {
      params: { action: W.req(W.singleAction("start", "stop", "summarize", "inject")), status_url: W.opt(W.string) },
      run: (call, p) => ok(liveMessage("translation", p.action as JsonObject), { call_id: call.callId })
    }],

    ["calling.join_conference", {
      params: {
        name: W.req(W.nonEmpty),
        muted: W.opt(W.boolean),
        beep: W.opt(W.string),
        start_on_enter: W.opt(W.boolean),
        end_on_exit: W.opt(W.boolean),
        max_participants: W.opt(W.integer)
      },
      run: (call, p) => {
        const name = p.name as string
        const existing = conferences.get(name)
        const conference = existing ?? { id: uuid(), name, members: [] }
        const reply = { call_id: call.callId, conference_id: conference.id }
        if (call.conference === conference) return ok("Joining conference", reply)
        return ok("Joining conference", reply, () => {
          leaveConference(call)
          if (!conferences.has(name)) {
            conferences.set(name, conference)
            conferenceEvent(conference, [call.session], { status: "conference-start" })
          }
          conference.members.push(call)
          call.conference = conference
          conferenceEvent(conference, conference.members.map((m) => m.session), {
            call_id: call.callId,
            node_id: NODE_ID,
            status: "participant-join"
          })
          notify(call)
        })
      }
    }],
    ["calling.leave_conference", {
      params: { conference_id: W.req(W.nonEmpty) },
      run: (call, p) =>
        call.conference?.id === p.conference_id
          ? ok("Leaving conference", { call_id: call.callId }, () => leaveConference(call))
          // Not 404: clients read 404 on a call command as "the call is gone" (P§7.4).
          : coded("400", "The call is not in this conference")
    }],
    ["calling.join_room", simple("Joining room", { name: W.req(W.nonEmpty), status_url: W.opt(W.string) })],
    ["calling.leave_room", simple("Leaving room")],
    ["calling.queue.enter", {
      params: { ...controlId, queue_name: W.req(W.nonEmpty), status_url: W.opt(W.string) },
      run: (call, p) =>
        ok("Entering Queue", actionIds(call, p.control_id as string), () => {
          const name = p.queue_name as string
          const queue = queues.get(name) ?? { id: uuid(), name, members: [] }
          queues.set(name, queue)
          if (!queue.members.some((m) => m.call === call)) {
            queue.members.push({ call, controlId: p.control_id as string })
            call.queues.add(queue)
          }
          event(call, "calling.call.queue", {
            control_id: p.control_id,
            status: "enqueue",
            id: queue.id,
            name,
            position: queue.members.findIndex((m) => m.call === call) + 1,
            size: queue.members.length
          })
        })
    }],
    ["calling.queue.leave", {
      params: { ...controlId, queue_name: W.req(W.nonEmpty), queue_id: W.opt(W.string), status_url: W.opt(W.string) },
      run: (call, p) =>
        ok("Leaving Queue", actionIds(call, p.control_id as string), () => {
          const name = p.queue_name as string
          const queue = queues.get(name)
          const position = queue === undefined ? 0 : queue.members.findIndex((m) => m.call === call) + 1
          if (queue !== undefined) leaveQueue(queue, call)
          event(call, "calling.call.queue", {
            control_id: p.control_id,
            status: "leave",
            id: queue?.id ?? str(p.queue_id) ?? "",
            name,
            position,
            size: queue?.members.length ?? 0
          })
        })
    }],

    ["calling.hold", simple("Call on hold", {}, (call) => event(call, "calling.call.hold", { state: "hold" }))],
    ["calling.unhold", simple("Call off hold", {}, (call) => event(call, "calling.call.hold", { state: "unhold" }))],
    ["calling.denoise", simple("Denoiser on", {}, (call) => event(call, "calling.call.denoise", { denoised: true }))],
    ["calling.denoise.stop", simple("Denoiser off", {}, (call) => event(call, "calling.call.denoise", { denoised: false }))],
    ["calling.echo", simple("Echo started", { timeout: W.opt(W.nonNegative), status_url: W.opt(W.string) }, (call) =>
      event(call, "calling.call.echo", { state: "echoing" }))],
    ["calling.user_event", simple("Event sent")],

    ["calling.ai", startSpec({
      agent: W.opt(W.string),
      prompt: W.opt(W.object),
      post_prompt: W.opt(W.object),
      post_prompt_url: W.opt(W.string),
      global_data: W.opt(W.object),
      SWAIG: W.opt(W.object),
      params: W.opt(W.object),
      pronounce: W.opt(W.either("an object or an array", W.object, W.arrayOf(W.anything))),
      hints: W.opt(W.either("an object or an array", W.object, W.arrayOf(W.anything))),
      languages: W.opt(W.either("an object or an array", W.object, W.arrayOf(W.anything)))
    }, (call, p) =>
      startOpenEnded(call, {
        controlId: p.control_id as string,
        method: "calling.ai",
        eventType: "calling.call.ai",
        state: "started",
        started: {},
        finished: () => ({}),
        message: "AI started"
      }))],
    ["calling.ai.stop", sub()],
    ["calling.amazon_bedrock", simple("AI started", {
      prompt: W.opt(W.either("a string or an object", W.string, W.object)),
      SWAIG: W.opt(W.object),
      params: W.opt(W.object),
      global_data: W.opt(W.object),
      post_prompt: W.opt(W.object),
      post_prompt_url: W.opt(W.string)
    })],
    ["calling.ai_message", simple("Message sent", {
      message_text: W.opt(W.string),
      role: W.opt(W.oneOf("system", "user", "assistant")),
      reset: W.opt(W.object),
      global_data: W.opt(W.object)
    })],
    ["calling.ai_hold", simple("AI on hold", { timeout: W.opt(W.string), prompt: W.opt(W.string) })],
    ["calling.ai_unhold", simple("AI resumed", { prompt: W.opt(W.string) })]
  ])

  function liveMessage(what: "transcription" | "translation", action: JsonObject): string {
    const key = Object.keys(action)[0]
    const noun = what === "transcription" ? "Live transcription" : "Live translation"
    switch (key) {
      case "start":
        return `${noun} started`
      case "stop":
        return `${noun} stopped`
      case "summarize":
        return `${noun} summary requested`
      default:
        return `${noun} updated`
    }
  }

  // ---- requests -----------------------------------------------------------------------------------

  const dial = (session: S | undefined, params: JsonObject): Step => {
    const problem = W.fields(params, {
      tag: W.req(W.nonEmpty),
      devices: W.req(W.plan(W.dialDevice)),
      region: W.opt(W.string),
      max_price_per_minute: W.opt(W.number),
      max_duration: W.opt(W.nonNegative)
    })
    if (problem !== undefined) return invalid(problem)
    const groups = devicePlan(params.devices)
    const first = groups[0]?.[0]
    const drop = first !== undefined && scriptFor(destinationOf(first)).dialReply === "drop"
    const run = () => startRun("dial", params.tag as string, session, groups)
    return drop ? { response: undefined, after: run } : ok("Dialing", {}, run)
  }

  const begin = (session: S | undefined, params: JsonObject): Step => {
    const problem = W.fields(params, { device: W.req(W.dialDevice), tag: W.opt(W.string), region: W.opt(W.string) })
    if (problem !== undefined) return invalid(problem)
    const device = params.device as JsonObject
    const tag = str(params.tag) ?? ""
    const call = newCall({
      direction: "outbound",
      tag,
      device,
      from: originOf(device),
      to: destinationOf(device),
      context: undefined,
      far: scriptFor(destinationOf(device)),
      session
    })
    return ok("Call started", { call_id: call.callId, node_id: NODE_ID }, () => startRun("begin", tag, session, [[device]], undefined, call))
  }

  const callScoped = (spec: MethodSpec, method: string, params: JsonObject): Step => {
    const callId = params.call_id
    if (typeof params.node_id !== "string" || typeof callId !== "string") {
      return invalid("node_id and call_id must be strings")
    }
    const problem = W.fields(params, spec.params) ?? spec.extra?.(params, "")
    if (problem !== undefined) return invalid(problem)
    const call = calls.get(callId)
    if (call === undefined) return coded("404", "Call not found")
    if (call.state === "ending" || call.state === "ended") return coded("410", "Call is gone")
    if (spec.sub === true) {
      const subCommand = call.actions.get(params.control_id as string)?.subs.get(method)
      if (subCommand !== undefined) return subCommand(params)
    }
    return spec.run(call, params)
  }

  const dispatch = (session: S | undefined, method: string, params: JsonObject): Step | undefined => {
    if (method === "calling.dial") return dial(session, params)
    if (method === "calling.begin") return begin(session, params)
    const spec = methods.get(method)
    return spec === undefined ? undefined : callScoped(spec, method, params)
  }

  const run = (step: Step, respond: (response: Response) => void) => {
    if (step.response !== undefined) respond(step.response)
    step.after?.()
  }

  // ---- the far end's input ----------------------------------------------------------------------

  const feed = (call: Call, input: CollectInput) => {
    if (typeof input === "object" && "digits" in input) {
      const binding = call.bindings.find((b) => b.digits === input.digits)
      if (binding !== undefined) {
        binding.triggers += 1
        if (binding.maxTriggers > 0 && binding.triggers >= binding.maxTriggers) {
          call.bindings = call.bindings.filter((b) => b !== binding)
        }
        const step = dispatch(call.session, binding.method, {
          control_id: uuid(),
          ...binding.params,
          node_id: NODE_ID,
          call_id: call.callId
        })
        if (step !== undefined) run(step, () => {})
        return
      }
    }
    let taken = false
    for (const action of Array.from(call.actions.values())) {
      if (action.offer?.(input) === true) {
        taken = true
        break
      }
    }
    if (typeof input === "object" && "digits" in input) {
      for (const action of Array.from(call.actions.values())) {
        if (action.digits !== undefined) {
          action.digits(input.digits)
          taken = true
        }
      }
    }
    if (taken) return
    // Bounded: beyond the cap the oldest unused input is forgotten.
    call.pendingInputs.push(input)
    if (call.pendingInputs.length > MAX_PENDING_INPUTS) call.pendingInputs.shift()
  }

  // ---- the public API -----------------------------------------------------------------------------

  /** Pushes a script until the Scope closes; the newest one in place wins. */
  const scoped = <A>(stack: Array<A>, value: A, onEmpty: () => void = () => {}) =>
    Effect.acquireRelease(
      Effect.sync(() => void stack.push(value)),
      () =>
        Effect.sync(() => {
          const i = stack.lastIndexOf(value)
          if (i >= 0) stack.splice(i, 1)
          if (stack.length === 0) onEmpty()
        })
    )

  const api: Calls = {
    script: (destination, script) =>
      Effect.flatMap(resolveOrDie(script), (far) => {
        const stack = scripts.get(destination) ?? []
        scripts.set(destination, stack)
        return scoped(stack, far, () => {
          if (scripts.get(destination) === stack) scripts.delete(destination)
        })
      }),
    scriptDefault: (script) => Effect.flatMap(resolveOrDie(script), (far) => scoped(defaultScripts, far)),
    inbound: (options) =>
      Effect.flatMap(options.script === undefined ? Effect.succeed(scriptFor(options.from)) : resolveOrDie(options.script), (far) =>
        Effect.suspend(() => {
          const context = options.context ?? "default"
          const session = receivers(context)[0]
          if (session === undefined) {
            return Effect.fail(new SandboxError({ reason: `no connected session receives context "${context}"` }))
          }
          const sip = options.from.startsWith("sip:") || options.to.startsWith("sip:")
          const call = newCall({
            direction: "inbound",
            tag: "",
            device: sip
              ? { type: "sip", params: { from: options.from, to: options.to } }
              : { type: "phone", params: { from_number: options.from, to_number: options.to } },
            from: options.from,
            to: options.to,
            context,
            far,
            session
          })
          offer(call, session)
          return Effect.succeed(snapshot(call))
        })),
    get: (callId) => Effect.sync(() => Option.map(Option.fromNullable(calls.get(callId)), snapshot)),
    list: Effect.sync(() => Array.from(calls.values(), snapshot)),
    hangup: (callId, reason) =>
      Effect.sync(() => {
        const call = calls.get(callId)
        if (call !== undefined) endCall(call, reason ?? "hangup")
      }),
    input: (callId, input) =>
      Effect.sync(() => {
        const call = calls.get(callId)
        if (call !== undefined && call.state !== "ending" && call.state !== "ended") feed(call, input)
      }),
    waitForState: (callId, state) => {
      const target = STATE_ORDER.indexOf(state)
      return waitFor((call) => call.callId === callId && STATE_ORDER.indexOf(call.state) >= target)
    },
    waitForCall: (predicate) => waitFor((call) => predicate(snapshot(call))),
    conferences: Effect.sync(() =>
      new Map(Array.from(conferences.values(), (c) => [c.name, c.members.map((m) => m.callId)] as const))
    )
  }

  return {
    request: (session, method, params, respond) => {
      const step = dispatch(session, method, params)
      if (step === undefined) return false
      run(step, respond)
      return true
    },
    api
  }
}
