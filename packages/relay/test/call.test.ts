import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import { type Call, Device, Media, type RelayError, type RelayFrame } from "@signalwire-effect/relay"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { type Client, connect } from "./fixtures/sandbox.js"

const FROM = "+15559870000"
const TO = "+15551230001"

/** A sandbox, a client, and an answered outbound call to `TO` (scripted with `script`). */
const answeredCall = (script: RelaySandbox.CallScript = {}, options: { readonly callEventBufferSize?: number } = {}) =>
  Effect.gen(function*() {
    const sandbox = yield* RelaySandbox.make()
    yield* sandbox.calls.script(TO, script)
    const relay: Client = yield* connect(sandbox, options)
    const call = yield* relay.dial(Device.serial(Device.phone({ to: TO, from: FROM })))
    return { sandbox, relay, call }
  })

const lastRequest = (sandbox: RelaySandbox.Sandbox, method: string) =>
  Effect.map(sandbox.journal.requests(method), (requests) => requests[requests.length - 1]?.params)

type Command = readonly [
  name: string,
  run: (call: Call.Call) => Effect.Effect<RelayFrame.JsonObject, RelayError.CommandError>,
  method: string,
  params: RelayFrame.JsonObject
]

const commands: ReadonlyArray<Command> = [
  ["answer with codecs", (c) => c.answer({ codecs: ["PCMU", "OPUS"] }), "calling.answer", { codecs: ["PCMU", "OPUS"] }],
  ["sendDigits", (c) => c.sendDigits("12w#"), "calling.send_digits", { digits: "12w#" }],
  [
    "bindDigit",
    (c) => c.bindDigit("*1", "calling.play", { params: { play: [Media.tts("menu")] }, realm: "menu", maxTriggers: 2 }),
    "calling.bind_digit",
    { digits: "*1", bind_method: "calling.play", params: { play: [Media.tts("menu")] }, realm: "menu", max_triggers: 2 }
  ],
  ["clearDigitBindings", (c) => c.clearDigitBindings("menu"), "calling.clear_digit_bindings", { realm: "menu" }],
  // A SWML destination would hand the call to the SWML executor (tested in the sandbox); a name keeps it here.
  ["transfer", (c) => c.transfer("sales"), "calling.transfer", { dest: "sales" }],
  [
    "refer",
    (c) => c.refer({ type: "sip", params: { to: "sip:bob@example.com" } }, { statusUrl: "https://example.com/refer" }),
    "calling.refer",
    { device: { type: "sip", params: { to: "sip:bob@example.com" } }, status_url: "https://example.com/refer" }
  ],
  [
    "liveTranscribe",
    (c) => c.liveTranscribe({ start: { language: "en-US" } }),
    "calling.live_transcribe",
    { action: { start: { language: "en-US" } } }
  ],
  [
    "liveTranslate",
    (c) => c.liveTranslate({ start: { source: "en-US", target: "es" } }),
    "calling.live_translate",
    { action: { start: { source: "en-US", target: "es" } } }
  ],
  [
    "joinConference",
    (c) => c.joinConference("team", { muted: true, beep: "onEnter", maxParticipants: 10, startOnEnter: false }),
    "calling.join_conference",
    { name: "team", muted: true, beep: "onEnter", max_participants: 10, start_on_enter: false }
  ],
  ["joinRoom", (c) => c.joinRoom("room-1"), "calling.join_room", { name: "room-1" }],
  ["leaveRoom", (c) => c.leaveRoom, "calling.leave_room", {}],
  ["queueEnter", (c) => c.queueEnter("support"), "calling.queue.enter", { queue_name: "support" }],
  ["queueLeave", (c) => c.queueLeave("support"), "calling.queue.leave", { queue_name: "support" }],
  [
    "queueEnter with a controlId",
    (c) => c.queueEnter("billing", { controlId: "queue-1" }),
    "calling.queue.enter",
    { queue_name: "billing", control_id: "queue-1" }
  ],
  ["hold", (c) => c.hold, "calling.hold", {}],
  ["unhold", (c) => c.unhold, "calling.unhold", {}],
  ["denoise", (c) => c.denoise, "calling.denoise", {}],
  ["denoiseStop", (c) => c.denoiseStop, "calling.denoise.stop", {}],
  ["echo", (c) => c.echo({ timeout: "5 seconds" }), "calling.echo", { timeout: 5 }],
  ["userEvent", (c) => c.userEvent({ name: "checkout" }), "calling.user_event", { event: { name: "checkout" } }],
  [
    "amazonBedrock",
    (c) => c.amazonBedrock({ prompt: "be brief", aiParams: { end_of_speech_timeout: 3000 } }),
    "calling.amazon_bedrock",
    { prompt: "be brief", params: { end_of_speech_timeout: 3000 } }
  ],
  [
    "aiMessage",
    (c) => c.aiMessage({ messageText: "hello", role: "user" }),
    "calling.ai_message",
    { message_text: "hello", role: "user" }
  ],
  ["aiHold", (c) => c.aiHold({ timeout: "30", prompt: "hold on" }), "calling.ai_hold", { timeout: "30", prompt: "hold on" }],
  ["aiUnhold", (c) => c.aiUnhold({ prompt: "back" }), "calling.ai_unhold", { prompt: "back" }],
  ["disconnect", (c) => c.disconnect, "calling.disconnect", {}],
  ["execute", (c) => c.execute("calling.user_event", { event: "raw" }), "calling.user_event", { event: "raw" }]
]

