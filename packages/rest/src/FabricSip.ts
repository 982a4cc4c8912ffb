/**
 * Fabric resources for people and SIP: subscribers (PUT) and their SIP endpoints (PATCH), SIP
 * endpoints (PUT), SIP gateways (PATCH) and FreeSWITCH connectors (PUT).
 *
 * @since 0.2.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as Schema from "effect/Schema"
import { createEndpoint, envelope, RESOURCES, resourceGroup } from "./internal/fabricGroup.js"
import { Extra, nullable, Page, PageParams } from "./RestSchema.js"

const nonEmpty = Schema.String.pipe(Schema.minLength(1))
const Encryption = Schema.Literal("default", "required", "optional")

/**
 * A subscriber: `subscriber: { email, first_name, last_name, ... }`.
 *
 * @example
 * ```ts
 * import type { FabricSip } from "@signalwire-effect/rest"
 *
 * const email = (s: FabricSip.Subscriber) => s.subscriber?.email
 * ```
 * @since 0.2.0
 */
export const Subscriber = Schema.Struct({
  ...envelope,
  subscriber: nullable(Schema.Struct({ email: nullable(Schema.String), first_name: nullable(Schema.String), last_name: nullable(Schema.String) }, Extra))
}, Extra)

/**
 * A decoded {@link Subscriber}.
 *
 * @example
 * ```ts
 * import type { FabricSip } from "@signalwire-effect/rest"
 *
 * const id = (s: FabricSip.Subscriber) => s.id
 * ```
 * @since 0.2.0
 */
export type Subscriber = typeof Subscriber.Type

const subscriberFields = {
  password: Schema.optional(Schema.String),
  first_name: Schema.optional(Schema.String),
  last_name: Schema.optional(Schema.String),
  display_name: Schema.optional(Schema.String),
  job_title: Schema.optional(Schema.String),
  timezone: Schema.optional(Schema.String),
  country: Schema.optional(Schema.String),
  region: Schema.optional(Schema.String),
  company_name: Schema.optional(Schema.String)
}

/**
 * The body of a subscriber create or update (PUT): `email` is required.
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricSip.SubscriberBody.Type = { email: "ada@example.com", first_name: "Ada" }
 * ```
 * @since 0.2.0
 */
export const SubscriberBody = Schema.Struct({ email: nonEmpty, ...subscriberFields })

/**
 * A SIP endpoint of a subscriber (the password is never returned).
 *
 * @example
 * ```ts
 * import type { FabricSip } from "@signalwire-effect/rest"
 *
 * const user = (e: FabricSip.SubscriberSipEndpoint) => e.username
 * ```
 * @since 0.2.0
 */
