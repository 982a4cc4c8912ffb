/**
 * The RELAY server side of the sandbox: how it is started (`SandboxOptions`), the connections
 * and sessions it sees, scripted methods, and the fault-injection API. `RelaySandbox` re-exports
 * every type and value here, so `RelaySandbox.SandboxOptions` and this module's name for it are one.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import type { RelayFrame } from "@signalwire-effect/relay"
import * as errors from "./internal/errors.js"

/**
 * How the sandbox is started.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const options: RelaySandbox.SandboxOptions = {
 *   port: 0,
 *   credentials: [{ project: "my-test-project", token: "my-test-token" }],
 *   jwtTokens: ["my-test-jwt"]
 * }
 * ```
 * @since 0.1.0
 */
export interface SandboxOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly hostname?: string | undefined
  /** Port; 0 picks a free one (read it back from `port`). Default 0. */
  readonly port?: number | undefined
  /** Accepted project + token pairs. Default `sandbox-project` / `sandbox-token`. */
  readonly credentials?: ReadonlyArray<{ readonly project: string; readonly token: string }> | undefined
  /** Accepted JWTs (each stands for the first project). Default `["sandbox-jwt"]`. */
  readonly jwtTokens?: ReadonlyArray<string> | undefined
  /** Send `signalwire.ping` to every authenticated connection at this interval. Default: never. */
  readonly serverPingInterval?: Duration.DurationInput | undefined
  /**
   * Journal entries kept (the oldest are forgotten); 0 keeps none. Default 100 000. The same
   * bound applies to the REST journal.
   */
  readonly journalCapacity?: number | undefined
  /** Unacknowledged events kept per session for re-delivery. Default 10 000. */
  readonly unackedCapacity?: number | undefined
  /** Largest inbound frame accepted from a client. Default 16 MiB. */
  readonly maxPayload?: number | undefined
  /**
   * The E.164 numbers the project owns: the `from_number`s `messaging.send` accepts. Default
   * `["+15551234567", "+15559870000", "+15552220000"]`.
   */
  readonly numbers?: ReadonlyArray<string> | undefined
  /**
   * Which clock the simulation runs on (rings, plays, recordings, message steps, delays):
   * `"live"` (the default) is real time, so a test under `it.scoped` / `it.effect` (whose Clock is
   * the TestClock) sees calls and messages progress without adjusting anything; `"inherit"`
   * follows the Clock of the Effect that makes the sandbox, so such a test drives the simulation
   * with `TestClock.adjust` (long rings and recordings in no time, deterministic timeouts).
   */
  readonly clock?: "live" | "inherit" | undefined
  /**
   * The project's signing key: the sandbox signs every SWML fetch with it
   * (`X-Signalwire-Signature`, `X-Signalwire-SHA256-Signature`). Default: a random one, read
   * back from `sandbox.swml.signingKey`.
   */
  readonly signingKey?: string | Redacted.Redacted<string> | undefined
}

/**
 * A client connection as the sandbox sees it.
 *
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const describe = (c: RelaySandbox.ConnectionInfo) => `#${c.id} ${c.authenticated ? c.protocol : "not authenticated"}`
 * ```
 * @since 0.1.0
 */
export interface ConnectionInfo {
  readonly id: number
  readonly protocol: string | undefined
  readonly authenticated: boolean
}

/**
 * A session (a `protocol`), which outlives the connections that carry it.
 *
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const waiting = (s: RelaySandbox.SessionInfo) => s.connection === undefined && s.unacked > 0
 * ```
 * @since 0.1.0
 */
export interface SessionInfo {
  readonly protocol: string
  readonly project: string
  readonly contexts: ReadonlyArray<string>
  readonly connection: number | undefined
  readonly unacked: number
  readonly restored: number
}

/**
 * Whom an event is sent to: one session, the sessions receiving a context, one connection, or
 * (by default) every authenticated session.
 *
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const office: RelaySandbox.EventTarget = { context: "office" }
 * ```
 * @since 0.1.0
 */
export type EventTarget =
  | { readonly protocol: string }
  | { readonly context: string }
  | { readonly connection: number }

/**
 * Which connections a fault applies to: one, or (by default) every open one.
 *
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const first: RelaySandbox.ConnectionTarget = { connection: 1 }
 * ```
 * @since 0.1.0
 */
export interface ConnectionTarget {
  readonly connection?: number | undefined
}

/**
 * A request a scripted method handler answers.
 *
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const callerOf = (request: RelaySandbox.MethodRequest) => request.session.protocol
 * ```
 * @since 0.1.0
 */
