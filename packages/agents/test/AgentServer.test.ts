import { describe, expect, it } from "@effect/vitest"
import { FunctionResult, SwmlBuilder, Verb } from "@signalwire-effect/swml"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Scope from "effect/Scope"
import { AgentBase, AgentServer, NodeServer, SWMLService } from "../src/index.js"
import { Orders, OrdersLive, support } from "./fixtures/agents.js"
import { authHeader, basicAuth, callInfo, request, serve, serveAll, swaigBody } from "./fixtures/server.js"

const sales = AgentBase.make({ name: "sales", route: "/sales/", basicAuth, prompt: "You sell." })
const ivr = SWMLService.make({
  name: "ivr",
  route: "ivr",
  basicAuth,
  document: (request) =>
    Effect.succeed(SwmlBuilder.make().pipe(
      SwmlBuilder.add(Verb.answer(), Verb.say(`Hello ${request.callId ?? "stranger"}`)),
      SwmlBuilder.build
    ))
})

describe("AgentServer", () => {
  it.scopedLive("several agents and a SWML service on one server, at their own (never doubled) routes", () =>
    Effect.gen(function*() {
      const { context, origin } = yield* serveAll([support, sales, ivr], OrdersLive)
      expect(Context.get(context, AgentServer.AgentServer).services.map((s) => s.route)).toEqual(["/support", "/sales", "/ivr"])
      const listing = yield* request(`${origin}/`, { auth: false })
      expect(listing.body).toEqual({
        service: "SignalWire AI Agents",
        agents: [{ name: "support", route: "/support" }, { name: "sales", route: "/sales" }, { name: "ivr", route: "/ivr" }]
      })
      expect((yield* request(`${origin}/health`, { auth: false })).body).toEqual({ status: "ok" })
      expect((yield* request(`${origin}/ready`, { auth: false })).body).toEqual({ status: "ready" })
      expect((yield* request(`${origin}/sales`)).status).toBe(200)
      expect((yield* request(`${origin}/sales/health`, { auth: false })).status).toBe(200)
      expect((yield* request(`${origin}/sales/sales`)).status).toBe(404)
      expect((yield* request(`${origin}/support/support`)).status).toBe(404)
      expect((yield* request(`${origin}/support/support/swaig`, { body: swaigBody("get_weather", { city: "x" }) })).status).toBe(404)
      const weather = yield* request(`${origin}/support/swaig`, { body: swaigBody("get_weather", { city: "Rome" }) })
      expect(weather.status).toBe(200)
      // The sales agent has no tools: a call there is an unknown function.
      expect((yield* request(`${origin}/sales/swaig`, { body: swaigBody("get_weather", { city: "Rome" }) })).status).toBe(404)
      const hello = yield* request(`${origin}/ivr`, { body: callInfo("c-42") })
      expect(hello.body).toEqual({ version: "1.0.0", sections: { main: [{ answer: {} }, { play: { url: "say:Hello c-42" } }] } })
      const unknown = yield* request(`${origin}/nowhere`, { auth: false })
      expect(unknown.status).toBe(404)
      expect(unknown.headers.get("x-frame-options")).toBe("DENY")
    }))

  it.scopedLive("two services at one route fail the layer with InvalidAgent", () =>
    Effect.gen(function*() {
      const twin = AgentBase.make({ name: "twin", route: "/sales", basicAuth, prompt: "p" })
      const exit = yield* Effect.exit(Layer.build(NodeServer.layer([sales, twin], { port: 0, host: "127.0.0.1" })))
      expect(Exit.isFailure(exit) && String(exit.cause)).toContain("route /sales is taken by sales")
    }))

  it.effect("an agent at / replaces the listing and serves its own health", () =>
    Effect.gen(function*() {
      const root = AgentBase.make({ name: "root", basicAuth, prompt: "p" })
      const { dispose, handler } = AgentServer.toWebHandler([root], Layer.empty)
      const doc = yield* Effect.promise(() => handler(new Request("http://agent.example.com/", { headers: { authorization: authHeader } })))
      expect(doc.status).toBe(200)
      const body = yield* Effect.promise(() => doc.json() as Promise<{ sections: { main: Array<{ ai?: { SWAIG?: unknown } }> } }>)
      expect(body.sections.main[1]?.ai).toBeDefined()
      const health = yield* Effect.promise(() => handler(new Request("http://agent.example.com/health")))
      expect(health.status).toBe(200)
      const denied = yield* Effect.promise(() => handler(new Request("http://agent.example.com/")))
      expect(denied.status).toBe(401)
      yield* Effect.promise(dispose)
    }))
})

