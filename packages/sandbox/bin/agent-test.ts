#!/usr/bin/env node
/**
 * `npx signalwire-agent-test <agent-file-or-url>`: test an agent without an account.
 *
 * An agent file is a module exporting AgentBase / SWMLService values (and optionally `layer`, the
 * Layer of their requirements); it is served in-process on a loopback port. A URL is used as it is
 * (credentials in it are sent as Basic auth). Then, one of:
 *
 *   --dump-swml (default)      print the SWML the agent renders for the call info
 *   --list-tools               list its tools (SWAIG functions, DataMap tools, native functions)
 *   --exec <tool> --arg k=v…   call one tool as the platform would and print the transcript
 *   --script <file>            run a scripted call (AiScript JSON or YAML) and print the transcript
 *
 * Exit status: 0 when the call went through and every assertion held, 1 when not, 2 for a usage
 * or loading error.
 */
import { randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { NodeRuntime } from "@effect/platform-node"
import type { AgentServer } from "@signalwire-effect/agents"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import { AgentTest, AiScript } from "@signalwire-effect/sandbox"

const usage = `Usage: signalwire-agent-test <agent-file-or-url> [--dump-swml | --list-tools | --exec <tool> [--arg k=v]... | --script <file.json|yaml>]
                             [--route /path] [--call-id ID] [--from NUMBER] [--to NUMBER] [--signing-key KEY] [--json]

  <agent-file-or-url>  a module exporting AgentBase / SWMLService values (and optionally \`layer\`), or the agent's URL
  --dump-swml          print the SWML the agent renders for this call (default)
  --list-tools         list the agent's tools
  --exec <tool>        call one tool; --arg k=v gives an argument (the value is JSON when it parses, else a string)
  --script <file>      run a scripted call from a JSON or YAML AiScript: {"turns": [...], "postPromptData"?: {...}}
  --route              which service of the file (default: the first)
  --call-id, --from, --to   the call info posted to the agent
  --signing-key        sign requests as a project with this signing key does
  --json               print JSON instead of text

Exit status: 0 when every assertion held, 1 when not, 2 for a usage or loading error.`

class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

const flags = new Set(["--dump-swml", "--list-tools", "--json"])
const valued = new Set(["--exec", "--arg", "--script", "--route", "--call-id", "--from", "--to", "--signing-key"])

const parse = (argv: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const values = new Map<string, Array<string>>()
    let target: string | undefined
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!
      if (arg === "--help" || arg === "-h") return yield* new UsageError({ message: usage })
      if (flags.has(arg)) values.set(arg, ["true"])
      else if (valued.has(arg)) {
        const value = argv[++i]
        if (value === undefined) return yield* new UsageError({ message: `${arg} needs a value\n\n${usage}` })
        values.set(arg, [...(values.get(arg) ?? []), value])
      } else if (!arg.startsWith("--") && target === undefined) target = arg
      else return yield* new UsageError({ message: `Unexpected argument ${JSON.stringify(arg)}\n\n${usage}` })
    }
    if (target === undefined) return yield* new UsageError({ message: usage })
    const commands = ["--dump-swml", "--list-tools", "--exec", "--script"].filter((c) => values.has(c))
    if (commands.length > 1) return yield* new UsageError({ message: `Give one of ${commands.join(", ")}\n\n${usage}` })
    const args: Record<string, unknown> = {}
    for (const pair of values.get("--arg") ?? []) {
      const eq = pair.indexOf("=")
      if (eq <= 0) return yield* new UsageError({ message: `--arg takes key=value, got ${JSON.stringify(pair)}` })
      const raw = pair.slice(eq + 1)
      args[pair.slice(0, eq)] = Either.getOrElse(Either.try(() => JSON.parse(raw) as unknown), () => raw)
    }
    const one = (key: string) => values.get(key)?.at(-1)
    return { target, command: commands[0] ?? "--dump-swml", args, one, json: values.has("--json") }
  })

type Servable = AgentServer.Servable<never>

