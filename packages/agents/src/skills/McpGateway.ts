/**
 * The `mcp_gateway` skill: the tools of MCP servers run by an MCP gateway, as SWAIG tools. When
 * the skill is added it checks the gateway (`GET /health`), lists its services (or takes
 * `services`) and their tools, and registers one tool `<tool_prefix><service>_<tool>` per MCP
 * tool, its arguments from the tool's input schema. A call runs in the caller's gateway session
 * (`global_data.mcp_call_id`, else the call id), retried on 5xx and transport failures; the
 * skill's `hangup_hook` (the function the platform runs when the call ends) closes the session.
 * SignalWire's SDKs name it `_mcp_gateway_hangup` and flag it `is_hangup_hook`, a field the SWML
 * schema does not allow; an agent with its own `hangup_hook` gets a tool clash when adding it.
 *
 * Credentials: `auth_token` (Bearer) or `auth_user` + `auth_password` (Basic), from the parameters
 * or `MCP_GATEWAY_AUTH_TOKEN` / `MCP_GATEWAY_AUTH_USER` / `MCP_GATEWAY_AUTH_PASSWORD`; none is a
 * `ConfigError` when the skill is added. Discovery at add time uses the platform's `fetch`; tool
 * calls use the `HttpClient` the agent is served with.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Mcp from "../internal/skills/mcpGatewayClient.js"
import * as Skill from "../Skill.js"
import { SkillError } from "../SkillError.js"
import * as SkillHttp from "../SkillHttp.js"

const Service = Schema.Struct({
  name: Schema.String,
  tools: Schema.optionalWith(Schema.Union(Schema.Literal("*"), Schema.Array(Schema.String)), { default: () => "*" as const })
})

/**
 * The parameters of `mcp_gateway`.
 *
 * @example
 * ```ts
 * import * as McpGateway from "@signalwire-effect/agents/skills/McpGateway"
 *
 * const params: typeof McpGateway.Parameters.Encoded = {
 *   gateway_url: "https://mcp.example.com",
 *   services: [{ name: "todo", tools: ["add_todo", "list_todos"] }]
 * }
 * ```
 * @since 0.1.0
 */
export const Parameters = Schema.Struct({
  gateway_url: Schema.String.annotations({ description: "URL of the MCP gateway" }),
  auth_token: Schema.optional(Schema.Redacted(Schema.String)).annotations({
    description: "Bearer token (else MCP_GATEWAY_AUTH_TOKEN; alternative to Basic auth)"
  }),
  auth_user: Schema.optional(Schema.String).annotations({ description: "Basic auth user (else MCP_GATEWAY_AUTH_USER)" }),
  auth_password: Schema.optional(Schema.Redacted(Schema.String)).annotations({
    description: "Basic auth password (else MCP_GATEWAY_AUTH_PASSWORD)"
  }),
  services: Schema.optionalWith(Schema.Array(Service), { default: () => [] }).annotations({
    description: "Services to expose, each with '*' or a list of tool names (none: every service)"
  }),
  session_timeout: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { default: () => 300 }).annotations({
    description: "Session timeout the gateway applies, in seconds"
  }),
  tool_prefix: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_]*$/)), { default: () => "mcp_" }),
  retry_attempts: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 10)), { default: () => 3 }).annotations({
    description: "Attempts per tool call (5xx and transport failures are retried)"
  }),
  request_timeout: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 30 }).annotations({
    description: "Timeout of one request to the gateway, in seconds"
  }),
  verify_ssl: Schema.optionalWith(Schema.Boolean, { default: () => true }).annotations({
    description: "Verify the gateway's TLS certificate (false is not supported)"
  })
})

type Params = typeof Parameters.Type

const problem = (message: string) => new SkillError({ skill: "mcp_gateway", reason: "setup", message: `mcp_gateway: ${message}` })

