/**
 * The reference SDK's event classes: `RelayEvent`, its 23 typed subclasses,
 * `parseEvent` and `EVENT_CLASS_MAP`. The Effect core decodes every `signalwire.event`; the facade
 * wraps the decoded inner params in these classes, with the reference's property names and
 * defaults (missing strings `""`, numbers `0`, objects `{}`, arrays `[]`).
 *
 * Event-class count (DIFFERENCES.md #10): the TypeScript README says 22; there are 23, and
 * all 23 are here (including `HoldEvent`, `CallReceiveEvent.projectId/segmentId`,
 * `ReferEvent.sipNotifyResponseCode` and `TranscribeEvent.recordingId`, which the user docs omit).
 *
 * @since 0.1.0
 */

/**
 * Inner params of an event, as received.
 *
 *
 * @example
 * ```ts
 * import type { EventParams } from "@signalwire-effect/sdk"
 *
 * const callIdOf = (params: EventParams) => String(params.call_id ?? "")
 * ```
 * @since 0.1.0
 */
export type EventParams = Readonly<Record<string, unknown>>

/**
 * The `{event_type, params, timestamp?}` payload of a `signalwire.event` (its outer `params`).
 *
 *
 * @example
 * ```ts
 * import type { EventPayload } from "@signalwire-effect/sdk"
 *
 * const payload: EventPayload = { event_type: "calling.call.play", params: { control_id: "p-1", state: "playing" } }
 * ```
 * @since 0.1.0
 */
export interface EventPayload {
  readonly event_type?: string | undefined
  readonly params?: EventParams | undefined
  readonly timestamp?: number | undefined
}

const str = (value: unknown): string => (typeof value === "string" ? value : "")
const num = (value: unknown): number => (typeof value === "number" ? value : 0)
const obj = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {}
const strings = (value: unknown): Array<string> =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []

/**
 * An event: its type, its raw inner params, and the ids every event may carry.
 *
 * `timestamp`: the wire puts it at the outer level of the payload (`@signalwire-effect/relay` PROTOCOL.md §4.1), where
 * the TypeScript reference does not look; this class reads the outer `timestamp` first, then an
 * inner one, else `0`.
 *
 * @example
 * ```ts
 * import { RelayEvent } from "@signalwire-effect/sdk"
 *
 * const event = RelayEvent.fromPayload({ event_type: "calling.call.ai", params: { call_id: "c-1", state: "finished" } })
 * event.eventType // "calling.call.ai"
 * event.callId    // "c-1"
 * ```
 * @since 0.1.0
 */
export class RelayEvent {
  /** `params.event_type`; `""` for the empty event of a call that is gone. */
  readonly eventType: string
  /** The inner params, as received. */
  readonly params: EventParams
  /** Inner `call_id`, or `""`. */
  readonly callId: string
  /** Epoch seconds: the outer `timestamp`, else the inner one, else `0`. */
  readonly timestamp: number

  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    this.eventType = eventType
    this.params = params
    this.callId = str(params.call_id)
    this.timestamp = timestamp ?? num(params.timestamp)
  }

  /**
   * Builds an event of this class from a `signalwire.event` payload (`{event_type, params}`).
   *
   * @example
   * ```ts
   * import { PlayEvent } from "@signalwire-effect/sdk"
   *
   * PlayEvent.fromPayload({ event_type: "calling.call.play", params: { control_id: "p-1", state: "playing" } }).state // "playing"
   * ```
   */
  static fromPayload<T extends RelayEvent>(
    this: new(eventType: string, params?: EventParams, timestamp?: number) => T,
    payload: EventPayload
  ): T {
    return new this(payload.event_type ?? "", obj(payload.params), typeof payload.timestamp === "number" ? payload.timestamp : undefined)
  }

  toString(): string {
    return `${this.constructor.name}(${this.eventType}${this.callId === "" ? "" : ` call=${this.callId}`})`
  }
}

/**
 * A class of event, as {@link EVENT_CLASS_MAP} holds them.
 *
 *
 * @example
 * ```ts
 * import type { EventClass, EventParams } from "@signalwire-effect/sdk"
 *
 * const typeOf = (eventClass: EventClass, params: EventParams) => eventClass.fromPayload({ params }).constructor.name
 * ```
 * @since 0.1.0
 */
