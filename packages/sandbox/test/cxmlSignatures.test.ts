import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { cxmlServer, xml } from "./fixtures/cxmlServer.js"
import { tags, withRest } from "./fixtures/cxmlRun.js"

const OURS = "+15551234567"
const CALLEE = "+15553330000"

describe("cXML request signatures", () => {
  it.scopedLive("every document fetch, action request and status callback is signed; the application's validator accepts them and refuses a tampered body", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script(CALLEE, { inputs: [{ digits: "7" }] })
      const app = yield* cxmlServer({
        "/start": () => xml(`<Gather action="/gathered?step=2" method="GET" numDigits="1"><Say>Press a key</Say></Gather>`),
        "/gathered": () => xml(`<Redirect>/last</Redirect>`),
        "/last": () => xml(`<Hangup/>`),
        "/status": () => ""
      }, { signingKey: sandbox.swml.signingKey })
      const call = yield* withRest(sandbox, (rest) =>
        rest.compat.calls.create({
          To: CALLEE,
          From: OURS,
          Url: app.url("/start"),
          StatusCallback: app.url("/status"),
          StatusCallbackEvent: ["initiated", "completed"]
        }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("20 seconds"))
      yield* app.waitFor((h) => h.path === "/status" && h.form.CallStatus === "completed").pipe(Effect.timeout("10 seconds"))

      const hits = app.hits()
      expect(hits.map((h) => `${h.method} ${h.path}`)).toEqual(expect.arrayContaining(["POST /start", "GET /gathered", "POST /last", "POST /status"]))
      for (const hit of hits) {
        expect(hit.signatureValid, `${hit.method} ${hit.path}`).toBe(true)
        // The same signature in SignalWire's header and the Twilio-compatible one.
        expect(hit.headers["x-twilio-signature"]).toBe(hit.headers["x-signalwire-signature"])
      }
      expect(hits.find((h) => h.path === "/gathered")!.query).toMatchObject({ step: "2", Digits: "7" })
      expect(entries.filter((e) => e._tag === "HttpExchange").every((e) => e.signed)).toBe(true)
      expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "hangup", by: "cxml" })

      // The same request with one parameter changed is refused by the application.
      const first = hits.find((h) => h.path === "/start")!
      const replay = (body: string) =>
        Effect.promise(() =>
          fetch(first.url, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", "x-signalwire-signature": String(first.headers["x-signalwire-signature"]) },
            body
          }).then((r) => r.status)
        )
      expect(yield* replay(first.rawBody)).toBe(200)
      expect(yield* replay(first.rawBody.replace(`From=${encodeURIComponent(OURS)}`, "From=%2B15550000000"))).toBe(403)
      expect(app.hits().at(-1)!.signatureValid).toBe(false)
    }))

  it.scopedLive("an application that checks with another key refuses the fetch: the call ends with HttpFailed (forbidden)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: "PSK_not_the_apps" })
      const other = yield* RelaySandbox.make({ signingKey: "PSK_the_apps" })
      const app = yield* cxmlServer({ "/start": () => xml(`<Say>hi</Say>`) }, { signingKey: other.swml.signingKey })
      const call = yield* withRest(sandbox, (rest) => rest.compat.calls.create({ To: CALLEE, From: OURS, Url: app.url("/start") }))
      const entries = yield* sandbox.swml.waitForEnd(call.sid).pipe(Effect.timeout("10 seconds"))
      expect(tags(entries)).toEqual(["HttpFailed", "CallEnded"])
      expect(entries[0]).toMatchObject({ purpose: "cxml", reason: "forbidden", status: 403, signed: true })
      expect(app.hits()[0]!.signatureValid).toBe(false)
    }))
})
