/**
 * Side by side, inbound calls: each client in its own process (`sideWorker.mjs`) with a fresh
 * standalone sandbox, the calls offered and hung up through the sandbox's admin API from this
 * process. Per client:
 *   - heap at start: connected, handler registered, after two forced GCs;
 *   - heap per live call: N calls answered by the handler and waiting for their end, (heap − heap
 *     at start) / N, for each N of `liveCounts` (then every call is hung up);
 *   - calls/s: `total` calls through offer → answered → far-end hang-up → ended, `inFlight` at a
 *     time; and, over that phase, the CPU time per call of the client process, of its sandbox and
 *     of this process (the driver: admin requests and the worker's reports).
 *
 * `startCallBench` keeps a client and its sandbox up, so the calls/s phase can run in rounds
 * interleaved across clients (`sideBySide.ts`): noise then hits every client alike.
 */
import { fork } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { CONTEXT } from "./sideClients.js"
import { admin, startStandalone } from "./sideSandbox.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const now = () => performance.now()

export type CallClientKind = "signalwire" | "effect" | "facade"

export interface CallFigures {
  readonly kind: CallClientKind
  readonly heapAtStart: number
  /** [live calls, heap per call in bytes] */
  readonly heapPerCall: ReadonlyArray<readonly [number, number]>
  readonly callsPerSecond: number
  readonly cpuMicrosPerCall: number
  /** Bytes the client allocated on its JS heap over that phase, per call (what its GC must collect). */
  readonly allocatedPerCall: number
  /** CPU time of the client's sandbox process per call (NaN where `/proc` is missing). */
  readonly sandboxCpuMicrosPerCall: number
  /** CPU time of this process (the driver) per call. */
  readonly driverCpuMicrosPerCall: number
}

/** One calls/s phase (the fields of `CallFigures` it measures). */
export type RateFigures = Pick<
  CallFigures,
  "callsPerSecond" | "cpuMicrosPerCall" | "allocatedPerCall" | "sandboxCpuMicrosPerCall" | "driverCpuMicrosPerCall"
>

type WorkerMessage =
  | { readonly type: "ready"; readonly heap: number }
  | { readonly type: "heap"; readonly heap: number }
  | { readonly type: "cpu"; readonly micros: number; readonly allocated: number }
  | { readonly type: "calls"; readonly answered: ReadonlyArray<string>; readonly ended: ReadonlyArray<string> }

/** Waiters on call ids reported by the worker: `answered` and `ended` each resolve once. */
class CallWatch {
  readonly #answered = new Map<string, () => void>()
  readonly #ended = new Map<string, () => void>()
  readonly #seenAnswered = new Set<string>()
  readonly #seenEnded = new Set<string>()
  answered = 0
  ended = 0
  onReport(answered: ReadonlyArray<string>, ended: ReadonlyArray<string>) {
    for (const id of answered) this.#settle(id, this.#answered, this.#seenAnswered), this.answered++
    for (const id of ended) this.#settle(id, this.#ended, this.#seenEnded), this.ended++
  }
  #settle(id: string, waiters: Map<string, () => void>, seen: Set<string>) {
    const waiter = waiters.get(id)
    if (waiter === undefined) return void seen.add(id)
    waiters.delete(id)
    waiter()
  }
  #wait(id: string, waiters: Map<string, () => void>, seen: Set<string>) {
    if (seen.delete(id)) return Promise.resolve()
    return new Promise<void>((resolve) => waiters.set(id, resolve))
  }
  whenAnswered(id: string) {
    return this.#wait(id, this.#answered, this.#seenAnswered)
  }
  whenEnded(id: string) {
    return this.#wait(id, this.#ended, this.#seenEnded)
  }
}

/** Runs `task(i)` for i in [from, to) with at most `limit` at once. */
const pool = async (from: number, to: number, limit: number, task: (i: number) => Promise<void>) => {
  let next = from
  await Promise.all(Array.from({ length: Math.min(limit, to - from) }, async () => {
    while (next < to) await task(next++)
  }))
}

