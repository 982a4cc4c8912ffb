import { describe, expect, it } from "vitest"
import {
  CALL_STATE_ENDED,
  CallingErrorEvent,
  CallReceiveEvent,
  CallStateEvent,
  CollectEvent,
  ConferenceEvent,
  ConnectEvent,
  createDeferred,
  DenoiseEvent,
  DetectEvent,
  DialEvent,
  EchoEvent,
  EVENT_CALL_PLAY,
  EVENT_CLASS_MAP,
  FaxEvent,
  HoldEvent,
  MESSAGE_STATE_DELIVERED,
  MessageReceiveEvent,
  MessageStateEvent,
  parseEvent,
  PayEvent,
  PlayEvent,
  QueueEvent,
  RecordEvent,
  ReferEvent,
  RelayError,
  RelayEvent,
  SendDigitsEvent,
  StreamEvent,
  TapEvent,
  TranscribeEvent,
  withTimeout
} from "@signalwire-effect/sdk"
import { MESSAGE_TERMINAL_STATES, REQUEST_TIMEOUT } from "@signalwire-effect/sdk/constants"

describe.concurrent("events", () => {
  it("EVENT_CLASS_MAP maps the 23 typed event types; parseEvent falls back to RelayEvent", () => {
    expect(Object.keys(EVENT_CLASS_MAP)).toHaveLength(23)
    const classes = [
      ["calling.call.state", CallStateEvent],
      ["calling.call.receive", CallReceiveEvent],
      ["calling.call.play", PlayEvent],
      ["calling.call.record", RecordEvent],
      ["calling.call.collect", CollectEvent],
      ["calling.call.connect", ConnectEvent],
      ["calling.call.detect", DetectEvent],
      ["calling.call.fax", FaxEvent],
      ["calling.call.tap", TapEvent],
      ["calling.call.stream", StreamEvent],
      ["calling.call.send_digits", SendDigitsEvent],
      ["calling.call.dial", DialEvent],
      ["calling.call.refer", ReferEvent],
      ["calling.call.denoise", DenoiseEvent],
      ["calling.call.pay", PayEvent],
      ["calling.call.queue", QueueEvent],
      ["calling.call.echo", EchoEvent],
      ["calling.call.transcribe", TranscribeEvent],
      ["calling.call.hold", HoldEvent],
      ["calling.conference", ConferenceEvent],
      ["calling.error", CallingErrorEvent],
      ["messaging.receive", MessageReceiveEvent],
      ["messaging.state", MessageStateEvent]
    ] as const
    for (const [type, cls] of classes) {
      const event = parseEvent({ event_type: type, params: {} })
      expect(event, type).toBeInstanceOf(cls)
      expect(event).toBeInstanceOf(RelayEvent)
      expect(EVENT_CLASS_MAP[type]).toBe(cls)
    }
    const ai = parseEvent({ event_type: "calling.call.ai", params: { call_id: "c-1" } })
    expect(ai.constructor).toBe(RelayEvent)
    expect([ai.eventType, ai.callId, ai.timestamp]).toEqual(["calling.call.ai", "c-1", 0])
  })

  it("typed fields take the reference's names and defaults", () => {
    const state = parseEvent({ event_type: "calling.call.state", params: { call_id: "c", call_state: "ended", end_reason: "busy" } })
    expect(state).toMatchObject({ callState: "ended", endReason: "busy", direction: "", device: {} })
    expect(new CallReceiveEvent("calling.call.receive", { protocol: "p-1", node_id: "n", project_id: "pr", segment_id: "s" })).toMatchObject({
      context: "p-1",
      nodeId: "n",
      projectId: "pr",
      segmentId: "s",
      tag: ""
    })
    expect(new RecordEvent("calling.call.record", { url: "top", duration: 1, record: { url: "nested", size: 9 } })).toMatchObject({
      url: "nested",
      duration: 1,
      size: 9
    })
    expect(new CollectEvent("calling.call.collect", {}).final).toBeUndefined()
    expect(new CollectEvent("calling.call.collect", { final: false }).final).toBe(false)
    expect(new QueueEvent("calling.call.queue", { id: "q", name: "support", position: 2, size: 5, status: "enqueued" })).toMatchObject({
      queueId: "q",
      queueName: "support",
      position: 2,
      size: 5,
      status: "enqueued"
    })
    expect(new ReferEvent("calling.call.refer", { sip_notify_response_code: "200" }).sipNotifyResponseCode).toBe("200")
    expect(new TranscribeEvent("calling.call.transcribe", { recording_id: "r" }).recordingId).toBe("r")
    expect(new CallingErrorEvent("calling.error", { code: 7, message: "m" })).toMatchObject({ code: "7", message: "m" })
    expect(new DenoiseEvent("calling.call.denoise", {}).denoised).toBe(false)
    expect(new DialEvent("calling.call.dial", { dial_state: "answered", call: { call_id: "c" } })).toMatchObject({ dialState: "answered", call: { call_id: "c" } })
    expect(new MessageStateEvent("messaging.state", { message_id: "m", media: ["u", 3], reason: "r" })).toMatchObject({
      messageId: "m",
      media: ["u"],
      tags: [],
      segments: 0,
      reason: "r"
    })
  })

  it("timestamp: the outer one first (where the wire puts it), then the inner one", () => {
    expect(parseEvent({ event_type: "calling.call.play", timestamp: 1700000000.5, params: { timestamp: 1 } }).timestamp).toBe(1700000000.5)
    expect(PlayEvent.fromPayload({ event_type: "calling.call.play", params: { timestamp: 12 } }).timestamp).toBe(12)
    expect(PlayEvent.fromPayload({ event_type: "calling.call.play", params: { state: "playing" } })).toBeInstanceOf(PlayEvent)
    expect(String(new PlayEvent("calling.call.play", { call_id: "c-9" }))).toBe("PlayEvent(calling.call.play call=c-9)")
  })
})

describe.concurrent("RelayError", () => {
  it("carries code and message formatted as the TypeScript reference does, the raw text beside", () => {
    const error = new RelayError(-1, "Connection closed")
    expect(error).toBeInstanceOf(Error)
    expect([error.name, error.code, error.message, error.rawMessage]).toEqual(["RelayError", -1, "RELAY error -1: Connection closed", "Connection closed"])
    expect(String(error)).toBe("RelayError: RELAY error -1: Connection closed")
  })
})

describe.concurrent("helpers and constants", () => {
  it("createDeferred settles once; withTimeout takes milliseconds", async () => {
    const deferred = createDeferred<number>()
    expect(deferred.settled).toBe(false)
    deferred.resolve(1)
    deferred.resolve(2)
    deferred.reject(new Error("ignored"))
    expect(deferred.settled).toBe(true)
    expect(await deferred.promise).toBe(1)
    await expect(withTimeout(new Promise(() => {}), 20, "ping")).rejects.toThrow("ping timed out after 20ms")
    expect(await withTimeout(Promise.resolve("ok"), 1_000)).toBe("ok")
  })

  it("root and module constants", () => {
    expect([CALL_STATE_ENDED, EVENT_CALL_PLAY, MESSAGE_STATE_DELIVERED, REQUEST_TIMEOUT]).toEqual(["ended", "calling.call.play", "delivered", 30_000])
    expect(MESSAGE_TERMINAL_STATES).toEqual(["delivered", "undelivered", "failed"])
  })
})
