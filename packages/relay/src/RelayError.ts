/**
 * The typed errors of the RELAY client. Every operation names the errors it can end with; match
 * them with `Effect.catchTag` / `Effect.catchTags`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The server refused a request: either a JSON-RPC error reply, or a success reply whose
 * `result.code` is not `2xx` (PROTOCOL.md §7). `code` is the JSON-RPC error code or the
 * numeric application code (`-1` when the server's code is not a number); `message` is the
 * server's own text; `signalwireCode` is `error.data.signalwire_error_code` when present.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function* () {
 *   const relay = yield* RelayClient.RelayClient
 *   return yield* relay.receive(["office"])
 * }).pipe(Effect.catchTag("RpcError", (e) => Effect.logWarning(`refused: ${e.code} ${e.message}`)))
 * ```
 * @since 0.1.0
 */
export class RpcError extends Schema.TaggedError<RpcError>()("RpcError", {
  method: Schema.String,
  code: Schema.Number,
  message: Schema.String,
  signalwireCode: Schema.optional(Schema.String),
  data: Schema.optional(Schema.Unknown),
  /** The call a call-scoped command was about. */
  callId: Schema.optional(Schema.String),
  /** The action a call-scoped command was about. */
  controlId: Schema.optional(Schema.String)
}) {}

/**
 * No reply arrived within the request's timeout. The timer starts when the request is issued,
 * so a request queued during an outage can time out before it is ever sent.
 *
 * @example
 * ```ts
 * import { RelayError } from "@signalwire-effect/relay"
 *
 * const e = new RelayError.RequestTimeout({ method: "signalwire.ping", requestId: "r-1", timeoutMillis: 30000 })
 * e.message // "signalwire.ping got no reply within 30000 ms"
 * ```
 * @since 0.1.0
 */
export class RequestTimeout extends Schema.TaggedError<RequestTimeout>()("RequestTimeout", {
  method: Schema.String,
  requestId: Schema.String,
  timeoutMillis: Schema.Number
}) {
  override get message(): string {
    return `${this.method} got no reply within ${this.timeoutMillis} ms`
  }
}

/**
 * The WebSocket session that carried the request ended before the reply came. Only requests
 * written on that session fail this way; requests still queued wait for the next session.
 *
 * @example
 * ```ts
 * import { RelayError } from "@signalwire-effect/relay"
 *
 * new RelayError.ConnectionLost({ method: "calling.answer", requestId: "r-1", reason: "socket closed (1006)" })
 * ```
 * @since 0.1.0
 */
