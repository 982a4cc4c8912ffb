/**
 * The agent as data (requirements erased: the server provides them at mount time) and its
 * rendering into a SWML document, one fresh document per request.
 */
import { randomUUID } from "node:crypto"
import type { FunctionResult, SwmlError } from "@signalwire-effect/swml"
import { Ai, Pom, type Swml, SwaigFunction, Verb } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import { InvalidAgent } from "../AgentError.js"
import * as ToolToken from "../ToolToken.js"
import type { CallRequest } from "./routes.js"
import type { ServiceOptions } from "./service.js"
import { traced } from "./tracing.js"

/** What a tool handler receives besides its decoded arguments. */
export interface ToolCall {
  readonly function: string
  readonly callId: string | undefined
  readonly aiSessionId: string | undefined
  readonly conversationType: string | undefined
  readonly globalData: { readonly [key: string]: unknown } | undefined
  readonly metaData: { readonly [key: string]: unknown } | undefined
  readonly body: { readonly [key: string]: unknown }
}

/** A tool failure that is not about its arguments: the handler failed or died. */
export interface ToolEntry {
  readonly name: string
  readonly definition: Either.Either<SwaigFunction.Definition, SwmlError.SwaigDefinitionError>
  readonly secure: boolean
  readonly run: (
    args: unknown,
    call: ToolCall
  ) => Effect.Effect<FunctionResult.FunctionResult, SwmlError.SwaigArgumentError | HandlerFailure>
}

/** The handler's own failure, kept as the cause for the log (never sent to the caller). */
export interface HandlerFailure {
  readonly _tag: "HandlerFailure"
  readonly error: unknown
}

export interface AgentOptions extends ServiceOptions {
  readonly tokenTtlSeconds?: number | undefined
  readonly toolSecret?: Redacted.Redacted<string> | undefined
}

export type Dynamic = (request: CallRequest, agent: AgentState) => Effect.Effect<AgentState, unknown>

export interface AgentState {
  readonly name: string
  readonly route: string
  readonly options: AgentOptions
  readonly ai: Ai.Config
  readonly postPrompt: Option.Option<string | Pom.Pom>
  readonly tools: ReadonlyArray<ToolEntry>
  readonly autoAnswer: boolean
  readonly record: Option.Option<Swml.Verbs["record_call"]>
  readonly preAnswer: ReadonlyArray<Swml.Instruction>
  readonly postAnswer: ReadonlyArray<Swml.Instruction>
  readonly postAi: ReadonlyArray<Swml.Instruction>
  readonly dynamic: ReadonlyArray<Dynamic>
  readonly mcp: boolean
  readonly debugLevel: Option.Option<number>
  readonly routing: ReadonlyArray<{
    readonly path: string
    readonly decide: (request: CallRequest) => Effect.Effect<Option.Option<string>, unknown>
  }>
  readonly onSummary: Option.Option<(summary: unknown, body: { readonly [key: string]: unknown }) => Effect.Effect<void, unknown>>
  readonly onDebugEvent: Option.Option<(event: { readonly [key: string]: unknown }) => Effect.Effect<void, unknown>>
  /** Query parameters added to every webhook URL of the document (SWAIG, post-prompt, debug). */
  readonly swaigQuery: { readonly [key: string]: string }
  /** Serve `<route>/post_prompt_override` (replaces the post-prompt of later documents). */
  readonly postPromptOverride: boolean
  /** Serve `<route>/check_for_input` with this hook. */
  readonly checkForInput: Option.Option<CheckForInput>
  /** The skills added, in order; their tools are in `tools`, the rest is merged at render time. */
  readonly skills: ReadonlyArray<SkillInstance>
}

/** What one skill instance contributed besides its handler tools (those live in `tools`). */
export interface SkillInstance {
  readonly key: string
  readonly skill: string
  readonly tools: ReadonlyArray<string>
  readonly dataMapTools: ReadonlyArray<SwaigFunction.Definition>
  readonly promptSections: ReadonlyArray<Pom.Section>
  readonly hints: ReadonlyArray<string>
  readonly globalData: { readonly [key: string]: unknown }
  readonly swmlBefore: ReadonlyArray<Swml.Instruction>
  readonly swmlAfter: ReadonlyArray<Swml.Instruction>
}

/** The `ai` verb with what the skills contribute: prompt sections, hints, global data, DataMap tools. */
export const withSkills = (ai: Ai.Config, skills: ReadonlyArray<SkillInstance>): Ai.Config => {
  if (skills.length === 0) return ai
  const sections = skills.flatMap((s) => s.promptSections)
  const hints = skills.flatMap((s) => s.hints)
  const functions = skills.flatMap((s) => s.dataMapTools)
  let out = ai
  if (sections.length > 0) {
    const prompt = out.prompt
    const extra = Pom.toSections(Pom.make(sections))
    out = {
      ...out,
      prompt: "pom" in prompt
        ? { ...prompt, pom: [...prompt.pom, ...extra] }
        : { ...prompt, text: [prompt.text, Pom.toMarkdown(Pom.make(sections))].filter((t) => t !== "").join("\n\n") }
    }
  }
  if (hints.length > 0) out = Ai.addHints(out, hints)
  for (const skill of skills) {
    if (Object.keys(skill.globalData).length > 0) out = Ai.withGlobalData(out, skill.globalData)
  }
  for (const fn of functions) out = Ai.addFunction(out, fn)
  return out
}

/** What `<route>/check_for_input` answers for a conversation. */
export interface InputCheck {
  readonly newInput: boolean
  readonly messages: ReadonlyArray<unknown>
}

export type CheckForInput = (conversationId: string, request: CallRequest) => Effect.Effect<InputCheck, unknown>