export interface CallOptions {
  readonly referenceDir: string | undefined
  /** Our packages from their TypeScript source (through tsx) instead of dist: for the smoke test, which runs unbuilt. */
  readonly fromSource?: boolean
}

/** A client in its worker process with its own standalone sandbox, kept up between phases. */
export interface CallBench {
  readonly kind: CallClientKind
  readonly heapAtStart: number
  /** Offers calls until `count` are answered and waiting; returns (heap − heap at start) / count. Calls stay live. */
  readonly heapPerLiveCall: (count: number) => Promise<number>
  /** Hangs up every live call and waits for each to end. */
  readonly endLive: () => Promise<void>
  /** `total` calls through offer → answered → far-end hang-up → ended, `inFlight` at a time. */
  readonly rate: (total: number, inFlight: number) => Promise<RateFigures>
  readonly stop: () => Promise<void>
}

/** CPU time (µs) a process has used, from `/proc/<pid>/stat` (utime + stime, in clock ticks of 10 ms); NaN without `/proc`. */
const processCpuMicros = (pid: number): number => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
    return (Number(fields[11]) + Number(fields[12])) * 10_000
  } catch {
    return Number.NaN
  }
}

export const startCallBench = async (kind: CallClientKind, options: CallOptions): Promise<CallBench> => {
  const sandbox = await startStandalone()
  const api = admin(sandbox.host)
  // Bare node, no TypeScript loader, our packages from their dist (see sideWorker.mjs).
  const child = fork(path.join(here, "sideWorker.mjs"), [kind, sandbox.host, ...(options.referenceDir === undefined ? [] : [options.referenceDir])], {
    execArgv: [
      ...(options.fromSource === true ? ["--expose-gc", "--conditions=@signalwire-effect/source", "--import", "tsx"] : ["--expose-gc"]),
      // For profiling by hand: BENCH_WORKER_CPU_PROF=<dir> writes each worker's CPU profile there.
      ...(process.env.BENCH_WORKER_CPU_PROF === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WORKER_CPU_PROF}`]),
      // Also by hand: BENCH_WORKER_ARGS="--trace-gc-nvp" (or any node flags, space-separated) for each worker.
      ...(process.env.BENCH_WORKER_ARGS?.split(" ").filter((arg) => arg.length > 0) ?? [])
    ],
    env: { ...process.env, SIGNALWIRE_LOG_LEVEL: "error" },
    stdio: ["ignore", "inherit", "inherit", "ipc"]
  })
  const stop = async () => {
    child.removeAllListeners("exit")
    if (child.exitCode === null) {
      await new Promise<void>((done) => {
        const kill = setTimeout(() => child.kill("SIGKILL"), 10_000)
        child.once("exit", () => (clearTimeout(kill), done()))
        child.send({ type: "stop" })
      })
    }
    await sandbox.stop()
  }
  const watch = new CallWatch()
  const replies: Array<(message: WorkerMessage) => void> = []
  let ready: ((heap: number) => void) | undefined
  const started = new Promise<number>((resolve, reject) => {
    ready = resolve
    child.once("exit", (code) => reject(new Error(`${kind} worker exited with ${code}`)))
  })
  child.on("message", (message: WorkerMessage) => {
    if (message.type === "calls") watch.onReport(message.answered, message.ended)
    else if (message.type === "ready") ready?.(message.heap)
    else replies.shift()?.(message)
  })
  const ask = (type: "heap" | "cpu") =>
    new Promise<WorkerMessage>((resolve) => {
      replies.push(resolve)
      child.send({ type })
    })
  const heap = async () => {
    const message = await ask("heap")
    return message.type === "heap" ? message.heap : Number.NaN
  }
  const cpu = async () => {
    const message = await ask("cpu")
    return message.type === "cpu" ? message : { micros: Number.NaN, allocated: Number.NaN }
  }
  let heapAtStart: number
  try {
    heapAtStart = await started
  } catch (error) {
    await stop()
    throw error
  }
  let live = 0
  let rounds = 0
  return {
    kind,
    heapAtStart,
    heapPerLiveCall: async (count) => {
      await pool(live, count, 50, async (i) => {
        const id = `live-${i}`
        const answered = watch.whenAnswered(id)
        await api.offer(id, CONTEXT)
        await answered
      })
      live = Math.max(live, count)
      return ((await heap()) - heapAtStart) / count
    },
    endLive: async () => {
      await pool(0, live, 50, async (i) => {
        const id = `live-${i}`
        const ended = watch.whenEnded(id)
        await api.hangup(id)
        await ended
      })
      live = 0
    },
    rate: async (total, inFlight) => {
      const round = rounds++
      const cpuBefore = await cpu()
      const sandboxBefore = processCpuMicros(sandbox.pid)
      const driverBefore = process.cpuUsage()
      const start = now()
      await pool(0, total, inFlight, async (i) => {
        const id = `rate-${round}-${i}`
        const answered = watch.whenAnswered(id)
        const ended = watch.whenEnded(id)
        await api.offer(id, CONTEXT)
        await answered
        await api.hangup(id)
        await ended
      })
      const seconds = (now() - start) / 1000
      const driver = process.cpuUsage(driverBefore)
      const sandboxMicros = processCpuMicros(sandbox.pid) - sandboxBefore
      const cpuAfter = await cpu()
      return {
        callsPerSecond: total / seconds,
        cpuMicrosPerCall: (cpuAfter.micros - cpuBefore.micros) / total,
        allocatedPerCall: (cpuAfter.allocated - cpuBefore.allocated) / total,
        sandboxCpuMicrosPerCall: sandboxMicros / total,
        driverCpuMicrosPerCall: (driver.user + driver.system) / total
      }
    },
    stop
  }
}

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Every client up at once, each with its own sandbox: the heap figures one client at a time
 * (the others idle), then `rounds` calls/s phases in turn (client A, B, C, A, B, C…), each figure
 * the median of its client's rounds.
 */
export const interleavedCalls = async (
  kinds: ReadonlyArray<CallClientKind>,
  options: CallOptions & {
    readonly liveCounts: ReadonlyArray<number>
    readonly total: number
    readonly inFlight: number
    readonly rounds: number
  }
): Promise<Map<CallClientKind, CallFigures>> => {
  const benches: Array<CallBench> = []
  try {
    for (const kind of kinds) benches.push(await startCallBench(kind, options))
    const heaps = new Map<CallClientKind, Array<readonly [number, number]>>()
    for (const bench of benches) {
      const heapPerCall: Array<readonly [number, number]> = []
      for (const count of options.liveCounts) heapPerCall.push([count, await bench.heapPerLiveCall(count)])
      await bench.endLive()
      heaps.set(bench.kind, heapPerCall)
    }
    const rates = new Map<CallClientKind, Array<RateFigures>>(kinds.map((kind) => [kind, []]))
    for (let round = 0; round < options.rounds; round++) {
      for (const bench of benches) rates.get(bench.kind)!.push(await bench.rate(options.total, options.inFlight))
    }
    const figures = new Map<CallClientKind, CallFigures>()
    for (const bench of benches) {
      const runs = rates.get(bench.kind)!
      const of = (field: keyof RateFigures) => median(runs.map((run) => run[field]))
      figures.set(bench.kind, {
        kind: bench.kind,
        heapAtStart: bench.heapAtStart,
        heapPerCall: heaps.get(bench.kind)!,
        callsPerSecond: of("callsPerSecond"),
        cpuMicrosPerCall: of("cpuMicrosPerCall"),
        allocatedPerCall: of("allocatedPerCall"),
        sandboxCpuMicrosPerCall: of("sandboxCpuMicrosPerCall"),
        driverCpuMicrosPerCall: of("driverCpuMicrosPerCall")
      })
    }
    return figures
  } finally {
    await Promise.all(benches.map((bench) => bench.stop()))
  }
}
