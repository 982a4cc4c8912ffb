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
