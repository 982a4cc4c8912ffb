import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { DataMap, FunctionResult } from "@signalwire-effect/swml"

const env = ConfigProvider.fromMap(new Map([
  ["SW_WEATHER_KEY", "k-1"],
  ["SIGNALWIRE_SPACE", "acme.signalwire.com"],
  ["HOME", "/root"],
  ["AWS_SECRET", "s3cr3t"]
]))

describe("DataMap.expandEnv", () => {
  it.effect("replaces allowed ${ENV.NAME} references everywhere in a definition; others become empty", () =>
    Effect.gen(function*() {
      const tool = DataMap.simpleApiTool({
        name: "weather",
        url: "https://${ENV.SIGNALWIRE_SPACE}/w?key=${ENV.SW_WEATHER_KEY}&h=${ENV.HOME}",
        headers: { "x-secret": "${ENV.AWS_SECRET}", "x-unset": "${ENV.SW_UNSET}" },
        responseTemplate: "Weather (${ENV.SW_WEATHER_KEY}): ${response.temp}"
      })
      const definition = Either.getOrThrow(DataMap.toDefinition(tool))
      const expanded = yield* DataMap.expandEnv(definition).pipe(Effect.withConfigProvider(env))
      const hook = expanded.data_map!.webhooks![0]!
      expect(hook.url).toBe("https://acme.signalwire.com/w?key=k-1&h=")
      expect(hook.headers).toEqual({ "x-secret": "", "x-unset": "" })
      expect(hook.output).toEqual(FunctionResult.toJson(FunctionResult.make("Weather (k-1): ${response.temp}")))
      // Other templates are left for the platform.
      expect(JSON.stringify(expanded)).toContain("${response.temp}")
    }))

  it.effect("takes its own allow-list; an empty list allows every name", () =>
    Effect.gen(function*() {
      const value = { a: "${ENV.HOME}", b: ["${ENV.AWS_SECRET}", 3, null], c: "${ENV.SW_WEATHER_KEY}" }
      expect(yield* DataMap.expandEnv(value, { allowedPrefixes: ["HOME"] }).pipe(Effect.withConfigProvider(env))).toEqual({ a: "/root", b: ["", 3, null], c: "" })
      expect(yield* DataMap.expandEnv(value, { allowedPrefixes: [] }).pipe(Effect.withConfigProvider(env))).toEqual({ a: "/root", b: ["s3cr3t", 3, null], c: "k-1" })
      expect(DataMap.defaultEnvPrefixes).toEqual(["SIGNALWIRE_", "SWML_", "SW_"])
    }))
})
