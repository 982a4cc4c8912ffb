/**
 * The transcript entries of a scripted `ai` verb: what was said by whom, each SWAIG request and
 * reply, each action applied, global data over time, assertion results, failures, the end. Each is
 * a `Schema.TaggedStruct`, so a transcript survives JSON (the admin API, the CLI's output).
 */
import * as Schema from "effect/Schema"

const Json = Schema.Unknown
const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const at = { at: Schema.Number }

/** The AI session started: its tools, natives, where the steps start, the global data. */
export const AiStarted = Schema.TaggedStruct("AiStarted", {
  ...at,
  functions: Schema.Array(Schema.String),
  nativeFunctions: Schema.Array(Schema.String),
  context: Schema.optional(Schema.String),
  step: Schema.optional(Schema.String),
  globalData: JsonObject
})

/** The caller spoke (or a `user_input` action spoke for them: `simulated`). */
export const CallerSaid = Schema.TaggedStruct("CallerSaid", { ...at, text: Schema.String, simulated: Schema.Boolean })

/**
 * The AI spoke: a static greeting, a `say` action, or (no model here) the text of a tool's
 * `response`, which the simulated AI reads out as the model would act on it.
 */
export const AiSaid = Schema.TaggedStruct("AiSaid", {
  ...at,
  text: Schema.String,
  source: Schema.Literal("greeting", "say", "response", "native", "filler")
})

/** A SWAIG request as sent: the URL (credentials removed) and the exact body. */
export const SwaigRequest = Schema.TaggedStruct("SwaigRequest", {
  ...at,
  function: Schema.String,
  url: Schema.String,
  body: JsonObject
})

/** The agent's reply to a SWAIG request, decoded. */
export const SwaigReply = Schema.TaggedStruct("SwaigReply", {
  ...at,
  function: Schema.String,
  status: Schema.Number,
  reply: JsonObject
})

/** A DataMap tool the sandbox ran itself: which part answered (or `none`), the webhooks it fetched. */
export const DataMapRun = Schema.TaggedStruct("DataMapRun", {
  ...at,
  function: Schema.String,
  answeredBy: Schema.Literal("expression", "webhook", "output", "none"),
  webhooks: Schema.Array(Schema.Struct({ url: Schema.String, method: Schema.String, status: Schema.optional(Schema.Number) })),
  reply: JsonObject
})

/** A native function (check_time, wait_seconds, wait_for_user, adjust_response_latency, next_step, change_context, gather_submit). */
export const NativeCalled = Schema.TaggedStruct("NativeCalled", {
  ...at,
  function: Schema.String,
  args: JsonObject,
  result: Schema.String
})

/** One action of a reply, applied (or refused, with why: a param gates it, a target does not exist). */
export const ActionApplied = Schema.TaggedStruct("ActionApplied", {
  ...at,
  function: Schema.String,
  action: Schema.String,
  value: Json,
  applied: Schema.Boolean,
  note: Schema.optional(Schema.String)
})

/** The global data after a change. */
export const GlobalDataChanged = Schema.TaggedStruct("GlobalDataChanged", { ...at, globalData: JsonObject })

/** The active context / step changed (by next_step, change_context, or an action). */
export const StepChanged = Schema.TaggedStruct("StepChanged", {
  ...at,
  context: Schema.String,
  step: Schema.String,
  via: Schema.String,
  stepCriteria: Schema.optional(Schema.String),
  functions: Schema.optional(Schema.Array(Schema.String))
})

/** A verb of an `SWML` action the sandbox ran while the AI kept the call (send_sms, set, user_event, …). */
export const SwmlActionVerb = Schema.TaggedStruct("SwmlActionVerb", { ...at, function: Schema.String, verb: Schema.String, config: Json })

/** Gather mode put a question to the caller (on entering the step, then after each accepted answer). */
export const GatherQuestion = Schema.TaggedStruct("GatherQuestion", {
  ...at,
  context: Schema.String,
  step: Schema.String,
  index: Schema.Number,
  key: Schema.String,
  question: Schema.String
})

