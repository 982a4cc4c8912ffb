/**
 * The calling SWML document as a `Schema`: one definition that gives the TypeScript types of
 * every verb, strict decoding with precise error paths, and the JSON Schema (draft 2020-12) that
 * describes exactly what the code emits.
 *
 * @since 0.1.0
 */
import { SchemaIssues } from "@signalwire-effect/config"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import { decodeJsonWith, decodeWith, jsonSchemaOf } from "./internal/codec.js"
import type { Json } from "./internal/codec.js"
import * as internal from "./internal/document.js"
import { SwmlDecodeError } from "./SwmlError.js"

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

/**
 * Whether `name` is one of the calling verbs ({@link verbNames}).
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 *
 * Swml.isVerbName("play") // true
 * Swml.isVerbName("dance") // false
 * ```
 * @since 0.1.0
 */
export const isVerbName = (name: string): name is VerbName => Object.prototype.hasOwnProperty.call(internal.verbSchemas, name)

const unknownVerb = (name: string): SwmlDecodeError => {
  const issues = [{ path: "(root)", message: `unknown verb "${name}"` }]
  return new SwmlDecodeError({ message: SchemaIssues.lines(issues), issues })
}

/**
 * Check one instruction's configuration: `validateVerb("play", { url: "say:Hi" })`. An unknown
 * verb or a bad configuration fails with {@link SwmlDecodeError} (issues name each path).
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 * import * as Either from "effect/Either"
 *
 * Either.isRight(Swml.validateVerb("hangup", { reason: "busy" })) // true
 * Either.isLeft(Swml.validateVerb("goto", {})) // true: label is required
 * ```
 * @since 0.1.0
 */
export const validateVerb = (name: string, config: unknown): Either.Either<unknown, SwmlDecodeError> =>
  isVerbName(name) ? decodeWith(internal.verbSchemaOf(name) as Schema.Schema<unknown>)(config) : Either.left(unknownVerb(name))

type JsonObject = { readonly [key: string]: Json }
const isObject = (value: Json | undefined): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value)

/** The object schemas a verb's configuration may be (`$ref`s followed, `anyOf` members flattened). */
const objectShapes = (schema: Json): ReadonlyArray<JsonObject> => {
  const defs = isObject(schema) && isObject(schema["$defs"]) ? schema["$defs"] : {}
  const visit = (node: Json | undefined, depth: number): ReadonlyArray<JsonObject> => {
    if (!isObject(node) || depth > 8) return []
    const ref = node["$ref"]
    if (typeof ref === "string") return visit(defs[ref.replace(/^#\/\$defs\//, "")], depth + 1)
    const members = node["anyOf"] ?? node["oneOf"]
    if (Array.isArray(members)) return members.flatMap((m) => visit(m, depth + 1))
    return isObject(node["properties"]) ? [node] : []
  }
  return visit(schema, 0)
}

/**
 * The JSON Schema (draft 2020-12) of one verb's configuration, generated from {@link verbSchema};
 * `undefined` for an unknown verb.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 *
 * Swml.verbJsonSchema("hangup") // { type: "object", properties: { reason: … }, … }
 * ```
 * @since 0.1.0
 */
export const verbJsonSchema = (name: string): Json | undefined =>
  isVerbName(name) ? jsonSchemaOf(internal.verbSchemaOf(name) as Schema.Schema<unknown>, `urn:signalwire-effect:swml:verb:${name}`, name) : undefined

/**
 * The properties a verb's configuration object takes (name → JSON Schema; for a verb with
 * alternative forms, such as `connect` or `play`, those of every form); `{}` for an unknown verb
 * and for verbs whose configuration is not an object (`label`, `cond`, `set`, …).
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 *
 * Object.keys(Swml.verbProperties("goto")) // ["label", "when", "max"]
 * ```
 * @since 0.1.0
 */
export const verbProperties = (name: string): { readonly [key: string]: Json } => {
  const schema = verbJsonSchema(name)
  const shapes = schema === undefined ? [] : objectShapes(schema)
  return Object.assign({}, ...shapes.map((shape) => shape["properties"] as JsonObject)) as JsonObject
}

/**
 * The properties a verb's configuration requires (for a verb with alternative forms, those every
 * form requires; `[]` for an unknown verb).
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 *
 * Swml.verbRequiredProperties("send_sms") // ["to_number", "from_number"]
 * ```
 * @since 0.1.0
 */
export const verbRequiredProperties = (name: string): ReadonlyArray<string> => {
  const schema = verbJsonSchema(name)
  const shapes = schema === undefined ? [] : objectShapes(schema)
  const lists = shapes.map((shape) => Array.isArray(shape["required"]) ? shape["required"].filter((r): r is string => typeof r === "string") : [])
  const [first, ...rest] = lists
  return (first ?? []).filter((key) => rest.every((list) => list.includes(key)))
}
