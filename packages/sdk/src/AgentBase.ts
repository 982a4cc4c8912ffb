/**
 * `AgentBase`: SignalWire's AI-agent class (prompt, AI settings, tools, contexts, lifecycle
 * hooks, `serve()` / `run()`), thin over `@signalwire-effect/agents`: the class keeps the
 * reference's mutable configuration and turns it into an Effect agent for every request, served
 * by the Effect server (routes, Basic auth, signatures, tool tokens, graceful shutdown).
 *
 * Deviations from the reference are listed in DIFFERENCES.md #20–#27 (tools are secure by
 * default and their arguments are validated; POM prompts are sent as `prompt.pom`; contexts go in
 * `prompt.contexts`; routing callbacks answer 307; `getApp()` is a web handler; `serve()` resolves
 * once listening and `stop()` drains; `run()` handles SIGINT/SIGTERM).
 *
 * @since 0.1.0
 */
import { randomBytes } from "node:crypto"
import { AgentBase as EAgent, Serverless, Skill as ESkill, ToolToken } from "@signalwire-effect/agents"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { ConfigLoader } from "./ConfigLoader.js"
import type { AgentOptions, DynamicConfigCallback, ToolDefinition } from "./AgentOptions.js"
import * as C from "./internal/agentConfig.js"
import { createTypedHandlerWrapper, inferSchema } from "./TypeInference.js"
import { configOf, SkillBase } from "./SkillBase.js"
import { resolveSkill, run } from "./SkillRegistry.js"
import { AgentSettings } from "./internal/agentSettings.js"
import { type CredentialSource, listen, onSignals, resolveCredentials, resolvePort, type Running, webHandler } from "./internal/serving.js"

const normalizeRoute = (route: string | undefined) => {
  const trimmed = (route ?? "/").trim().replace(/\/+$/, "")
  return trimmed === "" ? "/" : trimmed.startsWith("/") ? trimmed : `/${trimmed}`
}

/**
 * An AI agent served over HTTP: SignalWire fetches its SWML at `route` and calls its tools at
 * `<route>/swaig`.
 *
 * @example
 * ```ts
 * import { AgentBase, FunctionResult } from "@signalwire-effect/sdk"
 *
 * const agent = new AgentBase({ name: "weather", route: "/weather" })
 * agent.promptAddSection("Role", { body: "You are a weather assistant." })
 * agent.defineTool({
 *   name: "get_forecast",
 *   description: "The forecast for a city",
 *   parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
 *   handler: async ({ city }) => new FunctionResult(`Sunny in ${String(city)}`)
 * })
 * await agent.serve({ port: 3000 })
 * ```
 * @since 0.1.0
 */
export class AgentBase extends AgentSettings {
  /** Sections added to the prompt by the constructor (declare them on a subclass). */
  static PROMPT_SECTIONS?: Array<{ title: string; body?: string; bullets?: Array<string>; numbered?: boolean }>

  readonly name: string
  readonly route: string
  host: string
  port: number
  readonly agentId: string
  private readonly credentials: { readonly user: string; readonly password: string; readonly source: CredentialSource }
  private readonly toolSecret = Redacted.make(randomBytes(32).toString("hex"))
  private readonly tokenTtlSeconds: number
  private readonly features: { readonly postPromptOverride: boolean; readonly checkForInput: boolean }
  private readonly shutdownTimeoutMs: number
  private proxyUrl: string | undefined = process.env["SWML_PROXY_URL_BASE"]
  private dynamicCallback: DynamicConfigCallback | undefined
  private routing: Array<{ path: string; callback: (body: Record<string, unknown>) => unknown }> = []
  private running: Running | undefined
  private web: ReturnType<typeof webHandler> | undefined
  private removeSignals: (() => void) | undefined