/** A `gather_submit`: the answer stored, or refused (wrong type, not confirmed by the caller). */
export const GatherAnswer = Schema.TaggedStruct("GatherAnswer", {
  ...at,
  key: Schema.String,
  answer: Json,
  accepted: Schema.Boolean,
  reason: Schema.optional(Schema.String)
})

/** Every gather question of the step is answered: where the answers went, where the step went. */
export const GatherCompleted = Schema.TaggedStruct("GatherCompleted", {
  ...at,
  context: Schema.String,
  step: Schema.String,
  outputKey: Schema.optional(Schema.String),
  answers: JsonObject,
  next: Schema.optional(Schema.String)
})

/**
 * A `SWAIG.includes` entry at the start of the session: the `get_signature` request for the
 * functions it names, and the definitions registered from the answer (every one returned), or why
 * none were (the call goes on without them).
 */
export const IncludeFetched = Schema.TaggedStruct("IncludeFetched", {
  ...at,
  url: Schema.String,
  requested: Schema.Array(Schema.String),
  registered: Schema.Array(Schema.String),
  error: Schema.optional(Schema.String)
})

/** A `SWAIG.mcp_servers` entry at the start of the session: the tools its MCP server listed, or why none. */
export const McpDiscovered = Schema.TaggedStruct("McpDiscovered", {
  ...at,
  url: Schema.String,
  tools: Schema.Array(Schema.String),
  error: Schema.optional(Schema.String)
})

/** The AI called an MCP server's tool (`tools/call`): the text of the result, and whether it is an error. */
export const McpCalled = Schema.TaggedStruct("McpCalled", {
  ...at,
  function: Schema.String,
  url: Schema.String,
  args: JsonObject,
  result: Schema.String,
  isError: Schema.Boolean
})

/** The post-prompt POSTed at the end of the AI session, and the agent's answer. */
export const PostPromptSent = Schema.TaggedStruct("PostPromptSent", {
  ...at,
  url: Schema.String,
  body: JsonObject,
  status: Schema.optional(Schema.Number),
  error: Schema.optional(Schema.String)
})

/** An assertion of the script, with what it saw. */
export const AssertionResult = Schema.TaggedStruct("AssertionResult", {
  ...at,
  turn: Schema.Number,
  on: Schema.Literal("said", "prompt", "tool"),
  expected: Schema.String,
  actual: Schema.String,
  passed: Schema.Boolean
})

/**
 * A failure of the conversation: the agent unreachable, refusing (401/403), answering with an
 * error status or a malformed reply, a tool not declared or not available now, a DataMap that
 * answered nothing, a script that could not finish. Failures that the platform ends the call for
 * are followed by `AiEnded` with reason `"error"`.
 */
export const AiFailure = Schema.TaggedStruct("AiFailure", {
  ...at,
  reason: Schema.Literal(
    "unreachable",
    "unauthorized",
    "forbidden",
    "http_error",
    "malformed_reply",
    "undeclared_function",
    "inactive_function",
    "step_refused",
    "script_unfinished",
    "invalid_verb"
  ),
  function: Schema.optional(Schema.String),
  status: Schema.optional(Schema.Number),
  detail: Schema.String
})

/** The AI session ended: who or what ended it, and what the call does next. */
export const AiEnded = Schema.TaggedStruct("AiEnded", {
  ...at,
  reason: Schema.Literal("caller_hangup", "ai_hangup", "transfer", "stop", "error"),
  next: Schema.Literal("continue", "hangup", "transfer")
})

