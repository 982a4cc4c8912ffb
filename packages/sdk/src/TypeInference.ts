/**
 * Tool parameters inferred from a handler's own parameter list, as the reference SDK does for
 * `defineTypedTool`: `(city, days = 3, metric = true) => …` is a tool taking `city` (a required
 * string), `days` (an integer) and `metric` (a boolean). Types come from default-value literals
 * only (a parameter without a default is a required string); a last parameter named `rawData`
 * receives the whole SWAIG request. The effect-native way to type tool arguments is a `Schema`
 * (`@signalwire-effect/swml`'s `SwaigFunction`).
 *
 * @since 0.1.0
 */
import type { ToolHandler } from "./internal/agentConfig.js"

/**
 * One parameter of a function's source: its name and default-value text.
 *
 * @example
 * ```ts
 * import type { ParsedParam } from "@signalwire-effect/sdk"
 *
 * const days: ParsedParam = { name: "days", defaultValue: "3" }
 * ```
 * @since 0.1.0
 */
export interface ParsedParam {
  name: string
  defaultValue?: string
}

/**
 * What {@link inferSchema} found: JSON Schema properties, the required names (those without a
 * default), the parameter names in order, and whether the last parameter is `rawData`.
 *
 * @example
 * ```ts
 * import type { InferredSchema } from "@signalwire-effect/sdk"
 *
 * const none: InferredSchema = { parameters: {}, required: [], paramNames: [], hasRawData: false }
 * ```
 * @since 0.1.0
 */
export interface InferredSchema {
  parameters: Record<string, { type: string; description?: string }>
  required: Array<string>
  paramNames: Array<string>
  hasRawData: boolean
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** The text between the parameter list's parentheses (strings and nesting respected). */
const parameterList = (source: string): string | undefined => {
  const arrow = /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(source)
  if (arrow !== null) return arrow[1]
  const open = source.indexOf("(")
  if (open < 0) return undefined
  let depth = 0
  let quote: string | undefined
  for (let i = open; i < source.length; i++) {
    const ch = source[i]!
    if (quote !== undefined) {
      if (ch === "\\") i++
      else if (ch === quote) quote = undefined
    } else if (ch === "'" || ch === "\"" || ch === "`") quote = ch
    else if (ch === "(" || ch === "[" || ch === "{") depth++
    else if (ch === ")" || ch === "]" || ch === "}") {
      depth--
      if (depth === 0) return source.slice(open + 1, i)
    }
  }
  return undefined
}

/** Splits on top-level commas. */
const splitTopLevel = (text: string): Array<string> => {
  const parts: Array<string> = []
  let depth = 0
  let quote: string | undefined
  let current = ""
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quote !== undefined) {
      if (ch === "\\") {
        current += ch + (text[i + 1] ?? "")
        i++
        continue
      }
      if (ch === quote) quote = undefined
    } else if (ch === "'" || ch === "\"" || ch === "`") quote = ch
    else if (ch === "(" || ch === "[" || ch === "{") depth++
    else if (ch === ")" || ch === "]" || ch === "}") depth--
    else if (ch === "," && depth === 0) {
      parts.push(current)
      current = ""
      continue
    }
    current += ch
  }
  if (current.trim() !== "") parts.push(current)
  return parts.map((p) => p.trim()).filter((p) => p !== "")
}

const parseOne = (param: string): ParsedParam => {
  const eq = param.indexOf("=")
  const head = (eq < 0 ? param : param.slice(0, eq)).trim()
  const colon = head.indexOf(":")
  const name = (colon < 0 ? head : head.slice(0, colon)).trim().replace(/\?$/, "")
  return eq < 0 ? { name } : { name, defaultValue: param.slice(eq + 1).trim() }
}

/**
 * The parameters of a function's source text (`fn.toString()`): arrow functions (with or without
 * parentheses), `function`s and methods; type annotations dropped.
 *
 * @example
 * ```ts
 * import { parseFunctionParams } from "@signalwire-effect/sdk"
 *
 * parseFunctionParams("(city, days = 3) => city") // [{ name: "city" }, { name: "days", defaultValue: "3" }]
 * ```
 * @since 0.1.0
 */
export const parseFunctionParams = (source: string): Array<ParsedParam> => {
  const list = parameterList(source)
  return list === undefined ? [] : splitTopLevel(list).map(parseOne)
}

const typeOfDefault = (value: string | undefined): string => {
  if (value === undefined) return "string"
  if (value === "true" || value === "false") return "boolean"
  if (/^-?\d+$/.test(value)) return "integer"
  if (/^-?\d+\.\d+$/.test(value)) return "number"
  return "string"
}

/**
 * A tool's parameters inferred from `fn`'s parameter names and default values; `null` when `fn`
 * looks like a classic `(args, rawData)` handler (first parameter `args` or `arguments`, at most
 * two) or has a parameter inference cannot name (destructuring, rest).
 *
 * @example
 * ```ts
 * import { inferSchema } from "@signalwire-effect/sdk"
 *
 * inferSchema((city: string, days = 3, metric = true) => `${city} ${days} ${metric}`)
 * // { parameters: { city: { type: "string", … }, days: { type: "integer", … }, metric: { type: "boolean", … } },
 * //   required: ["city"], paramNames: ["city", "days", "metric"], hasRawData: false }
 * ```
 * @since 0.1.0
 */
export const inferSchema = (fn: (...args: Array<any>) => unknown): InferredSchema | null => {
  const parsed = parseFunctionParams(fn.toString())
  if (parsed.length === 0) return { parameters: {}, required: [], paramNames: [], hasRawData: false }
  if (parsed.length <= 2 && (parsed[0]!.name === "args" || parsed[0]!.name === "arguments")) return null
  if (parsed.some((p) => !IDENTIFIER.test(p.name))) return null
  const hasRawData = parsed[parsed.length - 1]!.name === "rawData"
  const params = hasRawData ? parsed.slice(0, -1) : parsed
  return {
    parameters: Object.fromEntries(params.map((p) => [p.name, { type: typeOfDefault(p.defaultValue), description: `The ${p.name} parameter` }])),
    required: params.filter((p) => p.defaultValue === undefined).map((p) => p.name),
    paramNames: params.map((p) => p.name),
    hasRawData
  }
}

/**
 * A classic `(args, rawData)` handler calling `fn` with the arguments named `paramNames`, in
 * order (a missing argument is `undefined`, so `fn`'s default applies), then `rawData` when
 * `hasRawData`.
 *
 * @example
 * ```ts
 * import { createTypedHandlerWrapper } from "@signalwire-effect/sdk"
 *
 * const handler = createTypedHandlerWrapper((city: string, days = 3) => `${city}: ${days} days`, ["city", "days"], false)
 * handler({ city: "Paris" }, {}) // "Paris: 3 days"
 * ```
 * @since 0.1.0
 */
export const createTypedHandlerWrapper = (fn: (...args: Array<any>) => unknown, paramNames: ReadonlyArray<string>, hasRawData: boolean): ToolHandler =>
(args, rawData) => fn(...paramNames.map((name) => args[name]), ...(hasRawData ? [rawData] : [])) as ReturnType<ToolHandler>
