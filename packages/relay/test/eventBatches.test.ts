/**
 * `Call.subscribeBatches`: a call's events in one bounded buffer, taken in batches by the
 * consumer's own fiber; it ends, overflows and fails like the other subscriptions.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { type Call, Device, type RelayError, type RelayEvent } from "@signalwire-effect/relay"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { awaitState, connect, isConnected } from "./fixtures/sandbox.js"

const FROM = "+15559870000"
const TO = "+15551230001"

const answeredCall = (options: { readonly callEventBufferSize?: number } = {}) =>
  Effect.gen(function*() {
    const sandbox = yield* RelaySandbox.make()
    yield* sandbox.calls.script(TO, { hangupAfter: "1 hour" })
    const relay = yield* connect(sandbox, { reconnectSchedule: Schedule.spaced("20 millis"), ...options })
    const call = yield* relay.dial(Device.serial(Device.phone({ to: TO, from: FROM })))
    return { sandbox, relay, call }
  })

/** Takes batches until `done`, or until the take fails (the failure is returned with what came before). */
const drain = (batches: Call.EventBatches) =>
  Effect.gen(function*() {
    const seen: Array<RelayEvent.RelayEvent> = []
    const sizes: Array<number> = []
    while (true) {
      const exit = yield* Effect.exit(batches.takeAll)
      if (Exit.isFailure(exit)) return { seen, sizes, exit }
      const [events, done] = exit.value
      seen.push(...events)
      sizes.push(events.length)
      if (done) return { seen, sizes, exit }
    }
  })

const echo = (sandbox: RelaySandbox.Sandbox, call: Call.Call, n: number) =>
  sandbox.sendEvent("calling.call.echo", { call_id: call.callId, node_id: call.nodeId, state: `echo-${n}` })

const isEcho = (n: number) => (event: RelayEvent.RelayEvent): event is RelayEvent.RelayEvent =>
  event.eventType === "calling.call.echo" && event.params.state === `echo-${n}`

describe("Call.subscribeBatches", () => {
  it.scopedLive("delivers the same events, in order, as a Stream subscription, the last batch flagged done", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall()
      const batches = yield* call.subscribeBatches
      const stream = yield* call.subscribe
      const streamed = yield* stream.pipe(Stream.runCollect, Effect.fork)
      const drained = yield* Effect.fork(drain(batches))
      for (let n = 0; n < 20; n++) yield* echo(sandbox, call, n)
      yield* sandbox.calls.hangup(call.callId, "busy")
      const { exit, seen } = yield* Fiber.join(drained)
      expect(Exit.isSuccess(exit)).toBe(true)
      const expected = Chunk.toReadonlyArray(yield* Fiber.join(streamed))
      expect(seen.map((e) => [e.eventType, e.eventId])).toEqual(expected.map((e) => [e.eventType, e.eventId]))
      expect(seen.filter((e) => e.eventType === "calling.call.echo").map((e) => e.params.state)).toEqual(
        Array.from({ length: 20 }, (_, n) => `echo-${n}`)
      )
      expect(seen[seen.length - 1]?.params).toMatchObject({ call_state: "ended", end_reason: "busy" })
      // After the end, a take returns at once: nothing more, done.
      expect(yield* batches.takeAll).toEqual([[], true])
      // A subscription made after the call closed ends at once.
      const late = yield* call.subscribeBatches
      expect(yield* late.takeAll).toEqual([[], true])
    }))

  it.scopedLive("a consumer a full buffer behind gets what was buffered, then EventOverflow; the call is unharmed", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall({ callEventBufferSize: 4 })
      const slow = yield* call.subscribeBatches
      // Waiters are told after subscribers: once it resolves, the buffer has seen all ten.
      const tenth = yield* Effect.fork(call.waitForEvent(isEcho(9)))
      yield* Effect.yieldNow()
      for (let n = 0; n < 10; n++) yield* echo(sandbox, call, n)
      yield* Fiber.join(tenth)
      expect(slow.size).toBe(4)
      const [first, done] = yield* slow.takeAll
      expect(done).toBe(false)
      expect(first.map((e) => e.params.state)).toEqual(["echo-0", "echo-1", "echo-2", "echo-3"])
      const error = yield* Effect.flip(slow.takeAll)
      expect(error).toMatchObject({ _tag: "EventOverflow", capacity: 4 })
      const fresh = yield* call.subscribeBatches
      yield* echo(sandbox, call, 10)
      const [next] = yield* fresh.takeAll
      expect(next.map((e) => e.params.state)).toEqual(["echo-10"])
    }))

  it.scopedLive("an interrupted take leaves nothing behind: the next take gets the next event", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall()
      const batches = yield* call.subscribeBatches
      const parked = yield* Effect.fork(batches.takeAll)
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(parked)
      yield* echo(sandbox, call, 1)
      const [events] = yield* batches.takeAll
      expect(events.map((e) => e.params.state)).toEqual(["echo-1"])
    }))

  it.scopedLive("two consumers parked on one buffer: each event batch wakes one of them, the end wakes both", () =>
    Effect.gen(function*() {
      const { call, sandbox } = yield* answeredCall()
      const batches = yield* call.subscribeBatches
      const a = yield* Effect.fork(drain(batches))
      const b = yield* Effect.fork(drain(batches))
      yield* Effect.yieldNow()
      for (let n = 0; n < 10; n++) yield* echo(sandbox, call, n)
      yield* sandbox.calls.hangup(call.callId, "hangup")
      const [ra, rb] = [yield* Fiber.join(a), yield* Fiber.join(b)]
      const echoes = [...ra.seen, ...rb.seen].filter((e) => e.eventType === "calling.call.echo").map((e) => e.params.state)
      expect(echoes.sort()).toEqual(Array.from({ length: 10 }, (_, n) => `echo-${n}`).sort())
      expect(Exit.isSuccess(ra.exit) && Exit.isSuccess(rb.exit)).toBe(true)
    }))

  it.scopedLive("a session that is not resumed fails the next take with SessionLost", () =>
    Effect.gen(function*() {
      const { call, relay, sandbox } = yield* answeredCall()
      const batches = yield* call.subscribeBatches
      const drained = yield* Effect.fork(drain(batches))
      yield* sandbox.faults.disconnect({ restart: true })
      yield* awaitState(relay, isConnected(2))
      const { exit } = yield* Fiber.join(drained)
      expect(Exit.isFailure(exit)).toBe(true)
      const error = yield* Effect.flip(batches.takeAll)
      expect((error as RelayError.CallEventError)._tag).toBe("SessionLost")
    }))
})
