import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { AgentBase } from "../src/index.js"
import { CustomSkills } from "../src/skills/CustomSkills.js"
import { InfoGatherer } from "../src/skills/InfoGatherer.js"
import { PlayBackgroundFile } from "../src/skills/PlayBackgroundFile.js"
import { SwmlTransfer } from "../src/skills/SwmlTransfer.js"
import { basicAuth } from "./fixtures/server.js"
import { aiOf, functionsOf, live } from "./fixtures/skills.js"

const base = () => AgentBase.make({ name: "desk", route: "/desk", basicAuth, prompt: "You are a front desk." })

const fieldsOf = (e: unknown) => {
  const { _tag, message, reason } = e as { _tag: string; message: string; reason?: string }
  return { _tag, message, reason }
}

const swml = (...main: ReadonlyArray<object>) => ({ version: "1.0.0", sections: { main } })

describe("skills: play_background_file", () => {
  it.scopedLive("files: start_<key> plays the file (playback_bg), stop stops it; two instances side by side", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(
        AgentBase.addSkill(PlayBackgroundFile, {
          tool_name: "music",
          files: [
            { key: "jazz", description: "smooth jazz", url: "https://cdn.example.com/jazz.mp3" },
            { key: "rain", description: "rain sounds", url: "https://cdn.example.com/rain.wav", wait: true }
          ]
        }),
        Effect.flatMap(AgentBase.addSkill(PlayBackgroundFile, {
          tool_name: "effects",
          files: [{ key: "bell", description: "a bell", url: "https://cdn.example.com/bell.mp3" }]
        }))
      )
      expect(AgentBase.skillsOf(agent)).toEqual(["play_background_file_music", "play_background_file_effects"])
      const { call, document } = yield* live(agent, Layer.empty)
      const music = functionsOf(yield* document()).find((f) => f["function"] === "music")!
      expect(music["parameters"]["properties"]["action"]["enum"]).toEqual(["start_jazz", "start_rain", "stop"])
      expect(music["wait_for_fillers"]).toBe(true)
      expect(music["skip_fillers"]).toBe(true)
      expect((yield* call("music", { action: "start_jazz" })).body).toEqual({
        response: "Tell the user you are now going to play smooth jazz for them.",
        action: [{ playback_bg: { file: "https://cdn.example.com/jazz.mp3" } }]
      })
      expect((yield* call("music", { action: "start_rain" })).body["action"]).toEqual([
        { playback_bg: { file: "https://cdn.example.com/rain.wav", wait: true } }
      ])
      expect((yield* call("effects", { action: "stop" })).body).toEqual({
        response: "Tell the user you have stopped the background file playback.",
        action: [{ stop_playback_bg: true }]
      })
      // An action outside the enum is a schema failure answered as a retry request.
      expect((yield* call("effects", { action: "start_jazz" })).body["response"]).toContain("invalid arguments")
    }))

  it.scopedLive("free-form: play_background with allowed_domains and default_file_url; stop_background", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(AgentBase.addSkill(PlayBackgroundFile, {
        allowed_domains: ["example.com"],
        default_file_url: "https://cdn.example.com/hold.mp3"
      }))
      const { call } = yield* live(agent, Layer.empty)
      expect((yield* call("play_background", {})).body["action"]).toEqual([{ playback_bg: { file: "https://cdn.example.com/hold.mp3" } }])
      expect((yield* call("play_background", { file_url: "https://music.example.com/a.mp3", wait: true })).body["action"]).toEqual([
        { playback_bg: { file: "https://music.example.com/a.mp3", wait: true } }
      ])
      const foreign = yield* call("play_background", { file_url: "https://evil.test/a.mp3" })
      expect(foreign.body).toEqual({ response: "Audio from evil.test is not allowed. Allowed domains: example.com." })
      const ftp = yield* call("play_background", { file_url: "ftp://example.com/a.mp3" })
      expect(ftp.body["response"]).toBe("That is not a file URL I can play. Only http and https URLs are supported.")
      expect((yield* call("stop_background", {})).body["action"]).toEqual([{ stop_playback_bg: true }])
    }))

  it.effect("a file key used twice is refused at add time", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(AgentBase.addSkill(PlayBackgroundFile, {
        files: [{ key: "a", description: "a", url: "https://x.example/a" }, { key: "a", description: "b", url: "https://x.example/b" }]
      })(base()))
      expect(fieldsOf(error)).toEqual({ _tag: "SkillError", reason: "invalid-params", message: "play_background_file: files: the key a is used twice" })
    }))
})

