/**
 * What the scripted AI engine works with, whoever runs it (the executor, through `runAi`).
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type { Swml } from "@signalwire-effect/swml"
import type * as Effect from "effect/Effect"
import type { AiScript } from "../../../AiScript.js"
import type { AiEntryInput } from "./entries.js"
import type { Posted } from "./http.js"

export type JsonObject = { readonly [key: string]: unknown }

/** An SMS the AI sends (a `send_sms` verb of an `SWML` action). */
export interface SmsRequest {
  readonly to_number: string
  readonly from_number: string
  readonly body?: string | undefined
  readonly media?: ReadonlyArray<string> | undefined
  readonly region?: string | undefined
  readonly tags?: ReadonlyArray<string> | undefined
  /** Gets the JSON message status callback at each state, as the SWML verb's does. */
  readonly status_callback?: string | undefined
}

/** A script and how far the call has got in it (the turns are consumed across the call's `ai` verbs). */
export interface ScriptCursor {
  readonly script: AiScript
  position: number
}

export interface EngineContext {
  readonly callId: string
  /** The call as SignalWire describes it in the SWML fetch body (`call`). */
  readonly call: JsonObject
  readonly vars: {
    readonly get: Effect.Effect<JsonObject>
    readonly set: (vars: JsonObject) => Effect.Effect<void>
    readonly unset: (names: ReadonlyArray<string>) => Effect.Effect<void>
  }
  readonly append: (entry: AiEntryInput) => Effect.Effect<void>
  /** A webhook POST as the platform makes it (Basic auth from the URL, signed), failures classified. */
  readonly post: (
    purpose: "swaig" | "post_prompt" | "signature" | "mcp",
    url: string,
    body: JsonObject,
    headers?: Readonly<Record<string, string>>
  ) => Effect.Effect<Posted>
  /** For DataMap webhooks (third-party APIs, not signed). */
  readonly http: HttpClient.HttpClient
  readonly script: ScriptCursor
  /** Sends the SMS; fails with why it was refused. */
  readonly sendSms: (sms: SmsRequest) => Effect.Effect<void, string>
}

/** What the call does once the AI is done. */
export type AiOutcome =
  | { readonly _tag: "Continue" }
  | { readonly _tag: "Hangup"; readonly reason: string }
  | { readonly _tag: "Transfer"; readonly dest: Swml.Document | string }
