/**
 * The settings every client of the SDK shares — project id, API token, JWT and space — read once,
 * the same way, by RELAY, REST, the agent server and the Promise facade.
 *
 * The rules, everywhere: an explicit value wins over the environment; an empty string counts as
 * missing (so `SIGNALWIRE_API_TOKEN=` in a `.env` file does not shadow anything); tokens are
 * `Redacted` from the moment they are read; a missing setting is a `ConfigError` that names the
 * option and the environment variable.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/**
 * The environment variables, by setting.
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@signalwire-effect/config"
 *
 * SignalWireConfig.env.token // "SIGNALWIRE_API_TOKEN"
 * ```
 * @since 0.1.0
 */
export const env = {
  project: "SIGNALWIRE_PROJECT_ID",
  token: "SIGNALWIRE_API_TOKEN",
  jwtToken: "SIGNALWIRE_JWT_TOKEN",
  space: "SIGNALWIRE_SPACE"
} as const

/**
 * The shared settings, each possibly missing. Tokens are `Redacted`: printing, logging or
 * serialising a `Settings` shows `<redacted>`.
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@signalwire-effect/config"
 *
 * const settings: SignalWireConfig.Settings = SignalWireConfig.make({ project: "p", token: "t" })
 * ```
 * @since 0.1.0
 */
export interface Settings {
  readonly project: string | undefined
  readonly token: Redacted.Redacted<string> | undefined
  readonly jwtToken: Redacted.Redacted<string> | undefined
  readonly space: string | undefined
}

/**
 * Explicit settings as a caller passes them: plain strings or `Redacted` tokens; `undefined` and
 * `""` both mean "not given".
 *
 * @example
 * ```ts
 * import type { SignalWireConfig } from "@signalwire-effect/config"
 * import * as Redacted from "effect/Redacted"
 *
 * const input: SignalWireConfig.Input = { project: "p", token: Redacted.make("t"), space: "acme" }
 * ```
 * @since 0.1.0
 */
export interface Input {
  readonly project?: string | undefined
  readonly token?: string | Redacted.Redacted<string> | undefined
  readonly jwtToken?: string | Redacted.Redacted<string> | undefined
  readonly space?: string | undefined
}

/**
 * How a client authenticates: with a project id and API token, or with a JWT.
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@signalwire-effect/config"
 * import * as Redacted from "effect/Redacted"
 *
 * const credentials = SignalWireConfig.Credentials.ProjectToken({ project: "p", token: Redacted.make("t") })
 * ```
 * @since 0.1.0
 */
export type Credentials = Data.TaggedEnum<{
  Jwt: { readonly jwt: Redacted.Redacted<string> }
  ProjectToken: { readonly project: string; readonly token: Redacted.Redacted<string> }
}>

/**
 * Constructors for {@link Credentials}.
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@signalwire-effect/config"
 * import * as Redacted from "effect/Redacted"
 *
 * const jwt = SignalWireConfig.Credentials.Jwt({ jwt: Redacted.make("eyJ…") })
 * ```
 * @since 0.1.0
 */
export const Credentials = Data.taggedEnum<Credentials>()

const present = (value: string | undefined): string | undefined =>
  value === undefined || value.length === 0 ? undefined : value

const secret = (value: string | Redacted.Redacted<string> | undefined): Redacted.Redacted<string> | undefined => {
  if (value === undefined) return undefined
  const redacted = Redacted.isRedacted(value) ? value : Redacted.make(value)
  return Redacted.value(redacted).length > 0 ? redacted : undefined
}

/**
 * Normalises explicit settings: strings become `Redacted` tokens, empty strings become missing.
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@signalwire-effect/config"
 *
 * SignalWireConfig.make({ project: "", token: "t" }).project // undefined
 * ```
 * @since 0.1.0
 */
export const make = (input: Input = {}): Settings => ({
  project: present(input.project),
  token: secret(input.token),
  jwtToken: secret(input.jwtToken),
  space: present(input.space)
})

/**
 * `explicit` over `fallback`, setting by setting.
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@signalwire-effect/config"
 *
 * const settings = SignalWireConfig.merge(SignalWireConfig.make({ project: "mine" }), SignalWireConfig.make({ project: "env", token: "t" }))
 * settings.project // "mine"
 * ```
 * @since 0.1.0
 */
export const merge = (explicit: Settings, fallback: Settings): Settings => ({
  project: explicit.project ?? fallback.project,
  token: explicit.token ?? fallback.token,
  jwtToken: explicit.jwtToken ?? fallback.jwtToken,
  space: explicit.space ?? fallback.space
})

