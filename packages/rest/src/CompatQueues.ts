/**
 * Compat (LaML) call queues and their members:
 * `/api/laml/2010-04-01/Accounts/{AccountSid}/Queues` — list, create, get, update (POST), delete;
 * list and get the calls waiting, and dequeue one (redirect it to a cXML `Url`).
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { ACCOUNT, AccountPath, CompatPage, form, pageParams, SidPath } from "./internal/compatShared.js"
import { Extra, nullable } from "./RestSchema.js"

/**
 * A queue (`sid` is its id in the relay-REST `queues` API too).
 *
 * @example
 * ```ts
 * import type { CompatQueues } from "@signalwire-effect/rest"
 *
 * const waiting = (q: CompatQueues.Queue) => q.current_size
 * ```
 * @since 0.1.0
 */
export const Queue = Schema.Struct({
  sid: Schema.String,
  account_sid: nullable(Schema.String),
  api_version: nullable(Schema.String),
  friendly_name: Schema.String,
  max_size: nullable(Schema.Number),
  current_size: nullable(Schema.Number),
  average_wait_time: nullable(Schema.Number),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  uri: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Queue}.
 *
 * @example
 * ```ts
 * import type { CompatQueues } from "@signalwire-effect/rest"
 *
 * const name = (q: CompatQueues.Queue) => q.friendly_name
 * ```
 * @since 0.1.0
 */
export type Queue = typeof Queue.Type

/**
 * A call waiting in a queue.
 *
 * @example
 * ```ts
 * import type { CompatQueues } from "@signalwire-effect/rest"
 *
 * const first = (m: CompatQueues.Member) => m.position === 1
 * ```
 * @since 0.1.0
 */
export const Member = Schema.Struct({
  call_sid: Schema.String,
  queue_sid: nullable(Schema.String),
  account_sid: nullable(Schema.String),
  position: nullable(Schema.Number),
  wait_time: nullable(Schema.Number),
  date_enqueued: nullable(Schema.String),
  member_type: nullable(Schema.String),
  uri: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Member}.
 *
 * @example
 * ```ts
 * import type { CompatQueues } from "@signalwire-effect/rest"
 *
 * const call = (m: CompatQueues.Member) => m.call_sid
 * ```
 * @since 0.1.0
 */
export type Member = typeof Member.Type

/**
 * The body of a queue's creation or update: `FriendlyName` (word characters), `MaxSize`.
 *
 * @example
 * ```ts
 * import { CompatQueues } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatQueues.Body.Type = { FriendlyName: "support", MaxSize: 10 }
 * ```
 * @since 0.1.0
 */
export const Body = form(Schema.Struct({
  FriendlyName: Schema.String.pipe(Schema.pattern(/^\w+$/, { message: () => "word characters only" })),
  MaxSize: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 5000)))
}))

/**
 * The body of a dequeue: the cXML `Url` the call is redirected to, and the `Method` to fetch it.
 *
 * @example
 * ```ts
 * import { CompatQueues } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatQueues.Dequeue.Type = { Url: "https://example.com/agent.xml", Method: "POST" }
 * ```
 * @since 0.1.0
 */
export const Dequeue = form(Schema.Struct({
  Url: Schema.String.pipe(Schema.pattern(/^https?:\/\/\S+$/i, { message: () => "an http(s) URL" })),
  Method: Schema.optional(Schema.Literal("GET", "POST"))
}))

const base = `${ACCOUNT}/Queues`
const QueuePath = Schema.Struct({ AccountSid: Schema.String, QueueSid: Schema.String })
const MemberPath = Schema.Struct({ AccountSid: Schema.String, QueueSid: Schema.String, CallSid: Schema.String })

/**
 * The `compatQueues` group.
 *
 * @example
 * ```ts
 * import { CompatQueues } from "@signalwire-effect/rest"
 *
 * CompatQueues.group.identifier // "compatQueues"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("compatQueues")
  .add(HttpApiEndpoint.get("list", base).setPath(AccountPath).setUrlParams(Schema.Struct(pageParams)).addSuccess(CompatPage("queues", Queue)))
  .add(HttpApiEndpoint.post("create", base).setPath(AccountPath).setPayload(Body).addSuccess(Queue, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${base}/:Sid`).setPath(SidPath).addSuccess(Queue))
  .add(HttpApiEndpoint.post("update", `${base}/:Sid`).setPath(SidPath).setPayload(Body).addSuccess(Queue))
  .add(HttpApiEndpoint.del("delete", `${base}/:Sid`).setPath(SidPath).addSuccess(Schema.Void, { status: 204 }))
  .add(
    HttpApiEndpoint.get("listMembers", `${base}/:QueueSid/Members`)
      .setPath(QueuePath)
      .setUrlParams(Schema.Struct(pageParams))
      .addSuccess(CompatPage("queue_members", Member))
  )
  .add(HttpApiEndpoint.get("getMember", `${base}/:QueueSid/Members/:CallSid`).setPath(MemberPath).addSuccess(Member))
  .add(HttpApiEndpoint.post("dequeueMember", `${base}/:QueueSid/Members/:CallSid`).setPath(MemberPath).setPayload(Dequeue).addSuccess(Member))
