import { describe, expect, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import { type CallScript, RelaySandbox } from "@signalwire-effect/sandbox"
import { type Json, nextEvent, type RawClient, session } from "./rawClient.js"

const CALLER = "+15551110000"
const OFFICE = "+15552220000"
const FROM = "+15559870000"
const A = { type: "phone", params: { to_number: "+15551230001", from_number: FROM } }
const B = { type: "phone", params: { to_number: "+15551230002", from_number: FROM } }

/** The next `n` events, in arrival order, as `[event_type, inner params]`. */
const events = (client: RawClient, n: number) =>
  Effect.forEach(Array.from({ length: n }), () => Effect.map(nextEvent(client), (e) => [e.type, e.params] as const))


const ids = (call: RelaySandbox.SimCall) => ({ node_id: call.nodeId, call_id: call.callId })

/** An inbound call offered to the client and answered by it. */
const answeredInbound = (sandbox: RelaySandbox.Sandbox, client: RawClient, script?: CallScript.CallScript) =>
  Effect.gen(function*() {
    const call = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, context: "office", script })
    yield* nextEvent(client, "calling.call.receive")
    expect((yield* client.request("calling.answer", ids(call))).result.code).toBe("200")
    expect((yield* nextEvent(client, "calling.call.state")).params.call_state).toBe("answered")
    return call
  })

/** Waits (yielding to the event loop, never sleeping) until a fiber sleeps until `millis` from now on TestClock. */
const untilSleeping = (millis: number) =>
  Effect.gen(function*() {
    while (true) {
      const now = yield* Clock.currentTimeMillis
      if (Array.from(yield* TestClock.sleeps()).includes(now + millis)) return
      yield* Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
    }
  })

const state = (callId: string, callState: string, extra: Json = {}) => [
  "calling.call.state",
  expect.objectContaining({ call_id: callId, call_state: callState, ...extra })
] as const

