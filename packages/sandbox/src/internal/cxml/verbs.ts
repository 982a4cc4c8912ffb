/**
 * The cXML verbs that play, listen and record, run through the call simulation as the platform
 * runs them: `<Say>` (voice, language, loop), `<Play>` (loop, digits), `<Pause>` (length),
 * `<Gather>` (input, timeout, finishOnKey, numDigits, speechTimeout, hints, language, action,
 * method, actionOnEmptyResult; nested Say / Play / Pause), `<Record>` (action, method, timeout,
 * maxLength, finishOnKey, playBeep, recordingStatusCallback[Method], transcribe and
 * transcribeCallback; trim checked, not applied), `<Hangup>`, `<Reject>` (reason),
 * `<Redirect>` (method) and `<Sms>` / `<Message>` (to, from, action, method).
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { RelayFrame } from "@signalwire-effect/relay"
import type { SimMessage } from "../../SimMessages.js"
import * as Transcript from "../../Transcript.js"
import * as Sim from "../sim.js"
import { type CxmlContext, ENDED, ERROR, type Flow, NEXT, type Where } from "./context.js"
import * as R from "./request.js"
import * as Xml from "./xml.js"

type JsonObject = RelayFrame.JsonObject

export const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)
export const num = (value: string | undefined): number | undefined => {
  const n = value === undefined || value.trim() === "" ? NaN : Number(value)
  return Number.isFinite(n) ? n : undefined
}
export const bool = (value: string | undefined, fallback: boolean) => (value === undefined ? fallback : value === "true")
export const methodOf = (value: string | undefined): "GET" | "POST" => (value?.toUpperCase() === "GET" ? "GET" : "POST")

export const failed = (x: CxmlContext, where: Where, verb: string, detail: string) =>
  Effect.as(x.append(Transcript.VerbFailed.make({ at: x.now(), ...where, verb, detail })), ERROR)

/** A request for the next document to `ref` (resolved against the current one). */
export const fetchNext = (
  x: CxmlContext,
  where: Where,
  verb: string,
  ref: string,
  base: string | undefined,
  method: string | undefined,
  params: Readonly<Record<string, string>>,
  via: "redirect" | "action"
): Effect.Effect<Flow> => {
  const url = R.resolve(ref, base)
  return url === undefined
    ? failed(x, where, verb, `${JSON.stringify(R.shown(ref))} is not an http(s) URL${base === undefined ? " (there is no document URL to resolve it against)" : ""}`)
    : Effect.succeed({ _tag: "Fetch", url, method: methodOf(method), params, via })
}

/** The `action` of a verb, or (with none) the current document's URL again; nothing when there is neither. */
const actionOrAgain = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined, params: Record<string, string>) => {
  const action = el.attributes.action
  if (action !== undefined) return fetchNext(x, where, el.name, action, base, el.attributes.method, params, "action")
  return base === undefined ? Effect.succeed(NEXT) : fetchNext(x, where, el.name, base, base, el.attributes.method, params, "action")
}

// ---- media --------------------------------------------------------------------------------------

const loops = (el: Xml.Element) => Math.max(1, Math.min(num(el.attributes.loop) ?? 1, 100))

/** A media verb (Say / Play / Pause) as RELAY play items and the entries that say what was played. */
export const mediaOf = (x: CxmlContext, el: Xml.Element): Either.Either<ReadonlyArray<{ readonly item: JsonObject; readonly entry: Transcript.Played }>, string> => {
  const at = x.now()
  const text = Xml.textOf(el)
  switch (el.name) {
    case "Say": {
      const params: JsonObject = {
        text,
        ...(el.attributes.voice === undefined ? {} : { voice: el.attributes.voice }),
        ...(el.attributes.language === undefined ? {} : { language: el.attributes.language })
      }
      return Either.right(Array.from({ length: loops(el) }, () => ({ item: { type: "tts", params }, entry: Transcript.Played.make({ at, by: "cxml", kind: "say", text }) })))
    }
    case "Play": {
      if (text === "") return Either.left("<Play> needs a URL")
      return Either.right(Array.from({ length: loops(el) }, () => ({ item: { type: "audio", params: { url: text } }, entry: Transcript.Played.make({ at, by: "cxml", kind: "audio", url: text }) })))
    }
    case "Pause": {
      const length = num(el.attributes.length) ?? 1
      return Either.right([{ item: { type: "silence", params: { duration: length } }, entry: Transcript.Played.make({ at, by: "cxml", kind: "silence", url: `silence:${length}` }) }])
    }
    default:
      return Either.left(`<${el.name}> cannot be played`)
  }
}

