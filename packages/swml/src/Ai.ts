/**
 * The `ai` verb: a voice agent run by SignalWire (speech recognition, the model, text to speech).
 * Its configuration is a plain value; the functions here build it step by step and are dual.
 *
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import type { SwaigFunction } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * declare const definition: SwaigFunction.Definition
 *
 * const agent = pipe(
 *   Ai.make("You are a friendly receptionist for Acme."),
 *   Ai.withParams({ end_of_speech_timeout: 600, ai_model: "gpt-4.1-mini" }),
 *   Ai.addLanguage({ name: "English", code: "en-US", voice: "inworld.Mark" }),
 *   Ai.withDefaultWebhook("https://agent.example.com/swaig"),
 *   Ai.addFunction(definition),
 *   Ai.toInstruction
 * )
 * ```
 *
 * @since 0.1.0
 */
import { dual } from "effect/Function"
import type * as A from "./internal/ai.js"
import type { Instruction, SwaigFunctionDefinition, Verbs } from "./internal/document.js"
import * as Pom from "./Pom.js"

/**
 * The whole `ai` configuration.
 *
 * @example
 * ```ts
 * import type { Ai } from "@signalwire-effect/swml"
 *
 * const config: Ai.Config = { prompt: { text: "You are helpful." }, params: { wait_for_user: true } }
 * ```
 * @since 0.1.0
 */
export type Config = Verbs["ai"]

/**
 * `ai.params` (99 documented keys, typed; other keys pass through).
 *
 * @example
 * ```ts
 * import type { Ai } from "@signalwire-effect/swml"
 *
 * const params: Ai.Params = { attention_timeout: 15000, local_tz: "Europe/Paris" }
 * ```
 * @since 0.1.0
 */
export type Params = NonNullable<Config["params"]>

/**
 * A language the agent speaks and listens in.
 *
 * @example
 * ```ts
 * import type { Ai } from "@signalwire-effect/swml"
 *
 * const french: Ai.Language = { name: "French", code: "fr-FR", voice: "gcloud.fr-FR-Neural2-A", speech_fillers: ["Un instant"] }
 * ```
 * @since 0.1.0
 */
export type Language = typeof A.Language.Type

/**
 * A recognition hint: a word, or a pattern rewrite.
 *
 * @example
 * ```ts
 * import type { Ai } from "@signalwire-effect/swml"
 *
 * const hint: Ai.Hint = { hint: "SignalWire", pattern: "signal wire", replace: "SignalWire", ignore_case: true }
 * ```
 * @since 0.1.0
 */
export type Hint = typeof A.Hint.Type

/**
 * A pronunciation rule for text to speech.
 *
 * @example
 * ```ts
 * import type { Ai } from "@signalwire-effect/swml"
 *
 * const rule: Ai.Pronounce = { replace: "SQL", with: "sequel" }
 * ```
 * @since 0.1.0
 */
export type Pronounce = typeof A.Pronounce.Type

/**
 * The LLM knobs of `prompt` and `post_prompt`.
 *
 * @example
 * ```ts
 * import type { Ai } from "@signalwire-effect/swml"
 *
 * const llm: Ai.Llm = { temperature: 0.4, top_p: 0.9, max_tokens: 300 }
 * ```
 * @since 0.1.0
 */
export type Llm = Partial<Pick<typeof A.PostPrompt.Type, keyof typeof A.llmFields>>

/**
 * An MCP server SignalWire asks for tools at session start.
 *
 * @example
 * ```ts
 * import type { Ai } from "@signalwire-effect/swml"
 *
 * const server: Ai.McpServer = { url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer t" } }
 * ```
 * @since 0.1.0
 */
export type McpServer = typeof A.McpServer.Type

/**
 * Remote functions SignalWire fetches and calls directly.
 *
 * @example
 * ```ts
 * import type { Ai } from "@signalwire-effect/swml"
 *
 * const include: Ai.Include = { url: "https://tools.example.com/swaig", functions: ["lookup_order"] }
 * ```
 * @since 0.1.0
 */
export type Include = typeof A.Include.Type

/**
 * A built-in function the model may call.
 *
 * @example
 * ```ts
 * import type { Ai } from "@signalwire-effect/swml"
 *
 * const native: Ai.NativeFunction = "check_time"
 * ```
 * @since 0.1.0
 */
