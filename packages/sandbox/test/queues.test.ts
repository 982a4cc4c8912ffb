import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { RelaySandbox, type Transcript } from "@signalwire-effect/sandbox"
import { entryOf, withRest } from "./fixtures/cxmlRun.js"
import { cxmlServer, type Hit, xml } from "./fixtures/cxmlServer.js"
import { sandboxCredentials } from "./rawClient.js"
import { doc, said } from "./fixtures/entries.js"

const OURS = "+15551234567"

/** Every variable set over the run, later values winning. */
const varsOf = (entries: ReadonlyArray<Transcript.Entry>) =>
  entries.reduce<Record<string, unknown>>((all, e) => e._tag === "VarsChanged" ? { ...all, ...e.set } : all, {})

describe("cXML queues: a dequeued caller goes on", () => {
  it.scopedLive("the agent leaves the bridge: the caller's Enqueue action gets QueueResult bridged and its document goes on; the wait document gets where the caller stands", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/first": () => xml(`<Enqueue waitUrl="/hold">support</Enqueue>`),
        "/caller": () => xml(`<Enqueue action="/after" waitUrl="/hold" waitUrlMethod="GET">support</Enqueue>`, `<Say>Not reached</Say>`),
        "/hold": () => xml(`<Say>Please hold</Say>`),
        "/agent": () => xml(`<Dial><Queue>support</Queue></Dial>`),
        "/after": () => xml(`<Say>How did we do?</Say>`, `<Hangup/>`)
      }, { signingKey: sandbox.swml.signingKey })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const first = yield* rest.compat.calls.create({ To: "+15553330000", From: OURS, Url: app.url("/first") })
          yield* entryOf(sandbox, first.sid, (e) => e._tag === "Queued")
          const caller = yield* rest.compat.calls.create({ To: "+15553330001", From: OURS, Url: app.url("/caller") })
          // The wait document is requested with the caller's standing in the queue (GET: in the query).
          const hold = yield* app.waitFor((h) => h.path === "/hold" && h.params.CallSid === caller.sid)
          const queue = (yield* rest.compat.queues.list()).queues.find((q) => q.friendly_name === "support")!
          expect(hold.method).toBe("GET")
          expect(hold.query).toMatchObject({ QueueSid: queue.sid, QueuePosition: "2", CurrentQueueSize: "2", QueueTime: "0", AvgQueueTime: expect.any(String) })

          // An agent takes the first caller; the second one is taken by a second agent.
          const agent1 = yield* rest.compat.calls.create({ To: "+15553330002", From: OURS, Url: app.url("/agent") })
          yield* entryOf(sandbox, first.sid, (e) => e._tag === "Queued" && e.result === "bridged")
          const agent2 = yield* rest.compat.calls.create({ To: "+15553330003", From: OURS, Url: app.url("/agent") })
          yield* entryOf(sandbox, caller.sid, (e) => e._tag === "Queued" && e.result === "bridged")
          expect(Option.getOrThrow(yield* sandbox.calls.get(caller.sid)).peer).toBe(agent2.sid)
          expect((yield* rest.compat.queues.get(queue.sid)).current_size).toBe(0)

          // The agent hangs up: the caller goes on at its action.
          yield* sandbox.calls.hangup(agent2.sid)
          const after = yield* app.waitFor((h) => h.path === "/after")
          expect(after.method).toBe("POST")
          expect(after.form).toMatchObject({ CallSid: caller.sid, QueueResult: "bridged", QueueSid: queue.sid, QueueTime: expect.stringMatching(/^\d+$/) })
          const entries = yield* sandbox.swml.waitForEnd(caller.sid)
          expect(entries.filter((e) => e._tag === "Played").map((e) => e._tag === "Played" ? e.text : "")).toEqual(["Please hold", "How did we do?"])
          expect(entries.filter((e) => e._tag === "Queued").map((e) => e._tag === "Queued" ? e.result : "")).toEqual(["enqueued", "bridged"])
          expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", by: "cxml" })

          // Without an action the next verb runs: the first caller, when its agent leaves, hangs up at
          // the end of its document (by cXML, not by the agent's hang-up).
          yield* sandbox.calls.hangup(agent1.sid)
          const firstEntries = yield* sandbox.swml.waitForEnd(first.sid)
          expect(firstEntries.at(-1)).toMatchObject({ _tag: "CallEnded", by: "cxml", reason: "hangup" })
          expect(app.hits().every((h) => h.signatureValid === true)).toBe(true)
        }))
    }))
})