  constructor(opts: AgentOptions) {
    super()
    const file = opts.configFile === undefined ? undefined : new ConfigLoader(opts.configFile)
    const service = file?.get<Record<string, unknown>>("service", {}) ?? {}
    const text = (value: unknown) => typeof value === "string" && value !== "" ? value : undefined
    this.name = opts.name
    this.route = normalizeRoute(opts.route ?? text(service["route"]))
    this.host = opts.host ?? text(service["host"]) ?? "0.0.0.0"
    this.port = resolvePort(opts.port, service["port"])
    this.agentId = opts.agentId ?? randomBytes(8).toString("hex")
    this.credentials = resolveCredentials(opts.name, opts.basicAuth, file?.get<Record<string, unknown>>("security.basicAuth", {}))
    this.tokenTtlSeconds = opts.tokenExpirySecs ?? 3600
    this.features = { postPromptOverride: opts.enablePostPromptOverride === true, checkForInput: opts.checkForInputOverride === true }
    this.shutdownTimeoutMs = opts.shutdownTimeoutMs ?? 10_000
    this.config.autoAnswer = opts.autoAnswer ?? true
    this.config.recordCall = opts.recordCall ?? false
    this.config.recordFormat = opts.recordFormat ?? "mp4"
    this.config.recordStereo = opts.recordStereo ?? true
    this.config.nativeFunctions = opts.nativeFunctions ?? []
    this.config.webHookUrl = opts.defaultWebhookUrl
    const sections = (this.constructor as typeof AgentBase).PROMPT_SECTIONS ?? []
    for (const section of sections) this.promptAddSection(section.title, section)
  }

  /** Register tools here in a subclass (not called automatically, as in the reference). */
  protected defineTools(): void {}

  // ── Tools ───────────────────────────────────────────────────────────
  /** Add (or replace) a tool; `secure` defaults to true (DIFFERENCES.md #20). */
  defineTool(opts: ToolDefinition): this {
    this.config.tools.set(opts.name, opts)
    return this
  }

  /**
   * Add a tool whose handler takes named parameters (`(city, days = 3) => …`) instead of
   * `(args, rawData)`; without `parameters` they are inferred from the handler (`inferSchema`).
   */
  defineTypedTool(opts: Omit<ToolDefinition, "handler"> & { handler: (...args: Array<any>) => unknown }): this {
    const inferred = inferSchema(opts.handler)
    const handler = inferred === null || inferred.paramNames.length === 0
      ? opts.handler as ToolDefinition["handler"]
      : createTypedHandlerWrapper(opts.handler, inferred.paramNames, inferred.hasRawData)
    const parameters = opts.parameters ?? (inferred === null ? undefined : { type: "object", properties: inferred.parameters, required: inferred.required })
    return this.defineTool({ ...opts, handler, ...(parameters === undefined ? {} : { parameters }) })
  }

  /** Add a definition without a local handler (a DataMap tool, an external webhook). */
  registerSwaigFunction(fn: Record<string, unknown> | { toSwaigFunction(): Record<string, unknown> }): this {
    const definition = typeof fn["toSwaigFunction"] === "function"
      ? (fn as { toSwaigFunction(): Record<string, unknown> }).toSwaigFunction()
      : fn as Record<string, unknown>
    this.config.tools.set(String(definition["function"]), definition)
    return this
  }

  hasFunction(name: string): boolean {
    return this.config.tools.has(name)
  }

  removeFunction(name: string): boolean {
    return this.config.tools.delete(name)
  }

  listToolNames(): Array<string> {
    return [...this.config.tools.keys()]
  }

  // ── Skills ──────────────────────────────────────────────────────────
  /**
   * Add a skill: a registered name (built-in or `registerSkill`), a `SkillBase` class, or an
   * instance (its constructor's configuration is used). Its parameters are validated and its
   * `setup` runs now: the promise rejects with the `SkillError` (bad parameters, a second
   * instance, a tool name taken) or with an Error whose `cause` is the `ConfigError` (a required
   * environment variable missing). DIFFERENCES.md #40.
   */
  async addSkill(skill: string | SkillBase | typeof SkillBase, params?: Record<string, unknown>): Promise<this> {
    const config = skill instanceof SkillBase ? { ...configOf(skill), ...params } : params
    const current = this.effectAgent(this, this.route)
    const prepared = await run(Effect.gen(function*() {
      const found = yield* resolveSkill(skill)
      // The instance rules and tool names are checked against the agent as it is now.
      const prepared = yield* ESkill.prepare(found, config, current.name)
      yield* EAgent.addPreparedSkill(prepared)(current)
      return prepared
    }))
    this.config.skills.push(prepared)
    return this
  }

  /** The reference's name for `addSkill(name, params)`. */
  addSkillByName(name: string, params?: Record<string, unknown>): Promise<this> {
    return this.addSkill(name, params)
  }

