/** The worked example of the README's "AI agents: scripted calls", verbatim: it runs here. */
import { describe, expect, it } from "@effect/vitest"
import { AgentBase } from "@signalwire-effect/agents"
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const support = AgentBase.make({ name: "support", route: "/support", prompt: "You are Acme's support agent." }).pipe(
  AgentBase.postPrompt("Summarise the call as JSON"),
  AgentBase.tool({
    name: "order_status",
    description: "Look up an order",
    parameters: Schema.Struct({ order: Schema.String }),
    handler: ({ order }) => Effect.succeed(FunctionResult.make(`Order ${order} has shipped.`).pipe(FunctionResult.updateGlobalData({ order })))
  })
)

describe("support", () => {
  it.scoped("tells the caller where the order is", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([support])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/support"),
        script: AiScript.make([
          AiScript.says("Where is my order A-17?"),
          AiScript.callsTool("order_status", { order: "A-17" }),
          AiScript.expectSaid(/shipped/),
          AiScript.callerHangsUp
        ], { postPromptData: { topic: "order" } })
      })
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      const request = result.entries.find((e) => e._tag === "SwaigRequest")
      expect(request?._tag === "SwaigRequest" && request.body["argument"]).toMatchObject({ parsed: [{ order: "A-17" }] })
      expect(result.entries.some((e) => e._tag === "GlobalDataChanged" && e.globalData["order"] === "A-17")).toBe(true)
    }))
})
