/**
 * REST call control: every command is one `POST /api/calling/calls` with an envelope
 * `{command, id, params}` (`dial` and `update` have no `id`), described here as one `Schema` union
 * tagged by `command` — the 42 commands of the platform.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import type * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import * as P from "./internal/callingParams.js"
import type { RestError } from "./RestError.js"
import { Extra, nullable } from "./RestSchema.js"

const CallId = Schema.String.pipe(Schema.minLength(1))

const scoped = <C extends string, S extends Schema.Schema.Any>(command: C, params: S) =>
  Schema.Struct({ command: Schema.Literal(command), id: CallId, params })

/**
 * The command of each method of `rest.calling` (besides `dial` and `update`, which create or
 * re-point a call and carry no `id`). Names as the reference SDK spells them.
 *
 * @example
 * ```ts
 * import { Calling } from "@signalwire-effect/rest"
 *
 * Calling.methods.playStop // "calling.play.stop"
 * ```
 * @since 0.1.0
 */
export const methods = {
  end: "calling.end",
  transfer: "calling.transfer",
  disconnect: "calling.disconnect",
  play: "calling.play",
  playPause: "calling.play.pause",
  playResume: "calling.play.resume",
  playStop: "calling.play.stop",
  playVolume: "calling.play.volume",
  record: "calling.record",
  recordPause: "calling.record.pause",
  recordResume: "calling.record.resume",
  recordStop: "calling.record.stop",
  collect: "calling.collect",
  collectStop: "calling.collect.stop",
  collectStartInputTimers: "calling.collect.start_input_timers",
  detect: "calling.detect",
  detectStop: "calling.detect.stop",
  tap: "calling.tap",
  tapStop: "calling.tap.stop",
  stream: "calling.stream",
  streamStop: "calling.stream.stop",
  denoise: "calling.denoise",
  denoiseStop: "calling.denoise.stop",
  transcribe: "calling.transcribe",
  transcribeStop: "calling.transcribe.stop",
  aiMessage: "calling.ai_message",
  aiHold: "calling.ai_hold",
  aiUnhold: "calling.ai_unhold",
  aiStop: "calling.ai.stop",
  aiSidecar: "calling.ai_sidecar",
  aiSidecarAsk: "calling.ai_sidecar.ask",
  aiSidecarPoke: "calling.ai_sidecar.poke",
  aiSidecarStatus: "calling.ai_sidecar.status",
  aiSidecarStop: "calling.ai_sidecar.stop",
  liveTranscribe: "calling.live_transcribe",
  liveTranslate: "calling.live_translate",
  sendFaxStop: "calling.send_fax.stop",
  receiveFaxStop: "calling.receive_fax.stop",
  refer: "calling.refer",
  userEvent: "calling.user_event"
} as const

/**
 * Every command the endpoint takes: `dial`, `update`, and the 40 call-scoped `calling.*`
 * commands, each with its typed `params`.
 *
 * @example
 * ```ts
 * import { Calling } from "@signalwire-effect/rest"
 *
 * const stop: typeof Calling.Command.Type = { command: "calling.play.stop", id: "3fa85f64-…", params: { control_id: "intro" } }
 * ```
 * @since 0.1.0
 */
export const Command = Schema.Union(
  Schema.Struct({ command: Schema.Literal("dial"), params: P.Dial }),
  Schema.Struct({ command: Schema.Literal("update"), params: P.Update }),
  scoped(methods.end, P.End),
  scoped(methods.transfer, P.Transfer),
  scoped(methods.disconnect, P.NoParams),
  scoped(methods.play, P.Play),
  scoped(methods.playPause, P.ControlOnly),
  scoped(methods.playResume, P.ControlOnly),
  scoped(methods.playStop, P.ControlOnly),
  scoped(methods.playVolume, P.PlayVolume),
  scoped(methods.record, P.Record),
  scoped(methods.recordPause, P.RecordPause),
  scoped(methods.recordResume, P.ControlOnly),
  scoped(methods.recordStop, P.ControlOnly),
  scoped(methods.collect, P.Collect),
  scoped(methods.collectStop, P.ControlOnly),
  scoped(methods.collectStartInputTimers, P.ControlOnly),
  scoped(methods.detect, P.Detect),
  scoped(methods.detectStop, P.ControlOnly),
  scoped(methods.tap, P.Tap),
  scoped(methods.tapStop, P.ControlOnly),
  scoped(methods.stream, P.Stream),
  scoped(methods.streamStop, P.ControlOnly),
  scoped(methods.denoise, P.NoParams),
  scoped(methods.denoiseStop, P.NoParams),
  scoped(methods.transcribe, P.Transcribe),
  scoped(methods.transcribeStop, P.ControlOnly),
  scoped(methods.aiMessage, P.AiMessage),
  scoped(methods.aiHold, P.AiHold),
  scoped(methods.aiUnhold, Schema.Struct({ prompt: Schema.optional(Schema.String) })),
  scoped(methods.aiStop, P.AiStop),
  scoped(methods.aiSidecar, P.AiSidecar),
  scoped(methods.aiSidecarAsk, P.SidecarText),
  scoped(methods.aiSidecarPoke, P.SidecarText),
  scoped(methods.aiSidecarStatus, P.NoParams),
  scoped(methods.aiSidecarStop, P.NoParams),
  scoped(methods.liveTranscribe, P.LiveTranscribe),
  scoped(methods.liveTranslate, P.LiveTranslate),
  scoped(methods.sendFaxStop, P.ControlOnly),
  scoped(methods.receiveFaxStop, P.ControlOnly),
  scoped(methods.refer, P.Refer),
  scoped(methods.userEvent, P.UserEvent)
)