export type EventClass = (new(eventType: string, params?: EventParams, timestamp?: number) => RelayEvent) & {
  readonly fromPayload: (payload: EventPayload) => RelayEvent
}

/**
 * `calling.call.state`.
 *
 * @example
 * ```ts
 * import { CallStateEvent } from "@signalwire-effect/sdk"
 *
 * new CallStateEvent("calling.call.state", { call_id: "c-1", call_state: "ended", end_reason: "busy" }).endReason // "busy"
 * ```
 * @since 0.1.0
 */
export class CallStateEvent extends RelayEvent {
  readonly callState: string
  readonly endReason: string
  readonly direction: string
  readonly device: Record<string, unknown>
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.callState = str(params.call_state)
    this.endReason = str(params.end_reason)
    this.direction = str(params.direction)
    this.device = obj(params.device)
  }
}

/**
 * `calling.call.receive`: an inbound call is offered.
 *
 * @example
 * ```ts
 * import { CallReceiveEvent } from "@signalwire-effect/sdk"
 *
 * new CallReceiveEvent("calling.call.receive", { call_id: "c-1", protocol: "signalwire_x" }).context // "signalwire_x"
 * ```
 * @since 0.1.0
 */
export class CallReceiveEvent extends RelayEvent {
  readonly callState: string
  readonly direction: string
  readonly device: Record<string, unknown>
  readonly nodeId: string
  readonly projectId: string
  /** `context`, else `protocol`. */
  readonly context: string
  readonly segmentId: string
  readonly tag: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.callState = str(params.call_state)
    this.direction = str(params.direction)
    this.device = obj(params.device)
    this.nodeId = str(params.node_id)
    this.projectId = str(params.project_id)
    this.context = str(params.context) || str(params.protocol)
    this.segmentId = str(params.segment_id)
    this.tag = str(params.tag)
  }
}

/**
 * `calling.call.play`.
 *
 * @example
 * ```ts
 * import { PlayEvent } from "@signalwire-effect/sdk"
 *
 * new PlayEvent("calling.call.play", { control_id: "p-1", state: "finished" }).state // "finished"
 * ```
 * @since 0.1.0
 */
export class PlayEvent extends RelayEvent {
  readonly controlId: string
  readonly state: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.controlId = str(params.control_id)
    this.state = str(params.state)
  }
}

/**
 * `calling.call.record`: `url`, `duration` and `size` come from the nested `record` object when
 * present, else from the top level.
 *
 * @example
 * ```ts
 * import { RecordEvent } from "@signalwire-effect/sdk"
 *
 * new RecordEvent("calling.call.record", { state: "finished", record: { url: "https://x/r.mp3" } }).url // "https://x/r.mp3"
 * ```
 * @since 0.1.0
 */
export class RecordEvent extends RelayEvent {
  readonly controlId: string
  readonly state: string
  readonly url: string
  readonly duration: number
  readonly size: number
  readonly record: Record<string, unknown>
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    const record = obj(params.record)
    this.controlId = str(params.control_id)
    this.state = str(params.state)
    this.record = record
    this.url = str(record.url) || str(params.url)
    this.duration = typeof record.duration === "number" ? record.duration : num(params.duration)
    this.size = typeof record.size === "number" ? record.size : num(params.size)
  }
}

/**
 * `calling.call.collect`: `result` is `{type, params}`; `final` is `undefined` when absent.
 *
 * @example
 * ```ts
 * import { CollectEvent } from "@signalwire-effect/sdk"
 *
 * const e = new CollectEvent("calling.call.collect", { result: { type: "digit", params: { digits: "1" } } })
 * e.result.type // "digit"
 * ```
 * @since 0.1.0
 */
export class CollectEvent extends RelayEvent {
  readonly controlId: string
  readonly state: string
  readonly result: Record<string, unknown>
  readonly final: boolean | undefined
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.controlId = str(params.control_id)
    this.state = str(params.state)
    this.result = obj(params.result)
    this.final = typeof params.final === "boolean" ? params.final : undefined
  }
}

/**
 * `calling.call.connect`.
 *
 * @example
 * ```ts
 * import { ConnectEvent } from "@signalwire-effect/sdk"
 *
 * new ConnectEvent("calling.call.connect", { connect_state: "connected" }).connectState // "connected"
 * ```
 * @since 0.1.0
 */
