/**
 * `npm run bench -- --reference <dir>`: every request, inbound-call and memory figure for
 * SignalWire's own client (a built `@signalwire/sdk` in `dir`), next to ours and the raw `ws`
 * baseline, in the same run. Prints its tables; returns nothing.
 */
import { spawnSync } from "node:child_process"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { type CallClientKind, type CallFigures, interleavedCalls } from "./sideCalls.js"
import { type ClientKind, loadFacade, loadReference } from "./sideClients.js"
import { sideBySideRequests } from "./sideRequests.js"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n) ? "–" : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
const ratio = (ours: number | undefined, theirs: number | undefined) =>
  ours === undefined || theirs === undefined ? "–" : `${fmt(ours / theirs, 2)}×`
const kib = (bytes: number | undefined) => (bytes === undefined ? "–" : `${fmt(bytes / 1024, 1)} KiB`)
const mib = (bytes: number | undefined) => (bytes === undefined ? "–" : `${fmt(bytes / 2 ** 20, 1)} MiB`)

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: ReadonlyArray<string>) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n")
}

export interface SideBySideOptions {
  readonly referenceDir: string
  readonly quick: boolean
}

export const sideBySide = async ({ quick, referenceDir }: SideBySideOptions) => {
  // The worker processes load our clients from dist, as users run them: build it (incremental).
  const build = spawnSync("npx", ["tsc", "-b", "tsconfig.build.json"], { cwd: root, stdio: "inherit" })
  if (build.status !== 0) throw new Error("npm run build failed: the side-by-side figures need our packages' dist")
  // Both Promise clients log at info by default; the bench keeps errors only.
  process.env.SIGNALWIRE_LOG_LEVEL ??= "error"
  const load = () => os.loadavg().map((l) => fmt(l, 2)).join(" / ")
  console.log(`side by side with SignalWire's client from ${referenceDir}; load average ${load()}`)

  const reference = await loadReference(referenceDir)
  const requests = await sideBySideRequests({
    levels: [1, 100, 1_000],
    rounds: quick ? 2 : 7,
    sliceMillis: 500,
    reference,
    facade: await loadFacade()
  })
  const kinds: ReadonlyArray<ClientKind> = ["ws", "signalwire", "effect", "facade"]
  const requestRows = requests.rows.map((row) => [
    `${fmt(row.inFlight)} in flight`,
    ...kinds.map((kind) => fmt(row.rates[kind])),
    ratio(row.rates.effect, row.rates.signalwire),
    ratio(row.rates.facade, row.rates.signalwire)
  ])
  for (const row of requests.rows) {
    requestRows.push([
      `client CPU per round trip (µs), ${fmt(row.inFlight)} in flight`,
      ...kinds.map((kind) => fmt(row.cpuMicros[kind], 1)),
      ratio(row.cpuMicros.effect, row.cpuMicros.signalwire),
      ratio(row.cpuMicros.facade, row.cpuMicros.signalwire)
    ])
  }
  const latency = requests.latencyMedian
  const added = (kind: ClientKind) => fmt((latency[kind] ?? Number.NaN) - (latency.ws ?? Number.NaN), 1)
  requestRows.push([
    "median latency at 1 in flight (µs), + over raw ws",
    ...kinds.map((kind) => (kind === "ws" ? fmt(latency.ws, 1) : `${fmt(latency[kind], 1)} (+${added(kind)})`)),
    "",
    ""
  ])
  console.log(`\nexecute("signalwire.ping") round trips/s: standalone sandbox (journal on), all clients in this process, ` +
    `interleaved ${fmt(500)} ms slices, median of ${requests.slices}; load average ${load()}`)
  console.log(table(["", "raw ws", "SignalWire's", "our Effect", "our facade", "Effect ÷ SignalWire's", "facade ÷ SignalWire's"], requestRows))

  const callKinds: ReadonlyArray<CallClientKind> = ["signalwire", "effect", "facade"]
  const liveCounts = quick ? [200, 500] : [2_000, 5_000]
  const total = quick ? 300 : 2_000
  const rateRounds = quick ? 1 : 5
  const figures = await interleavedCalls(callKinds, { liveCounts, total, inFlight: 100, rounds: rateRounds, referenceDir })
  const get = (kind: CallClientKind) => figures.get(kind)
  const marginal = (f: CallFigures | undefined) => {
    const first = f?.heapPerCall[0]
    const last = f?.heapPerCall.at(-1)
    return first === undefined || last === undefined ? undefined : (last[0] * last[1] - first[0] * first[1]) / (last[0] - first[0])
  }
  const row = (label: string, value: (f: CallFigures | undefined) => number | undefined, show: (n: number | undefined) => string) => {
    const [theirs, effect, facade] = callKinds.map((kind) => value(get(kind)))
    return [label, show(theirs), show(effect), show(facade), ratio(effect, theirs), ratio(facade, theirs)]
  }
  const callRows = [
    row("heap at start (connected, handler registered)", (f) => f?.heapAtStart, mib),
    ...liveCounts.map((count, i) =>
      row(`heap per live call, ${fmt(count)} calls answered and waiting`, (f) => f?.heapPerCall[i]?.[1], kib)
    ),
    // The heap the calls between the first and the last count added, per call: the marginal cost
    // of one more live call, without what the first calls made once (JIT code, warmed tables).
    ...(liveCounts.length < 2 ? [] : [
      row(`heap per live call, ${fmt(liveCounts[0]!)} → ${fmt(liveCounts.at(-1)!)} calls (the difference ÷ ${fmt(liveCounts.at(-1)! - liveCounts[0]!)})`, (f) => marginal(f), kib)
    ]),
    row(`calls/s, receive → answer → hang-up, ${fmt(total)} calls, 100 in flight`, (f) => f?.callsPerSecond, (n) => fmt(n)),
    row("client CPU per call (µs)", (f) => f?.cpuMicrosPerCall, (n) => fmt(n)),
    row("client JS heap allocated per call (KiB)", (f) => f?.allocatedPerCall, (n) => (n === undefined ? "" : fmt(n / 1024, 1))),
    row("its sandbox's CPU per call (µs)", (f) => f?.sandboxCpuMicrosPerCall, (n) => fmt(n)),
    row("the driver's CPU per call (µs: admin requests, reports)", (f) => f?.driverCpuMicrosPerCall, (n) => fmt(n))
  ]
  console.log(`\ninbound calls: each client in its own process (bare node, built code) with a fresh standalone sandbox, ` +
    `calls offered and hung up through its admin API from the bench process; calls/s and CPU: median of ${rateRounds} ` +
    `round(s) interleaved across the clients; load average ${load()}`)
  console.log(table(["", "SignalWire's", "our Effect", "our facade", "Effect ÷ SignalWire's", "facade ÷ SignalWire's"], callRows))
  const theirs = get("signalwire")
  if (theirs !== undefined) {
    // The machine's cores run the sandbox, the driver and the client: with the same CPU use, a
    // client that needed no CPU at all would reach calls/s × (all three) ÷ (sandbox + driver).
    const others = theirs.sandboxCpuMicrosPerCall + theirs.driverCpuMicrosPerCall
    console.log(`ceiling: with SignalWire's run's sandbox and driver CPU per call (${fmt(others)} µs) and the machine as busy, ` +
      `a client using no CPU would reach ${fmt((theirs.cpuMicrosPerCall + others) / others, 2)}× SignalWire's calls/s`)
  }
}
