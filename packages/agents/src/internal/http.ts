/**
 * The HTTP edge shared by every service: a route is described as plain data (`RouteSpec`) with a
 * handler from `Incoming` to `Outgoing`; `toRoute` turns it into an `HttpLayerRouter` route that
 * enforces the size limit, Basic auth and request signatures, adds the security headers and turns
 * every failure into a status without leaking details.
 */
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as BasicAuth from "../BasicAuth.js"
import * as Signature from "../Signature.js"
import { check, corsHeaders, type Guards, preflight } from "./guards.js"
import { traced } from "./tracing.js"

/** A request as the handlers see it: body already read, headers lower-case. */
export interface Incoming {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: { readonly [name: string]: string | undefined }
  readonly body: string
  /** The public origin (`https://host[:port]`, or the configured proxy base), no credentials. */
  readonly origin: string
}

/** A JSON response. */
export interface Outgoing {
  readonly status: number
  readonly body: unknown
  readonly headers?: { readonly [name: string]: string }
}

/** One route of a service. */
export interface RouteSpec<R> {
  readonly method: "GET" | "POST" | "*"
  readonly path: HttpLayerRouter.PathInput
  readonly auth: boolean
  /** Verify SignalWire's signature when a signing key is configured. */
  readonly signed: boolean
  readonly handler: (request: Incoming) => Effect.Effect<Outgoing, never, R>
  /** The route serving the service's SWML document (routing callbacks fall back to it). */
  readonly document?: boolean
}

/** Settings of the HTTP edge, resolved once per service. */
export interface EdgeSettings {
  readonly credentials: BasicAuth.Credentials
  readonly signingKey: Option.Option<Redacted.Redacted<string>>
  readonly maxBodyBytes: number
  /** `SWML_PROXY_URL_BASE`: the public base URL, used for webhooks and signatures. */
  readonly proxyUrlBase: Option.Option<string>
  /** Use `X-Forwarded-Host` / `X-Forwarded-Proto` to learn the public origin. */
  readonly trustProxyHeaders: boolean
  readonly guards: Guards
}

/** Headers on every response. */
export const securityHeaders: { readonly [name: string]: string } = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "x-xss-protection": "1; mode=block",
  "referrer-policy": "strict-origin-when-cross-origin",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
  "cache-control": "no-store"
}

export const json = (status: number, body: unknown, headers?: { readonly [name: string]: string }): Outgoing =>
  headers === undefined ? { status, body } : { status, body, headers }

export const respondWith = (
  out: Outgoing,
  extra?: { readonly [name: string]: string }
): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(out.body, { status: out.status, headers: { ...securityHeaders, ...extra, ...out.headers } })

export const respond = (out: Outgoing): HttpServerResponse.HttpServerResponse => respondWith(out)

export const unauthorized = json(401, { error: "unauthorized" }, { "www-authenticate": "Basic realm=\"SignalWire Agent\"" })

const first = (value: string | undefined) => value?.split(",")[0]?.trim()

/** The public origin of a request. */
export const originOf = (
  headers: { readonly [name: string]: string | undefined },
  settings: Pick<EdgeSettings, "proxyUrlBase" | "trustProxyHeaders">,
  /** The request's absolute URL when it has one (web handlers), used when `Host` is absent. */
  url?: string
): string => {
  if (Option.isSome(settings.proxyUrlBase)) return settings.proxyUrlBase.value.replace(/\/+$/, "")
  if (headers["host"] === undefined && url !== undefined && !url.startsWith("/")) {
    const parsed = Either.try(() => new URL(url))
    if (Either.isRight(parsed)) return parsed.right.origin
  }
  const host = headers["host"] ?? "localhost"
  if (settings.trustProxyHeaders) {
    const fwdHost = first(headers["x-forwarded-host"])
    const fwdProto = first(headers["x-forwarded-proto"])
    if (fwdHost !== undefined && /^[A-Za-z0-9.:[\]-]+$/.test(fwdHost)) {
      return `${fwdProto === "http" ? "http" : "https"}://${fwdHost}`
    }
  }
  return `http://${host}`
}

const pathAndQuery = (url: string): string => {
  if (url.startsWith("/")) return url
  const parsed = Either.try(() => new URL(url))
  return Either.isRight(parsed) ? parsed.right.pathname + parsed.right.search : "/"
}

const tooLarge = json(413, { error: "request body too large" })

