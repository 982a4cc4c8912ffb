/**
 * `DataMap`: a tool that SignalWire itself executes (expressions over the arguments, or web
 * requests whose response fills a template), with the reference's builder API over
 * `@signalwire-effect/swml`'s `DataMap` (which checks the definition against the SWML schema).
 *
 * Differences from the reference (DIFFERENCES.md #17): `body(data)` sends the webhook's `params`
 * (the key the platform reads; the reference sends `body`, which the SWML schema rejects);
 * `errorKeys` before any webhook and `globalErrorKeys` throw (a data_map-level `error_keys` is
 * rejected by the schema); `expression`'s `nomatchOutput` and `webhook`'s `formParam` are not
 * provided (rejected by the schema). `enableEnvExpansion()` replaces `${ENV.NAME}` when the
 * definition is built, for names with an allowed prefix (`setAllowedEnvPrefixes`).
 *
 * @since 0.1.0
 */
import { DataMap as Dm } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { FunctionResult } from "./FunctionResult.js"

type Json = { readonly [key: string]: unknown }

interface PendingWebhook {
  url: string
  method: "GET" | "POST" | "PUT" | "DELETE"
  headers?: Json
  params?: Json
  inputArgsAsParams?: boolean
  requireArgs?: ReadonlyArray<string>
  foreach?: { input_key: string; output_key: string; append: string; max?: number }
  expressions?: Array<Dm.Expression>
  errorKeys?: ReadonlyArray<string>
  output?: FunctionResult
}

type ParameterType = "string" | "number" | "integer" | "boolean" | "array" | "object"

/**
 * A server-side tool definition, built fluently.
 *
 * @example
 * ```ts
 * import { DataMap, FunctionResult } from "@signalwire-effect/sdk"
 *
 * const weather = new DataMap("get_weather")
 *   .description("Current weather for a city")
 *   .parameter("city", "string", "City name", { required: true })
 *   .webhook("GET", "https://api.example.com/weather?q=${args.city}")
 *   .output(new FunctionResult("It is ${response.temp} degrees in ${args.city}"))
 * weather.toSwaigFunction()
 * ```
 * @since 0.1.0
 */
export class DataMap {
  readonly functionName: string
  #purpose = ""
  readonly #parameters: Array<{ name: string; type: ParameterType; description: string; required: boolean; enum?: ReadonlyArray<string> }> = []
  readonly #expressions: Array<Dm.Expression> = []
  readonly #webhooks: Array<PendingWebhook> = []
  #output: FunctionResult | undefined
  #expandEnv = false
  #envPrefixes: ReadonlyArray<string> | undefined

  constructor(functionName: string) {
    this.functionName = functionName
  }

  /** Replace `${ENV.NAME}` (URLs, headers, bodies, outputs) when the definition is built. */
  enableEnvExpansion(enabled = true): this {
    this.#expandEnv = enabled
    return this
  }

  /** This map's env-prefix allow-list (instead of the global one; `[]` allows every name). */
  setAllowedEnvPrefixes(prefixes: Array<string>): this {
    this.#envPrefixes = [...prefixes]
    return this
  }

  purpose(description: string): this {
    this.#purpose = description
    return this
  }

  description(description: string): this {
    return this.purpose(description)
  }

  parameter(name: string, paramType: string, description: string, opts?: { required?: boolean; enum?: Array<string> }): this {
    const existing = this.#parameters.findIndex((p) => p.name === name)
    const entry = {
      name,
      type: paramType as ParameterType,
      description,
      required: opts?.required === true,
      ...(opts?.enum === undefined ? {} : { enum: opts.enum })
    }
    if (existing >= 0) this.#parameters[existing] = entry
    else this.#parameters.push(entry)
    return this
  }

  expression(testValue: string, pattern: string | RegExp, output: FunctionResult): this {
    this.#expressions.push({ string: testValue, pattern, output: output.toEffect() })
    return this
  }

