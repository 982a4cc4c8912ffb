/**
 * The parts of the `ai` verb that hold no instructions: prompts and POM, contexts and steps,
 * languages, hints, pronunciations, the 99 `params`, and the leaf parts of `SWAIG`.
 */
import * as Schema from "effect/Schema"
import {
  boolVar,
  Fillers,
  Int,
  intVar,
  JsonObject,
  JsonValue,
  Num,
  numVar,
  oneOrMany,
  opt,
  Str,
  StringRecord,
  SwmlVar
} from "./primitives.js"

/** One POM section. Either `body` or `bullets` is present (the platform requires one of them). */
export type PomSection = PomSectionBase & (
  | { readonly body: string; readonly bullets?: readonly [string, ...Array<string>] }
  | { readonly body?: string; readonly bullets: readonly [string, ...Array<string>] }
)

interface PomSectionBase {
  readonly title?: string
  readonly subsections?: readonly [PomSection, ...Array<PomSection>]
  readonly numbered?: boolean | string
  readonly numberedBullets?: boolean | string
}

const PomRef = Schema.suspend((): Schema.Schema<PomSection> => PomSection)
const pomFields = {
  title: opt(Schema.String.pipe(Schema.minLength(1))),
  subsections: opt(Schema.NonEmptyArray(PomRef)),
  numbered: opt(boolVar),
  numberedBullets: opt(boolVar)
}

export const PomSection: Schema.Schema<PomSection> = Schema.Union(
  Schema.Struct({ ...pomFields, body: Str, bullets: opt(Schema.NonEmptyArray(Str)) }),
  Schema.Struct({ ...pomFields, body: opt(Str), bullets: Schema.NonEmptyArray(Str) })
).annotations({ identifier: "PomSection" })

export const Pom = Schema.NonEmptyArray(PomSection)

/** LLM knobs shared by `prompt` and `post_prompt`. */
export const llmFields = {
  max_tokens: opt(Int.pipe(Schema.between(0, 4096))),
  temperature: opt(numVar({ min: 0, max: 1.5 })),
  top_p: opt(numVar({ min: 0, max: 1 })),
  confidence: opt(numVar({ min: 0, max: 1 })),
  presence_penalty: opt(numVar({ min: -2, max: 2 })),
  frequency_penalty: opt(numVar({ min: -2, max: 2 }))
}

/**
 * One question of a step's gather mode: the answer is submitted with the platform's internal
 * `gather_submit` and stored in `global_data` (under `output_key` when set).
 */
export const GatherQuestion = Schema.Struct({
  key: Schema.String.pipe(Schema.pattern(/^[A-Za-z_][A-Za-z0-9_]*$/)),
  question: Str,
  type: opt(Schema.Literal("string", "integer", "number", "boolean")),
  confirm: opt(Schema.Boolean),
  prompt: opt(Str),
  functions: opt(Schema.Array(Str))
}).annotations({ identifier: "GatherQuestion" })

/**
 * A step's gather mode (`gather_info`): questions asked one at a time before the step's own
 * instructions. SignalWire's SDKs emit it and its platform runs it; the published SWML JSON
 * Schema does not list it yet.
 */
export const GatherInfo = Schema.Struct({
  questions: Schema.NonEmptyArray(GatherQuestion),
  prompt: opt(Str),
  output_key: opt(Str),
  completion_action: opt(Str)
}).annotations({ identifier: "GatherInfo" })

const stepFields = {
  name: Schema.String.pipe(Schema.pattern(/^(?!next$).*$/)),
  gather_info: opt(GatherInfo),
  step_criteria: opt(Str),
  functions: opt(Schema.Array(Str)),
  valid_contexts: opt(Schema.Array(Str)),
  skip_user_turn: opt(boolVar),
  end: opt(Schema.Boolean),
  valid_steps: opt(Schema.Array(Str))
}

export const Step = Schema.Union(
  Schema.Struct({ ...stepFields, text: Str }),
  Schema.Struct({ ...stepFields, pom: Schema.Array(PomSection) })
).annotations({ identifier: "Step" })

const contextFields = {
  steps: Schema.Array(Step),
  isolated: opt(Schema.Boolean),
  enter_fillers: opt(Fillers),
  exit_fillers: opt(Fillers)
}

export const Context = Schema.Union(
  Schema.Struct({ ...contextFields, text: opt(Str) }),
  Schema.Struct({ ...contextFields, pom: opt(Pom) })
).annotations({ identifier: "Context" })

/** `prompt.contexts`: `default` is required, any other key names another context. */
export const Contexts = Schema.Struct(
  { default: Context },
  Schema.Record({ key: Schema.String, value: Context })
)

