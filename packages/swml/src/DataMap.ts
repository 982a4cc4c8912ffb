/**
 * Tools that SignalWire runs itself: a `data_map` tells the platform how to answer a tool call
 * (match the arguments against patterns, call a web API, format the result) without calling
 * your server. The platform tries `expressions`, then `webhooks`, then the fallback `output`,
 * and stops at the first that produces an output.
 *
 * ```ts
 * import { DataMap, FunctionResult } from "@signalwire-effect/swml"
 *
 * const weather = DataMap.make("get_weather", { description: "Current weather for a city" }).pipe(
 *   DataMap.parameter("city", { type: "string", description: "City name", required: true }),
 *   DataMap.webhook({
 *     method: "GET",
 *     url: "https://api.example.com/weather?q=${enc:args.city}",
 *     errorKeys: ["error"],
 *     output: FunctionResult.make("It is ${response.temp} degrees in ${args.city}")
 *   }),
 *   DataMap.toDefinition // Either<SwaigFunction.Definition, SwmlDecodeError>
 * )
 * ```
 *
 * `error_keys` sit on each webhook (the schema has no `data_map`-level list) and webhooks carry
 * `params`, not `body` or `form_param`.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import { dual } from "effect/Function"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import type { ParameterSchema } from "./internal/ai.js"
import { decodeWith } from "./internal/codec.js"
import * as D from "./internal/document.js"
import * as FunctionResult from "./FunctionResult.js"
import type { SwmlDecodeError } from "./SwmlError.js"

const TypeId: unique symbol = Symbol.for("@signalwire-effect/swml/DataMap")

/**
 * A web API call: its output template, and what to do with list responses (`foreach`).
 *
 * @example
 * ```ts
 * import type { DataMap } from "@signalwire-effect/swml"
 *
 * const hook: DataMap.Webhook = { method: "GET", url: "https://api.example.com/jokes" }
 * ```
 * @since 0.1.0
 */
export interface Webhook {
  readonly url: string
  readonly method?: "GET" | "POST" | "PUT" | "DELETE"
  readonly headers?: { readonly [name: string]: unknown }
  /** Request parameters (the JSON body of a POST). */
  readonly params?: { readonly [name: string]: unknown }
  readonly inputArgsAsParams?: boolean
  /** Skip this webhook unless these arguments are present. */
  readonly requireArgs?: ReadonlyArray<string>
  readonly foreach?: { readonly input_key: string; readonly output_key: string; readonly append: string; readonly max?: number }
  readonly expressions?: ReadonlyArray<Expression>
  /** A response holding one of these keys counts as a failure: the next webhook is tried. */
  readonly errorKeys?: ReadonlyArray<string>
  readonly output?: FunctionResult.FunctionResult
}

/**
 * A pattern test: when `pattern` (a regular expression) matches `string` (a template such as
 * `${args.color}`), `output` is the answer.
 *
 * @example
 * ```ts
 * import { DataMap, FunctionResult } from "@signalwire-effect/swml"
 *
 * const red: DataMap.Expression = { string: "${args.color}", pattern: /^red$/i, output: FunctionResult.make("Stop") }
 * ```
 * @since 0.1.0
 */
export interface Expression {
  readonly string: string
  readonly pattern: string | RegExp
  readonly output: FunctionResult.FunctionResult
}

/**
 * A tool run by SignalWire, under construction.
 *
 * @example
 * ```ts
 * import { DataMap } from "@signalwire-effect/swml"
 *
 * const tool: DataMap.DataMap = DataMap.make("joke")
 * ```
 * @since 0.1.0
 */
export interface DataMap extends Pipeable {
  readonly [TypeId]: typeof TypeId
  readonly name: string
  readonly description: string
  readonly properties: ReadonlyArray<readonly [string, ParameterSchema]>
  readonly required: ReadonlyArray<string>
  readonly expressions: ReadonlyArray<Expression>
  readonly webhooks: ReadonlyArray<Webhook>
  readonly output?: FunctionResult.FunctionResult
}

