import * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Schedule from "effect/Schedule"
import { SignalWireConfig } from "@signalwire-effect/config"
import type { RelayClientOptions } from "../RelayClient.js"
import type { ConnectError } from "../RelayError.js"

export type Credentials = SignalWireConfig.Credentials

export interface ResolvedOptions {
  readonly credentials: Credentials
  readonly host: string
  readonly scheme: "ws" | "wss"
  readonly url: string
  readonly contexts: ReadonlyArray<string>
  readonly agent: string
  readonly requestTimeout: Duration.Duration
  readonly queueCapacity: number
  readonly inboundCapacity: number
  readonly eventBufferSize: number
  readonly pingInterval: Duration.Duration
  readonly pingTimeout: Duration.Duration
  readonly pingMaxFailures: number
  readonly serverPingTimeout: Duration.Duration
  readonly openTimeout: Duration.Duration
  readonly connectTimeout: Duration.Duration
  readonly closeTimeout: Duration.Duration
  readonly reconnectSchedule: Schedule.Schedule<unknown, ConnectError>
  readonly maxAuthAttempts: number
  readonly closeOnRequestTimeout: boolean
  readonly traceFrames: boolean
  readonly traceRequests: boolean
  readonly traceCalls: boolean
  readonly project: string
  readonly maxActiveCalls: number
  readonly dialTimeout: Duration.Duration
  readonly callEventBufferSize: number
  readonly releaseTimeout: Duration.Duration
  readonly lateLegGrace: Duration.Duration
  readonly drainOnClose: Duration.Duration | undefined
  readonly messageTimeout: Duration.Duration
  readonly messageTrackingTimeout: Duration.Duration
}

export const DEFAULT_HOST = "relay.signalwire.com"
export const AGENT = "signalwire-effect/0.1.0"

/**
 * 1, 2, 4, 8, 16, 30, 30, … seconds, each scaled by a random factor in [0.8, 1.2] and never
 * above 30 s (PROTOCOL.md §5.1, §14).
 */
export const defaultReconnectSchedule: Schedule.Schedule<Duration.Duration, unknown> = Schedule.exponential(
  "1 second",
  2
).pipe(
  Schedule.jittered,
  Schedule.modifyDelay((_, delay) => Duration.min(delay, Duration.seconds(30)))
)

const INVALID_HOST = /[@/?#\r\n ]/

const invalid = (path: string, message: string) => Either.left(ConfigError.InvalidData([path], message))

const duration = (
  path: string,
  input: Duration.DurationInput | undefined,
  fallback: Duration.DurationInput
): Either.Either<Duration.Duration, ConfigError.ConfigError> => {
  const decoded = Duration.decodeUnknown(input ?? fallback)
  if (decoded._tag === "None" || !Duration.isFinite(decoded.value) || Duration.toMillis(decoded.value) <= 0) {
    return invalid(path, `${path} must be a positive, finite duration`)
  }
  return Either.right(decoded.value)
}

const count = (path: string, input: number | undefined, fallback: number): Either.Either<number, ConfigError.ConfigError> => {
  const value = input ?? fallback
  return Number.isInteger(value) && value >= 1 ? Either.right(value) : invalid(path, `${path} must be an integer >= 1`)
}

/** Validates the options (host rules and credentials, PROTOCOL.md §1, §3.1) and fills in the defaults of §5.1. */
export const resolve = (raw: RelayClientOptions): Either.Either<ResolvedOptions, ConfigError.ConfigError> =>
  Either.gen(function*() {
    const settings = SignalWireConfig.make(raw)
    const credentials = yield* SignalWireConfig.credentials(settings)
    const host = raw.host !== undefined && raw.host.length > 0
      ? raw.host
      : settings.space === undefined
      ? DEFAULT_HOST
      : yield* SignalWireConfig.spaceHost(settings.space)
    if (INVALID_HOST.test(host)) {
      return yield* invalid("host", `Invalid host: ${JSON.stringify(host)}. Must be a hostname (optionally :port), not a URL.`)
    }
    const scheme = raw.scheme ?? "wss"
    if (scheme !== "ws" && scheme !== "wss") {
      return yield* invalid("scheme", `scheme must be "ws" or "wss", got ${JSON.stringify(scheme)}`)
    }
    const contexts = raw.contexts ?? []
    if (contexts.some((c) => typeof c !== "string" || c.length === 0)) {
      return yield* invalid("contexts", "contexts must be non-empty strings")
    }
    return {
      credentials,
      host,
      scheme,
      url: `${scheme}://${host}`,
      contexts: Array.from(new Set(contexts)),
      agent: raw.agent ?? AGENT,
      requestTimeout: yield* duration("requestTimeout", raw.requestTimeout, "30 seconds"),
      queueCapacity: yield* count("queueCapacity", raw.queueCapacity, 500),
      inboundCapacity: yield* count("inboundCapacity", raw.inboundCapacity, 16_384),
      eventBufferSize: yield* count("eventBufferSize", raw.eventBufferSize, 1_024),
      pingInterval: yield* duration("pingInterval", raw.pingInterval, "30 seconds"),
      pingTimeout: yield* duration("pingTimeout", raw.pingTimeout, "10 seconds"),
      pingMaxFailures: yield* count("pingMaxFailures", raw.pingMaxFailures, 3),
      serverPingTimeout: yield* duration("serverPingTimeout", raw.serverPingTimeout, "15 seconds"),
      openTimeout: yield* duration("openTimeout", raw.openTimeout, "10 seconds"),
      connectTimeout: yield* duration("connectTimeout", raw.connectTimeout, "30 seconds"),
      closeTimeout: yield* duration("closeTimeout", raw.closeTimeout, "2 seconds"),
      reconnectSchedule: raw.reconnectSchedule ?? defaultReconnectSchedule,
      maxAuthAttempts: yield* count("maxAuthAttempts", raw.maxAuthAttempts, 3),
      closeOnRequestTimeout: raw.closeOnRequestTimeout ?? true,
      traceFrames: raw.traceFrames ?? false,
      traceRequests: raw.traceRequests ?? false,
      traceCalls: raw.traceCalls ?? false,
      project: credentials._tag === "ProjectToken" ? credentials.project : settings.project ?? "",
      maxActiveCalls: yield* count("maxActiveCalls", raw.maxActiveCalls, 1_000),
      dialTimeout: yield* duration("dialTimeout", raw.dialTimeout, "120 seconds"),
      callEventBufferSize: yield* count("callEventBufferSize", raw.callEventBufferSize, 256),
      releaseTimeout: yield* duration("releaseTimeout", raw.releaseTimeout, "5 seconds"),
      lateLegGrace: yield* duration("lateLegGrace", raw.lateLegGrace, "10 minutes"),
      drainOnClose: raw.drainOnClose === undefined ? undefined : yield* duration("drainOnClose", raw.drainOnClose, 0),
      messageTimeout: yield* duration("messageTimeout", raw.messageTimeout, "10 minutes"),
      messageTrackingTimeout: yield* duration("messageTrackingTimeout", raw.messageTrackingTimeout, "1 hour")
    }
  })
