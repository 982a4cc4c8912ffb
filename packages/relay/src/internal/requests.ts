/**
 * The request table: every JSON-RPC request the client waits on, written on a session or queued
 * (bounded) for the next one, and the single sweeper fiber that enforces their timeouts.
 *
 * This is the measured hot path (bench/README.md), hand-written on purpose:
 * - a waiter is a bare `Effect.async` callback, not a Deferred (the hottest allocation of a request),
 *   and without a canceler: an `onInterrupt` around it was 5 of the ~14 runtime operations of a
 *   request and ~30 % of its CPU at 1 000 in flight. An interrupted waiter's fiber is kept instead;
 *   once that fiber is done its request is dropped where the table next comes across it (a flush
 *   does not send it, the sweeper does not time it out), and a late reply settles it unseen;
 * - timeouts are enforced by one sweeper fiber, not a race and a sleep per request (which cost more
 *   than the rest of the request path together); the sweeper sleeps while nothing waits;
 * - replies may be settled straight from the socket callback (see session.ts), so settling is
 *   synchronous and touches only this table.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import type * as Scope from "effect/Scope"
import { ConnectionLost, InvalidRequest, QueueFull, type RequestError, RequestTimeout, RpcError } from "../RelayError.js"
import * as RelayFrame from "../RelayFrame.js"
import * as metrics from "../RelayMetrics.js"
import { detachFromSpan } from "./detach.js"

/** One JSON-RPC request waiting for its reply: written on session `sentOn`, or queued while 0. */
export interface PendingRequest {
  readonly id: string
  readonly method: string
  readonly text: string
  /** The waiter's callback (a fiber's, or a Promise's), once it waits; the outcome, if it came first. */
  resume: ((outcome: Exit.Exit<RelayFrame.JsonObject, RequestError>) => void) | undefined
  /** The fiber waiting in `await` (none for `onOutcome`): once it is done, nobody waits any more. */
  waiter: Fiber.RuntimeFiber<unknown, unknown> | undefined
  outcome: Exit.Exit<RelayFrame.JsonObject, RequestError> | undefined
  /** Clock millis after which the request fails with RequestTimeout. */
  readonly deadline: number
  readonly timeoutMillis: number
  /** Application requests may close a half-open session on timeout (PROTOCOL.md §5.4); control requests never do. */
  readonly closeOnTimeout: boolean
  /** True when a queued request no longer makes sense (its call's session was replaced): not sent. */
  readonly stale: (() => boolean) | undefined
  sentOn: number
}

export interface RequestTable {
  /** Encodes a request; `InvalidRequest` if its params cannot be written as JSON. */
  readonly create: (
    method: string,
    params: RelayFrame.JsonObject,
    timeout: Duration.Duration,
    closeOnTimeout: boolean,
    stale?: () => boolean
  ) => Either.Either<PendingRequest, InvalidRequest>
  /** Tracks a request written on session `sentOn`. */
  readonly sent: (entry: PendingRequest, sentOn: number) => void
  /** Tracks a request to be written on the next session; `QueueFull` past the capacity. */
  readonly enqueue: (entry: PendingRequest) => Either.Either<void, QueueFull>
  /**
   * Writes the queued requests in order while `send` accepts them (failing stale ones with
   * ConnectionLost instead); true when none is left.
   */
  readonly flush: (sessionNumber: number, send: (text: string) => boolean) => boolean
  /** Waits for the request's outcome (the sweeper fails it at its deadline). */
  readonly await: (entry: PendingRequest) => Effect.Effect<RelayFrame.JsonObject, RequestError>
  /**
   * `await`, from inside the waiting fiber's own `Effect.withFiberRuntime` (the caller's step that
   * wrote the request): one runtime operation fewer per request than `await`.
   */
  readonly awaitIn: (
    entry: PendingRequest,
    fiber: Fiber.RuntimeFiber<unknown, unknown>
  ) => Effect.Effect<RelayFrame.JsonObject, RequestError>
  /**
   * Waits for the request's outcome with a callback instead of a fiber (the Promise facade's way):
   * the same settling, timeouts and errors as `await`; `callback` runs once, synchronously where
   * the request is settled (at once if it already was).
   */
  readonly onOutcome: (
    entry: PendingRequest,
    callback: (outcome: Exit.Exit<RelayFrame.JsonObject, RequestError>) => void
  ) => void
  readonly get: (id: string) => PendingRequest | undefined
  /** Settles a request with its reply: a failing `result.code` (PROTOCOL.md §7.1) or an error is an RpcError. */
  readonly reply: (entry: PendingRequest, frame: RelayFrame.ResultReply | RelayFrame.ErrorReply) => void
  readonly fail: (entry: PendingRequest, error: RequestError) => void
  /** Fails the requests written on one session (it ended). */
  readonly failSentOn: (sessionNumber: number, error: (entry: PendingRequest) => RequestError) => void
  /** Fails every request, in bulk, one error value per method. */
  readonly failAll: (error: (method: string) => RequestError) => void
}

