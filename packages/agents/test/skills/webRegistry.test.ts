/** The outbound skills in the registry: listed with their parameters as JSON Schema, added by name. */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgentBase, SkillRegistry } from "../../src/index.js"
import { agent, configOf } from "../fixtures/outbound.js"

const outbound = ["weather_api", "api_ninjas_trivia", "wikipedia_search", "web_search", "spider", "ask_claude"]

describe("the outbound skills in the registry", () => {
  it.effect("listed with their parameters and multi-instance rules; api keys are strings in the schema", () =>
    Effect.gen(function*() {
      const listed = (yield* SkillRegistry.listWithParams).filter((s) => outbound.includes(s.name))
      expect(listed.map((s) => [s.name, s.multipleInstances, s.builtin])).toEqual([
        ["weather_api", false, true],
        ["api_ninjas_trivia", true, true],
        ["wikipedia_search", false, true],
        ["web_search", true, true],
        ["spider", true, true],
        ["ask_claude", false, true]
      ])
      const props = (name: string) =>
        (listed.find((s) => s.name === name)!.parameters as { properties: Record<string, { type?: string }> }).properties
      expect(props("weather_api")["api_key"]!.type).toBe("string")
      expect(Object.keys(props("weather_api")).sort()).toEqual(
        ["api_key", "skip_prompt", "swaig_fields", "timeout", "tool_name", "units"]
      )
      expect(Object.keys(props("spider")).sort()).toEqual([
        "cache_enabled", "clean_text", "concurrent_requests", "delay", "extract_type", "follow_patterns",
        "follow_robots_txt", "headers", "max_depth", "max_pages", "max_text_length", "selectors", "skip_prompt",
        "swaig_fields", "timeout", "tool_name", "user_agent"
      ])
      expect(Object.keys(props("web_search"))).toEqual(expect.arrayContaining([
        "api_key", "search_engine_id", "num_results", "delay", "max_content_length", "oversample_factor",
        "min_quality_score", "no_results_message", "safe_search", "tool_name"
      ]))
    }).pipe(Effect.provide(SkillRegistry.layer)))

  it.effect("added by name: parameters decoded (bad ones name the field, never the value); two trivia instances", () =>
    Effect.gen(function*() {
      const bad = yield* Effect.flip(SkillRegistry.addByName(agent(), "weather_api", { units: "kelvin", api_key: "leak-me" }))
      expect(bad.message).toContain("units")
      expect(bad.message).not.toContain("leak-me")
      const one = yield* SkillRegistry.addByName(agent(), "api_ninjas_trivia", { tool_name: "music" })
      const two = yield* SkillRegistry.addByName(one, "api_ninjas_trivia", { tool_name: "maths", categories: ["mathematics"] })
      expect(AgentBase.skillsOf(two)).toEqual(["api_ninjas_trivia_music", "api_ninjas_trivia_maths"])
      expect(AgentBase.toolNames(two)).toEqual(["music", "maths"])
      const single = yield* SkillRegistry.addByName(agent(), "weather_api")
      const twice = yield* Effect.flip(SkillRegistry.addByName(single, "weather_api"))
      expect(twice.message).toContain("weather_api")
    }).pipe(Effect.provide(SkillRegistry.layer), Effect.withConfigProvider(configOf({ API_NINJAS_KEY: "k", WEATHER_API_KEY: "w" }))))
})
