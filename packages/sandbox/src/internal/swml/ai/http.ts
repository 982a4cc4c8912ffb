/**
 * The sandbox's webhook client, as the platform calls agents: a POST of JSON to the URL it was
 * given, Basic auth from the URL's credentials, signed with the project's signing key
 * (`X-Signalwire-Signature`, `X-Signalwire-SHA256-Signature` over the URL without credentials plus
 * the raw body). Failures come back classified, never thrown.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { Signature } from "@signalwire-effect/agents"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import type { JsonObject } from "./context.js"

export type Posted =
  | {
    readonly _tag: "Replied"
    readonly status: number
    readonly json: unknown
    readonly text: string
    readonly headers?: Readonly<Record<string, string>> | undefined
  }
  | {
    readonly _tag: "Failed"
    readonly reason: "unreachable" | "unauthorized" | "forbidden" | "http_error" | "malformed_reply"
    readonly status?: number
    readonly detail: string
  }

export interface Target {
  /** The URL without credentials (what is signed). */
  readonly url: string
  readonly authorization: string | undefined
}

/** Split `https://user:pass@host/path?q` into the bare URL and its Basic-auth header. */
export const targetOf = (raw: string): Either.Either<Target, string> =>
  Either.map(
    Either.try({ try: () => new URL(raw), catch: () => `not a URL: ${redactUrl(raw)}` }),
    (url) => {
      const user = decodeURIComponent(url.username)
      const password = decodeURIComponent(url.password)
      url.username = ""
      url.password = ""
      return {
        url: url.toString(),
        authorization: user === "" && password === ""
          ? undefined
          : `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`
      }
    }
  )

/** The URL as it may appear in a transcript: no credentials, tokens masked. */
export const redactUrl = (raw: string): string =>
  raw.replace(/\/\/[^/@]*@/, "//").replace(/([?&](?:__token|token)=)[^&#]*/g, "$1***")

const TIMEOUT = Duration.seconds(30)

/** POST the JSON body; a transport failure, 401, 403, another non-2xx status or a non-JSON body is a `Failed`. */
export const postJson = (
  http: HttpClient.HttpClient,
  rawUrl: string,
  body: JsonObject,
  signingKey: Redacted.Redacted<string> | undefined
): Effect.Effect<Posted> =>
  Either.match(targetOf(rawUrl), {
    onLeft: (detail) => Effect.succeed<Posted>({ _tag: "Failed", reason: "unreachable", detail }),
    onRight: (target) => {
      const text = JSON.stringify(body)
      const headers: Record<string, string> = { accept: "application/json", "user-agent": "signalwire-effect-sandbox" }
      if (target.authorization !== undefined) headers["authorization"] = target.authorization
      if (signingKey !== undefined) {
        headers["x-signalwire-signature"] = Signature.sign("sha1", signingKey, target.url, text)
        headers["x-signalwire-sha256-signature"] = Signature.sign("sha256", signingKey, target.url, text)
      }
      const request = HttpClientRequest.post(target.url).pipe(
        HttpClientRequest.setHeaders(headers),
        HttpClientRequest.bodyText(text, "application/json")
      )
      return http.execute(request).pipe(
        Effect.flatMap((response) => Effect.map(response.text, (reply) => ({ status: response.status, reply }))),
        Effect.scoped,
        Effect.timeoutFail({ duration: TIMEOUT, onTimeout: () => "no answer within 30 seconds" }),
        Effect.map(({ reply, status }): Posted => {
          if (status === 401) return { _tag: "Failed", reason: "unauthorized", status, detail: "the agent refused the credentials (401)" }
          if (status === 403) return { _tag: "Failed", reason: "forbidden", status, detail: `the agent refused the request (403): ${reply.slice(0, 200)}` }
          if (status < 200 || status >= 300) {
            return { _tag: "Failed", reason: "http_error", status, detail: `HTTP ${status}: ${reply.slice(0, 200)}` }
          }
          const json = Either.try(() => JSON.parse(reply) as unknown)
          return Either.isRight(json)
            ? { _tag: "Replied", status, json: json.right, text: reply }
            : { _tag: "Failed", reason: "malformed_reply", status, detail: `not JSON: ${reply.slice(0, 200)}` }
        }),
        Effect.catchAll((error) =>
          Effect.succeed<Posted>({
            _tag: "Failed",
            reason: "unreachable",
            detail: typeof error === "string" ? error : `${redactUrl(rawUrl)}: ${error._tag}${"reason" in error ? ` (${error.reason})` : ""}`
          })
        )
      )
    }
  })
