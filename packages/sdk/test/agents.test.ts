import { afterEach, describe, expect, it } from "vitest"
import { AgentBase, ContextBuilder, FunctionResult } from "../src/index.js"
import { aiOf, callInfo, password, request, swaigBody, user } from "./fixtures/agentWire.js"

class SupportAgent extends AgentBase {
  static override PROMPT_SECTIONS = [{ title: "Role", body: "You are Acme's support agent." }]
  readonly summaries: Array<unknown> = []

  constructor(route = "/support") {
    super({ name: "support", route, host: "127.0.0.1", port: 0, basicAuth: [user, password] })
    this.promptAddSection("Rules", { bullets: ["Be brief", "Never guess"] })
    this.setPostPrompt("Summarise the call as JSON")
    this.setParams({ end_of_speech_timeout: 600 })
    this.addLanguage({ name: "English", code: "en-US", voice: "inworld.Mark" })
    this.addHints(["Acme"])
    this.setGlobalData({ company: "Acme" })
    this.setNativeFunctions(["check_time"])
    const contexts = this.defineContexts()
    contexts.addContext("default").addStep("greet", { task: "Greet the caller", validSteps: ["help"] })
    contexts.getContext("default")!.addStep("help").setText("Help the caller").setFunctions(["get_weather", "transfer_call"]).setEnd(true)
    this.defineTools()
  }

  protected override defineTools(): void {
    this.defineTool({
      name: "get_weather",
      description: "Current weather for a city",
      parameters: { type: "object", properties: { city: { type: "string", description: "City name" } }, required: ["city"] },
      secure: false,
      handler: (args, raw) => new FunctionResult(`It is sunny in ${String(args["city"])} (${String(raw["conversation_type"])})`).say("One moment")
    })
    this.defineTool({
      name: "transfer_call",
      description: "Transfer to a department",
      parameters: { dept: { type: "string", description: "Department", enum: ["sales", "billing"] } },
      required: ["dept"],
      handler: async (args) => ({ response: `Transferring to ${String(args["dept"])}`, action: { say: "Please hold" } })
    })
    this.defineTool({
      name: "explode",
      description: "Always fails",
      secure: false,
      handler: () => {
        throw new Error("database password=hunter2 unreachable")
      }
    })
  }

  override onSummary(summary: unknown): void {
    this.summaries.push(summary)
  }
}

const started: Array<{ stop(): Promise<void> }> = []
const serve = async <A extends { serve(): Promise<void>; stop(): Promise<void>; port: number }>(server: A) => {
  await server.serve()
  started.push(server)
  return `http://127.0.0.1:${server.port}`
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()))
})