  /** Remove a skill instance by its key (`<skill>` or `<skill>_<tool_name>`); false when there is none. */
  async removeSkill(instanceKey: string): Promise<boolean> {
    const before = this.config.skills.length
    this.config.skills = this.config.skills.filter((p) => p.key !== instanceKey)
    return this.config.skills.length !== before
  }

  /** The skill instances: name (of the skill), instance key, initialized (always true: setup ran in addSkill). */
  listSkills(): Array<{ name: string; instanceId: string; initialized: boolean }> {
    return this.config.skills.map((p) => ({ name: p.skill, instanceId: p.key, initialized: true }))
  }

  /** Whether a skill of this name (or this instance key) is on the agent. */
  hasSkill(nameOrKey: string): boolean {
    return this.config.skills.some((p) => p.skill === nameOrKey || p.key === nameOrKey)
  }

  // ── Per-request configuration and URLs ──────────────────────────────
  setDynamicConfigCallback(cb: DynamicConfigCallback): this {
    this.dynamicCallback = cb
    return this
  }

  addSwaigQueryParams(params: Record<string, string>): this {
    Object.assign(this.config.swaigQuery, params)
    return this
  }

  clearSwaigQueryParams(): this {
    this.config.swaigQuery = {}
    return this
  }

  /** The public base URL SignalWire uses (default `SWML_PROXY_URL_BASE`, else the request's host). */
  manualSetProxyUrl(url: string): this {
    this.proxyUrl = url.replace(/\/+$/, "")
    return this
  }

  setWebHookUrl(url: string): this {
    this.config.webHookUrl = url
    return this
  }

  setPostPromptUrl(url: string): this {
    this.config.postPromptUrl = url
    return this
  }

  /** A routing callback at `<route><path>`: return a route to redirect there (307), or nothing. */
  registerRoutingCallback(callback: (body: Record<string, unknown>) => string | null | undefined | Promise<string | null | undefined>, path = "/sip"): this {
    this.routing.push({ path: path.startsWith("/") ? path : `/${path}`, callback })
    return this
  }

  // ── Hooks (override in a subclass) ──────────────────────────────────
  /** The end-of-call summary (`summary`, else `post_prompt_data.parsed[0]`, else its raw text). */
  onSummary(_summary: unknown, _rawData: Record<string, unknown>): void | Promise<void> {}

  onDebugEvent(_event: Record<string, unknown>): void | Promise<void> {}

  /** Before each tool call: return a result to answer in place of the handler. */
  onFunctionCall(_name: string, _args: Record<string, unknown>, _rawData: Record<string, unknown>): unknown {
    return undefined
  }

  /** `<route>/check_for_input` (with `checkForInputOverride`): default no new input, as the Python SDK. */
  onCheckForInput(_conversationId: string): { newInput: boolean; messages: Array<unknown> } | Promise<{ newInput: boolean; messages: Array<unknown> }> {
    return { newInput: false, messages: [] }
  }

  // ── Credentials, URLs, rendering ────────────────────────────────────
  getName(): string {
    return this.name
  }

  getBasicAuthCredentials(includeSource?: false): [string, string]
  getBasicAuthCredentials(includeSource: true): [string, string, CredentialSource]
  getBasicAuthCredentials(includeSource = false): [string, string] | [string, string, CredentialSource] {
    const { password, source, user } = this.credentials
    return includeSource ? [user, password, source] : [user, password]
  }

  /** The agent's URL (the proxy base when known), with the credentials when asked. */
  getFullUrl(includeAuth = false): string {
    const base = this.proxyUrl ?? `http://${this.host === "0.0.0.0" ? "localhost" : this.host}:${this.port}`
    const at = base.indexOf("://")
    const auth = includeAuth ? `${encodeURIComponent(this.credentials.user)}:${encodeURIComponent(this.credentials.password)}@` : ""
    return `${base.slice(0, at + 3)}${auth}${base.slice(at + 3)}${this.route === "/" ? "" : this.route}`
  }

  /** The document for one call, as served at `getFullUrl()` (tool URLs carry tokens for `callId`). */
  renderSwml(callId?: string): string {
    const document = Effect.runSync(EAgent.render(this.effectAgent(this, this.route), {
      baseUrl: this.getFullUrl(true),
      callId,
      secret: ToolToken.secret(this.toolSecret)
    }))
    return JSON.stringify(document)
  }