/** A queue status callback's JSON body. */
const queueEvent = (hit: Hit) =>
  JSON.parse(hit.rawBody) as { readonly event_type: string; readonly event_channel: string; readonly project_id: string; readonly params: Record<string, unknown> }

describe("cXML queues: how a caller leaves", () => {
  it.scopedLive("Leave in the wait document (QueueResult leave), a full queue (queue-full, no QueueSid), a wait document that fails (error), Hangup in the wait document", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/leaver": () => xml(`<Enqueue action="/result" waitUrl="/leave">small</Enqueue>`),
        "/leave": () => xml(`<Say>One moment</Say>`, `<Leave/>`),
        "/sitter": () => xml(`<Enqueue>small</Enqueue>`),
        "/late": () => xml(`<Enqueue action="/result">small</Enqueue>`),
        "/broken": () => xml(`<Enqueue action="/result" waitUrl="/missing">other</Enqueue>`),
        "/missing": () => ({ status: 500, body: "down" }),
        "/hanger": () => xml(`<Enqueue action="/result" waitUrl="/hangup">other</Enqueue>`),
        "/hangup": () => xml(`<Hangup/>`),
        "/result": (hit) => xml(`<Say>${hit.form.QueueResult ?? ""}</Say>`)
      }, { signingKey: sandbox.swml.signingKey })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const small = yield* rest.compat.queues.create({ FriendlyName: "small", MaxSize: 1 })
          const leaver = yield* rest.compat.calls.create({ To: "+15553330000", From: OURS, Url: app.url("/leaver") })
          const left = yield* sandbox.swml.waitForEnd(leaver.sid)
          expect(said(left)).toEqual(["One moment", "leave"])
          expect(app.hits().find((h) => h.path === "/result" && h.form.CallSid === leaver.sid)!.form).toMatchObject({ QueueResult: "leave", QueueSid: small.sid, QueueTime: expect.any(String) })

          // One call waits: the queue (MaxSize 1) is full for the next.
          const sitter = yield* rest.compat.calls.create({ To: "+15553330001", From: OURS, Url: app.url("/sitter") })
          yield* entryOf(sandbox, sitter.sid, (e) => e._tag === "Queued")
          const late = yield* rest.compat.calls.create({ To: "+15553330002", From: OURS, Url: app.url("/late") })
          const lateEntries = yield* sandbox.swml.waitForEnd(late.sid)
          expect(said(lateEntries)).toEqual(["queue-full"])
          expect(lateEntries.filter((e) => e._tag === "Queued").map((e) => e._tag === "Queued" ? e.result : "")).toEqual(["queue-full"])
          const full = app.hits().find((h) => h.path === "/result" && h.form.CallSid === late.sid)!.form
          expect(full.QueueResult).toBe("queue-full")
          expect(full.QueueSid).toBeUndefined()
          expect((yield* rest.compat.queues.listMembers(small.sid)).queue_members.map((m) => m.call_sid)).toEqual([sitter.sid])

          const broken = yield* rest.compat.calls.create({ To: "+15553330003", From: OURS, Url: app.url("/broken") })
          const brokenEntries = yield* sandbox.swml.waitForEnd(broken.sid)
          expect(brokenEntries.find((e) => e._tag === "HttpFailed")).toMatchObject({ reason: "status" })
          expect(said(brokenEntries)).toEqual(["error"])

          const hanger = yield* rest.compat.calls.create({ To: "+15553330004", From: OURS, Url: app.url("/hanger") })
          const hangerEntries = yield* sandbox.swml.waitForEnd(hanger.sid)
          expect(hangerEntries.at(-1)).toMatchObject({ _tag: "CallEnded", by: "cxml" })
          expect(app.hits().some((h) => h.path === "/result" && h.form.CallSid === hanger.sid)).toBe(false)
        }))
      expect(app.hits().filter((h) => h.path !== "/missing").every((h) => h.signatureValid === true)).toBe(true)
    }))
})

