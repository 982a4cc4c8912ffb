import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { FunctionResult as FR } from "@signalwire-effect/swml"
import { makeValidator, wire } from "./fixtures/validator.js"

const validator = makeValidator(FR.jsonSchema())
const main = (...instructions: ReadonlyArray<unknown>) => ({ version: "1.0.0", sections: { main: instructions } })

/**
 * One golden per action helper: the reply JSON each produces, written by hand from SignalWire's
 * SWAIG action documentation (object forms for `playback_bg` and `context_switch`, booleans for
 * `transfer`, numbers for `pay`).
 */
const goldens: ReadonlyArray<readonly [string, FR.FunctionResult, unknown]> = [
  ["connect", FR.make("Transferring").pipe(FR.connect("+15551234567", { from: "+15557654321" })), {
    response: "Transferring",
    action: [{ SWML: main({ connect: { to: "+15551234567", from: "+15557654321" } }), transfer: true }]
  }],
  ["connect (not final)", FR.make().pipe(FR.connect("sip:bob@example.com", { final: false })), {
    action: [{ SWML: main({ connect: { to: "sip:bob@example.com" } }), transfer: false }]
  }],
  ["swmlTransfer", FR.make().pipe(FR.swmlTransfer("sales", "The caller is back")), {
    action: [{ SWML: main({ set: { ai_response: "The caller is back" } }, { transfer: { dest: "sales" } }), transfer: true }]
  }],
  ["executeSwml", FR.make().pipe(FR.executeSwml({ sections: { main: [{ play: { url: "say:Bye" } }] } }, { transfer: true })), {
    action: [{ SWML: { sections: { main: [{ play: { url: "say:Bye" } }] } }, transfer: true }]
  }],
  ["hangup", FR.make("Goodbye").pipe(FR.hangup(), FR.setPostProcess(true)), {
    response: "Goodbye",
    action: [{ hangup: true }],
    post_process: true
  }],
  ["hold", FR.make().pipe(FR.hold({ timeout: 1200 })), { action: [{ hold: 900 }] }],
  ["hold with a prompt", FR.make().pipe(FR.hold({ prompt: "Tell them you'll be back" })), {
    response: { tool_result: "status: on hold", tool_prompt: "Tell them you'll be back" },
    action: [{ hold: 300 }],
    post_process: true
  }],
  ["waitForUser", FR.make().pipe(FR.waitForUser({ timeout: 30 }), FR.waitForUser({ answerFirst: true })), {
    action: [{ wait_for_user: 30 }, { wait_for_user: "answer_first" }]
  }],
  ["stop", FR.make().pipe(FR.stop()), { action: [{ stop: true }] }],
  ["say", FR.make().pipe(FR.say("Please hold")), { action: [{ say: "Please hold" }] }],
  ["playBackgroundFile", FR.make().pipe(FR.playBackgroundFile("https://example.com/a.mp3", { wait: true })), {
    action: [{ playback_bg: { file: "https://example.com/a.mp3", wait: true } }]
  }],
  ["stopBackgroundFile", FR.make().pipe(FR.stopBackgroundFile()), { action: [{ stop_playback_bg: true }] }],
  ["addDynamicHints", FR.make().pipe(FR.addDynamicHints(["SignalWire", { pattern: "cab", replace: "cabinet" }])), {
    action: [{ add_dynamic_hints: ["SignalWire", { pattern: "cab", replace: "cabinet" }] }]
  }],
  ["clearDynamicHints", FR.make().pipe(FR.clearDynamicHints()), { action: [{ clear_dynamic_hints: {} }] }],
  ["setEndOfSpeechTimeout", FR.make().pipe(FR.setEndOfSpeechTimeout(1200)), {
    action: [{ end_of_speech_timeout: 1200 }]
  }],
  ["setSpeechEventTimeout", FR.make().pipe(FR.setSpeechEventTimeout(3000)), { action: [{ speech_event_timeout: 3000 }] }],
  ["updateGlobalData", FR.make().pipe(FR.updateGlobalData({ order_id: "A-17" })), {
    action: [{ set_global_data: { order_id: "A-17" } }]
  }],
  ["removeGlobalData", FR.make().pipe(FR.removeGlobalData(["a", "b"]), FR.removeGlobalData("c")), {
    action: [{ unset_global_data: ["a", "b"] }, { unset_global_data: "c" }]
  }],
  ["setMetadata", FR.make().pipe(FR.setMetadata({ attempts: 2 })), { action: [{ set_meta_data: { attempts: 2 } }] }],
  ["removeMetadata", FR.make().pipe(FR.removeMetadata("attempts")), { action: [{ unset_meta_data: "attempts" }] }],
  ["swmlChangeStep", FR.make().pipe(FR.swmlChangeStep("confirm")), { action: [{ change_step: "confirm" }] }],
  ["swmlChangeContext", FR.make().pipe(FR.swmlChangeContext("billing")), { action: [{ change_context: "billing" }] }],
  ["swmlUserEvent", FR.make().pipe(FR.swmlUserEvent({ type: "cart", items: 3 })), {
    action: [{ SWML: main({ user_event: { event: { type: "cart", items: 3 } } }) }]
  }],
  ["switchContext", FR.make().pipe(FR.switchContext({ systemPrompt: "You are Luke", consolidate: true })), {
    action: [{ context_switch: { system_prompt: "You are Luke", consolidate: true } }]
  }],
  ["toggleFunctions", FR.make().pipe(FR.toggleFunctions([{ function: "refund", active: false }])), {
    action: [{ toggle_functions: [{ active: false, function: "refund" }] }]
  }],
  ["enableFunctionsOnTimeout", FR.make().pipe(FR.enableFunctionsOnTimeout()), {
    action: [{ functions_on_speaker_timeout: true }]
  }],
  ["updateSettings", FR.make().pipe(FR.updateSettings({ temperature: 0.2 })), { action: [{ settings: { temperature: 0.2 } }] }],
  ["simulateUserInput", FR.make().pipe(FR.simulateUserInput("sales please")), { action: [{ user_input: "sales please" }] }],
  ["enableExtensiveData", FR.make().pipe(FR.enableExtensiveData(false)), { action: [{ extensive_data: false }] }],
  ["replaceInHistory", FR.make().pipe(FR.replaceInHistory()), { action: [{ replace_in_history: true }] }],
  ["sendSms", FR.make().pipe(FR.sendSms({ to_number: "+15551234567", from_number: "+15557654321", body: "Hi" })), {
    action: [{ SWML: main({ send_sms: { to_number: "+15551234567", from_number: "+15557654321", body: "Hi" } }) }]
  }],
  ["recordCall", FR.make().pipe(FR.recordCall({ control_id: "rec-1", stereo: true, format: "mp3" })), {
    action: [{ SWML: main({ record_call: { control_id: "rec-1", stereo: true, format: "mp3" } }) }]
  }],
  ["stopRecordCall", FR.make().pipe(FR.stopRecordCall("rec-1")), {
    action: [{ SWML: main({ stop_record_call: { control_id: "rec-1" } }) }]
  }],
  ["tap", FR.make().pipe(FR.tap({ uri: "wss://example.com/tap", direction: "both", codec: "PCMA" })), {
    action: [{ SWML: main({ tap: { uri: "wss://example.com/tap", direction: "both", codec: "PCMA" } }) }]
  }],
  ["stopTap", FR.make().pipe(FR.stopTap()), { action: [{ SWML: main({ stop_tap: {} }) }] }],
  ["joinRoom", FR.make().pipe(FR.joinRoom("standup")), { action: [{ SWML: main({ join_room: { name: "standup" } }) }] }],
  ["sipRefer", FR.make().pipe(FR.sipRefer("sip:support@example.com")), {
    action: [{ SWML: main({ sip_refer: { to_uri: "sip:support@example.com" } }) }]
  }],
  ["joinConference", FR.make().pipe(FR.joinConference("team"), FR.joinConference("ops", { muted: true })), {
    action: [
      { SWML: main({ join_conference: { name: "team" } }) },
      { SWML: main({ join_conference: { name: "ops", muted: true } }) }
    ]
  }],
  ["executeRpc", FR.make().pipe(FR.executeRpc({ method: "ai_message", callId: "c-1", params: { role: "system" } })), {
    action: [{ SWML: main({ execute_rpc: { method: "ai_message", call_id: "c-1", params: { role: "system" } } }) }]
  }],
  ["rpcDial", FR.make().pipe(FR.rpcDial({ toNumber: "+15551234567", fromNumber: "+15557654321", destSwml: "https://e.com/a" })), {
    action: [{
      SWML: main({
        execute_rpc: {
          method: "dial",
          params: {
            devices: { type: "phone", params: { to_number: "+15551234567", from_number: "+15557654321" } },
            dest_swml: "https://e.com/a"
          }
        }
      })
    }]
  }],
  ["rpcAiMessage", FR.make().pipe(FR.rpcAiMessage({ callId: "c-1", messageText: "Paid" })), {
    action: [{
      SWML: main({
        execute_rpc: { method: "ai_message", call_id: "c-1", params: { role: "system", message_text: "Paid" } }
      })
    }]
  }],
  ["rpcAiGlobalData", FR.make().pipe(FR.rpcAiGlobalData("c-1", { paid: true })), {
    action: [{
      SWML: main({ execute_rpc: { method: "ai_message", call_id: "c-1", params: { global_data: { paid: true } } } })
    }]
  }],
  ["rpcAiUnhold", FR.make().pipe(FR.rpcAiUnhold("c-1")), {
    action: [{ SWML: main({ execute_rpc: { method: "ai_unhold", call_id: "c-1", params: {} } }) }]
  }],
  [
    "pay",
    FR.make().pipe(FR.pay({
      payment_connector_url: "https://example.com/pay",
      charge_amount: "10.00",
      max_attempts: 3,
      security_code: false,
      prompts: [
        FR.createPaymentPrompt("payment-card-number", [FR.createPaymentAction("Say", "Enter your card number")], {
          errorType: "invalid-card-number"
        })
      ],
      parameters: [FR.createPaymentParameter("customer_id", "c-42")]
    })),
    {
      action: [{
        SWML: main(
          {
            set: {
              ai_response:
                "The payment status is ${pay_result}, do not mention anything else about collecting payment if successful."
            }
          },
          {
            pay: {
              payment_connector_url: "https://example.com/pay",
              charge_amount: "10.00",
              max_attempts: 3,
              security_code: false,
              prompts: [{
                for: "payment-card-number",
                actions: [{ type: "Say", phrase: "Enter your card number" }],
                error_type: "invalid-card-number"
              }],
              parameters: [{ name: "customer_id", value: "c-42" }]
            }
          }
        )
      }]
    }
  ]
]

