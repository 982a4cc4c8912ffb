/**
 * The connection side of the facade's `RelayClient`: one `connect()` … `disconnect()` (an
 * {@link Attempt}) builds the core client in a fresh Scope, with everything the facade runs beside
 * it — the client-wide event subscription that feeds `onEvent`, tracked messages and the calls'
 * listeners (`clientEvents.ts`), and the inbound call and message handlers; requests made while
 * disconnected wait here (bounded) for the next connection. `RelayClient` keeps the public API and
 * delegates to this.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as ExecutionStrategy from "effect/ExecutionStrategy"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberSet from "effect/FiberSet"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Scope from "effect/Scope"
import { RelayClient as RelayCore, SessionStore } from "@signalwire-effect/relay"
import * as RelayCallbacks from "@signalwire-effect/relay/RelayCallbacks"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import type { SignalWireConfig } from "@signalwire-effect/config"
import type { Call } from "../Call.js"
import type { CallHandler, DialOptions, MessageHandler, RawEventHandler } from "../RelayClientOptions.js"
import { RelayError } from "../RelayError.js"
import { attach, type Connection, pumpClientEvents, serveCall } from "./clientEvents.js"
import { LiveCalls } from "./liveCalls.js"
import { log, withLogging } from "./log.js"
import { MessageTracker, received } from "./messages.js"
import { positiveInt, type Scheme } from "./options.js"
import {
  causeToError,
  CONNECTION_CLOSED,
  CONNECTION_CLOSED_DURING_DIAL,
  type CoreClient,
  invokeDetached,
  leanRunFork,
  runOn
} from "./runtime.js"

export type { Connection } from "./clientEvents.js"

const EXECUTE_QUEUE_MAX = 500
const CLIENT_EVENT_BUFFER = 16_384

/** Read once, when this module loads (as the reference does). */
const MAX_CONNECTIONS = positiveInt(process.env.RELAY_MAX_CONNECTIONS, 1)
const activeClients = new Set<object>()

/** One `connect()`: connecting, then connected (`connection` set). */
interface Attempt {
  readonly scope: Scope.CloseableScope
  /** `run()` retries the first connection; `connect()` fails on the first failure. */
  readonly retryFirst: boolean
  connected: boolean
  connection: Connection | undefined
  fiber: Fiber.RuntimeFiber<Connection, unknown> | undefined
  ready: Promise<void>
}

interface Waiter {
  readonly closedText: string
  readonly run: (connection: Connection) => void
  readonly fail: (error: Error) => void
}

/** What the client was built with. */
export interface Settings {
  readonly credentials: SignalWireConfig.Credentials
  readonly host: string
  readonly scheme: Scheme
  readonly contexts: ReadonlyArray<string>
  readonly maxActiveCalls: number
  /** The bound of the client-wide event subscription; default 16 384 (tests make it small). */
  readonly eventBufferSize?: number
}

/** The handlers registered on the client (read when they are needed: they may be replaced at any time). */
export interface Handlers {
  readonly onCall: () => CallHandler | undefined
  readonly onMessage: () => MessageHandler | undefined
  readonly onEvent: () => RawEventHandler | undefined
}

const logError = (text: string, error: unknown) => log("error", text, error)

export class Connector {
  readonly #owner: object
  readonly #settings: Settings
  readonly #handlers: Handlers
  readonly store: SessionStore.SessionStore["Type"] = Effect.runSync(SessionStore.makeMemory)
  readonly messages = new MessageTracker()
  #attempt: Attempt | undefined
  #closing: Promise<void> | undefined
  #waiting: Array<Waiter> = []
  #running: Promise<void> | undefined
  #stopRun: (() => void) | undefined

  /** `owner` counts against `RELAY_MAX_CONNECTIONS` while connected. */
  constructor(owner: object, settings: Settings, handlers: Handlers) {
    this.#owner = owner
    this.#settings = settings
    this.#handlers = handlers
  }