/**
 * The text of `RelayFrame.encode(RelayFrame.request(id, method, params))`, written out: no frame
 * object, no envelope object and no `Either` per request: ~220 instead of ~540 ns of CPU for a
 * `signalwire.ping` (a loop of 2 000 000, this machine); `encodeEither` was ~6 % of the client's
 * busy time at 1 000 requests in flight. `id` is a UUID: nothing in it needs escaping.
 */
const requestText = (id: string, method: string, params: RelayFrame.JsonObject | undefined): string | UnencodableReason => {
  try {
    return `{"jsonrpc":"2.0","id":"${id}","method":${JSON.stringify(method)},"params":${
      params === undefined ? "{}" : JSON.stringify(params)
    }}`
  } catch (cause) {
    return new UnencodableReason(String(cause))
  }
}

class UnencodableReason {
  constructor(readonly detail: string) {}
}

const signalwireCodeOf = (data: unknown): string | undefined =>
  typeof data === "object" && data !== null && "signalwire_error_code" in data &&
    typeof data.signalwire_error_code === "string"
    ? data.signalwire_error_code
    : undefined

/**
 * Makes the table and forks its sweeper into the current Scope. `onTimeout` runs (on the sweeper)
 * after a request failed with RequestTimeout.
 */
export const make = (options: {
  readonly queueCapacity: number
  readonly onTimeout: (entry: PendingRequest) => Effect.Effect<void>
}): Effect.Effect<RequestTable, never, Scope.Scope> =>
  Effect.gen(function*() {
    const clock = yield* Effect.clock
    const pending = new Map<string, PendingRequest>()
    const queued = new Map<string, PendingRequest>()

    // Gauges move by deltas, so that several clients in one process add up (never overwrite).
    const track = (entry: PendingRequest) => {
      pending.set(entry.id, entry)
      metrics.requestsInFlight.unsafeModify(1, [])
    }
    const forget = (entry: PendingRequest) => {
      if (pending.get(entry.id) === entry) {
        pending.delete(entry.id)
        metrics.requestsInFlight.unsafeModify(-1, [])
      }
      if (queued.get(entry.id) === entry) {
        queued.delete(entry.id)
        metrics.outboundQueueDepth.unsafeModify(-1, [])
      }
    }

    const settle = (entry: PendingRequest, exit: Exit.Exit<RelayFrame.JsonObject, RequestError>) => {
      forget(entry)
      if (entry.outcome !== undefined) return
      entry.outcome = exit
      const resume = entry.resume
      entry.resume = undefined
      entry.waiter = undefined
      resume?.(exit)
    }

    // The waiter was interrupted (its fiber ended before the outcome): the request leaves the
    // table without an outcome, as the canceler it does not have would have done.
    const abandoned = (entry: PendingRequest) => entry.waiter !== undefined && entry.waiter.unsafePoll() !== null
    const drop = (entry: PendingRequest) => {
      forget(entry)
      entry.resume = undefined
      entry.waiter = undefined
    }

    // Wakes at the earliest deadline of the requests waiting, or sooner when a request with an
    // earlier deadline arrives (then `sweepTarget` is lowered and `rearm` opened).
    const requestsWaiting = yield* Effect.makeLatch(false)
    const rearm = yield* Effect.makeLatch(false)
    let sweepTarget = Number.POSITIVE_INFINITY

    const expire = (entry: PendingRequest): Effect.Effect<void> => {
      metrics.requestTimeouts.unsafeUpdate(1, [])
      settle(
        entry,
        Exit.fail(new RequestTimeout({ method: entry.method, requestId: entry.id, timeoutMillis: entry.timeoutMillis }))
      )
      return options.onTimeout(entry)
    }

    const sweep = Effect.gen(function*() {
      while (true) {
        if (pending.size === 0) {
          sweepTarget = Number.POSITIVE_INFINITY
          requestsWaiting.unsafeClose()
          yield* requestsWaiting.await
          continue
        }
        const now = clock.unsafeCurrentTimeMillis()
        let earliest = Number.POSITIVE_INFINITY
        for (const entry of Array.from(pending.values())) {
          if (abandoned(entry)) drop(entry)
          else if (entry.deadline <= now) yield* expire(entry)
          else if (entry.deadline < earliest) earliest = entry.deadline
        }
        if (earliest === Number.POSITIVE_INFINITY) continue
        sweepTarget = earliest
        rearm.unsafeClose()
        yield* Effect.raceFirst(Effect.sleep(Duration.millis(earliest - now)), rearm.await)
      }
    })
    yield* Effect.forkScoped(detachFromSpan(sweep))

    // A request is waited on: the sweeper must be awake, and wake at its deadline.
    const watchDeadline = (entry: PendingRequest) => {
      requestsWaiting.unsafeOpen()
      if (entry.deadline < sweepTarget) {
        sweepTarget = entry.deadline
        rearm.unsafeOpen()
      }
    }

    const awaitIn = (
      entry: PendingRequest,
      fiber: Fiber.RuntimeFiber<unknown, unknown>
    ): Effect.Effect<RelayFrame.JsonObject, RequestError> => {
      watchDeadline(entry)
      if (entry.outcome !== undefined) return entry.outcome
      entry.waiter = fiber
      // No canceler, on purpose (see the top of this file).
      return Effect.async<RelayFrame.JsonObject, RequestError>((resume) => {
        if (entry.outcome !== undefined) return resume(entry.outcome)
        entry.resume = resume
      })
    }

    return {
      create: (method, params, timeout, closeOnTimeout, stale) => {
        const id = globalThis.crypto.randomUUID()
        const text = requestText(id, method, params)
        if (typeof text !== "string") return Either.left(new InvalidRequest({ method, reason: text.detail }))
        const timeoutMillis = Duration.toMillis(timeout)
        return Either.right({
          id,
          method,
          text,
          resume: undefined,
          waiter: undefined,
          outcome: undefined,
          deadline: clock.unsafeCurrentTimeMillis() + timeoutMillis,
          timeoutMillis,
          closeOnTimeout,
          stale,
          sentOn: 0
        })
      },
      sent: (entry, sentOn) => {
        entry.sentOn = sentOn
        track(entry)
      },
      enqueue: (entry) => {
        if (queued.size >= options.queueCapacity) {
          return Either.left(new QueueFull({ method: entry.method, capacity: options.queueCapacity }))
        }
        queued.set(entry.id, entry)
        metrics.outboundQueueDepth.unsafeModify(1, [])
        track(entry)
        return Either.void
      },
      flush: (sessionNumber, send) => {
        for (const entry of Array.from(queued.values())) {
          if (abandoned(entry)) {
            drop(entry)
            continue
          }
          if (entry.stale?.() === true) {
            settle(
              entry,
              Exit.fail(new ConnectionLost({ method: entry.method, requestId: entry.id, reason: "stale: not sent" }))
            )
            continue
          }
          if (!send(entry.text)) return false
          entry.sentOn = sessionNumber
          queued.delete(entry.id)
          metrics.outboundQueueDepth.unsafeModify(-1, [])
        }
        return true
      },
      await: (entry) => Effect.withFiberRuntime((fiber) => awaitIn(entry, fiber)),
      awaitIn,
      onOutcome: (entry, callback) => {
        watchDeadline(entry)
        if (entry.outcome !== undefined) return callback(entry.outcome)
        entry.resume = callback
      },
      get: (id) => pending.get(id),
      reply: (entry, frame) => {
        if (frame._tag === "ErrorReply") {
          const { code, data, message } = frame.error
          const signalwireCode = signalwireCodeOf(data)
          settle(
            entry,
            Exit.fail(
              new RpcError({
                method: entry.method,
                code,
                message,
                ...(signalwireCode === undefined ? {} : { signalwireCode }),
                ...(data === undefined ? {} : { data })
              })
            )
          )
          return
        }
        // PROTOCOL.md §3.2: the connect result is not subject to the code rule of §7.1.
        const code = entry.method === "signalwire.connect" ? undefined : RelayFrame.failingCode(frame.result)
        if (code === undefined) return settle(entry, Exit.succeed(frame.result))
        const message = typeof frame.result.message === "string" ? frame.result.message : "Unknown error"
        settle(entry, Exit.fail(new RpcError({ method: entry.method, code, message, data: frame.result })))
      },
      fail: (entry, error) => settle(entry, Exit.fail(error)),
      failSentOn: (sessionNumber, error) => {
        for (const entry of Array.from(pending.values())) {
          if (entry.sentOn === sessionNumber) settle(entry, Exit.fail(error(entry)))
        }
      },
      failAll: (error) => {
        // In bulk: thousands of waiters may be failing here, and each must get its error at once.
        const entries = Array.from(pending.values())
        metrics.requestsInFlight.unsafeModify(-pending.size, [])
        metrics.outboundQueueDepth.unsafeModify(-queued.size, [])
        pending.clear()
        queued.clear()
        const exits = new Map<string, Exit.Exit<never, RequestError>>()
        for (const entry of entries) {
          let exit = exits.get(entry.method)
          if (exit === undefined) {
            exit = Exit.fail(error(entry.method))
            exits.set(entry.method, exit)
          }
          settle(entry, exit)
        }
      }
    }
  })