/**
 * A decoded {@link Command}.
 *
 * @example
 * ```ts
 * import type { Calling } from "@signalwire-effect/rest"
 *
 * const name = (c: Calling.Command) => c.command
 * ```
 * @since 0.1.0
 */
export type Command = typeof Command.Type

/**
 * The `params` of a command, by its `command` value.
 *
 * @example
 * ```ts
 * import type { Calling } from "@signalwire-effect/rest"
 *
 * const play: Calling.ParamsOf<"calling.play"> = { control_id: "intro", play: [{ type: "tts", params: { text: "Hi" } }] }
 * ```
 * @since 0.1.0
 */
export type ParamsOf<C extends Command["command"]> = Extract<Command, { readonly command: C }>["params"]

/**
 * The answer to every command: the call leg (`CallLeg`, or a fabric subscriber's device leg with
 * `status: null`).
 *
 * @example
 * ```ts
 * import type { Calling } from "@signalwire-effect/rest"
 *
 * const live = (leg: Calling.CallResponse) => leg.status === "answered"
 * ```
 * @since 0.1.0
 */
export const CallResponse = Schema.Struct({
  id: Schema.String,
  from: Schema.String,
  to: Schema.String,
  direction: Schema.Literal("inbound", "outbound", "outbound-api"),
  source: Schema.String,
  url: nullable(Schema.String),
  charge: Schema.Number,
  created_at: Schema.String,
  charge_details: Schema.Array(Schema.Struct({ description: Schema.String, charge: Schema.Number })),
  status: Schema.NullOr(Schema.Literal(
    "queued",
    "initiated",
    "created",
    "ringing",
    "answered",
    "ending",
    "ended",
    "failed",
    "canceled",
    "completed"
  )),
  duration: nullable(Schema.Number),
  duration_ms: nullable(Schema.Number),
  billing_ms: nullable(Schema.Number),
  type: Schema.Literal("relay_pstn_call", "relay_sip_call", "relay_webrtc_call", "fabric_subscriber_device_leg"),
  parent_id: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link CallResponse}.
 *
 * @example
 * ```ts
 * import type { Calling } from "@signalwire-effect/rest"
 *
 * const id = (leg: Calling.CallResponse) => leg.id
 * ```
 * @since 0.1.0
 */
export type CallResponse = typeof CallResponse.Type

/**
 * One problem of a 422 on the calling API (the newer APIs' shape):
 * `{type, code, message, attribute, url}`.
 *
 * @example
 * ```ts
 * import { Calling } from "@signalwire-effect/rest"
 *
 * const item: typeof Calling.ErrorItem.Type = { type: "validation_error", code: "invalid_parameter", message: "control_id is required", attribute: "control_id", url: "https://signalwire.com/docs/apis/error-codes" }
 * ```
 * @since 0.1.0
 */
export const ErrorItem = Schema.Struct({
  type: Schema.String,
  code: Schema.String,
  message: Schema.String,
  attribute: nullable(Schema.String),
  url: nullable(Schema.String)
})

/**
 * The calling API's 422 body, `{"errors":[{type,code,message,attribute,url}]}`.
 *
 * @example
 * ```ts
 * import { Calling } from "@signalwire-effect/rest"
 *
 * const body: typeof Calling.Unprocessable.Type = { errors: [] }
 * ```
 * @since 0.1.0
 */
export const Unprocessable = Schema.Struct({ errors: Schema.Array(ErrorItem) }).annotations(
  HttpApiSchema.annotations({ status: 422, description: "Unprocessable Entity (calling)" })
)

const COUNTERS = ["ticks", "insights", "skips", "tools", "errors", "in_tokens", "out_tokens", "history_size", "event_log_bytes"] as const

/**
 * What `calling.ai_sidecar.status` answers, decoded: whether the sidecar runs, its activity
 * counters, and every `key=value` of the line as sent (`fields`, keys we do not model included).
 *
 * @example
 * ```ts
 * import type { Calling } from "@signalwire-effect/rest"
 *
 * const busy = (s: Calling.SidecarStatus) => s.running && s.ticks > 0
 * ```
 * @since 0.1.0
 */
export const SidecarStatus = Schema.Struct({
  running: Schema.Boolean,
  ticks: Schema.Number,
  insights: Schema.Number,
  skips: Schema.Number,
  tools: Schema.Number,
  errors: Schema.Number,
  in_tokens: Schema.Number,
  out_tokens: Schema.Number,
  history_size: Schema.Number,
  event_log_bytes: Schema.Number,
  fields: Schema.Record({ key: Schema.String, value: Schema.String })
})

/**
 * A decoded {@link SidecarStatus}.
 *
 * @example
 * ```ts
 * import type { Calling } from "@signalwire-effect/rest"
 *
 * const tokens = (s: Calling.SidecarStatus) => s.in_tokens + s.out_tokens
 * ```
 * @since 0.1.0
 */
export type SidecarStatus = typeof SidecarStatus.Type

const FLAGS: Readonly<Record<string, boolean>> = { "1": true, true: true, yes: true, "0": false, false: false, no: false }

const parseStatus = (input: string, ast: AST.AST): Either<SidecarStatus> => {
  let text = input.trim()
  // Tolerated: the same line as a JSON string.
  if (text.startsWith("\"")) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (typeof parsed === "string") text = parsed.trim()
    } catch {
      // Not JSON: read as it is (and refused below).
    }
  }
  const bad = (why: string) => ({ _tag: "Left" as const, issue: new ParseResult.Type(ast, input, why) })
  if (!/^\+OK(\s|$)/.test(text)) return bad("not a `+OK key=value …` line")
  const fields: Record<string, string> = {}
  for (const pair of text.slice(3).trim().split(/\s+/).filter((p) => p !== "")) {
    const at = pair.indexOf("=")
    if (at <= 0) return bad(`\`${pair}\` is not key=value`)
    fields[pair.slice(0, at)] = pair.slice(at + 1)
  }
  const running = FLAGS[(fields.running ?? "").toLowerCase()]
  if (running === undefined) return bad("running is missing or not a flag")
  const counters: Record<string, number> = {}
  for (const key of COUNTERS) {
    const value = Number(fields[key])
    if (fields[key] === undefined || fields[key] === "" || !Number.isFinite(value)) return bad(`${key} is missing or not a number`)
    counters[key] = value
  }
  return { _tag: "Right", value: { running, ...counters, fields } as SidecarStatus }
}

