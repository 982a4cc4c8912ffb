/**
 * The SWML verbs that are one `calling.*` method of the call simulation: background recording
 * (`record_call` / `stop_record_call`), `detect_machine`, `send_digits`, `denoise` /
 * `stop_denoise`, `tap` / `stop_tap`, `stream` / `stop_stream`, `transcribe` / `transcribe_stop`,
 * `live_transcribe`, `live_translate`, `user_event`, `sip_refer`, `send_fax`, `receive_fax`,
 * `join_room` and `pay`. Each sets the output variables SignalWire documents for it; a command the
 * simulation refuses is a `VerbFailed` entry and the variables say `failed`.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { RelayFrame } from "@signalwire-effect/relay"
import type * as Swml from "@signalwire-effect/swml/Swml"
import * as Transcript from "../../Transcript.js"
import type { RunContext } from "./context.js"
import type { Outcome, Where } from "./verbs.js"

type JsonObject = RelayFrame.JsonObject

const NEXT: Outcome = { _tag: "Next" }
const ENDED: Outcome = { _tag: "Stop", reason: "hangup", by: "far_end" }

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)
const num = (value: unknown): number | undefined => {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value
  return typeof n === "number" && Number.isFinite(n) ? n : undefined
}
const bool = (value: unknown): boolean | undefined => value === undefined ? undefined : value === true || value === "true"
const defined = (entries: JsonObject): JsonObject => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined))

/** The control ids of what a run started in the background, so the stop verbs find them. */
const started = new WeakMap<object, Map<string, string>>()
const remember = (ctx: RunContext, kind: string, controlId: string) => {
  const known = started.get(ctx.vars) ?? new Map<string, string>()
  known.set(kind, controlId)
  started.set(ctx.vars, known)
}
const recall = (ctx: RunContext, kind: string, given: unknown): string | undefined => str(given) ?? started.get(ctx.vars)?.get(kind)

/** Where the verb being run is (for its transcript entries). */
const here = new WeakMap<object, Where>()

/** Why a command did not run, as a transcript entry (the call goes on). */
const refused = (ctx: RunContext, verb: string, detail: string) =>
  ctx.append(Transcript.VerbFailed.make({ at: ctx.now(), ...(here.get(ctx) ?? { section: "", index: 0, path: verb }), verb, detail }))

type Interrupted = { readonly _tag: "Ended" } | { readonly _tag: "Refused"; readonly detail: string }

/** Run `method`; `onDone` gets the reply, a refusal is recorded and `onRefused` sets the variables. */
const command = (
  ctx: RunContext,
  verb: string,
  method: string,
  params: JsonObject,
  onDone: (result: JsonObject) => Effect.Effect<void>,
  onRefused: Effect.Effect<void>
) =>
  Effect.flatMap(ctx.ops.command(method, params), (reply: Either.Either<JsonObject, Interrupted>): Effect.Effect<Outcome> =>
    Either.match(reply, {
      onLeft: (why) => why._tag === "Ended" ? Effect.succeed(ENDED) : Effect.as(Effect.zipRight(refused(ctx, verb, why.detail), onRefused), NEXT),
      onRight: (result) => Effect.as(onDone(result), NEXT)
    }))

/** Wait for the event of a started action (by its control id) that passes `done`. */
const awaitEvent = (ctx: RunContext, method: string, params: JsonObject, eventType: string, controlId: string, done: (p: JsonObject) => boolean) =>
  ctx.ops.run(method, { ...params, control_id: controlId }, eventType, (p) => p.control_id === controlId && done(p), false)

const uuid = () => crypto.randomUUID()

const recordCall = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["record_call"]
    yield* ctx.ops.answer
    const controlId = spec.control_id ?? uuid()
    const audio = defined({
      format: spec.format === "wav" ? "wav" : "mp3",
      direction: spec.direction ?? "both",
      stereo: bool(spec.stereo),
      beep: bool(spec.beep),
      terminators: spec.terminators,
      initial_timeout: num(spec.initial_timeout) ?? 0,
      end_silence_timeout: num(spec.end_silence_timeout) ?? 0,
      input_sensitivity: num(spec.input_sensitivity)
    })
    const began = yield* ctx.ops.command("calling.record", { control_id: controlId, record: { audio } })
    if (Either.isLeft(began)) {
      if (began.left._tag === "Ended") return ENDED
      yield* refused(ctx, "record_call", began.left.detail)
      yield* ctx.vars.set({ record_call_result: "failed" })
      return NEXT
    }
    remember(ctx, "record", controlId)
    yield* ctx.vars.set(defined({ record_call_url: str(began.right.url), record_call_result: "success", record_control_id: controlId }))
    return NEXT
  })

