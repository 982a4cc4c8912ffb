/**
 * Decoding and JSON Schema generation shared by the document, the messaging document, tool
 * replies and tool arguments. Decoding is strict about unknown keys, like the JSON Schema.
 */
import * as Either from "effect/Either"
import * as JSONSchema from "effect/JSONSchema"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { SwmlDecodeError } from "../SwmlError.js"
import { SchemaIssues } from "@signalwire-effect/config"

const options = { onExcessProperty: "error", errors: "all" } as const

export const toDecodeError = (error: ParseResult.ParseError): SwmlDecodeError => {
  const issues = SchemaIssues.issuesOf(error)
  return new SwmlDecodeError({ message: SchemaIssues.lines(issues), issues })
}

/** Strict decoding of an unknown value into `A`, failing with the paths of every issue. */
export const decodeWith = <A>(schema: Schema.Schema<A>) => {
  const decode = Schema.decodeUnknownEither(schema, options)
  return (input: unknown): Either.Either<A, SwmlDecodeError> => Either.mapLeft(decode(input), toDecodeError)
}

/** JSON text to `A`; invalid JSON is one issue at the root. */
export const decodeJsonWith = <A>(schema: Schema.Schema<A>) => {
  const decode = decodeWith(schema)
  return (text: string): Either.Either<A, SwmlDecodeError> =>
    Either.flatMap(
      Either.try({
        try: (): unknown => JSON.parse(text),
        catch: (cause) => {
          const issues = [{ path: "(root)", message: `invalid JSON: ${String(cause)}` }]
          return new SwmlDecodeError({ message: SchemaIssues.lines(issues), issues })
        }
      }),
      decode
    )
}

/** A JSON value (arrays, objects, strings, numbers, booleans, null). */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const clean = (value: unknown): Json => {
  if (Array.isArray(value)) return value.map(clean)
  if (typeof value === "object" && value !== null) {
    const out: { [key: string]: Json } = {}
    for (const [key, inner] of Object.entries(value)) {
      // Effect marks `unknown` and `{}` with placeholder ids; a schema that is only data has no use for them.
      if (key === "$id" && typeof inner === "string" && inner.startsWith("/schemas/")) continue
      Object.defineProperty(out, key, { value: clean(inner), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null
}

/** The JSON Schema (draft 2020-12) of `schema`, with an `$id` and a title. */
export const jsonSchemaOf = <A>(schema: Schema.Schema<A>, id: string, title: string): Json => {
  const generated = clean(JSONSchema.make(schema, { target: "jsonSchema2020-12" }))
  return typeof generated === "object" && generated !== null && !Array.isArray(generated)
    ? { $id: id, title, ...generated }
    : generated
}
