import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { RelaySandbox, Transcript } from "@signalwire-effect/sandbox"
import { type Served, serve } from "./swmlServer.js"
import { bind } from "./fixtures/binding.js"

const CALLER = "+15551110000"
const OFFICE = "+15552220000"
const KEY = "PSK_test_signing_key"
const AUTH = { user: "signalwire", password: "s3cret" }


const tags = (entries: ReadonlyArray<Transcript.Entry>) => entries.map((e) => e._tag)
const verbs = (entries: ReadonlyArray<Transcript.Entry>) => entries.flatMap((e) => (e._tag === "Verb" ? [e.path + " " + e.verb] : []))

describe("SWML in the sandbox", () => {
  it.scopedLive("an inbound call to a number bound to a SWML URL runs the signed document it fetches", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const server: Served = yield* serve({
        signingKey: Redacted.make(KEY),
        auth: AUTH,
        unsigned: ["/lookup"],
        routes: {
          "/ivr": () => ({
            body: {
              version: "1.0.0",
              sections: {
                main: [
                  { answer: {} },
                  { set: { greeting: "Hello %{call.from}" } },
                  { play: { url: "say:%{greeting}" } },
                  { label: "menu" },
                  { prompt: { play: "say:Press 1 for sales", max_digits: 1 } },
                  {
                    cond: [
                      { when: "prompt_value == '9'", then: [{ goto: { label: "menu", max: 2 } }] },
                      {
                        when: "prompt_value == '1'",
                        then: [
                          { request: { url: server.url("/lookup", AUTH), method: "POST", body: { digit: "%{prompt_value}" }, save_variables: true } },
                          { send_sms: { from_number: OFFICE, to_number: "%{call.from}", body: "Order %{request_response.order}" } }
                        ]
                      },
                      { else: [{ play: { url: "say:Goodbye" } }] }
                    ]
                  },
                  { hangup: {} }
                ]
              }
            }
          }),
          "/lookup": (request) => ({ body: { order: 40 + Number(request.json.digit) + 1 } })
        }
      })
      expect(yield* bind(sandbox, OFFICE, server.url("/ivr", AUTH))).toBe(200)
      const call = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, script: { inputs: [{ digits: "9" }, { digits: "1" }] } })
      const entries = yield* sandbox.swml.waitForEnd(call.callId).pipe(Effect.timeout("10 seconds"))

      expect(verbs(entries)).toEqual([
        "main[0] answer",
        "main[1] set",
        "main[2] play",
        "main[3] label",
        "main[4] prompt",
        "main[5] cond",
        "main[5].cond[0].then[0] goto",
        "main[4] prompt",
        "main[5] cond",
        "main[5].cond[1].then[0] request",
        "main[5].cond[1].then[1] send_sms",
        "main[6] hangup"
      ])
      expect(entries[0]).toMatchObject({ _tag: "HttpExchange", purpose: "swml", method: "POST", url: server.url("/ivr"), signed: true, basicAuth: true, status: 200 })
      expect(entries.filter((e) => e._tag === "PromptResult").map((e) => [e.result, e.value])).toEqual([["match_digits", "9"], ["match_digits", "1"]])
      expect(entries.find((e) => e._tag === "Played")).toMatchObject({ kind: "say", text: `Hello ${CALLER}` })
      expect(entries.find((e) => e._tag === "SmsSent")).toMatchObject({ from: OFFICE, to: CALLER, body: "Order 42", result: "success" })
      expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "hangup", by: "swml" })
      expect(tags(entries)).toContain("Jumped")
      expect(entries.find((e) => e._tag === "HttpExchange" && e.purpose === "request")).toMatchObject({ signed: false, basicAuth: true, status: 200 })

      // What the server saw: the call-info body and both signatures (checked by the agents' verifier).
      const [fetch, lookup] = server.received()
      expect(fetch!.json).toMatchObject({
        call_id: call.callId,
        call: { call_id: call.callId, from: CALLER, to: OFFICE, direction: "inbound", type: "phone", project_id: "sandbox-project" },
        params: {}
      })
      expect(fetch!.headers["x-signalwire-signature"]).toMatch(/^[0-9a-f]{40}$/)
      expect(fetch!.headers["x-signalwire-sha256-signature"]).toMatch(/^[0-9a-f]{64}$/)
      expect(lookup!.json).toEqual({ digit: "1" })
      const sms = yield* sandbox.messages.waitForMessage((m) => m.to === CALLER).pipe(Effect.timeout("5 seconds"))
      expect(sms.body).toBe("Order 42")
      expect((yield* sandbox.calls.get(call.callId)).pipe((c) => c._tag === "Some" ? c.value.state : undefined)).toBe("ended")
    }))
})
