/**
 * LiveWire's agent model, as LiveKit Agents spells it: `Agent` (instructions and tools),
 * `AgentSession` (binds an agent to a SignalWire `AgentBase`), `tool()`, `RunContext`,
 * `handoff()` / `AgentHandoff`, `ToolError`, `StopResponse`, `ChatContext`.
 *
 * What maps and what does not is listed in DIFFERENCES.md #50–#54.
 *
 * @since 0.1.0
 */
import * as JSONSchema from "effect/JSONSchema"
import * as Schema from "effect/Schema"
import { AgentBase } from "../AgentBase.js"
import { FunctionResult } from "../FunctionResult.js"
import { currentJob, once } from "../internal/livewire.js"
import { StopResponse, ToolError } from "./Errors.js"

/**
 * A tool as an agent holds it: `tool()` makes one (its `name` is the key it is given in an
 * agent's `tools`, or set on it when tools are passed as a list).
 *
 * @example
 * ```ts
 * import { type FunctionTool, tool } from "@signalwire-effect/sdk/livewire"
 *
 * const time: FunctionTool = { ...tool({ description: "The time", execute: () => new Date().toISOString() }), name: "time" }
 * ```
 * @since 0.1.0
 */
export interface FunctionTool<P = any, UserData = any> {
  name: string
  description: string
  /** The arguments' JSON Schema (`{type: "object", properties, required}`). */
  parameters?: Record<string, unknown> | undefined
  execute: (params: P, context: { ctx: RunContext<UserData> }) => unknown
}

/** An Effect Schema, or a JSON Schema object. */
type Parameters<P> = Schema.Schema<P, any, never> | Record<string, unknown>

const jsonSchemaOf = (parameters: Parameters<unknown> | undefined): Record<string, unknown> | undefined => {
  if (parameters === undefined) return undefined
  if (Schema.isSchema(parameters)) {
    const { $schema: _, ...rest } = JSONSchema.make(parameters) as unknown as Record<string, unknown>
    return rest
  }
  if ("_def" in parameters) {
    throw new TypeError("LiveWire tool(): zod schemas are not supported; pass a JSON Schema object or an Effect Schema (DIFFERENCES.md #51)")
  }
  return parameters
}

/**
 * A tool definition (LiveKit's `llm.tool()`): a description, the parameters (a JSON Schema object
 * or an Effect `Schema`; zod is not supported) and `execute(params, { ctx })`. `execute` may
 * return a string, a `FunctionResult`, an {@link AgentHandoff} (or an {@link Agent}), any other
 * value (sent as JSON), or throw a {@link ToolError} (its message is the reply).
 *
 * @example
 * ```ts
 * import { tool } from "@signalwire-effect/sdk/livewire"
 *
 * const getWeather = tool({
 *   description: "Current weather for a city",
 *   parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
 *   execute: ({ city }: { city: string }) => `Sunny in ${city}`
 * })
 * ```
 * @since 0.1.0
 */
export const tool = <P = any, UserData = any>(options: {
  description: string
  parameters?: Parameters<P> | undefined
  execute: (params: P, context: { ctx: RunContext<UserData> }) => unknown
}): FunctionTool<P, UserData> => ({
  name: "",
  description: options.description,
  parameters: jsonSchemaOf(options.parameters as Parameters<unknown> | undefined),
  execute: options.execute
})

type Tools<UserData> = Record<string, FunctionTool<any, UserData>> | ReadonlyArray<FunctionTool<any, UserData>>

const toolRecord = <UserData>(tools: Tools<UserData> | undefined): Record<string, FunctionTool<any, UserData>> => {
  const record: Record<string, FunctionTool<any, UserData>> = {}
  if (tools === undefined) return record
  const entries: ReadonlyArray<[string, FunctionTool<any, UserData>]> = Array.isArray(tools)
    ? (tools as ReadonlyArray<FunctionTool<any, UserData>>).map((t) => [t.name, t])
    : Object.entries(tools as Record<string, FunctionTool<any, UserData>>)
  for (const [name, t] of entries) {
    if (name === "") throw new TypeError("LiveWire Agent: a tool passed in a list needs a name ({ ...tool(…), name: \"x\" })")
    record[name] = { ...t, name }
  }
  return record
}

/**
 * Options LiveKit accepts on an agent or a session for its media pipeline: accepted, logged once,
 * not used (the platform runs speech recognition, synthesis and voice detection).
 */
