import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

// The docs a user of the packages has are in the repository: PROTOCOL.md (relay) and
// DIFFERENCES.md (sdk). References to documents outside it, or to sections that do not exist,
// must not come back.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..")
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8")

const walk = (dir: string): Array<string> => {
  const full = path.join(root, dir)
  if (!fs.existsSync(full)) return []
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "build" ? [] : walk(rel)
    return /\.(ts|md)$/.test(entry.name) ? [rel] : []
  })
}

const packages = ["relay", "relay-node", "sdk", "config", "sandbox", "rest", "swml", "agents"]
const files = [
  ...packages.flatMap((name) => [
    ...walk(`packages/${name}/src`),
    ...walk(`packages/${name}/test`),
    ...fs.readdirSync(path.join(root, "packages", name)).filter((f) => f.endsWith(".md")).map((f) => `packages/${name}/${f}`)
  ]),
  ...walk("examples"),
  "README.md"
]

// Spelled in pieces so that this file does not match itself.
const forbidden = [
  ["relay-", "protocol.md"],
  ["relay-", "surface.md"],
  ["rest-", "surface.md"],
  ["agents-", "surface.md"],
  ["P", "§"],
  ["S", "§"]
].map((parts) => parts.join(""))

const headings = (text: string, pattern: RegExp) =>
  new Set(text.split("\n").flatMap((line) => {
    const match = pattern.exec(line)
    return match === null ? [] : [match[1]]
  }))

const protocolSections = headings(read("packages/relay/PROTOCOL.md"), /^#{2,4} (\d+(?:\.\d+)*)\.? /)
const differences = headings(read("packages/sdk/DIFFERENCES.md"), /^###? #(\d+) /)

describe("docs", () => {
  it("scans the packages' sources, tests and READMEs", () => {
    expect(files.length).toBeGreaterThan(50)
    expect(files).toContain("packages/relay/PROTOCOL.md")
    expect(files).toContain("packages/sdk/DIFFERENCES.md")
    expect(protocolSections.has("16.4")).toBe(true)
    expect(differences.has("15")).toBe(true)
  })

  it("no reference to documents outside the repository", () => {
    const hits = files.flatMap((file) =>
      read(file).split("\n").flatMap((line, i) =>
        forbidden.some((word) => line.includes(word)) ? [`${file}:${i + 1}: ${line.trim()}`] : []
      )
    )
    expect(hits).toEqual([])
  })

  it("every PROTOCOL.md §n referenced is a section of PROTOCOL.md", () => {
    const missing = files.flatMap((file) => {
      const text = read(file)
      // "PROTOCOL.md §5.1", "PROTOCOL.md §8.1–§8.2", "PROTOCOL.md §1, §3.1", "PROTOCOL.md §2.2 and §7.3";
      // inside PROTOCOL.md itself, every "§n".
      const runs = file === "packages/relay/PROTOCOL.md"
        ? [text]
        : Array.from(text.matchAll(/PROTOCOL\.md((?:(?:,|and|–|-|\s)*§\d+(?:\.\d+)*)+)/g), (m) => m[1])
      return runs.flatMap((run) =>
        Array.from(run.matchAll(/§(\d+(?:\.\d+)*)/g), (m) => m[1]).filter((n) => !protocolSections.has(n)).map((n) =>
          `${file}: §${n}`
        )
      )
    })
    expect(missing).toEqual([])
  })

  it("every DIFFERENCES.md #n referenced is an entry of DIFFERENCES.md", () => {
    const missing = files.flatMap((file) =>
      Array.from(read(file).matchAll(/DIFFERENCES\.md #(\d+)(?: … #(\d+))?/g)).flatMap((m) =>
        [m[1], m[2]].filter((n): n is string => n !== undefined && !differences.has(n)).map((n) => `${file}: #${n}`)
      )
    )
    expect(missing).toEqual([])
  })
})
