/**
 * Messages over REST (`/api/messaging/messages`: send, redact) and the read-only logs
 * (`/api/messaging/logs`, `/api/voice/logs`, `/api/fax/logs`, `/api/logs/conferences`).
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { E164, Extra, IdPath, LogParams, nullable, Page } from "./RestSchema.js"

/**
 * A message sent over REST, as the platform answers it.
 *
 * @example
 * ```ts
 * import type { Messaging } from "@signalwire-effect/rest"
 *
 * const state = (m: Messaging.Message) => m.status
 * ```
 * @since 0.1.0
 */
export const Message = Schema.Struct({
  id: Schema.String,
  from: Schema.String,
  to: Schema.String,
  body: nullable(Schema.String),
  status: Schema.String,
  direction: nullable(Schema.String),
  kind: nullable(Schema.String),
  media: nullable(Schema.Array(Schema.String)),
  number_of_segments: nullable(Schema.Number),
  error_code: nullable(Schema.String),
  error_message: nullable(Schema.String),
  created_at: nullable(Schema.String),
  project_id: nullable(Schema.String),
  status_callback_url: nullable(Schema.String),
  message_uri: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Message}.
 *
 * @example
 * ```ts
 * import type { Messaging } from "@signalwire-effect/rest"
 *
 * const id = (m: Messaging.Message) => m.id
 * ```
 * @since 0.1.0
 */
export type Message = typeof Message.Type

/** A sender: an E.164 number of the project, a short code, or a `whatsapp:` number. */
const Sender = Schema.Union(
  E164,
  Schema.String.pipe(Schema.pattern(/^\d{3,8}$/)),
  Schema.String.pipe(Schema.pattern(/^whatsapp:\+[1-9]\d{1,14}$/))
)

/**
 * The body of a send: `from` (a number of the project in E.164, a short code, or `whatsapp:+…`),
 * `to` (E.164), and a `body` or `media`.
 *
 * @example
 * ```ts
 * import { Messaging } from "@signalwire-effect/rest"
 *
 * const sms: typeof Messaging.Send.Type = { from: "+15551234567", to: "+15550001111", body: "Hello" }
 * ```
 * @since 0.1.0
 */
export const Send = Schema.Struct({
  from: Sender,
  to: E164,
  body: Schema.optional(Schema.String),
  media: Schema.optional(Schema.Array(Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/i)))),
  send_as_mms: Schema.optional(Schema.Boolean),
  status_callback: Schema.optional(Schema.String),
  custom_variables: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
}).pipe(Schema.filter((s) =>
  (s.body ?? "").length > 0 || (s.media ?? []).length > 0 ? undefined : "a non-empty body or media is required"
))

/**
 * The body of a redaction: the only accepted value is an empty `body`.
 *
 * @example
 * ```ts
 * import { Messaging } from "@signalwire-effect/rest"
 *
 * const redact: typeof Messaging.Redact.Type = { body: "" }
 * ```
 * @since 0.1.0
 */
export const Redact = Schema.Struct({ body: Schema.Literal("") })

/**
 * An entry of the message log.
 *
 * @example
 * ```ts
 * import type { Messaging } from "@signalwire-effect/rest"
 *
 * const delivered = (log: Messaging.MessageLog) => log.status === "delivered"
 * ```
 * @since 0.1.0
 */
export const MessageLog = Schema.Struct({
  id: Schema.String,
  from: nullable(Schema.String),
  to: nullable(Schema.String),
  status: nullable(Schema.String),
  direction: nullable(Schema.String),
  kind: nullable(Schema.String),
  source: nullable(Schema.String),
  type: nullable(Schema.String),
  url: nullable(Schema.String),
  number_of_segments: nullable(Schema.Number),
  charge: nullable(Schema.Number),
  created_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link MessageLog}.
 *
 * @example
 * ```ts
 * import type { Messaging } from "@signalwire-effect/rest"
 *
 * const to = (log: Messaging.MessageLog) => log.to
 * ```
 * @since 0.1.0
 */
export type MessageLog = typeof MessageLog.Type

/**
 * An entry of the voice, fax or conference logs: its `id`, everything else kept as sent.
 *
 * @example
 * ```ts
 * import type { Messaging } from "@signalwire-effect/rest"
 *
 * const id = (log: Messaging.LogEntry) => log.id
 * ```
 * @since 0.1.0
 */
export const LogEntry = Schema.Struct({ id: Schema.String, created_at: nullable(Schema.String) }, Extra)

/**
 * A decoded {@link LogEntry}.
 *
 * @example
 * ```ts
 * import type { Messaging } from "@signalwire-effect/rest"
 *
 * const created = (log: Messaging.LogEntry) => log.created_at
 * ```
 * @since 0.1.0
 */
export type LogEntry = typeof LogEntry.Type

/**
 * The `messages` group: send and redact.
 *
 * @example
 * ```ts
 * import { Messaging } from "@signalwire-effect/rest"
 *
 * Messaging.group.identifier // "messages"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("messages")
  .add(HttpApiEndpoint.post("send", "/api/messaging/messages").setPayload(Send).addSuccess(Message, { status: 201 }))
  .add(
    HttpApiEndpoint.patch("redact", "/api/messaging/messages/:message_id")
      .setPath(Schema.Struct({ message_id: Schema.String.pipe(Schema.minLength(1)) }))
      .setPayload(Redact)
      .addSuccess(Message)
  )

/**
 * The `logs` group: messages, voice (with events), fax and conferences.
 *
 * @example
 * ```ts
 * import { Messaging } from "@signalwire-effect/rest"
 *
 * Messaging.logsGroup.identifier // "logs"
 * ```
 * @since 0.1.0
 */
export const logsGroup = HttpApiGroup.make("logs")
  .add(HttpApiEndpoint.get("listMessages", "/api/messaging/logs").setUrlParams(LogParams).addSuccess(Page(MessageLog)))
  .add(HttpApiEndpoint.get("getMessage", "/api/messaging/logs/:id").setPath(IdPath).addSuccess(MessageLog))
  .add(HttpApiEndpoint.get("listVoice", "/api/voice/logs").setUrlParams(LogParams).addSuccess(Page(LogEntry)))
  .add(HttpApiEndpoint.get("getVoice", "/api/voice/logs/:id").setPath(IdPath).addSuccess(LogEntry))
  .add(
    HttpApiEndpoint.get("listVoiceEvents", "/api/voice/logs/:id/events")
      .setPath(IdPath)
      .addSuccess(Page(Schema.Struct({}, Extra)))
  )
  .add(HttpApiEndpoint.get("listFax", "/api/fax/logs").setUrlParams(LogParams).addSuccess(Page(LogEntry)))
  .add(HttpApiEndpoint.get("getFax", "/api/fax/logs/:id").setPath(IdPath).addSuccess(LogEntry))
  .add(HttpApiEndpoint.get("listConferences", "/api/logs/conferences").setUrlParams(LogParams).addSuccess(Page(LogEntry)))
