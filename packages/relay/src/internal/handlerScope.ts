/**
 * Scopes for call handlers whose finalizer map is made on first use.
 *
 * A call handler's Scope lives as long as the call, and most handlers never add a finalizer to
 * it: effect's Scope makes its state and finalizer map at once (~0.3 KiB per live call in a
 * heap-snapshot diff; bench/README.md, issue 21). These scopes are effect's own (its prototype:
 * `fork`, `addFinalizer`, `close`, and `Effect.forkScoped`, which reads a Scope's state directly,
 * behave as on any Scope), with the state made when first read.
 */
import * as ExecutionStrategy from "effect/ExecutionStrategy"
import type * as Exit from "effect/Exit"
import type * as Scope from "effect/Scope"

type State =
  | { readonly _tag: "Open"; readonly finalizers: Map<object, Scope.Scope.Finalizer> }
  | { readonly _tag: "Closed"; readonly exit: Exit.Exit<unknown, unknown> }

/**
 * A maker of such scopes, from a Scope `Scope.make()` made (its prototype); none if that Scope is
 * not laid out as effect 3.22's (an open state with a finalizer map): `Scope.make()` then.
 */
export const lazyScopes = (probe: Scope.CloseableScope): (() => Scope.CloseableScope) | undefined => {
  const state = (probe as unknown as { readonly state?: { readonly _tag?: unknown; readonly finalizers?: unknown } }).state
  if (state?._tag !== "Open" || !(state.finalizers instanceof Map) || probe.strategy !== ExecutionStrategy.sequential) {
    return undefined
  }
  class LazyScope {
    private current: State | undefined = undefined
    get state(): State {
      return (this.current ??= { _tag: "Open", finalizers: new Map() })
    }
    set state(state: State) {
      this.current = state
    }
    get strategy(): ExecutionStrategy.ExecutionStrategy {
      return ExecutionStrategy.sequential
    }
  }
  Object.setPrototypeOf(LazyScope.prototype, Object.getPrototypeOf(probe))
  return () => new LazyScope() as unknown as Scope.CloseableScope
}
