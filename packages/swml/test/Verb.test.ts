import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { Swml, SwmlBuilder, Verb } from "@signalwire-effect/swml"
import { makeValidator, wire } from "./fixtures/validator.js"

const validator = makeValidator(Swml.jsonSchema())

/**
 * One golden per calling verb: the instruction as SignalWire's SWML reference shows it (our own
 * example values), built through the typed builder. Each must render to exactly that JSON, decode
 * back, and validate against the exported JSON Schema.
 */
const goldens: ReadonlyArray<readonly [Swml.Instruction, unknown]> = [
  [Verb.answer({ max_duration: 3600, codecs: "PCMU,PCMA" }), { answer: { max_duration: 3600, codecs: "PCMU,PCMA" } }],
  [Verb.ai({ prompt: { text: "You are a helpful receptionist.", temperature: 0.3 } }), {
    ai: { prompt: { text: "You are a helpful receptionist.", temperature: 0.3 } }
  }],
  [Verb.make("ai_sidecar", { lang: "en-US", prompt: "Watch the call and suggest answers", direction: ["remote-caller"] }), {
    ai_sidecar: { lang: "en-US", prompt: "Watch the call and suggest answers", direction: ["remote-caller"] }
  }],
  [Verb.make("amazon_bedrock", { prompt: { voice_id: "matthew", text: "You are a travel agent." } }), {
    amazon_bedrock: { prompt: { voice_id: "matthew", text: "You are a travel agent." } }
  }],
  [Verb.cond([{ when: "vars.tier == 'gold'", then: [Verb.transfer({ dest: "vip" })] }, { else: [Verb.hangup()] }]), {
    cond: [{ when: "vars.tier == 'gold'", then: [{ transfer: { dest: "vip" } }] }, { else: [{ hangup: {} }] }]
  }],
  [Verb.connect({ serial: [{ to: "+15551110000" }, { to: "sip:alice@example.com", timeout: 20 }], ringback: ["ring:us"] }), {
    connect: { serial: [{ to: "+15551110000" }, { to: "sip:alice@example.com", timeout: 20 }], ringback: ["ring:us"] }
  }],
  [Verb.make("denoise", {}), { denoise: {} }],
  [Verb.make("detect_machine", { detectors: "amd,fax", wait: true, timeout: 20 }), {
    detect_machine: { detectors: "amd,fax", wait: true, timeout: 20 }
  }],
  [Verb.make("enter_queue", { queue_name: "support", transfer_after_bridge: "survey", wait_time: 600 }), {
    enter_queue: { queue_name: "support", transfer_after_bridge: "survey", wait_time: 600 }
  }],
  [Verb.execute({ dest: "greeting", params: { who: "Ada" }, on_return: [Verb.say("Back")] }), {
    execute: { dest: "greeting", params: { who: "Ada" }, on_return: [{ play: { url: "say:Back" } }] }
  }],
  [Verb.goto({ label: "menu", when: "prompt_value != '1'", max: 3 }), {
    goto: { label: "menu", when: "prompt_value != '1'", max: 3 }
  }],
  [Verb.hangup({ reason: "busy" }), { hangup: { reason: "busy" } }],
  [Verb.make("join_conference", { name: "standup", beep: "onEnter", max_participants: 20, record: "record-from-start" }), {
    join_conference: { name: "standup", beep: "onEnter", max_participants: 20, record: "record-from-start" }
  }],
  [Verb.make("join_room", { name: "my_room" }), { join_room: { name: "my_room" } }],
  [Verb.label("menu"), { label: "menu" }],
  [Verb.make("live_transcribe", { action: { start: { lang: "en", direction: ["remote-caller", "local-caller"] } } }), {
    live_transcribe: { action: { start: { lang: "en", direction: ["remote-caller", "local-caller"] } } }
  }],
  [Verb.make("live_translate", { action: { start: { from_lang: "en-US", to_lang: "es-ES", direction: ["local-caller"], filter_from: "polite" } } }), {
    live_translate: { action: { start: { from_lang: "en-US", to_lang: "es-ES", direction: ["local-caller"], filter_from: "polite" } } }
  }],
  [Verb.make("pay", { payment_connector_url: "https://example.com/pay", charge_amount: "9.99", token_type: "one-time" }), {
    pay: { payment_connector_url: "https://example.com/pay", charge_amount: "9.99", token_type: "one-time" }
  }],
  [Verb.say("Welcome", { say_voice: "polly.Joanna" }), { play: { say_voice: "polly.Joanna", url: "say:Welcome" } }],
  [Verb.prompt({ play: "say:Press 1 for sales, 2 for support", max_digits: 1, speech_hints: ["sales", "support"] }), {
    prompt: { play: "say:Press 1 for sales, 2 for support", max_digits: 1, speech_hints: ["sales", "support"] }
  }],
  [Verb.make("receive_fax", {}), { receive_fax: {} }],
  [Verb.record({ beep: true, terminators: "#", max_length: 60, format: "mp3" }), {
    record: { beep: true, terminators: "#", max_length: 60, format: "mp3" }
  }],
  [Verb.make("record_call", { format: "wav", stereo: true, direction: "both", control_id: "rec" }), {
    record_call: { format: "wav", stereo: true, direction: "both", control_id: "rec" }
  }],
  [Verb.make("request", { url: "https://example.com/lookup", method: "POST", body: { from: "${call.from}" }, save_variables: true }), {
    request: { url: "https://example.com/lookup", method: "POST", body: { from: "${call.from}" }, save_variables: true }
  }],
  [Verb.returnValue({ status: "ok" }), { return: { status: "ok" } }],
  [Verb.make("send_digits", { digits: "1w2W3#" }), { send_digits: { digits: "1w2W3#" } }],
  [Verb.make("send_fax", { document: "https://example.com/doc.pdf", header_info: "Invoice" }), {
    send_fax: { document: "https://example.com/doc.pdf", header_info: "Invoice" }
  }],
  [Verb.make("send_sms", { to_number: "+15551234567", from_number: "+15557654321", media: ["https://example.com/a.png"] }), {
    send_sms: { to_number: "+15551234567", from_number: "+15557654321", media: ["https://example.com/a.png"] }
  }],
  [Verb.set({ department: "sales", retries: 2 }), { set: { department: "sales", retries: 2 } }],
  [Verb.make("sip_refer", { to_uri: "sip:support@example.com" }), { sip_refer: { to_uri: "sip:support@example.com" } }],
  [Verb.sleep({ duration: 2000 }), { sleep: { duration: 2000 } }],
  [Verb.make("stop_denoise", {}), { stop_denoise: {} }],
  [Verb.make("stop_record_call", { control_id: "rec" }), { stop_record_call: { control_id: "rec" } }],
  [Verb.make("stop_stream", {}), { stop_stream: {} }],
  [Verb.make("stop_tap", { control_id: "tap-1" }), { stop_tap: { control_id: "tap-1" } }],
  [Verb.make("stream", { url: "wss://example.com/audio", track: "both_tracks", custom_parameters: { agent: "a1" } }), {
    stream: { url: "wss://example.com/audio", track: "both_tracks", custom_parameters: { agent: "a1" } }
  }],
  [Verb.switchOn({ variable: "prompt_value", case: { "1": [Verb.transfer({ dest: "sales" })] }, default: [Verb.hangup()] }), {
    switch: { variable: "prompt_value", case: { "1": [{ transfer: { dest: "sales" } }] }, default: [{ hangup: {} }] }
  }],
  [Verb.make("tap", { uri: "rtp://192.0.2.1:1234", direction: "listen", codec: "PCMA", rtp_ptime: 30 }), {
    tap: { uri: "rtp://192.0.2.1:1234", direction: "listen", codec: "PCMA", rtp_ptime: 30 }
  }],
  [Verb.make("transcribe", { status_url: "https://example.com/transcripts" }), {
    transcribe: { status_url: "https://example.com/transcripts" }
  }],
  [Verb.make("transcribe_stop", {}), { transcribe_stop: {} }],
  [Verb.transfer({ dest: "https://example.com/next.json", params: { from_ivr: true } }), {
    transfer: { dest: "https://example.com/next.json", params: { from_ivr: true } }
  }],
  [Verb.make("unset", ["department", "retries"]), { unset: ["department", "retries"] }],
  [Verb.make("user_event", { event: { type: "screen_pop", customer: "c-42" } }), {
    user_event: { event: { type: "screen_pop", customer: "c-42" } }
  }]
]

