/**
 * Status callbacks of the REST side (a compat fax's or message's `StatusCallback`, a conference recording's
 * `recording_status_callback`): the parameters as a form body (POST) or the query (GET), as the
 * platform sends them, signed as the platform signs compat requests (`X-SignalWire-Signature` and
 * `X-Twilio-Signature`: the project's signing key over the URL and the sorted parameters). An
 * unreachable or failing receiver is not retried; the post is bounded.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import { WebhookSignature } from "@signalwire-effect/rest"

const TIMEOUT = "10 seconds"

export const make = (client: HttpClient.HttpClient, signingKey: Redacted.Redacted<string>) =>
(url: string, method: "GET" | "POST", params: Readonly<Record<string, string>>): Effect.Effect<void> => {
  const form = new URLSearchParams(params).toString()
  // A GET carries its parameters in the URL and signs no others.
  const target = method === "GET" ? `${url}${url.includes("?") ? "&" : "?"}${form}` : url
  return WebhookSignature.sign(signingKey, target, method === "GET" ? [] : params).pipe(
    Effect.map((signature) => {
      const request = method === "GET"
        ? HttpClientRequest.get(target)
        : HttpClientRequest.post(target).pipe(HttpClientRequest.bodyText(form, "application/x-www-form-urlencoded"))
      return HttpClientRequest.setHeaders(request, {
        [WebhookSignature.signatureHeader]: signature,
        [WebhookSignature.compatSignatureHeader]: signature
      })
    }),
    Effect.flatMap((request) => client.execute(request)),
    Effect.flatMap((response) => response.text),
    Effect.timeout(TIMEOUT),
    Effect.ignore
  )
}

/**
 * A JSON status callback (the relay-REST message API's `status_callback`): the payload POSTed as
 * `application/json`, signed as the platform signs JSON requests (`X-SignalWire-Signature`: the
 * hex HMAC-SHA1 of the URL followed by the raw body). Not retried; bounded like the form ones.
 */
export const makeJson = (client: HttpClient.HttpClient, signingKey: Redacted.Redacted<string>) =>
(url: string, payload: unknown): Effect.Effect<void> => {
  const body = JSON.stringify(payload)
  return WebhookSignature.signBody(signingKey, url, body).pipe(
    Effect.map((signature) =>
      HttpClientRequest.post(url).pipe(
        HttpClientRequest.bodyText(body, "application/json"),
        HttpClientRequest.setHeader(WebhookSignature.signatureHeader, signature)
      )
    ),
    Effect.flatMap((request) => client.execute(request)),
    Effect.flatMap((response) => response.text),
    Effect.timeout(TIMEOUT),
    Effect.ignore
  )
}

/**
 * Callbacks about one resource (a message) posted one after another, in the order they were made,
 * so that a slow receiver does not see `delivered` before `sent`; callbacks about different
 * resources do not wait for each other. Returns the function that queues one.
 */
export const ordered = (runFork: (effect: Effect.Effect<void>) => unknown) => {
  const queues = new Map<string, Array<Effect.Effect<void>>>()
  return (key: string, post: Effect.Effect<void>): void => {
    const waiting = queues.get(key)
    if (waiting !== undefined) {
      waiting.push(post)
      return
    }
    const queue = [post]
    queues.set(key, queue)
    const drain: Effect.Effect<void> = Effect.suspend(() => {
      const next = queue.shift()
      if (next === undefined) {
        queues.delete(key)
        return Effect.void
      }
      return Effect.zipRight(next, drain)
    })
    runFork(drain)
  }
}
