/**
 * The interface of `rest.fabric`: one namespace per resource type (camelCase, as the reference
 * SDK names them), plus resources of any type, addresses, SIP addresses and tokens. Every list has
 * a `paginate…` Stream beside it.
 *
 * @since 0.2.0
 */
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as Fabric from "./Fabric.js"
import type * as FabricApps from "./FabricApps.js"
import type * as FabricCallFlows from "./FabricCallFlows.js"
import type * as FabricScripts from "./FabricScripts.js"
import type * as FabricSip from "./FabricSip.js"
import type { RestError } from "./RestError.js"
import type { PageOf } from "./RestSchema.js"
import type * as SipRouting from "./SipRouting.js"

type Op<A> = Effect.Effect<A, RestError>

/**
 * The pagination parameters of every Fabric list.
 *
 * @example
 * ```ts
 * import type { FabricNamespaces } from "@signalwire-effect/rest"
 *
 * const params: FabricNamespaces.PageParams = { page_size: 25 }
 * ```
 * @since 0.2.0
 */
export type PageParams = { readonly page_number?: number; readonly page_size?: number; readonly page_token?: string }

/**
 * A Fabric resource type without create: list (and paginate), get, update, delete, and the
 * addresses of one resource.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const agents = Effect.flatMap(RestClient.RestClient, (rest) => rest.fabric.dialogflowAgents.list())
 * ```
 * @since 0.2.0
 */
export interface ResourceApi<A, U> {
  readonly list: (params?: PageParams) => Op<PageOf<A>>
  readonly paginate: (params?: PageParams) => Stream.Stream<A, RestError>
  readonly get: (id: string) => Op<A>
  /** PUT or PATCH, as the platform has it for the type. */
  readonly update: (id: string, body: U) => Op<A>
  readonly delete: (id: string) => Op<void>
  readonly listAddresses: (id: string, params?: PageParams) => Op<PageOf<Fabric.FabricAddress>>
  readonly paginateAddresses: (id: string, params?: PageParams) => Stream.Stream<Fabric.FabricAddress, RestError>
}

/**
 * A Fabric resource type with create.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const app = Effect.flatMap(RestClient.RestClient, (rest) =>
 *   rest.fabric.relayApplications.create({ name: "reception", topic: "office" }))
 * ```
 * @since 0.2.0
 */
export interface CrudResourceApi<A, C, U> extends ResourceApi<A, U> {
  readonly create: (body: C) => Op<A>
}

type Body<S extends { readonly Type: unknown }> = S["Type"]

/**
 * `rest.fabric.subscribers`: subscribers and their SIP endpoints.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const device = Effect.gen(function*() {
 *   const rest = yield* RestClient.RestClient
 *   const ada = yield* rest.fabric.subscribers.create({ email: "ada@example.com" })
 *   return yield* rest.fabric.subscribers.createSipEndpoint(ada.id, { username: "ada", password: "s3cret!" })
 * })
 * ```
 * @since 0.2.0
 */
export interface SubscribersApi
  extends CrudResourceApi<FabricSip.Subscriber, Body<typeof FabricSip.SubscriberBody>, Body<typeof FabricSip.SubscriberBody>>
{
  readonly listSipEndpoints: (subscriberId: string, params?: PageParams) => Op<PageOf<FabricSip.SubscriberSipEndpoint>>
  readonly paginateSipEndpoints: (subscriberId: string, params?: PageParams) => Stream.Stream<FabricSip.SubscriberSipEndpoint, RestError>
  readonly createSipEndpoint: (
    subscriberId: string,
    body: Body<typeof FabricSip.CreateSubscriberSipEndpoint>
  ) => Op<FabricSip.SubscriberSipEndpoint>
  readonly getSipEndpoint: (subscriberId: string, endpointId: string) => Op<FabricSip.SubscriberSipEndpoint>
  /** PATCH. */
  readonly updateSipEndpoint: (
    subscriberId: string,
    endpointId: string,
    body: Body<typeof FabricSip.UpdateSubscriberSipEndpoint>
  ) => Op<FabricSip.SubscriberSipEndpoint>
  readonly deleteSipEndpoint: (subscriberId: string, endpointId: string) => Op<void>
}

/**
 * `rest.fabric.callFlows`: call flows and their deployed versions.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const deploy = (id: string) => Effect.flatMap(RestClient.RestClient, (rest) => rest.fabric.callFlows.deployVersion(id, {}))
 * ```
 * @since 0.2.0
 */
export interface CallFlowsApi
  extends CrudResourceApi<FabricCallFlows.CallFlow, Body<typeof FabricCallFlows.CreateCallFlow>, Body<typeof FabricCallFlows.UpdateCallFlow>>
{
  readonly listVersions: (id: string, params?: PageParams) => Op<PageOf<FabricCallFlows.CallFlowVersion>>
  readonly paginateVersions: (id: string, params?: PageParams) => Stream.Stream<FabricCallFlows.CallFlowVersion, RestError>
  readonly deployVersion: (id: string, body: Body<typeof FabricCallFlows.DeployVersion>) => Op<FabricCallFlows.CallFlowVersion>
}

/**
 * `rest.fabric.resources`: resources of any type and their assignments.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const route = (scriptId: string, numberId: string) => Effect.flatMap(RestClient.RestClient, (rest) =>
 *   rest.fabric.resources.assignPhoneRoute(scriptId, { phone_route_id: numberId, handler: "calling" }))
 * ```
 * @since 0.2.0
 */
