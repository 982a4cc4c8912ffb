/**
 * Fabric resources that run an application: AI agents (PATCH), conference rooms (PUT), RELAY
 * applications (PUT) and Dialogflow agents (PUT, no create). Conference rooms keep the platform's
 * singular path for their addresses (`/resources/conference_room/{id}/addresses`). Call flows are
 * in `FabricCallFlows`.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import { createEndpoint, envelope, RESOURCES, resourceGroup } from "./internal/fabricGroup.js"
import { Extra, nullable } from "./RestSchema.js"

const nonEmpty = Schema.String.pipe(Schema.minLength(1))
const Fields = Schema.Struct({}, Extra)

/**
 * An AI agent: `ai_agent: { name, prompt, post_prompt, SWAIG, ... }`.
 *
 * @example
 * ```ts
 * import type { FabricApps } from "@signalwire-effect/rest"
 *
 * const prompt = (a: FabricApps.AiAgent) => a.ai_agent?.prompt
 * ```
 * @since 0.2.0
 */
export const AiAgent = Schema.Struct({
  ...envelope,
  ai_agent: nullable(Schema.Struct({ agent_id: nullable(Schema.String), name: nullable(Schema.String), prompt: nullable(Schema.Unknown) }, Extra))
}, Extra)

/**
 * A decoded {@link AiAgent}.
 *
 * @example
 * ```ts
 * import type { FabricApps } from "@signalwire-effect/rest"
 *
 * const id = (a: FabricApps.AiAgent) => a.id
 * ```
 * @since 0.2.0
 */
export type AiAgent = typeof AiAgent.Type

const aiFields = {
  global_data: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  hints: Schema.optional(Schema.Array(Schema.Unknown)),
  languages: Schema.optional(Schema.Array(Schema.Unknown)),
  params: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  post_prompt: Schema.optional(Schema.Unknown),
  post_prompt_url: Schema.optional(Schema.String),
  pronounce: Schema.optional(Schema.Array(Schema.Unknown)),
  SWAIG: Schema.optional(Schema.Unknown),
  agent_id: Schema.optional(Schema.String)
}

/**
 * The body of an AI agent create: a name and the prompt (the SWML `ai` fields besides).
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricApps.CreateAiAgent.Type = { name: "Front desk", prompt: { text: "You greet callers." } }
 * ```
 * @since 0.2.0
 */
export const CreateAiAgent = Schema.Struct({ name: nonEmpty, prompt: Schema.Unknown, ...aiFields })

/**
 * The body of an AI agent update (PATCH).
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricApps.UpdateAiAgent.Type = { post_prompt_url: "https://example.com/summary" }
 * ```
 * @since 0.2.0
 */
export const UpdateAiAgent = Schema.Struct({ name: Schema.optional(nonEmpty), prompt: Schema.optional(Schema.Unknown), ...aiFields })

/**
 * A conference room (its resource type is `video_room`, its fields under `conference_room`).
 *
 * @example
 * ```ts
 * import type { FabricApps } from "@signalwire-effect/rest"
 *
 * const name = (r: FabricApps.ConferenceRoom) => r.conference_room?.name
 * ```
 * @since 0.2.0
 */
export const ConferenceRoom = Schema.Struct({
  ...envelope,
  conference_room: nullable(Schema.Struct({ name: nullable(Schema.String), enable_room_previews: nullable(Schema.Boolean) }, Extra))
}, Extra)

/**
 * A decoded {@link ConferenceRoom}.
 *
 * @example
 * ```ts
 * import type { FabricApps } from "@signalwire-effect/rest"
 *
 * const id = (r: FabricApps.ConferenceRoom) => r.id
 * ```
 * @since 0.2.0
 */
export type ConferenceRoom = typeof ConferenceRoom.Type

const roomFields = {
  display_name: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  join_from: Schema.optional(Schema.String),
  join_until: Schema.optional(Schema.String),
  max_members: Schema.optional(Schema.Int),
  quality: Schema.optional(Schema.Literal("1080p", "720p")),
  remove_at: Schema.optional(Schema.String),
  remove_after_seconds_elapsed: Schema.optional(Schema.Int),
  layout: Schema.optional(Schema.String),
  record_on_start: Schema.optional(Schema.Boolean),
  meta: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  sync_audio_video: Schema.optional(Schema.Boolean),
  tone_on_entry_and_exit: Schema.optional(Schema.Boolean),
  room_join_video_off: Schema.optional(Schema.Boolean),
  user_join_video_off: Schema.optional(Schema.Boolean)
}

/**
 * The body of a conference room create (`name` and `enable_room_previews` are required).
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricApps.CreateConferenceRoom.Type = { name: "standup", enable_room_previews: false }
 * ```
 * @since 0.2.0
 */
export const CreateConferenceRoom = Schema.Struct({ name: nonEmpty, enable_room_previews: Schema.Boolean, ...roomFields })

