/**
 * The verbs that act on the call, run through the call simulation as the platform runs them:
 * `answer`, `hangup`, `play`, `prompt` (the far end's scripted inputs or `calls.input`),
 * `record`, `connect` (a dialled far end, bridged until either side leaves), `sleep`, `set` /
 * `unset`, `request` (HTTP) and `send_sms` (the messaging simulation). Each sets the output
 * variables SignalWire documents for it. Their configuration arrives with `%{…}` expanded
 * (except `connect`, whose `result` holds instructions).
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { RelayFrame } from "@signalwire-effect/relay"
import type * as Swml from "@signalwire-effect/swml/Swml"
import * as Transcript from "../../Transcript.js"
import type { RunContext } from "./context.js"
import * as Http from "./http.js"
import * as V from "./vars.js"

type JsonObject = RelayFrame.JsonObject

/** Where an instruction is. */
export interface Where {
  readonly section: string
  readonly index: number
  readonly path: string
}

/** How a verb ends: go on, end the call, go on through a `result` switch / cond, or transfer. */
export type Outcome =
  | { readonly _tag: "Next" }
  | { readonly _tag: "Stop"; readonly reason: string; readonly by: Transcript.CallEnded["by"] }
  | { readonly _tag: "Result"; readonly result: Swml.Verbs["execute"]["result"]; readonly variable: string }
  /** On to another document, for good (a `transfer_after_bridge`: a URL or an inline document). */
  | { readonly _tag: "TransferTo"; readonly dest: string }

const NEXT: Outcome = { _tag: "Next" }
const ENDED: Outcome = { _tag: "Stop", reason: "hangup", by: "far_end" }

/** An HTTP exchange of the call, written to its transcript. */
export const httpExchange = (ctx: RunContext, request: Http.Exchange) => Http.exchange(ctx.http, request)

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)
const num = (value: unknown): number | undefined => {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value
  return typeof n === "number" && Number.isFinite(n) ? n : undefined
}

// ---- media ----------------------------------------------------------------------------------------

interface Voice {
  readonly say_voice?: string | undefined
  readonly say_language?: string | undefined
  readonly say_gender?: string | undefined
}

/** A SWML media URL as a RELAY play item, and the transcript entry of playing it. */
const mediaOf = (ctx: RunContext, url: string, voice: Voice): { readonly item: JsonObject; readonly entry: Transcript.Played } => {
  const at = ctx.now()
  const say = /^say: ?(.*)$/s.exec(url)
  if (say !== null) {
    const text = say[1]!
    return {
      item: {
        type: "tts",
        params: {
          text,
          ...(voice.say_voice === undefined ? {} : { voice: voice.say_voice }),
          ...(voice.say_language === undefined ? {} : { language: voice.say_language }),
          ...(voice.say_gender === undefined ? {} : { gender: voice.say_gender })
        }
      },
      entry: Transcript.Played.make({ at, by: "swml", kind: "say", text })
    }
  }
  const silence = /^silence: ?([0-9.]*)$/.exec(url)
  if (silence !== null) {
    return {
      item: { type: "silence", params: { duration: Number(silence[1] || "1") } },
      entry: Transcript.Played.make({ at, by: "swml", kind: "silence", url })
    }
  }
  const ring = /^ring: ?(?:([0-9.]*): ?)?([a-zA-Z]{2})$/.exec(url)
  if (ring !== null) {
    return {
      item: { type: "ringtone", params: { name: ring[2]!.toLowerCase(), ...(ring[1] ? { duration: Number(ring[1]) } : {}) } },
      entry: Transcript.Played.make({ at, by: "swml", kind: "ring", url })
    }
  }
  return { item: { type: "audio", params: { url } }, entry: Transcript.Played.make({ at, by: "swml", kind: "audio", url }) }
}

const playlist = (ctx: RunContext, urls: ReadonlyArray<string>, voice: Voice) =>
  Effect.gen(function*() {
    const media = urls.map((url) => mediaOf(ctx, url, voice))
    for (const m of media) yield* ctx.append(m.entry)
    return media.map((m) => m.item)
  })

