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

describe("WebhookSignature", () => {
  it("signs compat requests as base64 HMAC-SHA1 of the URL and the parameters sorted by name", () => {
    const expected = oracle(KEY, `${URL_}CallSidCA1Digits42#From+15551234567To+15553330000`, "base64")
    expect(WebhookSignature.sign(key, URL_, FORM)).toBe(expected)
    expect(WebhookSignature.sign(key, URL_, new URLSearchParams(FORM).toString())).toBe(expected)
    expect(WebhookSignature.sign(key, URL_, [["b", "2"], ["a", "9"], ["b", "1"]])).toBe(oracle(KEY, `${URL_}a9b2b1`, "base64"))
    expect(WebhookSignature.sign(key, URL_, { b: ["2", "1"], a: "é" })).toBe(oracle(KEY, `${URL_}aéb2b1`, "base64"))
    // Long keys (hashed first, as HMAC does) and long messages (several blocks).
    const long = "k".repeat(100)
    expect(WebhookSignature.sign(Redacted.make(long), URL_, { Body: "x".repeat(1000) })).toBe(oracle(long, `${URL_}Body${"x".repeat(1000)}`, "base64"))
    expect(WebhookSignature.signBody(key, URL_, "{\"a\":1}")).toBe(oracle(KEY, `${URL_}{"a":1}`, "hex"))
  })

  it("validates either scheme, refuses a tampered body, a wrong URL or key, and a missing signature", () =>
    Effect.gen(function*() {
      const raw = new URLSearchParams(FORM).toString()
      const signature = WebhookSignature.sign(key, URL_, FORM)
      expect(WebhookSignature.isValid({ signingKey: key, url: URL_, body: raw, signature })).toBe(true)
      expect(WebhookSignature.isValid({ signingKey: key, url: URL_, body: FORM, signature })).toBe(true)
      yield* WebhookSignature.validate({ signingKey: key, url: URL_, body: raw, signature })
      const json = "{\"call\":{\"call_id\":\"c1\"}}"
      expect(WebhookSignature.isValid({ signingKey: key, url: URL_, body: json, signature: WebhookSignature.signBody(key, URL_, json) })).toBe(true)

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

  it("accepts the URL with or without its default port, and checks bodySHA256", () => {
    const signature = WebhookSignature.sign(key, "https://app.example.com:443/voice", FORM)
    expect(WebhookSignature.isValid({ signingKey: key, url: "https://app.example.com/voice", body: FORM, signature })).toBe(true)
    const plain = WebhookSignature.sign(key, "http://app.example.com/voice", FORM)
    expect(WebhookSignature.isValid({ signingKey: key, url: "http://app.example.com:80/voice", body: FORM, signature: plain })).toBe(true)
    expect(WebhookSignature.isValid({ signingKey: key, url: "http://app.example.com:8080/voice", body: FORM, signature: plain })).toBe(false)

    const json = "{\"event\":\"x\"}"
    const url = `https://app.example.com/cb?bodySHA256=${createHash("sha256").update(json).digest("hex")}`
    const signed = WebhookSignature.sign(key, url)
    expect(WebhookSignature.isValid({ signingKey: key, url, body: json, signature: signed })).toBe(true)
    expect(WebhookSignature.isValid({ signingKey: key, url, body: "{\"event\":\"y\"}", signature: signed })).toBe(false)
  })

  it("reads the signature from either header, in any case", () => {
    expect(WebhookSignature.signatureOf({ "X-SignalWire-Signature": "a", "x-twilio-signature": "b" })).toBe("a")
    expect(WebhookSignature.signatureOf({ "x-twilio-signature": ["b"] })).toBe("b")
    expect(WebhookSignature.signatureOf({ "x-signalwire-signature": "" })).toBeUndefined()
  })
})
