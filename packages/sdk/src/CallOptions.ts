/**
 * The types `Call`'s methods take: devices and media items (flat or nested), the `collect` object,
 * listeners, and the options of each command and action.
 *
 * @since 0.1.0
 */
import type { CompletedCallback } from "./Action.js"
import type {
  CollectEvent,
  DetectEvent,
  FaxEvent,
  PayEvent,
  PlayEvent,
  RelayEvent,
  StreamEvent,
  TranscribeEvent
} from "./RelayEvent.js"

/**
 * What the reference's flat phone and SIP devices share.
 *
 * @example
 * ```ts
 * import type { FlatDeviceFields } from "@signalwire-effect/sdk"
 *
 * const fields: FlatDeviceFields = { to: "+15551230001", from: "+15559870000", timeout: 20 }
 * ```
 * @since 0.1.0
 */
export interface FlatDeviceFields {
  readonly to: string
  readonly from: string
  /** Seconds to ring. */
  readonly timeout?: number
  readonly max_duration?: number
  readonly codecs?: ReadonlyArray<string>
  readonly headers?: ReadonlyArray<{ readonly name: string; readonly value: string }>
}

/**
 * A phone device in the reference's flat form; `to` / `from` become `to_number` / `from_number`.
 *
 * @example
 * ```ts
 * import type { PhoneDevice } from "@signalwire-effect/sdk"
 *
 * const device: PhoneDevice = { type: "phone", to: "+15551230001", from: "+15559870000", timeout: 20 }
 * ```
 * @since 0.1.0
 */
export interface PhoneDevice extends FlatDeviceFields {
  readonly type: "phone"
}

/**
 * A SIP device in the reference's flat form.
 *
 * @example
 * ```ts
 * import type { SipDevice } from "@signalwire-effect/sdk"
 *
 * const device: SipDevice = { type: "sip", to: "sip:alice@example.com", from: "sip:bot@example.com" }
 * ```
 * @since 0.1.0
 */
export interface SipDevice extends FlatDeviceFields {
  readonly type: "sip"
}

/**
 * A device: flat (`{type: "phone", to, from}`) or nested (`{type, params}`).
 *
 *
 * @example
 * ```ts
 * import type { Device } from "@signalwire-effect/sdk"
 *
 * const plan: Array<Array<Device>> = [[{ type: "phone", to: "+15551230001", from: "+15559870000" }], [{ type: "sip", params: { to: "sip:desk@example.com", from: "sip:bot@example.com" } }]]
 * ```
 * @since 0.1.0
 */
export type Device = PhoneDevice | SipDevice | Readonly<Record<string, unknown>>

/**
 * A media item: flat (`{type: "tts", text}`) or nested (`{type: "tts", params: {text}}`).
 *
 *
 * @example
 * ```ts
 * import type { PlayItem } from "@signalwire-effect/sdk"
 *
 * const media: Array<PlayItem> = [{ type: "tts", text: "Hello" }, { type: "silence", params: { duration: 1 } }]
 * ```
 * @since 0.1.0
 */
export type PlayItem =
  | { readonly type: "tts"; readonly text: string; readonly language?: string; readonly gender?: string; readonly voice?: string }
  | { readonly type: "audio"; readonly url: string }
  | { readonly type: "ringtone"; readonly name: string; readonly duration?: number }
  | { readonly type: "silence"; readonly duration: number }
  | Readonly<Record<string, unknown>>

/**
 * The collect object of `playAndCollect`, in wire form (seconds). `partial_results` and
 * `continuous` are reference type-only keys: on the wire they belong to the standalone `collect`,
 * so they are not sent here (`@signalwire-effect/relay` PROTOCOL.md §8.4).
 *
 *
 * @example
 * ```ts
 * import type { CollectConfig } from "@signalwire-effect/sdk"
 *
 * const collect: CollectConfig = { initial_timeout: 5, digits: { max: 1, digit_timeout: 3 }, speech: { language: "en-US" } }
 * ```
 * @since 0.1.0
 */