const playItems = (x: CxmlContext, media: ReadonlyArray<{ readonly item: JsonObject; readonly entry: Transcript.Played }>) =>
  Effect.gen(function*() {
    for (const m of media) yield* x.append(m.entry)
    if (media.length === 0) return NEXT
    const done = yield* x.ops.run("calling.play", { play: media.map((m) => m.item) }, "calling.call.play", (p) => p.state === "finished" || p.state === "error")
    return Either.isLeft(done) && done.left._tag === "Ended" ? ENDED : NEXT
  })

/** `<Say>`, `<Play>` (with `digits`: DTMF sent instead of a file), `<Pause>`. */
export const media = (x: CxmlContext, where: Where, el: Xml.Element): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    if (el.name === "Play" && el.attributes.digits !== undefined) {
      const digits = el.attributes.digits
      const sent = yield* x.ops.run("calling.send_digits", { digits }, "calling.call.send_digits", (p) => p.state === "finished")
      if (Either.isLeft(sent)) return sent.left._tag === "Ended" ? ENDED : yield* failed(x, where, "Play", sent.left.detail)
      if (Xml.textOf(el) === "") return NEXT
    }
    const items = mediaOf(x, el)
    if (Either.isLeft(items)) return yield* failed(x, where, el.name, items.left)
    return yield* playItems(x, items.right)
  })

// ---- input ----------------------------------------------------------------------------------------

const GATHER_CHILDREN = new Set(["Say", "Play", "Pause"])

export const gather = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const a = el.attributes
    const children = Xml.elements(el.children)
    const unknown = children.find((c) => !GATHER_CHILDREN.has(c.name))
    if (unknown !== undefined) {
      yield* x.append(Transcript.VerbUnsupported.make({ at: x.now(), ...where, path: `${where.path}.${unknown.name}`, verb: `Gather/${unknown.name}` }))
      return ERROR
    }
    const media: Array<{ readonly item: JsonObject; readonly entry: Transcript.Played }> = []
    for (const child of children) {
      const items = mediaOf(x, child)
      if (Either.isLeft(items)) return yield* failed(x, where, "Gather", items.left)
      media.push(...items.right)
    }
    const input = (a.input ?? "dtmf").split(/\s+/)
    const timeout = num(a.timeout) ?? 5
    const finishOnKey = a.finishOnKey ?? "#"
    const speechTimeout = a.speechTimeout === "auto" ? undefined : num(a.speechTimeout)
    const collect: JsonObject = {
      initial_timeout: timeout,
      ...(input.includes("dtmf")
        ? { digits: { max: num(a.numDigits) ?? 128, digit_timeout: timeout, ...(finishOnKey === "" ? {} : { terminators: finishOnKey }) } }
        : {}),
      ...(input.includes("speech")
        ? {
          speech: {
            ...(speechTimeout === undefined ? {} : { end_silence_timeout: speechTimeout }),
            ...(a.language === undefined ? {} : { language: a.language }),
            ...(a.hints === undefined ? {} : { hints: a.hints.split(",").map((h) => h.trim()).filter((h) => h !== "") })
          }
        }
        : {})
    }
    if (collect.digits === undefined && collect.speech === undefined) return yield* failed(x, where, "Gather", `input ${JSON.stringify(a.input)} is neither dtmf nor speech`)
    for (const m of media) yield* x.append(m.entry)
    const done = media.length === 0
      ? yield* x.ops.run("calling.collect", collect, "calling.call.collect", (p) => p.final !== false && p.state !== "collecting")
      : yield* x.ops.run("calling.play_and_collect", { play: media.map((m) => m.item), collect }, "calling.call.collect", (p) => p.final !== false && p.state !== "collecting")
    if (Either.isLeft(done)) return done.left._tag === "Ended" ? ENDED : yield* failed(x, where, "Gather", done.left.detail)
    const result = done.right.result as { readonly type?: string; readonly params?: JsonObject } | undefined
    const params = result?.params ?? {}
    const entry = result?.type === "digit"
      ? { result: "match_digits" as const, value: str(params.digits) ?? "", terminator: str(params.terminator) }
      : result?.type === "speech"
      ? { result: "match_speech" as const, value: str(params.text) ?? "", confidence: typeof params.confidence === "number" ? params.confidence : undefined }
      : result?.type === "no_match"
      ? { result: "no_match" as const, value: "" }
      : { result: "no_input" as const, value: "" }
    yield* x.append(Transcript.PromptResult.make({ at: x.now(), ...entry }))
    const posted: Record<string, string> = entry.result === "match_digits"
      ? { Digits: entry.value }
      : entry.result === "match_speech"
      ? { SpeechResult: entry.value, Confidence: String(entry.confidence ?? 0.9) }
      : {}
    if (Object.keys(posted).length === 0 && !bool(a.actionOnEmptyResult, false)) return NEXT
    return yield* actionOrAgain(x, where, el, base, posted)
  })

