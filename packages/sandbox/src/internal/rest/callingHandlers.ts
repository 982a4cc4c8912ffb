/**
 * `POST /api/calling/calls` on the simulated platform: the command (already checked by the one
 * schema, `Calling.Command`) runs on the call engine — `dial` places a call through the dial path,
 * `update` re-points or ends it, every `calling.*` command runs the engine's method of that name on
 * any call (RELAY-created or not). Answers are the call leg — `calling.ai_sidecar.status` answers
 * the sidecar's counters as one `+OK key=value …` text line instead —; a refused command is the
 * calling API's 422 body, an unknown call a 404.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { RestApi } from "@signalwire-effect/rest"
import type { CallInfo, Outcome, RestCalling } from "../calls/rest.js"
import type { JsonObject, SwmlSource } from "../calls/model.js"
import type { Json } from "./store.js"

const ERROR_DOCS = "https://signalwire.com/docs/apis/error-codes"

/** The calling API's 422 body. */
export const callingInvalid = (message: string, attribute?: string) => ({
  errors: [{ type: "validation_error", code: "invalid_parameter", message, attribute: attribute ?? null, url: ERROR_DOCS }]
})

const FAILED = new Set(["busy", "noAnswer", "decline", "error"])

/** The status of a leg: its state, and for an ended one how it ended. */
export const legStatus = (info: CallInfo): string => {
  const { endReason, state } = info.call
  if (state !== "ended") return state
  if (endReason === "cancel") return "canceled"
  return FAILED.has(endReason ?? "") ? "failed" : "ended"
}

/** Milliseconds the call has been (or was) answered. */
export const talkMs = (info: CallInfo, now: number): number =>
  info.answeredAt === undefined ? 0 : Math.max((info.endedAt ?? now) - info.answeredAt, 0)

const RATE_PER_MINUTE = 0.0065

export const legJson = (info: CallInfo, now: number): Json => {
  const { call } = info
  const sip = /^(sips?):/.test(call.from) || /^(sips?):/.test(call.to)
  const ms = talkMs(info, now)
  const charge = Math.round(Math.ceil(ms / 60_000) * RATE_PER_MINUTE * 10_000) / 10_000
  return {
    id: call.callId,
    from: call.from,
    to: call.to,
    direction: info.viaRest ? "outbound-api" : call.direction,
    source: "realtime_api",
    url: info.swml?._tag === "Url" ? info.swml.url : null,
    charge,
    created_at: new Date(info.createdAt).toISOString(),
    charge_details: charge > 0 ? [{ description: "Voice minutes", charge }] : [],
    status: legStatus(info),
    duration: Math.floor(ms / 1000),
    duration_ms: ms,
    billing_ms: Math.ceil(ms / 60_000) * 60_000,
    type: sip ? "relay_sip_call" : "relay_pstn_call",
    parent_id: null
  }
}

/**
 * The SWML of a `dial` / `update`: its `url` (fetched with `url_method`; `fallback_url` when it
 * cannot be fetched or read), or the inline document.
 */
export const swmlOf = (params: object): SwmlSource | undefined => {
  const p = params as { readonly url?: unknown; readonly swml?: unknown; readonly url_method?: unknown; readonly fallback_url?: unknown }
  if (typeof p.url === "string") {
    return {
      _tag: "Url",
      url: p.url,
      method: p.url_method === "GET" ? "GET" : "POST",
      ...(typeof p.fallback_url === "string" ? { fallback: p.fallback_url } : {})
    }
  }
  return typeof p.swml === "object" && p.swml !== null ? { _tag: "Inline", document: p.swml as JsonObject } : undefined
}

export const group = (env: {
  readonly calling: RestCalling
  readonly now: () => number
  readonly contextOf: (number: string) => string | undefined
}) => {
  const answer = (outcome: Outcome) => {
    switch (outcome._tag) {
      case "Ok":
        return Effect.succeed(legJson(outcome.info, env.now()) as never)
      case "NotFound":
        return Effect.fail({ error: "Not Found" as const })
      case "Invalid":
        return Effect.fail(callingInvalid(outcome.message, outcome.attribute))
    }
  }
  return HttpApiBuilder.group(RestApi.api, "calling", (h) =>
    h.handle("command", ({ payload }) => {
      switch (payload.command) {
        case "dial": {
          const p = payload.params
          if (p.to === undefined) return answer({ _tag: "Invalid", message: "to is required", attribute: "to" })
          return answer(env.calling.dial({
            from: p.from,
            to: p.to,
            swml: swmlOf(p)!,
            timeout: p.timeout,
            context: env.contextOf(p.from)
          }))
        }
        case "update": {
          const p = payload.params
          return answer(env.calling.update(p.id, { swml: swmlOf(p), status: p.status }))
        }
        case "calling.ai_sidecar.status": {
          const outcome = env.calling.command(payload.id, payload.command, payload.params as JsonObject)
          const sidecar = env.calling.sidecarOf(payload.id)
          if (outcome._tag !== "Ok" || sidecar === undefined) return answer(outcome)
          // The platform answers this one with a `+OK key=value …` text line (`Calling.SidecarStatusLine`).
          const prompts = sidecar.asks + sidecar.pokes
          const counters = {
            ticks: prompts,
            insights: sidecar.pokes,
            skips: 0,
            tools: 0,
            errors: 0,
            in_tokens: sidecar.inTokens,
            out_tokens: 0,
            history_size: prompts,
            event_log_bytes: sidecar.logBytes
          }
          const fields = { running: "1", ...Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, String(v)])) }
          return Effect.succeed({ running: true, ...counters, fields } as never)
        }
        default:
          return answer(env.calling.command(payload.id, payload.command, payload.params as JsonObject))
      }
    }))
}
