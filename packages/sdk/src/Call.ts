/**
 * The reference SDK's `Call` (relay-surface.md §3): properties, the command methods (which
 * resolve when the platform accepts the command), the action-starting methods (which resolve with
 * an {@link Action}), and event listeners. Every method runs the matching operation of the Effect
 * core's Call.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { Call as CoreCall, RelayError as CoreError, RelayEvent as CoreEvent } from "@signalwire-effect/relay"
import {
  Action,
  AIAction,
  CollectAction,
  type CommandResult,
  type CompletedCallback,
  DetectAction,
  FaxAction,
  PayAction,
  PlayAction,
  RecordAction,
  StandaloneCollectAction,
  StreamAction,
  TapAction,
  TranscribeAction
} from "./Action.js"
import { fromCore } from "./internal/events.js"
import { log } from "./internal/log.js"
import { normalizeDevice, normalizeDevicePlan, normalizePlayItems, toCoreOptions } from "./internal/normalize.js"
import { causeToError, type Connection, invokeDetached, runOn, WaitTimeout } from "./internal/runtime.js"
import {
  CallStateEvent,
  CollectEvent,
  DetectEvent,
  FaxEvent,
  PayEvent,
  PlayEvent,
  RecordEvent,
  RelayEvent,
  StreamEvent,
  TapEvent,
  TranscribeEvent
} from "./RelayEvent.js"

type Json = Record<string, unknown>
type Core = CoreCall.Call
type CommandEffect = Effect.Effect<CoreRecord, CoreError.CommandError>
type CoreRecord = { readonly [key: string]: unknown }

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
 * so they are not sent here (relay-protocol.md §8.4).
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

const pick = (options: object | undefined, keys: ReadonlyArray<string>): Json => {
  const out: Json = {}
  if (options === undefined) return out
  for (const key of keys) {
    const value = (options as Json)[key]
    if (value !== undefined) out[key] = value
  }
  return out
}

const hasKeys = (value: object | undefined): value is Json => value !== undefined && Object.keys(value).length > 0

/** The reference's `controlId` option, passed to the core (which generates one when absent). */
const withControlId = <O extends object>(core: O, options: object | undefined): O => {
  const controlId = options === undefined ? undefined : (options as Json).controlId
  return typeof controlId === "string" ? { ...core, controlId } : core
}

const isEnded = (event: CoreEvent.RelayEvent) => event._tag === "CallState" && event.params.call_state === "ended"

/**
 * A call: inbound (given to `onCall`) or dialled (returned by `dial`). Never constructed by users.
 *
 * Command methods resolve with the platform's result object once the command is accepted. When
 * the call no longer exists (the platform answers 404 or 410, or the call has already ended),
 * they resolve with `{}`, as the reference documents; only 404/410 count as "gone", any other
 * refusal rejects with a `RelayError` (relay-surface.md §10 #6: the TypeScript reference swallows
 * every coded error, the documented contract is 404/410). Action-starting methods on a gone call
 * resolve with an Action already completed with the empty event (`eventType ""`, `params {}`),
 * and its `onCompleted` fires.
 *
 * After `client.disconnect()` a Call is no longer controlled by this client: its methods reject
 * with `RelayError(-1, "Connection closed")` (the call itself stays up on the platform).
 *
 * Time units: `waitFor` and `waitForEnded` take **milliseconds**; `Action.wait` takes seconds
 * (relay-surface.md §10 #2, as the TypeScript reference's code has them).
 *
 * Options are the reference's camelCase names (relay-surface.md §10 #14: the TypeScript source is
 * authoritative); wire-form objects (`record`'s audio, `collect`, `detect`, `tap`) use the wire's
 * snake_case keys. Every action-starting method, `sendDigits`, `queueEnter` and `queueLeave` honour
 * the `controlId` option (default: a fresh UUID).
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/sdk"
 *
 * const client = new RelayClient({ contexts: ["office"] })
 * client.onCall(async (call) => {
 *   await call.answer()
 *   const prompt = await call.playTTS("Thanks for calling")
 *   await prompt.wait()
 *   await call.hangup()
 * })
 * await client.run()
 * ```
 * @since 0.1.0
 */
