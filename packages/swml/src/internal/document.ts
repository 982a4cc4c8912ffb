/**
 * The calling SWML document: every verb that holds other instructions or documents, the
 * instruction union (43 verbs) and the document itself. The recursion goes through two
 * suspended references, `InstructionRef` and `DocumentRef`, so this is the one module that ties
 * the knot; the leaf verbs and the `ai` pieces come from the modules it imports.
 */
import * as Schema from "effect/Schema"
import * as A from "./ai.js"
import { boolVar, EmptyObject, intVar, JsonObject, oneKeyOf, oneOrMany, opt, Str } from "./primitives.js"
import * as S from "./sidecar.js"
import * as V from "./verbs.js"

/** A SWML document: `sections.main` runs first; other sections are reached by name. */
export interface Document {
  readonly version?: "1.0.0"
  readonly sections: Sections
}

/** Named lists of instructions; `main` is required. */
export interface Sections {
  readonly main: ReadonlyArray<Instruction>
  readonly [name: string]: ReadonlyArray<Instruction>
}

/** One instruction: a single-key object `{ <verb>: <config> }`. */
export type Instruction = { [K in keyof Verbs]: { readonly [P in K]: Verbs[K] } }[keyof Verbs]

/** The configuration type of each of the 43 calling verbs. */
export interface Verbs {
  readonly answer: typeof V.Answer.Type
  readonly ai: typeof Ai.Type
  readonly ai_sidecar: typeof S.AiSidecar.Type
  readonly amazon_bedrock: typeof AmazonBedrock.Type
  readonly cond: typeof Cond.Type
  readonly connect: typeof Connect.Type
  readonly denoise: typeof V.Empty.Type
  readonly detect_machine: typeof V.DetectMachine.Type
  readonly enter_queue: typeof V.EnterQueue.Type
  readonly execute: typeof Execute.Type
  readonly goto: typeof V.Goto.Type
  readonly hangup: typeof V.Hangup.Type
  readonly join_conference: typeof JoinConference.Type
  readonly join_room: typeof V.JoinRoom.Type
  readonly label: typeof V.Label.Type
  readonly live_transcribe: typeof V.LiveTranscribe.Type
  readonly live_translate: typeof V.LiveTranslate.Type
  readonly pay: typeof V.Pay.Type
  readonly play: typeof V.Play.Type
  readonly prompt: typeof V.Prompt.Type
  readonly receive_fax: typeof V.StatusUrlOnly.Type
  readonly record: typeof V.RecordVerb.Type
  readonly record_call: typeof V.RecordCall.Type
  readonly request: typeof V.Request.Type
  readonly return: typeof V.Return.Type
  readonly send_digits: typeof V.SendDigits.Type
  readonly send_fax: typeof V.SendFax.Type
  readonly send_sms: typeof V.SendSms.Type
  readonly set: typeof V.SetVerb.Type
  readonly sip_refer: typeof V.SipRefer.Type
  readonly sleep: typeof V.Sleep.Type
  readonly stop_denoise: typeof V.Empty.Type
  readonly stop_record_call: typeof V.ControlIdOnly.Type
  readonly stop_stream: typeof V.ControlIdOnly.Type
  readonly stop_tap: typeof V.ControlIdOnly.Type
  readonly stream: typeof V.Stream.Type
  readonly switch: typeof Switch.Type
  readonly tap: typeof V.Tap.Type
  readonly transcribe: typeof V.StatusUrlOnly.Type
  readonly transcribe_stop: typeof V.Empty.Type
  readonly transfer: typeof V.Transfer.Type
  readonly unset: typeof V.Unset.Type
  readonly user_event: typeof V.UserEvent.Type
}

const InstructionRef = Schema.suspend((): Schema.Schema<Instruction> => Instruction)
const DocumentRef = Schema.suspend((): Schema.Schema<Document> => Document)
const Instructions = Schema.Array(InstructionRef)

export const Cond = Schema.Array(Schema.Union(
  Schema.Struct({ when: Str, then: Instructions, else: opt(Instructions) }),
  Schema.Struct({ else: Instructions })
))

const switchFields = { variable: Str, case: Schema.Record({ key: Schema.String, value: Instructions }), default: opt(Instructions) }

export const Switch = Schema.Struct(switchFields)

/** `result` of `execute` and `connect`: a switch on the verb's result variable, or a `cond` list. */
const Result = Schema.Union(Schema.Struct({ ...switchFields, variable: opt(Str) }), Cond)

export const Execute = Schema.Struct({
  dest: Str,
  params: opt(JsonObject),
  meta: opt(JsonObject),
  on_return: opt(Instructions),
  result: opt(Result)
})

export const JoinConference = Schema.Struct({
  ...V.joinConferenceFields,
  result: opt(Schema.Union(Switch, Cond))
})