const optional = (name: string): Config.Config<string | undefined> =>
  Config.string(name).pipe(Config.option, Config.map((value) => present(Option.getOrUndefined(value))))

/**
 * The settings from the current `ConfigProvider` (by default the environment: `SIGNALWIRE_PROJECT_ID`,
 * `SIGNALWIRE_API_TOKEN`, `SIGNALWIRE_JWT_TOKEN`, `SIGNALWIRE_SPACE`). Every setting is optional
 * here; what a client needs is checked by {@link credentials} and {@link spaceHost}.
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@signalwire-effect/config"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.map(SignalWireConfig.config, (settings) => settings.space)
 * ```
 * @since 0.1.0
 */
export const config: Config.Config<Settings> = Config.all({
  project: optional(env.project),
  token: optional(env.token),
  jwtToken: optional(env.jwtToken),
  space: optional(env.space)
}).pipe(Config.map(make))

/**
 * The explicit settings merged over {@link config}: explicit value, then environment.
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@signalwire-effect/config"
 * import * as Effect from "effect/Effect"
 *
 * // project from the code, the token from SIGNALWIRE_API_TOKEN
 * const settings = SignalWireConfig.load({ project: "my-project" })
 * ```
 * @since 0.1.0
 */
export const load = (input: Input = {}): Effect.Effect<Settings, ConfigError.ConfigError> =>
  Effect.map(config, (fromEnv) => merge(make(input), fromEnv))

const missing = (setting: keyof typeof env, what: string): ConfigError.ConfigError =>
  ConfigError.MissingData([env[setting]], `${what} is missing: pass \`${setting}\` or set ${env[setting]}`)

/**
 * The credentials the settings carry: the JWT when there is one (and `allowJwt` is not `false`),
 * else the project id and API token. Fails with a `ConfigError` naming each missing setting.
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@signalwire-effect/config"
 * import * as Either from "effect/Either"
 *
 * const result = SignalWireConfig.credentials(SignalWireConfig.make({ project: "p" }))
 * Either.isLeft(result) // true: Missing data at SIGNALWIRE_API_TOKEN
 * ```
 * @since 0.1.0
 */
export const credentials = (
  settings: Settings,
  options: { readonly allowJwt?: boolean } = {}
): Either.Either<Credentials, ConfigError.ConfigError> => {
  const allowJwt = options.allowJwt ?? true
  if (allowJwt && settings.jwtToken !== undefined) return Either.right(Credentials.Jwt({ jwt: settings.jwtToken }))
  if (settings.project !== undefined && settings.token !== undefined) {
    return Either.right(Credentials.ProjectToken({ project: settings.project, token: settings.token }))
  }
  const alternative = allowJwt ? ` (or a JWT: \`jwtToken\` / ${env.jwtToken})` : ""
  const projectMissing = missing("project", `the project id${alternative}`)
  const tokenMissing = missing("token", `the API token${alternative}`)
  if (settings.project === undefined && settings.token === undefined) {
    return Either.left(ConfigError.And(projectMissing, tokenMissing))
  }
  return Either.left(settings.project === undefined ? projectMissing : tokenMissing)
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?$/

/**
 * The host of the space: a bare space name becomes `<name>.signalwire.com`; a host name (with a
 * dot, a port, or `localhost`) is kept as it is. Fails with a `ConfigError` when the space is
 * missing or is not a host (a URL, a path, whitespace).
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@signalwire-effect/config"
 *
 * SignalWireConfig.spaceHost("acme")                  // Either.right("acme.signalwire.com")
 * SignalWireConfig.spaceHost("acme.signalwire.com")   // Either.right("acme.signalwire.com")
 * SignalWireConfig.spaceHost("127.0.0.1:8765")        // Either.right("127.0.0.1:8765")
 * ```
 * @since 0.1.0
 */
export const spaceHost = (space: string | undefined): Either.Either<string, ConfigError.ConfigError> => {
  const value = present(space?.trim())
  if (value === undefined) return Either.left(missing("space", "the space (e.g. acme or acme.signalwire.com)"))
  if (!HOST.test(value)) {
    return Either.left(
      ConfigError.InvalidData(
        [env.space],
        `the space must be a space name or host (acme, acme.signalwire.com, localhost:8765), not ${
          JSON.stringify(value.slice(0, 80))
        }`
      )
    )
  }
  const bare = !value.includes(".") && !value.includes(":") && value !== "localhost"
  return Either.right(bare ? `${value}.signalwire.com` : value)
}
