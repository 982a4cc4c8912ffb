/**
 * The reference SDK's constants (relay-surface.md §8). The ones the reference exports from its
 * root are re-exported from this package's root; the rest are here
 * (`@signalwire-effect/relay-promise/constants`).
 *
 * @example
 * ```ts
 * import { CALL_STATE_ENDED, EVENT_CALL_PLAY } from "@signalwire-effect/relay-promise"
 * import { MESSAGE_TERMINAL_STATES } from "@signalwire-effect/relay-promise/constants"
 *
 * const isFinal = (state: string) => state === CALL_STATE_ENDED || MESSAGE_TERMINAL_STATES.includes(state)
 * ```
 * @since 0.1.0
 */

/** @since 0.1.0 */
export const PROTOCOL_VERSION = { major: 2, minor: 0, revision: 0 } as const
/** The `agent` the Effect core sends with `signalwire.connect`. @since 0.1.0 */
export const AGENT_STRING = "signalwire-effect/0.1.0"
/** @since 0.1.0 */
export const METHOD_SIGNALWIRE_CONNECT = "signalwire.connect"
/** @since 0.1.0 */
export const METHOD_SIGNALWIRE_EVENT = "signalwire.event"
/** @since 0.1.0 */
export const METHOD_SIGNALWIRE_PING = "signalwire.ping"
/** @since 0.1.0 */
export const METHOD_SIGNALWIRE_DISCONNECT = "signalwire.disconnect"
/** @since 0.1.0 */
export const METHOD_SIGNALWIRE_RECEIVE = "signalwire.receive"
/** @since 0.1.0 */
export const METHOD_SIGNALWIRE_UNRECEIVE = "signalwire.unreceive"
/** @since 0.1.0 */
export const EVENT_AUTHORIZATION_STATE = "signalwire.authorization.state"

/** @since 0.1.0 */
export const CALL_STATE_CREATED = "created"
/** @since 0.1.0 */
export const CALL_STATE_RINGING = "ringing"
/** @since 0.1.0 */
export const CALL_STATE_ANSWERED = "answered"
/** @since 0.1.0 */
export const CALL_STATE_ENDING = "ending"
/** @since 0.1.0 */
export const CALL_STATE_ENDED = "ended"
/** @since 0.1.0 */
export const CALL_STATES: ReadonlyArray<string> = ["created", "ringing", "answered", "ending", "ended"]

/** @since 0.1.0 */
export const END_REASON_HANGUP = "hangup"
/** @since 0.1.0 */
export const END_REASON_CANCEL = "cancel"
/** @since 0.1.0 */
export const END_REASON_BUSY = "busy"
/** @since 0.1.0 */
export const END_REASON_NO_ANSWER = "noAnswer"
/** @since 0.1.0 */
export const END_REASON_DECLINE = "decline"
/** @since 0.1.0 */
export const END_REASON_ERROR = "error"
/** @since 0.1.0 */
export const END_REASON_ABANDONED = "abandoned"
/** @since 0.1.0 */
export const END_REASON_MAX_DURATION = "max_duration"
/** @since 0.1.0 */
export const END_REASON_NOT_FOUND = "not_found"

/** @since 0.1.0 */
export const CONNECT_STATE_CONNECTING = "connecting"
/** @since 0.1.0 */
export const CONNECT_STATE_CONNECTED = "connected"
/** @since 0.1.0 */
export const CONNECT_STATE_DISCONNECTED = "disconnected"
/** @since 0.1.0 */
export const CONNECT_STATE_FAILED = "failed"

