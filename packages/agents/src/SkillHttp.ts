/**
 * The outbound toolkit of skills that call a third-party API: JSON and text requests over
 * `@effect/platform`'s `HttpClient` with a timeout, a bounded body and redirects followed by hand,
 * every URL (and every redirect target) checked by {@link validateUrl} so a skill cannot be pointed
 * at private, loopback, link-local, CGNAT, unique-local or metadata addresses (unless
 * `SWML_ALLOW_PRIVATE_URLS=true`), base URLs overridable through `Config`, and one typed error,
 * {@link SkillHttpError}, whose message carries the URL redacted and never a header.
 *
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 * import * as Schema from "effect/Schema"
 *
 * const Fact = Schema.Struct({ fact: Schema.String })
 * const fact = SkillHttp.getJson("https://catfact.ninja/fact", Fact, { timeout: "5 seconds" }).pipe(
 *   Effect.map(({ fact }) => fact),
 *   Effect.catchTag("SkillHttpError", (e) => Effect.succeed(`no fact today (${e.reason})`))
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { lookup } from "node:dns/promises"
import * as address from "./internal/skillHttp/address.js"
import * as redact from "./internal/skillHttp/redact.js"

/**
 * The longest input a skill handler accepts (characters), as in SignalWire's SDKs.
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 *
 * const ok = "Paris".length <= SkillHttp.MAX_SKILL_INPUT_LENGTH
 * ```
 * @since 0.1.0
 */
export const MAX_SKILL_INPUT_LENGTH = 1000

/**
 * Why an outbound request of a skill failed: the API answered a non-2xx `status`, the connection
 * failed (`transport`), the `timeout` passed, the body was not what the skill expects (`decode`),
 * the body was larger than allowed (`too-large`), the URL was not an http(s) URL (`invalid-url`),
 * or it resolved to an address skills may not reach (`blocked-address`). `url` is redacted.
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 *
 * const e = new SkillHttp.SkillHttpError({ reason: "status", url: "https://api.example.com/v1?key=****", status: 500 })
 * e.message // "status 500 from https://api.example.com/v1?key=****"
 * ```
 * @since 0.1.0
 */
export class SkillHttpError extends Schema.TaggedError<SkillHttpError>()("SkillHttpError", {
  reason: Schema.Literal("status", "transport", "timeout", "decode", "too-large", "invalid-url", "blocked-address"),
  url: Schema.String,
  status: Schema.optional(Schema.Number),
  detail: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const what = this.reason === "status" ? `status ${this.status ?? "?"}` : this.reason
    return `${what} ${this.reason === "blocked-address" ? "for" : "from"} ${this.url}${
      this.detail === undefined ? "" : `: ${this.detail}`
    }`
  }
}

/**
 * Mask the credentials of a URL for logs: the password of its userinfo (or the user when it is
 * alone) and the values of key-like query parameters (`key`, `appid`, `api_key`, `token`, …).
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 *
 * SkillHttp.redactUrl("https://u:pw@api.example.com/w?q=Paris&appid=abc")
 * // "https://u:****@api.example.com/w?q=Paris&appid=****"
 * ```
 * @since 0.1.0
 */
export const redactUrl: (url: string) => string = redact.redactUrl

/**
 * A copy of a header record without credential-bearing headers (`authorization`, `cookie`,
 * `x-api-key`, `proxy-authorization`, `set-cookie`, signatures…), names compared
 * case-insensitively.
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 *
 * SkillHttp.filterSensitiveHeaders({ Authorization: "Basic x", Accept: "text/html" }) // { Accept: "text/html" }
 * ```
 * @since 0.1.0
 */
export const filterSensitiveHeaders: (headers: Readonly<Record<string, string>>) => Record<string, string> =
  redact.filterSensitiveHeaders