/** The verbs a `connect.confirm` list may use. */
const confirmVerbs = {
  cond: Cond,
  set: V.SetVerb,
  unset: V.Unset,
  hangup: V.Hangup,
  play: V.Play,
  prompt: V.Prompt,
  record: V.RecordVerb,
  record_call: V.RecordCall,
  stop_record_call: V.ControlIdOnly,
  tap: V.Tap,
  stop_tap: V.ControlIdOnly,
  stream: V.Stream,
  stop_stream: V.ControlIdOnly,
  send_digits: V.SendDigits,
  send_sms: V.SendSms,
  denoise: V.Empty,
  stop_denoise: V.Empty
}
type ConfirmVerbs = { readonly [K in keyof typeof confirmVerbs]: Verbs[K] }
type ConfirmInstruction = { [K in keyof ConfirmVerbs]: { readonly [P in K]: ConfirmVerbs[K] } }[keyof ConfirmVerbs]

const optional = (schemas: { readonly [key: string]: Schema.Schema.Any }): Schema.Struct.Fields =>
  Object.fromEntries(Object.entries(schemas).map(([key, schema]) => [key, opt(schema)]))

const Confirm = Schema.Union(
  Str,
  Schema.Array(oneKeyOf<ConfirmInstruction>(optional(confirmVerbs), { identifier: "ConfirmInstruction" }))
)

const Destination = Schema.Struct({ ...V.destinationFields, confirm: opt(Confirm) })
const connectFields = { ...V.connectCommonFields, result: opt(Result), confirm: opt(Confirm) }

export const Connect = Schema.Union(
  Schema.Struct({ ...connectFields, ...V.destinationFields }),
  Schema.Struct({ ...connectFields, serial: Schema.Array(Destination) }),
  Schema.Struct({ ...connectFields, parallel: Schema.Array(Destination) }),
  Schema.Struct({ ...connectFields, serial_parallel: Schema.Array(Schema.Array(Destination)) })
)

/** The actions a `data_map` output may carry (a subset of what a webhook reply may carry). */
export const dataMapActionFields = {
  SWML: DocumentRef,
  transfer: boolVar,
  change_context: Str,
  change_step: Str,
  context_switch: Schema.Struct({ system_prompt: Str, consolidate: opt(boolVar), user_prompt: opt(Str) }),
  hangup: boolVar,
  hold: Schema.Union(intVar({ max: 900 }), Schema.Struct({ timeout: opt(intVar({ max: 900 })) })),
  playback_bg: Schema.Struct({ file: Str, wait: opt(boolVar) }),
  say: Str,
  set_global_data: JsonObject,
  set_meta_data: JsonObject,
  stop: boolVar,
  stop_playback_bg: boolVar,
  toggle_functions: Schema.Array(Schema.Struct({ active: boolVar, function: oneOrMany(Str) })),
  unset_global_data: Schema.Union(Str, EmptyObject),
  unset_meta_data: Schema.Union(Str, EmptyObject),
  user_input: Str
}

type DataMapActions = { readonly [K in keyof typeof dataMapActionFields]: Schema.Schema.Type<(typeof dataMapActionFields)[K]> }
/** One `data_map` output action; `SWML` may carry a sibling `transfer`. */
export type DataMapAction =
  | { [K in Exclude<keyof DataMapActions, "SWML" | "transfer">]: { readonly [P in K]: DataMapActions[K] } }[Exclude<
    keyof DataMapActions,
    "SWML" | "transfer"
  >]
  | { readonly SWML: Document; readonly transfer?: boolean | string }

/** `SWML` alone or with `transfer`; any other action alone. */
export const swmlPairRule = (keys: ReadonlyArray<string>, transferAlone: boolean) =>
  keys.length === 1
    ? transferAlone || keys[0] !== "transfer"
    : keys.length === 2 && keys.includes("SWML") && keys.includes("transfer")

export const swmlPairJsonSchema = (transferAlone: boolean) => ({
  allOf: [{
    anyOf: [
      transferAlone
        ? { type: "object", minProperties: 1, maxProperties: 1 }
        : { type: "object", minProperties: 1, maxProperties: 1, propertyNames: { not: { const: "transfer" } } },
      { type: "object", properties: { SWML: true, transfer: true }, required: ["SWML", "transfer"], maxProperties: 2 }
    ]
  }]
})

export const DataMapAction = oneKeyOf<DataMapAction>(optional(dataMapActionFields), {
  identifier: "DataMapAction",
  allows: (keys) => swmlPairRule(keys, false),
  jsonSchema: swmlPairJsonSchema(false)
})

export const ToolResponse = Schema.Union(Str, Schema.Struct({ tool_result: opt(Str), tool_prompt: opt(Str) }))

export const Output = Schema.Struct({
  response: opt(ToolResponse),
  action: opt(oneOrMany(DataMapAction)),
  post_process: opt(Schema.Boolean)
})

const Expression = Schema.Struct({ string: Str, pattern: Str, output: Output })

const webhookFields = {
  url: Str,
  method: opt(Schema.Literal("GET", "POST", "PUT", "DELETE")),
  headers: opt(JsonObject),
  params: opt(JsonObject),
  input_args_as_params: opt(boolVar),
  require_args: opt(oneOrMany(Str)),
  foreach: opt(Schema.Struct({ input_key: Str, output_key: Str, append: Str, max: opt(intVar()) })),
  error_keys: opt(oneOrMany(Str))
}

