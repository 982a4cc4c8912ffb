/**
 * The Prompt Object Model: a prompt as titled sections with a body, bullets and subsections.
 * Rendered either as the `prompt.pom` structure (SignalWire formats it; `params.pom_format`
 * picks Markdown or XML) or locally as Markdown or XML text.
 *
 * ```ts
 * import { Ai, Pom } from "@signalwire-effect/swml"
 *
 * const pom = Pom.make().pipe(
 *   Pom.addSection("Role", { body: "You are a support agent for Acme." }),
 *   Pom.addSection("Rules", { bullets: ["Be brief", "Never guess prices"] })
 * )
 * Ai.make(pom)             // prompt.pom
 * Pom.toMarkdown(pom)      // "## Role\n\nYou are …"
 * ```
 *
 * @since 0.1.0
 */
import { dual } from "effect/Function"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import type { PomSection } from "./internal/ai.js"

const TypeId: unique symbol = Symbol.for("@signalwire-effect/swml/Pom")

/**
 * One section.
 *
 * @example
 * ```ts
 * import type { Pom } from "@signalwire-effect/swml"
 *
 * const section: Pom.Section = { title: "Rules", bullets: ["Be brief"], subsections: [] }
 * ```
 * @since 0.1.0
 */
export interface Section {
  readonly title?: string
  readonly body?: string
  readonly bullets: ReadonlyArray<string>
  readonly numbered?: boolean
  readonly numberedBullets?: boolean
  readonly subsections: ReadonlyArray<Section>
}

/**
 * Options of a new section.
 *
 * @example
 * ```ts
 * import type { Pom } from "@signalwire-effect/swml"
 *
 * const options: Pom.SectionOptions = { body: "Intro", bullets: ["a", "b"], numberedBullets: true }
 * ```
 * @since 0.1.0
 */
export interface SectionOptions {
  readonly body?: string
  readonly bullets?: ReadonlyArray<string>
  readonly numbered?: boolean
  readonly numberedBullets?: boolean
  readonly subsections?: ReadonlyArray<Section>
}

/**
 * A prompt under construction.
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * const pom: Pom.Pom = Pom.make()
 * ```
 * @since 0.1.0
 */
export interface Pom extends Pipeable {
  readonly [TypeId]: typeof TypeId
  readonly sections: ReadonlyArray<Section>
}

const proto = {
  [TypeId]: TypeId,
  pipe() {
    return pipeArguments(this, arguments)
  }
}

const fromSections = (sections: ReadonlyArray<Section>): Pom => Object.assign(Object.create(proto), { sections })

/**
 * Is this a Pom?
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * Pom.isPom(Pom.make()) // true
 * ```
 * @since 0.1.0
 */
export const isPom = (u: unknown): u is Pom => typeof u === "object" && u !== null && TypeId in u

/**
 * An empty prompt, or one made of the given sections.
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * const pom = Pom.make([Pom.section("Role", { body: "You are a concierge." })])
 * ```
 * @since 0.1.0
 */
export const make = (sections: ReadonlyArray<Section> = []): Pom => fromSections(sections)

/**
 * A section value (for subsections or {@link make}).
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * Pom.section("Tone", { bullets: ["Warm", "Concise"] })
 * ```
 * @since 0.1.0
 */
export const section = (title: string | undefined, options: SectionOptions = {}): Section => ({
  ...(title === undefined ? {} : { title }),
  ...(options.body === undefined ? {} : { body: options.body }),
  bullets: options.bullets ?? [],
  ...(options.numbered === undefined ? {} : { numbered: options.numbered }),
  ...(options.numberedBullets === undefined ? {} : { numberedBullets: options.numberedBullets }),
  subsections: options.subsections ?? []
})

/**
 * Append a section.
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * Pom.make().pipe(Pom.addSection("Goal", { body: "Book a table." }))
 * ```
 * @since 0.1.0
 */
export const addSection: {
  (title: string, options?: SectionOptions): (self: Pom) => Pom
  (self: Pom, title: string, options?: SectionOptions): Pom
} = dual(
  (args) => isPom(args[0]),
  (self: Pom, title: string, options?: SectionOptions) => fromSections([...self.sections, section(title, options)])
)