/**
 * The body of a conference room update (PUT).
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricApps.UpdateConferenceRoom.Type = { max_members: 10 }
 * ```
 * @since 0.2.0
 */
export const UpdateConferenceRoom = Schema.Struct({
  name: Schema.optional(nonEmpty),
  enable_room_previews: Schema.optional(Schema.Boolean),
  ...roomFields
})

/**
 * A RELAY application: `relay_application: { name, topic, call_status_callback_url }`.
 *
 * @example
 * ```ts
 * import type { FabricApps } from "@signalwire-effect/rest"
 *
 * const topic = (a: FabricApps.RelayApplication) => a.relay_application?.topic
 * ```
 * @since 0.2.0
 */
export const RelayApplication = Schema.Struct({
  ...envelope,
  relay_application: nullable(Schema.Struct({ name: nullable(Schema.String), topic: nullable(Schema.String) }, Extra))
}, Extra)

/**
 * A decoded {@link RelayApplication}.
 *
 * @example
 * ```ts
 * import type { FabricApps } from "@signalwire-effect/rest"
 *
 * const id = (a: FabricApps.RelayApplication) => a.id
 * ```
 * @since 0.2.0
 */
export type RelayApplication = typeof RelayApplication.Type

/**
 * The body of a RELAY application create.
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricApps.CreateRelayApplication.Type = { name: "reception", topic: "office" }
 * ```
 * @since 0.2.0
 */
export const CreateRelayApplication = Schema.Struct({
  name: nonEmpty,
  topic: nonEmpty,
  call_status_callback_url: Schema.optional(Schema.String)
})

/**
 * The body of a RELAY application update (PUT).
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricApps.UpdateRelayApplication.Type = { topic: "front-desk" }
 * ```
 * @since 0.2.0
 */
export const UpdateRelayApplication = Schema.partial(CreateRelayApplication)

/**
 * A Dialogflow agent (created in the dashboard; the API lists, updates and deletes them).
 *
 * @example
 * ```ts
 * import type { FabricApps } from "@signalwire-effect/rest"
 *
 * const id = (a: typeof FabricApps.DialogflowAgent.Type) => a.id
 * ```
 * @since 0.2.0
 */
export const DialogflowAgent = Schema.Struct({ ...envelope, dialogflow_agent: nullable(Fields) }, Extra)

/**
 * The body of a Dialogflow agent update (PUT).
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * const body: typeof FabricApps.UpdateDialogflowAgent.Type = { say_enabled: true, say: "Welcome" }
 * ```
 * @since 0.2.0
 */
export const UpdateDialogflowAgent = Schema.Struct({
  name: Schema.optional(Schema.String),
  say_enabled: Schema.optional(Schema.Boolean),
  say: Schema.optional(Schema.String),
  voice: Schema.optional(Schema.String)
})

/**
 * The `fabric.aiAgents` group (update = PATCH).
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * FabricApps.aiAgentsGroup.identifier // "fabric.aiAgents"
 * ```
 * @since 0.2.0
 */
export const aiAgentsGroup = resourceGroup("fabric.aiAgents", "ai_agents", AiAgent, UpdateAiAgent, { update: "PATCH" })
  .add(createEndpoint("ai_agents", CreateAiAgent, AiAgent, 201))

/**
 * The `fabric.conferenceRooms` group (update = PUT; addresses on the singular path).
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * FabricApps.conferenceRoomsGroup.identifier // "fabric.conferenceRooms"
 * ```
 * @since 0.2.0
 */
export const conferenceRoomsGroup = resourceGroup("fabric.conferenceRooms", "conference_rooms", ConferenceRoom, UpdateConferenceRoom, {
  update: "PUT",
  addressesBase: `${RESOURCES}/conference_room`
}).add(createEndpoint("conference_rooms", CreateConferenceRoom, ConferenceRoom, 200))

/**
 * The `fabric.relayApplications` group (update = PUT).
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * FabricApps.relayApplicationsGroup.identifier // "fabric.relayApplications"
 * ```
 * @since 0.2.0
 */
export const relayApplicationsGroup = resourceGroup(
  "fabric.relayApplications",
  "relay_applications",
  RelayApplication,
  UpdateRelayApplication,
  { update: "PUT" }
).add(createEndpoint("relay_applications", CreateRelayApplication, RelayApplication, 200))

/**
 * The `fabric.dialogflowAgents` group (update = PUT; no create), a platform path the reference
 * SDKs lack.
 *
 * @example
 * ```ts
 * import { FabricApps } from "@signalwire-effect/rest"
 *
 * FabricApps.dialogflowAgentsGroup.identifier // "fabric.dialogflowAgents"
 * ```
 * @since 0.2.0
 */
export const dialogflowAgentsGroup = resourceGroup(
  "fabric.dialogflowAgents",
  "dialogflow_agents",
  DialogflowAgent,
  UpdateDialogflowAgent,
  { update: "PUT" }
)