type Either<A> = { readonly _tag: "Right"; readonly value: A } | { readonly _tag: "Left"; readonly issue: ParseResult.ParseIssue }

/**
 * The body of a `calling.ai_sidecar.status` answer: one text line, `+OK running=1 ticks=3 …`
 * (not JSON), as {@link SidecarStatus}. Encoding writes `running` as `1` / `0`, the counters in
 * the platform's order, then any other field.
 *
 * @example
 * ```ts
 * import { Calling } from "@signalwire-effect/rest"
 * import * as Schema from "effect/Schema"
 *
 * const status = Schema.decodeUnknownSync(Calling.SidecarStatusLine)(
 *   "+OK running=1 ticks=2 insights=1 skips=0 tools=0 errors=0 in_tokens=40 out_tokens=12 history_size=2 event_log_bytes=512"
 * )
 * status.ticks // 2
 * ```
 * @since 0.1.0
 */
export const SidecarStatusLine = Schema.transformOrFail(Schema.String, SidecarStatus, {
  strict: true,
  decode: (text, _, ast) => {
    const parsed = parseStatus(text, ast)
    return parsed._tag === "Right" ? ParseResult.succeed(parsed.value) : ParseResult.fail(parsed.issue)
  },
  encode: (status) => {
    const known = new Set<string>(["running", ...COUNTERS])
    const extra = Object.entries(status.fields).filter(([k]) => !known.has(k)).map(([k, v]) => `${k}=${v}`)
    const counters = COUNTERS.map((k) => `${k}=${status[k]}`)
    return ParseResult.succeed(["+OK", `running=${status.running ? 1 : 0}`, ...counters, ...extra].join(" "))
  }
}).pipe(HttpApiSchema.withEncoding({ kind: "Text", contentType: "text/plain" }))

