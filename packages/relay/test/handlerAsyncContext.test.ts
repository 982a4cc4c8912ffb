/**
 * Call handlers keep their own `AsyncLocalStorage` context: effect ≥ 3.20 drains each fiber's
 * scheduled work in a microtask of its own (a `SchedulerRunner` per fiber), so a handler resumed
 * while another call's handler runs never finds the other's context (what tracing libraries'
 * context managers, on Node, read). A shared runner for handler fibers saved ~0.23 KiB per live
 * call and broke this: kept out (bench/README.md, issue 21).
 */
import { AsyncLocalStorage } from "node:async_hooks"
import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { connect } from "./fixtures/sandbox.js"

const CALLS = 20
const STEPS = 5

describe("call handlers and AsyncLocalStorage", () => {
  it.scopedLive("each handler sees the context it entered, across its own async steps, with other calls' handlers running", () =>
    Effect.gen(function*() {
      const storage = new AsyncLocalStorage<string>()
      const sandbox = yield* RelaySandbox.make()
      const relay = yield* connect(sandbox, { contexts: ["office"] })
      const seen: Array<readonly [string, string | undefined]> = []
      const all = yield* Deferred.make<void>()
      // Every handler waits here each step; the last one in releases them all at once, from the
      // event loop: their fibers are then resumed together, as events of many calls resume theirs.
      const waiting: Array<() => void> = []
      const barrier = () =>
        new Promise<void>((resolve) => {
          waiting.push(resolve)
          if (waiting.length === CALLS) setImmediate(() => waiting.splice(0).forEach((release) => release()))
        })
      yield* relay.onCall((call) =>
        Effect.gen(function*() {
          yield* Effect.sync(() => storage.enterWith(call.callId))
          for (let step = 0; step < STEPS; step++) {
            yield* Effect.promise(barrier)
            seen.push([call.callId, storage.getStore()])
          }
          if (seen.length === CALLS * STEPS) yield* Deferred.succeed(all, undefined)
        })
      )
      yield* Effect.forEach(
        Array.from({ length: CALLS }, (_, i) => i),
        (i) => sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office", callId: `als-${i}` }),
        { concurrency: "unbounded", discard: true }
      )
      yield* Deferred.await(all)
      expect(seen.filter(([callId, store]) => store !== callId)).toEqual([])
    }))
})
