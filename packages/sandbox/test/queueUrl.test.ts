import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { entryOf, tags, withRest } from "./fixtures/cxmlRun.js"
import { cxmlServer, xml } from "./fixtures/cxmlServer.js"
import { doc, said } from "./fixtures/entries.js"

const OURS = "+15551234567"

describe("cXML <Dial><Queue url>: the document runs on the dequeued caller before the bridge", () => {
  it.scopedLive("the caller leaves the queue, its call runs the url document (signed, CallSid / DequeingCallSid / QueueSid / QueueTime, redirects followed), then the two are bridged; the caller goes on when the agent leaves", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/caller": () => xml(`<Enqueue action="/after" waitUrl="/hold">support</Enqueue>`),
        "/hold": () => xml(`<Say>Please hold</Say>`),
        "/agent": () => xml(`<Dial action="/agent-done"><Queue url="/announce" method="GET">support</Queue></Dial>`),
        "/announce": () => xml(`<Say>You will now be connected to an agent.</Say>`, `<Redirect>/recorded</Redirect>`),
        "/recorded": () => xml(`<Say>This call may be recorded.</Say>`),
        "/agent-done": () => xml(`<Hangup/>`),
        "/after": () => xml(`<Say>Goodbye</Say>`)
      }, { signingKey: sandbox.swml.signingKey })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const caller = yield* rest.compat.calls.create({ To: "+15553330001", From: OURS, Url: app.url("/caller") })
          yield* entryOf(sandbox, caller.sid, (e) => e._tag === "Played" && e.text === "Please hold")
          const queue = (yield* rest.compat.queues.list()).queues.find((q) => q.friendly_name === "support")!
          const agent = yield* rest.compat.calls.create({ To: "+15553330002", From: OURS, Url: app.url("/agent") })

          // The request for the url document: the caller's call (GET: parameters in the query), signed.
          const announce = yield* app.waitFor((h) => h.path === "/announce")
          expect(announce.method).toBe("GET")
          expect(announce.signatureValid).toBe(true)
          expect(announce.query).toEqual({
            CallSid: caller.sid,
            AccountSid: expect.any(String),
            From: OURS,
            To: "+15553330001",
            CallStatus: "in-progress",
            Direction: "outbound-api",
            ApiVersion: expect.any(String),
            DequeingCallSid: agent.sid,
            QueueSid: queue.sid,
            QueueTime: expect.stringMatching(/^\d+$/)
          })
          // Then the bridge: the caller is the agent's peer, out of the queue.
          const bridged = yield* sandbox.calls.waitForCall((c) => c.callId === caller.sid && c.peer === agent.sid).pipe(Effect.timeout("10 seconds"))
          expect(bridged.state).toBe("answered")
          expect((yield* rest.compat.queues.get(queue.sid)).current_size).toBe(0)
          const redirected = app.hits().find((h) => h.path === "/recorded")!
          expect(redirected.params).toMatchObject({ CallSid: caller.sid })
          expect(redirected.signatureValid).toBe(true)

          // The caller's transcript: each step of the document, after it was taken from the queue,
          // then the bridge (Queued bridged).
          const before = yield* entryOf(sandbox, caller.sid, (e) => e._tag === "Queued" && e.result === "bridged").pipe(
            Effect.zipRight(sandbox.swml.transcript(caller.sid))
          )
          const from = before.findIndex((e) => e._tag === "DocumentStarted" && e.via === "queue")
          expect(from).toBeGreaterThan(0)
          expect(tags(before.slice(from - 1))).toEqual([
            "HttpExchange", "DocumentStarted", "Verb Say", "Played", "Verb Redirect",
            "HttpExchange", "DocumentStarted", "Verb Say", "Played", "Queued"
          ])
          expect(before[from - 1]).toMatchObject({ _tag: "HttpExchange", purpose: "cxml", method: "GET", status: 200, signed: true })
          expect(before[from]).toMatchObject({ source: app.url("/announce"), via: "queue", format: "cxml" })
          expect(before.filter((e) => e._tag === "Queued").map((e) => e._tag === "Queued" ? e.result : "")).toEqual(["enqueued", "bridged"])
          // The agent hears none of it.
          expect(said(yield* sandbox.swml.transcript(agent.sid))).toEqual([])

          // The agent hangs up: the caller goes on at its Enqueue action (QueueResult bridged).
          yield* sandbox.calls.hangup(agent.sid)
          const after = yield* app.waitFor((h) => h.path === "/after")
          expect(after.form).toMatchObject({ CallSid: caller.sid, QueueResult: "bridged", QueueSid: queue.sid })
          const entries = yield* sandbox.swml.waitForEnd(caller.sid).pipe(Effect.timeout("10 seconds"))
          expect(said(entries)).toEqual(["Please hold", "You will now be connected to an agent.", "This call may be recorded.", "Goodbye"])
          expect(app.hits().every((h) => h.signatureValid === true)).toBe(true)
        }))
    }))

  it.scopedLive("a SWML caller hears it too; <Hangup> in the document ends the caller's call and the agent's Dial fails; an empty queue fails the Dial without requesting the url", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/agent": () => xml(`<Dial action="/agent-done"><Queue url="/announce">support</Queue></Dial>`),
        "/announce": () => xml(`<Say>Sorry, the agent is busy.</Say>`, `<Hangup/>`),
        "/agent-done": () => xml(`<Hangup/>`)
      }, { signingKey: sandbox.swml.signingKey })
      const caller = yield* sandbox.calls.inbound({
        from: "+15551110000",
        to: "+15552220000",
        swml: doc([{ enter_queue: { queue_name: "support", transfer_after_bridge: app.url("/not-reached") } }, { play: { url: "say:Not reached" } }])
      })
      yield* entryOf(sandbox, caller.callId, (e) => e._tag === "Queued" && e.result === "enqueued")
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const agent = yield* rest.compat.calls.create({ To: "+15553330002", From: OURS, Url: app.url("/agent") })
          const done = yield* app.waitFor((h) => h.path === "/agent-done")
          expect(done.form).toMatchObject({ CallSid: agent.sid, DialCallStatus: "failed", DialCallSid: caller.callId })
          const announce = app.hits().find((h) => h.path === "/announce")!
          expect(announce.method).toBe("POST")
          expect(announce.form).toMatchObject({ CallSid: caller.callId, DequeingCallSid: agent.sid, From: "+15551110000", To: "+15552220000", Direction: "inbound" })
          const entries = yield* sandbox.swml.waitForEnd(caller.callId).pipe(Effect.timeout("10 seconds"))
          expect(said(entries)).toEqual(["Sorry, the agent is busy."])
          // Never bridged: no Queued bridged, no queue_result.
          expect(entries.filter((e) => e._tag === "Queued").map((e) => e._tag === "Queued" ? e.result : "")).toEqual(["enqueued"])
          expect(entries.some((e) => e._tag === "VarsChanged" && "queue_result" in e.set)).toBe(false)
          expect(entries.find((e) => e._tag === "DocumentStarted" && e.via === "queue")).toMatchObject({ format: "cxml" })
          expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", reason: "hangup", by: "cxml" })

          // The queue is empty now: the next agent's Dial fails at once; nothing is requested.
          const second = yield* rest.compat.calls.create({ To: "+15553330003", From: OURS, Url: app.url("/agent") })
          const failed = yield* app.waitFor((h) => h.path === "/agent-done" && h.form.CallSid === second.sid)
          expect(failed.form).toMatchObject({ DialCallStatus: "failed" })
          expect(app.hits().filter((h) => h.path === "/announce")).toHaveLength(1)
          expect(app.hits().every((h) => h.signatureValid === true)).toBe(true)
        }))
    }))

  it.scopedLive("the agent hangs up while the document runs: the caller, taken from the queue, goes on as when the agent leaves the bridge", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/caller": () => xml(`<Enqueue action="/after">support</Enqueue>`),
        "/agent": () => xml(`<Dial><Queue url="/announce">support</Queue></Dial>`),
        "/announce": () => xml(`<Say>Connecting you</Say>`, `<Pause length="600"/>`),
        "/after": () => xml(`<Say>The agent left</Say>`)
      }, { signingKey: sandbox.swml.signingKey })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const caller = yield* rest.compat.calls.create({ To: "+15553330001", From: OURS, Url: app.url("/caller") })
          yield* entryOf(sandbox, caller.sid, (e) => e._tag === "Queued" && e.result === "enqueued")
          const agent = yield* rest.compat.calls.create({ To: "+15553330002", From: OURS, Url: app.url("/agent") })
          yield* entryOf(sandbox, caller.sid, (e) => e._tag === "Verb" && e.verb === "Pause")
          yield* sandbox.calls.hangup(agent.sid)
          const after = yield* app.waitFor((h) => h.path === "/after")
          expect(after.form).toMatchObject({ CallSid: caller.sid, QueueResult: "bridged" })
          const entries = yield* sandbox.swml.waitForEnd(caller.sid).pipe(Effect.timeout("10 seconds"))
          expect(said(entries)).toEqual(["Connecting you", "The agent left"])
          expect(Option.getOrThrow(yield* sandbox.calls.get(caller.sid)).peer).toBeUndefined()
        }))
    }))
})
