/**
 * What the outbound skills share: credentials from a parameter or the environment (read when the
 * skill is added), the base URL and private-address setting, the timeout parameter, and the
 * graceful answers to a caller when the third party fails.
 */
import { FunctionResult } from "@signalwire-effect/swml"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as SkillHttp from "../../SkillHttp.js"

/** An API key parameter: a string, held `Redacted` once decoded. */
export const apiKeyParam = (variable: string) =>
  Schema.optional(
    Schema.Redacted(Schema.String).annotations({ description: `API key (default: the ${variable} variable)` })
  )

/** A timeout parameter in seconds. */
export const timeoutParam = (seconds: number) =>
  Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => seconds }).annotations({
    description: `Timeout of each request to the third-party API, in seconds (default ${seconds})`
  })

/** The given key, else the first of `variables` that is set (a `ConfigError` naming the first when none). */
export const secret = (
  given: Redacted.Redacted<string> | undefined,
  ...variables: readonly [string, ...Array<string>]
): Effect.Effect<Redacted.Redacted<string>, ConfigError.ConfigError> =>
  given !== undefined
    ? Effect.succeed(given)
    : variables.slice(1).reduce(
      (config, name) => Config.orElse(config, () => Config.redacted(name)),
      Config.redacted(variables[0])
    )

/** Where a skill sends its requests, and how. */
export interface Endpoint {
  readonly base: string
  readonly allowPrivate: boolean
  readonly timeout: Duration.Duration
}

/** Read the base URL (`variable` overrides `fallback`) and `SWML_ALLOW_PRIVATE_URLS`. */
export const endpoint = (
  variable: string,
  fallback: string,
  timeoutSeconds: number
): Effect.Effect<Endpoint, ConfigError.ConfigError> =>
  Effect.all({
    base: SkillHttp.baseUrl(variable, fallback),
    allowPrivate: SkillHttp.allowPrivateUrls,
    timeout: Effect.succeed(Duration.seconds(timeoutSeconds))
  })

/** The answer to an input longer than `MAX_SKILL_INPUT_LENGTH`. */
export const tooLong = (what: string) =>
  FunctionResult.make(`That ${what} is too long for me to look up (over ${SkillHttp.MAX_SKILL_INPUT_LENGTH} characters). Please shorten it.`)

/** Log the failure (URL redacted) and answer `reply`. */
export const gracefully = (skill: string, reply: (error: SkillHttp.SkillHttpError) => string) =>
<A, R>(effect: Effect.Effect<A, SkillHttp.SkillHttpError, R>) =>
  Effect.catchAll(effect, (error) =>
    SkillHttp.logFailure(skill, error).pipe(Effect.as(FunctionResult.make(reply(error)))))

/** The usual words for a third party that failed. */
export const unreachable = (service: string) => (error: SkillHttp.SkillHttpError): string =>
  error.reason === "timeout"
    ? `The ${service} did not answer in time. Please try again in a moment.`
    : error.reason === "blocked-address"
    ? `I can't reach the ${service}: its address is not allowed.`
    : `I couldn't reach the ${service} right now. Please try again later.`
