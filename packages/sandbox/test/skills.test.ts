import { describe, expect, it } from "@effect/vitest"
import { AgentBase, SWMLService } from "@signalwire-effect/agents"
import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
import { InfoGatherer } from "@signalwire-effect/agents/skills/InfoGatherer"
import { SwmlTransfer } from "@signalwire-effect/agents/skills/SwmlTransfer"
import * as Effect from "effect/Effect"
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"

describe("skills in a scripted call", () => {
  it.scoped("info_gatherer: questions in order, state carried in global data by the platform, tools off at the end", () =>
    Effect.gen(function*() {
      const agent = yield* AgentBase.make({ name: "intake", route: "/intake", prompt: "You take details." }).pipe(
        AgentBase.addSkill(InfoGatherer, {
          prefix: "intake",
          completion_message: "All done, thank you.",
          questions: [
            { key_name: "name", question_text: "What is your name?" },
            { key_name: "email", question_text: "What is your email?", confirm: true }
          ]
        }),
        Effect.flatMap(AgentBase.addSkill(SwmlTransfer, { transfers: { "/sales/i": { address: "+15551234567" } } }))
      )
      const served = yield* AgentTest.serve([agent])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/intake"),
        script: AiScript.make([
          AiScript.says("I'm ready"),
          AiScript.callsTool("intake_start_questions"),
          AiScript.expectSaid("[Question 1 of 2]: \"What is your name?\""),
          AiScript.callsTool("intake_submit_answer", { answer: "Ada" }),
          AiScript.expectSaid("[Question 2 of 2]: \"What is your email?\""),
          AiScript.callsTool("intake_submit_answer", { answer: "ada@example.com" }),
          AiScript.expectSaid("read the answer \"ada@example.com\" back to the user"),
          AiScript.callsTool("intake_submit_answer", { answer: "ada@example.com", confirmed_by_user: true }),
          AiScript.expectSaid("All done, thank you."),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      const applied = result.entries.flatMap((e) => e._tag === "ActionApplied" ? [[e.function, e.action, e.applied]] : [])
      expect(applied).toEqual([
        ["intake_submit_answer", "set_global_data", true],
        ["intake_submit_answer", "toggle_functions", true],
        ["intake_submit_answer", "set_global_data", true]
      ])
      const data = result.entries.flatMap((e) => e._tag === "GlobalDataChanged" ? [e.globalData["skill:intake"]] : [])
      expect(data.at(-1)).toMatchObject({
        question_index: 2,
        answers: [{ key_name: "name", answer: "Ada" }, { key_name: "email", answer: "ada@example.com" }]
      })
      // The second and third submissions were sent the state the first one stored.
      const sent = result.entries.flatMap((e) =>
        e._tag === "SwaigRequest" && e.function === "intake_submit_answer"
          ? [(e.body["global_data"] as { "skill:intake": { question_index: number } })["skill:intake"].question_index]
          : []
      )
      expect(sent).toEqual([0, 1, 1])
    }))

  it.scoped("swml_transfer: the transfer action takes the call out of the AI to the destination's SWML", () =>
    Effect.gen(function*() {
      const sales = SWMLService.make({
        name: "sales",
        route: "/sales",
        document: SwmlBuilder.make().pipe(SwmlBuilder.add(Verb.say("Sales here"), Verb.hangup()))
      })
      const front = AgentBase.make({ name: "front", route: "/front", prompt: "You route callers." })
      const served0 = yield* AgentTest.serve([sales])
      const agent = yield* front.pipe(AgentBase.addSkill(SwmlTransfer, {
        transfers: { "/sales/i": { url: served0.url("/sales"), message: "Connecting you to sales", return_message: "Back from sales" } }
      }))
      const served = yield* AgentTest.serve([agent])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/front"),
        script: AiScript.make([
          AiScript.says("Sales please"),
          AiScript.callsTool("transfer_call", { transfer_type: "Sales" })
        ])
      })
      expect(result.failures).toEqual([])
      const applied = result.entries.flatMap((e) => e._tag === "ActionApplied" ? [[e.function, e.action, e.applied, e.note]] : [])
      expect(applied).toEqual([["transfer_call", "SWML", true, "transfer: the call leaves the AI for this SWML"]])
      const tags = result.entries.map((e) => e._tag)
      expect(tags).toContain("AiEnded")
      expect(JSON.stringify(result.entries)).toContain("Sales here")
    }))
})
