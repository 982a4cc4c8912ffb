/**
 * A prefab agent answering a phone number (Effect API).
 *
 * The `Concierge` prefab of `@signalwire-effect/agents`, with two skills added (`datetime` and
 * `math`), is served on loopback; a number of the project is bound to its SWML URL over REST
 * (`phoneNumbers.setSwmlWebhook`); then a scripted inbound call to that number runs it: the caller
 * asks about the spa and the pool, the time, and a bill split, the simulated AI calls the prefab's
 * and the skills' tools, and the call's transcript is printed.
 *
 * Against the sandbox: `npm run example -- prefab-agent`. The scripted call uses the sandbox's
 * admin API (`POST /_sandbox/calls`): against SignalWire, a real caller takes its place.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { AgentBase, Concierge } from "@signalwire-effect/agents"
import { Datetime } from "@signalwire-effect/agents/skills/Datetime"
import { MathSkill } from "@signalwire-effect/agents/skills/Math"
import { RestClient } from "@signalwire-effect/rest"
import { AgentTest, AiScript, Transcript } from "@signalwire-effect/sandbox"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"

const host = process.env.SIGNALWIRE_RELAY_HOST ?? "127.0.0.1:8080"

const concierge = Concierge.make({
  venueName: "The Park Hotel",
  services: ["Spa", "Restaurant", "Valet parking"],
  amenities: { pool: { location: "the rooftop", hours: "6 AM - 10 PM" }, gym: { location: "floor 2" } },
  hoursOfOperation: { spa: "9 AM - 9 PM", restaurant: "7 AM - 10 PM", default: "24 hours" },
  welcomeMessage: "Welcome to The Park Hotel, how can I help?",
  agentOptions: { basicAuth: { user: "concierge", password: Redacted.make("example-password") } }
}).pipe(
  // A prefab is an AgentBase: skills add their tools (and prompt sections) to it.
  Effect.flatMap(AgentBase.addSkill(Datetime)),
  Effect.flatMap(AgentBase.addSkill(MathSkill))
)

/** What the caller says and which tools the (simulated) AI calls. */
const script = AiScript.make([
  AiScript.says("Can I book the spa tomorrow at ten thirty?"),
  AiScript.callsTool("check_availability", { service: "spa", date: "2026-12-01", time: "10:30" }),
  AiScript.expectSaid("available"),
  AiScript.says("And at ten at night?"),
  AiScript.callsTool("check_availability", { service: "spa", date: "2026-12-01", time: "22:00" }),
  AiScript.expectSaid("closed"),
  AiScript.says("Where is the pool?"),
  AiScript.callsTool("get_directions", { location: "pool" }),
  AiScript.expectSaid("rooftop"),
  AiScript.says("What time is it in New York?"),
  AiScript.callsTool("get_current_time", { timezone: "America/New_York" }),
  AiScript.expectSaid(/\d/),
  AiScript.says("Dinner was 187.50 for three of us, what's each share?"),
  AiScript.callsTool("calculate", { expression: "187.50 / 3" }),
  AiScript.expectSaid("62.5"),
  AiScript.callerHangsUp
])

const Placed = Schema.Struct({ callId: Schema.String })
const Ended = (entries: ReadonlyArray<Transcript.Entry>) => entries.some((e) => e._tag === "CallEnded")

const program = Effect.gen(function*() {
  const rest = yield* RestClient.RestClient
  const http = yield* HttpClient.HttpClient

  // 1. Serve the prefab on loopback (what SignalWire would reach through a public URL).
  const served = yield* AgentTest.serve([yield* concierge])
  const swmlUrl = served.url("/concierge")
  yield* Console.log(`concierge served at ${served.origin}/concierge`)

  // 2. Calls to the project's first number run the agent's SWML.
  const number = (yield* rest.phoneNumbers.list()).data[0]
  if (number === undefined) return yield* Effect.dieMessage("the project has no number")
  yield* rest.phoneNumbers.setSwmlWebhook(number.id, swmlUrl)
  yield* Console.log(`calls to ${number.number} now run the concierge`)

  // 3. A scripted inbound call to that number, then its transcript once it has ended.
  const placed = yield* HttpClientRequest.post(`http://${host}/_sandbox/calls`).pipe(
    HttpClientRequest.bodyUnsafeJson({ from: "+15557654321", to: number.number, ai: script }),
    http.execute,
    Effect.flatMap(HttpClientResponse.schemaBodyJson(Placed))
  )
  const transcript = yield* http.get(`http://${host}/_sandbox/calls/${placed.callId}/transcript`).pipe(
    Effect.flatMap(HttpClientResponse.schemaBodyJson(Transcript.CallTranscript)),
    Effect.repeat(Schedule.recurUntil((t: typeof Transcript.CallTranscript.Type) => Ended(t.entries)).pipe(Schedule.addDelay(() => "200 millis"))),
    Effect.timeout("30 seconds")
  )
  for (const entry of transcript.entries) yield* Console.log(Transcript.format(entry))
  const failed = transcript.entries.filter((e) => e._tag === "AssertionResult" && !e.passed || e._tag === "AiFailure")
  yield* Console.log(failed.length === 0 ? "scripted call PASSED" : `scripted call FAILED (${failed.length})`)
  if (failed.length > 0) return yield* Effect.dieMessage("the scripted call failed")
})

const RestLive = RestClient.layerConfig({ baseUrl: `http://${host}` }).pipe(Layer.provide(FetchHttpClient.layer))

Effect.runPromise(Effect.scoped(program).pipe(Effect.provide(Layer.merge(RestLive, FetchHttpClient.layer)))).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
