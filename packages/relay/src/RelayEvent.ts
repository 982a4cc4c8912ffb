/**
 * The events the server pushes with `signalwire.event` (PROTOCOL.md §4.1, §11), decoded
 * into one discriminated union.
 *
 * Every known `event_type` has a schema for its inner params. The schemas keep the wire names
 * (`snake_case`) and keep every field they do not name, so nothing the server sends is lost. An
 * event whose type is not known, or whose params do not fit its schema, is delivered as
 * {@link Unknown} (with the reason in `issue`), never dropped.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { SchemaIssues } from "@signalwire-effect/config"
import * as Guard from "./internal/guard.js"
import { JsonObject } from "./RelayFrame.js"

const Extra = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const open = <Fields extends Schema.Struct.Fields>(fields: Fields) => Schema.Struct(fields, Extra)
const opt = Schema.optional

/**
 * A device in the nested wire form `{type, params}` (PROTOCOL.md §8.3).
 *
 * @example
 * ```ts
 * import { RelayEvent } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * Schema.decodeUnknownSync(RelayEvent.Device)({ type: "phone", params: { to_number: "+15551230001" } })
 * ```
 * @since 0.1.0
 */
export const Device = open({ type: Schema.String, params: opt(Extra) })

/**
 * A `{type, params}` result object (collect results, detect payloads).
 *
 * @example
 * ```ts
 * import { RelayEvent } from "@signalwire-effect/relay"
 * import * as Schema from "effect/Schema"
 *
 * Schema.decodeUnknownSync(RelayEvent.TypedPayload)({ type: "digit", params: { digits: "1" } })
 * ```
 * @since 0.1.0
 */
export const TypedPayload = open({ type: Schema.String, params: opt(Extra) })

const callIds = { call_id: Schema.String, node_id: opt(Schema.String) }
const actionIds = { ...callIds, control_id: Schema.String }
const messageFields = {
  message_id: Schema.String,
  context: opt(Schema.String),
  direction: opt(Schema.String),
  from_number: opt(Schema.String),
  to_number: opt(Schema.String),
  body: opt(Schema.String),
  media: opt(Schema.Array(Schema.String)),
  segments: opt(Schema.Number),
  tags: opt(Schema.Array(Schema.String))
}

/**
 * The inner-params schema of every known event type, with the `_tag` its decoded event carries.
 *
 * @example
 * ```ts
 * import { RelayEvent } from "@signalwire-effect/relay"
 *
 * RelayEvent.definitions["calling.call.state"].tag // "CallState"
 * ```
 * @since 0.1.0
 */
