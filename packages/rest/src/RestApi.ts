/**
 * SignalWire's REST API described once, with `HttpApi`: the client (`RestClient`), the sandbox's
 * REST server and the OpenAPI document ({@link openApi}) all come from {@link api}.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import type * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import type * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as OpenApi from "@effect/platform/OpenApi"
import * as Addresses from "./Addresses.js"
import * as Calling from "./Calling.js"
import * as CompatCalls from "./CompatCalls.js"
import * as Datasphere from "./Datasphere.js"
import * as Fabric from "./Fabric.js"
import * as FabricApps from "./FabricApps.js"
import * as FabricCallFlows from "./FabricCallFlows.js"
import * as FabricScripts from "./FabricScripts.js"
import * as FabricSip from "./FabricSip.js"
import * as CompatAccounts from "./CompatAccounts.js"
import * as CompatApplications from "./CompatApplications.js"
import * as CompatConferences from "./CompatConferences.js"
import * as CompatFaxes from "./CompatFaxes.js"
import * as CompatMessages from "./CompatMessages.js"
import * as CompatPhoneNumbers from "./CompatPhoneNumbers.js"
import * as CompatQueues from "./CompatQueues.js"
import * as CompatRecordings from "./CompatRecordings.js"
import {
  CompatBadRequest,
  CompatConflict,
  CompatNotFound,
  CompatUnauthorized,
  CompatUnprocessable
} from "./internal/compatShared.js"
import * as Messaging from "./Messaging.js"
import * as PhoneNumbers from "./PhoneNumbers.js"
import * as Queues from "./Queues.js"
import * as NumberGroups from "./NumberGroups.js"
import * as Recordings from "./Recordings.js"
import * as Registry from "./Registry.js"
import { NotFound, Unauthorized, Unprocessable } from "./RestError.js"
import * as Projects from "./Projects.js"
import * as ShortCodes from "./ShortCodes.js"
import * as SipRouting from "./SipRouting.js"
import * as Tokens from "./Tokens.js"
import * as Verification from "./Verification.js"
import * as VerifiedCallers from "./VerifiedCallers.js"
import * as Video from "./Video.js"
import * as VideoSessions from "./VideoSessions.js"

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
 * HTTP Basic authentication of the compat (LaML) API: the same credentials, refused with the
 * compat body `{code: 20003, message, more_info, status: 401}`.
 *
 * @example
 * ```ts
 * import { RestApi } from "@signalwire-effect/rest"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * const allowAll = Layer.succeed(RestApi.CompatAuthorization, { basic: () => Effect.void })
 * ```
 * @since 0.1.0
 */
export class CompatAuthorization extends HttpApiMiddleware.Tag<CompatAuthorization>()(
  "@signalwire-effect/rest/CompatAuthorization",
  { failure: CompatUnauthorized, security: { basic: HttpApiSecurity.basic } }
) {}

const compat = <Id extends string, E extends HttpApiEndpoint.HttpApiEndpoint.Any, Er, R>(
  group: HttpApiGroup.HttpApiGroup<Id, E, Er, R>
) =>
  group
    .middleware(CompatAuthorization)
    .addError(CompatBadRequest)
    .addError(CompatNotFound)
    .addError(CompatConflict)
    .addError(CompatUnprocessable)

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
  .add(CompatCalls.group.middleware(CompatAuthorization))
  .add(Projects.group.middleware(Authorization))
  .add(SipRouting.domainApplicationsGroup.middleware(Authorization))
  .add(SipRouting.sipEndpointsGroup.middleware(Authorization))
  .add(Fabric.resourcesGroup.middleware(Authorization))
  .add(Fabric.addressesGroup.middleware(Authorization))
  .add(Fabric.sipAddressesGroup.middleware(Authorization))
  .add(Fabric.tokensGroup.middleware(Authorization))
  .add(FabricScripts.swmlScriptsGroup.middleware(Authorization))
  .add(FabricScripts.swmlWebhooksGroup.middleware(Authorization))
  .add(FabricScripts.cxmlScriptsGroup.middleware(Authorization))
  .add(FabricScripts.cxmlWebhooksGroup.middleware(Authorization))
  .add(FabricScripts.cxmlApplicationsGroup.middleware(Authorization))
  .add(FabricApps.aiAgentsGroup.middleware(Authorization))
  .add(FabricCallFlows.callFlowsGroup.middleware(Authorization))
  .add(FabricApps.conferenceRoomsGroup.middleware(Authorization))
  .add(FabricApps.relayApplicationsGroup.middleware(Authorization))
  .add(FabricApps.dialogflowAgentsGroup.middleware(Authorization))
  .add(FabricSip.subscribersGroup.middleware(Authorization))
  .add(FabricSip.sipEndpointsGroup.middleware(Authorization))
  .add(FabricSip.sipGatewaysGroup.middleware(Authorization))
  .add(FabricSip.freeswitchConnectorsGroup.middleware(Authorization))
  .add(Video.roomsGroup.middleware(Authorization))
  .add(Video.roomTokensGroup.middleware(Authorization))
  .add(Video.conferencesGroup.middleware(Authorization))
  .add(Video.conferenceTokensGroup.middleware(Authorization))
  .add(Video.streamsGroup.middleware(Authorization))
  .add(VideoSessions.roomSessionsGroup.middleware(Authorization))
  .add(VideoSessions.roomRecordingsGroup.middleware(Authorization))
  .add(VideoSessions.logsGroup.middleware(Authorization))
  .add(Datasphere.documentsGroup.middleware(Authorization))
  .add(compat(CompatAccounts.group))
  .add(compat(CompatAccounts.tokensGroup))
  .add(compat(CompatMessages.group))
  .add(compat(CompatFaxes.group))
  .add(compat(CompatConferences.group))
  .add(compat(CompatPhoneNumbers.group))
  .add(compat(CompatApplications.group))
  .add(compat(CompatApplications.lamlBinsGroup))
  .add(compat(CompatQueues.group))
  .add(compat(CompatRecordings.group))
  .add(compat(CompatRecordings.transcriptionsGroup))
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