describe("FunctionResult", () => {
  it("covers the 42 action helpers", () => {
    const helpers = new Set(goldens.map(([name]) => name.split(" ")[0]))
    expect(helpers.size).toBe(42)
  })

  for (const [name, result, expected] of goldens) {
    it(`${name} renders the documented wire shape and validates`, () => {
      const json = wire(FR.toJson(result))
      expect(json).toEqual(expected)
      validator.expectValid(json)
      expect(Either.isRight(FR.decodeReply(json))).toBe(true)
    })
  }

  it("empty replies, structured responses and data-first calls", () => {
    expect(FR.toJson(FR.make())).toEqual({ response: "Action completed." })
    expect(FR.toJson(FR.make("x", { postProcess: true }))).toEqual({ response: "x" })
    expect(FR.toJson(FR.say(FR.make("a"), "b"))).toEqual({ response: "a", action: [{ say: "b" }] })
    expect(FR.toJson(FR.make().pipe(FR.setToolResponse({ toolResult: "ok" })))).toEqual({ response: { tool_result: "ok" } })
    const base = FR.make("keep")
    FR.say(base, "x")
    expect(base.actions).toEqual([])
  })

  it("the reply schema rejects what the platform rejects", () => {
    for (
      const bad of [
        { action: [{ say: "a", stop: true }] },
        { action: [{ SWML: main({ hangup: {} }), transfer: "true" }] },
        { action: [{ context_switch: { system_prompt: "x", full_reset: true } }] },
        { action: [{ playback_bg: { wait: true } }] },
        { action: [{ SWML: main({ pay: { payment_connector_url: "u", timeout: "5" } }) }] },
        { response: "x", extra: 1 }
      ]
    ) {
      expect(validator.isValid(bad)).toBe(false)
      expect(Either.isLeft(FR.decodeReply(bad))).toBe(true)
    }
  })
})
