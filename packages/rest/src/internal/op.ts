/**
 * The shape of every namespace method: validate the request (nothing is sent if it is wrong),
 * call the generated endpoint, map failures to `RestError`; a list with its paginated Stream.
 */
import type * as HttpApi from "@effect/platform/HttpApi"
import type * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type * as RestSchema from "../RestSchema.js"
import { type Rest, validate } from "./call.js"
import { paginate } from "./paginate.js"

/** The groups of an API definition. */
export type Groups<A> = A extends HttpApi.HttpApi<infer _Id, infer G extends HttpApiGroup.HttpApiGroup.Any, infer _E, infer _R> ? G
  : never

export const op = <A>(
  rest: Rest,
  operation: string,
  checks: ReadonlyArray<readonly [Schema.Schema.Any, unknown]>,
  run: () => Effect.Effect<A, unknown>
) =>
  rest.mapErrors(operation)(
    checks.length === 0 ? Effect.suspend(run) : Effect.forEach(checks, ([schema, value]) => validate(operation, schema as Schema.Schema<unknown, unknown>, value), {
      discard: true
    }).pipe(Effect.zipRight(Effect.suspend(run)))
  )

export const listing = <A, I, P>(
  rest: Rest,
  operation: string,
  item: Schema.Schema<A, I>,
  params: Schema.Schema.Any,
  run: (params: P) => Effect.Effect<RestSchema.PageOf<A>, unknown>
) => {
  const list = (p?: P) => op(rest, `${operation}.list`, [[params, p ?? {}]], () => run((p ?? {}) as P))
  return { list, paginate: (p?: P) => paginate(rest, `${operation}.paginate`, item, list(p)) }
}
