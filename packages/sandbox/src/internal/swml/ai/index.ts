/**
 * The `ai` verb in the sandbox. The executor hands every `ai` instruction to {@link runAi} with
 * the call's context and goes on as its outcome says. Until the scripted AI lands, the sandbox
 * does not simulate the verb: it records a `VerbUnsupported` entry and the call ends with end
 * reason `error`, as for any other verb it does not simulate.
 */
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import type * as Swml from "@signalwire-effect/swml/Swml"
import * as Transcript from "../../../Transcript.js"
import type { RunContext } from "../context.js"

/** The test's script for the simulated AI (what the caller says, which tools the AI calls…). */
export type AiScript = unknown

/** What the `ai` verb has to work with: the run's context, the signing key and the test's script. */
export interface AiContext extends RunContext {
  readonly signingKey: Redacted.Redacted<string>
  /** The script the test gave for this call, if any. */
  readonly script: AiScript | undefined
  /** Where the instruction is, for transcript entries. */
  readonly where: { readonly section: string; readonly index: number; readonly path: string }
}

/**
 * How the call goes on after the `ai` verb: with the next instruction, hung up (end reason), or
 * transferred (a SWML document, or a destination: a section name, a URL or inline SWML text).
 */
export type AiOutcome =
  | { readonly _tag: "Continue" }
  | { readonly _tag: "Hangup"; readonly reason: string }
  | { readonly _tag: "Transfer"; readonly dest: string | Swml.Document }

/** Runs one `ai` instruction on the call. */
export const runAi = (_verb: Swml.Verbs["ai"], context: AiContext): Effect.Effect<AiOutcome> =>
  Effect.as(
    context.append(Transcript.VerbUnsupported.make({ at: context.now(), ...context.where, verb: "ai" })),
    { _tag: "Hangup", reason: "error" } as const
  )
