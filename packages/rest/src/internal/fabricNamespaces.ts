/**
 * `rest.fabric`: every typed resource type is the same six methods over its generated group
 * (`resourceApi`), with create where the platform has it; the rest are spelled out.
 */
import type * as HttpApiClient from "@effect/platform/HttpApiClient"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Fabric from "../Fabric.js"
import * as FabricApps from "../FabricApps.js"
import * as FabricCallFlows from "../FabricCallFlows.js"
import type * as FabricNamespaces from "../FabricNamespaces.js"
import * as FabricScripts from "../FabricScripts.js"
import * as FabricSip from "../FabricSip.js"
import type { Api } from "../RestApi.js"
import * as RestSchema from "../RestSchema.js"
import type { Rest } from "./call.js"
import { type Groups, op } from "./op.js"
import { paginate } from "./paginate.js"

type Client = HttpApiClient.Client<Groups<Api>, unknown, never>
type PageParams = typeof RestSchema.PageParams.Type
type Page<A> = RestSchema.PageOf<A>
type Run<R, A> = (request: R) => Effect.Effect<A, unknown>
type IdRequest = { readonly path: { readonly id: string } }

const id = RestSchema.IdPath.fields.id
const Params = RestSchema.PageParams

/** The generated client of a resource group, seen through the methods every type has. */
interface ResourceEndpoints<A, U> {
  readonly list: Run<{ readonly urlParams: PageParams }, Page<A>>
  readonly get: Run<IdRequest, A>
  readonly update: Run<IdRequest & { readonly payload: U }, A>
  readonly delete: Run<IdRequest, void>
  readonly listAddresses: Run<IdRequest & { readonly urlParams: PageParams }, Page<Fabric.FabricAddress>>
}

export const resourceApi = <A, I, U, UI>(
  rest: Rest,
  name: string,
  item: Schema.Schema<A, I>,
  update: Schema.Schema<U, UI>,
  group: ResourceEndpoints<NoInfer<A>, NoInfer<U>>
): FabricNamespaces.ResourceApi<A, U> => {
  const list = (urlParams: PageParams = {}) =>
    op(rest, `${name}.list`, [[Params, urlParams]], () => group.list({ urlParams }))
  const listAddresses = (ident: string, urlParams: PageParams = {}) =>
    op(rest, `${name}.listAddresses`, [[id, ident], [Params, urlParams]], () => group.listAddresses({ path: { id: ident }, urlParams }))
  return {
    list,
    paginate: (urlParams = {}) => paginate(rest, `${name}.paginate`, item, list(urlParams)),
    get: (ident) => op(rest, `${name}.get`, [[id, ident]], () => group.get({ path: { id: ident } })),
    update: (ident, body) =>
      op(rest, `${name}.update`, [[id, ident], [update, body]], () => group.update({ path: { id: ident }, payload: body })),
    delete: (ident) => op(rest, `${name}.delete`, [[id, ident]], () => group.delete({ path: { id: ident } })),
    listAddresses,
    paginateAddresses: (ident, urlParams = {}) =>
      paginate(rest, `${name}.paginateAddresses`, Fabric.FabricAddress, listAddresses(ident, urlParams))
  }
}

export const crudApi = <A, I, C, CI, U, UI>(
  rest: Rest,
  name: string,
  item: Schema.Schema<A, I>,
  schemas: { readonly create: Schema.Schema<C, CI>; readonly update: Schema.Schema<U, UI> },
  group: ResourceEndpoints<NoInfer<A>, NoInfer<U>> & { readonly create: Run<{ readonly payload: NoInfer<C> }, NoInfer<A>> }
): FabricNamespaces.CrudResourceApi<A, C, U> => ({
  ...resourceApi(rest, name, item, schemas.update, group),
  create: (body) => op(rest, `${name}.create`, [[schemas.create, body]], () => group.create({ payload: body }))
})