export interface ResourcesApi {
  readonly list: (params?: PageParams) => Op<PageOf<Fabric.Resource>>
  readonly paginate: (params?: PageParams) => Stream.Stream<Fabric.Resource, RestError>
  readonly get: (id: string) => Op<Fabric.Resource>
  readonly delete: (id: string) => Op<void>
  readonly listAddresses: (id: string, params?: PageParams) => Op<PageOf<Fabric.FabricAddress>>
  readonly paginateAddresses: (id: string, params?: PageParams) => Stream.Stream<Fabric.FabricAddress, RestError>
  /** Routes calls (or messages) to a phone number to the resource: the number's handler changes with it. */
  readonly assignPhoneRoute: (id: string, body: Body<typeof Fabric.PhoneRoute>) => Op<Fabric.FabricAddress>
  /** Calls to the domain application go to the resource; answers the domain application. */
  readonly assignDomainApplication: (id: string, body: { readonly domain_application_id: string }) => Op<SipRouting.DomainApplication>
  readonly assignSipEndpoint: (id: string, body: { readonly sip_endpoint_id: string }) => Op<Fabric.FabricAddress>
}

/**
 * `rest.fabric`.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const agent = Effect.flatMap(RestClient.RestClient, (rest) =>
 *   rest.fabric.aiAgents.create({ name: "Front desk", prompt: { text: "You greet callers." } }))
 * ```
 * @since 0.2.0
 */
export interface FabricApi {
  readonly swmlScripts: CrudResourceApi<FabricScripts.SwmlScript, Body<typeof FabricScripts.CreateSwmlScript>, Body<typeof FabricScripts.UpdateSwmlScript>>
  readonly swmlWebhooks: CrudResourceApi<FabricScripts.Webhook, Body<typeof FabricScripts.CreateWebhook>, Body<typeof FabricScripts.UpdateWebhook>>
  readonly cxmlScripts: CrudResourceApi<FabricScripts.CxmlScript, Body<typeof FabricScripts.CreateCxmlScript>, Body<typeof FabricScripts.UpdateCxmlScript>>
  readonly cxmlWebhooks: CrudResourceApi<FabricScripts.Webhook, Body<typeof FabricScripts.CreateWebhook>, Body<typeof FabricScripts.UpdateWebhook>>
  readonly cxmlApplications: ResourceApi<FabricScripts.CxmlApplication, Body<typeof FabricScripts.UpdateCxmlApplication>>
  readonly aiAgents: CrudResourceApi<FabricApps.AiAgent, Body<typeof FabricApps.CreateAiAgent>, Body<typeof FabricApps.UpdateAiAgent>>
  readonly callFlows: CallFlowsApi
  readonly conferenceRooms: CrudResourceApi<
    FabricApps.ConferenceRoom,
    Body<typeof FabricApps.CreateConferenceRoom>,
    Body<typeof FabricApps.UpdateConferenceRoom>
  >
  readonly relayApplications: CrudResourceApi<
    FabricApps.RelayApplication,
    Body<typeof FabricApps.CreateRelayApplication>,
    Body<typeof FabricApps.UpdateRelayApplication>
  >
  readonly dialogflowAgents: ResourceApi<typeof FabricApps.DialogflowAgent.Type, Body<typeof FabricApps.UpdateDialogflowAgent>>
  readonly subscribers: SubscribersApi
  readonly sipEndpoints: CrudResourceApi<FabricSip.SipEndpoint, Body<typeof FabricSip.CreateSipEndpoint>, Body<typeof FabricSip.UpdateSipEndpoint>>
  readonly sipGateways: CrudResourceApi<typeof FabricSip.SipGateway.Type, Body<typeof FabricSip.CreateSipGateway>, Body<typeof FabricSip.UpdateSipGateway>>
  readonly freeswitchConnectors: CrudResourceApi<
    typeof FabricSip.FreeswitchConnector.Type,
    Body<typeof FabricSip.CreateFreeswitchConnector>,
    Body<typeof FabricSip.UpdateFreeswitchConnector>
  >
  readonly resources: ResourcesApi
  readonly addresses: {
    readonly list: (params?: PageParams) => Op<PageOf<Fabric.FabricAddress>>
    readonly paginate: (params?: PageParams) => Stream.Stream<Fabric.FabricAddress, RestError>
    readonly get: (id: string) => Op<Fabric.FabricAddress>
  }
  /** SIP addresses (`/api/fabric/sip_addresses`); update = PATCH. */
  readonly sipAddresses: Omit<
    CrudResourceApi<Fabric.SipAddress, Body<typeof Fabric.CreateSipAddress>, Body<typeof Fabric.UpdateSipAddress>>,
    "listAddresses" | "paginateAddresses"
  >
  readonly tokens: {
    readonly createSubscriberToken: (body: Body<typeof Fabric.SubscriberTokenRequest>) => Op<Fabric.TokenPair>
    readonly refreshSubscriberToken: (body: { readonly refresh_token: string }) => Op<Fabric.TokenPair>
    readonly createInviteToken: (body: Body<typeof Fabric.InviteTokenRequest>) => Op<{ readonly token: string }>
    readonly createGuestToken: (body: Body<typeof Fabric.GuestTokenRequest>) => Op<Fabric.TokenPair>
    readonly createEmbedToken: (body: { readonly token: string }) => Op<{ readonly token: string }>
  }
}
