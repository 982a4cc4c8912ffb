/**
 * SWML execution in the sandbox: one run (a fiber of the sandbox) per call running SWML, driving
 * the call through the call engine as the platform does, with the call's variables and its
 * transcript. The call engine's events reach the run through `onEvent`; the end of the call
 * (whoever ends it) writes `CallEnded` and stops the run.
 *
 * `runSwmlOnCall(callId, source, options)` is the entry point for every source of SWML: an
 * inbound call to a number bound to SWML, a RELAY `calling.transfer`, a REST `calling` dial with
 * `url` / `swml`, and the Effect API.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as PubSub from "effect/PubSub"
import type * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import type * as HttpClient from "@effect/platform/HttpClient"
import type { Calls, SimCall } from "../../SimCalls.js"
import type { SimMessage } from "../../SimMessages.js"
import type { CallEntry, RunOptions, Source, SwmlApi } from "../../SwmlSandbox.js"
import * as Transcript from "../../Transcript.js"
import type { Driver } from "../calls/engine.js"
import { type Call, type JsonObject, NODE_ID } from "../calls/model.js"
import { resolveOrDie } from "../calls/script.js"
import { CallIdInUseError, SandboxError } from "../errors.js"
import * as Sim from "../sim.js"
import type { SimSession } from "../sim.js"
import type { CallInfo, CallOps, Interrupted, RunContext, Sms } from "./context.js"
import * as Executor from "./executor.js"
import type { JsonRecord } from "./vars.js"

const MAX_CALLS = 10_000
const MAX_ENTRIES_PER_CALL = 100_000

/** The PubSub `follow` reads: a reader that falls 4 096 entries behind loses the oldest. */
export const makeFollow = PubSub.sliding<CallEntry>(4_096)

export interface Env<S extends SimSession> {
  readonly driver: Driver<S>
  readonly runFork: (effect: Effect.Effect<void>) => Fiber.RuntimeFiber<void>
  readonly now: () => number
  readonly project: string
  readonly spaceId: string
  readonly signingKey: Redacted.Redacted<string>
  readonly client: HttpClient.HttpClient
  readonly sendSms: (sms: Sms) => Either.Either<SimMessage, string>
  /** Where every transcript entry is published for `follow` (a sliding PubSub). */
  readonly follow: PubSub.PubSub<CallEntry>
}

interface Waiter {
  readonly eventType: string
  readonly controlId: string | undefined
  readonly done: (params: JsonObject) => boolean
  readonly deferred: Deferred.Deferred<Either.Either<JsonObject, Interrupted>>
}

interface Run {
  fiber: Fiber.RuntimeFiber<void> | undefined
  endingBy: Transcript.CallEnded["by"] | undefined
}

/** Options of an inbound call that runs SWML (`calls.inbound` with `swml`, or a bound number). */
export type InboundOptions = Parameters<Calls["inbound"]>[0] & { readonly swml: Source }

export type SwmlEngine<S extends SimSession> = ReturnType<typeof make<S>>

