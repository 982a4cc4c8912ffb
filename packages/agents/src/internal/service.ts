/**
 * What every served thing (a SWMLService, an AgentBase) gives the server: its name, its route and
 * a function from resolved edge settings to route descriptions. Also: resolving those settings
 * from options and the environment, and route arithmetic.
 */
import type * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { InvalidAgent } from "../AgentError.js"
import * as BasicAuth from "../BasicAuth.js"
import { makeRateLimit, parseList } from "./guards.js"
import type { EdgeSettings, RouteSpec } from "./http.js"

/** Options shared by SWMLService and AgentBase (public as `SWMLService.Options`). */
export interface ServiceOptions {
  /** The service's name (the generated Basic-auth user). */
  readonly name: string
  /** Where it answers (default `/`; trailing slashes are dropped). */
  readonly route?: string | undefined
  /** Credentials; else `SWML_BASIC_AUTH_USER`/`SWML_BASIC_AUTH_PASSWORD`; else generated and printed once. */
  readonly basicAuth?: { readonly user: string; readonly password: Redacted.Redacted<string> } | undefined
  /** SignalWire's signing key; else `SIGNALWIRE_SIGNING_KEY`. When set, unsigned SWML requests get 403. */
  readonly signingKey?: Redacted.Redacted<string> | undefined
  /** Largest accepted body (default `SWML_MAX_REQUEST_SIZE` or 1 MiB); larger gets 413. */
  readonly maxBodyBytes?: number | undefined
  /** The public base URL SignalWire uses (default `SWML_PROXY_URL_BASE`, else the request's Host). */
  readonly proxyUrlBase?: string | undefined
  /** Learn the public origin from `X-Forwarded-Host`/`-Proto` (default `SWML_TRUST_PROXY_HEADERS` or false). */
  readonly trustProxyHeaders?: boolean | undefined
  /** Print generated credentials on standard output (default true). */
  readonly printGeneratedCredentials?: boolean | undefined
  /** Accepted `Host` names (default `SWML_ALLOWED_HOSTS`, else any); others get 403. */
  readonly allowedHosts?: ReadonlyArray<string> | undefined
  /**
   * CORS origins (default `SWML_CORS_ORIGINS`, else `*`). `*` answers any origin without
   * credentials; listed origins are echoed with `Access-Control-Allow-Credentials: true`. Every
   * route also answers the preflight (`OPTIONS`, no auth) with its methods.
   */
  readonly corsOrigins?: ReadonlyArray<string> | undefined
  /** Requests per minute per client (default `SWML_RATE_LIMIT`, else unlimited); more get 429. */
  readonly rateLimitPerMinute?: number | undefined
}

/** The phantom key carrying a served thing's requirements. */
export const RType: unique symbol = Symbol.for("@signalwire-effect/agents/R")

export const MountId: unique symbol = Symbol.for("@signalwire-effect/agents/Mountable")

/** The served form; `R` is erased inside and provided by the server at mount time. */
export interface Mountable {
  readonly name: string
  readonly route: string
  readonly options: ServiceOptions
  readonly routes: (settings: EdgeSettings) => Effect.Effect<ReadonlyArray<RouteSpec<never>>, InvalidAgent>
}

export interface HasMountable {
  readonly [MountId]: () => Mountable
}

/** `"/support/"` → `"/support"`, `""` → `"/"`, missing leading slash added. */
export const normalizeRoute = (route: string | undefined): string => {
  const trimmed = (route ?? "/").trim().replace(/\/+$/, "")
  if (trimmed === "") return "/"
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`
}

/** `join("/", "swaig")` → `"/swaig"`, `join("/a", "swaig")` → `"/a/swaig"`. */
export const join = (route: string, tail: string): HttpLayerRouter.PathInput =>
  (route === "/" ? `/${tail}` : `${route}/${tail}`) as HttpLayerRouter.PathInput

export const asPath = (route: string): HttpLayerRouter.PathInput => route as HttpLayerRouter.PathInput

const optional = <A>(config: Config.Config<A>) => Config.option(config).pipe(Config.map(Option.getOrUndefined))

const environment = Config.all({
  proxyUrlBase: optional(Config.nonEmptyString("SWML_PROXY_URL_BASE")),
  trustProxyHeaders: optional(Config.boolean("SWML_TRUST_PROXY_HEADERS")),
  maxBodyBytes: optional(Config.integer("SWML_MAX_REQUEST_SIZE")),
  signingKey: optional(Config.redacted("SIGNALWIRE_SIGNING_KEY")),
  allowedHosts: optional(Config.string("SWML_ALLOWED_HOSTS")),
  corsOrigins: optional(Config.string("SWML_CORS_ORIGINS")),
  rateLimit: optional(Config.integer("SWML_RATE_LIMIT"))
})

/** Options win over the environment, which wins over defaults (1 MiB body limit). */
export const resolveSettings = (options: ServiceOptions): Effect.Effect<EdgeSettings, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    const env = yield* environment
    const credentials = yield* BasicAuth.resolve({
      name: options.name,
      provided: options.basicAuth === undefined
        ? undefined
        : BasicAuth.make(options.basicAuth.user, options.basicAuth.password),
      print: options.printGeneratedCredentials
    })
    const signingKey = options.signingKey ?? env.signingKey
    const trustProxyHeaders = options.trustProxyHeaders ?? env.trustProxyHeaders ?? false
    const perMinute = options.rateLimitPerMinute ?? env.rateLimit
    return {
      guards: {
        allowedHosts: options.allowedHosts?.map((h) => h.toLowerCase()) ?? parseList(env.allowedHosts),
        corsOrigins: options.corsOrigins?.map((o) => o.toLowerCase()) ?? parseList(env.corsOrigins) ?? ["*"],
        rateLimit: perMinute === undefined || perMinute <= 0 ? undefined : makeRateLimit(perMinute),
        trustProxyHeaders
      },
      credentials,
      signingKey: Option.fromNullable(signingKey).pipe(Option.filter((k) => Redacted.value(k) !== "")),
      maxBodyBytes: options.maxBodyBytes ?? env.maxBodyBytes ?? 1024 * 1024,
      proxyUrlBase: Option.fromNullable(options.proxyUrlBase ?? env.proxyUrlBase),
      trustProxyHeaders
    }
  })

/** The public URL of the service with the Basic-auth credentials embedded (for webhook URLs). */
export const urlWithCredentials = (origin: string, route: string, credentials: BasicAuth.Credentials): string => {
  const at = origin.indexOf("://")
  const scheme = at < 0 ? "http" : origin.slice(0, at)
  const rest = at < 0 ? origin : origin.slice(at + 3)
  const auth = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(Redacted.value(credentials.password))}`
  return `${scheme}://${auth}@${rest}${route === "/" ? "" : route}`
}