/**
 * `<Record transcribe>` (or with a `transcribeCallback`): a compat transcription of the recording
 * from the far end's scripted speech; the callback (a POST) gets its sid, text, status and URL.
 */
const transcribe = (x: CxmlContext, where: Where, a: Xml.Element["attributes"], base: string | undefined, recordingSid: string, recordingUrl: string, duration: number) =>
  Effect.gen(function*() {
    const text = x.scriptedTranscription()
    const made = x.transcribeRecording({ callSid: x.callId, recordingSid, text, duration })
    const status = text === undefined ? "failed" as const : "completed" as const
    yield* x.append(Transcript.Transcribed.make({ at: x.now(), transcriptionSid: made.sid, recordingSid, status, text }))
    if (a.transcribeCallback === undefined) return NEXT
    const target = R.resolve(a.transcribeCallback, base)
    if (target === undefined) return yield* failed(x, where, "Record", "transcribeCallback is not an http(s) URL")
    yield* R.send(x, "status_callback", target, "POST", {
      AccountSid: x.accountSid,
      CallSid: x.callId,
      TranscriptionSid: made.sid,
      TranscriptionText: text ?? "",
      TranscriptionStatus: status,
      TranscriptionUrl: made.url,
      RecordingSid: recordingSid,
      RecordingUrl: recordingUrl
    })
    return NEXT
  })

export const record = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const a = el.attributes
    if (a.trim !== undefined && a.trim !== "trim-silence" && a.trim !== "do-not-trim") {
      return yield* failed(x, where, "Record", `trim is trim-silence or do-not-trim, not ${JSON.stringify(a.trim)}`)
    }
    const timeout = num(a.timeout) ?? 5
    const audio: JsonObject = {
      format: "wav",
      direction: "speak",
      beep: bool(a.playBeep, true),
      terminators: a.finishOnKey ?? "1234567890*#",
      initial_timeout: timeout,
      end_silence_timeout: timeout
    }
    const maxLength = num(a.maxLength)
    const controlId = Sim.uuid()
    const finished = yield* x.ops.listen("calling.call.record", (p) => p.control_id === controlId && (p.state === "finished" || p.state === "no_input"))
    const started = yield* x.ops.command("calling.record", { control_id: controlId, record: { audio } })
    if (Either.isLeft(started)) return started.left._tag === "Ended" ? ENDED : yield* failed(x, where, "Record", started.left.detail)
    // `maxLength`: the recording is stopped when it is up (and saved as it stands).
    const limit = maxLength === undefined || maxLength <= 0
      ? Effect.never
      : Effect.zipRight(Effect.sleep(Duration.seconds(maxLength)), Effect.zipRight(x.ops.command("calling.record.stop", { control_id: controlId }), Effect.never))
    const done = yield* Effect.raceFirst(finished, limit)
    if (Either.isLeft(done)) return done.left._tag === "Ended" ? ENDED : yield* failed(x, where, "Record", done.left.detail)
    const event = done.right
    const url = str(event.url)
    const duration = typeof event.duration === "number" ? event.duration : 0
    yield* x.append(Transcript.Recorded.make({ at: x.now(), result: event.state === "finished" ? "success" : "failed", url, duration }))
    const recording: Record<string, string> = {
      ...(url === undefined ? {} : { RecordingUrl: url }),
      RecordingDuration: String(Math.round(duration)),
      ...(typeof event.control_id === "string" ? { RecordingSid: event.control_id } : {})
    }
    if (a.recordingStatusCallback !== undefined && url !== undefined) {
      const target = R.resolve(a.recordingStatusCallback, base)
      if (target === undefined) return yield* failed(x, where, "Record", "recordingStatusCallback is not an http(s) URL")
      yield* R.send(x, "status_callback", target, methodOf(a.recordingStatusCallbackMethod), {
        AccountSid: x.accountSid,
        CallSid: x.callId,
        ...recording,
        RecordingStatus: "completed",
        RecordingChannels: "1",
        RecordingSource: "RecordVerb"
      })
    }
    if ((bool(a.transcribe, false) || a.transcribeCallback !== undefined) && url !== undefined && recording.RecordingSid !== undefined) {
      const flow = yield* transcribe(x, where, a, base, recording.RecordingSid, url, duration)
      if (flow._tag !== "Next") return flow
    }
    return yield* actionOrAgain(x, where, el, base, recording)
  })

