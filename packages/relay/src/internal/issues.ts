/**
 * Schema failures as a person reads them: one short line naming the field (its path) and what was
 * expected, with every issue kept as data. `TreeFormatter` prints the whole schema of a failing
 * union (14 000+ characters for one bad phone number); `ArrayFormatter` gives the leaf issues.
 */
import * as ParseResult from "effect/ParseResult"
import { InvalidRequest } from "../RelayError.js"

export interface Issue {
  /** Where, e.g. `devices[0][0].params.to_number`; empty for the value itself. */
  readonly path: string
  readonly message: string
}

const MAX_LINE = 300

const formatPath = (root: string, path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (out, key) => typeof key === "number" ? `${out}[${key}]` : out.length === 0 ? String(key) : `${out}.${String(key)}`,
    root
  )

/** The leaf issues of a ParseError, each with its path under `root`. */
export const issuesOf = (error: ParseResult.ParseError, root = ""): ReadonlyArray<Issue> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
    path: formatPath(root, issue.path),
    message: issue.message.replace(/\s+/g, " ")
  }))

/** One line: the first issue, and how many more there are; never longer than 300 characters. */
export const summarize = (issues: ReadonlyArray<Issue>): string => {
  const first = issues[0]
  if (first === undefined) return "invalid value"
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""
  const line = `${first.path.length > 0 ? `${first.path}: ` : ""}${first.message}`
  return line.length + more.length <= MAX_LINE ? line + more : `${line.slice(0, MAX_LINE - more.length - 1)}…${more}`
}

/** An InvalidRequest for a schema failure: a one-line reason and every issue as data. */
export const invalidRequest = (method: string, error: ParseResult.ParseError, root = ""): InvalidRequest => {
  const issues = issuesOf(error, root)
  return new InvalidRequest({ method, reason: summarize(issues), issues })
}
