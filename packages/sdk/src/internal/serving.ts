/**
 * Where the agent facade runs its server: a Scope per `serve()`, the Effect server layer built in
 * it, closed by `stop()` (graceful: requests in flight finish within the drain bound). Also the
 * reference's credential resolution (provided → environment → generated) and the signal handlers
 * of `run()`.
 */
import { randomBytes } from "node:crypto"
import * as HttpServer from "@effect/platform/HttpServer"
import { AgentServer, NodeServer } from "@signalwire-effect/agents"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Scope from "effect/Scope"

/** A running server. */
export interface Running {
  readonly port: number
  readonly stop: () => Promise<void>
}

const errorOf = (cause: Cause.Cause<unknown>): Error => {
  const squashed = Cause.squash(cause)
  if (squashed instanceof Error) return squashed
  const message = typeof squashed === "object" && squashed !== null && "message" in squashed
    ? String(squashed.message)
    : String(squashed)
  return new Error(message, { cause: squashed })
}

/** Serve the services on Node; resolves once listening, rejects with the failure otherwise. */
export const listen = async (
  services: ReadonlyArray<AgentServer.Servable<never>>,
  options: NodeServer.Options
): Promise<Running> => {
  const scope = Effect.runSync(Scope.make())
  // Outbound skills (weather_api, web_search, …) call their APIs through the HttpClient in context.
  const layer = NodeServer.layer(services, options).pipe(Layer.provide(FetchHttpClient.layer))
  const built = await Effect.runPromiseExit(Layer.buildWithScope(layer, scope))
  if (Exit.isFailure(built)) {
    await Effect.runPromise(Scope.close(scope, built))
    throw errorOf(built.cause)
  }
  const address = Context.get(built.value, HttpServer.HttpServer).address
  const port = address._tag === "TcpAddress" ? address.port : 0
  let stopping: Promise<void> | undefined
  return {
    port,
    stop: () => {
      stopping ??= Effect.runPromise(Scope.close(scope, Exit.void))
      return stopping
    }
  }
}

/** A web handler for the services, released by `dispose`. */
export const webHandler = (
  services: ReadonlyArray<AgentServer.Servable<never>>,
  options: AgentServer.Options = {}
): { readonly fetch: (request: Request) => Promise<Response>; readonly dispose: () => Promise<void> } => {
  const web = AgentServer.toWebHandler(services, FetchHttpClient.layer, options)
  return { fetch: web.handler, dispose: web.dispose }
}

/** Where credentials came from. */
export type CredentialSource = "provided" | "environment" | "config file" | "generated"

/** The reference's order: the option, then `SWML_BASIC_AUTH_USER`/`_PASSWORD`, else generated. */
export const resolveCredentials = (
  name: string,
  provided: readonly [string, string] | undefined,
  fromFile?: { readonly user?: unknown; readonly password?: unknown }
): { readonly user: string; readonly password: string; readonly source: CredentialSource } => {
  if (provided !== undefined) return { user: provided[0], password: provided[1], source: "provided" }
  const user = process.env["SWML_BASIC_AUTH_USER"]
  const password = process.env["SWML_BASIC_AUTH_PASSWORD"]
  if (user && password) return { user, password, source: "environment" }
  const fileUser = typeof fromFile?.user === "string" ? fromFile.user : undefined
  const filePassword = typeof fromFile?.password === "string" ? fromFile.password : undefined
  if (fileUser && filePassword) return { user: fileUser, password: filePassword, source: "config file" }
  return { user: user || name, password: randomBytes(16).toString("hex"), source: "generated" }
}

/** The port of the options, else `PORT`, else the config file's, else 3000 (1–65535, else throws, as the reference). */
export const resolvePort = (port: number | undefined, fromFile?: unknown): number => {
  const env = process.env["PORT"]
  const value = port ?? (env !== undefined && env !== "" ? Number.parseInt(env, 10) : typeof fromFile === "number" ? fromFile : 3000)
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`Invalid port: ${String(port ?? process.env["PORT"])}. Must be between 1 and 65535.`)
  }
  return value
}

/** Install SIGINT/SIGTERM handlers that call `stop` once; returns their removal. */
export const onSignals = (name: string, stop: () => Promise<void>): () => void => {
  const handler = (signal: NodeJS.Signals) => {
    remove()
    console.info(`${name}: ${signal} received, stopping`)
    stop().then(undefined, (error: unknown) => console.error(`${name}: stopping failed`, error))
  }
  const remove = () => {
    process.off("SIGINT", handler)
    process.off("SIGTERM", handler)
  }
  process.on("SIGINT", handler)
  process.on("SIGTERM", handler)
  return remove
}
