/**
 * The page fetcher of the `spider` skill: the `SPIDER_BASE_URL` redirection, a bounded page cache,
 * robots.txt (per origin, cached) and the extraction of one page by `extract_type`.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as SkillHttp from "../../SkillHttp.js"
import * as WebText from "./webText.js"

export type ExtractType = "fast_text" | "clean_text" | "full_text" | "html" | "markdown" | "structured" | "custom"

export interface FetcherOptions {
  /** When set, every request goes to this origin instead (keeping path and query). */
  readonly base: string | undefined
  readonly allowPrivate: boolean
  readonly timeout: Duration.Duration
  readonly headers: Readonly<Record<string, string>>
  readonly userAgent: string
  readonly followRobots: boolean
  readonly cache: boolean
}

/** robots.txt disallows the page for our user agent. */
export class RobotsDisallowed extends Data.TaggedError("RobotsDisallowed")<{ readonly url: string }> {}

export interface Page {
  /** The URL asked for (links resolve against it). */
  readonly url: string
  readonly body: string
}

const cacheSize = 100

/** Where a request for `url` really goes. */
const target = (base: string | undefined, url: string): string => {
  if (base === undefined) return url
  const u = new URL(url)
  return `${base}${u.pathname}${u.search}`
}

/** A fetcher with its own cache and robots rules (one per skill instance). */
export const makeFetcher = (options: FetcherOptions) => {
  const pages = new Map<string, Page>()
  const robots = new Map<string, ReadonlyArray<{ allow: boolean; path: string }>>()
  const headers = { ...options.headers, "User-Agent": options.userAgent }
  const http = { allowPrivate: options.allowPrivate, timeout: options.timeout, headers, maxBytes: 5 * 1024 * 1024 }

  const rulesFor = (url: string) => {
    const origin = new URL(target(options.base, url)).origin
    const known = robots.get(origin)
    if (known !== undefined) return Effect.succeed(known)
    return SkillHttp.getText(`${origin}/robots.txt`, { ...http, maxBytes: 512 * 1024 }).pipe(
      Effect.map((r) => WebText.robotsRules(r.body, options.userAgent)),
      Effect.orElseSucceed(() => []), // no robots.txt: everything allowed
      Effect.tap((rules) => Effect.sync(() => robots.set(origin, rules)))
    )
  }

  const fetch = (url: string): Effect.Effect<Page, SkillHttp.SkillHttpError | RobotsDisallowed, HttpClient.HttpClient> =>
    Effect.gen(function*() {
      const cached = options.cache ? pages.get(url) : undefined
      if (cached !== undefined) return cached
      if (options.followRobots) {
        const rules = yield* rulesFor(url)
        const u = new URL(url)
        if (!WebText.robotsAllows(rules, `${u.pathname}${u.search}`)) return yield* new RobotsDisallowed({ url })
      }
      const response = yield* SkillHttp.getText(target(options.base, url), http)
      const page = { url, body: response.body }
      if (options.cache) {
        yield* Effect.sync(() => {
          if (pages.size >= cacheSize) pages.delete(pages.keys().next().value!)
          pages.set(url, page)
        })
      }
      return page
    })

  return { fetch }
}

/** The text of a page by `extract_type`, cut to `maxLength` (start and end kept). */
export const extract = (
  page: Page,
  type: ExtractType,
  options: { readonly clean: boolean; readonly maxLength: number; readonly selectors: Readonly<Record<string, string>> }
): string => {
  const text = type === "fast_text"
    ? WebText.fastText(page.body, options.clean)
    : type === "clean_text"
    ? WebText.mainContentText(page.body)
    : type === "full_text"
    ? WebText.fullText(page.body, options.clean)
    : type === "html"
    ? page.body
    : type === "markdown"
    ? WebText.markdown(page.body)
    : JSON.stringify({ url: page.url, ...WebText.structured(page.body, options.selectors) })
  return WebText.smartTruncate(text, options.maxLength)
}
