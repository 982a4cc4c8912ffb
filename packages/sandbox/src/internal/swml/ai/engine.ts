/**
 * The `ai` verb, scripted: no model; the test's script says what the caller says, which tools the
 * AI calls and what it must have said, and this engine does what the platform does around it.
 */
import { Swml } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AiScript from "../../../AiScript.js"
import type { Engine } from "./actions.js"
import { finish, gatherQuestionAsked } from "./actions.js"
import type { AiOutcome, EngineContext, JsonObject } from "./context.js"
import { redactUrl } from "./http.js"
import { fetchIncludes } from "./includes.js"
import { discoverMcp } from "./mcp.js"
import { Session } from "./session.js"
import { callTool } from "./tools.js"


const decodeAi = (verb: unknown): Either.Either<Swml.Verbs["ai"], string> =>
  Either.mapLeft(Schema.decodeUnknownEither(Swml.verbSchema("ai"))(verb), (e) => ParseResult.TreeFormatter.formatErrorSync(e))

const postPromptData = (data: AiScript.AiScript["postPromptData"]) =>
  data === undefined
    ? { raw: "", substituted: "", parsed: [] }
    : typeof data === "string"
    ? { raw: data, substituted: data, parsed: [] }
    : { raw: JSON.stringify(data), substituted: JSON.stringify(data), parsed: [data] }

const sendPostPrompt = (engine: Engine) =>
  Effect.gen(function*() {
    const { ctx, s } = engine
    const url = s.ai.post_prompt_url
    if (url === undefined) return
    const vars = yield* ctx.vars.get
    const now = Date.now()
    const body: JsonObject = {
      action: "post_conversation",
      content_type: "text/json",
      content_disposition: "agent.summary",
      conversation_type: "voice",
      app_name: typeof s.param("app_name") === "string" ? s.param("app_name") : "swml app",
      version: "2.0",
      call_id: ctx.callId,
      ai_session_id: `${ctx.callId}-ai`,
      project_id: ctx.call["project_id"] ?? "",
      space_id: ctx.call["space_id"] ?? "",
      caller_id_name: ctx.call["from"] ?? "",
      caller_id_number: ctx.call["from"] ?? "",
      call_ended_by: engine.end?.reason === "caller_hangup" ? "user" : "system",
      call_start_date: s.startedAt * 1000,
      ai_start_date: s.startedAt * 1000,
      ai_end_date: now * 1000,
      post_prompt_data: postPromptData(ctx.script.script.postPromptData),
      global_data: s.globalData,
      SWMLVars: vars,
      SWMLCall: ctx.call,
      call_log: s.callLog,
      raw_call_log: s.callLog
    }
    const posted = yield* ctx.post("post_prompt", url, body)
    yield* ctx.append({
      _tag: "PostPromptSent",
      url: redactUrl(url),
      body,
      ...(posted._tag === "Replied" ? { status: posted.status } : {}),
      ...(posted._tag === "Failed" ? { error: posted.detail, ...(posted.status === undefined ? {} : { status: posted.status }) } : {})
    })
  })

