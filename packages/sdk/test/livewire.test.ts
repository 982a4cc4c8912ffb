/**
 * LiveWire: a LiveKit-shaped agent (defineAgent + prewarm + AgentSession + tools + handoff) run by
 * runApp on loopback; its SWML fetched, a tool called over SWAIG with the platform's body, and a
 * whole scripted call through it in the sandbox.
 */
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { afterEach, describe, expect, it } from "vitest"
import { FunctionResult } from "../src/index.js"
import { wasLogged } from "../src/internal/livewire.js"
import {
  Agent,
  AgentServer,
  AgentSession,
  defineAgent,
  handoff,
  inference,
  type JobContext,
  type LiveWireApp,
  llm,
  plugins,
  runApp,
  StopResponse,
  tool,
  ToolError,
  voice,
  WorkerOptions
} from "../src/livewire.js"
import { aiOf, callInfo, password, request, swaigBody, user } from "./fixtures/agentWire.js"

const running: Array<LiveWireApp> = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.stop()))
})

const start = async (app: Parameters<typeof runApp>[0], agentName?: string) => {
  const served = await runApp(app, { host: "127.0.0.1", port: 0, basicAuth: [user, password], ...(agentName === undefined ? {} : { agentName }) })
  running.push(served)
  return served
}

interface Caller {
  readonly tier: string
}

// The shape of a LiveKit Agents program: only the import path differs.
const salesAgent = new Agent({
  instructions: "You are Acme's sales specialist.",
  tools: {
    get_pricing: tool({
      description: "Pricing for a product",
      parameters: Schema.Struct({ product: Schema.String }),
      execute: ({ product }: { product: string }) => `${product} costs $29.99 a month.`
    })
  }
})

const weatherAgent = defineAgent({
  prewarm: (proc) => {
    proc.userData["unit"] = "F"
  },
  entry: async (ctx: JobContext) => {
    await ctx.connect()
    const session = new AgentSession<Caller>({
      stt: new plugins.DeepgramSTT(),
      tts: "elevenlabs",
      vad: plugins.SileroVAD.load(),
      llm: "openai/gpt-4o-mini",
      minEndpointingDelay: 0.8,
      userData: { tier: "gold" },
      tools: [salesAgent.tools["get_pricing"]!]
    })
    const unit = String(ctx.proc.userData["unit"])
    const agent = new Agent<Caller>({
      instructions: "You are a helpful weather assistant.",
      tools: {
        get_weather: tool<{ city: string }, Caller>({
          description: "Current weather for a city",
          parameters: { type: "object", properties: { city: { type: "string", description: "City name" } }, required: ["city"] },
          execute: ({ city }, { ctx }) => `Sunny in ${city}, 72${unit} (${ctx.userData.tier}, ${ctx.functionCall?.callId ?? "?"})`
        }),
        lookup_order: tool({
          description: "An order's status",
          parameters: Schema.Struct({ order: Schema.String }),
          execute: ({ order }: { order: string }) => {
            if (order !== "A-17") throw new ToolError(`No order ${order}`)
            return { order, status: "shipped" }
          }
        }),
        mute: tool({ description: "Say nothing", execute: () => { throw new StopResponse() } }),
        hold: tool({ description: "Put on hold", execute: () => new FunctionResult("Holding").hold(60) }),
        transfer_to_sales: tool({ description: "Hand the caller to sales", execute: () => handoff({ agent: salesAgent, returns: "Connecting you to sales." }) })
      }
    })
    await session.start({ agent })
    session.say("Welcome to Acme weather.")
    session.generateReply({ instructions: "Ask which city the caller wants." })
  }
})