  private effectAgent(target: AgentBase, route: string): EAgent.AgentBase<never> {
    return C.toEffectAgent(target.name, target.config, {
      name: this.name,
      route,
      user: this.credentials.user,
      password: this.credentials.password,
      toolSecret: this.toolSecret,
      tokenTtlSeconds: this.tokenTtlSeconds,
      proxyUrlBase: this.proxyUrl
    }, {
      intercept: (name, args, raw) => target.onFunctionCall(name, args, raw),
      onSummary: (summary, raw) => target.onSummary(summary, raw),
      onDebugEvent: (event) => target.onDebugEvent(event)
    })
  }

  private ephemeralCopy(): AgentBase {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as AgentBase
    Object.assign(copy, this)
    copy.config = C.copyConfig(this.config)
    return copy
  }

  /**
   * The Effect agent served for this instance at `route` (used by `AgentServer`): configuration is
   * read on every request; the endpoints (MCP, routing callbacks, …) are fixed now.
   */
  toServable(route: string = this.route): EAgent.AgentBase<never> {
    const dynamic = (request: {
      readonly query: Readonly<Record<string, string>>
      readonly body: Readonly<Record<string, unknown>>
      readonly headers: Readonly<Record<string, string>>
    }) =>
      Effect.tryPromise(async () => {
        let target: AgentBase = this
        if (this.dynamicCallback !== undefined) {
          target = this.ephemeralCopy()
          await this.dynamicCallback({ ...request.query }, { ...request.body }, { ...request.headers }, target)
        }
        return this.effectAgent(target, route)
      })
    let agent = EAgent.dynamic((request) => dynamic(request))(this.effectAgent(this, route))
    for (const { callback, path } of this.routing) {
      agent = EAgent.routingCallback(path, (request) =>
        Effect.map(
          Effect.tryPromise(async () => await callback({ ...request.body })),
          (target) => typeof target === "string" && target !== "" ? Option.some(target) : Option.none()
        ))(agent)
    }
    if (this.mcpServerEnabled) agent = EAgent.enableMcp(agent)
    if (this.features.postPromptOverride) agent = EAgent.enablePostPromptOverride(agent)
    if (this.features.checkForInput) {
      agent = EAgent.checkForInput((conversationId) => Effect.tryPromise(async () => await this.onCheckForInput(conversationId)))(agent)
    }
    return agent as EAgent.AgentBase<never>
  }

  // ── Serving ─────────────────────────────────────────────────────────
  /** A web handler (`app.fetch(request)`) serving this agent, for serverless and edge platforms. */
  getApp(): { readonly fetch: (request: Request) => Promise<Response> } {
    this.web ??= webHandler([this.toServable()])
    return this.web
  }

  /** One AWS Lambda invocation (API Gateway REST/HTTP APIs, function URLs). */
  runServerless(event: Serverless.LambdaEvent): Promise<Serverless.LambdaResult> {
    return Serverless.toLambdaHandler(this.getApp().fetch)(event)
  }

  /** Start the HTTP server; resolves once it listens (`port` is then the bound port). */
  async serve(opts?: { host?: string; port?: number }): Promise<void> {
    if (this.running !== undefined) return
    const host = opts?.host ?? this.host
    const port = opts?.port ?? this.port
    this.running = await listen([this.toServable()], { host, port, shutdownTimeout: `${this.shutdownTimeoutMs} millis` })
    this.host = host
    this.port = this.running.port
    console.info(`Agent '${this.name}' running at http://${host}:${this.port}${this.route} (auth user ${this.credentials.user}, ${this.credentials.source} password)`)
  }

  /** `serve()`, plus SIGINT/SIGTERM handlers that `stop()` the server (removed by `stop()`). */
  async run(opts?: { host?: string; port?: number }): Promise<void> {
    await this.serve(opts)
    this.removeSignals ??= onSignals(`Agent '${this.name}'`, () => this.stop())
  }

  /** Stop serving: new requests are refused, requests in flight finish (within `shutdownTimeoutMs`). */
  async stop(): Promise<void> {
    this.removeSignals?.()
    this.removeSignals = undefined
    const running = this.running
    const web = this.web
    this.running = undefined
    this.web = undefined
    await Promise.all([running?.stop(), web?.dispose()])
  }
}
