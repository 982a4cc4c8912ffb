/**
 * A small strict XML parser for cXML documents (no dependency): one root element, elements with
 * attributes (single or double quotes, no duplicates), text, the five predefined entities and
 * character references, CDATA sections, comments, an XML declaration and processing
 * instructions before the root. No DTDs, no namespaces beyond keeping `a:b` as a name. Anything
 * else — a tag left open, a mismatched close tag, text or a second element after the root, a
 * stray `<` or `&` — is an error naming the line and column.
 */
import * as Either from "effect/Either"

/** An element: its name, its attributes and its children in order. */
export interface Element {
  readonly _tag: "Element"
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: ReadonlyArray<Node>
}

/** Text (entities resolved), including CDATA. */
export interface Text {
  readonly _tag: "Text"
  readonly text: string
}

export type Node = Element | Text

const MAX_DEPTH = 64
const MAX_LENGTH = 1_000_000
const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y
const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'" }

class XmlError {
  constructor(readonly message: string) {}
}

/** Parses a whole document; the error says what is wrong and where. */
export const parse = (input: string): Either.Either<Element, string> => {
  if (input.length > MAX_LENGTH) return Either.left(`the document is longer than ${MAX_LENGTH} characters`)
  let i = 0

  const where = () => {
    const before = input.slice(0, i)
    const line = before.split("\n").length
    return `line ${line}, column ${i - before.lastIndexOf("\n")}`
  }
  const fail = (message: string): never => {
    throw new XmlError(`${message} at ${where()}`)
  }
  const startsWith = (s: string) => input.startsWith(s, i)
  const skipSpace = () => {
    while (i < input.length && /\s/.test(input[i]!)) i++
  }
  const name = (): string => {
    NAME.lastIndex = i
    const match = NAME.exec(input)
    if (match === null) return fail("a name was expected")
    i += match[0].length
    return match[0]
  }
  const entity = (): string => {
    const end = input.indexOf(";", i)
    if (end < 0 || end - i > 12) return fail("an unterminated entity")
    const body = input.slice(i + 1, end)
    let value: string | undefined
    if (/^#[0-9]+$/.test(body)) value = String.fromCodePoint(Number(body.slice(1)))
    else if (/^#x[0-9a-fA-F]+$/.test(body)) value = String.fromCodePoint(parseInt(body.slice(2), 16))
    else value = ENTITIES[body]
    if (value === undefined) return fail(`an unknown entity &${body};`)
    i = end + 1
    return value
  }
  /** Skips comments and processing instructions (and whitespace); false when none is next. */
  const misc = (): boolean => {
    if (startsWith("<!--")) {
      const end = input.indexOf("-->", i + 4)
      if (end < 0) fail("an unterminated comment")
      i = end + 3
      return true
    }
    if (startsWith("<?")) {
      const end = input.indexOf("?>", i + 2)
      if (end < 0) fail("an unterminated processing instruction")
      i = end + 2
      return true
    }
    return false
  }
  const attributes = (): Record<string, string> => {
    const attrs: Record<string, string> = {}
    for (;;) {
      const before = i
      skipSpace()
      if (startsWith("/>") || startsWith(">")) return attrs
      if (i === before) fail("whitespace was expected before an attribute")
      const key = name()
      skipSpace()
      if (input[i] !== "=") fail(`"=" was expected after attribute ${key}`)
      i++
      skipSpace()
      const quote = input[i]
      if (quote !== "\"" && quote !== "'") return fail(`a quoted value was expected for attribute ${key}`)
      i++
      let value = ""
      while (input[i] !== quote) {
        if (i >= input.length) fail(`the value of attribute ${key} is not closed`)
        if (input[i] === "<") fail(`"<" in the value of attribute ${key}`)
        if (input[i] === "&") value += entity()
        else value += input[i++]
      }
      i++
      if (Object.hasOwn(attrs, key)) fail(`attribute ${key} is given twice`)
      attrs[key] = value
    }
  }
  const element = (depth: number): Element => {
    if (depth > MAX_DEPTH) fail(`elements nest deeper than ${MAX_DEPTH}`)
    i++ // "<"
    const tag = name()
    const attrs = attributes()
    if (startsWith("/>")) {
      i += 2
      return { _tag: "Element", name: tag, attributes: attrs, children: [] }
    }
    i++ // ">"
    const children: Array<Node> = []
    let text = ""
    const flush = () => {
      if (text !== "") children.push({ _tag: "Text", text })
      text = ""
    }
    for (;;) {
      if (i >= input.length) fail(`<${tag}> is not closed`)
      if (startsWith("</")) {
        flush()
        i += 2
        const closing = name()
        skipSpace()
        if (input[i] !== ">") fail(`">" was expected to close </${closing}`)
        i++
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`)
        return { _tag: "Element", name: tag, attributes: attrs, children }
      }
      if (startsWith("<![CDATA[")) {
        const end = input.indexOf("]]>", i + 9)
        if (end < 0) fail("an unterminated CDATA section")
        text += input.slice(i + 9, end)
        i = end + 3
        continue
      }
      if (startsWith("<!--") || startsWith("<?")) {
        misc()
        continue
      }
      if (startsWith("<!")) fail("a declaration inside an element")
      if (input[i] === "<") {
        flush()
        children.push(element(depth + 1))
        continue
      }
      if (input[i] === "&") {
        text += entity()
        continue
      }
      text += input[i++]
    }
  }

  try {
    if (input.charCodeAt(0) === 0xfeff) i = 1
    for (;;) {
      skipSpace()
      if (!misc()) break
    }
    if (startsWith("<!")) fail("a DTD or declaration (not accepted)")
    if (input[i] !== "<") fail(i >= input.length ? "the document is empty" : "text before the root element")
    const root = element(0)
    for (;;) {
      skipSpace()
      if (!misc()) break
    }
    if (i < input.length) fail("content after the root element")
    return Either.right(root)
  } catch (error) {
    if (error instanceof XmlError) return Either.left(error.message)
    throw error
  }
}

/** The elements among `nodes`. */
export const elements = (nodes: ReadonlyArray<Node>): ReadonlyArray<Element> => nodes.filter((n): n is Element => n._tag === "Element")

/** The text content of an element (its text children, trimmed). */
export const textOf = (element: Element): string =>
  element.children.map((n) => (n._tag === "Text" ? n.text : "")).join("").trim()
