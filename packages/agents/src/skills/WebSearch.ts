/**
 * The `web_search` skill: `web_search(query)` asks Google's Custom Search JSON API
 * (`/customsearch/v1`, `key`, `cx`, `q`, `num`, `safe`) for `num_results × oversample_factor`
 * results (at most 10), fetches each result page (every URL checked against private addresses),
 * extracts its main text, scores it (length, diversity, boilerplate, sentences, site, relevance),
 * keeps those scoring at least `min_quality_score`, prefers one per site, and answers the best
 * `num_results` within `max_content_length` characters. When no page can be read it answers the
 * search snippets; when the search finds nothing, `no_results_message` (`{query}` replaced).
 *
 * Pages are fetched `parallel_scrape` at a time (default 3; 1 with `delay` seconds between
 * requests), each within `per_page_timeout` seconds, all within `overall_deadline` seconds (the
 * pages read by then are used). The key is `api_key` or `GOOGLE_SEARCH_API_KEY`; the engine id
 * `search_engine_id` or `GOOGLE_SEARCH_ENGINE_ID` (`GOOGLE_SEARCH_CX`, `GOOGLE_CSE_ID`), read
 * when the skill is added; `WEB_SEARCH_BASE_URL` replaces `https://www.googleapis.com`.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as outbound from "../internal/skills/outbound.js"
import { quality, type Quality } from "../internal/skills/quality.js"
import * as WebText from "../internal/skills/webText.js"
import * as Skill from "../Skill.js"
import * as SkillHttp from "../SkillHttp.js"

const defaultNoResults = "I couldn't find good results for '{query}'. Try rephrasing or asking about something else."

const Results = Schema.Struct({
  items: Schema.optional(Schema.Array(Schema.Struct({
    title: Schema.optionalWith(Schema.String, { default: () => "" }),
    link: Schema.String,
    snippet: Schema.optionalWith(Schema.String, { default: () => "" })
  })))
})
type Item = NonNullable<typeof Results.Type.items>[number]

interface Scraped extends Quality {
  readonly item: Item
  readonly text: string
}

const pageAgent = "Mozilla/5.0 (compatible; signalwire-effect-agents/0.1; web_search skill)"

/** Best first, one per site before a second from any site, `count` at most. */
const pick = (scraped: ReadonlyArray<Scraped>, count: number): ReadonlyArray<Scraped> => {
  const sorted = [...scraped].sort((a, b) => b.score - a.score)
  const chosen: Array<Scraped> = []
  const sites = new Set<string>()
  for (const s of sorted) {
    if (chosen.length < count && !sites.has(s.domain)) {
      chosen.push(s)
      sites.add(s.domain)
    }
  }
  for (const s of sorted) if (chosen.length < count && !chosen.includes(s)) chosen.push(s)
  return chosen
}

const render = (query: string, found: number, searched: number, best: ReadonlyArray<Scraped>, maxLength: number) => {
  const budget = Math.max(2000, Math.floor((maxLength - best.length * 400) / best.length))
  const blocks = best.map((s, i) =>
    [
      `=== RESULT ${i + 1} (quality ${s.score.toFixed(2)}) ===`,
      `Title: ${s.item.title}`,
      `URL: ${s.item.link}`,
      `Source: ${s.domain}`,
      `Snippet: ${s.item.snippet.replace(/\s+/g, " ").trim()}`,
      `Content: ${s.length} characters, ${s.sentences} sentences; query words found ${s.wordsFound}`,
      s.text.length > budget ? `${s.text.slice(0, budget)}...` : s.text
    ].join("\n")
  )
  const text = [
    `Web search results for '${query}': ${found} of ${searched} pages met the quality bar; the best ${best.length}:`,
    "",
    ...blocks.flatMap((b) => [b, ""])
  ].join("\n")
  return text.length > maxLength ? text.slice(0, maxLength) : text
}

const snippetsOnly = (query: string, items: ReadonlyArray<Item>, count: number) =>
  [
    `Search results for '${query}' (only the search snippets: the pages could not be read):`,
    "",
    ...items.slice(0, count).flatMap((it, i) => [
      `=== RESULT ${i + 1} ===`,
      `Title: ${it.title}`,
      `URL: ${it.link}`,
      `Snippet: ${it.snippet.replace(/\s+/g, " ").trim()}`,
      ""
    ])
  ].join("\n")

/**
 * The `web_search` skill (multiple instances; default tool `web_search`). Its tool needs an
 * `HttpClient` where the agent is served.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { WebSearch } from "@signalwire-effect/agents/skills/WebSearch"
 *
 * const agent = AgentBase.make({ name: "research", route: "/research", prompt: "You research topics." }).pipe(
 *   AgentBase.addSkill(WebSearch, { num_results: 2, safe_search: "high" })
 * )
 * ```
 * @since 0.1.0
 */
