/**
 * A call under this client's control: an inbound call handed to `onCall`, or the winner of a
 * `dial`. Every method sends one `calling.*` command and succeeds when the platform accepts it;
 * long operations (play, record, collect, detect, …) return an {@link Action} to wait on.
 *
 * A Call is a scoped resource. It is released when its owner's Scope closes (by default it is
 * hung up then), it closes by itself when it reaches `ended`, and it closes when the client
 * closes. Closing settles everything still waiting on it: actions and `waitFor` fail with
 * `CallEnded` (or `ClientClosed`), its event streams end.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import type * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import type * as Device from "./Device.js"
import type * as params from "./internal/params.js"
import type * as Media from "./Media.js"
import type { ActionError, CallEnded, CallEventError, ClientClosed, CommandError } from "./RelayError.js"
import type { RelayEvent } from "./RelayEvent.js"
import type { JsonObject } from "./RelayFrame.js"

/**
 * The call states, in order (P§11.2).
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const isUp = (state: Call.CallState) => state === "answered"
 * ```
 * @since 0.1.0
 */
export type CallState = "created" | "ringing" | "answered" | "ending" | "ended"

/**
 * The call states in their order; a state is "reached" once the call is at it or past it.
 *
 * @example
 * ```ts
 * import { Call } from "@signalwire-effect/relay"
 *
 * Call.states.indexOf("answered") > Call.states.indexOf("ringing") // true
 * ```
 * @since 0.1.0
 */
export const states: ReadonlyArray<CallState> = ["created", "ringing", "answered", "ending", "ended"]

/**
 * Why `hangup` ends a call (`calling.end` `reason`).
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const reason: Call.EndReason = "busy"
 * ```
 * @since 0.1.0
 */
export type EndReason = typeof params.EndReason.Type

/**
 * Options of `answer`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.AnswerOptions = { codecs: ["PCMU", "OPUS"] }
 * ```
 * @since 0.1.0
 */
export type AnswerOptions = typeof params.answer.schema.Type
/**
 * Options of `play` and its helpers: volume in dB (-40…40), direction, loop count.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.PlayOptions = { volume: -3, direction: "listen", loop: 2 }
 * ```
 * @since 0.1.0
 */
export type PlayOptions = typeof params.play.schema.Type
/**
 * Options of `playTTS`: the play options plus the voice.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.PlayTTSOptions = { language: "en-US", gender: "female" }
 * ```
 * @since 0.1.0
 */
export type PlayTTSOptions = typeof params.playTts.schema.Type
/**
 * Options of `record` (sent inside `record.audio`; timeouts in seconds).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.RecordOptions = { beep: true, format: "wav", endSilenceTimeout: 2 }
 * ```
 * @since 0.1.0
 */
export type RecordOptions = typeof params.record.schema.Type
/**
 * The collect object of `playAndCollect` (P§8.4), in wire form: digits and/or speech.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.CollectSpec = { digits: { max: 4, terminators: "#" }, initial_timeout: 5 }
 * ```
 * @since 0.1.0
 */
export type CollectSpec = typeof params.CollectSpec.Type
/**
 * Options of `playAndCollect` and `promptAudio`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.PlayAndCollectOptions = { volume: 2 }
 * ```
 * @since 0.1.0
 */
export type PlayAndCollectOptions = typeof params.playAndCollect.schema.Type
/**
 * Options of `promptTTS`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.PromptTTSOptions = { language: "en-GB" }
 * ```
 * @since 0.1.0
 */
export type PromptTTSOptions = typeof params.promptTts.schema.Type
/**
 * Options of `collect`: digits and/or speech, and the input timers (seconds).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.CollectOptions = { speech: { language: "en-US" }, partialResults: true }
 * ```
 * @since 0.1.0
 */
export type CollectOptions = typeof params.collect.schema.Type
/**
 * Options of `bindDigit`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.BindDigitOptions = { realm: "menu", maxTriggers: 1 }
 * ```
 * @since 0.1.0
 */
export type BindDigitOptions = typeof params.bindDigit.schema.Type
/**
 * The detect object (P§8.5), in wire form.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.DetectSpec = { type: "machine", params: { initial_timeout: 4.5 } }
 * ```
 * @since 0.1.0
 */
export type DetectSpec = typeof params.DetectSpec.Type
/**
 * Options of `detect` (timeout in seconds).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.DetectOptions = { timeout: 20 }
 * ```
 * @since 0.1.0
 */
