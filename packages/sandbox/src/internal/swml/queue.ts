/**
 * SWML `enter_queue`, on the call simulation's queues (the ones cXML `<Enqueue>`, RELAY
 * `calling.queue.enter` and the compat queue endpoints see: a SWML caller is a compat queue member
 * a cXML `<Dial><Queue>`, a RELAY or SWML connect to the queue, or a compat dequeue takes).
 *
 * The call enters `queue_name` (`calling.queue.enter` with its `status_url`: each queue event —
 * `enqueue`, `dequeue`, `leave` — is posted there as JSON), hears `wait_url` while it waits, and
 * waits at most `wait_time` seconds (default 3600). Taken from the queue, it is bridged until the
 * bridge ends; when the other side leaves first, the run goes on at `transfer_after_bridge` (a
 * URL or an inline document). Out of time, it leaves the queue and the next instruction runs (as
 * when something else takes it out: `leaving`). Sets `queue_result` (`connected`, `timeout`,
 * `leaving`, `failed`), `wait_time` (seconds in the queue),
 * `entry_position` and `entry_size` (where the call stood as it entered; -1 when not known).
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { RelayFrame } from "@signalwire-effect/relay"
import type * as Swml from "@signalwire-effect/swml/Swml"
import * as Transcript from "../../Transcript.js"
import { NODE_ID } from "../calls/model.js"
import * as Sim from "../sim.js"
import type { RunContext } from "./context.js"
import * as Http from "./http.js"
import type { Outcome, Where } from "./verbs.js"

type JsonObject = RelayFrame.JsonObject

const ENDED: Outcome = { _tag: "Stop", reason: "hangup", by: "far_end" }
const NEXT: Outcome = { _tag: "Next" }
const DEFAULT_WAIT_SECONDS = 3600

const num = (value: unknown): number | undefined => {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value
  return typeof n === "number" && Number.isFinite(n) ? n : undefined
}

/** Posts one queue event to `status_url` (JSON, signed), in the background. */
const post = (ctx: RunContext, url: string, params: JsonObject) => {
  const event = {
    event_type: "calling.call.queue",
    event_channel: `swml:${ctx.callId}`,
    timestamp: ctx.now() / 1000,
    project_id: ctx.project,
    space_id: ctx.info().space_id,
    params: { ...params, call_id: ctx.callId, node_id: NODE_ID }
  }
  ctx.background(Effect.asVoid(Http.exchange(ctx.http, { purpose: "status_callback", method: "POST", url, body: JSON.stringify(event), signing: "call" })))
}

export const enterQueue = (ctx: RunContext, spec: Swml.Verbs["enter_queue"], where: Where): Effect.Effect<Outcome> =>
  Effect.scoped(Effect.gen(function*() {
    yield* ctx.ops.answer
    const name = spec.queue_name
    const controlId = Sim.uuid()
    const enteredAt = ctx.now()
    const queued = (result: Transcript.Queued["result"]) => ctx.append(Transcript.Queued.make({ at: ctx.now(), queue: name, result }))
    let entryPosition = -1
    let entrySize = -1
    const finish = (result: "connected" | "leaving" | "timeout" | "failed", waited: number | undefined) =>
      ctx.vars.set({
        queue_result: result,
        wait_time: waited === undefined ? -1 : Math.round(waited / 1000),
        entry_position: entryPosition,
        entry_size: entrySize
      })
    if (spec.status_url !== undefined) {
      const url = spec.status_url
      yield* ctx.ops.watch("calling.call.queue", (params) => {
        if (params.control_id === controlId) post(ctx, url, params)
      })
    }
    // Listening before the call enters (the events come as it does).
    const entering = yield* ctx.ops.listen("calling.call.queue", (p) => p.control_id === controlId && p.status === "enqueue")
    const out = yield* ctx.ops.listen("calling.call.queue", (p) => p.control_id === controlId && (p.status === "leave" || p.status === "dequeue"))
    // Taken from the queue, the call is bridged (after a cXML `<Dial><Queue url>` document ran on
    // it), or let go unbridged (the agent left first).
    const linked = yield* ctx.ops.listen("calling.call.connect", (p) => p.connect_state === "connected" || p.connect_state === "disconnected")
    const unbridged = yield* ctx.ops.listen("calling.call.connect", (p) => p.connect_state === "disconnected")
    const entered = yield* ctx.ops.command("calling.queue.enter", {
      control_id: controlId,
      queue_name: name,
      ...(spec.status_url === undefined ? {} : { status_url: spec.status_url })
    })
    if (Either.isLeft(entered)) {
      if (entered.left._tag === "Ended") return ENDED
      yield* ctx.append(Transcript.VerbFailed.make({ at: ctx.now(), ...where, verb: "enter_queue", detail: entered.left.detail }))
      yield* finish("failed", undefined)
      return NEXT
    }
    const entry = yield* entering
    if (Either.isRight(entry)) {
      entryPosition = num(entry.right.position) ?? -1
      entrySize = num(entry.right.size) ?? -1
    }
    yield* queued("enqueued")

    // While it waits: the wait_url media (no audio in the sandbox: the play and its entry).
    const holdId = Sim.uuid()
    if (spec.wait_url !== undefined) {
      const playing = yield* ctx.ops.command("calling.play", { control_id: holdId, play: [{ type: "audio", params: { url: spec.wait_url } }] })
      if (Either.isRight(playing)) yield* ctx.append(Transcript.Played.make({ at: ctx.now(), by: "swml", kind: "audio", url: spec.wait_url }))
    }
    const seconds = num(spec.wait_time) ?? DEFAULT_WAIT_SECONDS
    const taken = yield* Effect.timeoutTo(out, { duration: Duration.seconds(seconds), onTimeout: () => undefined, onSuccess: (o) => o })
    if (spec.wait_url !== undefined) yield* Effect.ignore(ctx.ops.command("calling.play.stop", { control_id: holdId }))
    const waited = ctx.now() - enteredAt
    if (taken === undefined) {
      // Out of time: out of the queue, on to the next instruction.
      yield* ctx.ops.command("calling.queue.leave", { control_id: controlId, queue_name: name })
      yield* queued("timeout")
      yield* finish("timeout", waited)
      return NEXT
    }
    if (Either.isLeft(taken)) {
      yield* queued("hangup")
      return ENDED
    }
    if (taken.right.status === "leave") {
      // Taken out of the queue by another hand (a RELAY `calling.queue.leave`): on to the next instruction.
      yield* queued("leave")
      yield* finish("leaving", waited)
      return NEXT
    }
    // Taken from the queue: bridged until the bridge ends.
    const link = yield* linked
    if (Either.isLeft(link) || ctx.ops.state() === "ending" || ctx.ops.state() === "ended") return ENDED
    yield* queued("bridged")
    yield* finish("connected", waited)
    if (link.right.connect_state === "connected") {
      const ended = yield* unbridged
      if (Either.isLeft(ended) || ctx.ops.state() === "ending" || ctx.ops.state() === "ended") return ENDED
    }
    return { _tag: "TransferTo", dest: spec.transfer_after_bridge } as const
  }))
