/**
 * Checks that a webhook request came from SignalWire. The platform signs what it sends to your
 * application with the project's signing key (Dashboard → API Credentials):
 *
 * - compat / cXML requests (document fetches, `action` posts, status callbacks): the base64
 *   HMAC-SHA1 of the full URL followed by the form parameters sorted by name, each as name then
 *   value ({@link sign}), in `X-SignalWire-Signature` and, for Twilio-style code,
 *   `X-Twilio-Signature`;
 * - SWML / JSON requests: the hex HMAC-SHA1 of the full URL followed by the raw body
 *   ({@link signBody}).
 *
 * {@link validate} accepts either scheme (as SignalWire's own validators do), the URL with or
 * without its default port, and a `bodySHA256` query parameter (the SHA-256 of a JSON body sent
 * to a compat URL). Comparisons take constant time; the key stays `Redacted`.
 *
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * declare const rawBody: string
 * declare const headers: Readonly<Record<string, string | undefined>>
 *
 * const checked = WebhookSignature.validate({
 *   signingKey: Redacted.make("PSK_..."),
 *   url: "https://app.example.com/voice?tenant=7",
 *   body: rawBody,
 *   signature: WebhookSignature.signatureOf(headers)
 * }) // Effect<void, WebhookSignatureError>
 * ```
 *
 * @since 0.2.0
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as H from "./internal/hmac.js"

/**
 * The header SignalWire puts its signature in (lower case, as servers report header names).
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 *
 * declare const headers: Readonly<Record<string, string | undefined>>
 *
 * headers[WebhookSignature.signatureHeader]
 * ```
 * @since 0.2.0
 */
export const signatureHeader = "x-signalwire-signature"

/**
 * The Twilio-compatible header carrying the same signature on compat (cXML) requests.
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 *
 * declare const headers: Readonly<Record<string, string | undefined>>
 *
 * headers[WebhookSignature.compatSignatureHeader]
 * ```
 * @since 0.2.0
 */
export const compatSignatureHeader = "x-twilio-signature"

/**
 * What was signed besides the URL: the raw body (a form body is parsed as a form), or the form
 * parameters already parsed (a repeated name as an array, or as several pairs).
 *
 * @example
 * ```ts
 * import type { WebhookSignature } from "@signalwire-effect/rest"
 *
 * const form: WebhookSignature.Params = { CallSid: "CA1", Digits: "42" }
 * const raw: WebhookSignature.Params = "CallSid=CA1&Digits=42"
 * ```
 * @since 0.2.0
 */
export type Params =
  | string
  | Readonly<Record<string, string | ReadonlyArray<string>>>
  | ReadonlyArray<readonly [string, string]>

/**
 * Why a request is refused: no signature header, no signing key to check it with, or a
 * signature that does not match.
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 *
 * new WebhookSignature.WebhookSignatureError({ reason: "mismatch" }).message
 * ```
 * @since 0.2.0
 */
export class WebhookSignatureError extends Data.TaggedError("WebhookSignatureError")<{
  readonly reason: "missing" | "no_signing_key" | "mismatch"
}> {
  override get message() {
    return this.reason === "missing"
      ? "the request carries no SignalWire signature"
      : this.reason === "no_signing_key"
      ? "no signing key to check the signature with"
      : "the request's signature does not match its URL and body"
  }
}

const pairs = (params: Params): Array<readonly [string, string]> => {
  if (typeof params === "string") {
    try {
      return Array.from(new URLSearchParams(params))
    } catch {
      return []
    }
  }
  if (Array.isArray(params)) return [...(params as ReadonlyArray<readonly [string, string]>)]
  return Object.entries(params as Readonly<Record<string, string | ReadonlyArray<string>>>).flatMap(([k, v]) =>
    typeof v === "string" ? [[k, v] as const] : v.map((one) => [k, one] as const)
  )
}

/** Sorted by name (code units, stable: repeated names keep their order), each as name + value. */
const concatenated = (params: Params): string =>
  pairs(params)
    .map((p, i) => [p, i] as const)
    .sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j))
    .map(([[k, v]]) => k + v)
    .join("")

/**
 * The compat (cXML) signature: base64 HMAC-SHA1 of `url` followed by the sorted parameters. A
 * GET request carries its parameters in `url` and signs no others.
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 * import * as Redacted from "effect/Redacted"
 *
 * const signature = WebhookSignature.sign(Redacted.make("PSK_..."), "https://app.example.com/voice", { CallSid: "CA1", Digits: "42" })
 * // Effect<string>
 * ```
 * @since 0.2.0
 */
export const sign = (signingKey: Redacted.Redacted<string>, url: string, params: Params = []): Effect.Effect<string> =>
  Effect.flatMap(H.hmacSha1(Redacted.value(signingKey)), (mac) => Effect.map(mac(url + concatenated(params)), H.base64))

