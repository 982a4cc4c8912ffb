/**
 * The typed failures of the agent server: a bad request signature, a bad tool token, an
 * inconsistent set of agents.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A SWML request whose SignalWire signature is missing or does not match (answered 403).
 *
 * @example
 * ```ts
 * import { AgentError } from "@signalwire-effect/agents"
 *
 * new AgentError.SignatureError({ reason: "missing" })
 * ```
 * @since 0.1.0
 */
export class SignatureError extends Schema.TaggedError<SignatureError>()("SignatureError", {
  reason: Schema.Literal("missing", "mismatch")
}) {}

/**
 * A call to a `secure` tool whose per-call token is missing, forged, for another call or function,
 * or expired (answered 403).
 *
 * @example
 * ```ts
 * import { AgentError } from "@signalwire-effect/agents"
 *
 * new AgentError.ToolTokenError({ function: "transfer", reason: "expired" })
 * ```
 * @since 0.1.0
 */
export class ToolTokenError extends Schema.TaggedError<ToolTokenError>()("ToolTokenError", {
  function: Schema.String,
  reason: Schema.Literal("missing", "malformed", "signature", "function", "call", "expired")
}) {}

/**
 * Agents that cannot be served together or at all: two at one route, a route that is not a path,
 * a tool whose argument schema has no JSON Schema the platform accepts.
 *
 * @example
 * ```ts
 * import { AgentError } from "@signalwire-effect/agents"
 *
 * new AgentError.InvalidAgent({ agent: "support", message: "route /support is taken by sales" })
 * ```
 * @since 0.1.0
 */
export class InvalidAgent extends Schema.TaggedError<InvalidAgent>()("InvalidAgent", {
  agent: Schema.String,
  message: Schema.String
}) {}

/**
 * A prefab agent's configuration that does not fit its schema: `field` is the path of the first
 * bad value (e.g. `questions[1].key_name`), `message` says what was expected.
 *
 * @example
 * ```ts
 * import { AgentError } from "@signalwire-effect/agents"
 *
 * new AgentError.PrefabConfigError({ prefab: "InfoGatherer", field: "questions[0].key_name", message: "is missing" })
 * ```
 * @since 0.1.0
 */
export class PrefabConfigError extends Schema.TaggedError<PrefabConfigError>()("PrefabConfigError", {
  prefab: Schema.String,
  field: Schema.String,
  message: Schema.String
}) {}