/** @since 0.1.0 */
export const EVENT_CALL_STATE = "calling.call.state"
/** @since 0.1.0 */
export const EVENT_CALL_RECEIVE = "calling.call.receive"
/** @since 0.1.0 */
export const EVENT_CALL_CONNECT = "calling.call.connect"
/** @since 0.1.0 */
export const EVENT_CALL_PLAY = "calling.call.play"
/** @since 0.1.0 */
export const EVENT_CALL_COLLECT = "calling.call.collect"
/** @since 0.1.0 */
export const EVENT_CALL_RECORD = "calling.call.record"
/** @since 0.1.0 */
export const EVENT_CALL_DETECT = "calling.call.detect"
/** @since 0.1.0 */
export const EVENT_CALL_FAX = "calling.call.fax"
/** @since 0.1.0 */
export const EVENT_CALL_TAP = "calling.call.tap"
/** @since 0.1.0 */
export const EVENT_CALL_SEND_DIGITS = "calling.call.send_digits"
/** @since 0.1.0 */
export const EVENT_CALL_DIAL = "calling.call.dial"
/** @since 0.1.0 */
export const EVENT_CALL_REFER = "calling.call.refer"
/** @since 0.1.0 */
export const EVENT_CALL_DENOISE = "calling.call.denoise"
/** @since 0.1.0 */
export const EVENT_CALL_PAY = "calling.call.pay"
/** @since 0.1.0 */
export const EVENT_CALL_QUEUE = "calling.call.queue"
/** @since 0.1.0 */
export const EVENT_CALL_STREAM = "calling.call.stream"
/** @since 0.1.0 */
export const EVENT_CALL_ECHO = "calling.call.echo"
/** @since 0.1.0 */
export const EVENT_CALL_TRANSCRIBE = "calling.call.transcribe"
/** @since 0.1.0 */
export const EVENT_CALL_HOLD = "calling.call.hold"
/** @since 0.1.0 */
export const EVENT_CONFERENCE = "calling.conference"
/** @since 0.1.0 */
export const EVENT_CALLING_ERROR = "calling.error"
/** @since 0.1.0 */
export const EVENT_MESSAGING_RECEIVE = "messaging.receive"
/** @since 0.1.0 */
export const EVENT_MESSAGING_STATE = "messaging.state"

/** @since 0.1.0 */
export const MESSAGE_STATE_QUEUED = "queued"
/** @since 0.1.0 */
export const MESSAGE_STATE_INITIATED = "initiated"
/** @since 0.1.0 */
export const MESSAGE_STATE_SENT = "sent"
/** @since 0.1.0 */
export const MESSAGE_STATE_DELIVERED = "delivered"
/** @since 0.1.0 */
export const MESSAGE_STATE_UNDELIVERED = "undelivered"
/** @since 0.1.0 */
export const MESSAGE_STATE_FAILED = "failed"
/** @since 0.1.0 */
export const MESSAGE_STATE_RECEIVED = "received"
/** @since 0.1.0 */
export const MESSAGE_TERMINAL_STATES: ReadonlyArray<string> = ["delivered", "undelivered", "failed"]

/** @since 0.1.0 */
export const PLAY_STATE_PLAYING = "playing"
/** @since 0.1.0 */
export const PLAY_STATE_PAUSED = "paused"
/** @since 0.1.0 */
export const PLAY_STATE_FINISHED = "finished"
/** @since 0.1.0 */
export const PLAY_STATE_ERROR = "error"
/** @since 0.1.0 */
export const RECORD_STATE_RECORDING = "recording"
/** @since 0.1.0 */
export const RECORD_STATE_PAUSED = "paused"
/** @since 0.1.0 */
export const RECORD_STATE_FINISHED = "finished"
/** @since 0.1.0 */
export const RECORD_STATE_NO_INPUT = "no_input"
/** @since 0.1.0 */
export const DETECT_TYPE_MACHINE = "machine"
/** @since 0.1.0 */
export const DETECT_TYPE_FAX = "fax"
/** @since 0.1.0 */
export const DETECT_TYPE_DIGIT = "digit"
/** @since 0.1.0 */
export const ROOM_STATE_JOINING = "joining"
/** @since 0.1.0 */
export const ROOM_STATE_JOIN = "join"
/** @since 0.1.0 */
export const ROOM_STATE_LEAVING = "leaving"
/** @since 0.1.0 */
export const ROOM_STATE_LEAVE = "leave"

/** Seconds. @since 0.1.0 */
export const RECONNECT_MIN_DELAY = 1.0
/** Seconds. @since 0.1.0 */
export const RECONNECT_MAX_DELAY = 30.0
/** @since 0.1.0 */
export const RECONNECT_BACKOFF_FACTOR = 2.0
/** Milliseconds. @since 0.1.0 */
export const CLIENT_PING_INTERVAL = 30_000
/** @since 0.1.0 */
export const CLIENT_PING_MAX_FAILURES = 3
/** Milliseconds. @since 0.1.0 */
export const SERVER_PING_TIMEOUT = 15_000
/** Milliseconds. @since 0.1.0 */
export const REQUEST_TIMEOUT = 30_000
/** @since 0.1.0 */
export const EXECUTE_QUEUE_MAX = 500
/** @since 0.1.0 */
export const DEFAULT_RELAY_HOST = "relay.signalwire.com"