/**
 * The SWML / JSON signature: hex HMAC-SHA1 of `url` followed by the raw body.
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 * import * as Redacted from "effect/Redacted"
 *
 * const signature = WebhookSignature.signBody(Redacted.make("PSK_..."), "https://app.example.com/swml", "{\"call\":{}}")
 * // Effect<string>
 * ```
 * @since 0.2.0
 */
export const signBody = (signingKey: Redacted.Redacted<string>, url: string, rawBody: string): Effect.Effect<string> =>
  Effect.flatMap(H.hmacSha1(Redacted.value(signingKey)), (mac) => Effect.map(mac(url + rawBody), H.hex))

/**
 * The signature of a request from its headers: `X-SignalWire-Signature`, else
 * `X-Twilio-Signature` (names matched in any case).
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 *
 * WebhookSignature.signatureOf({ "X-Twilio-Signature": "abc=" }) // "abc="
 * ```
 * @since 0.2.0
 */
export const signatureOf = (headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>): string | undefined => {
  const find = (name: string) => {
    const value = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1]
    return typeof value === "string" ? value : value?.[0]
  }
  const value = find(signatureHeader) ?? find(compatSignatureHeader)
  return value === "" ? undefined : value
}

/** The URL as given, and with its default port added or removed (proxies differ on it). */
const candidateUrls = (url: string): ReadonlyArray<string> => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return [url]
  }
  const standard = parsed.protocol === "https:" ? "443" : parsed.protocol === "http:" ? "80" : undefined
  if (standard === undefined) return [url]
  const authority = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url)
  if (authority === null) return [url]
  const [, scheme, host, rest] = authority as unknown as [string, string, string, string]
  const withPort = /:\d+$/.test(host.replace(/^\[.*\]/, ""))
  if (!withPort) return [url, `${scheme}${host}:${standard}${rest}`]
  return host.endsWith(`:${standard}`) ? [url, `${scheme}${host.slice(0, -standard.length - 1)}${rest}`] : [url]
}

/** The `bodySHA256` a URL carries (lower case), if any. */
const bodyHashOf = (url: string): string | undefined => {
  try {
    return new URL(url).searchParams.get("bodySHA256")?.toLowerCase() ?? undefined
  } catch {
    return undefined
  }
}

/**
 * What a request is checked against: the signing key, the full URL SignalWire requested (scheme,
 * host, port if any, path, query), what it sent, and the signature header's value.
 *
 * @example
 * ```ts
 * import type { WebhookSignature } from "@signalwire-effect/rest"
 * import * as Redacted from "effect/Redacted"
 *
 * const request: WebhookSignature.Request = {
 *   signingKey: Redacted.make("PSK_..."),
 *   url: "https://app.example.com/voice",
 *   body: "CallSid=CA1",
 *   signature: "…"
 * }
 * ```
 * @since 0.2.0
 */
export interface Request {
  readonly signingKey: Redacted.Redacted<string>
  readonly url: string
  /** The raw body, before any parsing (preferred), or the form parameters parsed. */
  readonly body: Params
  readonly signature: string | undefined
}

/**
 * One way a request may have been signed: the message whose HMAC-SHA1 is the signature, how the
 * signature encodes it, and the SHA-256 (hex) the raw body must have when the URL carries
 * `bodySHA256`.
 *
 * @example
 * ```ts
 * import type { WebhookSignature } from "@signalwire-effect/rest"
 *
 * const candidate: WebhookSignature.Candidate = { message: "https://app.example.com/voiceCallSidCA1", encoding: "base64", bodySha256: undefined }
 * ```
 * @since 0.2.0
 */
export interface Candidate {
  readonly message: string
  readonly encoding: "hex" | "base64"
  readonly bodySha256: string | undefined
}

/**
 * Every way the platform may have signed this request, in the order they are tried: the SWML
 * scheme over a raw body, then the compat scheme for the URL with and without its default port
 * (a raw JSON body on a compat URL is signed without parameters).
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 *
 * WebhookSignature.candidates({ url: "https://app.example.com/voice", body: "CallSid=CA1" }).length // 5
 * ```
 * @since 0.2.0
 */
export const candidates = (request: { readonly url: string; readonly body: Params }): ReadonlyArray<Candidate> => {
  const { body, url } = request
  const raw = typeof body === "string" ? body : undefined
  const out: Array<Candidate> = []
  if (raw !== undefined) out.push({ message: url + raw, encoding: "hex", bodySha256: undefined })
  const shapes: ReadonlyArray<Params> = raw === undefined ? [body] : [raw, []]
  for (const candidate of candidateUrls(url)) {
    const bodySha256 = raw === undefined ? undefined : bodyHashOf(candidate)
    for (const shape of shapes) out.push({ message: candidate + concatenated(shape), encoding: "base64", bodySha256 })
  }
  return out
}

