/**
 * The prefab classes with the reference's names and options, each served on loopback: its
 * document, and its tools called as SignalWire calls them (with the per-call token the document
 * gave), the Promise callbacks included.
 */
import { AgentError } from "@signalwire-effect/agents"
import { afterEach, describe, expect, it } from "vitest"
import {
  type AgentBase,
  ConciergeAgent,
  createFAQBotAgent,
  FAQBotAgent,
  InfoGathererAgent,
  ReceptionistAgent,
  SurveyAgent
} from "../src/index.js"
import { aiOf, callInfo, password, request, swaigBody, user } from "./fixtures/agentWire.js"

const agentOptions = { host: "127.0.0.1", port: 0, basicAuth: [user, password] as [string, string] }

const started: Array<AgentBase> = []
const serve = async (agent: AgentBase) => {
  await agent.serve()
  started.push(agent)
  return `http://127.0.0.1:${agent.port}`
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()))
})

/** The document for call `callId`, and a tool caller using the URLs (tokens) it gave. */
const open = async (origin: string, route: string, callId = "call-1") => {
  const doc = await request(`${origin}${route}`, { body: callInfo(callId) })
  expect(doc.status).toBe(200)
  const ai = aiOf(doc.body)
  const call = async (fn: string, args: Record<string, unknown>, globalData: Record<string, unknown> = ai["global_data"] ?? {}) => {
    const tool = (ai["SWAIG"]["functions"] as Array<any>).find((f) => f["function"] === fn)
    const url = new URL(tool["web_hook_url"])
    const reply = await request(`${origin}${url.pathname}${url.search}`, { body: swaigBody(fn, args, { call_id: callId, global_data: globalData }) })
    expect(reply.status).toBe(200)
    return reply.body
  }
  return { ai, call }
}

