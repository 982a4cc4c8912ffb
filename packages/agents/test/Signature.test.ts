import { createHmac } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { BasicAuth, Signature, SWMLService, ToolToken } from "../src/index.js"
import { basicAuth, callInfo, request, serveAll } from "./fixtures/server.js"

const key = Redacted.make("PSK_test_signing_key")
const url = "https://agent.example.com/support?tenant=7&x=a%20b"
const body = "{\"call\":{\"call_id\":\"c-1\"}}"
// Computed once with Python's hmac module, independently of this package.
const knownSha1 = "7539e9792349cebea19a5a5bac63ce14b3b6af40"
const knownSha256 = "6dc559341d50d8ab342e1be350290ec4e4220fd846ad74651048c3ac8301e744"

describe("Signature", () => {
  it("signs url + body with HMAC-SHA1 and HMAC-SHA256 in hex (known vectors)", () => {
    expect(Signature.sign("sha1", key, url, body)).toBe(knownSha1)
    expect(Signature.sign("sha256", key, url, body)).toBe(knownSha256)
    expect(createHmac("sha1", "PSK_test_signing_key").update(url + body).digest("hex")).toBe(knownSha1)
  })

  it("verifies: both headers, SHA1 alone, upper-case hex; rejects missing, wrong, other URL or body", () => {
    const ok = (headers: Record<string, string>, u = url, b = body) =>
      Either.isRight(Signature.verify({ signingKey: key, url: u, body: b, headers }))
    expect(ok({ "x-signalwire-signature": knownSha1, "x-signalwire-sha256-signature": knownSha256 })).toBe(true)
    expect(ok({ "x-signalwire-signature": knownSha1 })).toBe(true)
    expect(ok({ "x-signalwire-signature": knownSha1.toUpperCase() })).toBe(true)
    expect(ok({})).toBe(false)
    expect(ok({ "x-signalwire-signature": knownSha1, "x-signalwire-sha256-signature": "00" })).toBe(false)
    expect(ok({ "x-signalwire-signature": knownSha1.replace("7", "8") })).toBe(false)
    expect(ok({ "x-signalwire-signature": knownSha1 }, "https://agent.example.com/support?tenant=8")).toBe(false)
    expect(ok({ "x-signalwire-signature": knownSha1 }, url, body + " ")).toBe(false)
    const missing = Signature.verify({ signingKey: key, url, body, headers: {} })
    expect(Either.isLeft(missing) && missing.left.reason).toBe("missing")
  })
})

describe("signed SWML requests over HTTP", () => {
  const ivr = SWMLService.make({
    name: "ivr",
    route: "/ivr",
    basicAuth,
    signingKey: key,
    document: { version: "1.0.0", sections: { main: [{ answer: {} }, { hangup: {} }] } }
  })

  it.scopedLive("accepts a request signed over the full URL and raw body, 403 otherwise", () =>
    Effect.gen(function*() {
      const { origin } = yield* serveAll([ivr], Layer.empty)
      const target = `${origin}/ivr?from=%2B1555&x=1`
      const text = JSON.stringify(callInfo("c-5"))
      const signed = (u: string, b: string) => ({
        "x-signalwire-signature": createHmac("sha1", Redacted.value(key)).update(u + b).digest("hex"),
        "x-signalwire-sha256-signature": createHmac("sha256", Redacted.value(key)).update(u + b).digest("hex")
      })
      const ok = yield* request(target, { body: text, headers: signed(target, text) })
      expect(ok.status).toBe(200)
      expect(ok.body).toEqual({ version: "1.0.0", sections: { main: [{ answer: {} }, { hangup: {} }] } })
      expect((yield* request(target, { body: text })).status).toBe(403)
      expect((yield* request(target, { body: text, headers: signed(`${origin}/ivr`, text) })).status).toBe(403)
      expect((yield* request(target, { body: text + " ", headers: signed(target, text) })).status).toBe(403)
      // Auth is still checked first; health stays open and unsigned.
      expect((yield* request(target, { body: text, auth: false, headers: signed(target, text) })).status).toBe(401)
      expect((yield* request(`${origin}/ivr/health`, { auth: false })).status).toBe(200)
    }))

  it.scopedLive("behind a proxy the signature covers the public URL (SWML_PROXY_URL_BASE)", () =>
    Effect.gen(function*() {
      const proxied = SWMLService.make({ ...ivr.options, proxyUrlBase: "https://public.example.com/", document: { version: "1.0.0", sections: { main: [] } } })
      const { origin } = yield* serveAll([proxied], Layer.empty)
      const publicUrl = "https://public.example.com/ivr?x=1"
      const sig = createHmac("sha1", Redacted.value(key)).update(publicUrl).digest("hex")
      expect((yield* request(`${origin}/ivr?x=1`, { headers: { "x-signalwire-signature": sig } })).status).toBe(200)
      const local = createHmac("sha1", Redacted.value(key)).update(`${origin}/ivr?x=1`).digest("hex")
      expect((yield* request(`${origin}/ivr?x=1`, { headers: { "x-signalwire-signature": local } })).status).toBe(403)
    }))
})

