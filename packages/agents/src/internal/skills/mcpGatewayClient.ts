/**
 * The client side of an MCP gateway (the HTTP service that runs MCP servers and keeps one session
 * per call): `GET /health`, `GET /services` (an object keyed by service name), `GET
 * /services/<name>/tools` (`{tools: [{name, description, inputSchema}]}`), `POST
 * /services/<name>/call` (`{tool, arguments, session_id, timeout, metadata}` → `{result}`), and
 * `DELETE /sessions/<id>`. Bearer or Basic auth on every request; each request has a timeout;
 * calls are retried on 5xx answers and transport failures, never on 4xx.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"

/** How the skill authenticates to the gateway. */
export type GatewayAuth =
  | { readonly _tag: "Bearer"; readonly token: Redacted.Redacted<string> }
  | { readonly _tag: "Basic"; readonly user: string; readonly password: Redacted.Redacted<string> }

/** Where the gateway is and how to talk to it. */
export interface Gateway {
  /** The base URL without trailing slash. */
  readonly url: string
  readonly auth: GatewayAuth
  readonly requestTimeout: Duration.DurationInput
  /** Attempts per tool call (at least 1). */
  readonly retryAttempts: number
}

/** A request to the gateway that did not succeed; `detail` never carries credentials. */
export class GatewayFailure extends Data.TaggedError("GatewayFailure")<{
  readonly reason: "unreachable" | "timeout" | "status" | "malformed"
  readonly status?: number | undefined
  readonly detail: string
}> {
  override get message() {
    return this.detail
  }
}

/** One property of an MCP tool's input schema, as far as SWAIG needs it. */
export const McpProperty = Schema.Struct({
  type: Schema.optional(Schema.Unknown),
  description: Schema.optional(Schema.String),
  enum: Schema.optional(Schema.Array(Schema.Unknown)),
  items: Schema.optional(Schema.Unknown),
  default: Schema.optional(Schema.Unknown)
})

/** An MCP tool as the gateway lists it. */
export const McpTool = Schema.Struct({
  name: Schema.String,
  description: Schema.optional(Schema.String),
  inputSchema: Schema.optional(Schema.Struct({
    properties: Schema.optional(Schema.Record({ key: Schema.String, value: McpProperty })),
    required: Schema.optional(Schema.Array(Schema.String))
  }))
})
export type McpTool = typeof McpTool.Type

const ToolList = Schema.Struct({ tools: Schema.optionalWith(Schema.Array(McpTool), { default: () => [] }) })
const ServiceMap = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const CallReply = Schema.Struct({ result: Schema.optional(Schema.Unknown) })
const ErrorReply = Schema.Struct({ error: Schema.String })

const authorize = (gateway: Gateway) => (request: HttpClientRequest.HttpClientRequest) =>
  gateway.auth._tag === "Bearer"
    ? HttpClientRequest.bearerToken(request, gateway.auth.token)
    : HttpClientRequest.basicAuth(request, gateway.auth.user, gateway.auth.password)

interface Answer {
  readonly status: number
  readonly text: string
}

