/**
 * The `ai` verb in the sandbox. The executor hands every `ai` instruction to {@link runAi} with
 * the call's context and goes on as its outcome says; the scripted engine (`engine.ts`) runs the
 * conversation from the test's {@link AiScript}. A call with no script runs the AI with an empty
 * one: the caller hangs up at once (the post-prompt is still sent).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import type { Swml } from "@signalwire-effect/swml"
import type * as AiScriptModule from "../../../AiScript.js"
import * as Transcript from "../../../Transcript.js"
import type { RunContext } from "../context.js"
import { exchange } from "../http.js"
import type { AiOutcome, JsonObject, ScriptCursor } from "./context.js"
import { runScripted } from "./engine.js"
import type { Posted } from "./http.js"

export type { AiOutcome } from "./context.js"

/** The test's script for the simulated AI (what the caller says, which tools the AI calls…). */
export type AiScript = AiScriptModule.AiScript

/** What the `ai` verb has to work with: the run's context, the signing key and the test's script. */
export interface AiContext extends RunContext {
  readonly signingKey: Redacted.Redacted<string>
  /** The script the test gave for this call, if any. */
  readonly script: AiScript | undefined
  /** Where the instruction is, for transcript entries. */
  readonly where: { readonly section: string; readonly index: number; readonly path: string }
}

// One cursor per run (a run's `vars` object lives as long as the run): the turns go on across
// the run's `ai` verbs, e.g. after an AI transfers to another agent.
const cursors = new WeakMap<object, ScriptCursor>()
const cursorOf = (context: AiContext): ScriptCursor => {
  const known = cursors.get(context.vars)
  if (known !== undefined) return known
  const cursor: ScriptCursor = { script: context.script ?? { turns: [] }, position: 0 }
  cursors.set(context.vars, cursor)
  return cursor
}

// SWAIG and post-prompt requests are not signed by the platform (Basic auth guards them); only the
// requests for a SWML document are.
/**
 * The JSON of a reply: the body, or for an event stream (an MCP server answering with
 * `text/event-stream`) the data of its last event.
 */
const jsonOf = (reply: { readonly text: string; readonly headers: Readonly<Record<string, string>> }) =>
  Either.try(() => {
    if (!(reply.headers["content-type"] ?? "").includes("text/event-stream")) return JSON.parse(reply.text) as unknown
    const events = reply.text.split(/\r?\n\r?\n/).map((event) =>
      event.split(/\r?\n/).filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trimStart()).join("\n")
    ).filter((data) => data !== "")
    return JSON.parse(events.at(-1) ?? "") as unknown
  })

const post = (context: AiContext) =>
(
  purpose: "swaig" | "post_prompt" | "signature" | "mcp",
  url: string,
  body: JsonObject,
  headers?: Readonly<Record<string, string>>
): Effect.Effect<Posted> =>
  Effect.map(
    exchange(context.http, {
      purpose,
      method: "POST",
      url,
      body: JSON.stringify(body),
      signing: "none",
      timeout: "30 seconds",
      ...(headers === undefined ? {} : { headers })
    }),
    Either.match({
      onLeft: (failed): Posted => ({
        _tag: "Failed",
        reason: failed.reason === "status" ? "http_error" : failed.reason === "timeout" ? "unreachable" : failed.reason,
        ...(failed.status === undefined ? {} : { status: failed.status }),
        detail: failed.detail
      }),
      onRight: (reply): Posted => {
        const json = jsonOf(reply)
        return Either.isRight(json)
          ? { _tag: "Replied", status: reply.status, json: json.right, text: reply.text, headers: reply.headers }
          : { _tag: "Failed", reason: "malformed_reply", status: reply.status, detail: `not JSON: ${reply.text.slice(0, 200)}` }
      }
    })
  )

/** Runs one `ai` instruction on the call. */
export const runAi = (verb: Swml.Verbs["ai"], context: AiContext): Effect.Effect<AiOutcome> =>
  runScripted(verb, {
    callId: context.callId,
    call: context.info() as unknown as JsonObject,
    vars: context.vars,
    append: (entry) => context.append({ ...entry, at: context.now() } as Parameters<AiContext["append"]>[0]),
    post: post(context),
    http: context.http.client,
    script: cursorOf(context),
    sendSms: (sms) =>
      Effect.gen(function*() {
        const sent = yield* context.ops.sendSms({
          from: sms.from_number,
          to: sms.to_number,
          body: sms.body,
          media: sms.media,
          statusCallback: sms.status_callback
        })
        yield* context.append(Transcript.SmsSent.make({
          at: context.now(),
          by: "ai",
          from: sms.from_number,
          to: sms.to_number,
          body: sms.body,
          media: [...(sms.media ?? [])],
          result: Either.isRight(sent) ? "success" : "failed",
          messageId: Either.isRight(sent) ? sent.right.messageId : undefined,
          reason: Either.isLeft(sent) ? sent.left : undefined
        }))
        if (Either.isLeft(sent)) return yield* Effect.fail(sent.left)
      })
  })
