/**
 * The REST part of `npm run demo`: the REST client against the sandbox's REST side (the same port
 * as RELAY): buy a number, bind it to a RELAY context, send an SMS over REST, list the message log.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { RestClient } from "@signalwire-effect/rest"
import type { RelaySandbox } from "@signalwire-effect/sandbox"

const say = (text: string) => Console.log(text)

export const restDemo = (sandbox: RelaySandbox.Sandbox, context: string) =>
  Effect.gen(function*() {
    const rest = yield* RestClient.RestClient
    yield* say(`   the REST client talks to ${rest.baseUrl} (the same port as RELAY), with Basic auth`)
    const [candidate] = (yield* rest.phoneNumbers.search({ areacode: "555", max_results: 1 })).data
    const bought = yield* rest.phoneNumbers.purchase(candidate!.number)
    yield* say(`   bought ${bought.number} (id ${bought.id.slice(0, 8)})`)
    const bound = yield* rest.phoneNumbers.setRelayContext(bought.id, context)
    yield* say(`   calls to it now go to ${bound.call_handler} "${bound.call_relay_context}"`)
    const sent = yield* rest.messages.send({ from: bought.number, to: "+15559876543", body: "Sent over REST." })
    yield* say(`   POST /api/messaging/messages: message ${sent.id.slice(0, 8)} is ${sent.status}`)
    const final = yield* sandbox.messages.waitForFinal(sent.id)
    yield* say(`   message ${sent.id.slice(0, 8)} → ${final.state}`)
    const log = yield* Stream.runCollect(rest.logs.messages.paginate({ page_size: 2 }))
    yield* say(`   the message log (followed page by page): ${log.length} messages`)
    for (const entry of log) yield* say(`     ${entry.from} → ${entry.to}: ${entry.status} (${entry.direction})`)
    const requests = yield* sandbox.rest.journal
    yield* say(`   ${requests.length} HTTP requests, every one in the sandbox's REST journal`)
  }).pipe(
    Effect.provide(
      RestClient.layer({
        project: sandbox.clientOptions.project,
        token: sandbox.clientOptions.token,
        space: sandbox.host
      }).pipe(Layer.provide(FetchHttpClient.layer))
    )
  )
