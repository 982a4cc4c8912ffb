/**
 * Actions (the long operations of a call: play, record, collect, detect, tap, stream, fax, pay,
 * transcribe, AI) and their typed results. Re-exported by `Call`: write `Call.PlayAction`.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import type * as Option from "effect/Option"
import type { ActionError, CommandError } from "./RelayError.js"
import type { RelayEvent } from "./RelayEvent.js"
import type { JsonObject } from "./RelayFrame.js"

/**
 * Every action kind, named after its start method.
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const kind: Call.ActionKind = "play_and_collect"
 * ```
 * @since 0.1.0
 */
export type ActionKind =
  | "play"
  | "record"
  | "collect"
  | "play_and_collect"
  | "detect"
  | "tap"
  | "stream"
  | "send_fax"
  | "receive_fax"
  | "pay"
  | "transcribe"
  | "ai"

/**
 * A long-running operation on a call, keyed by its `control_id` (`controlId` in the start
 * method's options, default a fresh UUID). `wait` succeeds with the typed
 * result once the platform reports a terminal state; it fails with `ActionFailed` for a failing
 * terminal state, and with `CallEnded` / `ClientClosed` when the call or the client goes first, so
 * it never hangs. `wait` may be run any number of times, and timed out freely.
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * // Wait at most 30 s, then stop it.
 * const bounded = <R>(action: Call.Action<R>) =>
 *   action.wait.pipe(Effect.timeout("30 seconds"), Effect.tapError(() => action.stop))
 * ```
 * @since 0.1.0
 */
export interface Action<R> {
  readonly kind: ActionKind
  readonly callId: string
  readonly controlId: string
  /** Waits for the outcome. */
  readonly wait: Effect.Effect<R, ActionError>
  /** The outcome, if there is one yet. */
  readonly result: Effect.Effect<Option.Option<Exit.Exit<R, ActionError>>>
  /** Stops the action (`calling.<kind>.stop`) and returns the platform's result; `{}` without sending anything once it is done. */
  readonly stop: Effect.Effect<JsonObject, CommandError>
}

/**
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const done = (result: Call.PlayResult) => result.state === "finished"
 * ```
 * @since 0.1.0
 */
export interface PlayResult {
  readonly state: "finished"
  readonly event: RelayEvent
}

/**
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const duck = (music: Call.PlayAction) => music.volume(-20)
 * ```
 * @since 0.1.0
 */
export interface PlayAction extends Action<PlayResult> {
  readonly pause: Effect.Effect<JsonObject, CommandError>
  readonly resume: Effect.Effect<JsonObject, CommandError>
  /** Sets the volume, in dB from -40 to +40. */
  readonly volume: (db: number) => Effect.Effect<JsonObject, CommandError>
}

/**
 * The recording. `url`, `duration` (seconds) and `size` (bytes) are read from the terminal event's
 * `record` object first, then from its top level (PROTOCOL.md §15.7).
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const link = (recording: Call.RecordResult) => recording.url ?? "(no recording)"
 * ```
 * @since 0.1.0
 */
export interface RecordResult {
  readonly state: "finished" | "no_input"
  readonly url: string | undefined
  readonly duration: number | undefined
  readonly size: number | undefined
  readonly event: RelayEvent
}

/**
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const pauseQuietly = (recording: Call.RecordAction) => recording.pause("silence")
 * ```
 * @since 0.1.0
 */
export interface RecordAction extends Action<RecordResult> {
  /** Pauses the recording; `behavior` is `skip` (default) or `silence`. */
  readonly pause: (behavior?: "skip" | "silence") => Effect.Effect<JsonObject, CommandError>
  readonly resume: Effect.Effect<JsonObject, CommandError>
}

/**
 * What a collect got. With `partialResults`, interim results (`final: false`) do not complete the
 * action; they are visible on the call's event stream.
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const choice = (result: Call.CollectResult) =>
 *   result._tag === "Digits" ? result.digits : result._tag === "Speech" ? result.text : undefined
 * ```
 * @since 0.1.0
 */
