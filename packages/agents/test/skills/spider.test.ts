/**
 * spider against a loopback site: scraping (extract types, headers, cache), crawling (depth,
 * pages, host, follow_patterns), structured extraction by selectors, robots.txt, failures and the
 * checks made when the skill is added.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Spider } from "../../src/skills/Spider.js"
import { type Answer, fakeApi, type Received } from "../fixtures/fakeApi.js"
import { addFails, responseOf, serveSkill } from "../fixtures/outbound.js"
import { functionsOf } from "../fixtures/skills.js"

const site: Record<string, string> = {
  "/": `<html><head><title>Widgets Inc</title><script>var x = "<p>no</p>"</script></head><body>
    <nav><a href="/a">A</a> <a href="/b#top">B</a> <a href="https://other.example/x">Other</a></nav>
    <main><h1>Welcome</h1><p>We make widgets.</p><a href="/c">C</a> <a href="mailto:hi@example.com">mail</a></main>
    <footer>Copyright</footer></body></html>`,
  "/a": `<html><body><h1>Page A</h1><a href="/a/deeper">deeper</a></body></html>`,
  "/b": `<html><body><h1>Page B</h1></body></html>`,
  "/c": `<html><body><h1>Page C</h1></body></html>`,
  "/a/deeper": `<html><body><h1>Deeper</h1></body></html>`,
  "/product": `<html><head><title>Widget</title></head><body><h1>Super Widget</h1>
    <ul><li class="price">$1</li><li class="price sale">$2</li></ul><div id="stock">In stock</div></body></html>`,
  "/robots.txt": "User-agent: *\nDisallow: /private\n"
}

const serveSite = Effect.gen(function*() {
  return yield* fakeApi((r: Received): Answer => {
    if (r.path === "/slow") return "hang"
    const page = site[r.path]
    if (page === undefined) return { status: 500, text: "oops" }
    return r.path === "/robots.txt" ? { text: page, headers: { "content-type": "text/plain" } } : { text: page }
  })
})

const env = (origin: string) => ({ SPIDER_BASE_URL: origin, SWML_ALLOW_PRIVATE_URLS: "true" })

describe("spider", () => {
  it.scopedLive("scrape_url: fast_text through SPIDER_BASE_URL, user agent and headers sent, pages cached", () =>
    Effect.gen(function*() {
      const web = yield* serveSite
      const { call, document } = yield* serveSkill(
        Spider,
        { user_agent: "TestBot/1.0", headers: { "X-Trace": "t-1" } },
        env(web.origin)
      )
      expect(functionsOf(yield* document()).map((f) => f["function"])).toEqual([
        "scrape_url",
        "crawl_site",
        "extract_structured_data"
      ])
      const reply = responseOf(yield* call("scrape_url", { url: "https://widgets.example/?ref=1" }))
      expect(reply).toBe("Content from https://widgets.example/?ref=1 (31 characters):\n\nWelcome We make widgets. C mail")
      yield* call("scrape_url", { url: "https://widgets.example/?ref=1" })
      expect(web.received).toHaveLength(1)
      expect(web.received[0]!.path).toBe("/")
      expect(web.received[0]!.query.get("ref")).toBe("1")
      expect(web.received[0]!.headers["user-agent"]).toBe("TestBot/1.0")
      expect(web.received[0]!.headers["x-trace"]).toBe("t-1")
    }))

  it.scopedLive("extract types: markdown, full_text, structured; max_text_length keeps start and end", () =>
    Effect.gen(function*() {
      const web = yield* serveSite
      const md = yield* serveSkill(Spider, { tool_name: "md", extract_type: "markdown", cache_enabled: false }, env(web.origin))
      expect(responseOf(yield* md.call("md_scrape_url", { url: "https://w.example/product" }))).toBe(
        "Content from https://w.example/product (35 characters):\n\n# Widget\n\n# Super Widget\n\n- $1\n- $2"
      )
      const full = yield* serveSkill(Spider, { tool_name: "full", extract_type: "full_text" }, env(web.origin))
      expect(responseOf(yield* full.call("full_scrape_url", { url: "https://w.example/" }))).toContain("A B Other Welcome")
      const data = yield* serveSkill(Spider, {
        tool_name: "data",
        extract_type: "structured",
        selectors: { name: "h1", prices: "ul > li.price" }
      }, env(web.origin))
      const json = responseOf(yield* data.call("data_scrape_url", { url: "https://w.example/product" }))
      expect(JSON.parse(json.slice(json.indexOf("\n\n") + 2))).toEqual({
        url: "https://w.example/product",
        title: "Widget",
        data: { name: "Super Widget", prices: ["$1", "$2"] }
      })
      const short = yield* serveSkill(Spider, { tool_name: "short", max_text_length: 100 }, env(web.origin))
      site["/long"] = `<p>${"start ".repeat(30)}${"middle ".repeat(100)}${"end ".repeat(30)}</p>`
      const cut = responseOf(yield* short.call("short_scrape_url", { url: "https://w.example/long" }))
      expect(cut).toContain("start start")
      expect(cut).toContain("[...content truncated...]")
      expect(cut).toMatch(/end end$/)
    }))

  it.scopedLive("crawl_site: breadth first, same host, max_depth, max_pages, follow_patterns", () =>
    Effect.gen(function*() {
      const web = yield* serveSite
      const { call } = yield* serveSkill(Spider, { max_depth: 2, max_pages: 4, delay: 0, concurrent_requests: 2 }, env(web.origin))
      const reply = responseOf(yield* call("crawl_site", { start_url: "https://widgets.example/" }))
      expect(reply.split("\n")[0]).toBe("Crawled 4 pages from widgets.example:")
      expect(reply).toContain("1. https://widgets.example/ (depth 0,")
      expect(reply).toContain("2. https://widgets.example/a (depth 1,")
      expect(reply).toContain("3. https://widgets.example/b (depth 1,")
      expect(reply).toContain("4. https://widgets.example/c (depth 1,")
      expect(web.received.map((r) => r.path).sort()).toEqual(["/", "/a", "/b", "/c"])
      const only = yield* serveSkill(
        Spider,
        { tool_name: "only", max_depth: 2, max_pages: 10, delay: 0, follow_patterns: ["/a"] },
        env(web.origin)
      )
      const followed = responseOf(yield* only.call("only_crawl_site", { start_url: "https://widgets.example/" }))
      expect(followed.split("\n")[0]).toBe("Crawled 3 pages from widgets.example:")
      expect(followed).toContain("https://widgets.example/a/deeper (depth 2,")
      expect(followed).not.toContain("other.example")
    }))

  it.scopedLive("extract_structured_data: the configured fields; none configured is said", () =>
    Effect.gen(function*() {
      const web = yield* serveSite
      const { call } = yield* serveSkill(Spider, { selectors: { name: "h1", price: ".price.sale", stock: "#stock", none: "table" } }, env(web.origin))
      expect(responseOf(yield* call("extract_structured_data", { url: "https://w.example/product" }))).toBe(
        "Extracted data from https://w.example/product:\nTitle: Widget\nData:\n- name: Super Widget\n- price: $2\n- stock: In stock\n- none: (none)"
      )
      const bare = yield* serveSkill(Spider, { tool_name: "bare" }, env(web.origin))
      expect(responseOf(yield* bare.call("bare_extract_structured_data", { url: "https://w.example/product" }))).toBe(
        "No selectors are configured for structured extraction."
      )
    }))

  it.scopedLive("robots.txt obeyed when asked; 500, timeout, bad URL, private address answered gracefully", () =>
    Effect.gen(function*() {
      const web = yield* serveSite
      const polite = yield* serveSkill(Spider, { follow_robots_txt: true }, env(web.origin))
      expect(responseOf(yield* polite.call("scrape_url", { url: "https://w.example/private/x" }))).toBe(
        "The site's robots.txt does not allow reading https://w.example/private/x."
      )
      expect(web.received.map((r) => r.path)).toEqual(["/robots.txt"])
      expect(responseOf(yield* polite.call("scrape_url", { url: "https://w.example/missing" }))).toBe(
        "https://w.example/missing answered with an error (HTTP 500)."
      )
      const impatient = yield* serveSkill(Spider, { tool_name: "impatient", timeout: 0.3 }, env(web.origin))
      expect(responseOf(yield* impatient.call("impatient_scrape_url", { url: "https://w.example/slow" }))).toBe(
        "https://w.example/slow did not answer in time."
      )
      expect(responseOf(yield* polite.call("scrape_url", { url: "file:///etc/passwd" }))).toContain("not a web address")
      expect(responseOf(yield* polite.call("scrape_url", { url: `https://w.example/${"x".repeat(1000)}` }))).toBe(
        "That URL is too long."
      )
      const closed = yield* serveSkill(Spider, { tool_name: "closed" }, { SPIDER_BASE_URL: web.origin })
      expect(responseOf(yield* closed.call("closed_scrape_url", { url: "https://w.example/" }))).toBe(
        "I can't read https://w.example/: private or internal addresses are not allowed."
      )
      const direct = yield* serveSkill(Spider, { tool_name: "direct" }, {})
      expect(responseOf(yield* direct.call("direct_scrape_url", { url: `${web.origin}/b` }))).toContain(
        "private or internal addresses are not allowed"
      )
      expect(web.received.map((r) => r.path)).toEqual(["/robots.txt", "/missing", "/slow"])
    }))

  it.effect("unsupported selectors and bad follow patterns are refused when the skill is added", () =>
    Effect.gen(function*() {
      const selector = yield* addFails(Spider, { selectors: { x: "a:hover" } }, {})
      expect([selector.tag, selector.message]).toEqual(["SkillError", "spider: selector of x is outside the supported CSS subset"])
      const pattern = yield* addFails(Spider, { follow_patterns: ["(unclosed"] }, {})
      expect([pattern.tag, pattern.message]).toEqual(["SkillError", "spider: follow_patterns[0] is not a regular expression"])
    }))
})
