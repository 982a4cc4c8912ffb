/**
 * The cXML verbs that bridge or park a call:
 *
 * - `<Dial>` (action, method, timeout, callerId, timeLimit, record and its recordingStatusCallback /
 *   Method / Event, answerOnBridge, ringTone as the ringback, hangupOnStar: see `dialRecording.ts`) with a plain number, `<Number>` and `<Sip>` nouns
 *   (dialled in parallel through `calling.connect`, each far end as its `CallScript` says; a number
 *   of the project bound to a RELAY context is offered to the RELAY client receiving it, and
 *   bridged once that client answers), `<Conference>` (joined until the call leaves; muted, beep,
 *   startConferenceOnEnter, endConferenceOnExit, maxParticipants, record with its
 *   recordingStatusCallback / Method / Event; taken out — removed over REST, the conference
 *   ended — the call goes on: the action with `DialCallStatus` `answered`, or the next verb) and `<Queue>` (the first caller waiting is
 *   bridged; with `url` / `method`, it is taken out of the queue and that document runs on its call
 *   first — `CallSid` the caller's, `DequeingCallSid`, `QueueSid`, `QueueTime` —, then the two are
 *   bridged). The action gets `DialCallStatus`, `DialCallSid`, `DialCallDuration`.
 * - `<Enqueue>` (action, method, waitUrl, waitUrlMethod): the call waits in the named queue (a
 *   compat queue member) until a `<Dial><Queue>` takes it, a `<Leave>` in the wait document
 *   removes it, or a dequeue over REST redirects it; the action gets `QueueResult`, `QueueSid`,
 *   `QueueTime` (a bridged call once the other side has left the bridge: it goes on).
 */
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { RelayFrame } from "@signalwire-effect/relay"
import * as Transcript from "../../Transcript.js"
import { NODE_ID } from "../calls/model.js"
import * as Sim from "../sim.js"
import { type CxmlContext, type CxmlSource, ENDED, ERROR, type Flow, NEXT, type Where } from "./context.js"
import * as DialRecording from "./dialRecording.js"
import { load, resolve, shown } from "./request.js"
import { bool, failed, fetchNext, methodOf, num } from "./verbs.js"
import * as Xml from "./xml.js"

type JsonObject = RelayFrame.JsonObject

const E164 = /^\+?[0-9]{3,15}$/
const DIAL_NOUNS = new Set(["Number", "Sip", "Conference", "Queue"])

/** The compat `DialCallStatus` of a leg's end reason. */
const dialStatus = (reason: string | undefined): string => {
  switch (reason) {
    case "busy":
    case "decline":
      return "busy"
    case "noAnswer":
      return "no-answer"
    case "cancel":
      return "canceled"
    default:
      return "failed"
  }
}

type Run = (verbs: Xml.Element, base: string | undefined, standing: Readonly<Record<string, string>>) => Effect.Effect<Flow>

/**
 * Runs a document on another call (the caller a `<Dial><Queue url>` took), with `extra`
 * parameters: `true` when it ran out with that call still up, `false` when the call ended.
 */
export type Announce = (callId: string, source: CxmlSource, extra: Readonly<Record<string, string>>) => Effect.Effect<boolean>

