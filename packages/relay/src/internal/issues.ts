/**
 * Schema failures of call options and arguments as `InvalidRequest`s: a one-line reason naming the
 * field (from `SchemaIssues`, shared by every package) and every issue as data.
 */
import { SchemaIssues } from "@signalwire-effect/config"
import type * as ParseResult from "effect/ParseResult"
import { InvalidRequest } from "../RelayError.js"

/** An InvalidRequest for a schema failure: a one-line reason and every issue as data. */
export const invalidRequest = (method: string, error: ParseResult.ParseError, root = ""): InvalidRequest => {
  const issues = SchemaIssues.issuesOf(error, root)
  return new InvalidRequest({ method, reason: SchemaIssues.summarize(issues), issues })
}