export type CollectResult =
  | { readonly _tag: "Digits"; readonly digits: string; readonly terminator: string | undefined; readonly event: RelayEvent }
  | { readonly _tag: "Speech"; readonly text: string; readonly confidence: number | undefined; readonly event: RelayEvent }
  | { readonly _tag: "NoInput"; readonly event: RelayEvent }
  | { readonly _tag: "NoMatch"; readonly event: RelayEvent }
  | { readonly _tag: "Finished"; readonly event: RelayEvent }

/**
 * `playAndCollect`'s action.
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const startTimers = (menu: Call.CollectAction) => menu.startInputTimers
 * ```
 * @since 0.1.0
 */
export interface CollectAction extends Action<CollectResult> {
  readonly volume: (db: number) => Effect.Effect<JsonObject, CommandError>
  readonly startInputTimers: Effect.Effect<JsonObject, CommandError>
}

/**
 * `collect`'s action.
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const cancel = (listen: Call.StandaloneCollectAction) => listen.stop
 * ```
 * @since 0.1.0
 */
export interface StandaloneCollectAction extends Action<CollectResult> {
  readonly startInputTimers: Effect.Effect<JsonObject, CommandError>
}

/**
 * What detection found: the first result the platform reported (`HUMAN`, `MACHINE`, `CED`, a
 * digit…), or nothing before detection finished.
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const isMachine = (result: Call.DetectResult) => result._tag === "Detected" && result.result === "MACHINE"
 * ```
 * @since 0.1.0
 */
export type DetectResult =
  | {
    readonly _tag: "Detected"
    readonly type: string
    /** `detect.params.event`: e.g. `HUMAN`, `MACHINE`, `UNKNOWN`, `CED`, the digits. */
    readonly result: string
    readonly event: RelayEvent
  }
  | { readonly _tag: "NotDetected"; readonly event: RelayEvent }

/**
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const pages = (fax: Call.FaxResult) => (fax.success ? fax.pages ?? 0 : 0)
 * ```
 * @since 0.1.0
 */
export interface FaxResult {
  readonly success: boolean
  readonly pages: number | undefined
  readonly document: string | undefined
  readonly identity: string | undefined
  readonly event: RelayEvent
}

/**
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const token = (payment: Call.PayResult) => payment.result.payment_token
 * ```
 * @since 0.1.0
 */
export interface PayResult {
  /** The platform's payment result object (`result`), when it sent one. */
  readonly result: JsonObject
  readonly event: RelayEvent
}

/**
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const link = (transcription: Call.TranscribeResult) => transcription.url
 * ```
 * @since 0.1.0
 */
export interface TranscribeResult {
  readonly url: string | undefined
  readonly recordingId: string | undefined
  readonly duration: number | undefined
  readonly size: number | undefined
  readonly text: string | undefined
  readonly event: RelayEvent
}

/**
 * The terminal event of actions that report nothing else (tap, stream, AI).
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const eventType = (finished: Call.Finished) => finished.event.eventType
 * ```
 * @since 0.1.0
 */
export interface Finished {
  readonly event: RelayEvent
}

/**
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const outcome = (detection: Call.DetectAction) => detection.wait
 * ```
 * @since 0.1.0
 */
export type DetectAction = Action<DetectResult>
/**
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const outcome = (fax: Call.FaxAction) => fax.wait
 * ```
 * @since 0.1.0
 */
export type FaxAction = Action<FaxResult>
/**
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const outcome = (payment: Call.PayAction) => payment.wait
 * ```
 * @since 0.1.0
 */
export type PayAction = Action<PayResult>
/**
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const outcome = (transcription: Call.TranscribeAction) => transcription.wait
 * ```
 * @since 0.1.0
 */
export type TranscribeAction = Action<TranscribeResult>
/**
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const source = (tap: Call.TapAction) => tap.sourceDevice
 * ```
 * @since 0.1.0
 */
export type TapAction = Action<Finished> & {
  /** The tap's source device, from the start result. */
  readonly sourceDevice: JsonObject | undefined
}
/**
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const end = (stream: Call.StreamAction) => stream.stop
 * ```
 * @since 0.1.0
 */
export type StreamAction = Action<Finished>
/**
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const end = (agent: Call.AIAction) => agent.stop
 * ```
 * @since 0.1.0
 */
export type AIAction = Action<Finished>
