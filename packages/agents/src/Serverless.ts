/**
 * Run agents on AWS Lambda (API Gateway REST APIs (payload 1.0: `multiValueHeaders`,
 * `multiValueQueryStringParameters`), HTTP APIs and function URLs (payload 2.0: `rawPath`,
 * `rawQueryString`, `cookies`), base64 bodies): the Lambda event becomes a web `Request` for the
 * handler of `AgentServer.toWebHandler`, and its `Response` becomes the Lambda result
 * (`Set-Cookie` as `multiValueHeaders` or `cookies`, non-text bodies base64). On other serverless
 * platforms (Cloudflare Workers, Deno, Bun, Vercel) `AgentServer.toWebHandler`'s handler is the
 * `fetch` handler itself. Set `SWML_PROXY_URL_BASE` to the public URL (an API Gateway stage
 * included) so webhook URLs and signature checks use it.
 *
 * ```ts
 * import { AgentServer, Serverless } from "@signalwire-effect/agents"
 * import type { AgentBase } from "@signalwire-effect/agents"
 * import * as Context from "effect/Context"
 * import * as Layer from "effect/Layer"
 *
 * class Orders extends Context.Tag("Orders")<Orders, { readonly status: (order: string) => string }>() {}
 * declare const support: AgentBase.AgentBase<Orders>
 * declare const OrdersLive: Layer.Layer<Orders>
 *
 * const { handler: web } = AgentServer.toWebHandler([support], OrdersLive)
 * export const handler = Serverless.toLambdaHandler(web)
 * ```
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"

/**
 * The fields of an API Gateway (v1 or v2) or function-URL event that matter here.
 *
 * @example
 * ```ts
 * import type { Serverless } from "@signalwire-effect/agents"
 *
 * const event: Serverless.LambdaEvent = { httpMethod: "GET", path: "/support", headers: { host: "x.example.com" } }
 * ```
 * @since 0.1.0
 */
export interface LambdaEvent {
  /** `"2.0"` for HTTP APIs and function URLs; `"1.0"` (or absent) for REST APIs. */
  readonly version?: string | undefined
  readonly httpMethod?: string | undefined
  readonly path?: string | undefined
  readonly rawPath?: string | undefined
  readonly rawQueryString?: string | undefined
  readonly headers?: { readonly [name: string]: string | undefined } | null | undefined
  /** v1: every value of repeated headers (wins over `headers`). */
  readonly multiValueHeaders?: { readonly [name: string]: ReadonlyArray<string> | undefined } | null | undefined
  readonly queryStringParameters?: { readonly [name: string]: string | undefined } | null | undefined
  /** v1: every value of repeated query parameters (wins over `queryStringParameters`). */
  readonly multiValueQueryStringParameters?: { readonly [name: string]: ReadonlyArray<string> | undefined } | null | undefined
  /** v2: the `Cookie` header, split. */
  readonly cookies?: ReadonlyArray<string> | undefined
  readonly body?: string | null | undefined
  readonly isBase64Encoded?: boolean | undefined
  readonly requestContext?: {
    readonly http?: { readonly method?: string | undefined } | undefined
    readonly domainName?: string | undefined
  } | undefined
}

/**
 * What Lambda returns to API Gateway.
 *
 * @example
 * ```ts
 * import type { Serverless } from "@signalwire-effect/agents"
 *
 * const ok: Serverless.LambdaResult = { statusCode: 200, headers: {}, body: "{}", isBase64Encoded: false }
 * ```
 * @since 0.1.0
 */
export interface LambdaResult {
  readonly statusCode: number
  readonly headers: { readonly [name: string]: string }
  /** v1 events: `Set-Cookie` values, one per cookie. */
  readonly multiValueHeaders?: { readonly [name: string]: ReadonlyArray<string> }
  /** v2 events: `Set-Cookie` values, one per cookie. */
  readonly cookies?: ReadonlyArray<string>
  readonly body: string
  /** True for bodies that are not text (static files), sent base64-encoded. */
  readonly isBase64Encoded: boolean
}

/**
 * The web `Request` of a Lambda event.
 *
 * @example
 * ```ts
 * import { Serverless } from "@signalwire-effect/agents"
 *
 * Serverless.requestOf({ httpMethod: "GET", path: "/support", headers: { host: "x.example.com" } }).url
 * // "https://x.example.com/support"
 * ```
 * @since 0.1.0
 */
