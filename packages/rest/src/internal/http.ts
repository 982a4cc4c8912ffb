/**
 * The HttpClient every request goes through: base URL, Basic auth, headers, a per-attempt
 * timeout, non-2xx answers as `RestHttpError`, transport failures as `RestTransportError`, and
 * the opt-in idempotency-aware retry.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { pipe } from "effect/Function"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { RestHttpError, RestTransportError } from "../RestError.js"
import { buffered, decode, isBlank } from "./buffered.js"
import { timeoutFail } from "./timeout.js"

export interface RetryOptions {
  /** Extra attempts after the first one (with the built-in backoff). */
  readonly times?: number | undefined
  /** The first delay of the exponential backoff (default 500 ms), doubled each time. */
  readonly base?: Duration.DurationInput | undefined
  /**
   * Your own pacing, instead of `times` and `base` (e.g. `Schedule.spaced("2 seconds")` with
   * `Schedule.recurs(4)`); it sees each failed attempt's error. The rule of which failures may be
   * retried for the method, and a numeric `Retry-After`, still apply.
   */
  readonly schedule?: Schedule.Schedule<unknown, HttpFailure> | undefined
}

export interface HttpSettings {
  readonly baseUrl: string
  readonly project: string
  readonly token: Redacted.Redacted<string>
  readonly timeout: Duration.Duration
  readonly retry: RetryOptions | undefined
  readonly userAgent: string
}

export type HttpFailure = RestHttpError | RestTransportError

const IDEMPOTENT: ReadonlySet<string> = new Set(["GET", "PUT", "DELETE", "HEAD", "OPTIONS"])
const RETRY_IDEMPOTENT: ReadonlySet<number> = new Set([429, 500, 502, 503, 504])
const RETRY_ANY: ReadonlySet<number> = new Set([429, 503])
const REQUEST_ID_HEADERS = ["x-request-id", "x-signalwire-request-id", "request-id", "x-amzn-requestid"]

/** Whether a failed attempt of a request with this method may be tried again. */
export const retryable = (method: string, error: HttpFailure): boolean => {
  if (error._tag === "RestTransportError") return true
  return (IDEMPOTENT.has(method.toUpperCase()) ? RETRY_IDEMPOTENT : RETRY_ANY).has(error.status)
}

/** A numeric `Retry-After` (seconds) of an HTTP error. */
export const retryAfter = (error: HttpFailure): Option.Option<Duration.Duration> => {
  if (error._tag !== "RestHttpError") return Option.none()
  const value = error.headers["retry-after"]
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return Option.none()
  return Option.some(Duration.seconds(Number(value.trim())))
}

/** Whether the options retry at all. */
export const retries = (options: RetryOptions | undefined): options is RetryOptions =>
  options !== undefined && (options.schedule !== undefined || (options.times ?? 0) > 0)

/**
 * The retry schedule of a request: while the failure is retryable for the method, paced by the
 * caller's `schedule`, or at most `times` times exponentially from `base`; a numeric `Retry-After`
 * replaces the computed delay.
 */
export const retrySchedule = (method: string, options: RetryOptions): Schedule.Schedule<unknown, HttpFailure> => {
  const pacing: Schedule.Schedule<unknown, HttpFailure> = options.schedule ??
    Schedule.intersect(Schedule.exponential(options.base ?? Duration.millis(500)), Schedule.recurs(options.times ?? 0))
  return Schedule.identity<HttpFailure>().pipe(
    Schedule.whileInput((error: HttpFailure) => retryable(method, error)),
    Schedule.intersect(pacing),
    Schedule.modifyDelay(([error], delay) => Option.getOrElse(retryAfter(error), () => delay))
  )
}

const parseBody = (text: string): unknown => {
  if (text.length === 0) return ""
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

const requestIdOf = (headers: Readonly<Record<string, string>>): string | undefined => {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name]
    if (value !== undefined) return value
  }
  return undefined
}

/** The full URL of a request, query string included (it carries no credentials). */
const urlOf = (request: HttpClientRequest.HttpClientRequest): string =>
  Option.match(HttpClientRequest.toUrl(request), { onNone: () => request.url, onSome: (url) => url.toString() })

/**
 * One attempt: the response body is read whole; a 2xx comes back as a response of that body (an
 * empty one as a 204, which the API client reads as "no content"), anything else as a
 * `RestHttpError`. The URL is only built for an error (it costs a URL parse).
 */
const attempt = (
  execute: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>,
  request: HttpClientRequest.HttpClientRequest,
  timeout: Duration.Duration
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpFailure> => {
  // The platform's error carries the request, Authorization header included: keep only what it wraps.
  const transport = (error: HttpClientError.HttpClientError) =>
    new RestTransportError({ method: request.method, url: urlOf(request), reason: "Transport", cause: error.cause })
  const exchange = execute.pipe(
    Effect.flatMap((response) =>
      Effect.flatMap(response.arrayBuffer, (body): Effect.Effect<HttpClientResponse.HttpClientResponse, RestHttpError> => {
        if (response.status >= 200 && response.status < 300) {
          const empty = isBlank(new Uint8Array(body))
          return Effect.succeed(buffered(response, empty ? 204 : response.status, empty ? new ArrayBuffer(0) : body))
        }
        const headers = { ...response.headers }
        return Effect.fail(
          new RestHttpError({
            status: response.status,
            method: request.method,
            url: urlOf(request),
            body: parseBody(decode(body)),
            requestId: requestIdOf(headers),
            headers
          })
        )
      })
    ),
    Effect.catchTags({ RequestError: transport, ResponseError: transport })
  )
  return timeoutFail(
    exchange,
    timeout,
    () => new RestTransportError({ method: request.method, url: urlOf(request), reason: "Timeout", cause: undefined })
  )
}

/** The client of the REST API: settings applied to every request, failures typed. */
export const make = (
  client: HttpClient.HttpClient,
  settings: HttpSettings
): HttpClient.HttpClient.With<HttpFailure | HttpClientError.HttpClientError> => {
  const authorization = Redacted.make(
    `Basic ${btoa(`${settings.project}:${Redacted.value(settings.token)}`)}`
  )
  return pipe(
    client,
    HttpClient.mapRequest((request) =>
      HttpClientRequest.setHeaders(HttpClientRequest.prependUrl(request, settings.baseUrl), {
        // Encoded once per client, unwrapped per request (the header is redacted in spans by default).
        authorization: Redacted.value(authorization),
        accept: "application/json",
        "user-agent": settings.userAgent
      })
    ),
    HttpClient.transform((execute, request) => {
      const once = attempt(execute, request, settings.timeout)
      const { retry } = settings
      if (!retries(retry)) return once
      return Effect.retry(
        once.pipe(Effect.tapError((error) =>
          Effect.logDebug("REST attempt failed", { method: request.method, url: urlOf(request), error: error.message })
        )),
        retrySchedule(request.method, retry)
      )
    })
  )
}
