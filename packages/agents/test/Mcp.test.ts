import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgentBase } from "../src/index.js"
import { OrdersLive, support } from "./fixtures/agents.js"
import { request, serveAll } from "./fixtures/server.js"

const rpc = (method: string, params?: unknown, id: number | undefined = 1) => ({
  jsonrpc: "2.0",
  method,
  ...(id === undefined ? {} : { id }),
  ...(params === undefined ? {} : { params })
})

describe("MCP endpoint", () => {
  it.scopedLive("initialize, tools/list, tools/call, ping, errors; behind Basic auth", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([support.pipe(AgentBase.enableMcp)], OrdersLive)
      const url = `${origin}/support/mcp`
      expect((yield* request(url, { body: rpc("initialize"), auth: false })).status).toBe(401)
      const init = yield* request(url, { body: rpc("initialize", { protocolVersion: "2025-06-18" }) })
      expect(init.body).toEqual({
        jsonrpc: "2.0",
        id: 1,
        result: { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "support", version: "1.0.0" } }
      })
      expect((yield* request(url, { body: rpc("notifications/initialized", undefined, undefined) })).status).toBe(202)
      const list = yield* request(url, { body: rpc("tools/list") })
      const tools = (list.body as { result: { tools: Array<{ name: string; inputSchema: unknown }> } }).result.tools
      expect(tools.map((t) => t.name)).toEqual(["get_weather", "order_status", "pay", "crash", "hang_up"])
      expect(tools[0]!.inputSchema).toMatchObject({ type: "object", required: ["city"] })
      const call = yield* request(url, { body: rpc("tools/call", { name: "order_status", arguments: { order: "A-17" } }) })
      expect((call.body as { result: unknown }).result).toEqual({ content: [{ type: "text", text: "Order A-17 is shipped" }], isError: false })
      const bad = yield* request(url, { body: rpc("tools/call", { name: "get_weather", arguments: { city: 1 } }) })
      expect((bad.body as { result: { isError: boolean } }).result.isError).toBe(true)
      const failed = yield* request(url, { body: rpc("tools/call", { name: "pay", arguments: {} }) })
      expect(failed.text).not.toContain("db-password")
      expect((failed.body as { result: { isError: boolean } }).result.isError).toBe(true)
      expect((yield* request(url, { body: rpc("tools/call", { name: "nope" }) })).body).toMatchObject({ error: { code: -32602 } })
      expect((yield* request(url, { body: rpc("ping") })).body).toEqual({ jsonrpc: "2.0", id: 1, result: {} })
      expect((yield* request(url, { body: rpc("resources/list") })).body).toMatchObject({ error: { code: -32601 } })
      expect((yield* request(url, { body: "{oops" })).body).toMatchObject({ error: { code: -32700 } })
      expect((yield* request(url, { body: { jsonrpc: "1.0", id: 3, method: "ping" } })).body).toMatchObject({ id: 3, error: { code: -32600 } })
    }))

  it.scopedLive("absent unless enabled", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([support], OrdersLive)
      expect((yield* request(`${origin}/support/mcp`, { body: rpc("ping") })).status).toBe(404)
    }))
})