const play = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["play"]
    const urls = "urls" in spec ? spec.urls : [spec.url]
    if (spec.auto_answer !== false) yield* ctx.ops.answer
    const items = yield* playlist(ctx, urls, spec)
    const done = yield* ctx.ops.run(
      "calling.play",
      { play: items, ...(num(spec.volume) === undefined ? {} : { volume: num(spec.volume)! }) },
      "calling.call.play",
      (p) => p.state === "finished" || p.state === "error"
    )
    return Either.isLeft(done) && done.left._tag === "Ended" ? ENDED : NEXT
  })

const prompt = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["prompt"]
    yield* ctx.ops.answer
    const items = yield* playlist(ctx, typeof spec.play === "string" ? [spec.play] : spec.play, spec)
    const speechOn = [spec.speech_timeout, spec.speech_end_timeout, spec.speech_language, spec.speech_hints].some((v) => v !== undefined)
    const digitsOn = !speechOn ||
      [spec.max_digits, spec.terminators, spec.digit_timeout, spec.initial_timeout].some((v) => v !== undefined)
    const collect: JsonObject = {
      initial_timeout: num(spec.initial_timeout) ?? 5,
      ...(digitsOn
        ? {
          digits: {
            max: num(spec.max_digits) ?? 1,
            ...(spec.terminators === undefined ? {} : { terminators: spec.terminators }),
            ...(num(spec.digit_timeout) === undefined ? {} : { digit_timeout: num(spec.digit_timeout)! })
          }
        }
        : {}),
      ...(speechOn
        ? {
          speech: {
            ...(num(spec.speech_end_timeout) === undefined ? {} : { end_silence_timeout: num(spec.speech_end_timeout)! }),
            ...(num(spec.speech_timeout) === undefined ? {} : { speech_timeout: num(spec.speech_timeout)! }),
            ...(spec.speech_language === undefined ? {} : { language: spec.speech_language }),
            ...(spec.speech_hints === undefined ? {} : { hints: [...spec.speech_hints] })
          }
        }
        : {})
    }
    const done = yield* ctx.ops.run(
      "calling.play_and_collect",
      { play: items, collect },
      "calling.call.collect",
      (p) => p.final !== false && p.state !== "collecting"
    )
    if (Either.isLeft(done) && done.left._tag === "Ended") return ENDED
    const event = Either.getOrElse(done, () => ({}) as JsonObject)
    const result = event.result as { readonly type?: string; readonly params?: JsonObject } | undefined
    const params = result?.params ?? {}
    const entry = result?.type === "digit"
      ? { result: "match_digits" as const, value: str(params.digits) ?? "", terminator: str(params.terminator) }
      : result?.type === "speech"
      ? { result: "match_speech" as const, value: str(params.text) ?? "", confidence: num(params.confidence) }
      : result?.type === "no_input"
      ? { result: "no_input" as const, value: "" }
      : result?.type === "no_match"
      ? { result: "no_match" as const, value: "" }
      : { result: "failed" as const, value: "" }
    yield* ctx.append(Transcript.PromptResult.make({ at: ctx.now(), ...entry }))
    yield* ctx.vars.set({ prompt_result: entry.result, prompt_value: entry.value })
    return NEXT
  })

const record = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["record"]
    yield* ctx.ops.answer
    const audio: JsonObject = {
      format: spec.format === "wav" ? "wav" : "mp3",
      direction: spec.direction ?? "speak",
      ...(spec.beep === undefined ? {} : { beep: spec.beep === true || spec.beep === "true" }),
      ...(spec.stereo === undefined ? {} : { stereo: spec.stereo === true || spec.stereo === "true" }),
      terminators: spec.terminators ?? "#",
      initial_timeout: num(spec.initial_timeout) ?? 4,
      end_silence_timeout: num(spec.end_silence_timeout) ?? 5
    }
    const done = yield* ctx.ops.run(
      "calling.record",
      { record: { audio } },
      "calling.call.record",
      (p) => p.state === "finished" || p.state === "no_input"
    )
    if (Either.isLeft(done) && done.left._tag === "Ended") return ENDED
    const event = Either.getOrElse(done, () => ({}) as JsonObject)
    const success = event.state === "finished"
    const url = str(event.url)
    yield* ctx.append(Transcript.Recorded.make({ at: ctx.now(), result: success ? "success" : "failed", url, duration: num(event.duration) }))
    yield* ctx.vars.set({ record_result: success ? "success" : "failed", record_url: url ?? "" })
    return NEXT
  })

