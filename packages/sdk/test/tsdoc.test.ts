/**
 * Every ```ts block of every TSDoc comment in packages/<name>/src type-checks against the packages
 * as they are: each example becomes its own module under scratchpad/.snippets-tsdoc (inside the
 * repository, so that the workspace's node_modules resolve; ignored by git) and all of them are
 * checked in one tsc program.
 *
 * The examples that did not compile when this check was added are listed in
 * tsdoc-known-failures.json (by package file and a hash of the example's text): the list may only
 * shrink. A new example that fails, or a listed example that now compiles or no longer exists,
 * fails this test.
 */
import { spawn } from "node:child_process"
import { createHash } from "node:crypto"
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

const root = path.join(__dirname, "..", "..", "..")

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

const key = (e: { readonly file: string; readonly hash: string }) => `${e.file}#${e.hash}`

describe("TSDoc examples", () => {
  it("every ```ts block of every TSDoc comment type-checks (known failures may only go away)", async () => {
    const packages = readdirSync(path.join(root, "packages")).filter((p) => {
      try {
        return readdirSync(path.join(root, "packages", p, "src")).length > 0
      } catch {
        return false
      }
    })
    const all = packages.flatMap((p) => sources(path.join("packages", p, "src"))).flatMap(examples)
    const dir = path.join(root, "scratchpad", ".snippets-tsdoc")
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const byName = new Map<string, Example>()
    for (const example of all) {
      const name = `${example.file.replace(/^packages\//, "").replace(/[/.]/g, "_")}_${example.hash}.ts`
      writeFileSync(path.join(dir, name), `// ${example.file}:${example.line}\n${example.code}`)
      byName.set(name, example)
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
        files: [...byName.keys()]
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
    for (const line of output.split("\n")) {
      const match = /^scratchpad\/\.snippets-tsdoc\/([^(]+)\(\d+,\d+\): (error .*)$/.exec(line)
      if (match === null) continue
      errors.set(match[1]!, [...(errors.get(match[1]!) ?? []), match[2]!])
    }
    // Anything tsc printed that is not an error in an example (a broken config, a crash) fails too.
    const unexplained = output.split("\n").filter((line) =>
      line.trim() !== "" && !/^scratchpad\/\.snippets-tsdoc\/[^(]+\(\d+,\d+\): error /.test(line) && !line.startsWith(" ")
    )
    expect(unexplained, "tsc output that is not an error in an example").toEqual([])

    const known = new Set(
      (JSON.parse(readFileSync(path.join(__dirname, "tsdoc-known-failures.json"), "utf8")) as ReadonlyArray<
        { readonly file: string; readonly hash: string }
      >).map(key)
    )
    const failing = [...errors.keys()].map((name) => byName.get(name)!)
    const newFailures = failing.filter((e) => !known.has(key(e)))
      .map((e) => `${e.file}:${e.line} (scratchpad/.snippets-tsdoc): ${errors.get(`${e.file.replace(/^packages\//, "").replace(/[/.]/g, "_")}_${e.hash}.ts`)!.join("; ")}`)
    const failingKeys = new Set(failing.map(key))
    const gone = [...known].filter((k) => !failingKeys.has(k))

    expect(all.length).toBeGreaterThan(400)
    expect(newFailures, "TSDoc examples that do not type-check").toEqual([])
    expect(gone, "entries of test/tsdoc-known-failures.json that now compile or no longer exist: remove them").toEqual([])
  }, 300_000)
})
