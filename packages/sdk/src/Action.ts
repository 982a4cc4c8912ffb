/**
 * SignalWire's SDK's Action classes: the handle of a long-running call
 * operation (play, record, collect, detect, fax, tap, stream, pay, transcribe, AI), with the three
 * documented completion patterns: `await action.wait()`, fire-and-forget then `isDone` / `result`,
 * or the `onCompleted` option of the method that started it.
 *
 * The Effect core tracks each action by `control_id` and settles it; sub-commands (`stop`,
 * `pause`, …) go through the core's call-scoped `execute`, so they resolve with the platform's
 * result object, as the reference's do.
 *
 * @since 0.1.0
 */
import { Outcome } from "./internal/outcome.js"
import { invokeDetached } from "./internal/runtime.js"
import { log } from "./internal/log.js"
import type {
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

/**
 * The result object of a RELAY command (`{code, message, …}`), or `{}` when the call was gone.
 *
 *
 * @example
 * ```ts
 * import type { CommandResult } from "@signalwire-effect/sdk"
 *
 * const accepted = (result: CommandResult) => result.code === "200"
 * ```
 * @since 0.1.0
 */
export type CommandResult = Record<string, unknown>

/**
 * Called once with an action's terminal event (also the empty event of a call that is gone).
 * May be async; what it throws or rejects with is logged.
 *
 *
 * @example
 * ```ts
 * import type { CompletedCallback } from "@signalwire-effect/sdk"
 *
 * const done: CompletedCallback = (event) => console.log(`${event.eventType} finished`)
 * ```
 * @since 0.1.0
 */
export type CompletedCallback<E extends RelayEvent = RelayEvent> = (event: E) => void | Promise<void>

/**
 * The minimal view of a Call an Action keeps (its owner, and a way to run sub-commands).
 *
 *
 * @example
 * ```ts
 * import type { CallLike } from "@signalwire-effect/sdk"
 *
 * const describe = (call: CallLike) => `${call.callId}@${call.nodeId}: ${call.state}`
 * ```
 * @since 0.1.0
 */
export interface CallLike {
  readonly callId: string
  readonly nodeId: string
  readonly state: string
}

/**
 * How an Action sends its sub-commands: a call-scoped method on the call's connection, with
 * call-gone (404/410) mapped to `{}`.
 */
type Send = (method: string, params: Record<string, unknown>) => Promise<CommandResult>

/**
 * The base Action.
 *
 * Time unit of `wait(timeout)`: **seconds**, as the TypeScript reference's code documents it
 * (DIFFERENCES.md #2; the guide's `action.wait(10_000)` would wait 10 000 s).
 *
 * When the call ends before the action reports a terminal state (the platform sends none for
 * play, collect, detect, pay or fax then), the action completes with the empty event, as it does
 * when the call is already gone when the action starts: `wait()` never hangs on a dead call.
 * When the client disconnects first, `wait()` rejects with `RelayError(-1, "Connection closed")`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const greet = async (call: Call) => {
 *   const action = await call.play([{ type: "tts", text: "Welcome" }])
 *   const event = await action.wait(30) // seconds
 *   console.log(event.eventType, action.isDone, action.completed)
 * }
 * ```
 * @since 0.1.0
 */
export class Action<E extends RelayEvent = RelayEvent> {
  /** The Call the action runs on. */
  readonly call: CallLike
  /** The action's `control_id`. */
  readonly controlId: string
  readonly #outcome = new Outcome<E>()
  readonly #onCompleted: CompletedCallback<E> | undefined
  readonly #verb: string
  readonly #send: Send | undefined

  /**
   * Created by the Call methods that start actions; not by users. `verb` is the start method
   * (`calling.play`), the prefix of the sub-commands; without `send` (the call was gone at
   * start) sub-commands resolve with `{}` and send nothing.
   */
  constructor(
    call: CallLike,
    controlId: string,
    verb: string,
    send: Send | undefined,
    onCompleted?: CompletedCallback<E>
  ) {
    this.call = call
    this.controlId = controlId
    this.#verb = verb
    this.#send = send
    this.#onCompleted = onCompleted
  }

  /** The terminal event, or `null` while the action runs. */
  get result(): E | null {
    return this.#outcome.value ?? null
  }

  /** True once the action completed (not when it failed, e.g. on disconnect). */
  get completed(): boolean {
    return this.#outcome.value !== undefined
  }

  /** True once the action completed or failed. */
  get isDone(): boolean {
    return this.#outcome.isDone
  }

  /**
   * Resolves with the terminal event. `timeout` is in **seconds**; when it passes first, rejects
   * with `Error("Action wait timed out after <timeout>s")` and the action is not affected (a
   * later `wait()` still works).
   */
  wait(timeout?: number): Promise<E> {
    return this.#outcome.wait(
      timeout === undefined ? undefined : timeout * 1000,
      () => new Error(`Action wait timed out after ${timeout}s`)
    )
  }

  /** Stops the action (`<verb>.stop`). Resolves with the RPC result, `{}` when the call is gone. */
  stop(): Promise<CommandResult> {
    return this.sub("stop")
  }

  /**
   * Completes the action (once): records the event and calls `onCompleted`. Used by the Call.
   *
   * @internal
   */
  _resolve(event: E): void {
    if (!this.#outcome.succeed(event)) return
    const callback = this.#onCompleted
    if (callback !== undefined) {
      invokeDetached(`onCompleted of action ${this.controlId}`, () => callback(event), (text, error) => log("error", text, error))
    }
  }

  /**
   * Fails the action (once): its waiters reject with `error`. Used by the Call.
   *
   * @internal
   */
  _reject(error: Error): void {
    this.#outcome.fail(error)
  }

  /**
   * Sends `<verb>.<name>` (or `method` when given in full) with this action's `control_id`; `{}`
   * when the call was gone at start. Like every call method, 404/410 resolve with `{}`: the
   * platform answers so once the action is over.
   */
  protected sub(name: string, params: Record<string, unknown> = {}, method = `${this.#verb}.${name}`): Promise<CommandResult> {
    return this.#send === undefined ? Promise.resolve({}) : this.#send(method, { control_id: this.controlId, ...params })
  }
}

/**
 * `play` (and `playTTS`, `playAudio`, `playSilence`, `playRingtone`): completes on `finished` or
 * `error`. `pause()` takes no `behavior` (DIFFERENCES.md #13: that is Python only).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const music = async (call: Call) => {
 *   const action = await call.playAudio("https://cdn.example.com/hold.mp3")
 *   await action.volume(-6)
 *   await action.pause()
 *   await action.resume()
 *   await action.stop()
 * }
 * ```
 * @since 0.1.0
 */
export class PlayAction extends Action<PlayEvent> {
  /** `calling.play.pause`. */
  pause(): Promise<CommandResult> {
    return this.sub("pause")
  }
  /** `calling.play.resume`. */
  resume(): Promise<CommandResult> {
    return this.sub("resume")
  }
  /** `calling.play.volume`, in dB from -40 to +40. */
  volume(db: number): Promise<CommandResult> {
    return this.sub("volume", { volume: db })
  }
}

/**
 * `record`: completes on `finished` or `no_input`; the event is a `RecordEvent`, so
 * `(await action.wait()).url` reads the recording's URL (DIFFERENCES.md #5).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const voicemail = async (call: Call) => {
 *   const action = await call.record({ beep: true, end_silence_timeout: 3 })
 *   const event = await action.wait()
 *   console.log(event.url, event.duration)
 * }
 * ```
 * @since 0.1.0
 */
export class RecordAction extends Action<RecordEvent> {
  /** `calling.record.pause`; `behavior` is `skip` (default) or `silence`. */
  pause(behavior?: "skip" | "silence"): Promise<CommandResult> {
    return this.sub("pause", behavior === undefined ? {} : { behavior })
  }
  /** `calling.record.resume`. */
  resume(): Promise<CommandResult> {
    return this.sub("resume")
  }
}

/**
 * `detect` (and `detectAnsweringMachine`, `detectFax`, `detectDigit`): completes on the first
 * detection result (`detect.params.event`), or on `finished` / `error`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const human = async (call: Call) => {
 *   const action = await call.detect({ type: "machine", params: { initial_timeout: 4 } }, { timeout: 30 })
 *   const event = await action.wait()
 *   return (event.detect.params as { event?: string } | undefined)?.event === "HUMAN"
 * }
 * ```
 * @since 0.1.0
 */
export class DetectAction extends Action<DetectEvent> {}

/**
 * `playAndCollect`: completes on the first `calling.call.collect` event with a final `result`,
 * or on `finished`, `error`, `no_input`, `no_match`. `stop()` sends
 * `calling.play_and_collect.stop`. No `pause()` / `resume()` (DIFFERENCES.md #12: Python
 * only).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const menu = async (call: Call) => {
 *   const action = await call.playAndCollect(
 *     [{ type: "tts", text: "Press 1 for sales" }],
 *     { digits: { max: 1, digit_timeout: 5 } }
 *   )
 *   const event = await action.wait()
 *   return event.result
 * }
 * ```
 * @since 0.1.0
 */
export class CollectAction extends Action<CollectEvent> {
  /** `calling.play_and_collect.volume`, in dB from -40 to +40. */
  volume(db: number): Promise<CommandResult> {
    return this.sub("volume", { volume: db })
  }
  /** `calling.collect.start_input_timers`. */
  startInputTimers(): Promise<CommandResult> {
    return this.sub("start_input_timers", {}, "calling.collect.start_input_timers")
  }
}

/**
 * `collect` (without a prompt): like {@link CollectAction}; `stop()` sends `calling.collect.stop`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const speech = async (call: Call) => {
 *   const action = await call.collect({ speech: { end_silence_timeout: 1 }, startInputTimers: false })
 *   await action.startInputTimers()
 *   return (await action.wait()).result
 * }
 * ```
 * @since 0.1.0
 */
export class StandaloneCollectAction extends Action<CollectEvent> {
  /** `calling.collect.start_input_timers`. */
  startInputTimers(): Promise<CommandResult> {
    return this.sub("start_input_timers", {}, "calling.collect.start_input_timers")
  }
}

/**
 * `sendFax` / `receiveFax`: completes on `finished` or `error`; `stop()` sends
 * `calling.send_fax.stop` or `calling.receive_fax.stop`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const fax = async (call: Call) => (await (await call.sendFax("https://example.com/doc.pdf")).wait()).fax
 * ```
 * @since 0.1.0
 */
export class FaxAction extends Action<FaxEvent> {}

/**
 * `tap`: completes on `finished`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const tap = (call: Call) =>
 *   call.tap({ type: "audio", params: { direction: "both" } }, { type: "ws", params: { uri: "wss://tap.example.com" } })
 * ```
 * @since 0.1.0
 */
export class TapAction extends Action<TapEvent> {}

/**
 * `stream`: completes on `finished`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const stream = (call: Call) => call.stream("wss://media.example.com/in", { track: "both_tracks" })
 * ```
 * @since 0.1.0
 */
export class StreamAction extends Action<StreamEvent> {}

/**
 * `pay`: completes on `finished` or `error`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const pay = (call: Call) => call.pay("https://pay.example.com/connector", { chargeAmount: "9.99" })
 * ```
 * @since 0.1.0
 */
export class PayAction extends Action<PayEvent> {}

/**
 * `transcribe`: completes on `finished`.
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const transcript = async (call: Call) => (await (await call.transcribe()).wait()).url
 * ```
 * @since 0.1.0
 */
export class TranscribeAction extends Action<TranscribeEvent> {}

/**
 * `ai`: completes on `finished` or `error` (`calling.call.ai` has no typed event class, so the
 * event is a plain `RelayEvent`).
 *
 * @example
 * ```ts
 * import type { Call } from "@signalwire-effect/sdk"
 *
 * const agent = (call: Call) => call.ai({ prompt: { text: "You are a helpful receptionist." } })
 * ```
 * @since 0.1.0
 */
export class AIAction extends Action<RelayEvent> {}
