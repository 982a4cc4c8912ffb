/**
 * Recording (P§9.4, `calling.record`): pause, resume and stop; the recording is saved (`finished`
 * with url, duration and size) when it is stopped or the call ends.
 */
import type { SimSession } from "../sim.js"
import * as W from "../wire.js"
import type { Core } from "./core.js"
import {
  type Action,
  actionIds,
  BYTES_PER_SECOND,
  type Call,
  invalid,
  type JsonObject,
  type Methods,
  ok,
  startSpec,
  type Step,
  sub
} from "./model.js"

export const make = <S extends SimSession>(core: Core<S>) => {
  const { event, register, removeAction } = core
  const now = core.env.now

  const startRecord = (call: Call<S>, params: JsonObject): Step => {
    const controlId = params.control_id as string
    const record = params.record as JsonObject
    const audio = W.isObject(record.audio) ? record.audio : {}
    const scripted = call.far.recording
    const url = (typeof scripted === "object" ? scripted.url : undefined) ??
      `https://sandbox.invalid/recordings/${controlId}.${audio.format === "wav" ? "wav" : "mp3"}`
    let recordedMs = 0
    let startedAt = 0
    let done = false
    let action: Action | undefined
    const emit = (state: string, extra: JsonObject = {}) => {
      if (action !== undefined) action.state = state
      event(call, "calling.call.record", { control_id: controlId, state, ...extra })
    }
    const finish = () => {
      if (done || action === undefined) return
      done = true
      if (action.state === "recording") recordedMs += now() - startedAt
      removeAction(call, action)
      if (scripted === "noInput") return emit("no_input")
      const duration = (typeof scripted === "object" ? scripted.duration : undefined) ?? recordedMs / 1000
      const size = (typeof scripted === "object" ? scripted.size : undefined) ?? Math.round(duration * BYTES_PER_SECOND)
      emit("finished", { url, duration, size, record: { url, duration, size } })
    }
    const ids = actionIds(call, controlId)
    action = register(call, {
      controlId,
      method: "calling.record",
      state: "recording",
      subs: new Map([
        ["calling.record.pause", (p: JsonObject) => {
          const problem = W.fields(p, { behavior: W.opt(W.string) })
          if (problem !== undefined) return invalid(problem)
          return ok("Paused", ids, () => {
            if (action?.state !== "recording") return
            recordedMs += now() - startedAt
            emit("paused")
          })
        }],
        ["calling.record.resume", () =>
          ok("Resumed", ids, () => {
            if (action?.state !== "paused") return
            startedAt = now()
            emit("recording")
          })],
        ["calling.record.stop", () => ok("Stopped", ids, finish)]
      ]),
      callEnded: finish
    })
    return ok("Recording", { ...ids, url }, () => {
      startedAt = now()
      emit("recording", { record })
    })
  }

  const methods: Methods<S> = [
    ["calling.record", startSpec({ record: W.req(W.recordSpec) }, startRecord)],
    ["calling.record.pause", sub()],
    ["calling.record.resume", sub()],
    ["calling.record.stop", sub()]
  ]

  return { methods }
}