export class ConnectEvent extends RelayEvent {
  readonly connectState: string
  readonly peer: Record<string, unknown>
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.connectState = str(params.connect_state)
    this.peer = obj(params.peer)
  }
}

/**
 * `calling.call.detect`: `detect` is `{type, params: {event}}`.
 *
 * @example
 * ```ts
 * import { DetectEvent } from "@signalwire-effect/sdk"
 *
 * new DetectEvent("calling.call.detect", { detect: { type: "machine", params: { event: "HUMAN" } } }).detect.type // "machine"
 * ```
 * @since 0.1.0
 */
export class DetectEvent extends RelayEvent {
  readonly controlId: string
  readonly detect: Record<string, unknown>
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.controlId = str(params.control_id)
    this.detect = obj(params.detect)
  }
}

/**
 * `calling.call.fax`.
 *
 * @example
 * ```ts
 * import { FaxEvent } from "@signalwire-effect/sdk"
 *
 * new FaxEvent("calling.call.fax", { fax: { type: "finished" } }).fax // { type: "finished" }
 * ```
 * @since 0.1.0
 */
export class FaxEvent extends RelayEvent {
  readonly controlId: string
  readonly fax: Record<string, unknown>
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.controlId = str(params.control_id)
    this.fax = obj(params.fax)
  }
}

/**
 * `calling.call.tap`.
 *
 * @example
 * ```ts
 * import { TapEvent } from "@signalwire-effect/sdk"
 *
 * new TapEvent("calling.call.tap", { state: "tapping" }).state // "tapping"
 * ```
 * @since 0.1.0
 */
export class TapEvent extends RelayEvent {
  readonly controlId: string
  readonly state: string
  readonly tap: Record<string, unknown>
  readonly device: Record<string, unknown>
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.controlId = str(params.control_id)
    this.state = str(params.state)
    this.tap = obj(params.tap)
    this.device = obj(params.device)
  }
}

/**
 * `calling.call.stream`.
 *
 * @example
 * ```ts
 * import { StreamEvent } from "@signalwire-effect/sdk"
 *
 * new StreamEvent("calling.call.stream", { state: "streaming", url: "wss://x" }).url // "wss://x"
 * ```
 * @since 0.1.0
 */
export class StreamEvent extends RelayEvent {
  readonly controlId: string
  readonly state: string
  readonly url: string
  readonly name: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.controlId = str(params.control_id)
    this.state = str(params.state)
    this.url = str(params.url)
    this.name = str(params.name)
  }
}

/**
 * `calling.call.send_digits`.
 *
 * @example
 * ```ts
 * import { SendDigitsEvent } from "@signalwire-effect/sdk"
 *
 * new SendDigitsEvent("calling.call.send_digits", { state: "finished" }).state // "finished"
 * ```
 * @since 0.1.0
 */
export class SendDigitsEvent extends RelayEvent {
  readonly controlId: string
  readonly state: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.controlId = str(params.control_id)
    this.state = str(params.state)
  }
}

/**
 * `calling.call.dial`: `call` is `{call_id, node_id, tag, device, dial_winner}` of the winner.
 *
 * @example
 * ```ts
 * import { DialEvent } from "@signalwire-effect/sdk"
 *
 * new DialEvent("calling.call.dial", { tag: "t-1", dial_state: "answered" }).dialState // "answered"
 * ```
 * @since 0.1.0
 */
export class DialEvent extends RelayEvent {
  readonly tag: string
  readonly dialState: string
  readonly call: Record<string, unknown>
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.tag = str(params.tag)
    this.dialState = str(params.dial_state)
    this.call = obj(params.call)
  }
}

/**
 * `calling.call.refer`.
 *
 * @example
 * ```ts
 * import { ReferEvent } from "@signalwire-effect/sdk"
 *
 * new ReferEvent("calling.call.refer", { sip_refer_to: "sip:bob@example.com" }).sipReferTo // "sip:bob@example.com"
 * ```
 * @since 0.1.0
 */