describe("call commands", () => {
  it.scopedLive("every simple command sends its frame and returns the platform's result", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall()
      for (const [name, run, method, params] of commands) {
        const result = yield* run(call)
        expect(result.code, name).toBe("200")
        const sent = yield* lastRequest(sandbox, method)
        expect(sent, name).toMatchObject({ node_id: call.nodeId, call_id: call.callId, ...params })
      }
      const joined = yield* call.joinConference("team-2")
      expect(typeof joined.conference_id).toBe("string")
      const left = yield* call.leaveConference(joined.conference_id as string)
      expect(left.code).toBe("200")
      expect(yield* lastRequest(sandbox, "calling.leave_conference")).toMatchObject({ conference_id: joined.conference_id })
    }))

  it.scopedLive("invalid params are InvalidRequest and send nothing", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall()
      const mark = yield* sandbox.journal.mark
      const attempts: ReadonlyArray<Effect.Effect<unknown, RelayError.CommandError | RelayError.CallEnded>> = [
        call.play({ type: "tts", text: "flat form" } as unknown as Media.Media),
        call.play([]),
        call.playTTS("loud", { volume: 99 }),
        call.playTTS("typo", { volumee: 3 } as unknown as Call.PlayTTSOptions),
        call.collect({ initialTimeout: "2 seconds" }),
        call.collect({ digits: { max: 1, digit_timeout: 2 } } as unknown as Call.CollectOptions),
        call.collect({ digits: { max: 1 }, initialTimeout: "soon" } as unknown as Call.CollectOptions),
        call.playAndCollect(Media.tts("menu"), {}),
        call.sendDigits("12x"),
        call.pay("https://pay.example.com", { chargeAmount: "$5" }),
        call.pay("https://pay.example.com", { timeout: 5 } as unknown as Call.PayOptions),
        call.hangup("whatever" as Call.EndReason),
        call.detect({ type: "voice" } as unknown as Call.DetectSpec),
        call.stream("http://not-a-websocket.example.com"),
        call.tap({ type: "audio" }, { type: "rtp", params: { addr: "localhost", port: 5000 } }),
        call.connect([[{ type: "phone", params: { to_number: "123", from_number: FROM } }]]),
        call.bindDigit("*1", "play"),
        call.joinConference(""),
        call.execute("signalwire.ping")
      ]
      for (const attempt of attempts) {
        const error = yield* Effect.flip(attempt)
        expect(error._tag).toBe("InvalidRequest")
      }
      const snake = yield* Effect.flip(call.collect({ digits: { max: 1, digit_timeout: 2 } } as unknown as Call.CollectOptions))
      expect(snake.message).toMatch(/digit_timeout/)
      const notATime = yield* Effect.flip(call.collect({ digits: { max: 1 }, initialTimeout: "soon" } as unknown as Call.CollectOptions))
      expect(notATime.message).toMatch(/initialTimeout.*expected a non-negative Duration/)
      const sent = (yield* sandbox.journal.requests()).filter((r) => r.seq > mark)
      expect(sent).toEqual([])
    }))

  it.scopedLive("call-gone: 404/410 from the server and commands on an ended call are CallGone", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall()
      yield* sandbox.faults.respond("calling.hold", { code: "404", message: "Call not found" }, { times: 1 })
      const gone = yield* Effect.flip(call.hold)
      expect(gone).toMatchObject({ _tag: "CallGone", code: 404, callId: call.callId, method: "calling.hold", sent: true })
      yield* sandbox.faults.respond("calling.unhold", { code: "500", message: "boom" }, { times: 1 })
      const other = yield* Effect.flip(call.unhold)
      expect(other).toMatchObject({ _tag: "RpcError", code: 500, message: "boom", callId: call.callId })
      yield* sandbox.calls.hangup(call.callId)
      expect(yield* call.ended).toBe("hangup")
      const mark = yield* sandbox.journal.mark
      const afterEnd = yield* Effect.flip(call.hangup())
      expect(afterEnd).toMatchObject({ _tag: "CallGone", code: 410, sent: false })
      const action = yield* Effect.flip(call.playTTS("too late"))
      expect(action._tag).toBe("CallGone")
      expect((yield* sandbox.journal.requests()).filter((r) => r.seq > mark)).toEqual([])
    }))

  it.scopedLive("connect bridges to the first answering device; a failed bridge is an error", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall()
      const connected = yield* call.connect(Device.serial(Device.phone({ to: "+15551230002", from: FROM })), {
        ringback: [Media.ringtone("us")]
      })
      expect(typeof connected.peer.call_id).toBe("string")
      expect(yield* lastRequest(sandbox, "calling.connect")).toMatchObject({
        devices: [[{ type: "phone", params: { to_number: "+15551230002", from_number: FROM } }]],
        ringback: [{ type: "ringtone", params: { name: "us" } }]
      })
      yield* sandbox.calls.script("+15551230003", { outcome: "busy" })
      const failed = yield* Effect.flip(call.connect(Device.serial(Device.phone({ to: "+15551230003", from: FROM }))))
      expect(failed).toMatchObject({ _tag: "RpcError", method: "calling.connect", code: -1 })
    }))
})

