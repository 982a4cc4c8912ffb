/**
 * The REST side on the admin API: `GET /_sandbox/rest/requests` (the journal),
 * `POST /_sandbox/rest/faults` (one fault for an operation), `POST /_sandbox/rest/faults/clear`.
 */
import { SchemaIssues } from "@signalwire-effect/config"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { Rest } from "../../RestSandbox.js"
import type { AdminResponse, Route } from "../admin.js"

const FaultBody = Schema.Struct({
  operation: Schema.String.pipe(Schema.minLength(1)),
  status: Schema.optional(Schema.Int.pipe(Schema.between(100, 599))),
  body: Schema.optional(Schema.Unknown),
  headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  delay: Schema.optional(Schema.Union(Schema.NonNegative, Schema.String)),
  hang: Schema.optional(Schema.Boolean),
  reset: Schema.optional(Schema.Boolean),
  malformed: Schema.optional(Schema.Boolean),
  times: Schema.optional(Schema.Int.pipe(Schema.positive()))
})

const decodeFault = (body: unknown) =>
  Either.mapLeft(Schema.decodeUnknownEither(FaultBody)(body), (e) => SchemaIssues.format(e))

export const routes = (rest: Rest): ReadonlyArray<Route> => [
  {
    method: "GET",
    path: /^\/_sandbox\/rest\/requests$/,
    handle: () => Effect.map(rest.journal, (journal): AdminResponse => ({ status: 200, body: journal }))
  },
  {
    method: "POST",
    path: /^\/_sandbox\/rest\/faults$/,
    handle: (_, body) =>
      Either.match(decodeFault(body), {
        onLeft: (error) => Effect.succeed<AdminResponse>({ status: 400, body: { error } }),
        onRight: ({ delay, operation, ...fault }) =>
          rest.fault(operation, {
            ...fault,
            ...(delay === undefined ? {} : { delay: typeof delay === "number" ? `${delay} millis` : delay as never })
          }).pipe(Effect.as<AdminResponse>({ status: 201, body: { operation, ...fault } }))
      })
  },
  {
    method: "POST",
    path: /^\/_sandbox\/rest\/faults\/clear$/,
    handle: () => Effect.as(rest.clearFaults, { status: 204 })
  }
]
