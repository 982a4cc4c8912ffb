import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgentBase } from "../../src/index.js"
import { NativeVectorSearch } from "../../src/skills/NativeVectorSearch.js"
import { base, fieldsOf, served, withConfig } from "../fixtures/knowledge.js"
import { loopbackApi } from "../fixtures/loopbackApi.js"
import { aiOf, functionsOf, live } from "../fixtures/skills.js"

const documents = [
  { id: "returns.md", text: "Returns are accepted within 30 days with the receipt.", tags: ["policy"] },
  { id: "shipping.md", text: "Shipping takes 3 to 5 business days. Express shipping takes one day.", tags: ["logistics"] },
  { id: "hours.md", text: "The store opens at 9 and closes at 18 on weekdays.", metadata: { section: "Hours" } }
]

describe("native_vector_search", () => {
  it.scopedLive("in memory: ranked results, count, tags, no-results message; two instances by tool_name", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(
        AgentBase.addSkill(NativeVectorSearch, { documents, count: 2, response_prefix: "From the handbook:" }),
        Effect.flatMap(AgentBase.addSkill(NativeVectorSearch, {
          tool_name: "search_policies",
          documents,
          tags: ["policy"],
          no_results_message: "Nothing about '{query}' in the policies."
        }))
      )
      expect(AgentBase.skillsOf(agent)).toEqual(["native_vector_search", "native_vector_search_search_policies"])
      const { call, document } = yield* live(agent, served())
      const doc = yield* document()
      expect(functionsOf(doc).map((f) => f["function"])).toEqual(["search_knowledge", "search_policies"])
      expect(functionsOf(doc)[0]!["parameters"]["required"]).toEqual(["query"])
      expect(aiOf(doc)["global_data"]).toEqual({ search_stats: { doc_count: 3, backend: "memory" } })
      const shipping = yield* call("search_knowledge", { query: "How long does express shipping take?" })
      expect(shipping.body["response"]).toMatch(
        /^From the handbook:\nFound 1 relevant results for 'How long does express shipping take\?':\n\n\*\*Result 1\*\* \(from shipping\.md, tags: logistics, relevance: [\d.]+\)\nShipping takes 3 to 5/
      )
      const days = yield* call("search_knowledge", { query: "days", count: 1 })
      expect(days.body["response"]).toContain("Found 1 relevant results")
      const two = yield* call("search_knowledge", { query: "days store" })
      expect(two.body["response"]).toContain("Found 2 relevant results")
      const tagged = yield* call("search_policies", { query: "shipping days" })
      expect(tagged.body["response"]).toContain("(from returns.md, tags: policy")
      const none = yield* call("search_policies", { query: "zebras" })
      expect(none.body["response"]).toBe("Nothing about 'zebras' in the policies.")
      const long = yield* call("search_knowledge", { query: "x".repeat(1001) })
      expect(long.body["response"]).toBe("That question is too long. Please ask it more briefly.")
    }))

  it.scopedLive("remote: health checked when added; POST /search with Basic auth from the URL; failures answered gracefully", () =>
    Effect.gen(function*() {
      let healthy = true
      const api = yield* loopbackApi((r) => {
        if (r.path === "/health") return healthy ? { json: { status: "ok" } } : { status: 503, text: "down" }
        if (r.path === "/search") {
          const q = (r.json as { query: string }).query
          if (q === "boom") return { status: 500, text: "boom" }
          if (q === "slow") return "hang"
          return { json: { results: [{ content: "Remote answer", score: 0.87, metadata: { filename: "faq.md", section: "Billing" } }] } }
        }
        return { status: 404, text: "" }
      })
      const remote = api.origin.replace("http://", "http://search:s3cr%40t@")
      const add = (params: Record<string, unknown>) => base().pipe(AgentBase.addSkill(NativeVectorSearch, params))
      const agent = yield* add({ remote_url: remote, index_name: "faq", tags: ["billing"], count: 3 }).pipe(
        Effect.flatMap(AgentBase.addSkill(NativeVectorSearch, { remote_url: remote, tool_name: "search_slow", timeout: 0.2 })),
        withConfig({ SWML_ALLOW_PRIVATE_URLS: "true" })
      )
      const { call } = yield* live(agent, served())
      const found = yield* call("search_knowledge", { query: "How do I pay?" })
      expect(found.body["response"]).toMatch(/\*\*Result 1\*\* \(from faq\.md, section: Billing, relevance: 0\.87\)\nRemote answer/)
      const search = api.received.find((r) => r.path === "/search")!
      expect(search.json).toEqual({ query: "How do I pay?", index_name: "faq", count: 3, similarity_threshold: 0, tags: ["billing"] })
      expect(search.headers.authorization).toBe(`Basic ${Buffer.from("search:s3cr@t").toString("base64")}`)
      const failed = yield* call("search_knowledge", { query: "boom" })
      expect(failed.body["response"]).toBe("I'm sorry, I couldn't search the knowledge base right now. Please try again.")
      const slow = yield* call("search_slow", { query: "slow" })
      expect(slow.body["response"]).toBe(failed.body["response"])

      // Not reachable when added, or a private address without SWML_ALLOW_PRIVATE_URLS: a SkillError.
      healthy = false
      const down = yield* Effect.flip(add({ remote_url: api.origin }).pipe(withConfig({ SWML_ALLOW_PRIVATE_URLS: "true" })))
      expect(fieldsOf(down)).toMatchObject({ _tag: "SkillError", reason: "setup" })
      expect(down.message).toContain("not available")
      const refused = yield* Effect.flip(add({ remote_url: remote }).pipe(withConfig({})))
      expect(fieldsOf(refused)).toMatchObject({ _tag: "SkillError", reason: "invalid-params" })
      expect(refused.message).not.toContain("s3cr")
    }))

  it.effect("index files and databases (the Python SDK's backends) are refused when added", () =>
    Effect.gen(function*() {
      const file = yield* Effect.flip(base().pipe(AgentBase.addSkill(NativeVectorSearch, { index_file: "docs.swsearch" })))
      expect(fieldsOf(file)).toMatchObject({ _tag: "SkillError", reason: "invalid-params" })
      expect(file.message).toContain("index_file")
      const pg = yield* Effect.flip(base().pipe(AgentBase.addSkill(NativeVectorSearch, { backend: "pgvector", connection_string: "postgres://x" })))
      expect(pg.message).toContain("backend: pgvector")
      const bad = yield* Effect.flip(base().pipe(AgentBase.addSkill(NativeVectorSearch, { count: 50 })))
      expect(fieldsOf(bad)).toMatchObject({ reason: "invalid-params" })
      expect(bad.message).toContain("count")
    }))
})
