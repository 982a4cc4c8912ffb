/**
 * HTTP requests the platform makes for a call, as SignalWire makes them: Basic auth taken from
 * the URL's userinfo (and removed from the URL), and, for signed requests, the project's signing
 * key over the full URL (without credentials) followed by the raw body: `X-Signalwire-Signature`
 * (HMAC-SHA1, hex) on every signed request, plus `X-Signalwire-SHA256-Signature` (HMAC-SHA256,
 * hex) on call requests; cXML requests carry the compat scheme instead (see `Signing`). Every exchange is written to the call's transcript, success or failure.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Signature from "@signalwire-effect/agents/Signature"
import * as WebhookSignature from "@signalwire-effect/rest/WebhookSignature"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import * as Transcript from "../../Transcript.js"

export type Purpose = Transcript.HttpExchange["purpose"]

/**
 * How a request is signed: `call` (both headers), `plain` (SHA1 only), `compat` (the cXML scheme:
 * base64 HMAC-SHA1 of the URL and the sorted form parameters, in `X-SignalWire-Signature` and
 * `X-Twilio-Signature`), `none`.
 */
export type Signing = "call" | "plain" | "compat" | "none"

export interface Exchange {
  readonly purpose: Purpose
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  /** May carry `user:password@` (Basic auth). */
  readonly url: string
  /** The raw body (sent as `application/json` unless headers say otherwise). */
  readonly body?: string | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly signing: Signing
  readonly timeout?: Duration.DurationInput | undefined
}

export interface Reply {
  readonly status: number
  readonly text: string
  readonly headers: Readonly<Record<string, string>>
}

/** What every HTTP exchange of a call needs. */
export interface Http {
  readonly client: HttpClient.HttpClient
  readonly signingKey: Redacted.Redacted<string>
  readonly now: () => number
  readonly append: (entry: Transcript.Entry) => Effect.Effect<void>
}

const DEFAULT_TIMEOUT = Duration.seconds(10)

/** The URL without its userinfo, and the Basic-auth credentials it carried. */
export const splitUrl = (
  url: string
): Either.Either<{ readonly url: string; readonly auth: { readonly user: string; readonly password: string } | undefined }, string> => {
  try {
    const parsed = new URL(url)
    const auth = parsed.username === "" && parsed.password === ""
      ? undefined
      : { user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) }
    parsed.username = ""
    parsed.password = ""
    return Either.right({ url: parsed.href, auth })
  } catch {
    return Either.left(`not a URL: ${url.replace(/\/\/[^@/]*@/, "//")}`)
  }
}

const compatHeaders = (signature: string) => ({ "X-SignalWire-Signature": signature, "X-Twilio-Signature": signature })

/** The signature headers for `url` (without credentials) and `body`. */
export const signatureHeaders = (
  signingKey: Redacted.Redacted<string>,
  url: string,
  body: string,
  signing: Signing
): Effect.Effect<Record<string, string>> =>
  signing === "none" ? Effect.succeed({}) : signing === "compat" ? Effect.map(WebhookSignature.sign(signingKey, url, body), compatHeaders) : Effect.succeed({
    "X-Signalwire-Signature": Signature.sign("sha1", signingKey, url, body),
    ...(signing === "call" ? { "X-Signalwire-SHA256-Signature": Signature.sign("sha256", signingKey, url, body) } : {})
  })

/** A URL as the transcript shows it: a secure tool's per-call token (`__token`) masked. */
const shown = (url: string): string => url.replace(/([?&]__token=)[^&#]*/g, "$1***")

/**
 * Makes one request and records it in the transcript; a transport failure, a timeout and a
 * non-2xx status are the typed `HttpFailed` entry (also returned).
 */
export const exchange = (http: Http, request: Exchange): Effect.Effect<Either.Either<Reply, Transcript.HttpFailed>> =>
  Effect.gen(function*() {
    const signed = request.signing !== "none"
    const failed = (url: string, reason: Transcript.HttpFailed["reason"], detail: string, status?: number) =>
      Transcript.HttpFailed.make({ at: http.now(), purpose: request.purpose, method: request.method, url: shown(url), signed, reason, status, detail })
    const split = splitUrl(request.url)
    if (Either.isLeft(split)) {
      const entry = failed(request.url.replace(/\/\/[^@/]*@/, "//"), "unreachable", split.left)
      yield* http.append(entry)
      return Either.left(entry)
    }
    const { auth, url } = split.right
    const body = request.body ?? ""
    let outgoing = HttpClientRequest.make(request.method)(url).pipe(
      HttpClientRequest.setHeaders({ ...request.headers, ...(yield* signatureHeaders(http.signingKey, url, body, request.signing)) })
    )
    if (auth !== undefined) outgoing = HttpClientRequest.basicAuth(outgoing, auth.user, auth.password)
    if (request.method !== "GET" && request.body !== undefined) {
      const type = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === "content-type")?.[1]
      outgoing = HttpClientRequest.bodyText(outgoing, body, type ?? "application/json")
    }
    const result = yield* http.client.execute(outgoing).pipe(
      Effect.flatMap((response) => Effect.map(response.text, (text): Reply => ({ status: response.status, text, headers: response.headers }))),
      Effect.timeout(request.timeout ?? DEFAULT_TIMEOUT),
      Effect.either
    )
    if (Either.isLeft(result)) {
      const error = result.left
      const entry = error._tag === "TimeoutException"
        ? failed(url, "timeout", `no answer within ${Duration.format(Duration.decode(request.timeout ?? DEFAULT_TIMEOUT))}`)
        : failed(url, "unreachable", error.message)
      yield* http.append(entry)
      return Either.left(entry)
    }
    const reply = result.right
    if (reply.status < 200 || reply.status >= 300) {
      const reason = reply.status === 401 ? "unauthorized" : reply.status === 403 ? "forbidden" : "status"
      const detail = reply.status === 401
        ? "the Basic-auth credentials were refused"
        : reply.status === 403
        ? "refused: the server's signing key may differ from the project's"
        : reply.text.slice(0, 200)
      const entry = failed(url, reason, detail, reply.status)
      yield* http.append(entry)
      return Either.left(entry)
    }
    yield* http.append(Transcript.HttpExchange.make({
      at: http.now(),
      purpose: request.purpose,
      method: request.method,
      url: shown(url),
      signed,
      basicAuth: auth !== undefined,
      status: reply.status
    }))
    return Either.right(reply)
  })
