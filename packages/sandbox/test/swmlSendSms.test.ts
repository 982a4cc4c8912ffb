import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { AgentBase } from "@signalwire-effect/agents"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Schema from "effect/Schema"
import { AgentTest, AiScript, RelaySandbox } from "@signalwire-effect/sandbox"
import { cxmlServer } from "./fixtures/cxmlServer.js"

const CALLER = "+15551110000"
const OFFICE = "+15552220000"
const LOST = "+15553330000"
const KEY = "PSK_split5_send_sms"

describe("SWML send_sms status_callback", () => {
  it.scopedLive("posts the message status callback's signed JSON payload at each state, in order, as a relay-REST message's does; the document goes on at once", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      yield* sandbox.messages.script(LOST, { outcome: "failed", reason: "carrier_rejected" })
      const app = yield* cxmlServer({ "/status": () => "" }, { signingKey: Redacted.make(KEY) })
      const call = yield* sandbox.calls.inbound({
        from: CALLER,
        to: OFFICE,
        swml: {
          version: "1.0.0",
          sections: {
            main: [
              { send_sms: { from_number: OFFICE, to_number: CALLER, body: "Your code is 1234", status_callback: app.url("/status") } },
              { send_sms: { from_number: OFFICE, to_number: LOST, media: ["https://example.com/a.png"], status_callback: app.url("/status") } },
              { send_sms: { from_number: OFFICE, to_number: CALLER, body: "no callback" } },
              { hangup: {} }
            ]
          }
        }
      })
      const entries = yield* sandbox.swml.waitForEnd(call.callId).pipe(Effect.timeout("10 seconds"))
      const sent = entries.flatMap((e) => (e._tag === "SmsSent" ? [e] : []))
      expect(sent.map((e) => e.result)).toEqual(["success", "success", "success"])
      const [ok, lost, silent] = sent.map((e) => e.messageId!)

      yield* app.waitFor((h) => h.rawBody.includes(ok!) && h.rawBody.includes(`"status":"delivered"`)).pipe(Effect.timeout("10 seconds"))
      yield* app.waitFor((h) => h.rawBody.includes(lost!) && h.rawBody.includes(`"status":"failed"`)).pipe(Effect.timeout("10 seconds"))
      const payloads = (id: string) =>
        app.hits().map((h) => JSON.parse(h.rawBody) as Record<string, unknown>).filter((p) => p.id === id)
      expect(app.hits().every((h) => h.path === "/status" && h.method === "POST" && h.contentType === "application/json")).toBe(true)
      expect(app.hits().every((h) => h.signatureValid === true)).toBe(true)
      expect(payloads(ok!).map((p) => p.status)).toEqual(["queued", "initiated", "sent", "delivered"])
      expect(payloads(ok!).at(-1)).toEqual({
        id: ok,
        project_id: "sandbox-project",
        status: "delivered",
        to: CALLER,
        from: OFFICE,
        body: "Your code is 1234",
        number_of_segments: 1,
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        error_code: null,
        error_message: null
      })
      expect(payloads(lost!).map((p) => p.status)).toEqual(["queued", "initiated", "sent", "failed"])
      expect(payloads(lost!).at(-1)).toMatchObject({ to: LOST, body: "", error_code: "30007", error_message: "carrier_rejected" })
      // The message without a status_callback is delivered and posts nothing.
      yield* sandbox.messages.waitForFinal(silent!).pipe(Effect.timeout("10 seconds"))
      expect(payloads(silent!)).toEqual([])
    }))

  it.scopedLive("an AI tool's SWML action send_sms with a status_callback gets the same signed JSON at each state", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ signingKey: KEY })
      const from = (yield* sandbox.messages.numbers)[0]!
      const app = yield* cxmlServer({ "/status": () => "" }, { signingKey: Redacted.make(KEY) })
      const texter = AgentBase.make({ name: "texter", route: "/texter", prompt: "You text people." }).pipe(
        AgentBase.tool({
          name: "text_me",
          description: "Send the caller a text",
          parameters: Schema.Struct({ to: Schema.String }),
          handler: ({ to }) =>
            Effect.succeed(FunctionResult.make("Texted.").pipe(
              FunctionResult.sendSms({ to_number: to, from_number: from, body: "From the AI", status_callback: app.url("/status") })
            ))
        })
      )
      const served = yield* AgentTest.serve([texter])
      const result = yield* AgentTest.runCall({
        sandbox,
        swmlUrl: served.url("/texter"),
        script: AiScript.make([AiScript.callsTool("text_me", { to: CALLER }), AiScript.expectSaid("Texted.")])
      })
      const sms = result.entries.find((e) => e._tag === "SmsSent")
      expect(sms).toMatchObject({ by: "ai", from, to: CALLER, result: "success" })
      const id = sms?._tag === "SmsSent" ? sms.messageId! : ""
      yield* app.waitFor((h) => h.rawBody.includes(id) && h.rawBody.includes(`"status":"delivered"`)).pipe(Effect.timeout("10 seconds"))
      const statuses = app.hits().map((h) => JSON.parse(h.rawBody) as Record<string, unknown>).filter((p) => p.id === id)
      expect(statuses.map((p) => p.status)).toEqual(["queued", "initiated", "sent", "delivered"])
      expect(statuses.at(-1)).toMatchObject({ from, to: CALLER, body: "From the AI" })
      expect(app.hits().every((h) => h.signatureValid === true)).toBe(true)
    }))
})