interface PipelineOptions {
  stt?: unknown
  tts?: unknown
  vad?: unknown
  turnDetection?: unknown
  mcpServers?: unknown
  /** A model name (`"openai/gpt-4o-mini"`: the provider prefix is dropped) or an `OpenAILLM` / `inference.LLM`. */
  llm?: unknown
  allowInterruptions?: boolean | undefined
  /** Seconds; becomes `end_of_speech_timeout` (250–10 000 ms). */
  minEndpointingDelay?: number | undefined
  maxEndpointingDelay?: number | undefined
}

const advise = (owner: string, options: PipelineOptions | undefined) => {
  if (options?.stt != null) once(`${owner}_stt`, `${owner}(stt): speech recognition runs on SignalWire; the option is ignored`)
  if (options?.tts != null) once(`${owner}_tts`, `${owner}(tts): speech synthesis runs on SignalWire; set voices with addLanguage on the AgentBase`)
  if (options?.vad != null) once(`${owner}_vad`, `${owner}(vad): voice activity detection runs on SignalWire; the option is ignored`)
  if (options?.turnDetection != null) once(`${owner}_turn`, `${owner}(turnDetection): turn detection runs on SignalWire; the option is ignored`)
  if (options?.mcpServers != null) once(`${owner}_mcp`, `${owner}(mcpServers): not mapped; register tools with tool(), or addMcpServer on the AgentBase`)
  if (options?.maxEndpointingDelay != null) once(`${owner}_max_ep`, `${owner}(maxEndpointingDelay): SignalWire has no such setting; ignored`)
}

/**
 * A LiveKit `voice.Agent`: instructions (the prompt) and tools (SWAIG functions). Tools are a
 * record keyed by name, as in LiveKit, or a list of named tools.
 *
 * @example
 * ```ts
 * import { Agent, tool } from "@signalwire-effect/sdk/livewire"
 *
 * const agent = new Agent({
 *   instructions: "You are a helpful weather assistant.",
 *   tools: { get_weather: tool({ description: "Weather", execute: () => "Sunny" }) }
 * })
 * ```
 * @since 0.1.0
 */
export class Agent<UserData = any> {
  instructions: string
  tools: Record<string, FunctionTool<any, UserData>>
  /** Read by {@link AgentSession.start} (the session's options win). */
  readonly pipeline: PipelineOptions
  session: AgentSession<UserData> | undefined = undefined

  constructor(options?: PipelineOptions & { instructions?: string; tools?: Tools<UserData>; chatCtx?: unknown }) {
    this.instructions = options?.instructions ?? ""
    this.tools = toolRecord(options?.tools)
    this.pipeline = { ...options }
    advise("Agent", options)
  }

  /** Called by LiveKit when the agent becomes active; not called on SignalWire (DIFFERENCES.md #54). */
  async onEnter(): Promise<void> {}
  /** Not called on SignalWire (DIFFERENCES.md #54). */
  async onExit(): Promise<void> {}
  /** Not called on SignalWire (DIFFERENCES.md #54). */
  async onUserTurnCompleted(_turnCtx?: unknown, _newMessage?: unknown): Promise<void> {}

  /** Changes the prompt of documents rendered from now on (a call in progress keeps its own). */
  async updateInstructions(instructions: string): Promise<void> {
    this.instructions = instructions
    this.session?.refresh()
  }

  /** Replaces the tools of documents rendered from now on. */
  async updateTools(tools: Tools<UserData>): Promise<void> {
    this.tools = toolRecord(tools)
    this.session?.refresh()
  }
}

/**
 * What a tool's `execute` receives as `ctx`: the session, its `userData`, and the call of the
 * tool (`functionCall`: name, arguments, call id, the whole SWAIG request as `raw`).
 *
 * @example
 * ```ts
 * import { tool } from "@signalwire-effect/sdk/livewire"
 *
 * const whoAmI = tool<{}, { name: string }>({ description: "The user", execute: (_params, { ctx }) => ctx.userData.name })
 * ```
 * @since 0.1.0
 */
export class RunContext<UserData = any> {
  constructor(
    readonly session: AgentSession<UserData> | undefined,
    readonly functionCall?: { readonly name: string; readonly arguments: Record<string, unknown>; readonly callId: string | undefined; readonly raw: Record<string, unknown> }
  ) {}

  /** The session's user data (`{}` without a session). */
  get userData(): UserData {
    return (this.session?.userData ?? {}) as UserData
  }

  /** LiveKit's speech handle: SignalWire has none. */
  get speechHandle(): undefined {
    return undefined
  }
}

