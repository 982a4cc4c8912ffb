/**
 * "Wait for the first item (existing or future) that passes a test", shared by the call and
 * message engines: `notify` after every change of an item, `waitFor` from the public API. A test
 * that throws fails its own waiter (as a defect) and nobody else's.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as FiberId from "effect/FiberId"

interface Watcher<T, S> {
  readonly test: (item: T) => boolean
  readonly deferred: Deferred.Deferred<S>
}

export interface Watchers<T, S> {
  readonly notify: (item: T) => void
  readonly waitFor: (test: (item: T) => boolean) => Effect.Effect<S>
}

export const make = <T, S>(all: () => Iterable<T>, snapshot: (item: T) => S): Watchers<T, S> => {
  const watchers = new Set<Watcher<T, S>>()
  return {
    notify: (item) => {
      if (watchers.size === 0) return
      let snap: S | undefined
      for (const watcher of watchers) {
        let matched: boolean
        try {
          matched = watcher.test(item)
        } catch (error) {
          watchers.delete(watcher)
          Deferred.unsafeDone(watcher.deferred, Effect.die(error))
          continue
        }
        if (!matched) continue
        watchers.delete(watcher)
        snap ??= snapshot(item)
        Deferred.unsafeDone(watcher.deferred, Effect.succeed(snap))
      }
    },
    waitFor: (test) =>
      Effect.suspend(() => {
        for (const item of all()) {
          if (test(item)) return Effect.succeed(snapshot(item))
        }
        const watcher: Watcher<T, S> = { test, deferred: Deferred.unsafeMake<S>(FiberId.none) }
        watchers.add(watcher)
        return Deferred.await(watcher.deferred).pipe(Effect.ensuring(Effect.sync(() => watchers.delete(watcher))))
      })
  }
}