export const dial = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined, announce: Announce): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const a = el.attributes
    const nouns = Xml.elements(el.children)
    const unknown = nouns.find((n) => !DIAL_NOUNS.has(n.name))
    if (unknown !== undefined) {
      yield* x.append(Transcript.VerbUnsupported.make({ at: x.now(), ...where, path: `${where.path}.${unknown.name}`, verb: `Dial/${unknown.name}` }))
      return ERROR
    }
    const plain = Xml.textOf(el)
    const targets = nouns.length === 0 ? (plain === "" ? [] : [{ name: "Number", target: plain }]) : nouns.map((n) => ({ name: n.name, target: Xml.textOf(n) }))
    if (targets.length === 0) return yield* failed(x, where, "Dial", "<Dial> names no number, SIP URI, conference or queue")
    const special = targets.find((t) => t.name === "Conference" || t.name === "Queue")
    if (special !== undefined && targets.length > 1) return yield* failed(x, where, "Dial", `<${special.name}> must be the only noun of its <Dial>`)
    const timeout = Math.min(Math.max(num(a.timeout) ?? 30, 5), 600)
    const from = a.callerId ?? x.info().from
    const timeLimit = num(a.timeLimit) !== undefined && num(a.timeLimit)! > 0 ? num(a.timeLimit) : undefined
    const started = x.now()
    let peer: string | undefined
    if (a.record !== undefined && !DialRecording.RECORD_MODES.has(a.record)) {
      return yield* failed(x, where, "Dial", `record=${JSON.stringify(a.record)}: expected do-not-record, record-from-answer, record-from-ringing or a -dual variant`)
    }
    const recording = special === undefined ? DialRecording.make(x, a, base) : undefined
    // `answerOnBridge`: the caller rings on until the far leg answers (a conference or queue answers it).
    const onBridge = special === undefined && bool(a.answerOnBridge, false)

    const finish = (status: string, reason: string | undefined) =>
      Effect.gen(function*() {
        const connected = status === "completed"
        yield* x.append(Transcript.Connected.make({ at: x.now(), to: targets.map((t) => t.target), result: connected ? "connected" : "failed", peer, reason }))
        const recordingUrl = recording === undefined ? undefined : yield* recording.stop
        if (a.action === undefined) return NEXT
        const params: Record<string, string> = {
          DialCallStatus: status,
          ...(peer === undefined ? {} : { DialCallSid: peer }),
          DialCallDuration: String(connected ? Math.round((x.now() - started) / 1000) : 0),
          ...(recordingUrl === undefined ? {} : { RecordingUrl: recordingUrl })
        }
        return yield* fetchNext(x, where, "Dial", a.action, base, a.method, params, "action")
      })

    /**
     * Bridges the devices; the bridge lasts until either side leaves, or until `timeLimit` is up
     * (the far leg is then hung up).
     */
    const connect = (devices: ReadonlyArray<JsonObject>) =>
      Effect.gen(function*() {
        const bridged = yield* Deferred.make<string>()
        const ringback = a.ringTone === undefined ? {} : { ringback: [{ type: "ringtone", params: { name: a.ringTone } }] }
        if (a.ringTone !== undefined) yield* x.append(Transcript.Played.make({ at: x.now(), by: "cxml", kind: "ring", url: `ring:${a.ringTone}` }))
        const bridge = x.ops.run("calling.connect", { devices: [devices], ...ringback }, "calling.call.connect", (p) => {
          if (p.connect_state === "connected") {
            const about = p.peer as JsonObject | undefined
            peer = typeof about?.call_id === "string" ? about.call_id : undefined
            if (peer !== undefined) Deferred.unsafeDone(bridged, Effect.succeed(peer))
            return false
          }
          return p.connect_state === "failed" || p.connect_state === "disconnected"
        }, false)
        // Once bridged: the caller is answered (answerOnBridge), recorded (record-from-answer), its `*`
        // watched (hangupOnStar), and the far leg hung up when `timeLimit` is up.
        const whileBridged = Effect.gen(function*() {
          const leg = yield* Deferred.await(bridged)
          if (onBridge) yield* x.ops.answer
          if (recording?.from === "answer") yield* recording.start
          const star = bool(a.hangupOnStar, false) ? DialRecording.hangupOnStar(x, () => peer) : Effect.never
          const limit = timeLimit === undefined
            ? Effect.never
            : Effect.zipRight(Effect.sleep(Duration.seconds(timeLimit)), x.hangup(leg, "hangup"))
          yield* Effect.all([star, limit], { concurrency: 2, discard: true })
          return yield* Effect.never
        })
        const done = yield* Effect.raceFirst(bridge, whileBridged)
        if (Either.isLeft(done)) return done.left._tag === "Ended" ? ENDED : yield* finish("failed", done.left.detail)
        return done.right.connect_state === "disconnected" ? yield* finish("completed", undefined) : yield* finish(dialStatus(x.lastLegReason()), x.lastLegReason())
      })

    if (!onBridge) yield* x.ops.answer
    if (recording?.from === "ringing") yield* recording.start
    if (special?.name === "Conference") {
      const room = nouns[0]!.attributes
      if (room.record !== undefined && room.record !== "do-not-record" && room.record !== "record-from-start") {
        return yield* failed(x, where, "Dial", `<Conference record=${JSON.stringify(room.record)}>: expected do-not-record or record-from-start`)
      }
      const recordingCallback = room.recordingStatusCallback === undefined ? undefined : resolve(room.recordingStatusCallback, base)
      const maxParticipants = num(room.maxParticipants)
      // Listening before the join (the leave comes as the call is taken out).
      const left = yield* x.ops.listen("calling.conference", (p) => p.status === "participant-leave" && p.call_id === x.callId)
      const joined = x.command("calling.join_conference", {
        name: special.target,
        ...(room.record === undefined ? {} : { record: room.record }),
        ...(recordingCallback === undefined ? {} : {
          recording_status_callback: recordingCallback,
          recording_status_callback_method: methodOf(room.recordingStatusCallbackMethod),
          recording_status_callback_event: room.recordingStatusCallbackEvent ?? "completed failed"
        }),
        ...(maxParticipants === undefined ? {} : { max_participants: maxParticipants }),
        ...(room.muted === undefined ? {} : { muted: bool(room.muted, false) }),
        ...(room.beep === undefined ? {} : { beep: room.beep }),
        ...(room.startConferenceOnEnter === undefined ? {} : { start_on_enter: bool(room.startConferenceOnEnter, true) }),
        ...(room.endConferenceOnExit === undefined ? {} : { end_on_exit: bool(room.endConferenceOnExit, false) })
      })
      if (!joined) return yield* failed(x, where, "Dial", `the conference ${JSON.stringify(special.target)} could not be joined`)
      const joinedAt = x.now()
      yield* x.append(Transcript.Conferenced.make({ at: joinedAt, name: special.target }))
      // In the conference until the call leaves it: it hangs up, or it is taken out (removed over
      // REST, the conference ends, an endConferenceOnExit participant leaves) and goes on.
      const out = yield* left
      if (Either.isLeft(out) || x.ops.state() === "ending" || x.ops.state() === "ended") return ENDED
      if (a.action === undefined) return NEXT
      return yield* fetchNext(x, where, "Dial", a.action, base, a.method, {
        DialCallStatus: "answered",
        DialCallDuration: String(Math.round((x.now() - joinedAt) / 1000))
      }, "action")
    }
    if (special?.name === "Queue") {
      const queueDevice = { type: "queue", params: { node_id: NODE_ID, queue_name: special.target } }
      const noun = nouns[0]?.attributes ?? {}
      if (noun.url === undefined) return yield* connect([queueDevice])
      const url = resolve(noun.url, base)
      if (url === undefined) return yield* failed(x, where, "Dial", `<Queue url=${JSON.stringify(shown(noun.url))}> is not an http(s) URL`)
      // The first caller waiting leaves the queue and hears the document before the bridge; an
      // empty queue fails the dial as a plain `<Queue>` does.
      const taken = x.takeHeld(special.target)
      if (taken === undefined) return yield* connect([queueDevice])
      const sid = x.queueSidOf(special.target)
      return yield* Effect.gen(function*() {
        const ready = yield* announce(taken.callId, { _tag: "Url", url, method: methodOf(noun.method) }, {
          DequeingCallSid: x.callId,
          ...(sid === undefined ? {} : { QueueSid: sid }),
          QueueTime: String(Math.round(taken.waited / 1000))
        })
        peer = taken.callId
        if (!ready) return yield* finish("failed", x.endReasonOf(taken.callId) ?? "the dequeued caller's call ended")
        return yield* connect([{ type: "call", params: { node_id: NODE_ID, call_id: taken.callId } }])
      }).pipe(
        // This call's run stopped first (it hung up): the caller it held goes on (once bridged, a no-op).
        Effect.onInterrupt(() => Effect.sync(() => x.releaseHeld(taken.callId)))
      )
    }

    // A single number routed to a RELAY client: offered there, bridged once answered.
    if (targets.length === 1 && targets[0]!.name === "Number" && E164.test(targets[0]!.target)) {
      const leg = yield* x.relayLeg(from, targets[0]!.target)
      if (leg !== undefined) {
        peer = leg
        const outcome = yield* x.waitAnswered(leg, Duration.seconds(timeout))
        if (outcome === "timeout") {
          yield* x.hangup(leg, "noAnswer")
          return yield* finish("no-answer", "noAnswer")
        }
        if (outcome === "ended") return yield* finish(dialStatus(x.endReasonOf(leg)), x.endReasonOf(leg))
        return yield* connect([{ type: "call", params: { node_id: NODE_ID, call_id: leg } }])
      }
    }
    const devices: Array<JsonObject> = []
    for (const t of targets) {
      if (t.target.startsWith("sip:")) devices.push({ type: "sip", params: { from, to: t.target, timeout } })
      else if (t.name === "Number" && E164.test(t.target)) devices.push({ type: "phone", params: { from_number: from, to_number: t.target, timeout } })
      else return yield* finish("failed", `the sandbox dials phone numbers and SIP URIs, not ${JSON.stringify(t.target)}`)
    }
    return yield* connect(devices)
  })

