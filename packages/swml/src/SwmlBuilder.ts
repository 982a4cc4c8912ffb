/**
 * Build a SWML document verb by verb. A builder is an immutable value: every operation returns a
 * new builder, and operations are dual (`SwmlBuilder.add(builder, verb)` or
 * `builder.pipe(SwmlBuilder.add(verb))`).
 *
 * ```ts
 * import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
 *
 * const doc = SwmlBuilder.make().pipe(
 *   SwmlBuilder.add(Verb.answer(), Verb.say("Hello"), Verb.hangup()),
 *   SwmlBuilder.build
 * )
 * ```
 *
 * @since 0.1.0
 */
import { dual } from "effect/Function"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import type { Document, Instruction, Verbs } from "./internal/document.js"
import * as Verb from "./Verb.js"

const TypeId: unique symbol = Symbol.for("@signalwire-effect/swml/SwmlBuilder")

/**
 * A document under construction: named sections in insertion order, `main` first.
 *
 * @example
 * ```ts
 * import { SwmlBuilder } from "@signalwire-effect/swml"
 *
 * const builder: SwmlBuilder.SwmlBuilder = SwmlBuilder.make()
 * ```
 * @since 0.1.0
 */
export interface SwmlBuilder extends Pipeable {
  readonly [TypeId]: typeof TypeId
  readonly sections: ReadonlyArray<readonly [name: string, instructions: ReadonlyArray<Instruction>]>
}

const proto = {
  [TypeId]: TypeId,
  pipe() {
    return pipeArguments(this, arguments)
  }
}

const fromSections = (sections: SwmlBuilder["sections"]): SwmlBuilder => Object.assign(Object.create(proto), { sections })

/**
 * Is this a builder?
 *
 * @example
 * ```ts
 * import { SwmlBuilder } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.isSwmlBuilder(SwmlBuilder.make()) // true
 * ```
 * @since 0.1.0
 */
export const isSwmlBuilder = (u: unknown): u is SwmlBuilder => typeof u === "object" && u !== null && TypeId in u

/**
 * An empty document (`main` with no instructions).
 *
 * @example
 * ```ts
 * import { SwmlBuilder } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.build(SwmlBuilder.make()) // { version: "1.0.0", sections: { main: [] } }
 * ```
 * @since 0.1.0
 */
export const make = (): SwmlBuilder => fromSections([["main", []]])

/**
 * Continue from an existing document.
 *
 * @example
 * ```ts
 * import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.fromDocument({ sections: { main: [Verb.answer()] } }).pipe(SwmlBuilder.add(Verb.hangup()))
 * ```
 * @since 0.1.0
 */
export const fromDocument = (document: Document): SwmlBuilder => {
  const { main, ...rest } = document.sections
  return fromSections([["main", main], ...Object.entries(rest)])
}

const append = (self: SwmlBuilder, section: string, instructions: ReadonlyArray<Instruction>): SwmlBuilder =>
  self.sections.some(([name]) => name === section)
    ? fromSections(self.sections.map(([name, list]) => [name, name === section ? [...list, ...instructions] : list]))
    : fromSections([...self.sections, [section, instructions]])

/**
 * Append instructions to `main`.
 *
 * @example
 * ```ts
 * import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.make().pipe(SwmlBuilder.add(Verb.answer(), Verb.say("Hi"), Verb.hangup()))
 * ```
 * @since 0.1.0
 */
export const add: {
  (...instructions: ReadonlyArray<Instruction>): (self: SwmlBuilder) => SwmlBuilder
  (self: SwmlBuilder, ...instructions: ReadonlyArray<Instruction>): SwmlBuilder
} = dual(
  (args) => isSwmlBuilder(args[0]),
  (self: SwmlBuilder, ...instructions: ReadonlyArray<Instruction>) => append(self, "main", instructions)
)

/**
 * Append instructions to a named section (created on first use).
 *
 * @example
 * ```ts
 * import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.make().pipe(SwmlBuilder.addTo("sales", Verb.connect({ to: "+15551234567" })))
 * ```
 * @since 0.1.0
 */
