/**
 * The options of every call method, as the Effect API takes them (validated before anything is
 * sent). Re-exported by `Call`: write `Call.PlayOptions`.
 *
 * @since 0.1.0
 */
import type * as params from "./internal/params.js"

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
export type AnswerOptions = typeof params.answer.schema.Encoded
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
export type PlayOptions = typeof params.play.schema.Encoded
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
export type PlayTTSOptions = typeof params.playTts.schema.Encoded
/**
 * Options of `record` (sent inside `record.audio`; times are `Duration`s, sent in seconds).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.RecordOptions = { beep: true, format: "wav", endSilenceTimeout: "2 seconds" }
 * ```
 * @since 0.1.0
 */
export type RecordOptions = typeof params.record.schema.Encoded
/**
 * The collect object of `playAndCollect` (PROTOCOL.md §8.4): digits and/or speech; camelCase and
 * `Duration`s here, snake_case seconds on the wire.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.CollectSpec = { digits: { max: 4, terminators: "#", digitTimeout: "3 seconds" }, initialTimeout: "5 seconds" }
 * ```
 * @since 0.1.0
 */
export type CollectSpec = typeof params.CollectSpec.Encoded
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
export type PlayAndCollectOptions = typeof params.playAndCollect.schema.Encoded
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
export type PromptTTSOptions = typeof params.promptTts.schema.Encoded
/**
 * Options of `collect`: digits and/or speech, and the input timers (`Duration`s).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.CollectOptions = { speech: { language: "en-US" }, partialResults: true }
 * ```
 * @since 0.1.0
 */
export type CollectOptions = typeof params.collect.schema.Encoded
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
export type BindDigitOptions = typeof params.bindDigit.schema.Encoded
/**
 * The detect object (PROTOCOL.md §8.5); camelCase and `Duration`s here, snake_case seconds on the
 * wire.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.DetectSpec = { type: "machine", params: { initialTimeout: "4.5 seconds" } }
 * ```
 * @since 0.1.0
 */
export type DetectSpec = typeof params.DetectSpec.Encoded
/**
 * Options of `detect` (a `Duration` timeout).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.DetectOptions = { timeout: "20 seconds" }
 * ```
 * @since 0.1.0
 */
export type DetectOptions = typeof params.detect.schema.Encoded
/**
 * Options of `detectAnsweringMachine` (`Duration`s).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.DetectMachineOptions = { initialTimeout: "4.5 seconds", detectMessageEnd: true }
 * ```
 * @since 0.1.0
 */
export type DetectMachineOptions = typeof params.detectMachine.schema.Encoded
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
export type DetectFaxOptions = typeof params.detectFax.schema.Encoded
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
export type DetectDigitOptions = typeof params.detectDigit.schema.Encoded
/**
 * Options of `connect`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.ConnectOptions = { tag: "transfer-1", maxDuration: "1 hour" }
 * ```
 * @since 0.1.0
 */
export type ConnectOptions = typeof params.connect.schema.Encoded
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
export type ReferOptions = typeof params.refer.schema.Encoded
/**
 * The `tap` object (PROTOCOL.md §8.7).
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
 * Where tapped media goes: `rtp` or `ws` (PROTOCOL.md §8.7).
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
export type TapOptions = typeof params.tap.schema.Encoded
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
export type StreamOptions = typeof params.stream.schema.Encoded
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
export type SendFaxOptions = typeof params.sendFax.schema.Encoded
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
export type ReceiveFaxOptions = typeof params.receiveFax.schema.Encoded
/**
 * Options of `pay`; scalar options are strings on the wire (PROTOCOL.md §9.9).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.PayOptions = { chargeAmount: "25.99", currency: "usd", securityCode: "true" }
 * ```
 * @since 0.1.0
 */
export type PayOptions = typeof params.pay.schema.Encoded
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
export type TranscribeOptions = typeof params.transcribe.schema.Encoded
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
export type LiveTranslateOptions = typeof params.liveTranslate.schema.Encoded
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
export type JoinConferenceOptions = typeof params.joinConference.schema.Encoded
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
export type JoinRoomOptions = typeof params.joinRoom.schema.Encoded
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
export type QueueEnterOptions = typeof params.queueEnter.schema.Encoded
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
export type QueueLeaveOptions = typeof params.queueLeave.schema.Encoded
/**
 * Options of `echo` (a `Duration` timeout; zero = until the call ends).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 *
 * const value: Call.EchoOptions = { timeout: "10 seconds" }
 * ```
 * @since 0.1.0
 */
export type EchoOptions = typeof params.echo.schema.Encoded
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
export type AIOptions = typeof params.ai.schema.Encoded
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
export type AmazonBedrockOptions = typeof params.amazonBedrock.schema.Encoded
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
export type AIMessageOptions = typeof params.aiMessage.schema.Encoded
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
export type AIHoldOptions = typeof params.aiHold.schema.Encoded
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
export type AIUnholdOptions = typeof params.aiUnhold.schema.Encoded