describe("call simulation, driven by a client written from the RELAY protocol notes", () => {
  it.scopedLive("§16.1: inbound receive, answer, play TTS, hang up", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client, protocol } = yield* session(sandbox)
      const offered = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, context: "office" })
      expect(offered).toMatchObject({ direction: "inbound", state: "created", session: protocol, from: CALLER, to: OFFICE })
      const device = { type: "phone", params: { from_number: CALLER, to_number: OFFICE } }
      const receive = yield* nextEvent(client, "calling.call.receive")
      expect(receive.params).toEqual({
        call_id: offered.callId,
        node_id: offered.nodeId,
        project_id: "sandbox-project",
        context: "office",
        call_state: "created",
        direction: "inbound",
        tag: "",
        segment_id: expect.any(String),
        device
      })
      const call = ids(offered)

      expect((yield* client.request("calling.answer", call)).result).toMatchObject({ code: "200", message: "Answered" })
      expect((yield* nextEvent(client)).params).toMatchObject({ ...call, call_state: "answered", direction: "inbound", device })

      const play = { ...call, control_id: "k-1", play: [{ type: "tts", params: { text: "Thanks for calling!" } }] }
      expect((yield* client.request("calling.play", play)).result).toEqual({
        code: "200",
        message: "Playing",
        call_id: offered.callId,
        control_id: "k-1"
      })
      expect(yield* events(client, 2)).toEqual([
        ["calling.call.play", { ...call, control_id: "k-1", state: "playing" }],
        ["calling.call.play", { ...call, control_id: "k-1", state: "finished" }]
      ])

      const end = yield* client.request("calling.end", { ...call, reason: "hangup" })
      expect(end.result).toMatchObject({ code: "200", message: "Disconnecting call" })
      expect(yield* events(client, 2)).toEqual([
        state(offered.callId, "ending", { node_id: offered.nodeId, direction: "inbound" }),
        state(offered.callId, "ended", { node_id: offered.nodeId, direction: "inbound", end_reason: "hangup" })
      ])
      expect(Option.getOrThrow(yield* sandbox.calls.get(offered.callId))).toMatchObject({ state: "ended", endReason: "hangup" })
      // Every event was ACKed, so nothing waits for re-delivery.
      yield* client.request("signalwire.ping")
      expect((yield* sandbox.sessions)[0]?.unacked).toBe(0)
    }))

  it.scopedLive("§6.4 parallel dial [[A, B]]: legs, the winner answers, the loser is cancelled, then the dial event", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15551230001", { ringFor: "10 millis" })
      yield* sandbox.calls.script("+15551230002", { ringFor: "5 seconds" })
      const { client } = yield* session(sandbox)
      const reply = yield* client.request("calling.dial", { tag: "T", devices: [[A, B]] })
      expect(reply.result).toEqual({ code: "200", message: "Dialing" })
      const seq = yield* events(client, 8)
      const l1 = seq[0]![1].call_id as string
      const l2 = seq[1]![1].call_id as string
      const leg = { node_id: expect.any(String), tag: "T", direction: "outbound" }
      expect(seq).toEqual([
        state(l1, "created", { ...leg, device: A }),
        state(l2, "created", { ...leg, device: B }),
        state(l1, "ringing", leg),
        state(l2, "ringing", leg),
        state(l1, "answered", leg),
        state(l2, "ending", leg),
        state(l2, "ended", { ...leg, end_reason: "cancel" }),
        ["calling.call.dial", {
          tag: "T",
          node_id: expect.any(String),
          dial_state: "answered",
          call: { call_id: l1, node_id: seq[0]![1].node_id, tag: "T", device: A, dial_winner: true }
        }]
      ])
      expect(l1).not.toBe(l2)
      // The reply went out before the first event it caused.
      const out = (yield* sandbox.journal.entries).filter((e) => e.direction === "out")
      const replyAt = out.findIndex((e) => e.frame?._tag === "ResultReply" && e.frame.id === reply.id)
      const firstLeg = out.findIndex((e) => e.text.includes(l1))
      expect(replyAt).toBeGreaterThanOrEqual(0)
      expect(replyAt).toBeLessThan(firstLeg)
      expect(Option.getOrThrow(yield* sandbox.calls.get(l1))).toMatchObject({ state: "answered", to: "+15551230001" })
    }))

  it.scopedLive("§6.4 serial dial [[A], [B]]: B is dialled after A is busy", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15551230001", { outcome: "busy" })
      const { client } = yield* session(sandbox)
      expect((yield* client.request("calling.dial", { tag: "S", devices: [[A], [B]] })).result.message).toBe("Dialing")
      const seq = yield* events(client, 7)
      const l1 = seq[0]![1].call_id as string
      const l2 = seq[3]![1].call_id as string
      expect(seq).toEqual([
        state(l1, "created", { tag: "S", device: A }),
        state(l1, "ringing", { tag: "S" }),
        state(l1, "ended", { tag: "S", end_reason: "busy" }),
        state(l2, "created", { tag: "S", device: B }),
        state(l2, "ringing", { tag: "S" }),
        state(l2, "answered", { tag: "S" }),
        ["calling.call.dial", expect.objectContaining({ tag: "S", dial_state: "answered", call: expect.objectContaining({ call_id: l2, dial_winner: true }) })]
      ])
    }))

  it.scopedLive("dial failed: every leg of every group fails (busy, decline, device timeout)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15551230001", { outcome: "busy" })
      yield* sandbox.calls.script("+15551230002", { outcome: "decline" })
      yield* sandbox.calls.scriptDefault({ ringFor: "5 seconds" })
      const C = { type: "sip", params: { to: "sip:carol@example.com", from: "sip:me@example.com", timeout: 0.05 } }
      const { client } = yield* session(sandbox)
      yield* client.request("calling.dial", { tag: "F", devices: [[A, B], [C]] })
      const seq = yield* events(client, 10)
      expect(seq.filter(([type, p]) => type === "calling.call.state" && p.call_state === "ended").map(([, p]) => p.end_reason))
        .toEqual(["busy", "decline", "noAnswer"])
      expect(seq.at(-1)).toEqual(["calling.call.dial", { tag: "F", node_id: expect.any(String), dial_state: "failed", call: {} }])
    }))

  it.scopedLive("dialReply drop: no JSON-RPC reply, yet the legs appear and the dial completes", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15551230001", { dialReply: "drop" })
      const { client } = yield* session(sandbox)
      yield* client.send({ jsonrpc: "2.0", id: "dial-1", method: "calling.dial", params: { tag: "D", devices: [[A]] } })
      const seq = yield* events(client, 4)
      expect(seq.map(([type, p]) => p.call_state ?? p.dial_state ?? type)).toEqual(["created", "ringing", "answered", "answered"])
      expect(seq[3]![0]).toBe("calling.call.dial")
      const replies = (yield* sandbox.journal.entries).filter((e) => e.direction === "out" && e.text.includes(`"dial-1"`))
      expect(replies).toEqual([])
    }))

  it.scopedLive("404 for an unknown call, 410 for an ended one, -32602 for missing ids, 404 for an unknown action", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const unknown = { node_id: "n", call_id: "no-such-call" }
      expect((yield* client.request("calling.answer", unknown)).result).toEqual({ code: "404", message: "Call not found" })
      expect((yield* client.request("calling.hold", { call_id: "x" })).error).toMatchObject({
        code: -32602,
        message: expect.stringMatching(/^Invalid parameters: /)
      })
      const call = yield* answeredInbound(sandbox, client)
      const stop = yield* client.request("calling.play.stop", { ...ids(call), control_id: "nope" })
      expect(stop.result).toEqual({ code: "404", message: "Action not found" })
      yield* sandbox.calls.hangup(call.callId)
      expect((yield* client.request("calling.play", {
        ...ids(call),
        control_id: "late",
        play: [{ type: "tts", params: { text: "hi" } }]
      })).result).toEqual({ code: "410", message: "Call is gone" })
      expect((yield* client.request("calling.teleport", ids(call))).error.code).toBe(-32601)
    }))

  it.scopedLive("-32602 for params that break the §9 tables: flat media, flat devices, no collect kind, number pay options", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const call = yield* answeredInbound(sandbox, client)
      const base = { ...ids(call), control_id: "c-1" }
      const bad: ReadonlyArray<readonly [string, Json]> = [
        ["calling.play", { ...base, play: [{ type: "tts", text: "flat" }] }],
        ["calling.play", { ...base }],
        ["calling.play", { ...base, play: [] }],
        ["calling.collect", { ...base, initial_timeout: 2 }],
        ["calling.record", { ...base }],
        ["calling.detect", { ...base, detect: { type: "voice", params: {} } }],
        ["calling.pay", { ...base, payment_connector_url: "https://pay.example.com", timeout: 5 }],
        ["calling.send_digits", { ...base, digits: "12x" }],
        ["calling.play.stop", { ...ids(call) }],
        ["calling.connect", { ...ids(call), devices: [[{ type: "phone", to: "+15551230001", from: FROM }]] }],
        ["calling.live_transcribe", { ...ids(call), action: { start: {}, stop: {} } }],
        ["calling.dial", { tag: "t", devices: [[{ type: "phone", to_number: "+15551230001", from_number: FROM }]] }],
        ["calling.dial", { tag: "t", devices: [] }]
      ]
      for (const [method, params] of bad) {
        const reply = yield* client.request(method, params)
        expect(reply.error?.code, `${method} ${JSON.stringify(params)}`).toBe(-32602)
      }
      expect(Option.getOrThrow(yield* sandbox.calls.get(call.callId)).actions).toEqual([])
    }))

  it.scopedLive("play: pause stops the clock, resume, volume, stop finishes at once", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const call = yield* answeredInbound(sandbox, client, { playFor: "10 seconds" })
      const play = { ...ids(call), control_id: "p-1" }
      yield* client.request("calling.play", { ...play, play: [{ type: "audio", params: { url: "https://cdn.example.com/a.mp3" } }] })
      expect((yield* nextEvent(client)).params.state).toBe("playing")
      expect((yield* client.request("calling.play.pause", play)).result).toMatchObject({ code: "200", control_id: "p-1" })
      expect((yield* nextEvent(client)).params).toMatchObject({ control_id: "p-1", state: "paused" })
      expect(Option.getOrThrow(yield* sandbox.calls.get(call.callId)).actions).toEqual([
        { controlId: "p-1", method: "calling.play", state: "paused" }
      ])
      expect((yield* client.request("calling.play.volume", { ...play, volume: 6 })).result.message).toBe("Volume changed")
      expect((yield* client.request("calling.play.volume", play)).error.code).toBe(-32602)
      yield* client.request("calling.play.resume", play)
      expect((yield* nextEvent(client)).params.state).toBe("playing")
      yield* client.request("calling.play.stop", play)
      expect((yield* nextEvent(client)).params).toMatchObject({ control_id: "p-1", state: "finished" })
      expect((yield* client.request("calling.play.stop", play)).result.code).toBe("404")
    }))

  it.scopedLive("record: finished with url, duration and size when the far end hangs up; a running play gets no terminal event", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const call = yield* answeredInbound(sandbox, client, { playFor: "1 minute" })
      yield* client.request("calling.play", { ...ids(call), control_id: "p", play: [{ type: "silence", params: { duration: 60 } }] })
      yield* nextEvent(client, "calling.call.play")
      const reply = yield* client.request("calling.record", { ...ids(call), control_id: "r", record: { audio: { format: "wav" } } })
      const url = `https://sandbox.invalid/recordings/r.wav`
      expect(reply.result).toEqual({ code: "200", message: "Recording", call_id: call.callId, control_id: "r", url })
      expect((yield* nextEvent(client)).params).toMatchObject({ control_id: "r", state: "recording" })
      yield* Effect.sleep("30 millis")
      yield* sandbox.calls.hangup(call.callId)
      const [finished, ending, ended] = yield* events(client, 3)
      expect(finished![0]).toBe("calling.call.record")
      expect(finished![1]).toMatchObject({ control_id: "r", state: "finished", url, record: { url } })
      expect(finished![1].duration).toBeGreaterThan(0)
      expect(finished![1].record.size).toBe(finished![1].size)
      expect([ending![1].call_state, ended![1].call_state, ended![1].end_reason]).toEqual(["ending", "ended", "hangup"])
    }))

  it.scopedLive("play_and_collect with scripted digits; collect completed by calls.input; no input after initial_timeout", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const call = yield* answeredInbound(sandbox, client, { inputs: [{ digits: "12#" }] })
      const menu = { ...ids(call), control_id: "m" }
      const reply = yield* client.request("calling.play_and_collect", {
        ...menu,
        play: [{ type: "tts", params: { text: "Press 1 for sales" } }],
        collect: { digits: { max: 4, terminators: "#" } }
      })
      expect(reply.result).toMatchObject({ code: "200", message: "Playing and collecting", control_id: "m" })
      expect(yield* events(client, 3)).toEqual([
        ["calling.call.play", { ...ids(call), control_id: "m", state: "playing" }],
        ["calling.call.play", { ...ids(call), control_id: "m", state: "finished" }],
        ["calling.call.collect", {
          ...ids(call),
          control_id: "m",
          state: "finished",
          result: { type: "digit", params: { digits: "12", terminator: "#" } },
          final: true
        }]
      ])

      const ask = { ...ids(call), control_id: "s" }
      yield* client.request("calling.collect", { ...ask, speech: {}, partial_results: true, send_start_of_input: true })
      yield* sandbox.calls.input(call.callId, { speech: "talk to sales", confidence: 0.8 })
      expect((yield* events(client, 3)).map(([, p]) => p.result)).toEqual([
        { type: "start_of_input" },
        { type: "speech", params: { text: "talk to" } },
        { type: "speech", params: { text: "talk to sales", confidence: 0.8 } }
      ])

      yield* client.request("calling.collect", { ...ids(call), control_id: "n", digits: { max: 1 }, initial_timeout: 0.05 })
      expect((yield* nextEvent(client)).params).toMatchObject({ control_id: "n", state: "no_input", result: { type: "no_input" } })
    }))

  it.scopedLive("detect MACHINE: the result, READY, then finished", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const call = yield* answeredInbound(sandbox, client, { machine: "MACHINE" })
      const detect = { ...ids(call), control_id: "d" }
      const reply = yield* client.request("calling.detect", { ...detect, detect: { type: "machine", params: {} }, timeout: 10 })
      expect(reply.result).toMatchObject({ code: "200", message: "Detecting" })
      expect(yield* events(client, 3)).toEqual([
        ["calling.call.detect", { ...detect, detect: { type: "machine", params: { event: "MACHINE" } } }],
        ["calling.call.detect", { ...detect, detect: { type: "machine", params: { event: "READY" } } }],
        ["calling.call.detect", { ...detect, state: "finished" }]
      ])
    }))

  it.scopedLive("connect bridges to a new leg (peer); the peer hanging up disconnects, the caller stays up", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const call = yield* answeredInbound(sandbox, client)
      const reply = yield* client.request("calling.connect", { ...ids(call), devices: [[B]], tag: "bridge" })
      expect(reply.result).toMatchObject({ code: "200", message: "connecting" })
      const seq = yield* events(client, 5)
      const peer = seq[1]![1].call_id as string
      expect(seq).toEqual([
        ["calling.call.connect", { ...ids(call), connect_state: "connecting" }],
        state(peer, "created", { tag: "bridge", device: B, direction: "outbound" }),
        state(peer, "ringing", { tag: "bridge" }),
        state(peer, "answered", { tag: "bridge" }),
        ["calling.call.connect", {
          ...ids(call),
          connect_state: "connected",
          peer: { call_id: peer, node_id: call.nodeId, tag: "bridge", device: B }
        }]
      ])
      expect(Option.getOrThrow(yield* sandbox.calls.get(call.callId)).peer).toBe(peer)
      yield* sandbox.calls.hangup(peer)
      const after = yield* events(client, 3)
      expect(after.slice(0, 2)).toEqual([state(peer, "ending"), state(peer, "ended", { end_reason: "hangup" })])
      expect(after[2]).toEqual(["calling.call.connect", expect.objectContaining({ call_id: call.callId, connect_state: "disconnected" })])
      expect(Option.getOrThrow(yield* sandbox.calls.get(call.callId))).toMatchObject({ state: "answered", peer: undefined })
    }))

  it.scopedLive("conference: start, joins, leaves, end", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const first = yield* answeredInbound(sandbox, client)
      const second = yield* answeredInbound(sandbox, client)
      const joined = yield* client.request("calling.join_conference", { ...ids(first), name: "team" })
      expect(joined.result).toMatchObject({ code: "200", message: "Joining conference", conference_id: expect.any(String) })
      const conference = { conference_id: joined.result.conference_id, name: "team" }
      yield* client.request("calling.join_conference", { ...ids(second), name: "team" })
      const member = { muted: false, hold: false, start_on_join: true, end_on_leave: false, coaching: false }
      expect(yield* events(client, 3)).toEqual([
        ["calling.conference", { ...conference, size: 1, status: "conference-start" }],
        ["calling.conference", { ...conference, ...ids(first), ...member, size: 1, status: "participant-join" }],
        ["calling.conference", { ...conference, ...ids(second), ...member, size: 2, status: "participant-join" }]
      ])
      expect(yield* sandbox.calls.conferences).toEqual(new Map([["team", [first.callId, second.callId]]]))
      const left = yield* client.request("calling.leave_conference", { ...ids(first), conference_id: conference.conference_id })
      expect(left.result).toMatchObject({ code: "200", message: "Leaving conference" })
      expect((yield* nextEvent(client)).params).toEqual({ ...conference, ...ids(first), ...member, size: 1, status: "participant-leave" })
      yield* sandbox.calls.hangup(second.callId)
      const last = yield* events(client, 4)
      expect(last.map(([, p]) => p.status ?? p.call_state)).toEqual([
        "participant-leave",
        "conference-end",
        "ending",
        "ended"
      ])
      expect(last[1]![1]).toEqual({ ...conference, size: 0, status: "conference-end", reason_ended: "last-participant-left", call_id_ending_conf: second.callId })
      expect((yield* sandbox.calls.conferences).size).toBe(0)
    }))

  it.scopedLive("simple methods: the reply texts of §9 and their events", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const call = yield* answeredInbound(sandbox, client)
      const tts = [{ type: "tts", params: { text: "menu" } }]
      const table: ReadonlyArray<readonly [string, Json, string, (readonly [string, Json]) | undefined]> = [
        ["calling.hold", {}, "Call on hold", ["calling.call.hold", { state: "hold" }]],
        ["calling.unhold", {}, "Call off hold", ["calling.call.hold", { state: "unhold" }]],
        ["calling.denoise", {}, "Denoiser on", ["calling.call.denoise", { denoised: true }]],
        ["calling.denoise.stop", {}, "Denoiser off", ["calling.call.denoise", { denoised: false }]],
        ["calling.echo", { timeout: 5 }, "Echo started", ["calling.call.echo", { state: "echoing" }]],
        ["calling.user_event", { event: { name: "checkout" } }, "Event sent", undefined],
        ["calling.send_digits", { control_id: "sd", digits: "12w#" }, "Sending Digits", [
          "calling.call.send_digits",
          { control_id: "sd", state: "finished" }
        ]],
        ["calling.refer", { device: { type: "sip", params: { to: "sip:bob@example.com" } } }, "Starting SIP REFER", [
          "calling.call.refer",
          { state: "success", sip_refer_to: "sip:bob@example.com", sip_refer_response_code: "202", sip_notify_response_code: "200" }
        ]],
        ["calling.live_transcribe", { action: { start: { language: "en-US" } } }, "Live transcription started", undefined],
        ["calling.live_translate", { action: { start: { source: "en-US", target: "es" } } }, "Live translation started", undefined],
        ["calling.join_room", { name: "room-1" }, "Joining room", undefined],
        ["calling.leave_room", {}, "Leaving room", undefined],
        ["calling.queue.enter", { control_id: "q", queue_name: "support" }, "Entering Queue", [
          "calling.call.queue",
          { control_id: "q", status: "enqueue", id: expect.any(String), name: "support", position: 1, size: 1 }
        ]],
        ["calling.queue.leave", { control_id: "q", queue_name: "support" }, "Leaving Queue", [
          "calling.call.queue",
          { control_id: "q", status: "leave", id: expect.any(String), name: "support", position: 1, size: 0 }
        ]],
        ["calling.bind_digit", { digits: "*1", bind_method: "calling.play", params: { play: tts }, realm: "menu" }, "Digit binding created", undefined],
        ["calling.clear_digit_bindings", { realm: "menu" }, "Digit bindings cleared", undefined],
        ["calling.amazon_bedrock", { prompt: "be brief", params: { end_of_speech_timeout: 3000 } }, "AI started", undefined],
        ["calling.ai_message", { message_text: "hello", role: "user" }, "Message sent", undefined],
        ["calling.ai_hold", { timeout: "30", prompt: "hold on" }, "AI on hold", undefined],
        ["calling.ai_unhold", { prompt: "back" }, "AI resumed", undefined],
        ["calling.disconnect", {}, "Disconnecting", undefined],
        ["calling.answer", {}, "Answered", undefined]
      ]
      for (const [method, params, message, expected] of table) {
        const reply = yield* client.request(method, { ...ids(call), ...params })
        expect(reply.result, method).toMatchObject({ code: "200", message, call_id: call.callId })
        if (expected !== undefined) {
          expect(yield* nextEvent(client), method).toMatchObject({ type: expected[0], params: { ...ids(call), ...expected[1] } })
        }
      }
      // Nothing else was sent: the next event is the one caused by the hang-up.
      yield* sandbox.calls.hangup(call.callId)
      expect((yield* nextEvent(client)).params.call_state).toBe("ending")
    }))

  it.scopedLive("tap, stream, transcribe and AI run until stopped; at hang-up they finish before ending", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const call = yield* answeredInbound(sandbox, client, { transcription: { text: "hello there" } })
      const tapObject = { type: "audio", params: { direction: "both" } }
      const device = { type: "rtp", params: { addr: "10.0.0.1", port: 5000 } }
      const tap = yield* client.request("calling.tap", { ...ids(call), control_id: "t", tap: tapObject, device })
      expect(tap.result).toMatchObject({
        code: "200",
        message: "Tapping",
        control_id: "t",
        source_device: { type: "rtp", params: { addr: "127.0.0.1", port: expect.any(Number) } }
      })
      expect((yield* nextEvent(client)).params).toEqual({ ...ids(call), control_id: "t", state: "tapping", tap: tapObject, device })
      yield* client.request("calling.stream", { ...ids(call), control_id: "s", url: "wss://media.example.com/in", name: "in" })
      expect((yield* nextEvent(client)).params).toMatchObject({ control_id: "s", state: "streaming", url: "wss://media.example.com/in", name: "in" })
      expect((yield* client.request("calling.transcribe", { ...ids(call), control_id: "tr" })).result.message).toBe("Transcribing")
      expect((yield* client.request("calling.transcribe", { ...ids(call), control_id: "tr2" })).result.code).toBe("409")
      expect((yield* client.request("calling.ai", { ...ids(call), control_id: "ai", prompt: { text: "Be nice" } })).result)
        .toMatchObject({ code: "200", message: "AI started", control_id: "ai" })
      expect((yield* nextEvent(client)).params).toMatchObject({ control_id: "ai", state: "started" })
      yield* client.request("calling.stream.stop", { ...ids(call), control_id: "s" })
      expect((yield* nextEvent(client)).params).toMatchObject({ control_id: "s", state: "finished" })
      expect((yield* client.request("calling.stream.stop", { ...ids(call), control_id: "t" })).result.code).toBe("404")

      yield* sandbox.calls.hangup(call.callId)
      const seq = yield* events(client, 5)
      expect(seq.map(([type, p]) => `${type} ${p.state ?? p.call_state}`)).toEqual([
        "calling.call.tap finished",
        "calling.call.transcribe finished",
        "calling.call.ai finished",
        "calling.call.state ending",
        "calling.call.state ended"
      ])
      expect(seq[1]![1]).toMatchObject({
        url: "https://sandbox.invalid/transcriptions/tr.wav",
        recording_id: expect.any(String),
        duration: expect.any(Number),
        size: expect.any(Number),
        text: "hello there"
      })
    }))

  it.scopedLive("fax pages then finished, or a scripted error; pay processing then finished, or error", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const good = yield* answeredInbound(sandbox, client, { fax: { pages: 2 } })
      const document = "https://docs.example.com/contract.pdf"
      yield* client.request("calling.send_fax", { ...ids(good), control_id: "f", document, identity: FROM })
      expect((yield* events(client, 3)).map(([, p]) => [p.state, p.fax])).toEqual([
        [undefined, { type: "page", params: { direction: "send", number: 1 } }],
        [undefined, { type: "page", params: { direction: "send", number: 2 } }],
        ["finished", { type: "finished", params: { direction: "send", success: true, pages: 2, document, identity: FROM } }]
      ])
      const pay = { ...ids(good), control_id: "p", payment_connector_url: "https://pay.example.com", charge_amount: "25.99" }
      expect((yield* client.request("calling.pay", pay)).result.message).toBe("Prompting user")
      expect((yield* events(client, 2)).map(([, p]) => p)).toEqual([
        { ...ids(good), control_id: "p", state: "processing" },
        {
          ...ids(good),
          control_id: "p",
          state: "finished",
          result: expect.objectContaining({ payment_token: expect.any(String), payment_card_number: "xxxx1111", charge_amount: "25.99" })
        }
      ])

      const bad = yield* answeredInbound(sandbox, client, { fax: { error: "no fax tone" }, payment: "error" })
      yield* client.request("calling.receive_fax", { ...ids(bad), control_id: "rf" })
      expect((yield* nextEvent(client)).params).toMatchObject({
        control_id: "rf",
        state: "error",
        fax: { type: "error", params: { description: "no fax tone" } }
      })
      yield* client.request("calling.pay", { ...ids(bad), control_id: "p2", payment_connector_url: "https://pay.example.com" })
      expect((yield* events(client, 2)).map(([, p]) => p.state)).toEqual(["processing", "error"])
    }))

  it.scopedLive("pass offers the call to the next session, then ends it; transfer stops the events; begin; digit bindings", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const first = yield* session(sandbox)
      const second = yield* session(sandbox)
      const offered = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, context: "office" })
      expect(offered.session).toBe(first.protocol)
      yield* nextEvent(first.client, "calling.call.receive")
      expect((yield* first.client.request("calling.pass", ids(offered))).result.message).toBe("Passing call")
      expect((yield* nextEvent(second.client, "calling.call.receive")).params.call_id).toBe(offered.callId)
      expect(Option.getOrThrow(yield* sandbox.calls.get(offered.callId)).session).toBe(second.protocol)
      yield* second.client.request("calling.pass", ids(offered))
      expect((yield* events(second.client, 2)).map(([, p]) => p.end_reason ?? p.call_state)).toEqual(["ending", "noAnswer"])

      const moved = yield* answeredInbound(sandbox, first.client)
      expect((yield* first.client.request("calling.transfer", { ...ids(moved), dest: "https://example.com/swml" })).result.message)
        .toBe("Transferring")
      yield* sandbox.calls.hangup(moved.callId)
      expect(Option.getOrThrow(yield* sandbox.calls.get(moved.callId))).toMatchObject({ state: "ended", session: undefined })
      const sentAbout = (yield* sandbox.journal.sent("signalwire.event")).filter((r) => JSON.stringify(r.params).includes(moved.callId))
      expect(sentAbout.map((r) => (r.params.params as Json).call_state).filter(Boolean)).toEqual(["created", "answered"])

      const begun = yield* first.client.request("calling.begin", { device: A, tag: "b" })
      expect(begun.result).toEqual({ code: "200", message: "Call started", call_id: expect.any(String), node_id: expect.any(String) })
      expect((yield* events(first.client, 3)).map(([, p]) => [p.call_id, p.call_state])).toEqual(
        ["created", "ringing", "answered"].map((s) => [begun.result.call_id, s])
      )

      const bound = yield* answeredInbound(sandbox, first.client)
      const play = { play: [{ type: "tts", params: { text: "menu" } }] }
      yield* first.client.request("calling.bind_digit", { ...ids(bound), digits: "*1", bind_method: "calling.play", params: play, max_triggers: 1 })
      yield* sandbox.calls.input(bound.callId, { digits: "*1" })
      expect((yield* nextEvent(first.client)).params).toMatchObject({ ...ids(bound), control_id: expect.any(String), state: "playing" })
      yield* sandbox.calls.input(bound.callId, { digits: "*1" })
      yield* first.client.request("calling.collect", { ...ids(bound), control_id: "c", digits: { max: 2 } })
      expect((yield* nextEvent(first.client, "calling.call.collect")).params.result).toEqual({
        type: "digit",
        params: { digits: "*1", terminator: "" }
      })
    }))

  it.scopedLive("HTTP admin API: inject an inbound call, list it, press digits, hang it up", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const http = (method: string, path: string, body?: unknown) =>
        Effect.promise(async () => {
          const response = await fetch(`http://${sandbox.host}${path}`, {
            method,
            ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } })
          })
          const text = await response.text()
          const json = response.headers.get("content-type") === "application/json" && text.length > 0
          return { status: response.status, body: json ? JSON.parse(text) : text }
        })
      const created = yield* http("POST", "/_sandbox/calls", { from: CALLER, to: OFFICE, context: "office", script: { playFor: "1 minute" } })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ direction: "inbound", state: "created", from: CALLER, to: OFFICE })
      const callId = created.body.callId as string
      expect((yield* nextEvent(client, "calling.call.receive")).params.call_id).toBe(callId)
      const list = yield* http("GET", "/_sandbox/calls")
      expect(list.body.map((c: Json) => c.callId)).toEqual([callId])

      yield* client.request("calling.answer", { node_id: created.body.nodeId, call_id: callId })
      yield* nextEvent(client, "calling.call.state")
      yield* client.request("calling.collect", { node_id: created.body.nodeId, call_id: callId, control_id: "k", digits: { max: 2 } })
      expect((yield* http("POST", `/_sandbox/calls/${callId}/input`, { digits: "42" })).status).toBe(200)
      expect((yield* nextEvent(client, "calling.call.collect")).params.result).toEqual({
        type: "digit",
        params: { digits: "42", terminator: "" }
      })
      const hungUp = yield* http("POST", `/_sandbox/calls/${callId}/hangup`)
      expect(hungUp).toMatchObject({ status: 200, body: { state: "ended", endReason: "hangup" } })
      expect((yield* events(client, 2)).map(([, p]) => p.call_state)).toEqual(["ending", "ended"])

      expect((yield* http("POST", "/_sandbox/calls", { from: CALLER })).status).toBe(400)
      const badScript = yield* http("POST", "/_sandbox/calls", { from: CALLER, to: OFFICE, script: { ringFor: "soon" } })
      expect(badScript.status).toBe(400)
      // One short line that names the field, not the schema of every alternative.
      expect(badScript.body.error).toMatch(/^script\.ringFor: /)
      expect(badScript.body.error.length).toBeLessThan(300)
      expect((yield* http("POST", "/_sandbox/calls", { from: CALLER, to: OFFICE, context: "nobody" })).status).toBe(409)
      expect((yield* http("POST", "/_sandbox/calls/no-such-call/hangup")).status).toBe(404)
      expect((yield* http("POST", `/_sandbox/calls/${callId}/input`, { keys: "1" })).status).toBe(400)
      expect((yield* http("DELETE", "/_sandbox/calls")).status).toBe(405)
      expect((yield* http("GET", "/_sandbox/nothing")).status).toBe(404)
      expect((yield* http("GET", "/")).status).toBe(426)
    }))

  it.scopedLive("tests choose call ids: inbound callId, CallScript.callId for inbound calls and dial / begin legs", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const offered = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, context: "office", callId: "in-1" })
      expect(offered.callId).toBe("in-1")
      expect((yield* nextEvent(client, "calling.call.receive")).params.call_id).toBe("in-1")
      // A call in progress keeps its id: a typed error, and nothing is offered.
      const taken = yield* Effect.flip(sandbox.calls.inbound({ from: CALLER, to: OFFICE, context: "office", callId: "in-1" }))
      expect(taken).toBeInstanceOf(RelaySandbox.CallIdInUseError)
      expect(taken).toMatchObject({ _tag: "CallIdInUseError", callId: "in-1" })
      expect((yield* sandbox.calls.list).map((c) => c.callId)).toEqual(["in-1"])
      // The options' callId wins over the script's; the script's applies when the options name none.
      const scripted = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, context: "office", script: { callId: "s-1" } })
      const chosen = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, context: "office", script: { callId: "s-1" }, callId: "s-2" })
      expect([scripted.callId, chosen.callId]).toEqual(["s-1", "s-2"])

      yield* sandbox.calls.script("+15551230001", { callId: "leg-1" })
      yield* sandbox.calls.script("+15551230002", { callId: "b-1" })
      expect((yield* client.request("calling.dial", { tag: "D", devices: [[A]] })).result.code).toBe("200")
      const dialled = yield* nextEvent(client, "calling.call.dial")
      expect(dialled.params).toMatchObject({ dial_state: "answered", call: { call_id: "leg-1", dial_winner: true } })
      // A second dial that would give leg-1 to another call is refused, and dials nothing.
      const again = yield* client.request("calling.dial", { tag: "D2", devices: [[A]] })
      expect(again.result).toEqual({
        code: "409",
        message: "call_id leg-1 (CallScript.callId for +15551230001) belongs to a call in progress"
      })
      expect((yield* client.request("calling.begin", { device: B, tag: "b" })).result).toMatchObject({ code: "200", call_id: "b-1" })
      expect((yield* client.request("calling.begin", { device: B, tag: "b" })).result.code).toBe("409")
      expect((yield* sandbox.calls.list).filter((c) => c.direction === "outbound").map((c) => c.callId)).toEqual(["leg-1", "b-1"])

      // An ended call gives its id up: the new call takes it over.
      yield* sandbox.calls.hangup("in-1")
      const reused = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, context: "office", callId: "in-1" })
      expect(reused).toMatchObject({ callId: "in-1", state: "created" })
      expect(Option.getOrThrow(yield* sandbox.calls.get("in-1")).state).toBe("created")
      expect((yield* sandbox.calls.list).filter((c) => c.callId === "in-1")).toHaveLength(1)
    }))

  it.scopedLive("HTTP admin API: POST /_sandbox/calls chooses the call_id (callId, or the script's); a live one is 409", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const { client } = yield* session(sandbox)
      const post = (body: unknown) =>
        Effect.promise(async () => {
          const response = await fetch(`http://${sandbox.host}/_sandbox/calls`, { method: "POST", body: JSON.stringify(body) })
          return { status: response.status, body: (await response.json()) as Json }
        })
      const inbound = { from: CALLER, to: OFFICE, context: "office" }
      const created = yield* post({ ...inbound, callId: "admin-1" })
      expect(created).toMatchObject({ status: 201, body: { callId: "admin-1", state: "created" } })
      expect((yield* nextEvent(client, "calling.call.receive")).params.call_id).toBe("admin-1")
      expect(yield* post({ ...inbound, script: { callId: "admin-2" } })).toMatchObject({ status: 201, body: { callId: "admin-2" } })
      expect(yield* post({ ...inbound, callId: "admin-1" })).toEqual({
        status: 409,
        body: { error: "call_id admin-1 belongs to a call in progress" }
      })
      expect(yield* post({ ...inbound, script: { callId: "admin-2" } })).toMatchObject({ status: 409 })
      expect((yield* post({ ...inbound, callId: "" })).status).toBe(400)
      expect((yield* post({ ...inbound, callId: 7 })).status).toBe(400)
      expect((yield* sandbox.calls.list).map((c) => c.callId)).toEqual(["admin-1", "admin-2"])
    }))

  it.scoped("timers run on the sandbox's Clock: ringing and hangupAfter follow TestClock", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ clock: "inherit" })
      yield* sandbox.calls.scriptDefault({ ringFor: "10 seconds", hangupAfter: "1 minute" })
      const { client } = yield* session(sandbox)
      yield* client.request("calling.dial", { tag: "clock", devices: [[A]] })
      const [created] = yield* events(client, 2)
      const callId = created![1].call_id as string
      yield* untilSleeping(10_000)
      yield* TestClock.adjust("10 seconds")
      expect((yield* events(client, 2)).map(([, p]) => p.call_state ?? p.dial_state)).toEqual(["answered", "answered"])
      yield* untilSleeping(60_000)
      yield* TestClock.adjust("1 minute")
      expect(yield* sandbox.calls.waitForState(callId, "ended")).toMatchObject({ endReason: "hangup" })
    }))

  it.scoped("record ends by itself with the platform's defaults: speech then 1 s of silence, finished; silence, no_input at 5 s", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ clock: "inherit" })
      const { client } = yield* session(sandbox)
      // The default far end speaks for 1 second as soon as the recording starts.
      const talker = yield* answeredInbound(sandbox, client)
      yield* client.request("calling.record", { ...ids(talker), control_id: "r1", record: { audio: {} } })
      expect((yield* nextEvent(client, "calling.call.record")).params.state).toBe("recording")
      yield* untilSleeping(2_000)
      yield* TestClock.adjust("2 seconds")
      const url = "https://sandbox.invalid/recordings/r1.mp3"
      expect((yield* nextEvent(client, "calling.call.record")).params).toEqual({
        ...ids(talker),
        control_id: "r1",
        state: "finished",
        url,
        duration: 2,
        size: 32_000,
        record: { url, duration: 2, size: 32_000 }
      })
      expect(Option.getOrThrow(yield* sandbox.calls.get(talker.callId)).actions).toEqual([])

      const silent = yield* answeredInbound(sandbox, client, { recording: "noInput" })
      yield* client.request("calling.record", { ...ids(silent), control_id: "r2", record: { audio: { format: "wav" } } })
      yield* nextEvent(client, "calling.call.record")
      yield* untilSleeping(5_000)
      yield* TestClock.adjust("5 seconds")
      expect((yield* nextEvent(client, "calling.call.record")).params).toEqual({ ...ids(silent), control_id: "r2", state: "no_input" })
    }))

  it.scoped("record follows its own initial_timeout / end_silence_timeout and the script's speech; a pause stops its clock", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make({ clock: "inherit" })
      const { client } = yield* session(sandbox)
      const record = (call: RelaySandbox.SimCall, controlId: string, audio: Json) =>
        Effect.gen(function*() {
          yield* client.request("calling.record", { ...ids(call), control_id: controlId, record: { audio } })
          expect((yield* nextEvent(client, "calling.call.record")).params.state).toBe("recording")
        })
      const terminal = Effect.map(nextEvent(client, "calling.call.record"), (e) => [e.params.state, e.params.duration])

      // Speech from 2 s to 5 s, then 0.5 s of silence: finished at 5.5 s of recording; 10 s paused do not count.
      const late = yield* answeredInbound(sandbox, client, { recording: { speakAfter: "2 seconds", speakFor: "3 seconds" } })
      yield* record(late, "a", { initial_timeout: 3, end_silence_timeout: 0.5 })
      yield* untilSleeping(5_500)
      yield* TestClock.adjust("1 second")
      yield* client.request("calling.record.pause", { ...ids(late), control_id: "a" })
      expect((yield* nextEvent(client, "calling.call.record")).params.state).toBe("paused")
      yield* TestClock.adjust("10 seconds")
      yield* client.request("calling.record.resume", { ...ids(late), control_id: "a" })
      expect((yield* nextEvent(client, "calling.call.record")).params.state).toBe("recording")
      yield* untilSleeping(4_500)
      yield* TestClock.adjust("4500 millis")
      expect(yield* terminal).toEqual(["finished", 5.5])

      // Speech that starts at or after initial_timeout comes too late: no_input at initial_timeout.
      const tooLate = yield* answeredInbound(sandbox, client, { recording: { speakAfter: "4 seconds" } })
      yield* record(tooLate, "b", { initial_timeout: 3 })
      yield* untilSleeping(3_000)
      yield* TestClock.adjust("3 seconds")
      expect(yield* terminal).toEqual(["no_input", undefined])

      // Timeouts of 0 are off: the recording runs until it is stopped (here after an hour).
      const endless = yield* answeredInbound(sandbox, client)
      yield* record(endless, "c", { end_silence_timeout: 0 })
      const silent = yield* answeredInbound(sandbox, client, { recording: "noInput" })
      yield* record(silent, "d", { initial_timeout: 0 })
      const forever = yield* answeredInbound(sandbox, client, { recording: { speakFor: Infinity } })
      yield* record(forever, "e", {})
      yield* TestClock.adjust("1 hour")
      for (const [call, controlId] of [[endless, "c"], [silent, "d"], [forever, "e"]] as const) {
        expect((yield* client.request("calling.record.stop", { ...ids(call), control_id: controlId })).result.code).toBe("200")
      }
      expect(yield* Effect.all([terminal, terminal, terminal])).toEqual([["finished", 3600], ["no_input", undefined], ["finished", 3600]])
    }))
})
