/**
 * Call queues (`/api/relay/rest/queues`, update = PUT) and their members.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, PageParams } from "./RestSchema.js"

/**
 * A queue.
 *
 * @example
 * ```ts
 * import type { Queues } from "@signalwire-effect/rest"
 *
 * const waiting = (q: Queues.Queue) => q.current_size
 * ```
 * @since 0.1.0
 */
export const Queue = Schema.Struct({
  id: Schema.String,
  project_id: nullable(Schema.String),
  friendly_name: nullable(Schema.String),
  max_size: nullable(Schema.Number),
  current_size: nullable(Schema.Number),
  average_wait_time: nullable(Schema.Number),
  uri: nullable(Schema.String),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Queue}.
 *
 * @example
 * ```ts
 * import type { Queues } from "@signalwire-effect/rest"
 *
 * const name = (q: Queues.Queue) => q.friendly_name
 * ```
 * @since 0.1.0
 */
export type Queue = typeof Queue.Type

/**
 * The body of a create or update.
 *
 * @example
 * ```ts
 * import { Queues } from "@signalwire-effect/rest"
 *
 * const body: typeof Queues.Body.Type = { name: "support", max_size: 10 }
 * ```
 * @since 0.1.0
 */
export const Body = Schema.Struct({
  name: Schema.optional(Schema.String.pipe(Schema.minLength(1))),
  max_size: Schema.optional(Schema.Int.pipe(Schema.positive()))
})

/**
 * A call waiting in a queue.
 *
 * @example
 * ```ts
 * import type { Queues } from "@signalwire-effect/rest"
 *
 * const pos = (m: Queues.Member) => m.position
 * ```
 * @since 0.1.0
 */
export const Member = Schema.Struct({
  call_id: Schema.String,
  project_id: nullable(Schema.String),
  queue_id: nullable(Schema.String),
  position: nullable(Schema.Number),
  uri: nullable(Schema.String),
  wait_time: nullable(Schema.Number),
  date_enqueued: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Member}.
 *
 * @example
 * ```ts
 * import type { Queues } from "@signalwire-effect/rest"
 *
 * const id = (m: Queues.Member) => m.call_id
 * ```
 * @since 0.1.0
 */
export type Member = typeof Member.Type

const base = "/api/relay/rest/queues"
const QueuePath = Schema.Struct({ queue_id: Schema.String.pipe(Schema.minLength(1)) })

/**
 * The `queues` group of the API definition.
 *
 * @example
 * ```ts
 * import { Queues } from "@signalwire-effect/rest"
 *
 * Queues.group.identifier // "queues"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("queues")
  .add(HttpApiEndpoint.get("list", base).setUrlParams(PageParams).addSuccess(Page(Queue)))
  .add(HttpApiEndpoint.post("create", base).setPayload(Body).addSuccess(Queue, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(Queue))
  .add(HttpApiEndpoint.put("update", `${base}/:id`).setPath(IdPath).setPayload(Body).addSuccess(Queue))
  .add(HttpApiEndpoint.del("delete", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
  .add(
    HttpApiEndpoint.get("listMembers", `${base}/:queue_id/members`)
      .setPath(QueuePath)
      .setUrlParams(PageParams)
      .addSuccess(Page(Member))
  )
  .add(HttpApiEndpoint.get("getNextMember", `${base}/:queue_id/members/next`).setPath(QueuePath).addSuccess(Member))
  .add(
    HttpApiEndpoint.get("getMember", `${base}/:queue_id/members/:id`)
      .setPath(Schema.Struct({ queue_id: QueuePath.fields.queue_id, id: IdPath.fields.id }))
      .addSuccess(Member)
  )
