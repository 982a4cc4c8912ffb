/**
 * What happens to an outbound SMS / MMS (`messaging.send`) in the sandbox: whether the carrier
 * delivers it, with which reason it fails, how fast its states follow one another, and whether it
 * stalls before a terminal state. The sandbox looks a script up by the message's `to_number`
 * (`messages.script`) and falls back to the default script (`messages.scriptDefault`).
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"

/**
 * The terminal state of a message sent to a scripted destination (§12.3).
 *
 * @example
 * ```ts
 * import type { MessageScript } from "@signalwire-effect/sandbox"
 *
 * const outcome: MessageScript.Outcome = "undelivered"
 * ```
 * @since 0.1.0
 */
export type Outcome = "delivered" | "undelivered" | "failed"

/**
 * The fate of outbound messages to a destination. Every field is optional; the defaults deliver
 * the message, sending `initiated`, `sent` and `delivered` 20 ms apart.
 *
 * @example
 * ```ts
 * import { RelaySandbox, type MessageScript } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const blocked: MessageScript.MessageScript = { outcome: "undelivered", reason: "carrier_blocked" }
 *
 * const program = Effect.gen(function* () {
 *   const sandbox = yield* RelaySandbox.RelaySandbox
 *   yield* sandbox.messages.script("+15551230001", blocked)
 *   yield* sandbox.messages.script("+15551230002", { stallAfter: "sent" })
 *   yield* sandbox.messages.scriptDefault({ stepEvery: "5 millis" })
 * })
 * ```
 * @since 0.1.0
 */
export interface MessageScript {
  /** Terminal outcome for messages sent to this destination. Default "delivered". */
  readonly outcome?: Outcome | undefined
  /** Reason sent with undelivered / failed. Default "carrier_rejected" / "unreachable_destination". */
  readonly reason?: string | undefined
  /** Delay between successive states (initiated, sent, terminal). Default "20 millis". */
  readonly stepEvery?: Duration.DurationInput | undefined
  /** Stop after this state and never send a terminal one (to test client-side timeouts). */
  readonly stallAfter?: "initiated" | "sent" | undefined
}
