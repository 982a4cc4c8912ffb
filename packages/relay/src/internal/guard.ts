/**
 * `Schema.is`, compiled once into plain predicates for the schema shapes events use.
 *
 * Every event the client receives is checked against its params schema. `Schema.is` walks the
 * schema through `ParseResult`, which builds an `Either` per field and per key of the open record
 * (`Schema.Struct(fields, Record)`): in the side-by-side inbound-call bench that was ~17 KiB of
 * garbage per call (receive, answered, ending, ended), a sixth of everything the client
 * allocated per call. The predicates below accept exactly what `Schema.is` accepts (with its
 * default `exact: true`: a required key must be present); a test checks that on generated and
 * mutated values of every event schema. A node kind not handled here falls back to `Schema.is`
 * for that node.
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

export type Guard = (u: unknown) => boolean

const hasOwn = Object.prototype.hasOwnProperty
const always: Guard = () => true
const isString: Guard = (u) => typeof u === "string"
const isNumber: Guard = (u) => typeof u === "number"
const isBoolean: Guard = (u) => typeof u === "boolean"
const isUndefined: Guard = (u) => u === undefined

const fallback = (ast: AST.AST): Guard => ParseResult.is(Schema.make(ast))

const union = (members: ReadonlyArray<Guard>): Guard => {
  if (members.length === 2) {
    const [a, b] = members as readonly [Guard, Guard]
    return (u) => a(u) || b(u)
  }
  return (u) => {
    for (const member of members) if (member(u)) return true
    return false
  }
}

const typeLiteral = (ast: AST.TypeLiteral): Guard => {
  // Only string-keyed index signatures (`Schema.Record({ key: Schema.String, … })`) are compiled.
  if (ast.indexSignatures.some((signature) => signature.parameter._tag !== "StringKeyword")) return fallback(ast)
  const names = ast.propertySignatures.map((ps) => ps.name)
  const optional = ast.propertySignatures.map((ps) => ps.isOptional)
  const types = ast.propertySignatures.map((ps) => compile(ps.type))
  const values = ast.indexSignatures.filter((signature) => signature.type._tag !== "UnknownKeyword" && signature.type._tag !== "AnyKeyword")
    .map((signature) => compile(signature.type))
  const count = names.length
  return (u) => {
    if (typeof u !== "object" || u === null || Array.isArray(u)) return false
    const record = u as Record<PropertyKey, unknown>
    for (let i = 0; i < count; i++) {
      const name = names[i]!
      if (!hasOwn.call(record, name)) {
        if (optional[i]) continue
        return false
      }
      if (!types[i]!(record[name])) return false
    }
    if (values.length > 0) {
      for (const key of Object.keys(record)) {
        for (const value of values) if (!value(record[key])) return false
      }
    }
    return true
  }
}

const tupleType = (ast: AST.TupleType): Guard => {
  // Only plain arrays (`Schema.Array(X)`: no fixed elements, one rest type) are compiled.
  if (ast.elements.length !== 0 || ast.rest.length !== 1) return fallback(ast)
  const item = compile(ast.rest[0]!.type)
  return (u) => {
    if (!Array.isArray(u)) return false
    for (const element of u) if (!item(element)) return false
    return true
  }
}

const compile = (ast: AST.AST): Guard => {
  switch (ast._tag) {
    case "StringKeyword":
      return isString
    case "NumberKeyword":
      return isNumber
    case "BooleanKeyword":
      return isBoolean
    case "UndefinedKeyword":
      return isUndefined
    case "UnknownKeyword":
    case "AnyKeyword":
      return always
    case "Literal": {
      const literal = ast.literal
      return (u) => u === literal
    }
    case "Union":
      return union(ast.types.map(compile))
    case "TypeLiteral":
      return typeLiteral(ast)
    case "TupleType":
      return tupleType(ast)
    default:
      return fallback(ast)
  }
}

/** A predicate that accepts exactly what `Schema.is(schema)` accepts. */
export const make = <A, I, R>(schema: Schema.Schema<A, I, R>): Guard => compile(AST.typeAST(schema.ast))
