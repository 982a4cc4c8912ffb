/**
 * SignalWire's SDK's constants. The ones the reference exports from its
 * root are re-exported from this package's root; the rest are here
 * (`@signalwire-effect/sdk/constants`).
 *
 * @example
 * ```ts
 * import { CALL_STATE_ENDED, EVENT_CALL_PLAY } from "@signalwire-effect/sdk"
 * import { MESSAGE_TERMINAL_STATES } from "@signalwire-effect/sdk/constants"
 *
 * const isFinal = (state: string) => state === CALL_STATE_ENDED || MESSAGE_TERMINAL_STATES.includes(state)
 * ```
 * @since 0.1.0
 */

/**
 * @example
 * ```ts
 * import { PROTOCOL_VERSION } from "@signalwire-effect/sdk/constants"
 *
 * console.log(PROTOCOL_VERSION)
 * ```
 * @since 0.1.0
 */
export const PROTOCOL_VERSION = { major: 2, minor: 0, revision: 0 } as const
/**
 * The `agent` the Effect core sends with `signalwire.connect`.
 *
 * @example
 * ```ts
 * import { AGENT_STRING } from "@signalwire-effect/sdk/constants"
 *
 * AGENT_STRING // "signalwire-effect/0.1.0"
 * ```
 * @since 0.1.0
 */
export const AGENT_STRING = "signalwire-effect/0.1.0"
/**
 * @example
 * ```ts
 * import { METHOD_SIGNALWIRE_CONNECT } from "@signalwire-effect/sdk/constants"
 *
 * METHOD_SIGNALWIRE_CONNECT // "signalwire.connect"
 * ```
 * @since 0.1.0
 */
export const METHOD_SIGNALWIRE_CONNECT = "signalwire.connect"
/**
 * @example
 * ```ts
 * import { METHOD_SIGNALWIRE_EVENT } from "@signalwire-effect/sdk/constants"
 *
 * METHOD_SIGNALWIRE_EVENT // "signalwire.event"
 * ```
 * @since 0.1.0
 */
export const METHOD_SIGNALWIRE_EVENT = "signalwire.event"
/**
 * @example
 * ```ts
 * import { METHOD_SIGNALWIRE_PING } from "@signalwire-effect/sdk/constants"
 *
 * METHOD_SIGNALWIRE_PING // "signalwire.ping"
 * ```
 * @since 0.1.0
 */
export const METHOD_SIGNALWIRE_PING = "signalwire.ping"
/**
 * @example
 * ```ts
 * import { METHOD_SIGNALWIRE_DISCONNECT } from "@signalwire-effect/sdk/constants"
 *
 * METHOD_SIGNALWIRE_DISCONNECT // "signalwire.disconnect"
 * ```
 * @since 0.1.0
 */
export const METHOD_SIGNALWIRE_DISCONNECT = "signalwire.disconnect"
/**
 * @example
 * ```ts
 * import { METHOD_SIGNALWIRE_RECEIVE } from "@signalwire-effect/sdk/constants"
 *
 * METHOD_SIGNALWIRE_RECEIVE // "signalwire.receive"
 * ```
 * @since 0.1.0
 */
export const METHOD_SIGNALWIRE_RECEIVE = "signalwire.receive"
/**
 * @example
 * ```ts
 * import { METHOD_SIGNALWIRE_UNRECEIVE } from "@signalwire-effect/sdk/constants"
 *
 * METHOD_SIGNALWIRE_UNRECEIVE // "signalwire.unreceive"
 * ```
 * @since 0.1.0
 */
export const METHOD_SIGNALWIRE_UNRECEIVE = "signalwire.unreceive"
/**
 * @example
 * ```ts
 * import { EVENT_AUTHORIZATION_STATE } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_AUTHORIZATION_STATE // "signalwire.authorization.state"
 * ```
 * @since 0.1.0
 */
export const EVENT_AUTHORIZATION_STATE = "signalwire.authorization.state"

/**
 * @example
 * ```ts
 * import { CALL_STATE_CREATED } from "@signalwire-effect/sdk/constants"
 *
 * CALL_STATE_CREATED // "created"
 * ```
 * @since 0.1.0
 */
export const CALL_STATE_CREATED = "created"
/**
 * @example
 * ```ts
 * import { CALL_STATE_RINGING } from "@signalwire-effect/sdk/constants"
 *
 * CALL_STATE_RINGING // "ringing"
 * ```
 * @since 0.1.0
 */