export const Prompt = Schema.Union(
  Schema.Struct({ ...llmFields, text: Str, contexts: opt(Contexts) }),
  Schema.Struct({ ...llmFields, pom: Pom, contexts: opt(Contexts) })
)

export const PostPrompt = Schema.Union(
  Schema.Struct({ ...llmFields, text: Str }),
  Schema.Struct({ ...llmFields, pom: Pom })
)

export const Pronounce = Schema.Struct({ replace: Str, with: Str, ignore_case: opt(boolVar) })

export const Hint = Schema.Union(
  Str,
  Schema.Struct({ hint: Str, pattern: Str, replace: Str, ignore_case: opt(boolVar) })
)

export const LanguageParams = Schema.Struct({
  stability: opt(numVar({ min: 0, max: 1 })),
  similarity: opt(numVar({ min: 0, max: 1 })),
  speakingRate: opt(numVar({ min: 0.5, max: 1.5 })),
  temperature: opt(numVar({ min: 0, max: 2 })),
  speed: opt(numVar({ min: 0.5, max: 2 })),
  vol: opt(numVar({ min: 0.1, max: 1 })),
  pitch: opt(intVar({ min: -12, max: 12 })),
  emotion: opt(Schema.Literal("happy", "sad", "angry", "fearful", "disgusted", "surprised", "neutral"))
})

export const Language = Schema.Struct({
  name: Str,
  code: Schema.Union(Str, Schema.Array(Str).pipe(Schema.maxItems(3))),
  listen_language: opt(oneOrMany(Str)),
  voice: Str,
  model: opt(Str),
  auto_emotion: opt(Schema.Boolean),
  auto_speed: opt(Schema.Boolean),
  engine: opt(Str),
  params: opt(LanguageParams),
  fillers: opt(Schema.Array(Str)),
  function_fillers: opt(Schema.Array(Str)),
  speech_fillers: opt(Schema.Array(Str)),
  turn_fillers: opt(Schema.Array(Str)),
  pronounce: opt(Schema.Array(Pronounce))
})

const listOrFillers = Schema.Union(Schema.Array(Str), Fillers)

export const Multilingual = Schema.Struct({
  languages: Schema.Array(Schema.Struct({
    language: Str,
    voice: opt(Str),
    model: opt(Str),
    engine: opt(Str),
    params: opt(LanguageParams)
  })),
  allowed: opt(Schema.Array(Str)),
  engine: opt(Str),
  model: opt(Str),
  provider: opt(Str),
  start_language: opt(Str),
  min_switch_words: opt(Int.pipe(Schema.greaterThanOrEqualTo(1))),
  fillers: opt(listOrFillers),
  function_fillers: opt(listOrFillers),
  turn_fillers: opt(listOrFillers)
})

const Model = Str
const b = opt(boolVar)
const i = (min?: number, max?: number) =>
  opt(intVar({ ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) }))
const s = opt(Str)

