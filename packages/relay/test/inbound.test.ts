import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Metric from "effect/Metric"
import * as Scope from "effect/Scope"
import { Media, RelayMetrics } from "@signalwire-effect/relay"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { captureLogs, connect } from "./fixtures/sandbox.js"

const caller = { from: "+15551110000", to: "+15552220000", context: "office" }

describe("inbound calls", () => {
  it.scopedLive("answer, play TTS, hang up: the frames of PROTOCOL.md §16.1", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const done = yield* Deferred.make<string>()
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          expect(call.direction).toBe("inbound")
          expect([call.type, call.from, call.to]).toEqual(["phone", caller.from, caller.to])
          expect(call.context).toBe("office")
          expect(call.state).toBe("created")
          yield* call.answer()
          yield* call.waitFor("answered")
          const prompt = yield* call.play(Media.tts("Thanks for calling!"))
          const played = yield* prompt.wait
          expect(played.state).toBe("finished")
          yield* call.hangup()
          yield* Deferred.succeed(done, yield* call.ended)
        })
      )
      const offered = yield* sandbox.calls.inbound(caller)
      expect(yield* Deferred.await(done)).toBe("hangup")
      const methods = (yield* sandbox.journal.requests()).map((r) => r.method).filter((m) => m.startsWith("calling."))
      expect(methods).toEqual(["calling.answer", "calling.play", "calling.end"])
      const [play] = yield* sandbox.journal.requests("calling.play")
      expect(play?.params).toMatchObject({
        node_id: offered.nodeId,
        call_id: offered.callId,
        play: [{ type: "tts", params: { text: "Thanks for calling!" } }]
      })
      expect(typeof play?.params.control_id).toBe("string")
      const [end] = yield* sandbox.journal.requests("calling.end")
      expect(end?.params).toEqual({ node_id: offered.nodeId, call_id: offered.callId, reason: "hangup" })
      expect(yield* relay.calls).toEqual([])
    }))

  it.scopedLive("a handler's own log lines carry no connection annotations (relay.attempt, relay.session)", () =>
    Effect.gen(function*() {
      const logs = captureLogs()
      yield* Effect.gen(function*() {
        const sandbox = yield* RelaySandbox.make()
        const relay = yield* connect(sandbox, { contexts: ["office"] })
        const logged = yield* Deferred.make<void>()
        yield* relay.onCall((call) =>
          Effect.zipRight(Effect.logInfo(`handling ${call.callId}`), Deferred.succeed(logged, undefined))
        )
        yield* sandbox.calls.inbound(caller)
        yield* Deferred.await(logged)
      }).pipe(Effect.provide(logs.layer))
      const line = logs.lines.find((l) => l.includes("handling "))
      expect(line).toBeDefined()
      expect(line).not.toContain("relay.attempt")
      expect(line).not.toContain("relay.session")
    }))

  it.scopedLive("a call still up when its handler returns is hung up; one that failed is logged, the client lives on", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      let calls = 0
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          calls += 1
          yield* call.answer()
          if (calls === 1) return yield* Effect.fail("the handler's own bug")
        })
      )
      const first = yield* sandbox.calls.inbound(caller)
      yield* sandbox.calls.waitForState(first.callId, "ended")
      const second = yield* sandbox.calls.inbound(caller)
      yield* sandbox.calls.waitForState(second.callId, "ended")
      const ends = yield* sandbox.journal.requests("calling.end")
      expect(ends.map((r) => r.params.call_id)).toEqual([first.callId, second.callId])
      expect(yield* relay.execute("signalwire.ping")).toEqual({})
    }))

  it.scopedLive("release 'keep' leaves the call up and stops tracking it", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const answered = yield* Deferred.make<void>()
      yield* relay.onCall((call) => Effect.zipRight(call.answer(), Deferred.succeed(answered, undefined)), { release: "keep" })
      const offered = yield* sandbox.calls.inbound(caller)
      yield* Deferred.await(answered)
      yield* Effect.sleep("50 millis")
      expect(yield* sandbox.journal.requests("calling.end")).toEqual([])
      const sim = yield* sandbox.calls.waitForState(offered.callId, "answered")
      expect(sim.state).toBe("answered")
      expect(yield* relay.calls).toEqual([])
    }))

  it.scopedLive("maxActiveCalls: excess inbound calls are dropped after the ACK, logged and counted", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"], maxActiveCalls: 2 })
      const before = (yield* Metric.value(RelayMetrics.inboundCallsDropped)).count
      const gate = yield* Deferred.make<void>()
      const handled: Array<string> = []
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          handled.push(call.callId)
          yield* call.answer()
          yield* Deferred.await(gate)
        })
      )
      const a = yield* sandbox.calls.inbound(caller)
      const b = yield* sandbox.calls.inbound(caller)
      yield* sandbox.calls.waitForState(a.callId, "answered")
      yield* sandbox.calls.waitForState(b.callId, "answered")
      const mark = yield* sandbox.journal.mark
      const c = yield* sandbox.calls.inbound(caller)
      // The offer is ACKed like any event, then dropped.
      const [offer] = yield* sandbox.journal.sent("signalwire.event").pipe(
        Effect.map((sent) => sent.filter((r) => r.seq > mark))
      )
      yield* sandbox.journal.waitForReply(offer!.id!, mark)
      yield* Effect.sleep("50 millis")
      expect(handled).toEqual([a.callId, b.callId])
      expect((yield* Metric.value(RelayMetrics.inboundCallsDropped)).count - before).toBeGreaterThanOrEqual(1)
      expect((yield* sandbox.journal.requests()).some((r) => r.params.call_id === c.callId)).toBe(false)
      // Once a slot frees up, the next call is handled.
      yield* Deferred.succeed(gate, undefined)
      yield* sandbox.calls.waitForState(a.callId, "ended")
      const d = yield* sandbox.calls.inbound(caller)
      yield* sandbox.calls.waitForState(d.callId, "answered")
    }))

  it.scopedLive("drain: new calls are passed back, running calls get the deadline, then are hung up", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const quickDone = yield* Deferred.make<void>()
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          yield* call.answer()
          if (call.device.params !== undefined && (call.device.params as { from_number?: string }).from_number === "+15550000001") {
            yield* Effect.sleep("100 millis")
            yield* Deferred.succeed(quickDone, undefined)
            return
          }
          yield* Effect.never
        })
      )
      const quick = yield* sandbox.calls.inbound({ ...caller, from: "+15550000001" })
      const slow = yield* sandbox.calls.inbound({ ...caller, from: "+15550000002" })
      yield* sandbox.calls.waitForState(slow.callId, "answered")
      const draining = yield* Effect.fork(relay.drain("400 millis"))
      yield* Effect.sleep("20 millis")
      const late = yield* sandbox.calls.inbound(caller)
      const pass = yield* sandbox.journal.waitForRequest("calling.pass")
      expect(pass.params.call_id).toBe(late.callId)
      yield* Deferred.await(quickDone)
      yield* Fiber.join(draining)
      yield* sandbox.calls.waitForState(slow.callId, "ended")
      const ends = (yield* sandbox.journal.requests("calling.end")).map((r) => r.params.call_id)
      expect(ends).toEqual([quick.callId, slow.callId])
    }))

  it.scopedLive("closing the client mid-call ends handlers, actions and waits: nothing hangs", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const clientScope = yield* Scope.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] }).pipe(Scope.extend(clientScope))
      const waits = yield* Deferred.make<ReadonlyArray<Fiber.RuntimeFiber<unknown, unknown>>>()
      const interrupted = yield* Deferred.make<void>()
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          yield* call.answer()
          const recording = yield* call.record()
          const waitEnd = yield* Effect.forkDaemon(call.waitFor("ended"))
          const waitRecord = yield* Effect.forkDaemon(recording.wait)
          yield* Deferred.succeed(waits, [waitEnd, waitRecord])
          yield* Effect.never
        }).pipe(Effect.onInterrupt(() => Deferred.succeed(interrupted, undefined)))
      ).pipe(Scope.extend(clientScope))
      yield* sandbox.calls.inbound(caller)
      const fibers = yield* Deferred.await(waits)
      yield* Scope.close(clientScope, Exit.void)
      yield* Deferred.await(interrupted)
      for (const fiber of fibers) {
        const exit = yield* Fiber.await(fiber)
        expect(Exit.isFailure(exit)).toBe(true)
        if (Exit.isFailure(exit)) expect(JSON.stringify(exit.cause)).toContain("ClientClosed")
      }
    }))

  it.scopedLive("pass hands the call back to the platform, which offers it to another client", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const first = yield* connect(sandbox, { contexts: ["office"] })
      const second = yield* connect(sandbox, { contexts: ["office"] })
      yield* first.onCall((call) => Effect.asVoid(call.pass), { release: "keep" })
      yield* second.onCall((call) => Effect.asVoid(call.pass), { release: "keep" })
      const offered = yield* sandbox.calls.inbound(caller)
      const passes = yield* Effect.gen(function*() {
        while (true) {
          const sent = yield* sandbox.journal.requests("calling.pass")
          if (sent.length >= 2) return sent
          yield* Effect.sleep("10 millis")
        }
      })
      expect(passes.map((r) => r.params.call_id)).toEqual([offered.callId, offered.callId])
      expect(new Set(passes.map((r) => r.connection)).size).toBe(2)
      const ended = yield* sandbox.calls.waitForState(offered.callId, "ended")
      expect(ended.endReason).toBe("noAnswer")
    }))

  it.scopedLive("a call offered before any onCall handler waits for the first one", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const offered = yield* sandbox.calls.inbound(caller)
      const mark = yield* sandbox.journal.mark
      const [offer] = (yield* sandbox.journal.sent("signalwire.event")).filter((r) => r.params.event_type === "calling.call.receive")
      yield* sandbox.journal.waitForReply(offer!.id!, 0)
      const handled = yield* Deferred.make<string>()
      yield* relay.onCall((call) => Effect.zipRight(call.answer(), Deferred.succeed(handled, call.callId)))
      expect(yield* Deferred.await(handled)).toBe(offered.callId)
      yield* sandbox.journal.waitForRequest("calling.answer", mark)
    }))

  it.scopedLive("drainOnClose: closing the client lets a call in progress finish first, then disconnects", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const clientScope = yield* Scope.make()
      const relay = yield* connect(sandbox, { contexts: ["office"], drainOnClose: "3 seconds" }).pipe(
        Scope.extend(clientScope)
      )
      const finished = yield* Deferred.make<void>()
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          yield* call.answer()
          yield* Effect.sleep("200 millis")
          yield* call.playTTS("goodbye")
          yield* call.hangup()
          yield* Deferred.succeed(finished, undefined)
        })
      ).pipe(Scope.extend(clientScope))
      const offered = yield* sandbox.calls.inbound(caller)
      yield* sandbox.calls.waitForState(offered.callId, "answered")
      yield* Scope.close(clientScope, Exit.void)
      expect(yield* Deferred.isDone(finished)).toBe(true)
      const methods = (yield* sandbox.journal.requests()).map((r) => r.method).filter((m) => m.startsWith("calling."))
      expect(methods).toEqual(["calling.answer", "calling.play", "calling.end"])
      const [end] = yield* sandbox.journal.requests("calling.end")
      expect(end?.params.reason).toBe("hangup")
    }))
})
