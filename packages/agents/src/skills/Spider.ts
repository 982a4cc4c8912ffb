/**
 * The `spider` skill: three tools that read web pages, `scrape_url(url)`, `crawl_site(start_url)`
 * and `extract_structured_data(url)` (prefixed `<tool_name>_` when `tool_name` is given).
 *
 * - `extract_type`: `fast_text` (page text without scripts, navigation, header, footer, asides),
 *   `clean_text` (the main content only, page furniture dropped), `full_text` (all visible text),
 *   `html` (the markup), `markdown` (title, headings, paragraphs, list items, code), `structured`
 *   or `custom` (the `selectors` results as JSON); cut to `max_text_length` keeping the start and
 *   the end. `clean_text: false` keeps the line structure of `fast_text`/`full_text`.
 * - `selectors` (`{ field: selector }`, for `extract_structured_data` and `structured`): a CSS
 *   subset — `tag`, `*`, `#id`, `.class`, `[attr]`, `[attr=v]`, `[attr~=v]`, `[attr^=v]`,
 *   `[attr$=v]`, `[attr*=v]`, compounds of those, descendant (space) and child (`>`) combinators,
 *   and lists (`a, b`). Pseudo-classes, `+`/`~` and XPath are refused when the skill is added.
 * - Crawling is breadth first from `start_url`, on its host only, up to `max_depth` links away and
 *   `max_pages` pages, `concurrent_requests` pages at a time with `delay` seconds after each;
 *   `follow_patterns` (regular expressions) limit the links followed.
 * - Every URL (and redirect) is checked against private addresses; `timeout` bounds each request;
 *   `user_agent` and `headers` are sent; `follow_robots_txt` obeys robots.txt; `cache_enabled`
 *   keeps the last 100 pages of the instance. `SPIDER_BASE_URL` sends every request to that origin
 *   instead (path and query kept), for tests.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Html from "../internal/skills/html.js"
import * as internal from "../internal/skills/spider.js"
import * as WebText from "../internal/skills/webText.js"
import * as Skill from "../Skill.js"
import { SkillError } from "../SkillError.js"
import * as SkillHttp from "../SkillHttp.js"

const defaultAgent = "Mozilla/5.0 (compatible; signalwire-effect-agents/0.1; spider skill)"
type Reply = Effect.Effect<FunctionResult.FunctionResult, never, HttpClient.HttpClient>

/** A URL argument: trimmed, bounded, http(s); else the words to answer. */
const checkUrl = (raw: string): Checked => {
  const url = raw.trim()
  if (url === "") return { ok: false, reply: "Which page should I read? Give me its URL." }
  if (url.length > SkillHttp.MAX_SKILL_INPUT_LENGTH) return { ok: false, reply: "That URL is too long." }
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    return { ok: false, reply: `That is not a web address I can read: ${url.slice(0, 100)}` }
  }
  return { ok: true, url }
}
type Checked = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reply: string }

const failure = (url: string) => (e: SkillHttp.SkillHttpError | internal.RobotsDisallowed): Reply =>
  e._tag === "RobotsDisallowed"
    ? Effect.succeed(FunctionResult.make(`The site's robots.txt does not allow reading ${url}.`))
    : SkillHttp.logFailure("spider", e).pipe(Effect.as(FunctionResult.make(
      e.reason === "blocked-address"
        ? `I can't read ${url}: private or internal addresses are not allowed.`
        : e.reason === "timeout"
        ? `${url} did not answer in time.`
        : e.reason === "status"
        ? `${url} answered with an error (HTTP ${e.status ?? "?"}).`
        : `I couldn't fetch ${url}.`
    )))

/**
 * The `spider` skill (multiple instances; `tool_name` prefixes its three tools). Its tools need an
 * `HttpClient` where the agent is served.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { Spider } from "@signalwire-effect/agents/skills/Spider"
 *
 * const agent = AgentBase.make({ name: "reader", route: "/reader", prompt: "You read web pages." }).pipe(
 *   AgentBase.addSkill(Spider, { max_pages: 5, max_depth: 1, selectors: { price: ".price", name: "h1" } })
 * )
 * ```
 * @since 0.1.0
 */
