/**
 * Request guards in front of every route: host allow-list (403), per-client rate limit (429) and
 * the CORS response header.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

/** A refusal (structurally an `Outgoing` of ./http.js, which imports this module). */
export interface Refusal {
  readonly status: number
  readonly body: unknown
  readonly headers?: { readonly [name: string]: string }
}

export interface Guards {
  /** Host names (no port) accepted in `Host`; undefined accepts any. */
  readonly allowedHosts: ReadonlyArray<string> | undefined
  /** Origins allowed by CORS (`*` for any). */
  readonly corsOrigins: ReadonlyArray<string>
  /** Requests per minute per client; undefined is unlimited. */
  readonly rateLimit: RateLimit | undefined
  readonly trustProxyHeaders: boolean
}

export interface RateLimit {
  readonly perMinute: number
  /** Counts of the current minute, per client; replaced when the minute changes. */
  window: { readonly minute: number; readonly counts: Map<string, number> }
}

export const makeRateLimit = (perMinute: number): RateLimit => ({ perMinute, window: { minute: -1, counts: new Map() } })

export const parseList = (text: string | undefined): ReadonlyArray<string> | undefined => {
  if (text === undefined) return undefined
  const items = text.split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "")
  return items.length === 0 ? undefined : items
}

const hostname = (host: string) => host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!

const nothing: Effect.Effect<Refusal | undefined> = Effect.succeed(undefined)

/** A refusal, or undefined to go on. */
export const check = (
  guards: Guards,
  headers: { readonly [name: string]: string | undefined },
  remoteAddress: string | undefined
): Effect.Effect<Refusal | undefined> =>
  (guards.allowedHosts === undefined || guards.allowedHosts.includes("*")) && guards.rateLimit === undefined
    ? nothing
    : Effect.gen(function*() {
        if (guards.allowedHosts !== undefined && !guards.allowedHosts.includes("*")) {
          const host = hostname((headers["host"] ?? "").toLowerCase())
          if (!guards.allowedHosts.includes(host)) return { status: 403, body: { error: "host not allowed" } }
        }
        const limit = guards.rateLimit
        if (limit !== undefined) {
          const forwarded = guards.trustProxyHeaders
            ? (headers["x-forwarded-for"]?.split(",")[0]?.trim() ?? headers["x-real-ip"])
            : undefined
          const client = forwarded ?? remoteAddress ?? "unknown"
          const minute = Math.floor((yield* Clock.currentTimeMillis) / 60_000)
          if (limit.window.minute !== minute) limit.window = { minute, counts: new Map() }
          const count = (limit.window.counts.get(client) ?? 0) + 1
          limit.window.counts.set(client, count)
          if (count > limit.perMinute) {
            yield* Effect.logWarning("rate limit exceeded").pipe(Effect.annotateLogs({ client }))
            return { status: 429, body: { error: "too many requests" }, headers: { "retry-after": "60" } }
          }
        }
        return undefined
      })

/** The CORS headers for a request's `Origin`. */
export const corsHeaders = (
  guards: Guards,
  origin: string | undefined
): { readonly [name: string]: string } => {
  if (guards.corsOrigins.includes("*")) return { "access-control-allow-origin": "*" }
  if (origin !== undefined && guards.corsOrigins.includes(origin.toLowerCase())) {
    // Listed origins may send credentials (Basic auth); `*` may not (the Fetch standard forbids it).
    return { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", vary: "Origin" }
  }
  return {}
}

const tokenList = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/

/**
 * The answer to a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`): 204 with the
 * allowed origin, methods and the requested headers (when they are a valid token list), cached
 * for 10 minutes; without an allowed origin, 204 with no CORS headers (the browser refuses).
 */
export const preflight = (
  guards: Guards,
  headers: { readonly [name: string]: string | undefined },
  methods: ReadonlyArray<string>
): { readonly status: number; readonly headers: { readonly [name: string]: string } } => {
  const allowed = corsHeaders(guards, headers["origin"])
  if (allowed["access-control-allow-origin"] === undefined) return { status: 204, headers: {} }
  const requested = headers["access-control-request-headers"]?.trim()
  return {
    status: 204,
    headers: {
      ...allowed,
      "access-control-allow-methods": [...methods, "OPTIONS"].join(", "),
      "access-control-allow-headers": requested !== undefined && tokenList.test(requested)
        ? requested
        : "Authorization, Content-Type",
      "access-control-max-age": "600"
    }
  }
}
