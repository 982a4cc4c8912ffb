/**
 * SignalWire's request signatures. When a SWML document is fetched, SignalWire signs the request
 * with the project's signing key: `X-Signalwire-Signature` is the hex HMAC-SHA1 and
 * `X-Signalwire-SHA256-Signature` the hex HMAC-SHA256 of the full URL it was given (query string
 * included, no embedded credentials) followed by the raw body. Verify them here, in constant time,
 * in any HTTP handler; `SWMLService` and `AgentBase` do it themselves when given a signing key.
 *
 * ```ts
 * import { Signature } from "@signalwire-effect/agents"
 * import * as Redacted from "effect/Redacted"
 *
 * declare const rawBody: string
 *
 * Signature.verify({
 *   signingKey: Redacted.make("PSK_..."),
 *   url: "https://agent.example.com/support?tenant=7",
 *   body: rawBody,
 *   headers: { "x-signalwire-signature": "…" }
 * }) // Either<void, SignatureError>
 * ```
 *
 * @since 0.1.0
 */
import { createHmac } from "node:crypto"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { SignatureError } from "./AgentError.js"
import * as digest from "./internal/digest.js"

/**
 * The header carrying the hex HMAC-SHA1 (lower-case, as HTTP servers report header names).
 *
 * @example
 * ```ts
 * import { Signature } from "@signalwire-effect/agents"
 *
 * declare const request: { readonly headers: { readonly [name: string]: string | undefined } }
 *
 * request.headers[Signature.sha1Header]
 * ```
 * @since 0.1.0
 */
export const sha1Header = "x-signalwire-signature"

/**
 * The header carrying the hex HMAC-SHA256.
 *
 * @example
 * ```ts
 * import { Signature } from "@signalwire-effect/agents"
 *
 * declare const request: { readonly headers: { readonly [name: string]: string | undefined } }
 *
 * request.headers[Signature.sha256Header]
 * ```
 * @since 0.1.0
 */
export const sha256Header = "x-signalwire-sha256-signature"

/**
 * The hex HMAC of `url + body` with the signing key (what SignalWire sends).
 *
 * @example
 * ```ts
 * import { Signature } from "@signalwire-effect/agents"
 * import * as Redacted from "effect/Redacted"
 *
 * Signature.sign("sha256", Redacted.make("key"), "https://a.example.com/", "{}")
 * ```
 * @since 0.1.0
 */
export const sign = (
  algorithm: "sha1" | "sha256",
  signingKey: Redacted.Redacted<string>,
  url: string,
  body: string
): string => createHmac(algorithm, Redacted.value(signingKey)).update(url + body, "utf8").digest("hex")

/**
 * Constant-time equality of two strings (time independent of where they differ).
 *
 * @example
 * ```ts
 * import { Signature } from "@signalwire-effect/agents"
 *
 * Signature.constantTimeEqual("s3cret", "s3cret") // true
 * ```
 * @since 0.1.0
 */
export const constantTimeEqual: (a: string, b: string) => boolean = digest.constantTimeEqual

/**
 * Constant-time equality of two hex strings, ignoring case.
 *
 * @example
 * ```ts
 * import { Signature } from "@signalwire-effect/agents"
 *
 * Signature.equalHex("ab12", "AB12") // true
 * ```
 * @since 0.1.0
 */
export const equalHex = (a: string, b: string): boolean => constantTimeEqual(a.toLowerCase(), b.toLowerCase())

/**
 * What to verify: the key, the public URL the platform requested, the raw body and the headers.
 *
 * @example
 * ```ts
 * import type { Signature } from "@signalwire-effect/agents"
 * import * as Redacted from "effect/Redacted"
 *
 * const input: Signature.Input = { signingKey: Redacted.make("k"), url: "https://a.example.com/", body: "", headers: {} }
 * ```
 * @since 0.1.0
 */
export interface Input {
  readonly signingKey: Redacted.Redacted<string>
  /** The full URL SignalWire was given, query included, without Basic-auth credentials. */
  readonly url: string
  readonly body: string
  /** Header names in lower case. */
  readonly headers: { readonly [name: string]: string | undefined }
}

/**
 * Check the signatures: `X-Signalwire-Signature` must be present and match; a
 * `X-Signalwire-SHA256-Signature`, when present, must match too.
 *
 * @example
 * ```ts
 * import { Signature } from "@signalwire-effect/agents"
 * import * as Either from "effect/Either"
 *
 * declare const input: Signature.Input
 *
 * Either.isRight(Signature.verify(input)) // true when SignalWire signed this request
 * ```
 * @since 0.1.0
 */
export const verify = (input: Input): Either.Either<void, SignatureError> => {
  const sha1 = input.headers[sha1Header]
  const sha256 = input.headers[sha256Header]
  if (sha1 === undefined || sha1 === "") return Either.left(new SignatureError({ reason: "missing" }))
  if (!equalHex(sha1, sign("sha1", input.signingKey, input.url, input.body))) {
    return Either.left(new SignatureError({ reason: "mismatch" }))
  }
  if (sha256 !== undefined && !equalHex(sha256, sign("sha256", input.signingKey, input.url, input.body))) {
    return Either.left(new SignatureError({ reason: "mismatch" }))
  }
  return Either.void
}