type JsonRecord = Readonly<Record<string, unknown>>
const isRecord = (value: unknown): value is JsonRecord => typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * The command endpoint's OpenAPI operation with its text answer apart: HttpApi files every answer
 * of one status under one content type (the union's), so the `calling.ai_sidecar.status` line
 * would be an `application/json` string; it is moved under `text/plain`, as the wire has it.
 */
const textAnswerApart = (operation: JsonRecord): JsonRecord => {
  const ok = isRecord(operation.responses) ? operation.responses["200"] : undefined
  const content = isRecord(ok) && isRecord(ok.content) ? ok.content : undefined
  const json = content !== undefined && isRecord(content["application/json"]) ? content["application/json"] : undefined
  const members = isRecord(json?.schema) && Array.isArray(json.schema.anyOf) ? (json.schema.anyOf as ReadonlyArray<unknown>) : undefined
  if (!isRecord(ok) || members === undefined) return operation
  const isText = (m: unknown) => isRecord(m) && m.type === "string"
  const objects = members.filter((m) => !isText(m))
  const texts = members.filter(isText)
  if (texts.length === 0) return operation
  return {
    ...operation,
    responses: {
      ...(operation.responses as JsonRecord),
      "200": {
        ...ok,
        content: {
          "application/json": { schema: objects.length === 1 ? objects[0] : { anyOf: objects } },
          "text/plain": { schema: texts[0] }
        }
      }
    }
  }
}

/**
 * The `calling` group: the one command endpoint.
 *
 * @example
 * ```ts
 * import { Calling } from "@signalwire-effect/rest"
 *
 * Calling.group.identifier // "calling"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("calling")
  .add(
    HttpApiEndpoint.post("command", "/api/calling/calls")
      .setPayload(Command)
      .addSuccess(CallResponse)
      // `calling.ai_sidecar.status` answers a text line, not a call leg.
      .addSuccess(SidecarStatusLine)
      .annotate(OpenApi.Transform, textAnswerApart)
  )
  .addError(Unprocessable)

type Op<A> = Effect.Effect<A, RestError>
type Method<C extends Command["command"]> = {} extends ParamsOf<C> ? (callId: string, params?: ParamsOf<C>) => Op<CallResponse>
  : (callId: string, params: ParamsOf<C>) => Op<CallResponse>
type Methods = { readonly [K in Exclude<keyof typeof methods, "aiSidecarStatus">]: Method<(typeof methods)[K]> }

/**
 * `rest.calling`: `dial` and `update`, and one method per call-scoped command
 * (`play(callId, params)`, `playStop(callId, { control_id })`, `end(callId)`…). Every request is
 * checked against {@link Command} before anything is sent.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 *
 * const call = Effect.gen(function*() {
 *   const rest = yield* RestClient.RestClient
 *   const leg = yield* rest.calling.dial({ from: "+15551234567", to: "+15550001111", url: "https://example.com/swml" })
 *   yield* rest.calling.play(leg.id, { control_id: "hello", play: [{ type: "tts", params: { text: "Hello" } }] })
 *   return yield* rest.calling.end(leg.id, { reason: "hangup" })
 * })
 * ```
 * @since 0.1.0
 */
export interface CallingApi extends Methods {
  /** Places a call that runs the SWML at `url`, or the inline `swml` document. */
  readonly dial: (params: ParamsOf<"dial">) => Op<CallResponse>
  /** Points a call (`params.id`) at new SWML, or ends it (`status: "canceled" | "completed"`). */
  readonly update: (params: ParamsOf<"update">) => Op<CallResponse>
  /** The sidecar's activity counters: the platform answers one `+OK key=value …` line, decoded. */
  readonly aiSidecarStatus: (callId: string, params?: ParamsOf<"calling.ai_sidecar.status">) => Op<SidecarStatus>
  /** Sends any command envelope as it is (`calling.ai_sidecar.status` answers a {@link SidecarStatus}). */
  readonly send: (command: Command) => Op<CallResponse | SidecarStatus>
}
