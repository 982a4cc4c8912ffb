/**
 * LiveWire's entry points, as LiveKit Agents spells them: `defineAgent({ entry, prewarm })`,
 * `runApp(…)`, a LiveKit-style `AgentServer` with `rtcSession`, `JobContext`, `JobProcess`,
 * `WorkerOptions`. `runApp` runs the entry function once, then serves the agent its
 * `AgentSession` started over HTTP (SignalWire fetches its SWML for every call).
 *
 * @since 0.1.0
 */
import { pathToFileURL } from "node:url"
import type { AgentBase } from "../AgentBase.js"
import { log } from "../internal/log.js"
import { type Job, once, runInJob, type ServeOptions } from "../internal/livewire.js"

/**
 * LiveKit's process-wide bag filled by `prewarm` and read by the entry (`ctx.proc.userData`).
 *
 * @example
 * ```ts
 * import { JobProcess } from "@signalwire-effect/sdk/livewire"
 *
 * new JobProcess().userData["greeting"] = "Hello"
 * ```
 * @since 0.1.0
 */
export class JobProcess {
  readonly userData: Record<string, unknown> = {}
  /** Python-style alias of `userData`. */
  get userdata(): Record<string, unknown> {
    return this.userData
  }
}

/**
 * LiveKit's room: SignalWire has none (a call is not a room), so it is only a name.
 *
 * @example
 * ```ts
 * import { Room } from "@signalwire-effect/sdk/livewire"
 *
 * new Room().name // "livewire-room"
 * ```
 * @since 0.1.0
 */
export class Room {
  readonly name: string = "livewire-room"
}

/**
 * What the entry function receives: `connect()` and `waitForParticipant()` return at once (the
 * platform connects calls), `proc` is the prewarmed process bag.
 *
 * @example
 * ```ts
 * import { JobContext } from "@signalwire-effect/sdk/livewire"
 *
 * await new JobContext().connect()
 * ```
 * @since 0.1.0
 */
export class JobContext {
  readonly room = new Room()
  constructor(readonly proc: JobProcess = new JobProcess()) {}

  /** No-op: SignalWire connects each call to the agent itself. */
  async connect(): Promise<void> {
    once("connect", "JobContext.connect(): SignalWire connects calls to the agent itself; no-op")
  }

  /** Returns at once with `{ identity }` (the caller, `"caller"` by default). */
  async waitForParticipant(options?: { identity?: string }): Promise<{ identity: string }> {
    return { identity: options?.identity ?? "caller" }
  }
}

/**
 * An agent's entry function and optional prewarm hook.
 *
 * @example
 * ```ts
 * import type { AgentDefinition } from "@signalwire-effect/sdk/livewire"
 *
 * const def: AgentDefinition = { entry: async (ctx) => { await ctx.connect() } }
 * ```
 * @since 0.1.0
 */
export interface AgentDefinition {
  entry: (ctx: JobContext) => Promise<void> | void
  prewarm?: ((proc: JobProcess) => unknown) | undefined
}

/**
 * LiveKit's `defineAgent`: returns its argument (for `export default defineAgent(…)`).
 *
 * @example
 * ```ts
 * import { defineAgent } from "@signalwire-effect/sdk/livewire"
 *
 * export default defineAgent({ entry: async (ctx) => { await ctx.connect() } })
 * ```
 * @since 0.1.0
 */
export const defineAgent = <A extends AgentDefinition>(agent: A): A => agent

/**
 * LiveKit's worker options. `agent` may be the definition or, as in LiveKit, the path of a module
 * whose default export is one (`fileURLToPath(import.meta.url)`); `host` and `port` are where the
 * agent listens; the other LiveKit options are ignored.
 *
 * @example
 * ```ts
 * import { WorkerOptions } from "@signalwire-effect/sdk/livewire"
 *
 * new WorkerOptions({ agent: "./agent.js", port: 3000 })
 * ```
 * @since 0.1.0
 */