  webhook(method: string, url: string, opts?: { headers?: Record<string, string>; inputArgsAsParams?: boolean; requireArgs?: Array<string> }): this {
    this.#webhooks.push({
      url,
      method: method.toUpperCase() as PendingWebhook["method"],
      ...(opts?.headers ? { headers: opts.headers } : {}),
      ...(opts?.inputArgsAsParams ? { inputArgsAsParams: true } : {}),
      ...(opts?.requireArgs ? { requireArgs: opts.requireArgs } : {})
    })
    return this
  }

  #last(what: string): PendingWebhook {
    const hook = this.#webhooks[this.#webhooks.length - 1]
    if (hook === undefined) throw new Error(`Must add webhook before setting ${what}`)
    return hook
  }

  webhookExpressions(expressions: Array<{ string: string; pattern: string; output: FunctionResult }>): this {
    this.#last("webhook expressions").expressions = expressions.map((e) => ({ ...e, output: e.output.toEffect() }))
    return this
  }

  /** The request body of the last webhook (sent as its `params`). */
  body(data: Json): this {
    this.#last("body").params = data
    return this
  }

  params(data: Json): this {
    this.#last("params").params = data
    return this
  }

  foreach(config: { input_key: string; output_key: string; append: string; max?: number }): this {
    this.#last("foreach").foreach = config
    return this
  }

  output(result: FunctionResult): this {
    this.#last("output").output = result
    return this
  }

  fallbackOutput(result: FunctionResult): this {
    this.#output = result
    return this
  }

  /** Keys of the last webhook's response that mark it failed. */
  errorKeys(keys: Array<string>): this {
    this.#last("error keys").errorKeys = keys
    return this
  }

  /** Not supported by the SWML schema: throws. */
  globalErrorKeys(_keys: Array<string>): this {
    throw new Error("data_map-level error_keys are rejected by the SWML schema; set errorKeys on a webhook")
  }

  /** Add the definition to an agent (`registerSwaigFunction`). */
  registerWithAgent(agent: { registerSwaigFunction(fn: Json): unknown }): this {
    agent.registerSwaigFunction(this.toSwaigFunction())
    return this
  }

  /** The Effect `DataMap` this describes. */
  toEffect(): Dm.DataMap {
    let map = Dm.make(this.functionName, { description: this.#purpose || `Execute ${this.functionName}` })
    for (const p of this.#parameters) {
      map = Dm.parameter(map, p.name, {
        type: p.type,
        description: p.description,
        ...(p.enum === undefined ? {} : { enum: p.enum }),
        required: p.required
      } as Parameters<typeof Dm.parameter>[2])
    }
    for (const e of this.#expressions) map = Dm.expression(map, e)
    for (const w of this.#webhooks) {
      const { output, ...rest } = w
      map = Dm.webhook(map, { ...rest, ...(output === undefined ? {} : { output: output.toEffect() }) })
    }
    return this.#output === undefined ? map : Dm.fallbackOutput(map, this.#output.toEffect())
  }

  /** The SWAIG function definition (checked against the SWML schema; throws when it does not fit). */
  toSwaigFunction(): Json {
    const definition = Dm.toDefinition(this.toEffect())
    if (Either.isLeft(definition)) throw new Error(`DataMap ${this.functionName}: ${definition.left.message}`)
    if (!this.#expandEnv) return definition.right as Json
    return Effect.runSync(Dm.expandEnv(definition.right, { allowedPrefixes: this.#envPrefixes ?? allowedEnvPrefixes })) as Json
  }
}

let allowedEnvPrefixes: ReadonlyArray<string> = Dm.defaultEnvPrefixes

/**
 * Set the environment-variable prefixes `${ENV.NAME}` expansion may read, for every `DataMap`
 * without its own list (default `SIGNALWIRE_`, `SWML_`, `SW_`; `[]` allows every name).
 *
 * @example
 * ```ts
 * import { setAllowedEnvPrefixes } from "@signalwire-effect/sdk"
 *
 * setAllowedEnvPrefixes(["SW_", "WEATHER_"])
 * ```
 * @since 0.1.0
 */
export const setAllowedEnvPrefixes = (prefixes: Array<string>): void => {
  allowedEnvPrefixes = [...prefixes]
}

/**
 * The global env-prefix allow-list (a copy).
 *
 * @example
 * ```ts
 * import { getAllowedEnvPrefixes } from "@signalwire-effect/sdk"
 *
 * getAllowedEnvPrefixes() // ["SIGNALWIRE_", "SWML_", "SW_"]
 * ```
 * @since 0.1.0
 */
export const getAllowedEnvPrefixes = (): Array<string> => [...allowedEnvPrefixes]

/**
 * A DataMap tool calling one web API and answering with a template.
 *
 * @example
 * ```ts
 * import { createSimpleApiTool } from "@signalwire-effect/sdk"
 *
 * createSimpleApiTool({ name: "get_joke", url: "https://api.example.com/joke", responseTemplate: "${response.joke}" })
 * ```
 * @since 0.1.0
 */
export const createSimpleApiTool = (opts: {
  name: string
  url: string
  responseTemplate: string
  parameters?: Record<string, { type?: string; description?: string; required?: boolean }>
  method?: string
  headers?: Record<string, string>
  body?: Json
  errorKeys?: Array<string>
}): DataMap => {
  const map = new DataMap(opts.name)
  for (const [name, def] of Object.entries(opts.parameters ?? {})) {
    map.parameter(name, def.type ?? "string", def.description ?? `${name} parameter`, { required: def.required === true })
  }
  map.webhook(opts.method ?? "GET", opts.url, opts.headers === undefined ? undefined : { headers: opts.headers })
  if (opts.body) map.body(opts.body)
  if (opts.errorKeys) map.errorKeys(opts.errorKeys)
  return map.output(new FunctionResult(opts.responseTemplate))
}

/**
 * A DataMap tool answering from regular expressions over its arguments.
 *
 * @example
 * ```ts
 * import { createExpressionTool, FunctionResult } from "@signalwire-effect/sdk"
 *
 * createExpressionTool({ name: "route", patterns: { "${args.dept}": ["^sales$", new FunctionResult("Sales")] } })
 * ```
 * @since 0.1.0
 */
export const createExpressionTool = (opts: {
  name: string
  patterns: Record<string, [string, FunctionResult]>
  parameters?: Record<string, { type?: string; description?: string; required?: boolean }>
}): DataMap => {
  const map = new DataMap(opts.name)
  for (const [name, def] of Object.entries(opts.parameters ?? {})) {
    map.parameter(name, def.type ?? "string", def.description ?? `${name} parameter`, { required: def.required === true })
  }
  for (const [testValue, [pattern, result]] of Object.entries(opts.patterns)) map.expression(testValue, pattern, result)
  return map
}
