import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"

/**
 * Runs a fiber that lives as long as the client outside the caller's span. The default logger
 * records every log line as an event of the current span, so a span held for the client's whole
 * life (or one that ended with `make`) would grow without bound.
 */
export const detachFromSpan = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.mapInputContext(
    effect,
    (context: Context.Context<R>) => Context.omit(Tracer.ParentSpan)(context) as Context.Context<R>
  )
