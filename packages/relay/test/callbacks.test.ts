import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import { Device, type RelayFrame } from "@signalwire-effect/relay"
import * as RelayCallbacks from "@signalwire-effect/relay/RelayCallbacks"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { connect, sandboxWithEcho } from "./fixtures/sandbox.js"

// The callback way to wait on a request: the same request table as `execute` (replies, errors,
// timeouts, the queue while disconnected, failure when the client closes), no fiber per request.

type Outcome<E> = Exit.Exit<RelayFrame.JsonObject, E>

/** Sends with `send` and waits (in this fiber) for the callback's one outcome. */
const viaCallback = <E>(send: (callback: (outcome: Outcome<E>) => void) => boolean) =>
  Effect.async<Outcome<E>>((resume) => {
    let calls = 0
    const sent = send((outcome) => {
      calls += 1
      if (calls > 1) throw new Error("callback called twice")
      resume(Effect.succeed(outcome))
    })
    if (!sent) resume(Effect.dieMessage("refused"))
  })

const failureOf = <E>(outcome: Outcome<E>) =>
  Exit.isFailure(outcome) && outcome.cause._tag === "Fail" ? outcome.cause.error : undefined

const FROM = "+15559870000"
const TO = "+15551230001"

describe("RelayCallbacks.execute", () => {
  it.scopedLive("replies, a failing result code, a timeout: the same outcomes as execute", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { closeOnRequestTimeout: false })
      const outcomes = yield* Effect.forEach(
        Array.from({ length: 200 }, (_, n) => n),
        (n) => viaCallback<unknown>((callback) => RelayCallbacks.execute(relay, "test.echo", { n }, undefined, callback)),
        { concurrency: "unbounded" }
      )
      outcomes.forEach((outcome, n) => expect(outcome).toEqual(Exit.succeed({ code: "200", echo: { n } })))
      expect(new Set((yield* sandbox.journal.requests("test.echo")).map((r) => r.id)).size).toBe(200)

      yield* sandbox.faults.respond("test.echo", { code: "404", message: "Not found" }, { times: 1 })
      const refused = yield* viaCallback((callback) => RelayCallbacks.execute(relay, "test.echo", {}, undefined, callback))
      expect(failureOf(refused)).toMatchObject({ _tag: "RpcError", method: "test.echo", code: 404, message: "Not found" })

      yield* sandbox.faults.neverAnswer("test.echo", { times: 1 })
      const late = yield* viaCallback((callback) =>
        RelayCallbacks.execute(relay, "test.echo", {}, { timeout: "100 millis" }, callback)
      )
      expect(failureOf(late)).toMatchObject({ _tag: "RequestTimeout", method: "test.echo", timeoutMillis: 100 })
      const invalid = yield* viaCallback((callback) =>
        RelayCallbacks.execute(relay, "signalwire.connect", {}, undefined, callback)
      )
      expect(failureOf(invalid)).toMatchObject({ _tag: "InvalidRequest", method: "signalwire.connect" })
    }))

  it.scopedLive("queued while disconnected and sent on the next session; failed with ClientClosed when the client closes", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const scope = yield* Scope.make()
      const relay = yield* connect(sandbox, { reconnectSchedule: Schedule.spaced("10 millis") }).pipe(Scope.extend(scope))
      const release = yield* sandbox.faults.hold("signalwire.connect")
      const mark = yield* sandbox.journal.mark
      yield* sandbox.faults.drop()
      yield* sandbox.journal.waitForRequest("signalwire.connect", mark)
      const outcomes: Array<Outcome<unknown>> = []
      expect(RelayCallbacks.execute(relay, "test.echo", { queued: true }, undefined, (o) => void outcomes.push(o))).toBe(true)
      expect(outcomes).toEqual([])
      yield* release
      const queued = yield* viaCallback((callback) =>
        RelayCallbacks.execute(relay, "test.echo", { after: true }, undefined, callback)
      )
      expect(queued).toEqual(Exit.succeed({ code: "200", echo: { after: true } }))
      expect(outcomes).toEqual([Exit.succeed({ code: "200", echo: { queued: true } })])

      yield* sandbox.faults.neverAnswer("test.echo", { times: 1 })
      const pending: Array<Outcome<unknown>> = []
      RelayCallbacks.execute(relay, "test.echo", {}, undefined, (o) => void pending.push(o))
      yield* Scope.close(scope, Exit.void)
      expect(pending.map(failureOf)).toMatchObject([{ _tag: "ClientClosed", operation: "test.echo" }])
      const closed = yield* viaCallback((callback) => RelayCallbacks.execute(relay, "test.echo", {}, undefined, callback))
      expect(failureOf(closed)).toMatchObject({ _tag: "ClientClosed" })
    }))

  it.scopedLive("refused (false, nothing sent) for a client that traces requests: that needs a fiber", () =>
    Effect.gen(function*() {
      const sandbox = yield* sandboxWithEcho()
      const relay = yield* connect(sandbox, { traceRequests: true })
      const mark = yield* sandbox.journal.mark
      expect(RelayCallbacks.execute(relay, "test.echo", {}, undefined, () => expect.fail("called"))).toBe(false)
      expect((yield* sandbox.journal.requests()).filter((r) => r.seq > mark)).toEqual([])
    }))
})

