/**
 * Building blocks shared by every SWML schema: variable references, numbers that may also be a
 * variable, free JSON objects, and the optional-field helper.
 */
import * as Schema from "effect/Schema"

/** `${name}` or `%{name}`: a value SignalWire expands at run time. */
export const SwmlVar = Schema.String.pipe(Schema.pattern(/^[$%]\{.*\}$/)).annotations({
  identifier: "SwmlVar",
  description: "a ${…} or %{…} variable reference"
})

/** An optional field that is either present with a value or absent (never `undefined`). */
export const opt = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** A JSON number: finite, so it survives `JSON.stringify`. */
export const Num = Schema.Number.pipe(Schema.finite())
/** A JSON integer. */
export const Int = Schema.Number.pipe(Schema.int())

interface Range {
  readonly min?: number
  readonly max?: number
}

const bounded = (base: Schema.Schema<number>, range: Range | undefined): Schema.Schema<number> =>
  range?.min !== undefined && range.max !== undefined
    ? base.pipe(Schema.between(range.min, range.max))
    : range?.min !== undefined
    ? base.pipe(Schema.greaterThanOrEqualTo(range.min))
    : range?.max !== undefined
    ? base.pipe(Schema.lessThanOrEqualTo(range.max))
    : base

/** An integer (optionally within a range) or a variable. */
export const intVar = (range?: Range) => Schema.Union(bounded(Int, range), SwmlVar)
/** A number (optionally within a range) or a variable. */
export const numVar = (range?: Range) => Schema.Union(bounded(Num, range), SwmlVar)
/** A boolean or a variable. */
export const boolVar = Schema.Union(Schema.Boolean, SwmlVar)
/** A string or a variable (any string, the variable form included). */
export const Str = Schema.String

/** Any JSON object, checked but never rebuilt (a rebuilt object could turn `"__proto__"` into a prototype). */
export const JsonObject: Schema.Schema<{ readonly [key: string]: unknown }> = Schema.declare(
  (u: unknown): u is { readonly [key: string]: unknown } => typeof u === "object" && u !== null && !Array.isArray(u),
  {
    identifier: "JsonObject",
    description: "a JSON object",
    jsonSchema: { type: "object" },
    arbitrary: () => (fc) => fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  }
)

/** `{}` and nothing else (a verb without options, an "unset everything" marker). */
export const EmptyObject: Schema.Schema<{ readonly [key: string]: never }> = Schema.declare(
  (u: unknown): u is { readonly [key: string]: never } =>
    typeof u === "object" && u !== null && !Array.isArray(u) && Object.keys(u).length === 0,
  {
    identifier: "EmptyObject",
    description: "an empty object",
    jsonSchema: { type: "object", maxProperties: 0 },
    arbitrary: () => (fc) => fc.constant({})
  }
)

/** Any JSON value. */
export const JsonValue: Schema.Schema<unknown> = Schema.Unknown.annotations({
  jsonSchema: {},
  arbitrary: () => (fc) => fc.jsonValue({ maxDepth: 2 })
})

/** A map of strings. */
export const StringRecord = Schema.Record({ key: Schema.String, value: Schema.String })

/** Phrases per language code (`{"en-US": ["one moment"]}`); `default` applies to every language. */
export const Fillers = Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })

/** One value or a list of them. */
export const oneOrMany = <S extends Schema.Schema.Any>(schema: S) => Schema.Union(schema, Schema.Array(schema))

/** HTTP methods the verbs accept. */
export const HttpMethod = Schema.Literal("GET", "POST", "PUT", "DELETE")
/** Callback methods. */
export const CallbackMethod = Schema.Literal("GET", "POST")

/**
 * An object holding exactly one of the given keys (an instruction, a tool action). Modelled as a
 * closed struct of optional keys plus a one-key check, so a decoding error names the offending
 * key's path instead of listing every alternative. `A` is the precise union the check guarantees.
 */
export const oneKeyOf = <A>(
  fields: Schema.Struct.Fields,
  options: {
    readonly identifier: string
    readonly allows?: (keys: ReadonlyArray<string>) => boolean
    readonly jsonSchema?: object
  }
): Schema.Schema<A> => {
  const allows = options.allows ?? ((keys: ReadonlyArray<string>) => keys.length === 1)
  return Schema.make<A, A, never>(
    Schema.Struct(fields).pipe(
      Schema.filter((value) => allows(Object.keys(value)), {
        message: () => `expected exactly one ${options.identifier} key`,
        jsonSchema: options.jsonSchema ?? { minProperties: 1, maxProperties: 1 }
      })
    ).annotations({ identifier: options.identifier }).ast
  )
}
