import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Ref from "effect/Ref"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Schema from "effect/Schema"
import { Ai, ContextBuilder, FunctionResult, Pom, Verb } from "@signalwire-effect/swml"
import { AgentBase, NodeServer } from "../src/index.js"
import { OrdersLive, support } from "./fixtures/agents.js"
import { basicAuth, callInfo, request, serveAll, swaigBody } from "./fixtures/server.js"

type Json = { readonly [key: string]: any }

const aiOf = (doc: unknown): Json => {
  const main = (doc as Json)["sections"]["main"] as Array<Json>
  return main.find((i) => "ai" in i)!["ai"]
}

describe("AgentBase over HTTP", () => {
  it.scopedLive("serves the SWML document on GET and on POST with call info", () =>
    Effect.gen(function*() {
      const { origin, port } = yield* serveAll([support], OrdersLive)
      const get = yield* request(`${origin}/support`)
      expect(get.status).toBe(200)
      expect(get.headers.get("content-type")).toContain("application/json")
      expect(get.headers.get("x-content-type-options")).toBe("nosniff")
      const main = (get.body as Json)["sections"]["main"] as Array<Json>
      expect(Object.keys(main[0]!)).toEqual(["answer"])
      const ai = aiOf(get.body)
      expect(ai["prompt"]).toEqual({ text: "You are Acme's support agent." })
      expect(ai["post_prompt"]).toEqual({ text: "Summarise the call as JSON" })
      expect(ai["post_prompt_url"]).toBe(`http://signalwire:pa55-word@127.0.0.1:${port}/support/post_prompt`)
      expect(ai["params"]).toEqual({ end_of_speech_timeout: 600 })
      expect(ai["hints"]).toEqual(["Acme"])
      expect(ai["languages"]).toHaveLength(1)
      expect(ai["SWAIG"]["native_functions"]).toEqual(["check_time"])
      expect(ai["SWAIG"]["defaults"]).toEqual({ web_hook_url: `http://signalwire:pa55-word@127.0.0.1:${port}/support/swaig` })
      const names = (ai["SWAIG"]["functions"] as Array<Json>).map((f) => f["function"])
      expect(names).toEqual(["get_weather", "order_status", "pay", "crash", "hang_up", "remote_weather"])
      const weather = (ai["SWAIG"]["functions"] as Array<Json>)[0]!
      expect(weather["parameters"]["properties"]["city"]).toEqual({ type: "string", description: "City name" })
      expect(weather["parameters"]["required"]).toEqual(["city"])

      const post = yield* request(`${origin}/support/`, { body: callInfo("call-9") })
      expect(post.status).toBe(200)
      const secure = (aiOf(post.body)["SWAIG"]["functions"] as Array<Json>)[1]!
      expect(secure["web_hook_url"]).toMatch(/\/support\/swaig\?__token=[A-Za-z0-9_-]+$/)
    }))

  it.scopedLive("dispatches a tool call with the platform's exact body; arguments come from argument.parsed[0]", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([support], OrdersLive)
      const reply = yield* request(`${origin}/support/swaig`, { body: swaigBody("get_weather", { city: "Paris", units: "f" }) })
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({
        response: "Tell the caller it is 21f in Paris (voice)",
        action: [{ say: "One moment" }],
        post_process: true
      })
      // Only `raw` (no parsed): decoded from the JSON text.
      const raw = yield* request(`${origin}/support/swaig`, {
        body: { ...swaigBody("get_weather", {}), argument: { raw: "{\"city\":\"Oslo\"}" } }
      })
      expect(raw.body).toEqual({ response: "Tell the caller it is 21c in Oslo (voice)", action: [{ say: "One moment" }], post_process: true })
      const hangup = yield* request(`${origin}/support/swaig`, { body: swaigBody("hang_up", {}) })
      expect(hangup.body).toEqual({ action: [{ hangup: true }] })
    }))

  it.scopedLive("secure tools: the token from the document works for that call only; a missing or bad token is 403", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([support], OrdersLive)
      const doc = yield* request(`${origin}/support`, { body: callInfo("call-7") })
      const url = new URL((aiOf(doc.body)["SWAIG"]["functions"] as Array<Json>)[1]!["web_hook_url"])
      expect(url.username).toBe("signalwire")
      const target = `${origin}${url.pathname}${url.search}`
      const ok = yield* request(target, { body: swaigBody("order_status", { order: "A-17" }, { call_id: "call-7" }) })
      expect(ok.status).toBe(200)
      expect(ok.body).toEqual({ response: "Order A-17 is shipped" })
      const otherCall = yield* request(target, { body: swaigBody("order_status", { order: "A-17" }, { call_id: "call-8" }) })
      expect(otherCall.status).toBe(403)
      const missing = yield* request(`${origin}/support/swaig`, { body: swaigBody("order_status", { order: "A-17" }, { call_id: "call-7" }) })
      expect(missing.status).toBe(403)
      const forged = yield* request(`${target.slice(0, -4)}AAAA`, { body: swaigBody("order_status", { order: "A-17" }, { call_id: "call-7" }) })
      expect(forged.status).toBe(403)
    }))

  it.scopedLive("bad SWAIG requests: malformed JSON 400, no or non-identifier function 400, unknown 404, bad args a tool reply", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([support], OrdersLive)
      const swaig = `${origin}/support/swaig`
      expect((yield* request(swaig, { body: "{not json" })).status).toBe(400)
      expect((yield* request(swaig, { body: "[1,2]" })).status).toBe(400)
      expect((yield* request(swaig, { body: { call_id: "x" } })).status).toBe(400)
      expect((yield* request(swaig, { body: swaigBody("drop table;", {}) })).status).toBe(400)
      expect((yield* request(swaig, { body: swaigBody("x".repeat(129), {}) })).status).toBe(400)
      const unknown = yield* request(swaig, { body: swaigBody("no_such_tool", {}) })
      expect(unknown.status).toBe(404)
      const badArgs = yield* request(swaig, { body: swaigBody("get_weather", { city: 42 }) })
      expect(badArgs.status).toBe(200)
      expect((badArgs.body as Json)["response"]).toMatch(/get_weather was called with invalid arguments.*city/)
    }))

  it.scopedLive("a handler that fails or dies is 500 with nothing leaked", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([support], OrdersLive)
      const failed = yield* request(`${origin}/support/swaig`, { body: swaigBody("pay", {}) })
      expect(failed.status).toBe(500)
      expect(failed.body).toEqual({ error: "internal error" })
      expect(failed.text).not.toContain("db-password")
      const died = yield* request(`${origin}/support/swaig`, { body: swaigBody("crash", {}) })
      expect(died.status).toBe(500)
      expect(died.text).not.toContain("boom")
    }))

  it.scopedLive("get_signature (SWAIG.includes) answers the requested functions' definitions", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([support], OrdersLive)
      const reply = yield* request(`${origin}/support/swaig`, {
        body: { action: "get_signature", functions: ["get_weather", "missing"], version: "2.0", content_type: "text/swaig" }
      })
      expect(reply.status).toBe(200)
      const defs = reply.body as Array<Json>
      expect(defs.map((d) => d["function"])).toEqual(["get_weather"])
      expect(defs[0]!["parameters"]["properties"]).toHaveProperty("city")
      expect(defs[0]!["web_hook_url"]).toMatch(/\/support\/swaig$/)
    }))

  it.scopedLive("post-prompt: the summary reaches the hook; parsed, raw JSON and fenced raw", () =>
    Effect.gen(function*() {
      const seen = yield* Ref.make<Array<unknown>>([])
      const agent = support.pipe(AgentBase.onSummary((summary) => Ref.update(seen, (all) => [...all, summary])))
      const { origin } = yield* serveAll([agent], OrdersLive)
      const url = `${origin}/support/post_prompt`
      const base = { action: "post_conversation", call_id: "call-1", content_type: "text/json", conversation_type: "voice", SWMLCall: {} }
      const a = yield* request(url, { body: { ...base, post_prompt_data: { parsed: [{ topic: "refund" }], raw: "{}", substituted: "" } } })
      expect(a.status).toBe(200)
      expect(a.body).toEqual({ success: true })
      yield* request(url, { body: { ...base, post_prompt_data: { raw: "{\"topic\":\"billing\"}" } } })
      yield* request(url, { body: { ...base, post_prompt_data: { raw: "```json\n{\"topic\":\"chat\"}\n```" } } })
      yield* request(url, { body: { ...base, post_prompt_data: { raw: "plain words" } } })
      expect(yield* Ref.get(seen)).toEqual([{ topic: "refund" }, { topic: "billing" }, { topic: "chat" }, "plain words"])
    }))

  it.scopedLive("per-call configuration reshapes the document from the request", () =>
    Effect.gen(function*() {
      const agent = support.pipe(AgentBase.dynamic((request, agent) =>
        Effect.succeed(agent.pipe(AgentBase.withAi((ai) => ({ ...ai, global_data: { tier: request.query["tier"] ?? "basic", call: request.callId } }))))
      ))
      const { origin } = yield* serveAll([agent], OrdersLive)
      const gold = yield* request(`${origin}/support?tier=gold`, { body: callInfo("call-3") })
      expect(aiOf(gold.body)["global_data"]).toEqual({ tier: "gold", call: "call-3" })
      const plain = yield* request(`${origin}/support`)
      expect(aiOf(plain.body)["global_data"]).toEqual({ tier: "basic" })
    }))

  it.scopedLive("per-call configuration also applies to tool calls: a tool added for one tenant", () =>
    Effect.gen(function*() {
      const agent = support.pipe(AgentBase.dynamic((request, agent) =>
        Effect.succeed(
          request.query["tenant"] !== "vip" ? agent : agent.pipe(AgentBase.tool({
            name: "vip_line",
            description: "The VIP line",
            secure: false,
            parameters: Schema.Struct({}),
            handler: () => Effect.succeed(FunctionResult.make("Connect to the VIP line"))
          }))
        )
      ))
      const { origin } = yield* serveAll([agent], OrdersLive)
      const vip = yield* request(`${origin}/support/swaig?tenant=vip`, { body: swaigBody("vip_line", {}) })
      expect(vip.body).toEqual({ response: "Connect to the VIP line" })
      expect((yield* request(`${origin}/support/swaig`, { body: swaigBody("vip_line", {}) })).status).toBe(404)
    }))

  it.scopedLive("debug events: the webhook is in params and events reach the hook", () =>
    Effect.gen(function*() {
      const events = yield* Ref.make<Array<unknown>>([])
      const agent = support.pipe(
        AgentBase.debugEvents(2),
        AgentBase.onDebugEvent((event) => Ref.update(events, (all) => [...all, event["type"]]))
      )
      const { origin, port } = yield* serveAll([agent], OrdersLive)
      const params = aiOf((yield* request(`${origin}/support`)).body)["params"]
      expect(params).toMatchObject({
        debug_webhook_url: `http://signalwire:pa55-word@127.0.0.1:${port}/support/debug_events`,
        debug_webhook_level: 2
      })
      expect((yield* request(`${origin}/support/debug_events`, { body: { type: "llm_response", call_id: "c" } })).status).toBe(200)
      expect(yield* Ref.get(events)).toEqual(["llm_response"])
    }))

  it.scopedLive("POM prompt, pronunciations, contexts under prompt.contexts, call flow; webhooks behind a trusted proxy", () =>
    Effect.gen(function*() {
      const contexts = yield* ContextBuilder.make().pipe(
        ContextBuilder.addContext("default", { steps: [ContextBuilder.step("greet", { text: "Greet the caller" })] }),
        ContextBuilder.build
      )
      const agent = AgentBase.make({
        name: "pom",
        route: "/pom",
        basicAuth,
        trustProxyHeaders: true,
        prompt: Pom.make().pipe(Pom.addSection("Role", { body: "You are a concierge.", bullets: ["Be brief"] }))
      }).pipe(
        AgentBase.withAi(Ai.addPronunciation({ replace: "API", with: "A P I" })),
        AgentBase.withAi(Ai.withContexts(contexts)),
        AgentBase.callFlow({ record: { format: "mp3", stereo: true }, postAi: [Verb.hangup()] }),
        AgentBase.postPrompt("Summarise")
      )
      const { origin } = yield* serveAll([agent], Layer.empty)
      const doc = yield* request(`${origin}/pom`, {
        headers: { "x-forwarded-host": "agents.example.com", "x-forwarded-proto": "https" }
      })
      const main = (doc.body as Json)["sections"]["main"] as Array<Json>
      expect(main.map((i) => Object.keys(i)[0])).toEqual(["answer", "record_call", "ai", "hangup"])
      const ai = aiOf(doc.body)
      expect(ai["prompt"]["pom"]).toEqual([{ title: "Role", body: "You are a concierge.", bullets: ["Be brief"] }])
      expect(ai["prompt"]["contexts"]["default"]["steps"][0]["name"]).toBe("greet")
      expect(ai["contexts"]).toBeUndefined()
      expect(ai["pronounce"]).toEqual([{ replace: "API", with: "A P I" }])
      expect(ai["SWAIG"]).toBeUndefined()
      expect(ai["post_prompt_url"]).toBe("https://signalwire:pa55-word@agents.example.com/pom/post_prompt")
    }))

  it.scopedLive("auth on every route except health and ready: 401 with WWW-Authenticate", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([support], OrdersLive)
      for (const [path, body] of [["/support", undefined], ["/support/", undefined], ["/support/swaig", swaigBody("get_weather", { city: "x" })], ["/support/post_prompt", {}], ["/support/debug_events", {}]] as const) {
        for (const auth of [false, "Basic " + Buffer.from("signalwire:wrong").toString("base64"), "Bearer x"]) {
          const reply = yield* request(`${origin}${path}`, { auth, ...(body === undefined ? {} : { body }) })
          expect(reply.status, `${path} ${auth}`).toBe(401)
          expect(reply.headers.get("www-authenticate")).toMatch(/^Basic realm=/)
        }
      }
      expect((yield* request(`${origin}/support/health`, { auth: false })).body).toEqual({ status: "ok" })
      expect((yield* request(`${origin}/support/ready`, { auth: false })).body).toEqual({ status: "ready" })
    }))

  it.scopedLive("oversize bodies are 413", () =>
    Effect.gen(function*() {
      const small = AgentBase.make({ name: "small", route: "/small", basicAuth, prompt: "p", maxBodyBytes: 1000 })
      const { origin } = yield* serveAll([small], Layer.empty)
      const big = yield* request(`${origin}/small/swaig`, { body: swaigBody("x", { pad: "y".repeat(5000) }) })
      expect(big.status).toBe(413)
    }))

  it.scopedLive("a tool whose argument schema is not an object fails serving with InvalidAgent", () =>
    Effect.gen(function*() {
      const bad = AgentBase.make({ name: "bad", basicAuth, prompt: "p" }).pipe(
        AgentBase.tool({ name: "t", description: "d", parameters: Schema.String, handler: () => Effect.never })
      )
      const exit = yield* Effect.exit(Layer.build(NodeServer.layer([bad], { port: 0, host: "127.0.0.1" })))
      expect(Exit.isFailure(exit)).toBe(true)
      if (Exit.isFailure(exit)) expect(String(exit.cause)).toContain("InvalidAgent")
    }))
})

