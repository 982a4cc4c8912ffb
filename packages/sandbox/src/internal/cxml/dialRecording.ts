/**
 * What a cXML `<Dial>` does besides bridging:
 *
 * - `record` (`record-from-answer`, `record-from-ringing`, and their `-dual` variants): the call is
 *   recorded (`calling.record`, both directions, stereo for `-dual`) from the bridge (answer) or
 *   from the dial (ringing) until the dial ends; the recording is one of the project's (and so a
 *   compat recording). `recordingStatusCallback` (by `recordingStatusCallbackMethod`) gets the
 *   statuses named in `recordingStatusCallbackEvent` (`in-progress`, `completed`; default
 *   `completed`) with `RecordingSource` `DialVerb`; the `action` gets `RecordingUrl`.
 * - `hangupOnStar`: while bridged, the caller's script pressing `*` (its next `CallScript.inputs`
 *   entry) hangs up the far leg; the document goes on.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Transcript from "../../Transcript.js"
import * as Sim from "../sim.js"
import type { CxmlContext } from "./context.js"
import * as R from "./request.js"
import { methodOf, str } from "./verbs.js"

export const RECORD_MODES: ReadonlySet<string> = new Set([
  "do-not-record",
  "record-from-answer",
  "record-from-ringing",
  "record-from-answer-dual",
  "record-from-ringing-dual"
])

export interface DialRecording {
  /** When it starts: at the dial (`ringing`) or at the bridge (`answer`). */
  readonly from: "ringing" | "answer"
  readonly start: Effect.Effect<void>
  /** Stops it (if it started) and posts `completed`: the action's `RecordingUrl`. */
  readonly stop: Effect.Effect<string | undefined>
}

/** The `<Dial record>` recording, or nothing for `do-not-record`. */
export const make = (x: CxmlContext, a: Readonly<Record<string, string | undefined>>, base: string | undefined): DialRecording | undefined => {
  const mode = a.record ?? "do-not-record"
  if (mode === "do-not-record") return undefined
  const dual = mode.endsWith("-dual")
  const controlId = Sim.uuid()
  const callback = a.recordingStatusCallback === undefined ? undefined : R.resolve(a.recordingStatusCallback, base)
  const events = (a.recordingStatusCallbackEvent ?? "completed").split(/[\s,]+/)
  let started = false
  let startedAt = 0
  let waiting: Effect.Effect<Either.Either<Readonly<Record<string, unknown>>, unknown>> | undefined

  const post = (status: string, extra: Readonly<Record<string, string>>) =>
    callback === undefined || !events.includes(status)
      ? Effect.void
      : Effect.asVoid(R.send(x, "status_callback", callback, methodOf(a.recordingStatusCallbackMethod), {
        AccountSid: x.accountSid,
        CallSid: x.callId,
        RecordingSid: controlId,
        RecordingStatus: status,
        RecordingChannels: dual ? "2" : "1",
        RecordingSource: "DialVerb",
        RecordingStartTime: new Date(startedAt).toUTCString().replace(/GMT$/, "+0000"),
        ...extra
      }))

  const start = Effect.gen(function*() {
    if (started) return
    started = true
    startedAt = x.now()
    waiting = yield* x.ops.listen("calling.call.record", (p) => p.control_id === controlId && (p.state === "finished" || p.state === "no_input"))
    const ok = x.command("calling.record", {
      control_id: controlId,
      // Until it is stopped: no end by silence.
      record: { audio: { format: "wav", direction: "both", stereo: dual, initial_timeout: 0, end_silence_timeout: 0 } }
    })
    if (!ok) {
      waiting = undefined
      return
    }
    yield* post("in-progress", {})
  })

  const stop = Effect.gen(function*() {
    if (waiting === undefined) return undefined
    x.command("calling.record.stop", { control_id: controlId })
    const done = yield* waiting
    if (Either.isLeft(done)) return undefined
    const url = str(done.right.url)
    const duration = typeof done.right.duration === "number" ? done.right.duration : 0
    yield* x.append(Transcript.Recorded.make({ at: x.now(), result: url === undefined ? "failed" : "success", url, duration }))
    if (url === undefined) return undefined
    yield* post("completed", { RecordingUrl: url, RecordingDuration: String(Math.round(duration)) })
    return url
  })

  return { from: mode.startsWith("record-from-ringing") ? "ringing" : "answer", start, stop }
}

/**
 * `hangupOnStar`: collects the caller's digits one at a time while bridged; a `*` hangs up the far
 * leg `peer`. Ends when the call does; never fails.
 */
export const hangupOnStar = (x: CxmlContext, peer: () => string | undefined): Effect.Effect<void> =>
  Effect.gen(function*() {
    // A bound on the presses looked at (a script is finite).
    for (let n = 0; n < 1_000; n++) {
      const done = yield* x.ops.run(
        "calling.collect",
        { initial_timeout: 14_400, digits: { max: 1, digit_timeout: 14_400 } },
        "calling.call.collect",
        (p) => p.final !== false && p.state !== "collecting"
      )
      if (Either.isLeft(done)) return
      const result = done.right.result as { readonly type?: string; readonly params?: Readonly<Record<string, unknown>> } | undefined
      if (result?.type !== "digit") continue
      const digits = str(result.params?.digits) ?? ""
      yield* x.append(Transcript.PromptResult.make({ at: x.now(), result: "match_digits", value: digits }))
      const leg = peer()
      if (digits.includes("*") && leg !== undefined) return yield* x.hangup(leg, "hangup")
    }
  })
