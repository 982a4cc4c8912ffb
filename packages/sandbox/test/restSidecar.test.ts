import { Buffer } from "node:buffer"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { RestClient } from "@signalwire-effect/rest"
import { RelaySandbox } from "@signalwire-effect/sandbox"

const FROM = "+15551234567"
const TO = "+15550005001"
/** A document that keeps the call up. */
const HOLD = { version: "1.0.0", sections: { main: [{ answer: {} }, { sleep: 3_600_000 }] } }

/** The raw answer of the platform to a command: status, content type and body bytes as text. */
const raw = (sandbox: RelaySandbox.Sandbox, body: unknown) =>
  Effect.promise(() =>
    fetch(`${sandbox.rest.baseUrl}/api/calling/calls`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("sandbox-project:sandbox-token").toString("base64")}` },
      body: JSON.stringify(body)
    }).then(async (r) => ({ status: r.status, contentType: r.headers.get("content-type"), text: await r.text() }))
  )

describe("calling.ai_sidecar.status", () => {
  it.scopedLive("answers one `+OK key=value …` text line, which the client decodes into the typed counters", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const rest = yield* Effect.provide(
        RestClient.RestClient,
        RestClient.layer({ project: "sandbox-project", token: "sandbox-token", baseUrl: sandbox.rest.baseUrl }).pipe(Layer.provide(FetchHttpClient.layer))
      )
      yield* sandbox.calls.script(TO, { outcome: "answer" })
      const leg = yield* rest.calling.dial({ from: FROM, to: TO, swml: HOLD })
      yield* sandbox.calls.waitForState(leg.id, "answered")

      // No sidecar yet: the calling API's 422.
      expect(yield* Effect.flip(rest.calling.aiSidecarStatus(leg.id))).toMatchObject({
        status: 422,
        body: { errors: [{ type: "validation_error", code: "invalid_parameter" }] }
      })
      yield* rest.calling.aiSidecar(leg.id, { lang: "en-US", prompt: "Coach the agent" })
      yield* rest.calling.aiSidecarAsk(leg.id, { text: "How is it going?" })
      yield* rest.calling.aiSidecarPoke(leg.id, { text: "Mention the offer" })

      const status = yield* rest.calling.aiSidecarStatus(leg.id)
      expect(status).toEqual({
        running: true,
        ticks: 2,
        insights: 1,
        skips: 0,
        tools: 0,
        errors: 0,
        in_tokens: 7,
        out_tokens: 0,
        history_size: 2,
        event_log_bytes: 33,
        fields: {
          running: "1",
          ticks: "2",
          insights: "1",
          skips: "0",
          tools: "0",
          errors: "0",
          in_tokens: "7",
          out_tokens: "0",
          history_size: "2",
          event_log_bytes: "33"
        }
      })

      // The bytes on the wire: a text line, not JSON.
      const wire = yield* raw(sandbox, { command: "calling.ai_sidecar.status", id: leg.id, params: {} })
      expect(wire.status).toBe(200)
      expect(wire.contentType).toMatch(/^text\/plain/)
      expect(wire.text).toBe("+OK running=1 ticks=2 insights=1 skips=0 tools=0 errors=0 in_tokens=7 out_tokens=0 history_size=2 event_log_bytes=33")
      // Other commands still answer the JSON call leg.
      const other = yield* raw(sandbox, { command: "calling.ai_sidecar.poke", id: leg.id, params: { text: "Again" } })
      expect(other.contentType).toMatch(/^application\/json/)
      expect(JSON.parse(other.text)).toMatchObject({ id: leg.id, status: "answered" })

      const journal = yield* sandbox.rest.journal
      const asked = journal.filter((r) => r.operation === "calling.command" && (r.body as { command: string }).command === "calling.ai_sidecar.status")
      expect(asked.map((r) => [r.method, r.path, r.status, r.body])).toEqual([
        ["POST", "/api/calling/calls", 422, { command: "calling.ai_sidecar.status", id: leg.id, params: {} }],
        ["POST", "/api/calling/calls", 200, { command: "calling.ai_sidecar.status", id: leg.id, params: {} }],
        ["POST", "/api/calling/calls", 200, { command: "calling.ai_sidecar.status", id: leg.id, params: {} }]
      ])

      yield* rest.calling.aiSidecarStop(leg.id)
      expect(yield* Effect.flip(rest.calling.aiSidecarStatus(leg.id))).toMatchObject({ status: 422 })
      expect(yield* Effect.flip(rest.calling.aiSidecarStatus("3f1c0e4e-0000-4000-8000-00000000dead"))).toMatchObject({ status: 404 })
      yield* rest.calling.end(leg.id, { reason: "hangup" })
    }))
})