  /** Connects (or waits for the connection in progress); `retryFirst` as `run()` does. */
  open(retryFirst: boolean): Promise<void> {
    const current = this.#attempt
    if (current !== undefined) return current.ready
    if (!activeClients.has(this.#owner) && activeClients.size >= MAX_CONNECTIONS) {
      return Promise.reject(
        new Error(
          `RelayClient connection limit reached (${MAX_CONNECTIONS}). There are already ${activeClients.size} active connection(s) in this process. Call disconnect() on existing clients first, or set RELAY_MAX_CONNECTIONS env var to allow more.`
        )
      )
    }
    activeClients.add(this.#owner)
    const attempt: Attempt = {
      scope: Effect.runSync(Scope.make()),
      retryFirst,
      connected: false,
      connection: undefined,
      fiber: undefined,
      ready: Promise.resolve()
    }
    this.#attempt = attempt
    const fiber = Effect.runFork(
      this.#build(attempt).pipe(
        Effect.provide(NodeWebSocket.layer),
        Effect.provideService(SessionStore.SessionStore, this.store),
        Scope.extend(attempt.scope),
        withLogging,
        // The failure is reported once, by the rejected Promise: not also as a fiber log line.
        Effect.withUnhandledErrorLogLevel(Option.none())
      )
    )
    attempt.fiber = fiber
    attempt.ready = new Promise<void>((resolve, reject) => {
      fiber.addObserver((exit) => {
        if (this.#attempt !== attempt) return reject(new RelayError(-1, CONNECTION_CLOSED))
        if (Exit.isSuccess(exit)) {
          attempt.connection = exit.value
          attempt.connected = true
          for (const waiter of this.#waiting.splice(0)) waiter.run(exit.value)
          return resolve()
        }
        this.#attempt = undefined
        activeClients.delete(this.#owner)
        const error = causeToError(exit.cause)
        Effect.runFork(Scope.close(attempt.scope, Exit.void)).addObserver(() => reject(error))
      })
    })
    return attempt.ready
  }

  /** The core client and everything the facade runs beside it, in the attempt's Scope. */
  #build(attempt: Attempt) {
    const settings = this.#settings
    const handlers = this.#handlers
    const messages = this.messages
    return Effect.gen(function*() {
      // Made before the core client, so it is closed after it (finalizers run last-in first-out).
      const fibers = yield* FiberSet.make<unknown, unknown>()
      const runFork = leanRunFork(yield* Effect.runtime<never>(), fibers)
      const credentials = settings.credentials
      const relay = yield* RelayCore.make({
        ...(credentials._tag === "Jwt"
          ? { jwtToken: credentials.jwt }
          : { project: credentials.project, token: credentials.token }),
        host: settings.host,
        scheme: settings.scheme,
        contexts: settings.contexts,
        maxActiveCalls: settings.maxActiveCalls,
        // The one subscription that carries every call's events to its Call (liveCalls.ts),
        // bounded like the connection's inbound frames rather than like one consumer's.
        eventBufferSize: settings.eventBufferSize ?? CLIENT_EVENT_BUFFER,
        // connect() fails on the first failed attempt, run() keeps trying; once connected, the core
        // reconnects by itself with its backoff.
        reconnectSchedule: RelayCore.defaultReconnectSchedule.pipe(
          Schedule.whileInput(() => attempt.retryFirst || attempt.connected)
        )
      })
      const calls = new LiveCalls()
      const connection: Connection = {
        scope: attempt.scope,
        relay,
        runFork: (effect) => runFork(effect),
        calls
      }
      const events = yield* RelayCallbacks.subscribeEvents(relay)
      runFork(pumpClientEvents(relay, events, calls, { onEvent: handlers.onEvent, messages }))
      yield* relay.onCall((call) => serveCall(call, connection, handlers.onCall()), { release: "keep" })
      yield* relay.onMessage((core) =>
        Effect.sync(() => {
          const handler = handlers.onMessage()
          if (handler === undefined) {
            return log("warn", `inbound message ${core.messageId} not handled: no onMessage handler`)
          }
          const message = received(core)
          invokeDetached(`onMessage handler (message ${core.messageId})`, () => handler(message), logError)
        })
      )
      return connection
    })
  }

  /**
   * Disconnects: waiting requests reject, the attempt's Scope closes (the core fails what is
   * pending, then the facade's fibers stop). Idempotent.
   */
  close(): Promise<void> {
    this.#stopRun?.()
    for (const waiter of this.#waiting.splice(0)) waiter.fail(new RelayError(-1, waiter.closedText))
    const attempt = this.#attempt
    if (attempt === undefined) {
      if (this.#closing === undefined) activeClients.delete(this.#owner)
      return this.#closing ?? Promise.resolve()
    }
    this.#attempt = undefined
    const closing = new Promise<void>((resolve) => {
      const fiber = attempt.fiber
      const close = Effect.zipRight(
        fiber === undefined ? Effect.void : Fiber.interrupt(fiber),
        Scope.close(attempt.scope, Exit.void)
      )
      Effect.runFork(withLogging(close)).addObserver(() => {
        activeClients.delete(this.#owner)
        if (this.#closing === closing) this.#closing = undefined
        resolve()
      })
    })
    this.#closing = closing
    return closing
  }

  /**
   * `RelayClient.run()`: connects (retrying the first connection), with SIGINT / SIGTERM handlers
   * (they disconnect) installed only while it runs; resolves once `close()` was called.
   */
  run(): Promise<void> {
    if (this.#running !== undefined) return this.#running
    const running = this.#runUntilStopped()
    this.#running = running
    return running
  }

  async #runUntilStopped(): Promise<void> {
    let stopped = false
    let stop: () => void = () => {}
    const stoppedPromise = new Promise<void>((resolve) => {
      stop = () => {
        stopped = true
        resolve()
      }
    })
    this.#stopRun = stop
    const onSignal = (signal: NodeJS.Signals) => {
      log("info", `${signal} received: disconnecting`)
      this.close().then(undefined, (error: unknown) => log("error", "disconnect failed", error))
    }
    process.on("SIGINT", onSignal)
    process.on("SIGTERM", onSignal)
    try {
      try {
        await this.open(true)
      } catch (error) {
        if (!stopped) throw error
      }
      await stoppedPromise
    } finally {
      process.off("SIGINT", onSignal)
      process.off("SIGTERM", onSignal)
      if (this.#stopRun === stop) this.#stopRun = undefined
      this.#running = undefined
      await this.close()
      log("info", "RELAY client stopped")
    }
  }

  /** Runs `f` on the connection, or once connected (at most 500 waiting); rejected by `close()`. */
  withConnection<A>(f: (connection: Connection) => Promise<A>, closedText: string = CONNECTION_CLOSED): Promise<A> {
    const connection = this.#attempt?.connection
    if (connection !== undefined) return f(connection)
    if (this.#waiting.length >= EXECUTE_QUEUE_MAX) {
      return Promise.reject(new RelayError(-1, "Execute queue full — too many requests while disconnected"))
    }
    return new Promise<A>((resolve, reject) => {
      this.#waiting.push({ closedText, run: (ready) => f(ready).then(resolve, reject), fail: reject })
    })
  }

  /** `RelayClient.dial` on a connection: the core's dial, its Call routed like an inbound one. */
  dial(plan: unknown, options: DialOptions): Promise<Call> {
    return this.withConnection((connection) => {
      const dialed = Effect.gen(function*() {
        const callScope = yield* Scope.fork(connection.scope, ExecutionStrategy.sequential)
        const core = yield* connection.relay.dial(plan as Parameters<CoreClient["dial"]>[0], {
          ...(options.tag === undefined ? {} : { tag: options.tag }),
          ...(options.maxDuration === undefined ? {} : { maxDuration: Duration.seconds(options.maxDuration) }),
          ...(options.dialTimeout === undefined ? {} : { timeout: `${options.dialTimeout} seconds` }),
          release: "keep"
        }).pipe(
          Scope.extend(callScope),
          Effect.onError(() => Scope.close(callScope, Exit.void))
        )
        const [call, served] = yield* attach(core, connection, callScope)
        connection.runFork(Effect.ensuring(served, Scope.close(callScope, Exit.void)))
        return call
      })
      return runOn(connection, dialed, CONNECTION_CLOSED_DURING_DIAL)
    }, CONNECTION_CLOSED_DURING_DIAL)
  }
}
