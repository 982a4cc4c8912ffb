/**
 * Side by side, requests: `execute("signalwire.ping")` round trips through every client, all in
 * this process, against one standalone sandbox (journal on). Each level of requests in flight is
 * measured in interleaved slices of `sliceMillis` (one client after the other, the order rotating
 * every round), so that a burst of load from elsewhere hits every client alike; the figure of a
 * client is the median of its slices. At 1 in flight every round trip is also timed, for latency.
 */
import { Effect } from "effect"
import { connectBaseline } from "./baseline.js"
import { type ClientKind, PROJECT, type PromiseClientConstructor, promiseOptions, TOKEN } from "./sideClients.js"
import { type EffectClient, openEffectClient } from "./sideEffect.js"
import { startStandalone } from "./sideSandbox.js"

const now = () => performance.now()
const median = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

interface Slice {
  readonly completed: number
  readonly millis: number
}

type Runner = (inFlight: number, millis: number, latencies: Array<number> | undefined) => Promise<Slice>

/** `inFlight` async loops, each sending its next request once the previous one is answered, until the deadline. */
const promiseRunner = (ping: () => Promise<unknown>): Runner => async (inFlight, millis, latencies) => {
  let completed = 0
  const start = now()
  const deadline = start + millis
  const worker = async () => {
    while (now() < deadline) {
      const t0 = now()
      await ping()
      completed += 1
      latencies?.push((now() - t0) * 1000)
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  return { completed, millis: now() - start }
}

/** The same shape as fibers inside one Effect program, as a user's program would run. */
const effectRunner = (relay: EffectClient): Runner => (inFlight, millis, latencies) =>
  Effect.runPromise(
    Effect.suspend(() => {
      const ping = relay.execute("signalwire.ping")
      let completed = 0
      const start = now()
      const deadline = start + millis
      const timed = latencies === undefined
        ? Effect.map(ping, () => void (completed += 1))
        : Effect.suspend(() => {
          const t0 = now()
          return Effect.map(ping, () => {
            completed += 1
            latencies.push((now() - t0) * 1000)
          })
        })
      const worker = Effect.whileLoop({ while: () => now() < deadline, body: () => timed, step: () => undefined })
      return Effect.map(
        Effect.forEach(Array.from({ length: inFlight }), () => worker, { concurrency: "unbounded", discard: true }),
        (): Slice => ({ completed, millis: now() - start })
      )
    })
  )

export interface RequestRow {
  readonly inFlight: number
  /** Median round trips per second of each client's slices. */
  readonly rates: Partial<Record<ClientKind, number>>
  /**
   * Median CPU time of this process per round trip (µs) over each client's slices: the sandbox
   * runs in a child process and one client runs at a time, so it is that client's own (robust under load).
   */
  readonly cpuMicros: Partial<Record<ClientKind, number>>
}

export interface RequestFigures {
  readonly rows: ReadonlyArray<RequestRow>
  /** Median round trip at 1 in flight (µs) of each client. */
  readonly latencyMedian: Partial<Record<ClientKind, number>>
  readonly slices: number
}

export interface RequestOptions {
  readonly levels: ReadonlyArray<number>
  readonly rounds: number
  readonly sliceMillis: number
  /** SignalWire's `RelayClient`; without it the row has our clients and the raw baseline only. */
  readonly reference: PromiseClientConstructor | undefined
  readonly facade: PromiseClientConstructor
}

export const sideBySideRequests = async (options: RequestOptions): Promise<RequestFigures> => {
  const sandbox = await startStandalone()
  const closers: Array<() => Promise<unknown>> = []
  try {
    const runners: Array<[ClientKind, Runner]> = []
    const baseline = await connectBaseline(sandbox.url, PROJECT, TOKEN)
    closers.push(baseline.close)
    runners.push(["ws", promiseRunner(() => baseline.request("signalwire.ping"))])
    if (options.reference !== undefined) {
      const reference = new options.reference(promiseOptions(sandbox.host, 10_000))
      await reference.connect()
      closers.push(() => reference.disconnect())
      runners.push(["signalwire", promiseRunner(() => reference.execute("signalwire.ping", {}))])
    }
    const effect = await openEffectClient(sandbox.host, 10_000)
    closers.push(effect.close)
    runners.push(["effect", effectRunner(effect.relay)])
    const facade = new options.facade(promiseOptions(sandbox.host, 10_000))
    await facade.connect()
    closers.push(() => facade.disconnect())
    runners.push(["facade", promiseRunner(() => facade.execute("signalwire.ping", {}))])

    const rows: Array<RequestRow> = []
    const latencies = new Map<ClientKind, Array<number>>()
    for (const inFlight of options.levels) {
      const rates = new Map<ClientKind, Array<number>>()
      const cpu = new Map<ClientKind, Array<number>>()
      // One warm-up slice each (JIT, socket buffers), not counted.
      for (const [, run] of runners) await run(inFlight, options.sliceMillis, undefined)
      for (let round = 0; round < options.rounds; round++) {
        for (let i = 0; i < runners.length; i++) {
          const [kind, run] = runners[(i + round) % runners.length]!
          let timed: Array<number> | undefined
          if (inFlight === 1) {
            timed = latencies.get(kind) ?? []
            latencies.set(kind, timed)
          }
          const cpuBefore = process.cpuUsage()
          const slice = await run(inFlight, options.sliceMillis, timed)
          const used = process.cpuUsage(cpuBefore)
          rates.set(kind, [...(rates.get(kind) ?? []), slice.completed / (slice.millis / 1000)])
          cpu.set(kind, [...(cpu.get(kind) ?? []), (used.user + used.system) / Math.max(1, slice.completed)])
        }
      }
      const medians = (of: Map<ClientKind, Array<number>>) =>
        Object.fromEntries([...of].map(([kind, values]) => [kind, median(values)]))
      rows.push({ inFlight, rates: medians(rates), cpuMicros: medians(cpu) })
    }
    return {
      rows,
      latencyMedian: Object.fromEntries([...latencies].map(([kind, values]) => [kind, median(values)])),
      slices: options.rounds
    }
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined)
    await sandbox.stop()
  }
}
