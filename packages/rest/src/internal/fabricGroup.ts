/**
 * The shape every typed Fabric resource group shares: list, get, update (PUT or PATCH, as the
 * platform has it), delete and the addresses of one resource, under
 * `/api/fabric/resources/<type>`; creation is added by each module (its status differs, and two
 * types have none).
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, IdPath, nullable, Page, PageParams } from "../RestSchema.js"

export const RESOURCES = "/api/fabric/resources" as const

/** A Fabric address (`/public/<name>` with its audio, video and messaging channels). */
export const FabricAddress = Schema.Struct({
  id: Schema.String,
  name: nullable(Schema.String),
  display_name: nullable(Schema.String),
  cover_url: nullable(Schema.String),
  preview_url: nullable(Schema.String),
  locked: nullable(Schema.Boolean),
  channels: nullable(Schema.Struct({
    audio: nullable(Schema.String),
    video: nullable(Schema.String),
    messaging: nullable(Schema.String)
  }, Extra)),
  created_at: nullable(Schema.String),
  type: nullable(Schema.String)
}, Extra)

/** The envelope of every Fabric resource; the type-specific fields are under the type's key. */
export const envelope = {
  id: Schema.String,
  project_id: nullable(Schema.String),
  display_name: nullable(Schema.String),
  type: nullable(Schema.String),
  created_at: nullable(Schema.String),
  updated_at: nullable(Schema.String)
}

/** The endpoints of a resource type at `${RESOURCES}/${type}`, without create. */
export const resourceGroup = <const Name extends string, I extends Schema.Schema.Any, U extends Schema.Schema.Any>(
  name: Name,
  type: string,
  item: I,
  update: U,
  options: { readonly update: "PUT" | "PATCH"; readonly addressesBase?: `/${string}` }
) => {
  const base: `/${string}` = `${RESOURCES}/${type}`
  return HttpApiGroup.make(name)
    .add(HttpApiEndpoint.get("list", base).setUrlParams(PageParams).addSuccess(Page(item)))
    .add(HttpApiEndpoint.get("get", `${base}/:id`).setPath(IdPath).addSuccess(item))
    .add(HttpApiEndpoint.make(options.update)("update", `${base}/:id`).setPath(IdPath).setPayload(update).addSuccess(item))
    .add(HttpApiEndpoint.del("delete", `${base}/:id`).setPath(IdPath).addSuccess(Schema.Void, { status: 204 }))
    .add(
      HttpApiEndpoint.get("listAddresses", `${options.addressesBase ?? base}/:id/addresses`)
        .setPath(IdPath)
        .setUrlParams(PageParams)
        .addSuccess(Page(FabricAddress))
    )
}

/** `POST ${RESOURCES}/${type}` answering `status` (the platform answers 200 for some types, 201 for others). */
export const createEndpoint = <C extends Schema.Schema.Any, I extends Schema.Schema.Any>(
  type: string,
  create: C,
  item: I,
  status: 200 | 201
) => HttpApiEndpoint.post("create", `${RESOURCES}/${type}`).setPayload(create).addSuccess(item, { status })
