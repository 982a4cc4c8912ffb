/**
 * Building blocks shared by every resource schema: open structs that keep fields the SDK does not
 * model, list pages with `links`, pagination query parameters, E.164 numbers.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The fields the platform adds that the SDK does not model: decoding keeps them, never rejects
 * them.
 *
 * @example
 * ```ts
 * import { RestSchema } from "@signalwire-effect/rest"
 * import * as Schema from "effect/Schema"
 *
 * const Thing = Schema.Struct({ id: Schema.String }, RestSchema.Extra)
 * Schema.decodeUnknownSync(Thing)({ id: "1", new_field: true }) // keeps new_field
 * ```
 * @since 0.1.0
 */
export const Extra = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * An optional field that may also be `null` (the platform sends `null` for unset values).
 *
 * @example
 * ```ts
 * import { RestSchema } from "@signalwire-effect/rest"
 * import * as Schema from "effect/Schema"
 *
 * const Fields = Schema.Struct({ name: RestSchema.nullable(Schema.String) })
 * ```
 * @since 0.1.0
 */
export const nullable = <S extends Schema.Schema.Any>(schema: S) => Schema.optional(Schema.NullOr(schema))

/**
 * An E.164 phone number: `+`, then up to 15 digits, not starting with 0.
 *
 * @example
 * ```ts
 * import { RestSchema } from "@signalwire-effect/rest"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(RestSchema.E164)("+15551234567") // true
 * ```
 * @since 0.1.0
 */
export const E164 = Schema.String.pipe(
  Schema.pattern(/^\+[1-9]\d{1,14}$/, { message: () => "an E.164 number (+ then up to 15 digits)" })
)

/**
 * The links of a list page. `next` is absent on the last page.
 *
 * @example
 * ```ts
 * import { RestSchema } from "@signalwire-effect/rest"
 *
 * const links: typeof RestSchema.Links.Type = { self: "https://acme.signalwire.com/api/relay/rest/queues" }
 * ```
 * @since 0.1.0
 */
export const Links = Schema.Struct({
  self: nullable(Schema.String),
  first: nullable(Schema.String),
  next: nullable(Schema.String),
  prev: nullable(Schema.String)
}, Extra)

/**
 * A list page: `{ data: [...], links: {...} }`.
 *
 * @example
 * ```ts
 * import { RestSchema } from "@signalwire-effect/rest"
 * import * as Schema from "effect/Schema"
 *
 * const Names = RestSchema.Page(Schema.Struct({ name: Schema.String }))
 * ```
 * @since 0.1.0
 */
export const Page = <S extends Schema.Schema.Any>(item: S) =>
  Schema.Struct({ data: Schema.Array(item), links: Schema.optionalWith(Links, { default: () => ({}) }) }, Extra)

/**
 * A decoded list page.
 *
 * @example
 * ```ts
 * import type { RestSchema } from "@signalwire-effect/rest"
 *
 * const count = (page: RestSchema.PageOf<{ readonly id: string }>) => page.data.length
 * ```
 * @since 0.1.0
 */
export interface PageOf<A> {
  readonly data: ReadonlyArray<A>
  readonly links: typeof Links.Type
  readonly [key: string]: unknown
}

/**
 * The pagination query parameters every list takes (`page_number`, `page_size`, `page_token`);
 * `links.next` carries them for the following page.
 *
 * @example
 * ```ts
 * import { RestSchema } from "@signalwire-effect/rest"
 * import * as Schema from "effect/Schema"
 *
 * const Params = Schema.Struct({ ...RestSchema.pageParams, filter_name: Schema.optional(Schema.String) })
 * ```
 * @since 0.1.0
 */
export const pageParams = {
  page_number: Schema.optional(Schema.NumberFromString),
  page_size: Schema.optional(Schema.NumberFromString),
  page_token: Schema.optional(Schema.String)
}

/**
 * The pagination parameters alone, for lists with no filters.
 *
 * @example
 * ```ts
 * import { RestSchema } from "@signalwire-effect/rest"
 *
 * const params: typeof RestSchema.PageParams.Type = { page_size: 10 }
 * ```
 * @since 0.1.0
 */
export const PageParams = Schema.Struct(pageParams)

/**
 * The `:id` path parameter.
 *
 * @example
 * ```ts
 * import { RestSchema } from "@signalwire-effect/rest"
 *
 * const path: typeof RestSchema.IdPath.Type = { id: "2c1e…" }
 * ```
 * @since 0.1.0
 */
export const IdPath = Schema.Struct({ id: Schema.String.pipe(Schema.minLength(1)) })

/**
 * The filters of the log lists (`include_deleted`, `created_before`, `created_on`,
 * `created_after`) plus pagination.
 *
 * @example
 * ```ts
 * import { RestSchema } from "@signalwire-effect/rest"
 *
 * const params: typeof RestSchema.LogParams.Type = { created_after: "2026-01-01" }
 * ```
 * @since 0.1.0
 */
export const LogParams = Schema.Struct({
  include_deleted: Schema.optional(Schema.BooleanFromString),
  created_before: Schema.optional(Schema.String),
  created_on: Schema.optional(Schema.String),
  created_after: Schema.optional(Schema.String),
  ...pageParams
})