export const WebSearch = Skill.make({
  name: "web_search",
  description: "Search the web with Google Custom Search and read the best result pages",
  version: "2.0.0",
  multipleInstances: true,
  parameters: Schema.Struct({
    api_key: outbound.apiKeyParam("GOOGLE_SEARCH_API_KEY"),
    search_engine_id: Schema.optional(Schema.String.pipe(Schema.minLength(1))).annotations({
      description: "The Programmable Search Engine id (default: GOOGLE_SEARCH_ENGINE_ID, GOOGLE_SEARCH_CX or GOOGLE_CSE_ID)"
    }),
    num_results: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 10)), { default: () => 3 }),
    delay: Schema.optionalWith(Schema.Number.pipe(Schema.nonNegative()), { default: () => 0 }).annotations({
      description: "Seconds between page fetches; when above 0 pages are fetched one at a time"
    }),
    max_content_length: Schema.optionalWith(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1000)), { default: () => 32768 }),
    oversample_factor: Schema.optionalWith(Schema.Number.pipe(Schema.between(1, 3.5)), { default: () => 2.5 }),
    min_quality_score: Schema.optionalWith(Schema.Number.pipe(Schema.between(0, 1)), { default: () => 0.3 }),
    no_results_message: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1)), { default: () => defaultNoResults }),
    safe_search: Schema.optionalWith(Schema.Literal("off", "medium", "high"), { default: () => "medium" as const })
      .annotations({ description: "off, or medium/high (both sent to Google as safe=active)" }),
    parallel_scrape: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 10)), { default: () => 3 }),
    per_page_timeout: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 5 }),
    overall_deadline: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 15 }),
    timeout: outbound.timeoutParam(15)
  }),
  setup: (params, context) =>
    Effect.gen(function*() {
      const key = yield* outbound.secret(params.api_key, "GOOGLE_SEARCH_API_KEY")
      const cx = params.search_engine_id ??
        Redacted.value(yield* outbound.secret(undefined, "GOOGLE_SEARCH_ENGINE_ID", "GOOGLE_SEARCH_CX", "GOOGLE_CSE_ID"))
      const api = yield* outbound.endpoint("WEB_SEARCH_BASE_URL", "https://www.googleapis.com", params.timeout)
      const toolName = context.toolName ?? "web_search"
      const fetchCount = Math.max(1, Math.min(10, Math.floor(params.num_results * params.oversample_factor)))

      const scrape = (item: Item, query: string) =>
        SkillHttp.getText(item.link, {
          allowPrivate: api.allowPrivate,
          timeout: Duration.seconds(params.per_page_timeout),
          headers: { "User-Agent": pageAgent }
        }).pipe(
          Effect.map((page): Scraped | undefined => {
            const text = WebText.mainContentText(page.body).slice(0, params.max_content_length)
            return text === "" ? undefined : { ...quality(text, item.link, query), item, text }
          }),
          Effect.catchAll((e) => SkillHttp.logFailure("web_search", e).pipe(Effect.as(undefined))),
          Effect.zipLeft(params.delay > 0 ? Effect.sleep(Duration.seconds(params.delay)) : Effect.void)
        )

      const search = (query: string) =>
        Effect.gen(function*() {
          const found = yield* SkillHttp.getJson(`${api.base}/customsearch/v1`, Results, {
            query: {
              key: Redacted.value(key),
              cx,
              q: query,
              num: fetchCount,
              safe: params.safe_search === "off" ? "off" : "active"
            },
            allowPrivate: api.allowPrivate,
            timeout: api.timeout
          })
          const items = found.items ?? []
          if (items.length === 0) return FunctionResult.make(params.no_results_message.replaceAll("{query}", query))
          const scraped = yield* Ref.make<ReadonlyArray<Scraped>>([])
          yield* Effect.forEach(
            items,
            (item) =>
              scrape(item, query).pipe(
                Effect.flatMap((s) => (s === undefined ? Effect.void : Ref.update(scraped, (all) => [...all, s])))
              ),
            { concurrency: params.delay > 0 ? 1 : params.parallel_scrape, discard: true }
          ).pipe(Effect.timeout(Duration.seconds(params.overall_deadline)), Effect.ignore)
          const good = (yield* Ref.get(scraped)).filter((s) => s.score >= params.min_quality_score)
          if (good.length === 0) return FunctionResult.make(snippetsOnly(query, items, params.num_results))
          const best = pick(good, params.num_results)
          return FunctionResult.make(render(query, good.length, items.length, best, params.max_content_length))
        }).pipe(outbound.gracefully("web_search", outbound.unreachable("search service")))

      return {
        tools: [Skill.tool({
          name: toolName,
          description: "Search the web for information; low-quality pages are filtered out",
          parameters: Schema.Struct({
            query: Schema.String.annotations({ description: "What to search for" })
          }),
          handler: ({ query }): Effect.Effect<FunctionResult.FunctionResult, never, HttpClient.HttpClient> =>
            Either.match(SkillHttp.capInput(query), {
              onLeft: () => Effect.succeed(outbound.tooLong("search")),
              onRight: (q) => (q === "" ? Effect.succeed(FunctionResult.make("What would you like me to search for?")) : search(q))
            })
        })],
        globalData: { web_search_enabled: true, search_provider: "Google Custom Search", quality_filtering: true },
        promptSections: [{
          title: "Web Search",
          body: `You can search the internet with the ${toolName} tool.`,
          bullets: [
            `Use ${toolName} when the caller asks for information you need to look up.`,
            "Results are ranked by content quality, relevance and the site's reputation.",
            "Summarize the results clearly; do not read them out whole."
          ],
          subsections: []
        }]
      }
    })
})