/**
 * Whether an IP literal is one skills must not reach: IPv4 0/8, 10/8, 100.64/10, 127/8,
 * 169.254/16, 172.16/12, 192.0.0/24, 192.168/16, 198.18/15, multicast and reserved; IPv6 `::`,
 * `::1`, fc00::/7, fe80::/10, fec0::/10, multicast, and IPv4 embedded in IPv6 (v4-mapped,
 * v4-compatible, NAT64, 6to4) judged as IPv4. A host name is not an IP literal: `false`.
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 *
 * SkillHttp.isPrivateAddress("169.254.169.254") // true
 * SkillHttp.isPrivateAddress("::ffff:10.0.0.1") // true
 * SkillHttp.isPrivateAddress("8.8.8.8") // false
 * ```
 * @since 0.1.0
 */
export const isPrivateAddress: (ip: string) => boolean = address.isPrivateAddress

/**
 * `SWML_ALLOW_PRIVATE_URLS=true` lets skills reach private addresses (default false).
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const allowed = Effect.gen(function*() {
 *   return yield* SkillHttp.allowPrivateUrls
 * })
 * ```
 * @since 0.1.0
 */
export const allowPrivateUrls: Config.Config<boolean> = Config.boolean("SWML_ALLOW_PRIVATE_URLS").pipe(
  Config.withDefault(false)
)

/**
 * The base URL of a third-party API: the variable `name` when set (a test points a skill at a
 * loopback fake this way), else `fallback`; an http(s) URL, trailing slashes removed.
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 *
 * const base = SkillHttp.baseUrl("WEATHER_API_BASE_URL", "https://api.openweathermap.org")
 * ```
 * @since 0.1.0
 */
export const baseUrl = (name: string, fallback: string): Config.Config<string> =>
  Config.string(name).pipe(
    Config.withDefault(fallback),
    Config.validate({
      message: "Expected an http(s) URL",
      validation: (s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol)
    }),
    Config.map((s) => s.replace(/\/+$/, ""))
  )

/**
 * Check `text` against the input bound of skill handlers: `Right` of the trimmed text, or `Left`
 * of its length when longer than `max` (default {@link MAX_SKILL_INPUT_LENGTH}).
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 * import * as Either from "effect/Either"
 *
 * Either.isRight(SkillHttp.capInput("  Paris ")) // true, Right("Paris")
 * Either.isLeft(SkillHttp.capInput("x".repeat(1001))) // true
 * ```
 * @since 0.1.0
 */
export const capInput = (text: string, max: number = MAX_SKILL_INPUT_LENGTH): Either.Either<string, number> => {
  const trimmed = text.trim()
  return trimmed.length > max ? Either.left(trimmed.length) : Either.right(trimmed)
}

/**
 * Parse `url` (http or https only) and, unless private addresses are allowed (`allowPrivate`,
 * else `SWML_ALLOW_PRIVATE_URLS`), refuse it when its host is, or resolves through DNS (every
 * address of it) to, an address {@link isPrivateAddress} refuses. A host that does not resolve is a
 * `transport` failure.
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const refused = SkillHttp.validateUrl("http://169.254.169.254/latest/meta-data", { allowPrivate: false }).pipe(
 *   Effect.flip,
 *   Effect.map((e) => e.reason) // "blocked-address"
 * )
 * ```
 * @since 0.1.0
 */
export const validateUrl = (
  url: string | URL,
  options: { readonly allowPrivate?: boolean | undefined } = {}
): Effect.Effect<URL, SkillHttpError> =>
  Effect.gen(function*() {
    const text = url.toString()
    const parsed = URL.canParse(text) ? new URL(text) : undefined
    if (parsed === undefined || !/^https?:$/.test(parsed.protocol) || parsed.hostname === "") {
      return yield* new SkillHttpError({ reason: "invalid-url", url: redactUrl(text) })
    }
    const allow = options.allowPrivate ?? (yield* allowPrivateUrls.pipe(Effect.orElseSucceed(() => false)))
    if (allow) return parsed
    const blocked = (detail: string) => new SkillHttpError({ reason: "blocked-address", url: redactUrl(text), detail })
    const host = parsed.hostname
    if (address.isIpLiteral(host)) {
      return address.isPrivateAddress(host) ? yield* blocked(`${host} is a private address`) : parsed
    }
    const resolved = yield* Effect.tryPromise({
      try: () => lookup(host, { all: true, verbatim: true }),
      catch: (e) =>
        new SkillHttpError({
          reason: "transport",
          url: redactUrl(text),
          detail: `cannot resolve ${host}${e instanceof Error && "code" in e ? ` (${String(e.code)})` : ""}`
        })
    })
    const refused = resolved.find((a) => address.isPrivateAddress(a.address))
    if (resolved.length === 0 || refused !== undefined) {
      return yield* blocked(`${host} resolves to a private address`)
    }
    return parsed
  })