export interface CollectConfig {
  readonly digits?: { readonly max: number; readonly digit_timeout?: number; readonly terminators?: string }
  readonly speech?: {
    readonly end_silence_timeout?: number
    readonly speech_timeout?: number
    readonly language?: string
    readonly hints?: ReadonlyArray<string>
    readonly engine?: string
    readonly model?: string
  }
  readonly initial_timeout?: number
  readonly partial_results?: boolean
  readonly continuous?: boolean
}

/**
 * A listener of `Call.on`: gets the typed event (`PlayEvent`, `CallStateEvent`, …).
 *
 *
 * @example
 * ```ts
 * import type { EventHandler } from "@signalwire-effect/sdk"
 *
 * const log: EventHandler = (event) => console.log(event.eventType, event.params)
 * ```
 * @since 0.1.0
 */
export type EventHandler = (event: RelayEvent) => void | Promise<void>

/**
 * Options every action-starting method takes.
 *
 * @example
 * ```ts
 * import type { ActionOptions, RelayEvent } from "@signalwire-effect/sdk"
 *
 * const options: ActionOptions<RelayEvent> = { onCompleted: (event) => console.log(event.eventType) }
 * ```
 * @since 0.1.0
 */
export interface ActionOptions<E extends RelayEvent> {
  /** The action's `control_id`; default a fresh UUID. */
  readonly controlId?: string
  /** Called once with the terminal event. */
  readonly onCompleted?: CompletedCallback<E>
}
/**
 * Options of `play` (and the `play*` conveniences).
 *
 * @example
 * ```ts
 * import type { PlayOptions } from "@signalwire-effect/sdk"
 *
 * const options: PlayOptions = { volume: -3, direction: "speak", loop: 2 }
 * ```
 * @since 0.1.0
 */
export interface PlayOptions extends ActionOptions<PlayEvent> {
  /** dB, -40 to +40. */
  readonly volume?: number
  readonly direction?: "listen" | "speak" | "both"
  /** How many times to play the list; 0 = forever. */
  readonly loop?: number
}
/**
 * Options of `playTTS`.
 *
 * @example
 * ```ts
 * import type { PlayTTSOptions } from "@signalwire-effect/sdk"
 *
 * const options: PlayTTSOptions = { language: "en-US", gender: "female" }
 * ```
 * @since 0.1.0
 */
export interface PlayTTSOptions extends PlayOptions {
  readonly language?: string
  readonly gender?: "male" | "female"
  readonly voice?: string
}
/**
 * Options of `playRingtone`; `duration` in seconds.
 *
 * @example
 * ```ts
 * import type { PlayRingtoneOptions } from "@signalwire-effect/sdk"
 *
 * const options: PlayRingtoneOptions = { duration: 10 }
 * ```
 * @since 0.1.0
 */
export interface PlayRingtoneOptions extends PlayOptions {
  /** Seconds. */
  readonly duration?: number
}
/**
 * Options of `playAndCollect` and `promptAudio`.
 *
 * @example
 * ```ts
 * import type { PlayAndCollectOptions } from "@signalwire-effect/sdk"
 *
 * const options: PlayAndCollectOptions = { volume: 2 }
 * ```
 * @since 0.1.0
 */
export interface PlayAndCollectOptions extends ActionOptions<CollectEvent> {
  readonly volume?: number
}
/**
 * Options of `promptTTS`.
 *
 * @example
 * ```ts
 * import type { PromptTTSOptions } from "@signalwire-effect/sdk"
 *
 * const options: PromptTTSOptions = { language: "en-GB", volume: 1 }
 * ```
 * @since 0.1.0
 */
