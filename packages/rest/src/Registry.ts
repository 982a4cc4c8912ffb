/**
 * The 10DLC Campaign Registry (`/api/relay/rest/registry/beta`): brands, their campaigns, number
 * orders of a campaign, and numbers assigned to it.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, pageParams } from "./RestSchema.js"

const entity = { id: Schema.String, state: nullable(Schema.String), created_at: nullable(Schema.String), updated_at: nullable(Schema.String) }

/**
 * A brand (the business behind campaigns). Fields beyond `id`, `state` and `name` are kept as sent.
 *
 * @example
 * ```ts
 * import type { Registry } from "@signalwire-effect/rest"
 *
 * const approved = (b: Registry.Brand) => b.state === "COMPLETED"
 * ```
 * @since 0.1.0
 */
export const Brand = Schema.Struct({ ...entity, name: nullable(Schema.String) }, Extra)

/**
 * A decoded {@link Brand}.
 *
 * @example
 * ```ts
 * import type { Registry } from "@signalwire-effect/rest"
 *
 * const id = (b: Registry.Brand) => b.id
 * ```
 * @since 0.1.0
 */
export type Brand = typeof Brand.Type

/**
 * A campaign of a brand.
 *
 * @example
 * ```ts
 * import type { Registry } from "@signalwire-effect/rest"
 *
 * const useCase = (c: Registry.Campaign) => c.sms_use_case
 * ```
 * @since 0.1.0
 */
export const Campaign = Schema.Struct({ ...entity, name: nullable(Schema.String), sms_use_case: nullable(Schema.String) }, Extra)

/**
 * A decoded {@link Campaign}.
 *
 * @example
 * ```ts
 * import type { Registry } from "@signalwire-effect/rest"
 *
 * const id = (c: Registry.Campaign) => c.id
 * ```
 * @since 0.1.0
 */
export type Campaign = typeof Campaign.Type

/**
 * An order assigning numbers to a campaign.
 *
 * @example
 * ```ts
 * import type { Registry } from "@signalwire-effect/rest"
 *
 * const done = (o: Registry.Order) => o.processed_at !== null
 * ```
 * @since 0.1.0
 */
export const Order = Schema.Struct({
  ...entity,
  processed_at: nullable(Schema.String),
  status_callback_url: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Order}.
 *
 * @example
 * ```ts
 * import type { Registry } from "@signalwire-effect/rest"
 *
 * const state = (o: Registry.Order) => o.state
 * ```
 * @since 0.1.0
 */
export type Order = typeof Order.Type

/**
 * A number assigned to a campaign.
 *
 * @example
 * ```ts
 * import type { Registry } from "@signalwire-effect/rest"
 *
 * const id = (n: Registry.AssignedNumber) => n.id
 * ```
 * @since 0.1.0
 */
export const AssignedNumber = Schema.Struct(entity, Extra)

/**
 * A decoded {@link AssignedNumber}.
 *
 * @example
 * ```ts
 * import type { Registry } from "@signalwire-effect/rest"
 *
 * const state = (n: Registry.AssignedNumber) => n.state
 * ```
 * @since 0.1.0
 */
export type AssignedNumber = typeof AssignedNumber.Type

/**
 * The body of a brand create: a managed brand (`company_name`, `ein`, …) or a CSP brand
 * (`csp_self_registered: true`, `csp_brand_reference`); `name` is required in both.
 *
 * @example
 * ```ts
 * import { Registry } from "@signalwire-effect/rest"
 *
 * const csp: typeof Registry.CreateBrand.Type = { name: "Acme", csp_self_registered: true, csp_brand_reference: "B123" }
 * ```
 * @since 0.1.0
 */
export const CreateBrand = Schema.Struct({ name: Schema.String.pipe(Schema.minLength(1)) }, Extra)

/**
 * The body of a campaign create: `name` is required; managed (`sms_use_case`, samples, …) or
 * partner (`csp_campaign_reference`) fields are passed as the platform names them.
 *
 * @example
 * ```ts
 * import { Registry } from "@signalwire-effect/rest"
 *
 * const partner: typeof Registry.CreateCampaign.Type = { name: "Alerts", csp_campaign_reference: "C123" }
 * ```
 * @since 0.1.0
 */
export const CreateCampaign = Schema.Struct({ name: Schema.String.pipe(Schema.minLength(1)) }, Extra)

/**
 * The body of an order: the ids of the phone numbers to assign.
 *
 * @example
 * ```ts
 * import { Registry } from "@signalwire-effect/rest"
 *
 * const body: typeof Registry.CreateOrder.Type = { phone_numbers: ["2c1e…"] }
 * ```
 * @since 0.1.0
 */
export const CreateOrder = Schema.Struct({
  phone_numbers: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  status_callback_url: Schema.optional(Schema.String)
})

/**
 * The filters of the brand and campaign lists.
 *
 * @example
 * ```ts
 * import { Registry } from "@signalwire-effect/rest"
 *
 * const params: typeof Registry.ListParams.Type = { filter_state: "ACTIVE" }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({
  filter_name: Schema.optional(Schema.String),
  filter_state: Schema.optional(Schema.String),
  ...pageParams
})

const StateParams = Schema.Struct({ filter_state: Schema.optional(Schema.String), ...pageParams })
const base = "/api/relay/rest/registry/beta"

/**
 * The `registry` group of the API definition.
 *
 * @example
 * ```ts
 * import { Registry } from "@signalwire-effect/rest"
 *
 * Registry.group.identifier // "registry"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("registry")
  .add(HttpApiEndpoint.get("listBrands", `${base}/brands`).setUrlParams(ListParams).addSuccess(Page(Brand)))
  .add(HttpApiEndpoint.post("createBrand", `${base}/brands`).setPayload(CreateBrand).addSuccess(Brand, { status: 201 }))
  .add(HttpApiEndpoint.get("getBrand", `${base}/brands/:id`).setPath(IdPath).addSuccess(Brand))
  .add(
    HttpApiEndpoint.get("listCampaigns", `${base}/brands/:id/campaigns`)
      .setPath(IdPath)
      .setUrlParams(ListParams)
      .addSuccess(Page(Campaign))
  )
  .add(
    HttpApiEndpoint.post("createCampaign", `${base}/brands/:id/campaigns`)
      .setPath(IdPath)
      .setPayload(CreateCampaign)
      .addSuccess(Campaign, { status: 201 })
  )
  .add(HttpApiEndpoint.get("getCampaign", `${base}/campaigns/:id`).setPath(IdPath).addSuccess(Campaign))
  .add(
    HttpApiEndpoint.put("updateCampaign", `${base}/campaigns/:id`)
      .setPath(IdPath)
      .setPayload(Schema.Struct({ name: Schema.String.pipe(Schema.minLength(1)) }))
      .addSuccess(Campaign)
  )
  .add(
    HttpApiEndpoint.get("listNumbers", `${base}/campaigns/:id/numbers`)
      .setPath(IdPath)
      .setUrlParams(StateParams)
      .addSuccess(Page(AssignedNumber))
  )
  .add(
    HttpApiEndpoint.get("listOrders", `${base}/campaigns/:id/orders`)
      .setPath(IdPath)
      .setUrlParams(StateParams)
      .addSuccess(Page(Order))
  )
  .add(HttpApiEndpoint.post("createOrder", `${base}/campaigns/:id/orders`).setPath(IdPath).setPayload(CreateOrder).addSuccess(Order))
  .add(HttpApiEndpoint.get("getOrder", `${base}/orders/:id`).setPath(IdPath).addSuccess(Order))
  .add(HttpApiEndpoint.del("deleteNumber", `${base}/numbers/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
