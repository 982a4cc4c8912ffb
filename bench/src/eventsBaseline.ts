/**
 * A reference row under figure 3: the raw `ws` baseline client (`baseline.ts`) holding the same
 * live calls from the blaster and receiving the same call events — each parsed, ACKed and counted
 * against its call in a `Map` keyed by `call_id`, in the socket callback. No fibers, no decoding,
 * no buffering; but one socket write per ACK, as a hand-written client does, where our client
 * corks the ACKs of a tick into one write — so it is not a strict floor: our client's one
 * client-wide stream routed by call id runs faster than it.
 */
import { connectBaseline } from "./baseline.js"
import { spawnServer } from "./scenarios.js"

export interface EventsFloor {
  readonly eventsPerSecond: number
  readonly cpuMicrosPerEvent: number
}

/** Waits until `count()` reaches `target`, failing when it has not moved for 30 s. */
export const settle = async (count: () => number, target: number) => {
  let last = count()
  let since = performance.now()
  while (count() < target) {
    await new Promise((r) => setImmediate(r))
    const current = count()
    if (current !== last) {
      last = current
      since = performance.now()
    } else if (performance.now() - since > 30_000) {
      throw new Error(`only ${current} of ${target}, none for 30 s`)
    }
  }
}

/** `calls` offered inbound calls, then `events` call events spread over them round robin. */
export const baselineLiveCalls = async (calls: number, events: number): Promise<EventsFloor> => {
  const server = await spawnServer("blaster")
  const perCall = new Map<string, { events: number }>()
  let offered = 0
  let received = 0
  const client = await connectBaseline(server.url, "sandbox-project", "sandbox-token", (event) => {
    const callId = event.params?.call_id
    if (typeof callId !== "string") return
    if (event.event_type === "calling.call.receive") {
      perCall.set(callId, { events: 0 })
      offered += 1
      return
    }
    const call = perCall.get(callId)
    if (call === undefined) return
    call.events += 1
    received += 1
  })
  try {
    await client.request("bench.calls", { count: calls })
    await settle(() => offered, calls)
    const cpu = process.cpuUsage()
    const start = performance.now()
    await client.request("bench.events", { count: events, calls })
    await settle(() => received, events)
    const seconds = (performance.now() - start) / 1000
    const used = process.cpuUsage(cpu)
    return { eventsPerSecond: events / seconds, cpuMicrosPerEvent: (used.user + used.system) / events }
  } finally {
    await client.close()
    await server.stop()
  }
}