describe("ToolToken", () => {
  it.effect("valid for its call and function until it expires", () =>
    Effect.gen(function*() {
      const secret = ToolToken.secret(Redacted.make("shared"))
      const token = yield* ToolToken.create(secret, { callId: "c.1", function: "transfer", ttlSeconds: 60 })
      const check = (callId: string, fn: string, t = token) =>
        Effect.either(ToolToken.validate(secret, { callId, function: fn, token: t }))
      expect(Either.isRight(yield* check("c.1", "transfer"))).toBe(true)
      expect(Either.getLeft(yield* check("c.2", "transfer")).pipe((o) => o._tag === "Some" && o.value.reason)).toBe("call")
      expect(Either.getLeft(yield* check("c.1", "other")).pipe((o) => o._tag === "Some" && o.value.reason)).toBe("function")
      const other = ToolToken.secret(Redacted.make("other"))
      expect(Either.isLeft(yield* Effect.either(ToolToken.validate(other, { callId: "c.1", function: "transfer", token })))).toBe(true)
      expect(Either.isLeft(yield* check("c.1", "transfer", "garbage"))).toBe(true)
      yield* TestClock.adjust("61 seconds")
      expect(Either.getLeft(yield* check("c.1", "transfer")).pipe((o) => o._tag === "Some" && o.value.reason)).toBe("expired")
    }))

  it("keeps the reference format: base64url of callId.function.expiry.nonce.hmacSha256Hex", () => {
    const token = Effect.runSync(ToolToken.create(ToolToken.secret(Redacted.make("k")), { callId: "c", function: "f", ttlSeconds: 10 }))
    const [callId, fn, expiry, nonce, sig] = Buffer.from(token, "base64url").toString("utf8").split(".")
    expect([callId, fn]).toEqual(["c", "f"])
    expect(sig).toBe(createHmac("sha256", "k").update(`c:f:${expiry}:${nonce}`).digest("hex"))
  })
})

describe("BasicAuth", () => {
  it("checks the header in constant time; case-sensitive password", () => {
    const c = BasicAuth.make("user", Redacted.make("Secret"))
    const header = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`
    expect(BasicAuth.check(c, header("user", "Secret"))).toBe(true)
    expect(BasicAuth.check(c, header("user", "secret"))).toBe(false)
    expect(BasicAuth.check(c, header("User", "Secret"))).toBe(false)
    expect(BasicAuth.check(c, undefined)).toBe(false)
    expect(BasicAuth.check(c, "Bearer abc")).toBe(false)
    expect(String(c.password)).toBe("<redacted>")
  })

  it.effect("resolves provided, then environment, then generated (the password never printed by String())", () =>
    Effect.gen(function*() {
      const env = ConfigProvider.fromMap(new Map([["SWML_BASIC_AUTH_USER", "env-user"], ["SWML_BASIC_AUTH_PASSWORD", "env-pass"]]))
      const empty = ConfigProvider.fromMap(new Map())
      const provided = yield* BasicAuth.resolve({ name: "x", provided: BasicAuth.make("mine", Redacted.make("p")) }).pipe(
        Effect.withConfigProvider(env)
      )
      expect(provided.user).toBe("mine")
      const fromEnv = yield* BasicAuth.resolve({ name: "x" }).pipe(Effect.withConfigProvider(env))
      expect([fromEnv.user, Redacted.value(fromEnv.password), fromEnv.source]).toEqual(["env-user", "env-pass", "environment"])
      const generated = yield* BasicAuth.resolve({ name: "Support Desk!", print: false }).pipe(Effect.withConfigProvider(empty))
      expect(generated.user).toBe("SupportDesk")
      expect(Redacted.value(generated.password)).toMatch(/^[0-9a-f]{32}$/)
      expect(generated.source).toBe("generated")
    }))
})
