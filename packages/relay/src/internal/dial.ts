/**
 * Dials: tag correlation of legs and winner (PROTOCOL.md §6.4), typed outcomes, and reconciliation of the
 * legs of a dial that gave up (late legs are hung up, or handed to `adoptLateCall`).
 *
 * Routing runs on the connection's dispatcher, one event at a time; everything here is plain
 * mutable state touched synchronously, so "register, then send" and "route the event" never
 * interleave badly.
 */
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import type * as CallApi from "../Call.js"
import type * as Device from "../Device.js"
import {
  ClientClosed,
  ConnectionLost,
  type DialError,
  DialFailed,
  DialTimeout,
  InvalidRequest,
  SessionLost
} from "../RelayError.js"
import type * as RelayEvent from "../RelayEvent.js"
import type { JsonObject } from "../RelayFrame.js"
import * as metrics from "../RelayMetrics.js"
import type { CallImpl } from "./call.js"
import { hangupQuietly, newCall, release, serve } from "./callRuntime.js"
import { obj, type Runtime, str } from "./callShared.js"
import * as params from "./params.js"

interface PendingDial {
  readonly tag: string
  readonly deferred: Deferred.Deferred<CallImpl, DialError>
  readonly legs: Set<string>
  readonly endReasons: Array<string>
  accepted: boolean
}

interface AbandonedDial {
  readonly expires: number
  readonly adopt: CallApi.DialOptions["adoptLateCall"]
  readonly hungUp: Set<string>
}

export interface Dials {
  readonly dial: (devices: Device.DialPlan, options?: CallApi.DialOptions) => Effect.Effect<CallApi.Call, DialError, Scope.Scope>
  /** Routes a `calling.call.state` event (legs of dials in progress or abandoned, known calls). */
  readonly onState: (event: RelayEvent.Known<"calling.call.state">) => Effect.Effect<void>
  readonly onDial: (event: RelayEvent.Known<"calling.call.dial">) => Effect.Effect<void>
  /** PROTOCOL.md §14: a dial waiting for its events fails; its tag is kept so that a late leg is reconciled. */
  readonly sessionLost: (reason: string) => void
  /** The session was replaced: dials in progress fail, abandoned tags are forgotten. */
  readonly sessionReplaced: (reason: string) => void
  readonly failAll: (error: ClientClosed) => void
}

const MAX_ABANDONED = 10_000

/** Errors after which the platform may still create the dial's legs. */
const mayHaveDialed = (cause: Cause.Cause<DialError>): boolean => {
  if (Cause.isInterrupted(cause)) return true
  const failure = Cause.failureOption(cause)
  if (Option.isNone(failure)) return false
  const tag = failure.value._tag
  return tag === "RequestTimeout" || tag === "ConnectionLost" || tag === "DialTimeout"
}

