/**
 * What the sandbox's compat (LaML) handlers share: the state they read from the rest of the REST
 * side, compat error bodies (`{code, message, more_info, status}` with the platform's codes),
 * compat list pages (`next_page_uri` carrying `Page`, `PageSize` and a real `PageToken`), RFC 2822
 * dates, and the rewriting of a request the definition's schemas reject into a compat 400.
 */
import { Buffer } from "node:buffer"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import type { Calls } from "../../SimCalls.js"
import type { SimMessage } from "../../SimMessages.js"
import type { RestCalling } from "../calls/rest.js"
import type * as Messages from "../messages.js"
import type { SimSession } from "../sim.js"
import type { Collection, Json } from "./store.js"

export const API_VERSION = "2010-04-01"
export const MORE_INFO = "https://signalwire.com/docs/rest/compatibility-api/error-codes"

export interface CompatEnv {
  readonly project: string
  readonly now: () => number
  readonly origin: () => string
  readonly authorized: (username: string, password: string) => boolean
  /** Runs an effect in the background, on the sandbox's Clock (until the sandbox closes). */
  readonly runFork: (effect: Effect.Effect<void>) => unknown
  /** Posts a status callback (a form, or the query of a GET); what happens to it is not an error here. */
  readonly callback: (url: string, method: "GET" | "POST", params: Readonly<Record<string, string>>) => Effect.Effect<void>
  readonly messages: Omit<Messages.Engine<SimSession>, "request">
  readonly calls: Calls
  /** The same calls over REST (a dequeue re-points the member's call to a cXML URL). */
  readonly calling: RestCalling
  /** Message ids whose body was redacted (shared with the relay-REST `messages.redact`). */
  readonly redacted: Set<string>
  /** The project's numbers (the relay-REST `phoneNumbers` collection). */
  readonly numbers: Collection
  readonly newNumber: (number: string, extra?: Json) => Json
  readonly byNumber: (number: string) => Json | undefined
  /** The relay-REST `queues` collection. */
  readonly queues: Collection
  /** The relay-REST `recordings` collection. */
  readonly recordings: Collection
  /**
   * A fax to a number of the project bound to cXML: the inbound call that runs its cXML (the
   * sender's pages as `From`'s script says), its id; `undefined` when `to` is not such a number.
   */
  readonly faxToProject: (from: string, to: string) => Effect.Effect<string | undefined>
  /**
   * A message sent to a number of the project arrives there as an inbound message when the
   * number's messages are bound: to a RELAY context (`messaging.receive`) or to a messaging
   * webhook (its `SmsUrl` runs); nothing happens for a number that is not bound.
   */
  readonly messageToProject: (m: SimMessage) => Effect.Effect<void>
  /** Whether a call runs cXML (a compat call, or an inbound call to a number bound to cXML). */
  readonly cxmlCall: (callId: string) => boolean
  /** The compat applications (their `VoiceUrl` is what a call to `ApplicationSid` fetches). */
  readonly applications: Collection
  /** The project's API tokens (the relay-REST `project.tokens` collection). */
  readonly tokens: Collection
}

type Status = 400 | 401 | 404 | 409 | 422

/** A compat error body. */
export const body = <S extends Status>(status: S, code: number, message: string) => ({ code, message, more_info: MORE_INFO, status })

/** Fails a handler with a compat error body. */
export const fail = <S extends Status>(status: S, code: number, message: string) => Effect.fail(body(status, code, message))

export const notFound = (what = "The requested resource") => fail(404, 20404, `${what} was not found`)

/** `Sat, 15 Sep 2018 10:00:00 +0000`, the date format of the compat API. */
export const rfc2822 = (ms: number): string => new Date(ms).toUTCString().replace(/GMT$/, "+0000")

/** A stored item as the compat API shows it: the collection's `id` key is its `sid`, not a field. */
const view = (value: unknown): unknown => {
  if (typeof value !== "object" || value === null || !("sid" in value) || !("id" in value) || value.id !== value.sid) return value
  const { id: _id, ...fields } = value
  return fields
}

/**
 * Plain JSON answered as the definition's type; its schemas encode (and so check) it. A stored
 * item's `id` (the same as its `sid`) is left out.
 */
export const out = (value: unknown): never => view(value) as never

const DEFAULT_PAGE_SIZE = 50
const MAX_PAGE_SIZE = 1000

const tokenOf = (offset: number): string => `PA${Buffer.from(`offset:${offset}`).toString("base64url")}`

