/**
 * Building the client: settings resolved from the shared configuration, the HttpClient pipeline,
 * the generated API client, and the namespaces on top.
 */
import * as HttpApiClient from "@effect/platform/HttpApiClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { SignalWireConfig } from "@signalwire-effect/config"
import { api } from "../RestApi.js"
import * as Call from "./call.js"
import * as Http from "./http.js"
import * as AccountNamespaces from "./accountNamespaces.js"
import * as CallingNamespace from "./callingNamespace.js"
import * as CompatCallsNamespace from "./compatCallsNamespace.js"
import * as FabricNamespaces from "./fabricNamespaces.js"
import * as CompatNamespaces from "./compatNamespaces.js"
import * as Namespaces from "./namespaces.js"
import * as VideoNamespaces from "./videoNamespaces.js"
import { paginatePath, type QueryParams } from "./paginate.js"

export const USER_AGENT = "signalwire-effect-rest/0.1.0"
const DEFAULT_TIMEOUT = Duration.seconds(30)

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1)(:\d+)?$/i

/** `https://<host>`, or `http://` for loopback hosts (the sandbox). */
export const baseUrlOf = (host: string): string => `${LOOPBACK.test(host) ? "http" : "https"}://${host}`

export const resolve = (
  settings: SignalWireConfig.Settings,
  options: {
    readonly baseUrl?: string | undefined
    readonly timeout?: Duration.DurationInput | undefined
    readonly retry?: Http.RetryOptions | undefined
    readonly userAgent?: string | undefined
  }
): Effect.Effect<Http.HttpSettings, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    const credentials = yield* SignalWireConfig.credentials(settings, { allowJwt: false })
    if (credentials._tag !== "ProjectToken") {
      return yield* Effect.fail(ConfigError.InvalidData([], "the REST API needs a project id and API token"))
    }
    const explicit = options.baseUrl?.trim()
    const baseUrl = explicit !== undefined && explicit.length > 0
      ? explicit.replace(/\/+$/, "")
      : baseUrlOf(yield* Either.match(SignalWireConfig.spaceHost(settings.space), {
        onLeft: Effect.fail,
        onRight: Effect.succeed
      }))
    return {
      baseUrl,
      project: credentials.project,
      token: credentials.token,
      timeout: options.timeout === undefined ? DEFAULT_TIMEOUT : Duration.decode(options.timeout),
      retry: options.retry,
      userAgent: options.userAgent ?? USER_AGENT
    }
  })

export const make = (settings: Http.HttpSettings) =>
  Effect.gen(function*() {
    const http = Http.make(yield* HttpClient.HttpClient, settings)
    const client = yield* HttpApiClient.makeWith(api, { httpClient: http })
    const rest: Call.Rest = { http, mapErrors: Call.mapErrors }
    yield* Effect.annotateCurrentSpan("rest.base_url", settings.baseUrl)
    return {
      ...Namespaces.make(rest, client),
      ...AccountNamespaces.make(rest, client),
      calling: CallingNamespace.make(rest, client),
      fabric: FabricNamespaces.make(rest, client),
      ...VideoNamespaces.make(rest, client),
      compat: {
        ...CompatNamespaces.make(rest, client, settings.project),
        calls: CompatCallsNamespace.make(rest, client, settings.project)
      },
      paginate: (path: string, params?: QueryParams, itemsKey?: string) => paginatePath(rest, path, params, itemsKey),
      baseUrl: settings.baseUrl
    }
  })