/**
 * Options of one outbound request.
 *
 * @example
 * ```ts
 * import type { SkillHttp } from "@signalwire-effect/agents"
 *
 * const options: SkillHttp.RequestOptions = { timeout: "5 seconds", query: { q: "Paris" }, headers: { "X-Api-Key": "k" } }
 * ```
 * @since 0.1.0
 */
export interface RequestOptions {
  /** The whole exchange (DNS, redirects, body) must finish within this (default 10 seconds). */
  readonly timeout?: Duration.DurationInput | undefined
  /** Query parameters appended to the URL (undefined values left out). */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>> | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Reach private addresses; default: `SWML_ALLOW_PRIVATE_URLS`. */
  readonly allowPrivate?: boolean | undefined
  /** The largest body read, in bytes (default 2 MiB); larger is a `too-large` failure. */
  readonly maxBytes?: number | undefined
  /** Redirects followed, each target validated (default 5). */
  readonly maxRedirects?: number | undefined
}

/**
 * A response read whole: the final URL (after redirects), the status, the headers and the body.
 *
 * @example
 * ```ts
 * import type { SkillHttp } from "@signalwire-effect/agents"
 *
 * const isHtml = (page: SkillHttp.TextResponse) => (page.headers["content-type"] ?? "").includes("html")
 * ```
 * @since 0.1.0
 */
export interface TextResponse {
  readonly url: string
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

const readBody = (response: HttpClientResponse.HttpClientResponse, url: string, maxBytes: number) =>
  Stream.runFoldEffect(
    response.stream.pipe(
      Stream.mapError((e) => new SkillHttpError({ reason: "transport", url, detail: e.reason }))
    ),
    { size: 0, chunks: [] as Array<Uint8Array> },
    (acc, chunk) =>
      acc.size + chunk.length > maxBytes
        ? Effect.fail(new SkillHttpError({ reason: "too-large", url, detail: `more than ${maxBytes} bytes` }))
        : Effect.succeed({ size: acc.size + chunk.length, chunks: [...acc.chunks, chunk] })
  ).pipe(Effect.map(({ chunks }) => new TextDecoder().decode(Buffer.concat(chunks))))

const send = (
  method: "GET" | "POST",
  url: string | URL,
  json: unknown,
  options: RequestOptions
): Effect.Effect<TextResponse, SkillHttpError, HttpClient.HttpClient> => {
  const target = new URL(url.toString())
  for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) target.searchParams.set(k, String(v))
  const shown = redactUrl(target.toString())
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024
  const maxRedirects = options.maxRedirects ?? 5
  const exchange = Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    let current = yield* validateUrl(target, options)
    let verb = method
    for (let hop = 0;; hop++) {
      const here = redactUrl(current.toString())
      const base = verb === "GET" ? HttpClientRequest.get(current) : HttpClientRequest.post(current)
      const request = HttpClientRequest.setHeaders(base, options.headers ?? {})
      const withBody = verb === "POST" && json !== undefined ? HttpClientRequest.bodyUnsafeJson(request, json) : request
      const response = yield* client.execute(withBody).pipe(
        Effect.mapError((e) => new SkillHttpError({ reason: "transport", url: here, detail: e.reason }))
      )
      const location = response.headers["location"]
      if (response.status >= 300 && response.status < 400 && location !== undefined) {
        yield* Effect.ignore(readBody(response, here, 64 * 1024))
        if (hop >= maxRedirects) {
          return yield* new SkillHttpError({ reason: "transport", url: here, detail: "too many redirects" })
        }
        current = yield* validateUrl(new URL(location, current), options)
        if (response.status !== 307 && response.status !== 308) verb = "GET"
        continue
      }
      if (response.status < 200 || response.status >= 300) {
        yield* Effect.ignore(readBody(response, here, 64 * 1024))
        return yield* new SkillHttpError({ reason: "status", url: here, status: response.status })
      }
      const body = yield* readBody(response, here, maxBytes)
      return { url: current.toString(), status: response.status, headers: response.headers, body }
    }
  })
  const timeout = Duration.decode(options.timeout ?? "10 seconds")
  return Effect.serviceOption(FetchHttpClient.RequestInit).pipe(
    Effect.flatMap((init) =>
      exchange.pipe(
        // a fetch client must not follow redirects itself: each target is validated here
        Effect.provideService(FetchHttpClient.RequestInit, { ...Option.getOrUndefined(init), redirect: "manual" })
      )
    ),
    Effect.timeoutFail({
      duration: timeout,
      onTimeout: () =>
        new SkillHttpError({ reason: "timeout", url: shown, detail: `no answer within ${Duration.format(timeout)}` })
    })
  )
}