/** Every entry kind of a scripted `ai` verb. */
export const AiEntry = Schema.Union(
  AiStarted,
  CallerSaid,
  AiSaid,
  SwaigRequest,
  SwaigReply,
  DataMapRun,
  NativeCalled,
  ActionApplied,
  GlobalDataChanged,
  StepChanged,
  SwmlActionVerb,
  IncludeFetched,
  McpDiscovered,
  McpCalled,
  GatherQuestion,
  GatherAnswer,
  GatherCompleted,
  PostPromptSent,
  AssertionResult,
  AiFailure,
  AiEnded
)

export type AiEntry = typeof AiEntry.Type

/** An entry as the engine writes it; the time (`at`) is added when it is appended. */
export type AiEntryInput = AiEntry extends infer E ? E extends unknown ? Omit<E, "at"> : never : never

/** Is this entry one of the `ai` verb's? */
export const isAiEntry: (entry: unknown) => entry is AiEntry = Schema.is(AiEntry)

const json = (u: unknown) => JSON.stringify(u)

/** One readable line for an entry of the `ai` verb. */
export const format = (e: AiEntry): string => {
  switch (e._tag) {
    case "AiStarted":
      return `ai started: tools [${[...e.functions, ...e.nativeFunctions].join(", ")}]${e.context === undefined ? "" : ` in ${e.context}/${e.step ?? ""}`}`
    case "CallerSaid":
      return `${e.simulated ? "caller (simulated)" : "caller"}: ${e.text}`
    case "AiSaid":
      return `ai (${e.source}): ${e.text}`
    case "SwaigRequest":
      return `-> ${e.function}(${json((e.body["argument"] as { parsed?: Array<unknown> } | undefined)?.parsed?.[0] ?? {})}) at ${e.url}`
    case "SwaigReply":
      return `<- ${e.function} ${e.status} ${json(e.reply)}`
    case "DataMapRun":
      return `data_map ${e.function} answered by ${e.answeredBy}: ${json(e.reply)}`
    case "NativeCalled":
      return `native ${e.function}: ${e.result}`
    case "ActionApplied":
      return `  action ${e.action}${e.applied ? "" : " (not applied)"}: ${json(e.value)}${e.note === undefined ? "" : ` — ${e.note}`}`
    case "GlobalDataChanged":
      return `  global_data = ${json(e.globalData)}`
    case "StepChanged":
      return `  step ${e.context}/${e.step} (${e.via})`
    case "SwmlActionVerb":
      return `  SWML ${e.verb}: ${json(e.config)}`
    case "IncludeFetched":
      return `includes ${e.url}: ${e.error === undefined ? `registered [${e.registered.join(", ")}]` : `FAILED: ${e.error}`}`
    case "McpDiscovered":
      return `mcp ${e.url}: ${e.error === undefined ? `tools [${e.tools.join(", ")}]` : `FAILED: ${e.error}`}`
    case "McpCalled":
      return `-> mcp ${e.function}(${json(e.args)}) at ${e.url}: ${e.isError ? "ERROR " : ""}${e.result}`
    case "GatherQuestion":
      return `  gather ${e.context}/${e.step} question ${e.index + 1} (${e.key}): ${e.question}`
    case "GatherAnswer":
      return `  gather ${e.key} = ${json(e.answer)}${e.accepted ? "" : ` REFUSED: ${e.reason ?? ""}`}`
    case "GatherCompleted":
      return `  gather done in ${e.context}/${e.step}: ${json(e.answers)}${e.next === undefined ? "" : ` -> ${e.next}`}`
    case "PostPromptSent":
      return `post_prompt -> ${e.url} ${e.status ?? ""}${e.error === undefined ? "" : ` FAILED: ${e.error}`}`
    case "AssertionResult":
      return `${e.passed ? "ok" : "ASSERTION FAILED"} turn ${e.turn}: ${e.on} ~ ${e.expected}${e.passed ? "" : ` (was: ${json(e.actual)})`}`
    case "AiFailure":
      return `FAILURE ${e.reason}${e.function === undefined ? "" : ` (${e.function})`}: ${e.detail}`
    case "AiEnded":
      return `ai ended (${e.reason}) -> ${e.next}`
  }
}
