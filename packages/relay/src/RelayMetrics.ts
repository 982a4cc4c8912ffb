/**
 * The client's metrics (Effect `Metric`s, all prefixed `relay_`). Read them with `Metric.value`,
 * or export them with your metrics backend; the client never tags them by id.
 *
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 * import * as Metric from "effect/Metric"
 *
 * const reconnects = Effect.map(Metric.value(RelayMetrics.reconnects), (state) => state.count)
 * ```
 * @since 0.1.0
 */
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"

/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.reconnects)
 * ```
 * @since 0.1.0
 */
export const reconnects = Metric.counter("relay_reconnects_total", {
  description: "Sessions made after the first one (each counts once, however many attempts it took)"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.connectAttempts)
 * ```
 * @since 0.1.0
 */
export const connectAttempts = Metric.counter("relay_connect_attempts_total", {
  description: "Attempts to open and authenticate a socket"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.authRejections)
 * ```
 * @since 0.1.0
 */
export const authRejections = Metric.counter("relay_auth_rejections_total", {
  description: "signalwire.connect refusals"
})
/**
 * Requests written or queued and not yet settled. A request whose caller was interrupted stays
 * counted until its reply arrives or its session ends, at the latest until its timeout (it then
 * leaves without counting as a timeout); a queued one leaves at the next flush, unsent.
 *
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.requestsInFlight)
 * ```
 * @since 0.1.0
 */
export const requestsInFlight = Metric.gauge("relay_requests_in_flight", {
  description: "JSON-RPC requests waiting for a reply (written or queued)"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.outboundQueueDepth)
 * ```
 * @since 0.1.0
 */
export const outboundQueueDepth = Metric.gauge("relay_outbound_queue_depth", {
  description: "Requests queued while not authenticated, waiting for the next session"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.requestTimeouts)
 * ```
 * @since 0.1.0
 */
export const requestTimeouts = Metric.counter("relay_request_timeouts_total", {
  description: "Requests that got no reply within their timeout"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.inboundOverflow)
 * ```
 * @since 0.1.0
 */
export const inboundOverflow = Metric.counter("relay_inbound_overflow_total", {
  description: "Sessions ended because the inbound frame buffer was full"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.malformedFrames)
 * ```
 * @since 0.1.0
 */
export const malformedFrames = Metric.counter("relay_malformed_frames_total", {
  description: "Inbound frames dropped because they were not valid RELAY frames"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.undecodableEvents)
 * ```
 * @since 0.1.0
 */
export const undecodableEvents = Metric.counter("relay_undecodable_events_total", {
  description: "Known events whose params did not fit their schema (delivered as Unknown)"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.duplicateEvents)
 * ```
 * @since 0.1.0
 */
export const duplicateEvents = Metric.counter("relay_duplicate_events_total", {
  description: "Re-delivered events (same id) ACKed again but not dispatched twice"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.events)
 * ```
 * @since 0.1.0
 */
export const events = Metric.counter("relay_events_total", {
  description: "signalwire.event frames ACKed and dispatched"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.subscriberOverflow)
 * ```
 * @since 0.1.0
 */
export const subscriberOverflow = Metric.counter("relay_event_subscriber_overflow_total", {
  description: "Event subscribers whose stream ended with EventOverflow"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.pingRtt)
 * ```
 * @since 0.1.0
 */
export const pingRtt = Metric.histogram(
  "relay_ping_rtt_ms",
  MetricBoundaries.exponential({ start: 1, factor: 2, count: 14 }),
  "Round-trip time of client signalwire.ping requests"
)
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.pingFailures)
 * ```
 * @since 0.1.0
 */
export const pingFailures = Metric.counter("relay_ping_failures_total", {
  description: "Client pings that failed or timed out"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.callsActive)
 * ```
 * @since 0.1.0
 */
export const callsActive = Metric.gauge("relay_calls_active", {
  description: "Calls tracked by the client (inbound, dialled and dial legs)"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.inboundCallsDropped)
 * ```
 * @since 0.1.0
 */
export const inboundCallsDropped = Metric.counter("relay_inbound_calls_dropped_total", {
  description: "Inbound calls ACKed but not handled: over maxActiveCalls, no onCall handler, or draining"
})
/**
 * @example
 * ```ts
 * import { RelayMetrics } from "@signalwire-effect/relay"
 * import * as Metric from "effect/Metric"
 *
 * const current = Metric.value(RelayMetrics.lateLegs)
 * ```
 * @since 0.1.0
 */
export const lateLegs = Metric.counter("relay_late_legs_total", {
  description: "Call legs created for a dial that had already given up (hung up or adopted)"
})
