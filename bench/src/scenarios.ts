/**
 * The benchmark scenarios, each parameterised by size so that the smoke test can run them tiny.
 * Orchestration is plain async code (this is an entry point, not library code); the client under
 * test is driven through its Effect API.
 */
import { spawn } from "node:child_process"
import * as path from "node:path"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import { Device, RelayClient, RelayMetrics } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { Effect, Exit, Fiber, FiberSet, Logger, LogLevel, Mailbox, Metric, Schedule, Scope, Stream } from "effect"
import { type Baseline, connectBaseline } from "./baseline.js"
import { startBlaster, startSandbox } from "./servers.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const PROJECT = "sandbox-project"
const TOKEN = "sandbox-token"

type Client = RelayClient.RelayClient["Type"]

export interface Server {
  readonly url: string
  readonly host: string
  readonly stop: () => Promise<void>
}

let inline = false

/**
 * Runs the scenarios' servers in this process from now on instead of a child process each: the
 * smoke test's choice (a child process with the TypeScript loader takes seconds to start, ~3.5 s of
 * each ~5 s smoke scenario), never the benchmark's (figures need the server off the client's core).
 */
export const runServersInline = (): void => {
  inline = true
}

/** The scenarios' server: in a child process (spawnServerProcess) unless runServersInline was called. */
export const spawnServer = (mode: "sandbox" | "blaster"): Promise<Server> => inline ? startInline(mode) : spawnServerProcess(mode)

/** Starts `server.ts <mode>` in a child process and waits for its `READY <url>` line. */
export const spawnServerProcess = (mode: "sandbox" | "blaster"): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=@signalwire-effect/source", "--import", "tsx", path.join(here, "server.ts"), mode], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    const lines = readline.createInterface({ input: child.stdout })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)))
    lines.on("line", (line) => {
      const match = /^READY (ws:\/\/(.+))$/.exec(line)
      if (match === null) return
      resolve({
        url: match[1]!,
        host: match[2]!,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners("exit")
            child.once("exit", () => done())
            child.kill("SIGTERM")
          })
      })
    })
  })

const startInline = async (mode: "sandbox" | "blaster"): Promise<Server> => {
  const server = await (mode === "blaster" ? startBlaster() : startSandbox())
  return { url: server.url, host: server.url.slice("ws://".length), stop: server.stop }
}

const quiet = <A, E, R>(effect: Effect.Effect<A, E, R>) => Logger.withMinimumLogLevel(effect, LogLevel.None)

/** Builds a client for `host` in a Scope of its own; `close` is disconnect. */
export const openClient = async (host: string, options: RelayClient.RelayClientOptions = {}) => {
  const scope = Effect.runSync(Scope.make())
  const relay = await Effect.runPromise(
    quiet(
      RelayClient.make({ project: PROJECT, token: TOKEN, host, scheme: "ws", ...options }).pipe(
        Effect.provide(NodeWebSocket.layer),
        Scope.extend(scope)
      )
    )
  )
  return { relay, scope, close: () => Effect.runPromise(quiet(Scope.close(scope, Exit.void))) }
}