/** The 99 documented `ai.params` keys; other keys pass through untouched. */
export const paramsFields = {
  acknowledge_interruptions: b,
  ai_model: opt(Model),
  ai_name: s,
  ai_volume: i(-50, 50),
  app_name: s,
  asr_smart_format: b,
  attention_timeout: opt(Schema.Union(Int.pipe(Schema.between(10000, 600000)), Schema.Literal(0), SwmlVar)),
  attention_timeout_prompt: s,
  asr_diarize: b,
  asr_speaker_affinity: b,
  audible_debug: b,
  audible_latency: b,
  background_file: s,
  background_file_loops: opt(Schema.Union(intVar(), Schema.Null)),
  background_file_volume: i(-50, 50),
  enable_barge: opt(Schema.Union(Str, Schema.Boolean)),
  enable_inner_dialog: b,
  enable_pause: b,
  enable_turn_detection: b,
  barge_match_string: s,
  barge_min_words: i(1, 99),
  barge_functions: b,
  cache_mode: b,
  conscience: s,
  convo: opt(Schema.Array(Schema.Struct({
    role: Schema.Literal("user", "assistant", "system"),
    content: Str,
    lang: opt(Str)
  }))),
  conversation_id: s,
  conversation_sliding_window: i(),
  debug_webhook_level: i(0, 2),
  debug_webhook_url: s,
  debug: opt(Schema.Union(Schema.Boolean, intVar())),
  direction: opt(Schema.Union(Schema.Literal("inbound", "outbound"), SwmlVar)),
  digit_terminators: s,
  digit_timeout: i(0, 30000),
  end_of_speech_timeout: i(250, 10000),
  enable_accounting: b,
  enable_thinking: b,
  enable_text_normalization: opt(
    Schema.Union(Schema.Literal("heard", "spoken", "both", "true", "on", "false", "off", "none"), SwmlVar)
  ),
  auto_correct: b,
  redact_prompt: s,
  enable_vision: b,
  energy_level: opt(numVar({ min: 0, max: 100 })),
  first_word_timeout: i(0, 10000),
  function_wait_for_talking: b,
  functions_on_no_response: b,
  hard_stop_prompt: s,
  hard_stop_time: opt(Schema.String.pipe(Schema.pattern(/^((\d+h)?(\d+m)?(\d+s)?|[$%]\{.*\})$/))),
  hold_music: s,
  hold_on_process: b,
  inactivity_timeout: i(10000, 3600000),
  inner_dialog_model: opt(Model),
  inner_dialog_prompt: s,
  inner_dialog_synced: b,
  initial_sleep_ms: i(0, 300000),
  input_poll_freq: i(1000, 10000),
  interrupt_on_noise: b,
  interrupt_prompt: s,
  languages_enabled: b,
  local_tz: s,
  llm_diarize_aware: b,
  max_emotion: i(1, 30),
  max_response_tokens: i(1, 16384),
  openai_asr_engine: s,
  outbound_attention_timeout: i(10000, 600000),
  persist_global_data: b,
  pom_format: opt(Schema.Literal("markdown", "xml")),
  save_conversation: b,
  speech_event_timeout: i(0, 10000),
  speech_gen_quick_stops: i(0, 10),
  speech_timeout: i(0, 600000),
  speak_when_spoken_to: b,
  start_paused: b,
  static_greeting: s,
  static_greeting_no_barge: b,
  summary_mode: opt(Schema.Union(Schema.Literal("string", "original"), SwmlVar)),
  swaig_allow_settings: b,
  swaig_allow_swml: b,
  swaig_post_conversation: b,
  swaig_set_global_data: b,
  swaig_post_swml_vars: opt(Schema.Union(boolVar, Schema.Array(Str))),
  thinking_model: opt(Model),
  utility_model: opt(Model),
  transparent_barge: b,
  transparent_barge_max_time: i(0, 60000),
  transfer_summary: b,
  turn_detection_timeout: i(0, 10000),
  turn_filler_sources: s,
  turn_filler_every_n: i(1),
  turn_filler_min_ms: i(0),
  tts_number_format: opt(Schema.Literal("international", "national")),
  verbose_logs: b,
  video_listening_file: s,
  video_idle_file: s,
  video_talking_file: s,
  vision_model: opt(Model),
  vad_config: s,
  wait_for_user: b,
  wake_prefix: s,
  eleven_labs_stability: opt(numVar({ min: 0, max: 1 })),
  eleven_labs_similarity: opt(numVar({ min: 0, max: 1 }))
}

export const Params = Schema.Struct(paramsFields, Schema.Record({ key: Schema.String, value: JsonValue }))

/** A JSON Schema property the platform understands in a tool's `parameters`. */
export type ParameterSchema =
  | {
    readonly type: "string"
    readonly description?: string
    readonly nullable?: boolean | string
    readonly enum?: ReadonlyArray<string>
    readonly default?: string
    readonly pattern?: string
    readonly format?: StringFormat
  }
  | {
    readonly type: "integer"
    readonly description?: string
    readonly nullable?: boolean | string
    readonly enum?: ReadonlyArray<number>
    readonly default?: number | string
  }
  | {
    readonly type: "number"
    readonly description?: string
    readonly nullable?: boolean | string
    readonly enum?: ReadonlyArray<number> | ReadonlyArray<string>
    readonly default?: number | string
  }
  | {
    readonly type: "boolean"
    readonly description?: string
    readonly nullable?: boolean | string
    readonly default?: boolean | string
  }
  | {
    readonly type: "array"
    readonly description?: string
    readonly nullable?: boolean | string
    readonly default?: ReadonlyArray<unknown>
    readonly items: ParameterSchema
  }
  | {
    readonly type: "object"
    readonly description?: string
    readonly nullable?: boolean | string
    readonly default?: { readonly [key: string]: unknown }
    readonly properties?: { readonly [name: string]: ParameterSchema }
    readonly required?: ReadonlyArray<string>
  }
  | { readonly type: "null"; readonly description: string }
  | { readonly oneOf: ReadonlyArray<ParameterSchema> }
  | { readonly allOf: ReadonlyArray<ParameterSchema> }
  | { readonly anyOf: ReadonlyArray<ParameterSchema> }
  | { readonly const: unknown }

