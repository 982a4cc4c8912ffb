import { describe, expect, it } from "@effect/vitest"
import * as Html from "../../src/internal/skills/html.js"

const page = `<!DOCTYPE html>
<html><head><title>Caf&eacute; &amp; Co</title><style>p { color: red }</style>
<script>if (a < b && c > d) { document.write("<p>no</p>") }</script></head>
<body>
<nav class="top-menu"><a href="/home">Home</a></nav>
<div id="content" class="main wide" data-kind=article>
  <h1>Opening&nbsp;hours</h1>
  <p>Open daily<br>from 8&#58;00 to 18&#x3a;00.
  <p class="price note">Coffee: &euro;2</p>
  <ul><li>Mon<li>Tue</ul>
  <!-- a comment <p>hidden</p> -->
  <img src="/logo.png" alt="logo"/>
  <a href='/menu?x=1&amp;y=2'>Menu</a>
  <![CDATA[raw & kept]]>
</div>
<footer>&copy; 2026</footer>
</body></html>`

describe("the HTML reader of the web skills", () => {
  it("parses a page: raw text elements, entities, implied closes, comments, CDATA", () => {
    const root = Html.parse(page)
    expect(Html.textOf(Html.selectFirst(root, "title")!)).toBe("Café & Co")
    expect(Html.textOf(Html.selectFirst(root, "h1")!)).toBe("Opening hours")
    const text = Html.textOf(Html.selectFirst(root, "#content")!)
    expect(text).toBe("Opening hours Open daily from 8:00 to 18:00. Coffee: €2 Mon Tue Menu raw & kept")
    expect(Html.selectAll(root, "li").map((e) => Html.textOf(e))).toEqual(["Mon", "Tue"])
    expect(Html.selectAll(root, "p")).toHaveLength(2) // the script's "<p>" is text
    expect(Html.selectFirst(root, "a[href^='/menu']")!.attrs["href"]).toBe("/menu?x=1&y=2")
  })

  it("selectors: compound, descendant, child, attribute operators, lists; unsupported ones match nothing", () => {
    const root = Html.parse(page)
    const texts = (s: string) => Html.selectAll(root, s).map((e) => Html.textOf(e))
    expect(texts("p.price.note")).toEqual(["Coffee: €2"])
    expect(texts("div#content > h1")).toEqual(["Opening hours"])
    expect(texts("body > h1")).toEqual([])
    expect(texts("body h1")).toEqual(["Opening hours"])
    expect(texts("[data-kind=article] ul > li")).toEqual(["Mon", "Tue"])
    expect(texts("[class~=wide] h1, footer")).toEqual(["Opening hours", "© 2026"])
    expect(Html.selectAll(root, "[class*=menu]").map((e) => e.tag)).toEqual(["nav"])
    expect(Html.selectAll(root, "img[src$='.png']")).toHaveLength(1)
    expect(Html.selectAll(root, "*").length).toBeGreaterThan(10)
    expect(Html.isSupportedSelector("a:hover")).toBe(false)
    expect(Html.selectAll(root, "h1 + p")).toEqual([])
    expect(Html.selectAll(root, "//p")).toEqual([])
  })

  it("removeWhere drops subtrees", () => {
    const root = Html.parse(page)
    Html.removeWhere(root, (e) => ["nav", "footer", "script", "style", "head"].includes(e.tag))
    expect(Html.textOf(root)).not.toContain("Home")
    expect(Html.textOf(root)).not.toContain("2026")
    expect(Html.textOf(root).startsWith("Opening")).toBe(true)
  })

  it("decodes numeric and named references, leaves unknown ones", () => {
    expect(Html.decodeEntities("&#128512; &#x1F600; &hellip; &bogus; &amp")).toBe("😀 😀 … &bogus; &")
  })
})
