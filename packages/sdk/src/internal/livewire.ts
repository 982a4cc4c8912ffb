/**
 * LiveWire's plumbing: the one-time advisories ("accepted, handled by the platform"), and the job
 * a `runApp` entry function runs in (an `AsyncLocalStorage`, so that `AgentSession.start()` inside
 * the entry binds its agent to the job that will serve it, across `await`s).
 */
import { AsyncLocalStorage } from "node:async_hooks"
import type { AgentBase } from "../AgentBase.js"
import { log } from "./log.js"

const logged = new Set<string>()

/** Logs `message` the first time `key` is seen in this process (info level, on stderr). */
export const once = (key: string, message: string): void => {
  if (logged.has(key)) return
  logged.add(key)
  log("info", `[LiveWire] ${message}`)
}

/** Whether the advisory `key` was logged (for tests). */
export const wasLogged = (key: string): boolean => logged.has(key)

/** How `runApp` serves the agent its entry function starts. */
export interface ServeOptions {
  readonly host?: string | undefined
  readonly port?: number | undefined
  readonly route?: string | undefined
  readonly basicAuth?: [string, string] | undefined
  readonly agentName?: string | undefined
}

/** One run of an entry function: the agents its sessions built. */
export interface Job {
  readonly options: ServeOptions
  readonly agents: Array<AgentBase>
}

const storage = new AsyncLocalStorage<Job>()

/** Runs `body` as `job` (sessions started inside register their agent with it). */
export const runInJob = <A>(job: Job, body: () => A): A => storage.run(job, body)

/** The job the caller runs in, if any. */
export const currentJob = (): Job | undefined => storage.getStore()
