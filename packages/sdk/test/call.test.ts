import { describe, expect, it } from "vitest"
import type { RelaySandbox } from "@signalwire-effect/sandbox"
import {
  Action,
  AIAction,
  type Call,
  CallStateEvent,
  CollectAction,
  CollectEvent,
  DetectAction,
  DetectEvent,
  FaxAction,
  FaxEvent,
  PayAction,
  PayEvent,
  PlayAction,
  PlayEvent,
  RecordAction,
  RecordEvent,
  RelayError,
  RelayEvent,
  StandaloneCollectAction,
  StreamAction,
  StreamEvent,
  TapAction,
  TapEvent,
  TranscribeAction,
  TranscribeEvent
} from "@signalwire-effect/sdk"
import { eventually, settle, type TestSandbox, withSandbox } from "./fixtures/sandbox.js"

const FROM = "+15559870000"
const TO = "+15551230001"

/** A connected client and an answered outbound call to `TO`, its far end scripted with `script`. */
const answered = async (t: TestSandbox, script: RelaySandbox.CallScript = {}) => {
  await t.run(t.sandbox.calls.script(TO, script))
  const client = t.client()
  await client.connect()
  const call = await client.dial([[{ type: "phone", to: TO, from: FROM }]])
  return { client, call }
}

const lastParams = async (t: TestSandbox, method: string) => {
  const requests = await t.run(t.sandbox.journal.requests(method))
  return requests[requests.length - 1]?.params
}

describe.concurrent("dial", () => {
  it("resolves with the answered Call: flat devices are sent nested, properties follow the reference", () =>
    withSandbox(async (t) => {
      const { call, client } = await answered(t)
      const [request] = await t.run(t.sandbox.journal.requests("calling.dial"))
      expect(request?.params.devices).toEqual([[{ type: "phone", params: { to_number: TO, from_number: FROM } }]])
      expect(call.state).toBe("answered")
      expect(call.direction).toBe("outbound")
      expect(call.callId).toMatch(/\S/)
      expect(call.nodeId).toMatch(/\S/)
      expect(call.projectId).toBe("sandbox-project")
      expect(call.context).toBe(client.relayProtocol)
      expect(call.tag).toBe(request?.params.tag)
      expect(call.segmentId).toBe("")
      expect(call.device).toMatchObject({ type: "phone", params: { to_number: TO } })
      expect(String(call)).toBe(`<Call id=${call.callId} state=answered direction=outbound>`)
    }))

  it("takes the tag, a 1-D plan, and rejects with the reference's dial errors", () =>
    withSandbox(async (t) => {
      await t.run(t.sandbox.calls.script("+15551230002", { outcome: "busy" }))
      await t.run(t.sandbox.calls.script("+15551230003", { ringFor: "1 minute" }))
      const client = t.client()
      await client.connect()
      const call = await client.dial([{ type: "phone", to: TO, from: FROM }], { tag: "my-tag", maxDuration: 10 })
      expect(call.tag).toBe("my-tag")
      expect((await lastParams(t, "calling.dial"))).toMatchObject({ tag: "my-tag", max_duration: 10 })
      const busy = await settle(client.dial([[{ type: "phone", to: "+15551230002", from: FROM }]], { tag: "busy-tag" }))
      expect(busy).toMatchObject({ ok: false, error: { code: -1, rawMessage: "Dial failed (tag=busy-tag)" } })
      // dialTimeout is in seconds: 0.3 s here (in milliseconds it would fail at once).
      const started = Date.now()
      const slow = await settle(client.dial([[{ type: "phone", to: "+15551230003", from: FROM }]], { tag: "slow", dialTimeout: 0.3 }))
      expect(slow).toMatchObject({ ok: false, error: { code: -1, rawMessage: "Dial timed out waiting for answer (tag=slow)" } })
      expect(Date.now() - started).toBeGreaterThanOrEqual(250)
      const invalid = await settle(client.dial([[{ type: "phone", to: "12", from: FROM }]]))
      expect(invalid).toMatchObject({ ok: false, error: { code: -1 } })
      expect((invalid as { error: unknown }).error).toBeInstanceOf(RelayError)
    }))
})

