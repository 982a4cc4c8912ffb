/**
 * The REST API implemented from its one definition (`RestApi.api`) with `HttpApiBuilder`: state in
 * memory, tied to the messaging simulation (the project's numbers are the `from_number`s
 * `messaging.send` accepts; a message sent over REST is delivered by the same engine and shows in
 * the message log).
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { RestApi } from "@signalwire-effect/rest"
import type { Calls, SimCall } from "../../SimCalls.js"
import type { SimMessage } from "../../SimMessages.js"
import type * as Messages from "../messages.js"
import type { SimSession } from "../sim.js"
import { uuid } from "../sim.js"
import type { RestCalling } from "../calls/rest.js"
import * as Account from "./accountHandlers.js"
import * as Calling from "./callingHandlers.js"
import * as CompatCalls from "./compatCallsHandlers.js"
import * as Datasphere from "./datasphereHandlers.js"
import * as Fabric from "./fabricHandlers.js"
import * as FabricState from "./fabricState.js"
import * as Jwt from "./jwt.js"
import * as Platform from "./platformHandlers.js"
import * as Video from "./videoHandlers.js"
import * as Compat from "./compat.js"
import * as CxmlBinding from "./cxmlBinding.js"
import type { JsonStatusCallbacks } from "./messageStatus.js"
import * as Messaging from "./messagingHandlers.js"
import { Collection, type Json, page } from "./store.js"

export interface Env {
  readonly project: string
  readonly credentials: ReadonlyArray<{ readonly project: string; readonly token: string }>
  readonly now: () => number
  readonly origin: () => string
  readonly messages: Omit<Messages.Engine<SimSession>, "request">
  /** The call simulation: its calls are the voice log. */
  readonly calls: Calls
  /** The same calls over REST: dial, update and the `calling.*` commands. */
  readonly calling: RestCalling
  /** Runs an effect in the background, on the sandbox's Clock. */
  readonly runFork: (effect: Effect.Effect<void>) => unknown
  /** The `onState` that posts a message's JSON `status_callback` (relay-REST, SWML `send_sms`). */
  readonly messageStatusCallback: JsonStatusCallbacks
  /** Posts a status callback (a form, or the query of a GET). */
  readonly callback: (url: string, method: "GET" | "POST", params: Readonly<Record<string, string>>) => Effect.Effect<void>
  /**
   * A message sent to a number of the project, received there when the number's messages are
   * bound (a RELAY context, a messaging webhook).
   */
  readonly messageToProject: (m: SimMessage) => Effect.Effect<void>
  /** An inbound call routed as the platform routes it (a number bound to cXML runs it): its id. */
  readonly inbound: (o: { readonly from: string; readonly to: string }) => Effect.Effect<string | undefined>
}

const notFound = Effect.fail({ error: "Not Found" as const })
const unprocessable = (detail: string) =>
  Effect.fail({ errors: [{ code: "invalid_parameter", title: "Invalid Parameter", detail, status: "422" }] })

/**
 * The handlers answer plain JSON; the API definition's schemas encode (and so check) it on the way
 * out, so a shape the schema does not accept is a 500, not a silent difference.
 */
const out = (value: unknown): never => value as never
const found = (value: Json | undefined) => (value === undefined ? notFound : Effect.succeed(out(value)))

export const authorized = (env: Env, username: string, password: string): boolean =>
  env.credentials.some((c) => c.project === username && c.token === password)

