/**
 * The option and callback types of `AgentBase`.
 *
 * @since 0.1.0
 */
import type { AgentBase } from "./AgentBase.js"
import type * as C from "./internal/agentConfig.js"

/**
 * Options of `new AgentBase(…)`.
 *
 * @example
 * ```ts
 * import type { AgentOptions } from "@signalwire-effect/sdk"
 *
 * const options: AgentOptions = { name: "support", route: "/support", basicAuth: ["user", "pass"], port: 3000 }
 * ```
 * @since 0.1.0
 */
export interface AgentOptions {
  name: string
  /** Default `/` (trailing slashes dropped). */
  route?: string
  /** Default `0.0.0.0`. */
  host?: string
  /** Default `PORT`, else 3000; 0 picks a free port (read `agent.port` after `serve()`). */
  port?: number
  /** `[user, password]`; else `SWML_BASIC_AUTH_USER`/`_PASSWORD`; else generated. */
  basicAuth?: [string, string]
  autoAnswer?: boolean
  recordCall?: boolean
  recordFormat?: string
  recordStereo?: boolean
  nativeFunctions?: Array<string>
  /** Tool-token lifetime (default 3600 s). */
  tokenExpirySecs?: number
  /** Serve `<route>/post_prompt_override`. */
  enablePostPromptOverride?: boolean
  /** Serve `<route>/check_for_input` (answered by {@link AgentBase.onCheckForInput}). */
  checkForInputOverride?: boolean
  /** Replaces the default `<route>/swaig` webhook URL. */
  defaultWebhookUrl?: string
  agentId?: string
  /** How long `stop()` lets requests in flight finish (default 10 000 ms). */
  shutdownTimeoutMs?: number
  /**
   * A JSON or YAML settings file (`ConfigLoader`): `service.route`, `service.host`,
   * `service.port` and `security.basicAuth` apply where the options and the environment
   * (`PORT`, `SWML_BASIC_AUTH_*`) leave them unset; a bad file throws.
   */
  configFile?: string | Array<string>
}

/**
 * The per-request configuration callback: mutate `agent` (an ephemeral copy), never `this`.
 *
 * @example
 * ```ts
 * import type { DynamicConfigCallback } from "@signalwire-effect/sdk"
 *
 * const perCall: DynamicConfigCallback = (query, body, headers, agent) => {
 *   if (query["tier"] === "gold") agent.setGlobalData({ tier: "gold" })
 * }
 * ```
 * @since 0.1.0
 */
export type DynamicConfigCallback = (
  queryParams: Record<string, string>,
  bodyParams: Record<string, unknown>,
  headers: Record<string, string>,
  agent: AgentBase
) => void | Promise<void>

/**
 * A tool as `defineTool` takes it: `parameters` is a JSON Schema object (or just its
 * `properties`), `handler(args, rawData)` returns a `FunctionResult`, an object with `response`,
 * or a string (or a Promise of one).
 *
 * @example
 * ```ts
 * import { FunctionResult, type ToolDefinition } from "@signalwire-effect/sdk"
 *
 * const tool: ToolDefinition = {
 *   name: "get_time",
 *   description: "The current time",
 *   parameters: { type: "object", properties: {} },
 *   handler: () => new FunctionResult(`It is ${new Date().toISOString()}`)
 * }
 * ```
 * @since 0.1.0
 */
export type ToolDefinition = C.ToolDefinition

/**
 * A language as `addLanguage` takes it.
 *
 * @example
 * ```ts
 * import type { LanguageConfig } from "@signalwire-effect/sdk"
 *
 * const english: LanguageConfig = { name: "English", code: "en-US", voice: "inworld.Mark" }
 * ```
 * @since 0.1.0
 */
export interface LanguageConfig {
  name: string
  code: string
  voice?: string
  engine?: string
  model?: string
  /** Alias of `model` (the reference's TS name). */
  speechModel?: string
  fillers?: Array<string>
  speechFillers?: Array<string>
  functionFillers?: Array<string>
  params?: Record<string, unknown>
}