export const CALL_STATE_RINGING = "ringing"
/**
 * @example
 * ```ts
 * import { CALL_STATE_ANSWERED } from "@signalwire-effect/sdk/constants"
 *
 * CALL_STATE_ANSWERED // "answered"
 * ```
 * @since 0.1.0
 */
export const CALL_STATE_ANSWERED = "answered"
/**
 * @example
 * ```ts
 * import { CALL_STATE_ENDING } from "@signalwire-effect/sdk/constants"
 *
 * CALL_STATE_ENDING // "ending"
 * ```
 * @since 0.1.0
 */
export const CALL_STATE_ENDING = "ending"
/**
 * @example
 * ```ts
 * import { CALL_STATE_ENDED } from "@signalwire-effect/sdk/constants"
 *
 * CALL_STATE_ENDED // "ended"
 * ```
 * @since 0.1.0
 */
export const CALL_STATE_ENDED = "ended"
/**
 * @example
 * ```ts
 * import { CALL_STATES } from "@signalwire-effect/sdk/constants"
 *
 * CALL_STATES.indexOf("answered") // 2
 * ```
 * @since 0.1.0
 */
export const CALL_STATES: ReadonlyArray<string> = ["created", "ringing", "answered", "ending", "ended"]

/**
 * @example
 * ```ts
 * import { END_REASON_HANGUP } from "@signalwire-effect/sdk/constants"
 *
 * END_REASON_HANGUP // "hangup"
 * ```
 * @since 0.1.0
 */
export const END_REASON_HANGUP = "hangup"
/**
 * @example
 * ```ts
 * import { END_REASON_CANCEL } from "@signalwire-effect/sdk/constants"
 *
 * END_REASON_CANCEL // "cancel"
 * ```
 * @since 0.1.0
 */
export const END_REASON_CANCEL = "cancel"
/**
 * @example
 * ```ts
 * import { END_REASON_BUSY } from "@signalwire-effect/sdk/constants"
 *
 * END_REASON_BUSY // "busy"
 * ```
 * @since 0.1.0
 */
export const END_REASON_BUSY = "busy"
/**
 * @example
 * ```ts
 * import { END_REASON_NO_ANSWER } from "@signalwire-effect/sdk/constants"
 *
 * END_REASON_NO_ANSWER // "noAnswer"
 * ```
 * @since 0.1.0
 */
export const END_REASON_NO_ANSWER = "noAnswer"
/**
 * @example
 * ```ts
 * import { END_REASON_DECLINE } from "@signalwire-effect/sdk/constants"
 *
 * END_REASON_DECLINE // "decline"
 * ```
 * @since 0.1.0
 */
export const END_REASON_DECLINE = "decline"
/**
 * @example
 * ```ts
 * import { END_REASON_ERROR } from "@signalwire-effect/sdk/constants"
 *
 * END_REASON_ERROR // "error"
 * ```
 * @since 0.1.0
 */
export const END_REASON_ERROR = "error"
/**
 * @example
 * ```ts
 * import { END_REASON_ABANDONED } from "@signalwire-effect/sdk/constants"
 *
 * END_REASON_ABANDONED // "abandoned"
 * ```
 * @since 0.1.0
 */
export const END_REASON_ABANDONED = "abandoned"
/**
 * @example
 * ```ts
 * import { END_REASON_MAX_DURATION } from "@signalwire-effect/sdk/constants"
 *
 * END_REASON_MAX_DURATION // "max_duration"
 * ```
 * @since 0.1.0
 */
export const END_REASON_MAX_DURATION = "max_duration"
/**
 * @example
 * ```ts
 * import { END_REASON_NOT_FOUND } from "@signalwire-effect/sdk/constants"
 *
 * END_REASON_NOT_FOUND // "not_found"
 * ```
 * @since 0.1.0
 */
export const END_REASON_NOT_FOUND = "not_found"

/**
 * @example
 * ```ts
 * import { CONNECT_STATE_CONNECTING } from "@signalwire-effect/sdk/constants"
 *
 * CONNECT_STATE_CONNECTING // "connecting"
 * ```
 * @since 0.1.0
 */
export const CONNECT_STATE_CONNECTING = "connecting"
/**
 * @example
 * ```ts
 * import { CONNECT_STATE_CONNECTED } from "@signalwire-effect/sdk/constants"
 *
 * CONNECT_STATE_CONNECTED // "connected"
 * ```
 * @since 0.1.0
 */
export const CONNECT_STATE_CONNECTED = "connected"
/**
 * @example
 * ```ts
 * import { CONNECT_STATE_DISCONNECTED } from "@signalwire-effect/sdk/constants"
 *
 * CONNECT_STATE_DISCONNECTED // "disconnected"
 * ```
 * @since 0.1.0
 */
