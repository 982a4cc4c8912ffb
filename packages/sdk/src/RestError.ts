/**
 * What a failing `RestClient` call rejects with: {@link RestError} (the server answered with a
 * status outside 2xx, as in SignalWire's SDK), and three failures SignalWire's SDK has no class for
 * ({@link RestTransportError}, {@link RestValidationError}, {@link RestDecodeError}).
 *
 * @since 0.1.0
 */

const text = (body: unknown): string => (typeof body === "string" ? body : JSON.stringify(body) ?? String(body))

/**
 * The server answered with a status outside 2xx. The fields and the message are SignalWire's SDK's:
 * `statusCode`, `body` (the parsed JSON body, or the raw text when it is not JSON), `url` (the full
 * URL, query string included), `method`, and `message` =
 * `"<METHOD> <url> returned <status>: <body as JSON>"`.
 *
 * Added (DIFFERENCES.md, "REST client"): `headers` (the response headers, lower-case names) and
 * `requestId` (the first of `x-request-id`, `x-signalwire-request-id`, `request-id`,
 * `x-amzn-requestid`), as in SignalWire's Python SDK; `cause` is the Effect client's
 * `RestHttpError` when the error came from a request. A JSON body that is neither an object nor an
 * array (a number, `null`) is kept as its JSON text, so `body` stays `string | object`.
 * Also exported as `SignalWireRestError`, as in SignalWire's SDK.
 *
 * @example
 * ```ts
 * import { RestClient, RestError } from "@signalwire-effect/sdk"
 *
 * const client = new RestClient({ project: "p", token: "PT…", host: "acme.signalwire.com" })
 * try {
 *   await client.phoneNumbers.get("4e5f…")
 * } catch (error) {
 *   if (error instanceof RestError && error.statusCode === 404) console.log(error.message) // GET https://… returned 404: {"error":"Not Found"}
 * } finally {
 *   await client.close()
 * }
 * ```
 * @since 0.1.0
 */
export class RestError extends Error {
  /** The HTTP status the server answered with (e.g. `404`). */
  readonly statusCode: number
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: string | Record<string, unknown>
  /** The full URL of the request, query string included. */
  readonly url: string
  /** `GET`, `POST`, `PUT`, `PATCH` or `DELETE`. */
  readonly method: string
  /** The response headers (lower-case names); `{}` when built without them. */
  readonly headers: Readonly<Record<string, string>>
  /** The request id the server gave, if any. */
  readonly requestId: string | undefined

  constructor(
    statusCode: number,
    body: string | Record<string, unknown>,
    url: string,
    method: string = "GET",
    options: {
      readonly headers?: Readonly<Record<string, string>> | undefined
      readonly requestId?: string | undefined
      readonly cause?: unknown
    } = {}
  ) {
    super(`${method} ${url} returned ${statusCode}: ${text(body)}`, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = "RestError"
    this.statusCode = statusCode
    this.body = body
    this.url = url
    this.method = method
    this.headers = options.headers ?? {}
    this.requestId = options.requestId
  }
}

/**
 * The request got no answer: connection refused or reset, DNS or TLS failure, or the per-attempt
 * timeout (`reason: "Timeout"`, 30 s by default). SignalWire's SDK rejects with `fetch`'s own
 * `TypeError` here (and has no timeout); this is a `TypeError` too, so code that checks for one
 * keeps working. `message` reads `"<METHOD> <url> failed to reach the server: <detail>"`; `cause`
 * is the Effect client's `RestTransportError`.
 *
 * @example
 * ```ts
 * import { RestClient, RestTransportError } from "@signalwire-effect/sdk"
 *
 * const client = new RestClient({ project: "p", token: "PT…", host: "127.0.0.1:9", timeout: 2_000 })
 * const reason = await client.queues.list().then(() => "answered", (e) => (e instanceof RestTransportError ? e.reason : "other"))
 * await client.close()
 * ```
 * @since 0.1.0
 */
export class RestTransportError extends TypeError {
  readonly method: string
  readonly url: string
  /** `"Timeout"` when the attempt timed out, `"Transport"` otherwise. */
  readonly reason: "Transport" | "Timeout"

  constructor(message: string, fields: {
    readonly method: string
    readonly url: string
    readonly reason: "Transport" | "Timeout"
    readonly cause?: unknown
  }) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause })
    this.name = "RestTransportError"
    this.method = fields.method
    this.url = fields.url
    this.reason = fields.reason
  }
}

/**
 * The request was refused before anything was sent: a required field is missing, or a value is
 * malformed (an E.164 number, an empty id). SignalWire's SDK sends such requests and rejects with
 * the platform's 422 `RestError`. `operation` names the method (e.g. `messages.send`), `detail`
 * what is wrong.
 *
 * @example
 * ```ts
 * import { RestClient, RestValidationError } from "@signalwire-effect/sdk"
 *
 * const client = new RestClient({ project: "p", token: "PT…", host: "acme.signalwire.com" })
 * await client.phoneNumbers.purchase("555-1234").catch((e) => {
 *   if (e instanceof RestValidationError) console.log(e.operation, e.detail) // nothing was sent
 * })
 * await client.close()
 * ```
 * @since 0.1.0
 */
export class RestValidationError extends Error {
  readonly operation: string
  readonly detail: string

  constructor(message: string, fields: { readonly operation: string; readonly detail: string; readonly cause?: unknown }) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause })
    this.name = "RestValidationError"
    this.operation = fields.operation
    this.detail = fields.detail
  }
}

/**
 * A 2xx answer whose body is not what the API says: not JSON, or a field of the wrong type.
 * SignalWire's SDK rejects with `JSON.parse`'s `SyntaxError` for a body that is not JSON (and does
 * not check types); this is a `SyntaxError` too.
 *
 * @example
 * ```ts
 * import { RestDecodeError } from "@signalwire-effect/sdk"
 *
 * const explain = (e: unknown) => (e instanceof RestDecodeError ? `${e.operation}: ${e.detail}` : String(e))
 * ```
 * @since 0.1.0
 */
export class RestDecodeError extends SyntaxError {
  readonly operation: string
  readonly detail: string

  constructor(message: string, fields: { readonly operation: string; readonly detail: string; readonly cause?: unknown }) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause })
    this.name = "RestDecodeError"
    this.operation = fields.operation
    this.detail = fields.detail
  }
}

/**
 * A call on a `RestClient` after (or interrupted by) `close()`.
 *
 * @example
 * ```ts
 * import { RestClient, RestClientClosedError } from "@signalwire-effect/sdk"
 *
 * const client = new RestClient({ project: "p", token: "PT…", host: "acme.signalwire.com" })
 * await client.close()
 * await client.queues.list().catch((e) => e instanceof RestClientClosedError) // true
 * ```
 * @since 0.1.0
 */
export class RestClientClosedError extends Error {
  constructor() {
    super("RestClient is closed")
    this.name = "RestClientClosedError"
  }
}

export {
  /**
   * {@link RestError} under the name of SignalWire's Python SDK, as SignalWire's TypeScript SDK
   * exports it too.
   *
   * @example
   * ```ts
   * import { RestError, SignalWireRestError } from "@signalwire-effect/sdk"
   *
   * SignalWireRestError === RestError // true
   * ```
   * @since 0.1.0
   */
  RestError as SignalWireRestError
}
