/**
 * Call Fabric, the parts shared by every resource type: resources of any type
 * (`/api/fabric/resources`, with their addresses and the phone-route, domain-application and
 * SIP-endpoint assignments), Fabric addresses, SIP addresses (`/api/fabric/sip_addresses`) and
 * the subscriber, guest, invite and embed tokens.
 *
 * The typed resource types are in `FabricScripts` (SWML / cXML), `FabricApps` (AI agents, call
 * flows, conference rooms, RELAY applications, Dialogflow agents) and `FabricSip` (subscribers,
 * SIP endpoints and gateways, FreeSWITCH connectors).
 *
 * @since 0.2.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import * as internal from "./internal/fabricGroup.js"
import { Extra, IdPath, nullable, Page, PageParams } from "./RestSchema.js"
import { DomainApplication } from "./SipRouting.js"

const nonEmpty = Schema.String.pipe(Schema.minLength(1))

/**
 * A Fabric address: `/public/<name>` and its channels.
 *
 * @example
 * ```ts
 * import type { Fabric } from "@signalwire-effect/rest"
 *
 * const audio = (a: Fabric.FabricAddress) => a.channels?.audio
 * ```
 * @since 0.2.0
 */
export const FabricAddress = internal.FabricAddress

/**
 * A decoded {@link FabricAddress}.
 *
 * @example
 * ```ts
 * import type { Fabric } from "@signalwire-effect/rest"
 *
 * const name = (a: Fabric.FabricAddress) => a.name
 * ```
 * @since 0.2.0
 */
export type FabricAddress = typeof FabricAddress.Type

/**
 * A resource of any type: the envelope (`id`, `project_id`, `display_name`, `type`, timestamps)
 * and the type-specific fields under the type's key, kept as they come.
 *
 * @example
 * ```ts
 * import type { Fabric } from "@signalwire-effect/rest"
 *
 * const kind = (r: Fabric.Resource) => r.type
 * ```
 * @since 0.2.0
 */
export const Resource = Schema.Struct(internal.envelope, Extra)

/**
 * A decoded {@link Resource}.
 *
 * @example
 * ```ts
 * import type { Fabric } from "@signalwire-effect/rest"
 *
 * const id = (r: Fabric.Resource) => r.id
 * ```
 * @since 0.2.0
 */
export type Resource = typeof Resource.Type

/**
 * The body of `assignPhoneRoute`: a phone number (its id) to route to the resource, for calls or
 * messages.
 *
 * @example
 * ```ts
 * import { Fabric } from "@signalwire-effect/rest"
 *
 * const body: typeof Fabric.PhoneRoute.Type = { phone_route_id: "pn-1", handler: "calling" }
 * ```
 * @since 0.2.0
 */
export const PhoneRoute = Schema.Struct({ phone_route_id: nonEmpty, handler: Schema.Literal("calling", "messaging") })

/**
 * A SIP address (`/api/fabric/sip_addresses`): a SIP URI of the space routed to a resource.
 *
 * @example
 * ```ts
 * import type { Fabric } from "@signalwire-effect/rest"
 *
 * const uri = (a: Fabric.SipAddress) => a.uri
 * ```
 * @since 0.2.0
 */