export type NativeFunction = typeof A.NativeFunction.Type

const promptOf = (prompt: string | Pom.Pom, llm: Llm = {}): Config["prompt"] => {
  if (typeof prompt === "string") return { ...llm, text: prompt }
  const [first, ...rest] = Pom.toSections(prompt)
  return first === undefined ? { ...llm, text: "" } : { ...llm, pom: [first, ...rest] }
}

/**
 * A configuration from a prompt: text, or a POM (sent as `prompt.pom`).
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 *
 * Ai.make("You are a helpful assistant.", { temperature: 0.3 })
 * ```
 * @since 0.1.0
 */
export const make = (prompt: string | Pom.Pom, llm?: Llm): Config => ({ prompt: promptOf(prompt, llm) })

const merge = <K extends keyof Config>(self: Config, key: K, value: Config[K]): Config => ({ ...self, [key]: value })

/**
 * Set the end-of-call summary instructions (and where SignalWire posts the summary).
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.withPostPrompt("Summarise the call as JSON", "https://agent.example.com/post_prompt"))
 * ```
 * @since 0.1.0
 */
export const withPostPrompt: {
  (prompt: string | Pom.Pom, url?: string): (self: Config) => Config
  (self: Config, prompt: string | Pom.Pom, url?: string): Config
} = dual((args) => typeof args[0] === "object" && args[0] !== null && "prompt" in args[0], (
  self: Config,
  prompt: string | Pom.Pom,
  url?: string
) => ({ ...self, post_prompt: promptOf(prompt), ...(url === undefined ? {} : { post_prompt_url: url }) }))

/**
 * Merge LLM knobs into `prompt`.
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.withLlm({ temperature: 0.2 }))
 * ```
 * @since 0.1.0
 */
export const withLlm: {
  (llm: Llm): (self: Config) => Config
  (self: Config, llm: Llm): Config
} = dual(2, (self: Config, llm: Llm): Config => merge(self, "prompt", { ...self.prompt, ...llm }))

/**
 * Merge `params`.
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.withParams({ wait_for_user: true, static_greeting: "Hello!" }))
 * ```
 * @since 0.1.0
 */
export const withParams: {
  (params: Params): (self: Config) => Config
  (self: Config, params: Params): Config
} = dual(2, (self: Config, params: Params): Config => merge(self, "params", { ...self.params, ...params }))

/**
 * Merge `global_data` (visible to the prompt as `${global_data.key}` and sent with each tool call).
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.withGlobalData({ customer: "Ada" }))
 * ```
 * @since 0.1.0
 */
export const withGlobalData: {
  (data: { readonly [key: string]: unknown }): (self: Config) => Config
  (self: Config, data: { readonly [key: string]: unknown }): Config
} = dual(2, (self: Config, data: { readonly [key: string]: unknown }): Config =>
  merge(self, "global_data", { ...self.global_data, ...data }))

/**
 * Add a language.
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.addLanguage({ name: "English", code: "en-US", voice: "inworld.Mark" }))
 * ```
 * @since 0.1.0
 */
export const addLanguage: {
  (language: Language): (self: Config) => Config
  (self: Config, language: Language): Config
} = dual(2, (self: Config, language: Language): Config => merge(self, "languages", [...(self.languages ?? []), language]))

/**
 * Add recognition hints.
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.addHints(["Acme", "SignalWire"]))
 * ```
 * @since 0.1.0
 */
export const addHints: {
  (hints: ReadonlyArray<Hint>): (self: Config) => Config
  (self: Config, hints: ReadonlyArray<Hint>): Config
} = dual(2, (self: Config, hints: ReadonlyArray<Hint>): Config => merge(self, "hints", [...(self.hints ?? []), ...hints]))

/**
 * Add a pronunciation rule.
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.addPronunciation({ replace: "API", with: "A P I" }))
 * ```
 * @since 0.1.0
 */
export const addPronunciation: {
  (rule: Pronounce): (self: Config) => Config
  (self: Config, rule: Pronounce): Config
} = dual(2, (self: Config, rule: Pronounce): Config => merge(self, "pronounce", [...(self.pronounce ?? []), rule]))

/**
 * Set the steps workflow, under `prompt.contexts`.
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("You are a bank agent."), Ai.withContexts({ default: { steps: [{ name: "greet", text: "Greet" }] } }))
 * ```
 * @since 0.1.0
 */
