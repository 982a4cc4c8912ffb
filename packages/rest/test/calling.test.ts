import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { Calling, RestApi } from "@signalwire-effect/rest"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { withRest } from "./fixtures.js"

const decode = Schema.decodeUnknownEither(Calling.Command)
const ok = (value: unknown) => expect(Either.isRight(decode(value)), JSON.stringify(value)).toBe(true)
const refused = (value: unknown) => expect(Either.isLeft(decode(value)), JSON.stringify(value)).toBe(true)

describe("Calling.Command", () => {
  it("is one union of the platform's 42 commands, tagged by command; the client has a method for each", () => {
    const commands = Calling.Command.members.map((m) => (m.fields.command as unknown as { literals: ReadonlyArray<string> }).literals[0])
    expect(new Set(commands).size).toBe(42)
    expect(commands).toEqual(expect.arrayContaining([
      "dial",
      "update",
      "calling.ai_sidecar",
      "calling.ai_sidecar.ask",
      "calling.ai_sidecar.poke",
      "calling.ai_sidecar.status",
      "calling.ai_sidecar.stop"
    ]))
    expect(Object.values(Calling.methods).sort()).toEqual(commands.filter((c) => c !== "dial" && c !== "update").sort())
    const paths = Object.keys(RestApi.openApi().paths)
    expect(paths).toContain("/api/calling/calls")
  })

  it("checks params as the platform does", () => {
    const swml = { version: "1.0.0", sections: { main: [{ answer: {} }] } }
    ok({ command: "dial", params: { from: "+15551234567", to: "+15550001111", url: "https://example.com/swml" } })
    ok({ command: "dial", params: { from: "+15551234567", to: "+15550001111", swml } })
    refused({ command: "dial", params: { from: "+15551234567", to: "+15550001111" } })
    refused({ command: "dial", params: { from: "+15551234567", url: "https://example.com/a", swml } })
    refused({ command: "dial", params: { from: "+15551234567", url: "ftp://example.com/a" } })
    ok({ command: "update", params: { id: "c", status: "completed" } })
    refused({ command: "update", params: { id: "c" } })
    refused({ command: "calling.play", params: { control_id: "p", play: [{ type: "tts", params: { text: "x" } }] } }) // no id
    refused({ command: "calling.play", id: "c", params: { control_id: "p", play: [] } })
    refused({ command: "calling.play", id: "c", params: { control_id: "p", play: [{ type: "tts", params: { text: "x" } }], volume: 41 } })
    ok({ command: "calling.ai_hold", id: "c", params: { timeout: "30" } })
    refused({ command: "calling.ai_hold", id: "c", params: { timeout: 30 } })
    refused({ command: "calling.collect", id: "c", params: { control_id: "x" } })
    ok({ command: "calling.live_transcribe", id: "c", params: { action: "stop" } })
    refused({ command: "calling.live_transcribe", id: "c", params: { action: "pause" } })
    refused({ command: "calling.refer", id: "c", params: { device: { type: "sip", params: { to: "+15550001111" } } } })
    refused({ command: "calling.dance", id: "c", params: {} })
  })

  it.scopedLive("a refused request is not sent; an unknown call is the platform's 404", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const local = yield* Effect.flip(rest.calling.aiHold("c", { timeout: 30 as unknown as string }))
          expect(local).toMatchObject({ _tag: "RestValidationError", operation: "calling.ai_hold" })
          expect((yield* sandbox.rest.journal).length).toBe(0)
          const missing = yield* Effect.flip(rest.calling.denoise("3f1c0e4e-0000-4000-8000-00000000dead"))
          expect(missing).toMatchObject({ _tag: "RestHttpError", status: 404, body: { error: "Not Found" } })
          const [request] = yield* sandbox.rest.journal
          expect(request).toMatchObject({ method: "POST", path: "/api/calling/calls", operation: "calling.command", status: 404 })
          expect(request!.body).toEqual({ command: "calling.denoise", id: "3f1c0e4e-0000-4000-8000-00000000dead", params: {} })
        }))
    }))
})

describe("Calling.SidecarStatusLine", () => {
  const decode = Schema.decodeUnknownEither(Calling.SidecarStatusLine)
  const LINE = "+OK running=0 ticks=12 insights=3 skips=1 tools=2 errors=0 in_tokens=900 out_tokens=120 history_size=8 event_log_bytes=4096 model=gpt"

  it("decodes the platform's line (flags as 1/0 or true/false, a JSON-quoted line too) and keeps unknown keys", () => {
    const status = decode(LINE)
    expect(Either.getOrThrow(status)).toMatchObject({ running: false, ticks: 12, skips: 1, event_log_bytes: 4096, fields: { model: "gpt" } })
    expect(Either.getOrThrow(decode(JSON.stringify(LINE.replace("running=0", "running=true"))))).toMatchObject({ running: true })
    expect(Schema.encodeSync(Calling.SidecarStatusLine)(Either.getOrThrow(status))).toBe(LINE)
  })

  it("refuses what is not a complete `+OK` line", () => {
    expect(Either.isLeft(decode("-ERR no sidecar"))).toBe(true)
    expect(Either.isLeft(decode("+OK running=1 ticks=1"))).toBe(true)
    expect(Either.isLeft(decode(LINE.replace("ticks=12", "ticks=many")))).toBe(true)
    expect(Either.isLeft(decode(LINE.replace("running=0", "running=maybe")))).toBe(true)
    expect(Either.isLeft(decode(`{"id":"x"}`))).toBe(true)
  })
})
