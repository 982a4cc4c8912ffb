import { afterEach, describe, expect, it } from "vitest"
import { AgentBase, AgentServer, FunctionResult, SWMLService, SwmlBuilder } from "../src/index.js"
import { aiOf, callInfo, password, request, swaigBody, user } from "./fixtures/agentWire.js"

const started: Array<{ stop(): Promise<void> }> = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()))
})

const agentAt = (name: string, route: string) => {
  const agent = new AgentBase({ name, route, port: 0, basicAuth: [user, password] })
  agent.setPromptText(`You are the ${name} agent.`)
  agent.defineTool({
    name: "whoami",
    description: "Which agent answers",
    secure: false,
    handler: () => new FunctionResult(`This is ${name}`)
  })
  return agent
}

describe("AgentServer facade", () => {
  it("two agents at their own routes (not doubled), the listing, health, SIP routing", async () => {
    const server = new AgentServer({ host: "127.0.0.1", port: 0 })
    server.register(agentAt("support", "/support"))
    server.register(agentAt("sales", "/sales"))
    expect(() => server.register(agentAt("again", "/sales/"))).toThrow("Route '/sales' is already in use")
    server.setupSipRouting("/sip", true)
    await server.serve()
    started.push(server)
    const origin = `http://127.0.0.1:${server.port}`
    const listing = await request(`${origin}/`, { auth: false })
    expect(listing.body).toEqual({
      service: "SignalWire AI Agents",
      agents: [{ name: "support", route: "/support" }, { name: "sales", route: "/sales" }]
    })
    expect((await request(`${origin}/health`, { auth: false })).body).toEqual({ status: "ok" })
    expect(aiOf((await request(`${origin}/support`)).body)["prompt"]).toEqual({ text: "You are the support agent." })
    expect(aiOf((await request(`${origin}/sales`)).body)["prompt"]).toEqual({ text: "You are the sales agent." })
    expect((await request(`${origin}/sales/swaig`, { body: swaigBody("whoami", {}) })).body).toEqual({ response: "This is sales" })
    expect((await request(`${origin}/support/support`)).status).toBe(404)
    expect((await request(`${origin}/support/swaig`, { body: swaigBody("whoami", {}), auth: false })).status).toBe(401)
    const routed = await request(`${origin}/support/sip`, { body: callInfo("call-4", "sip:sales@acme.sip.signalwire.com") })
    expect(routed.status).toBe(307)
    expect(routed.headers.get("location")).toBe("/sales")
  })

  it("an agent registered at another route answers there", async () => {
    const server = new AgentServer({ host: "127.0.0.1", port: 0 })
    server.register(agentAt("support", "/support"), "/help")
    await server.serve()
    started.push(server)
    const origin = `http://127.0.0.1:${server.port}`
    const doc = await request(`${origin}/help`)
    expect(doc.status).toBe(200)
    expect(aiOf(doc.body)["SWAIG"]["defaults"]["web_hook_url"]).toBe(`http://${user}:${password}@127.0.0.1:${server.port}/help/swaig`)
    expect((await request(`${origin}/support`)).status).toBe(404)
  })
})

describe("SWMLService facade", () => {
  it("serves a SwmlBuilder document; per request from the callback or a subclass", async () => {
    class Greeter extends SWMLService {
      protected override buildSwmlForRequest(query: Record<string, string>) {
        return query["vip"] === "1" ? new SwmlBuilder().say("Welcome back, valued caller") : null
      }
    }
    const ivr = new Greeter({ name: "ivr", route: "/ivr", host: "127.0.0.1", port: 0, basicAuth: [user, password] })
    ivr.addVerb("answer", {})
    ivr.getBuilder().say("Welcome to Acme")
    ivr.addVerb("hangup", {})
    ivr.setOnRequestCallback((_query, body) => {
      const call = body["call"] as { from?: string } | undefined
      return call?.from === "+15551230000" ? { version: "1.0.0", sections: { main: [{ hangup: { reason: "busy" } }] } } : null
    })
    await ivr.serve()
    started.push(ivr)
    const origin = `http://127.0.0.1:${ivr.port}`
    expect((await request(`${origin}/ivr`, { auth: false })).status).toBe(401)
    expect((await request(`${origin}/ivr`)).body).toEqual({
      version: "1.0.0",
      sections: { main: [{ answer: {} }, { play: { url: "say:Welcome to Acme" } }, { hangup: {} }] }
    })
    expect((await request(`${origin}/ivr?vip=1`)).body).toEqual({
      version: "1.0.0",
      sections: { main: [{ play: { url: "say:Welcome back, valued caller" } }] }
    })
    expect((await request(`${origin}/ivr`, { body: callInfo("call-5") })).body).toEqual({
      version: "1.0.0",
      sections: { main: [{ hangup: { reason: "busy" } }] }
    })
  })

  it("an SWMLService and an agent on one AgentServer", async () => {
    const server = new AgentServer({ host: "127.0.0.1", port: 0 })
    const ivr = new SWMLService({ name: "ivr", route: "/ivr", basicAuth: [user, password], port: 0 })
    ivr.addVerb("hangup", {})
    server.register(ivr)
    server.register(agentAt("support", "/support"))
    await server.serve()
    started.push(server)
    const origin = `http://127.0.0.1:${server.port}`
    expect((await request(`${origin}/ivr`)).body).toEqual({ version: "1.0.0", sections: { main: [{ hangup: {} }] } })
    expect((await request(`${origin}/support`)).status).toBe(200)
  })
})
