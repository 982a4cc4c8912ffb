/**
 * mcp_gateway in a scripted sandbox call: the tools discovered on a loopback gateway are in the
 * agent's SWML as the platform takes it, a call's tool runs in the call's gateway session, and
 * the session is closed (the skill's hangup_hook) when the call ends.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import { AgentBase } from "@signalwire-effect/agents"
import { McpGateway } from "@signalwire-effect/agents/skills/McpGateway"
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { stub } from "./fixtures/stub.js"

describe("mcp_gateway in the sandbox", () => {
  it.scoped("a scripted call uses a tool of an MCP service through the gateway, in the call's session", () =>
    Effect.gen(function*() {
      const gateway = yield* stub((r) => {
        if (r.url === "/health") return { json: { status: "healthy" } }
        if (r.url === "/services/todo/tools") {
          return { json: { tools: [{ name: "add_todo", description: "Add an item", inputSchema: { properties: { text: { type: "string" } }, required: ["text"] } }] } }
        }
        if (r.method === "DELETE") return { json: { status: "closed" } }
        if (r.url === "/services/todo/call") return { json: { result: `Added ${(JSON.parse(r.body) as { arguments: { text: string } }).arguments.text}` } }
        return { status: 404, json: { error: "not found" } }
      })
      const config = ConfigProvider.fromMap(new Map([["SWML_ALLOW_PRIVATE_URLS", "true"], ["MCP_GATEWAY_AUTH_TOKEN", "gw-token"]]))
      const result = yield* Effect.gen(function*() {
        const agent = yield* AgentBase.make({
          name: "todo",
          route: "/todo",
          basicAuth: { user: "todo", password: Redacted.make("todo-pass") },
          prompt: "You keep the caller's todo list."
        }).pipe(AgentBase.addSkill(McpGateway, { gateway_url: gateway.origin, services: [{ name: "todo" }] }))
        const served = yield* AgentTest.serve([agent])
        return yield* AgentTest.runCall({
          swmlUrl: served.url("/todo"),
          callId: "call-mcp-1",
          script: AiScript.make([
            AiScript.says("Add milk to my list"),
            AiScript.callsTool("mcp_todo_add_todo", { text: "milk" }),
            AiScript.expectSaid("Added milk")
          ])
        })
      }).pipe(Effect.provide(FetchHttpClient.layer), Effect.withConfigProvider(config))
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      const call = gateway.received.find((r) => r.url === "/services/todo/call")!
      expect(JSON.parse(call.body)).toMatchObject({ tool: "add_todo", arguments: { text: "milk" }, session_id: "call-mcp-1" })
      expect(call.headers.authorization).toBe("Bearer gw-token")
      expect(gateway.received.at(-1)).toMatchObject({ method: "DELETE", url: "/sessions/call-mcp-1" })
      const hooks = result.entries.filter((e) => e._tag === "SwaigRequest" && e.function === "hangup_hook")
      expect(hooks).toHaveLength(1)
    }))
})
