import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { RelaySandbox, type SwmlSandbox, type Transcript } from "@signalwire-effect/sandbox"
import { type Served, serve } from "./swmlServer.js"

const CALLER = "+15551110000"
const OFFICE = "+15552220000"
const KEY = "PSK_flow_key"

const said = (entries: ReadonlyArray<Transcript.Entry>) => entries.flatMap((e) => (e._tag === "Played" && e.kind === "say" ? [e.text] : []))
const last = (entries: ReadonlyArray<Transcript.Entry>) => entries.at(-1)

const runInbound = (sandbox: RelaySandbox.Sandbox, swml: SwmlSandbox.Source, script?: RelaySandbox.CallScript) =>
  Effect.gen(function*() {
    const call = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, swml, script })
    return yield* sandbox.swml.waitForEnd(call.callId).pipe(Effect.timeout("10 seconds"))
  })

describe("SWML control flow and failures", () => {
  it.scopedLive("execute / return / transfer across sections and URLs, with params and return_value", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const server: Served = yield* serve({
        signingKey: Redacted.make(KEY),
        routes: {
          "/main": () => ({
            body: {
              sections: {
                main: [
                  {
                    execute: {
                      dest: "add",
                      params: { a: 2, b: 3 },
                      on_return: [{ switch: { variable: "return_value", case: { "5": [{ play: { url: "say:Math works" } }] }, default: [{ hangup: {} }] } }]
                    }
                  },
                  { play: { url: "say:params are restored: %{params.a}." } },
                  { execute: { dest: server.url("/remote"), params: { who: "Ada" }, result: { variable: "return_value", case: { ok: [{ play: { url: "say:remote said ok" } }] } } } },
                  { transfer: { dest: "second", params: { n: 7 } } },
                  { play: { url: "say:never" } }
                ],
                add: [{ play: { url: "say:adding %{params.a} and %{params.b}" } }, { return: "${parseInt(params.a) + parseInt(params.b)}" }],
                second: [{ play: { url: "say:second section n=%{params.n}" } }, { transfer: { dest: server.url("/last") } }]
              }
            }
          }),
          "/remote": (request) => ({
            body: { sections: { main: [{ play: { url: `say:remote for ${request.json.params.who}` } }, { return: "ok" }] } }
          }),
          "/last": () => ({ body: { sections: { main: [{ play: { url: "say:last document, x=%{vars.x}" } }, { set: { x: 1 } }] } } })
        }
      })
      const entries = yield* runInbound(sandbox, server.url("/main"))
      expect(said(entries)).toEqual([
        "adding 2 and 3",
        "Math works",
        "params are restored: .",
        "remote for Ada",
        "remote said ok",
        "second section n=7",
        "last document, x="
      ])
      expect(entries.filter((e) => e._tag === "Jumped").map((e) => [e.kind, e.target])).toEqual([
        ["execute", "add"],
        ["return", server.url("/main")],
        ["execute", server.url("/remote")],
        ["return", server.url("/remote")],
        ["transfer", "second"],
        ["transfer", server.url("/last")]
      ])
      expect(entries.find((e) => e._tag === "Jumped" && e.kind === "return")).toMatchObject({ value: 5 })
      expect(entries.filter((e) => e._tag === "DocumentStarted").map((e) => [e.source, e.via])).toEqual([
        [server.url("/main"), "api"],
        [server.url("/remote"), "execute"],
        [server.url("/last"), "transfer"]
      ])
      // The remote execute and the transfer were fetched with the params and the call's vars.
      const [, remote, lastFetch] = server.received()
      expect(remote!.json).toMatchObject({ params: { who: "Ada" }, call: { from: CALLER } })
      expect(lastFetch!.json.vars).toMatchObject({ return_value: "ok" })
      expect(last(entries)).toMatchObject({ _tag: "CallEnded", reason: "hangup", by: "swml" })
    }))

  it.scopedLive("a signing key the server does not share: 403, a typed entry, and the call ends", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: "PSK_the_project_key" })
      const server = yield* serve({ signingKey: Redacted.make("PSK_another_key"), routes: { "/agent": () => ({ body: { sections: { main: [] } } }) } })
      const entries = yield* runInbound(sandbox, server.url("/agent"))
      expect(entries).toMatchObject([
        { _tag: "HttpFailed", purpose: "swml", url: server.url("/agent"), signed: true, reason: "forbidden", status: 403 },
        { _tag: "CallEnded", reason: "error", by: "error" }
      ])
    }))

  it.scopedLive("an expression that never ends fails its verb with a typed entry, and the call ends", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const entries = yield* runInbound(sandbox, {
        sections: { main: [{ transfer: { dest: "${(() => { while (true) {} })()}" } }, { play: { url: "say:never" } }] }
      })
      expect(said(entries)).toEqual([])
      const failed = entries.find((e) => e._tag === "VerbFailed")
      expect(failed).toMatchObject({ _tag: "VerbFailed", verb: "transfer" })
      expect(failed?._tag === "VerbFailed" && failed.detail).toMatch(/timed out/)
      expect(last(entries)).toMatchObject({ _tag: "CallEnded" })
    }))

  it.scopedLive("Basic auth the server refuses (401), an unreachable server, a malformed document", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const server = yield* serve({
        auth: { user: "signalwire", password: "right" },
        routes: {
          "/bad": () => ({ body: { sections: { main: [{ play: { volume: 3 } }] } } }),
          "/text": () => ({ body: "this is not JSON" }),
          "/yaml": () => ({ body: "version: 1.0.0\nsections:\n  main:\n    - answer: {}\n    - hangup:\n        reason: hangup\n" })
        }
      })
      const wrong = server.url("/bad", { user: "signalwire", password: "wrong" })
      expect(yield* runInbound(sandbox, wrong)).toMatchObject([
        { _tag: "HttpFailed", reason: "unauthorized", status: 401, url: server.url("/bad") },
        { _tag: "CallEnded", reason: "error" }
      ])
      const invalid = yield* runInbound(sandbox, server.url("/bad", { user: "signalwire", password: "right" }))
      expect(invalid[0]).toMatchObject({ _tag: "HttpExchange", status: 200, basicAuth: true })
      expect(invalid[1]).toMatchObject({ _tag: "SwmlInvalid", source: server.url("/bad") })
      expect(invalid[1]!._tag === "SwmlInvalid" && invalid[1]!.issues.some((i) => i.path.includes("main") && i.path.includes("play"))).toBe(true)
      expect(last(invalid)).toMatchObject({ _tag: "CallEnded", reason: "error", by: "error" })
      const notJson = yield* runInbound(sandbox, server.url("/text", { user: "signalwire", password: "right" }))
      expect(notJson[1]).toMatchObject({ _tag: "SwmlInvalid" })
      // SWML in YAML, as the platform accepts it, runs.
      const yaml = yield* runInbound(sandbox, server.url("/yaml", { user: "signalwire", password: "right" }))
      expect(yaml.some((e) => e._tag === "SwmlInvalid")).toBe(false)
      expect(last(yaml)).toMatchObject({ _tag: "CallEnded", by: "swml" })
      // Port 9 (discard) on loopback: nobody listens.
      const unreachable = yield* runInbound(sandbox, "http://127.0.0.1:9/swml")
      expect(unreachable).toMatchObject([
        { _tag: "HttpFailed", purpose: "swml", reason: "unreachable", url: "http://127.0.0.1:9/swml" },
        { _tag: "CallEnded", reason: "error", by: "error" }
      ])
    }))

  it.scopedLive("a verb the sandbox does not simulate is a typed entry naming it, and the call ends", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const entries = yield* runInbound(sandbox, {
        sections: { main: [{ answer: {} }, { ai_sidecar: { lang: "en-US", url: "https://example.com/advice" } }, { play: { url: "say:never" } }] }
      })
      expect(entries.filter((e) => e._tag !== "Verb" && e._tag !== "DocumentStarted")).toMatchObject([
        { _tag: "VerbUnsupported", verb: "ai_sidecar", section: "main", index: 1, path: "main[1]" },
        { _tag: "CallEnded", reason: "error", by: "error" }
      ])
      expect(said(entries)).toEqual([])
    }))

  it.scopedLive("prompt by speech, record, sleep, unset and a connect bridged until the peer hangs up", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15553330000", { hangupAfter: "50 millis" })
      yield* sandbox.calls.script("+15554440000", { outcome: "busy" })
      const entries = yield* runInbound(sandbox, {
        sections: {
          main: [
            { prompt: { play: "say:Say a department", speech_hints: ["sales"] } },
            { set: { dept: "%{prompt_value}", tmp: 1 } },
            { unset: "tmp" },
            { record: { beep: true, end_silence_timeout: 0.1 } },
            { sleep: 20 },
            { connect: { to: "+15554440000", result: [{ when: "connect_result == 'failed'", then: [{ play: { url: "say:busy, trying %{dept}" } }] }] } },
            { connect: { serial: [{ to: "+15553330000" }] } },
            { play: { url: "say:connect %{connect_result} then %{record_result}" } }
          ]
        }
      }, { inputs: [{ speech: "sales", confidence: 0.8 }], recording: { speakFor: "50 millis" } })
      expect(entries.find((e) => e._tag === "PromptResult")).toMatchObject({ result: "match_speech", value: "sales", confidence: 0.8 })
      expect(entries.filter((e) => e._tag === "VarsChanged").at(2)).toMatchObject({ set: {}, unset: ["tmp"] })
      expect(entries.find((e) => e._tag === "Recorded")).toMatchObject({ result: "success", url: expect.stringContaining("https://sandbox.invalid/recordings/") })
      expect(entries.filter((e) => e._tag === "Connected").map((e) => [e.to, e.result])).toEqual([
        [["+15554440000"], "failed"],
        [["+15553330000"], "connected"]
      ])
      expect(said(entries).slice(1)).toEqual(["busy, trying sales", "connect connected then success"])
    }))
})
