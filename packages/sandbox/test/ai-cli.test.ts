import { describe, expect, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import * as path from "node:path"
import * as Effect from "effect/Effect"

const bin = path.join(__dirname, "..", "bin", "agent-test.ts")
const fixture = (name: string) => path.join(__dirname, "fixtures", name)

/** Run `signalwire-agent-test` as a child process; its exit code and output. */
const cli = (...args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const child = spawn(process.execPath, ["--conditions=@signalwire-effect/source", "--import", "tsx", bin, ...args], {
      cwd: path.join(__dirname, ".."),
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => void (stdout += String(chunk)))
    child.stderr.on("data", (chunk) => void (stderr += String(chunk)))
    const code = yield* Effect.promise(() => new Promise<number | null>((resolve) => child.once("exit", resolve))).pipe(
      Effect.timeout("150 seconds")
    )
    return { code, stdout, stderr }
  })

describe("signalwire-agent-test", () => {
  it.live("lists the tools of an agent file (its layer provided)", () =>
    Effect.gen(function*() {
      const { code, stdout } = yield* cli(fixture("cliAgent.ts"), "--list-tools", "--json")
      expect(code).toBe(0)
      const tools = JSON.parse(stdout) as Array<{ name: string; kind: string; webhook?: string }>
      expect(tools.map((t) => [t.name, t.kind])).toEqual([["greet", "webhook"], ["check_time", "native"]])
      expect(tools[0]!.webhook).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cli\/swaig\?__token=\*\*\*$/)
    }), 300_000)

  it.live("renders the SWML for the given call info", () =>
    Effect.gen(function*() {
      const { code, stdout } = yield* cli(fixture("cliAgent.ts"), "--dump-swml", "--call-id", "cli-call-1")
      expect(code).toBe(0)
      const doc = JSON.parse(stdout) as { sections: { main: Array<Record<string, unknown>> } }
      expect(doc.sections.main.map((i) => Object.keys(i)[0])).toEqual(["answer", "ai"])
    }), 300_000)

  it.live("calls one tool with arguments (JSON values parsed)", () =>
    Effect.gen(function*() {
      const { code, stdout } = yield* cli(fixture("cliAgent.ts"), "--exec", "greet", "--arg", "name=Bob", "--arg", "times=2")
      expect(code).toBe(0)
      expect(stdout).toContain("-> greet({\"name\":\"Bob\",\"times\":2})")
      expect(stdout).toContain("ai (response): Say: Hello, Bob! Hello, Bob!")
      expect(stdout.trim().split("\n").at(-1)).toBe("PASSED (call ended: caller)")
    }), 300_000)

  it.live("runs a script: exit 0 when its assertions hold, 1 when not, 2 for a bad script", () =>
    Effect.gen(function*() {
      const [pass, yaml, fail, bad] = yield* Effect.all([
        cli(fixture("cliAgent.ts"), "--script", fixture("script-pass.json")),
        cli(fixture("cliAgent.ts"), "--script", fixture("script-pass.yaml")),
        cli(fixture("cliAgent.ts"), "--script", fixture("script-fail.json"), "--json"),
        cli(fixture("cliAgent.ts"), "--script", fixture("cliAgent.ts"))
      ], { concurrency: 2 })
      expect(pass.code).toBe(0)
      expect(pass.stdout).toContain("ok turn 2: said ~ /hello, ada/i")
      expect(yaml.code).toBe(0)
      expect(yaml.stdout).toContain("ok turn 2: said ~ /hello, ada/i")
      expect(fail.code).toBe(1)
      const result = JSON.parse(fail.stdout) as { passed: boolean; failures: Array<{ _tag: string; expected?: string }> }
      expect(result.passed).toBe(false)
      expect(result.failures).toMatchObject([{ _tag: "AssertionResult", expected: "\"Goodbye\"" }])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain("is not an AiScript")
    }), 300_000)

  it.live("an unreachable URL exits 1", () =>
    Effect.gen(function*() {
      const { code, stderr } = yield* cli("http://127.0.0.1:1/agent", "--list-tools")
      expect(code).toBe(1)
      expect(stderr).toContain("SWML fetch failed")
    }), 300_000)
})