describe("LiveWire", () => {
  it("serves a LiveKit-shaped agent: its SWML maps instructions, model, greeting and tools", async () => {
    const app = await start(weatherAgent)
    expect(app.url).toBe(`http://${user}:${password}@127.0.0.1:${app.port}`)
    const origin = `http://127.0.0.1:${app.port}`
    expect((await request(`${origin}/`, { auth: false })).status).toBe(401)
    const doc = await request(`${origin}/`, { body: callInfo("call-lw-1") })
    expect(doc.status).toBe(200)
    const ai = aiOf(doc.body)
    expect(ai.prompt.text).toBe("You are a helpful weather assistant.\n\n## Initial Greeting\n\nAsk which city the caller wants.")
    expect(ai.params).toMatchObject({ ai_model: "gpt-4o-mini", static_greeting: "Welcome to Acme weather.", end_of_speech_timeout: 800 })
    expect(ai.params).not.toHaveProperty("model")
    const functions = ai.SWAIG.functions as Array<any>
    expect(functions.map((f) => f.function)).toEqual(["get_pricing", "get_weather", "lookup_order", "mute", "hold", "transfer_to_sales"])
    expect(functions[1]).toMatchObject({
      description: "Current weather for a city",
      parameters: { type: "object", properties: { city: { type: "string", description: "City name" } }, required: ["city"] }
    })
    // An Effect Schema's parameters are its JSON Schema.
    expect(functions[2].parameters).toMatchObject({ type: "object", properties: { order: { type: "string" } }, required: ["order"] })
    // stt / tts / vad were accepted and logged once.
    expect(["AgentSession_tts", "AgentSession_stt", "AgentSession_vad", "plugin_deepgram", "plugin_silero", "connect", "prewarm"].filter((k) => !wasLogged(k))).toEqual([])
  })

  it("answers SWAIG requests: RunContext, ToolError, StopResponse, JSON values, FunctionResult, handoff", async () => {
    const app = await start(weatherAgent)
    const origin = `http://127.0.0.1:${app.port}`
    const doc = await request(`${origin}/`, { body: callInfo("call-lw-2") })
    const tokenOf = (name: string) =>
      new URL((aiOf(doc.body).SWAIG.functions as Array<any>).find((f) => f.function === name).web_hook_url).searchParams.get("__token")!
    const call = (name: string, args: Record<string, unknown>) =>
      request(`${origin}/swaig?__token=${tokenOf(name)}`, { body: swaigBody(name, args, { call_id: "call-lw-2" }) })

    expect((await call("get_weather", { city: "Paris" })).body).toEqual({ response: "Sunny in Paris, 72F (gold, call-lw-2)" })
    expect((await call("lookup_order", { order: "A-17" })).body).toEqual({ response: JSON.stringify({ order: "A-17", status: "shipped" }) })
    expect((await call("lookup_order", { order: "B-2" })).body).toEqual({ response: "No order B-2" })
    expect((await call("mute", {})).body).toEqual({ action: [{ wait_for_user: true }] })
    expect((await call("hold", {})).body).toEqual({ response: "Holding", action: [{ hold: 60 }] })
    expect((await call("transfer_to_sales", {})).body).toEqual({
      response: "Connecting you to sales.",
      action: [
        { context_switch: { system_prompt: "You are Acme's sales specialist." } },
        {
          toggle_functions: [
            { function: "get_weather", active: false },
            { function: "lookup_order", active: false },
            { function: "mute", active: false },
            { function: "hold", active: false },
            { function: "transfer_to_sales", active: false },
            { function: "get_pricing", active: true }
          ]
        }
      ]
    })
    // Arguments are checked against the tool's parameters.
    expect((await call("get_weather", { town: "Paris" })).status).toBe(200)
    expect((await call("get_weather", { town: "Paris" })).body.response).not.toContain("Sunny")
  })

  it("runs a scripted sandbox call through the agent, handoff included", async () => {
    const app = await start(weatherAgent)
    const result = await Effect.runPromise(AgentTest.runCall({
      swmlUrl: app.url,
      script: AiScript.make([
        AiScript.expectSaid("Welcome to Acme weather."),
        AiScript.expectPrompt(/weather assistant/),
        AiScript.says("What's the weather in Paris?"),
        AiScript.callsTool("get_weather", { city: "Paris" }),
        AiScript.expectSaid(/Sunny in Paris, 72F \(gold, /),
        AiScript.says("I want to buy the pro plan"),
        AiScript.callsTool("transfer_to_sales"),
        AiScript.expectSaid("Connecting you to sales."),
        AiScript.expectPrompt("You are Acme's sales specialist."),
        AiScript.callsTool("get_pricing", { product: "Pro" }),
        AiScript.expectSaid("Pro costs $29.99 a month."),
        AiScript.callerHangsUp
      ])
    }))
    expect(result.failures).toEqual([])
    expect(result.passed).toBe(true)
    expect(result.entries.filter((e) => e._tag === "SwaigRequest").map((e) => (e as { function: string }).function)).toEqual([
      "get_weather",
      "transfer_to_sales",
      "get_pricing"
    ])
  })

  it("runs a LiveKit AgentServer with rtcSession, and the namespaces LiveKit code uses", async () => {
    const server = new AgentServer()
    server.setupFnc = (proc) => {
      proc.userData["model"] = "gpt-4.1-mini"
    }
    server.rtcSession({ agentName: "front-desk" })(async (ctx) => {
      const session = new voice.AgentSession({ llm: new inference.LLM(String(ctx.proc.userData["model"])), allowInterruptions: false })
      await session.start({ agent: new voice.Agent({ instructions: "Route the caller.", tools: [{ ...llm.tool({ description: "Ping", execute: () => "pong" }), name: "ping" }] }) })
    })
    const app = await start(server)
    expect(app.agent.getName()).toBe("front-desk")
    const ai = aiOf((await request(`http://127.0.0.1:${app.port}/`)).body)
    expect(ai.prompt.text).toBe("Route the caller.")
    expect(ai.params).toEqual({ ai_model: "gpt-4.1-mini", enable_barge: false })
    expect(ai.SWAIG.functions.map((f: any) => f.function)).toEqual(["ping"])
  })

  it("runs a module given by path in WorkerOptions, as LiveKit's cli.runApp does", async () => {
    const app = await runApp(new WorkerOptions({ agent: `${__dirname}/fixtures/livewireAgent.ts`, host: "127.0.0.1", port: 0, agentName: "by-path" }), { basicAuth: [user, password] })
    running.push(app)
    expect(app.agent.getName()).toBe("by-path")
    const ai = aiOf((await request(`http://127.0.0.1:${app.port}/`)).body)
    expect(ai.prompt.text).toBe("Loaded from a module.")
    expect(ai.SWAIG.functions.map((f: any) => f.function)).toEqual(["ping"])
  })

  it("rejects what cannot map: an entry that starts no session, a zod schema, an unnamed tool in a list", async () => {
    await expect(runApp(defineAgent({ entry: async () => {} }), { port: 0 })).rejects.toThrow("started no AgentSession")
    expect(() => tool({ description: "zod", parameters: { _def: {} }, execute: () => "" })).toThrow("zod schemas are not supported")
    expect(() => new Agent({ tools: [tool({ description: "x", execute: () => "" })] })).toThrow("needs a name")
  })
})