describe("SWML enter_queue on the simulation's queues", () => {
  it.scopedLive("a SWML caller waits in a queue compat REST lists; a cXML agent takes it; when the agent leaves, transfer_after_bridge runs; status_url gets enqueue and dequeue", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/status": () => "",
        "/after": () => JSON.stringify(doc([{ play: { url: "say:Thanks for waiting" } }])),
        "/agent": () => xml(`<Dial action="/agent-done"><Queue>support</Queue></Dial>`),
        "/agent-done": () => xml(`<Hangup/>`)
      }, { signingKey: sandbox.swml.signingKey })
      const caller = yield* sandbox.calls.inbound({
        from: "+15551110000",
        to: "+15552220000",
        swml: doc([
          {
            enter_queue: {
              queue_name: "support",
              status_url: app.url("/status"),
              wait_url: "https://cdn.example.com/hold.mp3",
              transfer_after_bridge: app.url("/after")
            }
          },
          { play: { url: "say:Not reached" } }
        ])
      })
      const enqueue = yield* app.waitFor((h) => h.path === "/status" && queueEvent(h).params.status === "enqueue")
      expect(queueEvent(enqueue)).toMatchObject({
        event_type: "calling.call.queue",
        event_channel: `swml:${caller.callId}`,
        project_id: sandboxCredentials.project,
        params: {
          status: "enqueue",
          name: "support",
          position: 1,
          size: 1,
          avg_time: 0,
          enqueue_ts: expect.any(Number),
          dequeue_ts: 0,
          leave_ts: 0,
          status_url: app.url("/status"),
          control_id: expect.any(String),
          call_id: caller.callId,
          node_id: expect.any(String)
        }
      })
      expect(yield* entryOf(sandbox, caller.callId, (e) => e._tag === "Played")).toMatchObject({ kind: "audio", url: "https://cdn.example.com/hold.mp3" })

      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          // The compat queue endpoints see the SWML caller.
          const queue = (yield* rest.compat.queues.list()).queues.find((q) => q.friendly_name === "support")!
          expect(queue.current_size).toBe(1)
          expect((yield* rest.compat.queues.listMembers(queue.sid)).queue_members.map((m) => m.call_sid)).toEqual([caller.callId])
          // A cXML agent takes it.
          const agent = yield* rest.compat.calls.create({ To: "+15553330002", From: OURS, Url: app.url("/agent") })
          const dequeue = queueEvent(yield* app.waitFor((h) => h.path === "/status" && queueEvent(h).params.status === "dequeue"))
          expect(dequeue.params).toMatchObject({ position: 0, size: 0, enqueue_ts: 0, leave_ts: 0, call_id: caller.callId })
          expect(dequeue.params.dequeue_ts).toBeGreaterThan(0)
          expect((yield* rest.compat.queues.get(queue.sid)).current_size).toBe(0)
          expect(Option.getOrThrow(yield* sandbox.calls.get(caller.callId)).peer).toBe(agent.sid)
          // The agent hangs up: the caller goes on at transfer_after_bridge.
          yield* sandbox.calls.hangup(agent.sid)
        }))
      const entries = yield* sandbox.swml.waitForEnd(caller.callId)
      expect(varsOf(entries)).toMatchObject({ queue_result: "connected", entry_position: 1, entry_size: 1, wait_time: expect.any(Number) })
      expect(entries.filter((e) => e._tag === "Queued").map((e) => e._tag === "Queued" ? e.result : "")).toEqual(["enqueued", "bridged"])
      expect(entries.find((e) => e._tag === "Jumped")).toMatchObject({ kind: "transfer", target: app.url("/after") })
      expect(said(entries)).toEqual(["Thanks for waiting"])
      expect(entries.at(-1)).toMatchObject({ _tag: "CallEnded", by: "swml" })
      const after = yield* app.waitFor((h) => h.path === "/after")
      expect(JSON.parse(after.rawBody)).toMatchObject({ call: { call_id: caller.callId } })
      expect(app.hits().filter((h) => h.path === "/status").map((h) => queueEvent(h).params.status)).toEqual(["enqueue", "dequeue"])
      expect(app.hits().every((h) => h.signatureValid === true)).toBe(true)
    }))

  it.scopedLive("wait_time runs out (timeout, the next instruction); a SWML agent's connect to queue:<name> takes a caller and runs its own transfer_after_bridge; a compat dequeue moves a SWML caller to cXML", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({ "/moved": () => xml(`<Say>Moved to cXML</Say>`) })
      const impatient = yield* sandbox.calls.inbound({
        from: "+15551110000",
        to: "+15552220000",
        swml: doc([{ enter_queue: { queue_name: "sales", wait_time: 1, transfer_after_bridge: "https://unused.invalid/" } }, { play: { url: "say:Nobody came" } }])
      })
      const timedOut = yield* sandbox.swml.waitForEnd(impatient.callId)
      expect(varsOf(timedOut)).toMatchObject({ queue_result: "timeout", entry_position: 1, entry_size: 1 })
      expect(timedOut.filter((e) => e._tag === "Queued").map((e) => e._tag === "Queued" ? e.result : "")).toEqual(["enqueued", "timeout"])
      expect(said(timedOut)).toEqual(["Nobody came"])

      // Two callers wait; a SWML agent takes the first.
      const waiting = doc([{ enter_queue: { queue_name: "sales", transfer_after_bridge: "https://unused.invalid/" } }])
      const first = yield* sandbox.calls.inbound({ from: "+15551110001", to: "+15552220000", swml: waiting })
      yield* entryOf(sandbox, first.callId, (e) => e._tag === "Queued")
      const second = yield* sandbox.calls.inbound({ from: "+15551110002", to: "+15552220000", swml: waiting })
      yield* entryOf(sandbox, second.callId, (e) => e._tag === "Queued")
      const agent = yield* sandbox.calls.inbound({
        from: "+15551110003",
        to: "+15552220000",
        swml: doc([{
          connect: {
            to: "queue:sales",
            transfer_after_bridge: JSON.stringify(doc([{ play: { url: "say:Wrap-up" } }]))
          }
        }])
      })
      yield* entryOf(sandbox, first.callId, (e) => e._tag === "Queued" && e.result === "bridged")
      // The caller hangs up: the agent's connect is over, and its transfer_after_bridge runs.
      yield* sandbox.calls.hangup(first.callId)
      const agentEntries = yield* sandbox.swml.waitForEnd(agent.callId)
      expect(agentEntries.find((e) => e._tag === "Connected")).toMatchObject({ to: ["queue:sales"], result: "connected", peer: first.callId })
      expect(varsOf(agentEntries)).toMatchObject({ connect_result: "connected" })
      expect(said(agentEntries)).toEqual(["Wrap-up"])

      // The second caller is dequeued over compat REST to a cXML document.
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const queue = (yield* rest.compat.queues.list()).queues.find((q) => q.friendly_name === "sales")!
          expect((yield* rest.compat.queues.listMembers(queue.sid)).queue_members.map((m) => m.call_sid)).toEqual([second.callId])
          yield* rest.compat.queues.dequeueMember(queue.sid, second.callId, { Url: app.url("/moved") })
        }))
      const moved = yield* sandbox.swml.waitForEnd(second.callId)
      expect(said(moved)).toEqual(["Moved to cXML"])
      expect(moved.filter((e) => e._tag === "DocumentStarted").map((e) => e._tag === "DocumentStarted" ? e.format ?? "swml" : "")).toEqual(["swml", "cxml"])
    }))
})

