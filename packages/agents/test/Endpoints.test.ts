import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { FunctionResult } from "@signalwire-effect/swml"
import { AgentBase, AgentServer, Serverless } from "../src/index.js"
import { OrdersLive, support } from "./fixtures/agents.js"
import { authHeader, basicAuth, callInfo, request, serveAll, swaigBody } from "./fixtures/server.js"

type Json = { readonly [key: string]: any }

const aiOf = (doc: unknown): Json => {
  const main = (doc as Json)["sections"]["main"] as Array<Json>
  return main.find((i) => "ai" in i)!["ai"]
}

const echo = AgentBase.make({ name: "echo", route: "/echo", basicAuth, prompt: "Echo." }).pipe(
  AgentBase.tool({
    name: "echo",
    description: "Echo",
    parameters: Schema.Struct({ text: Schema.String }),
    handler: ({ text }, call) => Effect.succeed(FunctionResult.make(`${text} (${call.conversationType ?? "?"})`))
  }),
  AgentBase.postPrompt("Summarise."),
  AgentBase.debugEvents(1),
  AgentBase.swaigQueryParams({ tenant: "acme", region: "eu west" }),
  AgentBase.enablePostPromptOverride,
  AgentBase.checkForInput((conversationId) =>
    Effect.succeed(
      conversationId === "conv-new"
        ? { newInput: true, messages: [{ role: "user", content: "hello again" }] }
        : { newInput: false, messages: [] }
    )
  )
)

describe("CORS", () => {
  it.scopedLive("preflight OPTIONS: the allowed origin, the path's methods and the requested headers; no auth needed", () =>
    Effect.gen(function*() {
      const listed = AgentBase.make({ name: "c", route: "/c", basicAuth, prompt: "p", corsOrigins: ["https://app.example.com"] })
      const { origin } = yield* serveAll([support, listed], OrdersLive)
      const any = yield* request(`${origin}/support/swaig`, {
        method: "OPTIONS",
        auth: false,
        headers: { origin: "https://x.example.com", "access-control-request-method": "POST" }
      })
      expect(any.status).toBe(204)
      expect(any.headers.get("access-control-allow-origin")).toBe("*")
      expect(any.headers.get("access-control-allow-credentials")).toBeNull()
      expect(any.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS")
      expect(any.headers.get("access-control-allow-headers")).toBe("Authorization, Content-Type")
      expect(any.headers.get("access-control-max-age")).toBe("600")
      const doc = yield* request(`${origin}/c`, {
        method: "OPTIONS",
        auth: false,
        headers: {
          origin: "https://app.example.com",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type, x-trace"
        }
      })
      expect(doc.status).toBe(204)
      expect(doc.headers.get("access-control-allow-origin")).toBe("https://app.example.com")
      expect(doc.headers.get("access-control-allow-credentials")).toBe("true")
      expect(doc.headers.get("vary")).toBe("Origin")
      expect(doc.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS")
      expect(doc.headers.get("access-control-allow-headers")).toBe("authorization, content-type, x-trace")
      const foreign = yield* request(`${origin}/c`, {
        method: "OPTIONS",
        auth: false,
        headers: { origin: "https://evil.example.com", "access-control-request-method": "POST" }
      })
      expect(foreign.status).toBe(204)
      expect(foreign.headers.get("access-control-allow-origin")).toBeNull()
      expect(foreign.headers.get("access-control-allow-methods")).toBeNull()
      // The actual request from a listed origin carries the credentials flag too.
      const actual = yield* request(`${origin}/c`, { headers: { origin: "https://app.example.com" } })
      expect(actual.status).toBe(200)
      expect(actual.headers.get("access-control-allow-credentials")).toBe("true")
    }))
})

describe("NodeServer options", () => {
  it.scopedLive("httpServerSpans: false serves the same way", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([echo], OrdersLive, { httpServerSpans: false })
      const reply = yield* request(`${origin}/echo/swaig`, { body: swaigBody("echo", { text: "x" }) })
      // A secure tool called without its token: refused by the agent, not by the server.
      expect(reply.status).toBe(403)
      expect((yield* request(`${origin}/echo/health`, { auth: false })).body).toEqual({ status: "ok" })
    }))
})

