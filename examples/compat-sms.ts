/**
 * A Twilio-style message over SignalWire's compatibility (LaML) REST API, with the Effect REST
 * client: send it (a form-encoded POST to `/api/laml/2010-04-01/Accounts/{project}/Messages`),
 * poll it until it is final, then list the latest messages to the same number.
 *
 *   npm run example -- compat-sms
 *   SIGNALWIRE_PROJECT_ID=… SIGNALWIRE_API_TOKEN=… SIGNALWIRE_SPACE=<you>.signalwire.com \
 *     FROM_NUMBER=+1… TO_NUMBER=+1… npx tsx examples/compat-sms.ts   (against SignalWire)
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import { RestClient } from "@signalwire-effect/rest"

const from = process.env.FROM_NUMBER ?? "+15551234567"
const to = process.env.TO_NUMBER ?? "+15559876543"
const FINAL = new Set(["delivered", "undelivered", "failed"])

/** The message did not end `delivered` (or not in time). */
class NotDelivered extends Data.TaggedError("NotDelivered")<{ readonly sid: string; readonly status: string }> {}

const program = Effect.gen(function*() {
  const rest = yield* RestClient.RestClient
  const sent = yield* rest.compat.messages.create({ From: from, To: to, Body: "Hello from the compatibility API!" })
  yield* Console.log(`message ${sent.sid}: ${sent.status} (${sent.num_segments} segment)`)
  const final = yield* rest.compat.messages.get(sent.sid).pipe(
    Effect.filterOrFail((m) => FINAL.has(m.status), () => "pending" as const),
    Effect.retry({ schedule: Schedule.spaced("250 millis"), while: (e) => e === "pending" }),
    Effect.timeoutFail({ duration: "60 seconds", onTimeout: () => new NotDelivered({ sid: sent.sid, status: "not final after 60 seconds" }) })
  )
  yield* Console.log(`message ${final.sid}: ${final.status}${final.error_code == null ? "" : ` (error ${final.error_code})`}`)
  const page = yield* rest.compat.messages.list({ To: to, PageSize: 5 })
  for (const m of page.messages) yield* Console.log(`  ${m.date_created} ${m.from} → ${m.to}: ${m.status}`)
  if (final.status !== "delivered") return yield* new NotDelivered({ sid: final.sid, status: final.status })
})

program.pipe(
  Effect.provide(RestClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))),
  NodeRuntime.runMain
)
