import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgentBase } from "../../src/index.js"
import { McpGateway } from "../../src/skills/McpGateway.js"
import { base, fieldsOf, served, withConfig } from "../fixtures/knowledge.js"
import { type Received, loopbackApi } from "../fixtures/loopbackApi.js"
import { aiOf, functionsOf, live } from "../fixtures/skills.js"

const todoTools = {
  tools: [
    {
      name: "add_todo",
      description: "Add a todo item",
      inputSchema: {
        properties: {
          text: { type: "string", description: "The item" },
          priority: { type: "string", enum: ["low", "high"], default: "low" },
          due: { type: "integer" },
          labels: { type: "array", description: "Labels" }
        },
        required: ["text"]
      }
    },
    { name: "list_todos", description: "List the items", inputSchema: { properties: {} } },
    { name: "clear_todos", description: "Remove every item" }
  ]
}

/** A fake gateway: services todo and calc; `fail` makes todo calls answer 503; `hang` never answers calls. */
const gateway = (mode: { fail: number; hang: boolean }) =>
  loopbackApi((r: Received) => {
    if (r.path === "/health") return { json: { status: "healthy" } }
    if (r.path === "/services") return { json: { todo: { description: "Todos" }, calc: { description: "Math" } } }
    if (r.path === "/services/todo/tools") return { json: todoTools }
    if (r.path === "/services/calc/tools") return { json: { tools: [{ name: "add-numbers", inputSchema: { properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] } }] } }
    if (r.path === "/services/todo/call") {
      if (mode.hang) return "hang"
      if (mode.fail > 0) {
        mode.fail--
        return { status: 503, json: { error: "service restarting" } }
      }
      const body = r.json as { tool: string; arguments: { text?: string } }
      return body.tool === "add_todo" ? { json: { result: `Added ${body.arguments.text}` } } : { json: { result: { items: [] } } }
    }
    if (r.path === "/services/calc/call") return { status: 400, json: { error: "Unknown tool" } }
    if (r.method === "DELETE" && r.path.startsWith("/sessions/")) return { json: { status: "closed" } }
    return { status: 404, json: { error: "not found" } }
  })

const allow = withConfig({ SWML_ALLOW_PRIVATE_URLS: "true", MCP_GATEWAY_AUTH_TOKEN: "tok-123" })