export interface PromptTTSOptions extends PlayAndCollectOptions {
  readonly language?: string
  readonly gender?: "male" | "female"
  readonly voice?: string
}
/**
 * Options of `collect`; timeouts in seconds.
 *
 * @example
 * ```ts
 * import type { CollectOptions } from "@signalwire-effect/sdk"
 *
 * const options: CollectOptions = { digits: { max: 4, terminators: "#" }, initialTimeout: 5 }
 * ```
 * @since 0.1.0
 */
export interface CollectOptions extends ActionOptions<CollectEvent> {
  readonly digits?: CollectConfig["digits"]
  readonly speech?: CollectConfig["speech"]
  /** Seconds. */
  readonly initialTimeout?: number
  readonly partialResults?: boolean
  readonly continuous?: boolean
  readonly sendStartOfInput?: boolean
  readonly startInputTimers?: boolean
}
/**
 * Options of `detect`; `timeout` in seconds.
 *
 * @example
 * ```ts
 * import type { DetectOptions } from "@signalwire-effect/sdk"
 *
 * const options: DetectOptions = { timeout: 30 }
 * ```
 * @since 0.1.0
 */
export interface DetectOptions extends ActionOptions<DetectEvent> {
  /** Seconds. */
  readonly timeout?: number
}
/**
 * Options of `detectAnsweringMachine`; thresholds in seconds.
 *
 * @example
 * ```ts
 * import type { DetectAnsweringMachineOptions } from "@signalwire-effect/sdk"
 *
 * const options: DetectAnsweringMachineOptions = { initialTimeout: 4.5, detectMessageEnd: true }
 * ```
 * @since 0.1.0
 */
export interface DetectAnsweringMachineOptions extends DetectOptions {
  readonly initialTimeout?: number
  readonly endSilenceTimeout?: number
  readonly machineReadyTimeout?: number
  readonly machineVoiceThreshold?: number
  readonly machineWordsThreshold?: number
  readonly detectInterruptions?: boolean
  readonly detectMessageEnd?: boolean
}
/**
 * Options of `Call.connect`.
 *
 * @example
 * ```ts
 * import type { ConnectOptions } from "@signalwire-effect/sdk"
 *
 * const options: ConnectOptions = { ringback: [{ type: "ringtone", name: "us" }], maxDuration: 60 }
 * ```
 * @since 0.1.0
 */
export interface ConnectOptions {
  readonly ringback?: ReadonlyArray<PlayItem>
  readonly tag?: string
  readonly maxDuration?: number
  readonly maxPricePerMinute?: number
  readonly statusUrl?: string
}
/**
 * Options of `stream`.
 *
 * @example
 * ```ts
 * import type { StreamOptions } from "@signalwire-effect/sdk"
 *
 * const options: StreamOptions = { codec: "PCMU", track: "inbound_track" }
 * ```
 * @since 0.1.0
 */
export interface StreamOptions extends ActionOptions<StreamEvent> {
  readonly name?: string
  readonly codec?: string
  readonly track?: "inbound_track" | "outbound_track" | "both_tracks"
  readonly statusUrl?: string
  readonly statusUrlMethod?: "GET" | "POST"
  readonly authorizationBearerToken?: string
  readonly customParameters?: Readonly<Record<string, unknown>>
}
/**
 * Options of `sendFax`.
 *
 * @example
 * ```ts
 * import type { SendFaxOptions } from "@signalwire-effect/sdk"
 *
 * const options: SendFaxOptions = { identity: "+15559870000", headerInfo: "ACME" }
 * ```
 * @since 0.1.0
 */
export interface SendFaxOptions extends ActionOptions<FaxEvent> {
  readonly identity?: string
  readonly headerInfo?: string
}
/**
 * Options of `pay`; every scalar is a string, as on the wire.
 *
 * @example
 * ```ts
 * import type { PayOptions } from "@signalwire-effect/sdk"
 *
 * const options: PayOptions = { chargeAmount: "10.00", currency: "usd", maxAttempts: "2" }
 * ```
 * @since 0.1.0
 */
