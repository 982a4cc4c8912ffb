/**
 * The per-attempt timeout, cheaper than `Effect.timeoutFail` on the built-in `Clock`.
 *
 * Hand-written for speed (bench figure 7): `Effect.timeoutFail` races the attempt against a sleep
 * in two forked fibers, joins the winner's FiberRefs and interrupts the loser; that cost about
 * 100 µs of CPU per request at 50 in flight on the bench machine (an attempt with it 380–420 µs,
 * without it 280–330, a bare `fetch` 285–305: interleaved runs of 2 000 requests, medians of 5,
 * load average 10–16). Here the attempt runs in one forked fiber and the caller waits for it or
 * for a timer, whichever comes first: 306 µs in the same runs, the whole `RestClient` request
 * 316–336 µs. The attempt's FiberRef changes are not joined back into the caller (an HTTP
 * exchange makes none the caller reads).
 *
 * The timer is a plain `setTimeout` only when the fiber's `Clock` is Effect's built-in one (whose
 * `sleep` is exactly such a timer, with the same limit on long durations); with any other `Clock`
 * (`TestClock`, a caller's own) it is `Effect.timeoutFail`, so virtual time still drives it.
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"

const builtIn = Context.get(DefaultServices.liveServices, Clock.Clock)

/** The longest delay `setTimeout` honours; the built-in `Clock` never wakes up for longer ones. */
const MAX_TIMER_MILLIS = 2 ** 31 - 1

/** `self`, failing with `onTimeout()` (and interrupted) if it has not completed within `duration`. */
export const timeoutFail = <A, E, E1>(
  self: Effect.Effect<A, E>,
  duration: Duration.Duration,
  onTimeout: () => E1
): Effect.Effect<A, E | E1> =>
  Effect.clockWith((clock) => {
    if (clock !== builtIn) return Effect.timeoutFail(self, { duration, onTimeout })
    const millis = Duration.toMillis(duration)
    if (millis > MAX_TIMER_MILLIS) return self
    return Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(Effect.fork(restore(self)), (fiber) =>
        restore(Effect.async<A, E | E1>((resume) => {
          let settled = false
          const onExit = (exit: Exit.Exit<A, E>) => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            resume(exit)
          }
          const timer = setTimeout(() => {
            if (settled) return
            settled = true
            fiber.removeObserver(onExit)
            resume(Effect.zipRight(Fiber.interrupt(fiber), Effect.fail(onTimeout())))
          }, millis)
          fiber.addObserver(onExit)
          // The caller was interrupted: stop the timer and the attempt (waiting for it to end).
          return Effect.suspend(() => {
            settled = true
            clearTimeout(timer)
            fiber.removeObserver(onExit)
            return Fiber.interrupt(fiber)
          })
        }))
      )
    )
  })
