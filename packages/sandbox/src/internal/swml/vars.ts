/**
 * SWML variables and expressions as the platform evaluates them: `${…}` and `%{…}` in any string
 * value are interchangeable in calling SWML; a plain path (`call.from`, `vars.x`, `items[0].name`)
 * is looked up (an unset one is the empty string), anything else is a JavaScript expression,
 * evaluated (as on the platform, by V8) in a fresh context with no access to the sandbox. A name
 * without a scope prefix is looked up in `vars`, then `envs`, then `call`. A string that is one
 * placeholder and nothing else keeps the value's type (a number stays a number).
 */
import * as vm from "node:vm"
import * as Either from "effect/Either"

export type Json = unknown
export type JsonRecord = Record<string, Json>

export interface Scope {
  readonly call: JsonRecord
  readonly params: JsonRecord
  readonly vars: JsonRecord
  readonly envs: JsonRecord
}

/**
 * How long one expression may run (wall clock, V8's watchdog) before it fails: the guard against a
 * document's endless loop. Generous, so a descheduled process on a loaded machine never fails a
 * trivial expression (100 ms did, in CI-like runs at load 20+).
 */
const EXPRESSION_TIMEOUT_MS = 1_000
const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$-]*|\[\d+\])*$/
const SCOPES = new Set(["call", "params", "vars", "envs"])

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const steps = (path: string): Array<string | number> =>
  Array.from(path.matchAll(/([^.[\]]+)|\[(\d+)\]/g), (m) => (m[2] !== undefined ? Number(m[2]) : m[1]!))

const walk = (root: unknown, keys: ReadonlyArray<string | number>): unknown => {
  let value = root
  for (const key of keys) {
    if (typeof key === "number") value = Array.isArray(value) ? value[key] : undefined
    else value = isRecord(value) ? value[key] : undefined
    if (value === undefined) return undefined
  }
  return value
}

/** The value at a path (`call.from`, `prompt_value`, `request_response.items[0]`), or undefined. */
export const lookup = (scope: Scope, path: string): unknown => {
  const keys = steps(path.trim())
  const head = keys[0]
  if (typeof head === "string" && SCOPES.has(head)) return walk(scope[head as keyof Scope], keys.slice(1))
  for (const root of [scope.vars, scope.envs, scope.call]) {
    if (typeof head === "string" && Object.hasOwn(root, head)) return walk(root, keys)
  }
  return undefined
}

/** A JSON copy: values crossing into or out of an expression's context carry nothing else. */
const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown)

/** Evaluates a JavaScript expression with the scope's variables in view. */
export const evaluate = (scope: Scope, expression: string): Either.Either<unknown, string> => {
  const text = expression.trim()
  if (PATH.test(text)) return Either.right(lookup(scope, text))
  try {
    const context = vm.createContext({
      ...(plain(scope.call) as JsonRecord),
      ...(plain(scope.envs) as JsonRecord),
      ...(plain(scope.vars) as JsonRecord),
      call: plain(scope.call),
      params: plain(scope.params),
      vars: plain(scope.vars),
      envs: plain(scope.envs)
    })
    const value: unknown = vm.runInContext(`(${text}\n)`, context, { timeout: EXPRESSION_TIMEOUT_MS })
    return Either.right(typeof value === "function" ? undefined : plain(value))
  } catch (error) {
    return Either.left(`${JSON.stringify(text)}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** A placeholder in a string: where it starts and ends, and its body. */
interface Placeholder {
  readonly start: number
  readonly end: number
  readonly body: string
}

/** Finds `${…}` / `%{…}` placeholders, with nested braces and quoted strings inside them. */
const placeholders = (text: string): Array<Placeholder> => {
  const found: Array<Placeholder> = []
  let i = 0
  while (i < text.length - 1) {
    if ((text[i] === "$" || text[i] === "%") && text[i + 1] === "{") {
      let depth = 1
      let j = i + 2
      let quote: string | undefined
      for (; j < text.length && depth > 0; j++) {
        const c = text[j]!
        if (quote !== undefined) {
          if (c === "\\") j++
          else if (c === quote) quote = undefined
        } else if (c === "\"" || c === "'" || c === "`") quote = c
        else if (c === "{") depth++
        else if (c === "}") depth--
      }
      if (depth === 0) {
        found.push({ start: i, end: j, body: text.slice(i + 2, j - 1) })
        i = j
        continue
      }
    }
    i++
  }
  return found
}

const asText = (value: unknown): string =>
  value === undefined || value === null ? "" : typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value)

/** Expands the placeholders of one string (a lone placeholder keeps its value's type). */
export const expand = (scope: Scope, text: string): Either.Either<unknown, string> => {
  const list = placeholders(text)
  if (list.length === 0) return Either.right(text)
  const only = list[0]!
  if (list.length === 1 && only.start === 0 && only.end === text.length) {
    return Either.map(evaluate(scope, only.body), (value) => (value === undefined ? "" : value))
  }
  let out = ""
  let last = 0
  for (const p of list) {
    const value = evaluate(scope, p.body)
    if (Either.isLeft(value)) return value
    out += text.slice(last, p.start) + asText(value.right)
    last = p.end
  }
  return Either.right(out + text.slice(last))
}

/** Expands every string inside a value (objects and arrays included). */
export const expandDeep = (scope: Scope, value: unknown): Either.Either<unknown, string> => {
  if (typeof value === "string") return expand(scope, value)
  if (Array.isArray(value)) return Either.all(value.map((item) => expandDeep(scope, item)))
  if (isRecord(value)) {
    return Either.map(
      Either.all(Object.entries(value).map(([k, v]) => Either.map(expandDeep(scope, v), (x) => [k, x] as const))),
      (entries) => Object.fromEntries(entries)
    )
  }
  return Either.right(value)
}

/** Expands placeholders into text (for `cond` / `goto.when`), then evaluates the result as a condition. */
export const condition = (scope: Scope, expression: string): Either.Either<boolean, string> => {
  const list = placeholders(expression)
  let text = expression
  if (list.length > 0) {
    let out = ""
    let last = 0
    for (const p of list) {
      const value = evaluate(scope, p.body)
      if (Either.isLeft(value)) return Either.left(value.left)
      const v = value.right
      out += expression.slice(last, p.start) + (typeof v === "string" ? JSON.stringify(v) : asText(v))
      last = p.end
    }
    text = out + expression.slice(last)
  }
  return Either.map(evaluate(scope, text), (value) => Boolean(value))
}

/** What `switch` compares its cases with: the variable's value as text. */
export const switchValue = (scope: Scope, variable: string): string => {
  const list = placeholders(variable)
  if (list.length > 0) return asText(Either.getOrUndefined(expand(scope, variable)))
  return asText(lookup(scope, variable))
}
