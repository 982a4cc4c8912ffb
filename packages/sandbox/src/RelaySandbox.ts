/**
 * The embedded RELAY sandbox: a real WebSocket server on loopback that speaks RELAY as
 * the RELAY protocol notes (`@signalwire-effect/relay` PROTOCOL.md) describe it, so that RELAY clients (ours, or any written from that document)
 * can be tested end to end with no SignalWire account. Tests script it and inject faults through
 * this Effect API, and read every frame back from its journal.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type * as ConfigError from "effect/ConfigError"
import { RelayClient, type RelayError, type RelayFrame } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import type * as CallScriptModule from "./CallScript.js"
import type * as MessageScriptModule from "./MessageScript.js"
import * as errors from "./internal/errors.js"
import * as internal from "./internal/sandbox.js"
import type { Journal } from "./Journal.js"
import type { Rest } from "./RestSandbox.js"
import type * as SwmlSandbox from "./SwmlSandbox.js"
import type * as Transcript from "./Transcript.js"

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
 * What the far end of a simulated call does (the same type as `CallScript.CallScript`).
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const busy: RelaySandbox.CallScript = { outcome: "busy", ringFor: "1 second" }
 * ```
 * @since 0.1.0
 */
export type CallScript = CallScriptModule.CallScript

/**
 * One answer of the far end to a collect (the same type as `CallScript.CollectInput`).
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const pressOne: RelaySandbox.CollectInput = { digits: "1" }
 * ```
 * @since 0.1.0
 */
export type CollectInput = CallScriptModule.CollectInput

/**
 * An action running on a simulated call (a play, a record, a collect…), by its `control_id`.
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const playing = (action: RelaySandbox.SimAction) => action.method === "calling.play" && action.state === "playing"
 * ```
 * @since 0.1.0
 */
export interface SimAction {
  readonly controlId: string
  /** The method that started it, e.g. `"calling.play"`. */
  readonly method: string
  readonly state: string
}

/**
 * A simulated call, as it is now.
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const describe = (call: RelaySandbox.SimCall) =>
 *   `${call.direction} ${call.from} → ${call.to}: ${call.state}${call.endReason === undefined ? "" : ` (${call.endReason})`}`
 * ```
 * @since 0.1.0
 */
export interface SimCall {
  readonly callId: string
  readonly nodeId: string
  /** The dial / connect tag (`""` for inbound calls). */
  readonly tag: string
  readonly direction: "inbound" | "outbound"
  readonly state: "created" | "ringing" | "answered" | "ending" | "ended"
  readonly endReason: string | undefined
  readonly from: string
  readonly to: string
  /** The device in nested `{type, params}` form. */
  readonly device: RelayFrame.JsonObject
  /** The `protocol` of the session that controls the call (`undefined` after `calling.transfer`). */
  readonly session: string | undefined
  /** The actions running now. */
  readonly actions: ReadonlyArray<SimAction>
  /** The call bridged to this one by `calling.connect`. */
  readonly peer: string | undefined
  /** The name of the conference the call is in. */
  readonly conference: string | undefined
}

/**
 * The call simulation: scripts for the far ends, inbound calls, and what the far end does during
 * a call.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const ivr = Effect.gen(function* () {
 *   const sandbox = yield* RelaySandbox.RelaySandbox
 *   yield* sandbox.calls.scriptDefault({ ringFor: "50 millis" })
 *   const call = yield* sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office" })
 *   yield* sandbox.calls.waitForState(call.callId, "answered")
 *   yield* sandbox.calls.input(call.callId, { digits: "1#" })
 *   yield* sandbox.calls.hangup(call.callId)
 * })
 * ```
 * @since 0.1.0
 */
