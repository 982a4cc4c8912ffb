/**
 * What the simulation engines (calls, messages) share: the view they have of a session, the
 * answer to a request, and scripts that stay in place until a Scope closes.
 */
import * as Effect from "effect/Effect"
import type { RelayFrame } from "@signalwire-effect/relay"

/** What an engine needs to know about a session. */
export interface SimSession {
  readonly protocol: string
  readonly project: string
  readonly contexts: ReadonlySet<string>
  readonly connection: unknown
}

/** The answer to a request: a JSON-RPC result, or a JSON-RPC error. */
export type Response =
  | { readonly _tag: "Result"; readonly result: RelayFrame.JsonObject }
  | { readonly _tag: "Error"; readonly error: RelayFrame.ErrorObject }

/**
 * An engine's hook into the sandbox: handles a request from `session`, false when the method is
 * not its own. `respond` is called at most once, before any event the request causes.
 */
export type RequestHandler<S extends SimSession> = (
  session: S,
  method: string,
  params: RelayFrame.JsonObject,
  respond: (response: Response) => void
) => boolean

export const uuid = (): string => globalThis.crypto.randomUUID()

/** The connected sessions receiving `context`, in the order the sandbox knows them. */
export const receivers = <S extends SimSession>(sessions: Iterable<S>, context: string): Array<S> =>
  Array.from(sessions).filter((s) => s.connection !== undefined && s.contexts.has(context))

/** Pushes a value until the Scope closes; the newest one in place wins. */
export const scoped = <A>(stack: Array<A>, value: A, onEmpty: () => void = () => {}) =>
  Effect.acquireRelease(
    Effect.sync(() => void stack.push(value)),
    () =>
      Effect.sync(() => {
        const i = stack.lastIndexOf(value)
        if (i >= 0) stack.splice(i, 1)
        if (stack.length === 0) onEmpty()
      })
  )

/** Scripts by destination, with a default stack: the newest script in place wins. */
export const scriptBook = <A>(fallback: A) => {
  const byDestination = new Map<string, Array<A>>()
  const defaults: Array<A> = []
  return {
    lookup: (destination: string): A => byDestination.get(destination)?.at(-1) ?? defaults.at(-1) ?? fallback,
    add: (destination: string, value: A) => {
      const stack = byDestination.get(destination) ?? []
      byDestination.set(destination, stack)
      return scoped(stack, value, () => {
        if (byDestination.get(destination) === stack) byDestination.delete(destination)
      })
    },
    addDefault: (value: A) => scoped(defaults, value)
  }
}
