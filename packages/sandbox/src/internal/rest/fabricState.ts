/**
 * The Fabric state of the sandbox and the phone-number binding model, in one place.
 *
 * A binding lives on the phone number (`call_handler` + its companion field), as on the platform:
 * - `phoneNumbers.update` goes through {@link FabricState.bindNumber}, which finds (or
 *   materialises) the Fabric resource the handler names — a `swml_webhook` for `relay_script`, a
 *   `cxml_webhook` for `laml_webhooks`, a `cxml_application` for `laml_application`, a
 *   `relay_application` for `relay_application`; an existing `ai_agent`, `call_flow` or Dialogflow
 *   agent by id — and records it in `calling_handler_resource_id`;
 * - `fabric.resources.assignPhoneRoute` writes the same fields on the number (422 for
 *   `swml_webhook`, `cxml_webhook` and `ai_agent`, which the platform binds only through the
 *   number);
 * - a resource's addresses list the numbers bound to it; deleting the resource unbinds them.
 * {@link FabricState.bindingOf} reads a binding by E.164 number (for running inbound calls).
 */
import { uuid } from "../sim.js"
import { Collection, type Json } from "./store.js"

/** A type of resource: its path segment, its `type` value and the key of its own fields. */
export interface ResourceType {
  readonly path: string
  readonly type: string
  readonly key: string
}

export const TYPES = {
  swmlScripts: { path: "swml_scripts", type: "swml_script", key: "swml_script" },
  swmlWebhooks: { path: "swml_webhooks", type: "swml_webhook", key: "swml_webhook" },
  cxmlScripts: { path: "cxml_scripts", type: "cxml_script", key: "cxml_script" },
  cxmlWebhooks: { path: "cxml_webhooks", type: "cxml_webhook", key: "cxml_webhook" },
  cxmlApplications: { path: "cxml_applications", type: "cxml_application", key: "cxml_application" },
  aiAgents: { path: "ai_agents", type: "ai_agent", key: "ai_agent" },
  callFlows: { path: "call_flows", type: "call_flow", key: "call_flow" },
  conferenceRooms: { path: "conference_rooms", type: "video_room", key: "conference_room" },
  relayApplications: { path: "relay_applications", type: "relay_application", key: "relay_application" },
  dialogflowAgents: { path: "dialogflow_agents", type: "dialogflow_agent", key: "dialogflow_agent" },
  subscribers: { path: "subscribers", type: "subscriber", key: "subscriber" },
  sipEndpoints: { path: "sip_endpoints", type: "sip_endpoint", key: "sip_endpoint" },
  sipGateways: { path: "sip_gateways", type: "sip_gateway", key: "sip_gateway" },
  freeswitchConnectors: { path: "freeswitch_connectors", type: "freeswitch_connector", key: "freeswitch_connector" }
} as const satisfies Record<string, ResourceType>

/** A number's binding, as an inbound call to it would follow it. */
export interface Binding {
  readonly number: string
  readonly phoneNumberId: string
  /** The number's `call_handler`. */
  readonly callHandler: string
  /** The Fabric resource the handler resolves to, if any (`{ id, type, display_name, <key>: {...} }`). */
  readonly resource: Json | undefined
  /**
   * What a SWML handler runs: the URL to fetch (`relay_script`), the stored document (a SWML
   * script), or, for an AI agent, an `ai` verb made of the agent's fields.
   */
  readonly swml: { readonly url: string } | { readonly contents: string } | undefined
}

/** Why an assignment is refused. */
export type Refusal = { readonly _tag: "NotFound" } | { readonly _tag: "Unprocessable"; readonly detail: string }