const proto = {
  [TypeId]: TypeId,
  pipe() {
    return pipeArguments(this, arguments)
  }
}

type Fields = Omit<DataMap, typeof TypeId | "pipe">
const fromFields = (fields: Fields): DataMap => Object.assign(Object.create(proto), fields)
const isDataMap = (u: unknown): u is DataMap => typeof u === "object" && u !== null && TypeId in u

/**
 * A new tool (description defaults to `Execute <name>`).
 *
 * @example
 * ```ts
 * import { DataMap } from "@signalwire-effect/swml"
 *
 * DataMap.make("get_joke", { description: "Tell a joke" })
 * ```
 * @since 0.1.0
 */
export const make = (name: string, options?: { readonly description?: string }): DataMap =>
  fromFields({
    name,
    description: options?.description ?? `Execute ${name}`,
    properties: [],
    required: [],
    expressions: [],
    webhooks: []
  })

/**
 * Declare an argument (`required` adds it to `parameters.required`).
 *
 * @example
 * ```ts
 * import { DataMap } from "@signalwire-effect/swml"
 *
 * DataMap.make("get_weather").pipe(DataMap.parameter("units", { type: "string", description: "Units", enum: ["C", "F"] }))
 * ```
 * @since 0.1.0
 */
export const parameter: {
  (name: string, schema: ParameterSchema & { readonly required?: boolean }): (self: DataMap) => DataMap
  (self: DataMap, name: string, schema: ParameterSchema & { readonly required?: boolean }): DataMap
} = dual(
  (args) => isDataMap(args[0]),
  (self: DataMap, name: string, schema: ParameterSchema & { readonly required?: boolean }) => {
    const { required, ...property } = schema as ParameterSchema & { readonly required?: boolean }
    return fromFields({
      ...self,
      properties: [...self.properties.filter(([key]) => key !== name), [name, property as ParameterSchema]],
      required: required === true && !self.required.includes(name) ? [...self.required, name] : self.required
    })
  }
)

/**
 * Add a pattern test.
 *
 * @example
 * ```ts
 * import { DataMap, FunctionResult } from "@signalwire-effect/swml"
 *
 * DataMap.make("light").pipe(DataMap.expression({ string: "${args.color}", pattern: "^red$", output: FunctionResult.make("Stop") }))
 * ```
 * @since 0.1.0
 */
export const expression: {
  (expression: Expression): (self: DataMap) => DataMap
  (self: DataMap, expression: Expression): DataMap
} = dual(2, (self: DataMap, added: Expression) => fromFields({ ...self, expressions: [...self.expressions, added] }))

/**
 * Add a web API call (tried in order).
 *
 * @example
 * ```ts
 * import { DataMap, FunctionResult } from "@signalwire-effect/swml"
 *
 * DataMap.make("joke").pipe(DataMap.webhook({ url: "https://api.example.com/joke", output: FunctionResult.make("${response.joke}") }))
 * ```
 * @since 0.1.0
 */
export const webhook: {
  (webhook: Webhook): (self: DataMap) => DataMap
  (self: DataMap, webhook: Webhook): DataMap
} = dual(2, (self: DataMap, added: Webhook) => fromFields({ ...self, webhooks: [...self.webhooks, added] }))

/**
 * The answer when no expression matched and no webhook succeeded.
 *
 * @example
 * ```ts
 * import { DataMap, FunctionResult } from "@signalwire-effect/swml"
 *
 * DataMap.make("joke").pipe(DataMap.fallbackOutput(FunctionResult.make("No joke today")))
 * ```
 * @since 0.1.0
 */
export const fallbackOutput: {
  (output: FunctionResult.FunctionResult): (self: DataMap) => DataMap
  (self: DataMap, output: FunctionResult.FunctionResult): DataMap
} = dual(2, (self: DataMap, output: FunctionResult.FunctionResult) => fromFields({ ...self, output }))