export interface MethodRequest {
  readonly connection: number
  readonly session: SessionInfo
  readonly id: RelayFrame.RequestId | undefined
  readonly method: string
  readonly params: RelayFrame.JsonObject
  /** Sends an event to the requesting session (tracked for ACK like any event). */
  readonly sendEvent: (eventType: string, params: RelayFrame.JsonObject) => Effect.Effect<string>
}

/**
 * A scripted method handler fails with this to answer with a JSON-RPC error.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * new RelaySandbox.MethodError({ code: -32602, message: "Invalid parameters" })
 * ```
 * @since 0.1.0
 */
export const MethodError: typeof errors.MethodError = errors.MethodError

/**
 * The instance type of {@link MethodError}.
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const describe = (error: RelaySandbox.MethodError) => `${error.code}: ${error.message}`
 * ```
 * @since 0.1.0
 */
export type MethodError = errors.MethodError

/**
 * A scripted method: answers with a result, or fails with {@link MethodError}.
 *
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const echo: RelaySandbox.MethodHandler = (request) => Effect.succeed({ code: "200", echo: request.params })
 * ```
 * @since 0.1.0
 */
export type MethodHandler = (request: MethodRequest) => Effect.Effect<RelayFrame.JsonObject, MethodError>

/**
 * What a method-scoped fault does to the next matching requests (`times`, default: all of them
 * while the fault is in place).
 *
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const once: RelaySandbox.FaultOptions = { times: 1 }
 * ```
 * @since 0.1.0
 */
export interface FaultOptions {
  readonly times?: number | undefined
}

/**
 * The fault-injection API.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const dropEverybody = Effect.gen(function* () {
 *   const sandbox = yield* RelaySandbox.RelaySandbox
 *   yield* sandbox.faults.drop()
 * })
 * ```
 * @since 0.1.0
 */
export interface Faults {
  /** Destroys the sockets abruptly (TCP reset, no close frame: the client sees 1006). */
  readonly drop: (target?: ConnectionTarget) => Effect.Effect<void>
  /** Stops (true) or restarts (false) answering requests and sending pings and events. */
  readonly silence: (silent: boolean) => Effect.Effect<void>
  /** Answers the method only after `duration`. */
  readonly delay: (method: string, duration: Duration.DurationInput, options?: FaultOptions) => Effect.Effect<void>
  /** Never answers the method. */
  readonly neverAnswer: (method: string, options?: FaultOptions) => Effect.Effect<void>
  /**
   * Holds every request of the method until the returned Effect runs (then answers them in order);
   * requests arriving after the release are answered at once.
   */
  readonly hold: (method: string) => Effect.Effect<Effect.Effect<void>>
  /** Answers the method with a JSON-RPC error. */
  readonly fail: (
    method: string,
    error: { readonly code: number; readonly message: string; readonly data?: unknown },
    options?: FaultOptions
  ) => Effect.Effect<void>
  /** Answers the method with this result (e.g. `{ code: "404", message: "Not found" }`). */
  readonly respond: (method: string, result: RelayFrame.JsonObject, options?: FaultOptions) => Effect.Effect<void>
  /** Sends this text as a frame, as is. */
  readonly sendRaw: (text: string, target?: ConnectionTarget) => Effect.Effect<void>
  /** Sends a frame that is not JSON-RPC (default: not even JSON). */
  readonly sendMalformed: (text?: string, target?: ConnectionTarget) => Effect.Effect<void>
  /** Sends a valid frame of `bytes` bytes (default 10 MiB + 1 KiB, above RELAY's inbound cap). */
  readonly sendOversize: (bytes?: number, target?: ConnectionTarget) => Effect.Effect<void>
  /**
   * Sends `signalwire.disconnect`, waits for the reply (at most 5 s), then closes the socket.
   * With `restart: true` the session is forgotten, so the next connect starts a new one.
   */
  readonly disconnect: (options?: { readonly restart?: boolean | undefined } & ConnectionTarget) => Effect.Effect<void>
  /** Refuses every `signalwire.connect` (true) or accepts valid credentials again (false). */
  readonly rejectAuth: (reject: boolean) => Effect.Effect<void>
  /** Removes every method fault, stops silence and auth rejection, and releases held requests. */
  readonly clear: Effect.Effect<void>
}

/**
 * The sandbox could not listen (the port is taken, the interface does not exist).
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * new RelaySandbox.SandboxError({ reason: "listen EADDRINUSE 127.0.0.1:8765" })
 * ```
 * @since 0.1.0
 */
export const SandboxError: typeof errors.SandboxError = errors.SandboxError

/**
 * The instance type of {@link SandboxError}.
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const reasonOf = (error: RelaySandbox.SandboxError) => error.reason
 * ```
 * @since 0.1.0
 */
export type SandboxError = errors.SandboxError