export const definitions = {
  "calling.call.receive": {
    tag: "CallReceive",
    params: open({
      ...callIds,
      project_id: opt(Schema.String),
      context: opt(Schema.String),
      protocol: opt(Schema.String),
      call_state: opt(Schema.String),
      direction: opt(Schema.String),
      device: opt(Device),
      tag: opt(Schema.String),
      segment_id: opt(Schema.String)
    })
  },
  "calling.call.state": {
    tag: "CallState",
    params: open({
      ...callIds,
      tag: opt(Schema.String),
      call_state: Schema.String,
      end_reason: opt(Schema.String),
      direction: opt(Schema.String),
      device: opt(Device),
      project_id: opt(Schema.String)
    })
  },
  "calling.call.dial": {
    tag: "CallDial",
    params: open({
      tag: Schema.String,
      node_id: opt(Schema.String),
      dial_state: Schema.String,
      call: opt(open({
        call_id: opt(Schema.String),
        node_id: opt(Schema.String),
        tag: opt(Schema.String),
        device: opt(Device),
        dial_winner: opt(Schema.Boolean)
      }))
    })
  },
  "calling.call.connect": {
    tag: "CallConnect",
    params: open({ ...callIds, connect_state: Schema.String, peer: opt(Extra) })
  },
  "calling.call.play": { tag: "CallPlay", params: open({ ...actionIds, state: Schema.String }) },
  "calling.call.record": {
    tag: "CallRecord",
    params: open({
      ...actionIds,
      state: Schema.String,
      url: opt(Schema.String),
      duration: opt(Schema.Number),
      size: opt(Schema.Number),
      record: opt(Extra)
    })
  },
  "calling.call.collect": {
    tag: "CallCollect",
    params: open({ ...actionIds, state: opt(Schema.String), result: opt(TypedPayload), final: opt(Schema.Boolean) })
  },
  "calling.call.detect": {
    tag: "CallDetect",
    params: open({ ...actionIds, detect: opt(TypedPayload), state: opt(Schema.String) })
  },
  "calling.call.fax": { tag: "CallFax", params: open({ ...actionIds, fax: opt(Extra), state: opt(Schema.String) }) },
  "calling.call.tap": {
    tag: "CallTap",
    params: open({ ...actionIds, state: Schema.String, tap: opt(Extra), device: opt(Extra) })
  },
  "calling.call.stream": {
    tag: "CallStream",
    params: open({ ...actionIds, state: Schema.String, url: opt(Schema.String), name: opt(Schema.String) })
  },
  "calling.call.send_digits": {
    tag: "CallSendDigits",
    params: open({ ...callIds, control_id: opt(Schema.String), state: Schema.String })
  },
  "calling.call.refer": {
    tag: "CallRefer",
    params: open({
      ...callIds,
      state: opt(Schema.String),
      sip_refer_to: opt(Schema.String),
      sip_refer_response_code: opt(Schema.String),
      sip_notify_response_code: opt(Schema.String)
    })
  },
  "calling.call.denoise": {
    tag: "CallDenoise",
    // An absent `denoised` means false (PROTOCOL.md §11.14).
    params: open({ ...callIds, denoised: opt(Schema.Boolean) })
  },
  "calling.call.pay": { tag: "CallPay", params: open({ ...actionIds, state: Schema.String }) },
  "calling.call.queue": {
    tag: "CallQueue",
    params: open({
      ...callIds,
      control_id: opt(Schema.String),
      status: opt(Schema.String),
      id: opt(Schema.String),
      name: opt(Schema.String),
      position: opt(Schema.Number),
      size: opt(Schema.Number)
    })
  },
  "calling.call.echo": { tag: "CallEcho", params: open({ ...callIds, state: opt(Schema.String) }) },
  "calling.call.transcribe": {
    tag: "CallTranscribe",
    params: open({
      ...actionIds,
      state: Schema.String,
      url: opt(Schema.String),
      recording_id: opt(Schema.String),
      duration: opt(Schema.Number),
      size: opt(Schema.Number)
    })
  },
  "calling.call.hold": { tag: "CallHold", params: open({ ...callIds, state: Schema.String }) },
  "calling.call.ai": {
    tag: "CallAi",
    params: open({ ...callIds, control_id: opt(Schema.String), state: opt(Schema.String) })
  },
  "calling.conference": {
    tag: "Conference",
    params: open({
      conference_id: opt(Schema.String),
      name: opt(Schema.String),
      status: opt(Schema.String),
      call_id: opt(Schema.String),
      node_id: opt(Schema.String)
    })
  },
  "calling.error": {
    tag: "CallingError",
    params: open({
      code: opt(Schema.Union(Schema.String, Schema.Number)),
      message: opt(Schema.String),
      call_id: opt(Schema.String),
      node_id: opt(Schema.String)
    })
  },
  "messaging.receive": {
    tag: "MessageReceive",
    params: open({ ...messageFields, message_state: opt(Schema.String) })
  },
  "messaging.state": {
    tag: "MessageState",
    params: open({ ...messageFields, message_state: Schema.String, reason: opt(Schema.String) })
  },
  "signalwire.authorization.state": {
    tag: "AuthorizationState",
    params: open({ authorization_state: Schema.String })
  }
} as const

type Definitions = typeof definitions

/**
 * A known event type.
 *
 *
 * @example
 * ```ts
 * import type { RelayEvent } from "@signalwire-effect/relay"
 *
 * const type: RelayEvent.KnownEventType = "calling.call.play"
 * ```
 * @since 0.1.0
 */
export type KnownEventType = keyof Definitions

/**
 * A decoded event of a known type: `_tag` names it, `params` are the inner params, typed.
 * `eventId` is the id of the `signalwire.event` frame (what the ACK echoes); `timestamp` is the
 * outer `params.timestamp` (epoch seconds), falling back to the inner one (PROTOCOL.md §4.1).
 *
 *
 * @example
 * ```ts
 * import type { RelayEvent } from "@signalwire-effect/relay"
 *
 * const stateOf = (event: RelayEvent.Known<"calling.call.state">) => event.params.call_state
 * ```
 * @since 0.1.0
 */
export type Known<T extends KnownEventType = KnownEventType> = T extends KnownEventType ? {
    readonly _tag: Definitions[T]["tag"]
    readonly eventType: T
    readonly eventId: string | undefined
    readonly timestamp: number | undefined
    readonly params: Schema.Schema.Type<Definitions[T]["params"]>
  }
  : never

/**
 * An event this client has no schema for, or whose params did not fit its schema (`issue` says
 * why; it is `undefined` for a type that is simply new). `params` are the raw inner params.
 *
 *
 * @example
 * ```ts
 * import type { RelayEvent } from "@signalwire-effect/relay"
 *
 * const why = (event: RelayEvent.Unknown) => event.issue ?? `new event type ${event.eventType}`
 * ```
 * @since 0.1.0
 */
export interface Unknown {
  readonly _tag: "Unknown"
  readonly eventType: string
  readonly eventId: string | undefined
  readonly timestamp: number | undefined
  readonly params: { readonly [key: string]: unknown }
  readonly issue: string | undefined
}

