import { describe, expect, it } from "@effect/vitest"
import { AgentBase } from "@signalwire-effect/agents"
import { FunctionResult, type Swml } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
import { only } from "./fixtures/entries.js"
import { basicAuth } from "./fixtures/agents.js"


const documentWith = (server: { readonly [key: string]: unknown }): Swml.Document => ({
  version: "1.0.0",
  sections: { main: [{ ai: { prompt: { text: "You help with orders." }, SWAIG: { mcp_servers: [server] } } }] }
} as unknown as Swml.Document)

/** An agent exposing its tools over MCP (behind its Basic auth). */
const orders = AgentBase.make({ name: "orders", route: "/orders", basicAuth, prompt: "unused" }).pipe(
  AgentBase.tool({
    name: "order_status",
    description: "Look up an order",
    parameters: Schema.Struct({ order: Schema.String }),
    handler: ({ order }) => Effect.succeed(FunctionResult.make(`Order ${order} has shipped.`))
  }),
  AgentBase.enableMcp
)

interface Seen {
  readonly method: string
  readonly headers: IncomingMessage["headers"]
}

/** A hand-made MCP server: session ids, answers as event streams, `tools/list` in two pages. */
const eventStreamServer = Effect.acquireRelease(
  Effect.async<{ readonly url: string; readonly seen: Array<Seen>; readonly close: () => void }>((resume) => {
    const seen: Array<Seen> = []
    const server = createServer((req, res) => {
      let body = ""
      req.on("data", (chunk) => (body += chunk))
      req.on("end", () => {
        const message = JSON.parse(body) as { id?: number; method: string; params?: { cursor?: string; name?: string; arguments?: { q?: string } } }
        seen.push({ method: message.method, headers: req.headers })
        if (message.id === undefined) {
          res.writeHead(202).end()
          return
        }
        const result = message.method === "initialize"
          ? { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "kb", version: "1" } }
          : message.method === "tools/list"
          ? message.params?.cursor === undefined
            ? { tools: [{ name: "search_kb", description: "Search the knowledge base", inputSchema: { type: "object", properties: { q: { type: "string" } } } }], nextCursor: "p2" }
            : { tools: [{ name: "broken_tool", description: "Always fails" }] }
          : message.params?.name === "search_kb"
          ? { content: [{ type: "text", text: `Found 3 articles about ${message.params.arguments?.q ?? ""}.` }] }
          : { content: [{ type: "text", text: "The tool failed." }], isError: true }
        res.writeHead(200, { "content-type": "text/event-stream", "mcp-session-id": "sess-42" })
        res.end(`event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", id: message.id, result })}\n\n`)
      })
    })
    server.listen(0, "127.0.0.1", () =>
      resume(Effect.succeed({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, seen, close: () => server.close() })))
  }),
  (server) => Effect.sync(server.close)
)

describe("SWAIG.mcp_servers", () => {
  it.scoped("an agent's MCP endpoint: its tools discovered at the start of the session, a tools/call answered, the text said", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([orders])
      const authorization = `Basic ${Buffer.from("acme:s3cret-pw").toString("base64")}`
      const result = yield* AgentTest.runCall({
        swml: documentWith({ url: `${served.origin}/orders/mcp`, headers: { Authorization: authorization } }),
        script: AiScript.make([
          AiScript.says("Where is A-17?"),
          AiScript.callsTool("order_status", { order: "A-17" }),
          AiScript.expectSaid("Order A-17 has shipped."),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(only(result.entries, "McpDiscovered")).toMatchObject([{ url: `${served.origin}/orders/mcp`, tools: ["order_status"] }])
      expect(only(result.entries, "McpCalled")).toMatchObject([
        { function: "order_status", args: { order: "A-17" }, result: "Order A-17 has shipped.", isError: false }
      ])
      expect(only(result.entries, "AiStarted")[0]!.functions).toEqual(["order_status"])
    }))

  it.scoped("event-stream answers, the session id and protocol version sent back, tools/list pages followed, an error result recorded", () =>
    Effect.gen(function*() {
      const server = yield* eventStreamServer
      const result = yield* AgentTest.runCall({
        swml: documentWith({ url: server.url, headers: { "X-Api-Key": "kb-key" } }),
        script: AiScript.make([
          AiScript.callsTool("search_kb", { q: "refunds" }),
          AiScript.expectSaid("Found 3 articles about refunds."),
          AiScript.callsTool("broken_tool"),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(only(result.entries, "McpDiscovered")[0]!.tools).toEqual(["search_kb", "broken_tool"])
      expect(only(result.entries, "McpCalled").map((c) => [c.function, c.isError])).toEqual([["search_kb", false], ["broken_tool", true]])
      expect(server.seen.map((s) => s.method)).toEqual(["initialize", "notifications/initialized", "tools/list", "tools/list", "tools/call", "tools/call"])
      expect(server.seen[0]!.headers["mcp-session-id"]).toBeUndefined()
      for (const later of server.seen.slice(1)) {
        expect(later.headers["mcp-session-id"]).toBe("sess-42")
        expect(later.headers["mcp-protocol-version"]).toBe("2025-06-18")
        expect(later.headers["x-api-key"]).toBe("kb-key")
        expect(later.headers["accept"]).toContain("text/event-stream")
      }
    }))

  it.scoped("an MCP server that refuses: no tools, the call goes on, and calling one of its tools ends it", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([orders])
      const result = yield* AgentTest.runCall({
        swml: documentWith({ url: `${served.origin}/orders/mcp` }),
        script: AiScript.make([AiScript.says("Hi"), AiScript.callsTool("order_status", { order: "A-1" })])
      })
      expect(only(result.entries, "McpDiscovered")).toMatchObject([{ tools: [], error: "the Basic-auth credentials were refused" }])
      expect(only(result.entries, "AiFailure")[0]).toMatchObject({ reason: "undeclared_function", function: "order_status" })
    }))
})