export type DetectOptions = typeof params.detect.schema.Type
/**
 * Options of `detectAnsweringMachine` (seconds).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.DetectMachineOptions = { initialTimeout: 4.5, detectMessageEnd: true }
 * ```
 * @since 0.1.0
 */
export type DetectMachineOptions = typeof params.detectMachine.schema.Type
/**
 * Options of `detectFax`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.DetectFaxOptions = { tone: "CNG" }
 * ```
 * @since 0.1.0
 */
export type DetectFaxOptions = typeof params.detectFax.schema.Type
/**
 * Options of `detectDigit`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.DetectDigitOptions = { digits: "123#" }
 * ```
 * @since 0.1.0
 */
export type DetectDigitOptions = typeof params.detectDigit.schema.Type
/**
 * Options of `connect`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.ConnectOptions = { tag: "transfer-1", maxDuration: 3600 }
 * ```
 * @since 0.1.0
 */
export type ConnectOptions = typeof params.connect.schema.Type
/**
 * The SIP device of `refer`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.ReferDevice = { type: "sip", params: { to: "sip:alice@example.com" } }
 * ```
 * @since 0.1.0
 */
export type ReferDevice = typeof params.ReferDevice.Type
/**
 * Options of `refer`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.ReferOptions = { statusUrl: "https://example.com/refer-status" }
 * ```
 * @since 0.1.0
 */
export type ReferOptions = typeof params.refer.schema.Type
/**
 * The `tap` object (P§8.7).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.TapSpec = { type: "audio", params: { direction: "both" } }
 * ```
 * @since 0.1.0
 */
export type TapSpec = typeof params.TapSpec.Type
/**
 * Where tapped media goes: `rtp` or `ws` (P§8.7).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.TapDevice = { type: "ws", params: { uri: "wss://tap.example.com/in" } }
 * ```
 * @since 0.1.0
 */
export type TapDevice = typeof params.TapDevice.Type
/**
 * Options of `tap`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.TapOptions = { statusUrl: "https://example.com/tap-status" }
 * ```
 * @since 0.1.0
 */
export type TapOptions = typeof params.tap.schema.Type
/**
 * Options of `stream`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.StreamOptions = { track: "both_tracks", codec: "PCMU" }
 * ```
 * @since 0.1.0
 */
export type StreamOptions = typeof params.stream.schema.Type
/**
 * Options of `sendFax`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.SendFaxOptions = { identity: "+15559870000", headerInfo: "ACME" }
 * ```
 * @since 0.1.0
 */
export type SendFaxOptions = typeof params.sendFax.schema.Type
/**
 * Options of `receiveFax`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.ReceiveFaxOptions = { statusUrl: "https://example.com/fax-status" }
 * ```
 * @since 0.1.0
 */
export type ReceiveFaxOptions = typeof params.receiveFax.schema.Type
/**
 * Options of `pay`; scalar options are strings on the wire (P§9.9).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.PayOptions = { chargeAmount: "25.99", currency: "usd", securityCode: "true" }
 * ```
 * @since 0.1.0
 */
export type PayOptions = typeof params.pay.schema.Type
/**
 * Options of `transcribe`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.TranscribeOptions = { statusUrl: "https://example.com/transcription" }
 * ```
 * @since 0.1.0
 */
export type TranscribeOptions = typeof params.transcribe.schema.Type
/**
 * The `action` of `liveTranscribe`: exactly one of start, stop, summarize.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.LiveTranscribeAction = { start: { language: "en-US" } }
 * ```
 * @since 0.1.0
 */
export type LiveTranscribeAction = typeof params.LiveTranscribeAction.Type
/**
 * The `action` of `liveTranslate`: exactly one of start, stop, summarize, inject.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.LiveTranslateAction = { start: { source: "en-US", target: "es" } }
 * ```
 * @since 0.1.0
 */
export type LiveTranslateAction = typeof params.LiveTranslateAction.Type
/**
 * Options of `liveTranslate`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.LiveTranslateOptions = { statusUrl: "https://example.com/translation" }
 * ```
 * @since 0.1.0
 */
export type LiveTranslateOptions = typeof params.liveTranslate.schema.Type
/**
 * Options of `joinConference`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.JoinConferenceOptions = { muted: false, beep: "onEnter", maxParticipants: 10 }
 * ```
 * @since 0.1.0
 */
export type JoinConferenceOptions = typeof params.joinConference.schema.Type
/**
 * Options of `joinRoom`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.JoinRoomOptions = { statusUrl: "https://example.com/room" }
 * ```
 * @since 0.1.0
 */
