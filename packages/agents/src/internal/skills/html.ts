/**
 * A small, forgiving HTML reader for the web skills (no dependency): a tree of elements and text,
 * entity decoding (numeric references and the common named ones), text extraction with block
 * boundaries as spaces, and a CSS selector subset:
 *
 * - simple selectors: `tag`, `*`, `#id`, `.class` (several), `[attr]`, `[attr=v]`, `[attr~=v]`,
 *   `[attr^=v]`, `[attr$=v]`, `[attr*=v]` (values quoted or not), compounded (`div.post[data-x]`);
 * - combinators: descendant (space) and child (`>`); selector lists (`a, b`).
 *
 * Not supported (no match rather than an error): pseudo-classes, `+`/`~` combinators, XPath.
 */

export interface Element {
  readonly tag: string
  readonly attrs: Readonly<Record<string, string>>
  readonly children: Array<Node>
  parent: Element | undefined
}
export type Node = Element | string

const voidTags = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"
])
const rawTextTags = new Set(["script", "style", "textarea", "title", "noscript", "iframe", "xmp"])
const blockTags = new Set([
  "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
  "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
  "section", "table", "td", "th", "tr", "ul", "title", "body", "html", "head", "option"
])
/** Opening one of these closes an open `<p>`. */
const closesP = new Set([
  "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "footer", "form", "h1", "h2", "h3", "h4",
  "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"
])

const named: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0", mdash: "\u2014", ndash: "\u2013",
  hellip: "\u2026", copy: "\u00a9", reg: "\u00ae", trade: "\u2122", laquo: "\u00ab", raquo: "\u00bb",
  lsquo: "\u2018", rsquo: "\u2019", ldquo: "\u201c", rdquo: "\u201d", bull: "\u2022", middot: "\u00b7",
  euro: "\u20ac", pound: "\u00a3", yen: "\u00a5", cent: "\u00a2", deg: "\u00b0", times: "\u00d7",
  divide: "\u00f7", eacute: "\u00e9", egrave: "\u00e8", agrave: "\u00e0", ccedil: "\u00e7", uuml: "\u00fc",
  ouml: "\u00f6", auml: "\u00e4", szlig: "\u00df", ntilde: "\u00f1", shy: "\u00ad", ensp: "\u2002",
  emsp: "\u2003", thinsp: "\u2009", para: "\u00b6", sect: "\u00a7"
}

/** Decode character references. */
export const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);?/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return named[ref.toLowerCase()] ?? whole
  })

const attrPattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

const parseAttrs = (text: string): Record<string, string> => {
  const attrs: Record<string, string> = {}
  for (const m of text.matchAll(attrPattern)) {
    const name = m[1]!.toLowerCase()
    if (!(name in attrs)) attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "")
  }
  return attrs
}

/** Parse a document (or a fragment) into a root element `#root`. */
export const parse = (html: string): Element => {
  const root: Element = { tag: "#root", attrs: {}, children: [], parent: undefined }
  let current = root
  const text = (s: string) => {
    if (s !== "") current.children.push(decodeEntities(s))
  }
  const open = (tag: string, attrs: Record<string, string>) => {
    if (current.tag === "p" && closesP.has(tag)) current = current.parent ?? root
    if ((tag === "li" && current.tag === "li") || ((tag === "td" || tag === "th") && /^t[dh]$/.test(current.tag))) {
      current = current.parent ?? root
    }
    const element: Element = { tag, attrs, children: [], parent: current }
    current.children.push(element)
    return element
  }
  const tagPattern = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<![^>]*>|<\?[^>]*>|<\/([a-zA-Z][\w:-]*)[^>]*>|<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g
  let at = 0
  for (let m = tagPattern.exec(html); m !== null; m = tagPattern.exec(html)) {
    text(html.slice(at, m.index))
    at = tagPattern.lastIndex
    if (m[1] !== undefined) {
      current.children.push(m[1])
    } else if (m[2] !== undefined) {
      const tag = m[2].toLowerCase()
      for (let e: Element | undefined = current; e !== undefined && e !== root; e = e.parent) {
        if (e.tag === tag) {
          current = e.parent ?? root
          break
        }
      }
    } else if (m[3] !== undefined) {
      const tag = m[3].toLowerCase()
      const rawAttrs = m[4] ?? ""
      const element = open(tag, parseAttrs(rawAttrs))
      if (voidTags.has(tag) || rawAttrs.trimEnd().endsWith("/")) continue
      if (rawTextTags.has(tag)) {
        const close = new RegExp(`</${tag}\\s*>`, "ig")
        close.lastIndex = at
        const end = close.exec(html)
        const content = html.slice(at, end === null ? html.length : end.index)
        if (content !== "") element.children.push(tag === "title" || tag === "textarea" ? decodeEntities(content) : content)
        at = end === null ? html.length : close.lastIndex
        tagPattern.lastIndex = at
        continue
      }
      current = element
    }
  }
  text(html.slice(at))
  return root
}

/** All elements under `node` (itself excluded) in document order. */
export const descendants = (node: Element): Array<Element> => {
  const out: Array<Element> = []
  const walk = (e: Element) => {
    for (const c of e.children) {
      if (typeof c !== "string") {
        out.push(c)
        walk(c)
      }
    }
  }
  walk(node)
  return out
}

