/**
 * Whom a call dials or connects to: phone numbers, SIP and WebRTC endpoints, Agora channels,
 * existing calls, queues and media streams, in the nested `{type, params}` wire form
 * (PROTOCOL.md §8.3). A plan is a list of groups: groups are tried one after the other
 * (serial), the devices of a group ring at the same time (parallel).
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"

const E164 = Schema.String.pipe(
  Schema.pattern(/^\+[1-9]\d{1,14}$/, { message: () => "expected an E.164 number such as +15551230001" })
)
const SipUri = Schema.String.pipe(
  Schema.pattern(/^sips?:\S+@\S+$/, { message: () => "expected a SIP URI such as sip:alice@example.com" })
)
const Url = Schema.String.pipe(
  Schema.filter((s) => /^https?:\/\/\S+$/.test(s), { message: () => "expected an http(s) URL" })
)
const WsUrl = Schema.String.pipe(
  Schema.filter((s) => /^wss?:\/\/\S+$/.test(s), { message: () => "expected a ws:// or wss:// URL" })
)
const Seconds = Schema.Number.pipe(Schema.positive())
const StateEvents = Schema.Array(Schema.Literal("created", "ringing", "answered", "ended"))
const Codec = Schema.Literal("PCMU", "PCMA", "OPUS", "G729", "G722", "VP8", "H264")
const opt = Schema.optional

const ringing = {
  timeout: opt(Seconds),
  max_duration: opt(Seconds),
  call_state_url: opt(Url),
  call_state_events: opt(StateEvents)
}

const Phone = Schema.Struct({
  type: Schema.Literal("phone"),
  params: Schema.Struct({ to_number: E164, from_number: E164, ...ringing })
})
const Sip = Schema.Struct({
  type: Schema.Literal("sip"),
  params: Schema.Struct({
    to: SipUri,
    from: SipUri,
    from_name: opt(Schema.String),
    headers: opt(Schema.Array(Schema.Struct({ name: Schema.NonEmptyString, value: Schema.String }))),
    codecs: opt(Schema.Array(Codec)),
    webrtc_media: opt(Schema.Boolean),
    ...ringing
  })
})
const WebRtc = Schema.Struct({
  type: Schema.Literal("webrtc"),
  params: Schema.Struct({
    to: Schema.NonEmptyString,
    from: Schema.NonEmptyString,
    codecs: opt(Schema.Array(Codec)),
    ...ringing
  })
})
const Agora = Schema.Struct({
  type: Schema.Literal("agora"),
  params: Schema.Struct({
    from: Schema.NonEmptyString,
    to: opt(Schema.NonEmptyString),
    appid: Schema.NonEmptyString,
    channel: Schema.NonEmptyString,
    call_state_url: opt(Url),
    call_state_events: opt(StateEvents)
  })
})
const CallLeg = Schema.Struct({
  type: Schema.Literal("call"),
  params: Schema.Struct({ node_id: Schema.NonEmptyString, call_id: Schema.NonEmptyString })
})
const Queue = Schema.Struct({
  type: Schema.Literal("queue"),
  params: Schema.Struct({
    node_id: Schema.NonEmptyString,
    queue_name: Schema.NonEmptyString,
    queue_id: opt(Schema.NonEmptyString)
  })
})
const Stream = Schema.Struct({
  type: Schema.Literal("stream"),
  params: Schema.Struct({
    url: WsUrl,
    name: opt(Schema.String),
    codec: opt(Schema.String),
    status_url: opt(Url),
    status_url_method: opt(Schema.Literal("GET", "POST")),
    realtime: opt(Schema.Boolean),
    authorization_bearer_token: opt(Schema.String),
    custom_parameters: opt(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
  })
})

/**
 * A device that `dial` can ring: phone, SIP, WebRTC or Agora.
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Device.DialDevice)(Device.phone({ to: "+15551230001", from: "+15559870000" })) // true
 * ```
 * @since 0.1.0
 */
export const DialDevice = Schema.Union(Phone, Sip, WebRtc, Agora)

/**
 * A device that `dial` can ring.
 *
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * const mobile: Device.DialDevice = Device.phone({ to: "+15551230002", from: "+15559870000" })
 * ```
 * @since 0.1.0
 */