const stopRecordCall = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const controlId = recall(ctx, "record", (config as Swml.Verbs["stop_record_call"] | undefined)?.control_id)
    if (controlId === undefined) {
      yield* refused(ctx, "stop_record_call", "no recording was started by record_call")
      return NEXT
    }
    const done = yield* awaitEvent(ctx, "calling.record.stop", {}, "calling.call.record", controlId, (p) => p.state === "finished" || p.state === "no_input")
    if (Either.isLeft(done)) {
      if (done.left._tag === "Ended") return ENDED
      yield* refused(ctx, "stop_record_call", done.left.detail)
      return NEXT
    }
    const success = done.right.state === "finished"
    yield* ctx.append(Transcript.Recorded.make({ at: ctx.now(), result: success ? "success" : "failed", url: str(done.right.url), duration: num(done.right.duration) }))
    return NEXT
  })

/** detect_machine: the first result (or, with `wait`, the machine's end of greeting) in `detect_result`. */
const detectMachine = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["detect_machine"]
    yield* ctx.ops.answer
    const detectors = (spec.detectors ?? "amd,fax").split(",").map((d) => d.trim())
    const wait = bool(spec.wait) ?? true
    const faxOnly = !detectors.includes("amd") && detectors.includes("fax")
    const params = faxOnly
      ? { detect: { type: "fax", params: defined({ tone: spec.tone }) } }
      : {
        detect: {
          type: "machine",
          params: defined({
            initial_timeout: num(spec.initial_timeout),
            end_silence_timeout: num(spec.end_silence_timeout),
            machine_ready_timeout: num(spec.machine_ready_timeout),
            machine_voice_threshold: num(spec.machine_voice_threshold),
            machine_words_threshold: num(spec.machine_words_threshold),
            detect_message_end: bool(spec.detect_message_end)
          })
        }
      }
    const results: Array<string> = []
    const done = yield* awaitEvent(ctx, "calling.detect", { ...params, ...defined({ timeout: num(spec.timeout) }) }, "calling.call.detect", uuid(), (p) => {
      const found = str(((p.detect as JsonObject | undefined)?.params as JsonObject | undefined)?.event)
      if (found !== undefined) results.push(found)
      if (p.state === "finished" || p.state === "error") return true
      return found !== undefined && !(wait && found === "MACHINE")
    })
    if (Either.isLeft(done) && done.left._tag === "Ended") return ENDED
    const first = results[0]
    const result = Either.isLeft(done)
      ? "error"
      : first === "HUMAN"
      ? "human"
      : first === "MACHINE" || first === "READY" || first === "NOT_READY"
      ? "machine"
      : first === "CED" || first === "CNG"
      ? "fax"
      : "unknown"
    if (Either.isLeft(done) && done.left._tag === "Refused") yield* refused(ctx, "detect_machine", done.left.detail)
    yield* ctx.vars.set({ detect_result: result })
    return NEXT
  })

const sendDigits = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    yield* ctx.ops.answer
    const digits = (config as Swml.Verbs["send_digits"]).digits
    const done = yield* ctx.ops.run("calling.send_digits", { digits }, "calling.call.send_digits", (p) => p.state === "finished")
    if (Either.isLeft(done)) {
      if (done.left._tag === "Ended") return ENDED
      yield* refused(ctx, "send_digits", done.left.detail)
    }
    yield* ctx.vars.set({ send_digits_result: Either.isRight(done) ? "success" : "failed" })
    return NEXT
  })

const denoise = (ctx: RunContext) =>
  command(ctx, "denoise", "calling.denoise", {}, () => ctx.vars.set({ denoise_result: "on" }), ctx.vars.set({ denoise_result: "failed" }))

const stopDenoise = (ctx: RunContext) =>
  command(ctx, "stop_denoise", "calling.denoise.stop", {}, () => ctx.vars.set({ denoise_result: "off" }), ctx.vars.set({ denoise_result: "failed" }))

/** A tap's device from its URI: `rtp://host:port` or a WebSocket URL. */
const tapDevice = (spec: Swml.Verbs["tap"]): JsonObject => {
  const rtp = /^rtp:\/\/([^:/]+):(\d+)/.exec(spec.uri)
  return rtp !== null
    ? { type: "rtp", params: defined({ addr: rtp[1], port: Number(rtp[2]), codec: spec.codec, ptime: num(spec.rtp_ptime) }) }
    : { type: "ws", params: defined({ uri: spec.uri, codec: spec.codec }) }
}

