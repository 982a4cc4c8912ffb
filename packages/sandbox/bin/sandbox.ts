#!/usr/bin/env node
/**
 * The standalone RELAY sandbox: `npm run sandbox -- --port 8765`.
 *
 * Listens on 127.0.0.1 (or --host) at --port (0 = any free port), prints the URL it bound, the
 * credentials it accepts, the numbers the project owns (--numbers) and the HTTP admin API (inbound
 * calls, far-end input and hang-ups, inbound messages), and runs until SIGINT / SIGTERM.
 */
import { NodeRuntime } from "@effect/platform-node"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { RelaySandbox, Transcript } from "@signalwire-effect/sandbox"

const usage = `Usage: npm run sandbox -- [--port N] [--host H] [--project P] [--token T] [--jwt J] [--numbers +1…]
                          [--ping-interval SECONDS] [--signing-key KEY]

  --port            port to listen on; 0 picks a free one (default 8765)
  --host            interface to listen on (default 127.0.0.1)
  --project/--token the credentials the sandbox accepts (default sandbox-project / sandbox-token)
  --jwt             a JWT the sandbox accepts (default sandbox-jwt); repeat for more
  --numbers         the E.164 numbers the project owns, i.e. the from_numbers messaging.send accepts;
                    repeat it or give a comma list (default +15551234567, +15559870000, +15552220000)
  --ping-interval   send signalwire.ping to every client this often (default: never)
  --signing-key     the project's signing key: SWML fetches are signed with it (default: a random one, printed)`

const E164 = /^\+[1-9]\d{1,14}$/

class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

const parse = (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const values = new Map<string, Array<string>>()
    for (let i = 0; i < args.length; i++) {
      const flag = args[i]!
      if (flag === "--help" || flag === "-h") return yield* new UsageError({ message: usage })
      const value = args[i + 1]
      if (!flag.startsWith("--") || value === undefined || value.startsWith("--")) {
        return yield* new UsageError({ message: `Unexpected argument ${JSON.stringify(flag)}\n\n${usage}` })
      }
      values.set(flag.slice(2), [...(values.get(flag.slice(2)) ?? []), value])
      i += 1
    }
    const known = new Set(["port", "host", "project", "token", "jwt", "numbers", "ping-interval", "signing-key"])
    for (const key of values.keys()) {
      if (!known.has(key)) return yield* new UsageError({ message: `Unknown option --${key}\n\n${usage}` })
    }
    const one = (key: string) => values.get(key)?.at(-1)
    const port = Number(one("port") ?? "8765")
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      return yield* new UsageError({ message: `--port must be an integer from 0 to 65535` })
    }
    const pingSeconds = one("ping-interval")
    const ping = pingSeconds === undefined ? undefined : Number(pingSeconds)
    if (ping !== undefined && !(ping > 0)) return yield* new UsageError({ message: `--ping-interval must be > 0` })
    const numbers = values.get("numbers")?.flatMap((list) => list.split(",")).map((n) => n.trim()).filter((n) => n !== "")
    if (numbers !== undefined && numbers.length === 0) return yield* new UsageError({ message: `--numbers needs a number` })
    const notE164 = numbers?.find((n) => !E164.test(n))
    if (notE164 !== undefined) {
      return yield* new UsageError({ message: `--numbers: ${JSON.stringify(notE164)} is not an E.164 number (+ then up to 15 digits)` })
    }
    const options: RelaySandbox.SandboxOptions = {
      port,
      hostname: one("host") ?? "127.0.0.1",
      credentials: [{ project: one("project") ?? "sandbox-project", token: one("token") ?? "sandbox-token" }],
      jwtTokens: values.get("jwt") ?? ["sandbox-jwt"],
      serverPingInterval: ping === undefined ? undefined : `${ping} seconds`,
      numbers,
      signingKey: one("signing-key")
    }
    return options
  })

