/**
 * `SWMLService`: serve a SWML document (fixed, or built per request) over HTTP, the reference's
 * class over `@signalwire-effect/agents`' `SWMLService` (Basic auth always enforced, `/health`
 * and `/ready` open, signatures checked when a signing key is configured).
 *
 * Differences from the reference (DIFFERENCES.md #28): no SWAIG tools on a plain service (use
 * `AgentBase`); the per-request builder is awaited (`buildSwmlForRequest` and the callback may
 * return a Promise); generated credentials are enforced too.
 *
 * @since 0.1.0
 */
import { SWMLService as EService } from "@signalwire-effect/agents"
import type { Swml } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { type CredentialSource, listen, onSignals, resolveCredentials, resolvePort, type Running, webHandler } from "./internal/serving.js"
import { SwmlBuilder } from "./SwmlBuilder.js"

type Json = { readonly [key: string]: unknown }

/**
 * The per-request document: a builder, a document object, or nothing (the static document).
 *
 * @example
 * ```ts
 * import { SwmlBuilder, type OnRequestCallback } from "@signalwire-effect/sdk"
 *
 * const perCall: OnRequestCallback = (query) => query["lang"] === "es" ? new SwmlBuilder().say("Hola") : null
 * ```
 * @since 0.1.0
 */
export type OnRequestCallback = (
  queryParams: Record<string, string>,
  bodyParams: Record<string, unknown>,
  headers: Record<string, string>
) => SwmlBuilder | Json | null | undefined | Promise<SwmlBuilder | Json | null | undefined>

/**
 * Options of `new SWMLService(…)`.
 *
 * @example
 * ```ts
 * import type { SWMLServiceOptions } from "@signalwire-effect/sdk"
 *
 * const options: SWMLServiceOptions = { name: "ivr", route: "/ivr", basicAuth: ["user", "pass"] }
 * ```
 * @since 0.1.0
 */
export interface SWMLServiceOptions {
  name: string
  route?: string
  host?: string
  port?: number
  basicAuth?: [string, string]
  shutdownTimeoutMs?: number
}

/**
 * A SWML document served at `route`.
 *
 * @example
 * ```ts
 * import { SWMLService } from "@signalwire-effect/sdk"
 *
 * const ivr = new SWMLService({ name: "ivr", route: "/ivr" })
 * ivr.addVerb("answer", {})
 * ivr.getBuilder().say("Welcome to Acme")
 * ivr.addVerb("hangup", {})
 * await ivr.serve({ port: 3000 })
 * ```
 * @since 0.1.0
 */
export class SWMLService {
  readonly name: string
  readonly route: string
  host: string
  port: number
  private builder = new SwmlBuilder()
  private readonly credentials: { readonly user: string; readonly password: string; readonly source: CredentialSource }
  private readonly shutdownTimeoutMs: number
  private onRequestCallback: OnRequestCallback | undefined
  private running: Running | undefined
  private web: ReturnType<typeof webHandler> | undefined
  private removeSignals: (() => void) | undefined

  constructor(opts: SWMLServiceOptions) {
    this.name = opts.name
    const trimmed = (opts.route ?? "/").replace(/\/+$/, "")
    this.route = trimmed === "" ? "/" : trimmed.startsWith("/") ? trimmed : `/${trimmed}`
    this.host = opts.host ?? "0.0.0.0"
    this.port = resolvePort(opts.port)
    this.credentials = resolveCredentials(opts.name, opts.basicAuth)
    this.shutdownTimeoutMs = opts.shutdownTimeoutMs ?? 10_000
  }

  getBuilder(): SwmlBuilder {
    return this.builder
  }

  addVerb(name: string, config: unknown): this {
    this.builder.addVerb(name, config)
    return this
  }

  addSection(sectionName: string): this {
    this.builder.addSection(sectionName)
    return this
  }

  addVerbToSection(sectionName: string, verbName: string, config: unknown): this {
    this.builder.addVerbToSection(sectionName, verbName, config)
    return this
  }

  resetDocument(): this {
    this.builder.reset()
    return this
  }

  getDocument(): Json {
    return this.builder.getDocument()
  }

  renderDocument(): string {
    return this.builder.renderDocument()
  }

  /** Build the document per request (the static builder is used when it returns nothing). */
  setOnRequestCallback(cb: OnRequestCallback): this {
    this.onRequestCallback = cb
    return this
  }

  /** Override to build the document per request; return null for the callback / static document. */
  protected buildSwmlForRequest(
    _queryParams: Record<string, string>,
    _bodyParams: Record<string, unknown>,
    _headers: Record<string, string>
  ): SwmlBuilder | Json | null | Promise<SwmlBuilder | Json | null> {
    return null
  }

  getBasicAuthCredentials(includeSource?: false): [string, string]
  getBasicAuthCredentials(includeSource: true): [string, string, CredentialSource]
  getBasicAuthCredentials(includeSource = false): [string, string] | [string, string, CredentialSource] {
    const { password, source, user } = this.credentials
    return includeSource ? [user, password, source] : [user, password]
  }

  /** The Effect service served for this instance (used by `AgentServer`). */
  toServable(route: string = this.route): EService.SWMLService<never> {
    return EService.make({
      name: this.name,
      route,
      basicAuth: { user: this.credentials.user, password: Redacted.make(this.credentials.password) },
      printGeneratedCredentials: false,
      document: (request) =>
        Effect.tryPromise(async () => {
          const query = { ...request.query }
          const body = { ...request.body }
          const headers = { ...request.headers }
          const built = (await this.buildSwmlForRequest(query, body, headers)) ??
            (await this.onRequestCallback?.(query, body, headers)) ?? this.builder
          return (built instanceof SwmlBuilder ? built.getDocument() : built) as unknown as Swml.Document
        })
    })
  }

  /** A web handler (`app.fetch(request)`) serving this document. */
  getApp(): { readonly fetch: (request: Request) => Promise<Response> } {
    this.web ??= webHandler([this.toServable()])
    return this.web
  }

  /** Start the HTTP server; resolves once it listens (`port` is then the bound port). */
  async serve(opts?: { host?: string; port?: number }): Promise<void> {
    if (this.running !== undefined) return
    const host = opts?.host ?? this.host
    this.running = await listen([this.toServable()], {
      host,
      port: opts?.port ?? this.port,
      shutdownTimeout: `${this.shutdownTimeoutMs} millis`
    })
    this.host = host
    this.port = this.running.port
  }

  /** `serve()`, plus SIGINT/SIGTERM handlers that `stop()` it. */
  async run(opts?: { host?: string; port?: number }): Promise<void> {
    await this.serve(opts)
    this.removeSignals ??= onSignals(`Service '${this.name}'`, () => this.stop())
  }

  /** Stop serving (requests in flight finish first). */
  async stop(): Promise<void> {
    this.removeSignals?.()
    this.removeSignals = undefined
    const running = this.running
    const web = this.web
    this.running = undefined
    this.web = undefined
    await Promise.all([running?.stop(), web?.dispose()])
  }
}
