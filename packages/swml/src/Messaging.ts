/**
 * The messaging variant of SWML: the document SignalWire runs for an inbound SMS or MMS. Nine
 * verbs (`reply`, `receive`, `request`, `execute`, `transfer`, `switch`, `goto`, `return`,
 * `label`), the same document shape as calling SWML, its own schema and JSON Schema.
 *
 * ```ts
 * import type { Messaging } from "@signalwire-effect/swml"
 *
 * const doc: Messaging.Document = {
 *   sections: { main: [{ switch: { variable: "message.body", transform: "lowercase_trim",
 *     case: { stop: [{ reply: "You are unsubscribed." }] }, default: [{ reply: "Thanks!" }] } }] }
 * }
 * ```
 *
 * @since 0.1.0
 */
import type * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { decodeWith, jsonSchemaOf } from "./internal/codec.js"
import type { Json } from "./internal/codec.js"
import { sectionsOf } from "./internal/document.js"
import { EmptyObject, Int, JsonObject, JsonValue, Num, oneKeyOf, opt, Str, StringRecord } from "./internal/primitives.js"
import type { SwmlDecodeError } from "./SwmlError.js"

const Method = Schema.Literal("GET", "POST", "PUT", "PATCH", "DELETE")
const Transform = Schema.Literal("lowercase", "uppercase", "trim", "lowercase_trim", "uppercase_trim")
const messageFields = { to: opt(Str), from: opt(Str), status_url: opt(Str) }
const NonEmpty = Schema.String.pipe(Schema.minLength(1))
const Media = Schema.Array(Str).pipe(Schema.maxItems(8))
const Message = Schema.Union(
  Str,
  Schema.Struct({ ...messageFields, body: NonEmpty, media: opt(Media) }),
  Schema.Struct({ ...messageFields, media: Media, body: opt(NonEmpty) })
)

const InstructionRef = Schema.suspend((): Schema.Schema<Instruction> => Instruction)
const Instructions = Schema.Array(InstructionRef)

const verbSchemas = {
  reply: Schema.Union(
    Message,
    Schema.Struct({
      switch: Schema.Struct({
        variable: Str,
        transform: opt(Transform),
        case: Schema.Record({ key: Schema.String, value: Message }),
        default: opt(Message)
      })
    })
  ),
  receive: EmptyObject,
  request: Schema.Struct({
    url: Str,
    method: opt(Method),
    headers: opt(StringRecord),
    body: opt(Schema.Union(Str, JsonObject)),
    timeout: opt(Num.pipe(Schema.between(0, 5))),
    save_variables: opt(Schema.Boolean)
  }),
  execute: Schema.Struct({ dest: Str, params: opt(JsonObject) }),
  transfer: Schema.Struct({ dest: Str, method: opt(Method), params: opt(JsonObject) }),
  switch: Schema.Struct({
    variable: Str,
    transform: opt(Transform),
    case: Schema.Record({ key: Schema.String, value: Instructions }),
    default: opt(Instructions)
  }),
  goto: Schema.Struct({ label: Str, max: opt(Int) }),
  return: JsonValue,
  label: Str
}

/**
 * The configuration type of each messaging verb.
 *
 * @example
 * ```ts
 * import type { Messaging } from "@signalwire-effect/swml"
 *
 * const reply: Messaging.Verbs["reply"] = { body: "Thanks for your message", media: ["https://example.com/logo.png"] }
 * ```
 * @since 0.1.0
 */
export interface Verbs {
  readonly reply: typeof verbSchemas.reply.Type
  readonly receive: { readonly [key: string]: never }
  readonly request: typeof verbSchemas.request.Type
  readonly execute: typeof verbSchemas.execute.Type
  readonly transfer: typeof verbSchemas.transfer.Type
  readonly switch: {
    readonly variable: string
    readonly transform?: typeof Transform.Type
    readonly case: { readonly [value: string]: ReadonlyArray<Instruction> }
    readonly default?: ReadonlyArray<Instruction>
  }
  readonly goto: typeof verbSchemas.goto.Type
  readonly return: unknown
  readonly label: string
}

/**
 * One messaging instruction.
 *
 * @example
 * ```ts
 * import type { Messaging } from "@signalwire-effect/swml"
 *
 * const step: Messaging.Instruction = { reply: "Got it!" }
 * ```
 * @since 0.1.0
 */
export type Instruction = { [K in keyof Verbs]: { readonly [P in K]: Verbs[K] } }[keyof Verbs]

/**
 * The instruction schema (exactly one of the nine verbs).
 *
 * @example
 * ```ts
 * import { Messaging } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Messaging.Instruction)({ receive: {} }) // true
 * ```
 * @since 0.1.0
 */
export const Instruction: Schema.Schema<Instruction> = oneKeyOf<Instruction>(
  Object.fromEntries(Object.entries(verbSchemas).map(([key, schema]) => [key, opt(schema)])),
  { identifier: "MessagingInstruction" }
)

/**
 * A messaging document.
 *
 * @example
 * ```ts
 * import type { Messaging } from "@signalwire-effect/swml"
 *
 * const doc: Messaging.Document = { version: "1.0.0", sections: { main: [{ reply: "Hello!" }] } }
 * ```
 * @since 0.1.0
 */
export interface Document {
  readonly version?: "1.0.0"
  readonly sections: { readonly main: ReadonlyArray<Instruction>; readonly [name: string]: ReadonlyArray<Instruction> }
}

/**
 * The messaging document schema.
 *
 * @example
 * ```ts
 * import { Messaging } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Messaging.Document)({ sections: { main: [{ reply: "Hi" }] } }) // true
 * ```
 * @since 0.1.0
 */
export const Document: Schema.Schema<Document> = Schema.Struct({
  version: opt(Schema.Literal("1.0.0")),
  sections: sectionsOf(Instruction)
}).annotations({ identifier: "MessagingDocument" })

/**
 * The nine messaging verbs.
 *
 * @example
 * ```ts
 * import { Messaging } from "@signalwire-effect/swml"
 *
 * Messaging.verbNames.length // 9
 * ```
 * @since 0.1.0
 */
export const verbNames: ReadonlyArray<keyof Verbs> = ["reply", "receive", "request", "execute", "transfer", "switch", "goto", "return", "label"]

/**
 * Decode a messaging document; issues name their paths.
 *
 * @example
 * ```ts
 * import { Messaging } from "@signalwire-effect/swml"
 *
 * Messaging.decodeEither({ sections: { main: [{ reply: { body: "" } }] } }) // Left: body must not be empty
 * ```
 * @since 0.1.0
 */
export const decodeEither: (input: unknown) => Either.Either<Document, SwmlDecodeError> = decodeWith(Document)

/**
 * The document as JSON text.
 *
 * @example
 * ```ts
 * import { Messaging } from "@signalwire-effect/swml"
 *
 * Messaging.render({ sections: { main: [{ reply: "Hi" }] } })
 * ```
 * @since 0.1.0
 */
export const render = (document: Document): string => JSON.stringify(document)

/**
 * The JSON Schema (2020-12) of a messaging document.
 *
 * @example
 * ```ts
 * import { Messaging } from "@signalwire-effect/swml"
 *
 * const schema = Messaging.jsonSchema()
 * ```
 * @since 0.1.0
 */
export const jsonSchema = (): Json =>
  jsonSchemaOf(Document, "urn:signalwire-effect:swml:messaging", "SWML messaging document")