const toOutput = (result: FunctionResult.FunctionResult): unknown => FunctionResult.toJson(result)

const renderWebhook = (hook: Webhook) => ({
  url: hook.url,
  ...(hook.method === undefined ? {} : { method: hook.method }),
  ...(hook.headers === undefined ? {} : { headers: hook.headers }),
  ...(hook.params === undefined ? {} : { params: hook.params }),
  ...(hook.inputArgsAsParams === true ? { input_args_as_params: true } : {}),
  ...(hook.requireArgs === undefined ? {} : { require_args: hook.requireArgs }),
  ...(hook.foreach === undefined ? {} : { foreach: hook.foreach }),
  ...(hook.expressions === undefined ? {} : { expressions: hook.expressions.map(renderExpression) }),
  ...(hook.errorKeys === undefined ? {} : { error_keys: hook.errorKeys }),
  ...(hook.output === undefined ? {} : { output: toOutput(hook.output) })
})

const renderExpression = (e: Expression) => ({
  string: e.string,
  pattern: typeof e.pattern === "string" ? e.pattern : e.pattern.source,
  output: toOutput(e.output)
})

const decodeDefinition = decodeWith(D.SwaigFunction)

/**
 * The `SWAIG.functions` entry. Its outputs are checked against what a `data_map` may carry (a
 * subset of the actions a webhook reply may use), so a mismatch is a {@link SwmlDecodeError}.
 *
 * @example
 * ```ts
 * import { DataMap, FunctionResult } from "@signalwire-effect/swml"
 *
 * DataMap.make("joke").pipe(DataMap.fallbackOutput(FunctionResult.make("Knock knock")), DataMap.toDefinition)
 * ```
 * @since 0.1.0
 */
export const toDefinition = (self: DataMap): Either.Either<D.SwaigFunctionDefinition, SwmlDecodeError> =>
  decodeDefinition({
    function: self.name,
    description: self.description,
    parameters: {
      type: "object",
      properties: Object.fromEntries(self.properties),
      ...(self.required.length > 0 ? { required: self.required } : {})
    },
    data_map: {
      ...(self.expressions.length > 0 ? { expressions: self.expressions.map(renderExpression) } : {}),
      ...(self.webhooks.length > 0 ? { webhooks: self.webhooks.map(renderWebhook) } : {}),
      ...(self.output === undefined ? {} : { output: toOutput(self.output) })
    }
  })

/**
 * A one-webhook tool: call `url`, answer with `responseTemplate`.
 *
 * @example
 * ```ts
 * import { DataMap } from "@signalwire-effect/swml"
 *
 * DataMap.simpleApiTool({
 *   name: "get_joke",
 *   url: "https://api.example.com/joke?type=${args.type}",
 *   responseTemplate: "${response.joke}",
 *   parameters: { type: { type: "string", description: "Kind of joke", required: true } },
 *   errorKeys: ["error"]
 * })
 * ```
 * @since 0.1.0
 */
export const simpleApiTool = (options: {
  readonly name: string
  readonly url: string
  readonly responseTemplate: string
  readonly description?: string
  readonly parameters?: { readonly [name: string]: ParameterSchema & { readonly required?: boolean } }
  readonly method?: "GET" | "POST" | "PUT" | "DELETE"
  readonly headers?: { readonly [name: string]: string }
  readonly params?: { readonly [name: string]: unknown }
  readonly errorKeys?: ReadonlyArray<string>
}): DataMap =>
  Object.entries(options.parameters ?? {}).reduce(
    (tool, [name, schema]) => parameter(tool, name, schema),
    make(options.name, options.description === undefined ? {} : { description: options.description })
  ).pipe(webhook({
    url: options.url,
    method: options.method ?? "GET",
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    ...(options.params === undefined ? {} : { params: options.params }),
    ...(options.errorKeys === undefined ? {} : { errorKeys: options.errorKeys }),
    output: FunctionResult.make(options.responseTemplate)
  }))

