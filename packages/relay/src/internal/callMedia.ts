/**
 * The verbs of a call that start actions: play and prompts, record, collect, detect, tap, stream,
 * fax, pay, transcribe and AI. Each registers its action before the start request is sent.
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as CallApi from "../Call.js"
import * as Media from "../Media.js"
import type { InvalidRequest } from "../RelayError.js"
import type { JsonObject } from "../RelayFrame.js"
import { base, views } from "./actions.js"
import { CallCore } from "./callCore.js"
import * as params from "./params.js"

export class CallMedia extends CallCore {
  play(media: Media.Media | ReadonlyArray<Media.Media>, options?: CallApi.PlayOptions) {
    return Effect.map(
      this.startAction<CallApi.PlayResult>("play", "calling.play", this.withPlay("calling.play", media, params.play.toWire("calling.play", options)), options),
      views.play
    )
  }
  playTTS(text: string, options: CallApi.PlayTTSOptions = {}) {
    const { gender, language, voice, ...rest } = options
    return this.play({ type: "tts", params: { text, ...(gender === undefined ? {} : { gender }), ...(language === undefined ? {} : { language }), ...(voice === undefined ? {} : { voice }) } }, rest)
  }
  playAudio(url: string, options?: CallApi.PlayOptions) {
    return this.play({ type: "audio", params: { url } }, options)
  }
  playSilence(duration: Duration.DurationInput, options?: CallApi.PlayOptions) {
    return this.play(Media.silence(duration), options)
  }
  playRingtone(name: Media.RingtoneName, options: CallApi.PlayOptions & { readonly duration?: Duration.DurationInput } = {}) {
    const { duration, ...rest } = options
    return this.play(Media.ringtone(name, duration), rest)
  }
  record(options?: CallApi.RecordOptions) {
    const wire = Either.map(params.record.toWire("calling.record", options), ({ status_url, ...audio }) => ({
      record: { audio },
      ...(status_url === undefined ? {} : { status_url })
    }))
    return Effect.map(this.startAction<CallApi.RecordResult>("record", "calling.record", wire as Either.Either<JsonObject, InvalidRequest>, options), views.record)
  }
  playAndCollect(
    media: Media.Media | ReadonlyArray<Media.Media>,
    collect: CallApi.CollectSpec,
    options?: CallApi.PlayAndCollectOptions
  ) {
    const method = "calling.play_and_collect"
    const wire = Either.flatMap(params.check(params.CollectSpec, method, "collect")(collect), (checkedCollect) =>
      Either.map(this.withPlay(method, media, params.playAndCollect.toWire(method, options)), (rest) => ({
        ...rest,
        collect: checkedCollect as JsonObject
      })))
    return Effect.map(this.startAction<CallApi.CollectResult>("play_and_collect", method, wire, options), views.playAndCollect)
  }
  promptTTS(text: string, collect: CallApi.CollectSpec, options: CallApi.PromptTTSOptions = {}) {
    const { gender, language, voice, ...rest } = options
    return this.playAndCollect(
      { type: "tts", params: { text, ...(gender === undefined ? {} : { gender }), ...(language === undefined ? {} : { language }), ...(voice === undefined ? {} : { voice }) } },
      collect,
      rest
    )
  }
  promptAudio(url: string, collect: CallApi.CollectSpec, options?: CallApi.PlayAndCollectOptions) {
    return this.playAndCollect({ type: "audio", params: { url } }, collect, options)
  }
  collect(options: CallApi.CollectOptions) {
    return Effect.map(
      this.startAction<CallApi.CollectResult>("collect", "calling.collect", params.collect.toWire("calling.collect", options), options),
      views.collect
    )
  }
  detect(detect: CallApi.DetectSpec, options?: CallApi.DetectOptions) {
    const method = "calling.detect"
    const wire = params.leading(method, "detect", "detect", params.DetectSpec, detect, params.detect, options)
    return Effect.map(this.startAction<CallApi.DetectResult>("detect", method, wire, options), base)
  }
  private detectOf(type: "machine" | "fax" | "digit", codec: params.Wire, options: unknown) {
    const method = "calling.detect"
    const wire = Either.map(codec.toWire(method, options), ({ status_url, timeout, ...detectParams }) => ({
      detect: { type, params: detectParams },
      ...(timeout === undefined ? {} : { timeout }),
      ...(status_url === undefined ? {} : { status_url })
    }))
    return Effect.map(this.startAction<CallApi.DetectResult>("detect", method, wire as Either.Either<JsonObject, InvalidRequest>, options), base)
  }
  detectAnsweringMachine(options?: CallApi.DetectMachineOptions) {
    return this.detectOf("machine", params.detectMachine, options)
  }
  detectFax(options?: CallApi.DetectFaxOptions) {
    return this.detectOf("fax", params.detectFax, options)
  }
  detectDigit(options?: CallApi.DetectDigitOptions) {
    return this.detectOf("digit", params.detectDigit, options)
  }
  tap(tap: CallApi.TapSpec, device: CallApi.TapDevice, options?: CallApi.TapOptions) {
    const method = "calling.tap"
    const wire = Either.flatMap(params.check(params.TapSpec, method, "tap")(tap), (t) =>
      Either.flatMap(params.check(params.TapDevice, method, "device")(device), (d) =>
        Either.map(params.tap.toWire(method, options), (rest) => ({ tap: t as JsonObject, device: d as JsonObject, ...rest }))))
    return Effect.map(this.startAction<CallApi.Finished>("tap", method, wire, options), views.tap)
  }
  stream(url: string, options?: CallApi.StreamOptions) {
    const method = "calling.stream"
    const wire = params.leading(method, "url", "url", params.StreamUrl, url, params.stream, options)
    return Effect.map(this.startAction<CallApi.Finished>("stream", method, wire, options), base)
  }
  sendFax(document: string, options?: CallApi.SendFaxOptions) {
    const method = "calling.send_fax"
    const wire = params.leading(method, "document", "document", params.Url, document, params.sendFax, options)
    return Effect.map(this.startAction<CallApi.FaxResult>("send_fax", method, wire, options), base)
  }
  receiveFax(options?: CallApi.ReceiveFaxOptions) {
    const method = "calling.receive_fax"
    return Effect.map(this.startAction<CallApi.FaxResult>("receive_fax", method, params.receiveFax.toWire(method, options), options), base)
  }
  pay(paymentConnectorUrl: string, options?: CallApi.PayOptions) {
    const method = "calling.pay"
    const wire = params.leading(
      method,
      "paymentConnectorUrl",
      "payment_connector_url",
      params.Url,
      paymentConnectorUrl,
      params.pay,
      options
    )
    return Effect.map(this.startAction<CallApi.PayResult>("pay", method, wire, options), base)
  }
  transcribe(options?: CallApi.TranscribeOptions) {
    const method = "calling.transcribe"
    return Effect.map(this.startAction<CallApi.TranscribeResult>("transcribe", method, params.transcribe.toWire(method, options), options), base)
  }
  ai(options?: CallApi.AIOptions) {
    return Effect.map(this.startAction<CallApi.Finished>("ai", "calling.ai", params.ai.toWire("calling.ai", options), options), base)
  }
}