export type DialDevice = typeof DialDevice.Type

/**
 * A device that `connect` can bridge to: any dial device, an existing call, a queue or a stream.
 *
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Device.Device)(Device.queue({ queueName: "support", nodeId: "n-1" })) // true
 * ```
 * @since 0.1.0
 */
export const Device = Schema.Union(Phone, Sip, WebRtc, Agora, CallLeg, Queue, Stream)

/**
 * A device that `connect` can bridge to.
 *
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * const agent: Device.Device = Device.call({ callId: "c-1", nodeId: "n-1" })
 * ```
 * @since 0.1.0
 */
export type Device = typeof Device.Type

/**
 * A dial plan: groups tried in order, the devices of a group in parallel.
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * const plan = Device.serial(Device.phone({ to: "+15551230001", from: "+15559870000" }))
 * Schema.is(Device.DialPlan)(plan) // true
 * ```
 * @since 0.1.0
 */
export const DialPlan = Schema.NonEmptyArray(Schema.NonEmptyArray(DialDevice))

/**
 * A dial plan.
 *
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * const plan: Device.DialPlan = Device.parallel(Device.phone({ to: "+15551230001", from: "+15559870000" }))
 * ```
 * @since 0.1.0
 */
export type DialPlan = typeof DialPlan.Type

/**
 * A connect plan: like a dial plan, with every kind of device.
 *
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Device.ConnectPlan)([[Device.stream({ url: "wss://media.example.com/in" })]]) // true
 * ```
 * @since 0.1.0
 */
export const ConnectPlan = Schema.NonEmptyArray(Schema.NonEmptyArray(Device))

/**
 * A connect plan.
 *
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * const plan: Device.ConnectPlan = Device.serial(Device.queue({ queueName: "support", nodeId: "n-1" }))
 * ```
 * @since 0.1.0
 */
export type ConnectPlan = typeof ConnectPlan.Type

interface RingOptions {
  /** How long to ring before giving up on this device (platform default 30 s; sent in seconds). */
  readonly timeout?: Duration.DurationInput
  /** Longest the call may last (sent in seconds). */
  readonly maxDuration?: Duration.DurationInput
  readonly callStateUrl?: string
  readonly callStateEvents?: ReadonlyArray<"created" | "ringing" | "answered" | "ended">
}

const seconds = (input: Duration.DurationInput): number => Duration.toSeconds(Duration.decode(input))

const ringParams = (options: RingOptions) => ({
  ...(options.timeout === undefined ? {} : { timeout: seconds(options.timeout) }),
  ...(options.maxDuration === undefined ? {} : { max_duration: seconds(options.maxDuration) }),
  ...(options.callStateUrl === undefined ? {} : { call_state_url: options.callStateUrl }),
  ...(options.callStateEvents === undefined ? {} : { call_state_events: options.callStateEvents })
})

/**
 * A phone number (E.164), with the caller id to present.
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * Device.phone({ to: "+15551230001", from: "+15559870000", timeout: "20 seconds" })
 * // { type: "phone", params: { to_number: "+15551230001", from_number: "+15559870000", timeout: 20 } }
 * ```
 * @since 0.1.0
 */
export const phone = (options: { readonly to: string; readonly from: string } & RingOptions): DialDevice => ({
  type: "phone",
  params: { to_number: options.to, from_number: options.from, ...ringParams(options) }
})

/**
 * A SIP endpoint.
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * Device.sip({ to: "sip:alice@example.com", from: "sip:bot@example.com", codecs: ["OPUS"] })
 * ```
 * @since 0.1.0
 */
