/**
 * Call scripts as the engine uses them: every duration decoded and every default filled in.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { CallScript, CollectInput, Outcome } from "../../CallScript.js"

const DEFAULT_RING = Duration.millis(20)
const DEFAULT_PLAY = Duration.millis(20)
const DEFAULT_SPEAK_FOR = Duration.seconds(1)

/** How recordings turn out. */
export interface Recording {
  readonly url: string | undefined
  readonly duration: number | undefined
  readonly size: number | undefined
  /** When the far end speaks, in milliseconds of recording; `to` may be Infinity. None: it is silent. */
  readonly speech: { readonly from: number; readonly to: number } | undefined
  /** `recording: "noInput"`: a recording stopped early ends with `no_input` too. */
  readonly noInput: boolean
}

/** A script with its durations decoded. */
export interface Far {
  readonly callId: string | undefined
  readonly outcome: Outcome
  readonly ringFor: Duration.Duration
  readonly hangupAfter: Duration.Duration | undefined
  readonly playFor: Duration.Duration
  readonly machine: "HUMAN" | "MACHINE" | "UNKNOWN"
  readonly faxTone: "CED" | "CNG"
  readonly detectDigits: string | undefined
  readonly inputs: ReadonlyArray<CollectInput>
  readonly recording: Recording
  readonly fax: NonNullable<CallScript["fax"]>
  readonly payment: "success" | "error"
  readonly transcription: CallScript["transcription"]
  readonly dialReply: "reply" | "drop"
}

const decodeDuration = (name: string, input: Duration.DurationInput | undefined, fallback: Duration.Duration | undefined) => {
  if (input === undefined) return Either.right(fallback)
  return Option.match(Duration.decodeUnknown(input), {
    onNone: () => Either.left(`${name}: not a duration: ${String(input)}`),
    onSome: (duration) => Either.right(duration)
  })
}

const resolveRecording = (recording: CallScript["recording"]): Either.Either<Recording, string> =>
  Either.gen(function*() {
    if (recording === "noInput") {
      return { url: undefined, duration: undefined, size: undefined, speech: undefined, noInput: true }
    }
    const after = yield* decodeDuration("recording.speakAfter", recording?.speakAfter, Duration.zero)
    const speakFor = yield* decodeDuration("recording.speakFor", recording?.speakFor, DEFAULT_SPEAK_FOR)
    const from = Duration.toMillis(after ?? Duration.zero)
    const to = from + Duration.toMillis(speakFor ?? DEFAULT_SPEAK_FOR)
    return {
      url: recording?.url,
      duration: recording?.duration,
      size: recording?.size,
      speech: to > from ? { from, to } : undefined,
      noInput: false
    }
  })

/** Decodes a script; the failure names the field that is wrong. */
export const resolveScript = (script: CallScript): Either.Either<Far, string> =>
  Either.gen(function*() {
    const ringFor = yield* decodeDuration("ringFor", script.ringFor, DEFAULT_RING)
    const hangupAfter = yield* decodeDuration("hangupAfter", script.hangupAfter, undefined)
    const playFor = yield* decodeDuration("playFor", script.playFor, DEFAULT_PLAY)
    if (script.callId !== undefined && script.callId.length === 0) yield* Either.left("callId: must not be empty")
    const recording = yield* resolveRecording(script.recording)
    return {
      callId: script.callId,
      outcome: script.outcome ?? "answer",
      ringFor: ringFor ?? DEFAULT_RING,
      hangupAfter,
      playFor: playFor ?? DEFAULT_PLAY,
      machine: script.machine ?? "HUMAN",
      faxTone: script.faxTone ?? "CED",
      detectDigits: script.detectDigits,
      inputs: script.inputs ?? [],
      recording,
      fax: script.fax ?? { pages: 1 },
      payment: script.payment ?? "success",
      transcription: script.transcription,
      dialReply: script.dialReply ?? "reply"
    }
  })

/** Decodes a script given through the Effect API: a bad duration is the test's bug (a defect). */
export const resolveOrDie = (script: CallScript): Effect.Effect<Far> =>
  Either.match(resolveScript(script), {
    onLeft: (reason) => Effect.dieMessage(`Invalid call script: ${reason}`),
    onRight: Effect.succeed
  })

export const DEFAULT_FAR: Far = Either.getOrThrow(resolveScript({}))
