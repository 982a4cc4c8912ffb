/**
 * What a cXML run on one call works with: everything a SWML run has (`RunContext`: the call, its
 * transcript, HTTP, the operations on the call) and what cXML needs besides — the compat account,
 * the call's `Direction`, commands that do not wait, the end reason of the last leg it dialled,
 * RELAY routing for `<Dial><Number>`, and the compat queue sids.
 */
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type { RelayFrame } from "@signalwire-effect/relay"
import type * as Transcript from "../../Transcript.js"
import type { FaxDesk, TranscribeRecording } from "../rest/server.js"
import type { RunContext } from "../swml/context.js"

/** Where a cXML document comes from: a URL (fetched as the platform fetches it) or its text. */
export type CxmlSource =
  | {
    readonly _tag: "Url"
    readonly url: string
    readonly method: "GET" | "POST"
    /**
     * Requested, with the same parameters, when a document of the run cannot be fetched (unreachable,
     * non-2xx) or read (not cXML): a compat `FallbackUrl`, a number's or application's `VoiceFallbackUrl`.
     */
    readonly fallback?: { readonly url: string; readonly method: "GET" | "POST" } | undefined
  }
  | { readonly _tag: "Text"; readonly text: string }

/** How a RELAY leg of a `<Dial>` ended up. */
export type LegOutcome = "answered" | "ended" | "timeout"

export interface CxmlContext extends RunContext {
  /** The compat `AccountSid` (the project). */
  readonly accountSid: string
  /** The call's compat `Direction`: `inbound`, `outbound-api` or `outbound-dial`. */
  readonly direction: () => string
  /** Runs a `calling.*` method on the call without waiting for its events; false when it was refused. */
  readonly command: (method: string, params: RelayFrame.JsonObject) => boolean
  /** The end reason of the last leg a `calling.connect` of this call dialled (busy, noAnswer…). */
  readonly lastLegReason: () => string | undefined
  /**
   * A number of the project bound to a RELAY context that a session receives: an inbound call to it
   * is offered there (its call id); `undefined` when the number is not routed to a RELAY client.
   */
  readonly relayLeg: (from: string, to: string) => Effect.Effect<string | undefined>
  /** Waits until the call is answered or ended, or the time is up. */
  readonly waitAnswered: (callId: string, timeout: Duration.Duration) => Effect.Effect<LegOutcome>
  /** The end reason of a call (`undefined` while it is in progress). */
  readonly endReasonOf: (callId: string) => string | undefined
  /** Ends another call of the simulation. */
  readonly hangup: (callId: string, reason: string) => Effect.Effect<void>
  /** The compat sid of the queue of this name, if one exists. */
  readonly queueSidOf: (name: string) => string | undefined
  /** Whether the compat queue of this name is full (its `MaxSize` reached). */
  readonly queueFull: (name: string) => boolean
  /** Inbound compat faxes (`<Receive>`). */
  readonly faxes: FaxDesk
  /** The fax this call is, when it came to a number in fax mode (`VoiceReceiveMode` `fax`). */
  readonly faxSid: () => string | undefined
  /** Compat transcriptions of recordings (`<Record transcribe>`). */
  readonly transcribeRecording: TranscribeRecording
  /** What the far end's script says a transcription of its speech reads (`CallScript.transcription.text`). */
  readonly scriptedTranscription: () => string | undefined
  /**
   * Takes the first caller of the queue this call can be bridged to out of it (status `dequeue`),
   * held unbridged until this call connects to it: its id, and how long it was queued (ms).
   */
  readonly takeHeld: (name: string) => { readonly callId: string; readonly waited: number } | undefined
  /** A held caller this call will not bridge: it hears `disconnected` and goes on. */
  readonly releaseHeld: (callId: string) => void
  /** A context on another live call, for a document this run runs there (`<Dial><Queue url>`). */
  readonly onCall: (callId: string) => CxmlContext | undefined
}

/** How a verb (or a document) ended. */
export type Flow =
  | { readonly _tag: "Next" }
  | { readonly _tag: "Stop"; readonly reason: string; readonly by: Transcript.CallEnded["by"] }
  | {
    readonly _tag: "Fetch"
    readonly url: string
    readonly method: "GET" | "POST"
    readonly params: Readonly<Record<string, string>>
    readonly via: "redirect" | "action"
  }
  /** `<Leave>` in an `<Enqueue>`'s wait document. */
  | { readonly _tag: "Leave" }

export const NEXT: Flow = { _tag: "Next" }
export const ENDED: Flow = { _tag: "Stop", reason: "hangup", by: "far_end" }
export const ERROR: Flow = { _tag: "Stop", reason: "error", by: "error" }

/** Where a verb is in its document: `Response[2]`, `Response[1].Gather[0]`. */
export interface Where {
  readonly section: string
  readonly index: number
  readonly path: string
}
