/**
 * `SwmlBuilder`: a SWML document built verb by verb, the reference's mutable API over
 * `@signalwire-effect/swml`'s immutable `SwmlBuilder`.
 *
 * Difference from the reference (DIFFERENCES.md #19): no generated per-verb methods
 * (`builder.answer()`, `builder.play({…})`); use `addVerb("answer", {})`. Verbs are checked
 * against the SWML schema when the document is built (`getDocument`, `build`, `render*`), not
 * one by one; `setValidation(false)` turns that off.
 *
 * @since 0.1.0
 */
import { Swml, SwmlBuilder as Sb } from "@signalwire-effect/swml"
import * as Either from "effect/Either"

type Json = { readonly [key: string]: unknown }

/**
 * A SWML document under construction (`{version: "1.0.0", sections: {main: []}}`).
 *
 * @example
 * ```ts
 * import { SwmlBuilder } from "@signalwire-effect/sdk"
 *
 * const builder = new SwmlBuilder()
 * builder.addVerb("answer", {})
 * builder.say("Hello from SignalWire", { voice: "inworld.Mark" })
 * builder.addVerb("hangup", {})
 * builder.renderDocument() // '{"version":"1.0.0","sections":{"main":[{"answer":{}},…]}}'
 * ```
 * @since 0.1.0
 */
export class SwmlBuilder {
  #value: Sb.SwmlBuilder = Sb.make()
  #validate = true

  constructor(opts?: { initialDocument?: Json; enableValidation?: boolean }) {
    if (opts?.initialDocument !== undefined) this.#value = Sb.fromDocument(opts.initialDocument as unknown as Swml.Document)
    if (opts?.enableValidation === false || process.env["SWML_SKIP_SCHEMA_VALIDATION"] === "true") this.#validate = false
  }

  /** Check the document against the SWML schema when it is built (default on). */
  setValidation(enabled: boolean): void {
    this.#validate = enabled
  }

  /** Back to an empty `main` section. */
  reset(): this {
    this.#value = Sb.make()
    return this
  }

  /** Append `{[verbName]: config}` to `main`. */
  addVerb(verbName: string, config: unknown): this {
    this.#value = Sb.add(this.#value, { [verbName]: config } as unknown as Swml.Instruction)
    return this
  }

  /** Append a verb to a section (created when missing). */
  addVerbToSection(sectionName: string, verbName: string, config: unknown): this {
    this.#value = Sb.addTo(this.#value, sectionName, { [verbName]: config } as unknown as Swml.Instruction)
    return this
  }

  /** Text-to-speech: a `play` of `say:<text>`. */
  say(text: string, opts?: { voice?: string; language?: string; gender?: string; volume?: number }): this {
    const config: { [key: string]: unknown } = { url: `say:${text}` }
    if (opts?.voice !== undefined) config["say_voice"] = opts.voice
    if (opts?.language !== undefined) config["say_language"] = opts.language
    if (opts?.gender !== undefined) config["say_gender"] = opts.gender
    if (opts?.volume !== undefined) config["volume"] = opts.volume
    return this.addVerb("play", config)
  }

  /** An empty section (no-op when it exists). */
  addSection(sectionName: string): this {
    if (!(sectionName in Sb.build(this.#value).sections)) this.#value = Sb.section(this.#value, sectionName, [])
    return this
  }

  /** The Effect builder. */
  toEffect(): Sb.SwmlBuilder {
    return this.#value
  }

  /** The document (throws what the SWML schema has against it, unless validation is off). */
  getDocument(): Json {
    const document = Sb.build(this.#value)
    if (this.#validate) {
      const checked = Swml.decodeEither(document)
      if (Either.isLeft(checked)) throw new Error(`Invalid SWML: ${checked.left.message}`)
    }
    return document as unknown as Json
  }

  build(): Json {
    return this.getDocument()
  }

  /** The document as JSON text. */
  renderDocument(): string {
    return JSON.stringify(this.getDocument())
  }

  render(): string {
    return this.renderDocument()
  }
}
