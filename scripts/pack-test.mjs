#!/usr/bin/env node
/**
 * The packaging test (`npm run pack-test`, run by `.ci/run` after `npm run build`):
 *
 * 1. `npm pack` every workspace package into a temporary directory, and check each tarball with
 *    `@arethetypeswrong/cli` (profile `esm-only`: the packages are ESM only, so the CJS-only
 *    checks do not apply).
 * 2. Create a fresh project in the OS temporary directory — outside the workspace, so no hoisted
 *    `node_modules` to lean on — and `npm install` the tarballs, plus `effect`,
 *    `@effect/platform` and `@effect/platform-node` at the root package.json's versions.
 * 3. Start the installed `signalwire-sandbox` bin, then run with plain `node` (no tsx, no loader):
 *    an Effect program (RelayClient + relay-node: ping, send a message, wait for it) and the
 *    Promise facade program of the sdk README; both must exit 0 by themselves. Then the installed
 *    demo (`signalwire-sandbox-demo`, its own embedded sandbox) must exit 0 too.
 * 4. Type-check a consumer `.ts` file with `tsc` under `moduleResolution` `NodeNext` and `Bundler`.
 *
 * Prints the tarball sizes, the install time and the programs' output. `KEEP=1` keeps the
 * temporary directory.
 */
import { execFileSync, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const rootPackage = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "signalwire-effect-pack-"))
const tarballs = path.join(tmp, "tarballs")
const app = path.join(tmp, "app")
fs.mkdirSync(tarballs)
fs.mkdirSync(app)

const started = Date.now()
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`
const log = (line) => console.log(`[pack-test] ${line}`)
const fail = (message) => {
  throw new Error(message)
}
const run = (command, args, options = {}) =>
  execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options })
const bin = (name) => path.join(root, "node_modules", ".bin", name)
/** Runs a command to its end; rejects with its output unless it exits 0. */
const runAsync = (command, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options })
    let output = ""
    child.stdout.on("data", (chunk) => (output += String(chunk)))
    child.stderr.on("data", (chunk) => (output += String(chunk)))
    child.once("error", reject)
    child.once("exit", (code, signal) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} exited with ${code ?? signal}:\n${output}`))
    )
  })

