/**
 * `@signalwire-effect/sdk/relay`, the RELAY-only entry: it exports what the root entry exports for
 * RELAY (the same objects), and nothing it loads, transitively, reaches the REST client, the
 * agents, SWML, skills, prefabs or LiveWire (read from the sources' import statements, so a new
 * import that drags them in fails here).
 */
import { readFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import * as Root from "@signalwire-effect/sdk"
import * as Relay from "@signalwire-effect/sdk/relay"

const src = path.join(__dirname, "..", "src")

const importsOf = (file: string): ReadonlyArray<string> =>
  Array.from(
    readFileSync(file, "utf8").matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"/gm),
    (match) => match[1]!
  )

/** Every module specifier reachable from `entry` through the package's own relative imports. */
const reachable = (entry: string): { readonly files: ReadonlySet<string>; readonly packages: ReadonlySet<string> } => {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")))
      else packages.add(specifier)
    }
  }
  visit(path.join(src, entry))
  return { files, packages }
}

describe("the RELAY-only entry", () => {
  it("exports the root's RELAY names, as the same objects", () => {
    for (const name of ["RelayClient", "Call", "Message", "RelayError", "PlayAction", "CallStateEvent", "parseEvent", "createDeferred", "CALL_STATE_ENDED"]) {
      expect(Object.keys(Relay)).toContain(name)
    }
    for (const [name, value] of Object.entries(Relay)) expect((Root as Record<string, unknown>)[name]).toBe(value)
    for (const name of ["RestClient", "AgentBase", "SwmlBuilder", "FunctionResult", "SkillBase"]) {
      expect(Object.keys(Relay)).not.toContain(name)
      expect(Object.keys(Root)).toContain(name)
    }
  })

  it("loads neither REST, agents, SWML, skills, prefabs nor LiveWire", () => {
    const relay = reachable("relay.ts")
    const root = reachable("index.ts")
    const foreign = /^@signalwire-effect\/(agents|rest|swml)(\/|$)|^@effect\/platform\/Http/
    expect(Array.from(relay.packages).filter((name) => foreign.test(name))).toEqual([])
    const own = Array.from(relay.files, (file) => path.relative(src, file))
    expect(own.filter((file) => /^(Rest|Agent|SWML|Swml|Skill|livewire|FunctionResult|DataMap)|Agent\.ts$|^internal\/(rest|agent|prefab|serving|tools|livewire)/.test(file))).toEqual([])
    expect(own).toContain("RelayClient.ts")
    // The check itself sees what the root entry drags in.
    expect(Array.from(root.packages).filter((name) => foreign.test(name)).length).toBeGreaterThan(0)
  })
})
