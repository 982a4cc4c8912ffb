/**
 * web_search against a loopback fake of Google's Custom Search API that also serves the result
 * pages: scraping, quality filtering, the snippet fallback, failures and the configuration.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { WebSearch } from "../../src/skills/WebSearch.js"
import { type Answer, fakeApi, type Received } from "../fixtures/fakeApi.js"
import { addFails, responseOf, serveSkill } from "../fixtures/outbound.js"

const article = Array.from(
  { length: 30 },
  (_, i) => `Note ${i}: Ada Lovelace described the analytical engine in remark${i} with insight${i} and detail${i}.`
).join(" ")

const pages: Record<string, string> = {
  "/good": `<html><body><nav class="menu">Home About Contact</nav><article><h1>Ada Lovelace</h1><p>${article}</p>` +
    `<div class="share-buttons">Share on social</div></article><footer>Footer text</footer></body></html>`,
  "/thin": "<html><body><p>Short page.</p></body></html>"
}

const search = (origin: string, paths: ReadonlyArray<string>) => ({
  kind: "customsearch#search",
  items: paths.map((p) => ({ title: `Title ${p}`, link: `${origin}${p}`, snippet: `Snippet of ${p}\nmore` }))
})

const fake = (items: (origin: string) => unknown) =>
  Effect.gen(function*() {
    let origin = ""
    const api = yield* fakeApi((r: Received): Answer => {
      if (r.path === "/customsearch/v1") return r.query.get("q") === "hang" ? "hang" : r.query.get("q") === "fail" ? { status: 500, json: {} } : { json: items(origin) }
      if (r.path === "/slow") return "hang"
      const page = pages[r.path]
      return page === undefined ? { status: 500, text: "oops" } : { text: page }
    })
    origin = api.origin
    return api
  })

const env = (origin: string) => ({
  GOOGLE_SEARCH_API_KEY: "gk-1",
  GOOGLE_SEARCH_ENGINE_ID: "cx-1",
  WEB_SEARCH_BASE_URL: origin,
  SWML_ALLOW_PRIVATE_URLS: "true"
})

describe("web_search", () => {
  it.scopedLive("searches (key, cx, q, num, safe), reads the pages, keeps the good ones, drops page furniture", () =>
    Effect.gen(function*() {
      const api = yield* fake((o) => search(o, ["/thin", "/good", "/broken", "/slow"]))
      const { call } = yield* serveSkill(WebSearch, { num_results: 2, min_quality_score: 0.5, per_page_timeout: 2 }, env(api.origin))
      const reply = responseOf(yield* call("web_search", { query: "Ada Lovelace engine" }))
      const [request] = api.received
      expect(request!.path).toBe("/customsearch/v1")
      expect(Object.fromEntries(request!.query)).toEqual({ key: "gk-1", cx: "cx-1", q: "Ada Lovelace engine", num: "5", safe: "active" })
      expect(api.received.map((r) => r.path).slice(1).sort()).toEqual(["/broken", "/good", "/slow", "/thin"])
      expect(reply).toMatch(/^Web search results for 'Ada Lovelace engine': 1 of 4 pages met the quality bar; the best 1:/)
      expect(reply).toContain(`URL: ${api.origin}/good`)
      expect(reply).toContain("Snippet: Snippet of /good more")
      expect(reply).toContain("query words found 3/3")
      expect(reply).toContain("Ada Lovelace Note 0: Ada Lovelace described")
      expect(reply).not.toContain("Home About")
      expect(reply).not.toContain("Share on social")
      expect(reply).not.toContain("Footer text")
      expect(reply).not.toContain("/thin")
    }))

  it.scopedLive("no page readable: the snippets; no results: no_results_message; tool_name names the tool", () =>
    Effect.gen(function*() {
      let empty = false
      const api = yield* fake((o) => (empty ? { kind: "customsearch#search" } : search(o, ["/broken", "/thin"])))
      const { call } = yield* serveSkill(
        WebSearch,
        { tool_name: "news", min_quality_score: 0.9, no_results_message: "Nothing about {query}.", safe_search: "off" },
        env(api.origin)
      )
      const reply = responseOf(yield* call("news", { query: "q" }))
      expect(reply.split("\n").slice(0, 6)).toEqual([
        "Search results for 'q' (only the search snippets: the pages could not be read):",
        "",
        "=== RESULT 1 ===",
        "Title: Title /broken",
        `URL: ${api.origin}/broken`,
        "Snippet: Snippet of /broken more"
      ])
      expect(api.received[0]!.query.get("safe")).toBe("off")
      empty = true
      expect(responseOf(yield* call("news", { query: "zzz" }))).toBe("Nothing about zzz.")
    }))

  it.scopedLive("API 500 and API timeout answered gracefully; a private address refused without the flag", () =>
    Effect.gen(function*() {
      const api = yield* fake((o) => search(o, []))
      const { call } = yield* serveSkill(WebSearch, {}, env(api.origin))
      expect(responseOf(yield* call("web_search", { query: "fail" }))).toBe(
        "I couldn't reach the search service right now. Please try again later."
      )
      const impatient = yield* serveSkill(WebSearch, { timeout: 0.3 }, env(api.origin))
      expect(responseOf(yield* impatient.call("web_search", { query: "hang" }))).toContain("did not answer in time")
      const { SWML_ALLOW_PRIVATE_URLS: _, ...closedEnv } = env(api.origin)
      const closed = yield* serveSkill(WebSearch, {}, closedEnv)
      expect(responseOf(yield* closed.call("web_search", { query: "x" }))).toContain("address is not allowed")
      expect(api.received).toHaveLength(2)
    }))

  it.effect("the key and the engine id are required when the skill is added (GOOGLE_SEARCH_CX accepted)", () =>
    Effect.gen(function*() {
      const noKey = yield* addFails(WebSearch, {}, { GOOGLE_SEARCH_ENGINE_ID: "cx" })
      expect([noKey.tag, noKey.message.includes("GOOGLE_SEARCH_API_KEY")]).toEqual(["ConfigError", true])
      const noCx = yield* addFails(WebSearch, {}, { GOOGLE_SEARCH_API_KEY: "k" })
      expect([noCx.tag, noCx.message.includes("GOOGLE_SEARCH_ENGINE_ID")]).toEqual(["ConfigError", true])
      const viaCx = yield* addFails(WebSearch, {}, { GOOGLE_SEARCH_API_KEY: "k", GOOGLE_SEARCH_CX: "cx" }).pipe(
        Effect.as("failed"),
        Effect.catchAllDefect(() => Effect.succeed("defect")),
        Effect.orElseSucceed(() => "added")
      )
      expect(viaCx).toBe("added")
    }))
})