const now = () => performance.now()
const median = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const percentile = (values: ReadonlyArray<number>, p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!

/** Forces a full collection when node runs with --expose-gc (npm run bench does); else heap figures are rough. */
const gc = () => {
  const collect = (globalThis as { gc?: () => void }).gc
  collect?.()
  collect?.()
}
const heapUsed = () => {
  gc()
  return process.memoryUsage().heapUsed
}

// ---- 1, 2, 6: request round trips -----------------------------------------------------------

/** `inFlight` fibers, each sending its next request when the previous one is answered: the baseline's shape. */
const oursRate = (relay: Client, inFlight: number, total: number) =>
  Effect.runPromise(
    Effect.gen(function*() {
      let issued = 0
      const ping = relay.execute("signalwire.ping")
      const worker = Effect.whileLoop({
        while: () => issued < total,
        body: () => Effect.zipRight(Effect.sync(() => void (issued += 1)), ping),
        step: () => undefined
      })
      const start = now()
      yield* Effect.forEach(Array.from({ length: inFlight }), () => worker, { concurrency: "unbounded", discard: true })
      return total / ((now() - start) / 1000)
    })
  )

const baselineRate = async (clients: ReadonlyArray<Baseline>, inFlight: number, total: number) => {
  let issued = 0
  const start = now()
  const worker = async (client: Baseline) => {
    while (issued < total) {
      issued += 1
      await client.request("signalwire.ping")
    }
  }
  await Promise.all(
    Array.from({ length: inFlight * clients.length }, (_, i) => worker(clients[i % clients.length]!))
  )
  return total / ((now() - start) / 1000)
}

export interface ThroughputRow {
  readonly inFlight: number
  readonly ours: number
  readonly baseline: number
}

/** Figure 1: requests per second through `execute` and through the baseline, alternating rounds. */
export const throughput = async (levels: ReadonlyArray<number>, total: number, rounds: number) => {
  const server = await spawnServer("sandbox")
  const client = await openClient(server.host)
  const baseline = await connectBaseline(server.url, PROJECT, TOKEN)
  try {
    const rows: Array<ThroughputRow> = []
    for (const inFlight of levels) {
      const size = inFlight === 1 ? Math.ceil(total / 4) : total
      await oursRate(client.relay, inFlight, Math.ceil(size / 4))
      await baselineRate([baseline], inFlight, Math.ceil(size / 4))
      const ours: Array<number> = []
      const base: Array<number> = []
      for (let round = 0; round < rounds; round++) {
        ours.push(await oursRate(client.relay, inFlight, size))
        base.push(await baselineRate([baseline], inFlight, size))
      }
      rows.push({ inFlight, ours: median(ours), baseline: median(base) })
    }
    return rows
  } finally {
    await baseline.close()
    await client.close()
    await server.stop()
  }
}

export interface LatencyFigures {
  readonly oursMedian: number
  readonly oursP99: number
  readonly baselineMedian: number
  readonly baselineP99: number
}

/**
 * Figure 2: per-request latency at 1 in flight (µs). Ours is timed inside one Effect program (as a
 * user's program would run), the baseline inside one async function; blocks of 100 alternate so
 * both see the same machine.
 */
export const latency = async (samples: number) => {
  const server = await spawnServer("sandbox")
  const client = await openClient(server.host)
  const baseline = await connectBaseline(server.url, PROJECT, TOKEN)
  try {
    const ours: Array<number> = []
    const base: Array<number> = []
    const ping = client.relay.execute("signalwire.ping")
    const oursBlock = (into: Array<number> | undefined) =>
      Effect.runPromise(Effect.gen(function*() {
        for (let i = 0; i < 100; i++) {
          const start = now()
          yield* ping
          into?.push((now() - start) * 1000)
        }
      }))
    const baselineBlock = async (into: Array<number> | undefined) => {
      for (let i = 0; i < 100; i++) {
        const start = now()
        await baseline.request("signalwire.ping")
        into?.push((now() - start) * 1000)
      }
    }
    for (let warm = 0; warm < 3; warm++) {
      await oursBlock(undefined)
      await baselineBlock(undefined)
    }
    for (let block = 0; block < Math.ceil(samples / 100); block++) {
      await oursBlock(ours)
      await baselineBlock(base)
    }
    return {
      oursMedian: median(ours),
      oursP99: percentile(ours, 0.99),
      baselineMedian: median(base),
      baselineP99: percentile(base, 0.99)
    } satisfies LatencyFigures
  } finally {
    await baseline.close()
    await client.close()
    await server.stop()
  }
}

/** Figure 6: what the sandbox serves to baseline clients (4 sockets, 100 in flight each). */
export const sandboxCapacity = async (total: number, rounds: number) => {
  const server = await spawnServer("sandbox")
  const clients = await Promise.all(Array.from({ length: 4 }, () => connectBaseline(server.url, PROJECT, TOKEN)))
  try {
    await baselineRate(clients, 100, Math.ceil(total / 4))
    const rates: Array<number> = []
    for (let round = 0; round < rounds; round++) rates.push(await baselineRate(clients, 100, total))
    return median(rates)
  } finally {
    await Promise.all(clients.map((c) => c.close()))
    await server.stop()
  }
}

// ---- 3: live calls ------------------------------------------------------------------------------

/**
 * Waits until `count()` reaches `target`. A client whose dispatcher falls `inboundCapacity` frames
 * behind the blaster ends its session, and the blaster re-delivers nothing: rather than wait for
 * ever, fail once nothing arrived for 30 s.
 */
const delivered = async (count: () => number, target: number) => {
  let last = count()
  let since = now()
  while (count() < target) {
    await new Promise((r) => setImmediate(r))
    const current = count()
    if (current !== last) {
      last = current
      since = now()
    } else if (now() - since > 30_000) {
      throw new Error(`only ${current} of ${target} events delivered, none for 30 s (an inbound overflow ends the session; the blaster does not re-deliver)`)
    }
  }
}

export interface CallFigures {
  readonly calls: number
  readonly events: number
  readonly eventsPerSecond: number
  /** The client process's CPU time per event while they flowed to the streams. */
  readonly cpuMicrosPerEvent: number
  /** Heap per call of N answered dials held in one Scope: the client's own state per live call. */
  readonly heapPerCall: number
  /** Heap per call of N inbound calls, each with a handler fiber streaming its events. */
  readonly heapPerHandledCall: number
  /** The same events through one client-wide stream that routes each to its call's handler function by call id. */
  readonly eventsPerSecondOneStream: number
}

/**
 * Figure 3: N live calls. First N dials answered at once and held (the client's state per call);
 * then N inbound calls, each handled in its own fiber that streams the call's events, and E
 * events spread over them.
 */
export const liveCalls = async (calls: number, events: number) => {
  const server = await spawnServer("blaster")
  const client = await openClient(server.host, { contexts: ["bench"], maxActiveCalls: calls + 1, callEventBufferSize: 1_024 })
  try {
    const plan = Device.serial(Device.phone({ to: "+15550000002", from: "+15550000001" }))
    const dialScope = Effect.runSync(Scope.make())
    const beforeDials = heapUsed()
    await Effect.runPromise(
      Effect.forEach(Array.from({ length: calls }), () => client.relay.dial(plan, { release: "keep" }), {
        concurrency: 1_000,
        discard: true
      }).pipe(Scope.extend(dialScope))
    )
    const heapPerCall = (heapUsed() - beforeDials) / calls
    await Effect.runPromise(Scope.close(dialScope, Exit.void))

    let started = 0
    let received = 0
    await Effect.runPromise(
      client.relay.onCall((call) =>
        Effect.suspend(() => {
          started += 1
          return call.events.pipe(Stream.runForEach(() => Effect.sync(() => void (received += 1))))
        })
      ).pipe(Scope.extend(client.scope))
    )
    const before = heapUsed()
    await Effect.runPromise(client.relay.execute("bench.calls", { count: calls }))
    while (started < calls) await new Promise((r) => setTimeout(r, 5))
    await new Promise((r) => setTimeout(r, 50))
    const heapPerHandledCall = (heapUsed() - before) / calls
    const cpu = process.cpuUsage()
    const start = now()
    await Effect.runPromise(client.relay.execute("bench.events", { count: events, calls }))
    await delivered(() => received, events)
    const eventsPerSecond = events / ((now() - start) / 1000)
    const used = process.cpuUsage(cpu)
    const cpuMicrosPerEvent = (used.user + used.system) / events

    // The client's own ingestion: the first client closed (its streaming handlers hold ~45 KB per
    // call), another one with the same N calls held by handlers that do not subscribe, and one
    // client-wide stream taking every event.
    await client.close()
    const plain = await openClient(server.host, { contexts: ["bench"], maxActiveCalls: calls + 1 })
    // Each handler registers a per-call function; the one client-wide stream routes every call
    // event to its call's function by call id (no fiber woken per call).
    let held = 0
    let seen = 0
    const perCall = new Map<string, () => void>()
    await Effect.runPromise(
      plain.relay.onCall((call) =>
        Effect.suspend(() => {
          held += 1
          perCall.set(call.callId, () => {
            seen += 1
          })
          return Effect.never
        })
      ).pipe(Scope.extend(plain.scope))
    )
    await Effect.runPromise(plain.relay.execute("bench.calls", { count: calls }))
    while (held < calls) await new Promise((r) => setTimeout(r, 5))
    const counting = Effect.runFork(
      plain.relay.events.pipe(Stream.runForEach((event) =>
        Effect.sync(() => {
          if (event._tag === "CallPlay") perCall.get(event.params.call_id)?.()
        })
      ))
    )
    await new Promise((r) => setTimeout(r, 20))
    const again = now()
    await Effect.runPromise(plain.relay.execute("bench.events", { count: events, calls }))
    await delivered(() => seen, events)
    const eventsPerSecondOneStream = events / ((now() - again) / 1000)
    await Effect.runPromise(Fiber.interrupt(counting))
    await plain.close()
    return { calls, events, eventsPerSecond, cpuMicrosPerEvent, heapPerCall, heapPerHandledCall, eventsPerSecondOneStream } satisfies CallFigures
  } finally {
    await client.close()
    await server.stop()
  }
}

/** How each handler of figure 3 follows its call's events. */
export type EventConsumer = "mailbox" | "batches"

export interface ConsumerFigures {
  readonly eventsPerSecond: number
  /** The client process's CPU time (user + system) per event while they flowed: robust under load. */
  readonly cpuMicrosPerEvent: number
}

/**
 * Figure 3, other consumers: N inbound calls, each handler reading its call's events without a
 * `Stream`: `subscribeMailbox` + `takeAll` loop, or `subscribeBatches` + `takeAll` loop.
 */
export const liveCallConsumers = async (calls: number, events: number, consumer: EventConsumer) => {
  const server = await spawnServer("blaster")
  const client = await openClient(server.host, { contexts: ["bench"], maxActiveCalls: calls + 1, callEventBufferSize: 1_024 })
  try {
    let started = 0
    let received = 0
    await Effect.runPromise(
      client.relay.onCall((call) =>
        Effect.gen(function*() {
          started += 1
          const source = consumer === "mailbox" ? yield* call.subscribeMailbox : yield* call.subscribeBatches
          while (true) {
            const [batch, done] = yield* source.takeAll
            received += batch.length
            if (done) return
          }
        })
      ).pipe(Scope.extend(client.scope))
    )
    await Effect.runPromise(client.relay.execute("bench.calls", { count: calls }))
    while (started < calls) await new Promise((r) => setTimeout(r, 5))
    await new Promise((r) => setTimeout(r, 50))
    const cpu = process.cpuUsage()
    const start = now()
    await Effect.runPromise(client.relay.execute("bench.events", { count: events, calls }))
    await delivered(() => received, events)
    const seconds = (now() - start) / 1000
    const used = process.cpuUsage(cpu)
    return { eventsPerSecond: events / seconds, cpuMicrosPerEvent: (used.user + used.system) / events } satisfies ConsumerFigures
  } finally {
    await client.close()
    await server.stop()
  }
}

/**
 * The ceiling under figure 3: bare Effect, no socket, no decoding: N mailboxes each drained by its
 * own `Stream.runForEach` fiber, E offers spread over them round robin.
 */
export const streamCeiling = (consumers: number, events: number) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function*() {
        const fibers = yield* FiberSet.make()
        let received = 0
        const boxes: Array<Mailbox.Mailbox<number>> = []
        for (let i = 0; i < consumers; i++) {
          const box = yield* Mailbox.make<number>(1_024)
          boxes.push(box)
          yield* FiberSet.run(fibers, Mailbox.toStream(box).pipe(Stream.runForEach(() => Effect.sync(() => void (received += 1)))))
        }
        yield* Effect.sleep("50 millis")
        const start = now()
        let sent = 0
        while (sent < events) {
          for (let j = 0; j < 2_000 && sent < events; j++, sent++) boxes[sent % consumers]!.unsafeOffer(sent)
          yield* Effect.yieldNow()
        }
        while (received < events) yield* Effect.sleep("1 millis")
        return events / ((now() - start) / 1000)
      })
    )
  )