describe("every calling verb", () => {
  it("has a golden", () => {
    const covered = new Set(goldens.map(([, expected]) => Object.keys(expected as object)[0]))
    covered.add("play") // Verb.say renders a play
    expect([...Swml.verbNames].filter((name) => !covered.has(name))).toEqual([])
  })

  for (const [instruction, expected] of goldens) {
    const name = Object.keys(expected as object)[0]
    it(`${name}: renders the documented shape, round-trips and validates`, () => {
      const doc = SwmlBuilder.make().pipe(SwmlBuilder.add(instruction), SwmlBuilder.build)
      const json = wire(doc)
      expect(json).toEqual({ version: "1.0.0", sections: { main: [expected] } })
      expect(Either.getOrThrow(Swml.decodeEither(json))).toEqual(json)
      validator.expectValid(json)
    })
  }
})

describe("SwmlBuilder", () => {
  it("builds sections immutably, data-first and data-last", () => {
    const empty = SwmlBuilder.make()
    const ivr = empty.pipe(
      SwmlBuilder.add(Verb.answer(), Verb.label("menu")),
      SwmlBuilder.verb("prompt", { play: "say:Press 1 for sales", max_digits: 1 }),
      SwmlBuilder.addTo("sales", Verb.connect({ to: "+15551234567" })),
      SwmlBuilder.verbTo("sales", "hangup", {}),
      SwmlBuilder.say("Bye")
    )
    const built = SwmlBuilder.build(SwmlBuilder.add(ivr, Verb.hangup()))
    expect(SwmlBuilder.build(empty)).toEqual({ version: "1.0.0", sections: { main: [] } })
    expect(built).toEqual({
      version: "1.0.0",
      sections: {
        main: [
          { answer: {} },
          { label: "menu" },
          { prompt: { play: "say:Press 1 for sales", max_digits: 1 } },
          { play: { url: "say:Bye" } },
          { hangup: {} }
        ],
        sales: [{ connect: { to: "+15551234567" } }, { hangup: {} }]
      }
    })
    validator.expectValid(wire(built))
    const replaced = SwmlBuilder.fromDocument(built).pipe(SwmlBuilder.section("sales", [Verb.hangup()]), SwmlBuilder.build)
    expect(replaced.sections["sales"]).toEqual([{ hangup: {} }])
    expect(JSON.parse(SwmlBuilder.render(ivr))).toEqual(wire(SwmlBuilder.build(ivr)))
  })

  it("typed values TypeScript cannot check are caught by validate", () => {
    const doc = SwmlBuilder.make().pipe(SwmlBuilder.verb("goto", { label: "x", max: 500 }), SwmlBuilder.build)
    const result = Either.flip(Swml.decodeEither(doc))
    expect(Either.map(result, (e) => e.issues.map((i) => i.path))).toEqual(Either.right(["sections.main[0].goto.max"]))
    expect(validator.isValid(wire(doc))).toBe(false)
  })
})
