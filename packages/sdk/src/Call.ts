/**
 * SignalWire's SDK's `Call`: properties, the command methods (which
 * resolve when the platform accepts the command), the action-starting methods (which resolve with
 * an {@link Action}), and event listeners. Every method runs the matching operation of the Effect
 * core's Call.
 *
 * The class is written in four layers, by concern: `internal/callBase.ts` (properties, events,
 * how a method runs on the core), `internal/callMedia.ts` (playback, recording, input, detection,
 * taps, streams, fax, payment, transcription), `internal/callBridging.ts` (connect, transfer,
 * refer, conferences, rooms, queues) and this module (call control: lifecycle, hold, denoise,
 * echo, user events, AI). The option types live in `CallOptions.ts`.
 *
 * @since 0.1.0
 */
import type { Call as CoreCall } from "@signalwire-effect/relay"
import { AIAction, type CommandResult } from "./Action.js"
import type { AIOptions } from "./CallOptions.js"
import { CallBridging } from "./internal/callBridging.js"
import { hasKeys, pick, seconds, withControlId } from "./internal/normalize.js"
import { RelayEvent } from "./RelayEvent.js"

export type {
  ActionOptions,
  AIOptions,
  CollectConfig,
  CollectOptions,
  ConnectOptions,
  DetectAnsweringMachineOptions,
  DetectOptions,
  Device,
  EventHandler,
  FlatDeviceFields,
  JoinConferenceOptions,
  PayOptions,
  PhoneDevice,
  PlayAndCollectOptions,
  PlayItem,
  PlayOptions,
  PlayRingtoneOptions,
  PlayTTSOptions,
  PromptTTSOptions,
  QueueEnterOptions,
  QueueLeaveOptions,
  SendFaxOptions,
  SipDevice,
  StreamOptions,
  TranscribeOptions
} from "./CallOptions.js"

type CoreRecord = { readonly [key: string]: unknown }

/**
 * A call: inbound (given to `onCall`) or dialled (returned by `dial`). Never constructed by users.
 *
 * Command methods resolve with the platform's result object once the command is accepted. When
 * the call no longer exists (the platform answers 404 or 410, or the call has already ended),
 * they resolve with `{}`, as the reference documents; only 404/410 count as "gone", any other
 * refusal rejects with a `RelayError` (DIFFERENCES.md #6: the TypeScript reference swallows
 * every coded error, the documented contract is 404/410). Action-starting methods on a gone call
 * resolve with an Action already completed with the empty event (`eventType ""`, `params {}`),
 * and its `onCompleted` fires.
 *
 * After `client.disconnect()` a Call is no longer controlled by this client: its methods reject
 * with `RelayError(-1, "Connection closed")` (the call itself stays up on the platform).
 *
 * Time units: `waitFor` and `waitForEnded` take **milliseconds**; `Action.wait` takes seconds
 * (DIFFERENCES.md #2, as the TypeScript reference's code has them).
 *
 * Options are the reference's camelCase names (DIFFERENCES.md #14: the TypeScript source is
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
export class Call extends CallBridging {
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
    if (!hasKeys(extra)) return this._send("calling.answer", {}, () => this._core.answer())
    return this._command(this._core.answer({ extra: extra as CoreRecord } as CoreCall.AnswerOptions))
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
    return this._command(this._core.hangup(reason as CoreCall.EndReason))
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
    return this._command(this._core.pass)
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
    return this._command(this._core.hold)
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
    return this._command(this._core.unhold)
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
    return this._command(this._core.denoise)
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
    return this._command(this._core.denoiseStop)
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
    return this._command(this._core.echo(seconds(pick(options, ["timeout", "statusUrl"]))))
  }

  /**
   * Sends a user event (`calling.user_event`). Keys other than `event` are sent too, like the
   * Python reference (DIFFERENCES.md #11: the TypeScript reference drops them silently).
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
      ? this._execute("calling.user_event", { ...rest, ...(event === undefined ? {} : { event }) })
      : this._command(this._core.userEvent(event))
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
    return this._action("ai", options, AIAction, () => new RelayEvent("", {}), () =>
      this._core.ai(withControlId(pick(options, keys), options) as CoreCall.AIOptions))
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
    return this._command(this._core.amazonBedrock(pick(options, keys) as CoreCall.AmazonBedrockOptions))
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
    return this._command(this._core.aiMessage(pick(options, ["messageText", "role", "reset", "globalData"]) as CoreCall.AIMessageOptions))
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
    return this._command(this._core.aiHold(pick(options, ["timeout", "prompt"])))
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
    return this._command(this._core.aiUnhold(pick(options, ["prompt"])))
  }
}
