/**
 * `SWAIG.mcp_servers`: at the start of the session the platform opens an MCP session with each
 * server (JSON-RPC 2.0 over HTTP POST: `initialize`, `notifications/initialized`, `tools/list`
 * page by page, with the entry's `headers` and the server's `Mcp-Session-Id` once given) and
 * offers the AI every tool listed; a call is a `tools/call`, and the text of its content is the
 * function's result. Replies may be JSON or an event stream.
 */
import type { Ai, SwaigFunction } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import type { EngineContext, JsonObject } from "./context.js"
import { redactUrl } from "./http.js"

type McpServerDef = NonNullable<NonNullable<Ai.Config["SWAIG"]>["mcp_servers"]>[number]

/** An MCP session the AI can call tools through. */
export interface McpSession {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  /** The JSON-RPC ids of one server's exchange: 1, 2, 3… (shared by the session's requests). */
  readonly requests: { sent: number }
}

/** One discovered tool: where it lives and its definition as the AI sees it. */
export interface McpTool {
  readonly session: McpSession
  readonly definition: SwaigFunction.Definition
}

const PROTOCOL_VERSION = "2025-06-18"
/** Most `tools/list` pages read from one server (a server that pages forever is cut there). */
const MAX_PAGES = 20

const obj = (u: unknown): JsonObject | undefined =>
  typeof u === "object" && u !== null && !Array.isArray(u) ? u as JsonObject : undefined

type Rpc = { readonly _tag: "Result"; readonly value: JsonObject } | { readonly _tag: "Error"; readonly detail: string }

const rpc = (ctx: EngineContext, session: McpSession, method: string, params: JsonObject) =>
  Effect.map(
    ctx.post("mcp", session.url, { jsonrpc: "2.0", id: ++session.requests.sent, method, params }, session.headers),
    (posted): Rpc & { readonly sessionId?: string | undefined } => {
      if (posted._tag === "Failed") return { _tag: "Error", detail: posted.detail }
      const message = obj(posted.json)
      const error = obj(message?.["error"])
      if (error !== undefined) return { _tag: "Error", detail: `${method}: ${String(error["message"] ?? "error")} (${String(error["code"] ?? "")})` }
      const value = obj(message?.["result"])
      if (value === undefined) return { _tag: "Error", detail: `${method}: the answer has no result` }
      return { _tag: "Result", value, sessionId: posted.headers?.["mcp-session-id"] }
    }
  )

const headersOf = (server: McpServerDef): Record<string, string> => ({
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": PROTOCOL_VERSION,
  ...server.headers
})

const definitionOf = (tool: JsonObject): SwaigFunction.Definition | undefined => {
  const name = tool["name"]
  if (typeof name !== "string" || name === "") return undefined
  const schema = obj(tool["inputSchema"])
  return {
    function: name,
    description: typeof tool["description"] === "string" ? tool["description"] : name,
    parameters: (schema ?? { type: "object", properties: {} }) as NonNullable<SwaigFunction.Definition["parameters"]>
  }
}

const discover = (server: McpServerDef, ctx: EngineContext) =>
  Effect.gen(function*() {
    const shown = redactUrl(server.url)
    const failed = (error: string) =>
      Effect.as(ctx.append({ _tag: "McpDiscovered", url: shown, tools: [], error }), [] as ReadonlyArray<McpTool>)
    const opening: McpSession = { url: server.url, headers: headersOf(server), requests: { sent: 0 } }
    const init = yield* rpc(ctx, opening, "initialize", {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: "signalwire-effect-sandbox", version: "0.1.0" }
    })
    if (init._tag === "Error") return yield* failed(init.detail)
    const session: McpSession = init.sessionId === undefined
      ? opening
      : { ...opening, headers: { ...opening.headers, "mcp-session-id": init.sessionId } }
    // A notification: no id, answered 202 with no body (anything else is ignored, as by the platform).
    yield* ctx.post("mcp", server.url, { jsonrpc: "2.0", method: "notifications/initialized" }, session.headers)
    const tools: Array<McpTool> = []
    let cursor: string | undefined = undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const listed: Rpc = yield* rpc(ctx, session, "tools/list", cursor === undefined ? {} : { cursor })
      if (listed._tag === "Error") return yield* failed(listed.detail)
      const found = Array.isArray(listed.value["tools"]) ? listed.value["tools"] : []
      for (const tool of found) {
        const definition = definitionOf(obj(tool) ?? {})
        if (definition !== undefined) tools.push({ session, definition })
      }
      const next: unknown = listed.value["nextCursor"]
      if (typeof next !== "string" || next === "") break
      cursor = next
    }
    yield* ctx.append({ _tag: "McpDiscovered", url: shown, tools: tools.map((t) => t.definition.function) })
    return tools
  })

/** Every MCP server's tools, one server after the other (in the document's order). */
export const discoverMcp = (ai: Ai.Config, ctx: EngineContext): Effect.Effect<ReadonlyArray<McpTool>> =>
  Effect.map(Effect.forEach(ai.SWAIG?.mcp_servers ?? [], (server) => discover(server, ctx)), (lists) => lists.flat())

/** `tools/call`: the text of the result's content, or why there is none. */
export const callMcp = (ctx: EngineContext, tool: McpTool, args: JsonObject) =>
  Effect.map(rpc(ctx, tool.session, "tools/call", { name: tool.definition.function, arguments: args }), (answer) => {
    if (answer._tag === "Error") return { ok: false, text: answer.detail } as const
    const content = Array.isArray(answer.value["content"]) ? answer.value["content"] : []
    const text = content.map((c) => obj(c)).filter((c) => c?.["type"] === "text").map((c) => String(c?.["text"] ?? "")).join("\n")
    return { ok: answer.value["isError"] !== true, text } as const
  })
