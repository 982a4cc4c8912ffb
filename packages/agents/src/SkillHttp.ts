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
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import * as address from "./internal/skillHttp/address.js"
import * as client from "./internal/skillHttp/client.js"
import * as error from "./internal/skillHttp/error.js"
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
export const SkillHttpError: typeof error.SkillHttpError = error.SkillHttpError

/**
 * The type of {@link SkillHttpError}.
 *
 * @example
 * ```ts
 * import type { SkillHttp } from "@signalwire-effect/agents"
 *
 * const why = (e: SkillHttp.SkillHttpError) => e.reason
 * ```
 * @since 0.1.0
 */
export type SkillHttpError = error.SkillHttpError

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
export const allowPrivateUrls: Config.Config<boolean> = client.allowPrivateUrls

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
export const validateUrl: (
  url: string | URL,
  options?: { readonly allowPrivate?: boolean | undefined }
) => Effect.Effect<URL, SkillHttpError> = client.validateUrl


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
export interface RequestOptions extends client.RequestOptions {}

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
export interface TextResponse extends client.TextResponse {}

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
  client.send("GET", url, undefined, { ...options, headers: { accept: "text/html,*/*;q=0.8", ...options.headers } })

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
  client.send("GET", url, undefined, { ...options, headers: { accept: "application/json", ...options.headers } }).pipe(
    Effect.flatMap(client.decodeJson(schema))
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
  client.send("POST", url, body, { ...options, headers: { accept: "application/json", ...options.headers } }).pipe(
    Effect.flatMap(client.decodeJson(schema))
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
