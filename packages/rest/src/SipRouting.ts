/**
 * SIP routing of the RELAY REST API, two platform paths the reference SDKs lack: domain
 * applications (`/api/relay/rest/domain_applications`, a SIP domain `<identifier>-<space>.sip…`
 * whose calls go to a handler) and SIP endpoints (`/api/relay/rest/endpoints/sip`, credentials a
 * SIP device registers with). Both update with PUT and take the same `call_handler` fields as a
 * phone number.
 *
 * @since 0.2.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import * as FabricSip from "./FabricSip.js"
import { Extra, IdPath, nullable, Page, PageParams } from "./RestSchema.js"

const nonEmpty = Schema.String.pipe(Schema.minLength(1))
const Method = Schema.Literal("GET", "POST")

const handlerFields = {
  call_handler: Schema.optional(Schema.String),
  call_request_url: Schema.optional(Schema.String),
  call_request_method: Schema.optional(Method),
  call_fallback_url: Schema.optional(Schema.String),
  call_status_callback_url: Schema.optional(Schema.String),
  call_laml_application_id: Schema.optional(Schema.String),
  call_relay_topic: Schema.optional(Schema.String),
  call_relay_context: Schema.optional(Schema.String),
  call_relay_application: Schema.optional(Schema.String),
  call_relay_script_url: Schema.optional(Schema.String),
  call_video_room_id: Schema.optional(Schema.String),
  call_dialogflow_agent_id: Schema.optional(Schema.String),
  call_ai_agent_id: Schema.optional(Schema.String),
  call_flow_id: Schema.optional(Schema.String),
  call_flow_version: Schema.optional(Schema.Literal("working_copy", "current_deployed"))
}

const mediaFields = {
  codecs: Schema.optional(Schema.Array(Schema.String)),
  ciphers: Schema.optional(Schema.Array(Schema.String))
}

/**
 * A domain application.
 *
 * @example
 * ```ts
 * import type { SipRouting } from "@signalwire-effect/rest"
 *
 * const domain = (d: SipRouting.DomainApplication) => d.domain
 * ```
 * @since 0.2.0
 */
