/**
 * What the far end of a simulated call does: whether it answers, how long it rings, what it says
 * to a collect, what a detect finds, how recordings, faxes and payments turn out. The sandbox
 * looks a script up by destination when it dials (`calls.script`), falls back to the default
 * script (`calls.scriptDefault`), and takes the caller's script for an inbound call
 * (`calls.inbound`).
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"

/**
 * What the far end does when it is dialled (`calling.dial`, `calling.connect`, `calling.begin`):
 * it answers, or the leg ends with end reason `busy`, `noAnswer`, `decline` or (for `"failed"`)
 * `error`.
 *
 * @example
 * ```ts
 * import type { CallScript } from "@signalwire-effect/sandbox"
 *
 * const busy: CallScript.Outcome = "busy"
 * ```
 * @since 0.1.0
 */
export type Outcome = "answer" | "busy" | "noAnswer" | "decline" | "failed"

/**
 * One answer of the far end to a collect (`calling.collect`, `calling.play_and_collect`):
 *
 * - `{ digits, terminator? }` → result `{type: "digit", params: {digits, terminator}}`. When no
 *   `terminator` is given and the last digit is one of the collect's `terminators`, it is split
 *   off as the terminator.
 * - `{ speech, confidence? }` → result `{type: "speech", params: {text, confidence}}` (confidence
 *   defaults to 0.9).
 * - `"noInput"` → state and result `no_input`; `"noMatch"` → state and result `no_match`.
 *
 * Digits offered to a collect that only listens for speech (or speech to a digits-only collect)
 * give `no_match`.
 *
 * @example
 * ```ts
 * import type { CallScript } from "@signalwire-effect/sandbox"
 *
 * const inputs: ReadonlyArray<CallScript.CollectInput> = [{ digits: "1" }, { speech: "sales", confidence: 0.8 }, "noInput"]
 * ```
 * @since 0.1.0
 */
export type CollectInput =
  | { readonly digits: string; readonly terminator?: string | undefined }
  | { readonly speech: string; readonly confidence?: number | undefined }
  | "noInput"
  | "noMatch"

/**
 * The far end of a simulated call. Every field is optional; the defaults make a call that
 * answers after 20 ms and never hangs up by itself.
 *
 * @example
 * ```ts
 * import { RelaySandbox, type CallScript } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const voicemail: CallScript.CallScript = { ringFor: "2 seconds", machine: "MACHINE", hangupAfter: "30 seconds" }
 *
 * const program = Effect.gen(function* () {
 *   const sandbox = yield* RelaySandbox.RelaySandbox
 *   yield* sandbox.calls.script("+15551230001", voicemail)
 *   yield* sandbox.calls.script("+15551230002", { outcome: "busy" })
 * })
 * ```
 * @since 0.1.0
 */
export interface CallScript {
  /**
   * The `call_id` the call gets instead of a random one: the leg dialled to this destination
   * (`calling.dial`, `calling.connect`, `calling.begin`), or the call when this party calls in
   * (`calls.inbound`, unless it names its own `callId`). A call in progress keeps its id to
   * itself: a dial that would give it to a second call is refused with `{"code":"409"}`; an
   * ended call gives it up.
   */
  readonly callId?: string | undefined
  /** What the far end does when dialled (calling.dial) or connected to (calling.connect). Default "answer". */
  readonly outcome?: Outcome | undefined
  /** Ringing time before the outcome. Default "20 millis". A device's `timeout` caps it (the leg then ends `noAnswer`). */
  readonly ringFor?: Duration.DurationInput | undefined
  /** The far end hangs up this long after the call is answered. Default: never. */
  readonly hangupAfter?: Duration.DurationInput | undefined
  /** How long each media item of play / play_and_collect plays. Default "20 millis". */
  readonly playFor?: Duration.DurationInput | undefined
  /** What a machine detection finds. Default "HUMAN". */
  readonly machine?: "HUMAN" | "MACHINE" | "UNKNOWN" | undefined
  /** What a fax detection finds. Default "CED". */
  readonly faxTone?: "CED" | "CNG" | undefined
  /** What a digit detection finds. Default: nothing (the detection finishes at its timeout). */
  readonly detectDigits?: string | undefined
  /** Inputs for successive collects (calling.collect / play_and_collect), consumed in order; when exhausted: "noInput". */
  readonly inputs?: ReadonlyArray<CollectInput> | undefined
  /**
   * What the far end says to a recording (`calling.record`), and how the recording turns out.
   * The far end is silent for `speakAfter` (default 0), speaks for `speakFor` (default 1 second;
   * `Infinity` or `Duration.infinity`: until the recording is stopped), then is silent again;
   * both count recorded time, so a pause stops them. As on the platform, a recording that hears
   * no speech within its `initial_timeout` (default 5 s) ends with state `no_input`, and one
   * where silence follows speech ends after `end_silence_timeout` (default 1 s) with `finished`
   * (a timeout of 0 turns that end off). `"noInput"`: the far end says nothing, so the recording
   * ends `no_input` at its `initial_timeout`, or when it is stopped.
   *
   * The `finished` event carries `url` (default
   * `"https://sandbox.invalid/recordings/<control_id>.mp3"`, `.wav` for `format: "wav"`),
   * `duration` (default: the seconds recorded) and `size` (default: its bytes at 16 000 per
   * second).
   */
  readonly recording?:
    | {
      readonly url?: string | undefined
      readonly duration?: number | undefined
      readonly size?: number | undefined
      readonly speakAfter?: Duration.DurationInput | undefined
      readonly speakFor?: Duration.DurationInput | undefined
    }
    | "noInput"
    | undefined
  /**
   * Fax outcome: pages transferred, or an error. Default `{ pages: 1 }`. For a caller, what it sends
   * to a fax received by SWML `receive_fax` or cXML `<Receive>`; for a project number sending a
   * compat fax to another number of the project, the pages of its document.
   */
  readonly fax?: { readonly pages: number } | { readonly error: string } | undefined
  /**
   * Payment outcome of `calling.pay` (RELAY, SWML `pay`). Default "success". A cXML `<Pay>` is
   * keyed in from `inputs` and decided by its payment connector instead.
   */
  readonly payment?: "success" | "error" | undefined
  /**
   * Transcription result (calling.transcribe; its `text` is also what a cXML `<Record transcribe>`
   * of this party's speech reads, `failed` without one). Default url
   * "https://sandbox.invalid/transcriptions/<control_id>.wav".
   */
  readonly transcription?: { readonly url?: string | undefined; readonly text?: string | undefined; readonly duration?: number | undefined } | undefined
  /**
   * calling.dial only: "reply" (default) or "drop": run the dial (legs appear as usual) but never
   * send the JSON-RPC reply, as the platform does when it reports response_timeout yet creates
   * the call anyway.
   */
  readonly dialReply?: "reply" | "drop" | undefined
}
