/**
 * Applying a tool's reply as the platform does: with `post_process` the AI speaks the response
 * first and then the actions run; otherwise the actions run first. Every action is a transcript
 * entry; those a param gates (`swaig_set_global_data`, `swaig_allow_settings`, `swaig_allow_swml`)
 * are refused when the param is off.
 */
import type { FunctionResult, Swml } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import type { AiOutcome, EngineContext, JsonObject, SmsRequest } from "./context.js"
import type { Session } from "./session.js"
import { truthy } from "./session.js"

export interface End {
  readonly reason: "caller_hangup" | "ai_hangup" | "transfer" | "stop" | "error"
  readonly outcome: AiOutcome
}

/** One call's engine: its session, its context, and how it ended once it has. */
export interface Engine {
  readonly s: Session
  readonly ctx: EngineContext
  end: End | undefined
}

export const finish = (engine: Engine, end: End) => {
  if (engine.end === undefined) engine.end = end
}

const responseText = (response: FunctionResult.Reply["response"]): string | undefined =>
  response === undefined ? undefined : typeof response === "string" ? response : response.tool_prompt ?? response.tool_result

const keysOf = (u: unknown): ReadonlyArray<string> =>
  typeof u === "string" ? [u] : Array.isArray(u) ? u.filter((k): k is string => typeof k === "string") : []

const without = (data: JsonObject, keys: ReadonlyArray<string>): JsonObject =>
  Object.fromEntries(Object.entries(data).filter(([k]) => !keys.includes(k)))

/** The open gather question, if the active step is in gather mode. */
export const gatherQuestionAsked = (engine: Engine) =>
  Effect.suspend(() => {
    const { s } = engine
    const question = s.gatherQuestion()
    if (question === undefined || s.gather === undefined) return Effect.void
    return engine.ctx.append({
      _tag: "GatherQuestion",
      context: s.context ?? "",
      step: s.step ?? "",
      index: s.gather.index,
      key: question.key,
      question: question.question
    })
  })

const stepEntry = (engine: Engine, via: string) => {
  const step = engine.s.stepDef()
  return engine.ctx.append({
    _tag: "StepChanged",
    context: engine.s.context ?? "",
    step: engine.s.step ?? "",
    via,
    ...(step?.step_criteria === undefined ? {} : { stepCriteria: step.step_criteria }),
    ...(engine.s.stepFunctions === undefined ? {} : { functions: engine.s.stepFunctions })
  }).pipe(Effect.zipRight(gatherQuestionAsked(engine)))
}

export const stepChanged = stepEntry

/** The verbs of an `SWML` action that does not transfer: run here while the AI keeps the call. */
const runInline = (engine: Engine, fn: string, doc: FunctionResult.ReplyDocument) =>
  Effect.forEach(doc.sections.main, (instruction) =>
    Effect.gen(function*() {
      const [verb, config] = Object.entries(instruction)[0] ?? ["", undefined]
      const note = (applied: boolean, text?: string) =>
        engine.ctx.append({ _tag: "ActionApplied", function: fn, action: `SWML.${verb}`, value: config, applied, ...(text === undefined ? {} : { note: text }) })
      yield* engine.ctx.append({ _tag: "SwmlActionVerb", function: fn, verb, config })
      switch (verb) {
        case "send_sms": {
          const sent = yield* Effect.either(engine.ctx.sendSms(config as SmsRequest))
          return yield* note(sent._tag === "Right", sent._tag === "Left" ? `the message was not sent: ${String(sent.left)}` : undefined)
        }
        case "set":
          yield* engine.ctx.vars.set(config as JsonObject)
          return yield* note(true)
        case "unset":
          yield* engine.ctx.vars.unset(keysOf(config))
          return yield* note(true)
        case "user_event":
        case "execute_rpc":
          return yield* note(true)
        case "hangup":
          finish(engine, { reason: "ai_hangup", outcome: { _tag: "Hangup", reason: "hangup" } })
          return yield* note(true)
        case "transfer": {
          const dest = (config as Swml.Verbs["transfer"]).dest
          finish(engine, { reason: "transfer", outcome: { _tag: "Transfer", dest } })
          return yield* note(true)
        }
        default:
          // The platform would leave the AI for this verb and come back; the sandbox runs it as the
          // call's next SWML only with `transfer`. Said here, never skipped silently.
          return yield* note(false, `the verb ${verb} inside a non-transfer SWML action is not simulated`)
      }
    }), { discard: true })

