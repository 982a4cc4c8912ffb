/**
 * The resume data (`protocol`, `authorization_state`) of the connection, kept in memory and
 * written to the user's SessionStore by a fiber of its own.
 *
 * The store is user code: a slow or stuck `set` must not hold the dispatcher (which learns the
 * authorization state from an event) or the supervisor (which learns the protocol from the
 * connect reply). Writes coalesce: the writer always writes the latest value, once.
 */
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as SessionStore from "../SessionStore.js"
import { detachFromSpan } from "./detach.js"

export interface Resume {
  /** The latest resume data (what the next `signalwire.connect` sends). */
  readonly current: () => SessionStore.ResumeData
  /** Replaces the resume data now; the store is written in the background. */
  readonly set: (next: SessionStore.ResumeData) => void
}

/**
 * Reads the store once (the client's start waits for it), then forks the writer into the current
 * Scope. When the Scope closes, a write still pending is given `flushTimeout` to finish.
 */
export const make = (flushTimeout: Duration.Duration): Effect.Effect<Resume, never, Scope.Scope> =>
  Effect.gen(function*() {
    const store = Option.getOrUndefined(yield* Effect.serviceOption(SessionStore.SessionStore)) ??
      (yield* SessionStore.makeMemory)
    let current = yield* store.get
    let unwritten: SessionStore.ResumeData | undefined
    const wanted = yield* Effect.makeLatch(false)
    // Open while nothing is waiting to be written (nor being written).
    const idle = yield* Effect.makeLatch(true)

    const writer = Effect.gen(function*() {
      while (true) {
        yield* wanted.await
        wanted.unsafeClose()
        const next = unwritten
        unwritten = undefined
        if (next !== undefined) {
          // Interruptible, so that closing the client can abandon a store that never answers.
          yield* Effect.interruptible(store.set(next)).pipe(
            Effect.catchAllCause((cause) =>
              Cause.isInterruptedOnly(cause)
                ? Effect.failCause(cause)
                : Effect.logWarning("SessionStore.set failed; the resume data is kept in memory", cause)
            )
          )
        }
        if (unwritten === undefined) idle.unsafeOpen()
      }
    })
    yield* Effect.forkScoped(detachFromSpan(writer))
    // Runs before the writer is interrupted (finalizers run last-in first-out): the last write
    // gets its chance, within a bound.
    yield* Effect.addFinalizer(() =>
      Effect.timeout(Effect.interruptible(idle.await), flushTimeout).pipe(
        Effect.catchTag(
          "TimeoutException",
          () => Effect.logWarning(`SessionStore.set still running after ${Duration.format(flushTimeout)}; abandoned`)
        )
      )
    )

    return {
      current: () => current,
      set: (next) => {
        current = next
        unwritten = next
        idle.unsafeClose()
        wanted.unsafeOpen()
      }
    }
  })
