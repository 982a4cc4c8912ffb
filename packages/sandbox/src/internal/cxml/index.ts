/**
 * cXML execution in the sandbox: a run per call (through the SWML engine's runs, so one call has
 * one transcript and one run at a time, whatever the language), driving the call through the call
 * engine as the platform does. Entry points: a compat call placed with `Url` / `ApplicationSid`
 * (once answered), a compat update or dequeue re-pointing a call, and an inbound call to a number
 * bound to a cXML webhook, application or script. A compat `StatusCallback` on a call is posted
 * here too, as the call's state changes.
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Redacted from "effect/Redacted"
import type { Calls, SimCall } from "../../SimCalls.js"
import type * as Transcript from "../../Transcript.js"
import type { Driver } from "../calls/engine.js"
import type { Call, StatusCallback } from "../calls/model.js"
import type { RestCalling } from "../calls/rest.js"
import { resolveOrDie } from "../calls/script.js"
import { CallIdInUseError, SandboxError } from "../errors.js"
import type { FaxDesk, TranscribeRecording } from "../rest/server.js"
import type { SimSession } from "../sim.js"
import type { RunContext } from "../swml/context.js"
import * as Http from "../swml/http.js"
import type { CxmlContext, CxmlSource, LegOutcome } from "./context.js"
import * as Executor from "./executor.js"
import { API_VERSION } from "./request.js"

export type { CxmlSource } from "./context.js"

const MAX_KEPT = 10_000

export interface Env<S extends SimSession> {
  readonly driver: Driver<S>
  readonly runFork: (effect: Effect.Effect<void>) => Fiber.RuntimeFiber<void>
  readonly now: () => number
  readonly project: string
  readonly client: HttpClient.HttpClient
  readonly signingKey: Redacted.Redacted<string>
  /** The call engine's own API (an inbound call offered to a RELAY context). */
  readonly calls: Calls
  /** The same calls over REST (whether a call was placed over REST, when it was answered). */
  readonly rest: RestCalling
  /** The RELAY context a number of the project is bound to. */
  readonly contextOf: (number: string) => string | undefined
  /** The compat sid of a queue, by name. */
  readonly queueSidOf: (name: string) => string | undefined
  /** Whether the compat queue of this name is full (its `MaxSize` reached). */
  readonly queueFull: (name: string) => boolean
  /** Inbound compat faxes (`<Receive>`). */
  readonly faxes: FaxDesk
  /** Compat transcriptions of recordings (`<Record transcribe>`). */
  readonly transcribeRecording: TranscribeRecording
  /** The SWML engine's runs and transcripts. */
  readonly runs: {
    readonly startProgram: (call: Call<S>, program: (ctx: RunContext) => Effect.Effect<void>) => void
    readonly push: (callId: string, entry: Transcript.Entry) => void
    /** A context on a call for a program run from another call's run (its own run left in place). */
    readonly borrow: (call: Call<S>) => RunContext
  }
}

const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace(/GMT$/, "+0000")

const ENDED_STATUS: Readonly<Record<string, string>> = { cancel: "canceled", busy: "busy", decline: "busy", noAnswer: "no-answer", error: "failed" }

export type CxmlEngine<S extends SimSession> = ReturnType<typeof make<S>>