/**
 * A tool answered by pattern tests only.
 *
 * @example
 * ```ts
 * import { DataMap, FunctionResult } from "@signalwire-effect/swml"
 *
 * DataMap.expressionTool({
 *   name: "traffic_light",
 *   parameters: { color: { type: "string", description: "Light color", required: true } },
 *   patterns: [{ string: "${args.color}", pattern: "^red$", output: FunctionResult.make("Stop") }]
 * })
 * ```
 * @since 0.1.0
 */
export const expressionTool = (options: {
  readonly name: string
  readonly description?: string
  readonly parameters?: { readonly [name: string]: ParameterSchema & { readonly required?: boolean } }
  readonly patterns: ReadonlyArray<Expression>
}): DataMap =>
  options.patterns.reduce(
    (tool, e) => expression(tool, e),
    Object.entries(options.parameters ?? {}).reduce(
      (tool, [name, schema]) => parameter(tool, name, schema),
      make(options.name, options.description === undefined ? {} : { description: options.description })
    )
  )

/**
 * The environment variables `${ENV.NAME}` may read by default: names starting with `SIGNALWIRE_`,
 * `SWML_` or `SW_`.
 *
 * @example
 * ```ts
 * import { DataMap } from "@signalwire-effect/swml"
 *
 * DataMap.defaultEnvPrefixes // ["SIGNALWIRE_", "SWML_", "SW_"]
 * ```
 * @since 0.1.0
 */
export const defaultEnvPrefixes: ReadonlyArray<string> = ["SIGNALWIRE_", "SWML_", "SW_"]

const ENV_REFERENCE = /\$\{ENV\.([^}]+)\}/g

const envNames = (value: unknown, into: Set<string>): Set<string> => {
  if (typeof value === "string") for (const m of value.matchAll(ENV_REFERENCE)) into.add(m[1]!)
  else if (Array.isArray(value)) for (const item of value) envNames(item, into)
  else if (typeof value === "object" && value !== null) for (const item of Object.values(value)) envNames(item, into)
  return into
}

const substitute = (value: unknown, values: ReadonlyMap<string, string>): unknown => {
  if (typeof value === "string") return value.replace(ENV_REFERENCE, (_, name: string) => values.get(name) ?? "")
  if (Array.isArray(value)) return value.map((item) => substitute(item, values))
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, values)]))
  }
  return value
}

/**
 * Replace `${ENV.NAME}` in a definition (URLs, headers, params, outputs) with the value of `NAME`
 * read through Effect's `Config` (the environment by default; any `ConfigProvider` in tests). Only
 * names starting with one of `allowedPrefixes` are read (default {@link defaultEnvPrefixes}; an
 * empty list allows every name); an unset or disallowed name becomes `""`. The values end up in
 * the SWML sent to SignalWire: allow only what the platform may see.
 *
 * @example
 * ```ts
 * import { DataMap } from "@signalwire-effect/swml"
 * import * as ConfigProvider from "effect/ConfigProvider"
 * import * as Effect from "effect/Effect"
 *
 * const hook = { url: "https://api.example.com/v1?key=${ENV.SW_WEATHER_KEY}" }
 * const expanded = DataMap.expandEnv(hook).pipe(
 *   Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["SW_WEATHER_KEY", "k-1"]])))
 * ) // { url: "https://api.example.com/v1?key=k-1" }
 * ```
 * @since 0.1.0
 */
export const expandEnv = <A>(value: A, options?: { readonly allowedPrefixes?: ReadonlyArray<string> }): Effect.Effect<A> => {
  const prefixes = options?.allowedPrefixes ?? defaultEnvPrefixes
  const allowed = (name: string) => prefixes.length === 0 || prefixes.some((prefix) => name.startsWith(prefix))
  return Effect.map(
    Effect.forEach([...envNames(value, new Set())].filter(allowed), (name) =>
      Effect.map(Effect.orElseSucceed(Config.string(name), () => ""), (v) => [name, v] as const)),
    (entries) => substitute(value, new Map(entries)) as A
  )
}