const tap = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["tap"]
    yield* ctx.ops.answer
    const controlId = spec.control_id ?? uuid()
    const device = tapDevice(spec)
    const reply = yield* ctx.ops.command("calling.tap", {
      control_id: controlId,
      tap: { type: "audio", params: { direction: spec.direction ?? "speak" } },
      device
    })
    if (Either.isLeft(reply)) {
      if (reply.left._tag === "Ended") return ENDED
      yield* refused(ctx, "tap", reply.left.detail)
      yield* ctx.vars.set({ tap_result: "failed" })
      return NEXT
    }
    remember(ctx, "tap", controlId)
    const source = ((reply.right.source_device as JsonObject | undefined)?.params ?? {}) as JsonObject
    yield* ctx.vars.set(defined({
      tap_uri: spec.uri,
      tap_result: "success",
      tap_control_id: controlId,
      tap_rtp_src_addr: str(source.addr),
      tap_rtp_src_port: typeof source.port === "number" ? String(source.port) : undefined,
      tap_ptime: spec.rtp_ptime === undefined ? "20" : String(spec.rtp_ptime),
      tap_codec: spec.codec ?? "PCMU",
      tap_rate: "8000"
    }))
    return NEXT
  })

/** A stop verb of a background action: by the given control id, else the one the run started. */
const stopper = (verb: string, kind: string, method: string, vars?: (ok: boolean) => JsonObject) => (ctx: RunContext, config: unknown) => {
  const controlId = recall(ctx, kind, (config as { readonly control_id?: unknown } | undefined)?.control_id)
  if (controlId === undefined) {
    return Effect.as(Effect.zipRight(refused(ctx, verb, `no ${kind} was started`), vars === undefined ? Effect.void : ctx.vars.set(vars(false))), NEXT)
  }
  return command(
    ctx,
    verb,
    method,
    { control_id: controlId },
    () => vars === undefined ? Effect.void : ctx.vars.set(vars(true)),
    vars === undefined ? Effect.void : ctx.vars.set(vars(false))
  )
}

const stream = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["stream"]
    yield* ctx.ops.answer
    const controlId = spec.control_id ?? uuid()
    return yield* command(
      ctx,
      "stream",
      "calling.stream",
      defined({ control_id: controlId, url: spec.url, name: spec.name, codec: spec.codec, track: spec.track }),
      () => Effect.zipRight(Effect.sync(() => remember(ctx, "stream", controlId)), ctx.vars.set({ stream_result: "success", stream_control_id: controlId })),
      ctx.vars.set({ stream_result: "failed" })
    )
  })

const transcribe = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = (config ?? {}) as Swml.Verbs["transcribe"]
    yield* ctx.ops.answer
    const controlId = uuid()
    return yield* command(
      ctx,
      "transcribe",
      "calling.transcribe",
      defined({ control_id: controlId, status_url: spec.status_url }),
      () =>
        Effect.zipRight(
          Effect.sync(() => remember(ctx, "transcription", controlId)),
          ctx.vars.set({ transcribe_result: "success", transcribe_control_id: controlId })
        ),
      ctx.vars.set({ transcribe_result: "failed" })
    )
  })

/** live_transcribe / live_translate: the action (`"stop"` is `{stop: {}}` on the wire). */
const live = (verb: "live_transcribe" | "live_translate") => (ctx: RunContext, config: unknown) => {
  const action = (config as { readonly action: unknown }).action
  return command(ctx, verb, `calling.${verb}`, { action: typeof action === "string" ? { [action]: {} } : action as JsonObject }, () => Effect.void, Effect.void)
}

const userEvent = (ctx: RunContext, config: unknown) =>
  command(ctx, "user_event", "calling.user_event", { event: (config as Swml.Verbs["user_event"]).event }, () => Effect.void, Effect.void)

const sipRefer = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["sip_refer"]
    yield* ctx.ops.answer
    const device = { type: "sip", params: defined({ to: spec.to_uri, username: spec.username, password: spec.password }) }
    const done = yield* ctx.ops.run("calling.refer", { device, ...defined({ status_url: spec.status_url }) }, "calling.call.refer", () => true, false)
    if (Either.isLeft(done)) {
      if (done.left._tag === "Ended") return ENDED
      yield* refused(ctx, "sip_refer", done.left.detail)
      yield* ctx.vars.set({ sip_refer_to: spec.to_uri, sip_refer_result: "failed", return_value: "failed" })
      return NEXT
    }
    const result = str(done.right.state) ?? "failed"
    yield* ctx.vars.set(defined({
      sip_refer_to: str(done.right.sip_refer_to) ?? spec.to_uri,
      sip_refer_result: result,
      return_value: result,
      sip_refer_response_code: str(done.right.sip_refer_response_code),
      sip_refer_to_response_code: str(done.right.sip_notify_response_code)
    }))
    return NEXT
  })

