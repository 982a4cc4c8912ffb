/**
 * The REST side of the call engine: calls placed over REST (`dial`, compat `Calls` create) are
 * calls of the same simulation — they go through the dial path (the far end's CallScript decides:
 * answer, busy, noAnswer…), and REST commands run the same `calling.*` methods RELAY clients use.
 *
 * Who sees a REST call over RELAY: the platform routes a call by the number it concerns; here a
 * REST-placed call is offered (`calling.call.receive`, `direction: "outbound"`) to the first
 * RELAY session receiving the context its `from` number is bound to over REST
 * (`call_handler: "relay_context"`). That session gets its state and action events and can control
 * it like any call; with no such binding (or no session receiving it) no RELAY client sees it.
 *
 * SWML: the document (inline or by URL) is kept on the call (`Call.swml`). {@link SwmlRunner} is
 * the one place where the engine starts running it — when the call is answered, and when `update`
 * or `transfer` re-points an answered call. The engine's default runner only notes, in the call's
 * log, that the document was received; the sandbox sets the SWML executor as the runner
 * (`Engine.setSwmlRunner`), which notes it too and runs it.
 */
import type { SimCall } from "../../SimCalls.js"
import * as Sim from "../sim.js"
import type { SimSession } from "../sim.js"
import type { Core } from "./core.js"
import { type Call, type JsonObject, NODE_ID, type Step, type SwmlSource } from "./model.js"
import type { ConferenceControl } from "./rooms.js"

const MAX_META = 10_000

/** What happened on a call, for its voice log (`/api/voice/logs/:id/events`). */
export interface LogEvent {
  readonly event: string
  readonly at: number
  readonly detail: JsonObject
}

export interface CallInfo {
  readonly call: SimCall
  readonly viaRest: boolean
  readonly swml: SwmlSource | undefined
  readonly createdAt: number
  readonly answeredAt: number | undefined
  readonly endedAt: number | undefined
  readonly events: ReadonlyArray<LogEvent>
}

export type Outcome =
  | { readonly _tag: "Ok"; readonly info: CallInfo }
  | { readonly _tag: "NotFound" }
  | { readonly _tag: "Invalid"; readonly message: string; readonly attribute?: string | undefined }

/**
 * Starts the SWML of an answered call (the sandbox's is the SWML executor); {@link noteReceived}
 * only records that the document was received.
 */
export type SwmlRunner<S extends SimSession> = (
  call: Call<S>,
  source: SwmlSource,
  log: (event: string, detail: JsonObject) => void
) => void

export const noteReceived = <S extends SimSession>(
  _call: Call<S>,
  source: SwmlSource,
  log: (event: string, detail: JsonObject) => void
): void =>
  source._tag === "Inline"
    ? log("swml.received", { document: source.document })
    : log(source._tag === "Url" ? "swml.received" : "cxml.received", { url: source.url, method: source.method })

interface Meta {
  viaRest: boolean
  createdAt: number
  answeredAt: number | undefined
  endedAt: number | undefined
  readonly events: Array<LogEvent>
  sidecar: Sidecar | undefined
}

/** What the sandbox counts of an AI sidecar (`calling.ai_sidecar.status` reports it). */
export interface Sidecar {
  asks: number
  pokes: number
  /** Words of the texts given to it (asks and pokes), its input tokens here. */
  inTokens: number
  /** UTF-8 bytes of those texts, its event log here. */
  logBytes: number
}

export interface DialOptions {
  readonly from: string
  readonly to: string
  readonly swml: SwmlSource
  readonly timeout?: number | undefined
  /** The RELAY context of the `from` number, if it is bound to one. */
  readonly context: string | undefined
}

export type RestCalling = ReturnType<typeof make>

