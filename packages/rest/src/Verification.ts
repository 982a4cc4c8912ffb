/**
 * Number lookup (`/api/relay/rest/lookup/phone_number/{e164}`) and one-time-code verification
 * (`/api/relay/rest/mfa`: by SMS or call, then verify).
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { E164, Extra, nullable } from "./RestSchema.js"

/**
 * What a lookup tells about a number (`carrier` and `cnam` only when asked with `include`).
 *
 * @example
 * ```ts
 * import type { Verification } from "@signalwire-effect/rest"
 *
 * const valid = (l: Verification.Lookup) => l.valid_number
 * ```
 * @since 0.1.0
 */
export const Lookup = Schema.Struct({
  e164: Schema.String,
  country_code: nullable(Schema.String),
  country_code_number: nullable(Schema.Number),
  national_number: nullable(Schema.String),
  national_number_formatted: nullable(Schema.String),
  international_number_formatted: nullable(Schema.String),
  possible_number: nullable(Schema.Boolean),
  valid_number: nullable(Schema.Boolean),
  location: nullable(Schema.String),
  timezones: nullable(Schema.Array(Schema.String)),
  number_type: nullable(Schema.String),
  carrier: nullable(Schema.Struct({}, Extra)),
  cnam: nullable(Schema.Struct({ caller_id: nullable(Schema.String) }, Extra))
}, Extra)

/**
 * A decoded {@link Lookup}.
 *
 * @example
 * ```ts
 * import type { Verification } from "@signalwire-effect/rest"
 *
 * const kind = (l: Verification.Lookup) => l.number_type
 * ```
 * @since 0.1.0
 */
export type Lookup = typeof Lookup.Type

/**
 * The body of an MFA request: `to` is required.
 *
 * @example
 * ```ts
 * import { Verification } from "@signalwire-effect/rest"
 *
 * const body: typeof Verification.MfaRequest.Type = { to: "+15550001111", token_length: 6 }
 * ```
 * @since 0.1.0
 */
export const MfaRequest = Schema.Struct({
  to: E164,
  from: Schema.optional(E164),
  message: Schema.optional(Schema.String),
  token_length: Schema.optional(Schema.Int.pipe(Schema.between(4, 10))),
  valid_for: Schema.optional(Schema.Int.pipe(Schema.positive())),
  max_attempts: Schema.optional(Schema.Int.pipe(Schema.positive())),
  allow_alphas: Schema.optional(Schema.Boolean)
})

/**
 * The answer to an MFA request: its `id` is what `verify` takes.
 *
 * @example
 * ```ts
 * import type { Verification } from "@signalwire-effect/rest"
 *
 * const id = (r: Verification.MfaResponse) => r.id
 * ```
 * @since 0.1.0
 */
export const MfaResponse = Schema.Struct({
  id: Schema.String,
  success: Schema.Boolean,
  to: nullable(Schema.String),
  channel: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link MfaResponse}.
 *
 * @example
 * ```ts
 * import type { Verification } from "@signalwire-effect/rest"
 *
 * const sent = (r: Verification.MfaResponse) => r.success
 * ```
 * @since 0.1.0
 */
export type MfaResponse = typeof MfaResponse.Type

/**
 * The `lookup` group of the API definition.
 *
 * @example
 * ```ts
 * import { Verification } from "@signalwire-effect/rest"
 *
 * Verification.lookupGroup.identifier // "lookup"
 * ```
 * @since 0.1.0
 */
export const lookupGroup = HttpApiGroup.make("lookup").add(
  HttpApiEndpoint.get("phoneNumber", "/api/relay/rest/lookup/phone_number/:e164_number")
    .setPath(Schema.Struct({ e164_number: E164 }))
    .setUrlParams(Schema.Struct({ include: Schema.optional(Schema.String) }))
    .addSuccess(Lookup)
)

/**
 * The `mfa` group of the API definition.
 *
 * @example
 * ```ts
 * import { Verification } from "@signalwire-effect/rest"
 *
 * Verification.mfaGroup.identifier // "mfa"
 * ```
 * @since 0.1.0
 */
export const mfaGroup = HttpApiGroup.make("mfa")
  .add(HttpApiEndpoint.post("sms", "/api/relay/rest/mfa/sms").setPayload(MfaRequest).addSuccess(MfaResponse))
  .add(HttpApiEndpoint.post("call", "/api/relay/rest/mfa/call").setPayload(MfaRequest).addSuccess(MfaResponse))
  .add(
    HttpApiEndpoint.post("verify", "/api/relay/rest/mfa/:mfa_request_id/verify")
      .setPath(Schema.Struct({ mfa_request_id: Schema.String.pipe(Schema.minLength(1)) }))
      .setPayload(Schema.Struct({ token: Schema.String.pipe(Schema.minLength(1)) }))
      .addSuccess(Schema.Struct({ success: Schema.Boolean }, Extra))
  )