/** Apply one action object of a reply. */
const applyAction = (engine: Engine, fn: string, action: FunctionResult.Action): Effect.Effect<void> =>
  Effect.gen(function*() {
    const { ctx, s } = engine
    const record = action as JsonObject
    const applied = (name: string, value: unknown, ok = true, note?: string) =>
      ctx.append({ _tag: "ActionApplied", function: fn, action: name, value, applied: ok, ...(note === undefined ? {} : { note }) })
    const globalChanged = () => ctx.append({ _tag: "GlobalDataChanged", globalData: s.globalData })
    if ("SWML" in action) {
      const transfer = truthy(record["transfer"])
      if (!s.allows("swaig_allow_swml")) return yield* applied("SWML", action.SWML, false, "swaig_allow_swml is off")
      yield* applied("SWML", action.SWML, true, transfer ? "transfer: the call leaves the AI for this SWML" : undefined)
      if (transfer) return finish(engine, { reason: "transfer", outcome: { _tag: "Transfer", dest: action.SWML as Swml.Document } })
      return yield* runInline(engine, fn, action.SWML)
    }
    for (const [name, value] of Object.entries(record)) {
      switch (name) {
        case "say":
          yield* applied(name, value)
          s.aiSays(String(value))
          yield* ctx.append({ _tag: "AiSaid", text: String(value), source: "say" })
          break
        case "hangup":
          yield* applied(name, value, truthy(value))
          if (truthy(value)) finish(engine, { reason: "ai_hangup", outcome: { _tag: "Hangup", reason: "hangup" } })
          break
        case "stop":
          yield* applied(name, value, truthy(value))
          if (truthy(value)) finish(engine, { reason: "stop", outcome: { _tag: "Continue" } })
          break
        case "transfer": {
          const dest = typeof value === "object" && value !== null ? (value as { readonly dest?: string }).dest : undefined
          yield* applied(name, value, dest !== undefined, dest === undefined ? "transfer without SWML or dest" : undefined)
          if (dest !== undefined) finish(engine, { reason: "transfer", outcome: { _tag: "Transfer", dest } })
          break
        }
        case "set_global_data":
          if (!s.allows("swaig_set_global_data")) {
            yield* applied(name, value, false, "swaig_set_global_data is off")
            break
          }
          s.globalData = { ...s.globalData, ...(value as JsonObject) }
          yield* applied(name, value)
          yield* globalChanged()
          break
        case "unset_global_data":
          s.globalData = without(s.globalData, keysOf(value))
          yield* applied(name, value)
          yield* globalChanged()
          break
        case "set_meta_data": {
          const token = s.tokenOf(fn)
          s.metaData.set(token, { ...s.metaData.get(token), ...(value as JsonObject) })
          yield* applied(name, value)
          break
        }
        case "unset_meta_data": {
          const token = s.tokenOf(fn)
          s.metaData.set(token, without(s.metaData.get(token) ?? {}, keysOf(value)))
          yield* applied(name, value)
          break
        }
        case "toggle_functions": {
          const unknown: Array<string> = []
          for (const t of value as ReadonlyArray<{ readonly function: string | ReadonlyArray<string>; readonly active: unknown }>) {
            for (const target of keysOf(t.function)) {
              if (s.functions.has(target)) s.active.set(target, truthy(t.active))
              else unknown.push(target)
            }
          }
          yield* applied(name, value, unknown.length === 0, unknown.length === 0 ? undefined : `not declared: ${unknown.join(", ")}`)
          break
        }
        case "change_step": {
          const ok = s.goToStep(String(value))
          yield* applied(name, value, ok, ok ? undefined : `no step ${String(value)} in context ${s.context ?? "(none)"}`)
          if (ok) yield* stepEntry(engine, "change_step")
          break
        }
        case "change_context": {
          const ok = s.enterContext(String(value))
          yield* applied(name, value, ok, ok ? undefined : `no context ${String(value)}`)
          if (ok) yield* stepEntry(engine, "change_context")
          break
        }
        case "context_switch": {
          const sw = typeof value === "string" ? { system_prompt: value } : value as { system_prompt?: string; user_prompt?: string }
          if (sw.system_prompt !== undefined) s.systemPrompt = sw.system_prompt
          yield* applied(name, value)
          if (sw.user_prompt !== undefined) {
            s.callerSays(sw.user_prompt)
            yield* ctx.append({ _tag: "CallerSaid", text: sw.user_prompt, simulated: true })
          }
          break
        }
        case "user_input":
          yield* applied(name, value)
          s.callerSays(String(value))
          yield* ctx.append({ _tag: "CallerSaid", text: String(value), simulated: true })
          break
        case "settings":
          yield* applied(name, value, s.allows("swaig_allow_settings"), s.allows("swaig_allow_settings") ? undefined : "swaig_allow_settings is off")
          break
        default:
          // hold, wait_for_user, playback_bg, stop_playback_bg, dynamic hints, timeouts,
          // functions_on_speaker_timeout, extensive_data, replace_in_history, user_event,
          // back_to_back_functions: they change how the live AI listens and speaks, which a
          // script has no use for; each is recorded as applied.
          yield* applied(name, value)
      }
    }
  })

/** Apply a decoded reply: the response (spoken by the simulated AI) and every action, in order. */
export const applyReply = (engine: Engine, fn: string, reply: FunctionResult.Reply): Effect.Effect<void> =>
  Effect.gen(function*() {
    const text = responseText(reply.response)
    const speak = text === undefined || text === "" ? Effect.void : Effect.suspend(() => {
      engine.s.aiSays(text)
      return engine.ctx.append({ _tag: "AiSaid", text, source: "response" })
    })
    if (text !== undefined) engine.s.callLog.push({ role: "function", content: text, function: fn })
    const actions = reply.action === undefined ? [] : Array.isArray(reply.action) ? reply.action : [reply.action as FunctionResult.Action]
    if (reply.post_process === true) yield* speak
    yield* Effect.forEach(actions, (a) => applyAction(engine, fn, a), { discard: true })
    if (reply.post_process !== true && engine.end === undefined) yield* speak
  })
