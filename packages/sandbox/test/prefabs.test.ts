/**
 * The five prefab agents, each served on loopback and driven by a scripted call in the sandbox:
 * the tools in order, their replies, the actions the platform applied, the global data over time,
 * and the connect of transfers and escalations.
 */
import { describe, expect, it } from "@effect/vitest"
import { Concierge, FAQBot, InfoGatherer, Receptionist, Survey } from "@signalwire-effect/agents"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import { AgentTest, AiScript, RelaySandbox } from "@signalwire-effect/sandbox"
import { basicAuth } from "./fixtures/agents.js"

type Entry = AgentTest.Entry
const only = <T extends Entry["_tag"]>(entries: ReadonlyArray<Entry>, tag: T) =>
  entries.filter((e): e is Extract<Entry, { _tag: T }> => e._tag === tag)
const replies = (entries: ReadonlyArray<Entry>) => only(entries, "SwaigReply").map((r) => [r.function, r.reply["response"]])
const lastGlobal = (entries: ReadonlyArray<Entry>) => only(entries, "GlobalDataChanged").at(-1)?.globalData

const agentOptions = { basicAuth }

describe("prefab agents in a scripted call", () => {
  it.scopedLive("InfoGatherer: start_questions, then submit_answer per question; the answers accumulate in global data", () =>
    Effect.gen(function*() {
      const agent = yield* InfoGatherer.make({
        agentOptions,
        questions: [
          { key_name: "name", question_text: "What is your name?" },
          { key_name: "email", question_text: "What is your email?", confirm: true }
        ]
      })
      const served = yield* AgentTest.serve([agent])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/info_gatherer"),
        script: AiScript.make([
          AiScript.says("Yes, I'm ready"),
          AiScript.callsTool("start_questions"),
          AiScript.expectSaid("What is your name?"),
          AiScript.says("Ada Lovelace"),
          AiScript.callsTool("submit_answer", { answer: "Ada Lovelace" }),
          AiScript.expectSaid(/What is your email\?[\s\S]*confirm/),
          AiScript.callsTool("submit_answer", { answer: "ada@example.com" }),
          AiScript.expectSaid("All questions are answered"),
          AiScript.callsTool("submit_answer", { answer: "again" }),
          AiScript.expectSaid("already been answered"),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      const started = only(result.entries, "AiStarted")[0]!
      expect(started.functions).toEqual(["start_questions", "submit_answer"])
      expect(started.globalData).toMatchObject({ question_index: 0, answers: [] })
      expect(only(result.entries, "ActionApplied").map((a) => [a.function, a.action, a.applied])).toEqual([
        ["start_questions", "replace_in_history", true],
        ["submit_answer", "replace_in_history", true],
        ["submit_answer", "set_global_data", true],
        ["submit_answer", "replace_in_history", true],
        ["submit_answer", "set_global_data", true]
      ])
      expect(lastGlobal(result.entries)).toMatchObject({
        question_index: 2,
        answers: [{ key_name: "name", answer: "Ada Lovelace" }, { key_name: "email", answer: "ada@example.com" }]
      })
      // The platform sent the state back with each call: the third submit saw index 2.
      const third = only(result.entries, "SwaigRequest")[3]!
      expect(third.body["global_data"]).toMatchObject({ question_index: 2 })
    }))

  it.scopedLive("InfoGatherer: questions chosen per call by the callback from the SWML request; fallback when it fails", () =>
    Effect.gen(function*() {
      const agent = yield* InfoGatherer.make({
        agentOptions,
        questionCallback: (request) =>
          request.body["call"] !== undefined && JSON.stringify(request.body).includes("+15557770000")
            ? Effect.succeed([{ key_name: "policy", question_text: "What is your policy number?" }])
            : Effect.fail("no intake for this caller")
      })
      const served = yield* AgentTest.serve([agent])
      const vip = yield* AgentTest.runCall({
        swmlUrl: served.url("/info_gatherer"),
        from: "+15557770000",
        script: AiScript.make([AiScript.callsTool("start_questions"), AiScript.expectSaid("policy number"), AiScript.callerHangsUp])
      })
      expect(vip.failures).toEqual([])
      expect(only(vip.entries, "AiStarted")[0]!.globalData["questions"]).toEqual([{ key_name: "policy", question_text: "What is your policy number?" }])
      const other = yield* AgentTest.runCall({
        swmlUrl: served.url("/info_gatherer"),
        from: "+15550001111",
        script: AiScript.make([AiScript.callsTool("start_questions"), AiScript.expectSaid("What is your name?"), AiScript.callerHangsUp])
      })
      expect(other.failures).toEqual([])
      expect(only(other.entries, "AiStarted")[0]!.globalData["questions"]).toEqual(InfoGatherer.fallbackQuestions)
    }))

  it.scopedLive("Survey: validation, branching by answer, score, progress in global data, onComplete once", () =>
    Effect.gen(function*() {
      const completed = yield* Ref.make<ReadonlyArray<readonly [unknown, number]>>([])
      const agent = yield* Survey.make({
        agentOptions,
        surveyName: "Service survey",
        brandName: "Acme",
        questions: [
          { id: "rating", text: "How would you rate us?", type: "rating", points: { "5": 10, "4": 5 } },
          { id: "recommend", text: "Would you recommend us?", type: "yes_no", nextQuestion: { no: "improve", _default: "channel" } },
          { id: "improve", text: "What should we improve?", type: "open_ended" },
          { id: "channel", text: "How did you hear of us?", type: "multiple_choice", options: ["Web", "Friend"], points: 1 }
        ],
        onComplete: (responses, score) => Ref.update(completed, (all) => [...all, [responses, score] as const])
      })
      const served = yield* AgentTest.serve([agent])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/survey"),
        script: AiScript.make([
          AiScript.callsTool("get_current_question"),
          AiScript.expectSaid("[rating] (rating): \"How would you rate us?\" (a rating from 1 to 5)"),
          AiScript.callsTool("validate_response", { question_id: "rating", response: "7" }),
          AiScript.expectSaid("from 1 to 5"),
          AiScript.callsTool("answer_question", { question_id: "rating", answer: "seven" }),
          AiScript.expectSaid("whole number from 1 to 5"),
          AiScript.callsTool("answer_question", { question_id: "rating", answer: "5" }),
          AiScript.expectSaid("Next question [recommend]"),
          AiScript.callsTool("answer_question", { question_id: "recommend", answer: "maybe" }),
          AiScript.expectSaid("yes or no"),
          AiScript.callsTool("answer_question", { question_id: "recommend", answer: "Y" }),
          AiScript.expectSaid("Next question [channel]: \"How did you hear of us?\" (choices: Web, Friend)"),
          AiScript.callsTool("answer_question", { question_id: "channel", answer: "radio" }),
          AiScript.expectSaid("not one of the choices"),
          AiScript.callsTool("answer_question", { question_id: "channel", answer: "friend" }),
          AiScript.expectSaid("The survey is complete: 3 answers, score 11."),
          AiScript.callsTool("get_survey_progress"),
          AiScript.expectSaid("3 of 4 questions answered (75%), score 11. The survey is complete."),
          AiScript.callsTool("answer_question", { question_id: "channel", answer: "Web" }),
          AiScript.expectSaid("already complete"),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      expect(lastGlobal(result.entries)?.["survey_progress"]).toEqual({
        current_question: "",
        responses: { rating: "5", recommend: "yes", channel: "Friend" },
        score: 11,
        completed: true
      })
      expect(yield* Ref.get(completed)).toEqual([[{ rating: "5", recommend: "yes", channel: "Friend" }, 11]])
      const started = only(result.entries, "AiStarted")[0]!
      expect(started.functions).toEqual(["validate_response", "log_response", "answer_question", "get_current_question", "get_survey_progress"])
      expect(started.nativeFunctions).toEqual(["check_time"])
      // The introduction is the static greeting.
      expect(only(result.entries, "AiSaid")[0]).toMatchObject({ source: "greeting", text: "Welcome to the Service survey. Thank you for taking part." })
    }))

  it.scopedLive("Survey: the other branch (no → improve), and log_response records without advancing", () =>
    Effect.gen(function*() {
      const agent = yield* Survey.make({
        agentOptions,
        surveyName: "Quick",
        questions: [
          { id: "recommend", text: "Would you recommend us?", type: "yes_no", nextQuestion: { no: "improve", _default: "end" } },
          { id: "improve", text: "What should we improve?", type: "open_ended" },
          { id: "end", text: "Anything else?", type: "open_ended", required: false }
        ]
      })
      const served = yield* AgentTest.serve([agent])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/survey"),
        script: AiScript.make([
          AiScript.callsTool("log_response", { question_id: "recommend", response: "n" }),
          AiScript.expectSaid("is recorded"),
          AiScript.callsTool("answer_question", { question_id: "recommend", answer: "No" }),
          AiScript.expectSaid("Next question [improve]"),
          AiScript.callsTool("answer_question", { question_id: "improve", answer: "  " }),
          AiScript.expectSaid("needs an answer"),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(lastGlobal(result.entries)?.["survey_progress"]).toEqual({
        current_question: "improve",
        responses: { recommend: "no" },
        score: 0,
        completed: false
      })
    }))

  it.scopedLive("FAQBot: search_faqs matches by words and keywords above the threshold, filters by category, suggests related; escalate connects", () =>
    Effect.gen(function*() {
      const agent = yield* FAQBot.make({
        agentOptions,
        faqs: [
          { question: "What are your opening hours?", answer: "9 to 5, Monday to Friday.", keywords: ["hours", "open"], categories: ["store"] },
          { question: "Where is the store located?", answer: "12 Main Street.", keywords: ["address", "located", "where"], categories: ["store"] },
          { question: "Do you ship abroad?", answer: "Yes, to the EU.", keywords: ["ship", "abroad"], categories: ["shipping"] }
        ],
        escalationNumber: "+15551230000"
      })
      const served = yield* AgentTest.serve([agent])
      // The person escalated to answers, talks briefly, hangs up.
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15551230000", { hangupAfter: "50 millis" })
      const result = yield* AgentTest.runCall({
        sandbox,
        swmlUrl: served.url("/faq"),
        script: AiScript.make([
          AiScript.says("When are you open? What hours?"),
          AiScript.callsTool("search_faqs", { query: "what are your opening hours" }),
          AiScript.expectSaid("Best match: \"What are your opening hours?\" Answer: 9 to 5, Monday to Friday."),
          AiScript.callsTool("search_faqs", { query: "do you ship abroad", category: "store" }),
          AiScript.expectSaid("No FAQ matches that question in the category store."),
          AiScript.callsTool("search_faqs", { query: "store hours and where is the store located" }),
          AiScript.expectSaid(/Best match: "Where is the store located\?"[\s\S]*Related questions: "What are your opening hours\?"/),
          AiScript.callsTool("search_faqs", { query: "can I pay with bitcoin" }),
          AiScript.expectSaid("Offer to transfer the caller with escalate."),
          AiScript.callsTool("escalate", { reason: "payment question" }),
          AiScript.expectSaid("Reason: payment question.")
        ])
      })
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      const escalation = only(result.entries, "SwaigReply").find((r) => r.function === "escalate")!
      expect(escalation.reply).toMatchObject({
        post_process: true,
        action: [{ SWML: { version: "1.0.0", sections: { main: [{ connect: { to: "+15551230000" } }] } }, transfer: true }]
      })
      expect(only(result.entries, "AiEnded")[0]).toMatchObject({ reason: "transfer" })
      expect(only(result.entries, "Connected")[0]).toMatchObject({ to: ["+15551230000"], result: "connected" })
      expect(only(result.entries, "AiStarted")[0]!.globalData).toEqual({ faq_count: 3, categories: ["store", "shipping"] })
    }))

  it.scopedLive("Receptionist: collect_caller_info into global data, check_in_visitor with its callback, transfer_call speaks then connects", () =>
    Effect.gen(function*() {
      const visitors = yield* Ref.make<ReadonlyArray<Receptionist.Visitor>>([])
      const agent = yield* Receptionist.make({
        agentOptions,
        companyName: "Acme",
        departments: [
          { name: "sales", description: "New orders", number: "+15551110000" },
          { name: "support", description: "Existing orders", number: "+15552220000" }
        ],
        checkInEnabled: true,
        onVisitorCheckIn: (visitor) => Ref.update(visitors, (all) => [...all, visitor])
      })
      const served = yield* AgentTest.serve([agent])
      const sandbox = yield* RelaySandbox.make()
      yield* sandbox.calls.script("+15552220000", { hangupAfter: "50 millis" })
      const result = yield* AgentTest.runCall({
        sandbox,
        swmlUrl: served.url("/receptionist"),
        script: AiScript.make([
          AiScript.says("Hi, I'm Grace, my order is late"),
          AiScript.callsTool("collect_caller_info", { name: "Grace", reason: "a late order" }),
          AiScript.expectSaid("Thank you, Grace."),
          AiScript.callsTool("check_in_visitor", { visitor_name: "Grace Hopper", purpose: "meeting", visiting: "support" }),
          AiScript.expectSaid("Grace Hopper is checked in to see support (meeting). Welcome to Acme!"),
          AiScript.callsTool("transfer_call", { department: "billing" }),
          AiScript.expectSaid("invalid arguments"),
          AiScript.callsTool("transfer_call", { department: "support" }),
          AiScript.expectSaid("Transferring you to support now. Thank you for calling, Grace!")
        ])
      })
      expect(result.failures).toEqual([])
      expect(lastGlobal(result.entries)).toMatchObject({
        caller_info: { name: "Grace", reason: "a late order" },
        visitors: [{ visitor_name: "Grace Hopper", purpose: "meeting", visiting: "support", checked_in_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]
      })
      expect((yield* Ref.get(visitors)).map((v) => v.visitor_name)).toEqual(["Grace Hopper"])
      const transfer = only(result.entries, "SwaigReply").filter((r) => r.function === "transfer_call").at(-1)!
      expect(transfer.reply).toMatchObject({
        post_process: true,
        action: [{ SWML: { sections: { main: [{ connect: { to: "+15552220000" } }] } }, transfer: true }]
      })
      // post_process: the AI speaks the response, then the transfer runs.
      const tags = result.entries.map((e) => e._tag)
      const spoken = result.entries.findIndex((e) => e._tag === "AiSaid" && e.text.startsWith("Transferring you to support"))
      expect(spoken).toBeLessThan(tags.lastIndexOf("ActionApplied"))
      expect(only(result.entries, "Connected")[0]).toMatchObject({ to: ["+15552220000"], result: "connected" })
    }))

  it.scopedLive("Concierge: check_availability from services and hours (deterministic), argument formats checked, get_directions from amenities", () =>
    Effect.gen(function*() {
      const agent = yield* Concierge.make({
        agentOptions,
        venueName: "The Park Hotel",
        services: ["Spa", "Restaurant"],
        amenities: { pool: { location: "the rooftop", hours: "6 AM - 10 PM" } },
        hoursOfOperation: { spa: "9 AM - 9 PM", default: "24 hours" },
        welcomeMessage: "Welcome to The Park Hotel."
      })
      const served = yield* AgentTest.serve([agent])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/concierge"),
        script: AiScript.make([
          AiScript.callsTool("check_availability", { service: "spa", date: "2026-12-01", time: "10:30" }),
          AiScript.expectSaid("Spa is available on 2026-12-01 at 10:30."),
          AiScript.callsTool("check_availability", { service: "spa", date: "2026-12-01", time: "22:00" }),
          AiScript.expectSaid("Spa is closed at 22:00; its hours are 9 AM - 9 PM."),
          AiScript.callsTool("check_availability", { service: "restaurant", date: "2026-12-01", time: "23:45" }),
          AiScript.expectSaid("Restaurant is available"),
          AiScript.callsTool("check_availability", { service: "golf", date: "2026-12-01", time: "10:00" }),
          AiScript.expectSaid("does not offer golf. The services are: Spa, Restaurant."),
          AiScript.callsTool("check_availability", { service: "spa", date: "2026-02-30", time: "10:00" }),
          AiScript.expectSaid("not a date on the calendar"),
          AiScript.callsTool("check_availability", { service: "spa", date: "tomorrow", time: "10am" }),
          AiScript.expectSaid("invalid arguments"),
          AiScript.callsTool("get_directions", { location: "Pool" }),
          AiScript.expectSaid("The pool is at the rooftop."),
          AiScript.callsTool("get_directions", { location: "casino" }),
          AiScript.expectSaid("no directions for casino"),
          AiScript.callerHangsUp
        ])
      })
      expect(result.failures).toEqual([])
      expect(result.passed).toBe(true)
      expect(replies(result.entries)).toHaveLength(8)
      expect(only(result.entries, "AiSaid")[0]).toMatchObject({ source: "greeting", text: "Welcome to The Park Hotel." })
      expect(only(result.entries, "AiStarted")[0]!.globalData).toMatchObject({ venue_name: "The Park Hotel", hours: { spa: "9 AM - 9 PM", default: "24 hours" } })
    }))
})
