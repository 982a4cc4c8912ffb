/**
 * What the modules of the calling service share: its options, the runtime every call points at,
 * and small readers of untyped wire params.
 */
import type * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import type * as FiberSet from "effect/FiberSet"
import type * as Scope from "effect/Scope"
import type * as CallApi from "../Call.js"
import type { CallImpl } from "./call.js"
import type { Connection } from "./connection.js"
import type { HandlerFibers } from "./handlerFibers.js"
import type { ResolvedOptions } from "./options.js"

export type CallingOptions = Pick<
  ResolvedOptions,
  "project" | "maxActiveCalls" | "dialTimeout" | "callEventBufferSize" | "releaseTimeout" | "lateLegGrace" | "drainOnClose" | "traceCalls"
>

export type CallHandler = (call: CallApi.Call) => Effect.Effect<void, unknown, Scope.Scope>

export type CloseReason =
  | { readonly _tag: "Ended"; readonly endReason: string }
  | { readonly _tag: "Released" }
  | { readonly _tag: "ClientClosed" }
  | { readonly _tag: "SessionLost"; readonly reason: string }

/** What every call shares: the connection, options, the registry and the fibers that run user code. */
export interface Runtime {
  readonly connection: Connection
  readonly options: CallingOptions
  readonly calls: Map<string, CallImpl>
  /**
   * Closes call scopes, in fibers of their own: their finalizers are user code, which must never
   * run on the connection's dispatcher (where a call learns that it ended).
   */
  readonly closers: FiberSet.FiberSet<void, never>
  /** Forks into `closers` (from a fiber observer: what follows a call handler). */
  readonly forkCloser: (effect: Effect.Effect<void>) => void
  /** Late-leg hang-ups (of dials that gave up). */
  readonly handlers: FiberSet.FiberSet<void, unknown>
  /** The fibers of call handlers (inbound calls, adopted late calls): `serve` removes each as it ends. */
  readonly handlerFibers: HandlerFibers
  /**
   * Forks a call handler into `handlerFibers` (scheduled, never run on the caller's stack), from the
   * calling service's runtime without its span, unhandled failures not logged (`serve` logs them).
   * `services` (the handler's Scope, its `Served`) are added to the fiber's context from the start.
   */
  readonly forkHandler: <S>(effect: Effect.Effect<void, unknown, S>, services: Context.Context<S>) => Fiber.RuntimeFiber<void, unknown>
  /** Makes a call handler's Scope, its finalizer map made on first use (`handlerScope.ts`); else `Scope.make()`. */
  readonly makeScope: (() => Scope.CloseableScope) | undefined
  closing: boolean
}

export type Params = { readonly [key: string]: unknown }

export const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)
export const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined)
export const obj = (value: unknown): Params | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? value as Params : undefined

const STATES = ["created", "ringing", "answered", "ending", "ended"] as const

export const stateIndex = (state: string): number => {
  const index = (STATES as ReadonlyArray<string>).indexOf(state)
  return index < 0 ? 0 : index
}

export const asState = (state: string): CallApi.CallState => STATES.find((s) => s === state) ?? "created"

export const isCallGoneCode = (code: number) => code === 404 || code === 410