export const CONNECT_STATE_DISCONNECTED = "disconnected"
/**
 * @example
 * ```ts
 * import { CONNECT_STATE_FAILED } from "@signalwire-effect/sdk/constants"
 *
 * CONNECT_STATE_FAILED // "failed"
 * ```
 * @since 0.1.0
 */
export const CONNECT_STATE_FAILED = "failed"

/**
 * @example
 * ```ts
 * import { EVENT_CALL_STATE } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_STATE // "calling.call.state"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_STATE = "calling.call.state"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_RECEIVE } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_RECEIVE // "calling.call.receive"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_RECEIVE = "calling.call.receive"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_CONNECT } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_CONNECT // "calling.call.connect"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_CONNECT = "calling.call.connect"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_PLAY } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_PLAY // "calling.call.play"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_PLAY = "calling.call.play"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_COLLECT } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_COLLECT // "calling.call.collect"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_COLLECT = "calling.call.collect"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_RECORD } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_RECORD // "calling.call.record"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_RECORD = "calling.call.record"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_DETECT } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_DETECT // "calling.call.detect"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_DETECT = "calling.call.detect"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_FAX } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_FAX // "calling.call.fax"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_FAX = "calling.call.fax"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_TAP } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_TAP // "calling.call.tap"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_TAP = "calling.call.tap"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_SEND_DIGITS } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_SEND_DIGITS // "calling.call.send_digits"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_SEND_DIGITS = "calling.call.send_digits"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_DIAL } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_DIAL // "calling.call.dial"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_DIAL = "calling.call.dial"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_REFER } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_REFER // "calling.call.refer"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_REFER = "calling.call.refer"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_DENOISE } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_DENOISE // "calling.call.denoise"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_DENOISE = "calling.call.denoise"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_PAY } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_PAY // "calling.call.pay"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_PAY = "calling.call.pay"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_QUEUE } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_QUEUE // "calling.call.queue"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_QUEUE = "calling.call.queue"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_STREAM } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_STREAM // "calling.call.stream"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_STREAM = "calling.call.stream"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_ECHO } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_ECHO // "calling.call.echo"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_ECHO = "calling.call.echo"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_TRANSCRIBE } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_TRANSCRIBE // "calling.call.transcribe"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_TRANSCRIBE = "calling.call.transcribe"
/**
 * @example
 * ```ts
 * import { EVENT_CALL_HOLD } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALL_HOLD // "calling.call.hold"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALL_HOLD = "calling.call.hold"
/**
 * @example
 * ```ts
 * import { EVENT_CONFERENCE } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CONFERENCE // "calling.conference"
 * ```
 * @since 0.1.0
 */
export const EVENT_CONFERENCE = "calling.conference"
/**
 * @example
 * ```ts
 * import { EVENT_CALLING_ERROR } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_CALLING_ERROR // "calling.error"
 * ```
 * @since 0.1.0
 */
export const EVENT_CALLING_ERROR = "calling.error"
/**
 * @example
 * ```ts
 * import { EVENT_MESSAGING_RECEIVE } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_MESSAGING_RECEIVE // "messaging.receive"
 * ```
 * @since 0.1.0
 */
export const EVENT_MESSAGING_RECEIVE = "messaging.receive"
/**
 * @example
 * ```ts
 * import { EVENT_MESSAGING_STATE } from "@signalwire-effect/sdk/constants"
 *
 * EVENT_MESSAGING_STATE // "messaging.state"
 * ```
 * @since 0.1.0
 */
export const EVENT_MESSAGING_STATE = "messaging.state"

/**
 * @example
 * ```ts
 * import { MESSAGE_STATE_QUEUED } from "@signalwire-effect/sdk/constants"
 *
 * MESSAGE_STATE_QUEUED // "queued"
 * ```
 * @since 0.1.0
 */
export const MESSAGE_STATE_QUEUED = "queued"
/**
 * @example
 * ```ts
 * import { MESSAGE_STATE_INITIATED } from "@signalwire-effect/sdk/constants"
 *
 * MESSAGE_STATE_INITIATED // "initiated"
 * ```
 * @since 0.1.0
 */
export const MESSAGE_STATE_INITIATED = "initiated"
/**
 * @example
 * ```ts
 * import { MESSAGE_STATE_SENT } from "@signalwire-effect/sdk/constants"
 *
 * MESSAGE_STATE_SENT // "sent"
 * ```
 * @since 0.1.0
 */
