/**
 * datasphere / datasphere_serverless at the agent: credentials, the request on the wire and the
 * failure paths against a loopback fake; the DataMap the serverless skill renders. (Both run
 * against the sandbox's real Datasphere in packages/sandbox/test/skills-datasphere.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgentBase, ToolToken } from "../../src/index.js"
import { Datasphere } from "../../src/skills/Datasphere.js"
import { DatasphereServerless } from "../../src/skills/DatasphereServerless.js"
import { base, served, withConfig } from "../fixtures/knowledge.js"
import { type Received, loopbackApi } from "../fixtures/loopbackApi.js"
import { aiOf, functionsOf, live } from "../fixtures/skills.js"

const fake = () =>
  loopbackApi((r: Received) => {
    const query = (r.json as { query_string?: string } | undefined)?.query_string
    if (query === "boom") return { status: 500, json: { error: "internal" } }
    if (query === "slow") return "hang"
    if (query === "nothing") return { json: { chunks: [] } }
    return { json: { chunks: [{ text: "Vacation: two days a month.", document_id: "d1" }, { text: "Ask your manager.", document_id: "d1" }] } }
  })

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`

describe("datasphere", () => {
  it.scopedLive("POSTs the search with Basic auth; formats the chunks; no results, 500 and timeout answered gracefully", () =>
    Effect.gen(function*() {
      const api = yield* fake()
      const agent = yield* base().pipe(
        AgentBase.addSkill(Datasphere, {
          document_id: "d1",
          count: 2,
          tags: ["hr"],
          tool_name: "search_hr",
          no_results_message: "No HR info on '{query}'."
        }),
        Effect.flatMap(AgentBase.addSkill(Datasphere, { document_id: "d1", tool_name: "search_slow", timeout: 0.2 })),
        withConfig({ SIGNALWIRE_PROJECT_ID: "proj", SIGNALWIRE_TOKEN: "tok", DATASPHERE_BASE_URL: `${api.origin}/` })
      )
      const { call, document } = yield* live(agent, served())
      expect(functionsOf(yield* document()).map((f) => f["function"])).toEqual(["search_hr", "search_slow"])
      expect(aiOf(yield* document())["global_data"]).toEqual({
        datasphere_enabled: true,
        document_id: "d1",
        knowledge_provider: "SignalWire DataSphere"
      })
      const found = yield* call("search_hr", { query: " vacation " })
      expect(found.body["response"]).toBe(
        "I found 2 results for 'vacation':\n\n=== RESULT 1 ===\nVacation: two days a month.\n" + "=".repeat(50) + "\n\n\n" +
          "=== RESULT 2 ===\nAsk your manager.\n" + "=".repeat(50) + "\n\n"
      )
      const sent = api.received[0]!
      expect([sent.method, sent.path, sent.headers.authorization]).toEqual(["POST", "/api/datasphere/documents/search", basic("proj", "tok")])
      expect(sent.json).toEqual({ document_id: "d1", query_string: "vacation", count: 2, distance: 3, tags: ["hr"] })
      expect((yield* call("search_hr", { query: "nothing" })).body["response"]).toBe("No HR info on 'nothing'.")
      expect((yield* call("search_hr", { query: "boom" })).body["response"]).toBe(
        "Sorry, there was an error accessing the knowledge base. Please try again later."
      )
      expect((yield* call("search_slow", { query: "slow" })).body["response"]).toBe("Sorry, the knowledge search timed out. Please try again.")
    }))

  it.effect("credentials: parameters first, then SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN (or SIGNALWIRE_TOKEN); missing is a ConfigError", () =>
    Effect.gen(function*() {
      const noToken = yield* Effect.flip(
        base().pipe(AgentBase.addSkill(Datasphere, { document_id: "d1", space_name: "acme" }), withConfig({ SIGNALWIRE_PROJECT_ID: "p" }))
      )
      expect(noToken._tag).toBe("ConfigError")
      expect(String(noToken)).toContain("SIGNALWIRE_API_TOKEN")
      const noSpace = yield* Effect.flip(
        base().pipe(AgentBase.addSkill(Datasphere, { document_id: "d1", project_id: "p", token: "t" }), withConfig({}))
      )
      expect(String(noSpace)).toContain("SIGNALWIRE_SPACE")
      const noDocument = yield* Effect.flip(base().pipe(AgentBase.addSkill(Datasphere, { space_name: "acme" })))
      expect(noDocument.message).toContain("document_id")
    }))
})

describe("datasphere_serverless", () => {
  it.effect("renders a DataMap: POST to the space's search URL with the credentials, foreach over the chunks, fallback", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(
        AgentBase.addSkill(DatasphereServerless, { space_name: "acme", document_id: "d1", count: 3, language: "en" }),
        withConfig({ SIGNALWIRE_PROJECT_ID: "proj", SIGNALWIRE_API_TOKEN: "tok" })
      )
      const doc = yield* AgentBase.render(agent, { baseUrl: "https://u:p@agent.example.com/desk", secret: yield* ToolToken.randomSecret })
      const fn = functionsOf(doc).find((f) => f["function"] === "search_knowledge")!
      expect(fn["parameters"]).toMatchObject({ type: "object", required: ["query"] })
      expect(fn["data_map"]).toEqual({
        webhooks: [{
          url: "https://acme.signalwire.com/api/datasphere/documents/search",
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: basic("proj", "tok") },
          params: { document_id: "d1", query_string: "${args.query}", count: 3, distance: 3, language: "en" },
          foreach: { input_key: "chunks", output_key: "formatted_results", max: 3, append: "=== RESULT ===\n${this.text}\n" + "=".repeat(50) + "\n\n" },
          error_keys: ["error"],
          output: { response: "I found results for \"${args.query}\":\n\n${formatted_results}" }
        }],
        output: {
          response: "I couldn't find any relevant information for '${args.query}' in the knowledge base. " +
            "Try rephrasing your question or asking about a different topic."
        }
      })
      expect(fn["web_hook_url"]).toBeUndefined()
    }))
})
