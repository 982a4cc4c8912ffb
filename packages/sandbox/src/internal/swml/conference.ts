/**
 * SWML `join_conference`, on the call simulation's conferences (the ones RELAY
 * `calling.join_conference` and cXML `<Dial><Conference>` join: a SWML caller meets the others).
 * The call joins with its flags (`muted`, `beep`, `start_on_enter`, `end_on_exit`, `coach`,
 * `max_participants`, `record` with its recording status callback); while the conference has not
 * started (no `start_on_enter` participant yet) the `wait_url` document runs; the verb lasts until
 * the call leaves the conference (it is removed over REST, the conference ends, or an
 * `end_on_exit` participant leaves). `status_callback` gets the `calling.conference` events named
 * in `status_callback_event` as JSON. Sets `join_conference_result` and `return_value`
 * (`completed`, or `failed` when the join is refused), then runs `result`.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import type { RelayFrame } from "@signalwire-effect/relay"
import type * as Swml from "@signalwire-effect/swml/Swml"
import * as Transcript from "../../Transcript.js"
import type { RunContext } from "./context.js"
import * as Http from "./http.js"
import type { Outcome, Where } from "./verbs.js"

type JsonObject = RelayFrame.JsonObject
type Spec = Omit<Swml.Verbs["join_conference"], "result">

const ENDED: Outcome = { _tag: "Stop", reason: "hangup", by: "far_end" }

/** `status_callback_event` names → the `calling.conference` statuses they select. */
const STATUSES: Readonly<Record<string, ReadonlyArray<string>>> = {
  start: ["conference-start"],
  end: ["conference-end"],
  join: ["participant-join"],
  leave: ["participant-leave"],
  mute: ["participant-mute", "participant-unmute"],
  hold: ["participant-hold", "participant-unhold"],
  modify: ["participant-modify"],
  speaker: ["participant-speech-start", "participant-speech-stop"]
}

/** The statuses posted to `status_callback`: those its events name; every one when none is named. */
const selected = (events: string | undefined): ((status: string) => boolean) => {
  const names = (events ?? "").split(/[\s,]+/).filter((e) => e !== "")
  if (names.length === 0) return () => true
  const statuses = new Set(names.flatMap((name) => STATUSES[name] ?? []))
  return (status) => statuses.has(status)
}

const bool = (value: unknown): boolean | undefined => value === undefined ? undefined : value === true || value === "true"
const num = (value: unknown): number | undefined => {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value
  return typeof n === "number" && Number.isFinite(n) ? n : undefined
}

/** The `calling.conference` params as RELAY has them (unset ones left out). */
const joinParams = (spec: Spec): JsonObject => {
  const entries: Record<string, JsonObject[string] | undefined> = {
    name: spec.name,
    muted: bool(spec.muted),
    beep: spec.beep,
    start_on_enter: bool(spec.start_on_enter),
    end_on_exit: bool(spec.end_on_exit),
    max_participants: num(spec.max_participants),
    record: spec.record,
    recording_status_callback: spec.recording_status_callback,
    recording_status_callback_method: spec.recording_status_callback_method,
    recording_status_callback_event: spec.recording_status_callback_event,
    coach: spec.coach
  }
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as JsonObject
}

/** Posts one conference event to `status_callback` (JSON; `GET`: its params in the query), in the background. */
const post = (ctx: RunContext, spec: Spec, params: JsonObject) => {
  const url = spec.status_callback!
  const event = {
    event_type: "calling.conference",
    event_channel: `swml:${ctx.callId}`,
    timestamp: ctx.now() / 1000,
    project_id: ctx.project,
    space_id: ctx.info().space_id,
    params
  }
  const query = () => {
    const target = new URL(url)
    for (const [k, v] of Object.entries(params)) if (v !== null && typeof v !== "object") target.searchParams.set(k, String(v))
    return target.toString()
  }
  ctx.background(Effect.asVoid(Http.exchange(ctx.http, spec.status_callback_method === "GET"
    ? { purpose: "status_callback", method: "GET", url: query(), signing: "call" }
    : { purpose: "status_callback", method: "POST", url, body: JSON.stringify(event), signing: "call" })))
}

/** Runs `join_conference`; `runWait` runs the `wait_url` document (its outcome does not matter). */
export const joinConference = (
  ctx: RunContext,
  spec: Spec,
  where: Where,
  result: Swml.Verbs["join_conference"]["result"],
  runWait: (url: string) => Effect.Effect<void>
): Effect.Effect<Outcome> =>
  Effect.scoped(Effect.gen(function*() {
    yield* ctx.ops.answer
    const wanted = selected(spec.status_callback_event)
    if (spec.status_callback !== undefined) {
      yield* ctx.ops.watch("calling.conference", (params) => {
        if (params.name === spec.name && wanted(String(params.status))) post(ctx, spec, params)
      })
    }
    // Listening before the join (its events are sent as it is answered); each wait in a fiber of its
    // own, so that a race over them does not stop the listening.
    const leaving = yield* ctx.ops.listen("calling.conference", (p) => p.status === "participant-leave" && p.call_id === ctx.callId)
    const starting = yield* ctx.ops.listen("calling.conference", (p) => p.status === "conference-start" && p.name === spec.name)
    const left = yield* Effect.forkScoped(leaving)
    const started = yield* Effect.forkScoped(starting)
    const joined = yield* ctx.ops.command("calling.join_conference", joinParams(spec))
    if (Either.isLeft(joined)) {
      if (joined.left._tag === "Ended") return ENDED
      yield* ctx.append(Transcript.VerbFailed.make({ at: ctx.now(), ...where, verb: "join_conference", detail: joined.left.detail }))
      yield* ctx.vars.set({ join_conference_result: "failed", return_value: "failed" })
      return { _tag: "Result", result, variable: "join_conference_result" } as const
    }
    yield* ctx.append(Transcript.Conferenced.make({ at: ctx.now(), name: spec.name }))
    // Not started yet: the wait document runs until a start_on_enter participant joins (or the call leaves).
    if (ctx.ops.conference()?.started === false && spec.wait_url !== undefined) {
      yield* Effect.raceFirst(Effect.zipRight(runWait(spec.wait_url), Effect.never), Effect.raceFirst(Fiber.join(started), Fiber.join(left)))
    }
    const out = yield* Fiber.join(left)
    if (Either.isLeft(out) || ctx.ops.state() === "ending" || ctx.ops.state() === "ended") return ENDED
    yield* ctx.vars.set({ join_conference_result: "completed", return_value: "completed" })
    return { _tag: "Result", result, variable: "join_conference_result" } as const
  }))
