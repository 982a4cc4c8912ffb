/**
 * SignalWire's SDK's `Message`: an SMS / MMS sent with
 * `client.sendMessage` (tracked by `message_id` through `messaging.state` until a terminal state)
 * or received through `client.onMessage`.
 *
 * @since 0.1.0
 */
import type { CompletedCallback } from "./Action.js"
import { Outcome } from "./internal/outcome.js"
import { invokeDetached } from "./internal/runtime.js"
import { log } from "./internal/log.js"
import { MessageReceiveEvent, type RelayEvent } from "./RelayEvent.js"

const TERMINAL = new Set(["delivered", "undelivered", "failed"])
/** State events kept for listeners added later (a message goes through a handful of states). */
const HISTORY_MAX = 64

/**
 * The fields a Message starts with.
 *
 *
 * @example
 * ```ts
 * import type { MessageInit } from "@signalwire-effect/sdk"
 *
 * const fields = (init: MessageInit) => `${init.fromNumber} → ${init.toNumber}`
 * ```
 * @since 0.1.0
 */
export interface MessageInit {
  readonly messageId: string
  readonly context: string
  readonly direction: "inbound" | "outbound"
  readonly fromNumber: string
  readonly toNumber: string
  readonly body: string
  readonly media: ReadonlyArray<string>
  readonly segments: number
  readonly state: string
  readonly tags: ReadonlyArray<string>
}

/**
 * A message. `state`, `reason` and `segments` follow the platform's `messaging.state` events.
 *
 * - `wait(timeout?)` resolves with the terminal event (`delivered`, `undelivered` or `failed`:
 *   a failed delivery resolves too, look at `state` / `reason`). `timeout` is in **seconds**
 *   (DIFFERENCES.md #2; the guide's `message.wait(30_000)` would wait 30 000 s) → rejects
 *   with `Error("Message wait timed out after <t>s")`.
 * - `on(handler)` gets every `messaging.state` event of this message (a `MessageStateEvent`,
 *   which is a `RelayEvent`), whenever it is added: the events the message already went through
 *   are replayed to it at once, in order, then the next ones follow. (The reference only delivers
 *   the events that arrive after `on()`, so a fast state was lost to a listener added late.)
 * - `client.sendMessage` resolves with the message in state `queued`; its state events, even
 *   those that beat the platform's reply, are applied from the next turn of the event loop, so
 *   code right after `await client.sendMessage(…)` sees `queued` and its listeners see every state.
 * - Tracking survives `disconnect()` / `connect()`: the session resumes and the platform
 *   re-delivers unacknowledged state events, so `wait()` and `onCompleted` still complete.
 * - An inbound message is final as received: `wait()` resolves at once with its
 *   `messaging.receive` event (the reference leaves it pending forever, since inbound messages are
 *   not tracked).
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/sdk"
 *
 * const client = new RelayClient({ contexts: ["default"] })
 * await client.connect()
 * const message = await client.sendMessage({ toNumber: "+15559876543", fromNumber: "+15551234567", body: "Hello!" })
 * message.on((event) => console.log(event.params.message_state))
 * const final = await message.wait(60)
 * console.log(message.state, message.reason, final.eventType)
 * await client.disconnect()
 * ```
 * @since 0.1.0
 */
export class Message {
  readonly messageId: string
  readonly context: string
  /** `inbound` or `outbound`. */
  readonly direction: string
  /** E.164. */
  readonly fromNumber: string
  /** E.164. */
  readonly toNumber: string
  readonly body: string
  readonly media: Array<string>
  readonly tags: Array<string>
  /** 0 for an outbound message until the platform reports it. */
  segments: number
  /** `queued`, `initiated`, `sent`, `delivered`, `undelivered`, `failed`; `received` for inbound. */
  state: string
  /** Why an outbound message was `undelivered` / `failed`. */
  reason = ""
  readonly #outcome = new Outcome<RelayEvent>()
  readonly #listeners: Array<(event: RelayEvent) => void | Promise<void>> = []
  readonly #history: Array<RelayEvent> = []
  readonly #onCompleted: CompletedCallback | undefined

