/**
 * Every TypeScript block of every README, and every ```ts block of every TSDoc comment in
 * packages/<name>/src, type-checks against the packages as they are (each block its own module
 * under scratchpad/.snippets, all of them in one tsc program); the root README's sandbox snippet is
 * the test that runs in packages/sandbox/test/readme.test.ts. No example may fail: a TSDoc example
 * declares or builds whatever it uses (`declare const agent: AgentBase.AgentBase<never>`) and puts
 * `yield*` inside `Effect.gen`.
 */
import { spawn } from "node:child_process"
import { createHash } from "node:crypto"
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

interface Example {
  /** The source file, from the repository's root. */
  readonly file: string
  readonly line: number
  readonly hash: string
  readonly code: string
}

const sources = (dir: string): ReadonlyArray<string> =>
  readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(path.join(dir, entry.name))
      : entry.name.endsWith(".ts")
      ? [path.join(dir, entry.name)]
      : []
  )

const examples = (file: string): ReadonlyArray<Example> => {
  const text = readFileSync(path.join(root, file), "utf8")
  return Array.from(text.matchAll(/\/\*\*([\s\S]*?)\*\//g)).flatMap((comment) => {
    const body = comment[1]!.split("\n").map((line) => line.replace(/^\s*\* ?/, "")).join("\n")
    const line = text.slice(0, comment.index).split("\n").length
    return Array.from(body.matchAll(/```ts\n([\s\S]*?)```/g), (m) => ({
      file,
      line,
      code: m[1]!,
      hash: createHash("sha256").update(m[1]!).digest("hex").slice(0, 16)
    }))
  })
}

describe("README snippets", () => {
  it("the root README shows the sandbox test that runs in packages/sandbox", () => {
    const test = readFileSync(path.join(root, "packages", "sandbox", "test", "readme.test.ts"), "utf8")
    const shown = test.slice(test.indexOf("// README:begin\n") + 16, test.indexOf("// README:end"))
    expect(blocks("README.md")).toContain(shown)
  })

  it("every ```ts block of every README and of every TSDoc comment type-checks", async () => {
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
    const packages = readdirSync(path.join(root, "packages")).filter((p) => {
      try {
        return readdirSync(path.join(root, "packages", p, "src")).length > 0
      } catch {
        return false
      }
    })
    const all = packages.flatMap((p) => sources(path.join("packages", p, "src"))).flatMap(examples)
    const tsdoc = new Map<string, Example>()
    for (const example of all) {
      const name = `tsdoc_${example.file.replace(/^packages\//, "").replace(/[/.]/g, "_")}_${example.hash}.ts`
      writeFileSync(path.join(dir, name), `// ${example.file}:${example.line}\n${example.code}`)
      tsdoc.set(name, example)
      files.push(name)
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
    // Not spawnSync: a long synchronous wait would starve vitest's worker of its event loop.
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], { cwd: root })
      let text = ""
      child.stdout.on("data", (chunk) => (text += String(chunk)))
      child.stderr.on("data", (chunk) => (text += String(chunk)))
      child.once("error", reject)
      child.once("exit", () => resolve(text))
    })
    const errors = new Map<string, Array<string>>()
    const other: Array<string> = []
    for (const line of output.split("\n")) {
      const match = /^scratchpad\/\.snippets\/([^(]+)\(\d+,\d+\): (error .*)$/.exec(line)
      if (match !== null) errors.set(match[1]!, [...(errors.get(match[1]!) ?? []), match[2]!])
      else if (line.trim() !== "" && !line.startsWith(" ")) other.push(line)
    }
    expect(files.length).toBeGreaterThan(400)
    // A README block, or anything tsc printed that is not an error in a TSDoc example (a broken config, a crash).
    const readmeErrors = [...errors].filter(([name]) => !tsdoc.has(name)).map(([name, e]) => `${name}: ${e.join("; ")}`)
    expect([...readmeErrors, ...other], `snippets in ${dir}`).toEqual([])

    const failing = [...errors].flatMap(([name, e]) => {
      const example = tsdoc.get(name)
      return example === undefined ? [] : [`${example.file}:${example.line}: ${e.join("; ")}`]
    })
    expect(failing, "TSDoc examples that do not type-check (their copies are in scratchpad/.snippets)").toEqual([])
  }, 300_000)
})