/** send_fax / receive_fax: wait for the fax to finish; the `<direction>_fax_*` variables. */
const fax = (direction: "send" | "receive") => (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = (config ?? {}) as Partial<Swml.Verbs["send_fax"]>
    yield* ctx.ops.answer
    const method = direction === "send" ? "calling.send_fax" : "calling.receive_fax"
    const params = direction === "send"
      ? defined({ document: spec.document, identity: spec.identity, header_info: spec.header_info, status_url: spec.status_url })
      : defined({ status_url: spec.status_url })
    const done = yield* ctx.ops.run(method, params, "calling.call.fax", (p) => p.state === "finished" || p.state === "error")
    const prefix = `${direction}_fax`
    if (Either.isLeft(done) && done.left._tag === "Ended") return ENDED
    if (Either.isLeft(done) && done.left._tag === "Refused") yield* refused(ctx, prefix, done.left.detail)
    const outcome = Either.isRight(done) ? ((done.right.fax as JsonObject | undefined)?.params ?? {}) as JsonObject : {}
    const success = outcome.success === true
    yield* ctx.vars.set(defined({
      [`${prefix}_document`]: str(outcome.document) ?? spec.document,
      [`${prefix}_identity`]: str(outcome.identity),
      [`${prefix}_pages`]: typeof outcome.pages === "number" ? String(outcome.pages) : "0",
      [`${prefix}_result_code`]: success ? "0" : "1",
      [`${prefix}_result_text`]: success ? "OK" : str((Either.isRight(done) ? (done.right.fax as JsonObject | undefined)?.params as JsonObject | undefined : undefined)?.description) ?? "the fax failed",
      [`${prefix}_result`]: success ? "success" : "failed"
    }))
    return NEXT
  })

const joinRoom = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    yield* ctx.ops.answer
    return yield* command(
      ctx,
      "join_room",
      "calling.join_room",
      { name: (config as Swml.Verbs["join_room"]).name },
      () => ctx.vars.set({ join_room_result: "joined" }),
      ctx.vars.set({ join_room_result: "failed" })
    )
  })

/** pay: the caller's card through the connector (the caller's `CallScript.payment`); `pay_result`, `pay_payment_results`. */
const pay = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["pay"]
    yield* ctx.ops.answer
    // RELAY's calling.pay takes every option as a string.
    const strings = Object.fromEntries(
      Object.entries(spec).filter(([k, v]) => k !== "parameters" && k !== "prompts" && v !== undefined).map(([k, v]) => [k, String(v)])
    )
    const params = { ...strings, ...defined({ parameters: spec.parameters, prompts: spec.prompts }) }
    const done = yield* ctx.ops.run("calling.pay", params, "calling.call.pay", (p) => p.state === "finished" || p.state === "error")
    if (Either.isLeft(done)) {
      if (done.left._tag === "Ended") {
        yield* ctx.vars.set({ pay_result: "caller-hung-up" })
        return ENDED
      }
      yield* refused(ctx, "pay", done.left.detail)
      yield* ctx.vars.set({ pay_result: "internal-error" })
      return NEXT
    }
    const results = (done.right.result ?? {}) as JsonObject
    const error = done.right.state === "error"
    yield* ctx.vars.set({
      pay_result: error ? "payment-connector-error" : "success",
      pay_payment_results: error
        ? { ...results, payment_error: str(done.right.description) ?? "the payment failed", payment_error_code: "declined" }
        : { ...results, payment_error: "", payment_error_code: "" }
    })
    return NEXT
  })

type Verb = (ctx: RunContext, config: unknown) => Effect.Effect<Outcome>

const verbs: Readonly<Record<string, Verb>> = {
  record_call: recordCall,
  stop_record_call: stopRecordCall,
  detect_machine: detectMachine,
  send_digits: sendDigits,
  denoise,
  stop_denoise: stopDenoise,
  tap,
  stop_tap: stopper("stop_tap", "tap", "calling.tap.stop"),
  stream,
  stop_stream: stopper("stop_stream", "stream", "calling.stream.stop", (ok) => ({ stop_stream_result: ok ? "success" : "failed" })),
  transcribe,
  transcribe_stop: stopper("transcribe_stop", "transcription", "calling.transcribe.stop", (ok) => ({ transcribe_stop_result: ok ? "success" : "failed" })),
  live_transcribe: live("live_transcribe"),
  live_translate: live("live_translate"),
  user_event: userEvent,
  sip_refer: sipRefer,
  send_fax: fax("send"),
  receive_fax: fax("receive"),
  join_room: joinRoom,
  pay
}

/** The verbs of this module, by name; `where` is the instruction's place (for `VerbFailed`). */
export const simulated: Readonly<Record<string, (ctx: RunContext, config: unknown, where: Where) => Effect.Effect<Outcome>>> =
  Object.fromEntries(Object.entries(verbs).map(([name, verb]) => [
    name,
    (ctx: RunContext, config: unknown, where: Where) =>
      Effect.suspend(() => {
        here.set(ctx, where)
        return verb(ctx, config)
      })
  ]))
