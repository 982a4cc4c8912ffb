/**
 * `npm run example -- <name>`: runs examples/<name>.ts against the standalone RELAY sandbox.
 * `npm run example -- agent` runs the AI agent of packages/agents/examples/agent.ts instead: an
 * HTTP server (no sandbox) that prints its URL and credentials and serves until Ctrl-C.
 *
 * Starts the sandbox (`packages/sandbox/bin/sandbox.ts --port 0`), reads its address from
 * its output, runs the example in a child process with SIGNALWIRE_RELAY_HOST / _SCHEME /
 * SIGNALWIRE_SPACE (the REST API, on the same port) / SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN
 * pointing at it, places inbound calls through the
 * sandbox's HTTP admin API for the examples that wait for one, then stops the sandbox and exits
 * with the example's exit code.
 */
import { type ChildProcess, spawn } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

interface Example {
  /** Extra environment for the example. */
  readonly env?: Readonly<Record<string, string>>
  /** An inbound call (POST /_sandbox/calls body) to place once the example listens. */
  readonly inbound?: Readonly<Record<string, unknown>>
  /** A program that needs no sandbox, run as it is (path from the repository's root). */
  readonly standalone?: string
}

const examples: Readonly<Record<string, Example>> = {
  "send-sms": {},
  "compat-sms": {},
  "inbound-ivr": {
    env: { MAX_CALLS: "1", IVR_CONTEXT: "default" },
    inbound: { from: "+15559876543", to: "+15552220000", context: "default", script: { inputs: [{ digits: "1" }] } }
  },
  "outbound-amd": {},
  conference: {},
  "rest-call": {},
  "rest-numbers": {},
  "rest-logs": {},
  "prefab-agent": {},
  agent: { standalone: path.join("packages", "agents", "examples", "agent.ts") }
}

const name = process.argv[2]?.replace(/\.ts$/, "")
if (name === undefined || !(name in examples)) {
  console.error(`Usage: npm run example -- <${Object.keys(examples).join(" | ")}>`)
  process.exit(2)
}
const example = examples[name]!

if (example.standalone !== undefined) {
  const child = spawn(process.execPath, ["--conditions=@signalwire-effect/source", "--import", "tsx", example.standalone], { cwd: root, stdio: "inherit" })
  const forward = (signal: NodeJS.Signals) => child.kill(signal)
  process.on("SIGINT", forward)
  process.on("SIGTERM", forward)
  child.once("exit", (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)))
} else {

const tsx = (script: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv, stdio: "inherit" | "pipe") =>
  spawn(process.execPath, ["--conditions=@signalwire-effect/source", "--import", "tsx", script, ...args], { cwd: root, env, stdio: ["ignore", stdio, "inherit"] })

const exited = (child: ChildProcess) =>
  new Promise<number>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    child.once("exit", (code, signal) => resolve(code ?? (signal === null ? 1 : 128)))
  })

/** Starts the sandbox and resolves with its `host:port` once it listens. */
const startSandbox = (sandbox: ChildProcess) =>
  new Promise<string>((resolve, reject) => {
    let output = ""
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start:\n${output}`)), 30_000)
    sandbox.stdout?.on("data", (chunk) => {
      output += String(chunk)
      const match = /listening on ws:\/\/(\S+:\d+)/.exec(output)
      if (match !== null) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    sandbox.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`the sandbox exited (${code}):\n${output}`))
    })
  })

/** Offers the inbound call, retrying while no client receives the context yet (409). */
const placeInbound = async (host: string, body: Readonly<Record<string, unknown>>, stop: () => boolean) => {
  const deadline = Date.now() + 30_000
  while (!stop() && Date.now() < deadline) {
    const response = await fetch(`http://${host}/_sandbox/calls`, { method: "POST", body: JSON.stringify(body) })
    if (response.status === 201) {
      const call = (await response.json()) as { callId?: string }
      console.log(`[runner] placed an inbound call ${call.callId} from ${String(body.from)}`)
      return
    }
    await response.body?.cancel()
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

  const sandbox = tsx(path.join("packages", "sandbox", "bin", "sandbox.ts"), ["--port", "0"], process.env, "pipe")
  let code = 1
  try {
    const host = await startSandbox(sandbox)
    console.log(`[runner] sandbox at ${host}; running examples/${name}.ts`)
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...example.env,
      SIGNALWIRE_RELAY_HOST: host,
      SIGNALWIRE_RELAY_SCHEME: "ws",
      // The REST API is served on the same port; a loopback space is reached over http://.
      SIGNALWIRE_SPACE: host,
      SIGNALWIRE_PROJECT_ID: "sandbox-project",
      SIGNALWIRE_API_TOKEN: "sandbox-token"
    }
    delete env.SIGNALWIRE_JWT_TOKEN
    const child = tsx(path.join("examples", `${name}.ts`), [], env, "inherit")
    const forward = (signal: NodeJS.Signals) => child.kill(signal)
    process.on("SIGINT", forward)
    process.on("SIGTERM", forward)
    const done = exited(child)
    let finished = false
    void done.then(() => void (finished = true))
    if (example.inbound !== undefined) await placeInbound(host, example.inbound, () => finished)
    code = await done
    process.off("SIGINT", forward)
    process.off("SIGTERM", forward)
    console.log(`[runner] examples/${name}.ts exited with code ${code}`)
  } catch (error) {
    console.error(`[runner] ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    sandbox.kill("SIGTERM")
    const timer = setTimeout(() => sandbox.kill("SIGKILL"), 5_000)
    await exited(sandbox)
    clearTimeout(timer)
  }
  process.exitCode = code
}
