/**
 * The mutable configuration behind the `AgentBase` facade and its translation into an immutable
 * Effect agent (`@signalwire-effect/agents`' `AgentBase`), rebuilt for every request so that
 * changes made after `serve()` (and by the dynamic-config callback, on a copy) apply.
 */
import { AgentBase as EAgent, type Skill } from "@signalwire-effect/agents"
import type { FunctionResult as Fr, Swml } from "@signalwire-effect/swml"
import { Ai, Pom } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import type { ContextBuilder } from "../ContextBuilder.js"
import { parametersSchema, runHandler, type ToolReturn } from "./tools.js"

export type Json = { readonly [key: string]: unknown }

/** What a tool handler receives: the arguments and the whole SWAIG request body. */
export type ToolHandler = (args: Record<string, unknown>, rawData: Record<string, unknown>) => ToolReturn | Promise<ToolReturn>

/** A tool as `defineTool` takes it. */
export interface ToolDefinition {
  name: string
  description: string
  parameters?: Record<string, unknown>
  handler: ToolHandler
  secure?: boolean
  fillers?: Record<string, Array<string>>
  waitFile?: string
  waitFileLoops?: number
  required?: Array<string>
  webhookUrl?: string
  extraFields?: Record<string, unknown>
}

export interface Config {
  promptText: string | undefined
  pom: Pom.Pom
  postPrompt: string | undefined
  promptLlm: Record<string, unknown>
  postPromptLlm: Record<string, unknown>
  hints: Array<Ai.Hint>
  languages: Array<Ai.Language>
  pronounce: Array<Ai.Pronounce>
  params: Record<string, unknown>
  globalData: Record<string, unknown>
  nativeFunctions: Array<string>
  includes: Array<Ai.Include>
  internalFillers: Record<string, Record<string, Array<string>>>
  mcpServers: Array<Ai.McpServer>
  preAnswer: Array<Swml.Instruction>
  answer: Record<string, unknown> | undefined
  postAnswer: Array<Swml.Instruction>
  postAi: Array<Swml.Instruction>
  tools: Map<string, ToolDefinition | Json>
  contexts: ContextBuilder | undefined
  swaigQuery: Record<string, string>
  webHookUrl: string | undefined
  postPromptUrl: string | undefined
  debugLevel: 1 | 2 | undefined
  autoAnswer: boolean
  recordCall: boolean
  recordFormat: string
  recordStereo: boolean
  /** Skill instances, set up once by `addSkill`, added to every agent built from this configuration. */
  skills: Array<Skill.Prepared<unknown>>
}

export const emptyConfig = (): Config => ({
  promptText: undefined,
  pom: Pom.make(),
  postPrompt: undefined,
  promptLlm: {},
  postPromptLlm: {},
  hints: [],
  languages: [],
  pronounce: [],
  params: {},
  globalData: {},
  nativeFunctions: [],
  includes: [],
  internalFillers: {},
  mcpServers: [],
  preAnswer: [],
  answer: undefined,
  postAnswer: [],
  postAi: [],
  tools: new Map(),
  contexts: undefined,
  swaigQuery: {},
  webHookUrl: undefined,
  postPromptUrl: undefined,
  debugLevel: undefined,
  autoAnswer: true,
  recordCall: false,
  recordFormat: "mp4",
  recordStereo: true,
  skills: []
})

/** A copy whose collections can be changed without touching the original (contexts are shared). */
export const copyConfig = (c: Config): Config => ({
  ...c,
  promptLlm: { ...c.promptLlm },
  postPromptLlm: { ...c.postPromptLlm },
  hints: [...c.hints],
  languages: [...c.languages],
  pronounce: [...c.pronounce],
  params: { ...c.params },
  globalData: { ...c.globalData },
  nativeFunctions: [...c.nativeFunctions],
  includes: [...c.includes],
  internalFillers: { ...c.internalFillers },
  mcpServers: [...c.mcpServers],
  preAnswer: [...c.preAnswer],
  postAnswer: [...c.postAnswer],
  postAi: [...c.postAi],
  tools: new Map(c.tools),
  swaigQuery: { ...c.swaigQuery },
  skills: [...c.skills]
})

