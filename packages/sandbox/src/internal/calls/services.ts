/**
 * What else runs on a call (§9.7–9.10, §9.13): taps and streams, fax, payments, transcription
 * and AI. Tap, stream, transcribe and AI run until stopped or until the call ends, and then report
 * `finished`; fax and payment finish shortly after they start, as the script says.
 */
import * as Duration from "effect/Duration"
import * as Sim from "../sim.js"
import type { SimSession } from "../sim.js"
import * as W from "../wire.js"
import type { Core } from "./core.js"
import {
  type Action,
  actionIds,
  BYTES_PER_SECOND,
  type Call,
  coded,
  type JsonObject,
  type Methods,
  ok,
  simple,
  startSpec,
  type Step,
  str,
  sub,
  type Timer
} from "./model.js"

const FAX_DELAY = Duration.millis(20)
const PAY_DELAY = Duration.millis(20)

const payStrings = [
  "input",
  "status_url",
  "payment_method",
  "timeout",
  "max_attempts",
  "security_code",
  "postal_code",
  "min_postal_code_length",
  "token_type",
  "charge_amount",
  "currency",
  "language",
  "voice",
  "description",
  "valid_card_types"
]

const liveMessage = (what: "transcription" | "translation", action: JsonObject): string => {
  const key = Object.keys(action)[0]
  const noun = what === "transcription" ? "Live transcription" : "Live translation"
  switch (key) {
    case "start":
      return `${noun} started`
    case "stop":
      return `${noun} stopped`
    case "summarize":
      return `${noun} summary requested`
    default:
      return `${noun} updated`
  }
}