export class ReferEvent extends RelayEvent {
  readonly state: string
  readonly sipReferTo: string
  readonly sipReferResponseCode: string
  readonly sipNotifyResponseCode: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.state = str(params.state)
    this.sipReferTo = str(params.sip_refer_to)
    this.sipReferResponseCode = str(params.sip_refer_response_code)
    this.sipNotifyResponseCode = str(params.sip_notify_response_code)
  }
}

/**
 * `calling.call.denoise`.
 *
 * @example
 * ```ts
 * import { DenoiseEvent } from "@signalwire-effect/sdk"
 *
 * new DenoiseEvent("calling.call.denoise", {}).denoised // false
 * ```
 * @since 0.1.0
 */
export class DenoiseEvent extends RelayEvent {
  readonly denoised: boolean
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.denoised = params.denoised === true
  }
}

/**
 * `calling.call.pay`.
 *
 * @example
 * ```ts
 * import { PayEvent } from "@signalwire-effect/sdk"
 *
 * new PayEvent("calling.call.pay", { state: "finished" }).state // "finished"
 * ```
 * @since 0.1.0
 */
export class PayEvent extends RelayEvent {
  readonly controlId: string
  readonly state: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.controlId = str(params.control_id)
    this.state = str(params.state)
  }
}

/**
 * `calling.call.queue`: `queueId` ← `id`, `queueName` ← `name`.
 *
 * @example
 * ```ts
 * import { QueueEvent } from "@signalwire-effect/sdk"
 *
 * new QueueEvent("calling.call.queue", { id: "q-1", name: "support", position: 2 }).position // 2
 * ```
 * @since 0.1.0
 */
export class QueueEvent extends RelayEvent {
  readonly controlId: string
  readonly status: string
  readonly queueId: string
  readonly queueName: string
  readonly position: number
  readonly size: number
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.controlId = str(params.control_id)
    this.status = str(params.status)
    this.queueId = str(params.id)
    this.queueName = str(params.name)
    this.position = num(params.position)
    this.size = num(params.size)
  }
}

/**
 * `calling.call.echo`.
 *
 * @example
 * ```ts
 * import { EchoEvent } from "@signalwire-effect/sdk"
 *
 * new EchoEvent("calling.call.echo", { state: "finished" }).state // "finished"
 * ```
 * @since 0.1.0
 */
export class EchoEvent extends RelayEvent {
  readonly state: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.state = str(params.state)
  }
}

/**
 * `calling.call.transcribe`: `recordingId` ← `recording_id`.
 *
 * @example
 * ```ts
 * import { TranscribeEvent } from "@signalwire-effect/sdk"
 *
 * new TranscribeEvent("calling.call.transcribe", { state: "finished", recording_id: "r-1" }).recordingId // "r-1"
 * ```
 * @since 0.1.0
 */
export class TranscribeEvent extends RelayEvent {
  readonly controlId: string
  readonly state: string
  readonly url: string
  readonly recordingId: string
  readonly duration: number
  readonly size: number
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.controlId = str(params.control_id)
    this.state = str(params.state)
    this.url = str(params.url)
    this.recordingId = str(params.recording_id)
    this.duration = num(params.duration)
    this.size = num(params.size)
  }
}

/**
 * `calling.call.hold`.
 *
 * @example
 * ```ts
 * import { HoldEvent } from "@signalwire-effect/sdk"
 *
 * new HoldEvent("calling.call.hold", { state: "hold" }).state // "hold"
 * ```
 * @since 0.1.0
 */
export class HoldEvent extends RelayEvent {
  readonly state: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.state = str(params.state)
  }
}

/**
 * `calling.conference`.
 *
 * @example
 * ```ts
 * import { ConferenceEvent } from "@signalwire-effect/sdk"
 *
 * new ConferenceEvent("calling.conference", { conference_id: "cf-1", name: "team", status: "started" }).name // "team"
 * ```
 * @since 0.1.0
 */
export class ConferenceEvent extends RelayEvent {
  readonly conferenceId: string
  readonly name: string
  readonly status: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.conferenceId = str(params.conference_id)
    this.name = str(params.name)
    this.status = str(params.status)
  }
}

/**
 * `calling.error`: `code` is a string (a numeric wire code is stringified).
 *
 * @example
 * ```ts
 * import { CallingErrorEvent } from "@signalwire-effect/sdk"
 *
 * new CallingErrorEvent("calling.error", { code: 5001, message: "boom" }).code // "5001"
 * ```
 * @since 0.1.0
 */
