/**
 * The configuration half of the facade's `AgentBase`: prompt (text or POM sections), contexts, AI
 * settings (hints, languages, pronunciations, params, global data, native functions, fillers,
 * includes, MCP servers, debug events) and the call flow around the `ai` verb. Every method
 * changes the mutable configuration that `AgentBase` turns into an Effect agent per request.
 *
 * @since 0.1.0
 */
import { Pom } from "@signalwire-effect/swml"
import type { Ai } from "@signalwire-effect/swml"
import { ContextBuilder } from "../ContextBuilder.js"
import type { LanguageConfig } from "../AgentOptions.js"
import * as C from "./agentConfig.js"

/**
 * The prompt, contexts, AI settings and call flow of an agent: the base class of `AgentBase`
 * (use `AgentBase`; this class is not exported from the package root).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/sdk"
 *
 * const agent = new AgentBase({ name: "weather", route: "/weather" })
 * agent.promptAddSection("Role", { body: "You are a weather assistant." }).addHints(["forecast"])
 * ```
 * @since 0.1.0
 */
export abstract class AgentSettings {
  protected config: C.Config = C.emptyConfig()
  protected mcpServerEnabled = false

  // ── Prompt ──────────────────────────────────────────────────────────
  /** The raw prompt (wins over POM sections). */
  setPromptText(text: string): this {
    this.config.promptText = text
    return this
  }

  setPostPrompt(text: string): this {
    this.config.postPrompt = text
    return this
  }

  promptAddSection(
    title: string,
    opts?: { body?: string; bullets?: Array<string>; numbered?: boolean; numberedBullets?: boolean; subsections?: Array<{ title: string; body?: string; bullets?: Array<string> }> }
  ): this {
    const { subsections, ...rest } = opts ?? {}
    this.config.pom = Pom.addSection(this.config.pom, title, {
      ...rest,
      ...(subsections === undefined ? {} : { subsections: subsections.map((s) => Pom.section(s.title, s)) })
    })
    return this
  }

  promptAddToSection(title: string, opts?: { body?: string; bullet?: string; bullets?: Array<string> }): this {
    const bullets = [...(opts?.bullet === undefined ? [] : [opts.bullet]), ...(opts?.bullets ?? [])]
    this.config.pom = Pom.addToSection(this.config.pom, title, { ...(opts?.body === undefined ? {} : { body: opts.body }), bullets })
    return this
  }

  promptAddSubsection(parentTitle: string, title: string, opts?: { body?: string; bullets?: Array<string> }): this {
    this.config.pom = Pom.addSubsection(this.config.pom, parentTitle, title, opts)
    return this
  }

  promptHasSection(title: string): boolean {
    return Pom.hasSection(this.config.pom, title)
  }

  /** The prompt text, else the POM as Markdown. */
  getPrompt(): string {
    return this.config.promptText ?? Pom.toMarkdown(this.config.pom)
  }

  getPromptPom(): Array<Record<string, unknown>> | null {
    const sections = Pom.toSections(this.config.pom)
    return sections.length === 0 ? null : sections.map((s) => ({ ...s }))
  }

  setPromptPom(pom: Array<Record<string, unknown>>): this {
    this.config.pom = Pom.fromWire(pom as unknown as Parameters<typeof Pom.fromWire>[0])
    return this
  }

  getPostPrompt(): string | null {
    return this.config.postPrompt ?? null
  }

  setPromptLlmParams(params: Record<string, unknown>): this {
    Object.assign(this.config.promptLlm, params)
    return this
  }

  setPostPromptLlmParams(params: Record<string, unknown>): this {
    Object.assign(this.config.postPromptLlm, params)
    return this
  }

  // ── Contexts ────────────────────────────────────────────────────────
  /** The agent's contexts (a new builder unless one is given); sent as `prompt.contexts`. */
  defineContexts(contexts?: ContextBuilder): ContextBuilder {
    this.config.contexts = contexts ?? new ContextBuilder()
    return this.config.contexts
  }

  resetContexts(): this {
    this.config.contexts?.reset()
    return this
  }

  getContexts(): Record<string, unknown> | null {
    return this.config.contexts === undefined || this.config.contexts.isEmpty ? null : { ...this.config.contexts.toDict() }
  }

  // ── AI configuration ────────────────────────────────────────────────
  addHint(hint: string): this {
    this.config.hints.push(hint)
    return this
  }

  addHints(hints: Array<string>): this {
    this.config.hints.push(...hints)
    return this
  }

  addPatternHint(opts: { hint: string; pattern: string; replace: string; ignoreCase?: boolean }): this {
    const { ignoreCase, ...rest } = opts
    this.config.hints.push({ ...rest, ...(ignoreCase === undefined ? {} : { ignore_case: ignoreCase }) })
    return this
  }

