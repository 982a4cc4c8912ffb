import { describe, expect, it } from "@effect/vitest"
import { AgentBase } from "@signalwire-effect/agents"
import { Ai, DataMap, FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"
import { stub } from "./fixtures/stub.js"

describe("tools the platform runs itself", () => {
  it.scoped("DataMap tools against a loopback webhook (templates, error_keys, foreach, expressions) and native functions", () =>
    Effect.gen(function*() {
      const api = yield* stub((request) => {
        if (request.url.startsWith("/now")) return { json: { temp: 21, city: new URL(request.url, "http://x").searchParams.get("city") } }
        if (request.url.startsWith("/broken")) return { json: { error: "quota exceeded" } }
        if (request.url.startsWith("/list")) return { json: { items: [{ name: "Ada" }, { name: "Grace" }, { name: "Linus" }] } }
        return { status: 404, json: {} }
      })
      const weather = Either.getOrThrow(DataMap.toDefinition(DataMap.simpleApiTool({
        name: "remote_weather",
        description: "Weather from a web service",
        url: `${api.origin}/now?city=\${enc:args.city}`,
        responseTemplate: "It is ${response.temp} degrees in ${args.city}",
        parameters: { city: { type: "string", description: "City", required: true } }
      })))
      const fallback = Either.getOrThrow(DataMap.toDefinition(DataMap.make("fallback_weather", { description: "Weather, two sources" }).pipe(
        DataMap.parameter("city", { type: "string", description: "City" }),
        DataMap.webhook({ url: `${api.origin}/broken`, errorKeys: ["error"], output: FunctionResult.make("never") }),
        DataMap.webhook({ url: `${api.origin}/now?city=\${lc:args.city}`, output: FunctionResult.make("Second source: ${response.city}").pipe(FunctionResult.updateGlobalData({ source: "second" })) })
      )))
      const names = Either.getOrThrow(DataMap.toDefinition(DataMap.make("list_names", { description: "Names" }).pipe(
        DataMap.webhook({
          url: `${api.origin}/list`,
          foreach: { input_key: "items", output_key: "names", append: "${this.name};", max: 2 },
          output: FunctionResult.make("Names: ${names}")
        })
      )))
      const yesNo = Either.getOrThrow(DataMap.toDefinition(DataMap.expressionTool({
        name: "yes_no",
        parameters: { answer: { type: "string", description: "yes or no" } },
        patterns: [{ string: "${args.answer}", pattern: "^y", output: FunctionResult.make("Confirmed").pipe(FunctionResult.say("Great")) }]
      })))
      const agent = AgentBase.make({ name: "maps", route: "/maps", prompt: "You answer with data maps." }).pipe(
        AgentBase.withAi((ai) => [weather, fallback, names, yesNo].reduce((a, d) => Ai.addFunction(a, d), ai)),
        AgentBase.withAi(Ai.addNativeFunctions(["check_time", "wait_for_user"])),
        AgentBase.withAi(Ai.withParams({ local_tz: "Europe/Paris", static_greeting: "Hello from maps" }))
      )
      const served = yield* AgentTest.serve([agent])
      const result = yield* AgentTest.runCall({
        swmlUrl: served.url("/maps"),
        script: AiScript.make([
          AiScript.expectSaid("Hello from maps"),
          AiScript.says("Weather in São Paulo?"),
          AiScript.callsTool("remote_weather", { city: "São Paulo" }),
          AiScript.expectSaid("It is 21 degrees in São Paulo"),
          AiScript.callsTool("fallback_weather", { city: "OSLO" }),
          AiScript.expectSaid("Second source: oslo"),
          AiScript.callsTool("list_names"),
          AiScript.expectSaid("Names: Ada;Grace;"),
          AiScript.callsToolMatching("yes", { answer: "yes please" }),
          AiScript.expectSaid(/Confirmed/),
          AiScript.says("What time is it?"),
          AiScript.callsTool("check_time"),
          AiScript.expectSaid(/The time is .*(GMT|CET|CEST)/),
          AiScript.callsTool("wait_for_user")
        ])
      })
      expect(result.failures).toEqual([])
      const runs = result.entries.flatMap((e) => e._tag === "DataMapRun" ? [[e.function, e.answeredBy, e.webhooks.map((w) => w.status)]] : [])
      expect(runs).toEqual([
        ["remote_weather", "webhook", [200]],
        ["fallback_weather", "webhook", [200, 200]],
        ["list_names", "webhook", [200]],
        ["yes_no", "expression", []]
      ])
      // The URL template was expanded with `enc:` (and the sandbox, not the agent, fetched it).
      expect(api.received.map((r) => r.url)).toEqual(["/now?city=S%C3%A3o%20Paulo", "/broken", "/now?city=oslo", "/list"])
      expect(result.entries.some((e) => e._tag === "GlobalDataChanged" && e.globalData["source"] === "second")).toBe(true)
      expect(result.entries.some((e) => e._tag === "SwaigRequest")).toBe(false)
      expect(result.entries.filter((e) => e._tag === "NativeCalled").map((e) => e._tag === "NativeCalled" && e.function)).toEqual(["check_time", "wait_for_user"])
    }))
})