export interface PayOptions extends ActionOptions<PayEvent> {
  /** Sent as `input`. */
  readonly inputMethod?: string
  readonly statusUrl?: string
  readonly paymentMethod?: string
  readonly timeout?: string
  readonly maxAttempts?: string
  readonly securityCode?: string
  readonly postalCode?: string
  readonly minPostalCodeLength?: string
  readonly tokenType?: string
  readonly chargeAmount?: string
  readonly currency?: string
  readonly language?: string
  readonly voice?: string
  readonly description?: string
  readonly validCardTypes?: string
  readonly parameters?: ReadonlyArray<{ readonly name: string; readonly value: string }>
  readonly prompts?: ReadonlyArray<Readonly<Record<string, unknown>>>
}
/**
 * Options of `transcribe`.
 *
 * @example
 * ```ts
 * import type { TranscribeOptions } from "@signalwire-effect/sdk"
 *
 * const options: TranscribeOptions = { statusUrl: "https://example.com/transcripts" }
 * ```
 * @since 0.1.0
 */
export interface TranscribeOptions extends ActionOptions<TranscribeEvent> {
  readonly statusUrl?: string
}
/**
 * Options of `joinConference` (sent in snake_case).
 *
 * @example
 * ```ts
 * import type { JoinConferenceOptions } from "@signalwire-effect/sdk"
 *
 * const options: JoinConferenceOptions = { muted: false, beep: "onEnter", endOnExit: true }
 * ```
 * @since 0.1.0
 */
export interface JoinConferenceOptions {
  readonly muted?: boolean
  readonly beep?: string
  readonly startOnEnter?: boolean
  readonly endOnExit?: boolean
  readonly waitUrl?: string
  readonly maxParticipants?: number
  readonly record?: string
  readonly region?: string
  readonly trim?: string
  readonly coach?: string
  readonly statusCallback?: string
  readonly statusCallbackEvent?: string
  readonly statusCallbackEventType?: string
  readonly statusCallbackMethod?: string
  readonly recordingStatusCallback?: string
  readonly recordingStatusCallbackEvent?: string
  readonly recordingStatusCallbackEventType?: string
  readonly recordingStatusCallbackMethod?: string
  readonly stream?: Readonly<Record<string, unknown>>
}
/**
 * Options of `queueEnter`.
 *
 * @example
 * ```ts
 * import type { QueueEnterOptions } from "@signalwire-effect/sdk"
 *
 * const options: QueueEnterOptions = { statusUrl: "https://example.com/queue" }
 * ```
 * @since 0.1.0
 */
export interface QueueEnterOptions {
  readonly controlId?: string
  readonly statusUrl?: string
}
/**
 * Options of `queueLeave`.
 *
 * @example
 * ```ts
 * import type { QueueLeaveOptions } from "@signalwire-effect/sdk"
 *
 * const options: QueueLeaveOptions = { queueId: "q-1" }
 * ```
 * @since 0.1.0
 */
export interface QueueLeaveOptions extends QueueEnterOptions {
  readonly queueId?: string
}
/**
 * Options of `ai`.
 *
 * @example
 * ```ts
 * import type { AIOptions } from "@signalwire-effect/sdk"
 *
 * const options: AIOptions = { prompt: { text: "You are a helpful receptionist." }, hints: ["SignalWire"] }
 * ```
 * @since 0.1.0
 */
export interface AIOptions extends ActionOptions<RelayEvent> {
  readonly agent?: string
  readonly prompt?: Readonly<Record<string, unknown>>
  readonly postPrompt?: Readonly<Record<string, unknown>>
  readonly postPromptUrl?: string
  readonly postPromptAuthUser?: string
  readonly postPromptAuthPassword?: string
  readonly globalData?: Readonly<Record<string, unknown>>
  readonly pronounce?: unknown
  readonly hints?: unknown
  readonly languages?: unknown
  readonly SWAIG?: Readonly<Record<string, unknown>>
  /** Sent as `params`. */
  readonly aiParams?: Readonly<Record<string, unknown>>
}
