/**
 * The agent's tools as an MCP server (JSON-RPC 2.0 over HTTP POST, protocol 2025-06-18) at
 * `<route>/mcp`, behind the agent's Basic auth (the reference SDKs leave it open).
 */
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { AgentState } from "./agent.js"
import { type Incoming, json, type Outgoing } from "./http.js"
import { traced } from "./tracing.js"

type Body = { readonly [key: string]: unknown }
type Id = string | number | null

const protocolVersion = "2025-06-18"

const result = (id: Id, value: unknown): Outgoing => json(200, { jsonrpc: "2.0", id, result: value })
const error = (id: Id, code: number, message: string): Outgoing =>
  json(200, { jsonrpc: "2.0", id, error: { code, message } })

const obj = (u: unknown): Body | undefined =>
  typeof u === "object" && u !== null && !Array.isArray(u) ? u as Body : undefined

const textOf = (reply: FunctionResult.Reply): string =>
  reply.response === undefined ? "" : typeof reply.response === "string" ? reply.response : JSON.stringify(reply.response)

export const mcp = (agent: AgentState) => (incoming: Incoming): Effect.Effect<Outgoing> =>
  Effect.gen(function*() {
    const parsed = Either.try(() => JSON.parse(incoming.body) as unknown)
    if (Either.isLeft(parsed)) return error(null, -32700, "Parse error")
    const message = obj(parsed.right)
    const rawId = message?.["id"]
    const id: Id = typeof rawId === "string" || typeof rawId === "number" ? rawId : null
    if (message === undefined || message["jsonrpc"] !== "2.0" || typeof message["method"] !== "string") {
      return error(id, -32600, "Invalid Request")
    }
    const params = obj(message["params"]) ?? {}
    switch (message["method"]) {
      case "initialize":
        return result(id, {
          protocolVersion,
          capabilities: { tools: {} },
          serverInfo: { name: agent.name, version: "1.0.0" }
        })
      case "notifications/initialized":
        return json(202, {})
      case "ping":
        return result(id, {})
      case "tools/list": {
        const tools = agent.tools.flatMap((tool) =>
          Either.isRight(tool.definition)
            ? [{
              name: tool.name,
              description: tool.definition.right.description ?? "",
              inputSchema: tool.definition.right.parameters ?? { type: "object", properties: {} }
            }]
            : []
        )
        return result(id, { tools })
      }
      case "tools/call": {
        const name = params["name"]
        const tool = agent.tools.find((t) => t.name === name)
        if (tool === undefined) return error(id, -32602, `Unknown tool: ${String(name)}`)
        const outcome = yield* Effect.either(tool.run(obj(params["arguments"]) ?? {}, {
          function: tool.name,
          callId: undefined,
          aiSessionId: undefined,
          conversationType: undefined,
          globalData: undefined,
          metaData: undefined,
          body: params
        }))
        if (Either.isRight(outcome)) {
          return result(id, { content: [{ type: "text", text: textOf(FunctionResult.toJson(outcome.right)) }], isError: false })
        }
        if (outcome.left._tag === "SwaigArgumentError") {
          return result(id, { content: [{ type: "text", text: `Invalid arguments: ${outcome.left.message}` }], isError: true })
        }
        yield* Effect.logError("MCP tool call failed", outcome.left.error).pipe(Effect.annotateLogs({ function: tool.name }))
        return result(id, { content: [{ type: "text", text: "The tool failed." }], isError: true })
      }
      default:
        return error(id, -32601, `Method not found: ${message["method"]}`)
    }
  }).pipe(
    traced("AgentBase.mcp"),
    Effect.catchAllCause((cause) => Effect.as(Effect.logError("MCP request failed", cause), json(500, { error: "internal error" })))
  )