// ---- 4: closing with waiters ----------------------------------------------------------------------

export interface CloseFigures {
  readonly requests: number
  readonly dials: number
  /** Until the last waiting fiber had its error in hand. */
  readonly millis: number
  /** Until the first did: every waiter is settled at once, so this is when all were settled. */
  readonly firstMillis: number
  readonly waitersLeft: number
  readonly untyped: number
}

/** Figure 4: close the client with R requests and D dials waiting; time until every waiter has its error. */
export const closeWithWaiters = async (requests: number, dials: number) => {
  const server = await spawnServer("blaster")
  const client = await openClient(server.host)
  try {
    await Effect.runPromise(client.relay.execute("bench.silence"))
    const plan = Device.serial(Device.phone({ to: "+15550000002", from: "+15550000001" }))
    let firstError = 0
    let lastError = 0
    const errorTag = <A, E extends { readonly _tag: string }>(effect: Effect.Effect<A, E>) =>
      Effect.match(effect, {
        onSuccess: () => "ok",
        onFailure: (error) => {
          lastError = now()
          if (firstError === 0) firstError = lastError
          return error._tag
        }
      })
    const fibers = [
      ...Array.from({ length: requests }, () => Effect.runFork(errorTag(client.relay.execute("signalwire.ping")))),
      ...Array.from({ length: dials }, () => Effect.runFork(errorTag(Effect.scoped(client.relay.dial(plan)))))
    ]
    while ((await Effect.runPromise(Metric.value(RelayMetrics.requestsInFlight))).value < requests + dials) {
      await new Promise((r) => setTimeout(r, 5))
    }
    const start = now()
    const closing = client.close()
    const exits = await Effect.runPromise(Fiber.awaitAll(fibers))
    // Until the last waiter had its error in hand (not until the bookkeeping of awaitAll is done).
    const millis = lastError - start
    const firstMillis = firstError - start
    await closing
    const waitersLeft = (await Promise.all(fibers.map((f) => Effect.runPromise(f.poll)))).filter((p) => p._tag === "None").length
    const untyped = exits.filter((exit) => !(Exit.isSuccess(exit) && exit.value === "ClientClosed")).length
    return { requests, dials, millis, firstMillis, waitersLeft, untyped } satisfies CloseFigures
  } finally {
    await client.close()
    await server.stop()
  }
}

