/**
 * `@signalwire-effect/sdk`: SignalWire's own TypeScript RELAY API (`RelayClient`,
 * `Call`, the Action classes, `Message`, the event classes, `RelayError`), as Promises and
 * callbacks, on top of the Effect core (`@signalwire-effect/relay`); its REST client
 * (`RestClient`, `RestError`, `paginate`, `paginateAll`) on the Effect REST client
 * (`@signalwire-effect/rest`); and its AI-agent classes (`AgentBase`, `AgentServer`,
 * `SWMLService`, `SwmlBuilder`, `FunctionResult`, `DataMap`, `ContextBuilder`) on
 * `@signalwire-effect/agents` and `@signalwire-effect/swml`. This is the one library package that
 * runs Effects.
 *
 * Unlike the Effect packages, whose barrels are namespaces, this barrel exports the reference
 * SDK's names flat, so that `import { RelayClient } from
 * "@signalwire-effect/sdk"` and `new RelayClient(…)` work as they do with the reference.
 *
 * Decisions on the reference's discrepancies (DIFFERENCES.md #1 … #15), each documented where it
 * applies:
 *
 * 1. Token variable: `SIGNALWIRE_API_TOKEN`, then `SIGNALWIRE_TOKEN` ({@link RelayClientOptions}).
 * 2. Time units: `Action.wait` and `Message.wait` take seconds; `Call.waitFor` and
 *    `Call.waitForEnded` milliseconds; `dial`'s `dialTimeout` seconds (as the TypeScript code).
 * 3. Convenience methods: `playTTS`, `playAudio`, `playSilence`, `playRingtone`, `promptTTS`,
 *    `promptAudio`, `detectAnsweringMachine`, `detectFax`, `detectDigit` are provided.
 * 4. `sendMessage`: `toNumber` / `fromNumber`, with `to` / `from` accepted as aliases.
 * 5. Action results are typed: `RecordAction.wait()` resolves with a `RecordEvent` (so `.url`).
 * 6. Call-gone: only 404/410 (and an already-ended call) resolve with `{}`.
 * 7. `disconnect()` rejects what it cancels with `RelayError`s.
 * 8. `run()` handles SIGINT and SIGTERM.
 * 9. A dial timeout is `RelayError(-1, "Dial timed out waiting for answer (tag=…)")`.
 * 10. 23 typed event classes.
 * 11. `userEvent` forwards keys other than `event`.
 * 12. No `CollectAction.pause/resume`; 13. `PlayAction.pause()` takes no behavior (Python only).
 * 14. TypeScript names throughout (camelCase options, wire-form objects in snake_case).
 * 15. `Call` wraps the 40 call methods (plus 9 Python conveniences), the Action classes the 19
 *     sub-commands, `RelayClient.dial` wraps `calling.dial`; `calling.begin` has no wrapper
 *     (use `execute`).
 * 16.–29. The agent classes: `FunctionResult`, `DataMap`, `ContextBuilder`, `SwmlBuilder` wire
 *     details; tools secure by default with validated arguments; POM prompts and contexts in
 *     `prompt`; 307 routing; `getApp()` is a web handler; `serve()` resolves once listening and
 *     `stop()` drains; `run()` handles SIGINT/SIGTERM; `SWMLService`; routes never doubled.
 *
 * REST client (DIFFERENCES.md #30 … #34): 30. construction (options or positional, the
 * reference's env fallbacks and message); 31. namespaces and methods are the Effect client's,
 * mapped generically (`phoneNumbers.create` / `delete` kept as aliases); 32. `RestError` with the
 * reference's fields and message, plus transport, validation, decode and closed errors;
 * 33. `paginate` / `paginateAll` by path take the client; 34. `close()`, timeouts, retries.
 *
 * Prefab agents (DIFFERENCES.md #45 … #49): `InfoGathererAgent`, `SurveyAgent`, `FAQBotAgent`,
 * `ReceptionistAgent`, `ConciergeAgent` are built by the Effect prefabs; a bad configuration
 * throws `PrefabConfigError` naming the field (45); the survey's progress and the visitors are in
 * global data, not in process memory (46); `search_faqs` answers with the best FAQ (47);
 * `check_availability` checks the date, the time and the hours (48); tools are secure (49).
 *
 * Helpers: `createSimpleContext`, `setAllowedEnvPrefixes` / `getAllowedEnvPrefixes`, `safeAssign`,
 * `isServerlessMode`, `inferSchema`, `SchemaUtils`, `ConfigLoader`. LiveKit's agent API is the
 * subpath `@signalwire-effect/sdk/livewire` (DIFFERENCES.md #50 … #54).
 *
 * @since 0.1.0
 */
export * from "./relay.js"
export {
  paginate,
  paginateAll,
  restClient,
  type Promised,
  type QueryParams,
  RestClient,
  type RestClientOptions,
  type RestClientShape,
  type RestNamespaces
} from "./RestClient.js"
export {
  RestClientClosedError,
  RestDecodeError,
  RestError,
  RestTransportError,
  RestValidationError,
  SignalWireRestError
} from "./RestError.js"
export { AgentBase } from "./AgentBase.js"
export { type AgentOptions, type DynamicConfigCallback, type LanguageConfig, type ToolDefinition } from "./AgentOptions.js"
export { AgentServer } from "./AgentServer.js"
export { Context, ContextBuilder, Step } from "./ContextBuilder.js"
export { createExpressionTool, createSimpleApiTool, DataMap } from "./DataMap.js"
export { FunctionResult } from "./FunctionResult.js"
export { type OnRequestCallback, SWMLService, type SWMLServiceOptions } from "./SWMLService.js"
export { SwmlBuilder } from "./SwmlBuilder.js"
export { filterSensitiveHeaders, isPrivateIp, MAX_SKILL_INPUT_LENGTH, redactUrl, validateUrl } from "./SecurityUtils.js"
export { SIGNALWIRE_SIGNATURE_HEADER, TWILIO_COMPAT_SIGNATURE_HEADER, validateRequest, validateWebhookSignature } from "./WebhookValidation.js"
export {
  createInfoGathererAgent,
  InfoGathererAgent,
  type InfoGathererConfig,
  type InfoGathererQuestion,
  type InfoGathererQuestionCallback
} from "./InfoGathererAgent.js"
export { createSurveyAgent, SurveyAgent, type SurveyConfig, type SurveyQuestion } from "./SurveyAgent.js"
export { createFAQBotAgent, FAQBotAgent, type FAQBotConfig, type FAQEntry } from "./FAQBotAgent.js"
export { createReceptionistAgent, ReceptionistAgent, type ReceptionistConfig, type ReceptionistDepartment } from "./ReceptionistAgent.js"
export { ConciergeAgent, type ConciergeConfig, createConciergeAgent } from "./ConciergeAgent.js"
export { createSimpleContext } from "./ContextBuilder.js"
export { getAllowedEnvPrefixes, setAllowedEnvPrefixes } from "./DataMap.js"
export { SchemaUtils, type ValidationResult } from "./SchemaUtils.js"
export { createTypedHandlerWrapper, type InferredSchema, inferSchema, type ParsedParam, parseFunctionParams } from "./TypeInference.js"
export { isServerlessMode, safeAssign } from "./Utils.js"
export { ConfigLoader } from "./ConfigLoader.js"
export { SkillBase, type SkillPromptSection, type SkillToolDefinition, skillOf } from "./SkillBase.js"
export { addSkillDirectory, listSkills, listSkillsWithParams, registerSkill, type SkillInfo } from "./SkillRegistry.js"
