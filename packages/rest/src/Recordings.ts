/**
 * Recordings (`/api/relay/rest/recordings`): list, get, delete.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, PageParams } from "./RestSchema.js"

/**
 * A recording.
 *
 * @example
 * ```ts
 * import type { Recordings } from "@signalwire-effect/rest"
 *
 * const seconds = (r: Recordings.Recording) => r.duration_in_seconds
 * ```
 * @since 0.1.0
 */
export const Recording = Schema.Struct({
  id: Schema.String,
  project_id: nullable(Schema.String),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String),
  duration_in_seconds: nullable(Schema.Number),
  status: nullable(Schema.String),
  url: nullable(Schema.String),
  stereo: nullable(Schema.Boolean),
  byte_size: nullable(Schema.Number),
  track: nullable(Schema.String),
  price: nullable(Schema.Number),
  price_unit: nullable(Schema.String),
  error_code: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Recording}.
 *
 * @example
 * ```ts
 * import type { Recordings } from "@signalwire-effect/rest"
 *
 * const url = (r: Recordings.Recording) => r.url
 * ```
 * @since 0.1.0
 */
export type Recording = typeof Recording.Type

const base = "/api/relay/rest/recordings"

/**
 * The `recordings` group of the API definition.
 *
 * @example
 * ```ts
 * import { Recordings } from "@signalwire-effect/rest"
 *
 * Recordings.group.identifier // "recordings"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("recordings")
  .add(HttpApiEndpoint.get("list", base).setUrlParams(PageParams).addSuccess(Page(Recording)))
  .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(Recording))
  .add(HttpApiEndpoint.del("delete", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
