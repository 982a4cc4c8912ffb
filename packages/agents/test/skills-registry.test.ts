import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { readFileSync } from "node:fs"
import * as path from "node:path"
import { AgentBase, SkillRegistry } from "../src/index.js"

const readme = readFileSync(path.join(__dirname, "..", "README.md"), "utf8")
const skillsDir = path.join(__dirname, "fixtures", "skill-modules")

const withConfig = (entries: ReadonlyArray<readonly [string, string]>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(entries)))

const fieldsOf = (e: unknown) => {
  const { _tag, message, reason } = e as { _tag: string; message: string; reason?: string }
  return { _tag, message, reason }
}

describe("skills: the registry's list and discovery", () => {
  it.effect("the README's skills table is the registry's list (names, instances)", () =>
    Effect.gen(function*() {
      const table = readme.slice(readme.indexOf("<!-- skills:begin -->"), readme.indexOf("<!-- skills:end -->"))
      const rows = Array.from(table.matchAll(/^\| `([a-z_]+)` \| (one|many)[^|]*\|/gm), (m) => [m[1], m[2] === "many"] as const)
      const listed = (yield* SkillRegistry.list).filter((s) => s.builtin).map((s) => [s.name, s.multipleInstances] as const)
      expect(rows.length).toBeGreaterThan(0)
      expect(rows).toEqual(listed)
    }).pipe(Effect.provide(SkillRegistry.layer)))

  it.effect("directory discovery: off unless SWML_SKILL_DISCOVERY_ENABLED=true; on, the modules' skills are registered", () =>
    Effect.gen(function*() {
      const off = yield* Effect.flip(SkillRegistry.addDirectory(skillsDir)).pipe(withConfig([]))
      expect(fieldsOf(off)).toEqual({
        _tag: "SkillError",
        reason: "discovery-disabled",
        message: "skill directory discovery is off (set SWML_SKILL_DISCOVERY_ENABLED=true)"
      })
      const added = yield* SkillRegistry.addDirectory(skillsDir).pipe(withConfig([["SWML_SKILL_DISCOVERY_ENABLED", "true"]]))
      expect(added).toEqual(["echo"])
      const agent = yield* SkillRegistry.addByName(AgentBase.make({ name: "a", route: "/a", prompt: "p" }), "echo", { prefix: "> " })
      expect(AgentBase.toolNames(agent)).toEqual(["echo"])
      const missing = yield* Effect.flip(SkillRegistry.addDirectory(path.join(skillsDir, "nope"))).pipe(
        withConfig([["SWML_SKILL_DISCOVERY_ENABLED", "true"]])
      )
      expect(fieldsOf(missing).reason).toBe("load")
    }).pipe(Effect.provide(Layer.merge(SkillRegistry.layer, NodeContext.layer))))

  it.effect("layerFromEnvironment loads SIGNALWIRE_SKILL_PATHS only when discovery is enabled", () =>
    Effect.gen(function*() {
      const names = (entries: ReadonlyArray<readonly [string, string]>) =>
        Effect.map(SkillRegistry.list, (list) => list.map((s) => s.name)).pipe(
          Effect.provide(SkillRegistry.layerFromEnvironment),
          withConfig(entries)
        )
      expect(yield* names([["SIGNALWIRE_SKILL_PATHS", skillsDir]])).not.toContain("echo")
      expect(yield* names([["SIGNALWIRE_SKILL_PATHS", skillsDir], ["SWML_SKILL_DISCOVERY_ENABLED", "true"]])).toContain("echo")
    }).pipe(Effect.provide(NodeContext.layer)))
})
