/**
 * One tool call of the simulated AI: a SWAIG function (posted to its webhook with the platform's
 * exact request body), a DataMap tool (run here), a native function, or the steps' `next_step` /
 * `change_context`.
 */
import { FunctionResult, type SwaigFunction } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { applyReply, type Engine, finish, gatherQuestionAsked, stepChanged } from "./actions.js"
import type { JsonObject } from "./context.js"
import * as DataMap from "./datamap.js"
import { redactUrl } from "./http.js"
import { callMcp, type McpTool } from "./mcp.js"

type Failure = "unreachable" | "unauthorized" | "forbidden" | "http_error" | "malformed_reply" | "undeclared_function" | "inactive_function"

/** A failure the platform ends the call for: the entry, then the AI ends. */
export const fail = (engine: Engine, reason: Failure, fn: string, detail: string, status?: number) =>
  Effect.suspend(() => {
    finish(engine, { reason: "error", outcome: { _tag: "Hangup", reason: "error" } })
    return engine.ctx.append({ _tag: "AiFailure", reason, function: fn, detail, ...(status === undefined ? {} : { status }) })
  })

const str = (u: unknown): string | undefined => typeof u === "string" ? u : undefined

/** The SWAIG request body (agents-surface §6.2). */
export const requestBody = (engine: Engine, def: SwaigFunction.Definition, args: JsonObject): JsonObject => {
  const { ctx, s } = engine
  const call = ctx.call
  return {
    app_name: str(s.param("app_name")) ?? "swml app",
    version: "2.0",
    content_type: "text/swaig",
    content_disposition: "SWAIG Function",
    function: def.function,
    description: def.description,
    purpose: def.description,
    argument_desc: def.parameters ?? def.argument ?? { type: "object", properties: {} },
    argument: { parsed: [args], raw: JSON.stringify(args), substituted: "" },
    call_id: ctx.callId,
    ai_session_id: `${ctx.callId}-ai`,
    conversation_type: "voice",
    caller_id_name: str(call["from"]) ?? "",
    caller_id_num: str(call["from"]) ?? "",
    project_id: str(call["project_id"]) ?? "",
    space_id: str(call["space_id"]) ?? "",
    global_data: s.globalData,
    meta_data: s.metaData.get(s.tokenOf(def.function)) ?? {},
    ...(def.meta_data_token === undefined ? {} : { meta_data_token: def.meta_data_token }),
    SWMLCall: call,
    channel_active: true,
    channel_offhook: true,
    channel_ready: true
  }
}

const withOptional = (engine: Engine, body: JsonObject) =>
  Effect.map(engine.ctx.vars.get, (vars): JsonObject => ({
    ...body,
    ...(engine.s.param("swaig_post_swml_vars") !== undefined && engine.s.param("swaig_post_swml_vars") !== false
      ? { SWMLVars: vars }
      : {}),
    ...(engine.s.param("swaig_post_conversation") === true || engine.s.param("swaig_post_conversation") === "true"
      ? { call_log: engine.s.callLog, raw_call_log: engine.s.callLog }
      : {})
  }))

const swaig = (engine: Engine, def: SwaigFunction.Definition, args: JsonObject) =>
  Effect.gen(function*() {
    const url = def.web_hook_url ?? engine.s.ai.SWAIG?.defaults?.web_hook_url
    if (url === undefined) return yield* fail(engine, "unreachable", def.function, "the function has no web_hook_url and SWAIG.defaults has none")
    const body = yield* withOptional(engine, requestBody(engine, def, args))
    yield* engine.ctx.append({ _tag: "SwaigRequest", function: def.function, url: redactUrl(url), body })
    const posted = yield* engine.ctx.post("swaig", url, body)
    if (posted._tag === "Failed") return yield* fail(engine, posted.reason, def.function, posted.detail, posted.status)
    const reply = FunctionResult.decodeReply(posted.json)
    if (Either.isLeft(reply)) {
      return yield* fail(engine, "malformed_reply", def.function, `the reply is not a SWAIG reply: ${reply.left.message}`, posted.status)
    }
    yield* engine.ctx.append({ _tag: "SwaigReply", function: def.function, status: posted.status, reply: posted.json as JsonObject })
    yield* applyReply(engine, def.function, reply.right)
  })

