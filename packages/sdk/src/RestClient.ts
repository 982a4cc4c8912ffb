/**
 * SignalWire's SDK's REST `RestClient`, as Promises, on the Effect client of
 * `@signalwire-effect/rest`: every namespace and method of the Effect client, mapped generically
 * (an `Effect<A>` becomes a `Promise<A>`, a `Stream<A>` an `AsyncGenerator<A>`), plus the
 * reference's construction, errors and `paginate` / `paginateAll`.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { RestClient as Core } from "@signalwire-effect/rest"
import { SignalWireConfig } from "@signalwire-effect/config"
import { type ReferenceAliases, referenceAliases } from "./internal/restReference.js"
import * as internal from "./internal/restRuntime.js"

/** The reference's message when a setting is missing (thrown by the constructor). */
const SETTINGS_REQUIRED = "project, token, and host are required. " +
  "Provide them as arguments or set SIGNALWIRE_PROJECT_ID, " +
  "SIGNALWIRE_API_TOKEN, and SIGNALWIRE_SPACE environment variables."

/**
 * The options of `new RestClient(options)`. `project`, `token` and `host` are SignalWire's SDK's
 * (each falls back to `SIGNALWIRE_PROJECT_ID`, `SIGNALWIRE_API_TOKEN`, `SIGNALWIRE_SPACE`; an
 * empty string counts as missing), and so is `fetchImpl`. `timeout`, `retry` and `userAgent` are
 * the Effect client's, passed through.
 *
 * @example
 * ```ts
 * import type { RestClientOptions } from "@signalwire-effect/sdk"
 *
 * const options: RestClientOptions = { project: "p", token: "PT…", host: "acme.signalwire.com", timeout: 10_000, retry: { times: 2 } }
 * ```
 * @since 0.1.0
 */
export interface RestClientOptions {
  /** The project id. */
  readonly project?: string | undefined
  /** The API token. */
  readonly token?: string | undefined
  /**
   * The space: `acme.signalwire.com`, a bare `acme` (→ `acme.signalwire.com`), a loopback host
   * `127.0.0.1:8765` (→ `http://`), or a base URL starting with `http` (used as it is).
   */
  readonly host?: string | undefined
  /**
   * A `fetch`-compatible function every request goes through. Without it requests go through
   * undici's `request` API (about half the CPU per request of the global `fetch`; DIFFERENCES.md
   * #30); pass `(input, init) => fetch(input, init)` for tools that intercept the global `fetch`.
   */
  readonly fetchImpl?: typeof globalThis.fetch | undefined
  /** Per attempt: milliseconds, or an Effect duration (`"10 seconds"`); default 30 s. */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * Opt-in retries: GET/PUT/DELETE on 429/500/502/503/504, POST/PATCH only on 429/503, every
   * method on a transport failure; `times` extra attempts, exponential from `base` (500 ms); a
   * numeric `Retry-After` replaces the delay.
   */
  readonly retry?: Core.RestOptions["retry"]
  /** Replaces the default `User-Agent`. */
  readonly userAgent?: string | undefined
}

/**
 * The namespaces of {@link RestClient}: those of the Effect client, each method's `Effect<A>` as a
 * `Promise<A>` and each `Stream<A>` as an `AsyncGenerator<A>`.
 *
 * @example
 * ```ts
 * import type { RestNamespaces } from "@signalwire-effect/sdk"
 *
 * type Logs = RestNamespaces["logs"] // logs.messages.list(…): Promise<…>, logs.messages.paginate(…): AsyncGenerator<…>
 * ```
 * @since 0.1.0
 */
export type RestNamespaces = internal.Promised<Omit<Core.RestClient["Type"], "paginate">>

/**
 * The Promise form of any Effect client shape (exported for type-level checks): a method
 * returning `Effect<A, E>` returns `Promise<A>`, one returning `Stream<A, E>` an
 * `AsyncGenerator<A>`, nested objects likewise. A generic method loses its type parameters (they
 * are inferred at their constraints); an overloaded one keeps its last signature.
 *
 * @example
 * ```ts
 * import type { Promised } from "@signalwire-effect/sdk"
 * import type * as Effect from "effect/Effect"
 *
 * type P = Promised<{ readonly get: (id: string) => Effect.Effect<number> }> // { readonly get: (id: string) => Promise<number> }
 * ```
 * @since 0.1.0
 */
export type Promised<T> = internal.Promised<T>

/**
 * The query parameters of a raw list request (`undefined` values are dropped).
 *
 * @example
 * ```ts
 * import type { QueryParams } from "@signalwire-effect/sdk"
 *
 * const params: QueryParams = { page_size: 50, include_deleted: false }
 * ```
 * @since 0.1.0
 */
export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>

/**
 * The fields of {@link RestClient}: {@link RestNamespaces}, plus the reference's names
 * `phoneNumbers.create` (= `purchase`) and `phoneNumbers.delete` (= `release`).
 *
 * @example
 * ```ts
 * import type { RestClientShape } from "@signalwire-effect/sdk"
 *
 * type Create = RestClientShape["phoneNumbers"]["create"] // (body: { number }) => Promise<PhoneNumber>
 * ```
 * @since 0.1.0
 */
