/**
 * Dialling and bridging (§6.4, §9.1, §9.3): `calling.dial`, `calling.begin` and
 * `calling.connect` run the device groups in turn, each leg ringing for its scripted time
 * (capped by the device's `timeout`) before its scripted outcome; the first leg to answer wins.
 * A connect bridges the winner to the connecting call; `calling.disconnect` and the end of
 * either side break the bridge.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { Outcome } from "../../CallScript.js"
import type { SimSession } from "../sim.js"
import * as W from "../wire.js"
import type { Core } from "./core.js"
import {
  type Call,
  coded,
  destinationOf,
  type DialRun,
  invalid,
  type JsonObject,
  type Methods,
  NODE_ID,
  ok,
  originOf,
  paramsOf,
  simple,
  type Step,
  str
} from "./model.js"
import type { Rooms } from "./rooms.js"

const DEFAULT_DEVICE_TIMEOUT_SECONDS = 30

const END_REASONS: Readonly<Record<Exclude<Outcome, "answer">, string>> = {
  busy: "busy",
  noAnswer: "noAnswer",
  decline: "decline",
  failed: "error"
}

const devicePlan = (value: unknown): ReadonlyArray<ReadonlyArray<JsonObject>> =>
  Array.isArray(value) ? value.map((group: unknown) => (Array.isArray(group) ? group.filter(W.isObject) : [])) : []

const peerOf = <S extends SimSession>(call: Call<S>) => ({
  call_id: call.callId,
  node_id: NODE_ID,
  tag: call.tag,
  device: call.device
})

export const make = <S extends SimSession>(core: Core<S>, rooms: Rooms<S>) => {
  const { calls, endCall, event, notify, setState } = core

  /** A call `origin` can be bridged to: another live call, not bridged. */
  const usableBy = (origin: Call<S> | undefined) => (call: Call<S> | undefined): call is Call<S> =>
    call !== undefined && call !== origin && call.bridge === undefined &&
    (call.state === "created" || call.state === "ringing" || call.state === "answered")

  /** A `call` or `queue` device of a connect: the existing call it names, if it can be bridged. */
  const existingFor = (run: DialRun<S>, device: JsonObject): Call<S> | undefined => {
    const p = paramsOf(device)
    const usable = usableBy(run.origin)
    if (device.type === "call") {
      const call = calls.get(str(p.call_id) ?? "")
      return usable(call) ? call : undefined
    }
    return rooms.takeQueued(str(p.queue_name) ?? "", usable)?.call
  }

  /**
   * Callers taken from a queue by a cXML `<Dial><Queue url>` while its document runs on them (out
   * of the queue, not bridged yet): the `call` device that then bridges one marks the bridge
   * `dequeued`, as a `queue` device's is.
   */
  const held = new WeakSet<Call<S>>()

  /** Takes the first caller of the queue that `origin` can bridge to (status `dequeue`) and holds it. */
  const takeHeld = (origin: Call<S>, name: string): { readonly call: Call<S>; readonly waited: number } | undefined => {
    const member = rooms.takeQueued(name, usableBy(origin))
    if (member === undefined) return undefined
    held.add(member.call)
    return { call: member.call, waited: core.env.now() - member.enqueuedAt }
  }

  /**
   * A held caller that will not be bridged (the dialler left first): it hears `disconnected`, as a
   * caller taken from a queue does when the other side leaves, and goes on.
   */
  const releaseHeld = (call: Call<S>): void => {
    if (!held.delete(call)) return
    if (call.state !== "ending" && call.state !== "ended" && call.bridge === undefined) {
      event(call, "calling.call.connect", { connect_state: "disconnected" })
    }
  }

  const startGroup = (run: DialRun<S>): void => {
    const devices = run.groups[run.group]
    if (devices === undefined) return dialFailed(run)
    run.legs = []
    let existing: Call<S> | undefined
    let dequeued = false
    for (const device of devices) {
      if (device.type === "call" || device.type === "queue") {
        if (existing === undefined) {
          existing = existingFor(run, device)
          dequeued = existing !== undefined && (device.type === "queue" || held.delete(existing))
        }
        continue
      }
      const prepared = run.prepared
      run.prepared = undefined
      const far = core.scriptFor(destinationOf(device))
      if (prepared === undefined && far.callId !== undefined && core.isLive(far.callId)) {
        // Checked when the request came; a later group can still find the id taken by then.
        warn(`CallScript.callId ${far.callId} for ${destinationOf(device)} belongs to a call in progress: not dialled`)
        continue
      }
      const leg = prepared ?? core.newCall({
        callId: far.callId,
        direction: "outbound",
        tag: run.tag,
        device,
        from: originOf(device),
        to: destinationOf(device),
        context: undefined,
        far,
        session: run.session
      })
      leg.leg = run
      run.legs.push(leg)
    }
    for (const leg of run.legs) setState(leg, "created")
    for (const leg of run.legs) setState(leg, "ringing")
    if (existing !== undefined) return won(run, existing, dequeued)
    if (run.legs.length === 0) return groupFailed(run)
    for (const leg of run.legs) {
      const timeout = paramsOf(leg.device).timeout
      const cap = Duration.seconds(typeof timeout === "number" ? timeout : DEFAULT_DEVICE_TIMEOUT_SECONDS)
      const timedOut = Duration.greaterThan(leg.far.ringFor, cap)
      core.callTimer(leg, timedOut ? cap : leg.far.ringFor, () => ringOut(run, leg, timedOut))
    }
  }

  const ringOut = (run: DialRun<S>, leg: Call<S>, timedOut: boolean) => {
    if (run.settled || leg.state !== "ringing") return
    const outcome = timedOut ? "noAnswer" : leg.far.outcome
    if (outcome === "answer") return won(run, leg)
    endCall(leg, END_REASONS[outcome], false)
  }

  const groupFailed = (run: DialRun<S>) => {
    run.group += 1
    startGroup(run)
  }

  const won = (run: DialRun<S>, winner: Call<S>, dequeued = false) => {
    run.settled = true
    if (winner.leg === run) core.answered(winner)
    for (const leg of run.legs) {
      if (leg !== winner) endCall(leg, "cancel")
    }
    switch (run.kind) {
      case "dial":
        if (run.session !== undefined) {
          core.env.deliver(run.session, "calling.call.dial", {
            tag: run.tag,
            node_id: NODE_ID,
            dial_state: "answered",
            call: { ...peerOf(winner), dial_winner: true }
          })
        }
        return
      case "connect": {
        const origin = run.origin
        if (origin === undefined) return
        origin.connecting = undefined
        // A new bridge replaces the old one; the old peer stays up, unbridged.
        if (origin.bridge !== undefined) {
          origin.bridge.peer.bridge = undefined
          notify(origin.bridge.peer)
        }
        origin.bridge = { peer: winner, origin: true, dequeued }
        winner.bridge = { peer: origin, origin: false, dequeued }
        event(origin, "calling.call.connect", { connect_state: "connected", peer: peerOf(winner) })
        // A caller taken from a queue: its `<Enqueue>` / `enter_queue` sees the bridge made (its
        // controller, if any, is sent nothing, as before).
        if (dequeued) core.observe(winner, "calling.call.connect", { connect_state: "connected", peer: peerOf(origin) })
        notify(winner)
        return
      }
      case "begin":
        return
    }
  }

  const dialFailed = (run: DialRun<S>) => {
    run.settled = true
    switch (run.kind) {
      case "dial":
        if (run.session !== undefined) {
          core.env.deliver(run.session, "calling.call.dial", { tag: run.tag, node_id: NODE_ID, dial_state: "failed", call: {} })
        }
        return
      case "connect":
        if (run.origin !== undefined) {
          run.origin.connecting = undefined
          event(run.origin, "calling.call.connect", { connect_state: "failed" })
        }
        return
      case "begin":
        return
    }
  }

  const startRun = (
    kind: DialRun<S>["kind"],
    tag: string,
    session: S | undefined,
    groups: ReadonlyArray<ReadonlyArray<JsonObject>>,
    origin?: Call<S>,
    prepared?: Call<S>
  ) => {
    const run: DialRun<S> = { kind, tag, session, groups, origin, prepared, group: 0, legs: [], settled: false }
    if (origin !== undefined) origin.connecting = run
    startGroup(run)
  }

  const warn = (message: string) => void core.env.runFork(Effect.logWarning(`RELAY sandbox: ${message}`))

  /**
   * Why the plan cannot be dialled now: a scripted callId that a call in progress has, or that two
   * devices of one group would both get.
   */
  const takenId = (groups: ReadonlyArray<ReadonlyArray<JsonObject>>): Step | undefined => {
    for (const group of groups) {
      const chosen = new Set<string>()
      for (const device of group) {
        if (device.type === "call" || device.type === "queue") continue
        const destination = destinationOf(device)
        const callId = core.scriptFor(destination).callId
        if (callId === undefined) continue
        if (core.isLive(callId) || chosen.has(callId)) {
          return coded("409", `call_id ${callId} (CallScript.callId for ${destination}) belongs to a call in progress`)
        }
        chosen.add(callId)
      }
    }
    return undefined
  }

  /**
   * After a call ends: a connect it started is cancelled, a peer it bridged is hung up (or, if it
   * was the peer, or a caller taken from a queue, the other side hears `disconnected` and goes
   * on), and a dial it was a leg of moves on.
   */
  core.onEnded((call) => {
    const run = call.connecting
    call.connecting = undefined
    if (run !== undefined && !run.settled) {
      run.settled = true
      for (const leg of run.legs) endCall(leg, "cancel")
    }
    const bridge = call.bridge
    if (bridge !== undefined) {
      call.bridge = undefined
      bridge.peer.bridge = undefined
      if (bridge.origin && bridge.dequeued !== true) endCall(bridge.peer, "hangup")
      else event(bridge.peer, "calling.call.connect", { connect_state: "disconnected", peer: peerOf(call) })
    }
    const leg = call.leg
    if (leg !== undefined && !leg.settled && leg.legs.every((l) => l.state === "ended")) groupFailed(leg)
  })

  // ---- requests -----------------------------------------------------------------------------------

  const dial = (session: S | undefined, params: JsonObject): Step => {
    const problem = W.fields(params, {
      tag: W.req(W.nonEmpty),
      devices: W.req(W.plan(W.dialDevice)),
      region: W.opt(W.string),
      max_price_per_minute: W.opt(W.number),
      max_duration: W.opt(W.nonNegative)
    })
    if (problem !== undefined) return invalid(problem)
    const groups = devicePlan(params.devices)
    const taken = takenId(groups)
    if (taken !== undefined) return taken
    const first = groups[0]?.[0]
    const drop = first !== undefined && core.scriptFor(destinationOf(first)).dialReply === "drop"
    const run = () => startRun("dial", params.tag as string, session, groups)
    return drop ? { response: undefined, after: run } : ok("Dialing", {}, run)
  }

  const begin = (session: S | undefined, params: JsonObject): Step => {
    const problem = W.fields(params, { device: W.req(W.dialDevice), tag: W.opt(W.string), region: W.opt(W.string) })
    if (problem !== undefined) return invalid(problem)
    const device = params.device as JsonObject
    const tag = str(params.tag) ?? ""
    const taken = takenId([[device]])
    if (taken !== undefined) return taken
    const far = core.scriptFor(destinationOf(device))
    const call = core.newCall({
      callId: far.callId,
      direction: "outbound",
      tag,
      device,
      from: originOf(device),
      to: destinationOf(device),
      context: undefined,
      far,
      session
    })
    return ok("Call started", { call_id: call.callId, node_id: NODE_ID }, () => startRun("begin", tag, session, [[device]], undefined, call))
  }

  const methods: Methods<S> = [
    ["calling.connect", {
      params: {
        devices: W.req(W.plan(W.connectDevice)),
        ringback: W.opt(W.playlist),
        tag: W.opt(W.string),
        max_duration: W.opt(W.nonNegative),
        max_price_per_minute: W.opt(W.number)
      },
      run: (call, p) => {
        if (call.connecting !== undefined) return coded("409", "Call already connecting")
        const groups = devicePlan(p.devices)
        return takenId(groups) ?? ok("connecting", { call_id: call.callId }, () => {
          event(call, "calling.call.connect", { connect_state: "connecting" })
          startRun("connect", str(p.tag) ?? "", call.session, groups, call)
        })
      }
    }],
    ["calling.disconnect", simple("Disconnecting", {}, (call) => {
      const bridge = call.bridge
      if (bridge === undefined) return
      call.bridge = undefined
      bridge.peer.bridge = undefined
      event(call, "calling.call.connect", { connect_state: "disconnected", peer: peerOf(bridge.peer) })
      // A caller taken from a queue hears it too (its `<Enqueue>` / `enter_queue` goes on).
      if (bridge.dequeued === true) event(bridge.peer, "calling.call.connect", { connect_state: "disconnected", peer: peerOf(call) })
      else notify(bridge.peer)
    })]
  ]

  return { dial, begin, methods, takeHeld, releaseHeld }
}
