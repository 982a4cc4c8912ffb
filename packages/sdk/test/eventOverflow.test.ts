/**
 * The client-wide event subscription overflowing: a burst of events lands in one dispatcher batch,
 * more than the subscription holds, while the client's event fiber (where listeners run) cannot
 * take them. The facade then logs one warning, settles the calls that ended meanwhile from the
 * core's state (their `ended` event was among those missed), and resumes delivery.
 *
 * The bound is 16 384 in `RelayClient`; this test builds the client's connection side
 * (`internal/connector.ts`) with a bound of 8, over loopback against the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Scope from "effect/Scope"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import type { CallStateEvent, RelayEvent } from "@signalwire-effect/sdk"

// The facade's log level is read when its log module loads: warnings must be written here. Test
// files share a worker's module registry (isolate: false), so the facade's modules are loaded
// afresh for this file, and the level is put back for the files after it.
const savedLevel = process.env.SIGNALWIRE_LOG_LEVEL
process.env.SIGNALWIRE_LOG_LEVEL = "warn"
vi.resetModules()
const { Connector } = await import("../src/internal/connector.js")
const { resolveOptions } = await import("../src/internal/options.js")
const { OVERFLOW_WARNING } = await import("../src/internal/clientEvents.js")

const TO = "+15551230001"
const FROM = "+15559870000"
const BOUND = 8
const BURST = 200

describe("the client's event subscription overflows", () => {
  const scope = Effect.runSync(Scope.make())
  let sandbox: RelaySandbox.Sandbox
  beforeAll(async () => {
    sandbox = await Effect.runPromise(Scope.extend(RelaySandbox.make(), scope))
  })
  afterAll(async () => {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    if (savedLevel === undefined) delete process.env.SIGNALWIRE_LOG_LEVEL
    else process.env.SIGNALWIRE_LOG_LEVEL = savedLevel
    vi.resetModules()
  })

  it("one warning; a call whose `ended` event was missed is settled from the core's state; delivery resumes", async () => {
    const lines: Array<string> = []
    const spy = vi.spyOn(console, "error").mockImplementation((line: unknown) => void lines.push(String(line)))
    const seen: Array<string> = []
    let afterSeen: () => void = () => {}
    const after = new Promise<void>((resolve) => (afterSeen = resolve))
    const resolved = resolveOptions({ project: "sandbox-project", token: "sandbox-token", host: sandbox.host, scheme: "ws" })
    const connector = new Connector({}, { ...resolved, eventBufferSize: BOUND }, {
      onCall: () => undefined,
      onMessage: () => undefined,
      onEvent: () => (eventType: string, params: Record<string, unknown>) => {
        seen.push(`${eventType}:${String(params.n)}`)
        if (eventType === "custom.after") afterSeen()
      }
    })
    try {
      await Effect.runPromise(Scope.extend(sandbox.calls.script(TO, {}), scope))
      await connector.open(false)
      const call = await connector.dial([[{ type: "phone", params: { to_number: TO, from_number: FROM } }]], {})
      const states: Array<string> = []
      call.on("calling.call.state", (event: RelayEvent) => void states.push(String(event.params.call_state)))
      const ended = call.waitForEnded()

      // One synchronous burst from the sandbox (its writes are synchronous): the client reads it in
      // one go and its dispatcher publishes it in one batch, before the event fiber can run. The
      // call's `ended` state comes last, past the bound: the subscription loses it.
      for (let n = 0; n < BURST; n++) Effect.runSync(sandbox.sendEvent("custom.burst", { n }))
      Effect.runSync(sandbox.sendEvent("calling.call.state", {
        call_id: call.callId,
        node_id: call.nodeId,
        call_state: "ended",
        end_reason: "busy",
        direction: "outbound",
        device: { type: "phone", params: { to_number: TO, from_number: FROM } }
      }))

      // Settled from the core's state, with its end reason, although the event never reached the Call.
      const event: CallStateEvent = await ended
      expect([event.callState, event.endReason]).toEqual(["ended", "busy"])
      expect(call.state).toBe("ended")
      expect(states).not.toContain("ended")
      // At most the bound was delivered from the burst; the rest was missed.
      expect(seen.filter((s) => s.startsWith("custom.burst")).length).toBeLessThanOrEqual(BOUND)

      // Delivery resumed on a new subscription: a later event reaches onEvent.
      Effect.runSync(sandbox.sendEvent("custom.after", { n: "after" }))
      await after
      expect(lines.filter((line) => line.includes(OVERFLOW_WARNING))).toHaveLength(1)
    } finally {
      spy.mockRestore()
      await connector.close()
    }
  })
})
