/**
 * The call engine's data: a call as the engine keeps it, the actions running on it, dial runs,
 * conferences and queues; and the shapes every feature module uses to answer a request (a
 * `Step`) and to declare the methods it simulates (a `MethodSpec`).
 */
import type { RelayFrame } from "@signalwire-effect/relay"
import type { CollectInput } from "../../CallScript.js"
import type { SimCall } from "../../SimCalls.js"
import type { Response, SimSession } from "../sim.js"
import * as W from "../wire.js"
import type { Far } from "./script.js"

export type JsonObject = RelayFrame.JsonObject
export type CallState = SimCall["state"]

/** The one node id of the sandbox (every call lives on it). */
export const NODE_ID = "5a4db0c5-0000-4000-8000-000000000001"

export const STATE_ORDER: ReadonlyArray<CallState> = ["created", "ringing", "answered", "ending", "ended"]

/** Bytes per second of a simulated recording (8 kHz, 16 bit, mono), for `size`. */
export const BYTES_PER_SECOND = 16_000

export interface Timer {
  readonly cancel: () => void
}

/** An action running on a call (a play, a record…), by its control_id. */
export interface Action {
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

/** One calling.dial, calling.connect or calling.begin: its device groups, tried in turn. */
export interface DialRun<S extends SimSession> {
  readonly kind: "dial" | "connect" | "begin"
  readonly tag: string
  readonly session: S | undefined
  readonly groups: ReadonlyArray<ReadonlyArray<JsonObject>>
  /** The call that connects (calling.connect). */
  readonly origin: Call<S> | undefined
  /** The call calling.begin already created (its reply carries the call_id). */
  prepared: Call<S> | undefined
  group: number
  legs: Array<Call<S>>
  settled: boolean
}

export interface Conference<S extends SimSession> {
  readonly id: string
  readonly name: string
  members: Array<Call<S>>
  /** When it started (the sandbox's clock, ms). */
  readonly startedAt: number
  /** `max_participants` of the call that started it. */
  readonly maxParticipants: number
  /** `record: record-from-start` on the call that started it: where the recording's status goes. */
  readonly recording: ConferenceRecording | undefined
  /** Each member's flags, by call id. */
  readonly flags: Map<string, MemberFlags>
  /** Whether it has started (a `start_on_enter` participant joined). */
  started: boolean
  /** The recording's time: ms recorded before the running stretch, when that began (none: paused), saved once stopped. */
  readonly recordingClock: { accumulated: number; since: number | undefined; saved: boolean }
}

/** What a conference member joined with, and what it is now (muted, on hold). */
export interface MemberFlags {
  muted: boolean
  hold: boolean
  readonly startOnEnter: boolean
  readonly endOnExit: boolean
  readonly coaching: boolean
  readonly beep: string
}

/** A conference recorded from its start, and where its recording's status is posted. */
export interface ConferenceRecording {
  readonly id: string
  readonly statusCallback: string | undefined
  readonly statusCallbackMethod: "GET" | "POST"
  /** `recording_status_callback_event`: `in-progress`, `completed`, `absent` (default `completed`). */
  readonly statusCallbackEvents: ReadonlyArray<string>
}

/**
 * What the engine tells watchers of conferences (the REST side) about each one, once per change:
 * `conference-start`, `participant-join` / `participant-leave` / `participant-(un)mute` /
 * `participant-(un)hold` (with `callId` and the member's flags), `conference-end`, `record-pause` /
 * `record-resume`, and `recording-completed` with the recording of a recorded conference (when it
 * ends, or when its recording is stopped).
 */
export interface ConferenceNotice {
  readonly status:
    | "conference-start"
    | "participant-join"
    | "participant-leave"
    | "participant-mute"
    | "participant-unmute"
    | "participant-hold"
    | "participant-unhold"
    | "conference-end"
    | "record-pause"
    | "record-resume"
    | "record-stop"
    | "recording-completed"
  readonly conferenceId: string
  readonly name: string
  readonly callId: string | undefined
  readonly participants: number
  readonly maxParticipants: number
  readonly startedAt: number
  /** On participant events: the member's flags. */
  readonly flags?: MemberFlags | undefined
  /** On `participant-leave`: the call was taken out (removed, or the conference ended) rather than leaving. */
  readonly removed?: boolean | undefined
  readonly recording:
    | (ConferenceRecording & { readonly url: string; readonly duration: number; readonly size: number; readonly endedAt: number })
    | ConferenceRecording
    | undefined
}

export interface QueueMember<S extends SimSession> {
  readonly call: Call<S>
  readonly controlId: string
  /** When it entered the queue (sandbox clock, ms). */
  readonly enqueuedAt: number
  /** The `status_url` it entered with (echoed in its queue events). */
  readonly statusUrl: string | undefined
}

export interface Queue<S extends SimSession> {
  readonly id: string
  readonly name: string
  members: Array<QueueMember<S>>
}

/** A calling.bind_digit: these digits from the far end run this method. */
export interface Binding {
  readonly digits: string
  readonly method: string
  readonly params: JsonObject
  readonly realm: string | undefined
  readonly maxTriggers: number
  triggers: number
}

/**
 * The document a call runs, when it was placed or re-pointed over REST: SWML inline or by URL
 * (calling `dial` / `update` / `transfer`), or a cXML URL (compat `Url`). Kept on the call; the
 * executor starts it when the call is answered (see `rest.ts`, `SwmlRunner`).
 */
export type SwmlSource =
  | { readonly _tag: "Inline"; readonly document: JsonObject }
  | {
    readonly _tag: "Url"
    readonly url: string
    readonly method: "GET" | "POST"
    /** The calling API's `fallback_url`: fetched when `url` cannot be fetched or read. */
    readonly fallback?: string | undefined
  }
  | {
    readonly _tag: "Cxml"
    readonly url: string
    readonly method: "GET" | "POST"
    /** Where the call's progress is posted (compat `StatusCallback`): which events, by which method. */
    readonly statusCallback?: StatusCallback | undefined
    /** Requested when a document cannot be fetched or read (compat `FallbackUrl` / `FallbackMethod`). */
    readonly fallback?: { readonly url: string; readonly method: "GET" | "POST" } | undefined
  }

/** A compat `StatusCallback`: `initiated`, `ringing`, `answered`, `completed` (the default: `completed` only). */
export interface StatusCallback {
  readonly url: string
  readonly method: "GET" | "POST"
  readonly events: ReadonlyArray<"initiated" | "ringing" | "answered" | "completed">
}

export interface Call<S extends SimSession> {
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
  /**
   * The call it is bridged to, and whether it started the bridge (`origin`). `dequeued`: the peer
   * was taken from a queue, and goes on when the origin leaves (rather than being hung up).
   */
  bridge: { readonly peer: Call<S>; readonly origin: boolean; readonly dequeued?: boolean | undefined } | undefined
  connecting: DialRun<S> | undefined
  leg: DialRun<S> | undefined
  conference: Conference<S> | undefined
  readonly queues: Set<Queue<S>>
  bindings: Array<Binding>
  /** The SWML the call runs, when it was placed or re-pointed over REST. */
  swml: SwmlSource | undefined
}

// ---- answers ------------------------------------------------------------------------------------

/** What a request gets: the response (none: the reply is dropped), then what happens after it. */
export interface Step {
  readonly response: Response | undefined
  readonly after?: (() => void) | undefined
}

export const ok = (message: string, extra: JsonObject = {}, after?: () => void): Step => ({
  response: { _tag: "Result", result: { code: "200", message, ...extra } },
  after
})

export const coded = (code: string, message: string): Step => ({ response: { _tag: "Result", result: { code, message } } })

export const invalid = (detail: string): Step => ({
  response: { _tag: "Error", error: { code: -32602, message: `Invalid parameters: ${detail}` } }
})

export const actionIds = <S extends SimSession>(call: Call<S>, controlId: string) => ({
  call_id: call.callId,
  control_id: controlId
})

// ---- devices ------------------------------------------------------------------------------------

export const paramsOf = (device: JsonObject): JsonObject => (W.isObject(device.params) ? device.params : {})
export const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)

