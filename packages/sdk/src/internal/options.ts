/**
 * The options of `new RelayClient(options)`, resolved. The shared settings (project id, API token,
 * JWT, space) come from `@signalwire-effect/config`'s `SignalWireConfig`, with its rules: an
 * explicit value wins, an empty string counts as missing, the environment fills the gaps. Around
 * them, the reference's own variables: `SIGNALWIRE_TOKEN` after `SIGNALWIRE_API_TOKEN`,
 * `SIGNALWIRE_RELAY_HOST` before `SIGNALWIRE_SPACE`, `SIGNALWIRE_RELAY_SCHEME`,
 * `RELAY_MAX_ACTIVE_CALLS`; and its synchronous errors.
 */
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { SignalWireConfig } from "@signalwire-effect/config"
import type { RelayClientOptions } from "../RelayClientOptions.js"

/** The reference's message when there are no credentials (thrown by the constructor). */
export const CREDENTIALS_REQUIRED =
  "project and token are required (or provide jwt_token). Pass them directly or set SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN env vars."

const DEFAULT_HOST = "relay.signalwire.com"
const INVALID_HOST = /[@/?#\r\n ]/

export type Scheme = "ws" | "wss"

export interface ResolvedOptions {
  readonly project: string
  readonly token: string
  readonly jwtToken: string
  readonly credentials: SignalWireConfig.Credentials
  readonly host: string
  readonly scheme: Scheme
  readonly contexts: Array<string>
  readonly maxActiveCalls: number
}

/** A positive integer from a variable's text; `fallback` when it is missing or not a number. */
export const positiveInt = (value: string | undefined, fallback: number): number => {
  const parsed = value === undefined || value.trim() === "" ? NaN : Number(value)
  return Number.isFinite(parsed) ? Math.max(1, Math.floor(parsed)) : fallback
}

const asScheme = (value: unknown): Scheme | undefined => (value === "ws" || value === "wss" ? value : undefined)

const present = (value: string | undefined): string | undefined => (value === undefined || value === "" ? undefined : value)

/** An optional variable; empty counts as unset. */
const variable = (name: string): Config.Config<string | undefined> =>
  Config.string(name).pipe(Config.option, Config.map((value) => present(Option.getOrUndefined(value))))

/** What the facade reads from the environment (through the default `ConfigProvider`). */
const environment = Config.all({
  settings: SignalWireConfig.config,
  readmeToken: variable("SIGNALWIRE_TOKEN"),
  relayHost: variable("SIGNALWIRE_RELAY_HOST"),
  scheme: variable("SIGNALWIRE_RELAY_SCHEME"),
  maxActiveCalls: variable("RELAY_MAX_ACTIVE_CALLS")
})

const reveal = (value: Redacted.Redacted<string> | undefined): string => (value === undefined ? "" : Redacted.value(value))

/**
 * Resolves the options against the environment, now. Throws the reference's errors: no
 * credentials (the `ConfigError` naming what is missing as the `cause`), or a host that is a URL.
 */
export const resolveOptions = (options: RelayClientOptions): ResolvedOptions => {
  const env = Effect.runSync(environment)
  const fromEnv = SignalWireConfig.merge(env.settings, SignalWireConfig.make({ token: env.readmeToken }))
  const settings = SignalWireConfig.merge(
    SignalWireConfig.make({ project: options.project, token: options.token, jwtToken: options.jwtToken }),
    fromEnv
  )
  const credentials = Either.getOrThrowWith(
    SignalWireConfig.credentials(settings),
    (cause) => new Error(CREDENTIALS_REQUIRED, { cause })
  )
  const space = settings.space
  // SignalWireConfig.spaceHost turns a space name into its host; what it refuses is reported
  // below as the reference's invalid host.
  const host = present(options.host) ?? env.relayHost ??
    (space === undefined ? DEFAULT_HOST : Either.getOrElse(SignalWireConfig.spaceHost(space), () => space))
  if (INVALID_HOST.test(host)) throw new Error(`Invalid host: ${host}. Must be a hostname, not a URL.`)
  return {
    project: settings.project ?? "",
    token: reveal(settings.token),
    jwtToken: reveal(settings.jwtToken),
    credentials,
    host,
    scheme: asScheme(options.scheme) ?? asScheme(env.scheme) ?? "wss",
    contexts: Array.from(options.contexts ?? []),
    maxActiveCalls: options.maxActiveCalls === undefined
      ? positiveInt(env.maxActiveCalls, 1_000)
      : Math.max(1, Math.floor(options.maxActiveCalls))
  }
}
