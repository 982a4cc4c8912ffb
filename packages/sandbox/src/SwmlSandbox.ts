/**
 * SWML in the sandbox (`sandbox.swml`): the sandbox runs SWML documents on simulated calls as
 * the platform does, fetching them over HTTP with the call-info body and the platform's
 * signatures, and keeps a transcript of every call it ran SWML on.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import type * as Swml from "@signalwire-effect/swml/Swml"
import type * as errors from "./internal/errors.js"
import type * as Ai from "./internal/swml/ai/index.js"
import type * as Transcript from "./Transcript.js"

/**
 * Where a SWML document comes from: an `http(s)://` URL (fetched with a signed POST; `user:pass@`
 * in the URL is sent as Basic auth), inline JSON text, or a document value.
 *
 * @example
 * ```ts
 * import type { SwmlSandbox } from "@signalwire-effect/sandbox"
 *
 * const fromAgent: SwmlSandbox.Source = "http://user:pass@127.0.0.1:3000/agent"
 * const inline: SwmlSandbox.Source = { version: "1.0.0", sections: { main: [{ answer: {} }, { hangup: {} }] } }
 * ```
 * @since 0.1.0
 */
export type Source = string | Swml.Document

/**
 * The test's script for the `ai` verb of a call.
 *
 * @example
 * ```ts
 * import type { SwmlSandbox } from "@signalwire-effect/sandbox"
 *
 * const none: SwmlSandbox.AiScript | undefined = undefined
 * ```
 * @since 0.1.0
 */
export type AiScript = Ai.AiScript

/**
 * How a document runs on a call: the script of its `ai` verbs.
 *
 * @example
 * ```ts
 * import type { SwmlSandbox } from "@signalwire-effect/sandbox"
 *
 * const options: SwmlSandbox.RunOptions = {}
 * ```
 * @since 0.1.0
 */
export interface RunOptions {
  readonly ai?: AiScript | undefined
}

/**
 * One transcript entry of one call, as `follow` streams them.
 *
 * @example
 * ```ts
 * import { Transcript, type SwmlSandbox } from "@signalwire-effect/sandbox"
 *
 * const line = (e: SwmlSandbox.CallEntry) => `${e.callId} ${Transcript.format(e.entry)}`
 * ```
 * @since 0.1.0
 */
export interface CallEntry {
  readonly callId: string
  readonly entry: Transcript.Entry
}

/**
 * The SWML side of the sandbox.
 *
 * An inbound call runs SWML instead of being offered to a RELAY context when `calls.inbound` is
 * given `swml`, or when its `to` number is bound over REST to a SWML URL (`call_handler:
 * "relay_script"`, `call_relay_script_url`). A RELAY `calling.transfer` whose `dest` is a URL or
 * inline SWML runs it on the call, and `run` starts a document on any call in progress.
 *
 * A RELAY client sees a SWML-driven call's events (`calling.call.state`, `calling.call.play`,
 * `calling.call.collect`, …) when `calls.inbound` names a `context` it receives: the call is not
 * offered to it (no `calling.call.receive`), it watches.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.scoped(Effect.gen(function*() {
 *   const sandbox = yield* RelaySandbox.make()
 *   const call = yield* sandbox.calls.inbound({
 *     from: "+15551110000",
 *     to: "+15552220000",
 *     script: { inputs: [{ digits: "1" }] },
 *     swml: { sections: { main: [{ prompt: { play: "say:Press one" } }, { hangup: {} }] } }
 *   })
 *   const transcript = yield* sandbox.swml.waitForEnd(call.callId)
 * }))
 * ```
 * @since 0.1.0
 */
export interface SwmlApi {
  /** The project's signing key: every SWML fetch and every cXML request (document, action, status callback) is signed with it. */
  readonly signingKey: Redacted.Redacted<string>
  /**
   * Runs a document on a call in progress (a SWML run already on it stops first). Fails with
   * SandboxError when the call does not exist or has ended.
   */
  readonly run: (callId: string, source: Source, options?: RunOptions) => Effect.Effect<void, errors.SandboxError>
  /** The call's transcript so far (empty for a call the sandbox ran no SWML on). */
  readonly transcript: (callId: string) => Effect.Effect<ReadonlyArray<Transcript.Entry>>
  /** Waits until the call has ended, then its transcript. Bound it with a timeout. */
  readonly waitForEnd: (callId: string) => Effect.Effect<ReadonlyArray<Transcript.Entry>>
  /**
   * Subscribes now, until the Scope closes: the stream has every transcript entry of every call
   * written from this moment on, in order. Keeps up to 4 096 entries for a slow reader (then
   * drops the oldest).
   */
  readonly follow: Effect.Effect<Stream.Stream<CallEntry>, never, Scope.Scope>
}
