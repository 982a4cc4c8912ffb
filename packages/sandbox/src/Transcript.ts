/**
 * The transcript of a call the sandbox ran SWML or cXML on (or of an inbound message that ran its
 * number's Messaging cXML): an ordered, structured log of what happened
 * (documents fetched, verbs executed, what was played and what the caller answered, variables
 * over time, HTTP requests, SMS sent, failures, how the call ended). Every entry is one member of
 * the {@link Entry} Schema union, tagged by `_tag`, so it is JSON on the admin API and typed in
 * tests.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Conferenced, CxmlInvalid, FaxReceived, MessageHandled, Paid, Queued, Referred, Streamed, Switched, Transcribed } from "./internal/cxml/entries.js"
import * as AiEntries from "./internal/swml/ai/entries.js"

export { Conferenced, CxmlInvalid, FaxReceived, MessageHandled, Paid, Queued, Referred, Streamed, Switched, Transcribed } from "./internal/cxml/entries.js"

const at = { at: Schema.Number.annotations({ description: "sandbox clock, epoch milliseconds" }) }
const Json = Schema.Unknown
const JsonRecord = Schema.Record({ key: Schema.String, value: Json })
const Where = { section: Schema.String, index: Schema.Number, path: Schema.String }

/**
 * A SWML document starts running on the call: `source` is the URL it came from (credentials
 * removed) or `"inline"`; `via` says what started it (`fallback`: a cXML fallback URL, requested
 * because the document before it could not be fetched or read; `queue`: the `url` of the cXML
 * `<Dial><Queue>` that took this caller from its queue, run on this call before the bridge).
 *
 * @example
 * ```ts
 * import { Transcript } from "@signalwire-effect/sandbox"
 *
 * Transcript.DocumentStarted.make({ at: 0, source: "inline", via: "api" })
 * ```
 * @since 0.1.0
 */
export class DocumentStarted extends Schema.TaggedClass<DocumentStarted>()("DocumentStarted", {
  ...at,
  source: Schema.String,
  via: Schema.Literal("api", "binding", "relay", "rest", "execute", "transfer", "ai", "redirect", "action", "fallback", "queue"),
  /** `cxml` for a cXML document (absent: SWML). */
  format: Schema.optional(Schema.Literal("cxml"))
}) {}

/**
 * An HTTP request the sandbox made for the call (a SWML fetch, a `request` verb, or a tool call
 * of the `ai` verb): the URL without credentials, whether it carried the platform's signature
 * headers, and the status answered.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const ok = (e: Transcript.HttpExchange) => e.status >= 200 && e.status < 300
 * ```
 * @since 0.1.0
 */
export class HttpExchange extends Schema.TaggedClass<HttpExchange>()("HttpExchange", {
  ...at,
  purpose: Schema.Literal("swml", "request", "swaig", "post_prompt", "data_map", "signature", "mcp", "cxml", "status_callback"),
  method: Schema.String,
  url: Schema.String,
  signed: Schema.Boolean,
  basicAuth: Schema.Boolean,
  status: Schema.Number
}) {}

/**
 * An HTTP request that failed: `unreachable` (no connection), `timeout`, `unauthorized` (401:
 * the Basic-auth credentials in the URL are wrong), `forbidden` (403: typically a signing key the
 * agent does not share with the project), or `status` (any other non-2xx answer).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const wrongKey = (e: Transcript.HttpFailed) => e.reason === "forbidden"
 * ```
 * @since 0.1.0
 */
export class HttpFailed extends Schema.TaggedClass<HttpFailed>()("HttpFailed", {
  ...at,
  purpose: Schema.Literal("swml", "request", "swaig", "post_prompt", "data_map", "signature", "mcp", "cxml", "status_callback"),
  method: Schema.String,
  url: Schema.String,
  signed: Schema.Boolean,
  reason: Schema.Literal("unreachable", "timeout", "unauthorized", "forbidden", "status"),
  status: Schema.optional(Schema.Number),
  detail: Schema.String
}) {}