/**
 * The digests a synchronous check needs, from your runtime's crypto (e.g. `node:crypto`): the
 * HMAC-SHA1 bytes of a message under a key, the SHA-256 of a text in hex. Both over UTF-8.
 *
 * @example
 * ```ts
 * import type { WebhookSignature } from "@signalwire-effect/rest"
 * import { createHash, createHmac } from "node:crypto"
 *
 * const nodeDigests: WebhookSignature.Digests = {
 *   hmacSha1: (key, message) => createHmac("sha1", key).update(message, "utf8").digest(),
 *   sha256Hex: (text) => createHash("sha256").update(text, "utf8").digest("hex")
 * }
 * ```
 * @since 0.2.0
 */
export interface Digests {
  readonly hmacSha1: (key: string, message: string) => Uint8Array
  readonly sha256Hex: (text: string) => string
}

/** What is wrong before any digest: no signature, no key. */
const precheck = (request: Request): WebhookSignatureError | undefined =>
  request.signature === undefined || request.signature === ""
    ? new WebhookSignatureError({ reason: "missing" })
    : Redacted.value(request.signingKey) === ""
    ? new WebhookSignatureError({ reason: "no_signing_key" })
    : undefined

const check = (request: Request, digests: Digests): WebhookSignatureError | undefined => {
  const early = precheck(request)
  if (early !== undefined) return early
  const { body, signingKey } = request
  const signature = request.signature!
  const key = Redacted.value(signingKey)
  const raw = typeof body === "string" ? body : undefined
  for (const candidate of candidates(request)) {
    const mac = digests.hmacSha1(key, candidate.message)
    const matches = candidate.encoding === "hex"
      ? H.constantTimeEqual(H.hex(mac), signature.toLowerCase())
      : H.constantTimeEqual(H.base64(mac), signature)
    if (!matches) continue
    if (candidate.bodySha256 !== undefined && raw !== undefined && !H.constantTimeEqual(digests.sha256Hex(raw), candidate.bodySha256)) {
      continue
    }
    return undefined
  }
  return new WebhookSignatureError({ reason: "mismatch" })
}

/**
 * Whether the request is signed with this key (either scheme), computed synchronously with the
 * digests you give: for code that cannot wait (SignalWire's synchronous validators have this
 * shape). Effect code uses {@link isValid} / {@link validate}, which need no digests.
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 * import * as Redacted from "effect/Redacted"
 *
 * declare const nodeDigests: WebhookSignature.Digests
 * declare const signature: string
 *
 * WebhookSignature.isValidWith(nodeDigests)({ signingKey: Redacted.make("PSK_..."), url: "https://app.example.com/voice", body: "CallSid=CA1", signature })
 * ```
 * @since 0.2.0
 */
export const isValidWith = (digests: Digests) => (request: Request): boolean => check(request, digests) === undefined

/** Every digest the check of `request` may ask for, computed with Web Crypto ahead of the check. */
const webDigests = (request: Request): Effect.Effect<Digests> =>
  Effect.gen(function*() {
    const key = Redacted.value(request.signingKey)
    const mac = yield* H.hmacSha1(key)
    const macs = new Map<string, Uint8Array>()
    for (const candidate of candidates(request)) macs.set(candidate.message, yield* mac(candidate.message))
    const raw = typeof request.body === "string" ? request.body : undefined
    const bodyHash = raw === undefined ? undefined : yield* H.sha256Hex(raw)
    return {
      hmacSha1: (_key, message) => macs.get(message) ?? new Uint8Array(0),
      sha256Hex: () => bodyHash ?? ""
    }
  })

const checked = (request: Request): Effect.Effect<WebhookSignatureError | undefined> =>
  Effect.suspend(() => {
    const early = precheck(request)
    return early !== undefined ? Effect.succeed(early) : Effect.map(webDigests(request), (digests) => check(request, digests))
  })

/**
 * Whether the request is signed with this key (either scheme).
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 * import * as Redacted from "effect/Redacted"
 *
 * const signingKey = Redacted.make("PSK_...")
 * const url = "https://app.example.com/voice"
 * const valid = Effect.flatMap(WebhookSignature.sign(signingKey, url, { CallSid: "CA1" }), (signature) =>
 *   WebhookSignature.isValid({ signingKey, url, body: "CallSid=CA1", signature })
 * ) // Effect<boolean>: true
 * ```
 * @since 0.2.0
 */
export const isValid = (request: Request): Effect.Effect<boolean> => Effect.map(checked(request), (error) => error === undefined)

/**
 * Succeeds when the request is signed with this key (either scheme); fails with
 * {@link WebhookSignatureError} otherwise.
 *
 * @example
 * ```ts
 * import { WebhookSignature } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * declare const request: WebhookSignature.Request
 *
 * const status = WebhookSignature.validate(request).pipe(
 *   Effect.as(200),
 *   Effect.catchTag("WebhookSignatureError", () => Effect.succeed(403))
 * )
 * ```
 * @since 0.2.0
 */
export const validate = (request: Request): Effect.Effect<void, WebhookSignatureError> =>
  Effect.flatMap(checked(request), (error) => (error === undefined ? Effect.void : Effect.fail(error)))