export class WorkerOptions {
  readonly agent: AgentDefinition | string | undefined
  readonly host: string | undefined
  readonly port: number | undefined
  readonly agentName: string | undefined
  constructor(options?: { agent?: AgentDefinition | string; host?: string; port?: number; agentName?: string; [key: string]: unknown }) {
    this.agent = options?.agent
    this.host = options?.host
    this.port = options?.port
    this.agentName = options?.agentName
  }
}

/**
 * LiveKit's server options: accepted and ignored.
 *
 * @example
 * ```ts
 * import { ServerOptions } from "@signalwire-effect/sdk/livewire"
 *
 * new ServerOptions({ numIdleProcesses: 1 })
 * ```
 * @since 0.1.0
 */
export class ServerOptions {
  constructor(_options?: Record<string, unknown>) {}
}

/**
 * A LiveKit-style agent server: `rtcSession(entry, { agentName })` (or
 * `rtcSession({ agentName })(entry)`) registers the entry function, `setupFnc` is the prewarm
 * hook; pass it to `runApp`. One entry per server (the last registered).
 *
 * @example
 * ```ts
 * import { AgentServer } from "@signalwire-effect/sdk/livewire"
 *
 * const server = new AgentServer()
 * server.rtcSession(async (ctx) => { await ctx.connect() }, { agentName: "support" })
 * ```
 * @since 0.1.0
 */
export class AgentServer {
  setupFnc: ((proc: JobProcess) => unknown) | undefined = undefined
  private entry: AgentDefinition["entry"] | undefined
  private name: string | undefined

  constructor(_options?: ServerOptions | Record<string, unknown>) {}

  rtcSession(entry: AgentDefinition["entry"], options?: { agentName?: string; type?: string }): AgentDefinition["entry"]
  rtcSession(options?: { agentName?: string; type?: string }): (entry: AgentDefinition["entry"]) => AgentDefinition["entry"]
  rtcSession(
    entryOrOptions?: AgentDefinition["entry"] | { agentName?: string; type?: string },
    options?: { agentName?: string; type?: string }
  ): AgentDefinition["entry"] | ((entry: AgentDefinition["entry"]) => AgentDefinition["entry"]) {
    const opts = typeof entryOrOptions === "function" ? options : entryOrOptions
    if (opts?.type !== undefined && opts.type !== "room") once("server_type", `AgentServer.rtcSession(type: ${opts.type}): SignalWire has no job types; ignored`)
    const register = (entry: AgentDefinition["entry"]) => {
      this.entry = entry
      if (opts?.agentName !== undefined && opts.agentName !== "") this.name = opts.agentName
      return entry
    }
    return typeof entryOrOptions === "function" ? register(entryOrOptions) : register
  }

  /** The registered entry and prewarm hook, and the agent name. */
  definition(): AgentDefinition & { agentName?: string | undefined } {
    const entry = this.entry
    if (entry === undefined) throw new Error("LiveWire AgentServer: no rtcSession entry registered")
    return { entry, prewarm: this.setupFnc, agentName: this.name }
  }
}

/**
 * Where `runApp` serves the agent: `host` (default `0.0.0.0`), `port` (default `PORT`, else 3000;
 * 0 picks a free one), `route` (default `/`), `basicAuth` (default `SWML_BASIC_AUTH_USER` /
 * `_PASSWORD`, else generated and logged).
 *
 * @example
 * ```ts
 * import type { RunAppOptions } from "@signalwire-effect/sdk/livewire"
 *
 * const options: RunAppOptions = { host: "127.0.0.1", port: 0 }
 * ```
 * @since 0.1.0
 */
export interface RunAppOptions {
  host?: string
  port?: number
  route?: string
  basicAuth?: [string, string]
  agentName?: string
}