describe("routing", () => {
  it.scopedLive("a routing callback answers 307 + Location, or serves the document", () =>
    Effect.gen(function*() {
      const routed = support.pipe(AgentBase.routingCallback("/route", (request) =>
        Effect.succeed(request.query["dept"] === "sales" ? Option.some("/sales") : Option.none())
      ))
      const { origin } = yield* serveAll([routed, sales], OrdersLive)
      const redirected = yield* request(`${origin}/support/route?dept=sales`, { body: callInfo("c-1") })
      expect(redirected.status).toBe(307)
      expect(redirected.headers.get("location")).toBe("/sales")
      const here = yield* request(`${origin}/support/route`, { body: callInfo("c-1") })
      expect(here.status).toBe(200)
      expect(here.body).toHaveProperty("sections")
      expect((yield* request(`${origin}/support/route`, { body: callInfo("c-1"), auth: false })).status).toBe(401)
    }))

  it.scopedLive("SIP routing maps the SIP user of call.to to a service's route on every service", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([support, sales, ivr], OrdersLive, { sip: { usernames: { helpdesk: "support" } } })
      const to = (user: string, path = "/sales/sip") => request(`${origin}${path}`, { body: callInfo("c-1", user) })
      const manual = yield* to("sip:HelpDesk@acme.sip.signalwire.com")
      expect([manual.status, manual.headers.get("location")]).toEqual([307, "/support"])
      const byName = yield* to("sips:support@acme.sip.signalwire.com", "/ivr/sip")
      expect([byName.status, byName.headers.get("location")]).toEqual([307, "/support"])
      const own = yield* to("sip:sales@acme.sip.signalwire.com")
      expect(own.status).toBe(200)
      expect(own.body).toHaveProperty("sections")
      const unknown = yield* to("+15550001111", "/ivr/sip")
      expect(unknown.body).toEqual({ version: "1.0.0", sections: { main: [{ answer: {} }, { play: { url: "say:Hello c-1" } }] } })
    }))
})

class Gate extends Context.Tag("test/Gate")<Gate, {
  readonly entered: Deferred.Deferred<void>
  readonly release: Deferred.Deferred<void>
}>() {}

const slow = AgentBase.make({ name: "slow", route: "/slow", basicAuth, prompt: "p" }).pipe(
  AgentBase.tool({
    name: "wait",
    description: "Waits for the test",
    secure: false,
    parameters: Schema.Struct({}),
    handler: () =>
      Effect.gen(function*() {
        const gate = yield* Gate
        yield* Deferred.succeed(gate.entered, undefined)
        yield* Deferred.await(gate.release)
        return FunctionResult.make("done")
      })
  })
)

/** A logger that completes `draining` when the server starts its shutdown (no sleeps to synchronise). */
const drainingLogger = (draining: Deferred.Deferred<void>) =>
  Logger.make(({ message }) => {
    if (String(message).includes("shutting down")) Deferred.unsafeDone(draining, Exit.void)
  })

describe("NodeServer shutdown", () => {
  it.scopedLive("closing the scope lets a request in flight finish, refuses new ones, then stops", () =>
    Effect.gen(function*() {
      const entered = yield* Deferred.make<void>()
      const release = yield* Deferred.make<void>()
      const draining = yield* Deferred.make<void>()
      const scope = yield* Scope.make()
      const layer = NodeServer.layer([slow], { port: 0, host: "127.0.0.1" }).pipe(
        Layer.provide(Layer.succeed(Gate, { entered, release }))
      )
      // The finalizer logs with the context it was added in: install the logger when building.
      const { origin } = yield* serve(layer, scope).pipe(Effect.provide(Logger.add(drainingLogger(draining))))
      const inFlight = yield* Effect.fork(request(`${origin}/slow/swaig`, { body: swaigBody("wait", {}) }))
      yield* Deferred.await(entered)
      const closing = yield* Effect.fork(Scope.close(scope, Exit.void))
      yield* Deferred.await(draining)
      const refused = yield* request(`${origin}/health`, { auth: false })
      expect(refused.status).toBe(503)
      yield* Deferred.succeed(release, undefined)
      const reply = yield* Fiber.join(inFlight)
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({ response: "done" })
      yield* Fiber.join(closing)
      const after = yield* Effect.either(Effect.tryPromise(() => fetch(`${origin}/health`)))
      expect(after._tag).toBe("Left")
    }))

  it.scopedLive("a request still running at the shutdown deadline is cut off and the server stops", () =>
    Effect.gen(function*() {
      const entered = yield* Deferred.make<void>()
      const release = yield* Deferred.make<void>()
      const scope = yield* Scope.make()
      const layer = NodeServer.layer([slow], { port: 0, host: "127.0.0.1", shutdownTimeout: "100 millis" }).pipe(
        Layer.provide(Layer.succeed(Gate, { entered, release }))
      )
      const { origin } = yield* serve(layer, scope)
      const inFlight = yield* Effect.fork(Effect.either(Effect.tryPromise(() =>
        fetch(`${origin}/slow/swaig`, {
          method: "POST",
          headers: { authorization: authHeader, "content-type": "application/json" },
          body: JSON.stringify(swaigBody("wait", {}))
        })
      )))
      yield* Deferred.await(entered)
      yield* Scope.close(scope, Exit.void)
      const outcome = yield* Fiber.join(inFlight)
      expect(outcome._tag).toBe("Left")
      const after = yield* Effect.either(Effect.tryPromise(() => fetch(`${origin}/health`)))
      expect(after._tag).toBe("Left")
    }))
})

describe("types", () => {
  it("a tool's requirements surface on the server layer until a layer provides them", () => {
    const needsOrders: Layer.Layer<never, unknown, typeof Orders.Identifier> = NodeServer.layer([support])
    // @effect-diagnostics-next-line missingLayerContext:off
    // @ts-expect-error: Orders is required by support's order_status tool
    const missing: Layer.Layer<never, unknown, never> = NodeServer.layer([support])
    const provided: Layer.Layer<never, unknown, never> = NodeServer.layer([support]).pipe(Layer.provide(OrdersLive))
    expect([needsOrders, missing, provided].length).toBe(3)
  })
})