/** Parameters first, then the environment; neither: a ConfigError naming the variables. */
const authOf = (params: Params) =>
  Effect.gen(function*() {
    if (params.auth_token !== undefined) return { _tag: "Bearer", token: params.auth_token } as const
    const token = yield* Config.option(Config.redacted("MCP_GATEWAY_AUTH_TOKEN"))
    if (Option.isSome(token)) return { _tag: "Bearer", token: token.value } as const
    const user = params.auth_user ?? (yield* Config.string("MCP_GATEWAY_AUTH_USER"))
    const password = params.auth_password ?? (yield* Config.redacted("MCP_GATEWAY_AUTH_PASSWORD"))
    return { _tag: "Basic", user, password } as const
  })

/** A field of a tool's arguments built at run time (no services needed to decode it). */
type Field = Schema.Schema.AnyNoContext | Schema.PropertySignature<"?:", any, PropertyKey, "?:", any, boolean, never>

const primitives = new Set(["string", "number", "integer", "boolean"])

/** A SWAIG argument for one MCP input property: primitive types checked, the rest passed through. */
const argumentOf = (property: typeof Mcp.McpProperty.Type): Schema.Schema.AnyNoContext => {
  const annotations = property.description === undefined ? {} : { description: property.description }
  const literals = property.enum?.filter((v): v is string | number => typeof v === "string" || typeof v === "number")
  if (literals !== undefined && literals.length > 0 && literals.length === property.enum?.length) {
    return Schema.Literal(...literals).annotations(annotations)
  }
  switch (property.type) {
    case "string":
      return Schema.String.annotations(annotations)
    case "number":
      return Schema.Number.annotations(annotations)
    case "integer":
      return Schema.Int.annotations(annotations)
    case "boolean":
      return Schema.Boolean.annotations(annotations)
    default: {
      // Passed through undecoded (the gateway checks them); described as the platform accepts:
      // arrays with typed items (string unless the tool says a primitive type), objects, else text.
      const items = typeof property.items === "object" && property.items !== null ? (property.items as { type?: unknown }).type : undefined
      const shape = property.type === "array"
        ? { type: "array", items: { type: typeof items === "string" && primitives.has(items) ? items : "string" } }
        : property.type === "object"
        ? { type: "object", properties: {} }
        : { type: "string" }
      return Schema.Unknown.annotations({ ...annotations, jsonSchema: { ...shape, ...annotations } })
    }
  }
}

const parametersOf = (tool: Mcp.McpTool) => {
  const required = new Set(tool.inputSchema?.required ?? [])
  const fields: Record<string, Field> = {}
  for (const [name, property] of Object.entries(tool.inputSchema?.properties ?? {})) {
    const schema = argumentOf(property)
    fields[name] = required.has(name) ? schema : Schema.optional(schema)
  }
  return Schema.Struct(fields)
}

/** The caller's gateway session: `global_data.mcp_call_id`, else the call id. */
const sessionOf = (call: { readonly globalData: { readonly [k: string]: unknown } | undefined; readonly callId: string | undefined }) => {
  const fromData = call.globalData?.["mcp_call_id"]
  return typeof fromData === "string" && fromData.length > 0 ? fromData : call.callId ?? "unknown"
}

/**
 * The `mcp_gateway` skill (single instance). Its tools need an `HttpClient`.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { McpGateway } from "@signalwire-effect/agents/skills/McpGateway"
 *
 * const agent = AgentBase.make({ name: "ops", route: "/ops", prompt: "You manage the todo list." }).pipe(
 *   AgentBase.addSkill(McpGateway, { gateway_url: "https://mcp.example.com", services: [{ name: "todo" }] })
 * )
 * ```
 * @since 0.1.0
 */
