/**
 * `connect`: dials the destinations through the call simulation (`calling.connect`: a single
 * `to`, `serial`, `parallel` or `serial_parallel`; phone numbers, SIP URIs and `queue:<name>`,
 * which takes the first caller waiting in that queue, or fails when none is), each leg
 * answering as its `CallScript` says, and bridges the first to answer. The verb lasts until the
 * bridge ends (the peer hangs up); then `connect_result` (and `return_value`) is `connected`, or
 * `failed` with `connect_failed_reason`, and `transfer_after_bridge` (connected) or `result` runs.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { RelayFrame } from "@signalwire-effect/relay"
import type * as Swml from "@signalwire-effect/swml/Swml"
import * as Transcript from "../../Transcript.js"
import { NODE_ID } from "../calls/model.js"
import type { RunContext } from "./context.js"
import type { Outcome } from "./verbs.js"

type JsonObject = RelayFrame.JsonObject

interface Destination {
  readonly to: string
  readonly from?: string | undefined
  readonly timeout?: number | string | undefined
}

const DEFAULT_TIMEOUT_SECONDS = 60
const E164 = /^\+?[0-9]{3,15}$/

/** The destinations as serial groups of parallel ones. */
const groupsOf = (spec: Swml.Verbs["connect"]): ReadonlyArray<ReadonlyArray<Destination>> => {
  if ("serial_parallel" in spec) return spec.serial_parallel
  if ("serial" in spec) return spec.serial.map((d) => [d])
  if ("parallel" in spec) return [spec.parallel]
  return [[spec]]
}

const deviceOf = (d: Destination, from: string, timeout: number): Either.Either<JsonObject, string> => {
  const seconds = typeof d.timeout === "number" ? d.timeout : typeof d.timeout === "string" && d.timeout !== "" ? Number(d.timeout) : timeout
  if (d.to.startsWith("queue:") && d.to.length > "queue:".length) return Either.right({ type: "queue", params: { node_id: NODE_ID, queue_name: d.to.slice("queue:".length) } })
  if (d.to.startsWith("sip:")) return Either.right({ type: "sip", params: { from: d.from ?? from, to: d.to, timeout: seconds } })
  if (E164.test(d.to)) return Either.right({ type: "phone", params: { from_number: d.from ?? from, to_number: d.to, timeout: seconds } })
  return Either.left(`the sandbox dials phone numbers, SIP URIs and queues, not ${JSON.stringify(d.to)}`)
}

export const connect = (ctx: RunContext, config: unknown): Effect.Effect<Outcome> =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["connect"]
    const groups = groupsOf(spec)
    const targets = groups.flat().map((d) => d.to)
    const timeout = typeof spec.timeout === "number" ? spec.timeout : DEFAULT_TIMEOUT_SECONDS
    const from = spec.from ?? ctx.info().from
    const devices = Either.all(groups.map((group) => Either.all(group.map((d) => deviceOf(d, from, timeout)))))
    const finish = (result: "connected" | "failed", peer: string | undefined, reason: string | undefined) =>
      Effect.gen(function*() {
        yield* ctx.append(Transcript.Connected.make({ at: ctx.now(), to: targets, result, peer, reason }))
        yield* ctx.vars.set({ connect_result: result, return_value: result, ...(reason === undefined ? {} : { connect_failed_reason: reason }) })
        return { _tag: "Result", result: spec.result, variable: "connect_result" } as const
      })
    if (Either.isLeft(devices)) return yield* finish("failed", undefined, devices.left)
    yield* ctx.ops.answer
    let peer: string | undefined
    const done = yield* ctx.ops.run(
      "calling.connect",
      { devices: devices.right },
      "calling.call.connect",
      (p) => {
        if (p.connect_state === "connected") {
          const about = p.peer as JsonObject | undefined
          peer = typeof about?.call_id === "string" ? about.call_id : ""
          return false
        }
        return p.connect_state === "failed" || p.connect_state === "disconnected"
      },
      false
    )
    if (Either.isLeft(done)) {
      if (done.left._tag === "Ended") return { _tag: "Stop", reason: "hangup", by: "far_end" } as const
      return yield* finish("failed", undefined, done.left.detail)
    }
    if (peer === undefined) return yield* finish("failed", undefined, "no destination answered")
    const after = yield* finish("connected", peer, undefined)
    // The bridge is over and the call is still up: on to `transfer_after_bridge`, when given.
    return spec.transfer_after_bridge === undefined ? after : { _tag: "TransferTo", dest: spec.transfer_after_bridge } as const
  })