describe("cXML conferences: a call taken out goes on", () => {
  it.scopedLive("removed over compat, a cXML participant goes on at its Dial action (DialCallStatus answered); when the conference is ended over compat, another goes on at its next verb", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/kicked": () => xml(`<Dial action="/left" method="POST"><Conference startConferenceOnEnter="true">room</Conference></Dial>`, `<Say>Not reached</Say>`),
        "/left": () => xml(`<Say>You were removed</Say>`),
        "/stays": () => xml(`<Dial><Conference>room</Conference></Dial>`, `<Say>The conference is over</Say>`)
      }, { signingKey: sandbox.swml.signingKey })
      yield* sandbox.calls.script("+15550004001", { outcome: "answer" })
      yield* sandbox.calls.script("+15550004002", { outcome: "answer" })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const kicked = yield* rest.compat.calls.create({ To: "+15550004001", From: OURS, Url: app.url("/kicked") })
          yield* entryOf(sandbox, kicked.sid, (e) => e._tag === "Conferenced")
          const stays = yield* rest.compat.calls.create({ To: "+15550004002", From: OURS, Url: app.url("/stays") })
          yield* entryOf(sandbox, stays.sid, (e) => e._tag === "Conferenced")
          const cf = rest.compat.conferences
          const [conference] = (yield* cf.list({ Status: "in-progress" })).conferences
          expect((yield* cf.listParticipants(conference!.sid)).participants.map((p) => p.call_sid)).toEqual([kicked.sid, stays.sid])

          yield* cf.removeParticipant(conference!.sid, kicked.sid)
          const left = yield* app.waitFor((h) => h.path === "/left")
          expect(left.form).toMatchObject({ CallSid: kicked.sid, DialCallStatus: "answered", DialCallDuration: expect.stringMatching(/^\d+$/) })
          const kickedEntries = yield* sandbox.swml.waitForEnd(kicked.sid)
          expect(said(kickedEntries)).toEqual(["You were removed"])
          expect(kickedEntries.at(-1)).toMatchObject({ _tag: "CallEnded", by: "cxml" })
          expect(Option.getOrThrow(yield* sandbox.calls.get(stays.sid))).toMatchObject({ state: "answered", conference: "room" })

          // Ended over compat: the last participant is taken out and goes on (no action: the next verb).
          expect((yield* cf.update(conference!.sid, { Status: "completed" })).status).toBe("completed")
          const staysEntries = yield* sandbox.swml.waitForEnd(stays.sid)
          expect(said(staysEntries)).toEqual(["The conference is over"])
          expect(staysEntries.at(-1)).toMatchObject({ _tag: "CallEnded", by: "cxml" })
          expect(yield* sandbox.calls.conferences).toEqual(new Map())
        }))
      expect(app.hits().every((h) => h.signatureValid === true)).toBe(true)
    }))
})