let sandbox
try {
  // 1. Pack every package (their dist/ must be built: `npm run build`).
  const packages = fs.readdirSync(path.join(root, "packages")).filter((dir) =>
    fs.existsSync(path.join(root, "packages", dir, "package.json"))
  )
  for (const dir of packages) {
    if (!fs.existsSync(path.join(root, "packages", dir, "dist", "index.js"))) {
      fail(`packages/${dir}/dist/index.js is missing: run \`npm run build\` first`)
    }
  }
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tarballs, ...packages.flatMap((dir) => ["-w", `packages/${dir}`])], {
      cwd: root
    }))
  for (const p of packed) {
    const files = p.files.map((f) => f.path)
    for (const required of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "dist/index.js", "dist/index.d.ts"]) {
      if (!files.includes(required)) fail(`${p.name}: the tarball lacks ${required}`)
    }
    const stray = files.filter((f) => /^(test|build|\.tsbuildinfo)\//.test(f) || f.endsWith(".tsbuildinfo"))
    if (stray.length > 0) fail(`${p.name}: the tarball holds files it should not: ${stray.join(", ")}`)
    log(`${p.filename}: ${(p.size / 1024).toFixed(1)} kB packed, ${(p.unpackedSize / 1024).toFixed(1)} kB unpacked, ${p.entryCount} files`)
  }

  // 1b. Are the types wrong? ESM-only packages: the CJS resolution checks do not apply. Runs
  // concurrently with the install below.
  const attwStarted = Date.now()
  const attw = packed.reduce(
    (previous, p) =>
      previous.then(() =>
        runAsync(bin("attw"), [path.join(tarballs, p.filename), "--profile", "esm-only", "--format", "table-flipped", "--no-emoji", "--no-color"], {})
          .catch((error) => fail(`attw found problems in ${p.name}:\n${error.message}`))
      ),
    Promise.resolve()
  ).then(() => log(`attw --profile esm-only: no problems in ${packed.length} tarballs (${seconds(attwStarted)})`))
  attw.catch(() => undefined) // awaited (and reported) below; not an unhandled rejection meanwhile

  // 2. A fresh project outside the workspace.
  fs.writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify({ name: "signalwire-effect-consumer", private: true, type: "module" }, null, 2)
  )
  const deps = rootPackage.dependencies
  const devDeps = rootPackage.devDependencies
  const install = Date.now()
  await runAsync("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--no-package-lock",
    ...packed.map((p) => path.join(tarballs, p.filename)),
    `effect@${deps["effect"]}`,
    `@effect/platform@${deps["@effect/platform"]}`,
    `@effect/platform-node@${deps["@effect/platform-node"]}`,
    `@types/node@${devDeps["@types/node"]}`,
    // @effect/platform-node-shared's .d.ts import "ws" without depending on @types/ws: without it
    // the consumer check (skipLibCheck false) fails in Effect's declarations, not in ours (none of
    // ours mentions "ws").
    `@types/ws@${devDeps["@types/ws"]}`
  ], { cwd: app })
  log(`npm install of the ${packed.length} tarballs + effect, @effect/platform, @effect/platform-node, @types/node, @types/ws in a fresh project: ${seconds(install)}`)

  // 3. The installed sandbox bin, then the programs with plain node.
  sandbox = spawn(path.join(app, "node_modules", ".bin", "signalwire-sandbox"), ["--port", "0"], {
    cwd: app,
    stdio: ["ignore", "pipe", "inherit"]
  })
  const host = await new Promise((resolve, reject) => {
    let output = ""
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start:\n${output}`)), 60_000)
    sandbox.stdout.on("data", (chunk) => {
      output += String(chunk)
      const match = /listening on ws:\/\/(\S+:\d+)/.exec(output)
      if (match !== null) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    sandbox.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`the sandbox exited (${code}):\n${output}`))
    })
  })
  log(`signalwire-sandbox (installed bin) listening at ${host}`)
  const env = {
    ...process.env,
    SIGNALWIRE_RELAY_HOST: host,
    SIGNALWIRE_RELAY_SCHEME: "ws",
    SIGNALWIRE_PROJECT_ID: "sandbox-project",
    SIGNALWIRE_API_TOKEN: "sandbox-token",
    NODE_OPTIONS: ""
  }
  delete env.SIGNALWIRE_JWT_TOKEN
  delete env.SIGNALWIRE_SPACE

  fs.writeFileSync(
    path.join(app, "effect-program.mjs"),
    `import { NodeRuntime } from "@effect/platform-node"
import { RelayClient } from "@signalwire-effect/relay"
import { RelayNode } from "@signalwire-effect/relay-node"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

const program = Effect.gen(function* () {
  const relay = yield* RelayClient.RelayClient
  const pong = yield* relay.execute("signalwire.ping")
  yield* Console.log("signalwire.ping ->", JSON.stringify(pong))
  const message = yield* relay.sendMessage({ to: "+15559876543", from: "+15551234567", body: "Hello from a tarball!" })
  const done = yield* message.wait("30 seconds")
  yield* Console.log("message", done.messageId, done.state)
})

program.pipe(Effect.provide(RelayNode.layerConfig()), NodeRuntime.runMain)
`
  )
  // The Promise facade program of the sdk README (and the issue), verbatim but for the import and
  // the TypeScript-only `!` after the two process.env reads (this is a plain .mjs file).
  fs.writeFileSync(
    path.join(app, "facade-program.mjs"),
    `import { RelayClient } from '@signalwire-effect/sdk';
const client = new RelayClient({ project: process.env.SIGNALWIRE_PROJECT_ID, token: process.env.SIGNALWIRE_API_TOKEN, contexts: ['default'] });
await client.connect();
const message = await client.sendMessage({ toNumber: '+15559876543', fromNumber: '+15551234567', body: 'Hello!' });
await message.wait();
await client.disconnect();
`
  )
  const runProgram = (file) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [file], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] })
      let output = ""
      child.stdout.on("data", (chunk) => (output += String(chunk)))
      child.stderr.on("data", (chunk) => (output += String(chunk)))
      const timer = setTimeout(() => {
        child.kill("SIGKILL")
        reject(new Error(`node ${file} did not exit by itself within 60 s:\n${output}`))
      }, 60_000)
      child.once("exit", (code, signal) => {
        clearTimeout(timer)
        if (code === 0) resolve(output)
        else reject(new Error(`node ${file} exited with ${code ?? signal}:\n${output}`))
      })
    })
  for (const file of ["effect-program.mjs", "facade-program.mjs"]) {
    const output = await runProgram(file)
    log(`node ${file} exited 0:\n${output.trimEnd().replace(/^/gm, "    ")}`)
  }
  // The demo, from the installed package's built bin (it embeds its own sandbox).
  const demo = await runProgram(path.join(app, "node_modules", ".bin", "signalwire-sandbox-demo"))
  log(`signalwire-sandbox-demo exited 0 (${demo.split("\n").length} lines of output)`)

  // 4. A consumer .ts file type-checked under NodeNext and Bundler resolution.
  fs.writeFileSync(
    path.join(app, "consumer.ts"),
    `import { NodeRuntime } from "@effect/platform-node"
import { type ConnectionState, Device, RelayClient } from "@signalwire-effect/relay"
import * as Call from "@signalwire-effect/relay/Call"
import { NodeWebSocket, RelayNode } from "@signalwire-effect/relay-node"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import { SignalWireConfig } from "@signalwire-effect/config"
import { RestClient } from "@signalwire-effect/rest"
import * as Swml from "@signalwire-effect/swml"
import * as Agents from "@signalwire-effect/agents"
import { RelayClient as PromiseRelayClient } from "@signalwire-effect/sdk"
import * as Effect from "effect/Effect"

const dial: Effect.Effect<Call.Call, unknown, RelayClient.RelayClient | import("effect/Scope").Scope> = Effect.gen(function* () {
  const relay = yield* RelayClient.RelayClient
  return yield* relay.dial(Device.serial(Device.phone({ to: "+15559876543", from: "+15551234567" })))
})
const state: (s: ConnectionState.ConnectionState) => string = (s) => s._tag
void state
void [NodeWebSocket, RelaySandbox, SignalWireConfig, RestClient, Swml, Agents]
const client = new PromiseRelayClient({ project: "p", token: "t", contexts: ["default"] })
const promise: Promise<void> = client.connect()
void promise
Effect.scoped(dial).pipe(Effect.provide(RelayNode.layerConfig()), NodeRuntime.runMain)
// @ts-expect-error internal modules are not exported
import("@signalwire-effect/relay/internal/connection")
`
  )
  // NodeNext checks every declaration file (ours and Effect's: skipLibCheck false); Bundler, run
  // at the same time, checks the consumer file's resolution and use (skipLibCheck true, as most
  // bundler projects have it).
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")
  const checks = [["NodeNext", "NodeNext", false], ["ESNext", "Bundler", true]].map(([module, moduleResolution, skipLibCheck]) => {
    const config = `tsconfig.${moduleResolution.toLowerCase()}.json`
    fs.writeFileSync(
      path.join(app, config),
      JSON.stringify({
        compilerOptions: { strict: true, target: "ES2022", module, moduleResolution, noEmit: true, skipLibCheck, types: ["node"] },
        files: ["consumer.ts"]
      }, null, 2)
    )
    const check = Date.now()
    return runAsync(process.execPath, [tsc, "-p", config], { cwd: app }).then(
      () => log(`tsc -p ${config} (module ${module}, moduleResolution ${moduleResolution}, skipLibCheck ${skipLibCheck}): no errors (${seconds(check)})`),
      (error) => fail(`tsc -p ${config} failed:\n${error.message}`)
    )
  })
  await Promise.all([...checks, attw])
  log(`passed in ${seconds(started)}`)
} finally {
  if (sandbox !== undefined && sandbox.exitCode === null) {
    const exited = new Promise((resolve) => sandbox.once("exit", resolve))
    sandbox.kill("SIGTERM")
    await exited
  }
  if (process.env.KEEP === undefined) fs.rmSync(tmp, { recursive: true, force: true })
  else log(`kept ${tmp}`)
}