export const DataMap = Schema.Struct({
  expressions: opt(Schema.Array(Expression)),
  webhooks: opt(Schema.Array(Schema.Struct({ ...webhookFields, expressions: opt(Schema.Array(Expression)), output: opt(Output) }))),
  output: opt(Output)
}).pipe(Schema.filter((value) => Object.keys(value).length > 0, {
  message: () => "expected at least one of expressions, webhooks, output",
  jsonSchema: { minProperties: 1 }
}))

export const SwaigFunction = Schema.Struct({ ...A.swaigFunctionFields, data_map: opt(DataMap) })

/** A `SWAIG.functions` entry. */
export type SwaigFunctionDefinition = typeof SwaigFunction.Type

export const Swaig = Schema.Struct({ ...A.swaigFields, functions: opt(Schema.Array(SwaigFunction)) })

export const Ai = Schema.Struct({ ...A.aiFields, SWAIG: opt(Swaig) })

const BedrockOutput = Schema.Struct({ response: opt(Str), action: opt(oneOrMany(DataMapAction)) })
const BedrockExpression = Schema.Struct({ string: Str, pattern: Str, output: BedrockOutput })

const BedrockDataMap = Schema.Struct({
  expressions: opt(Schema.Array(BedrockExpression)),
  webhooks: opt(Schema.Array(Schema.Struct({
    ...webhookFields,
    expressions: opt(Schema.Array(BedrockExpression)),
    output: opt(BedrockOutput)
  }))),
  output: opt(BedrockOutput)
})

export const AmazonBedrock = Schema.Struct({
  prompt: S.BedrockPrompt,
  post_prompt: opt(S.BedrockPostPrompt),
  post_prompt_url: opt(Str),
  params: opt(S.BedrockParams),
  global_data: opt(JsonObject),
  SWAIG: opt(Schema.Struct({
    defaults: opt(Schema.Struct({ web_hook_url: opt(Str) })),
    functions: opt(Schema.Array(Schema.Struct({
      function: Str,
      description: Str,
      parameters: opt(A.FunctionParameters),
      active: opt(boolVar),
      meta_data: opt(JsonObject),
      meta_data_token: opt(Str),
      web_hook_url: opt(Str),
      data_map: opt(BedrockDataMap)
    })))
  }))
})

/** Every calling verb's schema, by name. */
export const verbSchemas = {
  answer: V.Answer,
  ai: Ai,
  ai_sidecar: S.AiSidecar,
  amazon_bedrock: AmazonBedrock,
  cond: Cond,
  connect: Connect,
  denoise: V.Empty,
  detect_machine: V.DetectMachine,
  enter_queue: V.EnterQueue,
  execute: Execute,
  goto: V.Goto,
  hangup: V.Hangup,
  join_conference: JoinConference,
  join_room: V.JoinRoom,
  label: V.Label,
  live_transcribe: V.LiveTranscribe,
  live_translate: V.LiveTranslate,
  pay: V.Pay,
  play: V.Play,
  prompt: V.Prompt,
  receive_fax: V.StatusUrlOnly,
  record: V.RecordVerb,
  record_call: V.RecordCall,
  request: V.Request,
  return: V.Return,
  send_digits: V.SendDigits,
  send_fax: V.SendFax,
  send_sms: V.SendSms,
  set: V.SetVerb,
  sip_refer: V.SipRefer,
  sleep: V.Sleep,
  stop_denoise: V.Empty,
  stop_record_call: V.ControlIdOnly,
  stop_stream: V.ControlIdOnly,
  stop_tap: V.ControlIdOnly,
  stream: V.Stream,
  switch: Switch,
  tap: V.Tap,
  transcribe: V.StatusUrlOnly,
  transcribe_stop: V.Empty,
  transfer: V.Transfer,
  unset: V.Unset,
  user_event: V.UserEvent
} satisfies { readonly [K in keyof Verbs]: Schema.Schema<Verbs[K]> }

/** The schema of each verb, typed by verb name. */
export const verbSchemaOf = <K extends keyof Verbs>(name: K): Schema.Schema<Verbs[K]> => {
  const table: { readonly [P in keyof Verbs]: Schema.Schema<Verbs[P]> } = verbSchemas
  return table[name]
}

export const instructionFields = optional(verbSchemas)

export const Instruction: Schema.Schema<Instruction> = oneKeyOf<Instruction>(instructionFields, {
  identifier: "Instruction"
})

/** Sections of any instruction schema. */
export const sectionsOf = <I>(instruction: Schema.Schema<I>) =>
  Schema.Struct({ main: Schema.Array(instruction) }, Schema.Record({ key: Schema.String, value: Schema.Array(instruction) }))

export const Document: Schema.Schema<Document> = Schema.Struct({
  version: opt(Schema.Literal("1.0.0")),
  sections: sectionsOf(Instruction)
}).annotations({ identifier: "Document" })
