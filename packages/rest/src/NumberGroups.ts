/**
 * Number groups (sender pools, `/api/relay/rest/number_groups`, update = PUT) and their
 * memberships.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, pageParams, PageParams } from "./RestSchema.js"

/**
 * A number group.
 *
 * @example
 * ```ts
 * import type { NumberGroups } from "@signalwire-effect/rest"
 *
 * const size = (g: NumberGroups.NumberGroup) => g.phone_number_count
 * ```
 * @since 0.1.0
 */
export const NumberGroup = Schema.Struct({
  id: Schema.String,
  name: nullable(Schema.String),
  sticky_sender: nullable(Schema.Boolean),
  phone_number_count: nullable(Schema.Number)
}, Extra)

/**
 * A decoded {@link NumberGroup}.
 *
 * @example
 * ```ts
 * import type { NumberGroups } from "@signalwire-effect/rest"
 *
 * const name = (g: NumberGroups.NumberGroup) => g.name
 * ```
 * @since 0.1.0
 */
export type NumberGroup = typeof NumberGroup.Type

/**
 * The body of a create (`name` required) or update.
 *
 * @example
 * ```ts
 * import { NumberGroups } from "@signalwire-effect/rest"
 *
 * const body: typeof NumberGroups.Create.Type = { name: "Marketing", sticky_sender: true }
 * ```
 * @since 0.1.0
 */
export const Create = Schema.Struct({ name: Schema.String.pipe(Schema.minLength(1)), sticky_sender: Schema.optional(Schema.Boolean) })

/**
 * The body of an update.
 *
 * @example
 * ```ts
 * import { NumberGroups } from "@signalwire-effect/rest"
 *
 * const body: typeof NumberGroups.Update.Type = { sticky_sender: false }
 * ```
 * @since 0.1.0
 */
export const Update = Schema.partial(Create)

/**
 * A phone number's membership of a group.
 *
 * @example
 * ```ts
 * import type { NumberGroups } from "@signalwire-effect/rest"
 *
 * const group = (m: NumberGroups.Membership) => m.number_group_id
 * ```
 * @since 0.1.0
 */
export const Membership = Schema.Struct({
  id: Schema.String,
  number_group_id: nullable(Schema.String),
  phone_number: nullable(Schema.Struct({ id: Schema.String }, Extra)),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Membership}.
 *
 * @example
 * ```ts
 * import type { NumberGroups } from "@signalwire-effect/rest"
 *
 * const id = (m: NumberGroups.Membership) => m.id
 * ```
 * @since 0.1.0
 */
export type Membership = typeof Membership.Type

/**
 * The filters of `list`.
 *
 * @example
 * ```ts
 * import { NumberGroups } from "@signalwire-effect/rest"
 *
 * const params: typeof NumberGroups.ListParams.Type = { filter_name: "Marketing" }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({ filter_name: Schema.optional(Schema.String), ...pageParams })

const base = "/api/relay/rest/number_groups"
const GroupPath = Schema.Struct({ group_id: Schema.String.pipe(Schema.minLength(1)) })

/**
 * The `numberGroups` group of the API definition.
 *
 * @example
 * ```ts
 * import { NumberGroups } from "@signalwire-effect/rest"
 *
 * NumberGroups.group.identifier // "numberGroups"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("numberGroups")
  .add(HttpApiEndpoint.get("list", base).setUrlParams(ListParams).addSuccess(Page(NumberGroup)))
  .add(HttpApiEndpoint.post("create", base).setPayload(Create).addSuccess(NumberGroup))
  .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(NumberGroup))
  .add(HttpApiEndpoint.put("update", `${base}/:id`).setPath(IdPath).setPayload(Update).addSuccess(NumberGroup))
  .add(HttpApiEndpoint.del("delete", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
  .add(
    HttpApiEndpoint.get("listMemberships", `${base}/:group_id/number_group_memberships`)
      .setPath(GroupPath)
      .setUrlParams(PageParams)
      .addSuccess(Page(Membership))
  )
  .add(
    HttpApiEndpoint.post("addMembership", `${base}/:group_id/number_group_memberships`)
      .setPath(GroupPath)
      .setPayload(Schema.Struct({ phone_number_id: Schema.String.pipe(Schema.minLength(1)) }))
      .addSuccess(Membership)
  )
  .add(HttpApiEndpoint.get("getMembership", "/api/relay/rest/number_group_memberships/:id").setPath(IdPath).addSuccess(Membership))
  .add(
    HttpApiEndpoint.del("deleteMembership", "/api/relay/rest/number_group_memberships/:id")
      .setPath(IdPath)
      .addSuccess(Schema.Void, { status: 204 })
  )
