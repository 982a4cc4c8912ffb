import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
import type { Swml } from "@signalwire-effect/swml"

const bedrock = {
  version: "1.0.0",
  sections: {
    main: [{
      amazon_bedrock: {
        prompt: { text: "You confirm orders.", voice_id: "matthew", temperature: 0.3 },
        params: { static_greeting: "Hello from Bedrock" },
        global_data: { shop: "Acme" },
        SWAIG: {
          functions: [{
            function: "confirm",
            description: "Confirm an order",
            parameters: { type: "object", properties: { answer: { type: "string", description: "yes or no" } } },
            data_map: { expressions: [{ string: "${args.answer}", pattern: "^y", output: { response: "Confirmed for ${global_data.shop}" } }] }
          }]
        }
      }
    }]
  }
} as unknown as Swml.Document

describe("SWML amazon_bedrock", () => {
  it.scoped("runs as the ai verb it mirrors: greeting, a data_map tool, the script's turns", () =>
    Effect.gen(function*() {
      const result = yield* AgentTest.runCall({
        swml: bedrock,
        script: AiScript.make([
          AiScript.expectSaid("Hello from Bedrock"),
          AiScript.says("Yes, confirm it"),
          AiScript.callsTool("confirm", { answer: "yes" }),
          AiScript.expectSaid("Confirmed for Acme"),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      expect(result.entries.find((e) => e._tag === "Verb")).toMatchObject({ verb: "amazon_bedrock" })
      expect(result.entries.some((e) => e._tag === "VerbUnsupported")).toBe(false)
      expect(result.entries.flatMap((e) => e._tag === "DataMapRun" ? [e.function] : [])).toEqual(["confirm"])
    }))

  it.scoped("a failing expectation fails the run (the script is checked, not skipped)", () =>
    Effect.gen(function*() {
      const result = yield* AgentTest.runCall({
        swml: bedrock,
        script: AiScript.make([AiScript.expectSaid("Something else entirely"), AiScript.callerHangsUp])
      })
      expect(result.passed).toBe(false)
      expect(result.failures.length).toBeGreaterThan(0)
    }))
})