const readBody = (request: HttpServerRequest.HttpServerRequest, max: number) =>
  request.text.pipe(
    HttpIncomingMessage.withMaxBodySize(Option.some(max)),
    Effect.map((text): Either.Either<string, Outgoing> =>
      Buffer.byteLength(text, "utf8") > max ? Either.left(tooLarge) : Either.right(text)
    ),
    Effect.catchAll((error) =>
      Effect.succeed(Either.left(
        String(error.cause).includes("maxBytes") ? tooLarge : json(400, { error: "unreadable request body" })
      ))
    )
  )

/** Turn a route description into a router route with the edge checks in front of the handler. */
export const toRoute = <R>(spec: RouteSpec<R>, settings: EdgeSettings): HttpLayerRouter.Route<never, R> =>
  HttpLayerRouter.route(
    spec.method,
    spec.path,
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const headers = request.headers as { readonly [name: string]: string | undefined }
      const cors = corsHeaders(settings.guards, headers["origin"])
      const respond = (out: Outgoing) => respondWith(out, cors)
      const refused = yield* check(settings.guards, headers, Option.getOrUndefined(request.remoteAddress))
      if (refused !== undefined) return respond(refused)
      const declared = Number(headers["content-length"] ?? "0")
      if (Number.isFinite(declared) && declared > settings.maxBodyBytes) return respond(tooLarge)
      if (spec.auth && !BasicAuth.check(settings.credentials, headers["authorization"])) {
        yield* Effect.logDebug("rejected a request without valid Basic auth")
        return respond(unauthorized)
      }
      const body = yield* readBody(request, settings.maxBodyBytes)
      if (Either.isLeft(body)) return respond(body.left)
      const target = pathAndQuery(request.url)
      const origin = originOf(headers, settings, request.originalUrl)
      if (spec.signed && Option.isSome(settings.signingKey)) {
        const verified = Signature.verify({
          signingKey: settings.signingKey.value,
          url: origin + target,
          body: body.right,
          headers
        })
        if (Either.isLeft(verified)) {
          yield* Effect.logWarning("rejected a request with a bad SignalWire signature").pipe(
            Effect.annotateLogs({ reason: verified.left.reason })
          )
          return respond(json(403, { error: "invalid signature" }))
        }
      }
      const queryAt = target.indexOf("?")
      const incoming: Incoming = {
        method: request.method,
        path: queryAt < 0 ? target : target.slice(0, queryAt),
        query: new URLSearchParams(queryAt < 0 ? "" : target.slice(queryAt + 1)),
        headers,
        body: body.right,
        origin
      }
      return respond(yield* spec.handler(incoming))
    }).pipe(
      Effect.catchAllCause((cause) =>
        Effect.as(Effect.logError("request failed", cause), respondWith(json(500, { error: "internal error" })))
      ),
      traced("AgentServer.request", { "http.route": spec.path })
    )
  )

/** Parse a JSON body: empty is `{}`, anything but an object is a 400. */
export const parseObject = (
  body: string
): Either.Either<{ readonly [key: string]: unknown }, Outgoing> => {
  if (body.trim() === "") return Either.right({})
  const parsed = Either.try(() => JSON.parse(body) as unknown)
  if (Either.isLeft(parsed)) return Either.left(json(400, { error: "malformed JSON body" }))
  const value = parsed.right
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return Either.left(json(400, { error: "the body must be a JSON object" }))
  }
  return Either.right(value as { readonly [key: string]: unknown })
}

/** Lower-case headers minus credentials, for hooks that see the request. */
export const safeHeaders = (
  headers: { readonly [name: string]: string | undefined }
): { readonly [name: string]: string } => {
  const hidden = new Set(["authorization", "cookie", "x-api-key", "proxy-authorization", "set-cookie"])
  const out: { [name: string]: string } = {}
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !hidden.has(k)) out[k] = v
  return out
}

/**
 * The CORS preflight route of a path (open: browsers send no credentials on preflights), answering
 * for the methods the path serves; host allow-list and rate limit apply.
 */
export const preflightRoute = (
  path: HttpLayerRouter.PathInput,
  methods: ReadonlyArray<string>,
  settings: EdgeSettings
): HttpLayerRouter.Route<never, never> =>
  HttpLayerRouter.route(
    "OPTIONS",
    path,
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const headers = request.headers as { readonly [name: string]: string | undefined }
      const refused = yield* check(settings.guards, headers, Option.getOrUndefined(request.remoteAddress))
      if (refused !== undefined) return respondWith(refused, corsHeaders(settings.guards, headers["origin"]))
      const answer = preflight(settings.guards, headers, methods)
      return HttpServerResponse.empty({ status: answer.status, headers: { ...securityHeaders, ...answer.headers } })
    })
  )