/** `url` with the query parameters appended (`?` or `&`). */
export const withQuery = (url: string, query: { readonly [key: string]: string }): string => {
  const search = new URLSearchParams(query).toString()
  if (search === "") return url
  return `${url}${url.includes("?") ? "&" : "?"}${search}`
}

export const applyDynamic = (agent: AgentState, request: CallRequest): Effect.Effect<AgentState, unknown> =>
  Effect.reduce(agent.dynamic, agent, (current, hook) => hook(request, current))

/** Check what can be checked before serving: tool definitions and unique tool names. */
export const check = (agent: AgentState): Either.Either<void, InvalidAgent> => {
  const seen = new Set<string>()
  for (const tool of agent.tools) {
    if (Either.isLeft(tool.definition)) {
      return Either.left(new InvalidAgent({ agent: agent.name, message: tool.definition.left.message }))
    }
    if (seen.has(tool.name)) {
      return Either.left(new InvalidAgent({ agent: agent.name, message: `the tool ${tool.name} is defined twice` }))
    }
    seen.add(tool.name)
  }
  return Either.void
}

/** The definitions of the local tools, secure ones with a token for this call in their URL. */
export const definitions = (
  agent: AgentState,
  options: {
    readonly webhookUrl: string
    readonly callId: string | undefined
    readonly secret: ToolToken.Secret
    readonly names?: ReadonlyArray<string> | undefined
  }
): Effect.Effect<Array<SwaigFunction.Definition>, InvalidAgent> =>
  Effect.forEach(
    agent.tools.filter((t) => options.names === undefined || options.names.includes(t.name)),
    (tool) =>
      Effect.gen(function*() {
        if (Either.isLeft(tool.definition)) {
          return yield* new InvalidAgent({ agent: agent.name, message: tool.definition.left.message })
        }
        const definition = tool.definition.right
        if (!tool.secure || options.callId === undefined || definition.web_hook_url !== undefined) return definition
        const token = yield* ToolToken.create(options.secret, {
          callId: options.callId,
          function: tool.name,
          ttlSeconds: agent.options.tokenTtlSeconds ?? 3600
        })
        return { ...definition, web_hook_url: withQuery(options.webhookUrl, { __token: token }) }
      })
  )

/** The five phases: pre-answer verbs, answer, recording + post-answer verbs, `ai`, post-AI verbs. */
export const render = (
  agent: AgentState,
  options: { readonly baseUrl: string; readonly callId: string | undefined; readonly secret: ToolToken.Secret }
): Effect.Effect<Swml.Document, InvalidAgent> =>
  Effect.gen(function*() {
    const hook = (tail: string) => withQuery(`${options.baseUrl}/${tail}`, agent.swaigQuery)
    const webhookUrl = hook("swaig")
    // Secure tools need a call id to bind their token to; mint one when SignalWire sent none.
    const callId = options.callId ?? randomUUID()
    const local = yield* definitions(agent, { webhookUrl, callId, secret: options.secret })
    const merged = withSkills(agent.ai, agent.skills)
    const swaig = merged.SWAIG ?? {}
    const functions = [...local, ...(swaig.functions ?? [])]
    let ai: Ai.Config = merged
    if (functions.length > 0 || Object.keys(swaig).length > 0) {
      ai = {
        ...ai,
        SWAIG: {
          ...swaig,
          ...(functions.length > 0 ? { functions } : {}),
          defaults: { ...swaig.defaults, web_hook_url: swaig.defaults?.web_hook_url ?? webhookUrl }
        }
      }
    }
    if (Option.isSome(agent.debugLevel)) {
      ai = Ai.withParams(ai, {
        debug_webhook_url: hook("debug_events"),
        debug_webhook_level: agent.debugLevel.value
      })
    }
    if (Option.isSome(agent.postPrompt)) {
      // LLM settings already on `post_prompt` (Ai.withPostPrompt + extra keys) are kept.
      const llm = Object.fromEntries(
        Object.entries(ai.post_prompt ?? {}).filter(([key]) => key !== "text" && key !== "pom")
      )
      ai = Ai.withPostPrompt(ai, agent.postPrompt.value, ai.post_prompt_url ?? hook("post_prompt"))
      if (Object.keys(llm).length > 0 && ai.post_prompt !== undefined) ai = { ...ai, post_prompt: { ...llm, ...ai.post_prompt } }
    }
    const main: Array<Swml.Instruction> = [
      ...agent.preAnswer,
      ...(agent.autoAnswer ? [Verb.answer()] : []),
      ...Option.match(agent.record, { onNone: () => [], onSome: (config) => [Verb.make("record_call", config)] }),
      ...agent.postAnswer,
      ...agent.skills.flatMap((s) => s.swmlBefore),
      Ai.toInstruction(ai),
      ...agent.skills.flatMap((s) => s.swmlAfter),
      ...agent.postAi
    ]
    return { version: "1.0.0" as const, sections: { main } }
  }).pipe(traced("AgentBase.render", { "agent.name": agent.name }))

/** Wrap a typed handler: decode the arguments with the tool's schema, then run it. */
export const toolEntry = <A, I, E, R>(
  fn: SwaigFunction.SwaigFunction<A, I>,
  secure: boolean,
  handler: (args: A, call: ToolCall) => Effect.Effect<FunctionResult.FunctionResult, E, R>
): ToolEntry => ({
  name: fn.name,
  definition: SwaigFunction.toDefinition(fn),
  secure,
  run: (args, call) =>
    Effect.flatMap(
      SwaigFunction.decodeArguments(fn, args),
      (decoded) =>
        // R is provided by the server at mount time; erased here.
        (handler(decoded, call) as Effect.Effect<FunctionResult.FunctionResult, E>).pipe(
          Effect.mapError((error): HandlerFailure => ({ _tag: "HandlerFailure", error }))
        )
    )
})
