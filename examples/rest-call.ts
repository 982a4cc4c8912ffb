/**
 * Place a call over REST and watch it over RELAY (Effect API).
 *
 * The caller-id number is bound to a RELAY context over REST; the call placed with
 * `rest.calling.dial` is then offered to the RELAY client receiving that context, which prints its
 * events while REST plays a greeting on it and hangs it up.
 *
 * Against the sandbox: `npm run example -- rest-call`.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { RelayClient } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import { RestClient } from "@signalwire-effect/rest"

const FROM = process.env.FROM_NUMBER ?? "+15551234567"
const TO = process.env.TO_NUMBER ?? "+15559876543"
const CONTEXT = process.env.RELAY_CONTEXT ?? "rest-calls"
const relayHost = process.env.SIGNALWIRE_RELAY_HOST

const program = Effect.gen(function*() {
  const rest = yield* RestClient.RestClient
  const relay = yield* RelayClient.RelayClient

  // 1. Calls of FROM go to RELAY clients receiving CONTEXT.
  const number = (yield* rest.phoneNumbers.list({ filter_number: FROM })).data.find((n) => n.number === FROM)
  if (number === undefined) return yield* Effect.dieMessage(`${FROM} is not a number of this project`)
  yield* rest.phoneNumbers.setRelayContext(number.id, CONTEXT)

  // 2. The RELAY client prints the call's events until it ends.
  const ended = yield* Deferred.make<void>()
  const answered = yield* Deferred.make<string>()
  const played = yield* Deferred.make<void>()
  yield* relay.onCall((call) =>
    Effect.gen(function*() {
      const events = yield* call.subscribe
      yield* Effect.forkScoped(events.pipe(
        Stream.tap((event) => Effect.log(`RELAY ${event.eventType} ${JSON.stringify(event.params.call_state ?? event.params.state ?? "")}`)),
        Stream.tap((event) =>
          event.eventType === "calling.call.play" && event.params.state === "finished" ? Deferred.succeed(played, undefined) : Effect.void
        ),
        Stream.runDrain
      ))
      yield* call.waitFor("answered")
      yield* Deferred.succeed(answered, call.callId)
      yield* Effect.log(`RELAY call ${call.callId} ended: ${yield* call.ended}`)
    }).pipe(Effect.ensuring(Deferred.succeed(ended, undefined))), { release: "keep" })

  // 3. Place the call over REST with an inline SWML document. The call runs it once answered, and
  //    hangs up when the document ends: it greets, then waits a minute while REST takes over.
  const leg = yield* rest.calling.dial({
    from: FROM,
    to: TO,
    swml: { version: "1.0.0", sections: { main: [{ answer: {} }, { play: { url: "say:Hello from SWML" } }, { sleep: 60_000 }] } }
  })
  yield* Effect.log(`REST dialed ${leg.id}: ${leg.status}`)

  // 4. Once it is answered, play a greeting over REST; when it has played, hang up over REST.
  yield* Deferred.await(answered)
  yield* rest.calling.play(leg.id, { control_id: "greeting", play: [{ type: "tts", params: { text: "Hello from REST" } }] })
  yield* Deferred.await(played)
  yield* rest.calling.end(leg.id, { reason: "hangup" })
  yield* Deferred.await(ended)
  const log = yield* rest.logs.voice.get(leg.id)
  yield* Effect.log(`voice log: ${leg.id} ${String(log.status)}`)
})

const RestLive = RestClient.layerConfig(relayHost === undefined ? {} : { baseUrl: `http://${relayHost}` }).pipe(
  Layer.provide(FetchHttpClient.layer)
)
const RelayLive = RelayClient.layerConfig({ contexts: [CONTEXT] }).pipe(Layer.provide(NodeWebSocket.layer))

Effect.runPromise(Effect.scoped(program).pipe(Effect.timeout("30 seconds"), Effect.provide(Layer.merge(RestLive, RelayLive)))).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
