/**
 * A settle-once outcome that any number of `wait(timeout?)` calls can observe. Unlike a stored
 * Promise, nothing is created until someone waits, so an outcome that fails while nobody waits
 * never becomes an unhandled rejection; a timed-out wait leaves the outcome untouched.
 */
type State<A> =
  | { readonly _tag: "Pending"; readonly waiters: Set<Waiter<A>> }
  | { readonly _tag: "Succeeded"; readonly value: A }
  | { readonly _tag: "Failed"; readonly error: Error }

interface Waiter<A> {
  readonly resolve: (value: A) => void
  readonly reject: (error: Error) => void
}

export class Outcome<A> {
  #state: State<A> = { _tag: "Pending", waiters: new Set() }

  get isDone(): boolean {
    return this.#state._tag !== "Pending"
  }

  get value(): A | undefined {
    return this.#state._tag === "Succeeded" ? this.#state.value : undefined
  }

  succeed(value: A): boolean {
    return this.#settle({ _tag: "Succeeded", value })
  }

  fail(error: Error): boolean {
    return this.#settle({ _tag: "Failed", error })
  }

  #settle(next: Exclude<State<A>, { readonly _tag: "Pending" }>): boolean {
    const state = this.#state
    if (state._tag !== "Pending") return false
    this.#state = next
    for (const waiter of state.waiters) {
      if (next._tag === "Succeeded") waiter.resolve(next.value)
      else waiter.reject(next.error)
    }
    return true
  }

  /**
   * Resolves with the value, rejects with the failure, or rejects with `onTimeout()` once
   * `timeoutMillis` passes first (the outcome itself is not affected).
   */
  wait(timeoutMillis?: number, onTimeout?: () => Error): Promise<A> {
    const state = this.#state
    if (state._tag === "Succeeded") return Promise.resolve(state.value)
    if (state._tag === "Failed") return Promise.reject(state.error)
    return new Promise<A>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const waiter: Waiter<A> = {
        resolve: (value) => {
          if (timer !== undefined) clearTimeout(timer)
          resolve(value)
        },
        reject: (error) => {
          if (timer !== undefined) clearTimeout(timer)
          reject(error)
        }
      }
      state.waiters.add(waiter)
      if (timeoutMillis !== undefined && onTimeout !== undefined) {
        timer = setTimeout(() => {
          state.waiters.delete(waiter)
          reject(onTimeout())
        }, Math.max(0, timeoutMillis))
      }
    })
  }
}