// ---- control ----------------------------------------------------------------------------------------

const sleep = (ctx: RunContext, config: unknown) => {
  const ms = num(typeof config === "object" && config !== null ? (config as { readonly duration?: unknown }).duration : config) ?? 0
  return ms < 0
    ? Effect.as(Effect.never, NEXT)
    : Effect.as(Effect.sleep(Duration.millis(ms)), ctx.ops.state() === "ended" ? ENDED : NEXT)
}

const set = (ctx: RunContext, config: unknown) => Effect.as(ctx.vars.set(config as V.JsonRecord), NEXT)

const unset = (ctx: RunContext, config: unknown) =>
  Effect.as(ctx.vars.unset(typeof config === "string" ? [config] : (config as ReadonlyArray<string>)), NEXT)

const hangup = (_ctx: RunContext, config: unknown) =>
  Effect.succeed<Outcome>({ _tag: "Stop", reason: (config as Swml.Verbs["hangup"]).reason ?? "hangup", by: "swml" })

const answer = (ctx: RunContext) => Effect.as(ctx.ops.answer, NEXT)

// ---- HTTP and messaging -------------------------------------------------------------------------

const request = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["request"]
    const headers = Object.fromEntries(Object.entries(spec.headers ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]))
    const body = spec.body === undefined ? undefined : typeof spec.body === "string" ? spec.body : JSON.stringify(spec.body)
    const timeout = num(spec.timeout)
    const reply = yield* httpExchange(ctx, {
      purpose: "request",
      method: spec.method,
      url: spec.url,
      body,
      headers,
      signing: "none",
      timeout: timeout === undefined || timeout <= 0 ? undefined : Duration.seconds(timeout)
    })
    const outcome = Either.isRight(reply) ? "success" : "failed"
    const vars: V.JsonRecord = { request_url: Either.getOrElse(Http.splitUrl(spec.url), () => ({ url: spec.url })).url, request_result: outcome, return_value: outcome }
    if (Either.isRight(reply)) {
      vars.request_response_headers = Object.fromEntries(Object.entries(reply.right.headers).slice(0, 64).map(([k, v]) => [k.trim().toLowerCase(), v]))
      const save = spec.save_variables === true || spec.save_variables === "true"
      if (save) {
        try {
          vars.request_response = JSON.parse(reply.right.text) as unknown
        } catch {
          // not JSON: nothing to save
        }
      }
    }
    yield* ctx.vars.set(vars)
    return NEXT
  })

const sendSms = (ctx: RunContext, config: unknown) =>
  Effect.gen(function*() {
    const spec = config as Swml.Verbs["send_sms"]
    const media = "media" in spec && spec.media !== undefined ? spec.media : []
    const sent = yield* ctx.ops.sendSms({
      from: spec.from_number,
      to: spec.to_number,
      body: spec.body,
      media,
      statusCallback: spec.status_callback
    })
    const result = Either.isRight(sent) ? "success" : "failed"
    yield* ctx.append(Transcript.SmsSent.make({
      at: ctx.now(),
      by: "swml",
      from: spec.from_number,
      to: spec.to_number,
      body: spec.body,
      media: [...media],
      result,
      messageId: Either.isRight(sent) ? sent.right.messageId : undefined,
      reason: Either.isLeft(sent) ? sent.left : undefined
    }))
    yield* ctx.vars.set({ send_sms_result: result })
    return NEXT
  })

/** The simulated verbs besides control flow (cond, switch, goto, label, execute, return, transfer, ai). */
export const simulated: Readonly<Record<string, (ctx: RunContext, config: unknown) => Effect.Effect<Outcome>>> = {
  answer,
  hangup,
  play,
  prompt,
  record,
  sleep,
  set,
  unset,
  request,
  send_sms: sendSms
}