/**
 * A document that is not valid SWML (not JSON, or rejected by the SWML Schema): each issue names
 * the path of the offending value.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const paths = (e: Transcript.SwmlInvalid) => e.issues.map((issue) => issue.path)
 * ```
 * @since 0.1.0
 */
export class SwmlInvalid extends Schema.TaggedClass<SwmlInvalid>()("SwmlInvalid", {
  ...at,
  source: Schema.String,
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String }))
}) {}

/**
 * One instruction executed: where it is (`section`, the `index` in it, and the `path` through
 * nested `cond` / `switch` lists, e.g. `main[2].cond[0].then[1]`) and its verb.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const verbs = (entries: ReadonlyArray<Transcript.Entry>) =>
 *   entries.flatMap((e) => (e._tag === "Verb" ? [e.verb] : []))
 * ```
 * @since 0.1.0
 */
export class Verb extends Schema.TaggedClass<Verb>()("Verb", { ...at, ...Where, verb: Schema.String }) {}

/**
 * The platform played media to the caller: `say` (text to speech, `text` set), `audio` (a
 * file, `url` set), `silence` or `ring`.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const said = (e: Transcript.Played) => (e.kind === "say" ? e.text : undefined)
 * ```
 * @since 0.1.0
 */
export class Played extends Schema.TaggedClass<Played>()("Played", {
  ...at,
  by: Schema.Literal("swml", "ai", "cxml"),
  kind: Schema.Literal("say", "audio", "silence", "ring"),
  text: Schema.optional(Schema.String),
  url: Schema.optional(Schema.String)
}) {}

/**
 * What the caller answered to a `prompt`: `result` as SWML's `prompt_result` (`match_digits`,
 * `match_speech`, `no_input`, `no_match`, `failed`) and `value` as `prompt_value`.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const pressed = (e: Transcript.PromptResult) => e.result === "match_digits" ? e.value : ""
 * ```
 * @since 0.1.0
 */
export class PromptResult extends Schema.TaggedClass<PromptResult>()("PromptResult", {
  ...at,
  result: Schema.Literal("match_digits", "match_speech", "no_input", "no_match", "failed"),
  value: Schema.String,
  terminator: Schema.optional(Schema.String),
  confidence: Schema.optional(Schema.Number)
}) {}

/**
 * The call's SWML variables changed (`set`, `unset`, or a verb's output variables): the values
 * set and the names removed.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const choice = (e: Transcript.VarsChanged) => e.set["prompt_value"]
 * ```
 * @since 0.1.0
 */
export class VarsChanged extends Schema.TaggedClass<VarsChanged>()("VarsChanged", {
  ...at,
  set: JsonRecord,
  unset: Schema.Array(Schema.String)
}) {}

/**
 * A `record` finished (`result` as SWML's `record_result`).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const urlOf = (e: Transcript.Recorded) => e.url
 * ```
 * @since 0.1.0
 */
export class Recorded extends Schema.TaggedClass<Recorded>()("Recorded", {
  ...at,
  result: Schema.Literal("success", "failed"),
  url: Schema.optional(Schema.String),
  duration: Schema.optional(Schema.Number)
}) {}

/**
 * A `connect` ended: `connected` (with the peer call, after the bridge ended) or `failed` (with
 * `reason`).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const bridged = (e: Transcript.Connected) => e.result === "connected"
 * ```
 * @since 0.1.0
 */
export class Connected extends Schema.TaggedClass<Connected>()("Connected", {
  ...at,
  to: Schema.Array(Schema.String),
  result: Schema.Literal("connected", "failed"),
  peer: Schema.optional(Schema.String),
  reason: Schema.optional(Schema.String)
}) {}

/**
 * An SMS / MMS sent by `send_sms` through the messaging simulation (`result` as `send_sms_result`).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const idOf = (e: Transcript.SmsSent) => e.messageId
 * ```
 * @since 0.1.0
 */
export class SmsSent extends Schema.TaggedClass<SmsSent>()("SmsSent", {
  ...at,
  by: Schema.Literal("swml", "ai", "cxml"),
  from: Schema.String,
  to: Schema.String,
  body: Schema.optional(Schema.String),
  media: Schema.Array(Schema.String),
  result: Schema.Literal("success", "failed"),
  messageId: Schema.optional(Schema.String),
  reason: Schema.optional(Schema.String)
}) {}