export type JoinRoomOptions = typeof params.joinRoom.schema.Type
/**
 * Options of `queueEnter`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.QueueEnterOptions = { statusUrl: "https://example.com/queue" }
 * ```
 * @since 0.1.0
 */
export type QueueEnterOptions = typeof params.queueEnter.schema.Type
/**
 * Options of `queueLeave`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.QueueLeaveOptions = { queueId: "q-1" }
 * ```
 * @since 0.1.0
 */
export type QueueLeaveOptions = typeof params.queueLeave.schema.Type
/**
 * Options of `echo` (timeout in seconds, 0 = until the call ends).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.EchoOptions = { timeout: 10 }
 * ```
 * @since 0.1.0
 */
export type EchoOptions = typeof params.echo.schema.Type
/**
 * Options of `ai`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.AIOptions = { prompt: { text: "You are a helpful receptionist." } }
 * ```
 * @since 0.1.0
 */
export type AIOptions = typeof params.ai.schema.Type
/**
 * Options of `amazonBedrock`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.AmazonBedrockOptions = { prompt: "Be brief." }
 * ```
 * @since 0.1.0
 */
export type AmazonBedrockOptions = typeof params.amazonBedrock.schema.Type
/**
 * Options of `aiMessage`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.AIMessageOptions = { messageText: "The caller is a VIP.", role: "system" }
 * ```
 * @since 0.1.0
 */
export type AIMessageOptions = typeof params.aiMessage.schema.Type
/**
 * Options of `aiHold` (timeout as a string of seconds, per the server schema).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.AIHoldOptions = { timeout: "30", prompt: "One moment please." }
 * ```
 * @since 0.1.0
 */
export type AIHoldOptions = typeof params.aiHold.schema.Type
/**
 * Options of `aiUnhold`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.AIUnholdOptions = { prompt: "Thanks for waiting." }
 * ```
 * @since 0.1.0
 */
export type AIUnholdOptions = typeof params.aiUnhold.schema.Type

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
 * `record` object first, then from its top level (P§15.7).
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

/**
 * What `connect` reports once the bridge is up.
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const peerId = (bridge: Call.Connected) => bridge.peer.call_id
 * ```
 * @since 0.1.0
 */
export interface Connected {
  /** The other leg, as the platform describes it (`call_id`, `node_id`, `device`, …). */
  readonly peer: JsonObject
  readonly event: RelayEvent
}

/**
 * The bridge could not be made (`connect_state: "failed"`).
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const bridgeFailed = (error: Call.ConnectError) => error._tag === "RpcError" && error.code === -1
 * ```
 * @since 0.1.0
 */
export type ConnectError = CommandError | CallEnded

/**
 * A call. Properties are live: `state` and `endReason` follow the platform's events.
 *
 * @example
 * ```ts
 * import { Call, Media, RelayClient } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const greet = (call: Call.Call) =>
 *   Effect.gen(function* () {
 *     yield* call.answer()
 *     const prompt = yield* call.play(Media.tts("Welcome to the sandbox"))
 *     yield* prompt.wait
 *     yield* call.hangup()
 *   })
 *
 * const serve = Effect.flatMap(RelayClient.RelayClient, (relay) => relay.onCall(greet))
 * ```
 * @since 0.1.0
 */
export interface Call {
  readonly callId: string
  readonly nodeId: string
  readonly projectId: string
  /** The context the call arrived on (inbound), `undefined` for dialled calls. */
  readonly context: string | undefined
  readonly tag: string
  readonly direction: "inbound" | "outbound"
  /** The call's device, `{type, params}`. */
  readonly device: JsonObject
  readonly segmentId: string
  readonly state: CallState
  /** The platform's `end_reason`, once the call has ended. */
  readonly endReason: string | undefined

  /**
   * Every event about this call, from the moment the stream runs, until the call ends (the `ended`
   * state event is the last element). Each run has its own bounded buffer (`callEventBufferSize`);
   * a consumer that falls that far behind fails with `EventOverflow` instead of missing events.
   */
  readonly events: Stream.Stream<RelayEvent, CallEventError>
  /** Like `events`, subscribed as soon as this Effect runs. */
  readonly subscribe: Effect.Effect<Stream.Stream<RelayEvent, CallEventError>, never, Scope.Scope>
  /**
   * Waits until the call has reached `state` (at once if it already has). Fails with `CallEnded`
   * if the call ends, or is released, first.
   */
  readonly waitFor: (state: CallState) => Effect.Effect<CallState, CallEnded | ClientClosed>
  /** Waits for the first event about this call that satisfies `predicate` (from now on). */
  readonly waitForEvent: <E extends RelayEvent>(
    predicate: (event: RelayEvent) => event is E
  ) => Effect.Effect<E, CallEnded | ClientClosed>
  /** Waits for the end of the call and returns its end reason; fails with `CallEnded` only if it is released first. */
  readonly ended: Effect.Effect<string, CallEnded | ClientClosed>
  /** A Scope that closes when the call closes: fork work into it that must not outlive the call. */
  readonly scope: Effect.Effect<Scope.Scope>

