/**
 * The transcript entries of cXML only (queues, conferences joined, media streams, payments, SIP
 * refers, echo / noise-reduction switches, an invalid document). Public as members of
 * `Transcript` (re-exported there, and part of its `Entry` union).
 */
import * as Schema from "effect/Schema"

const at = { at: Schema.Number.annotations({ description: "sandbox clock, epoch milliseconds" }) }

/**
 * A cXML document that could not be read (not well-formed XML, or its root is not `<Response>`):
 * the call ends (end reason `error`).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const why = (e: Transcript.CxmlInvalid) => `${e.source}: ${e.detail}`
 * ```
 * @since 0.1.0
 */
export class CxmlInvalid extends Schema.TaggedClass<CxmlInvalid>()("CxmlInvalid", {
  ...at,
  source: Schema.String,
  detail: Schema.String
}) {}

/**
 * A queue step of cXML `<Enqueue>` or SWML `enter_queue`: the call entered the queue
 * (`enqueued`), or left it — `bridged` (a `<Dial><Queue>` or a connect to the queue took it),
 * `leave` (a `<Leave>`), `timeout` (SWML's `wait_time` ran out), `redirected` (dequeued over REST
 * to a new document), `redirected-from-bridged` (moved to a new document while bridged),
 * `hangup` (it ended while waiting), `queue-full` (not taken: the queue's `MaxSize` was reached),
 * `error` (the wait document could not be fetched or run) — the cXML `QueueResult` names.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const left = (e: Transcript.Queued) => e.result !== "enqueued"
 * ```
 * @since 0.1.0
 */
export class Queued extends Schema.TaggedClass<Queued>()("Queued", {
  ...at,
  queue: Schema.String,
  result: Schema.Literal("enqueued", "bridged", "leave", "timeout", "redirected", "redirected-from-bridged", "hangup", "queue-full", "error")
}) {}

/**
 * The call joined a conference (cXML `<Dial><Conference>`, SWML `join_conference`); it stays until it leaves or is
 * removed.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const room = (e: Transcript.Conferenced) => e.name
 * ```
 * @since 0.1.0
 */
export class Conferenced extends Schema.TaggedClass<Conferenced>()("Conferenced", {
  ...at,
  name: Schema.String
}) {}

/**
 * A cXML media stream (`<Start><Stream>`, `<Connect><Stream>`): the WebSocket was opened and the
 * `connected`, `start` and `media` messages sent (`started`), the stream ended (`stopped`, with the
 * number of messages the server sent), or it could not start (`failed`, with the `StreamError`).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const running = (e: Transcript.Streamed) => e.result === "started"
 * ```
 * @since 0.2.0
 */
export class Streamed extends Schema.TaggedClass<Streamed>()("Streamed", {
  ...at,
  url: Schema.String,
  streamSid: Schema.String,
  name: Schema.optional(Schema.String),
  bidirectional: Schema.Boolean,
  result: Schema.Literal("started", "stopped", "failed"),
  received: Schema.optional(Schema.Number),
  detail: Schema.optional(Schema.String)
}) {}

/**
 * A cXML `<Pay>`: its `Result` and what may be shown of the payment (never card data: the card
 * number only as its masked form).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const ok = (e: Transcript.Paid) => e.result === "success"
 * ```
 * @since 0.2.0
 */
export class Paid extends Schema.TaggedClass<Paid>()("Paid", {
  ...at,
  result: Schema.String,
  paymentMethod: Schema.String,
  chargeAmount: Schema.optional(Schema.String),
  maskedCardNumber: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String)
}) {}

/**
 * A cXML `<Refer>`: the SIP REFER to `to` and its `ReferCallStatus`, with the SIP codes of the
 * REFER reply and the last NOTIFY.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const transferred = (e: Transcript.Referred) => e.status === "in-progress"
 * ```
 * @since 0.2.0
 */
export class Referred extends Schema.TaggedClass<Referred>()("Referred", {
  ...at,
  to: Schema.String,
  status: Schema.String,
  referCode: Schema.optional(Schema.String),
  notifyCode: Schema.optional(Schema.String)
}) {}

/**
 * A fax received by cXML `<Receive>`: the inbound compat fax (`FaxSid`), its `FaxStatus`
 * (`received`, `failed`), its pages and the `MediaUrl` the sandbox serves its document at.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const got = (e: Transcript.FaxReceived) => e.status === "received" ? e.pages : 0
 * ```
 * @since 0.2.0
 */
export class FaxReceived extends Schema.TaggedClass<FaxReceived>()("FaxReceived", {
  ...at,
  faxSid: Schema.String,
  status: Schema.String,
  pages: Schema.Number,
  mediaUrl: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String)
}) {}

/**
 * A transcription of a cXML `<Record>` (`transcribe`): the compat transcription made from the far
 * end's scripted speech, `completed` with its text or `failed` (the script gives none).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const said = (e: Transcript.Transcribed) => e.text ?? ""
 * ```
 * @since 0.2.0
 */
export class Transcribed extends Schema.TaggedClass<Transcribed>()("Transcribed", {
  ...at,
  transcriptionSid: Schema.String,
  recordingSid: Schema.String,
  status: Schema.Literal("completed", "failed"),
  text: Schema.optional(Schema.String)
}) {}

/**
 * A cXML call feature switched: `<Echo>` (`on` while it echoes, then `off` when its timeout is
 * up) or `<Denoise>` (noise reduction `on` / `off`).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const denoised = (e: Transcript.Switched) => e.feature === "denoise" && e.on
 * ```
 * @since 0.2.0
 */
export class Switched extends Schema.TaggedClass<Switched>()("Switched", {
  ...at,
  feature: Schema.Literal("echo", "denoise"),
  on: Schema.Boolean
}) {}

/**
 * The Messaging cXML run an inbound message started (its number's `SmsUrl`) is over:
 * `completed` (its last document ran out) or `error` (a document could not be fetched or read,
 * fallback included, or a verb failed or is not simulated).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const ok = (e: Transcript.MessageHandled) => e.result === "completed"
 * ```
 * @since 0.2.0
 */
export class MessageHandled extends Schema.TaggedClass<MessageHandled>()("MessageHandled", {
  ...at,
  messageId: Schema.String,
  result: Schema.Literal("completed", "error")
}) {}
