/**
 * The reference SDK's security helpers for skills and webhooks, under its names: the input bound
 * of skill handlers, header filtering, URL redaction and the private-address check of outbound
 * URLs (`validateUrl`, resolving with `true` when a URL is safe to fetch). They are the Effect
 * package's `SkillHttp` helpers as plain functions and Promises.
 *
 * @example
 * ```ts
 * import { MAX_SKILL_INPUT_LENGTH, redactUrl, validateUrl } from "@signalwire-effect/sdk"
 *
 * const check = async (url: string, input: string) =>
 *   input.length <= MAX_SKILL_INPUT_LENGTH && (await validateUrl(url)) ? redactUrl(url) : undefined
 * ```
 * @since 0.1.0
 */
import { SkillHttp } from "@signalwire-effect/agents"
import * as Effect from "effect/Effect"

/**
 * The longest input a skill handler accepts (1000 characters).
 *
 * @example
 * ```ts
 * import { MAX_SKILL_INPUT_LENGTH } from "@signalwire-effect/sdk"
 *
 * const tooLong = (s: string) => s.length > MAX_SKILL_INPUT_LENGTH
 * ```
 * @since 0.1.0
 */
export const MAX_SKILL_INPUT_LENGTH: number = SkillHttp.MAX_SKILL_INPUT_LENGTH

/**
 * A copy of `headers` without `authorization`, `cookie`, `x-api-key`, `proxy-authorization`,
 * `set-cookie` and the other credential headers.
 *
 * @example
 * ```ts
 * import { filterSensitiveHeaders } from "@signalwire-effect/sdk"
 *
 * filterSensitiveHeaders({ authorization: "Bearer t", accept: "*" }) // { accept: "*" }
 * ```
 * @since 0.1.0
 */
export const filterSensitiveHeaders = (headers: Record<string, string>): Record<string, string> =>
  SkillHttp.filterSensitiveHeaders(headers)

/**
 * The URL with the credentials of its userinfo and key-like query parameters replaced by `****`.
 *
 * @example
 * ```ts
 * import { redactUrl } from "@signalwire-effect/sdk"
 *
 * redactUrl("https://user:secret@host/path") // "https://user:****@host/path"
 * ```
 * @since 0.1.0
 */
export const redactUrl = (url: string): string => SkillHttp.redactUrl(url)

/**
 * Whether an IP literal is private, loopback, link-local, CGNAT, unique-local, unspecified,
 * multicast or reserved (IPv4 embedded in IPv6 judged as IPv4).
 *
 * @example
 * ```ts
 * import { isPrivateIp } from "@signalwire-effect/sdk"
 *
 * isPrivateIp("10.0.0.1") // true
 * ```
 * @since 0.1.0
 */
export const isPrivateIp = (ip: string): boolean => SkillHttp.isPrivateAddress(ip)

/**
 * Resolves `true` when `url` is an http(s) URL whose host is not, and does not resolve (DNS) to,
 * a private address; `false` otherwise (never rejects). `allowPrivate` skips the address check.
 *
 * @example
 * ```ts
 * import { validateUrl } from "@signalwire-effect/sdk"
 *
 * validateUrl("http://169.254.169.254/").then((safe) => console.log(safe)) // false
 * ```
 * @since 0.1.0
 */
export const validateUrl = (url: string, allowPrivate = false): Promise<boolean> =>
  Effect.runPromise(
    SkillHttp.validateUrl(url, { allowPrivate }).pipe(Effect.as(true), Effect.orElseSucceed(() => false))
  )