describe("secrets stay out of logs", () => {
  it.scopedLive("no log line carries the Basic-auth password or a tool token", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const capture = Logger.make(({ annotations, cause, message }) => {
        lines.push(`${String(message)} ${JSON.stringify([...annotations])} ${String(cause)}`)
      })
      yield* Effect.gen(function*() {
        const { origin } = yield* serveAll([support], OrdersLive)
        const doc = yield* request(`${origin}/support`, { body: callInfo("call-5") })
        const url = new URL((aiOf(doc.body)["SWAIG"]["functions"] as Array<Json>)[1]!["web_hook_url"])
        const token = url.searchParams.get("__token")!
        yield* request(`${origin}/support/swaig?__token=${token}x`, { body: swaigBody("order_status", { order: "A" }, { call_id: "call-5" }) })
        yield* request(`${origin}/support/swaig`, { body: swaigBody("crash", {}) })
        yield* request(`${origin}/support/swaig`, { body: swaigBody("get_weather", { city: 1 }) })
        yield* request(`${origin}/support`, { auth: "Basic " + Buffer.from("signalwire:pa55-wordX").toString("base64") })
        expect(lines.length).toBeGreaterThan(3)
        for (const line of lines) {
          expect(line).not.toContain("pa55-word")
          expect(line).not.toContain(token)
        }
      }).pipe(Effect.provide(Logger.replace(Logger.defaultLogger, capture)))
    }))
})
