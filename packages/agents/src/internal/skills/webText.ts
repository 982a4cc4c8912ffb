/**
 * From fetched pages to text an AI can read: the main-content text of `web_search`, its quality
 * score, and the extractions of `spider` (fast text, full text, markdown, structured data by
 * selectors), links for crawling and robots.txt rules.
 */
import * as Html from "./html.js"

const noiseTags = new Set(["script", "style", "nav", "header", "footer", "aside", "noscript", "iframe", "template", "svg"])

/** Where the main content of a page usually is, in order of preference. */
const contentSelectors = [
  "article", "main", "[role=main]", ".content", "#content", ".post", ".entry-content", ".article-body",
  ".story-body", ".markdown-body", ".wiki-body", ".documentation"
]

/** Class or id fragments of page furniture (menus, ads, banners…), dropped from the main content. */
const furniture = /sidebar|navigation|menu|advertisement|\bads?\b|banner|popup|modal|cookie|gdpr|subscribe|newsletter|comments|related|share|social/i

/** The main content of a page as one line of text (web_search). */
export const mainContentText = (html: string): string => {
  const root = Html.parse(html)
  let picked: Html.Element | undefined
  for (const selector of contentSelectors) {
    picked = Html.selectFirst(root, selector)
    if (picked !== undefined) break
  }
  const scope = picked ?? Html.selectFirst(root, "body") ?? root
  Html.removeWhere(
    scope,
    (e) => noiseTags.has(e.tag) || furniture.test(e.attrs["class"] ?? "") || furniture.test(e.attrs["id"] ?? "")
  )
  return Html.textOf(scope)
}

/** Cut `text` to `max` characters keeping its start (two thirds) and its end (one third). */
export const smartTruncate = (text: string, max: number): string => {
  if (text.length <= max) return text
  const head = Math.floor((max * 2) / 3)
  const tail = Math.floor(max / 3)
  return `${text.slice(0, head)}\n\n[...content truncated...]\n\n${text.slice(text.length - tail)}`
}

/** Page text without scripts and page furniture (spider's `fast_text`). */
export const fastText = (html: string, collapse = true): string => {
  const root = Html.parse(html)
  Html.removeWhere(root, (e) => noiseTags.has(e.tag))
  return tidy(Html.textOf(Html.selectFirst(root, "body") ?? root, collapse), collapse)
}

/** Uncollapsed text keeps its line structure, without runs of blank lines. */
const tidy = (text: string, collapse: boolean) =>
  collapse ? text : text.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim()

/** All visible text, navigation and footers included (spider's `full_text`). */
export const fullText = (html: string, collapse = true): string => {
  const root = Html.parse(html)
  Html.removeWhere(root, (e) => ["script", "style", "noscript", "template", "head"].includes(e.tag))
  return tidy(Html.textOf(root, collapse), collapse)
}

/** Headings, paragraphs, list items and code as markdown (spider's `markdown`). */
export const markdown = (html: string): string => {
  const root = Html.parse(html)
  const title = Html.selectFirst(root, "title")
  Html.removeWhere(root, (e) => noiseTags.has(e.tag) || e.tag === "head")
  const lines: Array<string> = title === undefined ? [] : [`# ${Html.textOf(title)}`, ""]
  const walk = (e: Html.Element) => {
    for (const c of e.children) {
      if (typeof c === "string") continue
      const text = () => Html.textOf(c)
      const heading = /^h([1-6])$/.exec(c.tag)
      if (heading !== null) lines.push(`${"#".repeat(Number(heading[1]))} ${text()}`, "")
      else if (c.tag === "p") lines.push(text(), "")
      else if (c.tag === "li") lines.push(`- ${text()}`)
      else if (c.tag === "pre") lines.push("```", Html.textOf(c, false).trim(), "```", "")
      else walk(c)
    }
  }
  walk(root)
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()
}

/** The page's `<title>`. */
export const title = (html: string): string => {
  const t = Html.selectFirst(Html.parse(html), "title")
  return t === undefined ? "" : Html.textOf(t)
}

/** For each named selector, the texts it selects: null for none, a string for one, else a list. */
export const structured = (
  html: string,
  selectors: Readonly<Record<string, string>>
): { readonly title: string; readonly data: Record<string, string | ReadonlyArray<string> | null> } => {
  const root = Html.parse(html)
  const t = Html.selectFirst(root, "title")
  const data: Record<string, string | ReadonlyArray<string> | null> = {}
  for (const [field, selector] of Object.entries(selectors)) {
    const texts = Html.selectAll(root, selector).map((e) => Html.textOf(e)).filter((s) => s !== "")
    data[field] = texts.length === 0 ? null : texts.length === 1 ? texts[0]! : texts
  }
  return { title: t === undefined ? "" : Html.textOf(t), data }
}

/** Absolute http(s) URLs of the page's links (fragments dropped), in order, without repeats. */
export const links = (html: string, pageUrl: string): ReadonlyArray<string> => {
  const out = new Set<string>()
  for (const a of Html.selectAll(Html.parse(html), "a[href]")) {
    const href = a.attrs["href"]!
    if (!URL.canParse(href, pageUrl)) continue
    const url = new URL(href, pageUrl)
    if (url.protocol !== "http:" && url.protocol !== "https:") continue
    url.hash = ""
    out.add(url.toString())
  }
  return [...out]
}

// --- robots.txt ---------------------------------------------------------------------------

/** The Allow/Disallow rules of robots.txt that apply to `agent` (its group, else `*`). */
export const robotsRules = (text: string, agent: string): ReadonlyArray<{ allow: boolean; path: string }> => {
  const groups: Array<{ agents: Array<string>; rules: Array<{ allow: boolean; path: string }> }> = []
  let current: (typeof groups)[number] | undefined
  let inAgents = false
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim()
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line)
    if (m === null) continue
    const field = m[1]!.toLowerCase()
    const value = m[2]!.trim()
    if (field === "user-agent") {
      if (!inAgents || current === undefined) {
        current = { agents: [], rules: [] }
        groups.push(current)
      }
      current.agents.push(value.toLowerCase())
      inAgents = true
    } else if ((field === "allow" || field === "disallow") && current !== undefined) {
      inAgents = false
      if (value !== "") current.rules.push({ allow: field === "allow", path: value })
    }
  }
  const token = agent.toLowerCase().split(/[\s/]/)[0] ?? ""
  const mine = groups.filter((g) => g.agents.some((a) => a !== "*" && token !== "" && token.includes(a)))
  return (mine.length > 0 ? mine : groups.filter((g) => g.agents.includes("*"))).flatMap((g) => g.rules)
}

/** Whether the rules allow `path` (the longest matching rule wins; `*` and `$` understood). */
export const robotsAllows = (rules: ReadonlyArray<{ allow: boolean; path: string }>, path: string): boolean => {
  let best: { allow: boolean; length: number } | undefined
  for (const rule of rules) {
    const pattern = new RegExp(
      "^" + rule.path.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*").replace(/\\\$$/, "$")
    )
    if (pattern.test(path) && (best === undefined || rule.path.length > best.length || (rule.path.length === best.length && rule.allow))) {
      best = { allow: rule.allow, length: rule.path.length }
    }
  }
  return best === undefined || best.allow
}
