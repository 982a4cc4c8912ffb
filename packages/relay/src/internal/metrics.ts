import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"

export const reconnects = Metric.counter("relay_reconnects_total", {
  description: "Sessions made after the first one (each counts once, however many attempts it took)"
})
export const connectAttempts = Metric.counter("relay_connect_attempts_total", {
  description: "Attempts to open and authenticate a socket"
})
export const authRejections = Metric.counter("relay_auth_rejections_total", {
  description: "signalwire.connect refusals"
})
export const requestsInFlight = Metric.gauge("relay_requests_in_flight", {
  description: "JSON-RPC requests waiting for a reply (written or queued)"
})
export const outboundQueueDepth = Metric.gauge("relay_outbound_queue_depth", {
  description: "Requests queued while not authenticated, waiting for the next session"
})
export const requestTimeouts = Metric.counter("relay_request_timeouts_total", {
  description: "Requests that got no reply within their timeout"
})
export const inboundOverflow = Metric.counter("relay_inbound_overflow_total", {
  description: "Sessions ended because the inbound frame buffer was full"
})
export const malformedFrames = Metric.counter("relay_malformed_frames_total", {
  description: "Inbound frames dropped because they were not valid RELAY frames"
})
export const undecodableEvents = Metric.counter("relay_undecodable_events_total", {
  description: "Known events whose params did not fit their schema (delivered as Unknown)"
})
export const duplicateEvents = Metric.counter("relay_duplicate_events_total", {
  description: "Re-delivered events (same id) ACKed again but not dispatched twice"
})
export const events = Metric.counter("relay_events_total", {
  description: "signalwire.event frames ACKed and dispatched"
})
export const subscriberOverflow = Metric.counter("relay_event_subscriber_overflow_total", {
  description: "Event subscribers whose stream ended with EventOverflow"
})
export const pingRtt = Metric.histogram(
  "relay_ping_rtt_ms",
  MetricBoundaries.exponential({ start: 1, factor: 2, count: 14 }),
  "Round-trip time of client signalwire.ping requests"
)
export const pingFailures = Metric.counter("relay_ping_failures_total", {
  description: "Client pings that failed or timed out"
})