export const make = (rest: Rest, client: Client): FabricNamespaces.FabricApi => {
  const crud = <A, I, C, CI, U, UI>(
    name: string,
    item: Schema.Schema<A, I>,
    create: Schema.Schema<C, CI>,
    update: Schema.Schema<U, UI>,
    group: ResourceEndpoints<NoInfer<A>, NoInfer<U>> & { readonly create: Run<{ readonly payload: NoInfer<C> }, NoInfer<A>> }
  ) => crudApi(rest, `fabric.${name}`, item, { create, update }, group)

  const sub = client["fabric.subscribers"]
  const SubscriberPath = Schema.Struct({ subscriber_id: Schema.String.pipe(Schema.minLength(1)) })
  const listSipEndpoints = (subscriberId: string, urlParams: PageParams = {}) =>
    op(rest, "fabric.subscribers.listSipEndpoints", [[SubscriberPath, { subscriber_id: subscriberId }], [Params, urlParams]], () =>
      sub.listSipEndpoints({ path: { subscriber_id: subscriberId }, urlParams }))
  const subscribers: FabricNamespaces.SubscribersApi = {
    ...crud("subscribers", FabricSip.Subscriber, FabricSip.SubscriberBody, FabricSip.SubscriberBody, sub),
    listSipEndpoints,
    paginateSipEndpoints: (subscriberId, urlParams = {}) =>
      paginate(rest, "fabric.subscribers.paginateSipEndpoints", FabricSip.SubscriberSipEndpoint, listSipEndpoints(subscriberId, urlParams)),
    createSipEndpoint: (subscriberId, body) =>
      op(rest, "fabric.subscribers.createSipEndpoint", [[id, subscriberId], [FabricSip.CreateSubscriberSipEndpoint, body]], () =>
        sub.createSipEndpoint({ path: { subscriber_id: subscriberId }, payload: body })),
    getSipEndpoint: (subscriberId, endpointId) =>
      op(rest, "fabric.subscribers.getSipEndpoint", [[id, subscriberId], [id, endpointId]], () =>
        sub.getSipEndpoint({ path: { subscriber_id: subscriberId, id: endpointId } })),
    updateSipEndpoint: (subscriberId, endpointId, body) =>
      op(
        rest,
        "fabric.subscribers.updateSipEndpoint",
        [[id, subscriberId], [id, endpointId], [FabricSip.UpdateSubscriberSipEndpoint, body]],
        () => sub.updateSipEndpoint({ path: { subscriber_id: subscriberId, id: endpointId }, payload: body })
      ),
    deleteSipEndpoint: (subscriberId, endpointId) =>
      op(rest, "fabric.subscribers.deleteSipEndpoint", [[id, subscriberId], [id, endpointId]], () =>
        sub.deleteSipEndpoint({ path: { subscriber_id: subscriberId, id: endpointId } }))
  }

  const cf = client["fabric.callFlows"]
  const listVersions = (ident: string, urlParams: PageParams = {}) =>
    op(rest, "fabric.callFlows.listVersions", [[id, ident], [Params, urlParams]], () => cf.listVersions({ path: { id: ident }, urlParams }))
  const callFlows: FabricNamespaces.CallFlowsApi = {
    ...crud("callFlows", FabricCallFlows.CallFlow, FabricCallFlows.CreateCallFlow, FabricCallFlows.UpdateCallFlow, cf),
    listVersions,
    paginateVersions: (ident, urlParams = {}) =>
      paginate(rest, "fabric.callFlows.paginateVersions", FabricCallFlows.CallFlowVersion, listVersions(ident, urlParams)),
    deployVersion: (ident, body) =>
      op(rest, "fabric.callFlows.deployVersion", [[id, ident], [FabricCallFlows.DeployVersion, body]], () =>
        cf.deployVersion({ path: { id: ident }, payload: body }))
  }

  const rs = client["fabric.resources"]
  const listResources = (urlParams: PageParams = {}) => op(rest, "fabric.resources.list", [[Params, urlParams]], () => rs.list({ urlParams }))
  const listResourceAddresses = (ident: string, urlParams: PageParams = {}) =>
    op(rest, "fabric.resources.listAddresses", [[id, ident], [Params, urlParams]], () => rs.listAddresses({ path: { id: ident }, urlParams }))
  const resources: FabricNamespaces.ResourcesApi = {
    list: listResources,
    paginate: (urlParams = {}) => paginate(rest, "fabric.resources.paginate", Fabric.Resource, listResources(urlParams)),
    get: (ident) => op(rest, "fabric.resources.get", [[id, ident]], () => rs.get({ path: { id: ident } })),
    delete: (ident) => op(rest, "fabric.resources.delete", [[id, ident]], () => rs.delete({ path: { id: ident } })),
    listAddresses: listResourceAddresses,
    paginateAddresses: (ident, urlParams = {}) =>
      paginate(rest, "fabric.resources.paginateAddresses", Fabric.FabricAddress, listResourceAddresses(ident, urlParams)),
    assignPhoneRoute: (ident, body) =>
      op(rest, "fabric.resources.assignPhoneRoute", [[id, ident], [Fabric.PhoneRoute, body]], () =>
        rs.assignPhoneRoute({ path: { id: ident }, payload: body })),
    assignDomainApplication: (ident, body) =>
      op(rest, "fabric.resources.assignDomainApplication", [[id, ident], [id, body.domain_application_id]], () =>
        rs.assignDomainApplication({ path: { id: ident }, payload: body })),
    assignSipEndpoint: (ident, body) =>
      op(rest, "fabric.resources.assignSipEndpoint", [[id, ident], [id, body.sip_endpoint_id]], () =>
        rs.assignSipEndpoint({ path: { id: ident }, payload: body }))
  }

  const ad = client["fabric.addresses"]
  const listAddresses = (urlParams: PageParams = {}) => op(rest, "fabric.addresses.list", [[Params, urlParams]], () => ad.list({ urlParams }))

  const sa = client["fabric.sipAddresses"]
  const listSipAddresses = (urlParams: PageParams = {}) =>
    op(rest, "fabric.sipAddresses.list", [[Params, urlParams]], () => sa.list({ urlParams }))

  const tk = client["fabric.tokens"]
  const nonEmpty = Schema.String.pipe(Schema.minLength(1))

  return {
    swmlScripts: crud("swmlScripts", FabricScripts.SwmlScript, FabricScripts.CreateSwmlScript, FabricScripts.UpdateSwmlScript, client["fabric.swmlScripts"]),
    swmlWebhooks: crud("swmlWebhooks", FabricScripts.Webhook, FabricScripts.CreateWebhook, FabricScripts.UpdateWebhook, client["fabric.swmlWebhooks"]),
    cxmlScripts: crud("cxmlScripts", FabricScripts.CxmlScript, FabricScripts.CreateCxmlScript, FabricScripts.UpdateCxmlScript, client["fabric.cxmlScripts"]),
    cxmlWebhooks: crud("cxmlWebhooks", FabricScripts.Webhook, FabricScripts.CreateWebhook, FabricScripts.UpdateWebhook, client["fabric.cxmlWebhooks"]),
    cxmlApplications: resourceApi(
      rest,
      "fabric.cxmlApplications",
      FabricScripts.CxmlApplication,
      FabricScripts.UpdateCxmlApplication,
      client["fabric.cxmlApplications"]
    ),
    aiAgents: crud("aiAgents", FabricApps.AiAgent, FabricApps.CreateAiAgent, FabricApps.UpdateAiAgent, client["fabric.aiAgents"]),
    callFlows,
    conferenceRooms: crud(
      "conferenceRooms",
      FabricApps.ConferenceRoom,
      FabricApps.CreateConferenceRoom,
      FabricApps.UpdateConferenceRoom,
      client["fabric.conferenceRooms"]
    ),
    relayApplications: crud(
      "relayApplications",
      FabricApps.RelayApplication,
      FabricApps.CreateRelayApplication,
      FabricApps.UpdateRelayApplication,
      client["fabric.relayApplications"]
    ),
    dialogflowAgents: resourceApi(
      rest,
      "fabric.dialogflowAgents",
      FabricApps.DialogflowAgent,
      FabricApps.UpdateDialogflowAgent,
      client["fabric.dialogflowAgents"]
    ),
    subscribers,
    sipEndpoints: crud("sipEndpoints", FabricSip.SipEndpoint, FabricSip.CreateSipEndpoint, FabricSip.UpdateSipEndpoint, client["fabric.sipEndpoints"]),
    sipGateways: crud("sipGateways", FabricSip.SipGateway, FabricSip.CreateSipGateway, FabricSip.UpdateSipGateway, client["fabric.sipGateways"]),
    freeswitchConnectors: crud(
      "freeswitchConnectors",
      FabricSip.FreeswitchConnector,
      FabricSip.CreateFreeswitchConnector,
      FabricSip.UpdateFreeswitchConnector,
      client["fabric.freeswitchConnectors"]
    ),
    resources,
    addresses: {
      list: listAddresses,
      paginate: (urlParams = {}) => paginate(rest, "fabric.addresses.paginate", Fabric.FabricAddress, listAddresses(urlParams)),
      get: (ident) => op(rest, "fabric.addresses.get", [[id, ident]], () => ad.get({ path: { id: ident } }))
    },
    sipAddresses: {
      list: listSipAddresses,
      paginate: (urlParams = {}) => paginate(rest, "fabric.sipAddresses.paginate", Fabric.SipAddress, listSipAddresses(urlParams)),
      create: (body) => op(rest, "fabric.sipAddresses.create", [[Fabric.CreateSipAddress, body]], () => sa.create({ payload: body })),
      get: (ident) => op(rest, "fabric.sipAddresses.get", [[id, ident]], () => sa.get({ path: { id: ident } })),
      update: (ident, body) =>
        op(rest, "fabric.sipAddresses.update", [[id, ident], [Fabric.UpdateSipAddress, body]], () => sa.update({ path: { id: ident }, payload: body })),
      delete: (ident) => op(rest, "fabric.sipAddresses.delete", [[id, ident]], () => sa.delete({ path: { id: ident } }))
    },
    tokens: {
      createSubscriberToken: (body) =>
        op(rest, "fabric.tokens.createSubscriberToken", [[Fabric.SubscriberTokenRequest, body]], () => tk.createSubscriberToken({ payload: body })),
      refreshSubscriberToken: (body) =>
        op(rest, "fabric.tokens.refreshSubscriberToken", [[nonEmpty, body.refresh_token]], () => tk.refreshSubscriberToken({ payload: body })),
      createInviteToken: (body) =>
        op(rest, "fabric.tokens.createInviteToken", [[Fabric.InviteTokenRequest, body]], () => tk.createInviteToken({ payload: body })),
      createGuestToken: (body) =>
        op(rest, "fabric.tokens.createGuestToken", [[Fabric.GuestTokenRequest, body]], () => tk.createGuestToken({ payload: body })),
      createEmbedToken: (body) => op(rest, "fabric.tokens.createEmbedToken", [[nonEmpty, body.token]], () => tk.createEmbedToken({ payload: body }))
    }
  }
}
