/**
 * Spans only when someone collects them: with Effect's built-in tracer (no exporter installed),
 * the client's span and the platform's `http.client` span per request are skipped. Together they
 * cost about 30–55 µs of CPU per request on the bench machine (figure 7); any other tracer (e.g.
 * OpenTelemetry's) gets both, with the same attributes as before.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Effect from "effect/Effect"
import { constTrue } from "effect/Function"
import * as Tracer from "effect/Tracer"

const builtIn = Context.get(DefaultServices.liveServices, Tracer.Tracer)

/** `effect` in a span named `name` when a tracer is installed; untraced otherwise. */
export const traced = (name: string) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.tracerWith((tracer) =>
    tracer === builtIn
      ? Effect.locally(effect, HttpClient.currentTracerDisabledWhen, constTrue)
      : Effect.withSpan(effect, name, { captureStackTrace: false })
  )
