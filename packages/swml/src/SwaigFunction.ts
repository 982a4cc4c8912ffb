/**
 * SWAIG tool definitions whose arguments are an Effect `Schema`. The schema becomes the JSON
 * Schema `parameters` the model sees, and the same schema decodes what SignalWire sends, so a
 * handler receives typed arguments and a malformed call is a {@link SwaigArgumentError}.
 *
 * ```ts
 * import { SwaigFunction } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * const getWeather = SwaigFunction.make({
 *   name: "get_weather",
 *   description: "Current weather for a city",
 *   parameters: Schema.Struct({ city: Schema.String.annotations({ description: "City name" }) })
 * })
 * SwaigFunction.toDefinition(getWeather)                       // the SWAIG.functions entry
 * SwaigFunction.decodeArguments(getWeather, { city: "Paris" })  // Effect<{ city: string }, SwaigArgumentError>
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { decodeWith } from "./internal/codec.js"
import { SwaigFunction as DefinitionSchema, type SwaigFunctionDefinition } from "./internal/document.js"
import { SchemaIssues } from "@signalwire-effect/config"
import { parametersOf } from "./internal/parameters.js"
import type { SwmlDecodeError } from "./SwmlError.js"
import { SwaigArgumentError, SwaigDefinitionError } from "./SwmlError.js"

/**
 * A `SWAIG.functions` entry as SignalWire reads it.
 *
 * @example
 * ```ts
 * import type { SwaigFunction } from "@signalwire-effect/swml"
 *
 * const entry: SwaigFunction.Definition = { function: "ping", description: "Check the line" }
 * ```
 * @since 0.1.0
 */
export type Definition = SwaigFunctionDefinition

/**
 * Decode a list of `SWAIG.functions` entries from JSON, e.g. what an endpoint answers to a
 * `get_signature` request for `SWAIG.includes`. Every problem is reported with its path.
 *
 * @example
 * ```ts
 * import { SwaigFunction } from "@signalwire-effect/swml"
 *
 * SwaigFunction.decodeDefinitions([{ function: "get_weather", description: "Weather for a city" }])
 * ```
 * @since 0.1.0
 */
export const decodeDefinitions: (input: unknown) => Either.Either<ReadonlyArray<Definition>, SwmlDecodeError> = decodeWith(
  Schema.Array(DefinitionSchema)
)

/**
 * Options of a definition besides its name, description and arguments.
 *
 * @example
 * ```ts
 * import type { SwaigFunction } from "@signalwire-effect/swml"
 *
 * const options: SwaigFunction.Options = { fillers: { "en-US": ["Let me check"] }, waitFile: "https://example.com/hold.mp3" }
 * ```
 * @since 0.1.0
 */
export interface Options {
  /** Where SignalWire sends the call; omitted: `SWAIG.defaults.web_hook_url`. */
  readonly webHookUrl?: string
  readonly fillers?: { readonly [language: string]: ReadonlyArray<string> }
  readonly waitFile?: string
  readonly waitFileLoops?: number | string
  readonly waitForFillers?: boolean
  readonly skipFillers?: boolean
  readonly active?: boolean
  readonly metaData?: { readonly [key: string]: unknown }
  readonly metaDataToken?: string
}

/**
 * A tool: name, description (what the model reads to decide when to call it), argument schema.
 *
 * @example
 * ```ts
 * import { SwaigFunction } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * const fn: SwaigFunction.SwaigFunction<{ readonly id: string }> = SwaigFunction.make({
 *   name: "lookup",
 *   description: "Find an order",
 *   parameters: Schema.Struct({ id: Schema.String })
 * })
 * ```
 * @since 0.1.0
 */
export interface SwaigFunction<A, I = A> {
  readonly name: string
  readonly description: string
  readonly parameters: Schema.Schema<A, I>
  readonly options: Options
}

/**
 * Define a tool.
 *
 * @example
 * ```ts
 * import { SwaigFunction } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * SwaigFunction.make({
 *   name: "book_table",
 *   description: "Book a table",
 *   parameters: Schema.Struct({ people: Schema.Int, time: Schema.String }),
 *   fillers: { "en-US": ["One moment"] }
 * })
 * ```
 * @since 0.1.0
 */
export const make = <A, I>(
  definition: Options & {
    readonly name: string
    readonly description: string
    readonly parameters: Schema.Schema<A, I>
  }
): SwaigFunction<A, I> => {
  const { description, name, parameters, ...options } = definition
  return { name, description, parameters, options }
}

/**
 * The `SWAIG.functions` entry; an argument schema with no JSON Schema the platform accepts (a
 * recursive type, a tuple, a non-object) is a {@link SwaigDefinitionError}.
 *
 * @example
 * ```ts
 * import { SwaigFunction } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * SwaigFunction.toDefinition(SwaigFunction.make({ name: "ping", description: "Check", parameters: Schema.Struct({}) }))
 * // Right({ function: "ping", description: "Check", parameters: { type: "object", properties: {} } })
 * ```
 * @since 0.1.0
 */
