/**
 * From an Effect Schema to the JSON Schema subset SignalWire accepts in a tool's `parameters`.
 * Effect's generator gives full JSON Schema (refs, titles, refinement keywords); the platform's
 * schema is closed and knows a handful of keywords per type, so each node is rebuilt from the
 * keywords it may carry. Constraints it cannot express (`minimum`, `minLength`, …) are still
 * enforced: the handler's arguments are decoded with the Effect Schema itself.
 */
import * as Either from "effect/Either"
import * as JSONSchema from "effect/JSONSchema"
import * as SchemaAST from "effect/SchemaAST"
import type * as Schema from "effect/Schema"
import type { ParameterSchema } from "./ai.js"

type Node = { readonly [key: string]: unknown }
type Result = Either.Either<ParameterSchema, string>

const isNode = (u: unknown): u is Node => typeof u === "object" && u !== null && !Array.isArray(u)
const str = (u: unknown): u is string => typeof u === "string"
const description = (node: Node) => (str(node["description"]) ? { description: node["description"] } : {})
const strings = (u: unknown): ReadonlyArray<string> | undefined =>
  Array.isArray(u) && u.every(str) ? u : undefined
const numbers = (u: unknown): ReadonlyArray<number> | undefined =>
  Array.isArray(u) && u.every((x) => typeof x === "number") ? u : undefined

const all = (nodes: unknown, defs: Node, depth: number): Either.Either<ReadonlyArray<ParameterSchema>, string> =>
  Array.isArray(nodes) ? Either.all(nodes.map((n) => convert(n, defs, depth + 1))) : Either.left("expected a list")

const convert = (node: unknown, defs: Node, depth: number): Result => {
  if (depth > 32) return Either.left("recursive schemas cannot be sent as tool parameters")
  if (!isNode(node)) return Either.left("unsupported schema")
  const ref = node["$ref"]
  if (str(ref)) {
    const target = defs[ref.replace("#/$defs/", "")]
    const { $ref: _, ...siblings } = node
    // Keywords beside a `$ref` (a field's own description) refine the referenced schema.
    return isNode(target) ? convert({ ...target, ...siblings }, defs, depth + 1) : Either.left(`unresolved reference ${ref}`)
  }
  if (Array.isArray(node["anyOf"])) return Either.map(all(node["anyOf"], defs, depth), (anyOf) => ({ anyOf }))
  if (Array.isArray(node["oneOf"])) return Either.map(all(node["oneOf"], defs, depth), (oneOf) => ({ oneOf }))
  if (Array.isArray(node["allOf"])) return Either.map(all(node["allOf"], defs, depth), (allOf) => ({ allOf }))
  if ("const" in node) return Either.right({ const: node["const"] })
  const enumeration = node["enum"]
  switch (node["type"]) {
    case "string": {
      const values = strings(enumeration)
      return Either.right({
        type: "string",
        ...description(node),
        ...(values === undefined ? {} : { enum: values }),
        ...(str(node["default"]) ? { default: node["default"] } : {}),
        ...(str(node["pattern"]) ? { pattern: node["pattern"] } : {})
      })
    }
    case "integer":
    case "number": {
      const values = numbers(enumeration)
      const fallback = typeof node["default"] === "number" ? { default: node["default"] } : {}
      return Either.right(
        node["type"] === "integer"
          ? { type: "integer", ...description(node), ...(values === undefined ? {} : { enum: values }), ...fallback }
          : { type: "number", ...description(node), ...(values === undefined ? {} : { enum: values }), ...fallback }
      )
    }
    case "boolean":
      return Array.isArray(enumeration) && enumeration.length === 1
        ? Either.right({ const: enumeration[0] })
        : Either.right({
          type: "boolean",
          ...description(node),
          ...(typeof node["default"] === "boolean" ? { default: node["default"] } : {})
        })
    case "null":
      return Either.right({ type: "null", description: str(node["description"]) ? node["description"] : "null" })
    case "array":
      return isNode(node["items"])
        ? Either.map(convert(node["items"], defs, depth + 1), (items) => ({ type: "array", ...description(node), items }))
        : Either.left("tuples and untyped arrays cannot be sent as tool parameters")
    case "object":
      return Either.map(objectParts(node, defs, depth), (parts) => ({ type: "object", ...description(node), ...parts }))
    default:
      return Either.left("a value of unknown type cannot be sent as a tool parameter")
  }
}

const objectParts = (node: Node, defs: Node, depth: number) => {
  const properties = isNode(node["properties"]) ? node["properties"] : {}
  const required = strings(node["required"]) ?? []
  return Either.map(
    Either.all(Object.entries(properties).map(([key, value]) => Either.map(convert(value, defs, depth + 1), (s) => [key, s] as const))),
    (entries) => ({
      properties: Object.fromEntries(entries),
      ...(required.length > 0 ? { required } : {})
    })
  )
}

/** The `parameters` object for an Effect Schema of the arguments (which must be an object). */
export const parametersOf = <A, I>(schema: Schema.Schema<A, I>): Either.Either<
  { readonly type: "object"; readonly properties: { readonly [name: string]: ParameterSchema }; readonly required?: ReadonlyArray<string> },
  string
> => {
  // A tool without arguments: Effect generates `{}` as "object or array"; the platform wants an object.
  const ast = SchemaAST.encodedAST(schema.ast)
  if (SchemaAST.isTypeLiteral(ast) && ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
    return Either.right({ type: "object" as const, properties: {} })
  }
  const generated: unknown = JSONSchema.make(schema, { target: "jsonSchema2020-12" })
  if (!isNode(generated)) return Either.left("unsupported schema")
  const defs = isNode(generated["$defs"]) ? generated["$defs"] : {}
  const root = str(generated["$ref"]) ? defs[generated["$ref"].replace("#/$defs/", "")] : generated
  if (!isNode(root) || root["type"] !== "object") return Either.left("the arguments must be an object (a Schema.Struct)")
  return Either.map(objectParts(root, defs, 0), (parts) => ({ type: "object" as const, ...parts }))
}