export const sip = (
  options: {
    readonly to: string
    readonly from: string
    readonly fromName?: string
    readonly headers?: ReadonlyArray<{ readonly name: string; readonly value: string }>
    readonly codecs?: ReadonlyArray<typeof Codec.Type>
    readonly webrtcMedia?: boolean
  } & RingOptions
): DialDevice => ({
  type: "sip",
  params: {
    to: options.to,
    from: options.from,
    ...(options.fromName === undefined ? {} : { from_name: options.fromName }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    ...(options.codecs === undefined ? {} : { codecs: options.codecs }),
    ...(options.webrtcMedia === undefined ? {} : { webrtc_media: options.webrtcMedia }),
    ...ringParams(options)
  }
})

/**
 * A WebRTC resource.
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * Device.webrtc({ to: "agent-desk-4", from: "ivr" })
 * ```
 * @since 0.1.0
 */
export const webrtc = (
  options: { readonly to: string; readonly from: string; readonly codecs?: ReadonlyArray<typeof Codec.Type> } & RingOptions
): DialDevice => ({
  type: "webrtc",
  params: {
    to: options.to,
    from: options.from,
    ...(options.codecs === undefined ? {} : { codecs: options.codecs }),
    ...ringParams(options)
  }
})

/**
 * An Agora channel.
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * Device.agora({ from: "ivr", appid: "app-1", channel: "support" })
 * ```
 * @since 0.1.0
 */
export const agora = (
  options: { readonly from: string; readonly to?: string; readonly appid: string; readonly channel: string }
): DialDevice => ({
  type: "agora",
  params: {
    from: options.from,
    appid: options.appid,
    channel: options.channel,
    ...(options.to === undefined ? {} : { to: options.to })
  }
})

/**
 * An existing call, to bridge with `connect`.
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * Device.call({ callId: "c-1", nodeId: "n-1" })
 * ```
 * @since 0.1.0
 */
export const call = (options: { readonly callId: string; readonly nodeId: string }): Device => ({
  type: "call",
  params: { call_id: options.callId, node_id: options.nodeId }
})

/**
 * A call queue, to connect the call to its next member.
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * Device.queue({ queueName: "support", nodeId: "n-1" })
 * ```
 * @since 0.1.0
 */
export const queue = (
  options: { readonly queueName: string; readonly nodeId: string; readonly queueId?: string }
): Device => ({
  type: "queue",
  params: {
    queue_name: options.queueName,
    node_id: options.nodeId,
    ...(options.queueId === undefined ? {} : { queue_id: options.queueId })
  }
})

/**
 * A WebSocket media stream endpoint.
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * Device.stream({ url: "wss://media.example.com/in", codec: "PCMU" })
 * ```
 * @since 0.1.0
 */
export const stream = (
  options: {
    readonly url: string
    readonly name?: string
    readonly codec?: string
    readonly statusUrl?: string
    readonly statusUrlMethod?: "GET" | "POST"
    readonly realtime?: boolean
    readonly authorizationBearerToken?: string
    readonly customParameters?: Readonly<Record<string, unknown>>
  }
): Device => ({
  type: "stream",
  params: {
    url: options.url,
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.codec === undefined ? {} : { codec: options.codec }),
    ...(options.statusUrl === undefined ? {} : { status_url: options.statusUrl }),
    ...(options.statusUrlMethod === undefined ? {} : { status_url_method: options.statusUrlMethod }),
    ...(options.realtime === undefined ? {} : { realtime: options.realtime }),
    ...(options.authorizationBearerToken === undefined
      ? {}
      : { authorization_bearer_token: options.authorizationBearerToken }),
    ...(options.customParameters === undefined ? {} : { custom_parameters: options.customParameters })
  }
})

/**
 * A plan that tries each device in turn (one group per device).
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * const office = Device.phone({ to: "+15551230001", from: "+15559870000" })
 * const mobile = Device.phone({ to: "+15551230002", from: "+15559870000" })
 * Device.serial(office, mobile) // [[office], [mobile]]
 * ```
 * @since 0.1.0
 */
export const serial = <D extends Device>(first: D, ...rest: ReadonlyArray<D>): readonly [readonly [D], ...Array<readonly [D]>] =>
  [[first], ...rest.map((device) => [device] as const)]

/**
 * A plan that rings every device at once (one group); the first to answer wins.
 *
 * @example
 * ```ts
 * import { Device } from "@signalwire-effect/relay"
 *
 * const office = Device.phone({ to: "+15551230001", from: "+15559870000" })
 * const mobile = Device.phone({ to: "+15551230002", from: "+15559870000" })
 * Device.parallel(office, mobile) // [[office, mobile]]
 * ```
 * @since 0.1.0
 */
export const parallel = <D extends Device>(first: D, ...rest: ReadonlyArray<D>): readonly [readonly [D, ...Array<D>]] =>
  [[first, ...rest]]