export const make = <S extends SimSession>(core: Core<S>) => {
  const { endTimed, event, register, removeAction, schedule } = core
  const now = core.env.now
  /** Tap source ports are handed out in turn, 20 000 and up. */
  let tapPort = 0

  /** An action that runs until `.stop` or the end of the call, and then reports `finished`. */
  const startOpenEnded = (
    call: Call<S>,
    options: {
      readonly controlId: string
      readonly method: string
      readonly eventType: string
      readonly state: string
      readonly started: JsonObject | undefined
      readonly finished: () => JsonObject
      readonly message: string
      readonly reply?: JsonObject
    }
  ): Step => {
    const ids = actionIds(call, options.controlId)
    let done = false
    const finish = () => {
      if (done) return
      done = true
      removeAction(call, action)
      event(call, options.eventType, { control_id: options.controlId, state: "finished", ...options.finished() })
    }
    const action: Action = register(call, {
      controlId: options.controlId,
      method: options.method,
      state: options.state,
      subs: new Map([[`${options.method}.stop`, () => ok("Stopped", ids, finish)]]),
      callEnded: finish
    })
    return ok(options.message, { ...ids, ...options.reply }, () => {
      if (options.started !== undefined) {
        event(call, options.eventType, { control_id: options.controlId, state: options.state, ...options.started })
      }
    })
  }

  const startFax = (call: Call<S>, params: JsonObject, direction: "send" | "receive"): Step => {
    const controlId = params.control_id as string
    const method = direction === "send" ? "calling.send_fax" : "calling.receive_fax"
    const document = direction === "send"
      ? (params.document as string)
      : `https://sandbox.invalid/faxes/${controlId}.pdf`
    const identity = direction === "send" ? str(params.identity) : call.direction === "inbound" ? call.from : call.to
    let timer: Timer | undefined
    let action: Action | undefined
    const emit = (extra: JsonObject) => event(call, "calling.call.fax", { control_id: controlId, ...extra })
    const done = () => endTimed(call, action, timer)
    const run = () => {
      if (!done()) return
      const outcome = call.far.fax
      if ("error" in outcome) {
        return emit({ state: "error", fax: { type: "error", params: { description: outcome.error } } })
      }
      for (let number = 1; number <= outcome.pages; number++) {
        emit({ fax: { type: "page", params: { direction, number } } })
      }
      emit({
        state: "finished",
        fax: {
          type: "finished",
          params: {
            direction,
            success: true,
            pages: outcome.pages,
            document,
            ...(identity === undefined ? {} : { identity })
          }
        }
      })
    }
    const ids = actionIds(call, controlId)
    action = register(call, {
      controlId,
      method,
      state: direction === "send" ? "sending" : "receiving",
      subs: new Map([[`${method}.stop`, () =>
        ok("Stopped", ids, () => {
          if (done()) emit({ state: "finished", fax: { type: "finished", params: { direction, success: false, pages: 0 } } })
        })]]),
      callEnded: () => timer?.cancel()
    })
    return ok(direction === "send" ? "Sending fax" : "Receiving fax", ids, () => {
      timer = schedule(FAX_DELAY, run)
    })
  }

  const startPay = (call: Call<S>, params: JsonObject): Step => {
    const controlId = params.control_id as string
    let timer: Timer | undefined
    let action: Action | undefined
    const emit = (extra: JsonObject) => event(call, "calling.call.pay", { control_id: controlId, ...extra })
    const done = () => endTimed(call, action, timer)
    const run = () => {
      if (!done()) return
      if (call.far.payment === "error") {
        return emit({ state: "error", result: {}, description: "The payment was declined (sandbox script)" })
      }
      emit({
        state: "finished",
        result: {
          payment_token: `sandbox_${Sim.uuid()}`,
          payment_card_number: "xxxx1111",
          payment_card_type: "visa",
          payment_card_expiration_date: "1230",
          ...(typeof params.charge_amount === "string" ? { charge_amount: params.charge_amount } : {}),
          ...(typeof params.currency === "string" ? { currency: params.currency } : {})
        }
      })
    }
    const ids = actionIds(call, controlId)
    action = register(call, {
      controlId,
      method: "calling.pay",
      state: "processing",
      subs: new Map([["calling.pay.stop", () =>
        ok("Stopped", ids, () => {
          if (done()) emit({ state: "finished", result: {} })
        })]]),
      callEnded: () => timer?.cancel()
    })
    return ok("Prompting user", ids, () => {
      emit({ state: "processing" })
      timer = schedule(PAY_DELAY, run)
    })
  }

  const methods: Methods<S> = [
    ["calling.tap", startSpec({ tap: W.req(W.tapSpec), device: W.req(W.tapDevice) }, (call, p) => {
      tapPort = (tapPort + 2) % 20_000
      return startOpenEnded(call, {
        controlId: p.control_id as string,
        method: "calling.tap",
        eventType: "calling.call.tap",
        state: "tapping",
        started: { tap: p.tap, device: p.device },
        finished: () => ({ tap: p.tap, device: p.device }),
        message: "Tapping",
        reply: { source_device: { type: "rtp", params: { addr: "127.0.0.1", port: 20_000 + tapPort } } }
      })
    })],
    ["calling.tap.stop", sub()],

    ["calling.stream", startSpec({ url: W.req(W.wsUrl), name: W.opt(W.string), codec: W.opt(W.string), track: W.opt(W.string) }, (call, p) => {
      const about = { url: p.url, ...(typeof p.name === "string" ? { name: p.name } : {}) }
      return startOpenEnded(call, {
        controlId: p.control_id as string,
        method: "calling.stream",
        eventType: "calling.call.stream",
        state: "streaming",
        started: about,
        finished: () => about,
        message: "Streaming"
      })
    })],
    ["calling.stream.stop", sub()],

    ["calling.send_fax", startSpec({
      document: W.req(W.nonEmpty),
      identity: W.opt(W.string),
      header_info: W.opt(W.string),
      status_url: W.opt(W.string)
    }, (call, p) => startFax(call, p, "send"))],
    ["calling.send_fax.stop", sub()],
    ["calling.receive_fax", startSpec({ status_url: W.opt(W.string) }, (call, p) => startFax(call, p, "receive"))],
    ["calling.receive_fax.stop", sub()],

    ["calling.pay", startSpec({
      payment_connector_url: W.req(W.nonEmpty),
      ...Object.fromEntries(payStrings.map((key) => [key, W.opt(W.string)])),
      parameters: W.opt(W.arrayOf(W.shape({ name: W.req(W.string), value: W.req(W.string) }))),
      prompts: W.opt(W.arrayOf(W.object))
    }, startPay)],
    ["calling.pay.stop", sub()],

    ["calling.transcribe", startSpec({ status_url: W.opt(W.string) }, (call, p) => {
      if (Array.from(call.actions.values()).some((a) => a.method === "calling.transcribe")) {
        return coded("409", "A transcription is already running on this call")
      }
      const controlId = p.control_id as string
      const scripted = call.far.transcription
      let startedAt = 0
      const step = startOpenEnded(call, {
        controlId,
        method: "calling.transcribe",
        eventType: "calling.call.transcribe",
        state: "transcribing",
        started: undefined,
        finished: () => {
          const duration = scripted?.duration ?? (now() - startedAt) / 1000
          return {
            url: scripted?.url ?? `https://sandbox.invalid/transcriptions/${controlId}.wav`,
            recording_id: Sim.uuid(),
            duration,
            size: Math.round(duration * BYTES_PER_SECOND),
            ...(scripted?.text === undefined ? {} : { text: scripted.text })
          }
        },
        message: "Transcribing"
      })
      startedAt = now()
      return step
    })],
    ["calling.transcribe.stop", sub()],
    ["calling.live_transcribe", {
      params: { action: W.req(W.singleAction("start", "stop", "summarize")) },
      run: (call, p) => ok(liveMessage("transcription", p.action as JsonObject), { call_id: call.callId })
    }],
    ["calling.live_translate", {
      params: { action: W.req(W.singleAction("start", "stop", "summarize", "inject")), status_url: W.opt(W.string) },
      run: (call, p) => ok(liveMessage("translation", p.action as JsonObject), { call_id: call.callId })
    }],

    ["calling.ai", startSpec({
      agent: W.opt(W.string),
      prompt: W.opt(W.object),
      post_prompt: W.opt(W.object),
      post_prompt_url: W.opt(W.string),
      global_data: W.opt(W.object),
      SWAIG: W.opt(W.object),
      params: W.opt(W.object),
      pronounce: W.opt(W.either("an object or an array", W.object, W.arrayOf(W.anything))),
      hints: W.opt(W.either("an object or an array", W.object, W.arrayOf(W.anything))),
      languages: W.opt(W.either("an object or an array", W.object, W.arrayOf(W.anything)))
    }, (call, p) =>
      startOpenEnded(call, {
        controlId: p.control_id as string,
        method: "calling.ai",
        eventType: "calling.call.ai",
        state: "started",
        started: {},
        finished: () => ({}),
        message: "AI started"
      }))],
    ["calling.ai.stop", sub()],
    ["calling.amazon_bedrock", simple("AI started", {
      prompt: W.opt(W.either("a string or an object", W.string, W.object)),
      SWAIG: W.opt(W.object),
      params: W.opt(W.object),
      global_data: W.opt(W.object),
      post_prompt: W.opt(W.object),
      post_prompt_url: W.opt(W.string)
    })],
    ["calling.ai_message", simple("Message sent", {
      message_text: W.opt(W.string),
      role: W.opt(W.oneOf("system", "user", "assistant")),
      reset: W.opt(W.object),
      global_data: W.opt(W.object)
    })],
    ["calling.ai_hold", simple("AI on hold", { timeout: W.opt(W.string), prompt: W.opt(W.string) })],
    ["calling.ai_unhold", simple("AI resumed", { prompt: W.opt(W.string) })]
  ]

  return { methods }
}
