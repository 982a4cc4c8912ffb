import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import { AgentBase, FunctionResult, listSkills, listSkillsWithParams, registerSkill, SkillBase, type SkillToolDefinition } from "../src/index.js"
import { aiOf, callInfo, password, request, swaigBody, user } from "./fixtures/agentWire.js"

class GreeterSkill extends SkillBase {
  static override SKILL_NAME = "sdk_greeter"
  static override SKILL_DESCRIPTION = "Greets callers"
  static override SUPPORTS_MULTIPLE_INSTANCES = true

  override getTools(): Array<SkillToolDefinition> {
    const name = this.getConfig<string>("tool_name", "greet")
    return [{
      name,
      description: "Greet the caller",
      parameters: { who: { type: "string", description: "Who" } },
      required: ["who"],
      secure: false,
      handler: (args) => new FunctionResult(`${this.getConfig<string>("greeting", "Hello")}, ${String(args["who"])}!`)
    }]
  }

  protected override _getPromptSections() {
    return [{ title: "Greeting", body: "Greet callers by name." }]
  }

  override getHints(): Array<string> {
    return ["hello"]
  }
}

class NeedsKeySkill extends SkillBase {
  static override SKILL_NAME = "sdk_needs_key"
  static override SKILL_DESCRIPTION = "Needs a key"
  static override REQUIRED_ENV_VARS = ["SDK_SKILL_TEST_KEY_THAT_IS_NOT_SET"]
}

class RefusingSkill extends SkillBase {
  static override SKILL_NAME = "sdk_refusing"
  static override SKILL_DESCRIPTION = "Refuses"
  override setup() {
    return false
  }
}

const started: Array<AgentBase> = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((a) => a.stop()))
})

const agentOf = () => new AgentBase({ name: "desk", route: "/desk", host: "127.0.0.1", port: 0, basicAuth: [user, password] })

/** A loopback stand-in for MediaWiki's api.php: one search hit and its extract. */
const fakeWikipedia = () =>
  new Promise<{ readonly origin: string; readonly close: () => void }>((resolve) => {
    const server = createServer((req, res) => {
      const query = new URL(req.url ?? "/", "http://localhost").searchParams
      const body = query.get("list") === "search"
        ? { query: { search: [{ title: "Ada Lovelace", snippet: "a mathematician" }] } }
        : { query: { pages: { "1": { title: "Ada Lovelace", extract: "Ada wrote the first program." } } } }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body))
    })
    server.listen(0, "127.0.0.1", () =>
      resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() }))
  })