describe("cXML queues: the caller hangs up while queued", () => {
  it.scopedLive("the Enqueue action is requested with QueueResult hangup, QueueSid and QueueTime (signed; its document is not run)", () =>
    Effect.gen(function*() {
      const sandbox = yield* RelaySandbox.make()
      const app = yield* cxmlServer({
        "/caller": () => xml(`<Enqueue action="/after" waitUrl="/hold">support</Enqueue>`),
        "/hold": () => xml(`<Say>Please hold</Say>`),
        "/after": () => xml(`<Say>Not run</Say>`)
      }, { signingKey: sandbox.swml.signingKey })
      yield* withRest(sandbox, (rest) =>
        Effect.gen(function*() {
          const caller = yield* rest.compat.calls.create({ To: "+15553330001", From: OURS, Url: app.url("/caller") })
          yield* entryOf(sandbox, caller.sid, (e) => e._tag === "Played" && e.text === "Please hold")
          const queue = (yield* rest.compat.queues.list()).queues.find((q) => q.friendly_name === "support")!
          yield* sandbox.calls.hangup(caller.sid)
          const after = yield* app.waitFor((h) => h.path === "/after")
          expect(after.method).toBe("POST")
          expect(after.signatureValid).toBe(true)
          expect(after.form).toMatchObject({ CallSid: caller.sid, CallStatus: "completed", QueueResult: "hangup", QueueSid: queue.sid, QueueTime: expect.stringMatching(/^\d+$/) })
          const entries = yield* sandbox.swml.transcript(caller.sid)
          expect(entries.filter((e) => e._tag === "Queued").map((e) => e._tag === "Queued" ? e.result : "")).toEqual(["enqueued", "hangup"])
          expect(said(entries)).toEqual(["Please hold"])
          expect((yield* rest.compat.queues.get(queue.sid)).current_size).toBe(0)
        }))
    }))
})