describe("call state and events", () => {
  it.scopedLive("the event stream ends with the ended event; waitFor past states returns at once", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall()
      expect(yield* call.waitFor("ringing")).toBe("answered")
      const events = yield* call.events.pipe(Stream.runCollect, Effect.fork)
      yield* Effect.sleep("20 millis")
      yield* call.playTTS("hi")
      yield* sandbox.calls.hangup(call.callId, "busy")
      const collected = Chunk.toReadonlyArray(yield* Fiber.join(events))
      const last = collected[collected.length - 1]
      expect(last?._tag).toBe("CallState")
      expect(last?.params).toMatchObject({ call_state: "ended", end_reason: "busy" })
      expect(collected.some((e) => e._tag === "CallPlay")).toBe(true)
      expect(call.state).toBe("ended")
      expect(call.endReason).toBe("busy")
      expect(yield* call.ended).toBe("busy")
    }))

  it.scopedLive("waiting for a state the call never reaches fails with CallEnded", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const result = yield* Deferred.make<Exit.Exit<Call.CallState, RelayError.CallWaitError>>()
      yield* relay.onCall((call) => Effect.flatMap(Effect.exit(call.waitFor("answered")), (exit) => Deferred.succeed(result, exit)))
      const offered = yield* sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office" })
      yield* Effect.sleep("20 millis")
      yield* sandbox.calls.hangup(offered.callId, "cancel")
      const exit = yield* Deferred.await(result)
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("cancel")
    }))

  it.scopedLive("a call-event subscriber that falls behind fails with EventOverflow; the call is unharmed", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall({}, { callEventBufferSize: 4 })
      const slow = yield* call.subscribe
      for (let n = 0; n < 10; n++) {
        yield* sandbox.sendEvent("calling.call.echo", { call_id: call.callId, node_id: call.nodeId, state: `echo-${n}` })
      }
      yield* Effect.sleep("50 millis")
      const error = yield* slow.pipe(Stream.runDrain, Effect.flip)
      expect(error._tag).toBe("EventOverflow")
      const fresh = yield* call.subscribe
      yield* call.playTTS("still here")
      const next = yield* fresh.pipe(Stream.runHead)
      expect(next._tag).toBe("Some")
    }))
})