export type RestClientShape = RestNamespaces & ReferenceAliases

// Declaration merging: the class has every field of RestClientShape, assigned in the constructor.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface RestClient extends RestClientShape {}

/**
 * A REST client for SignalWire's APIs (or the sandbox), with SignalWire's own TypeScript API:
 * `client.phoneNumbers.search(…)`, `client.logs.messages.list(…)`, … as Promises.
 *
 * **Construction** (SignalWire's SDK's): `new RestClient({project, token, host})`, each option
 * falling back to `SIGNALWIRE_PROJECT_ID`, `SIGNALWIRE_API_TOKEN`, `SIGNALWIRE_SPACE`; when one is
 * missing it throws, synchronously and before anything is sent, `Error("project, token, and host
 * are required. Provide them as arguments or set SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN, and
 * SIGNALWIRE_SPACE environment variables.")` (its `cause` is the `ConfigError` naming what is
 * missing). Also accepted (DIFFERENCES.md, "REST client"): the Python SDK's positional
 * `new RestClient(project, token, host)`; a bare space name `acme` means `acme.signalwire.com`, a
 * loopback host `http://` (the reference prefixes `https://` to anything not starting with
 * `http`); `timeout` and `retry` (the reference has neither).
 *
 * **Namespaces and methods** are the Effect client's (`@signalwire-effect/rest`), mapped
 * generically: a method returning `Effect<A>` returns `Promise<A>`, one returning `Stream<A>`
 * (`paginate` of every list) an `AsyncGenerator<A>`, lazily. Requests go through the Effect
 * client's HttpClient (Basic auth, the per-attempt timeout, retries, typed errors); responses are
 * decoded with its schemas (unknown fields kept).
 *
 * **Errors:** a status outside 2xx rejects with {@link RestError} (the reference's fields and
 * message); no answer with {@link RestTransportError}; a request refused before sending with
 * {@link RestValidationError}; a 2xx body that does not decode with {@link RestDecodeError}.
 *
 * **`close()`** (the reference has none; `await using` calls it too) interrupts requests in
 * flight and releases the runtime; later calls reject with `RestClientClosedError`.
 *
 * @example
 * ```ts
 * import { RestClient } from "@signalwire-effect/sdk"
 *
 * const client = new RestClient({ project: "your-project-id", token: "your-api-token", host: "your-space.signalwire.com" })
 * const { data } = await client.phoneNumbers.search({ areacode: "512" })
 * const number = await client.phoneNumbers.purchase(data[0]!.number)
 * await client.phoneNumbers.setSwmlWebhook(number.id, "https://example.com/agent")
 * for await (const log of client.logs.messages.paginate({ page_size: 50 })) console.log(log.id, log.status)
 * await client.close()
 * ```
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class RestClient {
  readonly #runtime: internal.RestRuntime

  constructor(options?: RestClientOptions)
  constructor(project?: string, token?: string, host?: string)
  constructor(projectOrOptions?: string | RestClientOptions, token?: string, host?: string) {
    const options: RestClientOptions = typeof projectOrOptions === "object" && projectOrOptions !== null
      ? projectOrOptions
      : { project: projectOrOptions, token, host }
    const settings = Effect.runSync(
      SignalWireConfig.load({ project: options.project, token: options.token, space: options.host })
    )
    const credentials = SignalWireConfig.credentials(settings, { allowJwt: false })
    const space = settings.space
    if (Either.isLeft(credentials) || space === undefined) {
      const cause = Either.isLeft(credentials) ? credentials.left : Either.flip(SignalWireConfig.spaceHost(space)).pipe(Either.getOrUndefined)
      throw new Error(SETTINGS_REQUIRED, { cause })
    }
    const url = /^https?:\/\//i.test(space)
    const layer = Core.layer({
      project: settings.project,
      token: settings.token,
      ...(url ? { baseUrl: space } : { space }),
      timeout: options.timeout,
      retry: options.retry,
      userAgent: options.userAgent
    })
    try {
      this.#runtime = internal.make(layer, options.fetchImpl)
    } catch (error) {
      throw new Error(`Invalid host: ${space}. ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    }
    const { paginate: _, ...namespaces } = this.#runtime.core
    const promised = internal.promisify(namespaces, this.#runtime)
    Object.assign(this, promised, referenceAliases(promised))
  }

  /**
   * Every item of every page of a list, lazily (nothing is sent before the first `next()`):
   * SignalWire's SDK's `paginate(http, path, params?, dataKey?)`, as a method. The items are those
   * under `dataKey` (default `data`; a missing key is an empty page); the next page is `links.next`
   * (a full URL is reduced to its path and query), else `next_page_uri`; `params` go on the first
   * request only. Iteration ends when a page has no next link (an empty page with one does not end
   * it). Deviation: a next link already seen ends the iteration (the reference loops for ever);
   * a full-URL `path` is sent to this client's host.
   *
   * @example
   * ```ts
   * import { RestClient } from "@signalwire-effect/sdk"
   *
   * const client = new RestClient()
   * for await (const call of client.paginate<{ sid: string }>("/api/laml/2010-04-01/Accounts/p/Calls", { PageSize: 50 }, "calls")) {
   *   console.log(call.sid)
   * }
   * await client.close()
   * ```
   */
  paginate<T = unknown>(path: string, params?: QueryParams, dataKey: string = "data"): AsyncGenerator<T, void, undefined> {
    return this.#runtime.iterate(this.#runtime.core.paginate(path, params, dataKey)) as AsyncGenerator<T, void, undefined>
  }

  /**
   * Every item of every page of a list, in one array: SignalWire's SDK's `paginateAll`, as a
   * method (see {@link RestClient.paginate}). It loads every page; iterate `paginate` for big lists.
   *
   * @example
   * ```ts
   * import { RestClient } from "@signalwire-effect/sdk"
   *
   * const client = new RestClient()
   * const logs = await client.paginateAll<{ id: string }>("/api/messaging/logs", { page_size: 100 })
   * await client.close()
   * ```
   */
  async paginateAll<T = unknown>(path: string, params?: QueryParams, dataKey: string = "data"): Promise<Array<T>> {
    const items: Array<T> = []
    for await (const item of this.paginate<T>(path, params, dataKey)) items.push(item)
    return items
  }

  /**
   * Interrupts the requests in flight (they reject with `RestClientClosedError`) and releases the
   * client's runtime; later calls reject with `RestClientClosedError`. Idempotent. The reference
   * has no `close()` (it holds nothing to release).
   *
   * @example
   * ```ts
   * import { RestClient } from "@signalwire-effect/sdk"
   *
   * const client = new RestClient()
   * await client.addresses.list()
   * await client.close()
   * ```
   */
  close(): Promise<void> {
    return this.#runtime.close()
  }

  /**
   * `await using client = new RestClient(…)` closes it at the end of the block.
   *
   * @example
   * ```ts
   * import { RestClient } from "@signalwire-effect/sdk"
   *
   * {
   *   await using client = new RestClient()
   *   await client.queues.list()
   * } // closed here
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close()
  }
}

/**
 * SignalWire's SDK's free function `paginate(http, path, params?, dataKey?)`, taking the
 * `RestClient` where the reference takes its internal `HttpClient` (which this facade does not
 * have): {@link RestClient.paginate}.
 *
 * @example
 * ```ts
 * import { paginate, RestClient } from "@signalwire-effect/sdk"
 *
 * const client = new RestClient()
 * for await (const n of paginate<{ number: string }>(client, "/api/relay/rest/phone_numbers")) console.log(n.number)
 * await client.close()
 * ```
 * @since 0.1.0
 */