const dataMap = (engine: Engine, def: SwaigFunction.Definition, map: NonNullable<SwaigFunction.Definition["data_map"]>, args: JsonObject) =>
  Effect.gen(function*() {
    const { s } = engine
    const result = yield* DataMap.run(engine.ctx.http, map, {
      args,
      global_data: s.globalData,
      meta_data: s.metaData.get(s.tokenOf(def.function)) ?? {}
    })
    yield* engine.ctx.append({ _tag: "DataMapRun", function: def.function, answeredBy: result.answeredBy, webhooks: result.webhooks, reply: result.reply })
    const reply = FunctionResult.decodeReply(result.reply)
    if (Either.isLeft(reply)) return yield* fail(engine, "malformed_reply", def.function, `the DataMap output is not a reply: ${reply.left.message}`)
    yield* applyReply(engine, def.function, reply.right)
  })

/** A tool of an MCP server: `tools/call`, its text said as a tool's response would be. */
const mcpTool = (engine: Engine, tool: McpTool, args: JsonObject) =>
  Effect.gen(function*() {
    const { ctx, s } = engine
    const name = tool.definition.function
    const answer = yield* callMcp(ctx, tool, args)
    yield* ctx.append({ _tag: "McpCalled", function: name, url: redactUrl(tool.session.url), args, result: answer.text, isError: !answer.ok })
    s.callLog.push({ role: "tool", content: answer.text, function: name })
    if (answer.text !== "") {
      s.aiSays(answer.text)
      yield* ctx.append({ _tag: "AiSaid", text: answer.text, source: "response" })
    }
  })

const timeIn = (zone: string): string => {
  const format = (timeZone: string) =>
    new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "full", timeStyle: "long" }).format(new Date())
  return Either.getOrElse(Either.try(() => format(zone)), () => format("UTC"))
}

const native = (engine: Engine, name: string, args: JsonObject) =>
  Effect.gen(function*() {
    const { ctx, s } = engine
    const said = (result: string, speak: boolean) =>
      Effect.gen(function*() {
        yield* ctx.append({ _tag: "NativeCalled", function: name, args, result })
        s.callLog.push({ role: "function", content: result, function: name })
        if (speak) {
          s.aiSays(result)
          yield* ctx.append({ _tag: "AiSaid", text: result, source: "native" })
        }
      })
    switch (name) {
      case "check_time":
        return yield* said(`The time is ${timeIn(str(args["timezone"]) ?? str(s.param("local_tz")) ?? "UTC")}.`, true)
      case "wait_seconds":
        return yield* said(`Waited ${Number(args["seconds"] ?? 0)} seconds.`, false)
      case "wait_for_user":
        return yield* said("Waiting for the caller to speak.", false)
      case "adjust_response_latency":
        return yield* said(`Response latency adjusted${args["latency"] === undefined ? "" : ` to ${String(args["latency"])}`}.`, false)
      case "next_step": {
        const valid = s.validSteps()
        const target = str(args["step"]) ?? valid[0]
        if (target === undefined || !valid.includes(target)) {
          return yield* ctx.append({
            _tag: "AiFailure",
            reason: "step_refused",
            function: name,
            detail: `step ${target ?? "(none)"} is not among the valid steps [${valid.join(", ")}] of ${s.context}/${s.step}`
          })
        }
        s.goToStep(target)
        yield* said(`Moved to step ${target}.`, false)
        return yield* stepChanged(engine, "next_step")
      }
      default: {
        const valid = s.validContexts()
        const target = str(args["context"])
        if (target === undefined || !valid.includes(target)) {
          return yield* ctx.append({
            _tag: "AiFailure",
            reason: "step_refused",
            function: name,
            detail: `context ${target ?? "(none)"} is not among the valid contexts [${valid.join(", ")}] of ${s.context}/${s.step}`
          })
        }
        s.enterContext(target)
        yield* said(`Switched to context ${target}.`, false)
        return yield* stepChanged(engine, "change_context")
      }
    }
  })