// ---- control --------------------------------------------------------------------------------------

export const hangup: Flow = { _tag: "Stop", reason: "hangup", by: "cxml" }

export const reject = (el: Xml.Element): Flow => ({ _tag: "Stop", reason: el.attributes.reason === "busy" ? "busy" : "decline", by: "cxml" })

export const redirect = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined) => {
  const target = Xml.textOf(el)
  return target === "" ? failed(x, where, "Redirect", "<Redirect> needs a URL") : fetchNext(x, where, "Redirect", target, base, el.attributes.method, {}, "redirect")
}

/**
 * `<Sms>` / `<Message>`: by default to the caller, from the number called. `statusCallback` (always
 * a POST) gets the call's parameters with `SmsSid` and `SmsStatus` once the message is through:
 * `sent` (the carrier delivered it or not), or `failed`.
 */
export const sms = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const info = x.info()
    const inbound = info.direction === "inbound"
    const to = el.attributes.to ?? (inbound ? info.from : info.to)
    const from = el.attributes.from ?? (inbound ? info.to : info.from)
    const body = Xml.textOf(el)
    const callback = el.attributes.statusCallback === undefined ? undefined : R.resolve(el.attributes.statusCallback, base)
    if (el.attributes.statusCallback !== undefined && callback === undefined) {
      return yield* failed(x, where, el.name, `statusCallback ${JSON.stringify(R.shown(el.attributes.statusCallback))} is not an http(s) URL`)
    }
    // One callback, once the message is through: `sent` (delivered or not by the carrier) or `failed`.
    const onState = callback === undefined ? undefined : (m: SimMessage) => {
      if (m.state !== "delivered" && m.state !== "undelivered" && m.state !== "failed") return
      const status = m.state === "failed" ? "failed" : "sent"
      x.background(Effect.asVoid(R.send(x, "status_callback", callback, "POST", { ...R.standard(x), SmsSid: m.messageId, SmsStatus: status })))
    }
    const sent = yield* x.ops.sendSms({ from, to, body, media: [], onState })
    yield* x.append(Transcript.SmsSent.make({
      at: x.now(),
      by: "cxml",
      from,
      to,
      body,
      media: [],
      result: Either.isRight(sent) ? "success" : "failed",
      messageId: Either.isRight(sent) ? sent.right.messageId : undefined,
      reason: Either.isLeft(sent) ? sent.left : undefined
    }))
    if (el.attributes.action === undefined) return NEXT
    const status = Either.isRight(sent) ? { SmsSid: sent.right.messageId, SmsStatus: "sending" } : { SmsStatus: "failed" }
    return yield* fetchNext(x, where, el.name, el.attributes.action, base, el.attributes.method, status, "action")
  })
