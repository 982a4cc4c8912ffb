/**
 * The two other AI verbs: `ai_sidecar` (a listening assistant beside a call) and the leaf parts of
 * `amazon_bedrock` (an agent backed by Amazon Bedrock; its tools live in `document.ts`).
 */
import * as Schema from "effect/Schema"
import { llmFields, Pom } from "./ai.js"
import { boolVar, Int, intVar, JsonObject, JsonValue, Num, opt, Str, SwmlVar } from "./primitives.js"

const CallerSide = Schema.Literal("remote-caller", "local-caller")

/** A sidecar tool parameter (a smaller JSON Schema subset than the `ai` one). */
export type SidecarParameter =
  | { readonly type: "string"; readonly description?: string; readonly enum?: ReadonlyArray<string>; readonly default?: string }
  | { readonly type: "integer"; readonly description?: string; readonly enum?: ReadonlyArray<number>; readonly default?: number }
  | { readonly type: "number"; readonly description?: string; readonly enum?: ReadonlyArray<number>; readonly default?: number }
  | { readonly type: "boolean"; readonly description?: string; readonly default?: boolean }
  | { readonly type: "array"; readonly description?: string; readonly items: SidecarParameter }
  | {
    readonly type: "object"
    readonly description?: string
    readonly properties?: { readonly [name: string]: SidecarParameter }
    readonly required?: ReadonlyArray<string>
  }

const SidecarParamRef = Schema.suspend((): Schema.Schema<SidecarParameter> => SidecarParameter)
const SidecarProperties = Schema.Record({ key: Schema.String, value: SidecarParamRef })
const d = { description: opt(Str) }

export const SidecarParameter: Schema.Schema<SidecarParameter> = Schema.Union(
  Schema.Struct({ ...d, type: Schema.Literal("string"), enum: opt(Schema.Array(Str)), default: opt(Str) }),
  Schema.Struct({ ...d, type: Schema.Literal("integer"), enum: opt(Schema.Array(Int)), default: opt(Int) }),
  Schema.Struct({ ...d, type: Schema.Literal("number"), enum: opt(Schema.Array(Num)), default: opt(Num) }),
  Schema.Struct({ ...d, type: Schema.Literal("boolean"), default: opt(Schema.Boolean) }),
  Schema.Struct({ ...d, type: Schema.Literal("array"), items: SidecarParamRef }),
  Schema.Struct({
    ...d,
    type: Schema.Literal("object"),
    properties: opt(SidecarProperties),
    required: opt(Schema.Array(Str))
  })
).annotations({ identifier: "SidecarParameter" })

const webhookAuth = { web_hook_url: opt(Str), web_hook_auth_user: opt(Str), web_hook_auth_password: opt(Str) }

const Model = Str

export const AiSidecar = Schema.Struct({
  prompt: opt(Schema.Union(
    Str,
    Schema.Struct({ text: Str }),
    Schema.Struct({ pom: Pom }),
    Schema.Struct({ file: Str })
  )),
  lang: Schema.String.pipe(Schema.minLength(1)),
  model: opt(Model),
  direction: opt(Schema.Array(CallerSide)),
  customer_role: opt(CallerSide),
  url: opt(Str),
  SWAIG: opt(Schema.Struct({
    defaults: opt(Schema.Struct(webhookAuth)),
    functions: opt(Schema.Array(Schema.Struct({
      function: Str,
      description: opt(Str),
      purpose: opt(Str),
      parameters: opt(Schema.Struct({
        type: Schema.Literal("object"),
        properties: SidecarProperties,
        required: opt(Schema.Array(Str))
      })),
      ...webhookAuth
    }))),
    mcp_servers: opt(Schema.Array(Schema.Struct({
      url: Str,
      headers: opt(Schema.Record({ key: Schema.String, value: Schema.String })),
      resources: opt(boolVar),
      resource_vars: opt(Schema.Record({ key: Schema.String, value: Schema.String }))
    })))
  })),
  permissions: opt(Schema.Struct({
    swaig_allow_swml: opt(boolVar),
    swaig_allow_settings: opt(boolVar),
    swaig_set_global_data: opt(boolVar)
  })),
  global_data: opt(JsonObject),
  hints: opt(Schema.NonEmptyArray(Str)),
  params: opt(Schema.Struct({
    idle_timeout_ms: opt(intVar({ min: 50, max: 5000 })),
    min_interval_ms: opt(intVar({ min: 0, max: 60000 })),
    max_iters_per_tick: opt(intVar({ min: 1, max: 20 })),
    max_history_tokens: opt(intVar({ min: 1000, max: 200000 })),
    act_on_channel: opt(boolVar),
    final_summary: opt(boolVar),
    ai_summary: opt(boolVar),
    ai_summary_prompt: opt(Str),
    summary_model: opt(Model),
    live_events: opt(boolVar),
    verbose_utterances: opt(boolVar),
    speech_engine: opt(Schema.Literal("deepgram", "google")),
    speech_timeout: opt(intVar({ min: 0, max: 600000 })),
    vad_silence_ms: opt(intVar({ min: 0, max: 60000 })),
    vad_thresh: opt(intVar({ min: 0, max: 10000 })),
    debug_level: opt(intVar({ min: 0, max: 100 })),
    debug: opt(boolVar),
    transcribe_prompt: opt(Str)
  })),
  action: opt(Schema.Struct({ summarize: Schema.Struct({ webhook: opt(Str), prompt: opt(Str) }) }))
})

const voiceId = { voice_id: opt(Schema.Literal("tiffany", "matthew", "amy", "lupe", "carlos")) }

export const BedrockPrompt = Schema.Union(
  Schema.Struct({ ...voiceId, ...llmFields, text: Str }),
  Schema.Struct({ ...voiceId, ...llmFields, pom: Pom })
)

export const BedrockPostPrompt = Schema.Union(
  Schema.Struct({ ...llmFields, text: Str }),
  Schema.Struct({ ...llmFields, pom: Pom })
)

export const BedrockParams = Schema.Struct({
  attention_timeout: opt(Schema.Union(Int.pipe(Schema.between(10000, 600000)), Schema.Literal(0), SwmlVar)),
  hard_stop_time: opt(Schema.String.pipe(Schema.pattern(/^((\d+h)?(\d+m)?(\d+s)?|[$%]\{.*\})$/))),
  inactivity_timeout: opt(intVar({ min: 10000, max: 3600000 })),
  video_listening_file: opt(Str),
  video_idle_file: opt(Str),
  video_talking_file: opt(Str),
  hard_stop_prompt: opt(Str)
}, Schema.Record({ key: Schema.String, value: JsonValue }))
