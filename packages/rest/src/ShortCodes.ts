/**
 * Short codes (`/api/relay/rest/short_codes`: list, get, update = PUT) and the project's SIP
 * profile (`/api/relay/rest/sip_profile`, a singleton).
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, pageParams } from "./RestSchema.js"

/**
 * A short code.
 *
 * @example
 * ```ts
 * import type { ShortCodes } from "@signalwire-effect/rest"
 *
 * const handler = (s: ShortCodes.ShortCode) => s.message_handler
 * ```
 * @since 0.1.0
 */
export const ShortCode = Schema.Struct({
  id: Schema.String,
  name: nullable(Schema.String),
  number: Schema.String,
  capabilities: nullable(Schema.Array(Schema.String)),
  number_type: nullable(Schema.String),
  code_type: nullable(Schema.String),
  country_code: nullable(Schema.String),
  message_handler: nullable(Schema.String),
  message_request_url: nullable(Schema.String),
  message_relay_context: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link ShortCode}.
 *
 * @example
 * ```ts
 * import type { ShortCodes } from "@signalwire-effect/rest"
 *
 * const n = (s: ShortCodes.ShortCode) => s.number
 * ```
 * @since 0.1.0
 */
export type ShortCode = typeof ShortCode.Type

/**
 * The body of an update: `name` and `message_handler` are required.
 *
 * @example
 * ```ts
 * import { ShortCodes } from "@signalwire-effect/rest"
 *
 * const body: typeof ShortCodes.Update.Type = { name: "Promo", message_handler: "relay_context", message_relay_context: "office" }
 * ```
 * @since 0.1.0
 */
export const Update = Schema.Struct({
  name: Schema.String,
  message_handler: Schema.Literal("relay_context", "relay_topic", "relay_application", "laml_webhooks", "laml_application"),
  message_request_url: Schema.optional(Schema.String),
  message_request_method: Schema.optional(Schema.String),
  message_fallback_url: Schema.optional(Schema.String),
  message_fallback_method: Schema.optional(Schema.String),
  message_laml_application_id: Schema.optional(Schema.String),
  message_relay_context: Schema.optional(Schema.String)
})

/**
 * The SIP profile of the project.
 *
 * @example
 * ```ts
 * import type { ShortCodes } from "@signalwire-effect/rest"
 *
 * const domain = (p: ShortCodes.SipProfile) => p.domain
 * ```
 * @since 0.1.0
 */
export const SipProfile = Schema.Struct({
  domain: nullable(Schema.String),
  domain_identifier: nullable(Schema.String),
  default_codecs: nullable(Schema.Array(Schema.String)),
  default_ciphers: nullable(Schema.Array(Schema.String)),
  default_encryption: nullable(Schema.String),
  default_send_as: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link SipProfile}.
 *
 * @example
 * ```ts
 * import type { ShortCodes } from "@signalwire-effect/rest"
 *
 * const enc = (p: ShortCodes.SipProfile) => p.default_encryption
 * ```
 * @since 0.1.0
 */
export type SipProfile = typeof SipProfile.Type

/**
 * The body of a SIP profile update.
 *
 * @example
 * ```ts
 * import { ShortCodes } from "@signalwire-effect/rest"
 *
 * const body: typeof ShortCodes.SipProfileUpdate.Type = { default_encryption: "required" }
 * ```
 * @since 0.1.0
 */
export const SipProfileUpdate = Schema.Struct({
  domain_identifier: Schema.optional(Schema.String),
  default_codecs: Schema.optional(Schema.Array(Schema.String)),
  default_ciphers: Schema.optional(Schema.Array(Schema.String)),
  default_encryption: Schema.optional(Schema.Literal("required", "optional")),
  default_send_as: Schema.optional(Schema.String)
})

const base = "/api/relay/rest/short_codes"

/**
 * The `shortCodes` group of the API definition.
 *
 * @example
 * ```ts
 * import { ShortCodes } from "@signalwire-effect/rest"
 *
 * ShortCodes.group.identifier // "shortCodes"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("shortCodes")
  .add(
    HttpApiEndpoint.get("list", base)
      .setUrlParams(Schema.Struct({
        filter_name: Schema.optional(Schema.String),
        filter_number: Schema.optional(Schema.String),
        ...pageParams
      }))
      .addSuccess(Page(ShortCode))
  )
  .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(ShortCode))
  .add(HttpApiEndpoint.put("update", `${base}/:id`).setPath(IdPath).setPayload(Update).addSuccess(ShortCode))

/**
 * The `sipProfile` group of the API definition.
 *
 * @example
 * ```ts
 * import { ShortCodes } from "@signalwire-effect/rest"
 *
 * ShortCodes.sipProfileGroup.identifier // "sipProfile"
 * ```
 * @since 0.1.0
 */
export const sipProfileGroup = HttpApiGroup.make("sipProfile")
  .add(HttpApiEndpoint.get("get", "/api/relay/rest/sip_profile").addSuccess(SipProfile))
  .add(
    HttpApiEndpoint.put("update", "/api/relay/rest/sip_profile").setPayload(SipProfileUpdate).addSuccess(SipProfile, {
      status: 201
    })
  )