describe("mcp_gateway", () => {
  it.scopedLive("discovers every service's tools when added; calls run in the caller's session; the hangup hook closes it", () =>
    Effect.gen(function*() {
      const mode = { fail: 0, hang: false }
      const api = yield* gateway(mode)
      const agent = yield* base().pipe(AgentBase.addSkill(McpGateway, { gateway_url: `${api.origin}/` }), allow)
      const { call, document } = yield* live(agent, served())
      const doc = yield* document()
      const fns = functionsOf(doc)
      expect(fns.map((f) => f["function"])).toEqual([
        "mcp_todo_add_todo",
        "mcp_todo_list_todos",
        "mcp_todo_clear_todos",
        "mcp_calc_add_numbers",
        "hangup_hook"
      ])
      const add = fns[0]!
      expect(add["description"]).toBe("[todo] Add a todo item")
      expect(add["parameters"]["required"]).toEqual(["text"])
      expect(add["parameters"]["properties"]["priority"]["enum"]).toEqual(["low", "high"])
      expect(add["parameters"]["properties"]["labels"]).toMatchObject({ type: "array", description: "Labels" })
      const ai = aiOf(doc)
      expect(ai["global_data"]).toMatchObject({ mcp_services: ["todo", "calc"], mcp_session_id: null })
      expect(ai["hints"]).toEqual(["MCP", "gateway", "todo", "calc"])
      expect(api.received.every((r) => r.headers.authorization === "Bearer tok-123")).toBe(true)

      const added = yield* call("mcp_todo_add_todo", { text: "milk", labels: ["shop"] }, { call_id: "call-9" })
      expect(added.body["response"]).toBe("Added milk")
      const sent = api.received.find((r) => r.path === "/services/todo/call")!
      expect(sent.json).toMatchObject({
        tool: "add_todo",
        arguments: { text: "milk", labels: ["shop"] },
        session_id: "call-9",
        timeout: 300,
        metadata: { agent_id: "desk", call_id: "call-9" }
      })
      const listed = yield* call("mcp_todo_list_todos", {}, { call_id: "call-9", global_data: { mcp_call_id: "shared-session" } })
      expect(listed.body["response"]).toBe("{\"items\":[]}")
      expect((api.received.at(-1)!.json as { session_id: string }).session_id).toBe("shared-session")

      const refused = yield* call("mcp_calc_add_numbers", { a: 1, b: 2 })
      expect(refused.body["response"]).toBe("Failed to call calc.add-numbers: Unknown tool")
      expect(api.received.at(-1)!.json).toMatchObject({ tool: "add-numbers", arguments: { a: 1, b: 2 } })
      expect(api.received.filter((r) => r.path === "/services/calc/call")).toHaveLength(1)

      const closed = yield* call("hangup_hook", {}, { call_id: "call-9" })
      expect(closed.body["response"]).toBe("Session cleanup complete")
      expect(api.received.at(-1)).toMatchObject({ method: "DELETE", path: "/sessions/call-9" })
    }))

  it.scopedLive("services and tools filter; 5xx retried up to retry_attempts; a gateway that never answers times out", () =>
    Effect.gen(function*() {
      const mode = { fail: 2, hang: false }
      const api = yield* gateway(mode)
      const agent = yield* base().pipe(
        AgentBase.addSkill(McpGateway, {
          gateway_url: api.origin,
          auth_user: "admin",
          auth_password: "pw",
          services: [{ name: "todo", tools: ["add_todo"] }],
          tool_prefix: "gw_",
          retry_attempts: 3,
          session_timeout: 60
        }),
        withConfig({ SWML_ALLOW_PRIVATE_URLS: "true" })
      )
      expect(api.received.some((r) => r.path === "/services")).toBe(false)
      const { call, document } = yield* live(agent, served())
      expect(functionsOf(yield* document()).map((f) => f["function"])).toEqual(["gw_todo_add_todo", "hangup_hook"])
      const retried = yield* call("gw_todo_add_todo", { text: "eggs" })
      expect(retried.body["response"]).toBe("Added eggs")
      expect(api.received.filter((r) => r.path === "/services/todo/call")).toHaveLength(3)
      expect(api.received[0]!.headers.authorization).toBe(`Basic ${Buffer.from("admin:pw").toString("base64")}`)
      mode.fail = 5
      const down = yield* call("gw_todo_add_todo", { text: "eggs" })
      expect(down.body["response"]).toBe("Failed to call todo.add_todo: service restarting")
      mode.hang = true
      const impatient = yield* base().pipe(
        AgentBase.addSkill(McpGateway, { gateway_url: api.origin, auth_token: "t", services: [{ name: "todo" }], retry_attempts: 2, request_timeout: 0.2 }),
        withConfig({ SWML_ALLOW_PRIVATE_URLS: "true" })
      )
      const slow = yield* Effect.flatMap(live(impatient, served()), (l) => l.call("mcp_todo_add_todo", { text: "eggs" }))
      expect(slow.body["response"]).toMatch(/^Failed to call todo\.add_todo: POST \/services\/todo\/call: no answer within/)
      expect(api.received.filter((r) => r.path === "/services/todo/call" && r.headers.authorization === "Bearer t")).toHaveLength(2)
    }))

  it.scopedLive("no credentials is a ConfigError; an unreachable or private gateway is a SkillError when added", () =>
    Effect.gen(function*() {
      const api = yield* gateway({ fail: 0, hang: false })
      const add = (params: Record<string, unknown>) => base().pipe(AgentBase.addSkill(McpGateway, params))
      const noAuth = yield* Effect.flip(add({ gateway_url: api.origin }).pipe(withConfig({ SWML_ALLOW_PRIVATE_URLS: "true" })))
      expect(noAuth._tag).toBe("ConfigError")
      expect(String(noAuth)).toContain("MCP_GATEWAY_AUTH_USER")
      const fromEnv = yield* add({ gateway_url: api.origin }).pipe(
        withConfig({ SWML_ALLOW_PRIVATE_URLS: "true", MCP_GATEWAY_AUTH_USER: "u", MCP_GATEWAY_AUTH_PASSWORD: "p" })
      )
      expect(fromEnv.tools.length).toBe(5)
      const privateUrl = yield* Effect.flip(add({ gateway_url: api.origin, auth_token: "t" }).pipe(withConfig({})))
      expect(fieldsOf(privateUrl)).toMatchObject({ _tag: "SkillError", reason: "setup" })
      expect(privateUrl.message).toContain("gateway_url refused")
      const closed = yield* Effect.flip(add({ gateway_url: "http://127.0.0.1:9", auth_token: "t" }).pipe(allow))
      expect(fieldsOf(closed)).toMatchObject({ _tag: "SkillError", reason: "setup" })
      expect(closed.message).toContain("the gateway is not available")
      const noSsl = yield* Effect.flip(add({ gateway_url: api.origin, auth_token: "t", verify_ssl: false }).pipe(allow))
      expect(noSsl.message).toContain("verify_ssl")
    }))
})
