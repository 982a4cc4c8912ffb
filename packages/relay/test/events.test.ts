import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { RelayEvent, RelayMetrics } from "@signalwire-effect/relay"
import { awaitState, connect, isConnected, sandboxWithEcho } from "./fixtures/sandbox.js"

const fast = Schedule.spaced("10 millis")
const malformedFrames = RelayMetrics.malformedFrames

// The sandbox's authorization_state event after each connect may reach a subscriber or not,
// depending on timing; these tests are about the events they send themselves.
const ownEvents = <E>(stream: Stream.Stream<RelayEvent.RelayEvent, E>) =>
  Stream.filter(stream, (event) => event._tag !== "AuthorizationState")

const collect = <E>(stream: Stream.Stream<RelayEvent.RelayEvent, E>, n: number) =>
  stream.pipe(ownEvents, Stream.take(n), Stream.runCollect, Effect.map(Chunk.toReadonlyArray))

describe("events", () => {
  it.scopedLive("every event is ACKed with an empty result before it is dispatched (PROTOCOL.md §4.1)", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox)
      const events = yield* relay.subscribe
      const [eventId] = yield* sandbox.sendEvent("calling.call.state", {
        call_id: "c-1",
        node_id: "n-1",
        call_state: "ringing"
      })
      const [event] = yield* collect(events, 1)
      expect(event).toMatchObject({ _tag: "CallState", eventId, params: { call_id: "c-1", call_state: "ringing" } })
      yield* relay.execute("test.echo", { after: "dispatch" })
      const [ack] = yield* sandbox.journal.repliesTo(eventId!)
      const [next] = yield* sandbox.journal.requests("test.echo")
      expect(ack!.seq).toBeLessThan(next!.seq)
      expect(JSON.parse(ack!.text)).toEqual({ jsonrpc: "2.0", id: eventId, result: {} })
      expect((yield* sandbox.sessions)[0]?.unacked).toBe(0)
    }))

  it.scopedLive("an unknown event type is ACKed and delivered as Unknown, never dropped", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox)
      const events = yield* relay.subscribe
      yield* sandbox.sendEvent("calling.call.levitate", { call_id: "c-2", height: 3 })
      yield* sandbox.sendEvent("calling.call.state", { call_id: 7 })
      const [unknown, undecodable] = yield* collect(events, 2)
      expect(unknown).toMatchObject({
        _tag: "Unknown",
        eventType: "calling.call.levitate",
        params: { call_id: "c-2", height: 3 },
        issue: undefined
      })
      expect(undecodable).toMatchObject({ _tag: "Unknown", eventType: "calling.call.state", issue: expect.any(String) })
      yield* relay.execute("test.echo")
      expect((yield* sandbox.sessions)[0]?.unacked).toBe(0)
    }))

  it.scopedLive("malformed frames are logged, counted and dropped; the session carries on", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox)
      const before = (yield* Metric.value(malformedFrames)).count
      yield* sandbox.faults.sendMalformed()
      yield* sandbox.faults.sendRaw("[1,2,3]")
      yield* sandbox.faults.sendRaw(`{"jsonrpc":"2.0","id":"x","method":"signalwire.event","params":"nope"}`)
      yield* sandbox.faults.sendRaw(`{"jsonrpc":"2.0","id":{"deep":1},"result":{}}`)
      yield* sandbox.faults.sendRaw(`{"jsonrpc":"2.0","id":"no-such-request","result":{}}`)
      yield* sandbox.faults.sendRaw(`{"jsonrpc":"2.0","id":"s-1","method":"signalwire.unheard_of","params":{}}`)
      expect(yield* relay.execute("test.echo", { still: "alive" })).toMatchObject({ echo: { still: "alive" } })
      expect((yield* Metric.value(malformedFrames)).count - before).toBeGreaterThanOrEqual(4)
      expect(yield* relay.currentState).toMatchObject({ _tag: "Connected", session: 1 })
      expect(yield* sandbox.journal.repliesTo("s-1")).toHaveLength(0)
    }))

  it.scopedLive("an oversize frame (> 10 MiB) ends the session, which then resumes", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      yield* sandbox.faults.sendOversize()
      const lost = yield* awaitState(relay, (s) => s._tag === "Reconnecting")
      expect(lost).toMatchObject({ reason: expect.stringMatching(/1009|Max payload/) })
      expect(yield* awaitState(relay, isConnected(2))).toMatchObject({ sessionRestored: true })
      expect(yield* relay.execute("test.echo")).toMatchObject({ code: "200" })
    }))

  it.scopedLive("an event re-sent with the same id is ACKed again but dispatched once", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox)
      const events = yield* relay.subscribe
      const frame = `{"jsonrpc":"2.0","id":"dup-1","method":"signalwire.event","params":{"event_type":"calling.call.hold","params":{"call_id":"c","state":"hold"}}}`
      yield* sandbox.faults.sendRaw(frame)
      yield* sandbox.faults.sendRaw(frame)
      yield* sandbox.sendEvent("calling.call.hold", { call_id: "c", state: "unhold" })
      const got = yield* collect(events, 2)
      expect(got.map((e) => e.eventId)).toEqual(["dup-1", expect.any(String)])
      expect(got[1]?.eventId).not.toBe("dup-1")
      yield* relay.execute("test.echo")
      expect(yield* sandbox.journal.repliesTo("dup-1")).toHaveLength(2)
    }))

  it.scopedLive("events sent while the client is away are re-delivered when the session resumes", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { reconnectSchedule: fast })
      const events = yield* relay.subscribe
      const protocol = (yield* sandbox.sessions)[0]!.protocol
      yield* sandbox.stop
      yield* sandbox.sendEvent("calling.call.state", { call_id: "c-away", call_state: "ended" }, { protocol })
      expect((yield* sandbox.sessions)[0]?.unacked).toBe(1)
      yield* sandbox.start
      const [event] = yield* collect(events.pipe(Stream.filter(RelayEvent.is("CallState"))), 1)
      expect(event?.params.call_id).toBe("c-away")
      yield* awaitState(relay, isConnected(2))
      yield* relay.execute("test.echo")
      expect((yield* sandbox.sessions)[0]?.unacked).toBe(0)
    }))

  it.scopedLive("a subscriber that falls behind fails with EventOverflow; others keep every event", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { eventBufferSize: 9 })
      const slow = yield* relay.subscribe
      const fast = yield* relay.subscribe
      const received: Array<RelayEvent.RelayEvent> = []
      yield* fast.pipe(ownEvents, Stream.runForEach((e) => Effect.sync(() => received.push(e))), Effect.forkScoped)
      for (const batch of [0, 1, 2]) {
        for (let i = 0; i < 5; i++) yield* sandbox.sendEvent("calling.call.echo", { call_id: `c-${batch * 5 + i}` })
        yield* relay.execute("test.echo")
        expect(received).toHaveLength(batch * 5 + 5)
      }
      expect(received.map((e) => e.params.call_id)).toEqual(Array.from({ length: 15 }, (_, i) => `c-${i}`))
      const slowResult = yield* slow.pipe(Stream.runCollect, Effect.either)
      expect(slowResult).toMatchObject({ _tag: "Left", left: { _tag: "EventOverflow", capacity: 9 } })
    }))
})
