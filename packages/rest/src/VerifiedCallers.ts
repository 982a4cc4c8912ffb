/**
 * Verified caller ids (`/api/relay/rest/verified_caller_ids`, update = PUT) and their
 * verification call.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { E164, Extra, IdPath, nullable, Page, pageParams } from "./RestSchema.js"

/**
 * A caller id: `status` is `"Verified"` or `"Awaiting Verification"`.
 *
 * @example
 * ```ts
 * import type { VerifiedCallers } from "@signalwire-effect/rest"
 *
 * const ok = (c: VerifiedCallers.CallerId) => c.verified
 * ```
 * @since 0.1.0
 */
export const CallerId = Schema.Struct({
  id: Schema.String,
  type: nullable(Schema.String),
  number: Schema.String,
  name: nullable(Schema.String),
  extension: nullable(Schema.String),
  verified: nullable(Schema.Boolean),
  verified_at: nullable(Schema.String),
  status: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link CallerId}.
 *
 * @example
 * ```ts
 * import type { VerifiedCallers } from "@signalwire-effect/rest"
 *
 * const n = (c: VerifiedCallers.CallerId) => c.number
 * ```
 * @since 0.1.0
 */
export type CallerId = typeof CallerId.Type

/**
 * The body of a create.
 *
 * @example
 * ```ts
 * import { VerifiedCallers } from "@signalwire-effect/rest"
 *
 * const body: typeof VerifiedCallers.Create.Type = { number: "+15551230000", name: "Office" }
 * ```
 * @since 0.1.0
 */
export const Create = Schema.Struct({
  number: E164,
  name: Schema.optional(Schema.String),
  extension: Schema.optional(Schema.String)
})

/**
 * The filters of `list`.
 *
 * @example
 * ```ts
 * import { VerifiedCallers } from "@signalwire-effect/rest"
 *
 * const params: typeof VerifiedCallers.ListParams.Type = { filter_number: "555" }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({
  filter_name: Schema.optional(Schema.String),
  filter_number: Schema.optional(Schema.String),
  ...pageParams
})

const base = "/api/relay/rest/verified_caller_ids"

/**
 * The `verifiedCallers` group of the API definition.
 *
 * @example
 * ```ts
 * import { VerifiedCallers } from "@signalwire-effect/rest"
 *
 * VerifiedCallers.group.identifier // "verifiedCallers"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("verifiedCallers")
  .add(HttpApiEndpoint.get("list", base).setUrlParams(ListParams).addSuccess(Page(CallerId)))
  .add(HttpApiEndpoint.post("create", base).setPayload(Create).addSuccess(CallerId, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(CallerId))
  .add(
    HttpApiEndpoint.put("update", `${base}/:id`)
      .setPath(IdPath)
      .setPayload(Schema.Struct({ name: Schema.String }))
      .addSuccess(CallerId)
  )
  .add(HttpApiEndpoint.del("delete", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
  .add(HttpApiEndpoint.post("redialVerification", `${base}/:id/verification`).setPath(IdPath).addSuccess(CallerId))
  .add(
    HttpApiEndpoint.put("submitVerification", `${base}/:id/verification`)
      .setPath(IdPath)
      .setPayload(Schema.Struct({ verification_code: Schema.String.pipe(Schema.minLength(1)) }))
      .addSuccess(CallerId)
  )
