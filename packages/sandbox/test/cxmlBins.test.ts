import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { cxmlServer, xml } from "./fixtures/cxmlServer.js"
import { tags, withRest } from "./fixtures/cxmlRun.js"

const OURS = "+15551234567"
const OFFICE = "+15552220000"
const CALLEE = "+15553330000"
const KEY = "PSK_cxml3_bins"

describe("LaML bins and Fabric cXML scripts served at their request_url", () => {
  it.scopedLive("a number pointed at a bin's request_url runs its cXML; a compat call to a Fabric cXML script's runs it; both count their requests", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const app = yield* cxmlServer({ "/after": () => xml(`<Say>After the bin</Say>`) }, { signingKey: Redacted.make(KEY) })
      const { bin, script } = yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const bin = yield* rest.compat.lamlBins.create({
            Name: "greeting",
            Contents: xml(`<Say>Hello from the bin</Say>`, `<Redirect>${app.url("/after")}</Redirect>`)
          })
          const office = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === OFFICE)!
          yield* rest.compat.phoneNumbers.update(office.sid, { VoiceUrl: bin.request_url! })
          const script = yield* rest.fabric.cxmlScripts.create({ display_name: "scripted", contents: xml(`<Say>Hello from the script</Say>`, `<Hangup/>`) })
          return { bin, script }
        }))
      expect(bin.request_url).toBe(`${sandbox.rest.baseUrl}/laml-bins/${bin.sid}`)
      const scriptUrl = (script as unknown as { readonly cxml_script: { readonly request_url: string } }).cxml_script.request_url
      expect(scriptUrl).toBe(`${sandbox.rest.baseUrl}/laml-bins/${script.id}`)

      // The bin is public and served as text/xml (GET or POST, as a cXML fetch may be either).
      const served = yield* Effect.promise(() => fetch(bin.request_url!).then(async (r) => ({ status: r.status, type: r.headers.get("content-type"), text: await r.text() })))
      expect(served).toMatchObject({ status: 200, type: expect.stringContaining("text/xml"), text: expect.stringContaining("Hello from the bin") })
      expect((yield* Effect.promise(() => fetch(`${sandbox.rest.baseUrl}/laml-bins/00000000-0000-0000-0000-000000000000`))).status).toBe(404)

      const inbound = yield* sandbox.calls.inbound({ from: "+15557770000", to: OFFICE })
      const entries = yield* sandbox.swml.waitForEnd(inbound.callId).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual([
        "HttpExchange", "DocumentStarted", "Verb Say", "Played", "Verb Redirect",
        "HttpExchange", "DocumentStarted", "Verb Say", "Played", "CallEnded"
      ])
      expect(entries[0]).toMatchObject({ purpose: "cxml", method: "POST", url: bin.request_url, status: 200, signed: true })
      expect(entries[1]).toMatchObject({ source: bin.request_url, via: "binding", format: "cxml" })
      expect(entries.filter((e) => e._tag === "Played").map((e) => e.text)).toEqual(["Hello from the bin", "After the bin"])
      // The application after the bin gets the platform's (signed) request.
      const after = app.hits().find((h) => h.path === "/after")!
      expect(after.signatureValid).toBe(true)
      expect(after.form).toMatchObject({ CallSid: inbound.callId, To: OFFICE, Direction: "inbound" })

      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: scriptUrl, Method: "GET" }))
      const scripted = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      expect(scripted.find((e) => e._tag === "HttpExchange")).toMatchObject({ method: "GET", status: 200 })
      expect(scripted.filter((e) => e._tag === "Played").map((e) => e.text)).toEqual(["Hello from the script"])
      expect(scripted.at(-1)).toMatchObject({ _tag: "CallEnded", by: "cxml" })

      const [binAfter, scriptAfter] = yield* withRest(sandbox, (rest) => Effect.all([rest.compat.lamlBins.get(bin.sid), rest.fabric.cxmlScripts.get(script.id)]))
      // The direct fetch above and the call's.
      expect(binAfter).toMatchObject({ num_requests: 2, date_last_accessed: expect.stringMatching(/\+0000$/) })
      expect((scriptAfter as unknown as { readonly cxml_script: unknown }).cxml_script).toMatchObject({ request_count: 1, last_accessed_at: expect.any(String) })
      // The bin requests are in the REST journal, outside the API's operations.
      const journal = yield* sandbox.rest.journal
      expect(journal.filter((r) => r.path === `/laml-bins/${bin.sid}`).map((r) => [r.method, r.operation, r.status])).toEqual([
        ["GET", undefined, 200],
        ["POST", undefined, 200]
      ])
    }))
})

