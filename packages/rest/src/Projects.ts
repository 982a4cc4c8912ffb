/**
 * The projects of the account (`/api/projects`, a platform path the reference SDKs lack): list,
 * create a subproject, get, update (PATCH), delete a subproject, and rotate a project's signing
 * key. The signing key is shown only when a project is created or its key rotated.
 *
 * @since 0.2.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, PageParams } from "./RestSchema.js"

/**
 * A project (or subproject).
 *
 * @example
 * ```ts
 * import type { Projects } from "@signalwire-effect/rest"
 *
 * const isSub = (p: Projects.Project) => p.subproject === true
 * ```
 * @since 0.2.0
 */
export const Project = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  parent_project_id: nullable(Schema.String),
  subproject: nullable(Schema.Boolean),
  region_preference: nullable(Schema.String),
  protect_recordings: nullable(Schema.Boolean),
  protect_message_media: nullable(Schema.Boolean),
  protect_fax_media: nullable(Schema.Boolean),
  force_https_requests: nullable(Schema.Boolean),
  signing_key: nullable(Schema.String),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Project}.
 *
 * @example
 * ```ts
 * import type { Projects } from "@signalwire-effect/rest"
 *
 * const id = (p: Projects.Project) => p.id
 * ```
 * @since 0.2.0
 */
export type Project = typeof Project.Type

const settings = {
  protect_recordings: Schema.optional(Schema.Boolean),
  protect_message_media: Schema.optional(Schema.Boolean),
  protect_fax_media: Schema.optional(Schema.Boolean),
  force_https_requests: Schema.optional(Schema.Boolean)
}

/**
 * The body of a subproject create.
 *
 * @example
 * ```ts
 * import { Projects } from "@signalwire-effect/rest"
 *
 * const body: typeof Projects.Create.Type = { name: "Staging", protect_recordings: true }
 * ```
 * @since 0.2.0
 */
export const Create = Schema.Struct({ name: Schema.String.pipe(Schema.minLength(1)), ...settings })

/**
 * The body of a project update (PATCH).
 *
 * @example
 * ```ts
 * import { Projects } from "@signalwire-effect/rest"
 *
 * const body: typeof Projects.Update.Type = { force_https_requests: true }
 * ```
 * @since 0.2.0
 */
export const Update = Schema.Struct({ name: Schema.optional(Schema.String.pipe(Schema.minLength(1))), ...settings })

const base = "/api/projects"

/**
 * The `projects` group.
 *
 * @example
 * ```ts
 * import { Projects } from "@signalwire-effect/rest"
 *
 * Projects.group.identifier // "projects"
 * ```
 * @since 0.2.0
 */
export const group = HttpApiGroup.make("projects")
  .add(HttpApiEndpoint.get("list", base).setUrlParams(PageParams).addSuccess(Page(Project)))
  .add(HttpApiEndpoint.post("create", base).setPayload(Create).addSuccess(Project, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(Project))
  .add(HttpApiEndpoint.patch("update", `${base}/:id`).setPath(IdPath).setPayload(Update).addSuccess(Project))
  .add(HttpApiEndpoint.del("delete", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
  .add(HttpApiEndpoint.post("rotateSigningKey", `${base}/:id/signing-key/rotate`).setPath(IdPath).addSuccess(Project))