/**
 * `<Enqueue>`: waits in the queue (running the wait document, if any) until the call leaves it.
 * Taken by a `<Dial><Queue>` (or any connect to the queue), the call is bridged until the bridge
 * ends; when the other side leaves first, the call goes on: the `action` with `QueueResult`
 * `bridged`, or the next verb.
 */
export const enqueue = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined, runWait: Run): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const a = el.attributes
    const name = Xml.textOf(el)
    if (name === "") return yield* failed(x, where, "Enqueue", "<Enqueue> needs a queue name")
    yield* x.ops.answer
    const controlId = Sim.uuid()
    const enteredAt = x.now()
    let leaving: "leave" | "error" | undefined
    let stage: "waiting" | "bridged" | "done" = "waiting"
    /** Out of the queue: the action, or the next verb (a bridged call's entry was written when it was taken). */
    const left = (result: "leave" | "error" | "bridged" | "queue-full", queueTime: number | undefined) =>
      Effect.gen(function*() {
        stage = "done"
        if (result !== "bridged") yield* x.append(Transcript.Queued.make({ at: x.now(), queue: name, result }))
        if (a.action === undefined) return NEXT
        // QueueSid and QueueTime only for a call that was placed in the queue.
        const sid = queueTime === undefined ? undefined : x.queueSidOf(name)
        return yield* fetchNext(x, where, "Enqueue", a.action, base, a.method, {
          QueueResult: result,
          ...(sid === undefined ? {} : { QueueSid: sid }),
          ...(queueTime === undefined ? {} : { QueueTime: String(Math.round(queueTime / 1000)) })
        }, "action")
      })
    /**
     * The caller hung up while queued: `Queued` `hangup`, and the action is requested with
     * `QueueResult` `hangup`, `QueueSid`, `QueueTime` (its document is not run: the call has ended).
     */
    const hungUp = Effect.suspend(() => {
      if (stage !== "waiting") return Effect.void
      stage = "done"
      const url = a.action === undefined ? undefined : resolve(a.action, base)
      const sid = x.queueSidOf(name)
      const params = {
        QueueResult: "hangup",
        ...(sid === undefined ? {} : { QueueSid: sid }),
        QueueTime: String(Math.round((x.now() - enteredAt) / 1000))
      }
      return Effect.zipRight(
        x.append(Transcript.Queued.make({ at: x.now(), queue: name, result: "hangup" })),
        Effect.sync(() => {
          if (url !== undefined) x.background(Effect.asVoid(load(x, { _tag: "Url", url, method: methodOf(a.method) }, params)))
        })
      )
    })
    // A full queue (its compat `MaxSize` reached) does not take the call.
    if (x.queueFull(name)) return yield* left("queue-full", undefined)
    // Listening before the call enters (the events come as it does).
    const entered = yield* x.ops.listen("calling.call.queue", (p) => p.control_id === controlId && p.status === "enqueue")
    const waiting = yield* x.ops.listen("calling.call.queue", (p) => p.control_id === controlId && (p.status === "leave" || p.status === "dequeue"))
    // Taken from the queue, the call is bridged (after a `<Dial><Queue url>` document ran on it), or
    // let go unbridged (the agent left first).
    const linked = yield* x.ops.listen("calling.call.connect", (p) => p.connect_state === "connected" || p.connect_state === "disconnected")
    const unbridged = yield* x.ops.listen("calling.call.connect", (p) => p.connect_state === "disconnected")
    if (!x.command("calling.queue.enter", { queue_name: name, control_id: controlId })) {
      return yield* failed(x, where, "Enqueue", `the call could not enter the queue ${JSON.stringify(name)}`)
    }
    const entry = yield* entered
    yield* x.append(Transcript.Queued.make({ at: x.now(), queue: name, result: "enqueued" }))
    // The wait document's parameters: where the call stands as it enters.
    const standing = Either.isRight(entry)
      ? {
        QueuePosition: String(entry.right.position ?? ""),
        CurrentQueueSize: String(entry.right.size ?? ""),
        AvgQueueTime: String(entry.right.avg_time ?? 0),
        QueueTime: "0"
      }
      : {}
    // The wait document: `<Leave>` takes the call out (`leave`), a document that cannot be fetched or
    // run takes it out with `error`, `<Hangup>` ends the call.
    const waitDocument: Effect.Effect<Flow> = Effect.gen(function*() {
      if (a.waitUrl === undefined) return yield* Effect.never
      const flow = yield* runWait(el, base, standing)
      if (flow._tag === "Stop" && flow.reason !== "error") return flow
      if (flow._tag === "Leave" || flow._tag === "Stop") {
        leaving = flow._tag === "Leave" ? "leave" : "error"
        x.command("calling.queue.leave", { queue_name: name, control_id: controlId })
      }
      return yield* Effect.never
    })
    const raced = yield* Effect.raceFirst(Effect.map(waiting, Either.left), Effect.map(waitDocument, Either.right)).pipe(
      // Interrupted: the call ended (its run stops), or a dequeue or update over REST replaced the run.
      Effect.onInterrupt(() => x.ops.state() === "ending" || x.ops.state() === "ended" ? hungUp : redirected(x, name, controlId, () => stage))
    )
    if (Either.isRight(raced)) {
      stage = "done"
      return raced.right
    }
    const done = raced.left
    if (Either.isLeft(done)) {
      if (done.left._tag === "Ended") {
        yield* hungUp
        return ENDED
      }
      stage = "done"
      yield* x.append(Transcript.Queued.make({ at: x.now(), queue: name, result: "error" }))
      return yield* failed(x, where, "Enqueue", done.left.detail)
    }
    if (leaving !== undefined) return yield* left(leaving, x.now() - enteredAt)
    // Taken from the queue: bridged until the bridge ends; when the other side leaves, the call goes on.
    const queueTime = x.now() - enteredAt
    stage = "bridged"
    const link = yield* linked.pipe(Effect.onInterrupt(() => redirected(x, name, controlId, () => stage)))
    if (Either.isLeft(link) || x.ops.state() === "ending" || x.ops.state() === "ended") return ENDED
    yield* x.append(Transcript.Queued.make({ at: x.now(), queue: name, result: "bridged" }))
    if (link.right.connect_state === "connected") {
      const ended = yield* unbridged.pipe(Effect.onInterrupt(() => redirected(x, name, controlId, () => stage)))
      if (Either.isLeft(ended) || x.ops.state() === "ending" || x.ops.state() === "ended") return ENDED
    }
    return yield* left("bridged", queueTime)
  })

/**
 * The `<Enqueue>` run was replaced (a dequeue or update over REST): out of the queue
 * (`redirected`), or out of the bridge it was taken to (`redirected-from-bridged`). An ended call's
 * transcript already ends with `CallEnded`.
 */
const redirected = (x: CxmlContext, name: string, controlId: string, stage: () => "waiting" | "bridged" | "done") =>
  Effect.suspend(() => {
    const now = stage()
    if (now === "done" || x.ops.state() === "ending" || x.ops.state() === "ended") return Effect.void
    if (now === "waiting") x.command("calling.queue.leave", { queue_name: name, control_id: controlId })
    return x.append(Transcript.Queued.make({ at: x.now(), queue: name, result: now === "waiting" ? "redirected" : "redirected-from-bridged" }))
  })