const fitsType = (answer: unknown, type: string | undefined): boolean => {
  switch (type) {
    case "integer":
      return typeof answer === "number" && Number.isInteger(answer)
    case "number":
      return typeof answer === "number" && Number.isFinite(answer)
    case "boolean":
      return typeof answer === "boolean"
    default:
      return typeof answer === "string" && answer !== ""
  }
}

/** `gather_submit`: store the open question's answer, then ask the next one or leave gather mode. */
const gatherSubmit = (engine: Engine, args: JsonObject) =>
  Effect.gen(function*() {
    const { ctx, s } = engine
    const gather = s.gather!
    const question = s.gatherQuestion()!
    const answer = args["answer"]
    const refuse = (reason: string) => ctx.append({ _tag: "GatherAnswer", key: question.key, answer: answer ?? null, accepted: false, reason })
    if (!fitsType(answer, question.type)) return yield* refuse(`expected ${question.type === undefined || question.type === "string" ? "a non-empty string" : `a value of type ${question.type}`}`)
    if (question.confirm === true && !truthyConfirm(args["confirmed_by_user"])) {
      return yield* refuse("the answer must be confirmed by the caller first (confirmed_by_user: \"true\")")
    }
    gather.answers[question.key] = answer
    const outputKey = gather.info.output_key
    const previous = outputKey === undefined ? undefined : s.globalData[outputKey]
    s.globalData = outputKey === undefined
      ? { ...s.globalData, [question.key]: answer }
      : {
        ...s.globalData,
        [outputKey]: { ...(typeof previous === "object" && previous !== null ? previous : {}), [question.key]: answer }
      }
    yield* ctx.append({ _tag: "GatherAnswer", key: question.key, answer, accepted: true })
    yield* ctx.append({ _tag: "GlobalDataChanged", globalData: s.globalData })
    gather.index++
    if (s.gatherQuestion() !== undefined) return yield* gatherQuestionAsked(engine)
    const done = { context: s.context ?? "", step: s.step ?? "", ...(outputKey === undefined ? {} : { outputKey }), answers: gather.answers }
    s.gather = undefined
    const action = gather.info.completion_action
    const target = action === "next_step" ? s.followingStep() : action
    if (target === undefined) return yield* ctx.append({ _tag: "GatherCompleted", ...done })
    yield* ctx.append({ _tag: "GatherCompleted", ...done, next: target })
    if (!s.goToStep(target)) {
      return yield* ctx.append({ _tag: "AiFailure", reason: "step_refused", function: "gather_submit", detail: `completion_action names no step of ${s.context}: ${target}` })
    }
    return yield* stepChanged(engine, "gather_complete")
  })

const truthyConfirm = (u: unknown) => u === true || u === "true"

const internal = new Set(["next_step", "change_context", "gather_submit"])

/** The AI calls `name` with `args`. */
export const callTool = (engine: Engine, name: string, args: JsonObject): Effect.Effect<void> =>
  Effect.suspend(() => {
    const { s } = engine
    const available = s.available()
    const def = s.functions.get(name)
    if (def === undefined && !s.natives.has(name) && !internal.has(name)) {
      return fail(engine, "undeclared_function", name, `the AI has no function ${name}; declared: [${[...s.functions.keys(), ...s.natives].join(", ")}]`)
    }
    if (!available.includes(name)) {
      return fail(engine, "inactive_function", name, `${name} is not available now (inactive, or not in the functions of step ${s.context}/${s.step}); available: [${available.join(", ")}]`)
    }
    // gather_submit goes through the platform's system log: the conversation never shows it.
    if (name === "gather_submit" && def === undefined) return gatherSubmit(engine, args)
    s.callLog.push({ role: "assistant", content: "", tool_calls: [{ function: { name, arguments: JSON.stringify(args) } }] })
    if (def === undefined) return native(engine, name, args)
    const mcp = s.mcp.get(name)
    if (mcp !== undefined) return mcpTool(engine, mcp, args)
    return def.data_map === undefined ? swaig(engine, def, args) : dataMap(engine, def, def.data_map, args)
  })
