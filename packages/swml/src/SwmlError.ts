/**
 * The typed failures of this package. Each one carries the issues found, each issue naming the
 * path of the offending value (`sections.main[2].play.volume`), so a bad document, a bad context
 * set or a bad tool call is reported precisely and never crashes.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One problem: where it is and what is wrong.
 *
 * @example
 * ```ts
 * import { SwmlError } from "@signalwire-effect/swml"
 *
 * const issue: SwmlError.Issue = { path: "sections.main[0].play.url", message: "is missing" }
 * ```
 * @since 0.1.0
 */
export const Issue = Schema.Struct({ path: Schema.String, message: Schema.String })

/**
 * @example
 * ```ts
 * import { SwmlError } from "@signalwire-effect/swml"
 *
 * const paths = (issues: ReadonlyArray<SwmlError.Issue>) => issues.map((issue) => issue.path)
 * ```
 * @since 0.1.0
 */
export type Issue = typeof Issue.Type

/**
 * A value is not a valid SWML document (or tool reply, or `data_map`): decoding found the listed
 * issues. `message` holds them one per line.
 *
 * @example
 * ```ts
 * import { Swml } from "@signalwire-effect/swml"
 * import * as Effect from "effect/Effect"
 *
 * const program = Swml.decode({ sections: { main: [{ play: {} }] } }).pipe(
 *   Effect.catchTag("SwmlDecodeError", (error) => Effect.succeed(error.issues[0]?.path))
 * )
 * ```
 * @since 0.1.0
 */
export class SwmlDecodeError extends Schema.TaggedError<SwmlDecodeError>()("SwmlDecodeError", {
  message: Schema.String,
  issues: Schema.Array(Issue)
}) {}

/**
 * A contexts-and-steps workflow is inconsistent (a step points at a step that does not exist, a
 * context has no steps, …). Found before anything is sent to SignalWire.
 *
 * @example
 * ```ts
 * import { ContextBuilder } from "@signalwire-effect/swml"
 * import * as Either from "effect/Either"
 *
 * const result = ContextBuilder.build(ContextBuilder.make())
 * if (Either.isLeft(result)) console.log(result.left.message) // "at least one context is required"
 * ```
 * @since 0.1.0
 */
export class ContextError extends Schema.TaggedError<ContextError>()("ContextError", {
  message: Schema.String,
  issues: Schema.Array(Issue)
}) {}

/**
 * The arguments SignalWire sent with a tool call do not match the tool's argument schema. The
 * handler never runs; the caller decides what the model is told.
 *
 * @example
 * ```ts
 * import { SwmlError } from "@signalwire-effect/swml"
 *
 * const reply = (error: SwmlError.SwaigArgumentError) => `Bad arguments for ${error.function}: ${error.message}`
 * ```
 * @since 0.1.0
 */
export class SwaigArgumentError extends Schema.TaggedError<SwaigArgumentError>()("SwaigArgumentError", {
  function: Schema.String,
  message: Schema.String,
  issues: Schema.Array(Issue)
}) {}

/**
 * A tool's argument schema cannot be expressed as the JSON Schema subset SignalWire accepts in
 * `parameters` (a recursive type, a tuple, a non-object top level, …).
 *
 * @example
 * ```ts
 * import { SwmlError } from "@signalwire-effect/swml"
 *
 * const explain = (error: SwmlError.SwaigDefinitionError) => `${error.function}: ${error.message}`
 * ```
 * @since 0.1.0
 */
export class SwaigDefinitionError extends Schema.TaggedError<SwaigDefinitionError>()("SwaigDefinitionError", {
  function: Schema.String,
  message: Schema.String
}) {}
