import { describe, expect, it } from "@effect/vitest"
import { AgentBase } from "@signalwire-effect/agents"
import { Ai, ContextBuilder, FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
import { only } from "./fixtures/entries.js"
import { basicAuth } from "./fixtures/agents.js"


/** What `profile` saw of the global data, per call. */
const seen: Array<unknown> = []

/** A travel agent whose first step gathers the caller's profile, then plans. */
const travel = AgentBase.make({ name: "travel", route: "/travel", basicAuth, prompt: "You are a travel agent." }).pipe(
  AgentBase.withAi(Ai.withContexts(Either.getOrThrow(ContextBuilder.make().pipe(
    ContextBuilder.addContext("default", {
      steps: [
        ContextBuilder.step("intake", {
          text: "Thank the caller.",
          gatherInfo: {
            outputKey: "profile",
            completionAction: "next_step",
            prompt: "Introduce yourself as the travel desk.",
            questions: [
              { key: "name", question: "What is your name?" },
              { key: "age", question: "How old are you?", type: "integer", confirm: true, functions: ["check_age"] }
            ]
          }
        }),
        ContextBuilder.step("plan", { text: "Plan the trip with the profile.", functions: ["profile"] })
      ]
    }),
    ContextBuilder.build
  )))),
  AgentBase.tool({
    name: "check_age",
    description: "Check an age is plausible",
    secure: false,
    parameters: Schema.Struct({ age: Schema.Number }),
    handler: ({ age }) => Effect.succeed(FunctionResult.make(age < 130 ? "plausible" : "implausible"))
  }),
  AgentBase.tool({
    name: "profile",
    description: "Read the caller's profile",
    secure: false,
    parameters: Schema.Struct({}),
    handler: (_, call) =>
      Effect.sync(() => {
        seen.push(call.globalData?.["profile"])
        return FunctionResult.make(`Profile: ${JSON.stringify(call.globalData?.["profile"])}`)
      })
  })
)

describe("gather mode (a step's gather_info)", () => {
  it.scoped("questions one at a time, only gather_submit and the question's functions, answers typed and confirmed, stored under output_key, then the next step", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([travel])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/travel"),
        script: AiScript.make([
          AiScript.expectPrompt(/Introduce yourself as the travel desk\.[\s\S]*Question for the caller: "What is your name\?"/),
          AiScript.says("I'm Ada."),
          AiScript.callsTool("gather_submit", { answer: "Ada" }),
          AiScript.expectPrompt(/Question for the caller: "How old are you\?"[\s\S]*The answer is of type integer[\s\S]*confirm/),
          AiScript.callsTool("check_age", { age: 36 }),
          AiScript.callsTool("gather_submit", { answer: "thirty-six" }),
          AiScript.callsTool("gather_submit", { answer: 36 }),
          AiScript.callsTool("gather_submit", { answer: 36, confirmed_by_user: "true" }),
          AiScript.expectPrompt(/Plan the trip with the profile\./),
          AiScript.callsTool("profile"),
          AiScript.expectSaid(/"name":"Ada","age":36/),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      expect(only(result.entries, "GatherQuestion").map((q) => [q.step, q.index, q.key])).toEqual([
        ["intake", 0, "name"],
        ["intake", 1, "age"]
      ])
      expect(only(result.entries, "GatherAnswer").map((a) => [a.key, a.answer, a.accepted, a.reason])).toEqual([
        ["name", "Ada", true, undefined],
        ["age", "thirty-six", false, "expected a value of type integer"],
        ["age", 36, false, expect.stringContaining("confirmed by the caller")],
        ["age", 36, true, undefined]
      ])
      expect(only(result.entries, "GatherCompleted")).toMatchObject([
        { context: "default", step: "intake", outputKey: "profile", answers: { name: "Ada", age: 36 }, next: "plan" }
      ])
      expect(only(result.entries, "StepChanged").map((s) => [s.step, s.via])).toEqual([["plan", "gather_complete"]])
      expect(seen.at(-1)).toEqual({ name: "Ada", age: 36 })
      // The per-question function went to the agent; gather_submit never did.
      expect(only(result.entries, "SwaigRequest").map((r) => r.function)).toEqual(["check_age", "profile"])
    }))

  it.scoped("a normal tool during a gather question is not available: the platform ends the call", () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([travel])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/travel"),
        script: AiScript.make([AiScript.callsTool("profile"), AiScript.callerHangsUp])
      })
      expect(result.passed).toBe(false)
      expect(only(result.entries, "AiFailure")[0]).toMatchObject({
        reason: "inactive_function",
        function: "profile",
        detail: expect.stringContaining("available: [gather_submit]")
      })
    }))

  it.scoped("without completion_action the step returns to its own instructions; without output_key answers go to the top of global_data", () =>
    Effect.gen(function*() {
      const agent = AgentBase.make({ name: "survey", route: "/survey", basicAuth, prompt: "You run a survey." }).pipe(
        AgentBase.withAi(Ai.withContexts({
          default: {
            steps: [{
              name: "ask",
              text: "Thank the caller for the answers.",
              gather_info: { questions: [{ key: "likes_trains", question: "Do you like trains?", type: "boolean" }] }
            }]
          }
        }))
      )
      const served = yield* AgentTest.serve([agent])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/survey"),
        script: AiScript.make([
          AiScript.callsTool("gather_submit", { answer: "yes" }),
          AiScript.callsTool("gather_submit", { answer: true }),
          AiScript.expectPrompt(/Thank the caller for the answers\./),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(only(result.entries, "GatherCompleted")).toMatchObject([{ step: "ask", answers: { likes_trains: true } }])
      expect(only(result.entries, "GatherCompleted")[0]!.next).toBeUndefined()
      expect(only(result.entries, "GlobalDataChanged").at(-1)!.globalData).toEqual({ likes_trains: true })
    }))
})
