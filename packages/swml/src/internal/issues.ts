/**
 * Turns a ParseError into a short list of `path: message` lines. Schema unions report one
 * failure per alternative; the lines keep only the deepest paths and merge the "expected" parts
 * of failures at the same path, so a bad field deep inside a document reads as one line.
 */
import * as ParseResult from "effect/ParseResult"
import * as AST from "effect/SchemaAST"

export interface Issue {
  readonly path: string
  readonly message: string
}

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (out, key) =>
      typeof key === "number"
        ? `${out}[${key}]`
        : /^[A-Za-z_$][\w$-]*$/.test(String(key))
        ? `${out}${out === "" ? "" : "."}${String(key)}`
        : `${out}[${JSON.stringify(String(key))}]`,
    ""
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

/** Keep, in every failed union, only the alternatives that came closest to matching. */
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

/** The issues of a ParseError, deepest first-seen paths only. */
export const issuesOf = (error: ParseResult.ParseError): ReadonlyArray<Issue> => {
  const all = ParseResult.ArrayFormatter.formatIssueSync(prune(error.issue))
  const deepest = all.filter((issue) => !all.some((other) => isPrefix(issue.path, other.path)))
  const groups = new Map<string, Array<string>>()
  for (const issue of deepest) {
    const key = formatPath(issue.path)
    groups.set(key, [...(groups.get(key) ?? []), issue.message])
  }
  return [...groups].map(([path, messages]) => ({ path: path === "" ? "(root)" : path, message: merge(messages) }))
}

/** One line per issue. */
export const summary = (issues: ReadonlyArray<Issue>): string =>
  issues.map((issue) => `${issue.path}: ${issue.message}`).join("\n")