export interface Calls {
  /**
   * Scripts the far end for a destination (phone `to_number`, sip/webrtc `to`) until the Scope
   * closes. The same script describes that party when it calls in (`inbound` with this `from`).
   */
  readonly script: (destination: string, script: CallScript) => Effect.Effect<void, never, Scope.Scope>
  /** The script for destinations that have none, until the Scope closes. */
  readonly scriptDefault: (script: CallScript) => Effect.Effect<void, never, Scope.Scope>
  /**
   * Offers an inbound call (`calling.call.receive`) to one session receiving `context` (default:
   * the context the `to` number is bound to over REST with `call_handler: "relay_context"`, else
   * `"default"`), or runs SWML on it (`swml`, or a number bound to a SWML URL). `script` describes the caller (inputs, hangupAfter, machine…). Fails with
   * SandboxError when no connected session receives the context.
   */
  readonly inbound: (options: {
    readonly from: string
    readonly to: string
    readonly context?: string | undefined
    readonly script?: CallScript | undefined
    /**
     * The call's `call_id` (default: the script's `callId`, else a random one). Fails with
     * CallIdInUseError when a call in progress has it; an ended call gives its id up.
     */
    readonly callId?: string | undefined
    /**
     * Run this SWML on the call instead of offering it to a RELAY context (default: the SWML
     * URL the `to` number is bound to over REST, `call_handler: "relay_script"`). `context`
     * then names who watches the call's events (see `SwmlSandbox.SwmlApi`).
     */
    readonly swml?: SwmlSandbox.Source | undefined
    /** The script of the `ai` verbs of that SWML. */
    readonly ai?: SwmlSandbox.AiScript | undefined
  }) => Effect.Effect<SimCall, SandboxError | CallIdInUseError>
  readonly get: (callId: string) => Effect.Effect<Option.Option<SimCall>>
  /** Every call the sandbox has seen, ended ones included. */
  readonly list: Effect.Effect<ReadonlyArray<SimCall>>
  /** The far end hangs up: `ending`, `ended` (end_reason = reason, default "hangup"). No-op on an ended call. */
  readonly hangup: (callId: string, reason?: string) => Effect.Effect<void>
  /**
   * The far end presses digits / speaks: a digit binding (`calling.bind_digit`) for exactly these
   * digits fires its method; otherwise the input completes the running collect now, else it is
   * used by the next one.
   */
  readonly input: (callId: string, input: CollectInput) => Effect.Effect<void>
  /**
   * Waits until the call is in (or past) `state`, in the order created < ringing < answered <
   * ending < ended (a call that does not exist yet is waited for). Bound it with a timeout.
   */
  readonly waitForState: (callId: string, state: SimCall["state"]) => Effect.Effect<SimCall>
  /** Waits for the first call (existing or future) matching the predicate. Bound it with a timeout. */
  readonly waitForCall: (predicate: (call: SimCall) => boolean) => Effect.Effect<SimCall>
  /** Conference name -> member call ids, now. */
  readonly conferences: Effect.Effect<ReadonlyMap<string, ReadonlyArray<string>>>
}

/**
 * What happens to outbound messages to a destination (the same type as `MessageScript.MessageScript`).
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const rejected: RelaySandbox.MessageScript = { outcome: "failed", reason: "invalid_destination" }
 * ```
 * @since 0.1.0
 */
export type MessageScript = MessageScriptModule.MessageScript

/**
 * A simulated SMS / MMS, as it is now: an outbound one sent by a client (`messaging.send`) or an
 * inbound one the sandbox delivered (`messaging.receive`).
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const describe = (message: RelaySandbox.SimMessage) =>
 *   `${message.direction} ${message.from} → ${message.to} (${message.segments} segments): ${message.state}`
 * ```
 * @since 0.1.0
 */
export interface SimMessage {
  readonly messageId: string
  readonly direction: "inbound" | "outbound"
  readonly from: string
  readonly to: string
  readonly body: string | undefined
  /** Media URLs (an MMS); empty for an SMS. */
  readonly media: ReadonlyArray<string>
  readonly segments: number
  readonly tags: ReadonlyArray<string>
  readonly context: string
  readonly region: string | undefined
  /** `queued` until the first state event; `received` for inbound messages. */
  readonly state: "queued" | "initiated" | "sent" | "delivered" | "undelivered" | "failed" | "received"
  /** The reason of an `undelivered` / `failed` message. */
  readonly reason: string | undefined
  /** The `protocol` the state events go to (outbound), or the message was delivered to (inbound). */
  readonly session: string | undefined
  /** The inbound message this one answers (sent by a Messaging cXML `<Message>`): compat shows it `outbound-reply`. */
  readonly inReplyTo: string | undefined
}

/**
 * The messaging simulation: `messaging.send` with scripted delivery per destination, inbound
 * messages, and what the sandbox has seen.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const otp = Effect.gen(function* () {
 *   const sandbox = yield* RelaySandbox.RelaySandbox
 *   yield* sandbox.messages.script("+15550001111", { outcome: "undelivered", reason: "carrier_blocked" })
 *   // …a client sends a message to +15550001111, then:
 *   const sent = yield* sandbox.messages.waitForMessage((m) => m.to === "+15550001111")
 *   const final = yield* sandbox.messages.waitForFinal(sent.messageId)
 *   // final.state === "undelivered", final.reason === "carrier_blocked"
 *   yield* sandbox.messages.inbound({ from: "+15550001111", to: "+15552220000", body: "STOP", context: "office" })
 * })
 * ```
 * @since 0.1.0
 */