export const make = <S extends SimSession>(
  core: Core<S>,
  conferences: ConferenceControl,
  begin: (session: S | undefined, params: JsonObject) => Step,
  dispatch: (method: string, params: JsonObject) => Step | undefined,
  runSwml: SwmlRunner<S> = noteReceived
) => {
  const meta = new Map<string, Meta>()
  const metaOf = (callId: string): Meta => {
    let m = meta.get(callId)
    if (m === undefined) {
      m = { viaRest: false, createdAt: core.env.now(), answeredAt: undefined, endedAt: undefined, events: [], sidecar: undefined }
      meta.set(callId, m)
    }
    return m
  }
  const logger = (call: Call<S>) => (event: string, detail: JsonObject) =>
    void metaOf(call.callId).events.push({ event, at: core.env.now(), detail })

  const start = (call: Call<S>) => {
    if (call.swml !== undefined && call.state === "answered") runSwml(call, call.swml, logger(call))
  }

  core.onAnswered((call) => {
    metaOf(call.callId).answeredAt = core.env.now()
    start(call)
  })
  core.onEnded((call) => {
    const m = metaOf(call.callId)
    m.endedAt = core.env.now()
    m.sidecar = undefined
    if (meta.size > MAX_META) for (const id of meta.keys()) if (!core.calls.has(id)) meta.delete(id)
  })

  const info = (call: Call<S>): CallInfo => {
    const m = metaOf(call.callId)
    return {
      call: core.snapshot(call),
      viaRest: m.viaRest,
      swml: call.swml,
      createdAt: m.createdAt,
      answeredAt: m.answeredAt,
      endedAt: m.endedAt,
      events: [...m.events]
    }
  }
  const ok = (call: Call<S>): Outcome => ({ _tag: "Ok", info: info(call) })
  const invalid = (message: string, attribute?: string): Outcome => ({ _tag: "Invalid", message, attribute })
  const live = (call: Call<S>) => call.state !== "ending" && call.state !== "ended"

  /** A step of the engine as a REST outcome: the engine's checks become 404 / 422. */
  const outcome = (call: Call<S>, step: Step): Outcome => {
    const response = step.response
    if (response?._tag === "Error") return invalid(response.error.message)
    const code = response?.result.code
    if (code !== undefined && code !== "200") {
      const message = String(response?.result.message ?? "refused")
      return code === "404" && message === "Call not found" ? { _tag: "NotFound" } : invalid(message)
    }
    step.after?.()
    return ok(call)
  }

  const dial = (options: DialOptions): Outcome => {
    const sip = /^(sips?|verto|client):/.test(options.to)
    const timeout = options.timeout === undefined ? {} : { timeout: options.timeout }
    const device = sip
      ? { type: "sip", params: { from: options.from, to: options.to, ...timeout } }
      : { type: "phone", params: { from_number: options.from, to_number: options.to, ...timeout } }
    const step = begin(undefined, { device, tag: Sim.uuid() })
    const response = step.response
    if (response?._tag === "Error") return invalid(response.error.message, "to")
    if (response === undefined || response.result.code !== "200") {
      return invalid(String(response?.result.message ?? "the call could not be placed"))
    }
    const call = core.calls.get(String(response.result.call_id))!
    call.swml = options.swml
    const m = metaOf(call.callId)
    m.viaRest = true
    const session = options.context === undefined ? undefined : core.receivers(options.context)[0]
    if (session !== undefined) core.offer(call, session)
    step.after?.()
    return ok(call)
  }

  const update = (
    callId: string,
    params: { readonly swml?: SwmlSource | undefined; readonly status?: "canceled" | "completed" | undefined }
  ): Outcome => {
    const call = core.calls.get(callId)
    if (call === undefined) return { _tag: "NotFound" }
    if (!live(call)) return invalid("the call has ended", "id")
    if (params.status === "canceled") {
      if (call.state !== "created" && call.state !== "ringing") return invalid("only a call not yet answered can be canceled", "status")
      core.endCall(call, "cancel")
      return ok(call)
    }
    if (params.status === "completed") {
      if (call.state !== "answered") return invalid("only an answered call can be completed", "status")
      core.endCall(call, "hangup")
      return ok(call)
    }
    if (params.swml !== undefined) {
      const previous = call.swml
      // A cXML call re-pointed keeps its StatusCallback (and its fallback, unless given a new one).
      call.swml = params.swml._tag === "Cxml" && previous?._tag === "Cxml"
        ? {
          ...params.swml,
          statusCallback: params.swml.statusCallback ?? previous.statusCallback,
          fallback: params.swml.fallback ?? previous.fallback
        }
        : params.swml
      logger(call)(params.swml._tag === "Cxml" ? "cxml.updated" : "swml.updated", params.swml._tag === "Inline" ? {} : { url: params.swml.url })
      start(call)
    }
    return ok(call)
  }

  const sidecar = (call: Call<S>, method: string, params: JsonObject): Outcome => {
    const m = metaOf(call.callId)
    if (method === "calling.ai_sidecar") {
      if (call.state !== "answered") return invalid("the call is not answered")
      if (m.sidecar !== undefined) return invalid("a sidecar is already attached to this call")
      m.sidecar = { asks: 0, pokes: 0, inTokens: 0, logBytes: 0 }
      logger(call)("ai_sidecar.started", {})
      return ok(call)
    }
    if (m.sidecar === undefined) return invalid("no AI sidecar is attached to this call")
    if (method === "calling.ai_sidecar.ask") m.sidecar.asks += 1
    if (method === "calling.ai_sidecar.poke") m.sidecar.pokes += 1
    if (typeof params.text === "string") {
      m.sidecar.inTokens += params.text.split(/\s+/).filter((w) => w !== "").length
      m.sidecar.logBytes += new TextEncoder().encode(params.text).length
    }
    if (method === "calling.ai_sidecar.stop") m.sidecar = undefined
    logger(call)(method.slice("calling.".length), {})
    return ok(call)
  }

  const transfer = (call: Call<S>, dest: unknown): Outcome => {
    if (typeof dest === "string" && !/^https?:\/\//i.test(dest)) {
      return outcome(call, dispatch("calling.transfer", { node_id: NODE_ID, call_id: call.callId, dest })!)
    }
    if (call.state !== "answered") return invalid("the call is not answered")
    call.swml = typeof dest === "string" ? { _tag: "Url", url: dest, method: "POST" } : { _tag: "Inline", document: dest as JsonObject }
    // Like a RELAY transfer: the call leaves the RELAY session that controlled it.
    call.session = undefined
    core.notify(call)
    start(call)
    return ok(call)
  }

  /** A call-scoped command (`calling.*`) on any call of the simulation. */
  const command = (callId: string, method: string, params: JsonObject): Outcome => {
    const call = core.calls.get(callId)
    if (call === undefined) return { _tag: "NotFound" }
    if (!live(call)) return invalid("the call has ended", "id")
    if (method.startsWith("calling.ai_sidecar")) return sidecar(call, method, params)
    if (method === "calling.transfer") return transfer(call, params.dest)
    let p = params
    if (method === "calling.ai.stop" && typeof params.control_id !== "string") {
      const running = Array.from(call.actions.values()).find((a) => a.method === "calling.ai")
      if (running === undefined) return invalid("no AI session runs on this call", "control_id")
      p = { ...params, control_id: running.controlId }
    }
    const step = dispatch(method, { ...p, node_id: NODE_ID, call_id: callId })
    if (step === undefined) return invalid(`${method} is not supported`)
    return outcome(call, step)
  }

  const get = (callId: string): CallInfo | undefined => {
    const call = core.calls.get(callId)
    return call === undefined ? undefined : info(call)
  }

  /** The sidecar attached to a call, if any (a copy). */
  const sidecarOf = (callId: string): Sidecar | undefined => {
    const current = meta.get(callId)?.sidecar
    return current === undefined ? undefined : { ...current }
  }

  return {
    dial,
    update,
    command,
    get,
    sidecarOf,
    list: () => Array.from(core.calls.values(), info),
    /** The live conferences (the compat conference endpoints act on them). */
    conferences
  }
}