const runTurn = (engine: Engine, turn: AiScript.Turn, index: number): Effect.Effect<void> =>
  Effect.gen(function*() {
    const { ctx, s } = engine
    if ("caller" in turn) {
      s.callerSays(turn.caller)
      return yield* ctx.append({ _tag: "CallerSaid", text: turn.caller, simulated: false })
    }
    if ("tool" in turn) return yield* callTool(engine, turn.tool, turn.args ?? {})
    if ("toolMatching" in turn) {
      const pattern = Either.try(() => new RegExp(turn.toolMatching))
      const name = Either.isLeft(pattern) ? undefined : s.available().find((n) => pattern.right.test(n))
      if (name === undefined) {
        finish(engine, { reason: "error", outcome: { _tag: "Hangup", reason: "error" } })
        return yield* ctx.append({
          _tag: "AiFailure",
          reason: "undeclared_function",
          detail: `no available function matches /${turn.toolMatching}/; available: [${s.available().join(", ")}]`
        })
      }
      return yield* callTool(engine, name, turn.args ?? {})
    }
    if ("expectSaid" in turn) {
      const actual = s.saidSinceCaller.join(" ")
      return yield* ctx.append({
        _tag: "AssertionResult",
        turn: index,
        on: "said",
        expected: AiScript.describe(turn.expectSaid),
        actual,
        passed: AiScript.matches(turn.expectSaid, actual)
      })
    }
    if ("expectPrompt" in turn) {
      const actual = s.prompt()
      return yield* ctx.append({
        _tag: "AssertionResult",
        turn: index,
        on: "prompt",
        expected: AiScript.describe(turn.expectPrompt),
        actual,
        passed: AiScript.matches(turn.expectPrompt, actual)
      })
    }
    finish(
      engine,
      turn.end === "caller"
        ? { reason: "caller_hangup", outcome: { _tag: "Hangup", reason: "caller" } }
        : { reason: "ai_hangup", outcome: { _tag: "Hangup", reason: "hangup" } }
    )
  })

/** Run the `ai` verb of a call with the test's script; the outcome says what the call does next. */
export const runScripted = (verb: unknown, ctx: EngineContext): Effect.Effect<AiOutcome> =>
  Effect.gen(function*() {
    const decoded = decodeAi(verb)
    if (Either.isLeft(decoded)) {
      yield* ctx.append({ _tag: "AiFailure", reason: "invalid_verb", detail: decoded.left })
      yield* ctx.append({ _tag: "AiEnded", reason: "error", next: "hangup" })
      return { _tag: "Hangup", reason: "error" } as const
    }
    const remote = yield* fetchIncludes(decoded.right, ctx)
    const mcp = yield* discoverMcp(decoded.right, ctx)
    const s = new Session(decoded.right, remote, mcp)
    const engine: Engine = { s, ctx, end: undefined }
    yield* ctx.append({
      _tag: "AiStarted",
      functions: [...s.functions.keys()],
      nativeFunctions: [...s.natives],
      ...(s.context === undefined ? {} : { context: s.context }),
      ...(s.step === undefined ? {} : { step: s.step }),
      globalData: s.globalData
    })
    yield* gatherQuestionAsked(engine)
    const greeting = s.param("static_greeting")
    if (typeof greeting === "string" && greeting !== "") {
      s.aiSays(greeting)
      yield* ctx.append({ _tag: "AiSaid", text: greeting, source: "greeting" })
    }
    if (s.functions.has("startup_hook")) yield* callTool(engine, "startup_hook", {})
    const cursor = ctx.script
    const turns = cursor.script.turns
    while (engine.end === undefined && cursor.position < turns.length) {
      const index = cursor.position++
      yield* runTurn(engine, turns[index]!, index)
    }
    const left = turns.slice(cursor.position).filter((t) => !("end" in t))
    if (engine.end?.outcome._tag === "Hangup" && left.length > 0) {
      yield* ctx.append({
        _tag: "AiFailure",
        reason: "script_unfinished",
        detail: `the call ended (${engine.end.reason}) with ${left.length} turn(s) of the script left, from turn ${cursor.position}`
      })
    }
    finish(engine, { reason: "caller_hangup", outcome: { _tag: "Hangup", reason: "caller" } })
    const end = engine.end!
    if (s.functions.has("hangup_hook") && end.reason !== "error") {
      const kept = engine.end
      engine.end = undefined
      yield* callTool(engine, "hangup_hook", {})
      engine.end = kept
    }
    yield* sendPostPrompt(engine)
    const next = end.outcome._tag === "Continue" ? "continue" : end.outcome._tag === "Hangup" ? "hangup" : "transfer"
    yield* ctx.append({ _tag: "AiEnded", reason: end.reason, next })
    return end.outcome
  }).pipe(Effect.withSpan("sandbox.ai"))

