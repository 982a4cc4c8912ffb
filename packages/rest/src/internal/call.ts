/**
 * What every namespace method shares: the generated API client, the raw HttpClient (for
 * next-page links), request validation before anything is sent, and the mapping of every failure
 * to a `RestError`.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as Effect from "effect/Effect"
import { SchemaIssues } from "@signalwire-effect/config"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import {
  type RestError,
  RestDecodeError,
  RestHttpError,
  RestTransportError,
  RestValidationError
} from "../RestError.js"
import { traced } from "./tracing.js"

export interface Rest {
  readonly http: HttpClient.HttpClient.With<unknown>
  readonly mapErrors: (
    operation: string
  ) => <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, RestError, R>
}

const isRestError = (error: unknown): error is RestError =>
  error instanceof RestHttpError || error instanceof RestTransportError || error instanceof RestDecodeError ||
  error instanceof RestValidationError

const toRestError = (operation: string, error: unknown): Effect.Effect<never, RestError> => {
  if (isRestError(error)) return Effect.fail(error)
  if (ParseResult.isParseError(error)) {
    return Effect.fail(new RestDecodeError({ operation, detail: SchemaIssues.format(error) }))
  }
  if (HttpClientError.isHttpClientError(error)) {
    return error._tag === "ResponseError"
      ? Effect.fail(new RestDecodeError({ operation, detail: `${error.response.status}: ${error.message}` }))
      : Effect.fail(
        // `error.cause`, not `error`: the platform's error carries the request and its Authorization header.
        new RestTransportError({ method: error.request.method, url: error.request.url, reason: "Transport", cause: error.cause })
      )
  }
  // Declared error bodies (404, 422, 401) are read by the HttpClient as RestHttpError before the
  // API client could decode them; anything else is a bug.
  return Effect.die(error)
}

export const mapErrors = (operation: string) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.catchAll(effect, (error) => toRestError(operation, error)).pipe(
    traced(`RestClient.${operation}`)
  )

/** Checks a value against the schema the request will be encoded with; nothing is sent if it fails. */
export const validate = <A, I, R>(operation: string, schema: Schema.Schema<A, I, R>, value: unknown) =>
  Schema.encodeUnknown(schema)(value).pipe(
    Effect.asVoid,
    Effect.mapError((error) =>
      new RestValidationError({ operation, detail: SchemaIssues.format(error) })
    )
  )