export class ConnectionLost extends Schema.TaggedError<ConnectionLost>()("ConnectionLost", {
  method: Schema.String,
  requestId: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.method}: connection lost before the reply (${this.reason})`
  }
}

/**
 * The client was closed (its Scope closed: `disconnect`) while the operation was pending, or the
 * operation was issued after that.
 *
 * @example
 * ```ts
 * import { RelayError } from "@signalwire-effect/relay"
 *
 * new RelayError.ClientClosed({ operation: "signalwire.receive" }).message
 * // "signalwire.receive: the RELAY client was closed"
 * ```
 * @since 0.1.0
 */
export class ClientClosed extends Schema.TaggedError<ClientClosed>()("ClientClosed", {
  operation: Schema.String
}) {
  override get message(): string {
    return `${this.operation}: the RELAY client was closed`
  }
}

/**
 * The request was issued while the client was not authenticated and the queue of requests
 * waiting for the next session was already full (PROTOCOL.md §5.5).
 *
 * @example
 * ```ts
 * import { RelayError } from "@signalwire-effect/relay"
 *
 * new RelayError.QueueFull({ method: "signalwire.receive", capacity: 500 })
 * ```
 * @since 0.1.0
 */
export class QueueFull extends Schema.TaggedError<QueueFull>()("QueueFull", {
  method: Schema.String,
  capacity: Schema.Number
}) {
  override get message(): string {
    return `${this.method}: ${this.capacity} requests are already waiting for the connection`
  }
}

/**
 * The request was refused on our side and nothing was sent: its params cannot be encoded as
 * JSON, or the method is one the client manages itself (`signalwire.connect`).
 *
 * @example
 * ```ts
 * import { RelayError } from "@signalwire-effect/relay"
 *
 * new RelayError.InvalidRequest({ method: "signalwire.connect", reason: "managed by the client" })
 * ```
 * @since 0.1.0
 */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  method: Schema.String,
  /** One line: the field (its path) and what was expected. */
  reason: Schema.String,
  /** Every issue found, each with its path, when the request failed its schema. */
  issues: Schema.optional(Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })))
}) {
  override get message(): string {
    return `${this.method}: invalid request, nothing was sent (${this.reason})`
  }
}

/**
 * `signalwire.connect` was refused: wrong or expired credentials, or a version the server does
 * not accept. Before the first successful authentication the client gives up after
 * `maxAuthAttempts` (default 3) consecutive refusals instead of looping.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.void.pipe(
 *   Effect.provide(RelayClient.layer({ project: "p", token: "wrong" })),
 *   Effect.catchTag("AuthRejected", (e) => Effect.logError(`rejected after ${e.attempts} attempts: ${e.message}`))
 * )
 * ```
 * @since 0.1.0
 */
export class AuthRejected extends Schema.TaggedError<AuthRejected>()("AuthRejected", {
  code: Schema.Number,
  message: Schema.String,
  signalwireCode: Schema.optional(Schema.String),
  attempts: Schema.Number
}) {}

/**
 * The socket could not be opened or authenticated (refused, DNS, open timeout, connect timeout,
 * dropped during the handshake) and the reconnect schedule gave up.
 *
 * @example
 * ```ts
 * import { RelayError } from "@signalwire-effect/relay"
 *
 * new RelayError.ConnectFailed({ reason: "connection refused", attempts: 5 })
 * ```
 * @since 0.1.0
 */
export class ConnectFailed extends Schema.TaggedError<ConnectFailed>()("ConnectFailed", {
  reason: Schema.String,
  attempts: Schema.Number,
  /** Where the client tried to connect (`wss://host`). */
  url: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const where = this.url === undefined ? "RELAY" : this.url
    return this.attempts > 0
      ? `could not connect to ${where} (${this.attempts} attempt${this.attempts === 1 ? "" : "s"}): ${this.reason}`
      : `connection to ${where} lost: ${this.reason}`
  }
}

/**
 * A subscriber of a bounded event stream fell behind by more than its buffer; its stream ends
 * with this error instead of silently losing events.
 *
 * @example
 * ```ts
 * import { RelayError } from "@signalwire-effect/relay"
 *
 * new RelayError.EventOverflow({ capacity: 1024 })
 * ```
 * @since 0.1.0
 */
export class EventOverflow extends Schema.TaggedError<EventOverflow>()("EventOverflow", {
  capacity: Schema.Number
}) {
  override get message(): string {
    return `event subscriber fell more than ${this.capacity} events behind`
  }
}

/**
 * The call no longer exists on the platform: the server answered a call-scoped command with
 * `404` or `410` (PROTOCOL.md §7.4), or the call had already ended here, in which case nothing was sent
 * (`code` 410, `sent` false). A caller hanging up races with commands all the time, so this is
 * normal flow: match it and move on.
 *
 * @example
 * ```ts
 * import { Call } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const hangupQuietly = (call: Call.Call) => call.hangup().pipe(Effect.catchTag("CallGone", () => Effect.void))
 * ```
 * @since 0.1.0
 */
export class CallGone extends Schema.TaggedError<CallGone>()("CallGone", {
  method: Schema.String,
  callId: Schema.String,
  controlId: Schema.optional(Schema.String),
  code: Schema.Number,
  message: Schema.String,
  sent: Schema.Boolean
}) {}

/**
 * The call ended (or was released by its owner) before what was awaited happened: an action that
 * never completed, a state the call never reached. `endReason` is the platform's `end_reason`
 * (`hangup`, `busy`, …) or `released`.
 *
 * @example
 * ```ts
 * import { Call } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const answeredOrNot = (call: Call.Call) =>
 *   call.waitFor("answered").pipe(Effect.catchTag("CallEnded", (e) => Effect.log(`ended first: ${e.endReason}`)))
 * ```
 * @since 0.1.0
 */
export class CallEnded extends Schema.TaggedError<CallEnded>()("CallEnded", {
  callId: Schema.String,
  endReason: Schema.String,
  controlId: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return `call ${this.callId} ended (${this.endReason})${
      this.controlId === undefined ? "" : ` before action ${this.controlId} completed`
    }`
  }
}

/**
 * The RELAY session a call, action, dial or message belonged to was replaced by a new one (the
 * server did not resume it: it restarted without the session, or asked for a restart), so the
 * platform will never report on it again. Everything of the old session settles at once with this
 * error and is dropped from tracking; commands on such a call fail with it and send nothing.
 *
 * @example
 * ```ts
 * import { Call } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const ended = (call: Call.Call) =>
 *   call.ended.pipe(Effect.catchTag("SessionLost", (e) => Effect.logWarning(e.message)))
 * ```
 * @since 0.1.0
 */
export class SessionLost extends Schema.TaggedError<SessionLost>()("SessionLost", {
  operation: Schema.String,
  callId: Schema.optional(Schema.String),
  controlId: Schema.optional(Schema.String),
  messageId: Schema.optional(Schema.String),
  tag: Schema.optional(Schema.String),
  reason: Schema.String
}) {
  override get message(): string {
    const what = this.callId !== undefined
      ? `call ${this.callId}${this.controlId === undefined ? "" : ` (action ${this.controlId})`}`
      : this.messageId !== undefined
      ? `message ${this.messageId}`
      : this.tag !== undefined
      ? `dial ${this.tag}`
      : this.operation
    return `${what}: its RELAY session was replaced by a new one (${this.reason}); the platform will not report on it again`
  }
}

/**
 * An action reached a failing terminal state (`error` for play, collect, detect, fax, pay, AI).
 * `event` is the terminal event as received.
 *
 * @example
 * ```ts
 * import { Call } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const play = (call: Call.Call) =>
 *   call.playTTS("Hello").pipe(
 *     Effect.flatMap((action) => action.wait),
 *     Effect.catchTag("ActionFailed", (e) => Effect.logWarning(`${e.kind} failed: ${e.state}`))
 *   )
 * ```
 * @since 0.1.0
 */
export class ActionFailed extends Schema.TaggedError<ActionFailed>()("ActionFailed", {
  kind: Schema.String,
  callId: Schema.String,
  controlId: Schema.String,
  state: Schema.String,
  event: Schema.Unknown
}) {
  override get message(): string {
    return `${this.kind} ${this.controlId} on call ${this.callId} failed (${this.state})`
  }
}

/**
 * Every leg of a dial failed (`calling.call.dial` with `dial_state: "failed"`). `endReasons` are
 * the legs' end reasons, in the order they ended.
 *
 * @example
 * ```ts
 * import { RelayError } from "@signalwire-effect/relay"
 *
 * new RelayError.DialFailed({ tag: "t-1", endReasons: ["busy"] }).message
 * ```
 * @since 0.1.0
 */
export class DialFailed extends Schema.TaggedError<DialFailed>()("DialFailed", {
  tag: Schema.String,
  endReasons: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `dial ${this.tag} failed${this.endReasons.length > 0 ? ` (${this.endReasons.join(", ")})` : ""}`
  }
}

/**
 * The dial was accepted (`Dialing`) but no leg answered within the dial's own timeout (default
 * 120 s). Distinct from `RequestTimeout`, which means the `calling.dial` request itself got no
 * reply. Legs still ringing are hung up.
 *
 * @example
 * ```ts
 * import { RelayError } from "@signalwire-effect/relay"
 *
 * new RelayError.DialTimeout({ tag: "t-1", timeoutMillis: 120_000 }).message
 * ```
 * @since 0.1.0
 */
export class DialTimeout extends Schema.TaggedError<DialTimeout>()("DialTimeout", {
  tag: Schema.String,
  timeoutMillis: Schema.Number
}) {
  override get message(): string {
    return `dial ${this.tag}: no answer within ${this.timeoutMillis} ms`
  }
}

/**
 * An outbound message reached a failing terminal state: `undelivered` or `failed`, with the
 * carrier's `reason` when the platform gave one.
 *
 * @example
 * ```ts
 * import { Message } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const delivered = (message: Message.Message) =>
 *   message.wait().pipe(Effect.catchTag("MessageFailed", (e) => Effect.logWarning(`${e.state}: ${e.reason}`)))
 * ```
 * @since 0.1.0
 */
export class MessageFailed extends Schema.TaggedError<MessageFailed>()("MessageFailed", {
  messageId: Schema.String,
  state: Schema.String,
  reason: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return `message ${this.messageId} ${this.state}${this.reason === undefined ? "" : ` (${this.reason})`}`
  }
}

/**
 * No terminal state arrived for a message in time: `wait`'s timeout passed, or the client stopped
 * tracking the message (`messageTrackingTimeout`). `state` is the last state seen.
 *
 * @example
 * ```ts
 * import { RelayError } from "@signalwire-effect/relay"
 *
 * new RelayError.MessageTimeout({ messageId: "m-1", state: "sent", timeoutMillis: 60_000 }).message
 * ```
 * @since 0.1.0
 */
export class MessageTimeout extends Schema.TaggedError<MessageTimeout>()("MessageTimeout", {
  messageId: Schema.String,
  state: Schema.String,
  timeoutMillis: Schema.Number
}) {
  override get message(): string {
    return `message ${this.messageId}: no final state within ${this.timeoutMillis} ms (last: ${this.state})`
  }
}

/**
 * What waiting on a message can end with.
 *
 *
 * @example
 * ```ts
 * import type { RelayError } from "@signalwire-effect/relay"
 *
 * const retryable = (error: RelayError.MessageWaitError) => error._tag === "MessageTimeout"
 * ```
 * @since 0.1.0
 */
export type MessageWaitError = MessageFailed | MessageTimeout | ClientClosed | SessionLost

/**
 * What a call-scoped command can end with: the request's errors, the call being gone, or its
 * session replaced.
 *
 *
 * @example
 * ```ts
 * import type { RelayError } from "@signalwire-effect/relay"
 *
 * const gone = (error: RelayError.CommandError) => error._tag === "CallGone"
 * ```
 * @since 0.1.0
 */
export type CommandError = RequestError | CallGone | SessionLost

/**
 * What waiting on an action can end with.
 *
 *
 * @example
 * ```ts
 * import type { RelayError } from "@signalwire-effect/relay"
 *
 * const endedFirst = (error: RelayError.ActionError) => error._tag === "CallEnded"
 * ```
 * @since 0.1.0
 */
export type ActionError = ActionFailed | CallEnded | ClientClosed | SessionLost

/**
 * What waiting on a call (`waitFor`, `waitForEvent`, `ended`) can end with.
 *
 * @example
 * ```ts
 * import type { RelayError } from "@signalwire-effect/relay"
 *
 * const endedFirst = (error: RelayError.CallWaitError) => error._tag === "CallEnded"
 * ```
 * @since 0.1.0
 */
export type CallWaitError = CallEnded | ClientClosed | SessionLost

/**
 * What a dial can end with.
 *
 *
 * @example
 * ```ts
 * import type { RelayError } from "@signalwire-effect/relay"
 *
 * const noAnswer = (error: RelayError.DialError) => error._tag === "DialTimeout" || error._tag === "DialFailed"
 * ```
 * @since 0.1.0
 */
export type DialError = RequestError | DialFailed | DialTimeout | SessionLost

/**
 * What a call's event stream can end with (it simply ends when the call ends).
 *
 *
 * @example
 * ```ts
 * import type { RelayError } from "@signalwire-effect/relay"
 *
 * const tooSlow = (error: RelayError.CallEventError) => error._tag === "EventOverflow"
 * ```
 * @since 0.1.0
 */
export type CallEventError = EventOverflow | ClientClosed | SessionLost

/**
 * What a JSON-RPC request can end with.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const ping = Effect.flatMap(RelayClient.RelayClient, (relay) => relay.execute("signalwire.ping")).pipe(
 *   Effect.catchTags({ RequestTimeout: () => Effect.succeed({}), QueueFull: () => Effect.succeed({}) })
 * )
 * ```
 * @since 0.1.0
 */
export type RequestError = RpcError | RequestTimeout | ConnectionLost | ClientClosed | QueueFull | InvalidRequest

/**
 * What building the client (its first connection) can end with.
 *
 *
 * @example
 * ```ts
 * import type { RelayError } from "@signalwire-effect/relay"
 *
 * const badCredentials = (error: RelayError.ConnectError) => error._tag === "AuthRejected"
 * ```
 * @since 0.1.0
 */
export type ConnectError = AuthRejected | ConnectFailed

/**
 * What a client-wide event stream can end with.
 *
 *
 * @example
 * ```ts
 * import type { RelayError } from "@signalwire-effect/relay"
 *
 * const fellBehind = (error: RelayError.EventStreamError) => error._tag === "EventOverflow"
 * ```
 * @since 0.1.0
 */
export type EventStreamError = EventOverflow | ClientClosed

/**
 * Every error of this module.
 *
 *
 * @example
 * ```ts
 * import type { RelayError } from "@signalwire-effect/relay"
 *
 * const describe = (error: RelayError.RelayError) => `${error._tag}: ${error.message}`
 * ```
 * @since 0.1.0
 */
export type RelayError =
  | RequestError
  | ConnectError
  | EventOverflow
  | CallGone
  | CallEnded
  | ActionFailed
  | DialFailed
  | DialTimeout
  | MessageFailed
  | MessageTimeout
  | SessionLost
