/**
 * The compat (LaML) accounts — the project and its subprojects, `/api/laml/2010-04-01/Accounts` —
 * and the compat API tokens (`/Accounts/{AccountSid}/tokens`, the one JSON-bodied PATCH of the
 * compat API).
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Schema from "effect/Schema"
import { ACCOUNT, AccountPath, CompatPage, form, pageParams, ROOT } from "./internal/compatShared.js"
import { Extra, nullable } from "./RestSchema.js"

/**
 * An account: the project itself (its sid is the project id) or one of its subprojects.
 *
 * @example
 * ```ts
 * import type { CompatAccounts } from "@signalwire-effect/rest"
 *
 * const isSub = (a: CompatAccounts.Account) => a.subproject === true
 * ```
 * @since 0.1.0
 */
export const Account = Schema.Struct({
  sid: Schema.String,
  friendly_name: Schema.String,
  status: nullable(Schema.String),
  auth_token: nullable(Schema.String),
  date_created: nullable(Schema.String),
  date_updated: nullable(Schema.String),
  type: nullable(Schema.String),
  owner_account_sid: nullable(Schema.String),
  uri: nullable(Schema.String),
  subproject: nullable(Schema.Boolean),
  signing_key: nullable(Schema.String),
  subresource_uris: nullable(Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) }))
}, Extra)

/**
 * A decoded {@link Account}.
 *
 * @example
 * ```ts
 * import type { CompatAccounts } from "@signalwire-effect/rest"
 *
 * const name = (a: CompatAccounts.Account) => a.friendly_name
 * ```
 * @since 0.1.0
 */
export type Account = typeof Account.Type

/**
 * The body of a subproject's creation or an account's update: `FriendlyName` (1–250 characters).
 *
 * @example
 * ```ts
 * import { CompatAccounts } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatAccounts.Body.Type = { FriendlyName: "Customer A" }
 * ```
 * @since 0.1.0
 */
export const Body = form(Schema.Struct({ FriendlyName: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(250)) }))

/**
 * The filters of the account list.
 *
 * @example
 * ```ts
 * import { CompatAccounts } from "@signalwire-effect/rest"
 *
 * const params: typeof CompatAccounts.ListParams.Type = { FriendlyName: "Customer A", PageSize: 10 }
 * ```
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({ FriendlyName: Schema.optional(Schema.String), ...pageParams })

/**
 * A compat API token.
 *
 * @example
 * ```ts
 * import type { CompatAccounts } from "@signalwire-effect/rest"
 *
 * const secret = (t: CompatAccounts.Token) => t.token
 * ```
 * @since 0.1.0
 */
export const Token = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  permissions: Schema.Array(Schema.String),
  token: nullable(Schema.String)
}, Extra)

/**
 * A decoded {@link Token}.
 *
 * @example
 * ```ts
 * import type { CompatAccounts } from "@signalwire-effect/rest"
 *
 * const id = (t: CompatAccounts.Token) => t.id
 * ```
 * @since 0.1.0
 */
export type Token = typeof Token.Type

/**
 * The body of a token's creation (form-encoded; `permissions` as repeated keys).
 *
 * @example
 * ```ts
 * import { CompatAccounts } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatAccounts.CreateToken.Type = { name: "ci", permissions: ["messaging", "voice"] }
 * ```
 * @since 0.1.0
 */
export const CreateToken = form(Schema.Struct({
  name: Schema.String.pipe(Schema.minLength(1)),
  permissions: Schema.Union(Schema.Array(Schema.String), Schema.String),
  subproject_id: Schema.optional(Schema.String)
}))

/**
 * The body of a token's update (JSON, as the platform documents this PATCH).
 *
 * @example
 * ```ts
 * import { CompatAccounts } from "@signalwire-effect/rest"
 *
 * const body: typeof CompatAccounts.UpdateToken.Type = { name: "renamed" }
 * ```
 * @since 0.1.0
 */
export const UpdateToken = Schema.Struct({
  name: Schema.optional(Schema.String.pipe(Schema.minLength(1))),
  permissions: Schema.optional(Schema.Array(Schema.String))
})

/**
 * The `compatAccounts` group: list, create (a subproject), get, update (POST).
 *
 * @example
 * ```ts
 * import { CompatAccounts } from "@signalwire-effect/rest"
 *
 * CompatAccounts.group.identifier // "compatAccounts"
 * ```
 * @since 0.1.0
 */
export const group = HttpApiGroup.make("compatAccounts")
  .add(HttpApiEndpoint.get("list", `${ROOT}/Accounts`).setUrlParams(ListParams).addSuccess(CompatPage("accounts", Account)))
  .add(HttpApiEndpoint.post("create", `${ROOT}/Accounts`).setPayload(Body).addSuccess(Account, { status: 201 }))
  .add(HttpApiEndpoint.get("get", `${ROOT}/Accounts/:Sid`).setPath(Schema.Struct({ Sid: Schema.String })).addSuccess(Account))
  .add(
    HttpApiEndpoint.post("update", `${ROOT}/Accounts/:Sid`)
      .setPath(Schema.Struct({ Sid: Schema.String }))
      .setPayload(Body)
      .addSuccess(Account)
  )

const TokenPath = Schema.Struct({ AccountSid: Schema.String, token_id: Schema.String })

/**
 * The `compatTokens` group: create, update (PATCH), delete.
 *
 * @example
 * ```ts
 * import { CompatAccounts } from "@signalwire-effect/rest"
 *
 * CompatAccounts.tokensGroup.identifier // "compatTokens"
 * ```
 * @since 0.1.0
 */
export const tokensGroup = HttpApiGroup.make("compatTokens")
  .add(HttpApiEndpoint.post("create", `${ACCOUNT}/tokens`).setPath(AccountPath).setPayload(CreateToken).addSuccess(Token))
  .add(
    HttpApiEndpoint.patch("update", `${ACCOUNT}/tokens/:token_id`).setPath(TokenPath).setPayload(UpdateToken).addSuccess(Token)
  )
  .add(HttpApiEndpoint.del("delete", `${ACCOUNT}/tokens/:token_id`).setPath(TokenPath).addSuccess(Schema.Void, { status: 204 }))
