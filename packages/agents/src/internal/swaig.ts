/**
 * The webhooks SignalWire calls during and after the conversation: SWAIG tool calls (and the
 * `get_signature` requests for `SWAIG.includes`), the post-prompt summary, debug events.
 */
import { FunctionResult } from "@signalwire-effect/swml"
import { SwaigFunction } from "@signalwire-effect/swml"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ToolToken from "../ToolToken.js"
import { type AgentState, applyDynamic, definitions, type ToolCall, withQuery } from "./agent.js"
import { type EdgeSettings, type Incoming, json, type Outgoing, parseObject } from "./http.js"
import { callIdOf, callRequestOf } from "./routes.js"
import { urlWithCredentials } from "./service.js"
import { traced } from "./tracing.js"

type Body = { readonly [key: string]: unknown }

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/

const str = (u: unknown): string | undefined => typeof u === "string" ? u : undefined
const obj = (u: unknown): Body | undefined =>
  typeof u === "object" && u !== null && !Array.isArray(u) ? u as Body : undefined

export interface Env {
  readonly agent: AgentState
  readonly settings: EdgeSettings
  readonly secret: ToolToken.Secret
}

const internalError = (what: string, callId: string | undefined) => (cause: Cause.Cause<unknown>) =>
  Effect.as(
    Effect.logError(`${what} failed`, cause).pipe(Effect.annotateLogs({ call_id: callId ?? "" })),
    json(500, { error: "internal error" })
  )

/** Prepare: parse the body, apply the per-call configuration. */
const prepare = (env: Env, incoming: Incoming) =>
  Either.match(parseObject(incoming.body), {
    onLeft: (out) => Effect.succeed(Either.left<Outgoing>(out)),
    onRight: (body) => {
      const request = callRequestOf(incoming, body, env.agent.route, env.settings.credentials)
      return Effect.map(applyDynamic(env.agent, request), (agent) => Either.right({ agent, body, baseUrl: request.url }))
    }
  })

/** POST `<route>/swaig`. */
export const swaig = (env: Env) => (incoming: Incoming): Effect.Effect<Outgoing> =>
  Effect.gen(function*() {
    const prepared = yield* prepare(env, incoming)
    if (Either.isLeft(prepared)) return prepared.left
    const { agent, baseUrl, body } = prepared.right
    const callId = callIdOf(body)
    if (body["action"] === "get_signature") {
      const requested = Array.isArray(body["functions"]) ? body["functions"].filter((n) => typeof n === "string") : undefined
      const webhookUrl = withQuery(`${baseUrl}/swaig`, agent.swaigQuery)
      const defs = yield* definitions(agent, { webhookUrl, callId, secret: env.secret, names: requested })
      return json(200, defs.map((d) => ({ ...d, web_hook_url: d.web_hook_url ?? webhookUrl })))
    }
    const name = str(body["function"])
    if (name === undefined || name === "") return json(400, { error: "missing function name" })
    if (name.length > 128 || !identifier.test(name)) return json(400, { error: "invalid function name" })
    const tool = agent.tools.find((t) => t.name === name)
    if (tool === undefined) {
      yield* Effect.logWarning("SWAIG call to an unknown function").pipe(Effect.annotateLogs({ function: name }))
      return json(404, { error: "unknown function" })
    }
    if (tool.secure) {
      const token = incoming.query.get("__token") ?? incoming.query.get("token") ?? undefined
      const checked = yield* Effect.either(ToolToken.validate(env.secret, { callId, function: name, token }))
      if (Either.isLeft(checked)) {
        yield* Effect.logWarning("SWAIG call with a bad tool token").pipe(
          Effect.annotateLogs({ function: name, reason: checked.left.reason })
        )
        return json(403, { error: "invalid tool token" })
      }
    }
    const call: ToolCall = {
      function: name,
      callId,
      aiSessionId: str(body["ai_session_id"]),
      conversationType: str(body["conversation_type"]),
      globalData: obj(body["global_data"]),
      metaData: obj(body["meta_data"]),
      body
    }
    const result = yield* Effect.either(tool.run(SwaigFunction.argumentsOf(body), call))
    if (Either.isRight(result)) return json(200, FunctionResult.toJson(result.right))
    const failure = result.left
    if (failure._tag === "SwaigArgumentError") {
      yield* Effect.logWarning("SWAIG call with arguments that do not fit the tool's schema").pipe(
        Effect.annotateLogs({ function: name, problem: failure.message })
      )
      return json(200, {
        response: `The function ${name} was called with invalid arguments (${failure.message}). ` +
          "Ask the caller for the missing or corrected details, then call it again."
      })
    }
    return yield* Effect.failCause(Cause.fail(failure.error))
  }).pipe(
    traced("AgentBase.swaig"),
    Effect.catchAllCause((cause) => internalError("SWAIG call", callIdOf(obj(safeParse(incoming.body)) ?? {}))(cause))
  )