export const SipAddress = Schema.Struct({
  id: Schema.String,
  type: nullable(Schema.String),
  resource_id: nullable(Schema.String),
  name: nullable(Schema.String),
  display_name: nullable(Schema.String),
  context: nullable(Schema.String),
  uri: nullable(Schema.String),
  user: nullable(Schema.String),
  encryption: nullable(Schema.String),
  codecs: nullable(Schema.Array(Schema.String)),
  ciphers: nullable(Schema.Array(Schema.String)),
  ip_auth_enabled: nullable(Schema.Boolean),
  ip_auth: nullable(Schema.Array(Schema.String)),
  calling_handler_resource_id: nullable(Schema.String),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link SipAddress}.
 *
 * @example
 * ```ts
 * import type { Fabric } from "@signalwire-effect/rest"
 *
 * const id = (a: Fabric.SipAddress) => a.id
 * ```
 * @since 0.2.0
 */
export type SipAddress = typeof SipAddress.Type

const sipAddressFields = {
  user: Schema.optional(Schema.String),
  context_id: Schema.optional(Schema.String),
  ip_auth_enabled: Schema.optional(Schema.Boolean),
  ip_auth: Schema.optional(Schema.Array(Schema.String)),
  codecs: Schema.optional(Schema.Array(Schema.String)),
  ciphers: Schema.optional(Schema.Array(Schema.String)),
  encryption: Schema.optional(Schema.Literal("required", "optional", "forbidden")),
  password: Schema.optional(Schema.String)
}

/**
 * The body of a SIP address create: its name and the resource calls to it go to.
 *
 * @example
 * ```ts
 * import { Fabric } from "@signalwire-effect/rest"
 *
 * const body: typeof Fabric.CreateSipAddress.Type = { name: "frontdesk", calling_handler_resource_id: "res-1" }
 * ```
 * @since 0.2.0
 */
export const CreateSipAddress = Schema.Struct({ name: nonEmpty, calling_handler_resource_id: nonEmpty, ...sipAddressFields })

/**
 * The body of a SIP address update (PATCH).
 *
 * @example
 * ```ts
 * import { Fabric } from "@signalwire-effect/rest"
 *
 * const body: typeof Fabric.UpdateSipAddress.Type = { name: "reception" }
 * ```
 * @since 0.2.0
 */
export const UpdateSipAddress = Schema.Struct({ name: Schema.optional(nonEmpty), ...sipAddressFields })

/**
 * The body of a subscriber token (`reference` is the subscriber's email or id).
 *
 * @example
 * ```ts
 * import { Fabric } from "@signalwire-effect/rest"
 *
 * const body: typeof Fabric.SubscriberTokenRequest.Type = { reference: "ada@example.com" }
 * ```
 * @since 0.2.0
 */
export const SubscriberTokenRequest = Schema.Struct({
  reference: nonEmpty,
  expire_at: Schema.optional(Schema.Int),
  application_id: Schema.optional(Schema.String),
  password: Schema.optional(Schema.String)
}, Extra)

/**
 * A subscriber token pair (JWTs).
 *
 * @example
 * ```ts
 * import type { Fabric } from "@signalwire-effect/rest"
 *
 * const bearer = (t: Fabric.TokenPair) => `Bearer ${t.token}`
 * ```
 * @since 0.2.0
 */
export const TokenPair = Schema.Struct({
  subscriber_id: nullable(Schema.String),
  token: Schema.String,
  refresh_token: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link TokenPair}.
 *
 * @example
 * ```ts
 * import type { Fabric } from "@signalwire-effect/rest"
 *
 * const refresh = (t: Fabric.TokenPair) => t.refresh_token
 * ```
 * @since 0.2.0
 */
export type TokenPair = typeof TokenPair.Type

/**
 * The body of a guest token: the addresses the guest may call.
 *
 * @example
 * ```ts
 * import { Fabric } from "@signalwire-effect/rest"
 *
 * const body: typeof Fabric.GuestTokenRequest.Type = { allowed_addresses: ["addr-1"] }
 * ```
 * @since 0.2.0
 */
export const GuestTokenRequest = Schema.Struct({
  allowed_addresses: Schema.NonEmptyArray(Schema.String),
  expire_at: Schema.optional(Schema.Int)
}, Extra)

/**
 * The body of an invite token: the address the invitee may reach.
 *
 * @example
 * ```ts
 * import { Fabric } from "@signalwire-effect/rest"
 *
 * const body: typeof Fabric.InviteTokenRequest.Type = { address_id: "addr-1" }
 * ```
 * @since 0.2.0
 */
export const InviteTokenRequest = Schema.Struct({ address_id: nonEmpty, expires_at: Schema.optional(Schema.Int) })

const Token = Schema.Struct({ token: Schema.String }, Extra)
const base = internal.RESOURCES

/**
 * The `fabric.resources` group: resources of every type, their addresses and assignments.
 *
 * @example
 * ```ts
 * import { Fabric } from "@signalwire-effect/rest"
 *
 * Fabric.resourcesGroup.identifier // "fabric.resources"
 * ```
 * @since 0.2.0
 */
export const resourcesGroup = HttpApiGroup.make("fabric.resources")
  .add(HttpApiEndpoint.get("list", base).setUrlParams(PageParams).addSuccess(Page(Resource)))
  .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(Resource))
  .add(HttpApiEndpoint.del("delete", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
  .add(
    HttpApiEndpoint.get("listAddresses", `${base}/:id/addresses`).setPath(IdPath).setUrlParams(PageParams).addSuccess(
      Page(FabricAddress)
    )
  )
  .add(HttpApiEndpoint.post("assignPhoneRoute", `${base}/:id/phone_routes`).setPath(IdPath).setPayload(PhoneRoute).addSuccess(FabricAddress))
  .add(
    HttpApiEndpoint.post("assignDomainApplication", `${base}/:id/domain_applications`)
      .setPath(IdPath)
      .setPayload(Schema.Struct({ domain_application_id: nonEmpty }))
      .addSuccess(DomainApplication)
  )
  .add(
    HttpApiEndpoint.post("assignSipEndpoint", `${base}/:id/sip_endpoints`)
      .setPath(IdPath)
      .setPayload(Schema.Struct({ sip_endpoint_id: nonEmpty }))
      .addSuccess(FabricAddress)
  )

/**
 * The `fabric.addresses` group: every Fabric address of the project.
 *
 * @example
 * ```ts
 * import { Fabric } from "@signalwire-effect/rest"
 *
 * Fabric.addressesGroup.identifier // "fabric.addresses"
 * ```
 * @since 0.2.0
 */
export const addressesGroup = HttpApiGroup.make("fabric.addresses")
  .add(HttpApiEndpoint.get("list", "/api/fabric/addresses").setUrlParams(PageParams).addSuccess(Page(FabricAddress)))
  .add(HttpApiEndpoint.get("get", "/api/fabric/addresses/:id").setPath(IdPath).addSuccess(FabricAddress))

const sip = "/api/fabric/sip_addresses"

/**
 * The `fabric.sipAddresses` group (a platform path the reference SDKs lack).
 *
 * @example
 * ```ts
 * import { Fabric } from "@signalwire-effect/rest"
 *
 * Fabric.sipAddressesGroup.identifier // "fabric.sipAddresses"
 * ```
 * @since 0.2.0
 */
export const sipAddressesGroup = HttpApiGroup.make("fabric.sipAddresses")
  .add(HttpApiEndpoint.get("list", sip).setUrlParams(PageParams).addSuccess(Page(SipAddress)))
  .add(HttpApiEndpoint.post("create", sip).setPayload(CreateSipAddress).addSuccess(SipAddress, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${sip}/:id`).setPath(IdPath).addSuccess(SipAddress))
  .add(HttpApiEndpoint.patch("update", `${sip}/:id`).setPath(IdPath).setPayload(UpdateSipAddress).addSuccess(SipAddress))
  .add(HttpApiEndpoint.del("delete", `${sip}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))

/**
 * The `fabric.tokens` group: subscriber tokens (and their refresh), invite, guest and embed
 * tokens. The invite path is singular (`/api/fabric/subscriber/invites`), as on the platform.
 *
 * @example
 * ```ts
 * import { Fabric } from "@signalwire-effect/rest"
 *
 * Fabric.tokensGroup.identifier // "fabric.tokens"
 * ```
 * @since 0.2.0
 */
export const tokensGroup = HttpApiGroup.make("fabric.tokens")
  .add(HttpApiEndpoint.post("createSubscriberToken", "/api/fabric/subscribers/tokens").setPayload(SubscriberTokenRequest).addSuccess(TokenPair))
  .add(
    HttpApiEndpoint.post("refreshSubscriberToken", "/api/fabric/subscribers/tokens/refresh")
      .setPayload(Schema.Struct({ refresh_token: nonEmpty }))
      .addSuccess(TokenPair, { status: 201 })
  )
  .add(HttpApiEndpoint.post("createInviteToken", "/api/fabric/subscriber/invites").setPayload(InviteTokenRequest).addSuccess(Token, { status: 201 }))
  .add(HttpApiEndpoint.post("createGuestToken", "/api/fabric/guests/tokens").setPayload(GuestTokenRequest).addSuccess(TokenPair, { status: 201 }))
  .add(
    HttpApiEndpoint.post("createEmbedToken", "/api/fabric/embeds/tokens")
      .setPayload(Schema.Struct({ token: nonEmpty }))
      .addSuccess(Token, { status: 201 })
  )