export const DomainApplication = Schema.Struct({
  id: Schema.String,
  type: nullable(Schema.String),
  domain: nullable(Schema.String),
  name: nullable(Schema.String),
  identifier: nullable(Schema.String),
  user: nullable(Schema.String),
  ip_auth_enabled: nullable(Schema.Boolean),
  ip_auth: nullable(Schema.Array(Schema.String)),
  call_handler: nullable(Schema.String),
  calling_handler_resource_id: nullable(Schema.String),
  encryption: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link DomainApplication}.
 *
 * @example
 * ```ts
 * import type { SipRouting } from "@signalwire-effect/rest"
 *
 * const id = (d: SipRouting.DomainApplication) => d.id
 * ```
 * @since 0.2.0
 */
export type DomainApplication = typeof DomainApplication.Type

const domainFields = {
  user: Schema.optional(Schema.String),
  ip_auth_enabled: Schema.optional(Schema.Boolean),
  ip_auth: Schema.optional(Schema.Array(Schema.String)),
  encryption: Schema.optional(Schema.Literal("optional", "required", "forbidden")),
  ...mediaFields,
  ...handlerFields
}

/**
 * The body of a domain application create (`name` and `identifier` are required).
 *
 * @example
 * ```ts
 * import { SipRouting } from "@signalwire-effect/rest"
 *
 * const body: typeof SipRouting.CreateDomainApplication.Type = { name: "Office", identifier: "office", call_handler: "relay_context", call_relay_context: "office" }
 * ```
 * @since 0.2.0
 */
export const CreateDomainApplication = Schema.Struct({ name: nonEmpty, identifier: nonEmpty.pipe(Schema.pattern(/^[a-z0-9-]+$/)), ...domainFields })

/**
 * The body of a domain application update (PUT).
 *
 * @example
 * ```ts
 * import { SipRouting } from "@signalwire-effect/rest"
 *
 * const body: typeof SipRouting.UpdateDomainApplication.Type = { name: "Head office" }
 * ```
 * @since 0.2.0
 */
export const UpdateDomainApplication = Schema.Struct({
  name: Schema.optional(nonEmpty),
  identifier: Schema.optional(nonEmpty.pipe(Schema.pattern(/^[a-z0-9-]+$/))),
  ...domainFields
})

/**
 * A SIP endpoint of the RELAY REST API (the password is never returned): the same shape as a
 * Fabric SIP endpoint ({@link FabricSip.SipEndpoint}), which it is on the platform.
 *
 * @example
 * ```ts
 * import type { SipRouting } from "@signalwire-effect/rest"
 *
 * const user = (e: SipRouting.SipEndpoint) => e.username
 * ```
 * @since 0.2.0
 */
export const SipEndpoint: typeof FabricSip.SipEndpoint = FabricSip.SipEndpoint

/**
 * A decoded {@link SipEndpoint}.
 *
 * @example
 * ```ts
 * import type { SipRouting } from "@signalwire-effect/rest"
 *
 * const id = (e: SipRouting.SipEndpoint) => e.id
 * ```
 * @since 0.2.0
 */
export type SipEndpoint = typeof SipEndpoint.Type

const endpointFields = {
  caller_id: Schema.optional(Schema.String),
  send_as: Schema.optional(Schema.String),
  encryption: Schema.optional(Schema.Literal("default", "required", "optional")),
  ...mediaFields,
  ...handlerFields
}

/**
 * The body of a SIP endpoint create (`username` and `password` are required).
 *
 * @example
 * ```ts
 * import { SipRouting } from "@signalwire-effect/rest"
 *
 * const body: typeof SipRouting.CreateSipEndpoint.Type = { username: "desk-1", password: "s3cret!" }
 * ```
 * @since 0.2.0
 */
export const CreateSipEndpoint = Schema.Struct({ username: nonEmpty, password: nonEmpty, ...endpointFields })

/**
 * The body of a SIP endpoint update (PUT).
 *
 * @example
 * ```ts
 * import { SipRouting } from "@signalwire-effect/rest"
 *
 * const body: typeof SipRouting.UpdateSipEndpoint.Type = { caller_id: "Front desk" }
 * ```
 * @since 0.2.0
 */
export const UpdateSipEndpoint = Schema.Struct({ username: Schema.optional(nonEmpty), password: Schema.optional(nonEmpty), ...endpointFields })

const crud = <const N extends string, I extends Schema.Schema.Any, C extends Schema.Schema.Any, U extends Schema.Schema.Any>(
  name: N,
  base: `/${string}`,
  item: I,
  create: C,
  update: U
) =>
  HttpApiGroup.make(name)
    .add(HttpApiEndpoint.get("list", base).setUrlParams(PageParams).addSuccess(Page(item)))
    .add(HttpApiEndpoint.post("create", base).setPayload(create).addSuccess(item, { status: 201 }))
    .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(item))
    .add(HttpApiEndpoint.put("update", `${base}/:id`).setPath(IdPath).setPayload(update).addSuccess(item))
    .add(HttpApiEndpoint.del("delete", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))

/**
 * The `domainApplications` group.
 *
 * @example
 * ```ts
 * import { SipRouting } from "@signalwire-effect/rest"
 *
 * SipRouting.domainApplicationsGroup.identifier // "domainApplications"
 * ```
 * @since 0.2.0
 */
export const domainApplicationsGroup = crud(
  "domainApplications",
  "/api/relay/rest/domain_applications",
  DomainApplication,
  CreateDomainApplication,
  UpdateDomainApplication
)

/**
 * The `sipEndpoints` group (`/api/relay/rest/endpoints/sip`).
 *
 * @example
 * ```ts
 * import { SipRouting } from "@signalwire-effect/rest"
 *
 * SipRouting.sipEndpointsGroup.identifier // "sipEndpoints"
 * ```
 * @since 0.2.0
 */
export const sipEndpointsGroup = crud("sipEndpoints", "/api/relay/rest/endpoints/sip", SipEndpoint, CreateSipEndpoint, UpdateSipEndpoint)
