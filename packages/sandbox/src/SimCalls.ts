/**
 * The call simulation's public types: a simulated call (`SimCall`) and its actions, the `Calls`
 * API that scripts far ends and offers inbound calls, and its errors. `RelaySandbox` re-exports
 * every type and value here.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type { RelayFrame } from "@signalwire-effect/relay"
import type * as CallScriptModule from "./CallScript.js"
import * as errors from "./internal/errors.js"
import type { SandboxError } from "./SandboxServer.js"
import type * as SwmlSandbox from "./SwmlSandbox.js"

/**
 * What the far end of a simulated call does (the same type as `CallScript.CallScript`).
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const busy: RelaySandbox.CallScript = { outcome: "busy", ringFor: "1 second" }
 * ```
 * @since 0.1.0
 */
export type CallScript = CallScriptModule.CallScript

/**
 * One answer of the far end to a collect (the same type as `CallScript.CollectInput`).
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const pressOne: RelaySandbox.CollectInput = { digits: "1" }
 * ```
 * @since 0.1.0
 */
export type CollectInput = CallScriptModule.CollectInput

/**
 * An action running on a simulated call (a play, a record, a collect…), by its `control_id`.
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const playing = (action: RelaySandbox.SimAction) => action.method === "calling.play" && action.state === "playing"
 * ```
 * @since 0.1.0
 */
export interface SimAction {
  readonly controlId: string
  /** The method that started it, e.g. `"calling.play"`. */
  readonly method: string
  readonly state: string
}

/**
 * A simulated call, as it is now.
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const describe = (call: RelaySandbox.SimCall) =>
 *   `${call.direction} ${call.from} → ${call.to}: ${call.state}${call.endReason === undefined ? "" : ` (${call.endReason})`}`
 * ```
 * @since 0.1.0
 */
export interface SimCall {
  readonly callId: string
  readonly nodeId: string
  /** The dial / connect tag (`""` for inbound calls). */
  readonly tag: string
  readonly direction: "inbound" | "outbound"
  readonly state: "created" | "ringing" | "answered" | "ending" | "ended"
  readonly endReason: string | undefined
  readonly from: string
  readonly to: string
  /** The device in nested `{type, params}` form. */
  readonly device: RelayFrame.JsonObject
  /** The `protocol` of the session that controls the call (`undefined` after `calling.transfer`). */
  readonly session: string | undefined
  /** The actions running now. */
  readonly actions: ReadonlyArray<SimAction>
  /** The call bridged to this one by `calling.connect`. */
  readonly peer: string | undefined
  /** The name of the conference the call is in. */
  readonly conference: string | undefined
}

/**
 * The call simulation: scripts for the far ends, inbound calls, and what the far end does during
 * a call.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const ivr = Effect.gen(function* () {
 *   const sandbox = yield* RelaySandbox.RelaySandbox
 *   yield* sandbox.calls.scriptDefault({ ringFor: "50 millis" })
 *   const call = yield* sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office" })
 *   yield* sandbox.calls.waitForState(call.callId, "answered")
 *   yield* sandbox.calls.input(call.callId, { digits: "1#" })
 *   yield* sandbox.calls.hangup(call.callId)
 * })
 * ```
 * @since 0.1.0
 */
export interface Calls {
  /**
   * Scripts the far end for a destination (phone `to_number`, sip/webrtc `to`) until the Scope
   * closes. The same script describes that party when it calls in (`inbound` with this `from`).
   */
  readonly script: (destination: string, script: CallScript) => Effect.Effect<void, never, Scope.Scope>
  /** The script for destinations that have none, until the Scope closes. */
  readonly scriptDefault: (script: CallScript) => Effect.Effect<void, never, Scope.Scope>
  /**
   * Offers an inbound call (`calling.call.receive`) to one session receiving `context` (default:
   * the context the `to` number is bound to over REST with `call_handler: "relay_context"`, else
   * `"default"`), or runs SWML on it (`swml`, or a number bound to a SWML URL). `script` describes the caller (inputs, hangupAfter, machine…). Fails with
   * SandboxError when no connected session receives the context.
   */
  readonly inbound: (options: {
    readonly from: string
    readonly to: string
    readonly context?: string | undefined
    readonly script?: CallScript | undefined
    /**
     * The call's `call_id` (default: the script's `callId`, else a random one). Fails with
     * CallIdInUseError when a call in progress has it; an ended call gives its id up.
     */
    readonly callId?: string | undefined
    /**
     * Run this SWML on the call instead of offering it to a RELAY context (default: the SWML
     * URL the `to` number is bound to over REST, `call_handler: "relay_script"`). `context`
     * then names who watches the call's events (see `SwmlSandbox.SwmlApi`).
     */
    readonly swml?: SwmlSandbox.Source | undefined
    /** The script of the `ai` verbs of that SWML. */
    readonly ai?: SwmlSandbox.AiScript | undefined
  }) => Effect.Effect<SimCall, SandboxError | CallIdInUseError>
  readonly get: (callId: string) => Effect.Effect<Option.Option<SimCall>>
  /** Every call the sandbox has seen, ended ones included. */
  readonly list: Effect.Effect<ReadonlyArray<SimCall>>
  /** The far end hangs up: `ending`, `ended` (end_reason = reason, default "hangup"). No-op on an ended call. */
  readonly hangup: (callId: string, reason?: string) => Effect.Effect<void>
  /**
   * The far end presses digits / speaks: a digit binding (`calling.bind_digit`) for exactly these
   * digits fires its method; otherwise the input completes the running collect now, else it is
   * used by the next one.
   */
  readonly input: (callId: string, input: CollectInput) => Effect.Effect<void>
  /**
   * Waits until the call is in (or past) `state`, in the order created < ringing < answered <
   * ending < ended (a call that does not exist yet is waited for). Bound it with a timeout.
   */
  readonly waitForState: (callId: string, state: SimCall["state"]) => Effect.Effect<SimCall>
  /** Waits for the first call (existing or future) matching the predicate. Bound it with a timeout. */
  readonly waitForCall: (predicate: (call: SimCall) => boolean) => Effect.Effect<SimCall>
  /** Conference name -> member call ids, now. */
  readonly conferences: Effect.Effect<ReadonlyMap<string, ReadonlyArray<string>>>
}

/**
 * `calls.inbound` was asked for a `call_id` that a call in progress already has (an ended call
 * gives its id up, so a test can reuse it).
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const offer = Effect.gen(function* () {
 *   const sandbox = yield* RelaySandbox.RelaySandbox
 *   return yield* sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office", callId: "call-1" })
 * }).pipe(Effect.catchTag("CallIdInUseError", (error) => Effect.dieMessage(`${error.callId} is still in progress`)))
 * ```
 * @since 0.1.0
 */
export const CallIdInUseError: typeof errors.CallIdInUseError = errors.CallIdInUseError

/**
 * The instance type of {@link CallIdInUseError}.
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const taken = (error: RelaySandbox.CallIdInUseError) => error.callId
 * ```
 * @since 0.1.0
 */
export type CallIdInUseError = errors.CallIdInUseError