const decodeJson = <A, I>(schema: Schema.Schema<A, I>) => (response: TextResponse) =>
  Schema.decodeUnknown(Schema.parseJson(schema))(response.body).pipe(
    Effect.mapError((e) =>
      new SkillHttpError({
        reason: "decode",
        url: redactUrl(response.url),
        detail: ParseResult.TreeFormatter.formatErrorSync(e).slice(0, 300)
      })
    )
  )

/**
 * GET a text resource (an HTML page, a robots.txt): any 2xx answer read whole.
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 *
 * const page = SkillHttp.getText("https://example.com/", { headers: { "User-Agent": "my-agent" } })
 * ```
 * @since 0.1.0
 */
export const getText = (
  url: string | URL,
  options: RequestOptions = {}
): Effect.Effect<TextResponse, SkillHttpError, HttpClient.HttpClient> =>
  send("GET", url, undefined, { ...options, headers: { accept: "text/html,*/*;q=0.8", ...options.headers } })

/**
 * GET a JSON resource and decode it with `schema` (a body that does not match is `decode`).
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 * import * as Schema from "effect/Schema"
 *
 * const Trivia = Schema.Array(Schema.Struct({ question: Schema.String, answer: Schema.String }))
 * const trivia = SkillHttp.getJson("https://api.api-ninjas.com/v1/trivia", Trivia, { headers: { "X-Api-Key": "k" } })
 * ```
 * @since 0.1.0
 */
export const getJson = <A, I>(
  url: string | URL,
  schema: Schema.Schema<A, I>,
  options: RequestOptions = {}
): Effect.Effect<A, SkillHttpError, HttpClient.HttpClient> =>
  send("GET", url, undefined, { ...options, headers: { accept: "application/json", ...options.headers } }).pipe(
    Effect.flatMap(decodeJson(schema))
  )

/**
 * POST `body` as JSON and decode the JSON answer with `schema`.
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 * import * as Schema from "effect/Schema"
 *
 * const Echo = Schema.Struct({ ok: Schema.Boolean })
 * const sent = SkillHttp.postJson("https://api.example.com/echo", { hello: "world" }, Echo, { timeout: "3 seconds" })
 * ```
 * @since 0.1.0
 */
export const postJson = <A, I>(
  url: string | URL,
  body: unknown,
  schema: Schema.Schema<A, I>,
  options: RequestOptions = {}
): Effect.Effect<A, SkillHttpError, HttpClient.HttpClient> =>
  send("POST", url, body, { ...options, headers: { accept: "application/json", ...options.headers } }).pipe(
    Effect.flatMap(decodeJson(schema))
  )

/**
 * Log a failed outbound call of skill `skill` at warning level: the error's message, whose URL is
 * redacted and which never holds a header.
 *
 * @example
 * ```ts
 * import { SkillHttp } from "@signalwire-effect/agents"
 *
 * const logged = SkillHttp.logFailure("weather_api", new SkillHttp.SkillHttpError({ reason: "timeout", url: "https://api.example.com" }))
 * ```
 * @since 0.1.0
 */
export const logFailure = (skill: string, error: SkillHttpError): Effect.Effect<void> =>
  Effect.logWarning(`skill ${skill}: ${error.message}`).pipe(
    Effect.annotateLogs({ skill, reason: error.reason, url: error.url })
  )
