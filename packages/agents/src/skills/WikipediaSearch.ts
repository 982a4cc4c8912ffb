/**
 * The `wikipedia_search` skill: `search_wiki(query)` searches Wikipedia (MediaWiki's `api.php`,
 * `list=search`) and answers the introduction of up to `num_results` articles (`prop=extracts`,
 * plain text), falling back to the search snippet when an article has no extract. No key;
 * `WIKIPEDIA_BASE_URL` replaces `https://en.wikipedia.org/w` (another language's wiki, or a test's
 * fake). `no_results_message` may contain `{query}`.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Html from "../internal/skills/html.js"
import * as outbound from "../internal/skills/outbound.js"
import * as Skill from "../Skill.js"
import * as SkillHttp from "../SkillHttp.js"

const defaultNoResults = "I couldn't find any Wikipedia articles for '{query}'. Try other words or a broader topic."

const Search = Schema.Struct({
  query: Schema.optional(Schema.Struct({
    search: Schema.optional(Schema.Array(Schema.Struct({ title: Schema.String, snippet: Schema.optional(Schema.String) })))
  }))
})

const Extracts = Schema.Struct({
  query: Schema.optional(Schema.Struct({
    pages: Schema.optional(Schema.Record({
      key: Schema.String,
      value: Schema.Struct({ title: Schema.optional(Schema.String), extract: Schema.optional(Schema.String) })
    }))
  }))
})

const userAgent = "signalwire-effect-agents/0.1 (wikipedia_search skill)"

/**
 * The `wikipedia_search` skill (single instance; tool `search_wiki`). Its tool needs an
 * `HttpClient` where the agent is served.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { WikipediaSearch } from "@signalwire-effect/agents/skills/WikipediaSearch"
 *
 * const agent = AgentBase.make({ name: "facts", route: "/facts", prompt: "You answer questions." }).pipe(
 *   AgentBase.addSkill(WikipediaSearch, { num_results: 2 })
 * )
 * ```
 * @since 0.1.0
 */
export const WikipediaSearch = Skill.make({
  name: "wikipedia_search",
  description: "Search Wikipedia for information about a topic and get article summaries",
  parameters: Schema.Struct({
    num_results: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 5)), { default: () => 1 }).annotations({
      description: "How many articles to summarize (1 to 5, default 1)"
    }),
    no_results_message: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1)), { default: () => defaultNoResults })
      .annotations({ description: "The answer when nothing is found; {query} is replaced by the query" }),
    timeout: outbound.timeoutParam(10)
  }),
  setup: (params) =>
    Effect.gen(function*() {
      const api = yield* outbound.endpoint("WIKIPEDIA_BASE_URL", "https://en.wikipedia.org/w", params.timeout)
      const options = { allowPrivate: api.allowPrivate, timeout: api.timeout, headers: { "User-Agent": userAgent } }
      const url = `${api.base}/api.php`
      const summary = (title: string, snippet: string | undefined) =>
        SkillHttp.getJson(url, Extracts, {
          ...options,
          query: { action: "query", prop: "extracts", exintro: 1, explaintext: 1, format: "json", titles: title }
        }).pipe(
          Effect.map((r) => Object.values(r.query?.pages ?? {})[0]?.extract?.trim() ?? ""),
          Effect.catchAll((e) => SkillHttp.logFailure("wikipedia_search", e).pipe(Effect.as(""))),
          Effect.map((extract) => {
            const fallback = snippet === undefined ? "" : Html.textOf(Html.parse(snippet))
            const text = extract !== "" ? extract : fallback !== "" ? fallback : "No summary is available for this article."
            return `**${title}**\n\n${text}`
          })
        )
      const search = (query: string) =>
        SkillHttp.getJson(url, Search, {
          ...options,
          query: { action: "query", list: "search", format: "json", srsearch: query, srlimit: params.num_results }
        }).pipe(
          Effect.flatMap((r) => {
            const hits = (r.query?.search ?? []).slice(0, params.num_results)
            if (hits.length === 0) {
              return Effect.succeed(FunctionResult.make(params.no_results_message.replaceAll("{query}", query)))
            }
            return Effect.forEach(hits, (hit) => summary(hit.title, hit.snippet), { concurrency: 5 }).pipe(
              Effect.map((articles) => FunctionResult.make(articles.join(`\n\n${"=".repeat(50)}\n\n`)))
            )
          }),
          outbound.gracefully("wikipedia_search", outbound.unreachable("Wikipedia service"))
        )
      return {
        tools: [Skill.tool({
          name: "search_wiki",
          description: "Search Wikipedia for information about a topic and get article summaries",
          parameters: Schema.Struct({
            query: Schema.String.annotations({ description: "The topic or search words" })
          }),
          handler: ({ query }): Effect.Effect<FunctionResult.FunctionResult, never, HttpClient.HttpClient> =>
            Either.match(SkillHttp.capInput(query), {
              onLeft: () => Effect.succeed(outbound.tooLong("search")),
              onRight: (q) =>
                q === "" ? Effect.succeed(FunctionResult.make("What should I look up on Wikipedia?")) : search(q)
            })
        })],
        promptSections: [{
          title: "Wikipedia Search",
          body: `You can search Wikipedia with search_wiki; it answers up to ${params.num_results} article summaries.`,
          bullets: [
            "Use search_wiki for factual, encyclopedic questions: people, places, concepts, history.",
            "Summarize what you find in a few sentences rather than reading it out whole."
          ],
          subsections: []
        }]
      }
    })
})
