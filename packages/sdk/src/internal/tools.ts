/**
 * Tools defined the reference's way (a JSON-Schema `parameters` object and a Promise handler),
 * mapped onto the Effect agent: the parameters become an Effect `Schema` (so the document sends
 * what the user wrote, and SignalWire's arguments are validated against it), the handler's
 * result is normalised as the reference does.
 */
import { FunctionResult as Fr } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { FunctionResult } from "../FunctionResult.js"

type Json = { readonly [key: string]: unknown }

const isObject = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)

type AnySchema = Schema.Schema<unknown, unknown>

const describe = (schema: Schema.Schema.AnyNoContext, node: Json): AnySchema => {
  const description = typeof node["description"] === "string" ? node["description"] : undefined
  return (description === undefined ? schema : schema.annotations({ description })) as AnySchema
}

/** An Effect Schema for one JSON-Schema node (string/number/integer/boolean/array/object, enum, anyOf/oneOf). */
export const schemaOf = (node: unknown): AnySchema => {
  if (!isObject(node)) return Schema.Unknown as AnySchema
  const variants = Array.isArray(node["anyOf"]) ? node["anyOf"] : Array.isArray(node["oneOf"]) ? node["oneOf"] : undefined
  if (variants !== undefined && variants.length > 0) {
    return describe(Schema.Union(...variants.map(schemaOf)), node)
  }
  const values = Array.isArray(node["enum"]) ? node["enum"] : undefined
  if (values !== undefined && values.length > 0 && values.every((v) => typeof v === "string" || typeof v === "number")) {
    return describe(Schema.Literal(...(values as Array<string | number>)), node)
  }
  switch (node["type"]) {
    case "string":
      return describe(Schema.String, node)
    case "number":
      return describe(Schema.Number, node)
    case "integer":
      return describe(Schema.Int, node)
    case "boolean":
      return describe(Schema.Boolean, node)
    case "array":
      return describe(Schema.Array(schemaOf(node["items"] ?? { type: "string" })), node)
    case "object":
      return describe(objectSchema(isObject(node["properties"]) ? node["properties"] : {}, node["required"]), node)
    default:
      return describe(Schema.Unknown, node)
  }
}

const objectSchema = (properties: Json, required: unknown): Schema.Schema.AnyNoContext => {
  const needed = new Set(Array.isArray(required) ? required.filter((r) => typeof r === "string") : [])
  const fields: { [key: string]: Schema.Schema.All | Schema.PropertySignature.All } = {}
  for (const [name, node] of Object.entries(properties)) {
    const schema = schemaOf(node)
    fields[name] = needed.has(name) ? schema : Schema.optional(schema)
  }
  return Schema.Struct(fields) as unknown as Schema.Schema.AnyNoContext
}

/**
 * The arguments schema of a tool: `parameters` as a full schema (`{type: "object", properties,
 * required}`) or as the properties map (then `required` from the option); empty → no arguments.
 */
export const parametersSchema = (parameters: Json | undefined, required: ReadonlyArray<string> | undefined): AnySchema => {
  if (parameters === undefined || Object.keys(parameters).length === 0) return Schema.Struct({}) as AnySchema
  if (parameters["type"] === "object" && isObject(parameters["properties"])) {
    return objectSchema(parameters["properties"], parameters["required"] ?? required) as AnySchema
  }
  return objectSchema(parameters, required) as AnySchema
}

/** What a handler may return. */
export type ToolReturn = FunctionResult | Fr.FunctionResult | Json | string

export const SORRY = "Sorry, I couldn't complete that action. Please try again or contact support if the issue persists."

/** The reference's normalisation of a handler's result. */
export const normalize = (name: string, value: unknown): Effect.Effect<Fr.FunctionResult> => {
  if (value instanceof FunctionResult) return Effect.succeed(value.toEffect())
  if (Fr.isFunctionResult(value)) return Effect.succeed(value)
  if (isObject(value)) {
    if (!("response" in value)) return Effect.succeed(Fr.make("Function completed successfully"))
    const action = value["action"]
    const actions = Array.isArray(action) ? action : action === undefined ? [] : [action]
    const base = Fr.make(String(value["response"]), { postProcess: value["post_process"] === true })
    return Effect.succeed(Fr.addActions(base, actions as ReadonlyArray<Fr.Action>))
  }
  return Effect.as(
    Effect.logWarning(`SWAIG function "${name}" returned neither a FunctionResult nor an object; sending it as text`),
    Fr.make(String(value))
  )
}

/** Run a Promise-style handler: a throw or rejection is logged and answered with the reference's apology. */
export const runHandler = (
  name: string,
  run: () => unknown
): Effect.Effect<Fr.FunctionResult> =>
  Effect.tryPromise(async () => await run()).pipe(
    Effect.flatMap((value) => normalize(name, value)),
    Effect.catchAll((error) =>
      Effect.as(
        Effect.logError(`SWAIG function ${name} failed`, error.error).pipe(Effect.annotateLogs({ function: name })),
        Fr.make(SORRY)
      )
    )
  )
