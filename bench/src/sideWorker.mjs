/**
 * One client in a process of its own for the side-by-side inbound-call figures (`sideCalls.ts`
 * forks it with an IPC channel): `node --expose-gc sideWorker.mjs <signalwire|effect|facade> <host> [reference dir]`.
 *
 * Plain JavaScript on bare node, loading each client as its users run it: SignalWire's from the
 * built `@signalwire/sdk` (`<dir>/dist/index.js`), ours from the packages' `dist` (built by the
 * bench first) through their public entry points (the facade through its RELAY-only entry,
 * `@signalwire-effect/sdk/relay`). So the heap figures are the client's own, with
 * no TypeScript loader in the process.
 *
 * It connects, registers a handler that answers each call and waits for its end, reports `ready`
 * with its heap, then reports the ids of answered and ended calls (batched per tick, so the
 * reporting costs every client the same, and little), and answers `heap` (after two forced GCs)
 * and `cpu` (`process.cpuUsage`) requests (and `snap`: a heap snapshot, for profiling by hand).
 */
import * as fs from "node:fs"
import * as inspector from "node:inspector"
import * as os from "node:os"
import * as path from "node:path"
import * as v8 from "node:v8"
import { pathToFileURL } from "node:url"

const CONTEXT = "bench"
const MAX_CALLS = 10_000
const options = (host) => ({ project: "sandbox-project", token: "sandbox-token", host, scheme: "ws", contexts: [CONTEXT], maxActiveCalls: MAX_CALLS })

const send = (message) => process.send?.(message)

const heapUsed = () => {
  globalThis.gc?.()
  globalThis.gc?.()
  return process.memoryUsage().heapUsed
}

let answered = []
let ended = []
let flushing = false
const flush = () => {
  flushing = false
  send({ type: "calls", answered, ended })
  answered = []
  ended = []
}
const report = (into, callId) => {
  ;(into === "answered" ? answered : ended).push(callId)
  if (!flushing) {
    flushing = true
    setImmediate(flush)
  }
}

/** Our Effect client: a handler fiber per call (answer, then wait for the end). */
const serveEffect = async (host) => {
  const { Effect, Exit, Logger, LogLevel, Scope } = await import("effect")
  const { RelayClient } = await import("@signalwire-effect/relay")
  const { NodeWebSocket } = await import("@signalwire-effect/relay-node")
  const quiet = (effect) => Logger.withMinimumLogLevel(effect, LogLevel.Error)
  const scope = Effect.runSync(Scope.make())
  const relay = await Effect.runPromise(
    quiet(RelayClient.make(options(host)).pipe(Effect.provide(NodeWebSocket.layer), Scope.extend(scope)))
  )
  await Effect.runPromise(
    relay.onCall((call) =>
      Effect.gen(function*() {
        yield* call.answer()
        report("answered", call.callId)
        yield* call.ended
        report("ended", call.callId)
      })
    ).pipe(Scope.extend(scope))
  )
  return () => Effect.runPromise(Scope.close(scope, Exit.void))
}

/** SignalWire's client or our facade: the same code, they have the same API. */
const servePromise = async (RelayClient, host) => {
  const client = new RelayClient(options(host))
  client.onCall(async (call) => {
    await call.answer()
    report("answered", call.callId)
    await call.waitForEnded()
    report("ended", call.callId)
  })
  await client.connect()
  return () => client.disconnect()
}

/**
 * Bytes allocated on the JS heap since the worker was ready: what the heap grew by, plus what
 * every GC since then freed (a `v8.GCProfiler` records each GC's heap before and after).
 */
let gcProfiler
let usedAtStart = 0
let freedBefore = 0
const startAllocationCount = () => {
  usedAtStart = v8.getHeapStatistics().used_heap_size
  gcProfiler = new v8.GCProfiler()
  gcProfiler.start()
}
const allocatedBytes = () => {
  const used = v8.getHeapStatistics().used_heap_size
  const data = gcProfiler.stop()
  for (const gc of data?.statistics ?? []) freedBefore += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize
  gcProfiler = new v8.GCProfiler()
  gcProfiler.start()
  return used - usedAtStart + freedBefore
}

/**
 * For profiling by hand: BENCH_WORKER_HEAP_PROF=<dir> samples every allocation (kept or collected)
 * between the two `cpu` requests (the calls/s phase) and writes a `.heapprofile` there.
 */
let heapSession
let cpuSession
const allocationSampling = () => {
  phaseCpuProfile()
  const dir = process.env.BENCH_WORKER_HEAP_PROF
  if (dir === undefined) return
  if (heapSession === undefined) {
    heapSession = new inspector.Session()
    heapSession.connect()
    heapSession.post("HeapProfiler.startSampling", {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true
    })
    return
  }
  heapSession.post("HeapProfiler.stopSampling", (error, result) => {
    if (error === null) fs.writeFileSync(path.join(dir, `side-${process.pid}.heapprofile`), JSON.stringify(result.profile))
  })
}

/**
 * For profiling by hand: BENCH_WORKER_PHASE_CPU_PROF=<dir> writes a `.cpuprofile` of the calls/s
 * phase only (between the two `cpu` requests; BENCH_WORKER_CPU_PROF profiles the whole process).
 */
const phaseCpuProfile = () => {
  const dir = process.env.BENCH_WORKER_PHASE_CPU_PROF
  if (dir === undefined) return
  if (cpuSession === undefined) {
    cpuSession = new inspector.Session()
    cpuSession.connect()
    cpuSession.post("Profiler.enable")
    cpuSession.post("Profiler.setSamplingInterval", { interval: 200 })
    cpuSession.post("Profiler.start")
    return
  }
  cpuSession.post("Profiler.stop", (error, result) => {
    if (error === null) fs.writeFileSync(path.join(dir, `side-${process.pid}.cpuprofile`), JSON.stringify(result.profile))
  })
}

const main = async () => {
  const [kind, host, referenceDir] = process.argv.slice(2)
  if (host === undefined) throw new Error("usage: sideWorker.mjs <signalwire|effect|facade> <host> [reference dir]")
  let stop
  if (kind === "effect") stop = await serveEffect(host)
  else if (kind === "facade") stop = await servePromise((await import("@signalwire-effect/sdk/relay")).RelayClient, host)
  else if (kind === "signalwire") {
    if (referenceDir === undefined) throw new Error("the reference needs its folder")
    const module = await import(pathToFileURL(path.resolve(referenceDir, "dist", "index.js")).href)
    stop = await servePromise(module.RelayClient, host)
  } else throw new Error(`unknown client ${kind}`)
  process.on("message", (request) => {
    if (request.type === "heap") send({ type: "heap", heap: heapUsed() })
    else if (request.type === "snap") {
      // For profiling by hand (not used by the bench): a heap snapshot after GC, in the temp folder.
      heapUsed()
      send({ type: "snap", file: v8.writeHeapSnapshot(path.join(os.tmpdir(), `side-${kind}-${process.pid}-${Date.now()}.heapsnapshot`)) })
    }
    else if (request.type === "cpu") {
      allocationSampling()
      const usage = process.cpuUsage()
      send({ type: "cpu", micros: usage.user + usage.system, allocated: allocatedBytes() })
    } else stop().then(() => process.exit(0), () => process.exit(1))
  })
  const heap = heapUsed()
  startAllocationCount()
  send({ type: "ready", heap })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
