import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { RelaySandbox, Transcript } from "@signalwire-effect/sandbox"
import { doc } from "./fixtures/entries.js"

const CALLER = "+15551110000"
const OFFICE = "+15552220000"

/** Every variable set over the run, later values winning. */
const varsOf = (entries: ReadonlyArray<Transcript.Entry>) =>
  entries.reduce<Record<string, unknown>>((all, e) => e._tag === "VarsChanged" ? { ...all, ...e.set } : all, {})

const run = (main: ReadonlyArray<unknown>, script: Parameters<RelaySandbox.Sandbox["calls"]["inbound"]>[0]["script"] = {}) =>
  Effect.gen(function*() {
    const sandbox = yield* RelaySandbox.make()
    const call = yield* sandbox.calls.inbound({ from: CALLER, to: OFFICE, swml: doc(main), script })
    return yield* sandbox.swml.waitForEnd(call.callId)
  })

describe("SWML verbs that are one calling method", () => {
  it.scoped("record_call in the background, stop_record_call saves it; denoise, tap, stream, transcribe and their stops; send_digits, user_event, live_transcribe, join_room", () =>
    Effect.gen(function*() {
      const entries = yield* run([
        { answer: {} },
        { record_call: { format: "wav", stereo: true } },
        { denoise: {} },
        { tap: { uri: "rtp://10.0.0.5:4000", codec: "PCMA" } },
        { stream: { url: "wss://media.example.com/stream", track: "both_tracks" } },
        { transcribe: {} },
        { send_digits: { digits: "1234#" } },
        { user_event: { event: { step: "menu" } } },
        { live_transcribe: { action: { start: { lang: "en-US", direction: ["remote-caller"] } } } },
        { join_room: { name: "standup" } },
        { stop_tap: {} },
        { stop_stream: {} },
        { transcribe_stop: {} },
        { stop_denoise: {} },
        { live_transcribe: { action: "stop" } },
        { stop_record_call: {} },
        { hangup: {} }
      ])
      const failures = entries.filter((e) => e._tag === "VerbFailed" || e._tag === "VerbUnsupported")
      expect(failures).toEqual([])
      const vars = varsOf(entries)
      expect(vars).toMatchObject({
        record_call_result: "success",
        record_call_url: expect.stringMatching(/\.wav$/),
        record_control_id: expect.any(String),
        denoise_result: "off",
        tap_result: "success",
        tap_uri: "rtp://10.0.0.5:4000",
        tap_codec: "PCMA",
        tap_control_id: expect.any(String),
        stream_result: "success",
        stop_stream_result: "success",
        transcribe_result: "success",
        transcribe_stop_result: "success",
        send_digits_result: "success",
        join_room_result: "joined"
      })
      // The recording stopped by stop_record_call is saved, at the URL record_call announced.
      const recorded = entries.filter((e): e is Transcript.Recorded => e._tag === "Recorded")
      expect(recorded).toMatchObject([{ result: "success", url: vars["record_call_url"] }])
      const ended = entries.at(-1)
      expect(ended).toMatchObject({ _tag: "CallEnded", by: "swml" })
    }))

  it.scoped("detect_machine: human, machine (waiting for the greeting's end), fax", () =>
    Effect.gen(function*() {
      const verbs = [{ answer: {} }, { detect_machine: { detectors: "amd,fax", wait: true } }, { hangup: {} }]
      expect(varsOf(yield* run(verbs, { machine: "HUMAN" }))["detect_result"]).toBe("human")
      expect(varsOf(yield* run(verbs, { machine: "MACHINE" }))["detect_result"]).toBe("machine")
      expect(varsOf(yield* run([{ answer: {} }, { detect_machine: { detectors: "fax" } }, { hangup: {} }], { faxTone: "CED" }))["detect_result"]).toBe("fax")
    }))

  it.scoped("send_fax and receive_fax wait for the fax; a failing far end says failed", () =>
    Effect.gen(function*() {
      const sent = varsOf(yield* run([{ answer: {} }, { send_fax: { document: "https://example.com/invoice.pdf", identity: OFFICE } }, { hangup: {} }], { fax: { pages: 3 } }))
      expect(sent).toMatchObject({ send_fax_result: "success", send_fax_pages: "3", send_fax_document: "https://example.com/invoice.pdf", send_fax_identity: OFFICE })
      const received = varsOf(yield* run([{ answer: {} }, { receive_fax: {} }, { hangup: {} }], { fax: { pages: 2 } }))
      expect(received).toMatchObject({ receive_fax_result: "success", receive_fax_pages: "2", receive_fax_document: expect.stringMatching(/\.pdf$/) })
      const failed = varsOf(yield* run([{ answer: {} }, { receive_fax: {} }, { hangup: {} }], { fax: { error: "no carrier" } }))
      expect(failed).toMatchObject({ receive_fax_result: "failed" })
    }))

  it.scoped("pay: the connector's outcome in pay_result and pay_payment_results (declined by the caller's script too)", () =>
    Effect.gen(function*() {
      const verbs = [{ answer: {} }, { pay: { payment_connector_url: "https://pay.example.com/connector", charge_amount: "10.50", max_attempts: 2 } }, { hangup: {} }]
      const paid = varsOf(yield* run(verbs, { payment: "success" }))
      expect(paid).toMatchObject({ pay_result: "success", pay_payment_results: { charge_amount: "10.50", payment_card_type: "visa", payment_error: "" } })
      const declined = varsOf(yield* run(verbs, { payment: "error" }))
      expect(declined).toMatchObject({ pay_result: "payment-connector-error", pay_payment_results: { payment_error: expect.stringContaining("declined") } })
    }))

  it.scoped("sip_refer sets the REFER's outcome; a stop with nothing started is a VerbFailed entry and the call goes on", () =>
    Effect.gen(function*() {
      const refer = yield* run([{ answer: {} }, { sip_refer: { to_uri: "sip:alice@example.com" } }, { stop_stream: {} }, { play: { url: "say:still here" } }, { hangup: {} }])
      expect(varsOf(refer)).toMatchObject({
        sip_refer_to: "sip:alice@example.com",
        sip_refer_result: "success",
        return_value: "success",
        sip_refer_response_code: "202",
        stop_stream_result: "failed"
      })
      const failed = refer.filter((e): e is Transcript.VerbFailed => e._tag === "VerbFailed")
      expect(failed).toMatchObject([{ verb: "stop_stream", path: "main[2]", detail: "no stream was started" }])
      expect(refer.some((e) => e._tag === "Played" && e.text === "still here")).toBe(true)
    }))
})
