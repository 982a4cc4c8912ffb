import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { AgentBase } from "../src/index.js"
import { OrdersLive, support } from "./fixtures/agents.js"
import { basicAuth, request, serveAll } from "./fixtures/server.js"

describe("request guards", () => {
  it.scopedLive("host allow-list: other hosts get 403, health included", () =>
    Effect.gen(function*() {
      const allowed = AgentBase.make({ name: "a", route: "/a", basicAuth, prompt: "p", allowedHosts: ["127.0.0.1"] })
      const other = AgentBase.make({ name: "b", route: "/b", basicAuth, prompt: "p", allowedHosts: ["agent.example.com"] })
      const { origin } = yield* serveAll([allowed, other], Layer.empty)
      expect((yield* request(`${origin}/a`)).status).toBe(200)
      expect((yield* request(`${origin}/b`)).status).toBe(403)
      expect((yield* request(`${origin}/b/health`, { auth: false })).status).toBe(403)
    }))

  // Under TestClock: the minute window cannot roll over in the middle of the test.
  it.scoped("rate limit per client per minute: 429 with Retry-After, reset the next minute", () =>
    Effect.gen(function*() {
      const limited = AgentBase.make({ name: "a", route: "/a", basicAuth, prompt: "p", rateLimitPerMinute: 3 })
      const { origin } = yield* serveAll([limited], Layer.empty)
      for (let i = 0; i < 3; i++) expect((yield* request(`${origin}/a`)).status).toBe(200)
      const over = yield* request(`${origin}/a`)
      expect(over.status).toBe(429)
      expect(over.headers.get("retry-after")).toBe("60")
      yield* TestClock.adjust("1 minute")
      expect((yield* request(`${origin}/a`)).status).toBe(200)
    }))

  it.scopedLive("CORS: * by default, else only the listed origins are echoed", () =>
    Effect.gen(function*() {
      const listed = AgentBase.make({ name: "c", route: "/c", basicAuth, prompt: "p", corsOrigins: ["https://app.example.com"] })
      const { origin } = yield* serveAll([support, listed], OrdersLive)
      expect((yield* request(`${origin}/support`)).headers.get("access-control-allow-origin")).toBe("*")
      const ok = yield* request(`${origin}/c`, { headers: { origin: "https://app.example.com" } })
      expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.example.com")
      const no = yield* request(`${origin}/c`, { headers: { origin: "https://evil.example.com" } })
      expect(no.headers.get("access-control-allow-origin")).toBeNull()
    }))
})
