import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { AgentBase, SkillRegistry } from "../../src/index.js"
import { base, fieldsOf, withConfig } from "../fixtures/knowledge.js"

const documents = [{ id: "a.md", text: "The office opens at nine." }]

describe("knowledge skills in the registry", () => {
  it.effect("listed as built-ins with their parameters (required fields, multi-instance); added by name", () =>
    Effect.gen(function*() {
      const listed = yield* SkillRegistry.listWithParams
      const info = (name: string) => {
        const found = listed.find((s) => s.name === name)!
        const parameters = found.parameters as { required: Array<string>; properties: Record<string, unknown> }
        return { builtin: found.builtin, multi: found.multipleInstances, required: parameters.required, keys: Object.keys(parameters.properties) }
      }
      expect(info("claude_skills")).toMatchObject({ builtin: true, multi: true, required: ["skills_path"] })
      expect(info("mcp_gateway")).toMatchObject({ builtin: true, multi: false, required: ["gateway_url"] })
      expect(info("google_maps")).toMatchObject({ builtin: true, multi: false, required: [] })
      expect(info("datasphere")).toMatchObject({ builtin: true, multi: true, required: ["document_id"] })
      expect(info("datasphere_serverless")).toMatchObject({ builtin: true, multi: true, required: ["document_id"] })
      expect(info("native_vector_search")).toMatchObject({ builtin: true, multi: true, required: [] })
      expect(info("mcp_gateway").keys).toEqual(expect.arrayContaining(["auth_token", "auth_user", "auth_password", "services", "retry_attempts"]))
      expect(info("google_maps").keys).toEqual(expect.arrayContaining(["api_key", "lookup_tool_name", "route_by_coords_tool_name", "default_mode"]))

      const agent = yield* SkillRegistry.addByName(base(), "native_vector_search", { tool_name: "search_docs", documents })
      expect(AgentBase.skillsOf(agent)).toEqual(["native_vector_search_search_docs"])
      const serverless = yield* SkillRegistry.addByName(agent, "datasphere_serverless", { document_id: "d1", space_name: "acme" }).pipe(
        withConfig({ SIGNALWIRE_PROJECT_ID: "p", SIGNALWIRE_API_TOKEN: "t" })
      )
      expect(AgentBase.skillsOf(serverless)).toEqual(["native_vector_search_search_docs", "datasphere_serverless"])
      const bad = yield* Effect.flip(SkillRegistry.addByName(agent, "google_maps", { default_mode: "flying", api_key: "k" }))
      expect(fieldsOf(bad)).toMatchObject({ reason: "invalid-params", skill: "google_maps" })
      expect(bad.message).toContain("default_mode")
      expect(bad.message).not.toContain("flying")
    }).pipe(Effect.provide(SkillRegistry.layer)))
})
