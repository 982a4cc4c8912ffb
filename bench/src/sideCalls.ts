/**
 * Side by side, inbound calls: each client in its own process (`sideWorker.mjs`) with a fresh
 * standalone sandbox, the calls offered and hung up through the sandbox's admin API from this
 * process. Per client:
 *   - heap at start: connected, handler registered, after two forced GCs;
 *   - heap per live call: N calls answered by the handler and waiting for their end, (heap − heap
 *     at start) / N, for each N of `liveCounts` (then every call is hung up);
 *   - calls/s: `total` calls through offer → answered → far-end hang-up → ended, `inFlight` at a
 *     time; and the client process's CPU time over that phase, per call.
 */
import { fork } from "node:child_process"
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
}

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
  readonly liveCounts: ReadonlyArray<number>
  readonly total: number
  readonly inFlight: number
  readonly referenceDir: string | undefined
  /** Our packages from their TypeScript source (through tsx) instead of dist: for the smoke test, which runs unbuilt. */
  readonly fromSource?: boolean
}

export const inboundCalls = async (kind: CallClientKind, options: CallOptions): Promise<CallFigures> => {
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
  try {
    const heapAtStart = await started
    // Live calls: offered until `count` are answered and waiting for their end.
    const heapPerCall: Array<readonly [number, number]> = []
    let offered = 0
    for (const count of options.liveCounts) {
      await pool(offered, count, 50, async (i) => {
        const id = `live-${i}`
        const answered = watch.whenAnswered(id)
        await api.offer(id, CONTEXT)
        await answered
      })
      offered = Math.max(offered, count)
      heapPerCall.push([count, ((await heap()) - heapAtStart) / count])
    }
    await pool(0, offered, 50, async (i) => {
      const id = `live-${i}`
      const ended = watch.whenEnded(id)
      await api.hangup(id)
      await ended
    })
    // Throughput: receive → answer → far-end hang-up → ended.
    const cpuBefore = await cpu()
    const start = now()
    await pool(0, options.total, options.inFlight, async (i) => {
      const id = `rate-${i}`
      const answered = watch.whenAnswered(id)
      const ended = watch.whenEnded(id)
      await api.offer(id, CONTEXT)
      await answered
      await api.hangup(id)
      await ended
    })
    const seconds = (now() - start) / 1000
    const cpuAfter = await cpu()
    return {
      kind,
      heapAtStart,
      heapPerCall,
      callsPerSecond: options.total / seconds,
      cpuMicrosPerCall: (cpuAfter.micros - cpuBefore.micros) / options.total,
      allocatedPerCall: (cpuAfter.allocated - cpuBefore.allocated) / options.total
    }
  } finally {
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
}
