/**
 * Fabric call flows (update = PUT) and their deployed versions. Their addresses and versions keep
 * the platform's singular path: `/api/fabric/resources/call_flow/{id}/...`.
 *
 * @since 0.2.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as Schema from "effect/Schema"
import { createEndpoint, envelope, RESOURCES, resourceGroup } from "./internal/fabricGroup.js"
import { Extra, IdPath, nullable, Page, PageParams } from "./RestSchema.js"

const nonEmpty = Schema.String.pipe(Schema.minLength(1))

/**
 * A call flow: `call_flow: { title, flow_data, relayml, document_version, ... }`.
 *
 * @example
 * ```ts
 * import type { FabricCallFlows } from "@signalwire-effect/rest"
 *
 * const version = (f: FabricCallFlows.CallFlow) => f.call_flow?.document_version
 * ```
 * @since 0.2.0
 */
export const CallFlow = Schema.Struct({
  ...envelope,
  call_flow: nullable(Schema.Struct({ title: nullable(Schema.String), document_version: nullable(Schema.Number) }, Extra))
}, Extra)

/**
 * A decoded {@link CallFlow}.
 *
 * @example
 * ```ts
 * import type { FabricCallFlows } from "@signalwire-effect/rest"
 *
 * const id = (f: FabricCallFlows.CallFlow) => f.id
 * ```
 * @since 0.2.0
 */
export type CallFlow = typeof CallFlow.Type

/**
 * The body of a call flow create.
 *
 * @example
 * ```ts
 * import { FabricCallFlows } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricCallFlows.CreateCallFlow.Type = { title: "IVR" }
 * ```
 * @since 0.2.0
 */
export const CreateCallFlow = Schema.Struct({
  title: nonEmpty,
  flow_data: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  relayml: Schema.optional(Schema.Unknown)
})

/**
 * The body of a call flow update (PUT).
 *
 * @example
 * ```ts
 * import { FabricCallFlows } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricCallFlows.UpdateCallFlow.Type = { title: "IVR v2" }
 * ```
 * @since 0.2.0
 */
export const UpdateCallFlow = Schema.Struct({
  title: Schema.optional(nonEmpty),
  document_version: Schema.optional(Schema.Int),
  flow_data: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  relayml: Schema.optional(Schema.Unknown)
})

/**
 * A deployed version of a call flow.
 *
 * @example
 * ```ts
 * import type { FabricCallFlows } from "@signalwire-effect/rest"
 *
 * const n = (v: FabricCallFlows.CallFlowVersion) => v.document_version
 * ```
 * @since 0.2.0
 */
export const CallFlowVersion = Schema.Struct({
  id: Schema.String,
  document_version: nullable(Schema.Number),
  flow_data: nullable(Schema.Unknown),
  relayml: nullable(Schema.Unknown),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link CallFlowVersion}.
 *
 * @example
 * ```ts
 * import type { FabricCallFlows } from "@signalwire-effect/rest"
 *
 * const id = (v: FabricCallFlows.CallFlowVersion) => v.id
 * ```
 * @since 0.2.0
 */
export type CallFlowVersion = typeof CallFlowVersion.Type

/**
 * The body of `deployVersion`: deploy the working copy, or an earlier `document_version`.
 *
 * @example
 * ```ts
 * import { FabricCallFlows } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricCallFlows.DeployVersion.Type = { document_version: 2 }
 * ```
 * @since 0.2.0
 */
export const DeployVersion = Schema.Struct({ document_version: Schema.optional(Schema.Int), call_flow_version_id: Schema.optional(Schema.String) })

const flow = `${RESOURCES}/call_flow` as const

/**
 * The `fabric.callFlows` group (update = PUT; addresses and versions on the singular path).
 *
 * @example
 * ```ts
 * import { FabricCallFlows } from "@signalwire-effect/rest"
 *
 * FabricCallFlows.callFlowsGroup.identifier // "fabric.callFlows"
 * ```
 * @since 0.2.0
 */
export const callFlowsGroup = resourceGroup("fabric.callFlows", "call_flows", CallFlow, UpdateCallFlow, {
  update: "PUT",
  addressesBase: flow
})
  .add(createEndpoint("call_flows", CreateCallFlow, CallFlow, 201))
  .add(HttpApiEndpoint.get("listVersions", `${flow}/:id/versions`).setPath(IdPath).setUrlParams(PageParams).addSuccess(Page(CallFlowVersion)))
  .add(HttpApiEndpoint.post("deployVersion", `${flow}/:id/versions`).setPath(IdPath).setPayload(DeployVersion).addSuccess(CallFlowVersion, { status: 201 }))
