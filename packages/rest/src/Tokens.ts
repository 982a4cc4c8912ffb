/**
 * Tokens: the project's API tokens (`/api/project/tokens`), and the PubSub and Chat tokens
 * (`/api/pubsub/tokens`, `/api/chat/tokens`) a browser client connects with.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { Extra, nullable } from "./RestSchema.js"

/**
 * An API token of the project (`token` is the secret; it is shown when created).
 *
 * @example
 * ```ts
 * import type { Tokens } from "@signalwire-effect/rest"
 *
 * const scopes = (t: Tokens.ApiToken) => t.permissions
 * ```
 * @since 0.1.0
 */
export const ApiToken = Schema.Struct({
  id: Schema.String,
  name: nullable(Schema.String),
  permissions: nullable(Schema.Array(Schema.String)),
  token: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link ApiToken}.
 *
 * @example
 * ```ts
 * import type { Tokens } from "@signalwire-effect/rest"
 *
 * const id = (t: Tokens.ApiToken) => t.id
 * ```
 * @since 0.1.0
 */
export type ApiToken = typeof ApiToken.Type

/**
 * The body of an API token create.
 *
 * @example
 * ```ts
 * import { Tokens } from "@signalwire-effect/rest"
 *
 * const body: typeof Tokens.CreateApiToken.Type = { name: "ci", permissions: ["messaging", "numbers"] }
 * ```
 * @since 0.1.0
 */
export const CreateApiToken = Schema.Struct({
  name: Schema.String.pipe(Schema.minLength(1)),
  permissions: Schema.Array(Schema.String),
  subproject_id: Schema.optional(Schema.String)
})

/**
 * The body of a PubSub or Chat token request: `ttl` (minutes) and `channels` are required.
 *
 * @example
 * ```ts
 * import { Tokens } from "@signalwire-effect/rest"
 *
 * const body: typeof Tokens.ClientToken.Type = { ttl: 60, channels: { lobby: { read: true, write: true } } }
 * ```
 * @since 0.1.0
 */
export const ClientToken = Schema.Struct({
  ttl: Schema.Int.pipe(Schema.positive()),
  channels: Schema.Record({
    key: Schema.String,
    value: Schema.Struct({ read: Schema.optional(Schema.Boolean), write: Schema.optional(Schema.Boolean) })
  }),
  member_id: Schema.optional(Schema.String),
  state: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

const TokenPath = Schema.Struct({ token_id: Schema.String.pipe(Schema.minLength(1)) })
const Issued = Schema.Struct({ token: Schema.String }, Extra)

/**
 * The `project` group (API tokens) of the API definition.
 *
 * @example
 * ```ts
 * import { Tokens } from "@signalwire-effect/rest"
 *
 * Tokens.projectGroup.identifier // "project"
 * ```
 * @since 0.1.0
 */
export const projectGroup = HttpApiGroup.make("project")
  .add(HttpApiEndpoint.post("createToken", "/api/project/tokens").setPayload(CreateApiToken).addSuccess(ApiToken))
  .add(
    HttpApiEndpoint.patch("updateToken", "/api/project/tokens/:token_id")
      .setPath(TokenPath)
      .setPayload(Schema.partial(Schema.Struct({ name: Schema.String, permissions: Schema.Array(Schema.String) })))
      .addSuccess(ApiToken)
  )
  .add(
    HttpApiEndpoint.del("deleteToken", "/api/project/tokens/:token_id").setPath(TokenPath).addSuccess(Schema.Void, {
      status: 204
    })
  )

/**
 * The `pubsub` group of the API definition.
 *
 * @example
 * ```ts
 * import { Tokens } from "@signalwire-effect/rest"
 *
 * Tokens.pubsubGroup.identifier // "pubsub"
 * ```
 * @since 0.1.0
 */
export const pubsubGroup = HttpApiGroup.make("pubsub").add(
  HttpApiEndpoint.post("createToken", "/api/pubsub/tokens").setPayload(ClientToken).addSuccess(Issued)
)

/**
 * The `chat` group of the API definition.
 *
 * @example
 * ```ts
 * import { Tokens } from "@signalwire-effect/rest"
 *
 * Tokens.chatGroup.identifier // "chat"
 * ```
 * @since 0.1.0
 */
export const chatGroup = HttpApiGroup.make("chat").add(
  HttpApiEndpoint.post("createToken", "/api/chat/tokens").setPayload(ClientToken).addSuccess(Issued)
)
