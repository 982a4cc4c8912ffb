/**
 * The admin routes of SWML execution: a call's transcript (`GET /_sandbox/calls/<id>/transcript`,
 * JSON encoded from the `Transcript` Schema), and running SWML on a call in progress
 * (`POST /_sandbox/calls/<id>/swml`).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { Calls } from "../../SimCalls.js"
import type { SwmlApi } from "../../SwmlSandbox.js"
import * as Transcript from "../../Transcript.js"
import * as AiScript from "../../AiScript.js"
import { type AdminResponse, decoder, failure, type Route, SwmlSource } from "../admin.js"

const decodeRun = decoder(Schema.Struct({ swml: SwmlSource, ai: Schema.optional(AiScript.AiScript) }))
const encodeTranscript = Schema.encodeSync(Transcript.CallTranscript)

export const routes = (calls: Calls, swml: SwmlApi): ReadonlyArray<Route> => {
  const withCall = (id: string, f: () => Effect.Effect<AdminResponse>) =>
    Effect.flatMap(calls.get(id), Option.match({ onNone: () => Effect.succeed(failure(404, `no call ${id}`)), onSome: f }))
  return [
    {
      method: "GET",
      path: /^\/_sandbox\/calls\/([^/]+)\/transcript$/,
      handle: (match) =>
        withCall(match[1]!, () =>
          Effect.map(swml.transcript(match[1]!), (entries): AdminResponse => ({
            status: 200,
            // Optional fields left out are left out (the admin API would write `undefined` as null).
            body: JSON.parse(JSON.stringify(encodeTranscript({ callId: match[1]!, entries }))) as unknown
          })))
    },
    {
      method: "POST",
      path: /^\/_sandbox\/calls\/([^/]+)\/swml$/,
      handle: (match, body) =>
        withCall(match[1]!, () =>
          Either.match(decodeRun(body), {
            onLeft: (error) => Effect.succeed(failure(400, error)),
            onRight: (options) =>
              swml.run(match[1]!, options.swml, { ai: options.ai }).pipe(
                Effect.as<AdminResponse>({ status: 202, body: { callId: match[1]! } }),
                Effect.catchTag("SandboxError", (error) => Effect.succeed(failure(409, error.reason)))
              )
          }))
    }
  ]
}
