/**
 * Compat (LaML) messages and their media: `/api/laml/2010-04-01/Accounts/{AccountSid}/Messages`.
 * Send (form-encoded, PascalCase fields), list with filters, get, redact (an update with an empty
 * `Body`), delete; list, get and delete a message's media.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { ACCOUNT, AccountPath, CompatPage, form, pageParams, SidPath } from "./internal/compatShared.js"
import { E164, Extra, nullable } from "./RestSchema.js"

/**
 * A message as the compat API shows it (snake_case fields; `sid` is the message id the RELAY and
 * relay-REST APIs use too).
 *
 * @example
 * ```ts
 * import type { CompatMessages } from "@signalwire-effect/rest"
 *
 * const done = (m: CompatMessages.Message) => m.status === "delivered"
 * ```
 * @since 0.1.0
 */
export const Message = Schema.Struct({
  sid: Schema.String,
  account_sid: nullable(Schema.String),
  api_version: nullable(Schema.String),
  from: nullable(Schema.String),
  to: nullable(Schema.String),
  body: nullable(Schema.String),
  num_segments: nullable(Schema.Number),
  num_media: nullable(Schema.Number),
  direction: nullable(Schema.String),
  status: Schema.String,
  error_code: nullable(Schema.Union(Schema.String, Schema.Number)),
  error_message: nullable(Schema.String),
  price: nullable(Schema.Union(Schema.Number, Schema.String)),
  price_unit: nullable(Schema.String),
  date_created: nullable(Schema.String),
  date_sent: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  messaging_service_sid: nullable(Schema.String),
  uri: nullable(Schema.String),
  subresource_uris: nullable(Schema.Record({ key: Schema.String, value: Schema.String }))
}, Extra)

/**
 * A decoded {@link Message}.
 *
 * @example
 * ```ts
 * import type { CompatMessages } from "@signalwire-effect/rest"
 *
 * const sid = (m: CompatMessages.Message) => m.sid
 * ```
 * @since 0.1.0
 */
export type Message = typeof Message.Type

const HttpUrl = Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/i, { message: () => "an http(s) URL" }))
/** `GET` or `POST`, the methods a callback may be requested with. */
const Method = Schema.Literal("GET", "POST")

/**
 * The body of a send: `To` (E.164) and `From` (a number of the project), with a `Body` or
 * `MediaUrl` (one URL or a list, sent as repeated keys).
 *
 * @example
 * ```ts
 * import { CompatMessages } from "@signalwire-effect/rest"
 *
 * const sms: typeof CompatMessages.Create.Type = { To: "+15550001111", From: "+15551234567", Body: "Hello" }
 * ```
 * @since 0.1.0
 */
export const Create = form(
  Schema.Struct({
    To: E164,
    From: Schema.String.pipe(Schema.minLength(1)),
    Body: Schema.optional(Schema.String),
    MediaUrl: Schema.optional(Schema.Union(HttpUrl, Schema.Array(HttpUrl))),
    SendAsMms: Schema.optional(Schema.BooleanFromString),
    ApplicationSid: Schema.optional(Schema.String),
    MaxPrice: Schema.optional(Schema.String.pipe(Schema.pattern(/^\d+\.?\d{0,4}$/))),
    StatusCallback: Schema.optional(HttpUrl),
    StatusCallbackMethod: Schema.optional(Method),
    ValidityPeriod: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 172800))),
    MessagingServiceSid: Schema.optional(Schema.String)
  }).pipe(Schema.filter((m) =>
    (m.Body ?? "").length > 0 || (m.MediaUrl ?? []).length > 0
      ? undefined
      : { path: ["Body"], message: "a non-empty Body or a MediaUrl is required" }
  ))
)

/**
 * The body of an update: the only one the platform takes is an empty `Body`, which redacts a
 * finished message.
 *
 * @example
 * ```ts
 * import { CompatMessages } from "@signalwire-effect/rest"
 *
 * const redact: typeof CompatMessages.Update.Type = { Body: "" }
 * ```
 * @since 0.1.0
 */
export const Update = form(Schema.Struct({ Body: Schema.Literal("") }))

/**
 * The filters of the message list (`DateSent<` / `DateSent>` are the platform's range keys).
 *
 * @example
 * ```ts
 * import { CompatMessages } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatMessages.ListParams.Type = { From: "+15551234567", PageSize: 20 }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({
  To: Schema.optional(Schema.String),
  From: Schema.optional(Schema.String),
  Status: Schema.optional(Schema.String),
  DateSent: Schema.optional(Schema.String),
  "DateSent<": Schema.optional(Schema.String),
  "DateSent>": Schema.optional(Schema.String),
  ...pageParams
})

/**
 * A media item of a message (MMS).
 *
 * @example
 * ```ts
 * import type { CompatMessages } from "@signalwire-effect/rest"
 *
 * const type = (m: CompatMessages.Media) => m.content_type
 * ```
 * @since 0.1.0
 */
export const Media = Schema.Struct({
  sid: Schema.String,
  parent_sid: nullable(Schema.String),
  account_sid: nullable(Schema.String),
  content_type: nullable(Schema.String),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  uri: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Media}.
 *
 * @example
 * ```ts
 * import type { CompatMessages } from "@signalwire-effect/rest"
 *
 * const sid = (m: CompatMessages.Media) => m.sid
 * ```
 * @since 0.1.0
 */
export type Media = typeof Media.Type

const base = `${ACCOUNT}/Messages`
const MessagePath = Schema.Struct({ AccountSid: Schema.String, MessageSid: Schema.String })
const MediaPath = Schema.Struct({ AccountSid: Schema.String, MessageSid: Schema.String, Sid: Schema.String })
const MediaParams = Schema.Struct({
  DateCreated: Schema.optional(Schema.String),
  "DateCreated<": Schema.optional(Schema.String),
  "DateCreated>": Schema.optional(Schema.String),
  ...pageParams
})

/**
 * The `compatMessages` group.
 *
 * @example
 * ```ts
 * import { CompatMessages } from "@signalwire-effect/rest"
 *
 * CompatMessages.group.identifier // "compatMessages"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("compatMessages")
  .add(HttpApiEndpoint.get("list", base).setPath(AccountPath).setUrlParams(ListParams).addSuccess(CompatPage("messages", Message)))
  .add(HttpApiEndpoint.post("create", base).setPath(AccountPath).setPayload(Create).addSuccess(Message, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${base}/:Sid`).setPath(SidPath).addSuccess(Message))
  .add(HttpApiEndpoint.post("update", `${base}/:Sid`).setPath(SidPath).setPayload(Update).addSuccess(Message))
  .add(HttpApiEndpoint.del("delete", `${base}/:Sid`).setPath(SidPath).addSuccess(Schema.Void, { status: 204 }))
  .add(
    HttpApiEndpoint.get("listMedia", `${base}/:MessageSid/Media`)
      .setPath(MessagePath)
      .setUrlParams(MediaParams)
      .addSuccess(CompatPage("media_list", Media))
  )
  .add(HttpApiEndpoint.get("getMedia", `${base}/:MessageSid/Media/:Sid`).setPath(MediaPath).addSuccess(Media))
  .add(HttpApiEndpoint.del("deleteMedia", `${base}/:MessageSid/Media/:Sid`).setPath(MediaPath).addSuccess(Schema.Void, { status: 204 }))

/**
 * The params of a media list.
 *
 * @example
 * ```ts
 * import { CompatMessages } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatMessages.MediaListParams.Type = { PageSize: 5 }
 * ```
 * @since 0.1.0
 */
export const MediaListParams = MediaParams