export const SubscriberSipEndpoint = Schema.Struct({
  id: Schema.String,
  username: nullable(Schema.String),
  caller_id: nullable(Schema.String),
  send_as: nullable(Schema.String),
  ciphers: nullable(Schema.Array(Schema.String)),
  codecs: nullable(Schema.Array(Schema.String)),
  encryption: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link SubscriberSipEndpoint}.
 *
 * @example
 * ```ts
 * import type { FabricSip } from "@signalwire-effect/rest"
 *
 * const id = (e: FabricSip.SubscriberSipEndpoint) => e.id
 * ```
 * @since 0.2.0
 */
export type SubscriberSipEndpoint = typeof SubscriberSipEndpoint.Type

const endpointFields = {
  caller_id: Schema.optional(Schema.String),
  send_as: Schema.optional(Schema.String),
  ciphers: Schema.optional(Schema.Array(Schema.String)),
  codecs: Schema.optional(Schema.Array(Schema.String)),
  encryption: Schema.optional(Encryption)
}

/**
 * The body of a subscriber SIP endpoint create (`username` and `password` are required).
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricSip.CreateSubscriberSipEndpoint.Type = { username: "ada", password: "s3cret!" }
 * ```
 * @since 0.2.0
 */
export const CreateSubscriberSipEndpoint = Schema.Struct({ username: nonEmpty, password: nonEmpty, ...endpointFields })

/**
 * The body of a subscriber SIP endpoint update (PATCH).
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricSip.UpdateSubscriberSipEndpoint.Type = { caller_id: "Ada" }
 * ```
 * @since 0.2.0
 */
export const UpdateSubscriberSipEndpoint = Schema.partial(CreateSubscriberSipEndpoint)

/**
 * A SIP endpoint resource. The platform shows these flat (`{ id, type, username, ... }`), not in
 * the envelope of the other resource types.
 *
 * @example
 * ```ts
 * import type { FabricSip } from "@signalwire-effect/rest"
 *
 * const user = (e: FabricSip.SipEndpoint) => e.username
 * ```
 * @since 0.2.0
 */
export const SipEndpoint = Schema.Struct({
  id: Schema.String,
  type: nullable(Schema.String),
  username: nullable(Schema.String),
  caller_id: nullable(Schema.String),
  send_as: nullable(Schema.String),
  ciphers: nullable(Schema.Array(Schema.String)),
  codecs: nullable(Schema.Array(Schema.String)),
  encryption: nullable(Schema.String),
  call_handler: nullable(Schema.String),
  calling_handler_resource_id: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link SipEndpoint}.
 *
 * @example
 * ```ts
 * import type { FabricSip } from "@signalwire-effect/rest"
 *
 * const id = (e: FabricSip.SipEndpoint) => e.id
 * ```
 * @since 0.2.0
 */
export type SipEndpoint = typeof SipEndpoint.Type

const sipEndpointFields = {
  ...endpointFields,
  call_handler: Schema.optional(Schema.String),
  calling_handler_resource_id: Schema.optional(Schema.NullOr(Schema.String))
}

/**
 * The body of a SIP endpoint create.
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricSip.CreateSipEndpoint.Type = { username: "desk-1", password: "s3cret!" }
 * ```
 * @since 0.2.0
 */
export const CreateSipEndpoint = Schema.Struct({ username: nonEmpty, password: nonEmpty, ...sipEndpointFields })

/**
 * The body of a SIP endpoint update (PUT).
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricSip.UpdateSipEndpoint.Type = { caller_id: "Front desk" }
 * ```
 * @since 0.2.0
 */
export const UpdateSipEndpoint = Schema.Struct({
  username: Schema.optional(nonEmpty),
  password: Schema.optional(nonEmpty),
  ...sipEndpointFields
})

/**
 * A SIP gateway: `sip_gateway: { uri, encryption, ciphers, codecs }`.
 *
 * @example
 * ```ts
 * import type { FabricSip } from "@signalwire-effect/rest"
 *
 * const uri = (g: typeof FabricSip.SipGateway.Type) => g.sip_gateway?.uri
 * ```
 * @since 0.2.0
 */
export const SipGateway = Schema.Struct({
  ...envelope,
  sip_gateway: nullable(Schema.Struct({ name: nullable(Schema.String), uri: nullable(Schema.String) }, Extra))
}, Extra)

/**
 * The body of a SIP gateway create.
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricSip.CreateSipGateway.Type = {
 *   name: "pbx", uri: "sip:pbx.example.com", encryption: "optional", ciphers: [], codecs: ["PCMU"]
 * }
 * ```
 * @since 0.2.0
 */
export const CreateSipGateway = Schema.Struct({
  name: nonEmpty,
  uri: nonEmpty,
  encryption: Schema.Literal("required", "optional", "default"),
  ciphers: Schema.Array(Schema.String),
  codecs: Schema.Array(Schema.String)
})

/**
 * The body of a SIP gateway update (PATCH).
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricSip.UpdateSipGateway.Type = { uri: "sip:pbx2.example.com" }
 * ```
 * @since 0.2.0
 */
export const UpdateSipGateway = Schema.partial(CreateSipGateway)

/**
 * A FreeSWITCH connector: `freeswitch_connector: { name, caller_id, send_as }`.
 *
 * @example
 * ```ts
 * import type { FabricSip } from "@signalwire-effect/rest"
 *
 * const id = (c: typeof FabricSip.FreeswitchConnector.Type) => c.id
 * ```
 * @since 0.2.0
 */
export const FreeswitchConnector = Schema.Struct({
  ...envelope,
  freeswitch_connector: nullable(Schema.Struct({ name: nullable(Schema.String), caller_id: nullable(Schema.String) }, Extra))
}, Extra)

/**
 * The body of a FreeSWITCH connector create: a name and the connector's token.
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricSip.CreateFreeswitchConnector.Type = { name: "lab", token: "fs-token" }
 * ```
 * @since 0.2.0
 */
export const CreateFreeswitchConnector = Schema.Struct({ name: nonEmpty, token: nonEmpty })

/**
 * The body of a FreeSWITCH connector update (PUT).
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricSip.UpdateFreeswitchConnector.Type = { caller_id: "Lab" }
 * ```
 * @since 0.2.0
 */
export const UpdateFreeswitchConnector = Schema.Struct({
  name: Schema.optional(nonEmpty),
  caller_id: Schema.optional(Schema.String),
  send_as: Schema.optional(Schema.String)
})

const SubscriberPath = Schema.Struct({ subscriber_id: nonEmpty })
const EndpointPath = Schema.Struct({ subscriber_id: nonEmpty, id: nonEmpty })
const subscriberEndpoints = `${RESOURCES}/subscribers/:subscriber_id/sip_endpoints` as const

/**
 * The `fabric.subscribers` group (update = PUT) with the SIP endpoints of a subscriber
 * (update = PATCH).
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * FabricSip.subscribersGroup.identifier // "fabric.subscribers"
 * ```
 * @since 0.2.0
 */
export const subscribersGroup = resourceGroup("fabric.subscribers", "subscribers", Subscriber, SubscriberBody, { update: "PUT" })
  .add(createEndpoint("subscribers", SubscriberBody, Subscriber, 201))
  .add(
    HttpApiEndpoint.get("listSipEndpoints", subscriberEndpoints).setPath(SubscriberPath).setUrlParams(PageParams).addSuccess(
      Page(SubscriberSipEndpoint)
    )
  )
  .add(
    HttpApiEndpoint.post("createSipEndpoint", subscriberEndpoints).setPath(SubscriberPath).setPayload(CreateSubscriberSipEndpoint)
      .addSuccess(SubscriberSipEndpoint, { status: 201 })
  )
  .add(HttpApiEndpoint.get("getSipEndpoint", `${subscriberEndpoints}/:id`).setPath(EndpointPath).addSuccess(SubscriberSipEndpoint))
  .add(
    HttpApiEndpoint.patch("updateSipEndpoint", `${subscriberEndpoints}/:id`).setPath(EndpointPath).setPayload(
      UpdateSubscriberSipEndpoint
    ).addSuccess(SubscriberSipEndpoint)
  )
  .add(HttpApiEndpoint.del("deleteSipEndpoint", `${subscriberEndpoints}/:id`).setPath(EndpointPath).addSuccess(Schema.Void, { status: 204 }))

/**
 * The `fabric.sipEndpoints` group (update = PUT).
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * FabricSip.sipEndpointsGroup.identifier // "fabric.sipEndpoints"
 * ```
 * @since 0.2.0
 */
export const sipEndpointsGroup = resourceGroup("fabric.sipEndpoints", "sip_endpoints", SipEndpoint, UpdateSipEndpoint, { update: "PUT" })
  .add(createEndpoint("sip_endpoints", CreateSipEndpoint, SipEndpoint, 200))

/**
 * The `fabric.sipGateways` group (update = PATCH).
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * FabricSip.sipGatewaysGroup.identifier // "fabric.sipGateways"
 * ```
 * @since 0.2.0
 */
export const sipGatewaysGroup = resourceGroup("fabric.sipGateways", "sip_gateways", SipGateway, UpdateSipGateway, { update: "PATCH" })
  .add(createEndpoint("sip_gateways", CreateSipGateway, SipGateway, 201))

/**
 * The `fabric.freeswitchConnectors` group (update = PUT).
 *
 * @example
 * ```ts
 * import { FabricSip } from "@signalwire-effect/rest"
 *
 * FabricSip.freeswitchConnectorsGroup.identifier // "fabric.freeswitchConnectors"
 * ```
 * @since 0.2.0
 */
export const freeswitchConnectorsGroup = resourceGroup(
  "fabric.freeswitchConnectors",
  "freeswitch_connectors",
  FreeswitchConnector,
  UpdateFreeswitchConnector,
  { update: "PUT" }
).add(createEndpoint("freeswitch_connectors", CreateFreeswitchConnector, FreeswitchConnector, 200))