export const paginate = <T = unknown>(
  client: RestClient,
  path: string,
  params?: QueryParams,
  dataKey: string = "data"
): AsyncGenerator<T, void, undefined> => client.paginate<T>(path, params, dataKey)

/**
 * SignalWire's SDK's free function `paginateAll(http, path, params?, dataKey?)`, taking the
 * `RestClient`: {@link RestClient.paginateAll}.
 *
 * @example
 * ```ts
 * import { paginateAll, RestClient } from "@signalwire-effect/sdk"
 *
 * const client = new RestClient()
 * const numbers = await paginateAll<{ id: string }>(client, "/api/relay/rest/phone_numbers")
 * await client.close()
 * ```
 * @since 0.1.0
 */
export const paginateAll = <T = unknown>(
  client: RestClient,
  path: string,
  params?: QueryParams,
  dataKey: string = "data"
): Promise<Array<T>> => client.paginateAll<T>(path, params, dataKey)

/**
 * SignalWire's SDK's Python-shaped factory `restClient(args?, kwargs?)`: `kwargs` are the
 * {@link RestClientOptions} (an options object passed as `args` is taken as them too, as in the
 * reference). Deviation: positional `args` (`[project, token, host]`) are used, where the
 * reference ignores them.
 *
 * @example
 * ```ts
 * import { restClient } from "@signalwire-effect/sdk"
 *
 * const client = restClient([], { project: "p", token: "PT…", host: "acme.signalwire.com" })
 * await client.close()
 * ```
 * @since 0.1.0
 */
export const restClient = (
  args?: ReadonlyArray<string> | RestClientOptions,
  kwargs?: RestClientOptions
): RestClient => {
  if (args !== undefined && !Array.isArray(args)) return new RestClient(args as RestClientOptions)
  const [project, token, host] = (args ?? []) as ReadonlyArray<string | undefined>
  return new RestClient({ ...kwargs, ...dropUndefined({ project, token, host }) })
}

const dropUndefined = (fields: Readonly<Record<string, string | undefined>>): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined))