export const MESSAGE_STATE_SENT = "sent"
/**
 * @example
 * ```ts
 * import { MESSAGE_STATE_DELIVERED } from "@signalwire-effect/sdk/constants"
 *
 * MESSAGE_STATE_DELIVERED // "delivered"
 * ```
 * @since 0.1.0
 */
export const MESSAGE_STATE_DELIVERED = "delivered"
/**
 * @example
 * ```ts
 * import { MESSAGE_STATE_UNDELIVERED } from "@signalwire-effect/sdk/constants"
 *
 * MESSAGE_STATE_UNDELIVERED // "undelivered"
 * ```
 * @since 0.1.0
 */
export const MESSAGE_STATE_UNDELIVERED = "undelivered"
/**
 * @example
 * ```ts
 * import { MESSAGE_STATE_FAILED } from "@signalwire-effect/sdk/constants"
 *
 * MESSAGE_STATE_FAILED // "failed"
 * ```
 * @since 0.1.0
 */
export const MESSAGE_STATE_FAILED = "failed"
/**
 * @example
 * ```ts
 * import { MESSAGE_STATE_RECEIVED } from "@signalwire-effect/sdk/constants"
 *
 * MESSAGE_STATE_RECEIVED // "received"
 * ```
 * @since 0.1.0
 */
export const MESSAGE_STATE_RECEIVED = "received"
/**
 * @example
 * ```ts
 * import { MESSAGE_TERMINAL_STATES } from "@signalwire-effect/sdk/constants"
 *
 * MESSAGE_TERMINAL_STATES.includes("delivered") // true
 * ```
 * @since 0.1.0
 */
export const MESSAGE_TERMINAL_STATES: ReadonlyArray<string> = ["delivered", "undelivered", "failed"]

/**
 * @example
 * ```ts
 * import { PLAY_STATE_PLAYING } from "@signalwire-effect/sdk/constants"
 *
 * PLAY_STATE_PLAYING // "playing"
 * ```
 * @since 0.1.0
 */
export const PLAY_STATE_PLAYING = "playing"
/**
 * @example
 * ```ts
 * import { PLAY_STATE_PAUSED } from "@signalwire-effect/sdk/constants"
 *
 * PLAY_STATE_PAUSED // "paused"
 * ```
 * @since 0.1.0
 */
export const PLAY_STATE_PAUSED = "paused"
/**
 * @example
 * ```ts
 * import { PLAY_STATE_FINISHED } from "@signalwire-effect/sdk/constants"
 *
 * PLAY_STATE_FINISHED // "finished"
 * ```
 * @since 0.1.0
 */
export const PLAY_STATE_FINISHED = "finished"
/**
 * @example
 * ```ts
 * import { PLAY_STATE_ERROR } from "@signalwire-effect/sdk/constants"
 *
 * PLAY_STATE_ERROR // "error"
 * ```
 * @since 0.1.0
 */
export const PLAY_STATE_ERROR = "error"
/**
 * @example
 * ```ts
 * import { RECORD_STATE_RECORDING } from "@signalwire-effect/sdk/constants"
 *
 * RECORD_STATE_RECORDING // "recording"
 * ```
 * @since 0.1.0
 */
export const RECORD_STATE_RECORDING = "recording"
/**
 * @example
 * ```ts
 * import { RECORD_STATE_PAUSED } from "@signalwire-effect/sdk/constants"
 *
 * RECORD_STATE_PAUSED // "paused"
 * ```
 * @since 0.1.0
 */
export const RECORD_STATE_PAUSED = "paused"
/**
 * @example
 * ```ts
 * import { RECORD_STATE_FINISHED } from "@signalwire-effect/sdk/constants"
 *
 * RECORD_STATE_FINISHED // "finished"
 * ```
 * @since 0.1.0
 */
export const RECORD_STATE_FINISHED = "finished"
/**
 * @example
 * ```ts
 * import { RECORD_STATE_NO_INPUT } from "@signalwire-effect/sdk/constants"
 *
 * RECORD_STATE_NO_INPUT // "no_input"
 * ```
 * @since 0.1.0
 */
export const RECORD_STATE_NO_INPUT = "no_input"
/**
 * @example
 * ```ts
 * import { DETECT_TYPE_MACHINE } from "@signalwire-effect/sdk/constants"
 *
 * DETECT_TYPE_MACHINE // "machine"
 * ```
 * @since 0.1.0
 */
export const DETECT_TYPE_MACHINE = "machine"
/**
 * @example
 * ```ts
 * import { DETECT_TYPE_FAX } from "@signalwire-effect/sdk/constants"
 *
 * DETECT_TYPE_FAX // "fax"
 * ```
 * @since 0.1.0
 */
