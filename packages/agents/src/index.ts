/**
 * An AI agent: a SWML service rendering the `ai` verb, with typed tools (SWAIG), the post-prompt
 * summary, per-call configuration and per-call tool tokens.
 *
 * @since 0.1.0
 */
export * as AgentBase from "./AgentBase.js"

/**
 * Serve a SWML document (fixed or per request) behind Basic auth and request signatures.
 *
 * @since 0.1.0
 */
export * as SWMLService from "./SWMLService.js"

/**
 * Many agents and services on one server at their own routes; a layer for any `HttpServer`, or a
 * web handler for serverless platforms.
 *
 * @since 0.1.0
 */
export * as AgentServer from "./AgentServer.js"

/**
 * The agent server on Node's HTTP server, with graceful shutdown when its scope closes.
 *
 * @since 0.1.0
 */
export * as NodeServer from "./NodeServer.js"

/**
 * AWS Lambda handlers from the web handler.
 *
 * @since 0.1.0
 */
export * as Serverless from "./Serverless.js"

/**
 * SignalWire's request signatures (`X-Signalwire-Signature`, `X-Signalwire-SHA256-Signature`).
 *
 * @since 0.1.0
 */
export * as Signature from "./Signature.js"

/**
 * Basic-auth credentials: from options, the environment, or generated.
 *
 * @since 0.1.0
 */
export * as BasicAuth from "./BasicAuth.js"

/**
 * Per-call tokens for `secure` tools.
 *
 * @since 0.1.0
 */
export * as ToolToken from "./ToolToken.js"

/**
 * The typed failures: bad signatures, bad tool tokens, agents that cannot be served.
 *
 * @since 0.1.0
 */
export * as AgentError from "./AgentError.js"

/**
 * Skills: tools, prompt sections, hints, global data and SWML added to an agent in one step,
 * configured by parameters declared as a `Schema`.
 *
 * @since 0.1.0
 */
export * as Skill from "./Skill.js"

/**
 * The skills known by name: the built-ins and the skills you register.
 *
 * @since 0.1.0
 */
export * as SkillRegistry from "./SkillRegistry.js"

/**
 * The typed failures of skills.
 *
 * @since 0.1.0
 */
export * as SkillError from "./SkillError.js"

/**
 * The outbound toolkit of skills: JSON/text requests with a timeout, private-address protection,
 * base-URL overrides, redacted URLs and a typed `SkillHttpError`.
 *
 * @since 0.1.0
 */
export * as SkillHttp from "./SkillHttp.js"

/**
 * Prefab agent: asks a list of questions one at a time, answers kept in global data.
 *
 * @since 0.1.0
 */
export * as InfoGatherer from "./prefabs/InfoGatherer.js"

/**
 * Prefab agent: a survey with typed questions, validation, branching and a score.
 *
 * @since 0.1.0
 */
export * as Survey from "./prefabs/Survey.js"

/**
 * Prefab agent: answers frequently asked questions, escalates to a number.
 *
 * @since 0.1.0
 */
export * as FAQBot from "./prefabs/FAQBot.js"

/**
 * Prefab agent: a receptionist that notes the caller and transfers to a department.
 *
 * @since 0.1.0
 */
export * as Receptionist from "./prefabs/Receptionist.js"

/**
 * Prefab agent: a venue's concierge (services, amenities, hours, availability, directions).
 *
 * @since 0.1.0
 */
export * as Concierge from "./prefabs/Concierge.js"

/**
 * An agent's settings from a JSON or YAML file (with `${VAR|default}` substitution), checked by
 * Schema, and offered to `Config` as a `ConfigProvider`.
 *
 * @since 0.1.0
 */
export * as ConfigFile from "./ConfigFile.js"
