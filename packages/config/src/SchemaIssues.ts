/**
 * Schema failures as a person reads them: one short line naming the field (its path) and what
 * was expected, with every issue kept as data. Effect's `TreeFormatter` prints the whole schema of
 * a failing union (14 000+ characters for one bad phone number in a dial plan); here every failed
 * union keeps only the alternatives that came closest to matching, and only the deepest paths are
 * reported. Every package that turns a `ParseError` into an error message uses this module.
 *
 * @since 0.1.0
 */
import * as ParseResult from "effect/ParseResult"
import * as AST from "effect/SchemaAST"

/**
 * One problem: where (a path such as `devices[0][0].params.to_number`, `(root)` for the value
 * itself) and what was expected.
 *
 * @example
 * ```ts
 * import type { SchemaIssues } from "@signalwire-effect/config"
 *
 * const issue: SchemaIssues.Issue = { path: "to", message: "expected an E.164 number" }
 * ```
 * @since 0.1.0
 */
export interface Issue {
  readonly path: string
  readonly message: string
}

/** The longest one-line summary. */
const MAX_LINE = 300

const formatPath = (root: string, path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (out, key) =>
      typeof key === "number"
        ? `${out}[${key}]`
        : /^[A-Za-z_$][\w$-]*$/.test(String(key))
        ? `${out}${out === "" ? "" : "."}${String(key)}`
        : `${out}[${JSON.stringify(String(key))}]`,
    root
  )

const expected = /^Expected (.*), actual (.*)$/s

const merge = (messages: ReadonlyArray<string>): string => {
  const unique = [...new Set(messages)]
  const parsed = unique.map((message) => expected.exec(message))
  const actuals = new Set(parsed.map((match) => match?.[2]))
  if (parsed.every((match) => match !== null) && actuals.size === 1) {
    const wanted = [...new Set(parsed.map((match) => match?.[1] ?? ""))]
    return `Expected ${wanted.join(" | ")}, actual ${[...actuals][0] ?? ""}`
  }
  return unique.join("; ")
}

const isPrefix = (short: ReadonlyArray<PropertyKey>, long: ReadonlyArray<PropertyKey>) =>
  short.length < long.length && short.every((key, index) => key === long[index])

const children = (issues: ParseResult.Composite["issues"]): ReadonlyArray<ParseResult.ParseIssue> =>
  Array.isArray(issues) ? issues : [issues as ParseResult.ParseIssue]

/**
 * How badly one union alternative missed: its own keys that are missing or unexpected, or a
 * large number when the value is not even of the alternative's kind.
 */
const misfit = (issue: ParseResult.ParseIssue): number => {
  switch (issue._tag) {
    case "Type":
      return 1000
    case "Composite":
      return children(issue.issues).reduce(
        (total, child) =>
          total +
          (child._tag === "Pointer" && (child.issue._tag === "Missing" || child.issue._tag === "Unexpected") ? 1 : 0) +
          (child._tag === "Type" ? 1000 : 0),
        0
      )
    case "Refinement":
      return issue.kind === "From" ? misfit(issue.issue) : 0
    default:
      return 0
  }
}

/** Keeps, in every failed union, only the alternatives that came closest to matching. */
const prune = (issue: ParseResult.ParseIssue): ParseResult.ParseIssue => {
  switch (issue._tag) {
    case "Pointer":
      return new ParseResult.Pointer(issue.path, issue.actual, prune(issue.issue))
    case "Refinement":
      return new ParseResult.Refinement(issue.ast, issue.actual, issue.kind, prune(issue.issue))
    case "Transformation":
      return new ParseResult.Transformation(issue.ast, issue.actual, issue.kind, prune(issue.issue))
    case "Composite": {
      const all = children(issue.issues).map(prune)
      const scored = AST.isUnion(issue.ast) ? all.map((child) => [misfit(child), child] as const) : []
      const best = Math.min(...scored.map(([score]) => score))
      const kept = scored.length > 1 ? scored.filter(([score]) => score === best).map(([, child]) => child) : all
      const [first, ...rest] = kept
      return first === undefined ? issue : new ParseResult.Composite(issue.ast, issue.actual, [first, ...rest])
    }
    default:
      return issue
  }
}

/**
 * The issues of a `ParseError`: the deepest paths only, failures at one path merged, each path
 * under `root` (e.g. the argument's name).
 *
 * @example
 * ```ts
 * import { SchemaIssues } from "@signalwire-effect/config"
 * import * as Either from "effect/Either"
 * import * as Schema from "effect/Schema"
 *
 * const result = Schema.decodeUnknownEither(Schema.Struct({ to: Schema.String }))({ to: 1 })
 * if (Either.isLeft(result)) SchemaIssues.issuesOf(result.left) // [{ path: "to", message: "Expected string, actual 1" }]
 * ```
 * @since 0.1.0
 */
export const issuesOf = (error: ParseResult.ParseError, root = ""): ReadonlyArray<Issue> => {
  const all = ParseResult.ArrayFormatter.formatIssueSync(prune(error.issue))
  const deepest = all.filter((issue) => !all.some((other) => isPrefix(issue.path, other.path)))
  const groups = new Map<string, Array<string>>()
  for (const issue of deepest) {
    const key = formatPath(root, issue.path)
    groups.set(key, [...(groups.get(key) ?? []), issue.message.replace(/\s+/g, " ")])
  }
  return [...groups].map(([path, messages]) => ({ path: path === "" ? "(root)" : path, message: merge(messages) }))
}

/**
 * One line: the first issue and how many more there are; never longer than 300 characters.
 *
 * @example
 * ```ts
 * import { SchemaIssues } from "@signalwire-effect/config"
 *
 * SchemaIssues.summarize([{ path: "to", message: "expected an E.164 number" }]) // "to: expected an E.164 number"
 * ```
 * @since 0.1.0
 */
export const summarize = (issues: ReadonlyArray<Issue>): string => {
  const first = issues[0]
  if (first === undefined) return "invalid value"
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""
  const line = first.path === "(root)" ? first.message : `${first.path}: ${first.message}`
  return line.length + more.length <= MAX_LINE ? line + more : `${line.slice(0, MAX_LINE - more.length - 1)}…${more}`
}

/**
 * One line per issue, for reports that show them all.
 *
 * @example
 * ```ts
 * import { SchemaIssues } from "@signalwire-effect/config"
 *
 * SchemaIssues.lines([{ path: "a", message: "missing" }, { path: "b", message: "missing" }]) // "a: missing\nb: missing"
 * ```
 * @since 0.1.0
 */
export const lines = (issues: ReadonlyArray<Issue>): string =>
  issues.map((issue) => `${issue.path}: ${issue.message}`).join("\n")

/**
 * The one-line summary of a `ParseError` (`summarize(issuesOf(error))`).
 *
 * @example
 * ```ts
 * import { SchemaIssues } from "@signalwire-effect/config"
 * import * as Either from "effect/Either"
 * import * as Schema from "effect/Schema"
 *
 * const result = Schema.decodeUnknownEither(Schema.Number)("x")
 * if (Either.isLeft(result)) console.log(SchemaIssues.format(result.left)) // "Expected number, actual \"x\""
 * ```
 * @since 0.1.0
 */
export const format = (error: ParseResult.ParseError, root = ""): string => summarize(issuesOf(error, root))
