/**
 * An AI agent: a SWML service whose document runs SignalWire's `ai` verb (prompt, post-prompt,
 * params, languages, hints, pronunciations, global data, native functions, contexts, tools) and
 * which answers the webhooks of the conversation: SWAIG tool calls at `<route>/swaig`, the
 * end-of-call summary at `<route>/post_prompt`, debug events at `<route>/debug_events`.
 *
 * Agents are immutable values built with `pipe`. A tool's arguments are an Effect `Schema` (the
 * JSON Schema the model sees is generated from it, and what SignalWire sends is decoded with it);
 * its handler is an Effect that may use services, which the layers you serve the agent with
 * provide.
 *
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { Ai, FunctionResult } from "@signalwire-effect/swml"
 * import * as Context from "effect/Context"
 * import * as Effect from "effect/Effect"
 * import * as Schema from "effect/Schema"
 *
 * class Orders extends Context.Tag("Orders")<Orders, { readonly status: (order: string) => string }>() {}
 *
 * const agent = AgentBase.make({ name: "support", route: "/support", prompt: "You are Acme's support agent." }).pipe(
 *   AgentBase.withAi(Ai.addLanguage({ name: "English", code: "en-US", voice: "inworld.Mark" })),
 *   AgentBase.tool({
 *     name: "order_status",
 *     description: "Look up an order",
 *     parameters: Schema.Struct({ order: Schema.String }),
 *     handler: ({ order }) => Effect.map(Orders, (orders) => FunctionResult.make(orders.status(order)))
 *   })
 * )
 * ```
 *
 * Tools are `secure` by default: the document gives each one a per-call token in its webhook URL
 * and a call without a valid token is answered 403.
 *
 * @since 0.1.0
 */
import type { FunctionResult, Pom, Swml } from "@signalwire-effect/swml"
import { Ai, SwaigFunction } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Option from "effect/Option"
import type { Pipeable } from "effect/Pipeable"
import type * as Types from "effect/Types"
import type { InvalidAgent } from "./AgentError.js"
import * as internal from "./internal/agent.js"
import { fromState, update } from "./internal/agentValue.js"
import { type Mountable, MountId, normalizeRoute } from "./internal/service.js"
import * as service from "./internal/service.js"
import type * as SWMLService from "./SWMLService.js"
import type * as ToolToken from "./ToolToken.js"

/**
 * Options of an agent: those of a SWML service, plus the token settings of secure tools.
 *
 * @example
 * ```ts
 * import type { AgentBase } from "@signalwire-effect/agents"
 *
 * const options: AgentBase.Options = { name: "support", route: "/support", tokenTtlSeconds: 900 }
 * ```
 * @since 0.1.0
 */
export interface Options extends SWMLService.Options {
  /** How long a tool token stays valid (default 3600 s). */
  readonly tokenTtlSeconds?: number | undefined
  /** The tool-token secret; share it between replicas (default: random per server). */
  readonly toolSecret?: internal.AgentOptions["toolSecret"]
}

/**
 * What a tool handler receives besides its arguments: the function, `call_id`, `ai_session_id`,
 * `conversation_type` (voice or chat), `global_data`, `meta_data` and the whole request body.
 *
 * @example
 * ```ts
 * import type { AgentBase } from "@signalwire-effect/agents"
 *
 * const who = (call: AgentBase.ToolCall) => call.body["caller_id_num"]
 * ```
 * @since 0.1.0
 */
export type ToolCall = internal.ToolCall

/**
 * An agent whose tools and hooks need the services `R`.
 *
 * @example
 * ```ts
 * import type { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 * agent.ai.prompt
 * ```
 * @since 0.1.0
 */
export interface AgentBase<R> extends internal.AgentState, Pipeable {
  readonly _tag: "AgentBase"
  readonly [RType]: Types.Covariant<R>
  readonly [MountId]: () => Mountable
}

/**
 * The phantom key carrying the requirements (`R`) of a served thing.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 *
 * typeof AgentBase.RType
 * ```
 * @since 0.1.0
 */
export const RType: typeof service.RType = service.RType

/**
 * A new agent with its prompt (text, or a POM sent as `prompt.pom`).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 *
 * const agent = AgentBase.make({ name: "support", route: "/support", prompt: "You are a helpful assistant." })
 * ```
 * @since 0.1.0
 */