describe("actions", () => {
  it.scopedLive("play: pause, resume, volume and stop on the wire; wait gets the terminal state", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall({ playFor: "10 seconds" })
      const play = yield* call.play([Media.audio("https://cdn.example.com/a.mp3"), Media.silence("1 second")], { volume: -3, loop: 2 })
      expect(yield* lastRequest(sandbox, "calling.play")).toMatchObject({
        control_id: play.controlId,
        volume: -3,
        loop: 2,
        play: [{ type: "audio", params: { url: "https://cdn.example.com/a.mp3" } }, { type: "silence", params: { duration: 1 } }]
      })
      yield* play.pause
      yield* play.resume
      yield* play.volume(6)
      expect((yield* play.stop).code).toBe("200")
      const result = yield* play.wait
      expect(result.state).toBe("finished")
      for (const sub of ["pause", "resume", "volume", "stop"]) {
        expect(yield* lastRequest(sandbox, `calling.play.${sub}`)).toMatchObject({ control_id: play.controlId })
      }
      expect(yield* lastRequest(sandbox, "calling.play.volume")).toMatchObject({ volume: 6 })
      const polled = yield* play.result
      expect(polled._tag === "Some" && Exit.isSuccess(polled.value)).toBe(true)
      // Stopping a finished action sends nothing.
      const mark = yield* sandbox.journal.mark
      yield* play.stop
      expect((yield* sandbox.journal.requests()).filter((r) => r.seq > mark)).toEqual([])
    }))

  it.scopedLive("a caller-chosen controlId is the action's id on the wire; a second one running is refused", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall({ playFor: "10 seconds" })
      const play = yield* call.playTTS("hold music", { controlId: "music-1" })
      expect(play.controlId).toBe("music-1")
      expect(yield* lastRequest(sandbox, "calling.play")).toMatchObject({ control_id: "music-1" })
      expect(Object.keys((yield* lastRequest(sandbox, "calling.play")) ?? {})).not.toContain("controlId")
      const twice = yield* Effect.flip(call.playTTS("again", { controlId: "music-1" }))
      expect(twice._tag).toBe("InvalidRequest")
      yield* play.stop
      expect(yield* lastRequest(sandbox, "calling.play.stop")).toMatchObject({ control_id: "music-1" })
    }))

  it.scopedLive("record: stop gives the recording; a hang-up mid-recording still delivers it", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall()
      const record = yield* call.record({ beep: true, format: "wav", direction: "both", endSilenceTimeout: "2 seconds" })
      expect(yield* lastRequest(sandbox, "calling.record")).toMatchObject({
        record: { audio: { beep: true, format: "wav", direction: "both", end_silence_timeout: 2 } }
      })
      yield* record.pause("silence")
      expect(yield* lastRequest(sandbox, "calling.record.pause")).toMatchObject({ behavior: "silence" })
      yield* record.resume
      yield* record.stop
      const recorded = yield* record.wait
      expect(recorded.state).toBe("finished")
      expect(recorded.url).toMatch(/^https:\/\//)
      const second = yield* call.record()
      yield* sandbox.calls.hangup(call.callId)
      const saved = yield* second.wait
      expect(saved.url).toMatch(/^https:\/\//)
    }))

  it.scopedLive("play_and_collect and collect: digits, speech, no input", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall({
        inputs: [{ digits: "12", terminator: "#" }, { speech: "talk to sales", confidence: 0.9 }]
      })
      const menu = yield* call.promptTTS("Press 1 for sales", {
        digits: { max: 2, terminators: "#", digitTimeout: "1500 millis" },
        initialTimeout: Duration.seconds(5)
      })
      const digits = yield* menu.wait
      expect(digits).toMatchObject({ _tag: "Digits", digits: "12", terminator: "#" })
      expect(yield* lastRequest(sandbox, "calling.play_and_collect")).toMatchObject({
        play: [{ type: "tts", params: { text: "Press 1 for sales" } }],
        collect: { digits: { max: 2, terminators: "#", digit_timeout: 1.5 }, initial_timeout: 5 }
      })
      const speech = yield* call.collect({ speech: { language: "en-US" }, partialResults: true, startInputTimers: true })
      expect(yield* speech.wait).toMatchObject({ _tag: "Speech", text: "talk to sales", confidence: 0.9 })
      expect(yield* lastRequest(sandbox, "calling.collect")).toMatchObject({
        speech: { language: "en-US" },
        partial_results: true,
        start_input_timers: true
      })
      const silent = yield* call.collect({ digits: { max: 1 }, initialTimeout: "100 millis" })
      expect((yield* silent.wait)._tag).toBe("NoInput")
    }))

  it.scopedLive("detect: answering machine, fax tone", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall({ machine: "MACHINE" })
      const amd = yield* call.detectAnsweringMachine({ initialTimeout: "3 seconds", detectMessageEnd: true, timeout: "20 seconds" })
      expect(yield* amd.wait).toMatchObject({ _tag: "Detected", type: "machine", result: "MACHINE" })
      expect(yield* lastRequest(sandbox, "calling.detect")).toMatchObject({
        detect: { type: "machine", params: { initial_timeout: 3, detect_message_end: true } },
        timeout: 20
      })
      const fax = yield* call.detectFax({ tone: "CED" })
      expect(yield* fax.wait).toMatchObject({ _tag: "Detected", type: "fax", result: "CED" })
    }))

  it.scopedLive("tap, stream, transcribe and AI run until stopped", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall()
      const tap = yield* call.tap({ type: "audio", params: { direction: "both" } }, {
        type: "rtp",
        params: { addr: "10.0.0.1", port: 5000 }
      })
      expect(tap.sourceDevice).toBeDefined()
      const stream = yield* call.stream("wss://media.example.com/in", { track: "both_tracks", codec: "PCMU" })
      expect(yield* lastRequest(sandbox, "calling.stream")).toMatchObject({ url: "wss://media.example.com/in", track: "both_tracks" })
      const transcription = yield* call.transcribe()
      const second = yield* Effect.flip(call.transcribe())
      expect(second).toMatchObject({ _tag: "RpcError", code: 409 })
      const ai = yield* call.ai({ prompt: { text: "You are a helpful agent" }, SWAIG: { functions: [] } })
      expect(yield* lastRequest(sandbox, "calling.ai")).toMatchObject({
        prompt: { text: "You are a helpful agent" },
        SWAIG: { functions: [] }
      })
      for (const action of [tap, stream, transcription, ai]) yield* action.stop
      expect((yield* tap.wait).event._tag).toBe("CallTap")
      expect((yield* stream.wait).event._tag).toBe("CallStream")
      expect((yield* transcription.wait).url).toMatch(/^https:\/\//)
      expect((yield* ai.wait).event._tag).toBe("CallAi")
    }))

  it.scopedLive("fax and pay: success, and a failing terminal state is ActionFailed", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall({ fax: { pages: 3 } })
      const sent = yield* call.sendFax("https://docs.example.com/contract.pdf", { identity: "+15559870000" })
      expect(yield* sent.wait).toMatchObject({ success: true, pages: 3 })
      const paid = yield* call.pay("https://pay.example.com/connector", { chargeAmount: "25.99", securityCode: "true" })
      expect(yield* lastRequest(sandbox, "calling.pay")).toMatchObject({
        payment_connector_url: "https://pay.example.com/connector",
        charge_amount: "25.99",
        security_code: "true"
      })
      expect((yield* paid.wait).event._tag).toBe("CallPay")
      const failing = yield* answeredCall({ fax: { error: "no fax tone" }, payment: "error" })
      const received = yield* failing.call.receiveFax()
      expect(yield* Effect.flip(received.wait)).toMatchObject({ _tag: "ActionFailed", kind: "receive_fax", state: "error" })
      const declined = yield* failing.call.pay("https://pay.example.com/connector")
      expect(yield* Effect.flip(declined.wait)).toMatchObject({ _tag: "ActionFailed", kind: "pay" })
    }))

  it.scopedLive("every running action settles when the call ends", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall({ playFor: "1 minute" })
      const play = yield* call.playTTS("a long prompt")
      const collect = yield* call.collect({ digits: { max: 4 }, initialTimeout: "1 minute" })
      const detect = yield* call.detectDigit()
      const pay = yield* call.pay("https://pay.example.com/connector")
      yield* sandbox.calls.hangup(call.callId)
      for (const action of [play, collect, detect, pay] as ReadonlyArray<Call.Action<unknown>>) {
        const error = yield* Effect.flip(action.wait)
        expect(error).toMatchObject({ _tag: "CallEnded", callId: call.callId, endReason: "hangup", controlId: action.controlId })
      }
    }))
})

describe("the sandbox's clock", () => {
  // it.scoped runs on the TestClock; the sandbox's simulation runs on real time unless asked.
  it.scoped("under the TestClock, a dial rings and answers, a play finishes and a message is delivered without adjusting time", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15551230009", { ringFor: "20 millis", playFor: "20 millis" })
      const relay = yield* connect(sandbox)
      const call = yield* relay.dial(Device.serial(Device.phone({ to: "+15551230009", from: "+15552220000" })))
      const played = yield* (yield* call.play(Media.tts("real time"))).wait
      expect(played.state).toBe("finished")
      const message = yield* relay.sendMessage({ to: "+15559876543", from: "+15551234567", body: "hi" })
      expect((yield* message.wait()).state).toBe("delivered")
    }))
})