/**
 * A tool's request to hand the conversation to another agent (`returns` is the tool's reply).
 *
 * @example
 * ```ts
 * import { Agent, AgentHandoff } from "@signalwire-effect/sdk/livewire"
 *
 * const toSales = new AgentHandoff(new Agent({ instructions: "You sell." }), "Connecting you to sales.")
 * ```
 * @since 0.1.0
 */
export class AgentHandoff {
  constructor(readonly agent: Agent, readonly returns?: string) {}
}

/**
 * LiveKit's `llm.handoff({ agent, returns })`: return it from a tool to switch agents. On
 * SignalWire the switch happens in the call (a `context_switch` to the agent's instructions and
 * `toggle_functions` to its tools; DIFFERENCES.md #52).
 *
 * @example
 * ```ts
 * import { Agent, handoff, tool } from "@signalwire-effect/sdk/livewire"
 *
 * const sales = new Agent({ instructions: "You sell." })
 * const toSales = tool({ description: "Transfer to sales", execute: () => handoff({ agent: sales, returns: "Connecting you." }) })
 * ```
 * @since 0.1.0
 */
export const handoff = (options: { agent: Agent; returns?: string }): AgentHandoff => new AgentHandoff(options.agent, options.returns)

const modelOf = (llm: unknown): string | undefined => {
  const name = typeof llm === "string" ? llm : typeof llm === "object" && llm !== null && typeof (llm as { model?: unknown }).model === "string" ? (llm as { model: string }).model : undefined
  if (name === undefined || name === "") return undefined
  const slash = name.indexOf("/")
  return slash >= 0 ? name.slice(slash + 1) : name
}

/** The tools a handoff can switch: declared in the document, and the session's own (always on). */
interface Declared {
  readonly all: ReadonlySet<string>
  readonly shared: ReadonlySet<string>
}

const replyOf = (value: unknown, declared: Declared): FunctionResult => {
  if (value instanceof FunctionResult) return value
  if (typeof value === "string") return new FunctionResult(value)
  const target = value instanceof AgentHandoff ? value : value instanceof Agent ? new AgentHandoff(value) : undefined
  if (target !== undefined) return handoffReply(target, declared)
  if (value === undefined || value === null) return new FunctionResult("")
  return new FunctionResult(JSON.stringify(value))
}

const handoffReply = (h: AgentHandoff, declared: Declared): FunctionResult => {
  const wanted = new Set(Object.keys(h.agent.tools))
  const missing = [...wanted].filter((name) => !declared.all.has(name))
  if (missing.length > 0) {
    once(`handoff_${missing.join(",")}`, `handoff: tools ${missing.join(", ")} are not in the call's document (declare them on the AgentSession's tools); the handoff goes ahead without them`)
  }
  const toggles = [
    ...[...declared.all].filter((name) => !wanted.has(name) && !declared.shared.has(name)).map((name) => ({ function: name, active: false })),
    ...[...wanted].filter((name) => declared.all.has(name)).map((name) => ({ function: name, active: true }))
  ]
  const reply = new FunctionResult(h.returns ?? "").addAction("context_switch", { system_prompt: h.agent.instructions })
  return toggles.length === 0 ? reply : reply.toggleFunctions(toggles)
}

/**
 * A LiveKit `voice.AgentSession`: `start({ agent })` builds a SignalWire `AgentBase` from the
 * agent (prompt, tools, model) which `runApp` serves. `llm` maps to `ai_model`; `stt`, `tts`,
 * `vad`, `turnDetection` are accepted and ignored (logged once). `say(text)` is the call's static
 * greeting; `generateReply({ instructions })` adds the instructions to the prompt.
 *
 * @example
 * ```ts
 * import { Agent, AgentSession } from "@signalwire-effect/sdk/livewire"
 *
 * const session = new AgentSession({ llm: "openai/gpt-4o-mini", stt: "deepgram", tts: "elevenlabs" })
 * await session.start({ agent: new Agent({ instructions: "You are helpful." }) })
 * session.getSwAgent()?.renderSwml()
 * ```
 * @since 0.1.0
 */
export class AgentSession<UserData = any> {
  userData: UserData
  readonly history: Array<{ role: string; content: string }> = []
  private readonly options: PipelineOptions & { tools?: Tools<UserData> }
  private readonly sessionTools: Record<string, FunctionTool<any, UserData>>
  private agent: Agent<UserData> | undefined
  private swAgent: AgentBase | undefined
  private greeting: Array<string> = []
  private replyInstructions: Array<string> = []
  private defined: ReadonlyArray<string> = []