export interface Messages {
  /** Scripts delivery for a destination number until the Scope closes (the newest script in place wins). */
  readonly script: (destination: string, script: MessageScript) => Effect.Effect<void, never, Scope.Scope>
  /** The script for destinations that have none, until the Scope closes. */
  readonly scriptDefault: (script: MessageScript) => Effect.Effect<void, never, Scope.Scope>
  /** Adds an owned number (an accepted `from_number`) until the Scope closes. */
  readonly ownNumber: (number: string) => Effect.Effect<void, never, Scope.Scope>
  /**
   * The numbers the project owns now (the accepted `from_number`s): `SandboxOptions.numbers`
   * (or the default ones) and those `ownNumber` holds, in the order they were added.
   */
  readonly numbers: Effect.Effect<ReadonlyArray<string>>
  /**
   * An inbound message. With `context`, or to a number whose messages are not bound to cXML, it is
   * delivered (`messaging.receive`) to one connected session receiving `context` (default: the
   * context the number's messages are bound to, else `"default"`; several such sessions take
   * turns); fails with SandboxError when none does. Without `context`, to a number with an
   * `SmsUrl` (its own or its application's), that Messaging cXML runs (see `transcript`).
   */
  readonly inbound: (options: {
    readonly from: string
    readonly to: string
    readonly body?: string | undefined
    readonly media?: ReadonlyArray<string> | undefined
    readonly context?: string | undefined
    readonly tags?: ReadonlyArray<string> | undefined
  }) => Effect.Effect<SimMessage, SandboxError>
  readonly get: (messageId: string) => Effect.Effect<Option.Option<SimMessage>>
  /** Every message the sandbox has seen, oldest first (at most 10 000 finished ones are kept). */
  readonly list: Effect.Effect<ReadonlyArray<SimMessage>>
  /** Waits for the first message (existing or future) matching the predicate. Bound it with a timeout. */
  readonly waitForMessage: (predicate: (message: SimMessage) => boolean) => Effect.Effect<SimMessage>
  /**
   * Waits until the message is in a terminal state (delivered / undelivered / failed / received);
   * a message that does not exist yet is waited for. Bound it with a timeout.
   */
  readonly waitForFinal: (messageId: string) => Effect.Effect<SimMessage>
  /**
   * The transcript of the Messaging cXML an inbound message ran (its number's `SmsUrl`): the
   * requests, documents, verbs and messages sent, ending with `MessageHandled`; empty when it ran none.
   */
  readonly transcript: (messageId: string) => Effect.Effect<ReadonlyArray<Transcript.Entry>>
  /** Waits until the message's Messaging cXML run has ended, then its transcript. Bound it with a timeout. */
  readonly waitForTranscript: (messageId: string) => Effect.Effect<ReadonlyArray<Transcript.Entry>>
}

/**
 * A running sandbox.
 *
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const urlOf = Effect.map(RelaySandbox.RelaySandbox, (sandbox: RelaySandbox.Sandbox) => sandbox.url)
 * ```
 * @since 0.1.0
 */