export const McpGateway: Skill.Skill<Params, HttpClient.HttpClient> = Skill.make({
  name: "mcp_gateway",
  description: "Bridge MCP servers with SWAIG functions",
  parameters: Parameters,
  setup: (params, context) =>
    Effect.gen(function*() {
      if (!params.verify_ssl) return yield* problem("verify_ssl: false is not supported (the gateway's certificate is always verified)")
      const auth = yield* authOf(params)
      const url = yield* SkillHttp.validateUrl(params.gateway_url).pipe(
        Effect.mapError((e) => problem(`gateway_url refused: ${e.message}`))
      )
      const gateway: Mcp.Gateway = {
        url: url.toString().replace(/\/+$/, ""),
        auth,
        requestTimeout: `${params.request_timeout} seconds`,
        retryAttempts: params.retry_attempts
      }
      const discovered = yield* Effect.gen(function*() {
        yield* Mcp.health(gateway)
        const services = params.services.length > 0
          ? params.services
          : (yield* Mcp.listServices(gateway)).map((name) => ({ name, tools: "*" as const }))
        const found: Array<{ readonly service: string; readonly tool: Mcp.McpTool }> = []
        for (const service of services) {
          const tools = yield* Mcp.listTools(gateway, service.name).pipe(
            Effect.tapError((e) => Effect.logWarning(`mcp_gateway: no tools from ${service.name}`, e.detail)),
            Effect.orElseSucceed((): ReadonlyArray<Mcp.McpTool> => [])
          )
          for (const tool of tools) {
            if (service.tools === "*" || service.tools.includes(tool.name)) found.push({ service: service.name, tool })
          }
        }
        return { services, found }
      }).pipe(
        // Added at startup, before any request scope: discovery uses the platform's fetch.
        Effect.provide(FetchHttpClient.layer),
        Effect.mapError((e) => problem(`the gateway is not available (${e.detail})`))
      )
      const tools = discovered.found.map(({ service, tool }) =>
        Skill.tool({
          // SWAIG names are identifiers: other characters (an MCP name's dashes) become `_`.
          name: `${params.tool_prefix}${service}_${tool.name}`.replace(/[^A-Za-z0-9_]/g, "_"),
          description: `[${service}] ${tool.description ?? tool.name}`,
          parameters: parametersOf(tool),
          handler: (args, call) =>
            Mcp.callTool(gateway, service, tool.name, args, {
              sessionId: sessionOf(call),
              sessionTimeout: params.session_timeout,
              metadata: { agent_id: context.agent, timestamp: call.body["timestamp"], call_id: call.callId }
            }).pipe(
              Effect.map((text) => FunctionResult.make(text)),
              Effect.catchAll((e) =>
                Effect.logWarning(`mcp_gateway: ${service}.${tool.name} failed`, e.detail).pipe(
                  Effect.as(FunctionResult.make(`Failed to call ${service}.${tool.name}: ${e.detail}`))
                )
              )
            )
        })
      )
      // `hangup_hook` is the function the platform runs when the call ends (a reserved name of
      // the SWML schema, which has no field marking another function as the hook).
      const hangup = Skill.tool({
        name: "hangup_hook",
        description: "Internal cleanup function for MCP sessions",
        parameters: Schema.Struct({}),
        handler: (_args, call) =>
          Mcp.closeSession(gateway, sessionOf(call)).pipe(
            Effect.catchAll((e) => Effect.logWarning("mcp_gateway: session cleanup failed", e.detail)),
            Effect.as(FunctionResult.make("Session cleanup complete"))
          )
      })
      const names = discovered.services.map((s) => s.name)
      return {
        tools: [...tools, hangup],
        hints: ["MCP", "gateway", ...names],
        globalData: { mcp_gateway_url: gateway.url, mcp_session_id: null, mcp_services: names },
        promptSections: names.length === 0 ? [] : [{
          title: "MCP Gateway Integration",
          body: "You have access to external MCP (Model Context Protocol) services through a gateway.",
          bullets: [
            `Available services: ${
              discovered.services.map((s) => (s.tools === "*" ? `${s.name} (all tools)` : `${s.name} (${s.tools.length} tools)`)).join(", ")
            }`,
            `Functions are prefixed with '${params.tool_prefix}' followed by the service name`,
            "Each service keeps its own session state throughout the call"
          ],
          subsections: []
        }]
      }
    })
})
