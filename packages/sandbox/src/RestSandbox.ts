/**
 * The REST side of the sandbox (`sandbox.rest`): SignalWire's REST API served from the same
 * `HttpApi` definition as the client (`RestApi.api`), on the sandbox's port, stateful and in
 * memory, with a journal of every HTTP request and per-operation faults.
 *
 * @since 0.1.0
 */
import type * as Cause from "effect/Cause"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"

/**
 * One HTTP request the REST side saw. `operation` is `group.endpoint` of the API definition
 * (e.g. `phoneNumbers.list`), `undefined` when no endpoint matches. `auth` is the Basic
 * credentials' outcome. `status` is what was answered (`undefined` when the connection was reset,
 * or the request is still running or was abandoned).
 *
 * @example
 * ```ts
 * import type { RestSandbox } from "@signalwire-effect/sandbox"
 *
 * const isPurchase = (r: RestSandbox.RestRequest) => r.method === "POST" && r.path === "/api/relay/rest/phone_numbers"
 * ```
 * @since 0.1.0
 */
export interface RestRequest {
  readonly seq: number
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** The parsed JSON body, the raw text when not JSON (a form body as sent), `undefined` when empty. */
  readonly body: unknown
  readonly operation: string | undefined
  readonly auth: "ok" | "missing" | "invalid"
  /** The `User-Agent` header. */
  readonly userAgent: string | undefined
  /** The `Content-Type` header (e.g. `application/x-www-form-urlencoded` for a compat body). */
  readonly contentType: string | undefined
  readonly status: number | undefined
  /** The fault applied, if any. */
  readonly fault: RestFault | undefined
}

/**
 * A fault for the next request(s) of an operation. Applied in order of addition, each for `times`
 * requests (default 1). `delay` holds the request first (on the sandbox's Clock); then `reset`
 * destroys the connection, `hang` never answers, `malformed` answers 200 with a body that is not
 * JSON, and `status` answers that status with `body` (default `{"error":"…"}`) and `headers`
 * (e.g. `{"retry-after":"2"}`) instead of running the operation.
 *
 * @example
 * ```ts
 * import type { RestSandbox } from "@signalwire-effect/sandbox"
 *
 * const throttled: RestSandbox.RestFault = { status: 429, headers: { "retry-after": "1" }, times: 2 }
 * ```
 * @since 0.1.0
 */
export interface RestFault {
  readonly status?: number | undefined
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly delay?: Duration.DurationInput | undefined
  readonly hang?: boolean | undefined
  readonly reset?: boolean | undefined
  readonly malformed?: boolean | undefined
  readonly times?: number | undefined
}

/**
 * `sandbox.rest`.
 *
 * @example
 * ```ts
 * import { RelaySandbox } from "@signalwire-effect/sandbox"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function*() {
 *   const sandbox = yield* RelaySandbox.make()
 *   yield* sandbox.rest.fault("phoneNumbers.list", { status: 503 })
 *   // …a client lists numbers, then:
 *   const [request] = yield* sandbox.rest.waitForRequests((r) => r.operation === "phoneNumbers.list")
 * })
 * ```
 * @since 0.1.0
 */
export interface Rest {
  /** `http://hostname:port`: the REST client's `baseUrl`. */
  readonly baseUrl: string
  /** Every request seen, oldest first. */
  readonly journal: Effect.Effect<ReadonlyArray<RestRequest>>
  /** Waits until `count` (default 1) journaled requests match, and returns them. */
  readonly waitForRequests: (
    predicate: (request: RestRequest) => boolean,
    count?: number
  ) => Effect.Effect<ReadonlyArray<RestRequest>>
  /** Adds a fault for the next request(s) of `operation` (`group.endpoint`). */
  readonly fault: (operation: string, fault: RestFault) => Effect.Effect<void>
  /** Removes every pending fault. */
  readonly clearFaults: Effect.Effect<void>
  /**
   * Records a finished run of a video room (found by id or name) as the platform would: a room
   * session, its members, events, a recording if `record`, and the video log entry. Fails when the
   * room does not exist.
   */
  readonly videoSession: (run: VideoSessionRun) => Effect.Effect<
    { readonly sessionId: string; readonly recordingId: string | undefined },
    Cause.NoSuchElementException
  >
}

/**
 * One run of a video room for {@link Rest.videoSession}.
 *
 * @example
 * ```ts
 * import type { RestSandbox } from "@signalwire-effect/sandbox"
 *
 * const run: RestSandbox.VideoSessionRun = { room: "standup", members: ["ada", "grace"], record: true }
 * ```
 * @since 0.2.0
 */
export interface VideoSessionRun {
  readonly room: string
  readonly members: ReadonlyArray<string>
  readonly record?: boolean | undefined
  /** How long the run lasted; 60 seconds by default. */
  readonly seconds?: number | undefined
}
