/**
 * Status callbacks of the REST side (a compat fax's `StatusCallback`, a conference recording's
 * `recording_status_callback`): the parameters as a form body (POST) or the query (GET), as the
 * platform sends them. An unreachable or failing receiver is not retried; the post is bounded.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"

const TIMEOUT = "10 seconds"

export const make = (client: HttpClient.HttpClient) =>
(url: string, method: "GET" | "POST", params: Readonly<Record<string, string>>): Effect.Effect<void> => {
  const form = new URLSearchParams(params).toString()
  const request = method === "GET"
    ? HttpClientRequest.get(`${url}${url.includes("?") ? "&" : "?"}${form}`)
    : HttpClientRequest.post(url).pipe(HttpClientRequest.bodyText(form, "application/x-www-form-urlencoded"))
  return client.execute(request).pipe(
    Effect.flatMap((response) => response.text),
    Effect.timeout(TIMEOUT),
    Effect.ignore
  )
}
