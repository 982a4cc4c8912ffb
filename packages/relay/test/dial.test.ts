import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import { Device } from "@signalwire-effect/relay"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { awaitState, connect, isConnected } from "./fixtures/sandbox.js"

const FROM = "+15559870000"
const phone = (to: string) => Device.phone({ to, from: FROM })
const number = (n: number) => `+1555100${String(n).padStart(4, "0")}`

describe("dial", () => {
  it.scopedLive("returns the answered call; the frame is nested and tagged; releasing hangs up", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      const scope = yield* Scope.make()
      const call = yield* relay.dial(Device.serial(phone("+15551230001")), { tag: "t-1" }).pipe(Scope.extend(scope))
      expect(call.state).toBe("answered")
      expect(call.direction).toBe("outbound")
      expect([call.type, call.from, call.to]).toEqual(["phone", FROM, "+15551230001"])
      expect(call.tag).toBe("t-1")
      expect(yield* call.waitFor("answered")).toBe("answered")
      const [request] = yield* sandbox.journal.requests("calling.dial")
      expect(request?.params).toEqual({
        tag: "t-1",
        devices: [[{ type: "phone", params: { to_number: "+15551230001", from_number: FROM } }]]
      })
      const sim = yield* sandbox.calls.get(call.callId)
      expect(Option.map(sim, (s) => s.state)).toEqual(Option.some("answered"))
      yield* Scope.close(scope, Exit.void)
      const [end] = yield* sandbox.journal.requests("calling.end")
      expect(end?.params).toMatchObject({ call_id: call.callId, node_id: call.nodeId, reason: "hangup" })
      yield* sandbox.calls.waitForState(call.callId, "ended")
      expect(yield* relay.calls).toEqual([])
    }))

  it.scopedLive("100 concurrent dials each get their own call", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      // Answer in reverse order, so events interleave across dials.
      for (let n = 0; n < 100; n++) yield* sandbox.calls.script(number(n), { ringFor: `${(100 - n) * 2} millis` })
      const calls = yield* Effect.forEach(
        Array.from({ length: 100 }, (_, n) => n),
        (n) => Effect.map(relay.dial(Device.serial(phone(number(n)))), (call) => ({ n, call })),
        { concurrency: "unbounded" }
      )
      expect(new Set(calls.map(({ call }) => call.callId)).size).toBe(100)
      for (const { call, n } of calls) {
        const sim = Option.getOrThrow(yield* sandbox.calls.get(call.callId))
        expect(sim.to).toBe(number(n))
        expect((call.device.params as { to_number: string }).to_number).toBe(number(n))
      }
    }))

  it.scopedLive("parallel [[A, B]]: the first to answer wins; the loser is released", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      yield* sandbox.calls.script("+15551230001", { ringFor: "2 seconds" })
      yield* sandbox.calls.script("+15551230002", { ringFor: "20 millis" })
      const call = yield* relay.dial(Device.parallel(phone("+15551230001"), phone("+15551230002")))
      expect((call.device.params as { to_number: string }).to_number).toBe("+15551230002")
      expect((yield* relay.calls).map((c) => c.callId)).toEqual([call.callId])
      const loser = yield* sandbox.calls.waitForCall((c) => c.to === "+15551230001")
      yield* sandbox.calls.waitForState(loser.callId, "ended")
    }))

  it.scopedLive("serial [[A], [B]]: B is tried after A fails", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      yield* sandbox.calls.script("+15551230001", { outcome: "busy" })
      const call = yield* relay.dial(Device.serial(phone("+15551230001"), phone("+15551230002")))
      expect((call.device.params as { to_number: string }).to_number).toBe("+15551230002")
    }))

  it.scopedLive("every leg failing is DialFailed with the legs' end reasons", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      yield* sandbox.calls.script("+15551230001", { outcome: "busy" })
      yield* sandbox.calls.script("+15551230002", { outcome: "noAnswer" })
      const error = yield* relay.dial(Device.serial(phone("+15551230001"), phone("+15551230002"))).pipe(Effect.flip)
      expect(error._tag).toBe("DialFailed")
      if (error._tag === "DialFailed") expect(error.endReasons).toEqual(["busy", "noAnswer"])
      expect(yield* relay.calls).toEqual([])
    }))

  it.scopedLive("the dial's own timeout is DialTimeout, and the ringing leg is hung up", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      yield* sandbox.calls.script("+15551230001", { ringFor: "1 minute" })
      const error = yield* relay.dial(Device.serial(phone("+15551230001")), { timeout: "200 millis" }).pipe(Effect.flip)
      expect(error._tag).toBe("DialTimeout")
      const leg = yield* sandbox.calls.waitForCall((c) => c.to === "+15551230001")
      yield* sandbox.calls.waitForState(leg.callId, "ended")
      const ends = yield* sandbox.journal.requests("calling.end")
      expect(ends.map((r) => r.params.call_id)).toEqual([leg.callId])
      expect(ends[0]?.params.reason).toBe("cancel")
    }))

  it.scopedLive("no reply to calling.dial is RequestTimeout; the leg created later is hung up, not orphaned", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      yield* sandbox.calls.script("+15551230001", { dialReply: "drop", ringFor: "400 millis" })
      const error = yield* relay.dial(Device.serial(phone("+15551230001")), { requestTimeout: "200 millis" }).pipe(
        Effect.flip
      )
      expect(error._tag).toBe("RequestTimeout")
      const leg = yield* sandbox.calls.waitForCall((c) => c.to === "+15551230001")
      const ended = yield* sandbox.calls.waitForState(leg.callId, "ended")
      expect(ended.state).toBe("ended")
      const ends = yield* sandbox.journal.requests("calling.end")
      expect(ends.map((r) => r.params.call_id)).toContain(leg.callId)
    }))

  it.scopedLive("a late leg can be adopted instead", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      yield* sandbox.calls.script("+15551230001", { dialReply: "drop", ringFor: "300 millis" })
      const adopted = yield* Deferred.make<string>()
      const error = yield* relay.dial(Device.serial(phone("+15551230001")), {
        requestTimeout: "100 millis",
        adoptLateCall: (call) => Effect.zipRight(Deferred.succeed(adopted, call.callId), call.playTTS("hello again"))
      }).pipe(Effect.flip)
      expect(error._tag).toBe("RequestTimeout")
      const callId = yield* Deferred.await(adopted)
      const sim = Option.getOrThrow(yield* sandbox.calls.get(callId))
      expect(sim.to).toBe("+15551230001")
      const play = yield* sandbox.journal.waitForRequest("calling.play")
      expect(play.params.call_id).toBe(callId)
    }))

  it.scopedLive("an invalid plan is InvalidRequest and nothing is sent", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox)
      const flat = [[{ type: "phone", to: "+15551230001", from: FROM }]] as unknown as Device.DialPlan
      const bad = [
        flat,
        Device.serial(Device.phone({ to: "5551230001", from: FROM })),
        [] as unknown as Device.DialPlan,
        [[]] as unknown as Device.DialPlan
      ]
      for (const plan of bad) {
        const error = yield* relay.dial(plan).pipe(Effect.flip)
        expect(error._tag).toBe("InvalidRequest")
      }
      expect(yield* sandbox.journal.requests("calling.dial")).toEqual([])
    }))

  it.scopedLive("a dial in progress when the client closes fails with ClientClosed", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const clientScope = yield* Scope.make()
      const relay = yield* connect(sandbox).pipe(Scope.extend(clientScope))
      yield* sandbox.calls.script("+15551230001", { ringFor: "1 minute" })
      const mark = yield* sandbox.journal.mark
      const dialing = yield* relay.dial(Device.serial(phone("+15551230001"))).pipe(Effect.scoped, Effect.fork)
      yield* sandbox.journal.waitForRequest("calling.dial", mark)
      yield* Scope.close(clientScope, Exit.void)
      const error = yield* Fiber.join(dialing).pipe(Effect.flip)
      expect(error._tag).toBe("ClientClosed")
    }))

  it.scopedLive("a connection lost while waiting for the answer fails the dial; the leg answered later is hung up", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { reconnectSchedule: Schedule.spaced("20 millis") })
      yield* sandbox.calls.script("+15551230001", { ringFor: "500 millis" })
      const mark = yield* sandbox.journal.mark
      const dialing = yield* relay.dial(Device.serial(phone("+15551230001"))).pipe(Effect.scoped, Effect.fork)
      const request = yield* sandbox.journal.waitForRequest("calling.dial", mark)
      const leg = yield* sandbox.calls.waitForCall((c) => c.to === "+15551230001")
      yield* sandbox.journal.waitFor((e) => e.direction === "out" && e.frame?._tag === "ResultReply" && e.frame.id === request.id)
      yield* Effect.sleep("30 millis")
      yield* sandbox.faults.drop()
      const error = yield* Fiber.join(dialing).pipe(Effect.flip)
      expect(error._tag).toBe("ConnectionLost")
      yield* awaitState(relay, isConnected(2))
      yield* sandbox.calls.waitForState(leg.callId, "ended")
      const ends = yield* sandbox.journal.requests("calling.end")
      expect(ends.map((r) => r.params.call_id)).toEqual([leg.callId])
    }))

  it.scopedLive("a call survives a dropped connection: after the resume its commands and events still work", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { reconnectSchedule: Schedule.spaced("20 millis") })
      const call = yield* relay.dial(Device.serial(phone("+15551230001")))
      yield* sandbox.faults.drop()
      yield* awaitState(relay, isConnected(2))
      const play = yield* call.playTTS("still connected")
      expect((yield* play.wait).state).toBe("finished")
      yield* sandbox.calls.hangup(call.callId)
      expect(yield* call.ended).toBe("hangup")
    }))
})
