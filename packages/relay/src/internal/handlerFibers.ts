/**
 * The running call-handler fibers of a client, for `drain` and close: what a `FiberSet` does for
 * them, with the observer each handler fiber has anyway (`serve`) instead of one more per fiber.
 * A `FiberSet` adds its own observer to each fiber (a closure and its context): ~0.1 KiB per live
 * call in a heap-snapshot diff (bench/README.md, issue 21).
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"

export class HandlerFibers {
  private readonly fibers = new Set<Fiber.RuntimeFiber<void, unknown>>()
  /** Completed when the set next becomes empty (made by the first waiter). */
  private idle: Deferred.Deferred<void> | undefined = undefined
  private closed = false

  /** Tracks a new handler fiber; once closed, interrupts it at once. */
  add(fiber: Fiber.RuntimeFiber<void, unknown>): void {
    if (this.closed) fiber.unsafeInterruptAsFork(FiberId.none)
    this.fibers.add(fiber)
  }

  /** Stops tracking a fiber that has ended (from its observer). */
  remove(fiber: Fiber.RuntimeFiber<void, unknown>): void {
    this.fibers.delete(fiber)
    if (this.fibers.size > 0 || this.idle === undefined) return
    const idle = this.idle
    this.idle = undefined
    Deferred.unsafeDone(idle, Exit.void)
  }

  get size(): number {
    return this.fibers.size
  }

  /** Waits until no handler fiber runs. */
  get awaitEmpty(): Effect.Effect<void> {
    return Effect.suspend(() => {
      if (this.fibers.size === 0) return Effect.void
      this.idle ??= Deferred.unsafeMake<void>(FiberId.none)
      return Deferred.await(this.idle)
    })
  }

  /** Interrupts every handler fiber and waits for them to end. */
  get clear(): Effect.Effect<void> {
    return Effect.suspend(() => Fiber.interruptAll(Array.from(this.fibers)))
  }

  /** `clear`; handler fibers added after this are interrupted at once. */
  get close(): Effect.Effect<void> {
    return Effect.suspend(() => {
      this.closed = true
      return this.clear
    })
  }
}
