/**
 * Media on a call (§9.4–9.6): `calling.play` with pause / resume / volume, `calling.collect` and
 * `calling.play_and_collect` answered from the script's inputs or `calls.input`, and
 * `calling.detect` with the scripted machine, fax tone or digits. Plays last the script's
 * `playFor` per media item; scripted input is "pressed" shortly after a collect starts.
 */
import * as Duration from "effect/Duration"
import type { CollectInput } from "../../CallScript.js"
import type { SimSession } from "../sim.js"
import * as W from "../wire.js"
import type { Core } from "./core.js"
import {
  type Action,
  actionIds,
  type Call,
  invalid,
  type JsonObject,
  type Methods,
  ok,
  startSpec,
  type Step,
  str,
  sub,
  type Timer
} from "./model.js"

const DEFAULT_INITIAL_TIMEOUT_SECONDS = 4
const DEFAULT_DETECT_TIMEOUT_SECONDS = 30
/** Scripted input is "pressed" this long after the collect starts, so an IVR runs fast. */
const INPUT_DELAY = Duration.millis(10)
const DETECT_DELAY = Duration.millis(20)

/** The far end's answer to a collect, as the events to send. */
const collectEvents = (spec: JsonObject, input: CollectInput): ReadonlyArray<JsonObject> => {
  if (input === "noInput") return [{ state: "no_input", result: { type: "no_input" } }]
  if (input === "noMatch") return [{ state: "no_match", result: { type: "no_match" } }]
  const startOfInput = spec.send_start_of_input === true
    ? [{ state: "collecting", result: { type: "start_of_input" } }]
    : []
  if ("digits" in input) {
    if (!W.isObject(spec.digits)) return [{ state: "no_match", result: { type: "no_match" } }]
    const terminators = str(spec.digits.terminators) ?? ""
    let digits = input.digits
    let terminator = input.terminator ?? ""
    const last = digits.at(-1)
    if (input.terminator === undefined && last !== undefined && terminators.includes(last)) {
      digits = digits.slice(0, -1)
      terminator = last
    }
    const max = spec.digits.max
    if (typeof max === "number" && max > 0 && digits.length > max) digits = digits.slice(0, max)
    return [...startOfInput, {
      state: "finished",
      result: { type: "digit", params: { digits, terminator } },
      final: true
    }]
  }
  if (!W.isObject(spec.speech)) return [{ state: "no_match", result: { type: "no_match" } }]
  const text = input.speech
  const words = text.trim().split(/\s+/)
  const prefix = words.length > 1 ? words.slice(0, Math.ceil(words.length / 2)).join(" ") : text.slice(0, Math.ceil(text.length / 2))
  const partial = spec.partial_results === true
    ? [{ result: { type: "speech", params: { text: prefix } }, final: false }]
    : []
  return [...startOfInput, ...partial, {
    state: "finished",
    result: { type: "speech", params: { text, confidence: input.confidence ?? 0.9 } },
    final: true
  }]
}

