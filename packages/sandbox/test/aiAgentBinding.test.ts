import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { RestClient } from "@signalwire-effect/rest"
import { AgentTest, AiScript, RelaySandbox } from "@signalwire-effect/sandbox"
import { stub } from "./fixtures/stub.js"

describe("a number bound to a Fabric AI agent", () => {
  it.scoped("an inbound call runs the agent as an ai verb: its prompt, its SWAIG tools at their web_hook_url, its post-prompt", () =>
    Effect.gen(function*() {
      const tools = yield* stub((request) =>
        request.url.startsWith("/summary") ? { json: {} } : { json: { response: "Your order ships tomorrow." } }
      )
      const sandbox = yield* RelaySandbox.make()
      const rest = yield* Effect.provide(
        RestClient.RestClient,
        RestClient.layer({ project: "sandbox-project", token: "sandbox-token", baseUrl: sandbox.rest.baseUrl }).pipe(
          Layer.provide(FetchHttpClient.layer)
        )
      )
      const agent = yield* rest.fabric.aiAgents.create({
        name: "Front desk",
        prompt: { text: "You answer questions about orders." },
        post_prompt: { text: "Summarise the call." },
        post_prompt_url: `${tools.origin}/summary`,
        SWAIG: {
          functions: [{
            function: "order_status",
            description: "The status of an order",
            parameters: { type: "object", properties: { order: { type: "string" } } },
            web_hook_url: `${tools.origin}/swaig`
          }]
        }
      })
      const number = (yield* rest.phoneNumbers.list()).data[0]!
      yield* rest.phoneNumbers.setAiAgent(number.id, agent.id)

      const result = yield* AgentTest.runCall({
        sandbox,
        to: number.number,
        script: AiScript.make([
          AiScript.expectPrompt("You answer questions about orders."),
          AiScript.says("Where is order 42?"),
          AiScript.callsTool("order_status", { order: "42" }),
          AiScript.expectSaid("Your order ships tomorrow."),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      expect(result.entries[0]).toMatchObject({ _tag: "DocumentStarted", via: "binding" })
      // The platform's SWAIG request reached the agent's webhook, then the post-prompt its URL.
      const swaig = tools.received.find((r) => r.url.startsWith("/swaig"))
      expect(JSON.parse(swaig!.body)).toMatchObject({ function: "order_status", argument: { parsed: [{ order: "42" }] } })
      expect(tools.received.some((r) => r.url.startsWith("/summary"))).toBe(true)
    }))
})
