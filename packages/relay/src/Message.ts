/**
 * SMS and MMS: messages sent with `RelayClient.sendMessage` and tracked by `message_id` through
 * `messaging.state` until a final state, and inbound messages handed to `RelayClient.onMessage`
 * (PROTOCOL.md §12).
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { ClientClosed, EventOverflow, MessageWaitError, SessionLost } from "./RelayError.js"

/**
 * A message's state (PROTOCOL.md §12.3).
 *
 *
 * @example
 * ```ts
 * import type { Message } from "@signalwire-effect/relay"
 *
 * const final = (state: Message.MessageState) => state === "delivered" || state === "failed"
 * ```
 * @since 0.1.0
 */
export type MessageState = "queued" | "initiated" | "sent" | "delivered" | "undelivered" | "failed" | "received"

/**
 * The states after which nothing more happens to an outbound message.
 *
 * @example
 * ```ts
 * import { Message } from "@signalwire-effect/relay"
 *
 * Message.terminalStates.includes("delivered") // true
 * ```
 * @since 0.1.0
 */
export const terminalStates: ReadonlyArray<MessageState> = ["delivered", "undelivered", "failed"]

const E164 = Schema.String.pipe(
  Schema.pattern(/^\+[1-9]\d{1,14}$/, { message: () => "expected an E.164 number such as +15551234567" })
)
const MediaUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/\S+$/, { message: () => "expected an http(s) media URL" })
)

/**
 * What `sendMessage` takes: `to` and `from` (E.164; `from` must be a number of the project),
 * then `body` and/or `media` (at least one, non-empty), optional `tags` and `region`, and the
 * `context` its state events go to (default: the session's protocol, then `"default"`).
 *
 * @example
 * ```ts
 * import { Message } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Message.SendMessageOptions)({ to: "+15559876543", from: "+15551234567", body: "Hello!" }) // true
 * ```
 * @since 0.1.0
 */
export const SendMessageOptions = Schema.Struct({
  to: E164,
  from: E164,
  body: Schema.optional(Schema.String),
  media: Schema.optional(Schema.Array(MediaUrl)),
  context: Schema.optional(Schema.NonEmptyString),
  tags: Schema.optional(Schema.Array(Schema.String)),
  region: Schema.optional(Schema.NonEmptyString)
}).pipe(
  Schema.filter((o) => (o.body !== undefined && o.body.length > 0) || (o.media !== undefined && o.media.length > 0), {
    message: () => "a message needs a non-empty body or at least one media URL"
  })
)

/**
 * The options of `sendMessage`.
 *
 *
 * @example
 * ```ts
 * import type { Message } from "@signalwire-effect/relay"
 *
 * const options: Message.SendMessageOptions = { to: "+15559876543", from: "+15551234567", media: ["https://cdn.example.com/cat.jpg"] }
 * ```
 * @since 0.1.0
 */
export type SendMessageOptions = typeof SendMessageOptions.Type

/**
 * A message. `state` and `reason` are live for outbound messages.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const notify = Effect.gen(function* () {
 *   const relay = yield* RelayClient.RelayClient
 *   const message = yield* relay.sendMessage({ to: "+15559876543", from: "+15551234567", body: "Your code is 4242" })
 *   yield* message.wait("2 minutes")
 * })
 * ```
 * @since 0.1.0
 */
export interface Message {
  readonly messageId: string
  readonly direction: "inbound" | "outbound"
  readonly from: string
  readonly to: string
  readonly body: string | undefined
  readonly media: ReadonlyArray<string>
  readonly segments: number | undefined
  readonly tags: ReadonlyArray<string>
  readonly context: string
  readonly state: MessageState
  /** Why an outbound message was not delivered. */
  readonly reason: string | undefined
  /**
   * Waits for a final state: succeeds with the message once `delivered` (at once for inbound
   * messages), fails with `MessageFailed` for `undelivered` / `failed`, `MessageTimeout` when
   * `timeout` passes first (default: the client's `messageTimeout`), `ClientClosed` when the client
   * closes.
   */
  readonly wait: (timeout?: Duration.DurationInput) => Effect.Effect<Message, MessageWaitError>
  /**
   * The states from now on, ending after the final one. Each run has its own bounded buffer; a
   * consumer that falls behind fails with `EventOverflow`; it fails with `SessionLost` when the
   * message's session was replaced before its final state.
   */
  readonly states: Stream.Stream<MessageState, EventOverflow | ClientClosed | SessionLost>
}