describe("RelayCallbacks.command", () => {
  it.scopedLive("a call's command with its ids; 404 and an ended call are CallGone, as from the verbs", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script(TO, {})
      const relay = yield* connect(sandbox)
      const call = yield* relay.dial(Device.serial(Device.phone({ to: TO, from: FROM })))
      const held = yield* viaCallback((callback) => RelayCallbacks.command(call, "calling.hold", { note: "x" }, callback))
      expect(held).toMatchObject(Exit.succeed({ code: "200" }))
      const [request] = yield* sandbox.journal.requests("calling.hold")
      expect(request?.params).toEqual({ node_id: call.nodeId, call_id: call.callId, note: "x" })

      yield* sandbox.faults.respond("calling.unhold", { code: "404", message: "Call not found" }, { times: 1 })
      const gone = yield* viaCallback((callback) => RelayCallbacks.command(call, "calling.unhold", {}, callback))
      expect(failureOf(gone)).toMatchObject({ _tag: "CallGone", code: 404, callId: call.callId, method: "calling.unhold", sent: true })
      yield* sandbox.faults.respond("calling.unhold", { code: "500", message: "boom" }, { times: 1 })
      const other = yield* viaCallback((callback) => RelayCallbacks.command(call, "calling.unhold", {}, callback))
      expect(failureOf(other)).toMatchObject({ _tag: "RpcError", code: 500, message: "boom", callId: call.callId })

      yield* sandbox.calls.hangup(call.callId)
      yield* call.ended
      const mark = yield* sandbox.journal.mark
      const afterEnd = yield* viaCallback((callback) => RelayCallbacks.command(call, "calling.hold", {}, callback))
      expect(failureOf(afterEnd)).toMatchObject({ _tag: "CallGone", code: 410, sent: false })
      expect((yield* sandbox.journal.requests()).filter((r) => r.seq > mark)).toEqual([])
    }))
})

describe("RelayCallbacks.subscribeEvents", () => {
  it.scopedLive("the subscription's bounded Mailbox: events in order, EventOverflow past the bound, ClientClosed at close", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const scope = yield* Scope.make()
      const relay = yield* connect(sandbox, { eventBufferSize: 4 }).pipe(Scope.extend(scope))
      const events = yield* RelayCallbacks.subscribeEvents(relay)
      yield* sandbox.sendEvent("custom.one", { n: 1 })
      yield* sandbox.sendEvent("custom.two", { n: 2 })
      const taken: Array<string> = []
      while (taken.length < 2) {
        const [batch] = yield* events.takeAll
        for (const event of batch) if (event.eventType.startsWith("custom.")) taken.push(event.eventType)
      }
      expect(taken).toEqual(["custom.one", "custom.two"])

      // Nobody takes while 20 arrive: the Mailbox hands over what it holds (4), then ends with EventOverflow.
      for (let n = 0; n < 20; n++) yield* sandbox.sendEvent("custom.burst", { n })
      const held: Array<unknown> = []
      let ended: Exit.Exit<unknown, unknown> = Exit.void
      while (true) {
        const taken = yield* Effect.exit(events.takeAll)
        if (Exit.isFailure(taken)) {
          ended = taken
          break
        }
        held.push(...Array.from(taken.value[0], (event) => event.params.n))
        if (taken.value[1]) break
      }
      expect(held).toEqual([0, 1, 2, 3])
      expect(failureOf(ended as Outcome<unknown>)).toMatchObject({ _tag: "EventOverflow", capacity: 4 })
      expect(yield* Effect.flip(events.await)).toMatchObject({ _tag: "EventOverflow", capacity: 4 })

      const next = yield* RelayCallbacks.subscribeEvents(relay)
      yield* Scope.close(scope, Exit.void)
      expect(yield* Effect.flip(next.await)).toMatchObject({ _tag: "ClientClosed" })
    }))
})
