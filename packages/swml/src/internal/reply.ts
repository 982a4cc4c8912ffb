/**
 * The reply to a SWAIG tool call: `{ response?, action?, post_process? }`. Its actions are the
 * wire-level action keys the platform understands; an `SWML` action carries a document, which in
 * a reply may also use `execute_rpc` (the RPC helpers' verb, which the document schema does not
 * list).
 */
import * as Schema from "effect/Schema"
import * as D from "./document.js"
import { boolVar, EmptyObject, Int, JsonObject, oneKeyOf, oneOrMany, opt, Str } from "./primitives.js"

/** `execute_rpc`: run a RELAY method on a call (this one or another), from a reply's SWML. */
export const ExecuteRpc = Schema.Struct({
  method: Str,
  call_id: opt(Str),
  node_id: opt(Str),
  params: opt(JsonObject)
})

/** An instruction of a reply's SWML: any calling verb, or `execute_rpc`. */
export type ReplyInstruction = D.Instruction | { readonly execute_rpc: typeof ExecuteRpc.Type }

export const ReplyInstruction = oneKeyOf<ReplyInstruction>(
  { ...D.instructionFields, execute_rpc: opt(ExecuteRpc) },
  { identifier: "ReplyInstruction" }
)

/** The document an `SWML` reply action carries. */
export interface ReplyDocument {
  readonly version?: "1.0.0"
  readonly sections: {
    readonly main: ReadonlyArray<ReplyInstruction>
    readonly [name: string]: ReadonlyArray<ReplyInstruction>
  }
}

export const ReplyDocument: Schema.Schema<ReplyDocument> = Schema.Struct({
  version: opt(Schema.Literal("1.0.0")),
  sections: D.sectionsOf(ReplyInstruction)
}).annotations({ identifier: "ReplyDocument" })

const DynamicHint = Schema.Union(
  Str,
  Schema.Struct({ hint: opt(Str), pattern: Str, replace: Str, ignore_case: opt(boolVar) })
)

export const toolActionFields = {
  ...D.dataMapActionFields,
  SWML: ReplyDocument,
  transfer: Schema.Union(boolVar, Schema.Struct({ dest: Str, summarize: opt(Schema.Boolean) })),
  unset_global_data: Schema.Union(Str, Schema.Array(Str), EmptyObject),
  unset_meta_data: Schema.Union(Str, Schema.Array(Str), EmptyObject),
  wait_for_user: Schema.Union(Schema.Boolean, Int, Schema.Literal("answer_first")),
  add_dynamic_hints: Schema.Array(DynamicHint),
  clear_dynamic_hints: EmptyObject,
  end_of_speech_timeout: Int,
  speech_event_timeout: Int,
  functions_on_speaker_timeout: Schema.Boolean,
  extensive_data: Schema.Boolean,
  replace_in_history: Schema.Union(Str, Schema.Boolean),
  settings: JsonObject,
  user_event: JsonObject,
  back_to_back_functions: Schema.Union(Schema.Boolean, Schema.Literal("forever"))
}

type ToolActions = { readonly [K in keyof typeof toolActionFields]: Schema.Schema.Type<(typeof toolActionFields)[K]> }
type Single = Exclude<keyof ToolActions, "SWML">

/** One action of a tool reply; `SWML` may carry a sibling `transfer`. */
export type ToolAction =
  | { [K in Single]: { readonly [P in K]: ToolActions[K] } }[Single]
  | { readonly SWML: ReplyDocument; readonly transfer?: boolean | string }

export const ToolAction = oneKeyOf<ToolAction>(
  Object.fromEntries(Object.entries(toolActionFields).map(([key, schema]) => [key, opt(schema)])),
  {
    identifier: "ToolAction",
    allows: (keys) => D.swmlPairRule(keys, true),
    jsonSchema: D.swmlPairJsonSchema(true)
  }
)

/** The JSON a tool handler answers with. */
export const Reply = Schema.Struct({
  response: opt(D.ToolResponse),
  action: opt(oneOrMany(ToolAction)),
  post_process: opt(Schema.Boolean)
}).annotations({ identifier: "ToolReply" })

export type Reply = typeof Reply.Type
