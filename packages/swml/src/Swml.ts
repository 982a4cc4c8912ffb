/**
 * The calling SWML document as a `Schema`: one definition that gives the TypeScript types of
 * every verb, strict decoding with precise error paths, and the JSON Schema (draft 2020-12) that
 * describes exactly what the code emits.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import { decodeJsonWith, decodeWith, jsonSchemaOf } from "./internal/codec.js"
import type { Json } from "./internal/codec.js"
import * as internal from "./internal/document.js"
import type { SwmlDecodeError } from "./SwmlError.js"

/**
 * A calling SWML document: `{ version?: "1.0.0", sections: { main: [...], <name>: [...] } }`.
 *
 * @example
 * ```ts
 * import type { Swml } from "@signalwire-effect/swml"
 *
 * const doc: Swml.Document = { version: "1.0.0", sections: { main: [{ answer: {} }, { hangup: {} }] } }
 * ```
 * @since 0.1.0
 */
export type Document = internal.Document

/**
 * The document schema. Decoding rejects unknown keys, like the JSON Schema does.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Swml.Document)({ sections: { main: [] } }) // true
 * ```
 * @since 0.1.0
 */
export const Document: Schema.Schema<Document> = internal.Document

/**
 * Named lists of instructions; `main` runs first.
 *
 * @example
 * ```ts
 * import type { Swml } from "@signalwire-effect/swml"
 *
 * const sections: Swml.Sections = { main: [{ execute: { dest: "greet" } }], greet: [{ play: { url: "say:Hi" } }] }
 * ```
 * @since 0.1.0
 */
export type Sections = internal.Sections

/**
 * One instruction: a single-key object naming the verb, `{ play: { url: "say:Hi" } }`.
 *
 * @example
 * ```ts
 * import type { Swml } from "@signalwire-effect/swml"
 *
 * const step: Swml.Instruction = { sleep: 1000 }
 * ```
 * @since 0.1.0
 */
export type Instruction = internal.Instruction

/**
 * The instruction schema (exactly one of the 43 verb keys).
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Swml.Instruction)({ answer: {}, hangup: {} }) // false: two verbs
 * ```
 * @since 0.1.0
 */
export const Instruction: Schema.Schema<Instruction> = internal.Instruction

/**
 * The configuration type of each verb, by verb name.
 *
 * @example
 * ```ts
 * import type { Swml } from "@signalwire-effect/swml"
 *
 * const tap: Swml.Verbs["tap"] = { uri: "wss://example.com/tap", direction: "both" }
 * ```
 * @since 0.1.0
 */
export type Verbs = internal.Verbs

/**
 * A verb name.
 *
 * @example
 * ```ts
 * import type { Swml } from "@signalwire-effect/swml"
 *
 * const name: Swml.VerbName = "record_call"
 * ```
 * @since 0.1.0
 */
export type VerbName = keyof Verbs

/**
 * The 43 calling verbs, in the order SignalWire's schema lists them.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 *
 * Swml.verbNames.length // 43
 * ```
 * @since 0.1.0
 */
export const verbNames: ReadonlyArray<VerbName> = Object.keys(internal.verbSchemas) as Array<VerbName>

/**
 * The schema of one verb's configuration.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Swml.verbSchema("goto"))({ label: "top", max: 3 }) // true
 * ```
 * @since 0.1.0
 */
export const verbSchema: <K extends VerbName>(name: K) => Schema.Schema<Verbs[K]> = internal.verbSchemaOf

/**
 * Decode an unknown value (parsed JSON or YAML, a user's object) into a document. A bad document
 * fails with {@link SwmlDecodeError}, whose issues name each offending path.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 * import * as Effect from "effect/Effect"
 *
 * const doc = Swml.decode({ sections: { main: [{ hangup: {} }] } }) // Effect<Document, SwmlDecodeError>
 * ```
 * @since 0.1.0
 */
export const decode = (input: unknown): Effect.Effect<Document, SwmlDecodeError> => decodeEither(input)

/**
 * {@link decode} as an `Either`, for synchronous callers.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 * import * as Either from "effect/Either"
 *
 * Either.isLeft(Swml.decodeEither({ sections: {} })) // true: main is missing
 * ```
 * @since 0.1.0
 */
export const decodeEither: (input: unknown) => Either.Either<Document, SwmlDecodeError> = decodeWith(internal.Document)

/**
 * Decode JSON text; invalid JSON is an issue too.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 *
 * const doc = Swml.decodeJson(`{"sections":{"main":[{"answer":{}}]}}`)
 * ```
 * @since 0.1.0
 */
export const decodeJson = (text: string): Effect.Effect<Document, SwmlDecodeError> => decodeJsonEither(text)

/**
 * {@link decodeJson} as an `Either`.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 * import * as Either from "effect/Either"
 *
 * Either.isLeft(Swml.decodeJsonEither("{")) // true
 * ```
 * @since 0.1.0
 */
export const decodeJsonEither: (text: string) => Either.Either<Document, SwmlDecodeError> = decodeJsonWith(
  internal.Document
)

/**
 * Check a document built in code against the parts TypeScript cannot see (ranges, patterns, one
 * verb per instruction).
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 *
 * const checked = Swml.validate({ sections: { main: [{ play: { url: "say:Hi", volume: 99 } }] } }) // fails: volume > 40
 * ```
 * @since 0.1.0
 */
export const validate = (document: Document): Effect.Effect<Document, SwmlDecodeError> => decodeEither(document)

/**
 * The document as JSON text, ready to send to SignalWire.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 *
 * Swml.render({ sections: { main: [{ answer: {} }] } }) // '{"sections":{"main":[{"answer":{}}]}}'
 * ```
 * @since 0.1.0
 */
export const render = (document: Document, options?: { readonly indent?: number }): string =>
  JSON.stringify(document, null, options?.indent)

/**
 * The JSON Schema (draft 2020-12) of a calling document, generated from {@link Document}.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 *
 * const schema = Swml.jsonSchema() // give it to any 2020-12 validator
 * ```
 * @since 0.1.0
 */
export const jsonSchema = (): Json =>
  jsonSchemaOf(internal.Document, "urn:signalwire-effect:swml:calling", "SWML calling document")

/**
 * A JSON value, as {@link jsonSchema} returns it.
 *
 * @example
 * ```ts
 * import type { Swml } from "@signalwire-effect/swml"
 *
 * const value: Swml.Json = { type: "object" }
 * ```
 * @since 0.1.0
 */
export type { Json }