export const layer = (env: Env) => {
  const iso = () => new Date(env.now()).toISOString()
  const numbers = new Collection()
  const addresses = new Collection()
  const queues = new Collection()
  const recordings = new Collection()
  const applications = new Collection()
  const redacted = new Set<string>()
  /** Fabric resources and the phone-number bindings (`bindingOf`), over the same numbers. */
  const fabric = FabricState.make({ project: env.project, iso, numbers })
  const where = (path: string, filters?: Record<string, string>) => ({
    origin: env.origin(),
    path,
    ...(filters === undefined ? {} : { filters })
  })

  const newNumber = (number: string, extra: Json = {}): Json => {
    const at = iso()
    return numbers.put({
      id: uuid(),
      number,
      name: number,
      capabilities: ["voice", "sms", "mms", "fax"],
      number_type: number.startsWith("+1800") ? "toll-free" : "longcode",
      e911_address_id: null,
      created_at: at,
      updated_at: at,
      next_billed_at: null,
      country_code: "US",
      call_handler: null,
      message_handler: null,
      ...extra
    })
  }
  /** The numbers of the simulation at start-up are owned, and listed, from the beginning. */
  const seeded = Effect.map(env.messages.api.numbers, (owned) => owned.forEach((n) => newNumber(n)))
  const byNumber = (number: string) => numbers.values().find((n) => n.number === number)

  const phoneNumbers = HttpApiBuilder.group(RestApi.api, "phoneNumbers", (h) =>
    h
      .handle("list", ({ urlParams }) => {
        const items = numbers.values().filter((n) =>
          (urlParams.filter_name === undefined || String(n.name ?? "").includes(urlParams.filter_name)) &&
          (urlParams.filter_number === undefined || String(n.number).includes(urlParams.filter_number))
        )
        return Effect.succeed(out(page(items, urlParams, where("/api/relay/rest/phone_numbers"))))
      })
      .handle("search", ({ urlParams }) => {
        const area = urlParams.areacode ?? "555"
        const max = Math.min(urlParams.max_results ?? 10, 50)
        const data: Array<Json> = []
        for (let i = 0; data.length < max && i < 10_000; i++) {
          const number = `+1${area}${String(2000000 + i * 7919 % 8000000).padStart(7, "0")}`
          if (byNumber(number) !== undefined) continue
          if (urlParams.contains !== undefined && !number.includes(urlParams.contains)) continue
          data.push({ number, region: "IL", city: "SPRINGFIELD", rate_center: "SPRINGFIELD", lata: "976", capabilities: { voice: true, sms: true, mms: true, fax: true } })
        }
        return Effect.succeed(out({ data, links: {} }))
      })
      .handle("purchase", ({ payload }) =>
        byNumber(payload.number) !== undefined
          ? unprocessable(`number ${payload.number} is already a number of this project`)
          : Effect.sync(() => {
            const created = newNumber(payload.number)
            env.messages.own(payload.number)
            return out(created)
          }))
      .handle("get", ({ path }) => found(numbers.get(path.id)))
      .handle("update", ({ path, payload }) => {
        const current = numbers.get(path.id)
        if (current === undefined) return notFound
        return Effect.succeed(out(numbers.put(fabric.bindNumber({ ...current, ...payload, id: path.id, updated_at: iso() }))))
      })
      .handle("release", ({ path }) => {
        const current = numbers.get(path.id)
        if (current === undefined) return notFound
        numbers.delete(path.id)
        env.messages.disown(String(current.number))
        return Effect.void
      })
      .handle("assignE911Address", ({ path, payload }) => {
        const current = numbers.get(path.id)
        if (current === undefined) return notFound
        if (addresses.get(payload.e911_address_id) === undefined) {
          return unprocessable(`e911_address_id ${payload.e911_address_id} is not an address of this project`)
        }
        return Effect.succeed(out(numbers.put({ ...current, id: path.id, e911_address_id: payload.e911_address_id, e911_status: "provisioned", updated_at: iso() })))
      })
      .handle("removeE911Address", ({ path }) => {
        const current = numbers.get(path.id)
        if (current === undefined) return notFound
        return Effect.succeed(out(numbers.put({ ...current, id: path.id, e911_address_id: null, e911_status: null, updated_at: iso() })))
      }))

  const importedNumbers = HttpApiBuilder.group(RestApi.api, "importedNumbers", (h) =>
    h.handle("create", ({ payload }) =>
      byNumber(payload.number) !== undefined
        ? unprocessable(`number ${payload.number} is already a number of this project`)
        : Effect.sync(() => {
          env.messages.own(payload.number)
          return out(newNumber(payload.number, { number_type: payload.number_type ?? "longcode", capabilities: payload.capabilities ?? ["sms"] }))
        })))

  /** A message log entry: both RELAY and REST messages are `realtime_api` / `relay_message` there. */
  const logJson = (m: SimMessage): Json => ({
    id: m.messageId,
    from: m.from,
    to: m.to,
    status: m.state,
    direction: m.direction === "inbound" ? "inbound" : m.context === "" ? "outbound-api" : "outbound",
    kind: m.media.length > 0 ? "mms" : "sms",
    source: "realtime_api",
    type: "relay_message",
    url: null,
    number_of_segments: m.segments,
    charge: 0.0079 * m.segments,
    charge_details: [],
    error_code: null,
    error_message: m.reason ?? null,
    created_at: iso()
  })

  const messages = Messaging.group({
    project: env.project,
    iso,
    messages: env.messages,
    redacted,
    statusCallback: env.messageStatusCallback,
    messageToProject: env.messageToProject
  })

  /** A voice log entry for a simulated call (RELAY calls are `realtime_api`). */
  const voiceJson = (c: SimCall): Json => ({
    id: c.callId,
    type: c.from.startsWith("sip:") || c.to.startsWith("sip:") ? "relay_sip_call" : "relay_pstn_call",
    from: c.from,
    to: c.to,
    direction: env.calling.get(c.callId)?.viaRest === true ? "outbound-api" : c.direction,
    status: c.state === "ended" ? "completed" : c.state === "answered" ? "in-progress" : c.state,
    source: "realtime_api",
    created_at: iso()
  })
  const voiceCall = (id: string) =>
    Effect.flatMap(env.calls.get(id), (c) => (c._tag === "None" ? notFound : Effect.succeed(c.value)))

  const logs = HttpApiBuilder.group(RestApi.api, "logs", (h) =>
    h
      .handle("listMessages", ({ urlParams }) =>
        Effect.map(env.messages.api.list, (all) =>
          out(page(all.map(logJson), urlParams, where("/api/messaging/logs")))))
      .handle("getMessage", ({ path }) =>
        Effect.gen(function*() {
          const message = yield* env.messages.api.get(path.id)
          return message._tag === "None" ? yield* notFound : out(logJson(message.value))
        }))
      .handle("listVoice", ({ urlParams }) =>
        Effect.map(env.calls.list, (all) => out(page(all.map(voiceJson), urlParams, where("/api/voice/logs")))))
      .handle("getVoice", ({ path }) => Effect.map(voiceCall(path.id), (c) => out(voiceJson(c))))
      .handle("listVoiceEvents", ({ path }) =>
        Effect.map(voiceCall(path.id), (c) =>
          out({
            data: [
              ...(env.calling.get(c.callId)?.events ?? []).map((e) => ({ event: e.event, ...e.detail, created_at: new Date(e.at).toISOString() })),
              { event: `calling.call.state`, call_state: c.state, created_at: iso() }
            ],
            links: {}
          })))
      .handle("listFax", ({ urlParams }) => Effect.sync(() => out(page(compat.faxLog.list(), urlParams, where("/api/fax/logs")))))
      .handle("getFax", ({ path }) => found(compat.faxLog.get(path.id)))
      .handle("listConferences", ({ urlParams }) =>
        Effect.sync(() => out(page(compat.conferenceLog(), urlParams, where("/api/logs/conferences"))))))

  const addressGroup = HttpApiBuilder.group(RestApi.api, "addresses", (h) =>
    h
      .handle("list", ({ urlParams }) =>
        Effect.succeed(out(page(
          addresses.values().filter((a) => urlParams.filter_label === undefined || a.label === urlParams.filter_label),
          urlParams,
          where("/api/relay/rest/addresses")
        ))))
      .handle("create", ({ payload }) =>
        Effect.sync(() =>
          out(addresses.put({
            id: uuid(),
            ...payload,
            address_type: payload.address_type ?? null,
            address_number: payload.address_number ?? null,
            zip_code: payload.postal_code,
            emergency_enabled: payload.emergency_enabled ?? false,
            validated: false,
            validated_at: null
          }))
        ))
      .handle("get", ({ path }) => found(addresses.get(path.id)))
      .handle("update", ({ path, payload }) => {
        const current = addresses.get(path.id)
        if (current === undefined) return notFound
        // The address changed: it must be validated again.
        return Effect.succeed(out(addresses.put({ ...current, ...payload, id: path.id, zip_code: payload.postal_code, validated: false, validated_at: null })))
      })
      .handle("delete", ({ path }) => (addresses.delete(path.id) ? Effect.void : notFound)))

  const queueJson = (id: string, body: { readonly name?: string | undefined; readonly max_size?: number | undefined }, at: string): Json => ({
    id,
    project_id: env.project,
    friendly_name: body.name ?? id,
    max_size: body.max_size ?? 100,
    current_size: 0,
    average_wait_time: 0,
    uri: `/api/relay/rest/queues/${id}`,
    date_created: at,
    date_updated: at
  })
  const queueGroup = HttpApiBuilder.group(RestApi.api, "queues", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(queues.values(), urlParams, where("/api/relay/rest/queues")))))
      .handle("create", ({ payload }) => Effect.sync(() => out(queues.put(queueJson(uuid(), payload, iso()) as Json & { id: string }))))
      .handle("get", ({ path }) => found(queues.get(path.id)))
      .handle("update", ({ path, payload }) => {
        const current = queues.get(path.id)
        if (current === undefined) return notFound
        return Effect.succeed(out(queues.put({
          ...current,
          id: path.id,
          ...(payload.name === undefined ? {} : { friendly_name: payload.name }),
          ...(payload.max_size === undefined ? {} : { max_size: payload.max_size }),
          date_updated: iso()
        })))
      })
      .handle("delete", ({ path }) => (queues.delete(path.id) ? Effect.void : notFound))
      .handle("listMembers", ({ path, urlParams }) =>
        queues.get(path.queue_id) === undefined
          ? notFound
          : Effect.succeed(out(page([], urlParams, where(`/api/relay/rest/queues/${path.queue_id}/members`)))))
      .handle("getNextMember", () => notFound)
      .handle("getMember", () => notFound))

  const recordingGroup = HttpApiBuilder.group(RestApi.api, "recordings", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(recordings.values(), urlParams, where("/api/relay/rest/recordings")))))
      .handle("get", ({ path }) => found(recordings.get(path.id)))
      .handle("delete", ({ path }) => (recordings.delete(path.id) ? Effect.void : notFound)))

  const authorization = Layer.succeed(RestApi.Authorization, {
    basic: (credential) =>
      authorized(env, credential.username, Redacted.value(credential.password))
        ? Effect.void
        : Effect.fail({ error: "Unauthorized" as const })
  })

  const account = Account.groups({ project: env.project, iso, where, numbers })
  const calling = Calling.group({ calling: env.calling, now: env.now, contextOf: (n) => contextOf(n) })
  const compatCalls = CompatCalls.group({
    project: env.project,
    calling: env.calling,
    now: env.now,
    contextOf: (n) => contextOf(n),
    applications
  })
  const signer = Jwt.make()
  const video = Video.groups({ project: env.project, iso, now: env.now, where, signer })
  const parts = [
    ...Fabric.groups({ project: env.project, iso, now: env.now, where, state: fabric, signer }),
    ...video.layers,
    ...Datasphere.groups({ project: env.project, iso, where }),
    ...Platform.groups({ project: env.project, iso, where, state: fabric })
  ] as const
  const compat = Compat.make({
    project: env.project,
    now: env.now,
    origin: env.origin,
    authorized: (username, password) => authorized(env, username, password),
    runFork: env.runFork,
    callback: env.callback,
    messageToProject: env.messageToProject,
    faxToProject: (from, to) => (cxmlOf(to) === undefined ? Effect.succeed(undefined) : env.inbound({ from, to })),
    cxmlCall: (callId) => {
      const info = env.calling.get(callId)
      if (info === undefined) return false
      return info.swml?._tag === "Cxml" || (info.call.direction === "inbound" && cxmlOf(info.call.to) !== undefined)
    },
    messages: env.messages,
    calls: env.calls,
    calling: env.calling,
    applications,
    redacted,
    numbers,
    newNumber,
    byNumber,
    queues,
    recordings,
    tokens: account.tokens
  })
  const api = HttpApiBuilder.api(RestApi.api).pipe(
    Layer.provide([
      phoneNumbers,
      importedNumbers,
      messages,
      logs,
      addressGroup,
      queueGroup,
      recordingGroup,
      calling,
      compatCalls,
      ...account.layers,
      ...parts,
      ...compat.layers
    ]),
    Layer.provide([authorization, compat.authorization])
  )
  /** The RELAY context a number is bound to (`call_handler: relay_context`), for inbound calls to it. */
  const contextOf = (to: string): string | undefined => {
    const bound = byNumber(to)
    return bound?.call_handler === "relay_context" && typeof bound.call_relay_context === "string"
      ? bound.call_relay_context
      : undefined
  }
  /** A recording the call simulation finished (`calling.call.record` `finished`) is a recording of the project. */
  const observe = (eventType: string, params: Readonly<Record<string, unknown>>) => {
    compat.observe(eventType, params)
    if (eventType !== "calling.call.record" || params.state !== "finished" || typeof params.control_id !== "string") return
    if (recordings.get(params.control_id) !== undefined) return
    const duration = typeof params.duration === "number" ? params.duration : 0
    const at = iso()
    recordings.put({
      id: params.control_id,
      project_id: env.project,
      call_id: params.call_id ?? null,
      created_at: at,
      updated_at: at,
      duration_in_seconds: duration,
      status: "completed",
      url: params.url ?? null,
      stereo: false,
      byte_size: typeof params.size === "number" ? params.size : 0,
      track: "both",
      price: Math.round(duration * 0.0025 * 10_000) / 10_000,
      price_unit: "USD",
      error_code: null
    })
  }
  const cxmlOf = CxmlBinding.make({ byNumber, fabric, applications })
  /** The RELAY context a number's messages go to (`message_handler: relay_context`). */
  const messageContextOf = (to: string): string | undefined => {
    const bound = byNumber(to)
    return bound?.message_handler === "relay_context" && typeof bound.message_relay_context === "string"
      ? bound.message_relay_context
      : undefined
  }
  return {
    api,
    seeded,
    contextOf,
    observe,
    conference: compat.conference,
    bindingOf: fabric.bindingOf,
    cxmlOf,
    /** The Messaging cXML an inbound message to a number runs, if its messages are bound to cXML. */
    smsOf: CxmlBinding.makeSms({ byNumber, fabric, applications }),
    messageContextOf,
    /** A LaML bin's (or a Fabric cXML script's) contents, requested at its `request_url`. */
    fetchBin: (id: string) => compat.fetchBin(id) ?? fabric.fetchScript(id),
    queueSidOf: compat.queueSidOf,
    queueFull: compat.queueFull,
    faxes: compat.faxes,
    transcribeRecording: compat.transcribeRecording,
    simulateSession: video.simulateSession
  }
}
