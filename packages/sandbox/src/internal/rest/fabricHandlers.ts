/**
 * The Fabric groups of the REST API in the sandbox, over {@link FabricState}: every typed resource
 * type (the same six handlers, with each type's create), resources of any type and their
 * assignments, addresses, SIP addresses, and subscriber / guest / invite / embed tokens (JWTs
 * signed with the sandbox's key).
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { RestApi } from "@signalwire-effect/rest"
import { uuid } from "../sim.js"
import type { FabricState, Refusal, ResourceType } from "./fabricState.js"
import { TYPES } from "./fabricState.js"
import type * as Jwt from "./jwt.js"
import { Collection, type Json, type PageQuery, page } from "./store.js"

export interface FabricEnv {
  readonly project: string
  readonly iso: () => string
  readonly now: () => number
  readonly where: (path: string) => { readonly origin: string; readonly path: string }
  readonly state: FabricState
  readonly signer: Jwt.Signer
}

const notFound = Effect.fail({ error: "Not Found" as const })
const unprocessable = (detail: string) =>
  Effect.fail({ errors: [{ code: "invalid_parameter", title: "Invalid Parameter", detail, status: "422" }] })
const out = (value: unknown): never => value as never
const found = (value: Json | undefined) => (value === undefined ? notFound : Effect.succeed(out(value)))
const answer = (result: Json | Refusal) =>
  "_tag" in result && (result._tag === "NotFound" || result._tag === "Unprocessable")
    ? (result._tag === "NotFound" ? notFound : unprocessable((result as { readonly detail: string }).detail))
    : Effect.succeed(out(result))

type IdRequest = { readonly path: { readonly id: string } }
const nameOf = (payload: Json): string | undefined => {
  for (const key of ["display_name", "name", "title"]) {
    if (typeof payload[key] === "string" && (payload[key] as string).length > 0) return payload[key] as string
  }
  return undefined
}
const without = (payload: Json, ...keys: ReadonlyArray<string>): Json =>
  Object.fromEntries(Object.entries(payload).filter(([k]) => !keys.includes(k)))

export const groups = (env: FabricEnv) => {
  const { state, where, iso } = env
  const base = (t: ResourceType) => `/api/fabric/resources/${t.path}`

  /** The five handlers every typed group has; `present` is how the platform shows the type's resources. */
  const crud = (t: ResourceType, present: (r: Json) => Json = (r) => r) => ({
    list: ({ urlParams }: { readonly urlParams: PageQuery }) =>
      Effect.succeed(out(page(state.all(t).map(present), urlParams, where(base(t))))),
    get: ({ path }: IdRequest) => found(maybe(state.ofType(t, path.id), present)),
    update: ({ path, payload }: IdRequest & { readonly payload: Json }) =>
      found(maybe(state.update(t, path.id, without(payload, "password"), nameOf(payload)), present)),
    delete: ({ path }: IdRequest) => (state.remove(path.id, t) ? Effect.void : notFound),
    listAddresses: ({ path, urlParams }: IdRequest & { readonly urlParams: PageQuery }) =>
      state.ofType(t, path.id) === undefined
        ? notFound
        : Effect.succeed(out(page(state.addressesOf(path.id), urlParams, where(`${base(t)}/${path.id}/addresses`))))
  })
  const create = (t: ResourceType, displayName: string, fields: Json) => Effect.sync(() => out(state.create(t, displayName, fields)))
  const maybe = (r: Json | undefined, present: (r: Json) => Json) => (r === undefined ? undefined : present(r))

  const swmlScripts = HttpApiBuilder.group(RestApi.api, "fabric.swmlScripts", (h) => {
    const c = crud(TYPES.swmlScripts)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) => create(TYPES.swmlScripts, payload.name, { ...payload, request_url: null }))
  })
  const webhooks = (t: ResourceType) => (payload: { readonly primary_request_url: string; readonly name?: string | undefined }) =>
    create(t, payload.name ?? payload.primary_request_url, { used_for: "calling", primary_request_method: "POST", ...payload })
  const swmlWebhooks = HttpApiBuilder.group(RestApi.api, "fabric.swmlWebhooks", (h) => {
    const c = crud(TYPES.swmlWebhooks)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) => webhooks(TYPES.swmlWebhooks)(payload))
  })
  const cxmlWebhooks = HttpApiBuilder.group(RestApi.api, "fabric.cxmlWebhooks", (h) => {
    const c = crud(TYPES.cxmlWebhooks)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) => webhooks(TYPES.cxmlWebhooks)(payload))
  })
  const cxmlScripts = HttpApiBuilder.group(RestApi.api, "fabric.cxmlScripts", (h) => {
    const c = crud(TYPES.cxmlScripts)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) =>
        Effect.sync(() => {
          // Served like a LaML bin, at its `request_url`.
          const id = uuid()
          const url = `${where("/").origin}/laml-bins/${id}`
          return out(state.create(TYPES.cxmlScripts, payload.display_name, {
            script_type: "calling",
            ...payload,
            request_url: url,
            request_count: 0,
            last_accessed_at: null
          }, id))
        }))
  })
  const cxmlApplications = HttpApiBuilder.group(RestApi.api, "fabric.cxmlApplications", (h) => {
    const c = crud(TYPES.cxmlApplications)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
  })
  const aiAgents = HttpApiBuilder.group(RestApi.api, "fabric.aiAgents", (h) => {
    const c = crud(TYPES.aiAgents)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) => create(TYPES.aiAgents, payload.name, { agent_id: null, ...payload }))
  })

  /** Call flow versions: each deploy records the flow's document as it is, numbered. */
  const versions = new Collection()
  const callFlows = HttpApiBuilder.group(RestApi.api, "fabric.callFlows", (h) => {
    const c = crud(TYPES.callFlows)
    return h.handle("list", c.list).handle("get", c.get).handle("delete", c.delete).handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) =>
        create(TYPES.callFlows, payload.title, { flow_data: {}, relayml: null, ...payload, document_version: 1 }))
      .handle("update", ({ path, payload }) => {
        const current = state.ofType(TYPES.callFlows, path.id)
        if (current === undefined) return notFound
        const version = Number(state.fieldsOf(current, TYPES.callFlows).document_version ?? 0)
        if (payload.document_version !== undefined && payload.document_version !== version) {
          return unprocessable(`document_version ${payload.document_version} is not the current version (${version})`)
        }
        return found(state.update(TYPES.callFlows, path.id, { ...payload, document_version: version + 1 }, payload.title))
      })
      .handle("listVersions", ({ path, urlParams }) =>
        state.ofType(TYPES.callFlows, path.id) === undefined
          ? notFound
          : Effect.succeed(out(page(
            versions.values().filter((v) => v.call_flow_id === path.id),
            urlParams,
            where(`/api/fabric/resources/call_flow/${path.id}/versions`)
          ))))
      .handle("deployVersion", ({ path, payload }) => {
        const current = state.ofType(TYPES.callFlows, path.id)
        if (current === undefined) return notFound
        const fields = state.fieldsOf(current, TYPES.callFlows)
        const version = payload.document_version ?? Number(fields.document_version ?? 1)
        if (version > Number(fields.document_version ?? 1)) return unprocessable(`call flow ${path.id} has no version ${version}`)
        const at = iso()
        return Effect.succeed(out(versions.put({
          id: uuid(),
          call_flow_id: path.id,
          document_version: version,
          flow_data: fields.flow_data ?? {},
          relayml: fields.relayml ?? null,
          created_at: at,
          updated_at: at
        })))
      })
  })
  const conferenceRooms = HttpApiBuilder.group(RestApi.api, "fabric.conferenceRooms", (h) => {
    const c = crud(TYPES.conferenceRooms)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) =>
        state.all(TYPES.conferenceRooms).some((r) => state.fieldsOf(r, TYPES.conferenceRooms).name === payload.name)
          ? unprocessable(`a conference room named ${payload.name} exists`)
          : create(TYPES.conferenceRooms, payload.display_name ?? payload.name, payload))
  })
  const relayApplications = HttpApiBuilder.group(RestApi.api, "fabric.relayApplications", (h) => {
    const c = crud(TYPES.relayApplications)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) =>
        state.all(TYPES.relayApplications).some((r) => state.fieldsOf(r, TYPES.relayApplications).name === payload.name)
          ? unprocessable(`a RELAY application named ${payload.name} exists`)
          : create(TYPES.relayApplications, payload.name, { call_status_callback_url: null, ...payload }))
  })
  // Dialogflow agents are made in the dashboard; the sandbox starts with one.
  state.create(TYPES.dialogflowAgents, "Sandbox Dialogflow agent", { say_enabled: false, say: null, voice: null })
  const dialogflowAgents = HttpApiBuilder.group(RestApi.api, "fabric.dialogflowAgents", (h) => {
    const c = crud(TYPES.dialogflowAgents)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
  })

  const endpoints = new Collection()
  const endpointJson = (e: Json) => without(e, "password", "subscriber_id")
  const subscriberEmail = (email: string) =>
    state.all(TYPES.subscribers).find((s) => state.fieldsOf(s, TYPES.subscribers).email === email)
  const subscriberName = (p: { readonly email: string; readonly display_name?: string | undefined; readonly first_name?: string | undefined; readonly last_name?: string | undefined }) =>
    p.display_name ?? ([p.first_name, p.last_name].filter((x) => x !== undefined).join(" ") || p.email)
  const subscriberEndpoint = (subscriberId: string, id: string) => {
    const e = endpoints.get(id)
    return e?.subscriber_id === subscriberId ? e : undefined
  }
  const subscribers = HttpApiBuilder.group(RestApi.api, "fabric.subscribers", (h) => {
    const c = crud(TYPES.subscribers)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("listAddresses", c.listAddresses)
      .handle("delete", ({ path }) => {
        if (!state.remove(path.id, TYPES.subscribers)) return notFound
        for (const e of endpoints.values()) if (e.subscriber_id === path.id) endpoints.delete(String(e.id))
        return Effect.void
      })
      .handle("create", ({ payload }) =>
        subscriberEmail(payload.email) !== undefined
          ? unprocessable(`a subscriber with email ${payload.email} exists`)
          : create(TYPES.subscribers, subscriberName(payload), without(payload, "password")))
      .handle("listSipEndpoints", ({ path, urlParams }) =>
        state.ofType(TYPES.subscribers, path.subscriber_id) === undefined
          ? notFound
          : Effect.succeed(out(page(
            endpoints.values().filter((e) => e.subscriber_id === path.subscriber_id).map(endpointJson),
            urlParams,
            where(`/api/fabric/resources/subscribers/${path.subscriber_id}/sip_endpoints`)
          ))))
      .handle("createSipEndpoint", ({ path, payload }) => {
        if (state.ofType(TYPES.subscribers, path.subscriber_id) === undefined) return notFound
        if (endpoints.values().some((e) => e.username === payload.username)) return unprocessable(`username ${payload.username} is taken`)
        return Effect.succeed(out(endpointJson(endpoints.put({
          id: uuid(),
          subscriber_id: path.subscriber_id,
          caller_id: null,
          send_as: null,
          ciphers: [],
          codecs: ["PCMU", "PCMA"],
          encryption: "default",
          ...payload
        }))))
      })
      .handle("getSipEndpoint", ({ path }) => {
        const e = subscriberEndpoint(path.subscriber_id, path.id)
        return e === undefined ? notFound : Effect.succeed(out(endpointJson(e)))
      })
      .handle("updateSipEndpoint", ({ path, payload }) => {
        const e = subscriberEndpoint(path.subscriber_id, path.id)
        return e === undefined ? notFound : Effect.succeed(out(endpointJson(endpoints.put({ ...e, ...payload, id: path.id }))))
      })
      .handle("deleteSipEndpoint", ({ path }) =>
        subscriberEndpoint(path.subscriber_id, path.id) !== undefined && endpoints.delete(path.id) ? Effect.void : notFound)
  })
  /** The platform shows SIP endpoints flat (`{ id, type, username, ... }`), not in the resource envelope. */
  const flatEndpoint = (r: Json): Json => ({
    call_handler: null,
    calling_handler_resource_id: null,
    ...state.fieldsOf(r, TYPES.sipEndpoints),
    id: r.id,
    type: "sip_endpoint"
  })
  const sipEndpoints = HttpApiBuilder.group(RestApi.api, "fabric.sipEndpoints", (h) => {
    const c = crud(TYPES.sipEndpoints, flatEndpoint)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) =>
        state.all(TYPES.sipEndpoints).some((e) => state.fieldsOf(e, TYPES.sipEndpoints).username === payload.username)
          ? unprocessable(`username ${payload.username} is taken`)
          : Effect.sync(() =>
            out(flatEndpoint(state.create(TYPES.sipEndpoints, payload.username, {
              caller_id: null,
              send_as: null,
              ciphers: [],
              codecs: ["PCMU", "PCMA"],
              encryption: "default",
              ...without(payload, "password")
            })))
          ))
  })
  const sipGateways = HttpApiBuilder.group(RestApi.api, "fabric.sipGateways", (h) => {
    const c = crud(TYPES.sipGateways)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) =>
        /^sips?:/.test(payload.uri) ? create(TYPES.sipGateways, payload.name, payload) : unprocessable("uri must be a sip: or sips: URI"))
  })
  const freeswitchConnectors = HttpApiBuilder.group(RestApi.api, "fabric.freeswitchConnectors", (h) => {
    const c = crud(TYPES.freeswitchConnectors)
    return h.handle("list", c.list).handle("get", c.get).handle("update", c.update).handle("delete", c.delete)
      .handle("listAddresses", c.listAddresses)
      .handle("create", ({ payload }) =>
        create(TYPES.freeswitchConnectors, payload.name, { name: payload.name, caller_id: null, send_as: null }))
  })

  const resources = HttpApiBuilder.group(RestApi.api, "fabric.resources", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(state.resources.values(), urlParams, where("/api/fabric/resources")))))
      .handle("get", ({ path }) => found(state.resources.get(path.id)))
      .handle("delete", ({ path }) => (state.remove(path.id) ? Effect.void : notFound))
      .handle("listAddresses", ({ path, urlParams }) =>
        state.resources.get(path.id) === undefined
          ? notFound
          : Effect.succeed(out(page(state.addressesOf(path.id), urlParams, where(`/api/fabric/resources/${path.id}/addresses`)))))
      .handle("assignPhoneRoute", ({ path, payload }) => answer(state.assignPhoneRoute(path.id, payload)))
      .handle("assignDomainApplication", ({ path, payload }) =>
        answer(state.assignDomainApplication(path.id, payload.domain_application_id)))
      .handle("assignSipEndpoint", ({ path, payload }) => answer(state.assignSipEndpoint(path.id, payload.sip_endpoint_id))))

  const addresses = HttpApiBuilder.group(RestApi.api, "fabric.addresses", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(state.allAddresses(), urlParams, where("/api/fabric/addresses")))))
      .handle("get", ({ path }) => found(state.address(path.id))))

  const sipAddresses = new Collection()
  const sipAddressGroup = HttpApiBuilder.group(RestApi.api, "fabric.sipAddresses", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(sipAddresses.values(), urlParams, where("/api/fabric/sip_addresses")))))
      .handle("create", ({ payload }) => {
        if (state.resources.get(payload.calling_handler_resource_id) === undefined) {
          return unprocessable(`calling_handler_resource_id ${payload.calling_handler_resource_id} is not a resource of this project`)
        }
        const at = iso()
        const user = payload.user ?? payload.name
        return Effect.succeed(out(sipAddresses.put({
          id: uuid(),
          type: "sip_address",
          resource_id: payload.calling_handler_resource_id,
          display_name: payload.name,
          context: payload.context_id ?? "default",
          uri: `sip:${user}@${env.project.slice(0, 8)}.sip.signalwire.com`,
          encryption: "optional",
          codecs: ["PCMU", "PCMA"],
          ciphers: [],
          ip_auth_enabled: false,
          ip_auth: [],
          ...without(payload, "password", "context_id"),
          user,
          created_at: at,
          updated_at: at
        })))
      })
      .handle("get", ({ path }) => found(sipAddresses.get(path.id)))
      .handle("update", ({ path, payload }) => {
        const current = sipAddresses.get(path.id)
        if (current === undefined) return notFound
        return Effect.succeed(out(sipAddresses.put({ ...current, ...without(payload, "password", "context_id"), id: path.id, updated_at: iso() })))
      })
      .handle("delete", ({ path }) => (sipAddresses.delete(path.id) ? Effect.void : notFound)))

  const seconds = () => Math.floor(env.now() / 1000)
  const pair = (claims: Json, typ = "SAT") => ({
    token: env.signer.sign({ ...claims, typ, iat: seconds(), jti: uuid() }),
    refresh_token: env.signer.sign({ ...claims, typ: "refresh", iat: seconds(), jti: uuid() })
  })
  const tokens = HttpApiBuilder.group(RestApi.api, "fabric.tokens", (h) =>
    h
      .handle("createSubscriberToken", ({ payload }) =>
        Effect.sync(() => {
          // As on the platform, a token for an unknown reference makes the subscriber.
          const subscriber = subscriberEmail(payload.reference) ?? state.ofType(TYPES.subscribers, payload.reference) ??
            state.create(TYPES.subscribers, payload.reference, { email: payload.reference })
          const claims = { sub: subscriber.id, project_id: env.project, ...(payload.expire_at === undefined ? {} : { exp: payload.expire_at }) }
          return out({ subscriber_id: subscriber.id, ...pair(claims) })
        }))
      .handle("refreshSubscriberToken", ({ payload }) => {
        const claims = env.signer.verify(payload.refresh_token)
        if (claims?.typ !== "refresh" || typeof claims.sub !== "string" || state.resources.get(claims.sub) === undefined) {
          return unprocessable("refresh_token is not a refresh token of this project")
        }
        return Effect.succeed(out({ subscriber_id: claims.sub, ...pair({ sub: claims.sub, project_id: env.project }) }))
      })
      .handle("createInviteToken", ({ payload }) =>
        state.address(payload.address_id) === undefined
          ? notFound
          : Effect.succeed(out({ token: env.signer.sign({ typ: "invite", address_id: payload.address_id, iat: seconds(), jti: uuid() }) })))
      .handle("createGuestToken", ({ payload }) => {
        const unknown = payload.allowed_addresses.find((a) => state.address(a) === undefined)
        return unknown !== undefined
          ? unprocessable(`allowed_addresses: ${unknown} is not an address of this project`)
          : Effect.succeed(out({ subscriber_id: null, ...pair({ project_id: env.project, allowed_addresses: payload.allowed_addresses }, "guest") }))
      })
      .handle("createEmbedToken", ({ payload }) =>
        Effect.succeed(out({ token: env.signer.sign({ typ: "embed", source: payload.token.slice(0, 16), iat: seconds(), jti: uuid() }) }))))

  return [
    swmlScripts,
    swmlWebhooks,
    cxmlScripts,
    cxmlWebhooks,
    cxmlApplications,
    aiAgents,
    callFlows,
    conferenceRooms,
    relayApplications,
    dialogflowAgents,
    subscribers,
    sipEndpoints,
    sipGateways,
    freeswitchConnectors,
    resources,
    addresses,
    sipAddressGroup,
    tokens
  ] as const
}
