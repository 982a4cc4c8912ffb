/**
 * Recording (§8.6, §9.4, `calling.record`): pause, resume and stop; the recording is saved
 * (`finished` with url, duration and size) when it is stopped or the call ends, and ends by itself
 * as on the platform: `no_input` when the far end says nothing within `initial_timeout` (default
 * 5 s), `finished` when `end_silence_timeout` (default 1 s) of silence follows its speech. The
 * far end's speech comes from the script (`CallScript.recording`), in recorded time: a pause
 * stops the clock of the recording, and with it the timeouts.
 */
import * as Duration from "effect/Duration"
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
  sub,
  type Timer
} from "./model.js"
import type { Recording } from "./script.js"

const DEFAULT_INITIAL_TIMEOUT_SECONDS = 5
const DEFAULT_END_SILENCE_TIMEOUT_SECONDS = 1

type Ending = { readonly at: number; readonly state: "finished" | "no_input" }

/**
 * When (in milliseconds of recording) and how a recording ends by itself: `no_input` at
 * `initial_timeout` unless the far end starts speaking before it, else `finished` once
 * `end_silence_timeout` of silence follows its speech; a timeout of 0 is off. None: it runs
 * until it is stopped or the call ends.
 */
const endingOf = (recording: Recording, audio: JsonObject): Ending | undefined => {
  const seconds = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback) * 1000
  const initial = seconds(audio.initial_timeout, DEFAULT_INITIAL_TIMEOUT_SECONDS)
  const endSilence = seconds(audio.end_silence_timeout, DEFAULT_END_SILENCE_TIMEOUT_SECONDS)
  const speech = recording.speech
  if (speech === undefined || (initial > 0 && speech.from >= initial)) {
    return initial > 0 ? { at: initial, state: "no_input" } : undefined
  }
  return Number.isFinite(speech.to) && endSilence > 0 ? { at: speech.to + endSilence, state: "finished" } : undefined
}

export const make = <S extends SimSession>(core: Core<S>) => {
  const { event, register, removeAction, schedule } = core
  const now = core.env.now

  const startRecord = (call: Call<S>, params: JsonObject): Step => {
    const controlId = params.control_id as string
    const record = params.record as JsonObject
    const audio = W.isObject(record.audio) ? record.audio : {}
    const scripted = call.far.recording
    const url = scripted.url ?? `https://sandbox.invalid/recordings/${controlId}.${audio.format === "wav" ? "wav" : "mp3"}`
    const ending = endingOf(scripted, audio)
    let recordedMs = 0
    let startedAt = 0
    let timer: Timer | undefined
    let done = false
    let action: Action | undefined
    const emit = (state: string, extra: JsonObject = {}) => {
      if (action !== undefined) action.state = state
      event(call, "calling.call.record", { control_id: controlId, state, ...extra })
    }
    /** Starts (or resumes) the recording's clock, towards the end it comes to by itself. */
    const run = () => {
      startedAt = now()
      if (ending !== undefined) timer = schedule(Duration.millis(Math.max(0, ending.at - recordedMs)), () => finish(ending.state))
    }
    /** Saves the recording: by itself (`state`), or when it is stopped or the call ends. */
    const finish = (state?: Ending["state"]) => {
      if (done || action === undefined) return
      done = true
      timer?.cancel()
      if (action.state === "recording") recordedMs += now() - startedAt
      removeAction(call, action)
      if ((state ?? (scripted.noInput ? "no_input" : "finished")) === "no_input") return emit("no_input")
      const duration = scripted.duration ?? recordedMs / 1000
      const size = scripted.size ?? Math.round(duration * BYTES_PER_SECOND)
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
            timer?.cancel()
            recordedMs += now() - startedAt
            emit("paused")
          })
        }],
        ["calling.record.resume", () =>
          ok("Resumed", ids, () => {
            if (action?.state !== "paused") return
            emit("recording")
            run()
          })],
        ["calling.record.stop", () => ok("Stopped", ids, () => finish())]
      ]),
      callEnded: () => finish()
    })
    return ok("Recording", { ...ids, url }, () => {
      emit("recording", { record })
      run()
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
