import { existsSync } from "node:fs"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { agentRenders, agentThroughput } from "../src/agent.js"
import { scriptedCalls } from "../src/scripted.js"
import { baselineLiveCalls } from "../src/eventsBaseline.js"
import { facadeLiveCalls } from "../src/facadeEvents.js"
import { restThroughput } from "../src/rest.js"
import * as scenarios from "../src/scenarios.js"
import { interleavedCalls } from "../src/sideCalls.js"
import { loadFacade } from "../src/sideClients.js"
import { sideBySideRequests } from "../src/sideRequests.js"

// Each scenario at a tiny size: the benchmark still runs end to end. Figures are not asserted
// here (these machines are shared and noisy); only the correctness figures are.
// Minutes on a loaded machine are not a failure here: each scenario gets a minute.
describe("benchmark scenarios (smoke)", { timeout: 60_000 }, () => {
  // The scenarios run their servers in this process (a child process with the TypeScript loader
  // takes seconds to start); the child process the benchmark uses is checked on its own.
  beforeAll(() => scenarios.runServersInline())

  it("the benchmark's server process starts, answers a client and stops", async () => {
    const server = await scenarios.spawnServerProcess("blaster")
    try {
      const client = await scenarios.openClient(server.host)
      await Effect.runPromise(client.relay.execute("signalwire.ping"))
      await client.close()
    } finally {
      await server.stop()
    }
  })

  it("request throughput, ours and the baseline", async () => {
    const rows = await scenarios.throughput([1, 10], 200, 1)
    expect(rows.map((r) => r.inFlight)).toEqual([1, 10])
    for (const row of rows) expect(row.ours > 0 && row.baseline > 0).toBe(true)
  })

  it("latency at 1 in flight", async () => {
    const figures = await scenarios.latency(50)
    expect(figures.oursMedian).toBeGreaterThan(0)
    expect(figures.baselineMedian).toBeGreaterThan(0)
  })

  it("live calls and their events", async () => {
    const figures = await scenarios.liveCalls(50, 500)
    expect(figures.eventsPerSecond).toBeGreaterThan(0)
  })

  for (const consumer of ["mailbox", "batches"] as const) {
    it(`live calls whose handlers take their events in batches (${consumer})`, async () => {
      const figures = await scenarios.liveCallConsumers(50, 500, consumer)
      expect(figures.eventsPerSecond).toBeGreaterThan(0)
    })
  }

  it("the raw ws floor under per-call events", async () => {
    const floor = await baselineLiveCalls(50, 500)
    expect(floor.eventsPerSecond).toBeGreaterThan(0)
    expect(floor.cpuMicrosPerEvent).toBeGreaterThan(0)
  })

  it("the facade's per-call listeners on live calls", async () => {
    expect((await facadeLiveCalls(50, 500)).eventsPerSecond).toBeGreaterThan(0)
  })

  it("the bare Effect stream ceiling", async () => {
    expect(await scenarios.streamCeiling(10, 100)).toBeGreaterThan(0)
  })

  it("closing with waiters leaves none, each with ClientClosed", async () => {
    const figures = await scenarios.closeWithWaiters(50, 10)
    expect(figures).toMatchObject({ waitersLeft: 0, untyped: 0 })
  })

  it("reconnects lose and duplicate no event", async () => {
    const figures = await scenarios.reconnects(5, 2)
    expect(figures).toMatchObject({ lost: 0, duplicated: 0, reconnects: 5 })
  })

  it("the sandbox's own capacity", async () => {
    expect(await scenarios.sandboxCapacity(400, 1)).toBeGreaterThan(0)
  })

  it("REST throughput, RestClient and a bare fetch loop", async () => {
    const rows = await restThroughput([1, 5], 50, 1)
    expect(rows.map((r) => r.inFlight)).toEqual([1, 5])
    for (const row of rows) expect(row.ours > 0 && row.facade > 0 && row.baseline > 0).toBe(true)
  })

  it("SWAIG calls through the agent server, bare node:http and the router alone; SWML renders", async () => {
    const rows = await agentThroughput([1, 5], 50)
    expect(rows.map((r) => r.inFlight)).toEqual([1, 5])
    for (const row of rows) expect(row.ours > 0 && row.baseline > 0 && row.platform > 0).toBe(true)
    expect(await agentRenders(5)).toBeGreaterThan(0)
  })

  it("scripted agent calls through the sandbox", async () => {
    const row = await scriptedCalls(4, 2)
    expect(row).toMatchObject({ wrong: 0, failed: 0, failures: [] })
    expect(row.callsPerSecond).toBeGreaterThan(0)
  })

  // The side-by-side figures (npm run bench -- --reference <dir>) for our clients only: the
  // reference is never in the repository.
  it("side by side: requests through raw ws, the Effect client and the facade, in interleaved slices", async () => {
    const figures = await sideBySideRequests({ levels: [1, 10], rounds: 1, sliceMillis: 50, reference: undefined, facade: await loadFacade() })
    expect(figures.rows.map((r) => r.inFlight)).toEqual([1, 10])
    for (const row of figures.rows) {
      expect(Object.keys(row.rates).sort()).toEqual(["effect", "facade", "ws"])
      for (const rate of Object.values(row.rates)) expect(rate).toBeGreaterThan(0)
      expect(Object.keys(row.cpuMicros).sort()).toEqual(["effect", "facade", "ws"])
      for (const micros of Object.values(row.cpuMicros)) expect(micros).toBeGreaterThan(0)
    }
    expect(figures.latencyMedian.effect).toBeGreaterThan(0)
  })

  it("side by side: inbound calls through the Effect client and the facade, each in its own process, rounds interleaved", async () => {
    const figures = await interleavedCalls(["effect", "facade"], {
      liveCounts: [5],
      total: 10,
      inFlight: 5,
      rounds: 2,
      referenceDir: undefined,
      fromSource: true
    })
    expect([...figures.keys()]).toEqual(["effect", "facade"])
    for (const [kind, f] of figures) {
      expect(f.kind).toBe(kind)
      expect(f.heapAtStart).toBeGreaterThan(0)
      expect(f.heapPerCall.map(([count]) => count)).toEqual([5])
      expect(f.callsPerSecond).toBeGreaterThan(0)
      expect(f.cpuMicrosPerCall).toBeGreaterThan(0)
      expect(f.driverCpuMicrosPerCall).toBeGreaterThan(0)
      // Read from /proc (Linux): in 10 ms ticks, so it may round to 0 over 10 calls; NaN elsewhere.
      if (existsSync("/proc/self/stat")) expect(f.sandboxCpuMicrosPerCall).toBeGreaterThanOrEqual(0)
      else expect(f.sandboxCpuMicrosPerCall).toBeNaN()
    }
  })
})
