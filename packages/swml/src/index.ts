/**
 * The calling SWML document as a Schema: types, strict decoding with error paths, rendering and
 * the JSON Schema.
 *
 * @since 0.1.0
 */
export * as Swml from "./Swml.js"

/**
 * The typed failures: a bad document, an inconsistent workflow, bad tool arguments.
 *
 * @since 0.1.0
 */
export * as SwmlError from "./SwmlError.js"

/**
 * The reply a SWAIG tool sends back: response, actions (42 helpers) and post-processing.
 *
 * @since 0.1.0
 */
export * as FunctionResult from "./FunctionResult.js"

/**
 * Instructions: `Verb.make(name, config)` for any of the 43 calling verbs, short constructors for
 * the common ones.
 *
 * @since 0.1.0
 */
export * as Verb from "./Verb.js"

/**
 * Build a document verb by verb, in sections; immutable and pipeable.
 *
 * @since 0.1.0
 */
export * as SwmlBuilder from "./SwmlBuilder.js"

/**
 * The Prompt Object Model: sections, bullets, subsections; as `prompt.pom`, Markdown or XML.
 *
 * @since 0.1.0
 */
export * as Pom from "./Pom.js"

/**
 * Contexts and steps, checked and rendered under `ai.prompt.contexts`.
 *
 * @since 0.1.0
 */
export * as ContextBuilder from "./ContextBuilder.js"

/**
 * Tool definitions whose arguments are an Effect Schema: `parameters` generated, arguments decoded.
 *
 * @since 0.1.0
 */
export * as SwaigFunction from "./SwaigFunction.js"

/**
 * Tools SignalWire runs itself (`data_map`): expressions, webhooks, outputs.
 *
 * @since 0.1.0
 */
export * as DataMap from "./DataMap.js"

/**
 * The `ai` verb: prompt (text or POM), post-prompt, params, languages, hints, SWAIG tools.
 *
 * @since 0.1.0
 */
export * as Ai from "./Ai.js"

/**
 * The messaging variant of SWML (nine verbs) for inbound SMS and MMS.
 *
 * @since 0.1.0
 */
export * as Messaging from "./Messaging.js"
