/**
 * Spans on the request path only when someone collects them: with Effect's built-in tracer (no
 * exporter installed) they are skipped. The platform's `http.server` span and ours cost more CPU
 * per SWAIG call than the agent's own work on the bench machine (figure 8); any other tracer
 * (e.g. OpenTelemetry's) gets them all, with the same names and attributes.
 */
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"

const builtIn = Context.get(DefaultServices.liveServices, Tracer.Tracer)

/** Whether the current tracer is one other than Effect's built-in one. */
export const tracerInstalled: Effect.Effect<boolean> = Effect.map(Effect.tracer, (tracer) => tracer !== builtIn)

/** `effect` in a span (no stack trace captured) when a tracer is installed; untraced otherwise. */
export const traced = (name: string, attributes?: Record<string, unknown>) =>
<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.tracerWith((tracer) =>
    tracer === builtIn
      ? effect
      : Effect.withSpan(effect, name, attributes === undefined ? { captureStackTrace: false } : { attributes, captureStackTrace: false })
  )
