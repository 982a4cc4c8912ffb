import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { RelaySandbox, Transcript } from "@signalwire-effect/sandbox"
import { nextEvent, type RawClient, session } from "./rawClient.js"
import { serve } from "./swmlServer.js"

const CALLER = "+15551110000"
const OFFICE = "+15552220000"

/** Events of one call, in order, as `[event_type, state]`, until the call has ended. */
const untilEnded = (client: RawClient, callId: string) =>
  Effect.gen(function*() {
    const seen: Array<readonly [string, unknown]> = []
    for (;;) {
      const event = yield* nextEvent(client)
      if (event.params.call_id !== callId) continue
      const state = event.params.call_state ?? event.params.state
      seen.push([event.type, state])
      if (event.type === "calling.call.state" && state === "ended") return seen
    }
  })

const admin = (sandbox: RelaySandbox.Sandbox, method: string, path: string, body?: unknown) =>
  Effect.promise(async () => {
    const response = await fetch(`http://${sandbox.host}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    const text = await response.text()
    return { status: response.status, body: text.length === 0 ? undefined : JSON.parse(text) as any }
  })

describe("SWML-driven calls seen from RELAY and the admin API", () => {
  it.scopedLive("a RELAY client receiving the call's context watches the SWML-driven call's events (no offer)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox, ["watch"])
      const call = yield* sandbox.calls.inbound({
        from: CALLER,
        to: OFFICE,
        context: "watch",
        script: { inputs: [{ digits: "1" }] },
        swml: { sections: { main: [{ answer: {} }, { play: { url: "say:Hi" } }, { prompt: { play: "say:Press one" } }, { hangup: {} }] } }
      })
      const events = yield* untilEnded(client, call.callId).pipe(Effect.timeout("10 seconds"))
      const states = events.filter(([type]) => type === "calling.call.state").map(([, state]) => state)
      expect(states).toEqual(["created", "ringing", "answered", "ending", "ended"])
      // Plays and the collect, between answered and ending (the prompt's play and its input race).
      const media = events.slice(3, -2).map(([type, state]) => `${type} ${String(state)}`)
      expect(media.slice(0, 3)).toEqual(["calling.call.play playing", "calling.call.play finished", "calling.call.play playing"])
      expect([...media.slice(3)].sort()).toEqual(["calling.call.collect finished", "calling.call.play finished"])
      const journal = yield* sandbox.journal.entries
      expect(journal.some((entry) => entry.text.includes("calling.call.receive"))).toBe(false)
    }))

  it.scopedLive("a RELAY calling.transfer to a SWML URL hands the call to the document", () =>
    Effect.gen(function*() {
      const key = "PSK_transfer"
      const sandbox = yield* RelaySandbox.make({ signingKey: Redacted.make(key) })
      const server = yield* serve({
        signingKey: Redacted.make(key),
        routes: { "/after": () => ({ body: { sections: { main: [{ play: { url: "say:Transferred to SWML" } }, { hangup: { reason: "busy" } }] } } }) }
      })
      const { client } = yield* session(sandbox, ["office"])
      const call = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, context: "office" })
      yield* nextEvent(client, "calling.call.receive")
      const ids = { node_id: call.nodeId, call_id: call.callId }
      expect((yield* client.request("calling.answer", ids)).result.code).toBe("200")
      expect((yield* client.request("calling.transfer", { ...ids, dest: server.url("/after") })).result).toMatchObject({ code: "200" })
      const entries = yield* sandbox.swml.waitForEnd(call.callId).pipe(Effect.timeout("10 seconds"))
      expect(entries).toMatchObject([
        { _tag: "HttpExchange", purpose: "swml", signed: true, status: 200 },
        { _tag: "DocumentStarted", via: "relay" },
        { _tag: "Verb", verb: "play" },
        { _tag: "Played", text: "Transferred to SWML" },
        { _tag: "Verb", verb: "hangup" },
        { _tag: "CallEnded", reason: "busy", by: "swml" }
      ])
      expect(server.received()[0]!.json.call).toMatchObject({ call_id: call.callId, state: "answered" })
    }))

  it.scopedLive("the admin API starts a SWML call, runs SWML on a call in progress and serves transcripts", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const started = yield* admin(sandbox, "POST", "/_sandbox/calls", {
        from: CALLER,
        to: OFFICE,
        script: { inputs: [{ digits: "42#" }] },
        swml: { sections: { main: [{ prompt: { play: "say:Your code", max_digits: 4, terminators: "#" } }, { set: { code: "%{prompt_value}" } }] } }
      })
      expect(started.status).toBe(201)
      const callId = started.body.callId as string
      yield* sandbox.swml.waitForEnd(callId).pipe(Effect.timeout("10 seconds"))
      const served = yield* admin(sandbox, "GET", `/_sandbox/calls/${callId}/transcript`)
      expect(served.status).toBe(200)
      const transcript = Schema.decodeUnknownSync(Transcript.CallTranscript)(served.body)
      expect(transcript.callId).toBe(callId)
      expect(transcript.entries.find((e) => e._tag === "PromptResult")).toMatchObject({ value: "42", terminator: "#" })
      expect(transcript.entries.find((e) => e._tag === "VarsChanged" && "code" in e.set)).toMatchObject({ set: { code: "42" } })
      expect(transcript.entries.map(Transcript.format).at(-1)).toBe("call ended: hangup (by swml)")
      expect((yield* admin(sandbox, "GET", "/_sandbox/calls/nope/transcript")).status).toBe(404)
      expect((yield* admin(sandbox, "POST", "/_sandbox/calls", { from: CALLER, to: OFFICE, swml: { sections: {} } })).status).toBe(400)

      // SWML on a call in progress (here one a RELAY client was offered and answered).
      const { client } = yield* session(sandbox, ["office"])
      const call = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, context: "office" })
      yield* nextEvent(client, "calling.call.receive")
      yield* client.request("calling.answer", { node_id: call.nodeId, call_id: call.callId })
      const run = yield* admin(sandbox, "POST", `/_sandbox/calls/${call.callId}/swml`, { swml: "{\"sections\":{\"main\":[{\"hangup\":{\"reason\":\"decline\"}}]}}" })
      expect(run.status).toBe(202)
      const ended = yield* sandbox.swml.waitForEnd(call.callId).pipe(Effect.timeout("10 seconds"))
      expect(ended.map((e) => e._tag)).toEqual(["DocumentStarted", "Verb", "CallEnded"])
      expect(ended[2]).toMatchObject({ reason: "decline", by: "swml" })
      expect((yield* admin(sandbox, "POST", `/_sandbox/calls/${call.callId}/swml`, { swml: "https://example.com" })).status).toBe(409)
    }))
})

describe("sandbox.swml.run: SWML on a call in progress (the hook of REST calling)", () => {
  it.scopedLive("an outbound call dialled over RELAY runs inline SWML with prompt, cond and goto; follow streams its entries", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15553330000", { inputs: ["noInput", { digits: "2" }] })
      const following = yield* sandbox.swml.follow
      const followed = yield* Effect.fork(Stream.runCollect(Stream.takeUntil(following, ({ entry }) => entry._tag === "CallEnded")))
      const { client } = yield* session(sandbox, ["office"])
      const device = { type: "phone", params: { to_number: "+15553330000", from_number: "+15559870000" } }
      expect((yield* client.request("calling.dial", { tag: "t1", devices: [[device]] })).result.code).toBe("200")
      const dialled = yield* nextEvent(client, "calling.call.dial")
      const callId = dialled.params.call.call_id as string
      yield* sandbox.swml.run(callId, {
        sections: {
          main: [
            { label: "ask" },
            { prompt: { play: "say:Press 2", initial_timeout: 0.05 } },
            { cond: [{ when: "prompt_result == 'no_input'", then: [{ goto: { label: "ask" } }] }] },
            { switch: { variable: "prompt_value", case: { "2": [{ play: { url: "say:two" } }] }, default: [{ play: { url: "say:other" } }] } }
          ]
        }
      })
      const entries = yield* sandbox.swml.waitForEnd(callId).pipe(Effect.timeout("10 seconds"))
      expect(entries.filter((e) => e._tag === "PromptResult").map((e) => e.result)).toEqual(["no_input", "match_digits"])
      expect(entries.filter((e) => e._tag === "Played").map((e) => e.text)).toEqual(["Press 2", "Press 2", "two"])
      const streamed = yield* Fiber.join(followed).pipe(Effect.timeout("10 seconds"))
      expect(Chunk.toReadonlyArray(streamed).map(({ entry }) => entry)).toEqual(entries)
      expect(yield* Effect.either(sandbox.swml.run(callId, { sections: { main: [] } }))).toMatchObject({ _tag: "Left", left: { _tag: "SandboxError" } })
    }))
})