describe("skills through the Promise facade", () => {
  it("an outbound skill added by name calls its API through the served agent's HTTP client", async () => {
    const api = await fakeWikipedia()
    const saved = { base: process.env["WIKIPEDIA_BASE_URL"], allow: process.env["SWML_ALLOW_PRIVATE_URLS"] }
    process.env["WIKIPEDIA_BASE_URL"] = api.origin
    process.env["SWML_ALLOW_PRIVATE_URLS"] = "true"
    try {
      const agent = agentOf()
      await agent.addSkill("wikipedia_search", { num_results: 1 })
      await agent.serve()
      started.push(agent)
      const origin = `http://127.0.0.1:${agent.port}`
      const doc = await request(`${origin}/desk`, { body: callInfo("call-wiki") })
      const fn = aiOf(doc.body)["SWAIG"]["functions"].find((f: { function: string }) => f.function === "search_wiki")
      const url = new URL(fn["web_hook_url"] as string)
      const reply = await request(`${origin}${url.pathname}${url.search}`, { body: swaigBody("search_wiki", { query: "Ada" }, { call_id: "call-wiki" }) })
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({ response: "**Ada Lovelace**\n\nAda wrote the first program." })
    } finally {
      for (const [key, value] of [["WIKIPEDIA_BASE_URL", saved.base], ["SWML_ALLOW_PRIVATE_URLS", saved.allow]] as const) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
      api.close()
    }
  })


  it("addSkill by name and by class; tools answer over loopback; listSkills, hasSkill, removeSkill", async () => {
    const agent = agentOf()
    await agent.addSkill("math")
    await agent.addSkill(GreeterSkill, { tool_name: "welcome", greeting: "Welcome" })
    await agent.addSkill(new GreeterSkill({ greeting: "Hi" }))
    expect(agent.listSkills()).toEqual([
      { name: "math", instanceId: "math", initialized: true },
      { name: "sdk_greeter", instanceId: "sdk_greeter_welcome", initialized: true },
      { name: "sdk_greeter", instanceId: "sdk_greeter", initialized: true }
    ])
    expect(agent.hasSkill("sdk_greeter")).toBe(true)
    await agent.serve()
    started.push(agent)
    const origin = `http://127.0.0.1:${agent.port}`
    const doc = await request(`${origin}/desk`, { body: callInfo("call-1") })
    const ai = aiOf(doc.body)
    expect(ai["SWAIG"]["functions"].map((f: { function: string }) => f.function)).toEqual(["calculate", "welcome", "greet"])
    expect(ai["hints"]).toEqual(["hello", "hello"])
    expect(ai["prompt"]["text"]).toContain("## Greeting")
    expect((await request(`${origin}/desk/swaig`, { body: swaigBody("welcome", { who: "Ada" }) })).body).toEqual({ response: "Welcome, Ada!" })
    expect((await request(`${origin}/desk/swaig`, { body: swaigBody("greet", { who: "Bob" }) })).body).toEqual({ response: "Hi, Bob!" })
    const calc = ai["SWAIG"]["functions"][0]["web_hook_url"] as string
    const url = new URL(calc)
    const sum = await request(`${origin}${url.pathname}${url.search}`, { body: swaigBody("calculate", { expression: "6 * 7" }, { call_id: "call-1" }) })
    expect(sum.body).toEqual({ response: "The result of 6 * 7 is 42." })

    expect(await agent.removeSkill("sdk_greeter_welcome")).toBe(true)
    expect(await agent.removeSkill("sdk_greeter_welcome")).toBe(false)
    const after = aiOf((await request(`${origin}/desk`, { body: callInfo("call-2") })).body)
    expect(after["SWAIG"]["functions"].map((f: { function: string }) => f.function)).toEqual(["calculate", "greet"])
    expect((await request(`${origin}/desk/swaig`, { body: swaigBody("welcome", { who: "Ada" }) })).status).toBe(404)
  })

  it("rejects with the typed errors: second instance, bad parameters, unknown name, missing env var, setup false", async () => {
    const agent = agentOf()
    await agent.addSkill("datetime")
    await expect(agent.addSkill("datetime")).rejects.toMatchObject({ _tag: "SkillError", reason: "single-instance" })
    await expect(agent.addSkill("joke", { tool_name: 5 })).rejects.toMatchObject({ _tag: "SkillError", reason: "invalid-params", message: "joke: tool_name: Expected string" })
    await expect(agent.addSkill("no_such_skill")).rejects.toMatchObject({ reason: "unknown-skill", message: "no skill named no_such_skill" })
    const missing = await agent.addSkill(NeedsKeySkill).then(() => undefined, (e: unknown) => e)
    expect(missing).toBeInstanceOf(Error)
    expect(String(missing)).toContain("SDK_SKILL_TEST_KEY_THAT_IS_NOT_SET")
    expect((missing as Error).cause).toMatchObject({ _op: "MissingData" })
    await expect(agent.addSkill(RefusingSkill)).rejects.toMatchObject({ reason: "setup", message: "sdk_refusing: setup() returned false" })
    expect(agent.listSkills().map((s) => s.instanceId)).toEqual(["datetime"])
  })

  it("the registry functions: registerSkill (a clash throws), listSkills, listSkillsWithParams, addSkillByName", async () => {
    registerSkill(GreeterSkill)
    expect(() => registerSkill(GreeterSkill)).toThrow("a skill named sdk_greeter is already registered")
    expect(() => registerSkill(class extends SkillBase {
      static override SKILL_NAME = "math"
      static override SKILL_DESCRIPTION = "Mine"
    })).toThrow("a skill named math is already registered (built-in)")
    const names = listSkills().map((s) => s.name)
    expect(names.slice(0, 3)).toEqual(["datetime", "math", "joke"])
    expect(names).toContain("sdk_greeter")
    const withParams = listSkillsWithParams()
    expect(Object.keys((withParams["joke"]!.parameters["properties"] ?? {}) as object).sort()).toEqual(["skip_prompt", "swaig_fields", "tool_name"])
    const agent = agentOf()
    await agent.addSkillByName("sdk_greeter", { greeting: "Yo" })
    expect(agent.hasSkill("sdk_greeter")).toBe(true)
  })
})
