import { describe, expect, it } from "@effect/vitest"
import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { SWMLService } from "../src/index.js"
import { basicAuth, callInfo, request, serveAll } from "./fixtures/server.js"

class Greeting extends Context.Tag("test/Greeting")<Greeting, string>() {}

describe("SWMLService", () => {
  it.scopedLive("a fixed document, a builder, and one computed per request with a service from a layer", () =>
    Effect.gen(function*() {
      const fixed = SWMLService.make({ name: "fixed", route: "/fixed", basicAuth, document: { version: "1.0.0", sections: { main: [{ hangup: {} }] } } })
      const built = SWMLService.make({
        name: "built",
        route: "/built",
        basicAuth,
        document: SwmlBuilder.make().pipe(SwmlBuilder.add(Verb.answer(), Verb.hangup()))
      })
      const computed = SWMLService.make({
        name: "computed",
        route: "/computed",
        basicAuth,
        document: (request) =>
          Effect.map(Greeting, (greeting) =>
            SwmlBuilder.make().pipe(
              SwmlBuilder.add(Verb.say(`${greeting} ${request.callId ?? "?"} ${request.query["lang"] ?? ""}`)),
              SwmlBuilder.build
            ))
      })
      const { origin } = yield* serveAll([fixed, built, computed], Layer.succeed(Greeting, "Hi"))
      expect((yield* request(`${origin}/fixed`)).body).toEqual({ version: "1.0.0", sections: { main: [{ hangup: {} }] } })
      expect((yield* request(`${origin}/built/`, { body: {} })).body).toEqual({
        version: "1.0.0",
        sections: { main: [{ answer: {} }, { hangup: {} }] }
      })
      const c = yield* request(`${origin}/computed?lang=en`, { body: callInfo("c-3") })
      expect(c.body).toEqual({ version: "1.0.0", sections: { main: [{ play: { url: "say:Hi c-3 en" } }] } })
      expect(SWMLService.callIdOf({ call: { call_id: "c-9" } })).toBe("c-9")
    }))

  it.scopedLive("a document that fails is 500 with nothing leaked; malformed call info is 400", () =>
    Effect.gen(function*() {
      const failing = SWMLService.make({
        name: "failing",
        route: "/failing",
        basicAuth,
        document: () => Effect.fail("database password is hunter2")
      })
      const { origin } = yield* serveAll([failing], Layer.empty)
      const failed = yield* request(`${origin}/failing`)
      expect(failed.status).toBe(500)
      expect(failed.text).not.toContain("hunter2")
      expect((yield* request(`${origin}/failing`, { body: "{" })).status).toBe(400)
    }))
})