export interface Sandbox {
  /** `ws://hostname:port`. */
  readonly url: string
  /** `hostname:port`: the client's `host` option. */
  readonly host: string
  readonly port: number
  /** Options for a RELAY client that authenticates with the sandbox's first credentials. */
  readonly clientOptions: RelayClient.RelayClientOptions
  readonly journal: Journal
  readonly faults: Faults
  /** The call simulation: every `calling.*` method, scripted far ends, inbound calls. */
  readonly calls: Calls
  /** The messaging simulation: `messaging.send` with scripted delivery, inbound messages. */
  readonly messages: Messages
  /** The REST API on the same port: journal of HTTP requests, faults (see `RestSandbox`). */
  readonly rest: Rest
  /** SWML execution: runs, transcripts, the signing key (see `SwmlSandbox`). */
  readonly swml: SwmlSandbox.SwmlApi
  /** Connections open now. */
  readonly connections: Effect.Effect<ReadonlyArray<ConnectionInfo>>
  /** Sessions known now (connected or waiting to be resumed). */
  readonly sessions: Effect.Effect<ReadonlyArray<SessionInfo>>
  /** Pushes an event (`signalwire.event`), tracked until the client ACKs it; returns the event ids. */
  readonly sendEvent: (
    eventType: string,
    params: RelayFrame.JsonObject,
    target?: EventTarget
  ) => Effect.Effect<ReadonlyArray<string>>
  /** Sends `signalwire.ping` to every authenticated connection (or one). */
  readonly ping: (target?: ConnectionTarget) => Effect.Effect<void>
  /** Scripts a method until the Scope closes (replacing a built-in one for that time). */
  readonly handle: (method: string, handler: MethodHandler) => Effect.Effect<void, never, Scope.Scope>
  /** Stops listening and closes every connection (1012), keeping the sessions. */
  readonly stop: Effect.Effect<void>
  /** Listens again on the same port. */
  readonly start: Effect.Effect<void, SandboxError>
  /** `stop`, then `start`: clients reconnect and resume their sessions. */
  readonly restart: Effect.Effect<void, SandboxError>
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

/**
 * `calls.inbound` was asked for a `call_id` that a call in progress already has (an ended call
 * gives its id up, so a test can reuse it).
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const offer = Effect.gen(function* () {
 *   const sandbox = yield* RelaySandbox.RelaySandbox
 *   return yield* sandbox.calls.inbound({ from: "+15551110000", to: "+15552220000", context: "office", callId: "call-1" })
 * }).pipe(Effect.catchTag("CallIdInUseError", (error) => Effect.dieMessage(`${error.callId} is still in progress`)))
 * ```
 * @since 0.1.0
 */
export const CallIdInUseError: typeof errors.CallIdInUseError = errors.CallIdInUseError

/**
 * The instance type of {@link CallIdInUseError}.
 *
 * @example
 * ```ts
 * import type { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const taken = (error: RelaySandbox.CallIdInUseError) => error.callId
 * ```
 * @since 0.1.0
 */
export type CallIdInUseError = errors.CallIdInUseError

/**
 * The sandbox as a service, for tests that build it in a layer.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const url = Effect.map(RelaySandbox.RelaySandbox, (sandbox) => sandbox.url)
 * ```
 * @since 0.1.0
 */
export class RelaySandbox extends Context.Tag("@signalwire-effect/sandbox/RelaySandbox")<RelaySandbox, Sandbox>() {}

/**
 * Starts a sandbox in the current Scope; it stops when the Scope closes.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import { NodeWebSocket } from "@signalwire-effect/relay-node"
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function* () {
 *     const sandbox = yield* RelaySandbox.make()
 *     const relay = yield* RelayClient.make(sandbox.clientOptions).pipe(Effect.provide(NodeWebSocket.layer))
 *     return yield* relay.execute("signalwire.ping")
 *   })
 * )
 * ```
 * @since 0.1.0
 */
export const make: (options?: SandboxOptions) => Effect.Effect<Sandbox, SandboxError, Scope.Scope> = internal.make

/**
 * A layer with a sandbox.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 *
 * const sandbox = RelaySandbox.layer({ jwtTokens: ["test-jwt"] })
 * ```
 * @since 0.1.0
 */
export const layer = (options?: SandboxOptions): Layer.Layer<RelaySandbox, SandboxError> =>
  Layer.scoped(RelaySandbox, make(options))

/**
 * A RELAY client (on Node's WebSocket) connected to the sandbox in context, with extra options.
 *
 * @example
 * ```ts
 * import { RelayClient } from "@signalwire-effect/relay"
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * const both = RelaySandbox.layerClient({ contexts: ["office"] }).pipe(Layer.provideMerge(RelaySandbox.layer()))
 * const program = Effect.flatMap(RelayClient.RelayClient, (relay) => relay.execute("signalwire.ping"))
 *   .pipe(Effect.provide(both))
 * ```
 * @since 0.1.0
 */
export const layerClient = (
  options: RelayClient.RelayClientOptions = {}
): Layer.Layer<RelayClient.RelayClient, RelayError.ConnectError | ConfigError.ConfigError, RelaySandbox> =>
  Layer.unwrapEffect(
    Effect.map(RelaySandbox, (sandbox) => RelayClient.layer({ ...sandbox.clientOptions, ...options }))
  ).pipe(Layer.provide(NodeWebSocket.layer))