describe.concurrent("call commands", () => {
  it("every command sends its frame and resolves with the platform's result", () =>
    withSandbox(async (t) => {
      const { call, client } = await answered(t)
      const commands: ReadonlyArray<readonly [string, () => Promise<Record<string, unknown>>, string, Record<string, unknown>]> = [
        ["answer", () => call.answer({ codecs: ["PCMU"] }), "calling.answer", { codecs: ["PCMU"] }],
        ["sendDigits", () => call.sendDigits("12#"), "calling.send_digits", { digits: "12#" }],
        ["sendDigits with controlId", () => call.sendDigits("3", "digits-1"), "calling.send_digits", { digits: "3", control_id: "digits-1" }],
        [
          "bindDigit",
          () => call.bindDigit("*1", "calling.play", { bindParams: { play: [{ type: "tts", params: { text: "menu" } }] }, realm: "menu", maxTriggers: 2 }),
          "calling.bind_digit",
          { digits: "*1", bind_method: "calling.play", realm: "menu", max_triggers: 2 }
        ],
        ["clearDigitBindings", () => call.clearDigitBindings("menu"), "calling.clear_digit_bindings", { realm: "menu" }],
        ["refer (flat SIP device)", () => call.refer({ type: "sip", to: "sip:bob@example.com" }, { statusUrl: "https://example.com/r" }), "calling.refer", {
          device: { type: "sip", params: { to: "sip:bob@example.com" } },
          status_url: "https://example.com/r"
        }],
        ["liveTranscribe", () => call.liveTranscribe({ start: { lang: "en-US" } }), "calling.live_transcribe", { action: { start: { lang: "en-US" } } }],
        ["liveTranscribe with extra", () => call.liveTranscribe({ stop: {} }, { status_url: "https://example.com/t" }), "calling.live_transcribe", {
          action: { stop: {} },
          status_url: "https://example.com/t"
        }],
        ["liveTranslate", () => call.liveTranslate({ start: { from_lang: "en-US" } }, { statusUrl: "https://example.com/l" }), "calling.live_translate", {
          action: { start: { from_lang: "en-US" } },
          status_url: "https://example.com/l"
        }],
        ["joinConference", () => call.joinConference("team", { muted: true, beep: "onEnter", maxParticipants: 10 }), "calling.join_conference", {
          name: "team",
          muted: true,
          beep: "onEnter",
          max_participants: 10
        }],
        ["joinRoom", () => call.joinRoom("room-1", { statusUrl: "https://example.com/room" }), "calling.join_room", { name: "room-1", status_url: "https://example.com/room" }],
        ["leaveRoom", () => call.leaveRoom(), "calling.leave_room", {}],
        ["leaveRoom with extra", () => call.leaveRoom({ reason: "done" }), "calling.leave_room", { reason: "done" }],
        ["queueEnter", () => call.queueEnter("support"), "calling.queue.enter", { queue_name: "support" }],
        ["queueEnter with controlId", () => call.queueEnter("support", { controlId: "q-1" }), "calling.queue.enter", { queue_name: "support", control_id: "q-1" }],
        ["queueLeave", () => call.queueLeave("support", { controlId: "q-1" }), "calling.queue.leave", { queue_name: "support", control_id: "q-1" }],
        ["queueLeave without controlId", () => call.queueLeave("support"), "calling.queue.leave", { queue_name: "support" }],
        ["hold", () => call.hold(), "calling.hold", {}],
        ["unhold", () => call.unhold(), "calling.unhold", {}],
        ["denoise", () => call.denoise(), "calling.denoise", {}],
        ["denoiseStop", () => call.denoiseStop(), "calling.denoise.stop", {}],
        ["echo", () => call.echo({ timeout: 5 }), "calling.echo", { timeout: 5 }],
        ["userEvent", () => call.userEvent({ event: "checkout" }), "calling.user_event", { event: "checkout" }],
        ["userEvent forwards other keys", () => call.userEvent({ event: "cart", items: 3 }), "calling.user_event", { event: "cart", items: 3 }],
        ["amazonBedrock", () => call.amazonBedrock({ prompt: "be brief", aiParams: { a: 1 } }), "calling.amazon_bedrock", { prompt: "be brief", params: { a: 1 } }],
        ["aiMessage", () => call.aiMessage({ messageText: "hello", role: "user" }), "calling.ai_message", { message_text: "hello", role: "user" }],
        ["aiHold", () => call.aiHold({ timeout: "30", prompt: "hold on" }), "calling.ai_hold", { timeout: "30", prompt: "hold on" }],
        ["aiUnhold", () => call.aiUnhold({ prompt: "back" }), "calling.ai_unhold", { prompt: "back" }],
        ["disconnect", () => call.disconnect(), "calling.disconnect", {}]
      ]
      for (const [name, run, method, params] of commands) {
        const result = await run()
        expect(result.code, name).toBe("200")
        expect(await lastParams(t, method), name).toMatchObject({ node_id: call.nodeId, call_id: call.callId, ...params })
      }
      const joined = await call.joinConference("team-2")
      expect(joined.conference_id).toBeTypeOf("string")
      expect((await call.leaveConference(String(joined.conference_id))).code).toBe("200")
      const again = await call.joinConference("team-3")
      expect((await call.leaveConference(String(again.conference_id), { note: "x" })).code).toBe("200")
      expect(await lastParams(t, "calling.leave_conference")).toMatchObject({ conference_id: again.conference_id, note: "x" })
      // connect resolves once accepted (like the reference), the bridge is reported by events.
      const connected = call.waitFor("calling.call.connect", (e) => e.params.connect_state === "connected", 5_000)
      expect(
        (await call.connect([[{ type: "phone", to: "+15551230009", from: FROM }]], { ringback: [{ type: "ringtone", name: "us" }], tag: "bridge" }))
          .code
      ).toBe("200")
      expect(await lastParams(t, "calling.connect")).toMatchObject({
        devices: [[{ type: "phone", params: { to_number: "+15551230009", from_number: FROM } }]],
        ringback: [{ type: "ringtone", params: { name: "us" } }],
        tag: "bridge"
      })
      expect((await connected).eventType).toBe("calling.call.connect")
      expect((await call.hangup("busy")).code).toBe("200")
      expect(await lastParams(t, "calling.end")).toMatchObject({ reason: "busy" })
      expect((await call.waitForEnded(5_000)).callState).toBe("ended")
      // transfer hands the call to another application (its events stop coming here).
      const other = await client.dial([[{ type: "phone", to: TO, from: FROM }]])
      expect((await other.transfer("https://example.com/swml")).code).toBe("200")
      expect(await lastParams(t, "calling.transfer")).toMatchObject({ call_id: other.callId, dest: "https://example.com/swml" })
      const third = await client.dial([[{ type: "phone", to: TO, from: FROM }]])
      expect((await third.transfer("context:office", { note: "vip" })).code).toBe("200")
      expect(await lastParams(t, "calling.transfer")).toMatchObject({ call_id: third.callId, dest: "context:office", note: "vip" })
    }), 60_000)

  it("answer, pass and listeners on an inbound call; the handler's failure is only logged", () =>
    withSandbox(async (t) => {
      const client = t.client({ contexts: ["office"] })
      const seen: Array<string> = []
      const handled = new Promise<Call>((resolve) => {
        client.onCall(async (call) => {
          call.on("calling.call.state", (event) => void seen.push((event as CallStateEvent).callState))
          call.on("calling.call.state", () => {
            throw new Error("a failing listener does not stop the others")
          })
          expect((await call.answer()).code).toBe("200")
          resolve(call)
          throw new Error("handler failures are logged")
        })
      })
      await client.connect()
      const sim = await t.run(t.sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office" }))
      const call = await handled
      expect(call.direction).toBe("inbound")
      expect(call.context).toBe("office")
      expect(call.callId).toBe(sim.callId)
      await t.run(t.sandbox.calls.waitForState(sim.callId, "answered"))
      await eventually(() => seen.includes("answered"))
      await t.run(t.sandbox.calls.hangup(sim.callId))
      const ended = await call.waitForEnded(5_000)
      expect(ended).toBeInstanceOf(CallStateEvent)
      expect(ended.endReason).toBe("hangup")
      await eventually(() => seen.includes("ended"))
      // A second inbound call is passed back to the platform.
      const passed = new Promise<Record<string, unknown>>((resolve) => client.onCall((c) => c.pass().then(resolve)))
      await t.run(t.sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office" }))
      expect((await passed).code).toBe("200")
    }))

  it("without an onCall handler an inbound call is left alone", () =>
    withSandbox(async (t) => {
      const client = t.client({ contexts: ["office"] })
      await client.connect()
      const sim = await t.run(t.sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office" }))
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await t.run(t.sandbox.journal.requests("calling.answer"))).toEqual([])
      expect(await t.run(t.sandbox.journal.requests("calling.end"))).toEqual([])
      expect(sim.state).not.toBe("ended")
    }))
})

describe.concurrent("actions", () => {
  it("play: flat media is sent nested; wait, isDone, completed, result, onCompleted and sub-commands", () =>
    withSandbox(async (t) => {
      // Plays until stopped: the sub-commands below run while it plays, however loaded the machine.
      const { call } = await answered(t, { playFor: "1 hour" })
      const completed: Array<RelayEvent> = []
      const action = await call.play([{ type: "tts", text: "hello" }, { type: "audio", url: "https://cdn.example.com/a.mp3" }], {
        volume: 3,
        onCompleted: (event) => void completed.push(event)
      })
      expect(action).toBeInstanceOf(PlayAction)
      expect(action.call).toBe(call)
      expect(await lastParams(t, "calling.play")).toMatchObject({
        play: [{ type: "tts", params: { text: "hello" } }, { type: "audio", params: { url: "https://cdn.example.com/a.mp3" } }],
        volume: 3,
        control_id: action.controlId
      })
      expect([action.isDone, action.completed, action.result]).toEqual([false, false, null])
      expect((await action.volume(-2)).code).toBe("200")
      expect((await action.pause()).code).toBe("200")
      expect((await action.resume()).code).toBe("200")
      expect((await action.stop()).code).toBe("200")
      const event = await action.wait(5)
      expect(event).toBeInstanceOf(PlayEvent)
      expect(event.state).toBe("finished")
      expect([action.isDone, action.completed, action.result]).toEqual([true, true, event])
      await eventually(() => completed.length === 1)
      expect(completed[0]).toBe(event)
      // Once done, sub-commands are no-ops.
      expect(await action.stop()).toEqual({})
    }))

  it("conveniences: playTTS, playAudio, playSilence, playRingtone, promptTTS, promptAudio", () =>
    withSandbox(async (t) => {
      const { call } = await answered(t, { inputs: [{ digits: "1" }, { digits: "2" }] })
      await (await call.playTTS("hi", { language: "en-US", gender: "female", volume: 1 })).wait(5)
      expect(await lastParams(t, "calling.play")).toMatchObject({
        play: [{ type: "tts", params: { text: "hi", language: "en-US", gender: "female" } }],
        volume: 1
      })
      await (await call.playAudio("https://cdn.example.com/a.mp3")).wait(5)
      await (await call.playSilence(0.01)).wait(5)
      expect(await lastParams(t, "calling.play")).toMatchObject({ play: [{ type: "silence", params: { duration: 0.01 } }] })
      await (await call.playRingtone("us", { duration: 1 })).wait(5)
      expect(await lastParams(t, "calling.play")).toMatchObject({ play: [{ type: "ringtone", params: { name: "us", duration: 1 } }] })
      const menu = await call.promptTTS("press 1", { digits: { max: 1 } }, { voice: "en-US-Neural2-F" })
      expect(menu).toBeInstanceOf(CollectAction)
      expect((await menu.wait(5)).result).toMatchObject({ type: "digit", params: { digits: "1" } })
      const audio = await call.promptAudio("https://cdn.example.com/menu.mp3", { digits: { max: 1 } })
      expect((await audio.wait(5)).result).toMatchObject({ type: "digit", params: { digits: "2" } })
    }))

  it("record, collect, playAndCollect, detect, tap, stream, fax, pay, transcribe, ai", () =>
    withSandbox(async (t) => {
      const { call } = await answered(t, { inputs: [{ digits: "42#" }, { speech: "sales" }], machine: "MACHINE", detectDigits: "7" })

      const record = await call.record({ beep: true, format: "wav", end_silence_timeout: 2 })
      expect(record).toBeInstanceOf(RecordAction)
      expect(await lastParams(t, "calling.record")).toMatchObject({ record: { audio: { beep: true, format: "wav", end_silence_timeout: 2 } } })
      expect((await record.pause("silence")).code).toBe("200")
      expect((await record.resume()).code).toBe("200")
      expect((await record.stop()).code).toBe("200")
      const recorded = await record.wait(5)
      expect(recorded).toBeInstanceOf(RecordEvent)
      expect(recorded.url).toMatch(/^https:\/\/sandbox\.invalid\/recordings\/.+\.wav$/)

      const menu = await call.playAndCollect(
        [{ type: "tts", text: "enter your code" }],
        { digits: { max: 3, terminators: "#" }, partial_results: true }
      )
      expect(await lastParams(t, "calling.play_and_collect")).toMatchObject({
        play: [{ type: "tts", params: { text: "enter your code" } }],
        collect: { digits: { max: 3, terminators: "#" } }
      })
      expect(((await lastParams(t, "calling.play_and_collect"))?.collect as Record<string, unknown>).partial_results).toBeUndefined()
      const digits = await menu.wait(5)
      expect(digits).toBeInstanceOf(CollectEvent)
      expect(digits.result).toMatchObject({ type: "digit", params: { digits: "42" } })

      const listen = await call.collect({ speech: { end_silence_timeout: 1 }, initialTimeout: 5, startInputTimers: true })
      expect(listen).toBeInstanceOf(StandaloneCollectAction)
      expect(await lastParams(t, "calling.collect")).toMatchObject({ speech: { end_silence_timeout: 1 }, initial_timeout: 5, start_input_timers: true })
      expect((await listen.wait(5)).result).toMatchObject({ type: "speech", params: { text: "sales" } })

      const detect = await call.detect({ type: "machine", params: { initial_timeout: 3 } }, { timeout: 10 })
      expect(detect).toBeInstanceOf(DetectAction)
      const detected = await detect.wait(5)
      expect(detected).toBeInstanceOf(DetectEvent)
      expect(detected.detect).toMatchObject({ type: "machine", params: { event: "MACHINE" } })
      expect(await lastParams(t, "calling.detect")).toMatchObject({ detect: { type: "machine", params: { initial_timeout: 3 } }, timeout: 10 })
      const amd = await call.detectAnsweringMachine({ initialTimeout: 4, detectMessageEnd: true, timeout: 20 })
      expect(await lastParams(t, "calling.detect")).toMatchObject({
        detect: { type: "machine", params: { initial_timeout: 4, detect_message_end: true } },
        timeout: 20
      })
      await amd.wait(5)
      expect((await (await call.detectFax({ tone: "CED" })).wait(5)).detect).toMatchObject({ type: "fax" })
      expect((await (await call.detectDigit({ digits: "7", timeout: 5 })).wait(5)).detect).toMatchObject({ type: "digit" })

      const tap = await call.tap({ type: "audio", params: { direction: "both" } }, { type: "ws", uri: "wss://tap.example.com/in" })
      expect(tap).toBeInstanceOf(TapAction)
      expect(await lastParams(t, "calling.tap")).toMatchObject({ device: { type: "ws", params: { uri: "wss://tap.example.com/in" } } })
      expect((await tap.stop()).code).toBe("200")
      expect(await tap.wait(5)).toBeInstanceOf(TapEvent)

      const stream = await call.stream("wss://media.example.com/in", { name: "live", track: "both_tracks" })
      expect(stream).toBeInstanceOf(StreamAction)
      expect(await lastParams(t, "calling.stream")).toMatchObject({ url: "wss://media.example.com/in", name: "live", track: "both_tracks" })
      await stream.stop()
      expect(await stream.wait(5)).toBeInstanceOf(StreamEvent)

      const fax = await call.sendFax("https://example.com/doc.pdf", { identity: "+15559870000" })
      expect(fax).toBeInstanceOf(FaxAction)
      expect(await lastParams(t, "calling.send_fax")).toMatchObject({ document: "https://example.com/doc.pdf", identity: "+15559870000" })
      expect(await fax.wait(5)).toBeInstanceOf(FaxEvent)
      const inbox = await call.receiveFax()
      await inbox.wait(5)

      const pay = await call.pay("https://pay.example.com/connector", { chargeAmount: "9.99", inputMethod: "dtmf" })
      expect(pay).toBeInstanceOf(PayAction)
      expect(await lastParams(t, "calling.pay")).toMatchObject({ payment_connector_url: "https://pay.example.com/connector", charge_amount: "9.99", input: "dtmf" })
      expect(await pay.wait(5)).toBeInstanceOf(PayEvent)

      const transcribe = await call.transcribe({ statusUrl: "https://example.com/t" })
      expect(transcribe).toBeInstanceOf(TranscribeAction)
      await transcribe.stop()
      expect(await transcribe.wait(5)).toBeInstanceOf(TranscribeEvent)

      const ai = await call.ai({ prompt: { text: "be nice" }, aiParams: { x: 1 } })
      expect(ai).toBeInstanceOf(AIAction)
      expect(await lastParams(t, "calling.ai")).toMatchObject({ prompt: { text: "be nice" }, params: { x: 1 } })
      await ai.stop()
      expect((await ai.wait(5)).eventType).toBe("calling.call.ai")
    }))

  it("collect sub-commands: volume, startInputTimers, stop", () =>
    withSandbox(async (t) => {
      const { call } = await answered(t)
      const menu = await call.playAndCollect([{ type: "silence", duration: 1 }], { initial_timeout: 10, digits: { max: 1 } })
      expect((await menu.volume(-3)).code).toBe("200")
      expect(await lastParams(t, "calling.play_and_collect.volume")).toMatchObject({ control_id: menu.controlId, volume: -3 })
      expect((await menu.startInputTimers()).code).toBe("200")
      expect(await lastParams(t, "calling.collect.start_input_timers")).toMatchObject({ control_id: menu.controlId })
      expect((await menu.stop()).code).toBe("200")
      expect((await menu.wait(5)).result).toMatchObject({ type: "no_input" })
      const listen = await call.collect({ digits: { max: 2 }, initialTimeout: 10, startInputTimers: false })
      expect((await listen.startInputTimers()).code).toBe("200")
      expect((await listen.stop()).code).toBe("200")
      expect(await lastParams(t, "calling.collect.stop")).toMatchObject({ control_id: listen.controlId })
      expect(await listen.wait(5)).toBeInstanceOf(CollectEvent)
      // A sub-command of an action that is over: the platform answers 404, which is {}.
      expect(await listen.stop()).toEqual({})
    }))
})

describe.concurrent("call gone", () => {
  it("commands resolve with {} after the call ended; actions resolve at once with the empty event and fire onCompleted", () =>
    withSandbox(async (t) => {
      const { call } = await answered(t)
      await t.run(t.sandbox.calls.hangup(call.callId))
      await call.waitForEnded(5_000)
      expect(await call.hold()).toEqual({})
      expect(await call.hangup()).toEqual({})
      expect(await call.transfer("context:x", { a: 1 })).toEqual({})
      const completed: Array<RelayEvent> = []
      const action = await call.record(undefined, { onCompleted: (event) => void completed.push(event) })
      expect(action).toBeInstanceOf(RecordAction)
      expect(action.isDone).toBe(true)
      expect(action.completed).toBe(true)
      const event = await action.wait()
      expect(event).toBeInstanceOf(RecordEvent)
      expect([event.eventType, event.params, event.url]).toEqual(["", {}, ""])
      expect(completed).toEqual([event])
      expect(await action.stop()).toEqual({})
    }))

  it("a 404 from the platform is {} too; other refusals reject with a RelayError", () =>
    withSandbox(async (t) => {
      const { call } = await answered(t)
      await t.run(t.sandbox.faults.respond("calling.hold", { code: "404", message: "Call not found" }, { times: 1 }))
      expect(await call.hold()).toEqual({})
      await t.run(t.sandbox.faults.respond("calling.play", { code: "410", message: "Call is gone" }, { times: 1 }))
      const gone = await call.play([{ type: "silence", duration: 1 }])
      expect([gone.completed, gone.result?.eventType]).toEqual([true, ""])
      await t.run(t.sandbox.faults.respond("calling.unhold", { code: "500", message: "Internal" }, { times: 1 }))
      expect(await settle(call.unhold())).toMatchObject({ ok: false, error: { code: 500, rawMessage: "Internal", message: "RELAY error 500: Internal" } })
    }))

  it("an action whose call ends before a terminal event completes with the empty event", () =>
    withSandbox(async (t) => {
      const { call } = await answered(t, { playFor: "1 minute" })
      const action = await call.play([{ type: "silence", duration: 60 }])
      await t.run(t.sandbox.calls.hangup(call.callId))
      const event = await action.wait(5)
      expect(event).toBeInstanceOf(PlayEvent)
      expect(event.eventType).toBe("")
    }))
})

describe.concurrent("time units", () => {
  it("Action.wait takes seconds; a timed-out wait leaves the action running", () =>
    withSandbox(async (t) => {
      const { call } = await answered(t, { playFor: "400 millis" })
      const action = await call.play([{ type: "silence", duration: 1 }])
      const started = Date.now()
      const early = await settle(action.wait(0.1))
      const waited = Date.now() - started
      expect(early).toMatchObject({ ok: false, error: { message: "Action wait timed out after 0.1s" } })
      // Not milliseconds (it waited at least the 0.1 s); the message names the unit. No upper
      // bound: a loaded machine may fire the timer late.
      expect(waited).toBeGreaterThanOrEqual(90)
      expect(action.isDone).toBe(false)
      expect((await action.wait(5)).state).toBe("finished")
    }))

  it("Call.waitFor and Call.waitForEnded take milliseconds", () =>
    withSandbox(async (t) => {
      const { call } = await answered(t)
      const started = Date.now()
      const waitFor = await settle(call.waitFor("calling.call.play", undefined, 150))
      expect(waitFor).toMatchObject({ ok: false, error: { message: "waitFor(calling.call.play) timed out after 150ms" } })
      const ended = await settle(call.waitForEnded(100))
      expect(ended).toMatchObject({ ok: false, error: { message: "waitForEnded timed out after 100ms" } })
      // Milliseconds, not seconds: 150 s or 100 s would outlast the test's own timeout.
      expect(Date.now() - started).toBeGreaterThanOrEqual(240)
      const play = call.waitFor("calling.call.play", (e) => (e as PlayEvent).state === "finished", 5_000)
      await call.playSilence(0.01)
      expect(await play).toBeInstanceOf(PlayEvent)
    }))
})

describe.concurrent("after disconnect()", () => {
  it("a running action's wait rejects, and the call's methods reject, with 'Connection closed'", () =>
    withSandbox(async (t) => {
      const { call, client } = await answered(t, { playFor: "1 minute" })
      const action = await call.play([{ type: "silence", duration: 60 }])
      const waiting = settle(action.wait())
      const ended = settle(call.waitForEnded())
      const event = settle(call.waitFor("calling.call.play"))
      await client.disconnect()
      expect(await ended).toMatchObject({ ok: false, error: { code: -1, rawMessage: "Connection closed" } })
      expect(await event).toMatchObject({ ok: false, error: { code: -1, rawMessage: "Connection closed" } })
      expect(await waiting).toMatchObject({ ok: false, error: { code: -1, rawMessage: "Connection closed" } })
      expect(action.isDone).toBe(true)
      expect(action.completed).toBe(false)
      expect(await settle(call.hold())).toMatchObject({ ok: false, error: { code: -1, rawMessage: "Connection closed" } })
      expect(action).toBeInstanceOf(Action)
      expect(new RelayEvent("", {})).toBeInstanceOf(RelayEvent)
    }))
})

describe.concurrent("control ids", () => {
  it("an action-starting method honours the controlId option, as the reference does", () =>
    withSandbox(async (t) => {
      const { call, client } = await answered(t, { playFor: "10 seconds" })
      const play = await call.play([{ type: "tts", text: "hold music" }], { controlId: "music-1" })
      expect(play.controlId).toBe("music-1")
      expect(await lastParams(t, "calling.play")).toMatchObject({ control_id: "music-1" })
      const recording = await call.record({}, { controlId: "rec-1" })
      expect(recording.controlId).toBe("rec-1")
      await play.stop()
      expect(await lastParams(t, "calling.play.stop")).toMatchObject({ control_id: "music-1" })
      await client.disconnect()
    }))
})