  /** Created by the client (`sendMessage`, `onMessage`); not by users. */
  constructor(init: MessageInit, onCompleted?: CompletedCallback) {
    this.messageId = init.messageId
    this.context = init.context
    this.direction = init.direction
    this.fromNumber = init.fromNumber
    this.toNumber = init.toNumber
    this.body = init.body
    this.media = Array.from(init.media)
    this.tags = Array.from(init.tags)
    this.segments = init.segments
    this.state = init.state
    this.#onCompleted = onCompleted
    if (init.direction === "inbound") {
      this.#outcome.succeed(
        new MessageReceiveEvent("messaging.receive", {
          message_id: init.messageId,
          context: init.context,
          direction: init.direction,
          from_number: init.fromNumber,
          to_number: init.toNumber,
          body: init.body,
          media: this.media,
          segments: init.segments,
          message_state: init.state,
          tags: this.tags
        })
      )
    }
  }

  /** True once a terminal state was reached (always for inbound messages). */
  get isDone(): boolean {
    return this.#outcome.isDone
  }

  /** The terminal event, or `null`. */
  get result(): RelayEvent | null {
    return this.#outcome.value ?? null
  }

  /**
   * Adds a listener for this message's `messaging.state` events: first the ones already applied
   * (replayed at once, in order, before `on` returns), then each one as it arrives. What it throws
   * or rejects with is logged.
   *
   * @example
   * ```ts
   * import type { Message } from "@signalwire-effect/sdk"
   *
   * const trace = (message: Message) => message.on((event) => console.log(message.messageId, event.params.message_state))
   * ```
   */
  on(handler: (event: RelayEvent) => void | Promise<void>): void {
    for (const event of Array.from(this.#history)) this.#notify(handler, event)
    this.#listeners.push(handler)
  }

  #notify(listener: (event: RelayEvent) => void | Promise<void>, event: RelayEvent): void {
    invokeDetached(`listener of message ${this.messageId}`, () => listener(event), (text, error) => log("error", text, error))
  }

  /**
   * Resolves with the terminal event; `timeout` in **seconds**.
   *
   * @example
   * ```ts
   * import type { Message } from "@signalwire-effect/sdk"
   *
   * const delivered = async (message: Message) => {
   *   await message.wait(120)
   *   return message.state === "delivered"
   * }
   * ```
   */
  wait(timeout?: number): Promise<RelayEvent> {
    return this.#outcome.wait(
      timeout === undefined ? undefined : timeout * 1000,
      () => new Error(`Message wait timed out after ${timeout}s`)
    )
  }

  /**
   * Applies one `messaging.state` event: state, reason, segments, listeners, then completion on
   * a terminal state. Used by the client.
   *
   * @internal
   */
  _apply(event: RelayEvent): void {
    if (this.#outcome.isDone) return
    const { message_state: state, reason, segments } = event.params
    if (typeof state === "string" && state.length > 0) this.state = state
    if (typeof reason === "string") this.reason = reason
    if (typeof segments === "number") this.segments = segments
    this.#history.push(event)
    if (this.#history.length > HISTORY_MAX) this.#history.shift()
    for (const listener of Array.from(this.#listeners)) this.#notify(listener, event)
    if (!TERMINAL.has(this.state) || !this.#outcome.succeed(event)) return
    const callback = this.#onCompleted
    if (callback !== undefined) {
      invokeDetached(`onCompleted of message ${this.messageId}`, () => callback(event), (text, error) => log("error", text, error))
    }
  }

  toString(): string {
    return `Message(id=${this.messageId}, direction=${this.direction}, state=${this.state}, from=${this.fromNumber}, to=${this.toNumber})`
  }
}