/** One exchange: the status and body text, or a failure (transport error or timeout). */
const exchange = (
  gateway: Gateway,
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<Answer, GatewayFailure, HttpClient.HttpClient> =>
  Effect.flatMap(HttpClient.HttpClient, (client) =>
    client.execute(
      request.pipe(HttpClientRequest.acceptJson, authorize(gateway))
    ).pipe(
      Effect.flatMap((response: HttpClientResponse.HttpClientResponse) =>
        Effect.map(response.text, (text) => ({ status: response.status, text }))
      ),
      Effect.mapError((error) =>
        new GatewayFailure({ reason: "unreachable", detail: `${request.method} ${pathOf(gateway, request.url)}: ${error._tag}` })
      ),
      Effect.timeoutFail({
        duration: gateway.requestTimeout,
        onTimeout: () =>
          new GatewayFailure({
            reason: "timeout",
            detail: `${request.method} ${pathOf(gateway, request.url)}: no answer within ${
              Duration.format(Duration.decode(gateway.requestTimeout))
            }`
          })
      })
    ))

const pathOf = (gateway: Gateway, url: string) => (url.startsWith(gateway.url) ? url.slice(gateway.url.length) : url)

const decodeJson = <A, I>(schema: Schema.Schema<A, I>, answer: Answer, what: string) =>
  Schema.decodeUnknown(Schema.parseJson(schema))(answer.text).pipe(
    Effect.mapError(() => new GatewayFailure({ reason: "malformed", status: answer.status, detail: `${what}: not the expected JSON` }))
  )

const ok = (answer: Answer, what: string): Effect.Effect<Answer, GatewayFailure> =>
  answer.status >= 200 && answer.status < 300
    ? Effect.succeed(answer)
    : Effect.fail(new GatewayFailure({ reason: "status", status: answer.status, detail: `${what}: HTTP ${answer.status}` }))

const service = (name: string) => `/services/${encodeURIComponent(name)}`

/** `GET /health` answered 2xx. */
export const health = (gateway: Gateway) =>
  exchange(gateway, HttpClientRequest.get(`${gateway.url}/health`)).pipe(
    Effect.flatMap((a) => ok(a, "health check")),
    Effect.asVoid
  )

/** The names of the services the gateway offers. */
export const listServices = (gateway: Gateway) =>
  exchange(gateway, HttpClientRequest.get(`${gateway.url}/services`)).pipe(
    Effect.flatMap((a) => ok(a, "list services")),
    Effect.flatMap((a) => decodeJson(ServiceMap, a, "list services")),
    Effect.map((services) => Object.keys(services))
  )

/** The tools of one service. */
export const listTools = (gateway: Gateway, name: string) =>
  exchange(gateway, HttpClientRequest.get(`${gateway.url}${service(name)}/tools`)).pipe(
    Effect.flatMap((a) => ok(a, `tools of ${name}`)),
    Effect.flatMap((a) => decodeJson(ToolList, a, `tools of ${name}`)),
    Effect.map((list) => list.tools)
  )

/** What a tool call carries besides the tool's arguments. */
export interface CallContext {
  readonly sessionId: string
  readonly sessionTimeout: number
  readonly metadata: { readonly [key: string]: unknown }
}

/** The gateway's `error` text, else the status and the start of the body. */
const errorText = (answer: Answer): string => {
  const reply = Schema.decodeUnknownOption(Schema.parseJson(ErrorReply))(answer.text)
  if (reply._tag === "Some") return reply.value.error
  return answer.text.length > 0 ? `HTTP ${answer.status}: ${answer.text.slice(0, 200)}` : `HTTP ${answer.status}`
}

const isRetryable = (failure: GatewayFailure) =>
  failure.reason === "unreachable" || failure.reason === "timeout" ||
  (failure.reason === "status" && failure.status !== undefined && failure.status >= 500)

/**
 * Call a tool in the caller's session: the `result` as text (`"No response"` when absent). A 4xx
 * fails at once with the gateway's `error` text; 5xx and transport failures are retried up to
 * `retryAttempts` attempts in all.
 */
export const callTool = (
  gateway: Gateway,
  name: string,
  tool: string,
  args: unknown,
  context: CallContext
): Effect.Effect<string, GatewayFailure, HttpClient.HttpClient> => {
  const request = HttpClientRequest.post(`${gateway.url}${service(name)}/call`).pipe(
    HttpClientRequest.bodyUnsafeJson({
      tool,
      arguments: args,
      session_id: context.sessionId,
      timeout: context.sessionTimeout,
      metadata: context.metadata
    })
  )
  const once = exchange(gateway, request).pipe(
    Effect.flatMap((answer) =>
      answer.status === 200
        ? decodeJson(CallReply, answer, `${name}.${tool}`).pipe(
          Effect.map(({ result }) =>
            typeof result === "string" ? result : result === undefined || result === null ? "No response" : JSON.stringify(result)
          )
        )
        : Effect.fail(
          new GatewayFailure({
            reason: "status",
            status: answer.status,
            detail: errorText(answer)
          })
        )
    )
  )
  return once.pipe(
    Effect.retry({ times: Math.max(0, gateway.retryAttempts - 1), while: isRetryable, schedule: Schedule.exponential("50 millis") })
  )
}

/** `DELETE /sessions/<id>`: the gateway closes the call's MCP sessions (a 404 means already closed). */
export const closeSession = (gateway: Gateway, sessionId: string) =>
  exchange(gateway, HttpClientRequest.del(`${gateway.url}/sessions/${encodeURIComponent(sessionId)}`)).pipe(
    Effect.flatMap((a) => (a.status === 404 ? Effect.succeed(a) : ok(a, "close session"))),
    Effect.asVoid
  )