/** The number fields that route calls / messages to a resource of each type (platform `call_handler` values). */
const callRoute = (r: Json): Json | undefined => {
  const fields = (r[String(r.type) === "video_room" ? "conference_room" : String(r.type)] ?? {}) as Json
  switch (r.type) {
    case "swml_script":
      return { call_handler: "relay_script", call_relay_script_url: null }
    case "cxml_script":
      return { call_handler: "laml_webhooks", call_request_url: null }
    case "cxml_application":
      return { call_handler: "laml_application", call_laml_application_id: r.id }
    case "relay_application":
      return { call_handler: "relay_application", call_relay_application: fields.name ?? r.display_name }
    case "call_flow":
      return { call_handler: "call_flow", call_flow_id: r.id }
    case "video_room":
      return { call_handler: "video_room", call_video_room_id: r.id }
    case "dialogflow_agent":
      return { call_handler: "dialogflow", call_dialogflow_agent_id: r.id }
    case "subscriber":
      return { call_handler: "fabric_subscriber" }
    case "sip_gateway":
      return { call_handler: "sip_gateway" }
    case "sip_endpoint":
      return { call_handler: "relay_sip_endpoint", call_sip_endpoint_id: r.id }
    case "freeswitch_connector":
      return { call_handler: "relay_connector", call_relay_connector_id: r.id }
    default:
      return undefined
  }
}

const messageRoute = (r: Json): Json | undefined => {
  if (r.type === "relay_application") {
    const fields = (r.relay_application ?? {}) as Json
    return { message_handler: "relay_application", message_relay_application: fields.name ?? r.display_name }
  }
  if (r.type === "cxml_application") return { message_handler: "laml_application", message_laml_application_id: r.id }
  return undefined
}

/** Through the number only (the platform answers 404 / 422 to a phone route for these). */
const NUMBER_ONLY = new Set(["swml_webhook", "cxml_webhook", "ai_agent"])

