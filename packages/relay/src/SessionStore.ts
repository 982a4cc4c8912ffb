/**
 * Where a client keeps what it needs to resume its RELAY session on the next connection: the
 * server-assigned `protocol` and the latest `authorization_state` (PROTOCOL.md §14).
 *
 * Each client keeps this in memory for its own life, so reconnects resume by themselves. Provide a
 * `SessionStore` *outside* the client's layer to let the next client (a new layer, a new scope)
 * resume the same session; implement it over a file or a database to resume across processes.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"

/**
 * The resume data. Both are `undefined` for a brand-new session, and both are cleared when the
 * server sends `signalwire.disconnect` with `restart: true`.
 *
 *
 * @example
 * ```ts
 * import { SessionStore } from "@signalwire-effect/relay"
 *
 * const fresh: SessionStore.ResumeData = SessionStore.empty
 * ```
 * @since 0.1.0
 */
export interface ResumeData {
  readonly protocol: string | undefined
  readonly authorizationState: Redacted.Redacted<string> | undefined
}

/**
 * Resume data for a brand-new session.
 *
 * @example
 * ```ts
 * import { SessionStore } from "@signalwire-effect/relay"
 *
 * SessionStore.empty.protocol // undefined
 * ```
 * @since 0.1.0
 */
export const empty: ResumeData = { protocol: undefined, authorizationState: undefined }

/**
 * The store a client reads once when it starts and writes whenever the resume data changes.
 *
 * @example
 * ```ts
 * import { RelayClient, SessionStore } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * // Two clients in a row: the second resumes the first one's session.
 * const client = RelayClient.layer({ project: "p", token: "t" })
 * const program = Effect.gen(function* () {
 *   yield* Effect.scoped(Layer.build(client))
 *   yield* Effect.scoped(Layer.build(client))
 * }).pipe(Effect.provide(SessionStore.layerMemory))
 * ```
 * @since 0.1.0
 */
export class SessionStore extends Context.Tag("@signalwire-effect/relay/SessionStore")<
  SessionStore,
  {
    readonly get: Effect.Effect<ResumeData>
    readonly set: (data: ResumeData) => Effect.Effect<void>
  }
>() {}

/**
 * An in-memory store.
 *
 * @example
 * ```ts
 * import { SessionStore } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function* () {
 *   const store = yield* SessionStore.makeMemory
 *   yield* store.set({ protocol: "signalwire_abc", authorizationState: undefined })
 *   return (yield* store.get).protocol // "signalwire_abc"
 * })
 * ```
 * @since 0.1.0
 */
export const makeMemory: Effect.Effect<Context.Tag.Service<SessionStore>> = Effect.sync(() => {
  let data = empty
  return {
    get: Effect.sync(() => data),
    set: (next: ResumeData) => Effect.sync(() => void (data = next))
  }
})

/**
 * A layer with an in-memory store. Provide it around the code that builds clients one after the
 * other (not inside each client layer, which would make a new store per build).
 *
 * @example
 * ```ts
 * import { RelayClient, SessionStore } from "@signalwire-effect/relay"
 * import * as Effect from "effect/Effect"
 *
 * const session = Effect.gen(function* () {
 *   const relay = yield* RelayClient.RelayClient
 *   yield* relay.execute("signalwire.ping", {})
 * }).pipe(Effect.provide(RelayClient.layer({ project: "p", token: "t" })))
 *
 * // The second session resumes the first.
 * const program = Effect.zipRight(session, session).pipe(Effect.provide(SessionStore.layerMemory))
 * ```
 * @since 0.1.0
 */
export const layerMemory: Layer.Layer<SessionStore> = Layer.effect(SessionStore, makeMemory)
