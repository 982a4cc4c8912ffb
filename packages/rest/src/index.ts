/**
 * The REST client service: namespaces as fields, typed errors, timeouts, retries, pagination.
 *
 * @since 0.1.0
 */
export * as RestClient from "./RestClient.js"

/**
 * The interfaces of the account-level namespaces of the client.
 *
 * @since 0.1.0
 */
export * as RestNamespaces from "./RestNamespaces.js"

/**
 * The one definition of SignalWire's REST API (`HttpApi`), its Basic auth middleware and OpenAPI
 * document.
 *
 * @since 0.1.0
 */
export * as RestApi from "./RestApi.js"

/**
 * The typed errors and the platform's error bodies.
 *
 * @since 0.1.0
 */
export * as RestError from "./RestError.js"

/**
 * Shared schemas: open structs, pages and links, pagination parameters, E.164.
 *
 * @since 0.1.0
 */
export * as RestSchema from "./RestSchema.js"

/**
 * Phone numbers: list, search, purchase, update (call / message handlers), release, import.
 *
 * @since 0.1.0
 */
export * as PhoneNumbers from "./PhoneNumbers.js"

/**
 * Messages over REST and the logs.
 *
 * @since 0.1.0
 */
export * as Messaging from "./Messaging.js"

/**
 * Regulatory / E911 addresses.
 *
 * @since 0.1.0
 */
export * as Addresses from "./Addresses.js"

/**
 * Call queues and their members.
 *
 * @since 0.1.0
 */
export * as Queues from "./Queues.js"

/**
 * Recordings.
 *
 * @since 0.1.0
 */
export * as Recordings from "./Recordings.js"

/**
 * Number groups (sender pools) and their memberships.
 *
 * @since 0.1.0
 */
export * as NumberGroups from "./NumberGroups.js"

/**
 * Verified caller ids and their verification.
 *
 * @since 0.1.0
 */
export * as VerifiedCallers from "./VerifiedCallers.js"

/**
 * Short codes and the project's SIP profile.
 *
 * @since 0.1.0
 */
export * as ShortCodes from "./ShortCodes.js"

/**
 * Number lookup and one-time-code (MFA) verification.
 *
 * @since 0.1.0
 */
export * as Verification from "./Verification.js"

/**
 * The 10DLC Campaign Registry: brands, campaigns, orders, numbers.
 *
 * @since 0.1.0
 */
export * as Registry from "./Registry.js"

/**
 * API tokens of the project, PubSub and Chat tokens.
 *
 * @since 0.1.0
 */
export * as Tokens from "./Tokens.js"

/**
 * REST call control: the one command endpoint (`POST /api/calling/calls`) and its 42 commands.
 *
 * @since 0.1.0
 */
export * as Calling from "./Calling.js"

/**
 * Compat (LaML, Twilio-compatible) calls: form-encoded bodies, `next_page_uri` pages, compat errors.
 *
 * @since 0.1.0
 */
export * as CompatCalls from "./CompatCalls.js"

/**
 * Call Fabric, shared parts: resources of any type, addresses, SIP addresses, tokens.
 *
 * @since 0.2.0
 */
export * as Fabric from "./Fabric.js"

/**
 * Fabric SWML / cXML scripts, webhooks and applications.
 *
 * @since 0.2.0
 */
export * as FabricScripts from "./FabricScripts.js"

/**
 * Fabric AI agents, conference rooms, RELAY applications, Dialogflow agents.
 *
 * @since 0.2.0
 */
export * as FabricApps from "./FabricApps.js"

/**
 * Fabric call flows and their versions.
 *
 * @since 0.2.0
 */
export * as FabricCallFlows from "./FabricCallFlows.js"

/**
 * Fabric subscribers, SIP endpoints and gateways, FreeSWITCH connectors.
 *
 * @since 0.2.0
 */
export * as FabricSip from "./FabricSip.js"

/**
 * The interface of `rest.fabric`.
 *
 * @since 0.2.0
 */
export * as FabricNamespaces from "./FabricNamespaces.js"

/**
 * Video rooms, room tokens, conferences, conference tokens, streams.
 *
 * @since 0.2.0
 */
export * as Video from "./Video.js"

/**
 * Video room sessions, room recordings, video logs.
 *
 * @since 0.2.0
 */
export * as VideoSessions from "./VideoSessions.js"

/**
 * The interfaces of `rest.video`, `rest.datasphere`, `rest.projects`, `rest.domainApplications`,
 * `rest.sipEndpoints`.
 *
 * @since 0.2.0
 */
export * as VideoNamespaces from "./VideoNamespaces.js"

/**
 * Datasphere documents, chunks and search.
 *
 * @since 0.2.0
 */
export * as Datasphere from "./Datasphere.js"

/**
 * Checks that a webhook request (a cXML fetch, an `action` post, a status callback, a SWML fetch)
 * came from SignalWire: the platform's request signatures, and `sign` to produce them.
 *
 * @since 0.2.0
 */
export * as WebhookSignature from "./WebhookSignature.js"

/**
 * The account's projects.
 *
 * @since 0.2.0
 */
export * as Projects from "./Projects.js"

/**
 * Domain applications and SIP endpoints of the RELAY REST API.
 *
 * @since 0.2.0
 */
export * as SipRouting from "./SipRouting.js"

/**
 * `rest.compat`: the Twilio-compatible (LaML) API — its namespace interfaces, the compat page and
 * error body.
 *
 * @since 0.1.0
 */
export * as CompatNamespaces from "./CompatNamespaces.js"

/**
 * Compat accounts (the project and its subprojects) and compat API tokens.
 *
 * @since 0.1.0
 */
export * as CompatAccounts from "./CompatAccounts.js"

/**
 * Compat messages and their media.
 *
 * @since 0.1.0
 */
export * as CompatMessages from "./CompatMessages.js"

/**
 * Compat faxes and their media.
 *
 * @since 0.1.0
 */
export * as CompatFaxes from "./CompatFaxes.js"

/**
 * Compat conferences, participants, recordings and streams.
 *
 * @since 0.1.0
 */
export * as CompatConferences from "./CompatConferences.js"

/**
 * Compat phone numbers: incoming, imported, available.
 *
 * @since 0.1.0
 */
export * as CompatPhoneNumbers from "./CompatPhoneNumbers.js"

/**
 * Compat applications and LaML bins.
 *
 * @since 0.1.0
 */
export * as CompatApplications from "./CompatApplications.js"

/**
 * Compat queues and their members.
 *
 * @since 0.1.0
 */
export * as CompatQueues from "./CompatQueues.js"

/**
 * Compat recordings and transcriptions.
 *
 * @since 0.1.0
 */
export * as CompatRecordings from "./CompatRecordings.js"
