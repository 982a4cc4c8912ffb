/**
 * Where `RestClient` runs the Effect client: one ManagedRuntime per facade instance holding the
 * Effect `RestClient` and a FiberSet-backed runner (so `close()` interrupts what is in flight), the
 * translation of the Effect client's typed errors into the facade's Error classes, and Streams as
 * async generators.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberSet from "effect/FiberSet"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { RestClient as Core, type RestError as CoreError } from "@signalwire-effect/rest"
import {
  RestClientClosedError,
  RestDecodeError,
  RestError,
  RestTransportError,
  RestValidationError
} from "../RestError.js"

/** The Effect client's service. */
export type CoreClient = Core.RestClient["Type"]

type Runner = <A, E>(effect: Effect.Effect<A, E>) => Fiber.RuntimeFiber<A, E>

class Run extends Context.Tag("@signalwire-effect/sdk/internal/RestRun")<Run, Runner>() {}

/** The runtime of one facade instance. */
export interface RestRuntime {
  readonly core: CoreClient
  /** Runs an Effect of the client as a Promise (rejections are the facade's Error classes). */
  readonly run: <A, E>(effect: Effect.Effect<A, E>) => Promise<A>
  /** A Stream of the client as an async generator (lazy: nothing is sent before the first `next()`). */
  readonly iterate: <A, E>(stream: Stream.Stream<A, E>) => AsyncGenerator<A, void, undefined>
  readonly close: () => Promise<void>
}

const isTagged = (error: unknown): error is { readonly _tag: string } & Record<string, unknown> =>
  typeof error === "object" && error !== null && typeof (error as { _tag?: unknown })._tag === "string"

const bodyOf = (body: unknown): string | Record<string, unknown> =>
  typeof body === "string" ? body : typeof body === "object" && body !== null ? (body as Record<string, unknown>) : JSON.stringify(body) ?? ""

/** A failure of the Effect client as the facade rejects with it. */
export const toFacadeError = (error: unknown): Error => {
  if (!isTagged(error)) return error instanceof Error ? error : new Error(String(error))
  const e = error as unknown as CoreError.RestError
  switch (e._tag) {
    case "RestHttpError":
      return new RestError(e.status, bodyOf(e.body), e.url, e.method, { headers: e.headers, requestId: e.requestId, cause: e })
    case "RestTransportError":
      return new RestTransportError(e.message, { method: e.method, url: e.url, reason: e.reason, cause: e })
    case "RestValidationError":
      return new RestValidationError(e.message, { operation: e.operation, detail: e.detail, cause: e })
    case "RestDecodeError":
      return new RestDecodeError(e.message, { operation: e.operation, detail: e.detail, cause: e })
    default:
      return error instanceof Error ? error : new Error(String((error as { message?: unknown }).message ?? error._tag))
  }
}

const causeToError = <E>(cause: Cause.Cause<E>): Error => {
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) return toFacadeError(failure.value)
  if (Cause.isInterruptedOnly(cause)) return new RestClientClosedError()
  const defect = Cause.squash(cause)
  return defect instanceof Error ? defect : new Error(String(defect))
}

/**
 * Builds the Effect client from `layer` now, synchronously (a `ConfigError` is thrown as the
 * Effect failure itself, for the caller to translate).
 */
