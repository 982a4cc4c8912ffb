/**
 * The Basic-auth credentials SignalWire uses to fetch SWML and call tools (it sends the ones
 * embedded in the URLs it was given). Resolved in this order: the agent's options, the
 * environment (`SWML_BASIC_AUTH_USER` + `SWML_BASIC_AUTH_PASSWORD`), else generated (user = the
 * agent's name cleaned to `[A-Za-z0-9_-]`, password = 32 random hex characters) and printed once
 * on standard output so the operator can configure SignalWire. The password is `Redacted`
 * everywhere and never logged.
 *
 * ```ts
 * import { BasicAuth } from "@signalwire-effect/agents"
 * import * as Redacted from "effect/Redacted"
 *
 * declare const request: { readonly headers: { readonly authorization?: string } }
 *
 * const credentials = BasicAuth.make("agent", Redacted.make("s3cret"))
 * BasicAuth.check(credentials, request.headers.authorization) // true / false, constant time
 * ```
 *
 * @since 0.1.0
 */
import { randomBytes } from "node:crypto"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { constantTimeEqual, constantTimeEqualDigest, digestOf } from "./internal/digest.js"

/**
 * A user and its password.
 *
 * @example
 * ```ts
 * import type { BasicAuth } from "@signalwire-effect/agents"
 * import * as Redacted from "effect/Redacted"
 *
 * const c: BasicAuth.Credentials = { user: "agent", password: Redacted.make("s3cret"), source: "provided" }
 * ```
 * @since 0.1.0
 */
export interface Credentials {
  readonly user: string
  readonly password: Redacted.Redacted<string>
  readonly source: "provided" | "environment" | "generated"
}

/**
 * Credentials given by value.
 *
 * @example
 * ```ts
 * import { BasicAuth } from "@signalwire-effect/agents"
 * import * as Redacted from "effect/Redacted"
 *
 * BasicAuth.make("agent", Redacted.make("s3cret"))
 * ```
 * @since 0.1.0
 */
export const make = (user: string, password: Redacted.Redacted<string>): Credentials => ({
  user,
  password,
  source: "provided"
})

/**
 * `SWML_BASIC_AUTH_USER` and `SWML_BASIC_AUTH_PASSWORD`, when both are set.
 *
 * @example
 * ```ts
 * import { BasicAuth } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const fromEnv = yield* BasicAuth.config // Option<Credentials>
 *   return fromEnv
 * })
 * ```
 * @since 0.1.0
 */
export const config: Config.Config<Option.Option<Credentials>> = Config.all({
  user: Config.option(Config.nonEmptyString("SWML_BASIC_AUTH_USER")),
  password: Config.option(Config.redacted("SWML_BASIC_AUTH_PASSWORD"))
}).pipe(Config.map(({ password, user }) =>
  Option.all({ user, password }).pipe(
    Option.filter(({ password }) => Redacted.value(password) !== ""),
    Option.map(({ password, user }): Credentials => ({ user, password, source: "environment" }))
  )
))

/**
 * The user name generated for an agent: its name with everything but `[A-Za-z0-9_-]` removed.
 *
 * @example
 * ```ts
 * import { BasicAuth } from "@signalwire-effect/agents"
 *
 * BasicAuth.userFor("Support Desk!") // "SupportDesk"
 * ```
 * @since 0.1.0
 */
export const userFor = (name: string): string => {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, "")
  return cleaned === "" ? "agent" : cleaned
}

/**
 * Resolve the credentials of a service: provided, else environment, else generated (printed once).
 *
 * @example
 * ```ts
 * import { BasicAuth } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const credentials = yield* BasicAuth.resolve({ name: "support" })
 *   return credentials.user
 * })
 * ```
 * @since 0.1.0
 */
export const resolve = (options: {
  readonly name: string
  readonly provided?: Credentials | undefined
  /** Print generated credentials on standard output (default true). */
  readonly print?: boolean | undefined
}): Effect.Effect<Credentials, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    if (options.provided !== undefined) return options.provided
    const fromEnv = yield* config
    if (Option.isSome(fromEnv)) return fromEnv.value
    const generated: Credentials = {
      user: userFor(options.name),
      password: Redacted.make(randomBytes(16).toString("hex")),
      source: "generated"
    }
    if (options.print !== false) {
      // Printed, not logged: the operator needs it once to configure SignalWire; log sinks never see it.
      yield* Console.log(
        `[${options.name}] generated Basic-auth credentials ${generated.user}:${
          Redacted.value(generated.password)
        } (set SWML_BASIC_AUTH_USER and SWML_BASIC_AUTH_PASSWORD to choose them)`
      )
    }
    return generated
  })

/**
 * Check an `Authorization` header against the credentials (constant time).
 *
 * @example
 * ```ts
 * import { BasicAuth } from "@signalwire-effect/agents"
 * import * as Redacted from "effect/Redacted"
 *
 * BasicAuth.check(BasicAuth.make("a", Redacted.make("b")), "Basic " + btoa("a:b")) // true
 * ```
 * @since 0.1.0
 */
export const check = (credentials: Credentials, authorization: string | undefined): boolean => {
  if (authorization === undefined) return false
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization)
  if (match === null) return false
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  if (colon < 0) return false
  if (credentials.user.includes(":")) {
    // Not a valid Basic-auth user (RFC 7617); compared part by part, so it can never match.
    const userOk = constantTimeEqual(decoded.slice(0, colon), credentials.user)
    const passwordOk = constantTimeEqual(decoded.slice(colon + 1), Redacted.value(credentials.password))
    return userOk && passwordOk
  }
  // One constant-time comparison of `user:password` against the digest computed once per credentials.
  let expected = expectedDigests.get(credentials)
  if (expected === undefined) {
    expected = digestOf(`${credentials.user}:${Redacted.value(credentials.password)}`)
    expectedDigests.set(credentials, expected)
  }
  return constantTimeEqualDigest(digestOf(decoded), expected)
}

const expectedDigests = new WeakMap<Credentials, Buffer>()
