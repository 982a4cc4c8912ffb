import { describe, expect, it } from "@effect/vitest"
import * as FastCheck from "effect/FastCheck"
import { RelayEvent } from "@signalwire-effect/relay"

describe("RelayEvent.decode", () => {
  it("decodes a known event, keeping fields its schema does not name", () => {
    const event = RelayEvent.decode({
      event_type: "calling.call.state",
      timestamp: 1714060800.5,
      params: { call_id: "c-1", node_id: "n-1", call_state: "ended", end_reason: "hangup", brand_new: { x: 1 } }
    }, "e-1")
    expect(event._tag).toBe("CallState")
    if (event._tag !== "CallState") return
    expect(event.eventId).toBe("e-1")
    expect(event.timestamp).toBe(1714060800.5)
    expect(event.params.call_state).toBe("ended")
    expect(event.params.end_reason).toBe("hangup")
    expect(event.params.brand_new).toEqual({ x: 1 })
  })

  it("reads the outer timestamp first and falls back to the inner one (PROTOCOL.md §4.1)", () => {
    const inner = RelayEvent.decode({
      event_type: "calling.call.play",
      params: { call_id: "c", control_id: "k", state: "playing", timestamp: 12 }
    })
    expect(inner.timestamp).toBe(12)
  })

  it("delivers an unknown event type as Unknown, with its params", () => {
    const event = RelayEvent.decode({ event_type: "calling.call.teleport", params: { call_id: "c-9", where: "mars" } })
    expect(event).toMatchObject({ _tag: "Unknown", eventType: "calling.call.teleport", issue: undefined })
    expect(event.params).toEqual({ call_id: "c-9", where: "mars" })
  })

  it("delivers a known event that does not fit its schema as Unknown with the reason", () => {
    const event = RelayEvent.decode({ event_type: "calling.call.state", params: { call_id: 42 } })
    expect(event._tag).toBe("Unknown")
    if (event._tag !== "Unknown") return
    expect(event.eventType).toBe("calling.call.state")
    expect(event.issue).toMatch(/call_id|call_state/)
  })

  it("delivers an event with no event_type or non-object params as Unknown", () => {
    expect(RelayEvent.decode({ params: {} })).toMatchObject({ _tag: "Unknown", eventType: "", issue: expect.any(String) })
    expect(RelayEvent.decode({ event_type: "messaging.state", params: "oops" })).toMatchObject({
      _tag: "Unknown",
      eventType: "messaging.state",
      params: {},
      issue: expect.any(String)
    })
  })

  it("an event whose params carry a __proto__ key is delivered untouched: the key stays data", () => {
    const outer = JSON.parse(
      `{"event_type":"calling.call.state","params":{"call_id":"c","call_state":"ended","__proto__":{"end_reason":"forged"}}}`
    )
    const event = RelayEvent.decode(outer)
    expect(event).toMatchObject({ _tag: "CallState", eventType: "calling.call.state" })
    expect(event.params).toBe(outer.params)
    expect(Object.getPrototypeOf(event.params)).toBe(Object.prototype)
    expect((event.params as { end_reason?: unknown }).end_reason).toBeUndefined()
  })

  it("knows every event type of PROTOCOL.md §11.25", () => {
    const types = Object.keys(RelayEvent.definitions)
    expect(types).toHaveLength(25)
    expect(new Set(Object.values(RelayEvent.definitions).map((d) => d.tag)).size).toBe(25)
  })

  it.prop(
    "never throws, whatever the params",
    [FastCheck.constantFrom(...Object.keys(RelayEvent.definitions), "x.y", ""), FastCheck.anything()],
    ([eventType, params]) => {
      const event = RelayEvent.decode({ event_type: eventType, params })
      expect(event.eventType).toBe(eventType)
    }
  )
})