const updateFirst = (
  sections: ReadonlyArray<Section>,
  title: string,
  f: (section: Section) => Section
): readonly [ReadonlyArray<Section>, boolean] => {
  let found = false
  const next = sections.map((current) => {
    if (found) return current
    if (current.title === title) {
      found = true
      return f(current)
    }
    const [subsections, inner] = updateFirst(current.subsections, title, f)
    found = inner
    return inner ? { ...current, subsections } : current
  })
  return [next, found]
}

/**
 * Add to the first section with this title (searched depth-first): replace its body, append
 * bullets. A missing section is created.
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * Pom.make().pipe(Pom.addSection("Rules", { bullets: ["Be brief"] }), Pom.addToSection("Rules", { bullets: ["Be kind"] }))
 * ```
 * @since 0.1.0
 */
export const addToSection: {
  (title: string, options: { readonly body?: string; readonly bullets?: ReadonlyArray<string> }): (self: Pom) => Pom
  (self: Pom, title: string, options: { readonly body?: string; readonly bullets?: ReadonlyArray<string> }): Pom
} = dual(3, (self: Pom, title: string, options: { readonly body?: string; readonly bullets?: ReadonlyArray<string> }) => {
  const [sections, found] = updateFirst(self.sections, title, (current) => ({
    ...current,
    ...(options.body === undefined ? {} : { body: options.body }),
    bullets: [...current.bullets, ...(options.bullets ?? [])]
  }))
  return found ? fromSections(sections) : addSection(self, title, options)
})

/**
 * Add a subsection under the first section titled `parent` (created if missing).
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * Pom.make().pipe(Pom.addSubsection("Policies", "Refunds", { body: "Within 30 days." }))
 * ```
 * @since 0.1.0
 */
export const addSubsection: {
  (parent: string, title: string, options?: SectionOptions): (self: Pom) => Pom
  (self: Pom, parent: string, title: string, options?: SectionOptions): Pom
} = dual(
  (args) => isPom(args[0]),
  (self: Pom, parent: string, title: string, options?: SectionOptions) => {
    const child = section(title, options)
    const [sections, found] = updateFirst(self.sections, parent, (current) => ({
      ...current,
      subsections: [...current.subsections, child]
    }))
    return found ? fromSections(sections) : fromSections([...self.sections, section(parent, { subsections: [child] })])
  }
)

/**
 * Is there a section (at any depth) with this title?
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * Pom.hasSection(Pom.make().pipe(Pom.addSection("Role", { body: "x" })), "Role") // true
 * ```
 * @since 0.1.0
 */
export const hasSection = (self: Pom, title: string): boolean => updateFirst(self.sections, title, (s) => s)[1]

const toWire = (current: Section): PomSection => {
  const [first, ...rest] = current.bullets
  const [sub, ...subs] = current.subsections
  return {
    ...(current.title === undefined ? {} : { title: current.title }),
    // The platform needs a body or bullets; a section holding only subsections gets an empty body.
    ...(current.body !== undefined || first === undefined ? { body: current.body ?? "" } : {}),
    ...(first === undefined ? {} : { bullets: [first, ...rest] }),
    ...(current.numbered === undefined ? {} : { numbered: current.numbered }),
    ...(current.numberedBullets === undefined ? {} : { numberedBullets: current.numberedBullets }),
    ...(sub === undefined ? {} : { subsections: [toWire(sub), ...subs.map(toWire)] })
  } as PomSection
}

/**
 * The `prompt.pom` structure.
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * Pom.toSections(Pom.make().pipe(Pom.addSection("Role", { body: "x" }))) // [{ title: "Role", body: "x" }]
 * ```
 * @since 0.1.0
 */
export const toSections = (self: Pom): ReadonlyArray<PomSection> => self.sections.map(toWire)

/**
 * A Pom from a `prompt.pom` structure.
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * Pom.fromWire([{ title: "Role", body: "You are a concierge." }])
 * ```
 * @since 0.1.0
 */
export const fromWire = (sections: ReadonlyArray<PomSection>): Pom => {
  const read = (wire: PomSection): Section =>
    section(wire.title, {
      ...(wire.body === undefined || wire.body === "" ? {} : { body: wire.body }),
      bullets: wire.bullets ?? [],
      ...(typeof wire.numbered === "boolean" ? { numbered: wire.numbered } : {}),
      ...(typeof wire.numberedBullets === "boolean" ? { numberedBullets: wire.numberedBullets } : {}),
      subsections: (wire.subsections ?? []).map(read)
    })
  return fromSections(sections.map(read))
}