/**
 * Control moved: `execute` (a subroutine: a section, a URL or an inline document), `return`
 * (with its value), `transfer` (no return), `goto` (a label of the current section).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const targets = (e: Transcript.Jumped) => `${e.kind} ${e.target}`
 * ```
 * @since 0.1.0
 */
export class Jumped extends Schema.TaggedClass<Jumped>()("Jumped", {
  ...at,
  kind: Schema.Literal("execute", "return", "transfer", "goto"),
  target: Schema.String,
  value: Schema.optional(Json)
}) {}

/**
 * A verb the sandbox does not simulate. The call ends (end reason `error`): the sandbox never
 * skips an instruction silently.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const missing = (e: Transcript.VerbUnsupported) => e.verb
 * ```
 * @since 0.1.0
 */
export class VerbUnsupported extends Schema.TaggedClass<VerbUnsupported>()("VerbUnsupported", {
  ...at,
  ...Where,
  verb: Schema.String
}) {}

/**
 * An instruction failed at run time: an expression that does not evaluate, a `goto` to a label
 * that does not exist, a section that does not exist, a destination the sandbox cannot dial.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const why = (e: Transcript.VerbFailed) => `${e.verb}: ${e.detail}`
 * ```
 * @since 0.1.0
 */
export class VerbFailed extends Schema.TaggedClass<VerbFailed>()("VerbFailed", {
  ...at,
  ...Where,
  verb: Schema.String,
  detail: Schema.String
}) {}

/**
 * The call ended: `reason` is its end reason, `by` who ended it (`swml`: a `hangup` verb or the
 * end of the document; `error`: a failure above; `far_end`: the caller; `client`: a RELAY client
 * or the test).
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const endedBySwml = (e: Transcript.CallEnded) => e.by === "swml"
 * ```
 * @since 0.1.0
 */
export class CallEnded extends Schema.TaggedClass<CallEnded>()("CallEnded", {
  ...at,
  reason: Schema.String,
  by: Schema.Literal("swml", "error", "far_end", "client", "ai", "cxml")
}) {}

/**
 * Every kind of transcript entry, one Schema union tagged by `_tag`.
 *
 * @example
 * ```ts
 * import { Transcript } from "@signalwire-effect/sandbox"
 * import * as Schema from "effect/Schema"
 *
 * const decode = Schema.decodeUnknownSync(Schema.Array(Transcript.Entry))
 * ```
 * @since 0.1.0
 */
export const Entry = Schema.Union(
  DocumentStarted,
  HttpExchange,
  HttpFailed,
  SwmlInvalid,
  Verb,
  Played,
  PromptResult,
  VarsChanged,
  Recorded,
  Connected,
  SmsSent,
  Jumped,
  VerbUnsupported,
  VerbFailed,
  CallEnded,
  CxmlInvalid,
  Queued,
  Conferenced,
  Streamed,
  Paid,
  Referred,
  Switched,
  FaxReceived,
  Transcribed,
  MessageHandled,
  // The `ai` verb's entries (what was said, SWAIG requests and replies, actions, steps, …).
  ...AiEntries.AiEntry.members
)

/**
 * One transcript entry.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const ended = (entries: ReadonlyArray<Transcript.Entry>) => entries.some((e) => e._tag === "CallEnded")
 * ```
 * @since 0.1.0
 */
export type Entry = typeof Entry.Type

/**
 * A call's transcript as the admin API serves it.
 *
 * @example
 * ```ts
 * import { Transcript } from "@signalwire-effect/sandbox"
 * import * as Schema from "effect/Schema"
 *
 * const decode = Schema.decodeUnknownSync(Transcript.CallTranscript)
 * ```
 * @since 0.1.0
 */
export const CallTranscript = Schema.Struct({ callId: Schema.String, entries: Schema.Array(Entry) })