export const make = <S extends SimSession>(env: Env<S>) => {
  const { core } = env.driver
  /** Connecting call id → the end reason of the last leg it dialled. */
  const lastLeg = new Map<string, string>()

  core.onEnded((call) => {
    const origin = call.leg?.origin
    if (origin !== undefined) {
      lastLeg.set(origin.callId, call.endReason ?? "hangup")
      if (lastLeg.size > MAX_KEPT) lastLeg.delete(lastLeg.keys().next().value!)
    }
  })

  /** The `StatusCallback` of inbound calls to numbers bound to cXML (a REST call keeps its own on `Call.swml`). */
  const inboundCallbacks = new Map<string, StatusCallback>()

  const direction = (call: Call<S>) =>
    call.direction === "inbound" ? "inbound" : env.rest.get(call.callId)?.viaRest === true ? "outbound-api" : "outbound-dial"

  const waitAnswered = (callId: string, timeout: Duration.Duration): Effect.Effect<LegOutcome> =>
    env.calls.waitForState(callId, "answered").pipe(
      Effect.map((c): LegOutcome => (c.state === "answered" ? "answered" : "ended")),
      Effect.timeoutTo({ duration: timeout, onTimeout: (): LegOutcome => "timeout", onSuccess: (o) => o })
    )

  const relayLeg = (from: string, to: string): Effect.Effect<string | undefined> => {
    const context = env.contextOf(to)
    if (context === undefined || core.receivers(context).length === 0) return Effect.succeed(undefined)
    return env.calls.inbound({ from, to, context }).pipe(
      Effect.map((c: SimCall): string | undefined => c.callId),
      Effect.orElseSucceed(() => undefined)
    )
  }

  const contextFor = (call: Call<S>, ctx: RunContext, faxSid: string | undefined): CxmlContext => ({
    ...ctx,
    faxSid: () => faxSid,
    accountSid: env.project,
    direction: () => direction(call),
    command: (method, params) => {
      const response = env.driver.command(call, method, params)
      return response !== undefined && response._tag !== "Error" && response.result.code === "200"
    },
    lastLegReason: () => lastLeg.get(call.callId),
    relayLeg,
    waitAnswered,
    endReasonOf: (callId) => {
      const other = core.calls.get(callId)
      return other?.state === "ended" ? other.endReason ?? "hangup" : undefined
    },
    hangup: (callId, reason) =>
      Effect.sync(() => {
        const other = core.calls.get(callId)
        if (other !== undefined) core.endCall(other, reason)
      }),
    queueSidOf: env.queueSidOf,
    queueFull: env.queueFull,
    faxes: env.faxes,
    transcribeRecording: env.transcribeRecording,
    scriptedTranscription: () => call.far.transcription?.text,
    takeHeld: (name) => {
      const taken = env.driver.takeHeld(call, name)
      return taken === undefined ? undefined : { callId: taken.call.callId, waited: taken.waited }
    },
    releaseHeld: (callId) => {
      const other = core.calls.get(callId)
      if (other !== undefined) env.driver.releaseHeld(other)
    },
    onCall: (callId) => {
      const other = core.calls.get(callId)
      if (other === undefined || other.state === "ending" || other.state === "ended") return undefined
      return contextFor(other, env.runs.borrow(other), undefined)
    }
  })

  const start = (call: Call<S>, source: CxmlSource, via: Transcript.DocumentStarted["via"], faxSid?: string) =>
    env.runs.startProgram(call, (ctx) =>
      Executor.make(contextFor(call, ctx, faxSid)).run(source, via).pipe(
        // A fax (a call to a number in fax mode) the document did not receive has failed.
        Effect.ensuring(Effect.sync(() => faxSid !== undefined && env.faxes.received(faxSid, { error: "the fax was not received" })))
      ))

  /** Runs cXML on a call in progress. */
  const runCxmlOnCall = (callId: string, source: CxmlSource, via: Transcript.DocumentStarted["via"]) =>
    Effect.suspend(() => {
      const call = core.calls.get(callId)
      if (call === undefined || call.state === "ending" || call.state === "ended") {
        return Effect.fail(new SandboxError({ reason: `no call ${callId} in progress` }))
      }
      start(call, source, via)
      return Effect.void
    })

  /** An inbound call that runs cXML (its number is bound to it); sessions receiving `context` watch it. */
  const inbound = (
    options: Parameters<Calls["inbound"]>[0],
    source: CxmlSource,
    via: Transcript.DocumentStarted["via"],
    statusCallback?: StatusCallback | undefined,
    fax = false
  ): Effect.Effect<SimCall, SandboxError | CallIdInUseError> =>
    Effect.gen(function*() {
      const far = options.script === undefined ? core.scriptFor(options.from) : yield* resolveOrDie(options.script)
      let watcher: S | undefined
      if (options.context !== undefined) {
        watcher = core.receivers(options.context)[0]
        if (watcher === undefined) return yield* new SandboxError({ reason: `no connected session receives context "${options.context}"` })
      }
      const call = yield* env.driver.inboundUnoffered(options, far, watcher)
      if (statusCallback !== undefined) {
        inboundCallbacks.set(call.callId, statusCallback)
        if (inboundCallbacks.size > MAX_KEPT) inboundCallbacks.delete(inboundCallbacks.keys().next().value!)
      }
      // A number in fax mode: the call is a fax from the start (its document gets the fax parameters).
      const faxSid = fax
        ? env.faxes.receiving({ callId: call.callId, from: call.from, to: call.to, mediaType: "application/pdf", pageSize: "letter" })
        : undefined
      start(call, source, via, faxSid)
      return core.snapshot(call)
    })

  // ---- status callbacks ---------------------------------------------------------------------------

  /** Per call: the next `SequenceNumber` and the requests waiting their turn (posted in order). */
  const sequences = new Map<string, { n: number; running: boolean; readonly waiting: Array<Http.Exchange> }>()
  const EVENTS: Readonly<Record<string, StatusCallback["events"][number]>> = { created: "initiated", ringing: "ringing", answered: "answered", ended: "completed" }

  const postStatus = (call: Call<S>, callback: StatusCallback, event: StatusCallback["events"][number]) => {
    let sequence = sequences.get(call.callId)
    if (sequence === undefined) {
      sequence = { n: 0, running: false, waiting: [] }
      sequences.set(call.callId, sequence)
      if (sequences.size > MAX_KEPT) sequences.delete(sequences.keys().next().value!)
    }
    const info = env.rest.get(call.callId)
    const status = event === "initiated" ? "queued" : event === "ringing" ? "ringing" : event === "answered" ? "in-progress" : ENDED_STATUS[call.endReason ?? ""] ?? "completed"
    const duration = info?.answeredAt === undefined ? 0 : Math.round((env.now() - info.answeredAt) / 1000)
    const params: Record<string, string> = {
      CallSid: call.callId,
      AccountSid: env.project,
      From: call.from,
      To: call.to,
      CallStatus: status,
      Direction: direction(call),
      ApiVersion: API_VERSION,
      Timestamp: rfc2822(env.now()),
      CallbackSource: "call-progress-events",
      SequenceNumber: String(sequence.n++),
      ...(event === "completed" ? { CallDuration: String(duration) } : {})
    }
    const form = new URLSearchParams(params).toString()
    const http: Http.Http = {
      client: env.client,
      signingKey: env.signingKey,
      now: env.now,
      append: (entry) => Effect.sync(() => env.runs.push(call.callId, entry))
    }
    const request: Http.Exchange = callback.method === "GET"
      ? { purpose: "status_callback", method: "GET", url: `${callback.url}${callback.url.includes("?") ? "&" : "?"}${form}`, signing: "compat" }
      : { purpose: "status_callback", method: "POST", url: callback.url, body: form, headers: { "content-type": "application/x-www-form-urlencoded" }, signing: "compat" }
    const queue = sequence
    queue.waiting.push(request)
    if (queue.running) return
    queue.running = true
    const drain: Effect.Effect<void> = Effect.suspend(() => {
      const next = queue.waiting.shift()
      if (next === undefined) {
        queue.running = false
        return Effect.void
      }
      return Effect.zipRight(Http.exchange(http, next), drain)
    })
    env.runFork(drain)
  }

  core.onEvent((call, eventType, params) => {
    if (eventType !== "calling.call.state") return
    const callback = call.swml?._tag === "Cxml" ? call.swml.statusCallback : inboundCallbacks.get(call.callId)
    const event = EVENTS[String(params.call_state)]
    if (callback === undefined || event === undefined || !callback.events.includes(event)) return
    postStatus(call, callback, event)
  })

  return { runCxmlOnCall, inbound, start }
}