type Renderer = (current: Section, depth: number, number: ReadonlyArray<number>) => string

const numbering = (
  sections: ReadonlyArray<Section>,
  parentNumber: ReadonlyArray<number>,
  titled: boolean
): ReadonlyArray<ReadonlyArray<number>> => {
  const anyNumbered = sections.some((s) => s.numbered === true)
  let counter = 0
  return sections.map((s, index) => {
    if (!titled) return parentNumber
    if (s.title !== undefined) counter += 1
    const position = parentNumber.length === 0 ? counter : index + 1
    return anyNumbered && s.numbered !== false && s.title !== undefined ? [...parentNumber, position] : parentNumber
  })
}

const markdown: Renderer = (current, level, number) => {
  const lines: Array<string> = []
  if (current.title !== undefined) {
    lines.push(`${"#".repeat(level)} ${number.length > 0 ? `${number.join(".")}. ` : ""}${current.title}\n`)
  }
  if (current.body !== undefined && current.body !== "") lines.push(`${current.body}\n`)
  current.bullets.forEach((bullet, index) => lines.push(current.numberedBullets === true ? `${index + 1}. ${bullet}` : `- ${bullet}`))
  if (current.bullets.length > 0) lines.push("")
  const nested = current.title !== undefined || number.length > 0
  const numbers = numbering(current.subsections, number, nested)
  current.subsections.forEach((sub, index) => lines.push(markdown(sub, nested ? level + 1 : level, numbers[index] ?? [])))
  return lines.join("\n")
}

/**
 * The prompt as Markdown: `## Title` (subsections one level deeper), the body, `- bullet` (or
 * `1. bullet`), and `1.`, `1.1.` prefixes when sections are numbered.
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * Pom.toMarkdown(Pom.make().pipe(Pom.addSection("Role", { body: "Be kind." }))) // "## Role\n\nBe kind.\n"
 * ```
 * @since 0.1.0
 */
export const toMarkdown = (self: Pom): string => {
  const numbers = numbering(self.sections, [], true)
  return self.sections.map((s, index) => markdown(s, 2, numbers[index] ?? [])).join("\n")
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

const xml: Renderer = (current, indent, number) => {
  const pad = "  ".repeat(indent)
  const lines = [`${pad}<section>`]
  if (current.title !== undefined) {
    lines.push(`${pad}  <title>${number.length > 0 ? `${number.join(".")}. ` : ""}${escapeXml(current.title)}</title>`)
  }
  if (current.body !== undefined && current.body !== "") lines.push(`${pad}  <body>${escapeXml(current.body)}</body>`)
  if (current.bullets.length > 0) {
    lines.push(`${pad}  <bullets>`)
    current.bullets.forEach((bullet, index) =>
      lines.push(
        current.numberedBullets === true
          ? `${pad}    <bullet id="${index + 1}">${escapeXml(bullet)}</bullet>`
          : `${pad}    <bullet>${escapeXml(bullet)}</bullet>`
      )
    )
    lines.push(`${pad}  </bullets>`)
  }
  if (current.subsections.length > 0) {
    const numbers = numbering(current.subsections, number, current.title !== undefined || number.length > 0)
    lines.push(`${pad}  <subsections>`)
    current.subsections.forEach((sub, index) => lines.push(xml(sub, indent + 2, numbers[index] ?? [])))
    lines.push(`${pad}  </subsections>`)
  }
  lines.push(`${pad}</section>`)
  return lines.join("\n")
}

/**
 * The prompt as XML (`<prompt><section><title/><body/><bullets>…`), text escaped.
 *
 * @example
 * ```ts
 * import { Pom } from "@signalwire-effect/swml"
 *
 * Pom.toXml(Pom.make().pipe(Pom.addSection("Role", { body: "Be kind." })))
 * ```
 * @since 0.1.0
 */
export const toXml = (self: Pom): string => {
  const numbers = numbering(self.sections, [], true)
  return ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<prompt>", ...self.sections.map((s, i) => xml(s, 1, numbers[i] ?? [])), "</prompt>"].join("\n")
}