  addLanguage(config: LanguageConfig): this {
    const model = config.model ?? config.speechModel
    const language = {
      name: config.name,
      code: config.code,
      voice: config.voice ?? "",
      ...(config.engine === undefined ? {} : { engine: config.engine }),
      ...(model === undefined ? {} : { model }),
      ...(config.fillers === undefined ? {} : { fillers: config.fillers }),
      ...(config.speechFillers === undefined ? {} : { speech_fillers: config.speechFillers }),
      ...(config.functionFillers === undefined ? {} : { function_fillers: config.functionFillers }),
      ...(config.params === undefined ? {} : { params: config.params })
    }
    this.config.languages.push(language as Ai.Language)
    return this
  }

  setLanguages(languages: Array<LanguageConfig>): this {
    this.config.languages = []
    for (const language of languages) this.addLanguage(language)
    return this
  }

  addPronunciation(rule: { replace: string; with: string; ignoreCase?: boolean }): this {
    this.config.pronounce.push({ replace: rule.replace, with: rule.with, ...(rule.ignoreCase === undefined ? {} : { ignore_case: rule.ignoreCase }) })
    return this
  }

  setPronunciations(rules: Array<{ replace: string; with: string; ignoreCase?: boolean }>): this {
    this.config.pronounce = []
    for (const rule of rules) this.addPronunciation(rule)
    return this
  }

  setParam(key: string, value: unknown): this {
    this.config.params[key] = value
    return this
  }

  /** Merged into `params`. */
  setParams(params: Record<string, unknown>): this {
    Object.assign(this.config.params, params)
    return this
  }

  /** Merged into `global_data` (as the reference: existing keys are kept). */
  setGlobalData(data: Record<string, unknown>): this {
    Object.assign(this.config.globalData, data)
    return this
  }

  updateGlobalData(data: Record<string, unknown>): this {
    return this.setGlobalData(data)
  }

  setNativeFunctions(funcs: Array<string>): this {
    this.config.nativeFunctions = [...funcs]
    return this
  }

  setInternalFillers(internalFillers: Record<string, Record<string, Array<string>>>): this {
    this.config.internalFillers = { ...internalFillers }
    return this
  }

  addInternalFiller(functionName: string, languageCode: string, fillers: Array<string>): this {
    this.config.internalFillers[functionName] = { ...this.config.internalFillers[functionName], [languageCode]: fillers }
    return this
  }

  addFunctionInclude(url: string, functions: Array<string>, metaData?: Record<string, unknown>): this {
    this.config.includes.push({ url, functions, ...(metaData === undefined ? {} : { meta_data: metaData }) })
    return this
  }

  setFunctionIncludes(includes: Array<{ url: string; functions: Array<string>; meta_data?: Record<string, unknown> }>): this {
    this.config.includes = [...includes]
    return this
  }

  addMcpServer(url: string, opts?: { headers?: Record<string, string>; resources?: boolean; resourceVars?: Record<string, string> }): this {
    this.config.mcpServers.push({
      url,
      ...(opts?.headers === undefined ? {} : { headers: opts.headers }),
      ...(opts?.resources === undefined ? {} : { resources: opts.resources }),
      ...(opts?.resourceVars === undefined ? {} : { resource_vars: opts.resourceVars })
    })
    return this
  }

  /** Expose the tools at `<route>/mcp` (behind Basic auth; fixed when serving starts). */
  enableMcpServer(): this {
    this.mcpServerEnabled = true
    return this
  }

  isMcpServerEnabled(): boolean {
    return this.mcpServerEnabled
  }

  /** `params.debug_webhook_url` = `<route>/debug_events`, handled by {@link onDebugEvent}. */
  enableDebugEvents(level: 1 | 2 = 1): this {
    this.config.debugLevel = level
    return this
  }

  // ── Call flow ───────────────────────────────────────────────────────
  addPreAnswerVerb(verbName: string, config: unknown): this {
    this.config.preAnswer.push({ [verbName]: config } as C.Config["preAnswer"][number])
    return this
  }

  addAnswerVerb(config: Record<string, unknown> = {}): this {
    this.config.answer = config
    return this
  }

  addPostAnswerVerb(verbName: string, config: unknown): this {
    this.config.postAnswer.push({ [verbName]: config } as C.Config["postAnswer"][number])
    return this
  }

  addPostAiVerb(verbName: string, config: unknown): this {
    this.config.postAi.push({ [verbName]: config } as C.Config["postAi"][number])
    return this
  }

  clearPreAnswerVerbs(): this {
    this.config.preAnswer = []
    return this
  }

  clearPostAnswerVerbs(): this {
    this.config.postAnswer = []
    return this
  }

  clearPostAiVerbs(): this {
    this.config.postAi = []
    return this
  }
}