describe("skills: swml_transfer", () => {
  const transfers = {
    "/sales|billing/i": { url: "https://agents.example.com/sales", message: "Connecting you to sales", return_message: "Back from sales" },
    "/support/i": { address: "+15551234567", final: false, from_addr: "+15550000000", post_process: false }
  }

  it.scopedLive("patterns pick a destination: url → SWML transfer, address → connect; required_fields saved in call_data", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(AgentBase.addSkill(SwmlTransfer, {
        transfers,
        required_fields: { customer_name: "The caller's name" }
      }))
      const { call, document } = yield* live(agent, Layer.empty)
      const doc = yield* document()
      const fn = functionsOf(doc).find((f) => f["function"] === "transfer_call")!
      expect(fn["parameters"]["required"]).toEqual(["transfer_type", "customer_name"])
      expect(aiOf(doc)["hints"]).toEqual(["sales", "billing", "support", "transfer", "connect", "speak to", "talk to"])
      expect((yield* call("transfer_call", { transfer_type: "Billing", customer_name: "Ada" })).body).toEqual({
        response: "Connecting you to sales",
        post_process: true,
        action: [
          { set_global_data: { call_data: { customer_name: "Ada" } } },
          { SWML: swml({ set: { ai_response: "Back from sales" } }, { transfer: { dest: "https://agents.example.com/sales" } }), transfer: true }
        ]
      })
      expect((yield* call("transfer_call", { transfer_type: "support", customer_name: "Bob" })).body).toEqual({
        response: "Transferring you now...",
        action: [
          { set_global_data: { call_data: { customer_name: "Bob" } } },
          { SWML: swml({ connect: { to: "+15551234567", from: "+15550000000" } }), transfer: false }
        ]
      })
      const none = yield* call("transfer_call", { transfer_type: "accounts", customer_name: "Cy" })
      expect(none.body).toEqual({
        response: "Please specify a valid transfer type.",
        action: [{ set_global_data: { call_data: { customer_name: "Cy" } } }]
      })
      const missing = yield* call("transfer_call", { transfer_type: "sales" })
      expect(missing.body["response"]).toContain("customer_name")
    }))

  it.scopedLive("named patterns add list_transfer_destinations; allow_arbitrary connects anywhere; a tool_name per instance", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(
        AgentBase.addSkill(SwmlTransfer, {
          tool_name: "route_call",
          patterns: [
            { name: "Reception", destination: "sip:reception@example.com", description: "the front desk" },
            { name: "Bookings", destination: "https://agents.example.com/bookings", returnMessage: "Welcome back", final: false }
          ],
          allow_arbitrary: true
        }),
        Effect.flatMap(AgentBase.addSkill(SwmlTransfer, { tool_name: "escalate", transfers }))
      )
      expect(AgentBase.skillsOf(agent)).toEqual(["swml_transfer_route_call", "swml_transfer_escalate"])
      const { call } = yield* live(agent, Layer.empty)
      expect((yield* call("list_transfer_destinations", {})).body["response"]).toBe(
        "Available transfer destinations:\nReception - the front desk\nBookings"
      )
      expect((yield* call("route_call", { transfer_type: "reception" })).body["action"]).toEqual([
        { SWML: swml({ connect: { to: "sip:reception@example.com" } }), transfer: true }
      ])
      expect((yield* call("route_call", { transfer_type: "bookings" })).body["action"]).toEqual([
        { SWML: swml({ set: { ai_response: "Welcome back" } }, { transfer: { dest: "https://agents.example.com/bookings" } }), transfer: false }
      ])
      expect((yield* call("route_call", { transfer_type: "+15559998888" })).body["action"]).toEqual([
        { SWML: swml({ connect: { to: "+15559998888" } }), transfer: true }
      ])
      expect((yield* call("escalate", { transfer_type: "support" })).body["action"]).toEqual([
        { SWML: swml({ connect: { to: "+15551234567", from: "+15550000000" } }), transfer: false }
      ])
    }))

  it.effect("no destination at all, a bad regex, url and address together: refused at add time", () =>
    Effect.gen(function*() {
      const empty = yield* Effect.flip(AgentBase.addSkill(SwmlTransfer, {})(base()))
      expect(fieldsOf(empty)).toEqual({ _tag: "SkillError", reason: "setup", message: "swml_transfer: give at least one destination in transfers or patterns" })
      const regex = yield* Effect.flip(AgentBase.addSkill(SwmlTransfer, { transfers: { "/(/": { url: "https://x.example" } } })(base()))
      expect(fieldsOf(regex).message).toBe("swml_transfer: the transfer pattern /(/ is not a regular expression")
      const neither = yield* Effect.flip(AgentBase.addSkill(SwmlTransfer, { transfers: { sales: { message: "hi" } } })(base()))
      expect(fieldsOf(neither).reason).toBe("invalid-params")
    }))
})

