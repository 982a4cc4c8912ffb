/**
 * A small arithmetic evaluator (no `eval`, no `Function`): numbers, `+ - * / % ** ^`, parentheses,
 * unary minus and plus. `**` and `^` are right-associative and bind tighter than unary minus
 * (`-2 ** 2` is -4, as in Python). Division (or modulo) by zero and non-finite results are errors.
 */
import * as Either from "effect/Either"

export type ArithmeticError = "empty" | "syntax" | "division-by-zero" | "not-finite" | "too-deep" | "too-long"

const MAX_LENGTH = 1000
const MAX_DEPTH = 64

type Token = { readonly kind: "num"; readonly value: number } | { readonly kind: "op"; readonly op: string }

const tokenize = (input: string): Either.Either<Array<Token>, ArithmeticError> => {
  const tokens: Array<Token> = []
  let i = 0
  while (i < input.length) {
    const c = input[i]!
    if (c === " " || c === "\t" || c === "\n") {
      i++
    } else if (/[0-9.]/.test(c)) {
      const match = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(input.slice(i))
      if (match === null) return Either.left("syntax")
      tokens.push({ kind: "num", value: Number(match[0]) })
      i += match[0].length
    } else if (input.startsWith("**", i)) {
      tokens.push({ kind: "op", op: "**" })
      i += 2
    } else if ("+-*/%^()×÷".includes(c)) {
      tokens.push({ kind: "op", op: c === "^" ? "**" : c === "×" ? "*" : c === "÷" ? "/" : c })
      i++
    } else {
      return Either.left("syntax")
    }
  }
  return Either.right(tokens)
}

class Failure {
  constructor(readonly reason: ArithmeticError) {}
}

/** The value of an arithmetic expression, or why it has none. */
export const evaluate = (input: string): Either.Either<number, ArithmeticError> => {
  if (input.length > MAX_LENGTH) return Either.left("too-long")
  if (input.trim() === "") return Either.left("empty")
  const tokenized = tokenize(input)
  if (Either.isLeft(tokenized)) return Either.left(tokenized.left)
  const tokens = tokenized.right
  let pos = 0
  const peek = (): Token | undefined => tokens[pos]
  const isOp = (op: string) => {
    const t = peek()
    return t !== undefined && t.kind === "op" && t.op === op
  }
  const fail = (reason: ArithmeticError): never => {
    throw new Failure(reason)
  }
  const expr = (depth: number): number => {
    if (depth > MAX_DEPTH) fail("too-deep")
    let left = term(depth)
    while (isOp("+") || isOp("-")) {
      const op = (tokens[pos++] as { op: string }).op
      const right = term(depth)
      left = op === "+" ? left + right : left - right
    }
    return left
  }
  const term = (depth: number): number => {
    let left = unary(depth)
    while (isOp("*") || isOp("/") || isOp("%")) {
      const op = (tokens[pos++] as { op: string }).op
      const right = unary(depth)
      if ((op === "/" || op === "%") && right === 0) fail("division-by-zero")
      left = op === "*" ? left * right : op === "/" ? left / right : left % right
    }
    return left
  }
  const unary = (depth: number): number => {
    if (depth > MAX_DEPTH) fail("too-deep")
    if (isOp("-")) {
      pos++
      return -unary(depth + 1)
    }
    if (isOp("+")) {
      pos++
      return unary(depth + 1)
    }
    return power(depth)
  }
  const power = (depth: number): number => {
    const base = primary(depth)
    if (isOp("**")) {
      pos++
      return base ** unary(depth + 1)
    }
    return base
  }
  const primary = (depth: number): number => {
    const t = peek()
    if (t === undefined) return fail("syntax")
    if (t.kind === "num") {
      pos++
      return t.value
    }
    if (t.op === "(") {
      pos++
      const value = expr(depth + 1)
      if (!isOp(")")) fail("syntax")
      pos++
      return value
    }
    return fail("syntax")
  }
  try {
    const value = expr(0)
    if (pos !== tokens.length) return Either.left("syntax")
    if (!Number.isFinite(value)) return Either.left("not-finite")
    return Either.right(value)
  } catch (e) {
    if (e instanceof Failure) return Either.left(e.reason)
    throw e
  }
}
