/**
 * Where the facade runs Effects: one `Connection` per `connect()`, whose fibers live in the
 * connection's Scope, and the translation of the core's typed failures into the reference SDK's
 * `RelayError`s.
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as FiberRefs from "effect/FiberRefs"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import type * as Scope from "effect/Scope"
import type { RelayClient as Core } from "@signalwire-effect/relay"
import { RelayError } from "../RelayError.js"

/** The core client's service. */
export type CoreClient = Core.RelayClient["Type"]

/** One `connect()` … `disconnect()`: its Scope, the core client built in it, and a fiber runner. */
export interface Connection {
  readonly scope: Scope.CloseableScope
  readonly relay: CoreClient
  /**
   * Forks into a FiberSet created in the Scope *before* the core client, so that on
   * `disconnect()` the core fails its waiters first (ClientClosed, mapped to the reference's
   * messages) and only leftovers are interrupted.
   */
  readonly runFork: <A, E>(effect: Effect.Effect<A, E>) => Fiber.RuntimeFiber<A, E>
}

/**
 * The fiber runner of a connection: forks with `runtime`'s logger, minimum log level and
 * unhandled-error log level only (no context: what the facade runs needs no service), into
 * `fibers`. Forking copies every FiberRef the runtime carries; with those of the connection's
 * building fiber (its layers, its Scope, …) that copy was a third of the facade's own CPU per
 * request (bench/README.md).
 */
export const leanRunFork = (
  runtime: Runtime.Runtime<never>,
  fibers: FiberSet.FiberSet<unknown, unknown>
): <A, E>(effect: Effect.Effect<A, E>) => Fiber.RuntimeFiber<A, E> => {
  const refs = runtime.fiberRefs
  const lean = Runtime.make({ context: Context.empty(), runtimeFlags: runtime.runtimeFlags, fiberRefs: FiberRefs.empty() }).pipe(
    Runtime.setFiberRef(FiberRef.currentLoggers, FiberRefs.getOrDefault(refs, FiberRef.currentLoggers)),
    Runtime.setFiberRef(FiberRef.currentMinimumLogLevel, FiberRefs.getOrDefault(refs, FiberRef.currentMinimumLogLevel)),
    Runtime.setFiberRef(FiberRef.unhandledErrorLogLevel, FiberRefs.getOrDefault(refs, FiberRef.unhandledErrorLogLevel))
  )
  const run = Runtime.runFork(lean)
  return (effect) => {
    const fiber = run(effect)
    FiberSet.unsafeAdd(fibers, fiber)
    return fiber
  }
}

export const CONNECTION_CLOSED = "Connection closed"
export const CONNECTION_CLOSED_DURING_DIAL = "Connection closed during dial"

/**
 * A wait of the facade timed out. The reference throws a plain `Error` for these
 * (`waitFor(<type>) timed out after <ms>ms`), so this becomes one at the Promise boundary.
 */
export class WaitTimeout extends Data.TaggedError("WaitTimeout")<{ readonly message: string }> {}

interface Tagged {
  readonly _tag: string
}

const isTagged = (error: unknown): error is Tagged & Record<string, unknown> =>
  typeof error === "object" && error !== null && typeof (error as { _tag?: unknown })._tag === "string"

const text = (value: unknown, fallback: string): string => (typeof value === "string" ? value : fallback)

/**
 * A failure of the core as the reference SDK reports it. `closedText` is what a closed connection
 * means for this operation ("Connection closed", or "Connection closed during dial").
 */
export const toRelayError = (error: unknown, closedText: string = CONNECTION_CLOSED): Error => {
  if (error instanceof RelayError) return error
  if (!isTagged(error)) return error instanceof Error ? error : new Error(String(error))
  const cause = { cause: error }
  const message = text(error.message, error._tag)
  switch (error._tag) {
    case "WaitTimeout":
      return new Error(message)
    case "RpcError":
    case "AuthRejected":
    case "CallGone":
      return new RelayError(typeof error.code === "number" ? error.code : -1, message, cause)
    case "RequestTimeout":
      return new RelayError(-1, `Request timeout for ${text(error.method, "request")}`, cause)
    case "ClientClosed":
      return new RelayError(-1, error.operation === "calling.dial" ? CONNECTION_CLOSED_DURING_DIAL : closedText, cause)
    case "ConnectionLost":
      return new RelayError(-1, error.method === "calling.dial" ? CONNECTION_CLOSED_DURING_DIAL : closedText, cause)
    case "QueueFull":
      return new RelayError(-1, "Execute queue full — too many requests while disconnected", cause)
    case "CallEnded":
      // A call is only released by this client when its connection closes (disconnect()).
      return new RelayError(-1, error.endReason === "released" ? closedText : message, cause)
    case "DialFailed":
      return new RelayError(-1, `Dial failed (tag=${text(error.tag, "")})`, cause)
    case "DialTimeout":
      return new RelayError(-1, `Dial timed out waiting for answer (tag=${text(error.tag, "")})`, cause)
    default:
      return new RelayError(-1, message, cause)
  }
}

/** A failed Exit's cause as the Error a Promise rejects with. */
export const causeToError = <E>(cause: Cause.Cause<E>, closedText: string = CONNECTION_CLOSED): Error => {
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) return toRelayError(failure.value, closedText)
  if (Cause.isInterruptedOnly(cause)) return new RelayError(-1, closedText)
  const defect = Cause.squash(cause)
  return defect instanceof Error ? defect : new Error(String(defect))
}

/**
 * Runs an Effect on a connection as a Promise: success resolves, a typed failure rejects with
 * its `RelayError`, interruption (the connection closing) with `closedText`.
 */
export const runOn = <A, E>(
  connection: Connection,
  effect: Effect.Effect<A, E>,
  closedText: string = CONNECTION_CLOSED
): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    connection.runFork(effect).addObserver((exit) => {
      if (exit._tag === "Success") resolve(exit.value)
      else reject(causeToError(exit.cause, closedText))
    })
  })

/**
 * A core request as a Promise without a fiber: `send` writes it and registers the callback
 * (`@signalwire-effect/relay/RelayCallbacks`), which settles the Promise where the reply arrives;
 * failures become `RelayError`s as with `runOn`. When `send` refuses (a tracing client), `fallback`
 * runs it through a fiber instead.
 */
export const requestOn = <A, E>(
  send: (callback: (outcome: Exit.Exit<A, E>) => void) => boolean,
  fallback: () => Promise<A>,
  closedText: string = CONNECTION_CLOSED
): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    const sent = send((exit) => {
      if (exit._tag === "Success") resolve(exit.value)
      else reject(causeToError(exit.cause, closedText))
    })
    if (!sent) fallback().then(resolve, reject)
  })

/**
 * Calls a user callback (sync or async) and logs what it throws or rejects with; never throws.
 * `what` names the callback in that log line; as a function, it is only called then (so a
 * long-running handler's pending Promise keeps no text of its own).
 */
export const invokeDetached = (
  what: string | (() => string),
  callback: () => unknown,
  log: (text: string, error: unknown) => void
): void => {
  const failed = (error: unknown) => log(`${typeof what === "string" ? what : what()} failed`, error)
  try {
    const result = callback()
    if (typeof result === "object" && result !== null && typeof (result as PromiseLike<unknown>).then === "function") {
      ;(result as PromiseLike<unknown>).then(undefined, failed)
    }
  } catch (error) {
    failed(error)
  }
}
