/**
 * What the SWML executor hands the `ai` verb, and what the verb tells it back.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type { Swml } from "@signalwire-effect/swml"
import type * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import type { AiScript } from "../../../AiScript.js"
import type { AiEntry } from "./entries.js"

export type JsonObject = { readonly [key: string]: unknown }

/** An SMS the AI sends (a `send_sms` verb of an `SWML` action). */
export interface SmsRequest {
  readonly to_number: string
  readonly from_number: string
  readonly body?: string | undefined
  readonly media?: ReadonlyArray<string> | undefined
  readonly region?: string | undefined
  readonly tags?: ReadonlyArray<string> | undefined
}

export interface AiContext {
  readonly callId: string
  /** The call as SignalWire describes it in the SWML fetch body (`call`): from, to, direction, project_id, … */
  readonly call: JsonObject
  readonly vars: {
    readonly get: Effect.Effect<JsonObject>
    readonly set: (vars: JsonObject) => Effect.Effect<void>
    readonly unset: (names: ReadonlyArray<string>) => Effect.Effect<void>
  }
  readonly append: (entry: AiEntry) => Effect.Effect<void>
  readonly http: HttpClient.HttpClient
  readonly signingKey: Redacted.Redacted<string> | undefined
  /** The script: the turns are consumed across the call's `ai` verbs (an AI that transfers leaves the rest to the next). */
  readonly script: ScriptCursor
  readonly sendSms: (sms: SmsRequest) => Effect.Effect<void, unknown>
}

/** A script and how far the call has got in it. */
export interface ScriptCursor {
  readonly script: AiScript
  position: number
}

/** What the call does once the AI is done. */
export type AiOutcome =
  | { readonly _tag: "Continue" }
  | { readonly _tag: "Hangup"; readonly reason: string }
  | { readonly _tag: "Transfer"; readonly dest: Swml.Document | string }
