import { describe, expect, it } from "@effect/vitest"
import { AgentBase } from "@signalwire-effect/agents"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { AgentTest, AiScript, RelaySandbox } from "@signalwire-effect/sandbox"

const CALLS = 50
const TOOLS = 5

const counter = AgentBase.make({
  name: "counter",
  route: "/counter",
  basicAuth: { user: "load", password: Redacted.make("load") },
  prompt: "You count."
}).pipe(
  AgentBase.postPrompt("Summarise"),
  AgentBase.tool({
    name: "count",
    description: "Count a step",
    parameters: Schema.Struct({ call: Schema.Int, step: Schema.Int }),
    handler: ({ call, step }) =>
      // A reply that yields first, so that replies of concurrent calls interleave.
      Effect.as(Effect.yieldNow(), FunctionResult.make(`ack ${call}.${step}`).pipe(FunctionResult.updateGlobalData({ step })))
  })
)

/** What call `i`'s transcript must be, entry by entry (tags and the values that identify the call and step). */
const expected = (i: number) => [
  "HttpExchange:swml",
  "DocumentStarted",
  "Verb:answer",
  "Verb:ai",
  "AiStarted",
  ...Array.from({ length: TOOLS }, (_, k) => [
    `CallerSaid:${i}.${k}`,
    `SwaigRequest:${i}.${k}`,
    "HttpExchange:swaig",
    `SwaigReply:ack ${i}.${k}`,
    `ActionApplied:set_global_data`,
    `GlobalDataChanged:${k}`,
    `AiSaid:ack ${i}.${k}`
  ]).flat(),
  "HttpExchange:post_prompt",
  "PostPromptSent:200",
  "AiEnded:caller_hangup",
  "CallEnded:caller"
]

const describeEntry = (e: AgentTest.Entry): string => {
  switch (e._tag) {
    case "Verb":
      return `Verb:${e.verb}`
    case "HttpExchange":
      return `HttpExchange:${e.purpose}`
    case "CallerSaid":
      return `CallerSaid:${e.text}`
    case "SwaigRequest": {
      const args = (e.body["argument"] as { parsed: Array<{ call: number; step: number }> }).parsed[0]!
      return `SwaigRequest:${args.call}.${args.step}`
    }
    case "SwaigReply":
      return `SwaigReply:${String(e.reply["response"])}`
    case "ActionApplied":
      return `ActionApplied:${e.action}`
    case "GlobalDataChanged":
      return `GlobalDataChanged:${String(e.globalData["step"])}`
    case "AiSaid":
      return `AiSaid:${e.text}`
    case "PostPromptSent":
      return `PostPromptSent:${e.status}`
    case "AiEnded":
      return `AiEnded:${e.reason}`
    case "CallEnded":
      return `CallEnded:${e.reason}`
    default:
      return e._tag
  }
}

describe("many scripted calls at once", () => {
  it.scoped(`${CALLS} simultaneous calls of ${TOOLS} tool calls each: every transcript complete and in order`, () =>
    Effect.gen(function*() {
      const served = yield* AgentTest.serve([counter])
      const sandbox = yield* RelaySandbox.make()
      const results = yield* Effect.forEach(
        Array.from({ length: CALLS }, (_, i) => i),
        (i) =>
          AgentTest.runCall({
            swmlUrl: served.url("/counter"),
            callId: `load-${i}`,
            sandbox,
            script: AiScript.make(Array.from({ length: TOOLS }, (_, k) => [
              AiScript.says(`${i}.${k}`),
              AiScript.callsTool("count", { call: i, step: k })
            ]).flat())
          }),
        { concurrency: "unbounded" }
      )
      results.forEach((result, i) => {
        expect(result.failures).toEqual([])
        expect(result.entries.map(describeEntry)).toEqual(expected(i))
        // Every SWAIG request of the call carried the call's own id.
        expect(result.entries.every((e) => e._tag !== "SwaigRequest" || e.body["call_id"] === `load-${i}`)).toBe(true)
      })
    }), 120_000)
})