const isDefinition = (tool: ToolDefinition | Json): tool is ToolDefinition => typeof tool["handler"] === "function"

/** The tool options of `extraFields` the SWML schema defines (others are not sent). */
const extraOptions = (extra: Record<string, unknown> | undefined): EAgent.ToolOptions => {
  if (extra === undefined) return {}
  const pick = <A>(key: string, test: (u: unknown) => u is A): A | undefined => test(extra[key]) ? extra[key] as A : undefined
  const bool = (u: unknown): u is boolean => typeof u === "boolean"
  const str = (u: unknown): u is string => typeof u === "string"
  const obj = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)
  const options = {
    metaData: pick("meta_data", obj),
    metaDataToken: pick("meta_data_token", str),
    skipFillers: pick("skip_fillers", bool),
    waitForFillers: pick("wait_for_fillers", bool),
    active: pick("active", bool)
  }
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))
}

/** The hook through which `onFunctionCall` may answer in place of the handler. */
export type Intercept = (name: string, args: Record<string, unknown>, raw: Record<string, unknown>) => unknown

const tool = (definition: ToolDefinition, intercept: Intercept) =>
  EAgent.tool({
    name: definition.name,
    description: definition.description,
    parameters: parametersSchema(definition.parameters, definition.required),
    secure: definition.secure ?? true,
    ...(definition.fillers === undefined ? {} : { fillers: definition.fillers }),
    ...(definition.waitFile === undefined ? {} : { waitFile: definition.waitFile }),
    ...(definition.waitFileLoops === undefined ? {} : { waitFileLoops: definition.waitFileLoops }),
    ...(definition.webhookUrl === undefined ? {} : { webHookUrl: definition.webhookUrl }),
    ...extraOptions(definition.extraFields),
    // The schema validated the arguments; the handler gets them as sent (unknown keys kept).
    handler: (_decoded, call): Effect.Effect<Fr.FunctionResult> => {
      const args = argumentsOf(call.body)
      const body = call.body as Record<string, unknown>
      return runHandler(definition.name, async () => {
        const intercepted = await intercept(definition.name, args, body)
        return intercepted === undefined || intercepted === null ? definition.handler(args, body) : intercepted
      })
    }
  })

const argumentsOf = (body: Json): Record<string, unknown> => {
  const argument = body["argument"]
  if (typeof argument === "object" && argument !== null && "parsed" in argument && Array.isArray(argument.parsed)) {
    const first: unknown = argument.parsed[0]
    if (typeof first === "object" && first !== null) return { ...first }
  }
  return {}
}

/** Construction-time settings of the Effect agent. */
export interface Settings {
  readonly name: string
  readonly route: string
  readonly user: string
  readonly password: string
  readonly toolSecret: Redacted.Redacted<string>
  readonly tokenTtlSeconds: number
  readonly proxyUrlBase: string | undefined
}

export interface Hooks {
  readonly intercept: Intercept
  readonly onSummary: (summary: unknown, raw: Record<string, unknown>) => unknown
  readonly onDebugEvent: (event: Record<string, unknown>) => unknown
}

