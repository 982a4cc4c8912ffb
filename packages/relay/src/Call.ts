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
import type * as Mailbox from "effect/Mailbox"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import type * as Device from "./Device.js"
import type * as Media from "./Media.js"
import type { CallEnded, CallEventError, CallWaitError, CommandError } from "./RelayError.js"
import type { RelayEvent } from "./RelayEvent.js"
import type { JsonObject } from "./RelayFrame.js"
import type {
  PlayAction,
  RecordAction,
  CollectAction,
  StandaloneCollectAction,
  DetectAction,
  FaxAction,
  PayAction,
  TranscribeAction,
  TapAction,
  StreamAction,
  AIAction
} from "./CallAction.js"
import type {
  EndReason,
  AnswerOptions,
  PlayOptions,
  PlayTTSOptions,
  RecordOptions,
  CollectSpec,
  PlayAndCollectOptions,
  PromptTTSOptions,
  CollectOptions,
  BindDigitOptions,
  DetectSpec,
  DetectOptions,
  DetectMachineOptions,
  DetectFaxOptions,
  DetectDigitOptions,
  ConnectOptions,
  ReferDevice,
  ReferOptions,
  TapSpec,
  TapDevice,
  TapOptions,
  StreamOptions,
  SendFaxOptions,
  ReceiveFaxOptions,
  PayOptions,
  TranscribeOptions,
  LiveTranscribeAction,
  LiveTranslateAction,
  LiveTranslateOptions,
  JoinConferenceOptions,
  JoinRoomOptions,
  QueueEnterOptions,
  QueueLeaveOptions,
  EchoOptions,
  AIOptions,
  AmazonBedrockOptions,
  AIMessageOptions,
  AIHoldOptions,
  AIUnholdOptions
} from "./CallOptions.js"

export type * from "./CallAction.js"
export type * from "./CallOptions.js"

/**
 * The call states, in order (PROTOCOL.md §11.2).
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
 * A bounded buffer of one call's events, drained in batches by one consumer fiber
 * (`Call.subscribeBatches`).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/relay"
 * import { Effect } from "effect"
 *
 * const firstBatch = (batches: Call.EventBatches) =>
 *   Effect.map(batches.takeAll, ([events]) => events.length)
 * ```
 * @since 0.1.0
 */
export interface EventBatches {
  /**
   * Waits until at least one event is buffered (or the subscription ends), then takes every
   * buffered event, oldest first, with `done` true on the last batch of a call that ended. After a
   * failure (`EventOverflow`, `SessionLost`, `ClientClosed`) the events already buffered come first;
   * the next take fails.
   */
  readonly takeAll: Effect.Effect<readonly [ReadonlyArray<RelayEvent>, done: boolean], CallEventError>
  /** How many events are buffered now. */
  readonly size: number
}

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
  /** The call's device, `{type, params}`, as the platform reported it. */
  readonly device: JsonObject
  /** The device's type (`phone`, `sip`, `webrtc`, `agora`, …), once the platform reported it. */
  readonly type: string | undefined
  /** The calling party: `from_number` of a phone device, `from` of a SIP or WebRTC one. */
  readonly from: string | undefined
  /** The called party: `to_number` of a phone device, `to` of a SIP or WebRTC one. */
  readonly to: string | undefined
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
   * The same subscription as `subscribe`, as its bounded mailbox (`callEventBufferSize`; it fails
   * with `EventOverflow` when full, ends like `events`), for a consumer that takes batches
   * (`takeAll`) in a fiber it already has: no `Stream` machinery, no fiber of its own. For many
   * live calls this is several times lighter per call and per event (bench/README.md).
   *
   * ```ts
   * import type { Call } from "@signalwire-effect/relay"
   * import { Effect } from "effect"
   *
   * const countEvents = (call: Call.Call) =>
   *   Effect.scoped(Effect.gen(function*() {
   *     const mailbox = yield* call.subscribeMailbox
   *     let count = 0
   *     while (true) {
   *       const [events, done] = yield* mailbox.takeAll
   *       count += events.length
   *       if (done) return count
   *     }
   *   }))
   * ```
   */
  readonly subscribeMailbox: Effect.Effect<Mailbox.ReadonlyMailbox<RelayEvent, CallEventError>, never, Scope.Scope>
  /**
   * The lightest subscription to this call's events: one bounded buffer (`callEventBufferSize`)
   * that a single consumer fiber drains in batches with `takeAll`. The connection's dispatcher only
   * appends to it (and, if the consumer is parked, resumes it once with everything buffered): no
   * `Mailbox`, no `Stream`, no fiber of its own. With thousands of live calls each receiving
   * events, this is the cheapest way to follow them (bench/README.md, figure 3). It ends like
   * `events` (the last batch is flagged `done` when the call ends; `SessionLost` / `ClientClosed`
   * fail the next take) and fails with `EventOverflow` once the consumer falls a full buffer behind.
   *
   * ```ts
   * import type { Call } from "@signalwire-effect/relay"
   * import { Effect } from "effect"
   *
   * const countEvents = (call: Call.Call) =>
   *   Effect.scoped(Effect.gen(function*() {
   *     const batches = yield* call.subscribeBatches
   *     let count = 0
   *     while (true) {
   *       const [events, done] = yield* batches.takeAll
   *       count += events.length
   *       if (done) return count
   *     }
   *   }))
   * ```
   */
  readonly subscribeBatches: Effect.Effect<EventBatches, never, Scope.Scope>
  /**
   * Waits until the call has reached `state` (at once if it already has). Fails with `CallEnded`
   * if the call ends, or is released, first.
   */
  readonly waitFor: (state: CallState) => Effect.Effect<CallState, CallWaitError>
  /** Waits for the first event about this call that satisfies `predicate` (from now on). */
  readonly waitForEvent: <E extends RelayEvent>(
    predicate: (event: RelayEvent) => event is E
  ) => Effect.Effect<E, CallWaitError>
  /** Waits for the end of the call and returns its end reason; fails with `CallEnded` only if it is released first. */
  readonly ended: Effect.Effect<string, CallWaitError>
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
  /** Plays silence for a `Duration`. */
  readonly playSilence: (duration: Duration.DurationInput, options?: PlayOptions) => Effect.Effect<PlayAction, CommandError>
  /** Plays a country's ringtone, for `duration` if given. */
  readonly playRingtone: (
    name: Media.RingtoneName,
    options?: PlayOptions & { readonly duration?: Duration.DurationInput }
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
  /** Longest the call may last (sent in seconds as the dial's `max_duration`). */
  readonly maxDuration?: Duration.DurationInput | undefined
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