/**
 * The running agent `runApp` resolves with: its `AgentBase`, the URL SignalWire should fetch, and
 * `stop()`.
 *
 * @example
 * ```ts
 * import type { LiveWireApp } from "@signalwire-effect/sdk/livewire"
 *
 * const stop = (app: LiveWireApp) => app.stop()
 * ```
 * @since 0.1.0
 */
export interface LiveWireApp {
  readonly agent: AgentBase
  /** `http://user:password@host:port/route`: the SWML URL to give SignalWire. */
  readonly url: string
  readonly port: number
  readonly stop: () => Promise<void>
}

type Runnable = AgentDefinition | AgentServer | WorkerOptions | AgentDefinition["entry"]

const definitionOf = async (app: Runnable): Promise<AgentDefinition & { agentName?: string | undefined }> => {
  if (app instanceof AgentServer) return app.definition()
  if (typeof app === "function") return { entry: app }
  if (app instanceof WorkerOptions) {
    const agent = app.agent
    if (agent === undefined) throw new Error("LiveWire runApp: WorkerOptions needs an agent")
    if (typeof agent !== "string") return { ...agent, agentName: app.agentName }
    const module = (await import(pathToFileURL(agent).href)) as { default?: unknown }
    const def = module.default
    if (typeof def !== "object" || def === null || typeof (def as AgentDefinition).entry !== "function") {
      throw new Error(`LiveWire runApp: ${agent} has no default export made by defineAgent`)
    }
    return { ...(def as AgentDefinition), agentName: app.agentName }
  }
  return app
}

/**
 * LiveKit's `cli.runApp`: runs `prewarm`, then the entry function once, then serves the agent the
 * entry's `AgentSession.start()` built (with SIGINT/SIGTERM handled). Takes a `defineAgent`
 * result, an entry function, a LiveWire `AgentServer` or `WorkerOptions`; resolves once listening
 * and rejects (after logging) when the entry fails or starts no session.
 *
 * @example
 * ```ts
 * import { Agent, AgentSession, defineAgent, runApp } from "@signalwire-effect/sdk/livewire"
 *
 * const app = await runApp(defineAgent({
 *   entry: async (ctx) => {
 *     await ctx.connect()
 *     await new AgentSession().start({ agent: new Agent({ instructions: "You are helpful." }) })
 *   }
 * }), { port: 3000 })
 * console.log(app.url)
 * ```
 * @since 0.1.0
 */
export const runApp = async (app: Runnable, options?: RunAppOptions): Promise<LiveWireApp> => {
  try {
    const def = await definitionOf(app)
    const worker = app instanceof WorkerOptions ? app : undefined
    const serve: ServeOptions = {
      host: options?.host ?? worker?.host,
      port: options?.port ?? worker?.port,
      route: options?.route,
      basicAuth: options?.basicAuth,
      agentName: options?.agentName ?? def.agentName
    }
    const proc = new JobProcess()
    if (def.prewarm !== undefined) {
      once("prewarm", "prewarm: runs once at startup (SignalWire keeps no process pool)")
      await def.prewarm(proc)
    }
    const job: Job = { options: serve, agents: [] }
    await runInJob(job, async () => await def.entry(new JobContext(proc)))
    const agent = job.agents[job.agents.length - 1]
    if (agent === undefined) throw new Error("LiveWire runApp: the entry function started no AgentSession")
    await agent.run()
    return { agent, url: agent.getFullUrl(true), port: agent.port, stop: () => agent.stop() }
  } catch (error) {
    log("error", "[LiveWire] runApp failed", error)
    throw error
  }
}

/**
 * LiveKit's `cli` namespace (`cli.runApp(…)`).
 *
 * @example
 * ```ts
 * import { cli, defineAgent } from "@signalwire-effect/sdk/livewire"
 *
 * void cli.runApp(defineAgent({ entry: async () => {} }))
 * ```
 * @since 0.1.0
 */
export const cli = { runApp }
