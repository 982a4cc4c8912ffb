import { describe, expect, it } from "@effect/vitest"
import { quality } from "../../src/internal/skills/quality.js"
import * as WebText from "../../src/internal/skills/webText.js"

describe("page text of the web skills", () => {
  it("links: absolute, http(s) only, fragments dropped, no repeats", () => {
    const html = `<a href="/a#x">a</a><a href="b?q=1">b</a><a href="/a">again</a><a href="mailto:x@y">m</a>
      <a href="javascript:void(0)">j</a><a href="https://other.example/">o</a><a>none</a>`
    expect(WebText.links(html, "https://site.example/dir/page")).toEqual([
      "https://site.example/a",
      "https://site.example/dir/b?q=1",
      "https://other.example/"
    ])
  })

  it("robots.txt: our group else *, longest rule wins, Allow beats Disallow on a tie, * and $", () => {
    const text = [
      "# comment",
      "User-agent: *",
      "Disallow: /private",
      "Allow: /private/open",
      "Disallow: /*.pdf$",
      "",
      "User-agent: TestBot",
      "User-agent: OtherBot",
      "Disallow: /",
      "Allow: /public"
    ].join("\n")
    const star = WebText.robotsRules(text, "Mozilla/5.0 (compatible)")
    expect(WebText.robotsAllows(star, "/private/x")).toBe(false)
    expect(WebText.robotsAllows(star, "/private/open/1")).toBe(true)
    expect(WebText.robotsAllows(star, "/doc.pdf")).toBe(false)
    expect(WebText.robotsAllows(star, "/doc.pdf?x")).toBe(true)
    expect(WebText.robotsAllows(star, "/anything")).toBe(true)
    const bot = WebText.robotsRules(text, "TestBot/1.0")
    expect(WebText.robotsAllows(bot, "/anything")).toBe(false)
    expect(WebText.robotsAllows(bot, "/public/page")).toBe(true)
    expect(WebText.robotsAllows(WebText.robotsRules("", "x"), "/")).toBe(true)
  })

  it("main content: the first content container, without page furniture", () => {
    const html = `<body><div class="sidebar">Side</div><div id="content"><p>Real text.</p>
      <div class="related-posts">Related</div><aside>Aside</aside><div class="cookie-banner">Cookies</div></div></body>`
    expect(WebText.mainContentText(html)).toBe("Real text.")
    expect(WebText.mainContentText("<body><p>Only body</p><nav>Nav</nav></body>")).toBe("Only body")
  })

  it("smartTruncate keeps two thirds of the start and one third of the end", () => {
    const text = "a".repeat(50) + "b".repeat(50) + "c".repeat(50)
    const cut = WebText.smartTruncate(text, 30)
    expect(cut).toBe(`${"a".repeat(20)}\n\n[...content truncated...]\n\n${"c".repeat(10)}`)
    expect(WebText.smartTruncate("short", 30)).toBe("short")
  })

  it("quality: long, relevant, well-formed text scores high; thin or off-topic text low; sites weigh", () => {
    const sentences = Array.from({ length: 20 }, (_, i) => `Fact ${i} about quantum computing and qubit${i} research.`)
    const good = quality(sentences.join(" ").repeat(3), "https://en.wikipedia.org/wiki/Q", "quantum computing")
    expect(good.score).toBeGreaterThan(1)
    expect(good.wordsFound).toBe("2/2")
    expect(good.domain).toBe("en.wikipedia.org")
    const same = quality(sentences.join(" ").repeat(3), "https://blog.example/q", "quantum computing")
    expect(same.score).toBeCloseTo(good.score - 0.075, 5)
    const thin = quality("Click here. Subscribe to our newsletter. Cookie policy.", "https://x.example/", "quantum computing")
    expect(thin.score).toBeCloseTo(0.1 + 0.07 + 0.15, 5) // diversity, two boilerplate phrases, the site; no length, sentences, relevance
    expect(thin.wordsFound).toBe("0/2")
    expect(quality("", "https://x.example/", "q").score).toBe(0)
    expect(quality("some text", "https://x.example/", "a an the").wordsFound).toBe("N/A")
  })
})