export const make = <S extends SimSession>(env: Env<S>) => {
  const { core } = env.driver
  const transcripts = new Map<string, Array<Transcript.Entry>>()
  const vars = new Map<string, JsonRecord>()
  const runs = new Map<string, Run>()
  const waiters = new Map<string, Set<Waiter>>()
  const follow = env.follow

  const push = (callId: string, entry: Transcript.Entry) => {
    let list = transcripts.get(callId)
    if (list === undefined) {
      list = []
      transcripts.set(callId, list)
      // The oldest transcripts are forgotten beyond MAX_CALLS (a Map iterates in insertion order).
      if (transcripts.size > MAX_CALLS) transcripts.delete(transcripts.keys().next().value!)
    }
    if (list.length < MAX_ENTRIES_PER_CALL) list.push(entry)
    follow.unsafeOffer({ callId, entry })
  }

  core.onEvent((call, eventType, params) => {
    const set = waiters.get(call.callId)
    if (set === undefined) return
    for (const waiter of set) {
      if (waiter.eventType !== eventType) continue
      if (waiter.controlId !== undefined && params.control_id !== waiter.controlId) continue
      if (!waiter.done(params)) continue
      set.delete(waiter)
      Deferred.unsafeDone(waiter.deferred, Effect.succeed(Either.right(params)))
    }
  })

  /** The `watch`es of each call, by call id. */
  const watches = new Map<string, Set<{ readonly eventType: string; readonly onEvent: (params: JsonObject) => void }>>()
  core.onEvent((call, eventType, params) => {
    for (const w of watches.get(call.callId) ?? []) if (w.eventType === eventType) w.onEvent(params)
  })

  core.onEnded((call) => {
    const set = waiters.get(call.callId)
    waiters.delete(call.callId)
    for (const waiter of set ?? []) Deferred.unsafeDone(waiter.deferred, Effect.succeed(Either.left({ _tag: "Ended" } as const)))
    const run = runs.get(call.callId)
    if (run === undefined) return
    runs.delete(call.callId)
    push(call.callId, Transcript.CallEnded.make({ at: env.now(), reason: call.endReason ?? "hangup", by: run.endingBy ?? "far_end" }))
    run.fiber?.unsafeInterruptAsFork(FiberId.none)
  })

  const info = (call: Call<S>): CallInfo => ({
    call_id: call.callId,
    node_id: NODE_ID,
    segment_id: call.segmentId,
    call_session_id: call.segmentId,
    tag: call.tag,
    state: call.state,
    call_state: call.state,
    direction: call.direction,
    type: typeof call.device.type === "string" ? call.device.type : "phone",
    from: call.from,
    to: call.to,
    headers: [],
    project_id: env.project,
    space_id: env.spaceId
  })

  const opsFor = (call: Call<S>, run: Run): CallOps => ({
    state: () => call.state,
    answer: Effect.sync(() => {
      if (call.state === "created" || call.state === "ringing") env.driver.command(call, "calling.answer", {})
    }),
    run: (method, params, eventType, done, byControl = true) =>
      Effect.suspend(() => {
        if (call.state === "ending" || call.state === "ended") return Effect.succeed(Either.left({ _tag: "Ended" } as const))
        const controlId = byControl ? Sim.uuid() : undefined
        const waiter: Waiter = { eventType, controlId, done, deferred: Deferred.unsafeMake(FiberId.none) }
        const set = waiters.get(call.callId) ?? new Set()
        waiters.set(call.callId, set)
        set.add(waiter)
        const response = env.driver.command(call, method, controlId === undefined ? params : { ...params, control_id: controlId })
        const refused = response === undefined
          ? `${method} is not simulated`
          : response._tag === "Error"
          ? response.error.message
          : response.result.code !== "200"
          ? `${String(response.result.code)} ${String(response.result.message)}`
          : undefined
        if (refused !== undefined) {
          set.delete(waiter)
          return Effect.succeed(Either.left({ _tag: "Refused", detail: refused } as const))
        }
        return Deferred.await(waiter.deferred).pipe(Effect.ensuring(Effect.sync(() => set.delete(waiter))))
      }),
    command: (method, params) =>
      Effect.sync(() => {
        if (call.state === "ending" || call.state === "ended") return Either.left({ _tag: "Ended" } as const)
        const response = env.driver.command(call, method, params)
        if (response === undefined) return Either.left({ _tag: "Refused", detail: `${method} is not simulated` } as const)
        if (response._tag === "Error") return Either.left({ _tag: "Refused", detail: response.error.message } as const)
        const result = response.result
        return result.code !== "200"
          ? Either.left({ _tag: "Refused", detail: `${String(result.code)} ${String(result.message)}` } as const)
          : Either.right(result)
      }),
    listen: (eventType, done) =>
      Effect.sync(() => {
        if (call.state === "ending" || call.state === "ended") return Effect.succeed(Either.left({ _tag: "Ended" } as const))
        const waiter: Waiter = { eventType, controlId: undefined, done, deferred: Deferred.unsafeMake(FiberId.none) }
        const set = waiters.get(call.callId) ?? new Set()
        waiters.set(call.callId, set)
        set.add(waiter)
        return Deferred.await(waiter.deferred).pipe(Effect.ensuring(Effect.sync(() => set.delete(waiter))))
      }),
    watch: (eventType, onEvent) =>
      Effect.acquireRelease(
        Effect.sync(() => {
          const w = { eventType, onEvent }
          const set = watches.get(call.callId) ?? new Set()
          watches.set(call.callId, set)
          set.add(w)
          return { w, set }
        }),
        ({ set, w }) =>
          Effect.sync(() => {
            set.delete(w)
            if (set.size === 0 && watches.get(call.callId) === set) watches.delete(call.callId)
          })
      ),
    conference: () => call.conference === undefined ? undefined : { id: call.conference.id, name: call.conference.name, started: call.conference.started },
    end: (reason, by) =>
      Effect.sync(() => {
        if (call.state === "ending" || call.state === "ended") return
        run.endingBy = by
        env.driver.command(call, "calling.end", { reason })
      }),
    sendSms: (sms) => Effect.sync(() => env.sendSms(sms))
  })

  const contextFor = (call: Call<S>, run: Run): RunContext => {
    const append = (entry: Transcript.Entry) => Effect.sync(() => push(call.callId, entry))
    const current = () => vars.get(call.callId) ?? {}
    return {
      callId: call.callId,
      project: env.project,
      info: () => info(call),
      vars: {
        get: Effect.sync(() => ({ ...current() })),
        set: (values) =>
          Effect.sync(() => {
            vars.set(call.callId, { ...current(), ...values })
            push(call.callId, Transcript.VarsChanged.make({ at: env.now(), set: values, unset: [] }))
          }),
        unset: (names) =>
          Effect.sync(() => {
            const next = { ...current() }
            for (const name of names) delete next[name]
            vars.set(call.callId, next)
            push(call.callId, Transcript.VarsChanged.make({ at: env.now(), set: {}, unset: names }))
          })
      },
      append,
      now: env.now,
      http: { client: env.client, signingKey: env.signingKey, now: env.now, append },
      ops: opsFor(call, run),
      background: (effect) => void env.runFork(effect)
    }
  }

  /**
   * Starts a program (a SWML or cXML run) on a live call; a run already on it stops first (its
   * transcript goes on).
   */
  const startProgram = (call: Call<S>, program: (ctx: RunContext) => Effect.Effect<void>) => {
    const previous = runs.get(call.callId)
    previous?.fiber?.unsafeInterruptAsFork(FiberId.none)
    const run: Run = { fiber: undefined, endingBy: undefined }
    runs.set(call.callId, run)
    if (!transcripts.has(call.callId)) transcripts.set(call.callId, [])
    run.fiber = env.runFork(
      program(contextFor(call, run)).pipe(
        Effect.catchAllCause((cause) => Effect.logError("SWML sandbox: a run failed", cause))
      )
    )
  }

  /**
   * A context on a live call for a program that runs in another run's fiber (the document of a
   * cXML `<Dial><Queue url>`, on the caller it takes): the call's transcript, variables and
   * operations, its own run left in place (a call without one gets a detached one).
   */
  const borrow = (call: Call<S>): RunContext => {
    if (!transcripts.has(call.callId)) transcripts.set(call.callId, [])
    return contextFor(call, runs.get(call.callId) ?? { fiber: undefined, endingBy: undefined })
  }

  /** Starts a document on a live call. */
  const start = (
    call: Call<S>,
    source: Source,
    via: Transcript.DocumentStarted["via"],
    options: RunOptions & { readonly entry?: Executor.Entry | undefined } = {}
  ) => startProgram(call, (ctx) => Executor.make(ctx, { signingKey: env.signingKey, ai: options.ai }).run(source, via, options.entry))

  /** Runs SWML on a call in progress: the hook of every source of SWML. */
  const runSwmlOnCall = (
    callId: string,
    source: Source,
    options: RunOptions & { readonly via?: Transcript.DocumentStarted["via"]; readonly entry?: Executor.Entry | undefined } = {}
  ) =>
    Effect.suspend(() => {
      const call = core.calls.get(callId)
      if (call === undefined || call.state === "ending" || call.state === "ended") {
        return Effect.fail(new SandboxError({ reason: `no call ${callId} in progress` }))
      }
      start(call, source, options.via ?? "api", options)
      return Effect.void
    })

  // A RELAY calling.transfer to a URL or to inline SWML runs it on the call.
  core.setTransferHandler((call, dest) => {
    const text = dest.trim()
    if (!/^https?:\/\//i.test(text) && !text.startsWith("{")) return false
    start(call, text, "relay")
    return true
  })

  /** An inbound call that runs SWML; sessions receiving `context` watch it. */
  const inbound = (options: InboundOptions & RunOptions, via: Transcript.DocumentStarted["via"]): Effect.Effect<SimCall, SandboxError | CallIdInUseError> =>
    Effect.gen(function*() {
      const far = options.script === undefined ? core.scriptFor(options.from) : yield* resolveOrDie(options.script)
      let watcher: S | undefined
      if (options.context !== undefined) {
        watcher = core.receivers(options.context)[0]
        if (watcher === undefined) {
          return yield* new SandboxError({ reason: `no connected session receives context "${options.context}"` })
        }
      }
      const call = yield* env.driver.inboundUnoffered(options, far, watcher)
      start(call, options.swml, via, options)
      return core.snapshot(call)
    })

  const api: SwmlApi = {
    signingKey: env.signingKey,
    run: (callId, source, options) => runSwmlOnCall(callId, source, options),
    transcript: (callId) => Effect.sync(() => [...(transcripts.get(callId) ?? [])]),
    waitForEnd: (callId) =>
      Effect.zipRight(
        core.waitFor((call) => call.callId === callId && call.state === "ended"),
        Effect.sync(() => [...(transcripts.get(callId) ?? [])])
      ),
    follow: Effect.map(PubSub.subscribe(follow), (queue) => Stream.fromQueue(queue))
  }

  return { api, runSwmlOnCall, inbound, startProgram, push, borrow }
}