export const DETECT_TYPE_FAX = "fax"
/**
 * @example
 * ```ts
 * import { DETECT_TYPE_DIGIT } from "@signalwire-effect/sdk/constants"
 *
 * DETECT_TYPE_DIGIT // "digit"
 * ```
 * @since 0.1.0
 */
export const DETECT_TYPE_DIGIT = "digit"
/**
 * @example
 * ```ts
 * import { ROOM_STATE_JOINING } from "@signalwire-effect/sdk/constants"
 *
 * ROOM_STATE_JOINING // "joining"
 * ```
 * @since 0.1.0
 */
export const ROOM_STATE_JOINING = "joining"
/**
 * @example
 * ```ts
 * import { ROOM_STATE_JOIN } from "@signalwire-effect/sdk/constants"
 *
 * ROOM_STATE_JOIN // "join"
 * ```
 * @since 0.1.0
 */
export const ROOM_STATE_JOIN = "join"
/**
 * @example
 * ```ts
 * import { ROOM_STATE_LEAVING } from "@signalwire-effect/sdk/constants"
 *
 * ROOM_STATE_LEAVING // "leaving"
 * ```
 * @since 0.1.0
 */
export const ROOM_STATE_LEAVING = "leaving"
/**
 * @example
 * ```ts
 * import { ROOM_STATE_LEAVE } from "@signalwire-effect/sdk/constants"
 *
 * ROOM_STATE_LEAVE // "leave"
 * ```
 * @since 0.1.0
 */
export const ROOM_STATE_LEAVE = "leave"

/**
 * Seconds.
 *
 * @example
 * ```ts
 * import { RECONNECT_MIN_DELAY } from "@signalwire-effect/sdk/constants"
 *
 * RECONNECT_MIN_DELAY // 1.0
 * ```
 * @since 0.1.0
 */
export const RECONNECT_MIN_DELAY = 1.0
/**
 * Seconds.
 *
 * @example
 * ```ts
 * import { RECONNECT_MAX_DELAY } from "@signalwire-effect/sdk/constants"
 *
 * RECONNECT_MAX_DELAY // 30.0
 * ```
 * @since 0.1.0
 */
export const RECONNECT_MAX_DELAY = 30.0
/**
 * @example
 * ```ts
 * import { RECONNECT_BACKOFF_FACTOR } from "@signalwire-effect/sdk/constants"
 *
 * RECONNECT_BACKOFF_FACTOR // 2.0
 * ```
 * @since 0.1.0
 */
export const RECONNECT_BACKOFF_FACTOR = 2.0
/**
 * Milliseconds.
 *
 * @example
 * ```ts
 * import { CLIENT_PING_INTERVAL } from "@signalwire-effect/sdk/constants"
 *
 * CLIENT_PING_INTERVAL // 30_000
 * ```
 * @since 0.1.0
 */
export const CLIENT_PING_INTERVAL = 30_000
/**
 * @example
 * ```ts
 * import { CLIENT_PING_MAX_FAILURES } from "@signalwire-effect/sdk/constants"
 *
 * CLIENT_PING_MAX_FAILURES // 3
 * ```
 * @since 0.1.0
 */
export const CLIENT_PING_MAX_FAILURES = 3
/**
 * Milliseconds.
 *
 * @example
 * ```ts
 * import { SERVER_PING_TIMEOUT } from "@signalwire-effect/sdk/constants"
 *
 * SERVER_PING_TIMEOUT // 15_000
 * ```
 * @since 0.1.0
 */
export const SERVER_PING_TIMEOUT = 15_000
/**
 * Milliseconds.
 *
 * @example
 * ```ts
 * import { REQUEST_TIMEOUT } from "@signalwire-effect/sdk/constants"
 *
 * REQUEST_TIMEOUT // 30_000
 * ```
 * @since 0.1.0
 */
export const REQUEST_TIMEOUT = 30_000
/**
 * @example
 * ```ts
 * import { EXECUTE_QUEUE_MAX } from "@signalwire-effect/sdk/constants"
 *
 * EXECUTE_QUEUE_MAX // 500
 * ```
 * @since 0.1.0
 */
export const EXECUTE_QUEUE_MAX = 500
/**
 * @example
 * ```ts
 * import { DEFAULT_RELAY_HOST } from "@signalwire-effect/sdk/constants"
 *
 * DEFAULT_RELAY_HOST // "relay.signalwire.com"
 * ```
 * @since 0.1.0
 */
export const DEFAULT_RELAY_HOST = "relay.signalwire.com"