describe("skills: info_gatherer", () => {
  const questions = [
    { key_name: "name", question_text: "What is your name?" },
    { key_name: "email", question_text: "What is your email?", confirm: true, prompt_add: "Spell it out." }
  ]

  it.scopedLive("asks in order with the state in global data; confirm is enforced; the tools turn off at the end", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(AgentBase.addSkill(InfoGatherer, { questions, prefix: "intake", completion_message: "All done." }))
      expect(AgentBase.skillsOf(agent)).toEqual(["info_gatherer_intake"])
      const { call, document } = yield* live(agent, Layer.empty)
      const initial = aiOf(yield* document())["global_data"]["skill:intake"]
      expect(initial).toEqual({ questions, question_index: 0, answers: [] })
      const start = yield* call("intake_start_questions", {}, { global_data: { "skill:intake": initial } })
      expect(start.body["response"]).toBe(
        "Ask each question one at a time, wait for the user's answer, then call intake_submit_answer with their answer. " +
          "Do not reuse previous answers.\n\n[Question 1 of 2]: \"What is your name?\""
      )
      const first = yield* call("intake_submit_answer", { answer: "Ada" }, { global_data: { "skill:intake": initial } })
      const afterFirst = { questions, question_index: 1, answers: [{ key_name: "name", answer: "Ada" }] }
      expect(first.body).toEqual({
        response: "Previous answer saved. [Question 2 of 2]: \"What is your email?\"\nNote: Spell it out.\n" +
          "This question requires confirmation. Read the answer back to the user and ask them to confirm it is correct before " +
          "calling intake_submit_answer. If they say it is wrong, ask the question again.",
        action: [{ set_global_data: { "skill:intake": afterFirst } }]
      })
      const unconfirmed = yield* call("intake_submit_answer", { answer: "ada@example.com" }, { global_data: { "skill:intake": afterFirst } })
      expect(unconfirmed.body["response"]).toContain("read the answer \"ada@example.com\" back to the user")
      expect(unconfirmed.body["action"]).toBeUndefined()
      const done = yield* call(
        "intake_submit_answer",
        { answer: "ada@example.com", confirmed_by_user: true },
        { global_data: { "skill:intake": afterFirst } }
      )
      expect(done.body).toEqual({
        response: "All done.",
        action: [
          { toggle_functions: [{ active: false, function: "intake_start_questions" }, { active: false, function: "intake_submit_answer" }] },
          {
            set_global_data: {
              "skill:intake": {
                questions,
                question_index: 2,
                answers: [{ key_name: "name", answer: "Ada" }, { key_name: "email", answer: "ada@example.com" }]
              }
            }
          }
        ]
      })
    }))

  it.effect("one instance per prefix; no questions is refused", () =>
    Effect.gen(function*() {
      const two = yield* base().pipe(
        AgentBase.addSkill(InfoGatherer, { questions }),
        Effect.flatMap(AgentBase.addSkill(InfoGatherer, { questions, prefix: "extra" }))
      )
      expect(AgentBase.toolNames(two)).toEqual(["start_questions", "submit_answer", "extra_start_questions", "extra_submit_answer"])
      const again = yield* Effect.flip(AgentBase.addSkill(InfoGatherer, { questions, prefix: "extra" })(two))
      expect(fieldsOf(again).reason).toBe("duplicate")
      const empty = yield* Effect.flip(AgentBase.addSkill(InfoGatherer, { questions: [] })(base()))
      expect(fieldsOf(empty).message).toContain("questions")
    }))
})

describe("skills: custom_skills", () => {
  it.scopedLive("tools from configuration answer their response template", () =>
    Effect.gen(function*() {
      const agent = yield* base().pipe(AgentBase.addSkill(CustomSkills, {
        tools: [{
          name: "opening_hours",
          description: "Opening hours of a branch",
          parameters: [
            { name: "branch", type: "string", description: "The branch", required: true },
            { name: "day", type: "string", description: "The day" }
          ],
          response: "The ${args.branch} branch is open 9 to 5${args.day}.",
          secure: false
        }]
      }))
      const { call, document } = yield* live(agent, Layer.empty)
      const fn = functionsOf(yield* document())[0]!
      expect(fn["parameters"]["required"]).toEqual(["branch"])
      expect(fn["web_hook_url"]).toBeUndefined()
      expect((yield* call("opening_hours", { branch: "Leeds" })).body).toEqual({ response: "The Leeds branch is open 9 to 5." })
      expect(aiOf(yield* document())["prompt"]["text"]).toContain("## Custom Tools")
    }))

  it.effect("handler code is refused, with or without SWML_ALLOW_CUSTOM_HANDLER_CODE", () =>
    Effect.gen(function*() {
      const params = { tools: [{ name: "run", description: "Runs code", handler_code: "return 'hi'" }] }
      const off = yield* Effect.flip(AgentBase.addSkill(CustomSkills, params)(base())).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map()))
      )
      expect(fieldsOf(off).message).toContain("handler code is disabled (SWML_ALLOW_CUSTOM_HANDLER_CODE is not true)")
      const on = yield* Effect.flip(AgentBase.addSkill(CustomSkills, params)(base())).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["SWML_ALLOW_CUSTOM_HANDLER_CODE", "true"]])))
      )
      expect(fieldsOf(on).message).toContain("handler code is not supported")
      const noResponse = yield* Effect.flip(AgentBase.addSkill(CustomSkills, { tools: [{ name: "x", description: "x" }] })(base()))
      expect(fieldsOf(noResponse).message).toBe("custom_skills: x: a tool needs a response")
    }))
})
