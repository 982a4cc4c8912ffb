/**
 * Every TypeScript block of every README type-checks against the packages as they are, and the
 * root README's sandbox snippet is the test that runs in packages/sandbox/test/readme.test.ts.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

const root = path.join(__dirname, "..", "..", "..")
const readmes = ["README.md", ...readdirSync(path.join(root, "packages")).map((p) => path.join("packages", p, "README.md"))]
  .filter((file) => {
    try {
      readFileSync(path.join(root, file))
      return true
    } catch {
      return false
    }
  })

const blocks = (file: string): ReadonlyArray<string> =>
  Array.from(readFileSync(path.join(root, file), "utf8").matchAll(/```ts\n([\s\S]*?)```/g), (m) => m[1]!)

describe("README snippets", () => {
  it("the root README shows the sandbox test that runs in packages/sandbox", () => {
    const test = readFileSync(path.join(root, "packages", "sandbox", "test", "readme.test.ts"), "utf8")
    const shown = test.slice(test.indexOf("// README:begin\n") + 16, test.indexOf("// README:end"))
    expect(blocks("README.md")).toContain(shown)
  })

  it("every ```ts block of every README type-checks", () => {
    // Inside the repository, so that the workspace's node_modules resolve; ignored by git.
    const dir = path.join(root, "scratchpad", ".snippets")
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const files: Array<string> = []
    for (const readme of readmes) {
      blocks(readme).forEach((code, i) => {
        const name = `${readme.replace(/[/.]/g, "_")}_${i}.ts`
        writeFileSync(path.join(dir, name), code)
        files.push(name)
      })
    }
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.base.json",
        compilerOptions: {
          noEmit: true,
          composite: false,
          incremental: false,
          declaration: false,
          declarationMap: false,
          noUnusedLocals: false,
          types: ["node"],
          plugins: []
        },
        files
      })
    )
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" })
    expect(files.length).toBeGreaterThan(8)
    expect(result.stdout + result.stderr, `snippets in ${dir}`).toBe("")
    expect(result.status).toBe(0)
  }, 120_000)
})