/**
 * Every event the client can deliver.
 *
 * @example
 * ```ts
 * import { RelayClient, RelayEvent } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 * import * as Stream from "effect/Stream"
 *
 * const printStates = Effect.gen(function* () {
 *   const relay = yield* RelayClient.RelayClient
 *   yield* relay.events.pipe(
 *     Stream.filter(RelayEvent.is("CallState")),
 *     Stream.runForEach((e) => Effect.log(`${e.params.call_id} is ${e.params.call_state}`))
 *   )
 * })
 * ```
 * @since 0.1.0
 */
export type RelayEvent = Known | Unknown

/**
 * The `_tag` of every event, `"Unknown"` included.
 *
 *
 * @example
 * ```ts
 * import type { RelayEvent } from "@signalwire-effect/relay"
 *
 * const tag: RelayEvent.Tag = "CallState"
 * ```
 * @since 0.1.0
 */
export type Tag = RelayEvent["_tag"]

/**
 * A refinement for one event tag, for `Stream.filter` and friends.
 *
 * @example
 * ```ts
 * import { RelayEvent } from "@signalwire-effect/relay"
 *
 * const isPlay = RelayEvent.is("CallPlay")
 * ```
 * @since 0.1.0
 */
export const is = <T extends Tag>(tag: T) => (event: RelayEvent): event is Extract<RelayEvent, { readonly _tag: T }> =>
  event._tag === tag

const Envelope = Schema.Struct({
  event_type: Schema.optional(Schema.String),
  timestamp: Schema.optional(Schema.Number),
  params: Schema.optionalWith(JsonObject, { default: () => ({}) })
})
const envelopeIssue = (outer: unknown): string =>
  Either.match(Schema.decodeUnknownEither(Envelope)(outer), {
    onLeft: (error) => SchemaIssues.format(error),
    onRight: () => "invalid envelope"
  })

// Events are checked, not rebuilt: the params the user sees are the very objects that came off
// the wire (a "__proto__" key stays plain data). The check is `Schema.is` compiled into plain
// predicates (internal/guard.ts): `Schema.is` itself allocated ~4 KiB per event.
const validators: Record<string, {
  readonly tag: string
  readonly is: (u: unknown) => boolean
  readonly issue: (u: unknown) => string
}> = Object.fromEntries(
  Object.entries(definitions).map(([type, def]) => {
    const schema = def.params as Schema.Schema<unknown, unknown>
    const decode = Schema.decodeUnknownEither(schema)
    return [type, {
      tag: def.tag,
      is: Guard.make(schema),
      issue: (u: unknown) =>
        Either.match(decode(u), {
          onLeft: (error) => SchemaIssues.format(error, "params"),
          onRight: () => "params did not validate"
        })
    }]
  })
)

const isObject = (value: unknown): value is { readonly [key: string]: unknown } =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const innerTimestamp = (params: { readonly [key: string]: unknown }) =>
  typeof params.timestamp === "number" ? params.timestamp : undefined

/**
 * Decodes the params of a `signalwire.event` frame (`{event_type, timestamp?, params}`). Never
 * fails: what cannot be decoded becomes an {@link Unknown} event carrying the reason.
 *
 * @example
 * ```ts
 * import { RelayEvent } from "@signalwire-effect/relay"
 *
 * const event = RelayEvent.decode({
 *   event_type: "calling.call.state",
 *   params: { call_id: "c-1", node_id: "n-1", call_state: "ringing" }
 * }, "e-1")
 * event._tag // "CallState"
 * ```
 * @since 0.1.0
 */
export const decode = (outer: { readonly [key: string]: unknown }, eventId?: string): RelayEvent => {
  const rawType = outer.event_type
  const rawTimestamp = outer.timestamp
  const rawParams = outer.params
  if (
    (rawType !== undefined && typeof rawType !== "string") ||
    (rawTimestamp !== undefined && typeof rawTimestamp !== "number") ||
    (rawParams !== undefined && !isObject(rawParams))
  ) {
    const params = isObject(rawParams) ? rawParams : {}
    return {
      _tag: "Unknown",
      eventType: typeof rawType === "string" ? rawType : "",
      eventId,
      timestamp: typeof rawTimestamp === "number" ? rawTimestamp : innerTimestamp(params),
      params,
      issue: envelopeIssue(outer)
    }
  }
  const eventType = rawType ?? ""
  const params = rawParams ?? {}
  const timestamp = rawTimestamp ?? innerTimestamp(params)
  const validator = validators[eventType]
  if (validator === undefined) {
    const issue = eventType === "" ? "the event has no event_type" : undefined
    return { _tag: "Unknown", eventType, eventId, timestamp, params, issue }
  }
  if (!validator.is(params)) {
    return { _tag: "Unknown", eventType, eventId, timestamp, params, issue: validator.issue(params) }
  }
  return { _tag: validator.tag, eventType, eventId, timestamp, params } as Known
}
