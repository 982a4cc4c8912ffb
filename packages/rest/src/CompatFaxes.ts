/**
 * Compat (LaML) faxes and their media: `/api/laml/2010-04-01/Accounts/{AccountSid}/Faxes`. Send
 * (form-encoded), list, get, cancel (an update with `Status=canceled`), delete; list, get and
 * delete a fax's media.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { ACCOUNT, AccountPath, CompatPage, form, pageParams, SidPath } from "./internal/compatShared.js"
import { E164, Extra, nullable } from "./RestSchema.js"

/**
 * A fax.
 *
 * @example
 * ```ts
 * import type { CompatFaxes } from "@signalwire-effect/rest"
 *
 * const pages = (f: CompatFaxes.Fax) => f.num_pages
 * ```
 * @since 0.1.0
 */
export const Fax = Schema.Struct({
  sid: Schema.String,
  account_sid: nullable(Schema.String),
  api_version: nullable(Schema.String),
  from: nullable(Schema.String),
  to: nullable(Schema.String),
  direction: nullable(Schema.String),
  status: Schema.String,
  quality: nullable(Schema.String),
  media_url: nullable(Schema.String),
  media_sid: nullable(Schema.String),
  num_pages: nullable(Schema.Union(Schema.String, Schema.Number)),
  duration: nullable(Schema.Number),
  price: nullable(Schema.Union(Schema.String, Schema.Number)),
  price_unit: nullable(Schema.String),
  error_code: nullable(Schema.Union(Schema.String, Schema.Number)),
  error_message: nullable(Schema.String),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  url: nullable(Schema.String),
  links: nullable(Schema.Record({ key: Schema.String, value: Schema.String }))
}, Extra)

/**
 * A decoded {@link Fax}.
 *
 * @example
 * ```ts
 * import type { CompatFaxes } from "@signalwire-effect/rest"
 *
 * const sid = (f: CompatFaxes.Fax) => f.sid
 * ```
 * @since 0.1.0
 */
export type Fax = typeof Fax.Type

/**
 * The body of a send: `To`, `From` (a number of the project), `MediaUrl` (the document).
 *
 * @example
 * ```ts
 * import { CompatFaxes } from "@signalwire-effect/rest"
 *
 * const fax: typeof CompatFaxes.Create.Type = { To: "+15550001111", From: "+15551234567", MediaUrl: "https://example.com/doc.pdf" }
 * ```
 * @since 0.1.0
 */
export const Create = form(Schema.Struct({
  To: E164,
  From: Schema.String.pipe(Schema.minLength(1)),
  MediaUrl: Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/i, { message: () => "an http(s) URL" })),
  Quality: Schema.optional(Schema.Literal("standard", "fine", "superfine")),
  StatusCallback: Schema.optional(Schema.String),
  StatusCallbackMethod: Schema.optional(Schema.Literal("GET", "POST")),
  StoreMedia: Schema.optional(Schema.Literal("true", "false")),
  Ttl: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(5, 300))),
  SipAuthUsername: Schema.optional(Schema.String),
  SipAuthPassword: Schema.optional(Schema.String)
}))

/**
 * The body of an update: `Status=canceled` (a fax still queued).
 *
 * @example
 * ```ts
 * import { CompatFaxes } from "@signalwire-effect/rest"
 *
 * const cancel: typeof CompatFaxes.Update.Type = { Status: "canceled" }
 * ```
 * @since 0.1.0
 */
export const Update = form(Schema.Struct({ Status: Schema.Literal("canceled") }))

/**
 * The filters of the fax list.
 *
 * @example
 * ```ts
 * import { CompatFaxes } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatFaxes.ListParams.Type = { To: "+15550001111" }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({
  From: Schema.optional(Schema.String),
  To: Schema.optional(Schema.String),
  DateCreatedAfter: Schema.optional(Schema.String),
  DateCreatedOnOrBefore: Schema.optional(Schema.String),
  ...pageParams
})

/**
 * A media item of a fax (the document sent or received).
 *
 * @example
 * ```ts
 * import type { CompatFaxes } from "@signalwire-effect/rest"
 *
 * const url = (m: CompatFaxes.Media) => m.url
 * ```
 * @since 0.1.0
 */
export const Media = Schema.Struct({
  sid: Schema.String,
  fax_sid: nullable(Schema.String),
  account_sid: nullable(Schema.String),
  content_type: nullable(Schema.String),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  uri: nullable(Schema.String),
  url: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Media}.
 *
 * @example
 * ```ts
 * import type { CompatFaxes } from "@signalwire-effect/rest"
 *
 * const sid = (m: CompatFaxes.Media) => m.sid
 * ```
 * @since 0.1.0
 */
export type Media = typeof Media.Type

const base = `${ACCOUNT}/Faxes`
const FaxPath = Schema.Struct({ AccountSid: Schema.String, FaxSid: Schema.String })
const MediaPath = Schema.Struct({ AccountSid: Schema.String, FaxSid: Schema.String, Sid: Schema.String })

/**
 * The `compatFaxes` group. A fax's media list carries its items under both `media` and
 * `fax_media`, as the platform does.
 *
 * @example
 * ```ts
 * import { CompatFaxes } from "@signalwire-effect/rest"
 *
 * CompatFaxes.group.identifier // "compatFaxes"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("compatFaxes")
  .add(HttpApiEndpoint.get("list", base).setPath(AccountPath).setUrlParams(ListParams).addSuccess(CompatPage("faxes", Fax)))
  .add(HttpApiEndpoint.post("create", base).setPath(AccountPath).setPayload(Create).addSuccess(Fax))
  .add(HttpApiEndpoint.get("get", `${base}/:Sid`).setPath(SidPath).addSuccess(Fax))
  .add(HttpApiEndpoint.post("update", `${base}/:Sid`).setPath(SidPath).setPayload(Update).addSuccess(Fax))
  .add(HttpApiEndpoint.del("delete", `${base}/:Sid`).setPath(SidPath).addSuccess(Schema.Void, { status: 204 }))
  .add(
    HttpApiEndpoint.get("listMedia", `${base}/:FaxSid/Media`)
      .setPath(FaxPath)
      .setUrlParams(Schema.Struct(pageParams))
      .addSuccess(CompatPage("media", Media))
  )
  .add(HttpApiEndpoint.get("getMedia", `${base}/:FaxSid/Media/:Sid`).setPath(MediaPath).addSuccess(Media))
  .add(HttpApiEndpoint.del("deleteMedia", `${base}/:FaxSid/Media/:Sid`).setPath(MediaPath).addSuccess(Schema.Void, { status: 204 }))