/** The offset a `PageToken` stands for; `undefined` for a token the sandbox did not issue. */
const offsetOf = (token: string): number | undefined => {
  if (!token.startsWith("PA")) return undefined
  const match = /^offset:(\d+)$/.exec(Buffer.from(token.slice(2), "base64url").toString())
  return match === null ? undefined : Number(match[1])
}

export interface PageQuery {
  readonly Page?: number | undefined
  readonly PageSize?: number | undefined
  readonly PageToken?: string | undefined
}

/**
 * One compat page of `items` under `key`: `uri`, `first_page_uri`, `next_page_uri` and
 * `previous_page_uri` are paths keeping `filters`; a `PageToken` the sandbox did not issue is a
 * 400 with code 21481.
 */
export const page = (
  key: string,
  items: ReadonlyArray<Json>,
  query: PageQuery,
  path: string,
  filters: Readonly<Record<string, string | undefined>> = {}
) => {
  const size = Math.min(Math.max(query.PageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE)
  const fromToken = query.PageToken === undefined ? 0 : offsetOf(query.PageToken)
  if (fromToken === undefined) return fail(400, 21481, "The page token supplied was invalid")
  const offset = Math.min(query.PageToken === undefined ? (query.Page ?? 0) * size : fromToken, items.length)
  const link = (at: number) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(filters)) if (v !== undefined) params.set(k, v)
    params.set("Page", String(Math.floor(at / size)))
    params.set("PageSize", String(size))
    if (at > 0) params.set("PageToken", tokenOf(at))
    return `${path}?${params.toString()}`
  }
  return Effect.succeed(out({
    uri: link(offset),
    first_page_uri: link(0),
    next_page_uri: offset + size < items.length ? link(offset + size) : null,
    previous_page_uri: offset > 0 ? link(Math.max(offset - size, 0)) : null,
    page: Math.floor(offset / size),
    page_size: size,
    [key]: items.slice(offset, offset + size).map(view)
  }))
}

/** The platform's code for a rejected parameter, by field (`10000`: an invalid argument). */
const FIELD_CODES: Readonly<Record<string, readonly [missing: number, invalid: number]>> = {
  To: [21604, 21211],
  From: [21603, 21212],
  Body: [21602, 21602],
  MediaUrl: [21602, 21620],
  ValidityPeriod: [10000, 21624],
  FriendlyName: [20002, 20002],
  PhoneNumber: [21421, 21401],
  AreaCode: [10000, 21451],
  PageToken: [21481, 21481],
  Url: [21205, 21402],
  Status: [10000, 10000]
}

const codeOf = (field: string | undefined, missing: boolean): number => {
  if (field === undefined) return 10000
  const known = FIELD_CODES[field]
  if (known !== undefined) return missing ? known[0] : known[1]
  if (field.endsWith("Method")) return 21209
  if (field.endsWith("Url") || field === "StatusCallback" || field === "SmsStatusCallback") return 21402
  return 10000
}

interface Issue {
  readonly _tag?: unknown
  readonly path?: unknown
  readonly message?: unknown
}

/**
 * A request the definition's schemas reject (@effect/platform's 400 `HttpApiDecodeError`) is
 * answered as the compat API does: 400 with `{code, message, more_info, status}`, the code of the
 * first rejected field.
 */
export const shaped = (response: HttpServerResponse.HttpServerResponse): HttpServerResponse.HttpServerResponse => {
  if (response.status !== 400 || response.body._tag !== "Uint8Array") return response
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder().decode(response.body.body))
  } catch {
    return response
  }
  if (typeof parsed !== "object" || parsed === null || !("_tag" in parsed) || parsed._tag !== "HttpApiDecodeError") return response
  const issues = "issues" in parsed && Array.isArray(parsed.issues) ? (parsed.issues as ReadonlyArray<Issue>) : []
  const first = issues[0]
  const field = Array.isArray(first?.path) && typeof first.path[0] === "string" ? first.path[0] : undefined
  const missing = first?._tag === "Missing"
  const detail = typeof first?.message === "string" ? first.message : "invalid request"
  const message = field === undefined ? `Invalid parameter: ${detail}` : missing ? `${field} is required` : `${field} is invalid: ${detail}`
  return HttpServerResponse.unsafeJson(body(400, codeOf(field, missing), message), { status: 400 })
}

/** The compat 404 for a path under `/api/laml` that no endpoint has. */
export const unknownPath = (): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(body(404, 20404, "The requested resource was not found"), { status: 404 })
