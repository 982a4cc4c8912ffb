/**
 * The typed errors of the REST client, and the error bodies the platform answers with.
 *
 * Every operation of `RestClient` fails with {@link RestError}: the server answered with a
 * non-2xx status ({@link RestHttpError}), the request never got an answer
 * ({@link RestTransportError}), a 2xx body was not what the schema says ({@link RestDecodeError}),
 * or the request was refused before anything was sent ({@link RestValidationError}).
 *
 * @since 0.1.0
 */
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as Data from "effect/Data"
import * as Schema from "effect/Schema"

const bodyText = (body: unknown): string => {
  if (typeof body === "string") return body
  try {
    return JSON.stringify(body) ?? String(body)
  } catch {
    return String(body)
  }
}

/**
 * The server answered with a status outside 2xx. `body` is the parsed JSON body, or the raw text
 * when it is not JSON; `requestId` is the first of `x-request-id`, `x-signalwire-request-id`,
 * `request-id`, `x-amzn-requestid`. The message reads `"<METHOD> <url> returned <status>: <body>"`.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const rest = yield* RestClient.RestClient
 *   return yield* rest.phoneNumbers.get("missing-id")
 * }).pipe(Effect.catchTag("RestHttpError", (e) => Effect.succeed(e.status)))
 * ```
 * @since 0.1.0
 */
export class RestHttpError extends Data.TaggedError("RestHttpError")<{
  readonly status: number
  readonly method: string
  readonly url: string
  readonly body: unknown
  readonly requestId: string | undefined
  readonly headers: Readonly<Record<string, string>>
}> {
  override get message(): string {
    const id = this.requestId === undefined ? "" : ` (request-id: ${this.requestId})`
    return `${this.method} ${this.url} returned ${this.status}: ${bodyText(this.body)}${id}`
  }
}

/**
 * The request got no answer: connection refused or reset, DNS or TLS failure, or the per-attempt
 * timeout (`reason: "Timeout"`).
 *
 * @example
 * ```ts
 * import { RestError } from "@signalwire-effect/rest"
 *
 * const e = new RestError.RestTransportError({ method: "GET", url: "https://acme.signalwire.com/api", reason: "Timeout", cause: undefined })
 * e.message // "GET https://acme.signalwire.com/api failed to reach the server: Timeout"
 * ```
 * @since 0.1.0
 */
export class RestTransportError extends Data.TaggedError("RestTransportError")<{
  readonly method: string
  readonly url: string
  readonly reason: "Transport" | "Timeout"
  readonly cause: unknown
}> {
  override get message(): string {
    const detail = this.reason === "Timeout" ? "Timeout" : this.cause instanceof Error ? this.cause.message : "Transport"
    return `${this.method} ${this.url} failed to reach the server: ${detail}`
  }
}

/**
 * A 2xx response whose body is not what the API definition says (not JSON, or a field of the
 * wrong type). `detail` says which.
 *
 * @example
 * ```ts
 * import { RestError } from "@signalwire-effect/rest"
 *
 * const e = new RestError.RestDecodeError({ operation: "phoneNumbers.get", detail: "not JSON" })
 * e.message // "phoneNumbers.get: the response body does not decode: not JSON"
 * ```
 * @since 0.1.0
 */
export class RestDecodeError extends Data.TaggedError("RestDecodeError")<{
  readonly operation: string
  readonly detail: string
}> {
  override get message(): string {
    return `${this.operation}: the response body does not decode: ${this.detail}`
  }
}

/**
 * The request was refused before anything was sent: a required field is missing or a value is
 * malformed (an E.164 number, an id).
 *
 * @example
 * ```ts
 * import { RestError } from "@signalwire-effect/rest"
 *
 * const e = new RestError.RestValidationError({ operation: "messages.send", detail: "to: not an E.164 number" })
 * ```
 * @since 0.1.0
 */
export class RestValidationError extends Data.TaggedError("RestValidationError")<{
  readonly operation: string
  readonly detail: string
}> {
  override get message(): string {
    return `${this.operation}: invalid request, nothing sent: ${this.detail}`
  }
}

/**
 * What a REST operation can fail with.
 *
 * @example
 * ```ts
 * import type { RestError } from "@signalwire-effect/rest"
 *
 * const describe = (e: RestError.RestError) => e._tag
 * ```
 * @since 0.1.0
 */
export type RestError = RestHttpError | RestTransportError | RestDecodeError | RestValidationError

/**
 * The platform's 404 body, `{"error":"Not Found"}`.
 *
 * @example
 * ```ts
 * import { RestError } from "@signalwire-effect/rest"
 *
 * const body: typeof RestError.NotFound.Type = { error: "Not Found" }
 * ```
 * @since 0.1.0
 */
export const NotFound = Schema.Struct({ error: Schema.Literal("Not Found") }).annotations(
  HttpApiSchema.annotations({ status: 404, description: "Not Found" })
)

/**
 * The platform's 401 body, `{"error":"Unauthorized"}`.
 *
 * @example
 * ```ts
 * import { RestError } from "@signalwire-effect/rest"
 *
 * const body: typeof RestError.Unauthorized.Type = { error: "Unauthorized" }
 * ```
 * @since 0.1.0
 */
export const Unauthorized = Schema.Struct({ error: Schema.Literal("Unauthorized") }).annotations(
  HttpApiSchema.annotations({ status: 401, description: "Unauthorized" })
)

/**
 * One validation problem of a 422 body on the relay-rest APIs.
 *
 * @example
 * ```ts
 * import { RestError } from "@signalwire-effect/rest"
 *
 * const item: typeof RestError.ValidationItem.Type = { code: "invalid_parameter", title: "Invalid Parameter", detail: "number is required", status: "422" }
 * ```
 * @since 0.1.0
 */
export const ValidationItem = Schema.Struct({
  code: Schema.String,
  title: Schema.String,
  detail: Schema.String,
  status: Schema.String
})

/**
 * The platform's 422 body, `{"errors":[{code,title,detail,status}]}`.
 *
 * @example
 * ```ts
 * import { RestError } from "@signalwire-effect/rest"
 *
 * const body: typeof RestError.Unprocessable.Type = { errors: [] }
 * ```
 * @since 0.1.0
 */
export const Unprocessable = Schema.Struct({ errors: Schema.Array(ValidationItem) }).annotations(
  HttpApiSchema.annotations({ status: 422, description: "Unprocessable Entity" })
)
