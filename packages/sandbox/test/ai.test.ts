import { describe, expect, it } from "@effect/vitest"
import { AgentBase } from "@signalwire-effect/agents"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { AgentTest, AiScript, RelaySandbox } from "@signalwire-effect/sandbox"
import { only } from "./fixtures/entries.js"
import { basicAuth, sales, salesUrl, summaries, support } from "./fixtures/agents.js"
import { bind } from "./fixtures/binding.js"

const KEY = "PSK_ai_signing_key"


/** An agent whose tool texts the caller (an `SWML` action with `send_sms`) and toggles itself off. */
const texter = (from: string) =>
  AgentBase.make({ name: "texter", route: "/texter", basicAuth, prompt: "You text people." }).pipe(
    AgentBase.tool({
      name: "text_me",
      description: "Send the caller a text",
      secure: false,
      parameters: Schema.Struct({ to: Schema.String }),
      handler: ({ to }) =>
        Effect.succeed(FunctionResult.make("Texted.").pipe(
          FunctionResult.sendSms({ to_number: to, from_number: from, body: "Your code is 1234" }),
          FunctionResult.toggleFunctions([{ function: "text_me", active: false }])
        ))
    })
  )

/** An agent that checks the platform's signatures with the project's signing key. */
const signed = AgentBase.make({ name: "signed", route: "/signed", basicAuth, signingKey: Redacted.make(KEY), prompt: "You check signatures." }).pipe(
  AgentBase.tool({
    name: "ping",
    description: "Ping",
    parameters: Schema.Struct({}),
    handler: () => Effect.succeed(FunctionResult.make("pong"))
  })
)


