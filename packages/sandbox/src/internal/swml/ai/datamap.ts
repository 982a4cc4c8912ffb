/**
 * DataMap tools, run by the sandbox as the platform runs them: expressions, then webhooks (each:
 * `require_args`, the request, `error_keys`, `foreach`, its expressions, its output), then the
 * fallback output; the first that yields an output answers. Templates (`${args.x}`,
 * `${lc:enc:args.x}`, `${response.a.b[0]}`, `${array[0].f}`, `${this.f}`, `${global_data.k}`,
 * `${meta_data.k}`, and `%{…}` alike) are expanded in URLs, headers, params and outputs.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type { SwaigFunction } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { JsonObject } from "./context.js"
import { redactUrl, targetOf } from "./http.js"

type DataMap = NonNullable<SwaigFunction.Definition["data_map"]>
type Webhook = NonNullable<DataMap["webhooks"]>[number]
type Expression = NonNullable<DataMap["expressions"]>[number]

export type Scope = { [key: string]: unknown }

const lookup = (scope: unknown, path: string): unknown => {
  let current: unknown = scope
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as { readonly [k: string]: unknown })[part]
  }
  return current
}

const render = (value: unknown): string =>
  value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value)

/** Expand every `${…}` / `%{…}` of a string. */
export const expand = (template: string, scope: Scope): string =>
  template.replace(/[$%]\{([^}]+)\}/g, (_, expression: string) => {
    const parts = expression.split(":")
    const path = parts.pop() ?? ""
    let text = render(lookup(scope, path))
    for (const modifier of parts.reverse()) {
      if (modifier === "lc") text = text.toLowerCase()
      else if (modifier === "uc") text = text.toUpperCase()
      else if (modifier === "enc") text = encodeURIComponent(text)
    }
    return text
  })

/** Expand the strings of a JSON value, keys untouched. */
export const expandDeep = (value: unknown, scope: Scope): unknown => {
  if (typeof value === "string") return expand(value, scope)
  if (Array.isArray(value)) return value.map((v) => expandDeep(v, scope))
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandDeep(v, scope)]))
  }
  return value
}

const firstMatch = (expressions: ReadonlyArray<Expression> | undefined, scope: Scope) =>
  expressions?.find((e) => Either.getOrElse(Either.try(() => new RegExp(e.pattern).test(expand(e.string, scope))), () => false))

export interface DataMapResult {
  readonly answeredBy: "expression" | "webhook" | "output" | "none"
  readonly webhooks: ReadonlyArray<{ readonly url: string; readonly method: string; readonly status?: number }>
  readonly reply: JsonObject
}

const fetchWebhook = (http: HttpClient.HttpClient, hook: Webhook, scope: Scope, args: JsonObject) => {
  const method = hook.method ?? "GET"
  const params = { ...(hook.input_args_as_params === true ? args : {}), ...(expandDeep(hook.params ?? {}, scope) as JsonObject) }
  const headers = Object.fromEntries(Object.entries(expandDeep(hook.headers ?? {}, scope) as JsonObject).map(([k, v]) => [k, render(v)]))
  const rawUrl = expand(hook.url, scope)
  return Either.match(targetOf(rawUrl), {
    onLeft: () => Effect.succeed({ url: redactUrl(rawUrl), method, status: undefined, body: undefined as unknown }),
    onRight: (target) => {
      let request = HttpClientRequest.make(method)(target.url).pipe(HttpClientRequest.setHeaders(headers))
      if (target.authorization !== undefined) request = HttpClientRequest.setHeader(request, "authorization", target.authorization)
      if (Object.keys(params).length > 0) {
        request = method === "GET" || method === "DELETE"
          ? HttpClientRequest.setUrlParams(request, Object.entries(params).map(([k, v]) => [k, render(v)] as const))
          : HttpClientRequest.bodyUnsafeJson(request, params)
      }
      return http.execute(request).pipe(
        Effect.flatMap((response) =>
          Effect.map(response.text, (text) => ({
            status: response.status,
            body: response.status >= 200 && response.status < 300
              ? Either.getOrUndefined(Either.try(() => JSON.parse(text) as unknown))
              : undefined
          }))
        ),
        Effect.scoped,
        Effect.timeout("30 seconds"),
        Effect.map(({ body, status }) => ({ url: redactUrl(target.url), method, status: status as number | undefined, body })),
        Effect.orElseSucceed(() => ({ url: redactUrl(target.url), method, status: undefined, body: undefined as unknown }))
      )
    }
  })
}

const hasErrorKey = (body: unknown, keys: string | ReadonlyArray<string> | undefined) => {
  if (keys === undefined || body === null || typeof body !== "object" || Array.isArray(body)) return false
  return (typeof keys === "string" ? [keys] : keys).some((k) => k in body)
}

/** Run a DataMap tool with its arguments. */
export const run = (
  http: HttpClient.HttpClient,
  dataMap: DataMap,
  base: { readonly args: JsonObject; readonly global_data: JsonObject; readonly meta_data: JsonObject }
): Effect.Effect<DataMapResult> =>
  Effect.gen(function*() {
    const scope: Scope = { ...base, prop: base.global_data }
    const output = (out: unknown, s: Scope) => expandDeep(out, s) as JsonObject
    const byExpression = firstMatch(dataMap.expressions, scope)
    if (byExpression !== undefined) return { answeredBy: "expression", webhooks: [], reply: output(byExpression.output, scope) }
    const fetched: Array<{ url: string; method: string; status?: number }> = []
    for (const hook of dataMap.webhooks ?? []) {
      const required = hook.require_args === undefined ? [] : typeof hook.require_args === "string" ? [hook.require_args] : hook.require_args
      if (required.some((name) => base.args[name] === undefined || base.args[name] === "")) continue
      const result = yield* fetchWebhook(http, hook, scope, base.args)
      fetched.push(result.status === undefined ? { url: result.url, method: result.method } : { url: result.url, method: result.method, status: result.status })
      if (result.body === undefined || hasErrorKey(result.body, hook.error_keys)) continue
      const s: Scope = { ...scope, response: result.body, ...(Array.isArray(result.body) ? { array: result.body } : {}) }
      if (hook.foreach !== undefined) {
        const items = lookup(result.body, hook.foreach.input_key)
        const max = typeof hook.foreach.max === "number" ? hook.foreach.max : Infinity
        s[hook.foreach.output_key] = Array.isArray(items)
          ? items.slice(0, max).map((item) => expand(hook.foreach!.append, { ...s, this: item })).join("")
          : ""
      }
      const matched = firstMatch(hook.expressions, s)
      if (matched !== undefined) return { answeredBy: "webhook", webhooks: fetched, reply: output(matched.output, s) }
      if (hook.output !== undefined) return { answeredBy: "webhook", webhooks: fetched, reply: output(hook.output, s) }
    }
    if (dataMap.output !== undefined) return { answeredBy: "output", webhooks: fetched, reply: output(dataMap.output, scope) }
    return {
      answeredBy: "none",
      webhooks: fetched,
      reply: { response: "The function could not be completed: none of its expressions or webhooks produced an output." }
    }
  })
