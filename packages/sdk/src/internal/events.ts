/** The core's decoded events as the facade's event classes. */
import type { RelayEvent as CoreEvent } from "@signalwire-effect/relay"
import { parseEvent, type RelayEvent } from "../RelayEvent.js"

export const fromCore = (event: CoreEvent.RelayEvent): RelayEvent =>
  parseEvent({ event_type: event.eventType, params: event.params, timestamp: event.timestamp })