export const withContexts: {
  (contexts: typeof A.Contexts.Type): (self: Config) => Config
  (self: Config, contexts: typeof A.Contexts.Type): Config
} = dual(2, (self: Config, contexts: typeof A.Contexts.Type): Config => merge(self, "prompt", { ...self.prompt, contexts }))

const swaig = (self: Config, update: (current: NonNullable<Config["SWAIG"]>) => NonNullable<Config["SWAIG"]>): Config =>
  merge(self, "SWAIG", update(self.SWAIG ?? {}))

/**
 * Add a tool definition (from `SwaigFunction.toDefinition` or `DataMap.toDefinition`).
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.addFunction({ function: "transfer_to_sales", description: "Transfer the caller to sales" }))
 * ```
 * @since 0.1.0
 */
export const addFunction: {
  (definition: SwaigFunctionDefinition): (self: Config) => Config
  (self: Config, definition: SwaigFunctionDefinition): Config
} = dual(2, (self: Config, definition: SwaigFunctionDefinition): Config =>
  swaig(self, (s) => ({ ...s, functions: [...(s.functions ?? []), definition] })))

/**
 * The webhook tools use unless they name their own (`SWAIG.defaults.web_hook_url`).
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.withDefaultWebhook("https://user:pass@agent.example.com/swaig"))
 * ```
 * @since 0.1.0
 */
export const withDefaultWebhook: {
  (url: string): (self: Config) => Config
  (self: Config, url: string): Config
} = dual(2, (self: Config, url: string): Config => swaig(self, (s) => ({ ...s, defaults: { web_hook_url: url } })))

/**
 * Let the model call built-in functions.
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.addNativeFunctions(["check_time", "wait_seconds"]))
 * ```
 * @since 0.1.0
 */
export const addNativeFunctions: {
  (names: ReadonlyArray<NativeFunction>): (self: Config) => Config
  (self: Config, names: ReadonlyArray<NativeFunction>): Config
} = dual(2, (self: Config, names: ReadonlyArray<NativeFunction>): Config =>
  swaig(self, (s) => ({ ...s, native_functions: [...(s.native_functions ?? []), ...names] })))

/**
 * Add remote functions SignalWire fetches from a URL.
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.addInclude({ url: "https://tools.example.com/swaig", functions: ["lookup"] }))
 * ```
 * @since 0.1.0
 */
export const addInclude: {
  (include: Include): (self: Config) => Config
  (self: Config, include: Include): Config
} = dual(2, (self: Config, include: Include): Config =>
  swaig(self, (s) => ({ ...s, includes: [...(s.includes ?? []), include] })))

/**
 * Add an MCP server (`SWAIG.mcp_servers`).
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.addMcpServer({ url: "https://mcp.example.com/mcp", resources: true }))
 * ```
 * @since 0.1.0
 */
export const addMcpServer: {
  (server: McpServer): (self: Config) => Config
  (self: Config, server: McpServer): Config
} = dual(2, (self: Config, server: McpServer): Config =>
  swaig(self, (s) => ({ ...s, mcp_servers: [...(s.mcp_servers ?? []), server] })))

/**
 * Fillers the platform says while its internal functions run, per function and language.
 *
 * @example
 * ```ts
 * import { Ai } from "@signalwire-effect/swml"
 * import { pipe } from "effect/Function"
 *
 * pipe(Ai.make("Help"), Ai.withInternalFillers({ next_step: { "en-US": ["Moving on"] } }))
 * ```
 * @since 0.1.0
 */
export const withInternalFillers: {
  (fillers: typeof A.InternalFillers.Type): (self: Config) => Config
  (self: Config, fillers: typeof A.InternalFillers.Type): Config
} = dual(2, (self: Config, fillers: typeof A.InternalFillers.Type): Config =>
  swaig(self, (s) => ({ ...s, internal_fillers: { ...s.internal_fillers, ...fillers } })))

/**
 * The instruction `{ ai: config }`.
 *
 * @example
 * ```ts
 * import { Ai, SwmlBuilder, Verb } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.make().pipe(SwmlBuilder.add(Verb.answer(), Ai.toInstruction(Ai.make("Help"))))
 * ```
 * @since 0.1.0
 */
export const toInstruction = (self: Config): Instruction => ({ ai: self })