/** The Effect agent for a configuration (no dynamic hook, no endpoints that are fixed at mount). */
export const toEffectAgent = (name: string, c: Config, settings: Settings, hooks: Hooks): EAgent.AgentBase<never> => {
  const pomSections = Pom.toSections(c.pom)
  const prompt: string | Pom.Pom = c.promptText ?? (pomSections.length > 0
    ? c.pom
    : c.contexts !== undefined
    ? `You are ${name}, a helpful AI assistant.`
    : "")
  let agent = EAgent.make({
    name: settings.name,
    route: settings.route,
    basicAuth: { user: settings.user, password: Redacted.make(settings.password) },
    toolSecret: settings.toolSecret,
    tokenTtlSeconds: settings.tokenTtlSeconds,
    printGeneratedCredentials: false,
    ...(settings.proxyUrlBase === undefined ? {} : { proxyUrlBase: settings.proxyUrlBase }),
    prompt
  })
  agent = EAgent.withAi(agent, (ai0) => {
    let ai = ai0
    if (Object.keys(c.promptLlm).length > 0) ai = Ai.withLlm(ai, c.promptLlm as Ai.Llm)
    if (c.contexts !== undefined && !c.contexts.isEmpty) ai = Ai.withContexts(ai, c.contexts.toDict())
    if (Object.keys(c.params).length > 0) ai = Ai.withParams(ai, c.params as Ai.Params)
    if (c.hints.length > 0) ai = Ai.addHints(ai, c.hints)
    for (const language of c.languages) ai = Ai.addLanguage(ai, language)
    for (const rule of c.pronounce) ai = Ai.addPronunciation(ai, rule)
    if (Object.keys(c.globalData).length > 0) ai = Ai.withGlobalData(ai, c.globalData)
    if (c.nativeFunctions.length > 0) ai = Ai.addNativeFunctions(ai, c.nativeFunctions as ReadonlyArray<Ai.NativeFunction>)
    for (const include of c.includes) ai = Ai.addInclude(ai, include)
    if (Object.keys(c.internalFillers).length > 0) {
      ai = Ai.withInternalFillers(ai, c.internalFillers as Parameters<typeof Ai.withInternalFillers>[1])
    }
    for (const server of c.mcpServers) ai = Ai.addMcpServer(ai, server)
    for (const raw of c.tools.values()) {
      if (!isDefinition(raw)) ai = Ai.addFunction(ai, raw as Parameters<typeof Ai.addFunction>[1])
    }
    if (c.webHookUrl !== undefined) ai = Ai.withDefaultWebhook(ai, c.webHookUrl)
    if (c.postPrompt !== undefined && Object.keys(c.postPromptLlm).length > 0) {
      ai = Ai.withPostPrompt(ai, c.postPrompt)
      ai = { ...ai, post_prompt: { text: c.postPrompt, ...c.postPromptLlm } as NonNullable<Ai.Config["post_prompt"]> }
    }
    if (c.postPromptUrl !== undefined) ai = { ...ai, post_prompt_url: c.postPromptUrl }
    return ai
  })
  for (const definition of c.tools.values()) {
    if (isDefinition(definition)) agent = tool(definition, hooks.intercept)(agent)
  }
  if (c.postPrompt !== undefined) agent = EAgent.postPrompt(agent, c.postPrompt)
  if (Object.keys(c.swaigQuery).length > 0) agent = EAgent.swaigQueryParams(c.swaigQuery)(agent)
  if (c.debugLevel !== undefined) agent = EAgent.debugEvents(c.debugLevel)(agent)
  const answer: Array<Swml.Instruction> = c.autoAnswer && c.answer !== undefined
    ? [{ answer: c.answer } as Swml.Instruction]
    : []
  agent = EAgent.callFlow({
    preAnswer: [...c.preAnswer, ...answer],
    autoAnswer: c.autoAnswer && c.answer === undefined,
    ...(c.recordCall
      ? { record: { format: c.recordFormat, stereo: c.recordStereo } as Swml.Verbs["record_call"] }
      : {}),
    postAnswer: c.postAnswer,
    postAi: c.postAi
  })(agent)
  agent = EAgent.onSummary((summary, raw) =>
    Effect.tryPromise(async () => {
      await hooks.onSummary(summary === null ? null : summary, raw as Record<string, unknown>)
    })
  )(agent)
  agent = EAgent.onDebugEvent((event) =>
    Effect.tryPromise(async () => {
      await hooks.onDebugEvent(event as Record<string, unknown>)
    })
  )(agent)
  // Checked by addSkill against the agent of that moment; a tool defined later under a skill's tool
  // name fails here (the request is answered 500 and logged).
  let withSkills: EAgent.AgentBase<unknown> = agent
  for (const prepared of c.skills) withSkills = Either.getOrThrow(EAgent.addPreparedSkill(prepared)(withSkills))
  // The skills of the facade (built-ins, SkillBase classes) need no service.
  return withSkills as EAgent.AgentBase<never>
}