export const toDefinition = <A, I>(self: SwaigFunction<A, I>): Either.Either<Definition, SwaigDefinitionError> =>
  Either.mapBoth(parametersOf(self.parameters), {
    onLeft: (message) => new SwaigDefinitionError({ function: self.name, message }),
    onRight: (parameters): Definition => {
      const o = self.options
      return {
        function: self.name,
        description: self.description,
        parameters,
        ...(o.webHookUrl === undefined ? {} : { web_hook_url: o.webHookUrl }),
        ...(o.fillers === undefined ? {} : { fillers: o.fillers }),
        ...(o.waitFile === undefined ? {} : { wait_file: o.waitFile }),
        ...(o.waitFileLoops === undefined ? {} : { wait_file_loops: o.waitFileLoops }),
        ...(o.waitForFillers === undefined ? {} : { wait_for_fillers: o.waitForFillers }),
        ...(o.skipFillers === undefined ? {} : { skip_fillers: o.skipFillers }),
        ...(o.active === undefined ? {} : { active: o.active }),
        ...(o.metaData === undefined ? {} : { meta_data: o.metaData }),
        ...(o.metaDataToken === undefined ? {} : { meta_data_token: o.metaDataToken })
      }
    }
  })

/**
 * Decode the arguments of a call (keys the schema does not name are ignored: models add them).
 *
 * @example
 * ```ts
 * import { SwaigFunction } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * const fn = SwaigFunction.make({ name: "f", description: "d", parameters: Schema.Struct({ n: Schema.Number }) })
 * SwaigFunction.decodeArguments(fn, { n: "three" }) // fails with SwaigArgumentError at path "n"
 * ```
 * @since 0.1.0
 */
export const decodeArguments = <A, I>(self: SwaigFunction<A, I>, args: unknown): Effect.Effect<A, SwaigArgumentError> =>
  Effect.mapError(
    ParseResult.decodeUnknown(self.parameters, { errors: "all" })(args),
    (issue) => {
      const issues = SchemaIssues.issuesOf(new ParseResult.ParseError({ issue }))
      return new SwaigArgumentError({ function: self.name, message: SchemaIssues.lines(issues), issues })
    }
  )

/**
 * The arguments of a SWAIG request body: `argument.parsed[0]`, else the JSON of `argument.raw`,
 * else a flat `arguments` object, else `{}`.
 *
 * @example
 * ```ts
 * import { SwaigFunction } from "@signalwire-effect/swml"
 *
 * SwaigFunction.argumentsOf({ function: "f", argument: { parsed: [{ city: "Paris" }], raw: "{\"city\":\"Paris\"}" } })
 * // { city: "Paris" }
 * ```
 * @since 0.1.0
 */
export const argumentsOf = (body: unknown): unknown => {
  const record = (u: unknown): { readonly [key: string]: unknown } | undefined =>
    typeof u === "object" && u !== null && !Array.isArray(u) ? u as { readonly [key: string]: unknown } : undefined
  const request = record(body)
  const argument = record(request?.["argument"])
  const parsed = argument?.["parsed"]
  if (Array.isArray(parsed) && record(parsed[0]) !== undefined) return parsed[0]
  const raw = argument?.["raw"]
  if (typeof raw === "string") {
    const fromRaw = Either.try(() => JSON.parse(raw) as unknown)
    if (Either.isRight(fromRaw) && record(fromRaw.right) !== undefined) return fromRaw.right
  }
  return record(request?.["arguments"]) ?? {}
}

/**
 * Decode the arguments and run the handler with them.
 *
 * @example
 * ```ts
 * import { FunctionResult, SwaigFunction } from "@signalwire-effect/swml"
 * import * as Effect from "effect/Effect"
 * import * as Schema from "effect/Schema"
 *
 * const fn = SwaigFunction.make({ name: "greet", description: "Greet", parameters: Schema.Struct({ who: Schema.String }) })
 * SwaigFunction.run(fn, { who: "Ada" }, ({ who }) => Effect.succeed(FunctionResult.make(`Say hello to ${who}`)))
 * ```
 * @since 0.1.0
 */
export const run = <A, I, B, E, R>(
  self: SwaigFunction<A, I>,
  args: unknown,
  handler: (args: A) => Effect.Effect<B, E, R>
): Effect.Effect<B, E | SwaigArgumentError, R> => Effect.flatMap(decodeArguments(self, args), handler)

/**
 * Is the schema usable as tool arguments? (The same check {@link toDefinition} makes.)
 *
 * @example
 * ```ts
 * import { SwaigFunction } from "@signalwire-effect/swml"
 * import * as Schema from "effect/Schema"
 *
 * SwaigFunction.isSendable(Schema.Struct({ n: Schema.Number })) // true
 * SwaigFunction.isSendable(Schema.String) // false: arguments are an object
 * ```
 * @since 0.1.0
 */
export const isSendable = <A, I>(schema: Schema.Schema<A, I>): boolean => Either.isRight(parametersOf(schema))
