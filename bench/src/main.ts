/**
 * `npm run bench`: the RELAY client's figures next to a raw-socket baseline measured in the same
 * run, with the targets of issue 7. `npm run bench -- --quick` runs smaller sizes;
 * `--only 7,8` runs only the figures listed.
 * `npm run bench -- --reference <dir>` first measures SignalWire's own client (a built
 * `@signalwire/sdk` in `dir`) side by side with ours (`sideBySide.ts`); `--side-by-side-only` stops there.
 */
import * as os from "node:os"
import { agentRenders, agentThroughput } from "./agent.js"
import { scriptedCalls } from "./scripted.js"
import { baselineLiveCalls } from "./eventsBaseline.js"
import { facadeLiveCalls } from "./facadeEvents.js"
import { restThroughput } from "./rest.js"
import { sideBySide } from "./sideBySide.js"
import * as scenarios from "./scenarios.js"

const quick = process.argv.includes("--quick")
const referenceAt = process.argv.indexOf("--reference")
const referenceDir = referenceAt === -1 ? undefined : process.argv[referenceAt + 1]
const sideOnly = process.argv.includes("--side-by-side-only")
const size = (full: number, small: number) => (quick ? small : full)
const onlyAt = process.argv.indexOf("--only")
const only = onlyAt < 0 ? undefined : new Set((process.argv[onlyAt + 1] ?? "").split(",").map((s) => Number(s.trim())))
/** Whether figure `n` runs (every figure without `--only`). */
const runs = (...figures: ReadonlyArray<number>) => only === undefined || figures.some((n) => only.has(n))

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED")

