/**
 * The reference SDK's webhook signature validators, under its names: `validateWebhookSignature`
 * (a raw body) and `validateRequest` (a raw body or form parameters already parsed), with the
 * two header names. They are the Effect package's `WebhookSignature` as plain functions: both
 * schemes (hex over the URL and raw body; base64 over the URL and the sorted form parameters),
 * the URL with or without its default port, `bodySHA256`, constant-time comparison.
 *
 * As in the reference (DIFFERENCES.md #55), an empty signing key throws an `Error`, a raw body
 * that is not a string throws a `TypeError`, and an empty signature is `false`.
 *
 * @example
 * ```ts
 * import { SIGNALWIRE_SIGNATURE_HEADER, validateWebhookSignature } from "@signalwire-effect/sdk"
 * import { createServer } from "node:http"
 *
 * createServer((req, res) => {
 *   let body = ""
 *   req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")))
 *   req.on("end", () => {
 *     const signature = String(req.headers[SIGNALWIRE_SIGNATURE_HEADER] ?? "")
 *     const ok = validateWebhookSignature(process.env.SIGNALWIRE_SIGNING_KEY ?? "", signature, `https://app.example.com${req.url}`, body)
 *     res.writeHead(ok ? 200 : 403).end()
 *   })
 * })
 * ```
 * @since 0.2.0
 */
import { createHash, createHmac } from "node:crypto"
import { WebhookSignature } from "@signalwire-effect/rest"
import * as Redacted from "effect/Redacted"

/**
 * `'x-signalwire-signature'`: the header SignalWire signs its requests in.
 *
 * @example
 * ```ts
 * import { SIGNALWIRE_SIGNATURE_HEADER } from "@signalwire-effect/sdk"
 *
 * declare const headers: Record<string, string | undefined>
 * headers[SIGNALWIRE_SIGNATURE_HEADER]
 * ```
 * @since 0.2.0
 */
export const SIGNALWIRE_SIGNATURE_HEADER: string = WebhookSignature.signatureHeader

/**
 * `'x-twilio-signature'`: the same signature on compatibility (cXML) requests.
 *
 * @example
 * ```ts
 * import { TWILIO_COMPAT_SIGNATURE_HEADER } from "@signalwire-effect/sdk"
 *
 * declare const headers: Record<string, string | undefined>
 * headers[TWILIO_COMPAT_SIGNATURE_HEADER]
 * ```
 * @since 0.2.0
 */
export const TWILIO_COMPAT_SIGNATURE_HEADER: string = WebhookSignature.compatSignatureHeader

/** The digests of the synchronous check, from `node:crypto`. */
const isValid = WebhookSignature.isValidWith({
  hmacSha1: (key, message) => createHmac("sha1", key).update(message, "utf8").digest(),
  sha256Hex: (text) => createHash("sha256").update(text, "utf8").digest("hex")
})

const keyOf = (signingKey: string): Redacted.Redacted<string> => {
  if (typeof signingKey !== "string" || signingKey === "") throw new Error("signingKey is required")
  return Redacted.make(signingKey)
}

/**
 * Whether `signature` is SignalWire's for this URL and raw body (before any JSON or form
 * parsing).
 *
 * @example
 * ```ts
 * import { validateWebhookSignature } from "@signalwire-effect/sdk"
 *
 * declare const signature: string
 * declare const rawBody: string
 * validateWebhookSignature("PSK_...", signature, "https://app.example.com/voice", rawBody)
 * ```
 * @since 0.2.0
 */
export const validateWebhookSignature = (signingKey: string, signature: string, url: string, rawBody: string): boolean => {
  const key = keyOf(signingKey)
  if (typeof rawBody !== "string") throw new TypeError("rawBody must be the raw request body as a string")
  return isValid({ signingKey: key, url, body: rawBody, signature })
}

/**
 * The compatibility-api validator: a raw body, or the form parameters already parsed (a record,
 * a `Map` or `[name, value]` pairs; values are stringified).
 *
 * @example
 * ```ts
 * import { validateRequest } from "@signalwire-effect/sdk"
 *
 * declare const signature: string
 * validateRequest("PSK_...", signature, "https://app.example.com/voice", { CallSid: "CA1", Digits: "42" })
 * ```
 * @since 0.2.0
 */
export const validateRequest = (
  signingKey: string,
  signature: string,
  url: string,
  paramsOrRawBody: string | Record<string, unknown> | ReadonlyMap<string, unknown> | ReadonlyArray<readonly [string, unknown]> | null | undefined
): boolean => {
  const key = keyOf(signingKey)
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v))
  const body: WebhookSignature.Params = typeof paramsOrRawBody === "string"
    ? paramsOrRawBody
    : paramsOrRawBody === null || paramsOrRawBody === undefined
    ? []
    : Array.isArray(paramsOrRawBody)
    ? (paramsOrRawBody as ReadonlyArray<readonly [string, unknown]>).map(([k, v]) => [k, text(v)] as const)
    : paramsOrRawBody instanceof Map
    ? Array.from(paramsOrRawBody as ReadonlyMap<string, unknown>, ([k, v]) => [k, text(v)] as const)
    : Object.entries(paramsOrRawBody as Record<string, unknown>).flatMap(([k, v]) =>
      Array.isArray(v) ? v.map((one) => [k, text(one)] as const) : [[k, text(v)] as const]
    )
  return isValid({ signingKey: key, url, body, signature })
}
