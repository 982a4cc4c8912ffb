/**
 * Per-call tool tokens for `secure` tools. When the SWML for a call is rendered, each secure
 * tool's `web_hook_url` carries `__token`: base64url of
 * `<callId>.<function>.<expiry>.<nonce>.<sig>`, where `sig` is the hex HMAC-SHA256 of
 * `<callId>:<function>:<expiry>:<nonce>` with the server's secret (the reference SDKs' format, so
 * mixed deployments interoperate). A tool call is accepted only with a token for that function and
 * that `call_id` that has not expired.
 *
 * ```ts
 * import { ToolToken } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * const secret = ToolToken.secret(Redacted.make("a shared secret for all replicas"))
 * const program = Effect.gen(function*() {
 *   const token = yield* ToolToken.create(secret, { callId: "c-1", function: "transfer", ttlSeconds: 3600 })
 *   yield* ToolToken.validate(secret, { callId: "c-1", function: "transfer", token })
 * })
 * ```
 *
 * @since 0.1.0
 */
import { createHmac, randomBytes } from "node:crypto"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { ToolTokenError } from "./AgentError.js"
import { equalHex } from "./Signature.js"

/**
 * The HMAC secret tokens are signed with.
 *
 * @example
 * ```ts
 * import { ToolToken } from "@signalwire-effect/agents"
 * import * as Redacted from "effect/Redacted"
 *
 * const secret: ToolToken.Secret = ToolToken.secret(Redacted.make("shared"))
 * ```
 * @since 0.1.0
 */
export interface Secret {
  readonly _tag: "ToolTokenSecret"
  readonly key: Redacted.Redacted<string>
}

/**
 * A secret from a value (share it between replicas that serve one agent).
 *
 * @example
 * ```ts
 * import { ToolToken } from "@signalwire-effect/agents"
 * import * as Redacted from "effect/Redacted"
 *
 * ToolToken.secret(Redacted.make("shared"))
 * ```
 * @since 0.1.0
 */
export const secret = (key: Redacted.Redacted<string>): Secret => ({ _tag: "ToolTokenSecret", key })

/**
 * A fresh random secret (32 bytes): tokens are then valid only in this process.
 *
 * @example
 * ```ts
 * import { ToolToken } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const secret = yield* ToolToken.randomSecret
 *   return yield* ToolToken.create(secret, { callId: "c-1", function: "transfer", ttlSeconds: 3600 })
 * })
 * ```
 * @since 0.1.0
 */
export const randomSecret: Effect.Effect<Secret> = Effect.sync(() =>
  secret(Redacted.make(randomBytes(32).toString("hex")))
)

const signature = (s: Secret, payload: string) =>
  createHmac("sha256", Redacted.value(s.key)).update(payload, "utf8").digest("hex")

/**
 * A token for one function of one call, valid for `ttlSeconds`.
 *
 * @example
 * ```ts
 * import { ToolToken } from "@signalwire-effect/agents"
 *
 * declare const secret: ToolToken.Secret
 *
 * ToolToken.create(secret, { callId: "c-1", function: "transfer", ttlSeconds: 3600 })
 * ```
 * @since 0.1.0
 */
export const create = (
  s: Secret,
  options: { readonly callId: string; readonly function: string; readonly ttlSeconds: number }
): Effect.Effect<string> =>
  Effect.map(Clock.currentTimeMillis, (now) => {
    const expiry = Math.floor(now / 1000) + options.ttlSeconds
    const nonce = randomBytes(4).toString("hex")
    const sig = signature(s, `${options.callId}:${options.function}:${expiry}:${nonce}`)
    return Buffer.from(`${options.callId}.${options.function}.${expiry}.${nonce}.${sig}`, "utf8").toString("base64url")
  })

/**
 * Check a token for a call to `function` from `callId`.
 *
 * @example
 * ```ts
 * import { ToolToken } from "@signalwire-effect/agents"
 *
 * declare const secret: ToolToken.Secret
 * declare const token: string
 *
 * ToolToken.validate(secret, { callId: "c-1", function: "transfer", token }) // fails with ToolTokenError
 * ```
 * @since 0.1.0
 */
export const validate = (
  s: Secret,
  options: { readonly callId: string | undefined; readonly function: string; readonly token: string | undefined }
): Effect.Effect<void, ToolTokenError> =>
  Effect.gen(function*() {
    const fail = (reason: ToolTokenError["reason"]) => new ToolTokenError({ function: options.function, reason })
    if (options.token === undefined || options.token === "") return yield* fail("missing")
    const parts = Buffer.from(options.token, "base64url").toString("utf8").split(".")
    // The call id may itself contain dots: the last four parts are fixed.
    if (parts.length < 5) return yield* fail("malformed")
    const [fn, expiryText, nonce, sig] = parts.slice(-4) as [string, string, string, string]
    const callId = parts.slice(0, -4).join(".")
    const expiry = Number(expiryText)
    if (!Number.isInteger(expiry)) return yield* fail("malformed")
    if (!equalHex(sig, signature(s, `${callId}:${fn}:${expiryText}:${nonce}`))) return yield* fail("signature")
    if (fn !== options.function) return yield* fail("function")
    if (options.callId !== callId) return yield* fail("call")
    const now = yield* Clock.currentTimeMillis
    if (expiry * 1000 < now) return yield* fail("expired")
  })
