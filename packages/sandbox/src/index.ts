/**
 * The embedded RELAY sandbox: start it, script it, inject faults, connect clients to it.
 *
 * @since 0.1.0
 */
export * as RelaySandbox from "./RelaySandbox.js"

/**
 * The sandbox's frame journal types.
 *
 * @since 0.1.0
 */
export * as Journal from "./Journal.js"

/**
 * Scripts for the far ends of simulated calls.
 *
 * @since 0.1.0
 */
export * as CallScript from "./CallScript.js"

/**
 * Scripts for the delivery of simulated outbound messages.
 *
 * @since 0.1.0
 */
export * as MessageScript from "./MessageScript.js"

/**
 * The REST side: SignalWire's REST API from the one definition, with a request journal and faults.
 *
 * @since 0.1.0
 */
export * as RestSandbox from "./RestSandbox.js"

/**
 * SWML in the sandbox: running documents on simulated calls, signing key, transcripts.
 *
 * @since 0.1.0
 */
export * as SwmlSandbox from "./SwmlSandbox.js"

/**
 * The transcript of a call the sandbox ran SWML on: one Schema union of typed entries.
 *
 * @since 0.1.0
 */
export * as Transcript from "./Transcript.js"

/**
 * Scripts of the simulated AI: what the caller says, which tools the AI calls, what it must say.
 *
 * @since 0.1.0
 */
export * as AiScript from "./AiScript.js"

/**
 * Test your own agent with a whole scripted call: serve it on loopback, run the call, read the transcript.
 *
 * @since 0.1.0
 */
export * as AgentTest from "./AgentTest.js"
