/**
 * The messaging simulation's public types: a simulated SMS / MMS (`SimMessage`) and the
 * `Messages` API that scripts delivery, sends inbound messages and reads their Messaging cXML
 * transcripts. `RelaySandbox` re-exports every type here.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type * as MessageScriptModule from "./MessageScript.js"
import type { SandboxError } from "./SandboxServer.js"
import type * as Transcript from "./Transcript.js"

/**
 * What happens to outbound messages to a destination (the same type as `MessageScript.MessageScript`).
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const rejected: RelaySandbox.MessageScript = { outcome: "failed", reason: "invalid_destination" }
 * ```
 * @since 0.1.0
 */
export type MessageScript = MessageScriptModule.MessageScript

/**
 * A simulated SMS / MMS, as it is now: an outbound one sent by a client (`messaging.send`) or an
 * inbound one the sandbox delivered (`messaging.receive`).
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const describe = (message: RelaySandbox.SimMessage) =>
 *   `${message.direction} ${message.from} → ${message.to} (${message.segments} segments): ${message.state}`
 * ```
 * @since 0.1.0
 */
export interface SimMessage {
  readonly messageId: string
  readonly direction: "inbound" | "outbound"
  readonly from: string
  readonly to: string
  readonly body: string | undefined
  /** Media URLs (an MMS); empty for an SMS. */
  readonly media: ReadonlyArray<string>
  readonly segments: number
  readonly tags: ReadonlyArray<string>
  readonly context: string
  readonly region: string | undefined
  /** `queued` until the first state event; `received` for inbound messages. */
  readonly state: "queued" | "initiated" | "sent" | "delivered" | "undelivered" | "failed" | "received"
  /** The reason of an `undelivered` / `failed` message. */
  readonly reason: string | undefined
  /** The `protocol` the state events go to (outbound), or the message was delivered to (inbound). */
  readonly session: string | undefined
  /** The inbound message this one answers (sent by a Messaging cXML `<Message>`): compat shows it `outbound-reply`. */
  readonly inReplyTo: string | undefined
}

/**
 * The messaging simulation: `messaging.send` with scripted delivery per destination, inbound
 * messages, and what the sandbox has seen.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const otp = Effect.gen(function* () {
 *   const sandbox = yield* RelaySandbox.RelaySandbox
 *   yield* sandbox.messages.script("+15550001111", { outcome: "undelivered", reason: "carrier_blocked" })
 *   // …a client sends a message to +15550001111, then:
 *   const sent = yield* sandbox.messages.waitForMessage((m) => m.to === "+15550001111")
 *   const final = yield* sandbox.messages.waitForFinal(sent.messageId)
 *   // final.state === "undelivered", final.reason === "carrier_blocked"
 *   yield* sandbox.messages.inbound({ from: "+15550001111", to: "+15552220000", body: "STOP", context: "office" })
 * })
 * ```
 * @since 0.1.0
 */
export interface Messages {
  /** Scripts delivery for a destination number until the Scope closes (the newest script in place wins). */
  readonly script: (destination: string, script: MessageScript) => Effect.Effect<void, never, Scope.Scope>
  /** The script for destinations that have none, until the Scope closes. */
  readonly scriptDefault: (script: MessageScript) => Effect.Effect<void, never, Scope.Scope>
  /** Adds an owned number (an accepted `from_number`) until the Scope closes. */
  readonly ownNumber: (number: string) => Effect.Effect<void, never, Scope.Scope>
  /**
   * The numbers the project owns now (the accepted `from_number`s): `SandboxOptions.numbers`
   * (or the default ones) and those `ownNumber` holds, in the order they were added.
   */
  readonly numbers: Effect.Effect<ReadonlyArray<string>>
  /**
   * An inbound message. With `context`, or to a number whose messages are not bound to cXML, it is
   * delivered (`messaging.receive`) to one connected session receiving `context` (default: the
   * context the number's messages are bound to, else `"default"`; several such sessions take
   * turns); fails with SandboxError when none does. Without `context`, to a number with an
   * `SmsUrl` (its own or its application's), that Messaging cXML runs (see `transcript`).
   */
  readonly inbound: (options: {
    readonly from: string
    readonly to: string
    readonly body?: string | undefined
    readonly media?: ReadonlyArray<string> | undefined
    readonly context?: string | undefined
    readonly tags?: ReadonlyArray<string> | undefined
  }) => Effect.Effect<SimMessage, SandboxError>
  readonly get: (messageId: string) => Effect.Effect<Option.Option<SimMessage>>
  /** Every message the sandbox has seen, oldest first (at most 10 000 finished ones are kept). */
  readonly list: Effect.Effect<ReadonlyArray<SimMessage>>
  /** Waits for the first message (existing or future) matching the predicate. Bound it with a timeout. */
  readonly waitForMessage: (predicate: (message: SimMessage) => boolean) => Effect.Effect<SimMessage>
  /**
   * Waits until the message is in a terminal state (delivered / undelivered / failed / received);
   * a message that does not exist yet is waited for. Bound it with a timeout.
   */
  readonly waitForFinal: (messageId: string) => Effect.Effect<SimMessage>
  /**
   * The transcript of the Messaging cXML an inbound message ran (its number's `SmsUrl`): the
   * requests, documents, verbs and messages sent, ending with `MessageHandled`; empty when it ran none.
   */
  readonly transcript: (messageId: string) => Effect.Effect<ReadonlyArray<Transcript.Entry>>
  /** Waits until the message's Messaging cXML run has ended, then its transcript. Bound it with a timeout. */
  readonly waitForTranscript: (messageId: string) => Effect.Effect<ReadonlyArray<Transcript.Entry>>
}
