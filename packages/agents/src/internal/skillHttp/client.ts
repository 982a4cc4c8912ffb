/** The request machinery behind SkillHttp: URL checks, redirects by hand, bounded bodies, timeouts. */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { lookup } from "node:dns/promises"
import * as address from "./address.js"
import { SkillHttpError } from "./error.js"
import { redactUrl } from "./redact.js"

export const allowPrivateUrls: Config.Config<boolean> = Config.boolean("SWML_ALLOW_PRIVATE_URLS").pipe(
  Config.withDefault(false)
)

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

export interface TextResponse {
  readonly url: string
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

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

export const send = (
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

export const decodeJson = <A, I>(schema: Schema.Schema<A, I>) => (response: TextResponse) =>
  Schema.decodeUnknown(Schema.parseJson(schema))(response.body).pipe(
    Effect.mapError((e) =>
      new SkillHttpError({
        reason: "decode",
        url: redactUrl(response.url),
        detail: ParseResult.TreeFormatter.formatErrorSync(e).slice(0, 300)
      })
    )
  )