  readonly answer: (options?: AnswerOptions) => Effect.Effect<JsonObject, CommandError>
  /** Ends the call (`calling.end`, reason default `hangup`). */
  readonly hangup: (reason?: EndReason) => Effect.Effect<JsonObject, CommandError>
  /** Declines an inbound call so the platform offers it to another client. */
  readonly pass: Effect.Effect<JsonObject, CommandError>

  readonly play: (media: Media.Media | ReadonlyArray<Media.Media>, options?: PlayOptions) => Effect.Effect<PlayAction, CommandError>
  readonly playTTS: (text: string, options?: PlayTTSOptions) => Effect.Effect<PlayAction, CommandError>
  readonly playAudio: (url: string, options?: PlayOptions) => Effect.Effect<PlayAction, CommandError>
  /** Plays `seconds` of silence. */
  readonly playSilence: (seconds: number, options?: PlayOptions) => Effect.Effect<PlayAction, CommandError>
  readonly playRingtone: (
    name: Media.RingtoneName,
    options?: PlayOptions & { readonly duration?: number }
  ) => Effect.Effect<PlayAction, CommandError>
  readonly record: (options?: RecordOptions) => Effect.Effect<RecordAction, CommandError>

  readonly playAndCollect: (
    media: Media.Media | ReadonlyArray<Media.Media>,
    collect: CollectSpec,
    options?: PlayAndCollectOptions
  ) => Effect.Effect<CollectAction, CommandError>
  readonly promptTTS: (text: string, collect: CollectSpec, options?: PromptTTSOptions) => Effect.Effect<CollectAction, CommandError>
  readonly promptAudio: (url: string, collect: CollectSpec, options?: PlayAndCollectOptions) => Effect.Effect<CollectAction, CommandError>
  readonly collect: (options: CollectOptions) => Effect.Effect<StandaloneCollectAction, CommandError>
  /** Sends DTMF: `0-9 # * A-D`, `w` = 0.5 s pause, `W` = 1 s. */
  readonly sendDigits: (digits: string) => Effect.Effect<JsonObject, CommandError>
  readonly bindDigit: (digits: string, bindMethod: string, options?: BindDigitOptions) => Effect.Effect<JsonObject, CommandError>
  readonly clearDigitBindings: (realm?: string) => Effect.Effect<JsonObject, CommandError>

  readonly detect: (detect: DetectSpec, options?: DetectOptions) => Effect.Effect<DetectAction, CommandError>
  readonly detectAnsweringMachine: (options?: DetectMachineOptions) => Effect.Effect<DetectAction, CommandError>
  readonly detectFax: (options?: DetectFaxOptions) => Effect.Effect<DetectAction, CommandError>
  readonly detectDigit: (options?: DetectDigitOptions) => Effect.Effect<DetectAction, CommandError>

  /**
   * Bridges the call to the first device of the plan that answers, and waits for the bridge:
   * succeeds when it is up, fails with `RpcError` (code -1, the event in `data`) when the platform
   * reports `connect_state: "failed"`.
   */
  readonly connect: (devices: Device.ConnectPlan, options?: ConnectOptions) => Effect.Effect<Connected, ConnectError>
  /** Unbridges the call from its peers without hanging them up. */
  readonly disconnect: Effect.Effect<JsonObject, CommandError>
  /** Hands the call to another application: a URL, inline SWML, or `context:<name>`. */
  readonly transfer: (dest: string) => Effect.Effect<JsonObject, CommandError>
  readonly refer: (device: ReferDevice, options?: ReferOptions) => Effect.Effect<JsonObject, CommandError>

