import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { SkillHttp } from "../src/index.js"
import { fakeApi } from "./fixtures/fakeApi.js"

const open = { allowPrivate: true } as const

describe("SkillHttp: addresses", () => {
  it("refuses private, loopback, link-local, CGNAT, ULA, unspecified, metadata (v4, v6, v4 in v6)", () => {
    const refused = [
      "0.0.0.0", "10.1.2.3", "100.64.0.1", "100.100.100.200", "127.0.0.1", "127.255.255.254", "169.254.169.254",
      "172.16.0.1", "172.31.255.255", "192.168.1.1", "192.0.0.170", "198.18.0.1", "224.0.0.1", "255.255.255.255",
      "::", "::1", "[::1]", "fe80::1", "fe80::1%eth0", "fc00::1", "fd00:ec2::254", "fec0::1", "ff02::1",
      "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "::127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1"
    ]
    const allowed = ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700::1111",
      "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "example.com"]
    for (const ip of refused) expect([ip, SkillHttp.isPrivateAddress(ip)]).toEqual([ip, true])
    for (const ip of allowed) expect([ip, SkillHttp.isPrivateAddress(ip)]).toEqual([ip, false])
  })

  it.effect("validateUrl: http(s) only; private literals and names resolving to loopback refused", () =>
    Effect.gen(function*() {
      const reason = (url: string, allowPrivate?: boolean) =>
        SkillHttp.validateUrl(url, { allowPrivate }).pipe(Effect.flip, Effect.map((e) => e.reason))
      expect(yield* reason("ftp://example.com/x", false)).toBe("invalid-url")
      expect(yield* reason("javascript:alert(1)", false)).toBe("invalid-url")
      expect(yield* reason("not a url", false)).toBe("invalid-url")
      expect(yield* reason("http://169.254.169.254/latest/meta-data/", false)).toBe("blocked-address")
      expect(yield* reason("http://[::ffff:127.0.0.1]:8080/", false)).toBe("blocked-address")
      expect(yield* reason("http://2130706433/", false)).toBe("blocked-address") // 127.0.0.1 as one number
      expect(yield* reason("http://0x7f.1/", false)).toBe("blocked-address")
      expect(yield* reason("http://localhost:9/", false)).toBe("blocked-address") // through DNS (/etc/hosts)
      const ok = yield* SkillHttp.validateUrl("https://8.8.8.8/dns?q=1", { allowPrivate: false })
      expect(ok.hostname).toBe("8.8.8.8")
      expect((yield* SkillHttp.validateUrl("http://127.0.0.1:1/", open)).port).toBe("1")
    }))

  it.effect("validateUrl reads SWML_ALLOW_PRIVATE_URLS when not told", () =>
    Effect.gen(function*() {
      const check = SkillHttp.validateUrl("http://10.0.0.1/").pipe(Effect.either)
      expect(Either.isLeft(yield* check)).toBe(true)
      const allowed = yield* check.pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["SWML_ALLOW_PRIVATE_URLS", "true"]])))
      )
      expect(Either.isRight(allowed)).toBe(true)
    }))
})

describe("SkillHttp: redaction, headers, input", () => {
  it("redactUrl masks userinfo and key-like query values, keeps the rest", () => {
    expect(SkillHttp.redactUrl("https://user:s3cret@api.example.com/v1?q=Paris&appid=abc&units=metric"))
      .toBe("https://user:****@api.example.com/v1?q=Paris&appid=****&units=metric")
    expect(SkillHttp.redactUrl("https://tok3n@api.example.com/")).toBe("https://****@api.example.com/")
    expect(SkillHttp.redactUrl("https://g.example.com/cs?key=K&cx=C&q=a+b&access_token=T&API_KEY=Z"))
      .toBe("https://g.example.com/cs?key=****&cx=C&q=a+b&access_token=****&API_KEY=****")
    expect(SkillHttp.redactUrl("https://example.com/plain")).toBe("https://example.com/plain")
    expect(SkillHttp.redactUrl("//u:p@host/x?token=abc")).toBe("//****@host/x?token=****")
  })

  it("filterSensitiveHeaders drops credentials, whatever the case", () => {
    expect(SkillHttp.filterSensitiveHeaders({
      Authorization: "Basic x",
      cookie: "a=b",
      "X-API-Key": "k",
      "Proxy-Authorization": "p",
      "Set-Cookie": "s",
      "X-Auth-Token": "t",
      Accept: "text/html",
      "user-agent": "ua"
    })).toEqual({ Accept: "text/html", "user-agent": "ua" })
  })

  it("capInput trims and bounds at MAX_SKILL_INPUT_LENGTH (1000)", () => {
    expect(SkillHttp.MAX_SKILL_INPUT_LENGTH).toBe(1000)
    expect(SkillHttp.capInput("  Paris  ")).toEqual(Either.right("Paris"))
    expect(SkillHttp.capInput("x".repeat(1000))).toEqual(Either.right("x".repeat(1000)))
    expect(SkillHttp.capInput("x".repeat(1001))).toEqual(Either.left(1001))
    expect(SkillHttp.capInput("abcd", 3)).toEqual(Either.left(4))
  })
})