export const make = (options: Options & { readonly prompt: string | Pom.Pom }): AgentBase<never> => {
  const { prompt, ...rest } = options
  return fromState({
    name: rest.name,
    route: normalizeRoute(rest.route),
    options: rest,
    ai: Ai.make(prompt),
    postPrompt: Option.none(),
    tools: [],
    autoAnswer: true,
    record: Option.none(),
    preAnswer: [],
    postAnswer: [],
    postAi: [],
    dynamic: [],
    routing: [],
    mcp: false,
    debugLevel: Option.none(),
    onSummary: Option.none(),
    onDebugEvent: Option.none(),
    swaigQuery: {},
    postPromptOverride: false,
    checkForInput: Option.none(),
    skills: []
  })
}

/**
 * Reshape the `ai` verb with any `Ai` combinator (params, languages, hints, pronunciations, global
 * data, native functions, contexts, includes, MCP servers, DataMap functions, LLM settings).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { Ai } from "@signalwire-effect/swml"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.withAi(Ai.withParams({ end_of_speech_timeout: 600 })), AgentBase.withAi(Ai.addHints(["Acme"])))
 * ```
 * @since 0.1.0
 */
export const withAi: {
  (f: (ai: Ai.Config) => Ai.Config): <R>(self: AgentBase<R>) => AgentBase<R>
  <R>(self: AgentBase<R>, f: (ai: Ai.Config) => Ai.Config): AgentBase<R>
} = dual(2, <R>(self: AgentBase<R>, f: (ai: Ai.Config) => Ai.Config): AgentBase<R> => update(self, { ai: f(self.ai) }))

/**
 * The end-of-call summary instructions; SignalWire posts the summary to `<route>/post_prompt`.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.postPrompt("Summarise the call as JSON with keys topic and outcome."))
 * ```
 * @since 0.1.0
 */
export const postPrompt: {
  (prompt: string | Pom.Pom): <R>(self: AgentBase<R>) => AgentBase<R>
  <R>(self: AgentBase<R>, prompt: string | Pom.Pom): AgentBase<R>
} = dual(2, <R>(self: AgentBase<R>, prompt: string | Pom.Pom): AgentBase<R> => update(self, { postPrompt: Option.some(prompt) }))

/**
 * Definition options of a tool besides name, description and arguments, plus `secure`.
 *
 * @example
 * ```ts
 * import type { AgentBase } from "@signalwire-effect/agents"
 *
 * const options: AgentBase.ToolOptions = { secure: false, fillers: { "en-US": ["One moment"] } }
 * ```
 * @since 0.1.0
 */
export interface ToolOptions extends SwaigFunction.Options {
  /** Require a per-call token (default true). */
  readonly secure?: boolean | undefined
}

/**
 * Add a tool: an argument schema and an Effect handler. Arguments that do not fit the schema are
 * answered with a tool response asking the model to retry (and logged); a handler that fails or
 * dies is answered 500 without details (and logged with the call id).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { FunctionResult } from "@signalwire-effect/swml"
 * import * as Effect from "effect/Effect"
 * import * as Schema from "effect/Schema"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.tool({
 *   name: "get_weather",
 *   description: "Current weather for a city",
 *   parameters: Schema.Struct({ city: Schema.String.annotations({ description: "City name" }) }),
 *   handler: ({ city }) => Effect.succeed(FunctionResult.make(`Tell the caller it is sunny in ${city}`))
 * }))
 * ```
 * @since 0.1.0
 */
export const tool = <A, I, E, R2>(
  definition: ToolOptions & {
    readonly name: string
    readonly description: string
    readonly parameters: SwaigFunction.SwaigFunction<A, I>["parameters"]
    readonly handler: (args: A, call: ToolCall) => Effect.Effect<FunctionResult.FunctionResult, E, R2>
  }
) =>
<R>(self: AgentBase<R>): AgentBase<R | R2> => {
  const { handler, secure, ...fn } = definition
  return update(self, {
    tools: [...self.tools, internal.toolEntry(SwaigFunction.make(fn), secure ?? true, handler)]
  }) as AgentBase<R | R2>
}

/**
 * Add a tool from a `SwaigFunction` definition and a handler.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { FunctionResult } from "@signalwire-effect/swml"
 * import type { SwaigFunction } from "@signalwire-effect/swml"
 * import * as Effect from "effect/Effect"
 *
 * declare const agent: AgentBase.AgentBase<never>
 * declare const lookupOrder: SwaigFunction.SwaigFunction<{ readonly order: string }, { readonly order: string }>
 *
 * agent.pipe(AgentBase.addTool(lookupOrder, ({ order }) => Effect.succeed(FunctionResult.make(`${order} has shipped`)), { secure: false }))
 * ```
 * @since 0.1.0
 */
