/**
 * The reference SDK's promise helpers (TypeScript only): `createDeferred` and `withTimeout`.
 *
 * @since 0.1.0
 */

/**
 * A Promise with its `resolve` / `reject` exposed. Settling is idempotent: the first call wins,
 * later ones are ignored; `settled` says whether it happened.
 *
 *
 * @example
 * ```ts
 * import type { Deferred } from "@signalwire-effect/sdk"
 *
 * const settle = (ready: Deferred<void>) => ready.settled || ready.resolve()
 * ```
 * @since 0.1.0
 */
export interface Deferred<T> {
  readonly promise: Promise<T>
  readonly resolve: (value: T) => void
  readonly reject: (reason: unknown) => void
  readonly settled: boolean
}

/**
 * Creates a {@link Deferred}.
 *
 * @example
 * ```ts
 * import { createDeferred } from "@signalwire-effect/sdk"
 *
 * const ready = createDeferred<string>()
 * setTimeout(() => ready.resolve("go"), 10)
 * await ready.promise // "go"
 * ```
 * @since 0.1.0
 */
export const createDeferred = <T>(): Deferred<T> => {
  let resolvePromise!: (value: T) => void
  let rejectPromise!: (reason: unknown) => void
  const promise = new Promise<T>((resolve, reject) => {
    resolvePromise = resolve
    rejectPromise = reject
  })
  let settled = false
  return {
    promise,
    get settled() {
      return settled
    },
    resolve: (value) => {
      if (settled) return
      settled = true
      resolvePromise(value)
    },
    reject: (reason) => {
      if (settled) return
      settled = true
      rejectPromise(reason)
    }
  }
}

/**
 * Races a Promise against a timer of `ms` **milliseconds**; on timeout it rejects with
 * `Error("<label> timed out after <ms>ms")`. The timer is cleared when the Promise settles first.
 *
 * @example
 * ```ts
 * import { withTimeout } from "@signalwire-effect/sdk"
 *
 * await withTimeout(fetch("https://example.com"), 5_000, "fetch") // rejects with "fetch timed out after 5000ms"
 * ```
 * @since 0.1.0
 */
export const withTimeout = <T>(promise: Promise<T>, ms: number, label = "Operation"): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} timed out after ${ms}ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      }
    )
  })