describe("AgentBase facade over HTTP", () => {
  it("serves its SWML on GET and on POST with call info, behind Basic auth", async () => {
    const agent = new SupportAgent()
    const origin = await serve(agent)
    expect((await request(`${origin}/support`, { auth: false })).status).toBe(401)
    expect((await request(`${origin}/support/health`, { auth: false })).status).toBe(200)
    const get = await request(`${origin}/support`)
    expect(get.status).toBe(200)
    const main = get.body["sections"]["main"] as Array<any>
    expect(Object.keys(main[0])).toEqual(["answer"])
    const ai = aiOf(get.body)
    expect(ai["prompt"]["pom"]).toEqual([
      { title: "Role", body: "You are Acme's support agent." },
      { title: "Rules", bullets: ["Be brief", "Never guess"] }
    ])
    expect(ai["prompt"]["contexts"]["default"]["steps"].map((s: any) => s["name"])).toEqual(["greet", "help"])
    expect(ai["post_prompt"]).toEqual({ text: "Summarise the call as JSON" })
    expect(ai["post_prompt_url"]).toBe(`http://${user}:${password}@127.0.0.1:${agent.port}/support/post_prompt`)
    expect(ai["params"]).toEqual({ end_of_speech_timeout: 600 })
    expect(ai["languages"]).toEqual([{ name: "English", code: "en-US", voice: "inworld.Mark" }])
    expect(ai["hints"]).toEqual(["Acme"])
    expect(ai["global_data"]).toEqual({ company: "Acme" })
    expect(ai["SWAIG"]["native_functions"]).toEqual(["check_time"])
    expect(ai["SWAIG"]["defaults"]).toEqual({ web_hook_url: `http://${user}:${password}@127.0.0.1:${agent.port}/support/swaig` })
    const [weather, transfer] = ai["SWAIG"]["functions"] as Array<any>
    expect(weather).toEqual({
      function: "get_weather",
      description: "Current weather for a city",
      parameters: { type: "object", properties: { city: { type: "string", description: "City name" } }, required: ["city"] }
    })
    expect(transfer["parameters"]).toEqual({
      type: "object",
      properties: { dept: { type: "string", description: "Department", enum: ["sales", "billing"] } },
      required: ["dept"]
    })
    const post = await request(`${origin}/support`, { body: callInfo("call-7") })
    expect(post.status).toBe(200)
    const secure = (aiOf(post.body)["SWAIG"]["functions"] as Array<any>)[1]
    expect(secure["web_hook_url"]).toMatch(/\/support\/swaig\?__token=[A-Za-z0-9_-]+$/)
  })

  it("answers each tool with the platform's exact request body: plain, secure (token), failing, bad arguments", async () => {
    const agent = new SupportAgent()
    const origin = await serve(agent)
    const weather = await request(`${origin}/support/swaig`, { body: swaigBody("get_weather", { city: "Paris" }) })
    expect(weather.status).toBe(200)
    expect(weather.body).toEqual({ response: "It is sunny in Paris (voice)", action: [{ say: "One moment" }] })

    const doc = await request(`${origin}/support`, { body: callInfo("call-9") })
    const url = new URL((aiOf(doc.body)["SWAIG"]["functions"] as Array<any>)[1]["web_hook_url"])
    const token = url.searchParams.get("__token")!
    const transfer = await request(`${origin}/support/swaig?__token=${token}`, {
      body: swaigBody("transfer_call", { dept: "sales" }, { call_id: "call-9" })
    })
    expect(transfer.status).toBe(200)
    expect(transfer.body).toEqual({ response: "Transferring to sales", action: [{ say: "Please hold" }] })
    // The token is bound to its call and function.
    const otherCall = await request(`${origin}/support/swaig?__token=${token}`, {
      body: swaigBody("transfer_call", { dept: "sales" }, { call_id: "call-10" })
    })
    expect(otherCall.status).toBe(403)
    expect((await request(`${origin}/support/swaig`, { body: swaigBody("transfer_call", { dept: "sales" }) })).status).toBe(403)

    const invalid = await request(`${origin}/support/swaig`, { body: swaigBody("get_weather", { town: "Paris" }) })
    expect(invalid.status).toBe(200)
    expect(invalid.body["response"]).toMatch(/get_weather was called with invalid arguments/)
    const failing = await request(`${origin}/support/swaig`, { body: swaigBody("explode", {}) })
    expect(failing.status).toBe(200)
    expect(failing.body).toEqual({
      response: "Sorry, I couldn't complete that action. Please try again or contact support if the issue persists."
    })
    expect(JSON.stringify(failing.body)).not.toContain("hunter2")
    expect((await request(`${origin}/support/swaig`, { body: swaigBody("nope", {}) })).status).toBe(404)
  })

  it("post-prompt reaches onSummary; the dynamic callback reshapes a copy per request", async () => {
    const agent = new SupportAgent()
    agent.setDynamicConfigCallback((query, _body, headers, copy) => {
      if (query["tier"] === "gold") copy.setGlobalData({ tier: "gold" }).addHints(["VIP"])
      expect(headers["authorization"]).toBeUndefined()
    })
    const origin = await serve(agent)
    const gold = aiOf((await request(`${origin}/support?tier=gold`)).body)
    expect(gold["global_data"]).toEqual({ company: "Acme", tier: "gold" })
    expect(gold["hints"]).toEqual(["Acme", "VIP"])
    const plain = aiOf((await request(`${origin}/support`)).body)
    expect(plain["global_data"]).toEqual({ company: "Acme" })
    // Changes after serve() apply to the next request.
    agent.setParam("temperature", 0.3)
    expect(aiOf((await request(`${origin}/support`)).body)["params"]).toEqual({ end_of_speech_timeout: 600, temperature: 0.3 })
    const summary = await request(`${origin}/support/post_prompt`, {
      body: { call_id: "call-1", post_prompt_data: { raw: "{\"topic\":\"weather\"}", parsed: [{ topic: "weather" }] } }
    })
    expect(summary.status).toBe(200)
    expect(agent.summaries).toEqual([{ topic: "weather" }])
  })

  it("renderSwml, getApp().fetch and runServerless serve the same agent without a server", async () => {
    const agent = new SupportAgent()
    const doc = JSON.parse(agent.renderSwml("call-3"))
    expect(aiOf(doc)["SWAIG"]["defaults"]["web_hook_url"]).toBe(`http://${user}:${password}@127.0.0.1:0/support/swaig`)
    const fetched = await agent.getApp().fetch(new Request("https://agent.example.com/support/swaig", {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` },
      body: JSON.stringify(swaigBody("get_weather", { city: "Oslo" }))
    }))
    expect(await fetched.json()).toEqual({ response: "It is sunny in Oslo (voice)", action: [{ say: "One moment" }] })
    const lambda = await agent.runServerless({
      version: "2.0",
      rawPath: "/support",
      rawQueryString: "",
      headers: { host: "fn.lambda-url.us-east-1.on.aws", authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` },
      requestContext: { http: { method: "GET" } }
    })
    expect(lambda.statusCode).toBe(200)
    expect(aiOf(JSON.parse(lambda.body))["SWAIG"]["defaults"]["web_hook_url"]).toBe(
      `http://${user}:${password}@fn.lambda-url.us-east-1.on.aws/support/swaig`
    )
    await agent.stop()
  })

  it("stop() with a tool call in flight: the call finishes, new connections are refused", async () => {
    let entered: () => void = () => {}
    const inHandler = new Promise<void>((resolve) => (entered = resolve))
    let release: () => void = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    const agent = new AgentBase({ name: "slow", route: "/slow", host: "127.0.0.1", port: 0, basicAuth: [user, password] })
    agent.setPromptText("Slow.")
    agent.defineTool({
      name: "slow",
      description: "Slow",
      secure: false,
      handler: async () => {
        entered()
        await released
        return new FunctionResult("finally")
      }
    })
    const origin = await serve(agent)
    const inFlight = request(`${origin}/slow/swaig`, { body: swaigBody("slow", {}) })
    await inHandler
    const stopping = agent.stop()
    release()
    const reply = await inFlight
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ response: "finally" })
    await stopping
    await expect(fetch(`${origin}/slow/health`)).rejects.toThrow()
  })

  it("contexts built with the facade's ContextBuilder can be passed to defineContexts", () => {
    const contexts = new ContextBuilder()
    contexts.addContext("default").addStep("only").setText("Just this").setEnd(true)
    const agent = new AgentBase({ name: "ctx", port: 0, basicAuth: [user, password] })
    agent.defineContexts(contexts)
    expect(agent.getContexts()).toEqual({ default: { steps: [{ name: "only", text: "Just this", end: true }] } })
    expect(aiOf(JSON.parse(agent.renderSwml()))["prompt"]["text"]).toBe("You are ctx, a helpful AI assistant.")
  })
})
