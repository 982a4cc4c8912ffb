/**
 * The HTTP side of cXML: the standard request parameters the platform sends with every request
 * about a call (`CallSid`, `AccountSid`, `From`, `To`, `CallStatus`, `Direction`, `ApiVersion`),
 * sent as a form body (POST) or as query parameters (GET), and the fetch of a document (parsed,
 * its root checked to be `<Response>`). Every exchange is written to the call's transcript.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Transcript from "../../Transcript.js"
import * as Http from "../swml/http.js"
import type { CxmlContext, CxmlSource } from "./context.js"
import * as Xml from "./xml.js"

export const API_VERSION = "2010-04-01"

/**
 * What fetching a document needs: HTTP, the transcript the exchanges go to, the clock. A call's
 * run (`CxmlContext`) is one; a message's run (`messaging.ts`) is another.
 */
export interface DocumentIo {
  readonly http: Http.Http
  readonly append: (entry: Transcript.Entry) => Effect.Effect<void>
  readonly now: () => number
}

/** The compat `CallStatus` of a call state. */
export const callStatus = (state: ReturnType<CxmlContext["ops"]["state"]>): string => {
  switch (state) {
    case "created":
      return "queued"
    case "ringing":
      return "ringing"
    case "answered":
      return "in-progress"
    default:
      return "completed"
  }
}

/** The standard request parameters, now (of a call, or of a fax). */
export const standard = (x: CxmlContext): Record<string, string> => {
  const info = x.info()
  const faxSid = x.faxSid()
  // A fax (to a number in fax mode): the Fax cXML request parameters.
  if (faxSid !== undefined) return { AccountSid: x.accountSid, ApiVersion: API_VERSION, FaxSid: faxSid, From: info.from, To: info.to }
  return {
    CallSid: info.call_id,
    AccountSid: x.accountSid,
    From: info.from,
    To: info.to,
    CallStatus: callStatus(x.ops.state()),
    Direction: x.direction(),
    ApiVersion: API_VERSION
  }
}

/** The URL without its userinfo, as transcripts show it. */
export const shown = (url: string) => url.replace(/\/\/[^@/]*@/, "//")

/** `ref` (absolute, or relative to the current document's URL); `undefined` when it cannot be resolved. */
export const resolve = (ref: string, base: string | undefined): string | undefined => {
  try {
    const url = new URL(ref.trim(), base)
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined
  } catch {
    return undefined
  }
}

/** A request with the parameters as the platform sends them (form body, or the query for GET). */
export const send = (
  x: DocumentIo,
  purpose: "cxml" | "status_callback",
  url: string,
  method: "GET" | "POST",
  params: Readonly<Record<string, string>>
) => {
  const form = new URLSearchParams(params).toString()
  return Http.exchange(x.http, method === "GET"
    ? { purpose, method, url: `${url}${url.includes("?") ? "&" : "?"}${form}`, signing: "compat" }
    : {
      purpose,
      method,
      url,
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      signing: "compat"
    })
}

/** A document read: its `<Response>` and the URL relative references resolve against. */
export interface Loaded {
  readonly response: Xml.Element
  readonly url: string | undefined
}

/** Parses a document; what is wrong with it is a `CxmlInvalid` entry. */
export const parseDocument = (x: DocumentIo, text: string, source: string) =>
  Effect.gen(function*() {
    const parsed = Xml.parse(text)
    const detail = Either.isLeft(parsed)
      ? `not well-formed XML: ${parsed.left}`
      : parsed.right.name !== "Response"
      ? `the root element is <${parsed.right.name}>, not <Response>`
      : parsed.right.children.some((n) => n._tag === "Text" && n.text.trim() !== "")
      ? "text directly inside <Response>"
      : undefined
    if (detail !== undefined || Either.isLeft(parsed)) {
      yield* x.append(Transcript.CxmlInvalid.make({ at: x.now(), source, detail: detail ?? "" }))
      return undefined
    }
    return parsed.right
  })

/** Fetches (or reads) a document with these parameters. */
export const fetchDocument = (x: DocumentIo, source: CxmlSource, params: Readonly<Record<string, string>>) =>
  Effect.gen(function*() {
    if (source._tag === "Text") {
      const response = yield* parseDocument(x, source.text, "inline")
      return response === undefined ? undefined : ({ response, url: undefined } satisfies Loaded)
    }
    const reply = yield* send(x, "cxml", source.url, source.method, params)
    if (Either.isLeft(reply)) return undefined
    const response = yield* parseDocument(x, reply.right.text, shown(source.url))
    return response === undefined ? undefined : ({ response, url: source.url } satisfies Loaded)
  })

/** Fetches (or reads) a document of a call with the standard parameters and `extra`. */
export const load = (x: CxmlContext, source: CxmlSource, extra: Readonly<Record<string, string>>) =>
  fetchDocument(x, source, source._tag === "Text" ? {} : { ...standard(x), ...extra })

/** A document read, where it came from (as transcripts show it) and whether the fallback gave it. */
export interface Fetched {
  readonly loaded: Loaded
  readonly shown: string
  readonly viaFallback: boolean
}

/**
 * The fallback path of every cXML run (a call's or a message's): `source` is fetched with `fetch`;
 * when it cannot be fetched (unreachable, non-2xx) or read (not cXML), the run's fallback URL
 * (`FallbackUrl`, `VoiceFallbackUrl`, `SmsFallbackUrl`) is requested in its place with the same
 * parameters. `undefined` when neither gives a document.
 */
export const loadOrFallback = (
  fetch: (source: CxmlSource) => Effect.Effect<Loaded | undefined>,
  source: CxmlSource,
  fallback: { readonly url: string; readonly method: "GET" | "POST" } | undefined
): Effect.Effect<Fetched | undefined> =>
  Effect.gen(function*() {
    const loaded = yield* fetch(source)
    if (loaded !== undefined) return { loaded, shown: source._tag === "Url" ? shown(source.url) : "inline", viaFallback: false }
    if (fallback === undefined || source._tag !== "Url") return undefined
    const replaced = yield* fetch({ _tag: "Url", url: fallback.url, method: fallback.method })
    return replaced === undefined ? undefined : { loaded: replaced, shown: shown(fallback.url), viaFallback: true }
  })
