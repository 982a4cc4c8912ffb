/** The reference SDK's helper functions: contexts, DataMap env expansion, safeAssign, serverless detection, inferSchema, SchemaUtils. */
import { describe, expect, it } from "vitest"
import {
  AgentBase,
  createSimpleContext,
  createTypedHandlerWrapper,
  DataMap,
  FunctionResult,
  getAllowedEnvPrefixes,
  inferSchema,
  isServerlessMode,
  parseFunctionParams,
  safeAssign,
  SchemaUtils,
  setAllowedEnvPrefixes
} from "../src/index.js"
import { aiOf, callInfo, password, request, swaigBody, user } from "./fixtures/agentWire.js"
import { testEnv } from "./fixtures/testEnv.js"

const { agents, setEnv } = testEnv(() => setAllowedEnvPrefixes(["SIGNALWIRE_", "SWML_", "SW_"]))

describe("helpers", () => {
  it("createSimpleContext makes a standalone context named default", () => {
    const context = createSimpleContext()
    expect(context.name).toBe("default")
    context.addStep("greet", { task: "Greet the caller" })
    expect(createSimpleContext("billing").name).toBe("billing")
  })

  it("DataMap env expansion reads only allowed prefixes, globally or per map", () => {
    setEnv("SW_TEST_KEY", "k-42")
    setEnv("LIVEWIRE_TEST_SECRET", "s3cr3t")
    const map = () =>
      new DataMap("weather").purpose("Weather").webhook("GET", "https://api.example.com/?k=${ENV.SW_TEST_KEY}&s=${ENV.LIVEWIRE_TEST_SECRET}")
        .output(new FunctionResult("${response.temp}"))
    const urlOf = (fn: Record<string, unknown>) => (fn["data_map"] as any).webhooks[0].url as string
    expect(urlOf(map().toSwaigFunction())).toBe("https://api.example.com/?k=${ENV.SW_TEST_KEY}&s=${ENV.LIVEWIRE_TEST_SECRET}")
    expect(urlOf(map().enableEnvExpansion().toSwaigFunction())).toBe("https://api.example.com/?k=k-42&s=")
    expect(urlOf(map().enableEnvExpansion().setAllowedEnvPrefixes(["LIVEWIRE_"]).toSwaigFunction())).toBe("https://api.example.com/?k=&s=s3cr3t")
    expect(getAllowedEnvPrefixes()).toEqual(["SIGNALWIRE_", "SWML_", "SW_"])
    setAllowedEnvPrefixes([])
    expect(urlOf(map().enableEnvExpansion().toSwaigFunction())).toBe("https://api.example.com/?k=k-42&s=s3cr3t")
    const copy = getAllowedEnvPrefixes()
    copy.push("X_")
    expect(getAllowedEnvPrefixes()).toEqual([])
  })

  it("safeAssign copies own keys but never __proto__, constructor or prototype", () => {
    const target: Record<string, unknown> = { kept: 1 }
    const result = safeAssign(target, JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"x": 1}, "prototype": 2, "name": "Ada"}'))
    expect(result).toBe(target)
    expect(target).toEqual({ kept: 1, name: "Ada" })
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined()
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype)
  })

  it("isServerlessMode reads the environment", () => {
    for (const name of ["GATEWAY_INTERFACE", "AWS_LAMBDA_FUNCTION_NAME", "LAMBDA_TASK_ROOT", "FUNCTION_TARGET", "K_SERVICE", "GOOGLE_CLOUD_PROJECT", "AZURE_FUNCTIONS_ENVIRONMENT", "FUNCTIONS_WORKER_RUNTIME"]) setEnv(name, undefined)
    expect(isServerlessMode()).toBe(false)
    setEnv("AWS_LAMBDA_FUNCTION_NAME", "agent")
    expect(isServerlessMode()).toBe(true)
  })

  it("inferSchema reads names and default literals; classic handlers are left alone", () => {
    expect(inferSchema((city: string, days = 3, ratio = 0.5, metric = true, label = "x, y") => [city, days, ratio, metric, label])).toEqual({
      parameters: {
        city: { type: "string", description: "The city parameter" },
        days: { type: "integer", description: "The days parameter" },
        ratio: { type: "number", description: "The ratio parameter" },
        metric: { type: "boolean", description: "The metric parameter" },
        label: { type: "string", description: "The label parameter" }
      },
      required: ["city"],
      paramNames: ["city", "days", "ratio", "metric", "label"],
      hasRawData: false
    })
    expect(inferSchema((args: unknown, _raw: unknown) => args)).toBeNull()
    expect(inferSchema(({ city }: { city: string }) => city)).toBeNull()
    expect(inferSchema(() => 1)).toEqual({ parameters: {}, required: [], paramNames: [], hasRawData: false })
    expect(inferSchema((order: string, rawData: unknown) => [order, rawData])).toMatchObject({ paramNames: ["order"], hasRawData: true, required: ["order"] })
    expect(parseFunctionParams("async city => city")).toEqual([{ name: "city" }])
    expect(parseFunctionParams("function f(a, b = g(1, 2), c = [1, 2]) {}")).toEqual([{ name: "a" }, { name: "b", defaultValue: "g(1, 2)" }, { name: "c", defaultValue: "[1, 2]" }])
    expect(parseFunctionParams("method(x: string, y?: number) { return x }")).toEqual([{ name: "x" }, { name: "y" }])
    const wrapped = createTypedHandlerWrapper((city: string, days = 3, raw?: Record<string, unknown>) => `${city}:${days}:${String(raw?.["call_id"])}`, ["city", "days"], true)
    expect(wrapped({ city: "Paris" }, { call_id: "c-1" })).toBe("Paris:3:c-1")
  })

  it("defineTypedTool serves a tool whose schema was inferred, called over SWAIG", async () => {
    const agent = new AgentBase({ name: "typed", route: "/typed", host: "127.0.0.1", port: 0, basicAuth: [user, password] })
    agent.setPromptText("Forecasts")
    agent.defineTypedTool({ name: "forecast", description: "A forecast", secure: false, handler: (city: string, days = 3) => new FunctionResult(`${city} for ${days} days`) })
    agents.push(agent)
    await agent.serve()
    const origin = `http://127.0.0.1:${agent.port}`
    const fn = (aiOf((await request(`${origin}/typed`, { body: callInfo("c-typed") })).body).SWAIG.functions as Array<any>)[0]
    expect(fn.parameters).toEqual({
      type: "object",
      properties: { city: { type: "string", description: "The city parameter" }, days: { type: "integer", description: "The days parameter" } },
      required: ["city"]
    })
    expect((await request(`${origin}/typed/swaig`, { body: swaigBody("forecast", { city: "Oslo" }) })).body).toEqual({ response: "Oslo for 3 days" })
    expect((await request(`${origin}/typed/swaig`, { body: swaigBody("forecast", { city: "Oslo", days: 5 }) })).body).toEqual({ response: "Oslo for 5 days" })
  })

  it("SchemaUtils answers from the swml package's schema", () => {
    const schema = new SchemaUtils({ skipValidation: false })
    expect(schema.getVerbNames()).toHaveLength(43)
    expect(schema.hasVerb("ai")).toBe(true)
    expect(schema.hasVerb("dance")).toBe(false)
    expect(schema.getVerbRequiredProperties("request")).toEqual(["url", "method"])
    expect(Object.keys(schema.getVerbProperties("hangup"))).toEqual(["reason"])
    expect(schema.validateVerb("goto", {})).toEqual({ valid: false, errors: ["label: is missing"] })
    expect(schema.validateVerb("goto", { label: "top" })).toEqual({ valid: true, errors: [] })
    expect(schema.validate({ version: "1.0.0", sections: { main: [{ answer: {} }, { hangup: {} }] } })).toEqual({ valid: true, errors: [] })
    const bad = schema.validate(`{"sections":{"main":[{"play":{"url":"say:Hi","volume":99}}]}}`)
    expect(bad.valid).toBe(false)
    expect(bad.errors[0]).toMatch(/^sections\.main\[0\]\.play/)
    expect(schema.validate("{").valid).toBe(false)
    expect(schema.getCacheSize()).toBe(3)
    schema.clearCache()
    expect(schema.getCacheSize()).toBe(0)
    expect(new SchemaUtils({ skipValidation: true }).validate("{")).toEqual({ valid: true, errors: [] })
  })
})