describe("fallback URLs", () => {
  it.scopedLive("a number's (and an application's) VoiceFallbackUrl is requested when the VoiceUrl fails (non-2xx), with the same parameters; both requests are in the transcript", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/broken": () => ({ status: 500, body: "oops" }),
        "/fallback": () => xml(`<Say>Fallback here</Say>`)
      })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const office = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === OFFICE)!
          const updated = yield* rest.compat.phoneNumbers.update(office.sid, { VoiceUrl: app.url("/broken"), VoiceFallbackUrl: app.url("/fallback"), VoiceFallbackMethod: "GET" })
          expect(updated).toMatchObject({ voice_fallback_url: app.url("/fallback"), voice_fallback_method: "GET" })
        }))
      const call = yield* sandbox.calls.inbound({ from: "+15557770000", to: OFFICE })
      const entries = yield* sandbox.swml.waitForEnd(call.callId).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual(["HttpFailed", "HttpExchange", "DocumentStarted", "Verb Say", "Played", "CallEnded"])
      expect(entries[0]).toMatchObject({ purpose: "cxml", url: app.url("/broken"), reason: "status", status: 500 })
      expect(entries[1]).toMatchObject({ purpose: "cxml", method: "GET", url: expect.stringContaining(app.url("/fallback")), status: 200 })
      expect(entries[2]).toMatchObject({ source: app.url("/fallback"), via: "fallback", format: "cxml" })
      expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "hangup", by: "cxml" })
      const [primary, fallback] = ["/broken", "/fallback"].map((path) => app.hits().find((h) => h.path === path)!)
      expect(primary!.method).toBe("POST")
      expect(fallback!.method).toBe("GET")
      expect(fallback!.query).toEqual(primary!.form)

      // An application's VoiceFallbackUrl, for a number bound to the application.
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const application = yield* rest.compat.applications.create({ FriendlyName: "ivr", VoiceUrl: app.url("/broken"), VoiceFallbackUrl: app.url("/fallback") })
          const main = (yield* rest.compat.phoneNumbers.list()).incoming_phone_numbers.find((n) => n.phone_number === OURS)!
          yield* rest.compat.phoneNumbers.update(main.sid, { VoiceApplicationSid: application.sid })
        }))
      const viaApp = yield* sandbox.calls.inbound({ from: "+15557770001", to: OURS })
      const appEntries = yield* sandbox.swml.waitForEnd(viaApp.callId).pipe(Effect.timeout("10 seconds"))
      expect(tags(appEntries)).toEqual(["HttpFailed", "HttpExchange", "DocumentStarted", "Verb Say", "Played", "CallEnded"])
      expect(appEntries[2]).toMatchObject({ source: app.url("/fallback"), via: "fallback" })
      expect(app.hits().filter((h) => h.path === "/fallback").at(-1)).toMatchObject({ method: "POST", form: { CallSid: viaApp.callId, To: OURS } })
    }))

  it.scopedLive("a compat call's FallbackUrl stands in for its Url and for an action answering unparsable cXML; a failing fallback ends the call (error)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script(CALLEE, { inputs: [{ digits: "7" }] })
      const app = yield* cxmlServer({
        "/fallback": (hit) =>
          hit.params.Digits === undefined
            ? xml(`<Gather action="/gathered" numDigits="1"><Say>Press a key</Say></Gather>`)
            : xml(`<Say>You pressed ${hit.params.Digits}</Say>`),
        "/gathered": () => "<Response><Say>unclosed</Response>"
      })
      // Port 1 of loopback: nothing listens there (the connection is refused).
      const unreachable = "http://127.0.0.1:1/nowhere"
      const call = yield* withRest(sandbox, (rest) =>
        rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/gathered"), FallbackUrl: app.url("/fallback") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual([
        "HttpExchange", "CxmlInvalid", "HttpExchange", "DocumentStarted", "Verb Gather", "Played", "PromptResult",
        "HttpExchange", "CxmlInvalid", "HttpExchange", "DocumentStarted", "Verb Say", "Played", "CallEnded"
      ])
      expect(entries.filter((e) => e._tag === "DocumentStarted").map((e) => e.via)).toEqual(["fallback", "fallback"])
      expect(entries.filter((e) => e._tag === "Played").map((e) => e.text)).toEqual(["Press a key", "You pressed 7"])
      // The fallback got the parameters of the action it stands in for.
      const fallbacks = app.hits().filter((h) => h.path === "/fallback")
      expect(fallbacks.map((h) => h.form.Digits)).toEqual([undefined, "7"])
      expect(fallbacks[1]!.form).toMatchObject({ CallSid: call.sid, Direction: "outbound-api" })

      // A fallback that fails too ends the call.
      const lost = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: unreachable, FallbackUrl: unreachable }))
      const ended = yield* sandbox.swml.waitForEnd(lost.sid).pipe(Effect.timeout("10 seconds"))
      expect(tags(ended)).toEqual(["HttpFailed", "HttpFailed", "CallEnded"])
      expect(ended.at(-1)).toMatchObject({ reason: "error", by: "error" })
    }))
})