export const make = <S extends SimSession>(core: Core<S>) => {
  const { event, register, removeAction, schedule } = core

  interface Playback {
    readonly state: () => "playing" | "paused" | "finished"
    readonly start: () => void
    readonly pause: () => void
    readonly resume: () => void
    /** Ends it now with `finished` (no-op if it already ended). */
    readonly finish: () => void
    /** Stops it without an event (the call ended). */
    readonly cancel: () => void
  }

  const playback = (call: Call<S>, controlId: string, items: number, loop: number, onFinished: () => void): Playback => {
    let remaining = loop === 0 ? Number.POSITIVE_INFINITY : Duration.toMillis(call.far.playFor) * items * loop
    let startedAt = 0
    let timer: Timer | undefined
    let state: "playing" | "paused" | "finished" = "playing"
    const emit = (next: typeof state) => {
      state = next
      event(call, "calling.call.play", { control_id: controlId, state: next })
    }
    const arm = () => {
      startedAt = core.env.now()
      if (Number.isFinite(remaining)) timer = schedule(Duration.millis(remaining), finish)
    }
    const finish = () => {
      if (state === "finished") return
      timer?.cancel()
      emit("finished")
      onFinished()
    }
    return {
      state: () => state,
      start: () => {
        emit("playing")
        arm()
      },
      pause: () => {
        if (state !== "playing") return
        timer?.cancel()
        remaining = Math.max(0, remaining - (core.env.now() - startedAt))
        emit("paused")
      },
      resume: () => {
        if (state !== "paused") return
        emit("playing")
        arm()
      },
      finish,
      cancel: () => {
        timer?.cancel()
        state = "finished"
      }
    }
  }

  const volume = (params: JsonObject): Step | undefined => {
    const problem = W.fields(params, { volume: W.req(W.number) })
    return problem === undefined ? undefined : invalid(problem)
  }

  const startPlay = (call: Call<S>, params: JsonObject): Step => {
    const controlId = params.control_id as string
    const items = (params.play as ReadonlyArray<unknown>).length
    const loop = typeof params.loop === "number" ? params.loop : 1
    let action: Action | undefined
    const play = playback(call, controlId, items, loop, () => {
      if (action !== undefined) removeAction(call, action)
    })
    const sync = () => {
      if (action !== undefined) action.state = play.state()
    }
    const ids = actionIds(call, controlId)
    action = register(call, {
      controlId,
      method: "calling.play",
      state: "playing",
      subs: new Map([
        ["calling.play.pause", () =>
          ok("Paused", ids, () => {
            play.pause()
            sync()
          })],
        ["calling.play.resume", () =>
          ok("Resumed", ids, () => {
            play.resume()
            sync()
          })],
        ["calling.play.stop", () => ok("Stopped", ids, play.finish)],
        ["calling.play.volume", (p: JsonObject) => volume(p) ?? ok("Volume changed", ids)]
      ]),
      callEnded: play.cancel
    })
    return ok("Playing", ids, play.start)
  }

  /** calling.collect and calling.play_and_collect: one collect, optionally behind a prompt. */
  const startCollect = (call: Call<S>, controlId: string, spec: JsonObject, prompt: { readonly items: number } | undefined) => {
    let phase: "waiting" | "claimed" | "done" = "waiting"
    let timer: Timer | undefined
    let action: Action | undefined
    const initialTimeout = Duration.seconds(
      typeof spec.initial_timeout === "number" ? spec.initial_timeout : DEFAULT_INITIAL_TIMEOUT_SECONDS
    )
    const armNoInput = () => {
      timer?.cancel()
      timer = schedule(initialTimeout, () => complete("noInput"))
    }
    const play = prompt === undefined ? undefined : playback(call, controlId, prompt.items, 1, () => {
      if (phase === "waiting") armNoInput()
    })
    const playing = () => play !== undefined && play.state() !== "finished"
    const finishWith = (events: ReadonlyArray<JsonObject>) => {
      phase = "done"
      timer?.cancel()
      if (action !== undefined) removeAction(call, action)
      play?.finish()
      for (const params of events) event(call, "calling.call.collect", { control_id: controlId, ...params })
    }
    const complete = (input: CollectInput) => {
      if (phase !== "done") finishWith(collectEvents(spec, input))
    }
    const begin = () => {
      play?.start()
      const input = call.pendingInputs.shift() ?? call.scriptInputs.shift()
      if (input !== undefined) {
        phase = "claimed"
        timer = schedule(INPUT_DELAY, () => complete(input))
      } else if (!playing()) armNoInput()
    }
    const ids = actionIds(call, controlId)
    const stop = () => ok("Stopped", ids, () => {
      if (phase !== "done") finishWith([{ state: "finished", result: { type: "no_input" } }])
    })
    const startTimers = () =>
      ok("Input timers started", ids, () => {
        if (phase === "waiting" && !playing()) armNoInput()
      })
    const method = prompt === undefined ? "calling.collect" : "calling.play_and_collect"
    const subs: Array<readonly [string, (params: JsonObject) => Step]> = prompt === undefined
      ? [["calling.collect.stop", stop], ["calling.collect.start_input_timers", startTimers]]
      : [
        ["calling.play_and_collect.stop", stop],
        ["calling.play_and_collect.volume", (p) => volume(p) ?? ok("Volume changed", ids)],
        ["calling.collect.start_input_timers", startTimers]
      ]
    action = register(call, {
      controlId,
      method,
      state: "collecting",
      subs: new Map(subs),
      callEnded: () => {
        phase = "done"
        timer?.cancel()
        play?.cancel()
      },
      offer: (input) => {
        if (phase !== "waiting") return false
        complete(input)
        return true
      }
    })
    return ok(prompt === undefined ? "Collecting" : "Playing and collecting", ids, begin)
  }

  const startDetect = (call: Call<S>, params: JsonObject): Step => {
    const controlId = params.control_id as string
    const detect = params.detect as JsonObject
    const type = detect.type as "machine" | "fax" | "digit"
    const timeout = Duration.seconds(typeof params.timeout === "number" ? params.timeout : DEFAULT_DETECT_TIMEOUT_SECONDS)
    let timer: Timer | undefined
    let action: Action | undefined
    const emit = (extra: JsonObject) => event(call, "calling.call.detect", { control_id: controlId, ...extra })
    const found = (value: string) => emit({ detect: { type, params: { event: value } } })
    const finish = () => {
      if (action === undefined || call.actions.get(controlId) !== action) return
      timer?.cancel()
      removeAction(call, action)
      emit({ state: "finished" })
    }
    const run = () => {
      switch (type) {
        case "machine":
          found(call.far.machine)
          if (call.far.machine === "MACHINE") found("READY")
          return finish()
        case "fax":
          found(call.far.faxTone)
          return finish()
        case "digit":
          if (call.far.detectDigits === undefined) {
            timer = schedule(timeout, finish)
            return
          }
          found(call.far.detectDigits)
          return finish()
      }
    }
    const ids = actionIds(call, controlId)
    action = register(call, {
      controlId,
      method: "calling.detect",
      state: "detecting",
      subs: new Map([["calling.detect.stop", () => ok("Stopped", ids, finish)]]),
      callEnded: () => timer?.cancel(),
      digits: type === "digit" ? (digits) => found(digits) : undefined
    })
    return ok("Detecting", ids, () => {
      timer = schedule(DETECT_DELAY, run)
    })
  }

  const methods: Methods<S> = [
    ["calling.play", startSpec({
      play: W.req(W.playlist),
      volume: W.opt(W.number),
      direction: W.opt(W.string),
      loop: W.opt(W.nonNegativeInt)
    }, startPlay)],
    ["calling.play.pause", sub()],
    ["calling.play.resume", sub()],
    ["calling.play.stop", sub()],
    ["calling.play.volume", sub()],

    ["calling.collect", startSpec({}, (call, p) => startCollect(call, p.control_id as string, p, undefined), W.collectSpec)],
    ["calling.collect.stop", sub()],
    ["calling.collect.start_input_timers", sub()],

    ["calling.play_and_collect", startSpec({
      play: W.req(W.playlist),
      collect: W.req(W.collectSpec),
      volume: W.opt(W.number)
    }, (call, p) =>
      startCollect(call, p.control_id as string, p.collect as JsonObject, {
        items: (p.play as ReadonlyArray<unknown>).length
      }))],
    ["calling.play_and_collect.stop", sub()],
    ["calling.play_and_collect.volume", sub()],

    ["calling.detect", startSpec({ detect: W.req(W.detectSpec), timeout: W.opt(W.nonNegative) }, startDetect)],
    ["calling.detect.stop", sub()]
  ]

  return { methods }
}