  readonly tap: (tap: TapSpec, device: TapDevice, options?: TapOptions) => Effect.Effect<TapAction, CommandError>
  readonly stream: (url: string, options?: StreamOptions) => Effect.Effect<StreamAction, CommandError>
  readonly sendFax: (document: string, options?: SendFaxOptions) => Effect.Effect<FaxAction, CommandError>
  readonly receiveFax: (options?: ReceiveFaxOptions) => Effect.Effect<FaxAction, CommandError>
  readonly pay: (paymentConnectorUrl: string, options?: PayOptions) => Effect.Effect<PayAction, CommandError>
  readonly transcribe: (options?: TranscribeOptions) => Effect.Effect<TranscribeAction, CommandError>
  readonly liveTranscribe: (action: LiveTranscribeAction) => Effect.Effect<JsonObject, CommandError>
  readonly liveTranslate: (action: LiveTranslateAction, options?: LiveTranslateOptions) => Effect.Effect<JsonObject, CommandError>

  /** Joins a conference; the result may carry `conference_id`. */
  readonly joinConference: (name: string, options?: JoinConferenceOptions) => Effect.Effect<JsonObject, CommandError>
  readonly leaveConference: (conferenceId: string) => Effect.Effect<JsonObject, CommandError>
  readonly joinRoom: (name: string, options?: JoinRoomOptions) => Effect.Effect<JsonObject, CommandError>
  readonly leaveRoom: Effect.Effect<JsonObject, CommandError>
  readonly queueEnter: (queueName: string, options?: QueueEnterOptions) => Effect.Effect<JsonObject, CommandError>
  readonly queueLeave: (queueName: string, options?: QueueLeaveOptions) => Effect.Effect<JsonObject, CommandError>

  readonly hold: Effect.Effect<JsonObject, CommandError>
  readonly unhold: Effect.Effect<JsonObject, CommandError>
  readonly denoise: Effect.Effect<JsonObject, CommandError>
  readonly denoiseStop: Effect.Effect<JsonObject, CommandError>
  readonly echo: (options?: EchoOptions) => Effect.Effect<JsonObject, CommandError>
  /** Sends a user event (`event` is a name or any JSON payload). */
  readonly userEvent: (event?: unknown) => Effect.Effect<JsonObject, CommandError>

  readonly ai: (options?: AIOptions) => Effect.Effect<AIAction, CommandError>
  readonly amazonBedrock: (options?: AmazonBedrockOptions) => Effect.Effect<JsonObject, CommandError>
  readonly aiMessage: (options?: AIMessageOptions) => Effect.Effect<JsonObject, CommandError>
  readonly aiHold: (options?: AIHoldOptions) => Effect.Effect<JsonObject, CommandError>
  readonly aiUnhold: (options?: AIUnholdOptions) => Effect.Effect<JsonObject, CommandError>

  /** Sends any call-scoped method with this call's `node_id` and `call_id` added. */
  readonly execute: (method: string, params?: JsonObject) => Effect.Effect<JsonObject, CommandError>
}

/**
 * What happens to a call when its owner's Scope closes (or its `onCall` handler returns) before it
 * has ended: `hangup` (default) ends it with `calling.end`; `keep` leaves it up on the platform and
 * only stops tracking it here.
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const release: Call.ReleasePolicy = "keep"
 * ```
 * @since 0.1.0
 */
export type ReleasePolicy = "hangup" | "keep"

/**
 * Options of `RelayClient.dial`.
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const options: Call.DialOptions = { timeout: "30 seconds", release: "hangup" }
 * ```
 * @since 0.1.0
 */
export interface DialOptions {
  /** The correlation tag; default a fresh UUID. Must not be in use by another dial. */
  readonly tag?: string | undefined
  readonly region?: string | undefined
  readonly maxPricePerMinute?: number | undefined
  /** Longest the call may last, in seconds (sent as the dial's `max_duration`). */
  readonly maxDuration?: number | undefined
  /** How long to wait for an answer once the platform is dialing. Default 120 s. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Timeout of the `calling.dial` request itself. Default: the client's `requestTimeout`. */
  readonly requestTimeout?: Duration.DurationInput | undefined
  /** What releasing the returned call does. Default `hangup`. */
  readonly release?: ReleasePolicy | undefined
  /**
   * A leg that the platform creates after this dial has given up (request timeout, dial timeout,
   * interruption, lost connection) is hung up by default. Give a handler to adopt it instead: the
   * answered call is handed to it in its own fiber, like an inbound call.
   */
  readonly adoptLateCall?: ((call: Call) => Effect.Effect<void, unknown, Scope.Scope>) | undefined
}

/**
 * Options of `RelayClient.onCall`.
 *
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const options: Call.OnCallOptions = { release: "keep" }
 * ```
 * @since 0.1.0
 */
export interface OnCallOptions {
  /** What happens to a call that has not ended when its handler returns. Default `hangup`. */
  readonly release?: ReleasePolicy | undefined
}
