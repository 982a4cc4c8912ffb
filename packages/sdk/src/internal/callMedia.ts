/**
 * `Call`'s media methods: playback and recording, input (collect, digits), detection, taps and
 * streams, fax and payment, transcription. Each runs the matching operation of the core's Call
 * through `CallBase`'s runners.
 */
import type { Call as CoreCall } from "@signalwire-effect/relay"
import {
  CollectAction,
  type CommandResult,
  DetectAction,
  FaxAction,
  PayAction,
  PlayAction,
  RecordAction,
  StandaloneCollectAction,
  StreamAction,
  TapAction,
  TranscribeAction
} from "../Action.js"
import type {
  ActionOptions,
  CollectConfig,
  CollectOptions,
  DetectAnsweringMachineOptions,
  DetectOptions,
  Device,
  PayOptions,
  PlayAndCollectOptions,
  PlayItem,
  PlayOptions,
  PlayRingtoneOptions,
  PlayTTSOptions,
  PromptTTSOptions,
  SendFaxOptions,
  StreamOptions,
  TranscribeOptions
} from "../CallOptions.js"
import {
  CollectEvent,
  DetectEvent,
  FaxEvent,
  PayEvent,
  PlayEvent,
  RecordEvent,
  StreamEvent,
  TapEvent,
  TranscribeEvent
} from "../RelayEvent.js"
import { CallBase } from "./callBase.js"
import { coreForm, hasKeys, normalizeDevice, normalizePlayItems, pick, seconds, toCoreOptions, withControlId } from "./normalize.js"

type Json = Record<string, unknown>
type CoreRecord = { readonly [key: string]: unknown }

const pickPlay = (options: PlayOptions | undefined): PlayOptions =>
  pick(options, ["volume", "direction", "loop", "onCompleted", "controlId"]) as PlayOptions

/** `Call`'s media methods (see `Call`). Not exported by the package. */
export abstract class CallMedia extends CallBase {
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
    return this._action("play", options, PlayAction, () => new PlayEvent("", {}), () =>
      this._core.play(
        normalizePlayItems(media) as unknown as ReadonlyArray<never>,
        withControlId(pick(options, ["volume", "direction", "loop"]), options)
      ))
  }

  /**
   * Plays text to speech (a Python-reference convenience the TypeScript docstrings also show;
   * DIFFERENCES.md #3).
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
    return this._action("record", options, RecordAction, () => new RecordEvent("", {}), () =>
      this._core.record(withControlId(seconds(toCoreOptions(audio as Json | undefined, known)), options)))
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
    return this._action("playAndCollect", options, CollectAction, () => new CollectEvent("", {}), () =>
      this._core.playAndCollect(
        normalizePlayItems(media) as unknown as ReadonlyArray<never>,
        coreForm(wire) as CoreCall.CollectSpec,
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
    return this._action("collect", options, StandaloneCollectAction, () => new CollectEvent("", {}), () =>
      this._core.collect(withControlId(coreForm(pick(options, keys)), options) as CoreCall.CollectOptions))
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
      ? this._command(this._core.sendDigits(digits))
      : this._execute("calling.send_digits", { control_id: controlId, digits })
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
    return this._command(
      this._core.bindDigit(digits, bindMethod, {
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
    return this._command(this._core.clearDigitBindings(realm))
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
    return this._action("detect", options, DetectAction, () => new DetectEvent("", {}), () =>
      this._core.detect(coreForm(detect) as unknown as CoreCall.DetectSpec, withControlId(seconds(pick(options, ["timeout"])), options)))
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
    return this._action("detectAnsweringMachine", options, DetectAction, () => new DetectEvent("", {}), () =>
      this._core.detectAnsweringMachine(withControlId(seconds(pick(options, keys)), options)))
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
    return this._action("detectFax", options, DetectAction, () => new DetectEvent("", {}), () =>
      this._core.detectFax(withControlId(seconds(pick(options, ["tone", "timeout"])), options)))
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
    return this._action("detectDigit", options, DetectAction, () => new DetectEvent("", {}), () =>
      this._core.detectDigit(withControlId(seconds(pick(options, ["digits", "timeout"])), options)))
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
    return this._action("tap", options, TapAction, () => new TapEvent("", {}), () =>
      this._core.tap(tap as CoreCall.TapSpec, normalizeDevice(device) as CoreCall.TapDevice, withControlId({}, options)))
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
    return this._action("stream", options, StreamAction, () => new StreamEvent("", {}), () =>
      this._core.stream(url, withControlId(pick(options, keys), options) as CoreCall.StreamOptions))
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
    return this._action("sendFax", options, FaxAction, () => new FaxEvent("", {}), () =>
      this._core.sendFax(document, withControlId(pick(options, ["identity", "headerInfo"]), options)))
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
    return this._action("receiveFax", options, FaxAction, () => new FaxEvent("", {}), () => this._core.receiveFax(withControlId({}, options)))
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
    return this._action("pay", options, PayAction, () => new PayEvent("", {}), () =>
      this._core.pay(paymentConnectorUrl, withControlId(pick(options, keys), options) as CoreCall.PayOptions))
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
    return this._action("transcribe", options, TranscribeAction, () => new TranscribeEvent("", {}), () =>
      this._core.transcribe(withControlId(pick(options, ["statusUrl"]), options)))
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
      ? this._execute("calling.live_transcribe", { ...extra, action })
      : this._command(this._core.liveTranscribe(action as CoreCall.LiveTranscribeAction))
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
    return this._command(this._core.liveTranslate(action as CoreCall.LiveTranslateAction, pick(options, ["statusUrl"])))
  }
}
