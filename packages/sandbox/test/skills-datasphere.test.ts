/**
 * The datasphere skills against the sandbox's real Datasphere: a document uploaded over REST, then
 * a scripted call in which `datasphere` (the agent's handler calls the sandbox's search endpoint)
 * and `datasphere_serverless` (the sandbox runs the DataMap against its own search) both answer
 * from it.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import { AgentBase } from "@signalwire-effect/agents"
import { Datasphere } from "@signalwire-effect/agents/skills/Datasphere"
import { DatasphereServerless } from "@signalwire-effect/agents/skills/DatasphereServerless"
import { RestClient } from "@signalwire-effect/rest"
import { AgentTest, AiScript, RelaySandbox } from "@signalwire-effect/sandbox"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const handbook = [
  "Employees accrue vacation at two days per month. Vacation requests go to your manager.",
  "",
  "Expenses are reimbursed within thirty days. Keep every receipt for expenses over ten dollars.",
  "",
  "The office opens at eight. Parking is free in the north garage."
].join("\n")

const basicAuth = { user: "hr", password: Redacted.make("hr-pass") }

describe("datasphere skills in the sandbox", () => {
  it.scoped("a scripted call: the handler skill and the DataMap skill search a document uploaded over REST", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const document = yield* Effect.flatMap(RestClient.RestClient, (rest) =>
        rest.datasphere.documents.create({
          url: `data:text/plain;base64,${Buffer.from(handbook).toString("base64")}`,
          chunking_strategy: "paragraph",
          tags: ["hr"]
        })).pipe(
          Effect.provide(RestClient.layer({ project: "sandbox-project", token: "sandbox-token", baseUrl: sandbox.rest.baseUrl })),
          Effect.provide(FetchHttpClient.layer)
        )
      const config = ConfigProvider.fromMap(
        new Map([
          ["SIGNALWIRE_PROJECT_ID", "sandbox-project"],
          ["SIGNALWIRE_API_TOKEN", "sandbox-token"],
          ["DATASPHERE_BASE_URL", sandbox.rest.baseUrl],
          ["SWML_ALLOW_PRIVATE_URLS", "true"]
        ])
      )
      const result = yield* Effect.gen(function*() {
        const agent = yield* AgentBase.make({ name: "hr", route: "/hr", basicAuth, prompt: "You answer HR questions." }).pipe(
          AgentBase.addSkill(Datasphere, { document_id: document.id, tool_name: "search_handbook", tags: ["hr"] }),
          Effect.flatMap(AgentBase.addSkill(DatasphereServerless, { document_id: document.id, tool_name: "search_fast", count: 2 }))
        )
        const served = yield* AgentTest.serve([agent])
        return yield* AgentTest.runCall({
          sandbox,
          swmlUrl: served.url("/hr"),
          script: AiScript.make([
            AiScript.says("How much vacation do I get?"),
            AiScript.callsTool("search_handbook", { query: "vacation days" }),
            AiScript.expectSaid(/I found 1 result for 'vacation days':[\s\S]*two days per month/),
            AiScript.says("Where do I park?"),
            AiScript.callsTool("search_fast", { query: "parking garage" }),
            AiScript.expectSaid(/I found results for "parking garage":[\s\S]*=== RESULT ===\nThe office opens at eight\. Parking is free/)
          ])
        })
      }).pipe(Effect.provide(FetchHttpClient.layer), Effect.withConfigProvider(config))
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      const tags = result.entries.map((e) => e._tag)
      expect(tags).toContain("SwaigRequest")
      const runs = result.entries.flatMap((e) => e._tag === "DataMapRun" ? [[e.function, e.answeredBy, e.webhooks.map((w) => w.status)]] : [])
      expect(runs).toEqual([["search_fast", "webhook", [200]]])
    }))
})