const main = Effect.gen(function*() {
  const options = yield* parse(process.argv.slice(2))
  const sandbox = yield* RelaySandbox.make(options)
  const { project, token } = sandbox.clientOptions
  yield* Console.log(`RELAY sandbox listening on ${sandbox.url}`)
  yield* Console.log(`  accepts project ${project} / token ${token}, and JWT ${options.jwtTokens?.join(", ")}`)
  yield* Console.log(`  owns the numbers ${(yield* sandbox.messages.numbers).join(", ")} (messaging.send from_number)`)
  yield* Console.log(`  point a client at it with:`)
  yield* Console.log(
    `    SIGNALWIRE_RELAY_HOST=${sandbox.host} SIGNALWIRE_RELAY_SCHEME=ws SIGNALWIRE_PROJECT_ID=${project} SIGNALWIRE_API_TOKEN=${token}`
  )
  yield* Console.log(`  REST API (HTTP Basic with the same credentials) at ${sandbox.rest.baseUrl}/api/...; the REST client:`)
  yield* Console.log(`    RestClient.layer({ project: "${project}", token: "${token}", space: "${sandbox.host}" })`)
  const admin = `http://${sandbox.host}/_sandbox`
  yield* Console.log(`  admin API (HTTP on the same port, loopback only):`)
  yield* Console.log(`    POST ${admin}/calls               {"from","to","context"?,"script"?,"callId"?,"swml"?}  offer an inbound call (or run SWML on it)`)
  yield* Console.log(`    GET  ${admin}/calls               list the simulated calls (GET .../calls/<id> for one)`)
  yield* Console.log(`    POST ${admin}/calls/<id>/hangup   {"reason"?}  the far end hangs up`)
  yield* Console.log(`    POST ${admin}/calls/<id>/input    {"digits"} | {"speech"}  the far end presses digits / speaks`)
  yield* Console.log(`    POST ${admin}/messages            {"from","to","body"?,"media"?,"context"?,"tags"?}  deliver an inbound SMS / MMS`)
  yield* Console.log(`    GET  ${admin}/messages            list the simulated messages (GET .../messages/<id> for one)`)
  yield* Console.log(`    GET  ${admin}/messages/<id>/transcript  what the Messaging cXML of a number's SmsUrl did with the message`)
  yield* Console.log(`    GET  ${admin}/rest/requests       the REST journal (method, path, query, body, auth, status)`)
  yield* Console.log(`    POST ${admin}/rest/faults         {"operation","status"?,"headers"?,"body"?,"delay"?,"hang"?,"reset"?,"malformed"?,"times"?}`)
  yield* Console.log(`    POST ${admin}/rest/faults/clear   remove every pending REST fault`)
  yield* Console.log(`    GET  ${admin}/calls/<id>/transcript  the transcript of a call the sandbox ran SWML on`)
  yield* Console.log(`    POST ${admin}/calls/<id>/swml     {"swml"}  run SWML (a URL, inline JSON or a document) on a call in progress`)
  yield* Console.log(`  SWML: POST ${admin}/calls with "swml", or bind a number (call_handler relay_script); fetches are signed`)
  yield* Console.log(`    with the signing key ${Redacted.value(sandbox.swml.signingKey)}; each transcript entry is printed below`)
  // Subscribed before the banner ends, so no entry of a call made once it is printed is missed.
  const entries = yield* sandbox.swml.follow
  yield* Effect.forkScoped(
    Stream.runForEach(entries, ({ callId, entry }) => Console.log(`[call ${callId}] ${Transcript.format(entry)}`))
  )
  yield* Console.log(`  stop with Ctrl-C`)
  return yield* Effect.never
}).pipe(
  Effect.scoped,
  Effect.catchTag("UsageError", (e) => Effect.zipRight(Console.error(e.message), Effect.sync(() => void (process.exitCode = 2)))),
  Effect.catchTag("SandboxError", (e) => Effect.zipRight(Console.error(e.message), Effect.sync(() => void (process.exitCode = 1))))
)

NodeRuntime.runMain(main)
