/**
 * Regulatory and emergency (E911) addresses (`/api/relay/rest/addresses`): list, create, get,
 * update (PUT, the whole address), delete.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, pageParams } from "./RestSchema.js"

/**
 * The kinds of `address_type`.
 *
 * @example
 * ```ts
 * import { Addresses } from "@signalwire-effect/rest"
 *
 * const kind: typeof Addresses.AddressType.Type = "Suite"
 * ```
 * @since 0.1.0
 */
export const AddressType = Schema.Literal(
  "Apartment",
  "Basement",
  "Building",
  "Department",
  "Floor",
  "Office",
  "Penthouse",
  "Suite",
  "Trailer",
  "Unit"
)

const nonEmpty = Schema.String.pipe(Schema.minLength(1))

/**
 * The body of a create.
 *
 * @example
 * ```ts
 * import { Addresses } from "@signalwire-effect/rest"
 *
 * const body: typeof Addresses.Create.Type = {
 *   label: "HQ", country: "US", first_name: "Ada", last_name: "Lovelace", street_number: "1",
 *   street_name: "Main St", city: "Springfield", state: "IL", postal_code: "62701"
 * }
 * ```
 * @since 0.1.0
 */
export const Create = Schema.Struct({
  label: nonEmpty,
  country: nonEmpty,
  first_name: nonEmpty,
  last_name: nonEmpty,
  street_number: nonEmpty,
  street_name: nonEmpty,
  city: nonEmpty,
  state: nonEmpty,
  postal_code: nonEmpty,
  address_type: Schema.optional(AddressType),
  address_number: Schema.optional(Schema.String),
  emergency_enabled: Schema.optional(Schema.Boolean),
  auto_correct_address: Schema.optional(Schema.Boolean)
})

/**
 * An address.
 *
 * @example
 * ```ts
 * import type { Addresses } from "@signalwire-effect/rest"
 *
 * const line = (a: Addresses.Address) => `${a.street_number} ${a.street_name}, ${a.city}`
 * ```
 * @since 0.1.0
 */
export const Address = Schema.Struct({
  id: Schema.String,
  label: nullable(Schema.String),
  country: nullable(Schema.String),
  first_name: nullable(Schema.String),
  last_name: nullable(Schema.String),
  street_number: nullable(Schema.String),
  street_name: nullable(Schema.String),
  address_type: nullable(Schema.String),
  address_number: nullable(Schema.String),
  city: nullable(Schema.String),
  state: nullable(Schema.String),
  postal_code: nullable(Schema.String),
  zip_code: nullable(Schema.String),
  emergency_enabled: nullable(Schema.Boolean),
  validated: nullable(Schema.Boolean),
  validated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Address}.
 *
 * @example
 * ```ts
 * import type { Addresses } from "@signalwire-effect/rest"
 *
 * const id = (a: Addresses.Address) => a.id
 * ```
 * @since 0.1.0
 */
export type Address = typeof Address.Type

/**
 * The filters of `list`.
 *
 * @example
 * ```ts
 * import { Addresses } from "@signalwire-effect/rest"
 *
 * const params: typeof Addresses.ListParams.Type = { filter_label: "HQ" }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({ filter_label: Schema.optional(Schema.String), ...pageParams })

const base = "/api/relay/rest/addresses"

/**
 * The `addresses` group of the API definition.
 *
 * @example
 * ```ts
 * import { Addresses } from "@signalwire-effect/rest"
 *
 * Addresses.group.identifier // "addresses"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("addresses")
  .add(HttpApiEndpoint.get("list", base).setUrlParams(ListParams).addSuccess(Page(Address)))
  .add(HttpApiEndpoint.post("create", base).setPayload(Create).addSuccess(Address))
  .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(Address))
  .add(HttpApiEndpoint.put("update", `${base}/:id`).setPath(IdPath).setPayload(Create).addSuccess(Address))
  .add(HttpApiEndpoint.del("delete", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