const Weather = Schema.Struct({ name: Schema.String, temp: Schema.Number })

describe("SkillHttp: requests over loopback", () => {
  it.scopedLive("getJson sends the query and headers, decodes the answer", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi(() => ({ json: { name: "Paris", temp: 21.5, extra: true } }))
      const got = yield* SkillHttp.getJson(`${api.origin}/data/2.5/weather?fixed=1`, Weather, {
        ...open,
        query: { q: "Paris, FR", appid: "k-1", skipped: undefined },
        headers: { "X-Api-Key": "secret-key" }
      })
      expect(got).toEqual({ name: "Paris", temp: 21.5 })
      const [req] = api.received
      expect(req!.method).toBe("GET")
      expect(req!.path).toBe("/data/2.5/weather")
      expect(Object.fromEntries(req!.query)).toEqual({ fixed: "1", q: "Paris, FR", appid: "k-1" })
      expect(req!.headers["x-api-key"]).toBe("secret-key")
      expect(req!.headers["accept"]).toBe("application/json")
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scopedLive("postJson sends a JSON body", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi((r) => ({ json: { echoed: JSON.parse(r.body) } }))
      const got = yield* SkillHttp.postJson(`${api.origin}/v1/messages`, { model: "m", n: 1 }, Schema.Struct({
        echoed: Schema.Struct({ model: Schema.String, n: Schema.Number })
      }), open)
      expect(got.echoed).toEqual({ model: "m", n: 1 })
      expect(api.received[0]!.method).toBe("POST")
      expect(api.received[0]!.headers["content-type"]).toContain("application/json")
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scopedLive("typed failures: status, decode, timeout, too-large, blocked; the key never in the message", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi((r) =>
        r.path === "/500"
          ? { status: 500, json: { error: "boom" } }
          : r.path === "/hang"
          ? "hang"
          : r.path === "/big"
          ? { text: "x".repeat(5000) }
          : { json: { name: 1 } }
      )
      const fail = Effect.flip<unknown, SkillHttp.SkillHttpError, HttpClient.HttpClient>
      const status = yield* fail(SkillHttp.getJson(`${api.origin}/500`, Weather, { ...open, query: { key: "top-secret" } }))
      expect(status.reason).toBe("status")
      expect(status.status).toBe(500)
      expect(status.message).not.toContain("top-secret")
      expect(status.message).toContain("key=****")
      const decode = yield* fail(SkillHttp.getJson(`${api.origin}/bad`, Weather, open))
      expect(decode.reason).toBe("decode")
      const timeout = yield* fail(
        SkillHttp.getJson(`${api.origin}/hang`, Weather, { ...open, timeout: "300 millis", query: { appid: "s3" } })
      )
      expect(timeout.reason).toBe("timeout")
      expect(timeout.message).not.toContain("s3")
      const big = yield* Effect.flip(SkillHttp.getText(`${api.origin}/big`, { ...open, maxBytes: 1000 }))
      expect(big.reason).toBe("too-large")
      const blocked = yield* Effect.flip(SkillHttp.getText(`${api.origin}/ok`, { allowPrivate: false }))
      expect(blocked.reason).toBe("blocked-address")
      expect(api.received.map((r) => r.path)).toEqual(["/500", "/bad", "/hang", "/big"]) // nothing sent when blocked
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scopedLive("redirects are followed by hand (each target validated), within a bound", () =>
    Effect.gen(function*() {
      const api = yield* fakeApi((r) =>
        r.path === "/from"
          ? { status: 302, text: "", headers: { location: "/to?x=1" } }
          : r.path === "/loop"
          ? { status: 301, text: "", headers: { location: "/loop" } }
          : { text: "<p>arrived</p>" }
      )
      const page = yield* SkillHttp.getText(`${api.origin}/from`, open)
      expect(page.body).toBe("<p>arrived</p>")
      expect(page.url).toBe(`${api.origin}/to?x=1`)
      const loop = yield* Effect.flip(SkillHttp.getText(`${api.origin}/loop`, { ...open, maxRedirects: 3 }))
      expect(loop.reason).toBe("transport")
      expect(api.received.filter((r) => r.path === "/loop")).toHaveLength(4)
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scopedLive("a connection refused is a transport failure", () =>
    Effect.gen(function*() {
      const e = yield* Effect.flip(SkillHttp.getText(`http://127.0.0.1:1/`, open))
      expect(e.reason).toBe("transport")
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})