export const addTool = <A, I, E, R2>(
  fn: SwaigFunction.SwaigFunction<A, I>,
  handler: (args: A, call: ToolCall) => Effect.Effect<FunctionResult.FunctionResult, E, R2>,
  options?: { readonly secure?: boolean }
) =>
<R>(self: AgentBase<R>): AgentBase<R | R2> =>
  update(self, { tools: [...self.tools, internal.toolEntry(fn, options?.secure ?? true, handler)] }) as AgentBase<R | R2>

/**
 * Expose the agent's tools as an MCP server at `<route>/mcp` (JSON-RPC 2.0, protocol
 * 2025-06-18: `initialize`, `tools/list`, `tools/call`, `ping`), behind the agent's Basic auth.
 * MCP clients hold no per-call token, so secure tools are callable there by anyone with the
 * credentials.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.enableMcp)
 * ```
 * @since 0.1.0
 */
export const enableMcp = <R>(self: AgentBase<R>): AgentBase<R> => update(self, { mcp: true })

/**
 * The call flow around the `ai` verb: verbs before answering, whether to answer, recording,
 * verbs after answering and after the AI ends.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { Verb } from "@signalwire-effect/swml"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.callFlow({ record: { format: "mp3", stereo: true }, postAi: [Verb.hangup()] }))
 * ```
 * @since 0.1.0
 */
export const callFlow = (flow: {
  readonly preAnswer?: ReadonlyArray<Swml.Instruction>
  readonly autoAnswer?: boolean
  readonly record?: Swml.Verbs["record_call"]
  readonly postAnswer?: ReadonlyArray<Swml.Instruction>
  readonly postAi?: ReadonlyArray<Swml.Instruction>
}) =>
<R>(self: AgentBase<R>): AgentBase<R> =>
  update(self, {
    preAnswer: flow.preAnswer ?? self.preAnswer,
    autoAnswer: flow.autoAnswer ?? self.autoAnswer,
    record: flow.record === undefined ? self.record : Option.some(flow.record),
    postAnswer: flow.postAnswer ?? self.postAnswer,
    postAi: flow.postAi ?? self.postAi
  })

/**
 * The document for one call, as served (tool URLs carry credentials and, for secure tools, tokens).
 *
 * @example
 * ```ts
 * import { AgentBase, ToolToken } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * const doc = Effect.gen(function*() {
 *   const secret = yield* ToolToken.randomSecret
 *   return yield* AgentBase.render(agent, { baseUrl: "https://u:p@agent.example.com/support", callId: "c-1", secret })
 * })
 * ```
 * @since 0.1.0
 */
export const render = <R>(
  self: AgentBase<R>,
  options: { readonly baseUrl: string; readonly callId?: string | undefined; readonly secret: ToolToken.Secret }
): Effect.Effect<Swml.Document, InvalidAgent> =>
  internal.render(self, { baseUrl: options.baseUrl, callId: options.callId, secret: options.secret })

/**
 * The tool names of an agent.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * AgentBase.toolNames(agent) // ["get_weather"]
 * ```
 * @since 0.1.0
 */
export const toolNames = <R>(self: AgentBase<R>): ReadonlyArray<string> => self.tools.map((t) => t.name)

/**
 * Add query parameters to every webhook URL of the document (the SWAIG default and per-tool URLs,
 * the post-prompt and debug URLs), e.g. to tell the tool calls of one tenant apart. They come
 * back in `request.query` of the dynamic hook on tool calls.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.swaigQueryParams({ tenant: "acme" }))
 * ```
 * @since 0.1.0
 */
export const swaigQueryParams = (params: { readonly [key: string]: string }) => <R>(self: AgentBase<R>): AgentBase<R> =>
  update(self, { swaigQuery: { ...self.swaigQuery, ...params } })

/**
 * Serve `POST <route>/post_prompt_override` (Basic auth): a body `{"post_prompt": "…"}` replaces
 * the post-prompt of every document rendered afterwards by this server (it is process state, not
 * per call).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.enablePostPromptOverride)
 * ```
 * @since 0.1.0
 */
export const enablePostPromptOverride = <R>(self: AgentBase<R>): AgentBase<R> => update(self, { postPromptOverride: true })

/**
 * What `<route>/check_for_input` answers for a conversation.
 *
 * @example
 * ```ts
 * import type { AgentBase } from "@signalwire-effect/agents"
 *
 * const nothing: AgentBase.InputCheck = { newInput: false, messages: [] }
 * ```
 * @since 0.1.0
 */
export type InputCheck = internal.InputCheck

export { checkForInput, debugEvents, dynamic, onDebugEvent, onSummary, routingCallback } from "./internal/agentHooks.js"
export { addPreparedSkill, addSkill, hasSkill, removeSkill, type SkillParams, skillsOf } from "./internal/agentSkills.js"