const main = async () => {
  console.log(`RELAY client benchmarks — ${new Date().toISOString()}`)
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, node ${process.version}`)
  console.log(`client in this process; servers in child processes on loopback\n`)
  if (referenceAt !== -1) {
    if (referenceDir === undefined || referenceDir.startsWith("--")) throw new Error("--reference needs the folder of a built @signalwire/sdk")
    await sideBySide({ referenceDir, quick })
    if (sideOnly) return
    console.log("")
  }
  const rows: Array<[string, string, string, string]> = []
  const add = (figure: string, value: string, target: string, ok: boolean | undefined) =>
    rows.push([figure, value, target, ok === undefined ? "" : verdict(ok)])

  let clientBest = 0
  if (runs(1, 6)) {
    const throughput = await scenarios.throughput([1, 100, 1_000], size(40_000, 4_000), size(5, 2))
    for (const row of throughput) {
      const ratio = row.ours / row.baseline
      add(
        `1. req/s at ${fmt(row.inFlight)} in flight`,
        `${fmt(row.ours)} vs baseline ${fmt(row.baseline)} = ${fmt(ratio, 2)}×`,
        row.inFlight === 100 ? "≥ 0.80×" : "",
        row.inFlight === 100 ? ratio >= 0.8 : undefined
      )
    }
    clientBest = Math.max(...throughput.map((r) => r.ours))
  }

  if (runs(2)) {
    const latency = await scenarios.latency(size(10_000, 1_000))
    const added = latency.oursMedian - latency.baselineMedian
    add(
      "2. latency at 1 in flight (µs)",
      `median ${fmt(latency.oursMedian)} vs ${fmt(latency.baselineMedian)} (+${fmt(added)}); p99 ${fmt(latency.oursP99)} vs ${fmt(latency.baselineP99)} (+${fmt(latency.oursP99 - latency.baselineP99)})`,
      "median ≤ +30 µs",
      added <= 30
    )
  }

  if (runs(3)) {
    const calls = await scenarios.liveCalls(size(10_000, 1_000), size(500_000, 50_000))
    add(
      `3. ${fmt(calls.calls)} live calls: events/s to per-call streams`,
      `${fmt(calls.eventsPerSecond)} (client CPU ${fmt(calls.cpuMicrosPerEvent, 1)} µs/event)`,
      "≥ 100,000",
      calls.eventsPerSecond >= 100_000
    )
    const mailbox = await scenarios.liveCallConsumers(size(10_000, 1_000), size(500_000, 50_000), "mailbox")
    add(
      "3. … handlers reading `subscribeMailbox` with `takeAll`",
      `${fmt(mailbox.eventsPerSecond)} (client CPU ${fmt(mailbox.cpuMicrosPerEvent, 1)} µs/event)`,
      "(information)",
      undefined
    )
    const batches = await scenarios.liveCallConsumers(size(10_000, 1_000), size(500_000, 50_000), "batches")
    add(
      "3. … handlers reading `subscribeBatches` with `takeAll`",
      `${fmt(batches.eventsPerSecond)} (client CPU ${fmt(batches.cpuMicrosPerEvent, 1)} µs/event)`,
      "≥ 100,000",
      batches.eventsPerSecond >= 100_000
    )
    const ceiling = await scenarios.streamCeiling(size(10_000, 1_000), size(500_000, 50_000))
    add(
      `3. … ceiling: bare Effect, ${fmt(calls.calls)} Mailbox→Stream consumers, no socket`,
      `${fmt(ceiling)} (ours = ${fmt(calls.eventsPerSecond / ceiling, 2)}× of it)`,
      "(information)",
      undefined
    )
    const floor = await baselineLiveCalls(size(10_000, 1_000), size(500_000, 50_000))
    add(
      "3. … the raw `ws` baseline, same calls and events (parse, ACK written per event, count per call)",
      `${fmt(floor.eventsPerSecond)} (client CPU ${fmt(floor.cpuMicrosPerEvent, 1)} µs/event; batches = ${
        fmt(batches.eventsPerSecond / floor.eventsPerSecond, 2)
      }× of it)`,
      "(information)",
      undefined
    )
    add(
      "3. … one client-wide stream routing each event to its call's handler function by call id",
      fmt(calls.eventsPerSecondOneStream),
      "≥ 100,000",
      calls.eventsPerSecondOneStream >= 100_000
    )
    const facade = await facadeLiveCalls(size(10_000, 1_000), size(500_000, 50_000))
    add(
      "3. … the Promise facade: a listener per call (`call.on`), routed by call id from one subscription",
      `${fmt(facade.eventsPerSecond)} (client CPU ${fmt(facade.cpuMicrosPerEvent, 1)} µs/event)`,
      "≥ 100,000",
      facade.eventsPerSecond >= 100_000
    )
    add("3. heap per live call (after GC)", `${fmt(calls.heapPerCall)} B`, "≤ 4,096 B", calls.heapPerCall <= 4_096)
    add("3. … with a handler fiber streaming its events", `${fmt(calls.heapPerHandledCall)} B`, "(information)", undefined)
  }

  if (runs(4)) {
    const close = await scenarios.closeWithWaiters(size(10_000, 1_000), size(1_000, 100))
    add(
      `4. close with ${fmt(close.requests)} requests + ${fmt(close.dials)} dials waiting`,
      `all settled by ${fmt(close.firstMillis, 1)} ms, last fiber resumed at ${fmt(close.millis, 1)} ms; ${close.waitersLeft} left; ${close.untyped} without ClientClosed`,
      "≤ 100 ms, 0 left",
      close.millis <= 100 && close.waitersLeft === 0 && close.untyped === 0
    )
  }

  if (runs(5)) {
    // 25 events each way per round: the client's bounded dedupe window (4 096 ids) is full before
    // the first heap sample (round 100), so the comparison sees leaks, not bounded sets filling up.
    const reconnects = await scenarios.reconnects(size(1_000, 100), 25)
    add(
      `5. ${fmt(reconnects.reconnects)} forced reconnects, ${fmt(reconnects.sent)} events`,
      `${reconnects.lost} lost, ${reconnects.duplicated} duplicated; heap ${reconnects.heapGrowth >= 0 ? "+" : ""}${fmt(reconnects.heapGrowth * 100, 1)} % (first → last hundred, after ${fmt(reconnects.reconnects / 10)} warm-up)`,
      "0 / 0, ≤ 5 %",
      reconnects.lost === 0 && reconnects.duplicated === 0 && reconnects.heapGrowth <= 0.05
    )
  }

  if (runs(6)) {
    const capacity = await scenarios.sandboxCapacity(size(80_000, 8_000), size(3, 1))
    add(
      "6. sandbox alone (baseline clients, 4 × 100 in flight)",
      `${fmt(capacity)} req/s = ${fmt(capacity / clientBest, 2)}× the client's best`,
      "≥ 2×",
      capacity / clientBest >= 2
    )
  }

  if (runs(7)) {
    const rest = await restThroughput([1, 50], size(5_000, 500), size(3, 1))
    for (const row of rest) {
      const ratio = row.ours / row.baseline
      add(
        `7. REST req/s at ${row.inFlight} in flight (RestClient on undici vs bare fetch)`,
        `${fmt(row.ours)} vs baseline ${fmt(row.baseline)} = ${fmt(ratio, 2)}× (on FetchHttpClient ${fmt(row.oursFetch)} = ${
          fmt(row.oursFetch / row.baseline, 2)
        }×; client CPU per request ${fmt(row.cpuOurs)} vs ${fmt(row.cpuBaseline)} µs)`,
        "≥ 0.85×",
        ratio >= 0.85
      )
      add(
        `7. REST req/s at ${row.inFlight} in flight (the Promise facade's RestClient vs bare fetch)`,
        `${fmt(row.facade)} vs baseline ${fmt(row.baseline)} = ${fmt(row.facade / row.baseline, 2)}× (client CPU per request ${
          fmt(row.cpuFacade)
        } vs ${fmt(row.cpuBaseline)} µs)`,
        "≥ 0.85×",
        row.facade / row.baseline >= 0.85
      )
    }
  }

  if (runs(8)) {
    for (const row of await agentThroughput([1, 50], size(4_000, 400))) {
      const ratio = row.ours / row.baseline
      add(
        `8. SWAIG calls/s at ${row.inFlight} in flight (agent server vs bare node:http)`,
        `${fmt(row.ours)} vs baseline ${fmt(row.baseline)} = ${fmt(ratio, 2)}× (with http.server spans ${
          fmt(row.oursWithSpans)
        } = ${fmt(row.oursWithSpans / row.baseline, 2)}×; router alone ${fmt(row.platform)} = ${fmt(row.platform / row.baseline, 2)}×)`,
        "≥ 0.80×",
        ratio >= 0.8
      )
    }
    add("8. SWML renders/s, 40 secure tools", fmt(await agentRenders(size(500, 50))), "(information)", undefined)
  }

  if (runs(9)) {
    const scripted = await scriptedCalls(size(200, 20), 5)
    add(
      `9. scripted agent calls/s, ${size(200, 20)} simultaneous, 5 tool calls each (sandbox → agent on loopback)`,
      `${fmt(scripted.callsPerSecond, 1)}; transcripts lost or out of order: ${scripted.wrong}; calls failed (reason in their transcript): ${scripted.failed}${
        scripted.failures.length === 0 ? "" : ` (${[...new Set(scripted.failures)].join(", ")})`
      }`,
      "0 lost / reordered",
      scripted.wrong === 0
    )
  }

  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["figure", "measured", "target", ""][i]!.length))
  const line = (cells: ReadonlyArray<string>) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`
  console.log(line(["figure", "measured", "target", ""]))
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`)
  for (const row of rows) console.log(line(row))
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
