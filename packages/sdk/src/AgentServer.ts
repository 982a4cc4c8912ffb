/**
 * `AgentServer`: several agents (and SWML services) on one HTTP server, each at its route (never
 * doubled: an agent registered at `/support` answers at `/support`, `/support/swaig`, …), over
 * `@signalwire-effect/agents`' `AgentServer`: `GET /` lists them, `/health` and `/ready` are open,
 * SIP usernames route calls to agents, static files are served confined to their directory.
 *
 * Differences from the reference (DIFFERENCES.md #29): routes are not doubled; registering after
 * `run()` takes effect at the next `run()`; one static-files directory; SIP routing answers 307.
 *
 * @since 0.1.0
 */
import type { AgentServer as EServer } from "@signalwire-effect/agents"
import type { AgentBase } from "./AgentBase.js"
import { listen, onSignals, resolvePort, type Running, webHandler } from "./internal/serving.js"
import type { SWMLService } from "./SWMLService.js"

const normalizeRoute = (route: string) => {
  const trimmed = route.trim().replace(/\/+$/, "")
  return trimmed === "" ? "/" : trimmed.startsWith("/") ? trimmed : `/${trimmed}`
}

/**
 * Many agents, one server.
 *
 * @example
 * ```ts
 * import { AgentBase, AgentServer } from "@signalwire-effect/sdk"
 *
 * const server = new AgentServer({ port: 3000 })
 * server.register(new AgentBase({ name: "support", route: "/support" }))
 * server.register(new AgentBase({ name: "sales", route: "/sales" }))
 * await server.run()
 * ```
 * @since 0.1.0
 */
export class AgentServer {
  host: string
  port: number
  private readonly agents = new Map<string, AgentBase | SWMLService>()
  private staticFiles: { directory: string; route: string } | undefined
  private sip: { path: string; autoMap: boolean; usernames: Record<string, string> } | undefined
  private readonly shutdownTimeoutMs: number
  private running: Running | undefined
  private web: ReturnType<typeof webHandler> | undefined
  private removeSignals: (() => void) | undefined

  constructor(opts?: { host?: string; port?: number; shutdownTimeoutMs?: number }) {
    this.host = opts?.host ?? "0.0.0.0"
    this.port = resolvePort(opts?.port)
    this.shutdownTimeoutMs = opts?.shutdownTimeoutMs ?? 10_000
  }

  /** Serve `agent` at `route` (default: its own route); a taken route throws. */
  register(agent: AgentBase | SWMLService, route?: string): void {
    const at = normalizeRoute(route ?? agent.route)
    if (this.agents.has(at)) throw new Error(`Route '${at}' is already in use`)
    this.agents.set(at, agent)
  }

  unregister(route: string): boolean {
    return this.agents.delete(normalizeRoute(route))
  }

  getAgents(): Map<string, AgentBase | SWMLService> {
    return new Map(this.agents)
  }

  getAgent(route: string): AgentBase | SWMLService | undefined {
    return this.agents.get(normalizeRoute(route))
  }

  /** Serve the files of `directory` at `<route>/*` (`..` and paths outside it refused). */
  serveStaticFiles(directory: string, route = "/"): void {
    this.staticFiles = { directory, route: normalizeRoute(route) }
  }

  /** Route calls by SIP user (`call.to`) to agents: `<agent route><route>` answers 307 to the mapped agent. */
  setupSipRouting(route = "/sip", autoMap = true): void {
    this.sip = { path: route, autoMap, usernames: this.sip?.usernames ?? {} }
  }

  registerSipUsername(username: string, route: string): void {
    this.sip ??= { path: "/sip", autoMap: true, usernames: {} }
    this.sip.usernames[username.toLowerCase()] = normalizeRoute(route)
  }

  private services() {
    return [...this.agents].map(([route, agent]) => agent.toServable(route))
  }

  private options(): EServer.Options {
    return {
      ...(this.staticFiles === undefined ? {} : { staticFiles: this.staticFiles }),
      ...(this.sip === undefined ? {} : { sip: this.sip })
    }
  }

  /** A web handler (`app.fetch(request)`) for all registered agents. */
  getApp(): { readonly fetch: (request: Request) => Promise<Response> } {
    this.web ??= webHandler(this.services(), this.options())
    return this.web
  }

  /** Start serving; resolves once listening (`port` is then the bound port). */
  async serve(opts?: { host?: string; port?: number }): Promise<void> {
    if (this.running !== undefined) return
    const host = opts?.host ?? this.host
    this.running = await listen(this.services(), {
      ...this.options(),
      host,
      port: opts?.port ?? this.port,
      shutdownTimeout: `${this.shutdownTimeoutMs} millis`
    })
    this.host = host
    this.port = this.running.port
    for (const [route, agent] of this.agents) console.info(`  ${route} -> ${agent.name}`)
  }

  /** `serve(host, port)` plus SIGINT/SIGTERM handlers that `stop()` it. */
  async run(host?: string, port?: number): Promise<void> {
    await this.serve({ ...(host === undefined ? {} : { host }), ...(port === undefined ? {} : { port }) })
    this.removeSignals ??= onSignals("AgentServer", () => this.stop())
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