/**
 * The type of {@link CallTranscript}.
 *
 * @example
 * ```ts
 * import type { Transcript } from "@signalwire-effect/sandbox"
 *
 * const count = (t: Transcript.CallTranscript) => t.entries.length
 * ```
 * @since 0.1.0
 */
export type CallTranscript = typeof CallTranscript.Type

const json = (value: unknown): string => JSON.stringify(value) ?? "undefined"

/**
 * One readable line for an entry (what the standalone sandbox prints).
 *
 * @example
 * ```ts
 * import { Transcript } from "@signalwire-effect/sandbox"
 *
 * Transcript.format(Transcript.CallEnded.make({ at: 0, reason: "hangup", by: "swml" })) // "call ended: hangup (by swml)"
 * ```
 * @since 0.1.0
 */
export const format = (entry: Entry): string => {
  if (AiEntries.isAiEntry(entry)) return AiEntries.format(entry)
  switch (entry._tag) {
    case "DocumentStarted":
      return `${entry.format === "cxml" ? "cXML document" : "document"} ${entry.source} (${entry.via})`
    case "HttpExchange":
      return `${entry.purpose} ${entry.method} ${entry.url} -> ${entry.status}${entry.signed ? " (signed)" : ""}`
    case "HttpFailed":
      return `${entry.purpose} ${entry.method} ${entry.url} failed: ${entry.reason}${
        entry.status === undefined ? "" : ` ${entry.status}`
      } ${entry.detail}`
    case "SwmlInvalid":
      return `invalid SWML from ${entry.source}: ${entry.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`
    case "Verb":
      return `${entry.path} ${entry.verb}`
    case "Played":
      return `${entry.by} ${entry.kind === "say" ? `says "${entry.text ?? ""}"` : `plays ${entry.kind} ${entry.url ?? ""}`}`
    case "PromptResult":
      return `caller: ${entry.result} ${json(entry.value)}`
    case "VarsChanged":
      return `vars ${json(entry.set)}${entry.unset.length > 0 ? ` unset ${entry.unset.join(", ")}` : ""}`
    case "Recorded":
      return `recorded: ${entry.result} ${entry.url ?? ""}`
    case "Connected":
      return `connect ${entry.to.join(", ")}: ${entry.result}${entry.reason === undefined ? "" : ` (${entry.reason})`}`
    case "SmsSent":
      return `${entry.by} sends SMS ${entry.from} -> ${entry.to}: ${entry.result} ${json(entry.body ?? "")}`
    case "Jumped":
      return `${entry.kind} ${entry.target}${entry.value === undefined ? "" : ` ${json(entry.value)}`}`
    case "VerbUnsupported":
      return `${entry.path} ${entry.verb}: not simulated by the sandbox, the call ends`
    case "VerbFailed":
      return `${entry.path} ${entry.verb} failed: ${entry.detail}`
    case "CallEnded":
      return `call ended: ${entry.reason} (by ${entry.by})`
    case "CxmlInvalid":
      return `invalid cXML from ${entry.source}: ${entry.detail}`
    case "Queued":
      return `queue ${entry.queue}: ${entry.result}`
    case "Conferenced":
      return `joined conference ${entry.name}`
    case "Streamed":
      return `stream ${entry.name ?? entry.streamSid} ${entry.url}: ${entry.result}${entry.detail === undefined ? "" : ` (${entry.detail})`}`
    case "Paid":
      return `pay (${entry.paymentMethod}): ${entry.result}${entry.maskedCardNumber === undefined ? "" : ` ${entry.maskedCardNumber}`}`
    case "Referred":
      return `refer ${entry.to}: ${entry.status}`
    case "Switched":
      return `${entry.feature} ${entry.on ? "on" : "off"}`
    case "Transcribed":
      return `transcription ${entry.transcriptionSid} ${entry.status}${entry.text === undefined ? "" : ` ${json(entry.text)}`}`
    case "FaxReceived":
      return `fax ${entry.faxSid} ${entry.status}: ${entry.pages} page(s)${entry.detail === undefined ? "" : ` (${entry.detail})`}`
    case "MessageHandled":
      return `message ${entry.messageId} handled: ${entry.result}`
  }
}
