import { describe, expect, it } from "@effect/vitest"
import { AgentBase } from "@signalwire-effect/agents"
import { FunctionResult, type Swml } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
import { only } from "./fixtures/entries.js"
import { basicAuth } from "./fixtures/agents.js"


/** What the remote tool saw of each call. */
const calls: Array<{ readonly order: string; readonly metaData: unknown; readonly callId: string | undefined }> = []

/** A tools service: its tools are included by another document's `ai` (tokens are per call: not secure). */
const tools = AgentBase.make({ name: "tools", route: "/tools", basicAuth, prompt: "unused" }).pipe(
  AgentBase.tool({
    name: "lookup_order",
    description: "Look up an order",
    secure: false,
    parameters: Schema.Struct({ order: Schema.String }),
    handler: ({ order }, call) =>
      Effect.sync(() => {
        calls.push({ order, metaData: call.metaData, callId: call.callId })
        return FunctionResult.make(`Order ${order} has shipped.`)
      })
  }),
  AgentBase.tool({
    name: "cancel_order",
    description: "Cancel an order",
    secure: false,
    parameters: Schema.Struct({ order: Schema.String }),
    handler: ({ order }) => Effect.succeed(FunctionResult.make(`Order ${order} cancelled.`))
  })
)

const documentIncluding = (include: { readonly [key: string]: unknown }): Swml.Document => ({
  version: "1.0.0",
  sections: { main: [{ ai: { prompt: { text: "You help with orders." }, SWAIG: { includes: [include] } } }] }
} as unknown as Swml.Document)

describe("SWAIG.includes", () => {
  it.scoped("get_signature at the start of the session (auth_user/auth_password as Basic auth), the answered definitions registered, calls go to the include's URL with its meta_data", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([tools])
      const result = yield* AgentTest.runCall({
        callId: "call-includes-1",
        swml: documentIncluding({
          url: `${served.origin}/tools/swaig`,
          functions: ["lookup_order"],
          meta_data: { store: "sf-01" },
          auth_user: basicAuth.user,
          auth_password: "s3cret-pw"
        }),
        script: AiScript.make([
          AiScript.says("Where is A-17?"),
          AiScript.callsTool("lookup_order", { order: "A-17" }),
          AiScript.expectSaid("Order A-17 has shipped."),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(only(result.entries, "IncludeFetched")).toMatchObject([
        { url: `${served.origin}/tools/swaig`, requested: ["lookup_order"], registered: ["lookup_order"] }
      ])
      const signature = only(result.entries, "HttpExchange").find((x) => x.purpose === "signature")
      expect(signature).toMatchObject({ method: "POST", status: 200, basicAuth: true })
      expect(only(result.entries, "AiStarted")[0]!.functions).toEqual(["lookup_order"])
      expect(only(result.entries, "SwaigRequest")[0]).toMatchObject({ function: "lookup_order", body: { meta_data: { store: "sf-01" } } })
      expect(calls.at(-1)).toEqual({ order: "A-17", metaData: { store: "sf-01" }, callId: "call-includes-1" })
    }))

  it.scoped("an include that refuses the signature request registers nothing: the call goes on, and calling its function ends it", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([tools])
      const result = yield* AgentTest.runCall({
        swml: documentIncluding({ url: `${served.origin}/tools/swaig`, functions: ["lookup_order"], auth_user: "acme", auth_password: "wrong" }),
        script: AiScript.make([AiScript.says("Hello"), AiScript.callsTool("lookup_order", { order: "A-1" })])
      })
      expect(only(result.entries, "IncludeFetched")).toMatchObject([{ registered: [], error: "the Basic-auth credentials were refused" }])
      expect(only(result.entries, "CallerSaid").map((c) => c.text)).toEqual(["Hello"])
      expect(only(result.entries, "AiFailure")[0]).toMatchObject({ reason: "undeclared_function", function: "lookup_order" })
    }))

  it.scoped("an answer that is not a list of SWAIG functions is reported with what is wrong", () =>
    Effect.gen(function*() {
      const bogus = AgentBase.make({ name: "bogus", route: "/bogus", basicAuth, prompt: "unused" })
      const served = yield* AgentTest.serve([bogus])
      // The agent's own SWML is JSON but not a list of functions: use it as the "signature" answer.
      const result = yield* AgentTest.runCall({
        swml: documentIncluding({ url: served.url("/bogus"), functions: ["x"] }),
        script: AiScript.make([AiScript.callerHangsUp])
      })
      expect(only(result.entries, "IncludeFetched")).toMatchObject([{ registered: [], error: expect.stringContaining("not a list of SWAIG functions") }])
    }))
})