/** The address a script is looked up by: phone `to_number`, sip/webrtc `to`, and the like. */
export const destinationOf = (device: JsonObject): string => {
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

export const originOf = (device: JsonObject): string => {
  const p = paramsOf(device)
  return str(p.from_number) ?? str(p.from) ?? ""
}

// ---- call-scoped methods ------------------------------------------------------------------------

/** A call-scoped method: its params (checked against the §9 table) and what it does. */
export interface MethodSpec<S extends SimSession> {
  readonly params: Readonly<Record<string, W.Field>>
  readonly extra?: W.Check | undefined
  /** A sub-command: handed to the action named by control_id. */
  readonly sub?: boolean
  readonly run: (call: Call<S>, params: JsonObject) => Step
}

export type Methods<S extends SimSession> = ReadonlyArray<readonly [string, MethodSpec<S>]>

export const controlIdParam = { control_id: W.req(W.nonEmpty) }

/** A method that answers `message` and then, optionally, does something to the call. */
export const simple = <S extends SimSession>(
  message: string,
  params: Readonly<Record<string, W.Field>> = {},
  after?: (call: Call<S>, params: JsonObject) => void
): MethodSpec<S> => ({
  params,
  run: (call, p) => ok(message, { call_id: call.callId }, after === undefined ? undefined : () => after(call, p))
})

/** Sub-commands of actions: the control_id is checked here, the rest by the action. */
export const sub = <S extends SimSession>(): MethodSpec<S> => ({
  params: controlIdParam,
  sub: true,
  run: () => coded("404", "Action not found")
})

/** A method that starts an action: refused with 409 when its control_id is in use on the call. */
export const startSpec = <S extends SimSession>(
  params: Readonly<Record<string, W.Field>>,
  start: (call: Call<S>, params: JsonObject) => Step,
  extra?: W.Check
): MethodSpec<S> => ({
  params: { ...controlIdParam, ...params },
  extra,
  run: (call, p) =>
    call.actions.has(p.control_id as string)
      ? coded("409", `control_id ${String(p.control_id)} is already in use on this call`)
      : start(call, p)
})
