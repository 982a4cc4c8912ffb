/**
 * The clients compared side by side (`npm run bench -- --reference <dir>`), behind one shape:
 *   - `ws`: the raw baseline (`baseline.ts`);
 *   - `signalwire`: SignalWire's own `RelayClient`, imported at run time from the folder of a built
 *     `@signalwire/sdk` (its `dist/index.js`): nothing of it is in this repository;
 *   - `effect`: our Effect client (`@signalwire-effect/relay`);
 *   - `facade`: our Promise facade (`@signalwire-effect/sdk`), which has SignalWire's API, so the
 *     same code drives it and the reference.
 * The standalone sandbox's default credentials are used throughout. This module imports nothing of
 * any client: a worker process loads only the client it measures (`sideEffect.ts` is ours).
 */
import * as path from "node:path"
import { pathToFileURL } from "node:url"

export const PROJECT = "sandbox-project"
export const TOKEN = "sandbox-token"
export const CONTEXT = "bench"

export type ClientKind = "ws" | "signalwire" | "effect" | "facade"

/** What the bench uses of a client with SignalWire's Promise API (the reference and our facade). */
export interface PromiseCall {
  readonly callId: string
  answer(): Promise<unknown>
  waitForEnded(timeout?: number): Promise<unknown>
}

export interface PromiseRelayClient {
  connect(): Promise<void>
  disconnect(): Promise<void>
  execute(method: string, params: Record<string, unknown>): Promise<unknown>
  onCall(handler: (call: PromiseCall) => Promise<void>): unknown
}

export interface PromiseRelayClientOptions {
  readonly project: string
  readonly token: string
  readonly host: string
  readonly scheme: "ws"
  readonly contexts: Array<string>
  readonly maxActiveCalls: number
}

export type PromiseClientConstructor = new(options: PromiseRelayClientOptions) => PromiseRelayClient

const isConstructor = (value: unknown): value is PromiseClientConstructor => typeof value === "function"

/**
 * The `RelayClient` class of a built `@signalwire/sdk` in `dir` (its `dist/index.js`), imported as
 * its users import the package (the whole entry point).
 */
export const loadReference = async (dir: string): Promise<PromiseClientConstructor> => {
  const entry = pathToFileURL(path.resolve(dir, "dist", "index.js")).href
  const module = (await import(entry)) as { RelayClient?: unknown }
  if (!isConstructor(module.RelayClient)) throw new Error(`${entry} exports no RelayClient class: is ${dir} a built @signalwire/sdk?`)
  return module.RelayClient
}

/**
 * Our facade's `RelayClient`, imported as a RELAY user imports it: from the RELAY-only entry
 * `@signalwire-effect/sdk/relay` (the root entry also loads REST, agents, SWML and skills).
 */
export const loadFacade = async (): Promise<PromiseClientConstructor> => {
  const module = await import("@signalwire-effect/sdk/relay")
  // Our facade's Call has SignalWire's API; the bench uses only answer / waitForEnded / callId.
  return module.RelayClient as unknown as PromiseClientConstructor
}

export const promiseOptions = (host: string, maxActiveCalls: number): PromiseRelayClientOptions => ({
  project: PROJECT,
  token: TOKEN,
  host,
  scheme: "ws",
  contexts: [CONTEXT],
  maxActiveCalls
})