// ---- 5: reconnects with events flowing --------------------------------------------------------------

export interface ReconnectFigures {
  readonly reconnects: number
  readonly sent: number
  readonly lost: number
  readonly duplicated: number
  readonly heapGrowth: number
}

/** Figure 5: R forced reconnects while the sandbox pushes events; then count what arrived. */
export const reconnects = (count: number, eventsPerRound: number) =>
  Effect.runPromise(
    quiet(
      Effect.scoped(
        Effect.gen(function*() {
          const sandbox = yield* RelaySandbox.make({ journalCapacity: 0 })
          const relay = yield* RelayClient.make({
            ...sandbox.clientOptions,
            reconnectSchedule: Schedule.spaced("1 millis")
          }).pipe(Effect.provide(NodeWebSocket.layer))
          // Preallocated, so that the harness's own bookkeeping does not grow the heap it measures.
          const seen = new Uint8Array(Math.ceil(count * 1.1 + 1) * eventsPerRound * 2)
          let distinct = 0
          const events = yield* relay.subscribe
          yield* events.pipe(
            Stream.runForEach((event) =>
              Effect.sync(() => {
                const seq = event.params.seq
                if (typeof seq === "number" && seq < seen.length) {
                  if (seen[seq] === 0) distinct += 1
                  seen[seq] = Math.min(255, seen[seq]! + 1)
                }
              })
            ),
            Effect.forkScoped
          )
          let sent = 0
          const heap: Array<number> = []
          // A warm-up of count / 10 reconnects first: until the JIT has compiled the paths and the
          // bounded structures (the dedupe window) are full, the heap grows for reasons that are
          // not leaks. Heap snapshots after it show only compiled code still growing.
          const warmup = Math.ceil(count / 10)
          for (let round = 1; round <= warmup + count; round++) {
            for (let i = 0; i < eventsPerRound; i++) yield* sandbox.sendEvent("bench.tick", { seq: sent++ })
            const session = round + 1
            yield* sandbox.faults.drop()
            // Events sent while the client is away wait for it in the sandbox, as on the platform.
            for (let i = 0; i < eventsPerRound; i++) yield* sandbox.sendEvent("bench.tick", { seq: sent++ })
            yield* relay.state.pipe(
              Stream.filter((s) => s._tag === "Connected" && s.session === session),
              Stream.runHead
            )
            if (round === warmup + Math.ceil(count / 10) || round === warmup + count) heap.push(heapUsed())
          }
          while (true) {
            const [session] = yield* sandbox.sessions
            if (session !== undefined && session.unacked === 0 && distinct >= sent) break
            yield* Effect.sleep("10 millis")
          }
          yield* Effect.sleep("50 millis")
          let duplicated = 0
          for (const times of seen) if (times > 1) duplicated += times - 1
          const lost = sent - distinct
          const heapGrowth = heap.length === 2 ? (heap[1]! - heap[0]!) / heap[0]! : 0
          return { reconnects: count, sent, lost, duplicated, heapGrowth } satisfies ReconnectFigures
        })
      )
    )
  )