const StringFormat = Schema.Literal(
  "date_time",
  "time",
  "date",
  "duration",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uri",
  "uuid"
)
type StringFormat = typeof StringFormat.Type

const ParamRef = Schema.suspend((): Schema.Schema<ParameterSchema> => ParameterSchema)
const propertyFields = { description: opt(Str), nullable: opt(boolVar) }
const ParamProperties = Schema.Record({ key: Schema.String, value: ParamRef })

export const ParameterSchema: Schema.Schema<ParameterSchema> = Schema.Union(
  Schema.Struct({
    ...propertyFields,
    type: Schema.Literal("string"),
    enum: opt(Schema.Array(Str)),
    default: opt(Str),
    pattern: opt(Str),
    format: opt(StringFormat)
  }),
  Schema.Struct({
    ...propertyFields,
    type: Schema.Literal("integer"),
    enum: opt(Schema.Array(Int)),
    default: opt(intVar())
  }),
  Schema.Struct({
    ...propertyFields,
    type: Schema.Literal("number"),
    enum: opt(Schema.Union(Schema.Array(Num), Schema.Array(SwmlVar))),
    default: opt(numVar())
  }),
  Schema.Struct({ ...propertyFields, type: Schema.Literal("boolean"), default: opt(boolVar) }),
  Schema.Struct({
    ...propertyFields,
    type: Schema.Literal("array"),
    default: opt(Schema.Array(JsonValue)),
    items: ParamRef
  }),
  Schema.Struct({
    ...propertyFields,
    type: Schema.Literal("object"),
    default: opt(JsonObject),
    properties: opt(ParamProperties),
    required: opt(Schema.Array(Str))
  }),
  Schema.Struct({ type: Schema.Literal("null"), description: Str }),
  Schema.Struct({ oneOf: Schema.Array(ParamRef) }),
  Schema.Struct({ allOf: Schema.Array(ParamRef) }),
  Schema.Struct({ anyOf: Schema.Array(ParamRef) }),
  Schema.Struct({ const: JsonValue })
).annotations({ identifier: "ParameterSchema" })

/** A tool's `parameters`: always an object schema. */
export const FunctionParameters = Schema.Struct({
  type: Schema.Literal("object"),
  properties: ParamProperties,
  required: opt(Schema.Array(Str))
})

/** The fields of a SWAIG function definition, besides `data_map` (which holds tool replies). */
export const swaigFunctionFields = {
  function: Str,
  description: Str,
  purpose: opt(Str),
  parameters: opt(FunctionParameters),
  argument: opt(FunctionParameters),
  fillers: opt(Fillers),
  active: opt(boolVar),
  meta_data: opt(JsonObject),
  meta_data_token: opt(Str),
  skip_fillers: opt(boolVar),
  web_hook_url: opt(Str),
  wait_file: opt(Str),
  wait_file_loops: opt(Schema.Union(Int, Str)),
  wait_for_fillers: opt(boolVar)
}

export const McpServer = Schema.Struct({
  url: Str,
  headers: opt(StringRecord),
  resources: opt(boolVar),
  resource_vars: opt(StringRecord)
})

export const NativeFunction = Schema.Literal("check_time", "wait_seconds", "wait_for_user", "adjust_response_latency")

export const Include = Schema.Struct({
  url: Str,
  functions: Schema.Array(Str),
  meta_data: opt(JsonObject),
  auth_user: opt(Str),
  auth_password: opt(Str)
})

export const InternalFillers = Schema.Struct({
  check_time: opt(Fillers),
  wait_for_user: opt(Fillers),
  wait_seconds: opt(Fillers),
  adjust_response_latency: opt(Fillers),
  next_step: opt(Fillers),
  change_context: opt(Fillers),
  get_visual_input: opt(Fillers),
  get_ideal_strategy: opt(Fillers),
  pause_conversation: opt(Fillers)
})

/** The `SWAIG` fields besides `functions`. */
export const swaigFields = {
  defaults: opt(Schema.Struct({ web_hook_url: opt(Str) })),
  mcp_servers: opt(Schema.Array(McpServer)),
  native_functions: opt(Schema.Array(NativeFunction)),
  includes: opt(Schema.Array(Include)),
  internal_fillers: opt(InternalFillers)
}

/** The `ai` fields besides `SWAIG`. */
export const aiFields = {
  prompt: Prompt,
  post_prompt: opt(PostPrompt),
  post_prompt_url: opt(Str),
  params: opt(Params),
  languages: opt(Schema.Array(Language)),
  multilingual: opt(Multilingual),
  hints: opt(Schema.Array(Hint)),
  pronounce: opt(Schema.Array(Pronounce)),
  global_data: opt(JsonObject)
}