  constructor(options?: PipelineOptions & { tools?: Tools<UserData>; userData?: UserData; maxToolSteps?: number; preemptiveGeneration?: boolean; minInterruptionDuration?: number }) {
    this.options = { ...options }
    this.sessionTools = toolRecord(options?.tools)
    this.userData = (options?.userData ?? {}) as UserData
    advise("AgentSession", options)
    if (options?.maxToolSteps != null) once("session_max_tool_steps", "AgentSession(maxToolSteps): SignalWire has no such setting; ignored")
  }

  /** Binds `agent` and builds the `AgentBase` (inside `runApp`'s entry, the one it serves). */
  async start(params: { agent: Agent<UserData>; room?: unknown; record?: boolean }): Promise<void> {
    const job = currentJob()
    const options = job?.options
    this.swAgent ??= new AgentBase({
      name: options?.agentName ?? "livewire",
      route: options?.route ?? "/",
      ...(options?.host === undefined ? {} : { host: options.host }),
      ...(options?.port === undefined ? {} : { port: options.port }),
      ...(options?.basicAuth === undefined ? {} : { basicAuth: options.basicAuth }),
      recordCall: params.record === true
    })
    if (job !== undefined && !job.agents.includes(this.swAgent)) job.agents.push(this.swAgent)
    this.bind(params.agent)
  }

  /** Swaps the agent for documents rendered from now on. */
  updateAgent(agent: Agent<UserData>): void {
    this.bind(agent)
  }

  /** The current agent. */
  get currentAgent(): Agent<UserData> | undefined {
    return this.agent
  }

  /** Spoken verbatim when the AI starts (`static_greeting`). */
  say(text: string): void {
    this.greeting.push(text)
    this.refresh()
  }

  /** Instructions for the AI's first reply, added to the prompt. */
  generateReply(options?: { instructions?: string; userInput?: string }): void {
    if (options?.instructions !== undefined && options.instructions !== "") this.replyInstructions.push(options.instructions)
    this.refresh()
  }

  /** Barge-in is the platform's; nothing to do. */
  interrupt(): void {
    once("session_interrupt", "AgentSession.interrupt(): barge-in is handled by SignalWire; no-op")
  }

  /** The SignalWire agent (after `start`). */
  getSwAgent(): AgentBase | undefined {
    return this.swAgent
  }

  private bind(agent: Agent<UserData>): void {
    if (this.agent !== undefined && this.agent !== agent) this.agent.session = undefined
    this.agent = agent
    agent.session = this
    this.refresh()
  }

  /** Re-applies the agent and session to the `AgentBase` (documents rendered from now on). */
  refresh(): void {
    const sw = this.swAgent
    const agent = this.agent
    if (sw === undefined || agent === undefined) return
    const prompt = [agent.instructions, ...this.replyInstructions.map((text) => `## Initial Greeting\n\n${text}`)].join("\n\n")
    sw.setPromptText(prompt)
    const model = modelOf(this.options.llm ?? agent.pipeline.llm)
    if (model !== undefined) sw.setParam("ai_model", model)
    if ((agent.pipeline.allowInterruptions ?? this.options.allowInterruptions) === false) sw.setParam("enable_barge", false)
    const minEp = agent.pipeline.minEndpointingDelay ?? this.options.minEndpointingDelay
    if (minEp !== undefined) sw.setParam("end_of_speech_timeout", Math.min(10_000, Math.max(250, Math.round(minEp * 1000))))
    if (this.greeting.length > 0) sw.setParam("static_greeting", this.greeting.join(" "))
    for (const name of this.defined) sw.removeFunction(name)
    const tools = { ...this.sessionTools, ...agent.tools }
    this.defined = Object.keys(tools)
    const declared: Declared = { all: new Set(this.defined), shared: new Set(Object.keys(this.sessionTools)) }
    for (const [name, t] of Object.entries(tools)) {
      sw.defineTool({
        name,
        description: t.description,
        ...(t.parameters === undefined ? {} : { parameters: t.parameters }),
        handler: async (args, raw) => {
          const call = { name, arguments: args, callId: typeof raw["call_id"] === "string" ? raw["call_id"] : undefined, raw }
          try {
            return replyOf(await t.execute(args, { ctx: new RunContext(this, call) }), declared)
          } catch (error) {
            if (error instanceof ToolError) return new FunctionResult(error.message)
            if (error instanceof StopResponse) return new FunctionResult().waitForUser()
            throw error
          }
        }
      })
    }
  }
}