const isServable = (u: unknown): u is Servable =>
  typeof u === "object" && u !== null && typeof (u as { route?: unknown }).route === "string" &&
  typeof (u as { name?: unknown }).name === "string" && Object.getOwnPropertySymbols(u).length > 0

/** The URL to test: the given one, or the agent file's service served on loopback for the scope. */
const urlOf = (target: string, route: string | undefined) =>
  Effect.gen(function*() {
    if (/^https?:\/\//.test(target)) return target
    // Agents without their own credentials get these (instead of generated ones printed on stdout).
    if (process.env["SWML_BASIC_AUTH_USER"] === undefined && process.env["SWML_BASIC_AUTH_PASSWORD"] === undefined) {
      process.env["SWML_BASIC_AUTH_USER"] = "agent-test"
      process.env["SWML_BASIC_AUTH_PASSWORD"] = randomBytes(12).toString("hex")
    }
    const module = yield* Effect.tryPromise({
      try: () => import(pathToFileURL(resolve(target)).href) as Promise<Record<string, unknown>>,
      catch: (e) => new UsageError({ message: `cannot load ${target}: ${String(e)}` })
    })
    const services = Object.values(module).filter(isServable)
    if (services.length === 0) return yield* new UsageError({ message: `${target} exports no AgentBase or SWMLService` })
    const layer = module["layer"]
    const requirements = Layer.isLayer(layer) ? layer as unknown as Layer.Layer<never> : Layer.empty
    const served = yield* AgentTest.serve(services).pipe(
      Effect.provide(requirements),
      Effect.mapError((e) => new UsageError({ message: `cannot serve ${target}: ${e.message}` }))
    )
    return served.url(route)
  })

const main = Effect.gen(function*() {
  const options = yield* parse(process.argv.slice(2))
  const swmlUrl = yield* urlOf(options.target, options.one("--route"))
  const call = {
    swmlUrl,
    callId: options.one("--call-id"),
    from: options.one("--from"),
    to: options.one("--to"),
    signingKey: options.one("--signing-key")
  }
  const print = (value: unknown) => Console.log(JSON.stringify(value, null, 2))
  const runScript = (script: AiScript.AiScript) =>
    Effect.gen(function*() {
      const result = yield* AgentTest.runCall({ ...call, script })
      yield* options.json ? print(result) : Console.log(AgentTest.format(result))
      if (!result.passed) process.exitCode = 1
    })
  switch (options.command) {
    case "--list-tools": {
      const tools = AgentTest.toolsOf(yield* AgentTest.fetchSwml(call))
      if (options.json) return yield* print(tools)
      for (const t of tools) {
        yield* Console.log(`${t.name} (${t.kind})${t.webhook === undefined ? "" : ` -> ${t.webhook}`}\n    ${t.description}`)
        if (t.parameters !== undefined) yield* Console.log(`    parameters: ${JSON.stringify(t.parameters)}`)
      }
      return
    }
    case "--exec": {
      const tool = options.one("--exec")!
      return yield* runScript(AiScript.make([AiScript.callsTool(tool, options.args)]))
    }
    case "--script": {
      const file = options.one("--script")!
      const text = yield* Effect.try({ try: () => readFileSync(file, "utf8"), catch: (e) => new UsageError({ message: `cannot read ${file}: ${String(e)}` }) })
      const script = AiScript.decodeJson(text)
      if (Either.isLeft(script)) return yield* new UsageError({ message: `${file} is not an AiScript:\n${script.left}` })
      return yield* runScript(script.right)
    }
    default:
      return yield* print(yield* AgentTest.fetchSwml(call))
  }
}).pipe(
  Effect.scoped,
  // The agent's own logs (serving, shutting down) would mix with the transcript on stdout.
  Logger.withMinimumLogLevel(LogLevel.Warning),
  Effect.catchTag("UsageError", (e) => Effect.zipRight(Console.error(e.message), Effect.sync(() => void (process.exitCode = 2)))),
  Effect.catchTag("SwmlFetchError", (e) => Effect.zipRight(Console.error(`SWML fetch failed: ${e.message}`), Effect.sync(() => void (process.exitCode = 1))))
)

NodeRuntime.runMain(main)