describe("check_for_input, post_prompt_override, SWAIG query parameters", () => {
  it.scopedLive("check_for_input: GET with the query, POST with the body, bad and missing ids, auth", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([echo, support], OrdersLive)
      const get = yield* request(`${origin}/echo/check_for_input?conversation_id=conv-1`)
      expect(get.status).toBe(200)
      expect(get.body).toEqual({ status: "success", conversation_id: "conv-1", new_input: false, messages: [] })
      const post = yield* request(`${origin}/echo/check_for_input`, { body: { conversation_id: "conv-new" } })
      expect(post.body).toEqual({
        status: "success",
        conversation_id: "conv-new",
        new_input: true,
        messages: [{ role: "user", content: "hello again" }]
      })
      expect((yield* request(`${origin}/echo/check_for_input`)).status).toBe(400)
      expect((yield* request(`${origin}/echo/check_for_input?conversation_id=a%20b`)).status).toBe(400)
      expect((yield* request(`${origin}/echo/check_for_input`, { body: { conversation_id: "x".repeat(257) } })).status)
        .toBe(400)
      expect((yield* request(`${origin}/echo/check_for_input`, { body: "{oops" })).status).toBe(400)
      const anonymous = yield* request(`${origin}/echo/check_for_input?conversation_id=conv-1`, { auth: false })
      expect(anonymous.status).toBe(401)
      // Not enabled on the other agent.
      expect((yield* request(`${origin}/support/check_for_input?conversation_id=conv-1`)).status).toBe(404)
    }))

  it.scopedLive("post_prompt_override replaces the post-prompt of later documents; bad bodies are 400", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([echo, support], OrdersLive)
      expect(aiOf((yield* request(`${origin}/echo`)).body)["post_prompt"]).toEqual({ text: "Summarise." })
      const bad = yield* request(`${origin}/echo/post_prompt_override`, { body: { post_prompt: 42 } })
      expect(bad.status).toBe(400)
      expect((yield* request(`${origin}/echo/post_prompt_override`, { body: {}, auth: false })).status).toBe(401)
      const set = yield* request(`${origin}/echo/post_prompt_override`, { body: { post_prompt: "Return JSON." } })
      expect(set.body).toEqual({ success: true, changed: true })
      expect(aiOf((yield* request(`${origin}/echo`, { body: callInfo("c-2") })).body)["post_prompt"]).toEqual({
        text: "Return JSON."
      })
      expect((yield* request(`${origin}/support/post_prompt_override`, { body: { post_prompt: "x" } })).status).toBe(404)
    }))

  it.scopedLive("SWAIG query parameters go on every webhook URL, before the tool token", () =>
    Effect.gen(function*() {
      const { origin, port } = yield* serveAll([echo], OrdersLive)
      const ai = aiOf((yield* request(`${origin}/echo`, { body: callInfo("call-1") })).body)
      const base = `http://signalwire:pa55-word@127.0.0.1:${port}/echo`
      expect(ai["SWAIG"]["defaults"]["web_hook_url"]).toBe(`${base}/swaig?tenant=acme&region=eu+west`)
      expect(ai["post_prompt_url"]).toBe(`${base}/post_prompt?tenant=acme&region=eu+west`)
      expect(ai["params"]["debug_webhook_url"]).toBe(`${base}/debug_events?tenant=acme&region=eu+west`)
      const url = ai["SWAIG"]["functions"][0]["web_hook_url"] as string
      expect(url).toMatch(/\/echo\/swaig\?tenant=acme&region=eu\+west&__token=[A-Za-z0-9_-]+$/)
      // The platform calls that URL as given: the tool runs.
      const called = yield* request(url.replace(`http://signalwire:pa55-word@127.0.0.1:${port}`, origin), {
        body: swaigBody("echo", { text: "hi" })
      })
      expect(called.status).toBe(200)
      expect(called.body).toEqual({ response: "hi (voice)" })
    }))
})

