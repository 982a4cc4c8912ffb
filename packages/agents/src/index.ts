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
 * An agent's settings from a JSON or YAML file (with `${VAR|default}` substitution), checked by
 * Schema, and offered to `Config` as a `ConfigProvider`.
 *
 * @since 0.1.0
 */
export * as ConfigFile from "./ConfigFile.js"
