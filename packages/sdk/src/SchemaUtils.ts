/**
 * `SchemaUtils`: the reference SDK's SWML schema helper (verb names, a verb's properties and
 * required properties, `validateVerb`, `validate`) on `@signalwire-effect/swml`'s own `Schema` of
 * the document. Validation is the full schema (every verb, range and key), not the reference's
 * structural check; `SWML_SKIP_SCHEMA_VALIDATION=true` turns it off, as in the reference.
 *
 * @since 0.1.0
 */
import { Swml } from "@signalwire-effect/swml"
import * as Either from "effect/Either"

/**
 * A validation's outcome: `errors` are `path: message` lines (empty when valid).
 *
 * @example
 * ```ts
 * import type { ValidationResult } from "@signalwire-effect/sdk"
 *
 * const ok: ValidationResult = { valid: true, errors: [] }
 * ```
 * @since 0.1.0
 */
export interface ValidationResult {
  valid: boolean
  errors: Array<string>
}

const VALID: ValidationResult = { valid: true, errors: [] }

const resultOf = (either: Either.Either<unknown, { readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }> }>): ValidationResult =>
  Either.isRight(either) ? { valid: true, errors: [] } : { valid: false, errors: either.left.issues.map((i) => `${i.path}: ${i.message}`) }

/**
 * Verb metadata and validation for SWML documents.
 *
 * @example
 * ```ts
 * import { SchemaUtils } from "@signalwire-effect/sdk"
 *
 * const schema = new SchemaUtils()
 * schema.getVerbRequiredProperties("goto") // ["label"]
 * schema.validateVerb("goto", {}) // { valid: false, errors: ["label: is missing"] }
 * schema.validate({ version: "1.0.0", sections: { main: [{ answer: {} }] } }).valid // true
 * ```
 * @since 0.1.0
 */
export class SchemaUtils {
  readonly skipValidation: boolean
  readonly #maxCacheSize: number
  readonly #cache = new Map<string, ValidationResult>()

  constructor(opts?: { skipValidation?: boolean; maxCacheSize?: number }) {
    this.skipValidation = opts?.skipValidation ?? process.env["SWML_SKIP_SCHEMA_VALIDATION"] === "true"
    this.#maxCacheSize = opts?.maxCacheSize ?? 100
  }

  /** The calling verbs' names. */
  getVerbNames(): Array<string> {
    return [...Swml.verbNames]
  }

  hasVerb(verbName: string): boolean {
    return Swml.isVerbName(verbName)
  }

  /** The JSON Schema of the verb's configuration (`{}` for an unknown verb). */
  getVerbSchema(verbName: string): Record<string, unknown> {
    const schema = Swml.verbJsonSchema(verbName)
    return typeof schema === "object" && schema !== null && !Array.isArray(schema) ? { ...schema } : {}
  }

  /** The properties of the verb's configuration, name → JSON Schema. */
  getVerbProperties(verbName: string): Record<string, unknown> {
    return { ...Swml.verbProperties(verbName) }
  }

  getVerbRequiredProperties(verbName: string): Array<string> {
    return [...Swml.verbRequiredProperties(verbName)]
  }

  /** One instruction's configuration against the verb's schema. */
  validateVerb(verbName: string, config: unknown): ValidationResult {
    if (this.skipValidation) return VALID
    return resultOf(Swml.validateVerb(verbName, config))
  }

  /** A whole document (object or JSON text); results are cached by the document's text. */
  validate(swml: string | Record<string, unknown>): ValidationResult {
    if (this.skipValidation) return VALID
    const text = typeof swml === "string" ? swml : JSON.stringify(swml)
    const cached = this.#cache.get(text)
    if (cached !== undefined) return cached
    const result = resultOf(Swml.decodeJsonEither(text))
    if (this.#cache.size >= this.#maxCacheSize) {
      const oldest = this.#cache.keys().next()
      if (oldest.done !== true) this.#cache.delete(oldest.value)
    }
    this.#cache.set(text, result)
    return result
  }

  clearCache(): void {
    this.#cache.clear()
  }

  getCacheSize(): number {
    return this.#cache.size
  }
}