export class Call {
  readonly #core: Core
  readonly #connection: Connection
  readonly #context: string
  readonly #listeners = new Map<string, Array<EventHandler>>()
  #endedEvent: CallStateEvent | undefined

  /** Created by the client for inbound and dialled calls. */
  constructor(core: Core, connection: Connection, context: string) {
    this.#core = core
    this.#connection = connection
    this.#context = context
  }

  /** The platform's call id. */
  get callId(): string {
    return this.#core.callId
  }
  /** The node that owns the call. */
  get nodeId(): string {
    return this.#core.nodeId
  }
  /** The call's project. */
  get projectId(): string {
    return this.#core.projectId
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
    return this.#core.tag
  }
  /** `"inbound"` or `"outbound"`. */
  get direction(): string {
    return this.#core.direction
  }
  /** `{type, params}` of the call's device (`{}` if unknown). */
  get device(): Record<string, unknown> {
    return this.#core.device as Record<string, unknown>
  }
  /** `created`, `ringing`, `answered`, `ending` or `ended`; live. */
  get state(): string {
    return this.#core.state
  }
  /** The inbound call's `segment_id`. */
  get segmentId(): string {
    return this.#core.segmentId
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
    const event = fromCore(coreEvent)
    if (event instanceof CallStateEvent && event.callState === "ended") this.#endedEvent = event
    const listeners = this.#listeners.get(event.eventType)
    if (listeners === undefined) return
    for (const listener of Array.from(listeners)) {
      invokeDetached(`listener of ${event.eventType} on call ${this.callId}`, () => listener(event), (text, error) =>
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
    const listeners = this.#listeners.get(eventType)
    if (listeners === undefined) this.#listeners.set(eventType, [handler])
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
    const waited = this.#core.waitForEvent((event): event is CoreEvent.RelayEvent => matches(event))
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
    const ended = (): CallStateEvent =>
      this.#endedEvent ??
        new CallStateEvent("calling.call.state", {
          call_id: this.callId,
          node_id: this.nodeId,
          call_state: "ended",
          ...(this.#core.endReason === undefined ? {} : { end_reason: this.#core.endReason })
        })
    if (this.state === "ended") return Promise.resolve(ended())
    const waited = this.#core.waitForEvent((event): event is CoreEvent.RelayEvent => isEnded(event)).pipe(
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
  #command(effect: CommandEffect): Promise<CommandResult> {
    return this.#run(
      Effect.catchTag(effect as Effect.Effect<CommandResult, CoreError.CommandError>, "CallGone", () => Effect.succeed({}))
    )
  }

  /** Runs any call-scoped method with this call's ids (for options the core's methods do not take). */
  #execute(method: string, params: Json): Promise<CommandResult> {
    return this.#command(this.#core.execute(method, params as Parameters<Core["execute"]>[1]))
  }

  /**
   * Starts an action: resolves with it once the platform accepted the start; on a gone call with
   * an Action already completed with the empty event.
   */
  #action<E extends RelayEvent, C extends CoreCall.Action<unknown>, A extends Action<E>>(
    method: string,
    options: ActionOptions<E> | undefined,
    make: new(
      call: Call,
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
      const action = new make(this, controlId, `calling.${kind}`, (m, params) => this.#execute(m, params), onCompleted)
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

  // ---- lifecycle ----

  /**
   * Answers an inbound call (`calling.answer`); `extra` keys are sent as given (e.g. `codecs`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const answer = (call: Call) => call.answer({ codecs: ["PCMU", "OPUS"] })
   * ```
   */
  answer(extra?: Readonly<Record<string, unknown>>): Promise<CommandResult> {
    return this.#command(this.#core.answer(hasKeys(extra) ? { extra: extra as CoreRecord } as CoreCall.AnswerOptions : undefined))
  }

  /**
   * Ends the call (`calling.end`); `reason` is `hangup` (default), `cancel`, `busy`, `noAnswer`,
   * `decline` or `error`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const reject = (call: Call) => call.hangup("busy")
   * ```
   */
  hangup(reason: string = "hangup"): Promise<CommandResult> {
    return this.#command(this.#core.hangup(reason as CoreCall.EndReason))
  }

  /**
   * Declines an inbound call so the platform offers it to another client (`calling.pass`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const decline = (call: Call) => call.pass()
   * ```
   */
  pass(): Promise<CommandResult> {
    return this.#command(this.#core.pass)
  }

  // ---- playback and recording ----

  /**
   * Plays media items (flat or nested form) in order (`calling.play`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const welcome = (call: Call) =>
   *   call.play([{ type: "tts", text: "Welcome" }, { type: "audio", url: "https://cdn.example.com/jingle.mp3" }], { volume: 2 })
   * ```
   */
  play(media: PlayItem | ReadonlyArray<PlayItem>, options?: PlayOptions): Promise<PlayAction> {
    return this.#action("play", options, PlayAction, () => new PlayEvent("", {}), () =>
      this.#core.play(
        normalizePlayItems(media) as unknown as ReadonlyArray<never>,
        withControlId(pick(options, ["volume", "direction", "loop"]), options)
      ))
  }

  /**
   * Plays text to speech (a Python-reference convenience the TypeScript docstrings also show;
   * relay-surface.md §10 #3).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const say = (call: Call) => call.playTTS("Your balance is 42 dollars", { language: "en-US", gender: "female" })
   * ```
   */
  playTTS(text: string, options?: PlayTTSOptions): Promise<PlayAction> {
    return this.play([{ type: "tts", params: { text, ...pick(options, ["language", "gender", "voice"]) } }], pickPlay(options))
  }

  /**
   * Plays an audio file by URL.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const jingle = (call: Call) => call.playAudio("https://cdn.example.com/jingle.mp3")
   * ```
   */
  playAudio(url: string, options?: PlayOptions): Promise<PlayAction> {
    return this.play([{ type: "audio", params: { url } }], pickPlay(options))
  }

  /**
   * Plays silence; `duration` in seconds.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const pause = (call: Call) => call.playSilence(1.5)
   * ```
   */
  playSilence(duration: number, options?: PlayOptions): Promise<PlayAction> {
    return this.play([{ type: "silence", params: { duration } }], pickPlay(options))
  }

  /**
   * Plays a country's ringtone, optionally for `duration` seconds.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const ring = (call: Call) => call.playRingtone("us", { duration: 10 })
   * ```
   */
  playRingtone(name: string, options?: PlayRingtoneOptions): Promise<PlayAction> {
    const params = options?.duration === undefined ? { name } : { name, duration: options.duration }
    return this.play([{ type: "ringtone", params }], pickPlay(options))
  }

  /**
   * Records the call (`calling.record` with `record: {audio}`); `audio` is the wire-form audio
   * object (`beep`, `format`, `stereo`, `direction`, `initial_timeout`, `end_silence_timeout`,
   * `terminators`, `input_sensitivity`; seconds).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const record = async (call: Call) => (await (await call.record({ beep: true, format: "wav" })).wait()).url
   * ```
   */
  record(audio?: Readonly<Record<string, unknown>>, options?: ActionOptions<RecordEvent>): Promise<RecordAction> {
    const known = ["beep", "format", "stereo", "direction", "initialTimeout", "endSilenceTimeout", "terminators", "inputSensitivity", "statusUrl"]
    return this.#action("record", options, RecordAction, () => new RecordEvent("", {}), () =>
      this.#core.record(withControlId(toCoreOptions(audio as Json | undefined, known), options)))
  }

  // ---- input ----

  /**
   * Plays media and collects digits and/or speech (`calling.play_and_collect`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const menu = (call: Call) =>
   *   call.playAndCollect([{ type: "tts", text: "Press 1 or say sales" }], { digits: { max: 1 }, speech: {} })
   * ```
   */
  playAndCollect(
    media: PlayItem | ReadonlyArray<PlayItem>,
    collect: CollectConfig,
    options?: PlayAndCollectOptions
  ): Promise<CollectAction> {
    const { continuous: _continuous, partial_results: _partial, ...wire } = collect
    return this.#action("playAndCollect", options, CollectAction, () => new CollectEvent("", {}), () =>
      this.#core.playAndCollect(
        normalizePlayItems(media) as unknown as ReadonlyArray<never>,
        wire as CoreCall.CollectSpec,
        withControlId(pick(options, ["volume"]), options)
      ))
  }

  /**
   * Speaks a prompt and collects input (Python-reference convenience).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const pin = (call: Call) => call.promptTTS("Enter your PIN", { digits: { max: 4, terminators: "#" } })
   * ```
   */
  promptTTS(text: string, collect: CollectConfig, options?: PromptTTSOptions): Promise<CollectAction> {
    return this.playAndCollect(
      [{ type: "tts", params: { text, ...pick(options, ["language", "gender", "voice"]) } }],
      collect,
      pick(options, ["volume", "onCompleted", "controlId"])
    )
  }

  /**
   * Plays an audio prompt and collects input (Python-reference convenience).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const menu = (call: Call) => call.promptAudio("https://cdn.example.com/menu.mp3", { digits: { max: 1 } })
   * ```
   */
  promptAudio(url: string, collect: CollectConfig, options?: PlayAndCollectOptions): Promise<CollectAction> {
    return this.playAndCollect([{ type: "audio", params: { url } }], collect, options)
  }

  /**
   * Collects input without a prompt (`calling.collect`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const listen = (call: Call) => call.collect({ speech: { language: "en-US" }, partialResults: true })
   * ```
   */
  collect(options: CollectOptions): Promise<StandaloneCollectAction> {
    const keys = ["digits", "speech", "initialTimeout", "partialResults", "continuous", "sendStartOfInput", "startInputTimers"]
    return this.#action("collect", options, StandaloneCollectAction, () => new CollectEvent("", {}), () =>
      this.#core.collect(withControlId(pick(options, keys), options) as CoreCall.CollectOptions))
  }

  /**
   * Sends DTMF (`0-9 # * A-D`, `w` = 0.5 s pause, `W` = 1 s).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const extension = (call: Call) => call.sendDigits("w123#")
   * ```
   */
  sendDigits(digits: string, controlId?: string): Promise<CommandResult> {
    return controlId === undefined
      ? this.#command(this.#core.sendDigits(digits))
      : this.#execute("calling.send_digits", { control_id: controlId, digits })
  }

  /**
   * Binds a digit sequence to a `calling.*` method, run when the caller presses it.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const star = (call: Call) =>
   *   call.bindDigit("*0", "calling.transfer", { bindParams: { dest: "https://example.com/agent" }, realm: "menu" })
   * ```
   */
  bindDigit(
    digits: string,
    bindMethod: string,
    options?: { readonly bindParams?: Readonly<Record<string, unknown>>; readonly realm?: string; readonly maxTriggers?: number }
  ): Promise<CommandResult> {
    return this.#command(
      this.#core.bindDigit(digits, bindMethod, {
        ...(options?.bindParams === undefined ? {} : { params: options.bindParams as CoreRecord }),
        ...pick(options, ["realm", "maxTriggers"])
      })
    )
  }

  /**
   * Removes digit bindings (of one realm, or all).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const clear = (call: Call) => call.clearDigitBindings("menu")
   * ```
   */
  clearDigitBindings(realm?: string): Promise<CommandResult> {
    return this.#command(this.#core.clearDigitBindings(realm))
  }

  // ---- detection ----

  /**
   * Starts a detection (`calling.detect`); `detect` is `{type: "machine" | "fax" | "digit", params}`
   * in wire form; `timeout` in seconds.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const fax = (call: Call) => call.detect({ type: "fax", params: { tone: "CED" } }, { timeout: 10 })
   * ```
   */
  detect(detect: Readonly<Record<string, unknown>>, options?: DetectOptions): Promise<DetectAction> {
    return this.#action("detect", options, DetectAction, () => new DetectEvent("", {}), () =>
      this.#core.detect(detect as unknown as CoreCall.DetectSpec, withControlId(pick(options, ["timeout"]), options)))
  }

  /**
   * Answering-machine detection (Python-reference convenience); thresholds in seconds.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const amd = (call: Call) => call.detectAnsweringMachine({ initialTimeout: 4.5, detectMessageEnd: true, timeout: 30 })
   * ```
   */
  detectAnsweringMachine(options?: DetectAnsweringMachineOptions): Promise<DetectAction> {
    const keys = [
      "initialTimeout",
      "endSilenceTimeout",
      "machineReadyTimeout",
      "machineVoiceThreshold",
      "machineWordsThreshold",
      "detectInterruptions",
      "detectMessageEnd",
      "timeout"
    ]
    return this.#action("detectAnsweringMachine", options, DetectAction, () => new DetectEvent("", {}), () =>
      this.#core.detectAnsweringMachine(withControlId(pick(options, keys), options)))
  }

  /**
   * Fax-tone detection (Python-reference convenience).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const ced = (call: Call) => call.detectFax({ tone: "CED" })
   * ```
   */
  detectFax(options?: DetectOptions & { readonly tone?: "CED" | "CNG" }): Promise<DetectAction> {
    return this.#action("detectFax", options, DetectAction, () => new DetectEvent("", {}), () =>
      this.#core.detectFax(withControlId(pick(options, ["tone", "timeout"]), options)))
  }

  /**
   * Digit detection (Python-reference convenience).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const digits = (call: Call) => call.detectDigit({ digits: "123", timeout: 5 })
   * ```
   */
  detectDigit(options?: DetectOptions & { readonly digits?: string }): Promise<DetectAction> {
    return this.#action("detectDigit", options, DetectAction, () => new DetectEvent("", {}), () =>
      this.#core.detectDigit(withControlId(pick(options, ["digits", "timeout"]), options)))
  }

  // ---- bridging and transfer ----

  /**
   * Bridges the call to a device plan (`calling.connect`); resolves when the platform accepts the
   * command, like the reference (follow the bridge with `waitFor("calling.call.connect", …)`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const toAgent = async (call: Call) => {
   *   await call.connect([[{ type: "phone", to: "+15551230001", from: "+15559870000" }]], { ringback: [{ type: "ringtone", name: "us" }] })
   *   return call.waitFor("calling.call.connect", (e) => e.params.connect_state !== "connecting", 60_000)
   * }
   * ```
   */
  connect(devices: ReadonlyArray<ReadonlyArray<Device>> | ReadonlyArray<Device>, options?: ConnectOptions): Promise<CommandResult> {
    return this.#execute("calling.connect", {
      devices: normalizeDevicePlan(devices),
      ...(options?.ringback === undefined ? {} : { ringback: normalizePlayItems(options.ringback) }),
      ...(options?.tag === undefined ? {} : { tag: options.tag }),
      ...(options?.maxDuration === undefined ? {} : { max_duration: options.maxDuration }),
      ...(options?.maxPricePerMinute === undefined ? {} : { max_price_per_minute: options.maxPricePerMinute }),
      ...(options?.statusUrl === undefined ? {} : { status_url: options.statusUrl })
    })
  }

  /**
   * Unbridges the call from its peer (`calling.disconnect`); both legs stay up.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const unbridge = (call: Call) => call.disconnect()
   * ```
   */
  disconnect(): Promise<CommandResult> {
    return this.#command(this.#core.disconnect)
  }

  /**
   * Hands the call to another application (`calling.transfer`): a URL, inline SWML or
   * `context:<name>`; `extra` keys are sent as given.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const handOff = (call: Call) => call.transfer("https://example.com/swml.json")
   * ```
   */
  transfer(dest: string, extra?: Readonly<Record<string, unknown>>): Promise<CommandResult> {
    return hasKeys(extra) ? this.#execute("calling.transfer", { ...extra, dest }) : this.#command(this.#core.transfer(dest))
  }

  /**
   * SIP REFER (`calling.refer`); `device` is a SIP device (flat or nested).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const refer = (call: Call) => call.refer({ type: "sip", to: "sip:bob@example.com" })
   * ```
   */
  refer(device: Device, options?: { readonly statusUrl?: string }): Promise<CommandResult> {
    return this.#command(this.#core.refer(normalizeDevice(device) as CoreCall.ReferDevice, pick(options, ["statusUrl"])))
  }

  // ---- taps and streams ----

  /**
   * Taps the call's media to an RTP or WebSocket device (`calling.tap`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const tap = (call: Call) => call.tap({ type: "audio" }, { type: "rtp", addr: "10.0.0.5", port: 4000 })
   * ```
   */
  tap(tap: Readonly<Record<string, unknown>>, device: Device, options?: ActionOptions<TapEvent>): Promise<TapAction> {
    return this.#action("tap", options, TapAction, () => new TapEvent("", {}), () =>
      this.#core.tap(tap as CoreCall.TapSpec, normalizeDevice(device) as CoreCall.TapDevice, withControlId({}, options)))
  }

  /**
   * Streams the call's media to a WebSocket (`calling.stream`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const stream = (call: Call) => call.stream("wss://media.example.com/in", { codec: "PCMU", name: "live" })
   * ```
   */
  stream(url: string, options?: StreamOptions): Promise<StreamAction> {
    const keys = ["name", "codec", "track", "statusUrl", "statusUrlMethod", "authorizationBearerToken", "customParameters"]
    return this.#action("stream", options, StreamAction, () => new StreamEvent("", {}), () =>
      this.#core.stream(url, withControlId(pick(options, keys), options) as CoreCall.StreamOptions))
  }

  // ---- fax and payment ----

  /**
   * Sends a fax document (`calling.send_fax`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const fax = (call: Call) => call.sendFax("https://example.com/invoice.pdf", { identity: "+15559870000" })
   * ```
   */
  sendFax(document: string, options?: SendFaxOptions): Promise<FaxAction> {
    return this.#action("sendFax", options, FaxAction, () => new FaxEvent("", {}), () =>
      this.#core.sendFax(document, withControlId(pick(options, ["identity", "headerInfo"]), options)))
  }

  /**
   * Receives a fax (`calling.receive_fax`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const inbox = async (call: Call) => (await (await call.receiveFax()).wait()).fax
   * ```
   */
  receiveFax(options?: ActionOptions<FaxEvent>): Promise<FaxAction> {
    return this.#action("receiveFax", options, FaxAction, () => new FaxEvent("", {}), () => this.#core.receiveFax(withControlId({}, options)))
  }

  /**
   * Collects a card payment (`calling.pay`); `inputMethod` is sent as `input`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const charge = (call: Call) => call.pay("https://pay.example.com/connector", { chargeAmount: "25.00", currency: "usd" })
   * ```
   */
  pay(paymentConnectorUrl: string, options?: PayOptions): Promise<PayAction> {
    const keys = [
      "inputMethod",
      "statusUrl",
      "paymentMethod",
      "timeout",
      "maxAttempts",
      "securityCode",
      "postalCode",
      "minPostalCodeLength",
      "tokenType",
      "chargeAmount",
      "currency",
      "language",
      "voice",
      "description",
      "validCardTypes",
      "parameters",
      "prompts"
    ]
    return this.#action("pay", options, PayAction, () => new PayEvent("", {}), () =>
      this.#core.pay(paymentConnectorUrl, withControlId(pick(options, keys), options) as CoreCall.PayOptions))
  }

  // ---- transcription ----

  /**
   * Transcribes the call (`calling.transcribe`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const transcribe = (call: Call) => call.transcribe({ statusUrl: "https://example.com/transcripts" })
   * ```
   */
  transcribe(options?: TranscribeOptions): Promise<TranscribeAction> {
    return this.#action("transcribe", options, TranscribeAction, () => new TranscribeEvent("", {}), () =>
      this.#core.transcribe(withControlId(pick(options, ["statusUrl"]), options)))
  }

  /**
   * Live transcription (`calling.live_transcribe`): `{start: {...}}`, `{stop: {}}` or
   * `{summarize: {...}}`; `extra` keys are sent as given.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const live = (call: Call) => call.liveTranscribe({ start: { lang: "en-US" } })
   * ```
   */
  liveTranscribe(action: Readonly<Record<string, unknown>>, extra?: Readonly<Record<string, unknown>>): Promise<CommandResult> {
    return hasKeys(extra)
      ? this.#execute("calling.live_transcribe", { ...extra, action })
      : this.#command(this.#core.liveTranscribe(action as CoreCall.LiveTranscribeAction))
  }

  /**
   * Live translation (`calling.live_translate`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const translate = (call: Call) => call.liveTranslate({ start: { from_lang: "en-US", to_lang: "es" } })
   * ```
   */
  liveTranslate(action: Readonly<Record<string, unknown>>, options?: { readonly statusUrl?: string }): Promise<CommandResult> {
    return this.#command(this.#core.liveTranslate(action as CoreCall.LiveTranslateAction, pick(options, ["statusUrl"])))
  }

  // ---- conferences, rooms, queues ----

  /**
   * Joins a conference (`calling.join_conference`); the result may carry `conference_id`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const standup = (call: Call) => call.joinConference("standup", { beep: "onEnter", startOnEnter: true })
   * ```
   */
  joinConference(name: string, options?: JoinConferenceOptions): Promise<CommandResult> {
    const keys = [
      "muted",
      "beep",
      "startOnEnter",
      "endOnExit",
      "waitUrl",
      "maxParticipants",
      "record",
      "region",
      "trim",
      "coach",
      "statusCallback",
      "statusCallbackEvent",
      "statusCallbackEventType",
      "statusCallbackMethod",
      "recordingStatusCallback",
      "recordingStatusCallbackEvent",
      "recordingStatusCallbackEventType",
      "recordingStatusCallbackMethod",
      "stream"
    ]
    return this.#command(this.#core.joinConference(name, pick(options, keys) as CoreCall.JoinConferenceOptions))
  }

  /**
   * Leaves a conference (`calling.leave_conference`); `extra` keys are sent as given.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const leave = async (call: Call) => {
   *   const joined = await call.joinConference("standup")
   *   await call.leaveConference(String(joined.conference_id))
   * }
   * ```
   */
  leaveConference(conferenceId: string, extra?: Readonly<Record<string, unknown>>): Promise<CommandResult> {
    return hasKeys(extra)
      ? this.#execute("calling.leave_conference", { ...extra, conference_id: conferenceId })
      : this.#command(this.#core.leaveConference(conferenceId))
  }

  /**
   * Joins a video room (`calling.join_room`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const room = (call: Call) => call.joinRoom("daily")
   * ```
   */
  joinRoom(name: string, options?: { readonly statusUrl?: string }): Promise<CommandResult> {
    return this.#command(this.#core.joinRoom(name, pick(options, ["statusUrl"])))
  }

  /**
   * Leaves the room (`calling.leave_room`); `extra` keys are sent as given.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const leave = (call: Call) => call.leaveRoom()
   * ```
   */
  leaveRoom(extra?: Readonly<Record<string, unknown>>): Promise<CommandResult> {
    return hasKeys(extra) ? this.#execute("calling.leave_room", { ...extra }) : this.#command(this.#core.leaveRoom)
  }

  /**
   * Puts the call in a queue (`calling.queue.enter`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const wait = (call: Call) => call.queueEnter("support")
   * ```
   */
  queueEnter(queueName: string, options?: QueueEnterOptions): Promise<CommandResult> {
    return options?.controlId === undefined
      ? this.#command(this.#core.queueEnter(queueName, pick(options, ["statusUrl"])))
      : this.#execute("calling.queue.enter", {
        control_id: options.controlId,
        queue_name: queueName,
        ...(options.statusUrl === undefined ? {} : { status_url: options.statusUrl })
      })
  }

  /**
   * Takes the call out of a queue (`calling.queue.leave`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const leave = (call: Call) => call.queueLeave("support")
   * ```
   */
  queueLeave(queueName: string, options?: QueueLeaveOptions): Promise<CommandResult> {
    return options?.controlId === undefined
      ? this.#command(this.#core.queueLeave(queueName, pick(options, ["queueId", "statusUrl"])))
      : this.#execute("calling.queue.leave", {
        control_id: options.controlId,
        queue_name: queueName,
        ...(options.queueId === undefined ? {} : { queue_id: options.queueId }),
        ...(options.statusUrl === undefined ? {} : { status_url: options.statusUrl })
      })
  }

  // ---- hold, denoise, echo, user events ----

  /**
   * `calling.hold`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const hold = (call: Call) => call.hold()
   * ```
   */
  hold(): Promise<CommandResult> {
    return this.#command(this.#core.hold)
  }

  /**
   * `calling.unhold`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const resume = (call: Call) => call.unhold()
   * ```
   */
  unhold(): Promise<CommandResult> {
    return this.#command(this.#core.unhold)
  }

  /**
   * `calling.denoise`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const clean = (call: Call) => call.denoise()
   * ```
   */
  denoise(): Promise<CommandResult> {
    return this.#command(this.#core.denoise)
  }

  /**
   * `calling.denoise.stop`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const raw = (call: Call) => call.denoiseStop()
   * ```
   */
  denoiseStop(): Promise<CommandResult> {
    return this.#command(this.#core.denoiseStop)
  }

  /**
   * Echoes the caller's audio back (`calling.echo`); `timeout` in seconds.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const test = (call: Call) => call.echo({ timeout: 10 })
   * ```
   */
  echo(options?: { readonly timeout?: number; readonly statusUrl?: string }): Promise<CommandResult> {
    return this.#command(this.#core.echo(pick(options, ["timeout", "statusUrl"])))
  }

  /**
   * Sends a user event (`calling.user_event`). Keys other than `event` are sent too, like the
   * Python reference (relay-surface.md §10 #11: the TypeScript reference drops them silently).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const notify = (call: Call) => call.userEvent({ event: "checkout", cart: "c-42" })
   * ```
   */
  userEvent(options?: { readonly event?: unknown; readonly [key: string]: unknown }): Promise<CommandResult> {
    const { event, ...rest } = options ?? {}
    return hasKeys(rest)
      ? this.#execute("calling.user_event", { ...rest, ...(event === undefined ? {} : { event }) })
      : this.#command(this.#core.userEvent(event))
  }

  // ---- AI ----

  /**
   * Starts an AI agent on the call (`calling.ai`); `aiParams` is sent as `params`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const agent = (call: Call) => call.ai({ prompt: { text: "Greet the caller." }, aiParams: { end_of_speech_timeout: 800 } })
   * ```
   */
  ai(options?: AIOptions): Promise<AIAction> {
    const keys = [
      "agent",
      "prompt",
      "postPrompt",
      "postPromptUrl",
      "postPromptAuthUser",
      "postPromptAuthPassword",
      "globalData",
      "pronounce",
      "hints",
      "languages",
      "SWAIG",
      "aiParams"
    ]
    return this.#action("ai", options, AIAction, () => new RelayEvent("", {}), () =>
      this.#core.ai(withControlId(pick(options, keys), options) as CoreCall.AIOptions))
  }

  /**
   * `calling.amazon_bedrock`; `aiParams` is sent as `params`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const bedrock = (call: Call) => call.amazonBedrock({ prompt: "Be brief." })
   * ```
   */
  amazonBedrock(options?: {
    readonly prompt?: unknown
    readonly SWAIG?: Readonly<Record<string, unknown>>
    readonly aiParams?: Readonly<Record<string, unknown>>
    readonly globalData?: Readonly<Record<string, unknown>>
    readonly postPrompt?: Readonly<Record<string, unknown>>
    readonly postPromptUrl?: string
  }): Promise<CommandResult> {
    const keys = ["prompt", "SWAIG", "aiParams", "globalData", "postPrompt", "postPromptUrl"]
    return this.#command(this.#core.amazonBedrock(pick(options, keys) as CoreCall.AmazonBedrockOptions))
  }

  /**
   * `calling.ai_message`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const nudge = (call: Call) => call.aiMessage({ messageText: "The caller is a VIP.", role: "system" })
   * ```
   */
  aiMessage(options?: {
    readonly messageText?: string
    readonly role?: string
    readonly reset?: Readonly<Record<string, unknown>>
    readonly globalData?: Readonly<Record<string, unknown>>
  }): Promise<CommandResult> {
    return this.#command(this.#core.aiMessage(pick(options, ["messageText", "role", "reset", "globalData"]) as CoreCall.AIMessageOptions))
  }

  /**
   * `calling.ai_hold`; `timeout` is a string of seconds, as on the wire.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const hold = (call: Call) => call.aiHold({ timeout: "30", prompt: "Please hold." })
   * ```
   */
  aiHold(options?: { readonly timeout?: string; readonly prompt?: string }): Promise<CommandResult> {
    return this.#command(this.#core.aiHold(pick(options, ["timeout", "prompt"])))
  }

  /**
   * `calling.ai_unhold`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const back = (call: Call) => call.aiUnhold({ prompt: "Thanks for holding." })
   * ```
   */
  aiUnhold(options?: { readonly prompt?: string }): Promise<CommandResult> {
    return this.#command(this.#core.aiUnhold(pick(options, ["prompt"])))
  }
}

const pickPlay = (options: PlayOptions | undefined): PlayOptions =>
  pick(options, ["volume", "direction", "loop", "onCompleted", "controlId"]) as PlayOptions
