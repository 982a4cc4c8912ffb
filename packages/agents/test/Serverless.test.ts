import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgentServer, Serverless } from "../src/index.js"
import { OrdersLive, support } from "./fixtures/agents.js"
import { authHeader, swaigBody } from "./fixtures/server.js"

describe("Serverless", () => {
  it.scoped("an agent as a Lambda handler: API Gateway v1 and v2 (base64 body) events", () =>
    Effect.gen(function*() {
      const web = yield* Effect.acquireRelease(
        Effect.sync(() => AgentServer.toWebHandler([support], OrdersLive)),
        (w) => Effect.promise(w.dispose)
      )
      const handler = Serverless.toLambdaHandler(web.handler)
      const v1 = yield* Effect.promise(() =>
        handler({
          httpMethod: "GET",
          path: "/support",
          headers: { host: "abc.execute-api.us-east-1.amazonaws.com", authorization: authHeader },
          queryStringParameters: { tier: "gold" },
          body: null
        })
      )
      expect(v1.statusCode).toBe(200)
      expect(v1.headers["content-type"]).toContain("application/json")
      const doc = JSON.parse(v1.body) as { sections: { main: Array<{ ai?: { SWAIG: { defaults: { web_hook_url: string } } } }> } }
      expect(doc.sections.main[1]!.ai!.SWAIG.defaults.web_hook_url).toBe(
        "http://signalwire:pa55-word@abc.execute-api.us-east-1.amazonaws.com/support/swaig"
      )
      const v2 = yield* Effect.promise(() =>
        handler({
          rawPath: "/support/swaig",
          rawQueryString: "",
          requestContext: { http: { method: "POST" }, domainName: "fn.lambda-url.us-east-1.on.aws" },
          headers: { authorization: authHeader, "content-type": "application/json" },
          body: Buffer.from(JSON.stringify(swaigBody("get_weather", { city: "Lima" }))).toString("base64"),
          isBase64Encoded: true
        })
      )
      expect(v2.statusCode).toBe(200)
      expect(JSON.parse(v2.body)).toMatchObject({ response: "Tell the caller it is 21c in Lima (voice)" })
      const denied = yield* Effect.promise(() => handler({ httpMethod: "POST", path: "/support/swaig", headers: {}, body: "{}" }))
      expect(denied.statusCode).toBe(401)
      expect(denied.headers["www-authenticate"]).toMatch(/^Basic/)
    }))
})