export class CallingErrorEvent extends RelayEvent {
  readonly code: string
  readonly message: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.code = typeof params.code === "number" ? String(params.code) : str(params.code)
    this.message = str(params.message)
  }
}

/**
 * `messaging.receive`: an inbound SMS / MMS.
 *
 * @example
 * ```ts
 * import { MessageReceiveEvent } from "@signalwire-effect/sdk"
 *
 * new MessageReceiveEvent("messaging.receive", { message_id: "m-1", body: "Hi" }).body // "Hi"
 * ```
 * @since 0.1.0
 */
export class MessageReceiveEvent extends RelayEvent {
  readonly messageId: string
  readonly context: string
  readonly direction: string
  readonly fromNumber: string
  readonly toNumber: string
  readonly body: string
  readonly media: Array<string>
  readonly segments: number
  readonly messageState: string
  readonly tags: Array<string>
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.messageId = str(params.message_id)
    this.context = str(params.context)
    this.direction = str(params.direction)
    this.fromNumber = str(params.from_number)
    this.toNumber = str(params.to_number)
    this.body = str(params.body)
    this.media = strings(params.media)
    this.segments = num(params.segments)
    this.messageState = str(params.message_state)
    this.tags = strings(params.tags)
  }
}

/**
 * `messaging.state`: the same ten fields as {@link MessageReceiveEvent}, plus `reason`.
 *
 * @example
 * ```ts
 * import { MessageStateEvent } from "@signalwire-effect/sdk"
 *
 * new MessageStateEvent("messaging.state", { message_id: "m-1", message_state: "failed", reason: "blocked" }).reason // "blocked"
 * ```
 * @since 0.1.0
 */
export class MessageStateEvent extends MessageReceiveEvent {
  readonly reason: string
  constructor(eventType: string, params: EventParams = {}, timestamp?: number) {
    super(eventType, params, timestamp)
    this.reason = str(params.reason)
  }
}

/**
 * `event_type` → event class, for the 23 typed events. Types not in it (`calling.call.ai`,
 * `signalwire.authorization.state`, any new type) are plain {@link RelayEvent}s.
 *
 * @example
 * ```ts
 * import { EVENT_CLASS_MAP } from "@signalwire-effect/sdk"
 *
 * Object.keys(EVENT_CLASS_MAP).length // 23
 * ```
 * @since 0.1.0
 */
export const EVENT_CLASS_MAP: Readonly<Record<string, EventClass>> = {
  "calling.call.state": CallStateEvent,
  "calling.call.receive": CallReceiveEvent,
  "calling.call.play": PlayEvent,
  "calling.call.record": RecordEvent,
  "calling.call.collect": CollectEvent,
  "calling.call.connect": ConnectEvent,
  "calling.call.detect": DetectEvent,
  "calling.call.fax": FaxEvent,
  "calling.call.tap": TapEvent,
  "calling.call.stream": StreamEvent,
  "calling.call.send_digits": SendDigitsEvent,
  "calling.call.dial": DialEvent,
  "calling.call.refer": ReferEvent,
  "calling.call.denoise": DenoiseEvent,
  "calling.call.pay": PayEvent,
  "calling.call.queue": QueueEvent,
  "calling.call.echo": EchoEvent,
  "calling.call.transcribe": TranscribeEvent,
  "calling.call.hold": HoldEvent,
  "calling.conference": ConferenceEvent,
  "calling.error": CallingErrorEvent,
  "messaging.receive": MessageReceiveEvent,
  "messaging.state": MessageStateEvent
}

/**
 * A `signalwire.event` payload (`{event_type, params}`) as its typed class from
 * {@link EVENT_CLASS_MAP}, or a plain {@link RelayEvent}.
 *
 * @example
 * ```ts
 * import { CallStateEvent, parseEvent } from "@signalwire-effect/sdk"
 *
 * const event = parseEvent({ event_type: "calling.call.state", params: { call_id: "c-1", call_state: "ringing" } })
 * event instanceof CallStateEvent // true
 * ```
 * @since 0.1.0
 */
export const parseEvent = (payload: EventPayload): RelayEvent =>
  (EVENT_CLASS_MAP[payload.event_type ?? ""] ?? RelayEvent).fromPayload(payload)
