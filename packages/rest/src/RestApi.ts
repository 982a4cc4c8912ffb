/**
 * SignalWire's REST API described once, with `HttpApi`: the client (`RestClient`), the sandbox's
 * REST server and the OpenAPI document ({@link openApi}) all come from {@link api}.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as OpenApi from "@effect/platform/OpenApi"
import * as Addresses from "./Addresses.js"
import * as Calling from "./Calling.js"
import * as CompatCalls from "./CompatCalls.js"
import * as Messaging from "./Messaging.js"
import * as PhoneNumbers from "./PhoneNumbers.js"
import * as Queues from "./Queues.js"
import * as NumberGroups from "./NumberGroups.js"
import * as Recordings from "./Recordings.js"
import * as Registry from "./Registry.js"
import { NotFound, Unauthorized, Unprocessable } from "./RestError.js"
import * as ShortCodes from "./ShortCodes.js"
import * as Tokens from "./Tokens.js"
import * as Verification from "./Verification.js"
import * as VerifiedCallers from "./VerifiedCallers.js"

/**
 * HTTP Basic authentication (project id : API token) on every endpoint. A server implements it;
 * the client adds the header itself.
 *
 * @example
 * ```ts
 * import { RestApi } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * const allowAll = Layer.succeed(RestApi.Authorization, { basic: () => Effect.void })
 * ```
 * @since 0.1.0
 */
export class Authorization extends HttpApiMiddleware.Tag<Authorization>()("@signalwire-effect/rest/Authorization", {
  failure: Unauthorized,
  security: { basic: HttpApiSecurity.basic }
}) {}

/**
 * The API definition: one group per namespace, Basic auth, and the platform's 404 / 422 bodies.
 *
 * @example
 * ```ts
 * import { RestApi } from "@signalwire-effect/rest"
 *
 * RestApi.api.identifier // "signalwire"
 * ```
 * @since 0.1.0
 */
export const api = HttpApi.make("signalwire")
  .add(PhoneNumbers.group.middleware(Authorization))
  .add(PhoneNumbers.importedGroup.middleware(Authorization))
  .add(Messaging.group.middleware(Authorization))
  .add(Messaging.logsGroup.middleware(Authorization))
  .add(Addresses.group.middleware(Authorization))
  .add(Queues.group.middleware(Authorization))
  .add(Recordings.group.middleware(Authorization))
  .add(NumberGroups.group.middleware(Authorization))
  .add(VerifiedCallers.group.middleware(Authorization))
  .add(ShortCodes.group.middleware(Authorization))
  .add(ShortCodes.sipProfileGroup.middleware(Authorization))
  .add(Verification.lookupGroup.middleware(Authorization))
  .add(Verification.mfaGroup.middleware(Authorization))
  .add(Registry.group.middleware(Authorization))
  .add(Tokens.projectGroup.middleware(Authorization))
  .add(Tokens.pubsubGroup.middleware(Authorization))
  .add(Tokens.chatGroup.middleware(Authorization))
  .add(Calling.group.middleware(Authorization))
  .add(CompatCalls.group.middleware(Authorization))
  .addError(NotFound)
  .addError(Unprocessable)
  .annotate(OpenApi.Title, "SignalWire REST API (as covered by signalwire-effect)")

/**
 * The type of {@link api}.
 *
 * @example
 * ```ts
 * import type { RestApi } from "@signalwire-effect/rest"
 *
 * type Groups = RestApi.Api
 * ```
 * @since 0.1.0
 */
export type Api = typeof api

/**
 * The OpenAPI 3.1 document of {@link api}, to diff against SignalWire's published spec.
 *
 * @example
 * ```ts
 * import { RestApi } from "@signalwire-effect/rest"
 *
 * const paths = Object.keys(RestApi.openApi().paths)
 * ```
 * @since 0.1.0
 */
export const openApi = (): OpenApi.OpenAPISpec => OpenApi.fromApi(api)
