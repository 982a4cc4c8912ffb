import { createHash, createHmac } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { WebhookSignature } from "@signalwire-effect/rest"

const KEY = "PSK_test_signing_key"
const key = Redacted.make(KEY)
const URL_ = "https://app.example.com/voice?tenant=7"
const FORM = { To: "+15553330000", CallSid: "CA1", From: "+15551234567", Digits: "42#" }

/** The compat signature, by node:crypto (an independent implementation of the same rule). */
const oracle = (secret: string, text: string, encoding: "base64" | "hex") => createHmac("sha1", secret).update(text, "utf8").digest(encoding)

/** The synchronous check with node:crypto's digests. */
const nodeValid = WebhookSignature.isValidWith({
  hmacSha1: (secret, message) => createHmac("sha1", secret).update(message, "utf8").digest(),
  sha256Hex: (text) => createHash("sha256").update(text, "utf8").digest("hex")
})

/** Both checks (Web Crypto in an Effect, node:crypto synchronously) agree; their answer. */
const valid = (request: WebhookSignature.Request) =>
  Effect.map(WebhookSignature.isValid(request), (webCrypto) => {
    expect(nodeValid(request)).toBe(webCrypto)
    return webCrypto
  })

describe("WebhookSignature", () => {
  it.effect("signs compat requests as base64 HMAC-SHA1 of the URL and the parameters sorted by name", () =>
    Effect.gen(function*() {
      const expected = oracle(KEY, `${URL_}CallSidCA1Digits42#From+15551234567To+15553330000`, "base64")
      expect(yield* WebhookSignature.sign(key, URL_, FORM)).toBe(expected)
      expect(yield* WebhookSignature.sign(key, URL_, new URLSearchParams(FORM).toString())).toBe(expected)
      expect(yield* WebhookSignature.sign(key, URL_, [["b", "2"], ["a", "9"], ["b", "1"]])).toBe(oracle(KEY, `${URL_}a9b2b1`, "base64"))
      expect(yield* WebhookSignature.sign(key, URL_, { b: ["2", "1"], a: "é" })).toBe(oracle(KEY, `${URL_}aéb2b1`, "base64"))
      // Long keys (hashed first, as HMAC does), long messages (several blocks), an empty key.
      const long = "k".repeat(100)
      expect(yield* WebhookSignature.sign(Redacted.make(long), URL_, { Body: "x".repeat(1000) })).toBe(oracle(long, `${URL_}Body${"x".repeat(1000)}`, "base64"))
      expect(yield* WebhookSignature.sign(Redacted.make(""), URL_, FORM)).toBe(oracle("", `${URL_}CallSidCA1Digits42#From+15551234567To+15553330000`, "base64"))
      expect(yield* WebhookSignature.signBody(key, URL_, "{\"a\":1}")).toBe(oracle(KEY, `${URL_}{"a":1}`, "hex"))
    }))

  it.effect("validates either scheme, refuses a tampered body, a wrong URL or key, and a missing signature", () =>
    Effect.gen(function*() {
      const raw = new URLSearchParams(FORM).toString()
      const signature = yield* WebhookSignature.sign(key, URL_, FORM)
      expect(yield* valid({ signingKey: key, url: URL_, body: raw, signature })).toBe(true)
      expect(yield* valid({ signingKey: key, url: URL_, body: FORM, signature })).toBe(true)
      yield* WebhookSignature.validate({ signingKey: key, url: URL_, body: raw, signature })
      const json = "{\"call\":{\"call_id\":\"c1\"}}"
      expect(yield* valid({ signingKey: key, url: URL_, body: json, signature: yield* WebhookSignature.signBody(key, URL_, json) })).toBe(true)
      expect(yield* valid({ signingKey: key, url: URL_, body: raw.replace("42", "43"), signature })).toBe(false)

      const refused = (request: WebhookSignature.Request) => Effect.flip(WebhookSignature.validate(request)).pipe(Effect.map((e) => e.reason))
      expect(yield* refused({ signingKey: key, url: URL_, body: raw.replace("42", "43"), signature })).toBe("mismatch")
      expect(yield* refused({ signingKey: key, url: URL_, body: { ...FORM, Extra: "1" }, signature })).toBe("mismatch")
      expect(yield* refused({ signingKey: key, url: "https://app.example.com/voice?tenant=8", body: raw, signature })).toBe("mismatch")
      expect(yield* refused({ signingKey: Redacted.make("other"), url: URL_, body: raw, signature })).toBe("mismatch")
      expect(yield* refused({ signingKey: key, url: URL_, body: raw, signature: undefined })).toBe("missing")
      expect(yield* refused({ signingKey: Redacted.make(""), url: URL_, body: raw, signature })).toBe("no_signing_key")
      const error = yield* Effect.flip(WebhookSignature.validate({ signingKey: key, url: URL_, body: raw, signature: "nope" }))
      expect(error.message).not.toContain(KEY)
    }))

  it.effect("accepts the URL with or without its default port, and checks bodySHA256", () =>
    Effect.gen(function*() {
      const signature = yield* WebhookSignature.sign(key, "https://app.example.com:443/voice", FORM)
      expect(yield* valid({ signingKey: key, url: "https://app.example.com/voice", body: FORM, signature })).toBe(true)
      const plain = yield* WebhookSignature.sign(key, "http://app.example.com/voice", FORM)
      expect(yield* valid({ signingKey: key, url: "http://app.example.com:80/voice", body: FORM, signature: plain })).toBe(true)
      expect(yield* valid({ signingKey: key, url: "http://app.example.com:8080/voice", body: FORM, signature: plain })).toBe(false)

      const json = "{\"event\":\"x\"}"
      const url = `https://app.example.com/cb?bodySHA256=${createHash("sha256").update(json).digest("hex")}`
      const signed = yield* WebhookSignature.sign(key, url)
      expect(yield* valid({ signingKey: key, url, body: json, signature: signed })).toBe(true)
      expect(yield* valid({ signingKey: key, url, body: "{\"event\":\"y\"}", signature: signed })).toBe(false)
    }))

  it("lists the ways a request may have been signed", () => {
    const raw = "CallSid=CA1"
    expect(WebhookSignature.candidates({ url: "https://app.example.com/voice", body: raw })).toEqual([
      { message: `https://app.example.com/voice${raw}`, encoding: "hex", bodySha256: undefined },
      { message: "https://app.example.com/voiceCallSidCA1", encoding: "base64", bodySha256: undefined },
      { message: "https://app.example.com/voice", encoding: "base64", bodySha256: undefined },
      { message: "https://app.example.com:443/voiceCallSidCA1", encoding: "base64", bodySha256: undefined },
      { message: "https://app.example.com:443/voice", encoding: "base64", bodySha256: undefined }
    ])
  })

  it("reads the signature from either header, in any case", () => {
    expect(WebhookSignature.signatureOf({ "X-SignalWire-Signature": "a", "x-twilio-signature": "b" })).toBe("a")
    expect(WebhookSignature.signatureOf({ "x-twilio-signature": ["b"] })).toBe("b")
    expect(WebhookSignature.signatureOf({ "x-signalwire-signature": "" })).toBeUndefined()
  })
})
