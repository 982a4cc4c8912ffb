/**
 * Run agents on AWS Lambda (API Gateway REST and HTTP APIs, function URLs): the Lambda event
 * becomes a web `Request` for the handler of `AgentServer.toWebHandler`, and its `Response`
 * becomes the Lambda result. Set `SWML_PROXY_URL_BASE` to the public URL so webhook URLs and
 * signature checks use it.
 *
 * ```ts
 * const { handler: web } = AgentServer.toWebHandler([support], OrdersLive)
 * export const handler = Serverless.toLambdaHandler(web)
 * ```
 *
 * @since 0.1.0
 */

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
  readonly httpMethod?: string | undefined
  readonly path?: string | undefined
  readonly rawPath?: string | undefined
  readonly rawQueryString?: string | undefined
  readonly headers?: { readonly [name: string]: string | undefined } | null | undefined
  readonly queryStringParameters?: { readonly [name: string]: string | undefined } | null | undefined
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
  readonly body: string
  readonly isBase64Encoded: false
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
  const method = (event.requestContext?.http?.method ?? event.httpMethod ?? "POST").toUpperCase()
  const path = event.rawPath ?? event.path ?? "/"
  const query = event.rawQueryString !== undefined
    ? event.rawQueryString
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
    headers[name] = value
  })
  return { statusCode: response.status, headers, body: await response.text(), isBase64Encoded: false }
}