describe("prefab classes over loopback", () => {
  it("InfoGathererAgent: fixed questions; per-call questions from setQuestionCallback (fallback when it throws)", async () => {
    const fixed = new InfoGathererAgent({ questions: [{ key_name: "name", question_text: "Your name?" }], agentOptions })
    const origin = await serve(fixed)
    const { ai, call } = await open(origin, "/info_gatherer")
    expect(ai["global_data"]).toEqual({ questions: [{ key_name: "name", question_text: "Your name?" }], question_index: 0, answers: [] })
    expect(await call("submit_answer", { answer: "Ada" })).toMatchObject({
      action: [{ replace_in_history: true }, { set_global_data: { answers: [{ key_name: "name", answer: "Ada" }], question_index: 1 } }]
    })

    const dynamic = new InfoGathererAgent({ route: "/intake", agentOptions }).setQuestionCallback(async (query) => {
      if (query["kind"] === "boom") throw new Error("no intake")
      return [{ key_name: "policy", question_text: `Policy for ${query["kind"] ?? "?"}?` }]
    })
    const second = await serve(dynamic)
    const car = await request(`${second}/intake?kind=car`)
    expect(aiOf(car.body)["global_data"]["questions"]).toEqual([{ key_name: "policy", question_text: "Policy for car?" }])
    const boom = await request(`${second}/intake?kind=boom`)
    expect(aiOf(boom.body)["global_data"]["questions"].map((q: any) => q["key_name"])).toEqual(["name", "message"])
    // The reference's methods still shape the prefab.
    dynamic.promptAddSection("Tone", { body: "Be brief." })
    expect(aiOf((await request(`${second}/intake`)).body)["prompt"]["pom"].map((s: any) => s["title"])).toEqual(["Objective", "Tone"])
  })

  it("SurveyAgent: answers validated and scored; onComplete (a Promise callback) gets the responses and the score", async () => {
    const completed: Array<[Record<string, unknown>, number]> = []
    const agent = new SurveyAgent({
      surveyName: "CSAT",
      questions: [
        { id: "rating", text: "Rate us", type: "rating", points: { "5": 3 } },
        { id: "again", text: "Come back?", type: "yes_no" }
      ],
      onComplete: async (responses, score) => void completed.push([responses, score]),
      agentOptions
    })
    const origin = await serve(agent)
    const { ai, call } = await open(origin, "/survey")
    expect((ai["SWAIG"]["functions"] as Array<any>).map((f) => f["function"])).toEqual([
      "validate_response", "log_response", "answer_question", "get_current_question", "get_survey_progress"
    ])
    expect((await call("answer_question", { question_id: "rating", answer: "9" }))["response"]).toContain("from 1 to 5")
    const first = await call("answer_question", { question_id: "rating", answer: "5" })
    const progress = first["action"][0]["set_global_data"]["survey_progress"]
    expect(progress).toEqual({ current_question: "again", responses: { rating: "5" }, score: 3, completed: false })
    const last = await call("answer_question", { question_id: "again", answer: "yes" }, { ...ai["global_data"], survey_progress: progress })
    expect(last["response"]).toContain("score 3")
    expect(completed).toEqual([[{ rating: "5", again: "yes" }, 3]])
  })

  it("FAQBotAgent: search_faqs and escalate (connect); a bad configuration throws PrefabConfigError naming the field", async () => {
    const agent = createFAQBotAgent({
      faqs: [{ question: "Is parking free?", answer: "Yes, for two hours.", keywords: ["parking"] }],
      escalationNumber: "+15551230000",
      agentOptions
    })
    expect(agent).toBeInstanceOf(FAQBotAgent)
    const origin = await serve(agent)
    const { call } = await open(origin, "/faq")
    expect((await call("search_faqs", { query: "is parking free" }))["response"]).toBe("Best match: \"Is parking free?\" Answer: Yes, for two hours.")
    expect(await call("escalate", { reason: "billing" })).toMatchObject({
      post_process: true,
      action: [{ SWML: { sections: { main: [{ connect: { to: "+15551230000" } }] } }, transfer: true }]
    })
    let thrown: unknown
    try {
      new FAQBotAgent({ faqs: [{ question: "Q?", answer: "A" }], threshold: 2 })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AgentError.PrefabConfigError)
    expect(thrown).toMatchObject({ prefab: "FAQBot", field: "threshold" })
  })

  it("ReceptionistAgent: transfer_call connects after speaking; check_in_visitor runs onVisitorCheckIn", async () => {
    const visitors: Array<Record<string, string>> = []
    const agent = new ReceptionistAgent({
      departments: [{ name: "sales", description: "Orders", number: "+15551110000" }],
      checkInEnabled: true,
      onVisitorCheckIn: (visitor) => void visitors.push(visitor),
      agentOptions
    })
    const origin = await serve(agent)
    const { ai, call } = await open(origin, "/receptionist")
    expect(ai["languages"]).toEqual([{ name: "English", code: "en-US", voice: "rime.spore" }])
    expect(await call("transfer_call", { department: "sales" }, { caller_info: { name: "Ada" } })).toEqual({
      response: "Transferring you to sales now. Thank you for calling, Ada!",
      action: [{ SWML: { version: "1.0.0", sections: { main: [{ connect: { to: "+15551110000" } }] } }, transfer: true }],
      post_process: true
    })
    expect((await call("transfer_call", { department: "legal" }))["response"]).toMatch(/invalid arguments/)
    await call("check_in_visitor", { visitor_name: "Grace", purpose: "interview", visiting: "sales" })
    expect(visitors).toEqual([{ visitor_name: "Grace", purpose: "interview", visiting: "sales", checked_in_at: expect.any(String) }])
  })

  it("ConciergeAgent: check_availability and get_directions", async () => {
    const agent = new ConciergeAgent({
      venueName: "The Park Hotel",
      services: ["spa"],
      amenities: { pool: { location: "Rooftop" } },
      agentOptions
    })
    const origin = await serve(agent)
    const { ai, call } = await open(origin, "/concierge")
    expect(ai["global_data"]).toMatchObject({ venue_name: "The Park Hotel", hours: { default: "9 AM - 5 PM" } })
    expect((await call("check_availability", { service: "spa", date: "2026-12-01", time: "10:00" }))["response"]).toBe(
      "spa is available on 2026-12-01 at 10:00. Ask whether the caller wants to book it."
    )
    expect((await call("check_availability", { service: "spa", date: "2026-12-01", time: "18:00" }))["response"]).toContain("closed at 18:00")
    expect((await call("get_directions", { location: "pool" }))["response"]).toContain("The pool is at Rooftop.")
  })
})