describe("a scripted call to an agent", () => {
  it.scoped("an inbound call to a number bound to the agent: two tools (one secure, with its per-call token), a step and a context switch, a SWML transfer, the post-prompts", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([support, sales])
      salesUrl.value = served.url("/sales")
      const sandbox = yield* RelaySandbox.make()
      const number = (yield* sandbox.messages.numbers)[0]!
      expect(yield* bind(sandbox, number, served.url("/support"))).toBe(200)
      const callId = "call-ai-1"
      const result = yield* AgentTest.runCall({
        sandbox,
        to: number,
        callId,
        from: "+15551230000",
        script: AiScript.make([
          AiScript.says("What's the weather in Paris?"),
          AiScript.callsTool("get_weather", { city: "Paris" }),
          AiScript.expectSaid(/sunny in Paris/),
          AiScript.callsTool("next_step"),
          AiScript.expectPrompt("Help with orders."),
          AiScript.says("Where is order A-17?"),
          AiScript.callsTool("order_status", { order: "A-17" }),
          AiScript.expectSaid("shipped (tier gold)"),
          AiScript.callsTool("change_context", { context: "billing" }),
          AiScript.expectPrompt(/payment details/),
          AiScript.callsToolMatching(/^transfer/),
          AiScript.says("How much is it?"),
          AiScript.callsTool("quote"),
          AiScript.expectSaid("42 dollars"),
          AiScript.callerHangsUp
        ], { postPromptData: { topic: "orders" } })
      })
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      expect(result.ended).toBe("caller")

      // The SWAIG request of the secure tool: its per-call token in the URL, the platform's body.
      const requests = only(result.entries, "SwaigRequest")
      expect(requests.map((r) => r.function)).toEqual(["get_weather", "order_status", "transfer_sales", "quote"])
      const secure = requests[1]!
      expect(secure.url).toMatch(/\/support\/swaig\?__token=\*\*\*$/)
      expect(secure.url).not.toContain("s3cret")
      // No entry (the HTTP exchanges included) shows a per-call token.
      expect(JSON.stringify(result.entries)).not.toMatch(/__token=(?!\*\*\*)/)
      expect(secure.body).toMatchObject({
        function: "order_status",
        argument: { parsed: [{ order: "A-17" }], raw: "{\"order\":\"A-17\"}" },
        call_id: callId,
        conversation_type: "voice",
        content_type: "text/swaig",
        version: "2.0",
        caller_id_num: "+15551230000",
        global_data: { tier: "gold", last_city: "Paris" },
        SWMLCall: { call_id: callId, from: "+15551230000" }
      })
      expect(only(result.entries, "SwaigReply").every((r) => r.status === 200)).toBe(true)

      // Global data over time, steps and contexts.
      expect(only(result.entries, "GlobalDataChanged")[0]!.globalData).toEqual({ tier: "gold", last_city: "Paris" })
      expect(only(result.entries, "StepChanged").map((s) => [s.context, s.step, s.via])).toEqual([
        ["default", "help", "next_step"],
        ["billing", "pay", "change_context"]
      ])
      expect(only(result.entries, "StepChanged")[0]!.stepCriteria).toBe("The order question is answered")

      // The transfer: the AI ends, the SWML runs (set, transfer to the sales URL), sales' AI continues the script.
      const tags = result.entries.map((e) => e._tag)
      const transferEnd = result.entries.findIndex((e) => e._tag === "AiEnded" && e.reason === "transfer")
      expect(transferEnd).toBeGreaterThan(0)
      expect(only(result.entries, "HttpExchange").filter((x) => x.purpose === "swml").map((f) => [f.url, f.signed, f.basicAuth])).toEqual([
        [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/support$/), true, true],
        [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/sales$/), true, true]
      ])
      expect(tags.indexOf("PostPromptSent")).toBeLessThan(transferEnd)

      // Both post-prompts were delivered and the agents' summary hooks got the script's data.
      expect(only(result.entries, "PostPromptSent").map((p) => p.status)).toEqual([200, 200])
      expect(summaries.filter((s) => s.callId === callId)).toEqual([
        { agent: "support", callId, summary: { topic: "orders" } },
        { agent: "sales", callId, summary: { topic: "orders" } }
      ])
      expect(only(result.entries, "AiEnded").map((e) => e.reason)).toEqual(["transfer", "caller_hangup"])
    }))

  it.scoped("a failed assertion and a refused step are recorded; a tool outside the step ends the call, the turns left fail the script", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([support])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/support"),
        script: AiScript.make([
          AiScript.callsTool("get_weather", { city: "Oslo" }),
          AiScript.expectSaid("raining"),
          AiScript.callsTool("next_step", { step: "pay" }),
          AiScript.callsTool("transfer_sales"),
          AiScript.says("Hello?")
        ])
      })
      expect(result.passed).toBe(false)
      expect(result.failures.map((f) => f._tag === "AiFailure" ? f.reason : f._tag)).toEqual([
        "AssertionResult",
        "step_refused",
        "inactive_function",
        "script_unfinished"
      ])
      expect(result.ended).toBe("error")
      expect(only(result.entries, "AiEnded").map((e) => [e.reason, e.next])).toEqual([["error", "hangup"]])
    }))

  it.scoped("an inbound call to a number bound over REST to the agent's URL, signed with the project's key; a wrong key is a 403", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([signed])
      const script = AiScript.make([AiScript.callsTool("ping"), AiScript.expectSaid("pong")])
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const number = (yield* sandbox.messages.numbers)[0]!
      expect(yield* bind(sandbox, number, served.url("/signed"))).toBe(200)
      const result = yield* AgentTest.runCall({ sandbox, to: number, script })
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      expect(result.entries.find((e) => e._tag === "DocumentStarted")).toMatchObject({ via: "binding" })

      const wrong = yield* RelaySandbox.make({ signingKey: "not-the-agent's-key" })
      const other = (yield* wrong.messages.numbers)[0]!
      expect(yield* bind(wrong, other, served.url("/signed"))).toBe(200)
      const refused = yield* AgentTest.runCall({ sandbox: wrong, to: other, script })
      expect(refused.passed).toBe(false)
      expect(refused.entries.find((e) => e._tag === "HttpFailed")).toMatchObject({ purpose: "swml", reason: "forbidden", status: 403 })
      expect(refused.ended).toBe("error")
    }))

  it.scoped("a tool's SWML action sends an SMS through the messaging simulation; a toggled-off tool cannot be called again", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const from = (yield* sandbox.messages.numbers)[0]!
      const served = yield* AgentTest.serve([texter(from)])
      const result = yield* AgentTest.runCall({
        sandbox,
        swmlUrl: served.url("/texter"),
        script: AiScript.make([AiScript.callsTool("text_me", { to: "+15557654321" }), AiScript.expectSaid("Texted."), AiScript.callsTool("text_me", { to: "+15557654321" })])
      })
      const sms = result.entries.find((e) => e._tag === "SmsSent")
      expect(sms).toMatchObject({ by: "ai", from, to: "+15557654321", body: "Your code is 1234", result: "success" })
      const messages = yield* sandbox.messages.list
      expect(messages.some((m) => m.body === "Your code is 1234" && m.to === "+15557654321")).toBe(true)
      expect(result.failures.map((f) => f._tag === "AiFailure" ? f.reason : f._tag)).toEqual(["inactive_function"])
    }))
})