export const make = (runtime: Runtime, clock: { readonly unsafeCurrentTimeMillis: () => number }): Dials => {
  const { calls, options } = runtime
  const dials = new Map<string, PendingDial>()
  const abandoned = new Map<string, AbandonedDial>()

  const liveAbandoned = (tag: string | undefined): AbandonedDial | undefined => {
    if (tag === undefined || tag === "") return undefined
    const entry = abandoned.get(tag)
    if (entry === undefined) return undefined
    if (entry.expires < clock.unsafeCurrentTimeMillis()) {
      abandoned.delete(tag)
      return undefined
    }
    return entry
  }

  /** A leg of a dial that already gave up: hang it up, or (with adoption) wait for the winner. */
  const lateLeg = (call: CallImpl, entry: AbandonedDial): Effect.Effect<void> => {
    if (entry.adopt !== undefined || entry.hungUp.has(call.callId)) return Effect.void
    entry.hungUp.add(call.callId)
    metrics.lateLegs.unsafeUpdate(1, [])
    return Effect.zipRight(
      Effect.logWarning(`hanging up call ${call.callId}: late leg of abandoned dial ${call.tag}`),
      Effect.asVoid(
        FiberSet.run(runtime.handlers, hangupQuietly(runtime, call, call.state === "answered" ? "hangup" : "cancel"))
      )
    )
  }

  const onState = (event: RelayEvent.Known<"calling.call.state">): Effect.Effect<void> => {
    const p = event.params
    let call = calls.get(p.call_id)
    if (call === undefined) {
      const dial = p.tag === undefined ? undefined : dials.get(p.tag)
      const late = dial === undefined ? liveAbandoned(p.tag) : undefined
      if ((dial === undefined && late === undefined) || p.call_state === "ended") {
        if (dial !== undefined && p.end_reason !== undefined) dial.endReasons.push(p.end_reason)
        return Effect.void
      }
      call = newCall(runtime, {
        callId: p.call_id,
        nodeId: p.node_id ?? "",
        projectId: p.project_id,
        context: undefined,
        tag: p.tag ?? "",
        direction: "outbound",
        device: (p.device ?? {}) as JsonObject,
        segmentId: "",
        state: p.call_state
      })
      dial?.legs.add(p.call_id)
      if (late !== undefined) {
        const leg = call
        return Effect.zipRight(call.handle(event), Effect.suspend(() => lateLeg(leg, late)))
      }
    } else if (p.call_state === "ended" && p.tag !== undefined && p.end_reason !== undefined) {
      dials.get(p.tag)?.endReasons.push(p.end_reason)
    }
    return call.handle(event)
  }

  const onDial = (event: RelayEvent.Known<"calling.call.dial">): Effect.Effect<void> => {
    const p = event.params
    const winner = obj(p.call)
    const winnerId = str(winner?.call_id)
    const dial = dials.get(p.tag)
    const resolve = (): CallImpl | undefined => {
      if (winnerId === undefined) return undefined
      const known = calls.get(winnerId)
      if (known !== undefined) {
        if (known.nodeId === "") known.nodeId = str(winner?.node_id) ?? p.node_id ?? ""
        if (known.state !== "ended" && known.state !== "ending" && !known.reached(2)) {
          known.state = "answered"
          known.visited |= 1 << 2
        }
        return known
      }
      return newCall(runtime, {
        callId: winnerId,
        nodeId: str(winner?.node_id) ?? p.node_id ?? "",
        context: undefined,
        tag: p.tag,
        direction: "outbound",
        device: (obj(winner?.device) ?? {}) as JsonObject,
        segmentId: "",
        state: "answered"
      })
    }
    if (dial !== undefined) {
      if (p.dial_state === "answered") {
        const call = resolve()
        if (call !== undefined) {
          Deferred.unsafeDone(dial.deferred, Exit.succeed(call))
          return call.handle(event)
        }
        return Effect.logWarning(`dial ${p.tag} answered without a call id; waiting`)
      }
      if (p.dial_state === "failed") {
        Deferred.unsafeDone(dial.deferred, Exit.fail(new DialFailed({ tag: p.tag, endReasons: dial.endReasons })))
      }
      return Effect.void
    }
    const late = liveAbandoned(p.tag)
    if (late !== undefined && p.dial_state !== "dialing") {
      abandoned.delete(p.tag)
      const call = p.dial_state === "answered" ? resolve() : undefined
      if (call === undefined) return Effect.void
      const adopt = late.adopt
      if (adopt !== undefined) {
        metrics.lateLegs.unsafeUpdate(1, [])
        return Effect.zipRight(
          Effect.logInfo(`adopting call ${call.callId}: late winner of abandoned dial ${p.tag}`),
          serve({ runtime, handler: adopt, policy: "hangup", span: "RelayClient.adoptLateCall" }, call)
        )
      }
      return lateLeg(call, late)
    }
    return winnerId === undefined ? Effect.void : calls.get(winnerId)?.handle(event) ?? Effect.void
  }

  const abandon = (dial: PendingDial, adopt: CallApi.DialOptions["adoptLateCall"]) =>
    Effect.gen(function*() {
      const entry: AbandonedDial = {
        expires: clock.unsafeCurrentTimeMillis() + Duration.toMillis(options.lateLegGrace),
        adopt,
        hungUp: new Set()
      }
      abandoned.set(dial.tag, entry)
      if (abandoned.size > MAX_ABANDONED) {
        const oldest = abandoned.keys().next()
        if (oldest.done !== true) abandoned.delete(oldest.value)
      }
      // A winner that was resolved just as the waiter gave up is a late call too.
      const resolved = yield* Deferred.poll(dial.deferred)
      if (Option.isSome(resolved)) {
        const exit = yield* Effect.exit(resolved.value)
        if (Exit.isSuccess(exit) && exit.value.closedBy === undefined) {
          abandoned.delete(dial.tag)
          if (adopt !== undefined) {
            return yield* serve({ runtime, handler: adopt, policy: "hangup", span: "RelayClient.adoptLateCall" }, exit.value)
          }
          yield* lateLeg(exit.value, entry)
        }
      }
      for (const legId of dial.legs) {
        const leg = calls.get(legId)
        if (leg !== undefined && adopt === undefined) yield* lateLeg(leg, entry)
      }
    })

  const dial = (
    devices: Device.DialPlan,
    dialOptions: CallApi.DialOptions = {}
  ): Effect.Effect<CallApi.Call, DialError, Scope.Scope> =>
    Effect.uninterruptibleMask((restore) =>
      Effect.gen(function*() {
        const method = "calling.dial"
        const plan = params.dialPlan(devices)
        if (Either.isLeft(plan)) return yield* plan.left
        const extra = params.dial.toWire(method, {
          ...(dialOptions.region === undefined ? {} : { region: dialOptions.region }),
          ...(dialOptions.maxPricePerMinute === undefined ? {} : { maxPricePerMinute: dialOptions.maxPricePerMinute }),
          ...(dialOptions.maxDuration === undefined ? {} : { maxDuration: dialOptions.maxDuration })
        })
        if (Either.isLeft(extra)) return yield* extra.left
        if (runtime.closing) return yield* new ClientClosed({ operation: method })
        const tag = dialOptions.tag ?? globalThis.crypto.randomUUID()
        if (tag.length === 0 || dials.has(tag)) {
          return yield* new InvalidRequest({ method, reason: `tag "${tag}" is empty or already used by a dial in progress` })
        }
        abandoned.delete(tag)
        const pending: PendingDial = {
          tag,
          deferred: Deferred.unsafeMake(FiberId.none),
          legs: new Set(),
          endReasons: [],
          accepted: false
        }
        dials.set(tag, pending)
        const dialTimeout = dialOptions.timeout === undefined ? options.dialTimeout : Duration.decode(dialOptions.timeout)
        const exit = yield* restore(
          runtime.connection.execute(method, { tag, devices: plan.right as unknown as JsonObject, ...extra.right }, {
            timeout: dialOptions.requestTimeout
          }).pipe(
            Effect.zipRight(Effect.suspend(() => {
              pending.accepted = true
              return Deferred.await(pending.deferred).pipe(
                Effect.timeoutFail({
                  duration: dialTimeout,
                  onTimeout: () => new DialTimeout({ tag, timeoutMillis: Duration.toMillis(dialTimeout) })
                })
              )
            }))
          )
        ).pipe(Effect.exit)
        dials.delete(tag)
        if (Exit.isFailure(exit)) {
          if (mayHaveDialed(exit.cause) && !runtime.closing) yield* abandon(pending, dialOptions.adoptLateCall)
          return yield* exit
        }
        const call = exit.value
        // Losing legs of a parallel dial are not the caller's: stop tracking them.
        for (const legId of pending.legs) {
          const leg = calls.get(legId)
          if (leg !== undefined && leg !== call) yield* release(runtime, leg, leg.state === "answered" ? "hangup" : "keep")
        }
        const scope = yield* Effect.scope
        yield* Scope.addFinalizer(scope, release(runtime, call, dialOptions.release ?? "hangup"))
        return call as CallApi.Call
      })
    ).pipe(Effect.withSpan("RelayClient.dial"))

  return {
    dial,
    onState,
    onDial,
    sessionLost: (reason) => {
      for (const pending of dials.values()) {
        if (pending.accepted) {
          Deferred.unsafeDone(
            pending.deferred,
            Exit.fail(new ConnectionLost({ method: "calling.dial", requestId: pending.tag, reason }))
          )
        }
      }
    },
    sessionReplaced: (reason) => {
      for (const pending of dials.values()) {
        Deferred.unsafeDone(
          pending.deferred,
          Exit.fail(new SessionLost({ operation: "calling.dial", tag: pending.tag, reason }))
        )
      }
      abandoned.clear()
    },
    failAll: (error) => {
      for (const pending of dials.values()) Deferred.unsafeDone(pending.deferred, Exit.fail(error))
    }
  }
}
