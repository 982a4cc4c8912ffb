import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { entryOf, withRest } from "./fixtures/cxmlRun.js"
import { cxmlServer, xml } from "./fixtures/cxmlServer.js"

const OURS = "+15551234567"

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
