/**
 * What a SWML run on one call works with: the call as SWML sees it (the `call` object of the fetch body), its
 * variables, its transcript, HTTP, and the operations on the simulated call. The executor and
 * the `ai` verb (`ai/index.ts`) share these types.
 */
import type * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import type * as Scope from "effect/Scope"
import type { RelayFrame } from "@signalwire-effect/relay"
import type { SimMessage } from "../../SimMessages.js"
import type * as Transcript from "../../Transcript.js"
import type { Http } from "./http.js"
import type { JsonRecord } from "./vars.js"

/** The `call` object SignalWire posts when it fetches SWML, and that `${call.*}` reads. */
export interface CallInfo {
  readonly call_id: string
  readonly node_id: string
  readonly segment_id: string
  readonly call_session_id: string
  readonly tag: string
  readonly state: string
  readonly call_state: string
  readonly direction: "inbound" | "outbound"
  readonly type: string
  readonly from: string
  readonly to: string
  readonly headers: ReadonlyArray<{ readonly name: string; readonly value: string }>
  readonly project_id: string
  readonly space_id: string
}

/** The call's SWML variables (`vars`): every change is written to the transcript. */
export interface Vars {
  /** The variables now (a copy). */
  readonly get: Effect.Effect<JsonRecord>
  readonly set: (values: JsonRecord) => Effect.Effect<void>
  readonly unset: (names: ReadonlyArray<string>) => Effect.Effect<void>
}

/** An SMS / MMS to send through the messaging simulation. */
export interface Sms {
  readonly from: string
  readonly to: string
  readonly body?: string | undefined
  readonly media?: ReadonlyArray<string> | undefined
  /** Sees the message in each state, `queued` first (a cXML `<Sms statusCallback>`). */
  readonly onState?: ((message: SimMessage) => void) | undefined
  /**
   * Gets the JSON message status callback at each state, as a relay-REST message's
   * `status_callback` does (SWML `send_sms`); replaces `onState`.
   */
  readonly statusCallback?: string | undefined
}

/** Why waiting on the call stopped early: it ended, or the platform refused the command. */
export type Interrupted = { readonly _tag: "Ended" } | { readonly _tag: "Refused"; readonly detail: string }

/** The simulated call, as the platform drives it. */
export interface CallOps {
  readonly state: () => "created" | "ringing" | "answered" | "ending" | "ended"
  /** Answers the call if it is not answered yet. */
  readonly answer: Effect.Effect<void>
  /**
   * Runs a `calling.*` method on the call and waits for the first event of `eventType` that
   * passes `done` (every event of that type is shown to `done`, in order). With `byControl`
   * (the default) a fresh `control_id` is added and only events for it are shown.
   */
  readonly run: (
    method: string,
    params: RelayFrame.JsonObject,
    eventType: string,
    done: (params: RelayFrame.JsonObject) => boolean,
    byControl?: boolean
  ) => Effect.Effect<Either.Either<RelayFrame.JsonObject, Interrupted>>
  /** Runs a `calling.*` method on the call without waiting for its events: the reply's result, or why not. */
  readonly command: (method: string, params: RelayFrame.JsonObject) => Effect.Effect<Either.Either<RelayFrame.JsonObject, Interrupted>>
  /**
   * Starts listening for the first event of `eventType` on the call that passes `done` (before the
   * command that causes it is run); the effect returned waits for it.
   */
  readonly listen: (
    eventType: string,
    done: (params: RelayFrame.JsonObject) => boolean
  ) => Effect.Effect<Effect.Effect<Either.Either<RelayFrame.JsonObject, Interrupted>>>
  /**
   * Sees every event of `eventType` about the call (a conference's too) until the scope closes;
   * `onEvent` runs as the event is sent.
   */
  readonly watch: (eventType: string, onEvent: (params: RelayFrame.JsonObject) => void) => Effect.Effect<void, never, Scope.Scope>
  /** The conference the call is in now, and whether it has started (a `start_on_enter` participant joined). */
  readonly conference: () => { readonly id: string; readonly name: string; readonly started: boolean } | undefined
  /** Ends the call (`by` is written to the transcript's `CallEnded`). */
  readonly end: (reason: string, by: Transcript.CallEnded["by"]) => Effect.Effect<void>
  /** Sends an SMS / MMS through the messaging simulation. */
  readonly sendSms: (sms: Sms) => Effect.Effect<Either.Either<SimMessage, string>>
}

/** Everything a run on one call has. */
export interface RunContext {
  readonly callId: string
  readonly project: string
  /** The `call` object now. */
  readonly info: () => CallInfo
  readonly vars: Vars
  /** Appends an entry to the call's transcript. */
  readonly append: (entry: Transcript.Entry) => Effect.Effect<void>
  /** The sandbox clock in epoch milliseconds (the `at` of entries). */
  readonly now: () => number
  readonly http: Http
  readonly ops: CallOps
  /** Runs an effect in the background, past the end of the run (a status callback). */
  readonly background: (effect: Effect.Effect<void>) => void
}