export const make = (env: { readonly project: string; readonly iso: () => string; readonly numbers: Collection }) => {
  const { iso, numbers } = env
  const resources = new Collection()
  /** The resource's own address (`/public/<name>`), by resource id. */
  const ownAddresses = new Map<string, Json>()
  const domainApplications = new Collection()
  const sipEndpoints = new Collection()

  const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "resource"
  const addressOf = (name: string, type: string, id = uuid()): Json => ({
    id,
    name,
    display_name: name,
    type,
    cover_url: null,
    preview_url: null,
    locked: false,
    channels: {
      audio: `/public/${name}?channel=audio`,
      video: `/public/${name}?channel=video`,
      messaging: `/public/${name}?channel=messaging`
    },
    created_at: iso()
  })

  const create = (t: ResourceType, displayName: string, fields: Json, id: string = uuid()): Json => {
    const at = iso()
    const created = resources.put({
      id,
      project_id: env.project,
      display_name: displayName,
      type: t.type,
      created_at: at,
      updated_at: at,
      [t.key]: { id, ...fields }
    })
    const kind = t.type === "video_room" ? "room" : t.type === "subscriber" ? "subscriber" : "app"
    ownAddresses.set(id, addressOf(slug(displayName), kind))
    return created
  }

  const ofType = (t: ResourceType, id: string): Json | undefined => {
    const found = resources.get(id)
    return found?.type === t.type ? found : undefined
  }
  const all = (t: ResourceType) => resources.values().filter((r) => r.type === t.type)
  const fieldsOf = (r: Json, t: ResourceType) => (r[t.key] ?? {}) as Json

  const update = (t: ResourceType, id: string, fields: Json, displayName?: string): Json | undefined => {
    const current = ofType(t, id)
    if (current === undefined) return undefined
    return resources.put({
      ...current,
      id,
      ...(displayName === undefined ? {} : { display_name: displayName }),
      updated_at: iso(),
      [t.key]: { ...fieldsOf(current, t), ...fields }
    })
  }

  const boundTo = (resourceId: string) => numbers.values().filter((n) => n.calling_handler_resource_id === resourceId)

  const unbindAll = (resourceId: string) => {
    for (const n of boundTo(resourceId)) {
      numbers.put({ ...n, id: String(n.id), call_handler: null, calling_handler_resource_id: null, updated_at: iso() })
    }
  }

  const remove = (id: string, t?: ResourceType): boolean => {
    const current = t === undefined ? resources.get(id) : ofType(t, id)
    if (current === undefined) return false
    resources.delete(id)
    ownAddresses.delete(id)
    unbindAll(id)
    return true
  }

  const phoneAddress = (n: Json): Json => ({ ...addressOf(String(n.number).replace("+", ""), "app", String(n.id)), display_name: n.name ?? n.number })

  /** The resource's own address, then one per number bound to it. */
  const addressesOf = (id: string): ReadonlyArray<Json> => {
    const own = ownAddresses.get(id)
    return [...(own === undefined ? [] : [own]), ...boundTo(id).map(phoneAddress)]
  }
  const allAddresses = (): ReadonlyArray<Json> => Array.from(ownAddresses.values())

  const findOrCreate = (t: ResourceType, match: (fields: Json) => boolean, make: () => Json) =>
    all(t).find((r) => match(fieldsOf(r, t))) ?? make()

  /** The resource a number's handler names (materialised when the platform would), or `undefined`. */
  const resolve = (n: Json): Json | undefined => {
    const text = (key: string) => (typeof n[key] === "string" && (n[key] as string).length > 0 ? n[key] as string : undefined)
    switch (n.call_handler) {
      case "relay_script": {
        const url = text("call_relay_script_url")
        if (url === undefined) return undefined
        return findOrCreate(TYPES.swmlWebhooks, (f) => f.primary_request_url === url, () =>
          create(TYPES.swmlWebhooks, url, { primary_request_url: url, primary_request_method: "POST", used_for: "calling" }))
      }
      case "laml_webhooks": {
        const url = text("call_request_url")
        if (url === undefined) return undefined
        return findOrCreate(TYPES.cxmlWebhooks, (f) => f.primary_request_url === url, () =>
          create(TYPES.cxmlWebhooks, url, {
            primary_request_url: url,
            primary_request_method: "POST",
            fallback_request_url: n.call_fallback_url ?? null,
            status_callback_url: n.call_status_callback_url ?? null,
            used_for: "calling"
          }))
      }
      case "laml_application": {
        const id = text("call_laml_application_id")
        if (id === undefined) return undefined
        return ofType(TYPES.cxmlApplications, id) ??
          create(TYPES.cxmlApplications, `cXML application ${id}`, { voice_url: null, sms_url: null }, id)
      }
      case "relay_application": {
        const name = text("call_relay_application")
        if (name === undefined) return undefined
        return findOrCreate(TYPES.relayApplications, (f) => f.name === name, () =>
          create(TYPES.relayApplications, name, { name, topic: name, call_status_callback_url: null }))
      }
      case "ai_agent": {
        const id = text("call_ai_agent_id")
        return id === undefined
          ? undefined
          : ofType(TYPES.aiAgents, id) ?? all(TYPES.aiAgents).find((r) => fieldsOf(r, TYPES.aiAgents).agent_id === id)
      }
      case "call_flow":
        return text("call_flow_id") === undefined ? undefined : ofType(TYPES.callFlows, text("call_flow_id")!)
      case "dialogflow":
        return text("call_dialogflow_agent_id") === undefined ? undefined : ofType(TYPES.dialogflowAgents, text("call_dialogflow_agent_id")!)
      default:
        return undefined
    }
  }

  /**
   * A number as `phoneNumbers.update` stores it: the resource its handler names, in
   * `calling_handler_resource_id` (kept when the handler was set through Fabric and still holds).
   */
  const bindNumber = (n: Json & { readonly id: string }): Json & { readonly id: string } => {
    const resolved = resolve(n)
    if (resolved !== undefined) return { ...n, calling_handler_resource_id: resolved.id }
    const kept = typeof n.calling_handler_resource_id === "string" ? resources.get(n.calling_handler_resource_id) : undefined
    const stillHolds = kept !== undefined && callRoute(kept)?.call_handler === n.call_handler
    return { ...n, calling_handler_resource_id: stillHolds ? kept.id : null }
  }

  /** `POST /resources/{id}/phone_routes`: the number now routes calls (or messages) to the resource. */
  const assignPhoneRoute = (
    resourceId: string,
    body: { readonly phone_route_id: string; readonly handler: "calling" | "messaging" }
  ): Json | Refusal => {
    const r = resources.get(resourceId)
    const n = numbers.get(body.phone_route_id)
    if (r === undefined || n === undefined) return { _tag: "NotFound" }
    if (NUMBER_ONLY.has(String(r.type))) {
      return {
        _tag: "Unprocessable",
        detail: `a ${String(r.type)} is bound through the phone number (phoneNumbers.update with its call_handler), not a phone route`
      }
    }
    const route = body.handler === "calling" ? callRoute(r) : messageRoute(r)
    if (route === undefined) return { _tag: "Unprocessable", detail: `a ${String(r.type)} cannot handle ${body.handler}` }
    const bound = numbers.put({
      ...n,
      id: body.phone_route_id,
      ...route,
      ...(body.handler === "calling" ? { calling_handler_resource_id: r.id } : {}),
      updated_at: iso()
    })
    return phoneAddress(bound)
  }

  /** The fields of a domain application / SIP endpoint routed to a resource. */
  const assignTo = (collection: Collection, targetId: string, resourceId: string): Json | Refusal => {
    const r = resources.get(resourceId)
    const target = collection.get(targetId)
    if (r === undefined || target === undefined) return { _tag: "NotFound" }
    const route = callRoute(r) ?? (r.type === "ai_agent" ? { call_handler: "ai_agent", call_ai_agent_id: r.id } : undefined)
    if (route === undefined) return { _tag: "Unprocessable", detail: `a ${String(r.type)} cannot handle calls` }
    return collection.put({ ...target, id: targetId, ...route, calling_handler_resource_id: r.id })
  }

  /** The `ai` verb fields an AI agent resource holds (the platform runs the agent as that verb). */
  const AI_FIELDS = ["prompt", "post_prompt", "post_prompt_url", "params", "SWAIG", "hints", "languages", "pronounce", "global_data"]
  /** The SWML a bound AI agent runs: answer, then its `ai` verb. */
  const aiDocument = (agent: Json): string => {
    const fields = fieldsOf(agent, TYPES.aiAgents)
    const ai = Object.fromEntries(AI_FIELDS.flatMap((k) => (fields[k] === undefined || fields[k] === null ? [] : [[k, fields[k]]])))
    return JSON.stringify({ version: "1.0.0", sections: { main: [{ answer: {} }, { ai }] } })
  }

  const bindingOf = (number: string): Binding | undefined => {
    const n = numbers.values().find((x) => x.number === number)
    if (n === undefined || typeof n.call_handler !== "string") return undefined
    const resource = typeof n.calling_handler_resource_id === "string" ? resources.get(n.calling_handler_resource_id) : undefined
    const url = n.call_handler === "relay_script" && typeof n.call_relay_script_url === "string" ? n.call_relay_script_url : undefined
    const script = resource?.type === "swml_script" ? fieldsOf(resource, TYPES.swmlScripts).contents : undefined
    return {
      number,
      phoneNumberId: String(n.id),
      callHandler: n.call_handler,
      resource,
      swml: url !== undefined
        ? { url }
        : typeof script === "string"
        ? { contents: script }
        : resource?.type === "ai_agent"
        ? { contents: aiDocument(resource) }
        : undefined
    }
  }

  /**
   * A Fabric cXML script requested at its `request_url`: its contents (counted in `request_count`,
   * the time in `last_accessed_at`); `undefined` for no such script.
   */
  const fetchScript = (id: string): string | undefined => {
    const current = ofType(TYPES.cxmlScripts, id)
    if (current === undefined) return undefined
    const fields = fieldsOf(current, TYPES.cxmlScripts)
    resources.put({ ...current, id, [TYPES.cxmlScripts.key]: { ...fields, request_count: Number(fields.request_count ?? 0) + 1, last_accessed_at: iso() } })
    return typeof fields.contents === "string" ? fields.contents : ""
  }

  return {
    resources,
    fetchScript,
    domainApplications,
    sipEndpoints,
    create,
    update,
    remove,
    ofType,
    all,
    fieldsOf,
    addressesOf,
    allAddresses,
    address: (id: string) => allAddresses().find((a) => a.id === id),
    bindNumber,
    assignPhoneRoute,
    assignDomainApplication: (resourceId: string, id: string) => assignTo(domainApplications, id, resourceId),
    assignSipEndpoint: (resourceId: string, id: string): Json | Refusal => {
      const assigned = assignTo(sipEndpoints, id, resourceId)
      if ("_tag" in assigned) return assigned
      return { ...addressOf(String(assigned.username ?? id), "call", id), preview_url: null }
    },
    bindingOf
  }
}

export type FabricState = ReturnType<typeof make>
