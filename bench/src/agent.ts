/**
 * The agent figures of `npm run bench`: SWAIG tool calls/s through the agent server at 1 and 50 in
 * flight, next to a bare `node:http` handler doing the same JSON work in the same run (and
 * `@effect/platform`'s router alone, for information), and SWML renders/s for a large agent
 * (40 secure tools, a token minted per tool per render).
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { FunctionResult, SwaigFunction } from "@signalwire-effect/swml"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { AgentBase, NodeServer, ToolToken } from "@signalwire-effect/agents"

const basicAuth = { user: "bench", password: Redacted.make("bench") }
const authorization = `Basic ${Buffer.from("bench:bench").toString("base64")}`
const body = JSON.stringify({
  function: "get_weather",
  argument: { parsed: [{ city: "Paris" }], raw: "{\"city\":\"Paris\"}" },
  call_id: "c-1",
  conversation_type: "voice"
})

const benchAgent = AgentBase.make({ name: "bench", route: "/bench", basicAuth, prompt: "p" }).pipe(
  AgentBase.tool({
    name: "get_weather",
    description: "Weather",
    secure: false,
    parameters: Schema.Struct({ city: Schema.String }),
    handler: ({ city }) => Effect.succeed(FunctionResult.make(`Sunny in ${city}`).pipe(FunctionResult.say("One moment")))
  })
)

const drive = (url: string, total: number, inFlight: number) =>
  Effect.promise(async () => {
    let next = 0
    const worker = async () => {
      while (next < total) {
        next++
        const response = await fetch(url, { method: "POST", headers: { authorization, "content-type": "application/json" }, body })
        await response.text()
      }
    }
    const start = performance.now()
    await Promise.all(Array.from({ length: inFlight }, worker))
    return total / ((performance.now() - start) / 1000)
  })

const bare = Effect.acquireRelease(
  Effect.async<{ readonly url: string; readonly close: () => void }>((resume) => {
    const server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        if (req.headers.authorization !== authorization) {
          res.writeHead(401).end()
          return
        }
        const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown
        const args = SwaigFunction.argumentsOf(parsed) as { readonly city: string }
        const reply = FunctionResult.toJson(FunctionResult.make(`Sunny in ${args.city}`).pipe(FunctionResult.say("One moment")))
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply))
      })
    })
    server.listen(0, "127.0.0.1", () =>
      resume(Effect.succeed({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench/swaig`,
        close: () => server.close()
      })))
  }),
  (s) => Effect.sync(s.close)
)

/** The same JSON work on @effect/platform's router and Node server alone (no auth, guards or agent). */
const platformOnly = Effect.gen(function*() {
  const app = HttpLayerRouter.add(
    "POST",
    "/bench/swaig",
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const parsed = JSON.parse(yield* Effect.orDie(request.text)) as unknown
      const args = SwaigFunction.argumentsOf(parsed) as { readonly city: string }
      return HttpServerResponse.unsafeJson(
        FunctionResult.toJson(FunctionResult.make(`Sunny in ${args.city}`).pipe(FunctionResult.say("One moment")))
      )
    })
  )
  const context = yield* Layer.build(
    HttpLayerRouter.serve(app, { disableLogger: true, disableListenLog: true }).pipe(
      Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }))
    )
  )
  const address = Context.get(context, HttpServer.HttpServer).address
  return address._tag === "TcpAddress" ? `http://127.0.0.1:${address.port}/bench/swaig` : ""
})

const large = Array.from({ length: 40 }, (_, i) => i).reduce(
  (a, i) =>
    a.pipe(AgentBase.tool({
      name: `tool_${i}`,
      description: `Tool number ${i}`,
      parameters: Schema.Struct({ id: Schema.String, count: Schema.optional(Schema.Int), note: Schema.optional(Schema.String) }),
      handler: () => Effect.succeed(FunctionResult.make("ok"))
    })),
  AgentBase.make({ name: "large", basicAuth, prompt: "You are a large agent." })
)

export interface AgentRow {
  readonly inFlight: number
  readonly ours: number
  /** The agent server with `httpServerSpans: true` (the platform's span per request). */
  readonly oursWithSpans: number
  readonly baseline: number
  readonly platform: number
}

/** The four servers of the figure, in the current Scope: their SWAIG URLs. */
export const agentServers = Effect.gen(function*() {
  const urlOf = (context: Context.Context<HttpServer.HttpServer>) => {
    const address = Context.get(context, HttpServer.HttpServer).address
    return address._tag === "TcpAddress" ? `http://127.0.0.1:${address.port}/bench/swaig` : ""
  }
  // The default: no http.server span with Effect's built-in tracer (the bench installs none).
  const agent = urlOf(yield* Layer.build(NodeServer.layer([benchAgent], { port: 0, host: "127.0.0.1" })))
  const withSpans = urlOf(
    yield* Layer.build(NodeServer.layer([benchAgent], { port: 0, host: "127.0.0.1", httpServerSpans: true }))
  )
  const baseline = (yield* bare).url
  const platform = yield* platformOnly
  return { agent, withSpans, baseline, platform }
})

/** SWAIG calls/s at each in-flight count: the agent server, bare node:http, the router alone. */
export const agentThroughput = (inFlights: ReadonlyArray<number>, total: number): Promise<ReadonlyArray<AgentRow>> =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const { agent: agentUrl, baseline: baselineUrl, platform: platformUrl, withSpans: withSpansUrl } = yield* agentServers
    const rows: Array<AgentRow> = []
    for (const inFlight of inFlights) {
      for (const url of [agentUrl, withSpansUrl, baselineUrl, platformUrl]) {
        yield* drive(url, Math.max(50, total / 8), inFlight) // warm-up
      }
      rows.push({
        inFlight,
        ours: yield* drive(agentUrl, total, inFlight),
        oursWithSpans: yield* drive(withSpansUrl, total, inFlight),
        baseline: yield* drive(baselineUrl, total, inFlight),
        platform: yield* drive(platformUrl, total, inFlight)
      })
    }
    return rows
  })))

/** SWML renders/s of the 40-tool agent. */
export const agentRenders = (renders: number): Promise<number> =>
  Effect.runPromise(Effect.gen(function*() {
    const secret = ToolToken.secret(Redacted.make("bench"))
    const start = performance.now()
    for (let i = 0; i < renders; i++) {
      yield* AgentBase.render(large, { baseUrl: "https://bench:bench@agent.example.com", callId: `c-${i}`, secret })
    }
    return renders / ((performance.now() - start) / 1000)
  }))