const safeParse = (body: string): unknown => Either.getOrUndefined(Either.try(() => JSON.parse(body) as unknown))

/** The summary of a post-prompt body: `summary`, `post_prompt_data.parsed[0]`, else its `raw` (JSON when it is). */
export const summaryOf = (body: Body): unknown => {
  if (body["summary"] !== undefined) return body["summary"]
  const data = obj(body["post_prompt_data"])
  if (data === undefined) return null
  const parsed = data["parsed"]
  if (Array.isArray(parsed) && parsed.length > 0) return parsed[0]
  const raw = str(data["raw"])
  if (raw === undefined) return null
  // The chat engine wraps JSON in a Markdown fence.
  const unfenced = raw.trim().replace(/^```(?:json)?\s*/i, "").replace(/```$/, "").trim()
  const parsedRaw = Either.try(() => JSON.parse(unfenced) as unknown)
  return Either.isRight(parsedRaw) ? parsedRaw.right : raw
}

/** POST/GET `<route>/post_prompt`. */
export const postPrompt = (env: Env) => (incoming: Incoming): Effect.Effect<Outgoing> =>
  Effect.gen(function*() {
    const prepared = yield* prepare(env, incoming)
    if (Either.isLeft(prepared)) return prepared.left
    const { agent, body } = prepared.right
    yield* Effect.logDebug("post-prompt received").pipe(Effect.annotateLogs({ call_id: callIdOf(body) ?? "" }))
    if (Option.isSome(agent.onSummary)) yield* agent.onSummary.value(summaryOf(body), body)
    return json(200, { success: true })
  }).pipe(
    traced("AgentBase.postPrompt"),
    Effect.catchAllCause((cause) => internalError("post-prompt", callIdOf(obj(safeParse(incoming.body)) ?? {}))(cause))
  )

/** POST `<route>/debug_events`. */
export const debugEvents = (env: Env) => (incoming: Incoming): Effect.Effect<Outgoing> =>
  Either.match(parseObject(incoming.body), {
    onLeft: Effect.succeed,
    onRight: (body) =>
      Option.match(env.agent.onDebugEvent, {
        onNone: () => Effect.succeed(json(200, { success: true })),
        onSome: (hook) => Effect.as(hook(body), json(200, { success: true }))
      }).pipe(Effect.catchAllCause(internalError("debug event", callIdOf(body))))
  })

/** The base URL with credentials for the agent (webhooks point here). */
export const baseUrlOf = (env: Env, incoming: Incoming): string =>
  urlWithCredentials(incoming.origin, env.agent.route, env.settings.credentials)

const conversationIdPattern = /^[A-Za-z0-9._-]{1,256}$/

/** GET/POST `<route>/check_for_input`: `conversation_id` from the query (GET) or the body (POST). */
export const checkForInput = (env: Env) => (incoming: Incoming): Effect.Effect<Outgoing> =>
  Effect.gen(function*() {
    const hook = env.agent.checkForInput
    if (Option.isNone(hook)) return json(404, { error: "not found" })
    const parsed = incoming.method === "POST" ? parseObject(incoming.body) : Either.right<Body>({})
    if (Either.isLeft(parsed)) return parsed.left
    const body = parsed.right
    const id = incoming.method === "POST" ? body["conversation_id"] : incoming.query.get("conversation_id") ?? undefined
    if (id === undefined || id === null || id === "") return json(400, { error: "missing conversation_id" })
    if (typeof id !== "string" || !conversationIdPattern.test(id)) {
      return json(400, { error: "invalid conversation_id" })
    }
    const request = callRequestOf(incoming, body, env.agent.route, env.settings.credentials)
    const check = yield* hook.value(id, request)
    return json(200, { status: "success", conversation_id: id, new_input: check.newInput, messages: check.messages })
  }).pipe(
    traced("AgentBase.checkForInput"),
    Effect.catchAllCause(internalError("check_for_input", undefined))
  )

/** POST `<route>/post_prompt_override`: `{post_prompt}` replaces the post-prompt of later documents. */
export const postPromptOverride = (set: (prompt: string) => Effect.Effect<void>) => (incoming: Incoming): Effect.Effect<Outgoing> =>
  Either.match(parseObject(incoming.body), {
    onLeft: Effect.succeed,
    onRight: (body) => {
      const prompt = body["post_prompt"]
      if (prompt === undefined) return Effect.succeed(json(200, { success: true, changed: false }))
      if (typeof prompt !== "string" || prompt.trim() === "") {
        return Effect.succeed(json(400, { error: "post_prompt must be a non-empty string" }))
      }
      return Effect.as(
        Effect.zipRight(set(prompt), Effect.logInfo("post-prompt overridden")),
        json(200, { success: true, changed: true })
      )
    }
  })
