/**
 * The prefab agents' configuration checks (a typed error naming the bad field), the documents
 * they render, and their tools called over loopback as SignalWire calls them (with the per-call
 * token the document gave), invalid arguments included.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { AgentError, Concierge, FAQBot, InfoGatherer, Receptionist, Survey } from "../src/index.js"
import { basicAuth, callInfo, request, serveAll, swaigBody } from "./fixtures/server.js"

type Json = { readonly [key: string]: any }

const aiOf = (doc: unknown): Json => ((doc as Json)["sections"]["main"] as Array<Json>).find((i) => "ai" in i)!["ai"]
const agentOptions = { basicAuth }

const fieldOf = <A>(effect: Effect.Effect<A, AgentError.PrefabConfigError>) =>
  Effect.map(Effect.flip(effect), (e) => [e._tag, e.prefab, e.field])

/** Fetch the document for a call, then call one tool at the URL (and token) the document gave it. */
const callTool = (origin: string, route: string, fn: string, args: Record<string, unknown>, globalData: Json = {}) =>
  Effect.gen(function*() {
    const doc = yield* request(`${origin}${route}`, { body: callInfo("call-1") })
    const tool = (aiOf(doc.body)["SWAIG"]["functions"] as Array<Json>).find((f) => f["function"] === fn)!
    const url = new URL(tool["web_hook_url"] as string)
    return yield* request(`${origin}${url.pathname}${url.search}`, { body: swaigBody(fn, args, { global_data: globalData }) })
  })

describe("prefab configuration", () => {
  it.effect("a bad option is a PrefabConfigError naming the field", () =>
    Effect.gen(function*() {
      expect(yield* fieldOf(InfoGatherer.make({ questions: [] }))).toEqual(["PrefabConfigError", "InfoGatherer", "questions[0]"])
      expect(yield* fieldOf(InfoGatherer.make({ questions: [{ key_name: "a", question_text: "A?" }, { key_name: "", question_text: "B?" }] })))
        .toEqual(["PrefabConfigError", "InfoGatherer", "questions[1].key_name"])
      expect(yield* fieldOf(Survey.make({ surveyName: "S", questions: [{ text: "Q", type: "rating", scale: 0 }] })))
        .toEqual(["PrefabConfigError", "Survey", "questions[0].scale"])
      expect(yield* fieldOf(Survey.make({ surveyName: "S", questions: [{ text: "Q", type: "free" as "open_ended" }] })))
        .toEqual(["PrefabConfigError", "Survey", "questions[0].type"])
      expect(yield* fieldOf(Survey.make({ surveyName: "S", questions: [{ id: "c", text: "Colour?", type: "multiple_choice" }] })))
        .toEqual(["PrefabConfigError", "Survey", "questions[0].options"])
      expect(yield* fieldOf(Survey.make({ surveyName: "S", questions: [{ id: "a", text: "A?", type: "yes_no", nextQuestion: { no: "zzz" } }] })))
        .toEqual(["PrefabConfigError", "Survey", "questions[0].nextQuestion.no"])
      expect(yield* fieldOf(Survey.make({ surveyName: "S", questions: [{ id: "a", text: "A?", type: "yes_no" }, { id: "a", text: "B?", type: "yes_no" }] })))
        .toEqual(["PrefabConfigError", "Survey", "questions[1].id"])
      expect(yield* fieldOf(Survey.make({ surveyName: "", questions: [{ text: "A?", type: "yes_no" }] })))
        .toEqual(["PrefabConfigError", "Survey", "surveyName"])
      expect(yield* fieldOf(FAQBot.make({ faqs: [{ question: "Q?", answer: "A" }], threshold: 1.5 })))
        .toEqual(["PrefabConfigError", "FAQBot", "threshold"])
      expect(yield* fieldOf(FAQBot.make({ faqs: [{ question: "Q?", answer: "" }] }))).toEqual(["PrefabConfigError", "FAQBot", "faqs[0].answer"])
      expect(yield* fieldOf(Receptionist.make({ departments: [{ name: "sales", description: "Orders", number: "" }] })))
        .toEqual(["PrefabConfigError", "Receptionist", "departments[0].number"])
      expect(yield* fieldOf(Receptionist.make({
        departments: [{ name: "sales", description: "Orders", number: "+1555" }, { name: "sales", description: "Again", number: "+1556" }]
      }))).toEqual(["PrefabConfigError", "Receptionist", "departments[1].name"])
      expect(yield* fieldOf(Concierge.make({ venueName: "V", services: [], amenities: {} }))).toEqual(["PrefabConfigError", "Concierge", "services[0]"])
      expect(yield* fieldOf(Concierge.make({ venueName: "V", services: ["spa"], amenities: { pool: { floor: 3 as unknown as string } } })))
        .toEqual(["PrefabConfigError", "Concierge", "amenities.pool.floor"])
    }))

  it.effect("Concierge.parseHours reads AM/PM ranges and 24 hours", () =>
    Effect.sync(() => {
      expect(Concierge.parseHours("9 AM - 5 PM")).toEqual([540, 1020])
      expect(Concierge.parseHours("7:30am to 10pm daily")).toEqual([450, 1320])
      expect(Concierge.parseHours("6 PM - 2 AM")).toEqual([1080, 120])
      expect(Concierge.parseHours("24 hours")).toEqual([0, 1440])
      expect(Concierge.parseHours("by appointment")).toBeUndefined()
    }))

  it.effect("FAQBot.score: word overlap, weighted with keyword hits", () =>
    Effect.sync(() => {
      const faq = { question: "What are your opening hours?", answer: "9 to 5" }
      expect(FAQBot.score("opening hours", faq)).toBe(1)
      expect(FAQBot.score("parking", faq)).toBe(0)
      expect(FAQBot.score("opening hours", { ...faq, keywords: ["hours", "open", "closed", "time"] })).toBeCloseTo(0.6 + 0.4 * 0.5)
    }))
})