export const requestOf = (event: LambdaEvent): Request => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers.set(name, value)
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (values === undefined || values.length === 0) continue
    headers.delete(name)
    for (const value of values) headers.append(name, value)
  }
  if (event.cookies !== undefined && event.cookies.length > 0) headers.set("cookie", event.cookies.join("; "))
  const method = (event.requestContext?.http?.method ?? event.httpMethod ?? "POST").toUpperCase()
  const path = event.rawPath ?? event.path ?? "/"
  const query = event.rawQueryString !== undefined
    ? event.rawQueryString
    : event.multiValueQueryStringParameters !== undefined && event.multiValueQueryStringParameters !== null
    ? new URLSearchParams(
      Object.entries(event.multiValueQueryStringParameters).flatMap(([k, vs]) => (vs ?? []).map((v) => [k, v]))
    ).toString()
    : new URLSearchParams(
      Object.entries(event.queryStringParameters ?? {}).flatMap(([k, v]) => v === undefined ? [] : [[k, v]])
    ).toString()
  const host = headers.get("host") ?? event.requestContext?.domainName ?? "localhost"
  const proto = headers.get("x-forwarded-proto") ?? "https"
  const url = `${proto}://${host}${path}${query === "" ? "" : `?${query}`}`
  const body = event.body === undefined || event.body === null || method === "GET" || method === "HEAD"
    ? undefined
    : event.isBase64Encoded === true
    ? Buffer.from(event.body, "base64").toString("utf8")
    : event.body
  return new Request(url, { method, headers, ...(body === undefined ? {} : { body }) })
}

/**
 * A Lambda handler from a web handler.
 *
 * @example
 * ```ts
 * import { AgentServer, Serverless } from "@signalwire-effect/agents"
 * import type { AgentBase } from "@signalwire-effect/agents"
 * import * as Layer from "effect/Layer"
 *
 * declare const support: AgentBase.AgentBase<never>
 *
 * export const handler = Serverless.toLambdaHandler(AgentServer.toWebHandler([support], Layer.empty).handler)
 * ```
 * @since 0.1.0
 */
export const toLambdaHandler = (
  web: (request: Request) => Promise<Response>
): (event: LambdaEvent) => Promise<LambdaResult> =>
async (event) => {
  const response = await web(requestOf(event))
  const headers: { [name: string]: string } = {}
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value
  })
  const setCookies = response.headers.getSetCookie()
  const cookies = setCookies.length === 0
    ? {}
    : event.version === "2.0"
    ? { cookies: setCookies }
    : { multiValueHeaders: { "set-cookie": setCookies } }
  const type = response.headers.get("content-type") ?? ""
  const text = type === "" || /^text\/|json|xml|javascript/i.test(type)
  const body = text ? await response.text() : Buffer.from(await response.arrayBuffer()).toString("base64")
  return { statusCode: response.status, headers, ...cookies, body, isBase64Encoded: !text }
}

/**
 * Where the process runs: a long-lived `server`, or a serverless platform recognised by its
 * environment (`GATEWAY_INTERFACE` → `cgi`; `AWS_LAMBDA_FUNCTION_NAME` or `LAMBDA_TASK_ROOT` →
 * `lambda`; `FUNCTION_TARGET`, `K_SERVICE` or `GOOGLE_CLOUD_PROJECT` → `google_cloud_function`;
 * `AZURE_FUNCTIONS_ENVIRONMENT` or `FUNCTIONS_WORKER_RUNTIME` → `azure_function`; checked in
 * that order).
 *
 * @example
 * ```ts
 * import type { Serverless } from "@signalwire-effect/agents"
 *
 * const mode: Serverless.ExecutionMode = "lambda"
 * ```
 * @since 0.1.0
 */
export type ExecutionMode = "server" | "cgi" | "lambda" | "google_cloud_function" | "azure_function"

const detection: ReadonlyArray<readonly [Exclude<ExecutionMode, "server">, ReadonlyArray<string>]> = [
  ["cgi", ["GATEWAY_INTERFACE"]],
  ["lambda", ["AWS_LAMBDA_FUNCTION_NAME", "LAMBDA_TASK_ROOT"]],
  ["google_cloud_function", ["FUNCTION_TARGET", "K_SERVICE", "GOOGLE_CLOUD_PROJECT"]],
  ["azure_function", ["AZURE_FUNCTIONS_ENVIRONMENT", "FUNCTIONS_WORKER_RUNTIME"]]
]

const isSet = (name: string): Effect.Effect<boolean> =>
  Effect.orElseSucceed(Effect.map(Config.string(name), (value) => value !== ""), () => false)

/**
 * The {@link ExecutionMode}, read through Effect's `Config` (the environment by default).
 *
 * @example
 * ```ts
 * import { Serverless } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const mode = Effect.runSync(Serverless.executionMode) // "server" outside a serverless platform
 * ```
 * @since 0.1.0
 */
export const executionMode: Effect.Effect<ExecutionMode> = Effect.gen(function*() {
  for (const [mode, names] of detection) {
    for (const name of names) if (yield* isSet(name)) return mode
  }
  return "server" as const
})

/**
 * Whether the process runs on a serverless platform (any {@link executionMode} but `server`).
 *
 * @example
 * ```ts
 * import { Serverless } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const serverless = Effect.runSync(Serverless.isServerless) // false on a plain server
 * ```
 * @since 0.1.0
 */
export const isServerless: Effect.Effect<boolean> = Effect.map(executionMode, (mode) => mode !== "server")