// Undici's `request` rather than the global `fetch` by default: through the same Effect client it
// costs about half the CPU per request (bench figure 7: 0.6× a bare `fetch` loop on
// FetchHttpClient, 0.86–1.06× on undici). A `fetchImpl` keeps every request on it.
export const make = (layer: Layer.Layer<Core.RestClient, unknown, HttpClient.HttpClient>, fetchImpl: typeof globalThis.fetch | undefined): RestRuntime => {
  const http = fetchImpl === undefined
    ? NodeHttpClient.layerUndici
    : FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fetchImpl)))
  const runtime = ManagedRuntime.make(
    Layer.merge(layer.pipe(Layer.provide(http)), Layer.scoped(Run, FiberSet.makeRuntime<never>()))
  )
  const built = runtime.runSyncExit(Effect.all([Core.RestClient, Run]))
  if (Exit.isFailure(built)) {
    void runtime.dispose()
    throw Option.getOrElse(Cause.failureOption(built.cause), () => Cause.squash(built.cause))
  }
  const [core, runFork] = built.value
  let closed = false
  const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
    closed ? Promise.reject(new RestClientClosedError()) : new Promise<A>((resolve, reject) => {
      runFork(effect).addObserver((exit) => {
        if (exit._tag === "Success") resolve(exit.value)
        else reject(closed ? new RestClientClosedError() : causeToError(exit.cause))
      })
    })
  const iterate = async function*<A, E>(stream: Stream.Stream<A, E>): AsyncGenerator<A, void, undefined> {
    const scope = Effect.runSync(Scope.make())
    try {
      const pull = await run(Scope.extend(Stream.toPull(stream), scope))
      // A pull fails with None at the end of the stream, Some(error) on a failure.
      const next = Effect.catchAll(Effect.asSome(pull), Option.match({ onNone: () => Effect.succeedNone, onSome: Effect.fail }))
      for (;;) {
        const chunk = await run(next)
        if (Option.isNone(chunk)) return
        yield* chunk.value
      }
    } finally {
      await Effect.runPromise(Scope.close(scope, Exit.void))
    }
  }
  return {
    core,
    run,
    iterate,
    close: () => {
      closed = true
      return runtime.dispose()
    }
  }
}

/**
 * The Promise form of the Effect client's namespaces: a method returning an `Effect<A, E>` returns
 * `Promise<A>`, one returning a `Stream<A, E>` an `AsyncGenerator<A>`; a nested namespace is
 * mapped the same way; any other field is kept as it is. A generic method loses its type
 * parameters (they are inferred at their constraints); an overloaded one keeps its last signature.
 */
export type Promised<T> = T extends (...args: infer P) => infer R ? (...args: P) => PromisedResult<R>
  : T extends Effect.Effect<infer _A, infer _E, infer _R> ? T
  : T extends Stream.Stream<infer _A, infer _E, infer _R> ? T
  : T extends object ? { readonly [K in keyof T]: Promised<T[K]> }
  : T

/** What a method of {@link Promised} returns. */
export type PromisedResult<R> = R extends Effect.Effect<infer A, infer _E, infer _R> ? Promise<A>
  : R extends Stream.Stream<infer A, infer _E, infer _R> ? AsyncGenerator<A, void, undefined>
  : R

/** A namespace to map: an object literal or a class instance (not an Effect, a Stream or a built-in). */
const isNamespace = (value: unknown): value is object => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false
  if (Effect.isEffect(value) || Stream.StreamTypeId in value) return false
  return !(value instanceof Date || value instanceof RegExp || value instanceof Map || value instanceof Set || value instanceof Promise)
}

/** Own enumerable keys, then the methods of its classes (prototype chain up to `Object.prototype`). */
export const keysOf = (value: object): ReadonlyArray<string> => {
  const keys = new Set(Object.keys(value))
  for (let proto = Object.getPrototypeOf(value) as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key !== "constructor" && typeof Object.getOwnPropertyDescriptor(proto, key)?.value === "function") keys.add(key)
    }
  }
  return [...keys]
}

/** The runtime side of {@link Promised}: every method of `namespace`, recursively, wrapped. */
export const promisify = <T extends object>(namespace: T, runtime: Pick<RestRuntime, "run" | "iterate">): Promised<T> => {
  const out: Record<string, unknown> = {}
  for (const key of keysOf(namespace)) {
    const value: unknown = (namespace as Record<string, unknown>)[key]
    if (typeof value === "function") {
      out[key] = (...args: Array<unknown>) => {
        const result: unknown = (value as (...a: Array<unknown>) => unknown).apply(namespace, args)
        if (Effect.isEffect(result)) return runtime.run(result as Effect.Effect<unknown, unknown>)
        if (Stream.StreamTypeId in Object(result)) return runtime.iterate(result as Stream.Stream<unknown, unknown>)
        return result
      }
    } else {
      out[key] = isNamespace(value) ? promisify(value, runtime) : value
    }
  }
  return out as Promised<T>
}