/** The text of `node`, block boundaries as spaces; whitespace collapsed when `collapse` (default). */
export const textOf = (node: Node, collapse = true): string => {
  const parts: Array<string> = []
  const walk = (n: Node) => {
    if (typeof n === "string") {
      parts.push(n)
      return
    }
    const block = blockTags.has(n.tag)
    if (block) parts.push(" ")
    for (const c of n.children) walk(c)
    if (block) parts.push(" ")
  }
  walk(node)
  const joined = parts.join("")
  return collapse ? joined.replace(/\s+/g, " ").trim() : joined
}

/** Remove from the tree every element under `root` that `drop` selects. */
export const removeWhere = (root: Element, drop: (e: Element) => boolean): void => {
  const walk = (e: Element) => {
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i]!
      if (typeof c === "string") continue
      if (drop(c)) e.children.splice(i, 1)
      else walk(c)
    }
  }
  walk(root)
}

// --- selectors -----------------------------------------------------------------------------

interface Compound {
  readonly tag: string | undefined
  readonly id: string | undefined
  readonly classes: ReadonlyArray<string>
  readonly attrs: ReadonlyArray<{ name: string; op: string | undefined; value: string }>
}
type Step = { readonly compound: Compound; readonly combinator: " " | ">" }

const compoundPattern = /^(\*|[a-zA-Z][\w-]*)?((?:#[\w-]+|\.[\w-]+|\[\s*[\w:-]+\s*(?:[~^$*]?=\s*(?:"[^"]*"|'[^']*'|[^\]\s]+)\s*)?\])*)$/
const partPattern = /#([\w-]+)|\.([\w-]+)|\[\s*([\w:-]+)\s*(?:([~^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+))\s*)?\]/g

const parseCompound = (text: string): Compound | undefined => {
  const m = compoundPattern.exec(text)
  if (m === null || text === "") return undefined
  const classes: Array<string> = []
  const attrs: Array<Compound["attrs"][number]> = []
  let id: string | undefined
  for (const p of (m[2] ?? "").matchAll(partPattern)) {
    if (p[1] !== undefined) id = p[1]
    else if (p[2] !== undefined) classes.push(p[2])
    else attrs.push({ name: p[3]!.toLowerCase(), op: p[4], value: p[5] ?? p[6] ?? p[7] ?? "" })
  }
  return { tag: m[1] === undefined || m[1] === "*" ? undefined : m[1].toLowerCase(), id, classes, attrs }
}

/** Parse one complex selector (no commas) into steps, or undefined when outside the subset. */
const parseComplex = (text: string): Array<Step> | undefined => {
  const tokens = text.trim().replace(/\s*>\s*/g, " > ").split(/\s+/)
  const steps: Array<Step> = []
  let combinator: " " | ">" = " "
  for (const token of tokens) {
    if (token === ">") {
      if (steps.length === 0) return undefined
      combinator = ">"
      continue
    }
    const compound = parseCompound(token)
    if (compound === undefined) return undefined
    steps.push({ compound, combinator })
    combinator = " "
  }
  return steps.length === 0 ? undefined : steps
}

const matchesCompound = (e: Element, c: Compound): boolean => {
  if (c.tag !== undefined && e.tag !== c.tag) return false
  if (c.id !== undefined && e.attrs["id"] !== c.id) return false
  const classes = (e.attrs["class"] ?? "").split(/\s+/)
  if (!c.classes.every((k) => classes.includes(k))) return false
  return c.attrs.every(({ name, op, value }) => {
    const v = e.attrs[name]
    if (v === undefined) return false
    switch (op) {
      case undefined:
        return true
      case "=":
        return v === value
      case "~=":
        return v.split(/\s+/).includes(value)
      case "^=":
        return value !== "" && v.startsWith(value)
      case "$=":
        return value !== "" && v.endsWith(value)
      default:
        return value !== "" && v.includes(value)
    }
  })
}

const matchesSteps = (e: Element, steps: ReadonlyArray<Step>, i: number): boolean => {
  const step = steps[i]!
  if (!matchesCompound(e, step.compound)) return false
  if (i === 0) return true
  if (step.combinator === ">") return e.parent !== undefined && matchesSteps(e.parent, steps, i - 1)
  for (let a = e.parent; a !== undefined; a = a.parent) if (matchesSteps(a, steps, i - 1)) return true
  return false
}

/** Whether `selector` is inside the supported subset. */
export const isSupportedSelector = (selector: string): boolean =>
  selector.split(",").every((part) => parseComplex(part) !== undefined)

/** The elements under `root` matching `selector`, in document order; none when unsupported. */
export const selectAll = (root: Element, selector: string): Array<Element> => {
  const lists = selector.split(",").map(parseComplex)
  if (lists.some((l) => l === undefined)) return []
  const complex = lists as Array<Array<Step>>
  return descendants(root).filter((e) => complex.some((steps) => matchesSteps(e, steps, steps.length - 1)))
}

/** The first element matching `selector`. */
export const selectFirst = (root: Element, selector: string): Element | undefined => selectAll(root, selector)[0]
