/**
 * Figure 3 for the Promise facade: the same live calls and call events as the Effect client's
 * rows, delivered to a listener per call (`call.on("calling.call.play", …)`). The facade routes a
 * call's events by call id from the client's one bounded event subscription, drained in batches
 * by one fiber that runs the listeners (never the connection's dispatcher): no fiber per call.
 */
import { RelayClient } from "@signalwire-effect/sdk/relay"
import { type EventsFloor, settle } from "./eventsBaseline.js"
import { spawnServer } from "./scenarios.js"

/** `calls` offered inbound calls, each with a listener, then `events` call events round robin. */
export const facadeLiveCalls = async (calls: number, events: number): Promise<EventsFloor> => {
  const server = await spawnServer("blaster")
  const client = new RelayClient({
    project: "sandbox-project",
    token: "sandbox-token",
    host: server.host,
    scheme: "ws",
    contexts: ["bench"],
    maxActiveCalls: calls + 1
  })
  let started = 0
  let received = 0
  client.onCall((call) => {
    started += 1
    call.on("calling.call.play", () => {
      received += 1
    })
  })
  try {
    await client.connect()
    await client.execute("bench.calls", { count: calls })
    await settle(() => started, calls)
    const cpu = process.cpuUsage()
    const start = performance.now()
    await client.execute("bench.events", { count: events, calls })
    await settle(() => received, events)
    const seconds = (performance.now() - start) / 1000
    const used = process.cpuUsage(cpu)
    return { eventsPerSecond: events / seconds, cpuMicrosPerEvent: (used.user + used.system) / events }
  } finally {
    await client.disconnect()
    await server.stop()
  }
}