export const Spider = Skill.make({
  name: "spider",
  description: "Fast web scraping and crawling",
  multipleInstances: true,
  parameters: Schema.Struct({
    delay: Schema.optionalWith(Schema.Number.pipe(Schema.nonNegative()), { default: () => 0.1 }),
    concurrent_requests: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 20)), { default: () => 5 }),
    timeout: Schema.optionalWith(Schema.Number.pipe(Schema.positive(), Schema.lessThanOrEqualTo(60)), { default: () => 5 }),
    max_pages: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100)), { default: () => 1 }),
    max_depth: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 5)), { default: () => 0 }),
    extract_type: Schema.optionalWith(
      Schema.Literal("fast_text", "clean_text", "full_text", "html", "markdown", "structured", "custom"),
      { default: () => "fast_text" as const }
    ),
    max_text_length: Schema.optionalWith(Schema.Int.pipe(Schema.between(100, 100000)), { default: () => 3000 }),
    clean_text: Schema.optionalWith(Schema.Boolean, { default: () => true }),
    selectors: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), { default: () => ({}) }),
    follow_patterns: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
    user_agent: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1)), { default: () => defaultAgent }),
    headers: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), { default: () => ({}) }),
    follow_robots_txt: Schema.optionalWith(Schema.Boolean, { default: () => false }),
    cache_enabled: Schema.optionalWith(Schema.Boolean, { default: () => true })
  }),
  setup: (params, context) =>
    Effect.gen(function*() {
      const refuse = (message: string) => new SkillError({ skill: "spider", reason: "setup", message: `spider: ${message}` })
      for (const [field, selector] of Object.entries(params.selectors)) {
        if (!Html.isSupportedSelector(selector)) return yield* refuse(`selector of ${field} is outside the supported CSS subset`)
      }
      const patterns: Array<RegExp> = []
      for (const [i, p] of params.follow_patterns.entries()) {
        try {
          patterns.push(new RegExp(p))
        } catch {
          return yield* refuse(`follow_patterns[${i}] is not a regular expression`)
        }
      }
      const base = yield* Config.option(Config.string("SPIDER_BASE_URL")).pipe(
        Effect.flatMap(Option.match({
          onNone: () => Effect.succeed(Option.none<string>()),
          onSome: () => Effect.map(SkillHttp.baseUrl("SPIDER_BASE_URL", ""), Option.some)
        }))
      )
      const allowPrivate = yield* SkillHttp.allowPrivateUrls
      const fetcher = internal.makeFetcher({
        base: Option.getOrUndefined(base),
        allowPrivate,
        timeout: Duration.seconds(params.timeout),
        headers: params.headers,
        userAgent: params.user_agent,
        followRobots: params.follow_robots_txt,
        cache: params.cache_enabled
      })
      const extractOptions = { clean: params.clean_text, maxLength: params.max_text_length, selectors: params.selectors }
      const prefix = context.toolName === undefined ? "" : `${context.toolName}_`
      const pause = params.delay > 0 ? Effect.sleep(Duration.seconds(params.delay)) : Effect.void

      const scrape = (raw: string): Reply => {
        const checked = checkUrl(raw)
        if (!checked.ok) return Effect.succeed(FunctionResult.make(checked.reply))
        const url = checked.url
        return fetcher.fetch(url).pipe(
          Effect.map((page) => {
            const content = internal.extract(page, params.extract_type, extractOptions)
            return FunctionResult.make(
              content === "" ? `No content could be extracted from ${url}.` : `Content from ${url} (${content.length} characters):\n\n${content}`
            )
          }),
          Effect.catchAll(failure(url))
        )
      }

      const crawl = (raw: string): Reply => {
        const checked = checkUrl(raw)
        if (!checked.ok) return Effect.succeed(FunctionResult.make(checked.reply))
        const start = checked.url
        const host = new URL(start).host
        const follows = (url: string) =>
          new URL(url).host === host && (patterns.length === 0 || patterns.some((p) => p.test(url)))
        return Effect.gen(function*() {
          const visited = new Set<string>()
          const results: Array<{ url: string; depth: number; text: string }> = []
          let level: ReadonlyArray<string> = [start]
          for (let depth = 0; depth <= params.max_depth && level.length > 0 && visited.size < params.max_pages; depth++) {
            const batch = level.filter((u) => !visited.has(u)).slice(0, params.max_pages - visited.size)
            for (const u of batch) visited.add(u)
            const pages = yield* Effect.forEach(
              batch,
              (url) => fetcher.fetch(url).pipe(Effect.zipLeft(pause), Effect.option),
              { concurrency: params.concurrent_requests }
            )
            const next = new Set<string>()
            for (const page of pages) {
              if (Option.isNone(page)) continue
              results.push({ url: page.value.url, depth, text: WebText.fastText(page.value.body) })
              if (depth < params.max_depth) {
                for (const link of WebText.links(page.value.body, page.value.url)) {
                  if (!visited.has(link) && follows(link)) next.add(link)
                }
              }
            }
            level = [...next]
          }
          if (results.length === 0) return FunctionResult.make(`No page could be read from ${start}.`)
          const total = results.reduce((n, r) => n + r.text.length, 0)
          return FunctionResult.make([
            `Crawled ${results.length} pages from ${host}:`,
            "",
            ...results.flatMap((r, i) => [
              `${i + 1}. ${r.url} (depth ${r.depth}, ${r.text.length} characters)`,
              `   Summary: ${r.text.length > 100 ? `${r.text.slice(0, 100)}...` : r.text}`
            ]),
            "",
            `Total: ${total} characters across ${results.length} pages.`
          ].join("\n"))
        })
      }

      const structured = (raw: string): Reply => {
        const checked = checkUrl(raw)
        if (!checked.ok) return Effect.succeed(FunctionResult.make(checked.reply))
        const url = checked.url
        if (Object.keys(params.selectors).length === 0) {
          return Effect.succeed(FunctionResult.make("No selectors are configured for structured extraction."))
        }
        return fetcher.fetch(url).pipe(
          Effect.map((page) => {
            const { data, title } = WebText.structured(page.body, params.selectors)
            return FunctionResult.make([
              `Extracted data from ${url}:`,
              `Title: ${title === "" ? "N/A" : title}`,
              "Data:",
              ...Object.entries(data).map(([field, value]) =>
                `- ${field}: ${value === null ? "(none)" : typeof value === "string" ? value : value.join("; ")}`
              )
            ].join("\n"))
          }),
          Effect.catchAll(failure(url))
        )
      }

      const urlArg = (description: string) => Schema.Struct({ url: Schema.String.annotations({ description }) })
      return {
        tools: [
          Skill.tool({
            name: `${prefix}scrape_url`,
            description: "Read the text of one web page",
            parameters: urlArg("The page's URL"),
            handler: ({ url }) => scrape(url)
          }),
          Skill.tool({
            name: `${prefix}crawl_site`,
            description: "Read several pages of a site, following its links from a start page",
            parameters: Schema.Struct({ start_url: Schema.String.annotations({ description: "The start page's URL" }) }),
            handler: ({ start_url }) => crawl(start_url)
          }),
          Skill.tool({
            name: `${prefix}extract_structured_data`,
            description: "Extract the configured fields from a web page",
            parameters: urlArg("The page's URL"),
            handler: ({ url }) => structured(url)
          })
        ],
        hints: ["scrape", "crawl", "extract", "web page", "website", "spider"],
        promptSections: [{
          title: "Web Page Reading",
          body: "You can read web pages for the caller.",
          bullets: [
            `Use ${prefix}scrape_url to read one page, ${prefix}crawl_site to read several pages of a site.`,
            `Use ${prefix}extract_structured_data to pull specific fields from a page.`,
            "Summarize what you read; do not read pages out whole."
          ],
          subsections: []
        }]
      }
    })
})