export const addTo: {
  (section: string, ...instructions: ReadonlyArray<Instruction>): (self: SwmlBuilder) => SwmlBuilder
  (self: SwmlBuilder, section: string, ...instructions: ReadonlyArray<Instruction>): SwmlBuilder
} = dual(
  (args) => isSwmlBuilder(args[0]),
  (self: SwmlBuilder, section: string, ...instructions: ReadonlyArray<Instruction>) =>
    append(self, section, instructions)
)

/**
 * Append one verb to `main`, typed by its name.
 *
 * @example
 * ```ts
 * import { SwmlBuilder } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.make().pipe(SwmlBuilder.verb("record_call", { format: "mp3", stereo: true }))
 * ```
 * @since 0.1.0
 */
export const verb: {
  <K extends keyof Verbs>(name: K, config: Verbs[K]): (self: SwmlBuilder) => SwmlBuilder
  <K extends keyof Verbs>(self: SwmlBuilder, name: K, config: Verbs[K]): SwmlBuilder
} = dual(3, <K extends keyof Verbs>(self: SwmlBuilder, name: K, config: Verbs[K]) =>
  append(self, "main", [Verb.make(name, config)]))

/**
 * Append one verb to a named section, typed by its name.
 *
 * @example
 * ```ts
 * import { SwmlBuilder } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.make().pipe(SwmlBuilder.verbTo("voicemail", "record", { beep: true }))
 * ```
 * @since 0.1.0
 */
export const verbTo: {
  <K extends keyof Verbs>(section: string, name: K, config: Verbs[K]): (self: SwmlBuilder) => SwmlBuilder
  <K extends keyof Verbs>(self: SwmlBuilder, section: string, name: K, config: Verbs[K]): SwmlBuilder
} = dual(4, <K extends keyof Verbs>(self: SwmlBuilder, section: string, name: K, config: Verbs[K]) =>
  append(self, section, [Verb.make(name, config)]))

/**
 * Text to speech in `main` (a `play` of `say:<text>`).
 *
 * @example
 * ```ts
 * import { SwmlBuilder } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.make().pipe(SwmlBuilder.say("Thanks for calling", { say_voice: "polly.Joanna" }))
 * ```
 * @since 0.1.0
 */
export const say: {
  (text: string, options?: Parameters<typeof Verb.say>[1]): (self: SwmlBuilder) => SwmlBuilder
  (self: SwmlBuilder, text: string, options?: Parameters<typeof Verb.say>[1]): SwmlBuilder
} = dual(
  (args) => isSwmlBuilder(args[0]),
  (self: SwmlBuilder, text: string, options?: Parameters<typeof Verb.say>[1]) =>
    append(self, "main", [Verb.say(text, options)])
)

/**
 * Set a section's whole instruction list (replacing it if it exists).
 *
 * @example
 * ```ts
 * import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.make().pipe(SwmlBuilder.section("goodbye", [Verb.say("Bye"), Verb.hangup()]))
 * ```
 * @since 0.1.0
 */
export const section: {
  (name: string, instructions: ReadonlyArray<Instruction>): (self: SwmlBuilder) => SwmlBuilder
  (self: SwmlBuilder, name: string, instructions: ReadonlyArray<Instruction>): SwmlBuilder
} = dual(3, (self: SwmlBuilder, name: string, instructions: ReadonlyArray<Instruction>) =>
  self.sections.some(([existing]) => existing === name)
    ? fromSections(self.sections.map(([existing, list]) => [existing, existing === name ? instructions : list]))
    : fromSections([...self.sections, [name, instructions]]))

/**
 * The document.
 *
 * @example
 * ```ts
 * import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
 *
 * const doc = SwmlBuilder.make().pipe(SwmlBuilder.add(Verb.hangup()), SwmlBuilder.build)
 * ```
 * @since 0.1.0
 */
export const build = (self: SwmlBuilder): Document => {
  const main = self.sections.find(([name]) => name === "main")?.[1] ?? []
  const others = Object.fromEntries(self.sections.filter(([name]) => name !== "main"))
  return { version: "1.0.0", sections: { ...others, main } }
}

/**
 * The document as JSON text.
 *
 * @example
 * ```ts
 * import { SwmlBuilder, Verb } from "@signalwire-effect/swml"
 *
 * SwmlBuilder.make().pipe(SwmlBuilder.add(Verb.answer()), SwmlBuilder.render)
 * ```
 * @since 0.1.0
 */
export const render = (self: SwmlBuilder): string => JSON.stringify(build(self))
