import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

const root = path.join(__dirname, "..", "..", "..")

/** The program of issue 6, from SignalWire's documentation. */
const PROGRAM = `const client = new RelayClient({
  project: process.env.SIGNALWIRE_PROJECT_ID!,
  token: process.env.SIGNALWIRE_API_TOKEN!,
  contexts: ['default']
});
await client.connect();
const message = await client.sendMessage({ toNumber: '+15559876543', fromNumber: '+15551234567', body: 'Hello!' });
await message.wait();
await client.disconnect();
`

describe.concurrent("examples", () => {
  it("send-sms.ts is SignalWire's program unchanged but for the import line", () => {
    expect(readFileSync(path.join(root, "examples", "send-sms.ts"), "utf8")).toBe(
      `import { RelayClient } from "@signalwire-effect/sdk"\n\n${PROGRAM}`
    )
  })

  it("npm run example -- send-sms runs it against the standalone sandbox and exits 0", async () => {
    const child = spawn(process.execPath, ["--conditions=@signalwire-effect/source", "--import", "tsx", path.join("examples", "run.ts"), "send-sms"], {
      cwd: root,
      env: { ...process.env, SIGNALWIRE_LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let output = ""
    child.stdout.on("data", (chunk) => void (output += String(chunk)))
    child.stderr.on("data", (chunk) => void (output += String(chunk)))
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000)
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve))
    clearTimeout(timer)
    expect(code, output).toBe(0)
    expect(output).toMatch(/\[runner\] sandbox at 127\.0\.0\.1:\d+; running examples\/send-sms\.ts/)
    expect(output).toContain("RELAY session #1 started")
    expect(output).toContain("[runner] examples/send-sms.ts exited with code 0")
  }, 30_000)
})

// One at a time, after the RELAY example: each run starts three Node processes (runner, sandbox, example).
describe("REST examples", () => {
  it.each([
    ["rest-numbers", /calls to \+1555\d{7} now run https:\/\/agents\.example\.com\/support \(call_handler relay_script\)/],
    ["rest-logs", /5 message log entries, 2 per page/],
    ["rest-call", /voice log: [0-9a-f-]+ completed/],
    ["compat-sms", /message [0-9a-f-]+: delivered/],
    ["prefab-agent", /<- get_directions 200 \{"response":"The pool is at the rooftop\.[\s\S]*<- get_current_time 200[\s\S]*<- calculate 200 \{"response":"The result of 187\.50 \/ 3 is 62\.5\.?"\}[\s\S]*scripted call PASSED/]
  ])("npm run example -- %s (REST) runs against the standalone sandbox and exits 0", async (name, expected) => {
    const child = spawn(process.execPath, ["--conditions=@signalwire-effect/source", "--import", "tsx", path.join("examples", "run.ts"), name], {
      cwd: root,
      env: { ...process.env, SIGNALWIRE_LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let output = ""
    child.stdout.on("data", (chunk) => void (output += String(chunk)))
    child.stderr.on("data", (chunk) => void (output += String(chunk)))
    const timer = setTimeout(() => child.kill("SIGKILL"), 55_000)
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve))
    clearTimeout(timer)
    expect(code, output).toBe(0)
    expect(output).toMatch(expected)
    expect(output).toContain(`[runner] examples/${name}.ts exited with code 0`)
  }, 60_000)
})