describe("prefab documents and tools over loopback", () => {
  it.scopedLive("the documents: default routes, POM prompts, post-prompts, params, global data, tool schemas", () =>
    Effect.gen(function*() {
      const prefabs = yield* Effect.all([
        InfoGatherer.make({ agentOptions, questions: [{ key_name: "name", question_text: "Name?" }] }),
        Survey.make({ agentOptions, surveyName: "CSAT", questions: [{ id: "r", text: "Rate us", type: "rating", scale: 3 }] }),
        FAQBot.make({ agentOptions, faqs: [{ question: "Is parking free?", answer: "Yes", categories: ["visit"] }] }),
        Receptionist.make({ agentOptions, departments: [{ name: "sales", description: "Orders", number: "+15551110000" }], voice: "inworld.Mark" }),
        Concierge.make({ agentOptions, venueName: "Hotel", services: ["spa"], amenities: { pool: { location: "Roof" } } })
      ])
      const { origin } = yield* serveAll(prefabs, Layer.empty)
      const docs = yield* Effect.forEach(["/info_gatherer", "/survey", "/faq", "/receptionist", "/concierge"], (route) =>
        Effect.map(request(`${origin}${route}`), (r) => [route, r.status, aiOf(r.body)] as const))
      expect(docs.map(([route, status]) => [route, status])).toEqual([
        ["/info_gatherer", 200], ["/survey", 200], ["/faq", 200], ["/receptionist", 200], ["/concierge", 200]
      ])
      const [info, survey, faq, receptionist, concierge] = docs.map(([, , ai]) => ai) as [Json, Json, Json, Json, Json]
      const names = (ai: Json) => (ai["SWAIG"]["functions"] as Array<Json>).map((f) => f["function"])

      expect(info["prompt"]["pom"].map((s: Json) => s["title"])).toEqual(["Objective"])
      expect(info["params"]).toEqual({ end_of_speech_timeout: 800, speech_event_timeout: 1000 })
      expect(info["global_data"]).toEqual({ questions: [{ key_name: "name", question_text: "Name?" }], question_index: 0, answers: [] })
      expect(names(info)).toEqual(["start_questions", "submit_answer"])

      expect(survey["prompt"]["pom"].map((s: Json) => s["title"])).toEqual([
        "Personality", "Goal", "Instructions", "Introduction", "Survey Questions", "Conclusion"
      ])
      expect(survey["prompt"]["pom"][4]["subsections"][0]).toMatchObject({ title: "Rate us", body: "ID: r\nType: rating\nRequired: true\nScale: 1-3" })
      expect(survey["post_prompt"]["text"]).toContain("\"completion_status\"")
      expect(survey["hints"]).toEqual(["CSAT", "Our Company", "1", "2", "3"])
      expect(survey["params"]).toMatchObject({ static_greeting_no_barge: true, end_of_speech_timeout: 1500 })
      expect(survey["global_data"]).toMatchObject({ survey_name: "CSAT", max_retries: 2, survey_progress: { current_question: "r", score: 0 } })

      expect(names(faq)).toEqual(["search_faqs"])
      expect(faq["prompt"]["pom"][3]["subsections"][0]).toMatchObject({ title: "Is parking free?", body: "Yes\n\nCategories: visit" })
      expect(faq["global_data"]).toEqual({ faq_count: 1, categories: ["visit"] })

      expect(receptionist["languages"]).toEqual([{ name: "English", code: "en-US", voice: "inworld.Mark" }])
      expect(receptionist["params"]).toEqual({ end_of_speech_timeout: 700, speech_event_timeout: 1000, transfer_summary: true })
      expect(names(receptionist)).toEqual(["collect_caller_info", "transfer_call"])
      const transfer = (receptionist["SWAIG"]["functions"] as Array<Json>)[1]!
      expect(transfer["parameters"]["properties"]["department"]).toMatchObject({ enum: ["sales"] })

      const availability = (concierge["SWAIG"]["functions"] as Array<Json>)[0]!
      expect(availability["parameters"]["properties"]["date"]).toMatchObject({ type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" })
      expect(concierge["prompt"]["pom"][4]["subsections"]).toEqual([{ title: "Pool", body: "Location: Roof" }])
      expect(concierge["params"]).toMatchObject({ local_tz: "America/New_York" })
      expect(concierge["SWAIG"]["native_functions"]).toEqual(["check_time"])
    }))

  it.scopedLive("tool calls with the document's token; arguments that do not fit are answered with a retry, not run", () =>
    Effect.gen(function*() {
      const prefabs = yield* Effect.all([
        InfoGatherer.make({ agentOptions, questions: [{ key_name: "name", question_text: "Name?" }, { key_name: "city", question_text: "City?", confirm: true }] }),
        Receptionist.make({ agentOptions, departments: [{ name: "sales", description: "Orders", number: "+15551110000" }] }),
        Concierge.make({ agentOptions, venueName: "Hotel", services: ["spa"], amenities: {} }),
        FAQBot.make({ agentOptions, faqs: [{ question: "Is parking free?", answer: "Yes" }], escalationNumber: "sip:desk@example.com" })
      ])
      const { origin } = yield* serveAll(prefabs, Layer.empty)

      const submit = yield* callTool(origin, "/info_gatherer", "submit_answer", { answer: "Ada" }, { questions: [{ key_name: "name", question_text: "Name?" }, { key_name: "city", question_text: "City?", confirm: true }], question_index: 0, answers: [] })
      expect(submit.status).toBe(200)
      expect(submit.body).toEqual({
        response: expect.stringContaining("Ask the caller: City?"),
        action: [{ replace_in_history: true }, { set_global_data: { answers: [{ key_name: "name", answer: "Ada" }], question_index: 1 } }]
      })
      expect((submit.body as Json)["response"]).toContain("confirm")

      const missing = yield* callTool(origin, "/info_gatherer", "submit_answer", {})
      expect(missing.status).toBe(200)
      expect((missing.body as Json)["response"]).toMatch(/^The function submit_answer was called with invalid arguments \(.*answer/)
      expect((missing.body as Json)["action"]).toBeUndefined()

      const wrongDept = yield* callTool(origin, "/receptionist", "transfer_call", { department: "legal" })
      expect((wrongDept.body as Json)["response"]).toMatch(/invalid arguments \(department: Expected The department to transfer to: sales, actual "legal"\)/)
      const badDate = yield* callTool(origin, "/concierge", "check_availability", { service: "spa", date: "12/01/2026", time: "10:00" })
      expect((badDate.body as Json)["response"]).toMatch(/invalid arguments/)
      const badTime = yield* callTool(origin, "/concierge", "check_availability", { service: "spa", date: "2026-12-01", time: "25:00" })
      expect((badTime.body as Json)["response"]).toMatch(/invalid arguments/)

      const escalate = yield* callTool(origin, "/faq", "escalate", {})
      expect(escalate.body).toEqual({
        response: "I could not find an answer to that; let me transfer you to someone who can help. Reason: the FAQ does not cover the question.",
        action: [{ SWML: { version: "1.0.0", sections: { main: [{ connect: { to: "sip:desk@example.com" } }] } }, transfer: true }],
        post_process: true
      })

      // Without the token the document gave, a secure prefab tool is refused.
      const forged = yield* request(`${origin}/faq/swaig`, { body: swaigBody("escalate", {}) })
      expect(forged.status).toBe(403)
    }))
})