describe("Serverless with the platform's event shapes", () => {
  it.scoped("API Gateway REST (v1) event: multi-value headers and query, stage context; the tool answers", () =>
    Effect.gen(function*() {
      const web = yield* Effect.acquireRelease(
        Effect.sync(() => AgentServer.toWebHandler([echo], Layer.empty)),
        (w) => Effect.promise(w.dispose)
      )
      const handler = Serverless.toLambdaHandler(web.handler)
      const event = {
        resource: "/{proxy+}",
        path: "/echo/check_for_input",
        httpMethod: "GET",
        headers: { Host: "abc123.execute-api.us-east-1.amazonaws.com", "X-Forwarded-Proto": "https" },
        multiValueHeaders: {
          Host: ["abc123.execute-api.us-east-1.amazonaws.com"],
          Authorization: [authHeader],
          "X-Forwarded-Proto": ["https"]
        },
        queryStringParameters: { conversation_id: "conv-2" },
        multiValueQueryStringParameters: { conversation_id: ["conv-new"] },
        pathParameters: { proxy: "echo/check_for_input" },
        stageVariables: null,
        requestContext: {
          resourcePath: "/{proxy+}",
          httpMethod: "GET",
          path: "/prod/echo/check_for_input",
          stage: "prod",
          domainName: "abc123.execute-api.us-east-1.amazonaws.com",
          identity: { sourceIp: "203.0.113.9" }
        },
        body: null,
        isBase64Encoded: false
      }
      const reply = yield* Effect.promise(() => handler(event))
      expect(reply.statusCode).toBe(200)
      expect(reply.isBase64Encoded).toBe(false)
      expect(JSON.parse(reply.body)).toMatchObject({ conversation_id: "conv-new", new_input: true })
      expect(reply.headers["x-content-type-options"]).toBe("nosniff")
      const tool = yield* Effect.promise(() =>
        handler({
          ...event,
          path: "/echo/swaig",
          httpMethod: "POST",
          multiValueQueryStringParameters: null,
          queryStringParameters: null,
          headers: { Host: "abc123.execute-api.us-east-1.amazonaws.com", Authorization: authHeader },
          multiValueHeaders: {},
          body: JSON.stringify(swaigBody("echo", { text: "v1" }, { call_id: "lambda-1" }))
        })
      )
      // A secure tool without its token is refused, as over HTTP.
      expect(tool.statusCode).toBe(403)
    }))

  it.scoped("HTTP API / function URL (v2) event: cookies, raw query, base64 body; preflight; a tool call with its token", () =>
    Effect.gen(function*() {
      const web = yield* Effect.acquireRelease(
        Effect.sync(() => AgentServer.toWebHandler([echo], Layer.empty)),
        (w) => Effect.promise(w.dispose)
      )
      const handler = Serverless.toLambdaHandler(web.handler)
      const base = {
        version: "2.0",
        routeKey: "$default",
        rawQueryString: "",
        cookies: ["session=abc", "theme=dark"],
        headers: {
          host: "xyz.lambda-url.us-east-1.on.aws",
          authorization: authHeader,
          "content-type": "application/json",
          "x-forwarded-proto": "https"
        },
        requestContext: {
          accountId: "123456789012",
          apiId: "xyz",
          domainName: "xyz.lambda-url.us-east-1.on.aws",
          http: { method: "POST", path: "/echo", protocol: "HTTP/1.1", sourceIp: "203.0.113.9", userAgent: "SignalWire" },
          requestId: "r-1",
          stage: "$default",
          timeEpoch: 1_700_000_000_000
        },
        isBase64Encoded: true
      }
      const doc = yield* Effect.promise(() =>
        handler({ ...base, rawPath: "/echo", body: Buffer.from(JSON.stringify(callInfo("lambda-2"))).toString("base64") })
      )
      expect(doc.statusCode).toBe(200)
      const ai = aiOf(JSON.parse(doc.body))
      const url = ai["SWAIG"]["functions"][0]["web_hook_url"] as string
      const query = url.slice(url.indexOf("?") + 1)
      expect(query).toMatch(/^tenant=acme&region=eu\+west&__token=/)
      const called = yield* Effect.promise(() =>
        handler({
          ...base,
          rawPath: "/echo/swaig",
          rawQueryString: query,
          body: Buffer.from(JSON.stringify(swaigBody("echo", { text: "v2" }, { call_id: "lambda-2" }))).toString("base64")
        })
      )
      expect(called.statusCode).toBe(200)
      expect(JSON.parse(called.body)).toEqual({ response: "v2 (voice)" })
      const preflight = yield* Effect.promise(() =>
        handler({
          ...base,
          rawPath: "/echo/swaig",
          headers: { host: "xyz.lambda-url.us-east-1.on.aws", origin: "https://app.example.com", "access-control-request-method": "POST" },
          requestContext: { ...base.requestContext, http: { ...base.requestContext.http, method: "OPTIONS" } },
          body: undefined,
          isBase64Encoded: false
        })
      )
      expect(preflight.statusCode).toBe(204)
      expect(preflight.headers["access-control-allow-origin"]).toBe("*")
      expect(preflight.body).toBe("")
    }))

  it.scoped("the web fetch handler: Request in, Response out (GET document, POST tool, 404 elsewhere)", () =>
    Effect.gen(function*() {
      const web = yield* Effect.acquireRelease(
        Effect.sync(() => AgentServer.toWebHandler([echo], Layer.empty)),
        (w) => Effect.promise(w.dispose)
      )
      const doc = yield* Effect.promise(() =>
        web.handler(new Request("https://edge.example.com/echo", { headers: { authorization: authHeader } }))
      )
      expect(doc.status).toBe(200)
      const ai = aiOf(yield* Effect.promise(() => doc.json()))
      expect(ai["SWAIG"]["defaults"]["web_hook_url"]).toBe(
        "https://signalwire:pa55-word@edge.example.com/echo/swaig?tenant=acme&region=eu+west"
      )
      const missing = yield* Effect.promise(() => web.handler(new Request("https://edge.example.com/nowhere")))
      expect(missing.status).toBe(404)
      const denied = yield* Effect.promise(() =>
        web.handler(new Request("https://edge.example.com/echo/swaig", { method: "POST", body: "{}" }))
      )
      expect(denied.status).toBe(401)
    }))
})
