/**
 * The FunctionResult value: an immutable reply under construction, pipeable, with a dual
 * operator helper so every action reads both `FunctionResult.say(result, "Hi")` and
 * `result.pipe(FunctionResult.say("Hi"))`.
 */
import { dual } from "effect/Function"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import type { Instruction } from "./document.js"
import type { ReplyDocument, ReplyInstruction, ToolAction } from "./reply.js"

export const TypeId: unique symbol = Symbol.for("@signalwire-effect/swml/FunctionResult")
export type TypeId = typeof TypeId

export type Response = string | { readonly tool_result?: string; readonly tool_prompt?: string }

export interface FunctionResult extends Pipeable {
  readonly [TypeId]: TypeId
  readonly response: Response
  readonly actions: ReadonlyArray<ToolAction>
  readonly postProcess: boolean
}

const proto = {
  [TypeId]: TypeId,
  pipe() {
    return pipeArguments(this, arguments)
  }
}

export const isFunctionResult = (u: unknown): u is FunctionResult =>
  typeof u === "object" && u !== null && TypeId in u

export const make = (fields: {
  readonly response: Response
  readonly actions: ReadonlyArray<ToolAction>
  readonly postProcess: boolean
}): FunctionResult => Object.assign(Object.create(proto), fields)

export const withAction = (self: FunctionResult, action: ToolAction): FunctionResult =>
  make({ response: self.response, actions: [...self.actions, action], postProcess: self.postProcess })

/** A dual operator: data-first when the first argument is a FunctionResult. */
export const op = <Args extends ReadonlyArray<unknown>>(
  f: (self: FunctionResult, ...args: Args) => FunctionResult
): {
  (...args: Args): (self: FunctionResult) => FunctionResult
  (self: FunctionResult, ...args: Args): FunctionResult
} => dual((args) => isFunctionResult(args[0]), f)

/** An operator that appends the action built from its arguments. */
export const action = <Args extends ReadonlyArray<unknown>>(build: (...args: Args) => ToolAction) =>
  op((self: FunctionResult, ...args: Args) => withAction(self, build(...args)))

/** `{ version, sections: { main } }` for a reply's SWML. */
export const doc = (...main: ReadonlyArray<ReplyInstruction>): ReplyDocument => ({
  version: "1.0.0",
  sections: { main }
})

/** Build a one-verb instruction (the key is the verb name). */
export const verb = <I extends Instruction | ReplyInstruction>(instruction: I): I => instruction

/** Drop the keys whose value is `undefined` (optional options left out). */
export const defined = <A extends object>(value: A): Defined<A> =>
  Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as Defined<A>

/** `A` with every possibly-undefined field made optional instead. */
export type Defined<A> =
  & { readonly [K in keyof A as undefined extends A[K] ? never : K]: A[K] }
  & { readonly [K in keyof A as undefined extends A[K] ? K : never]?: Exclude<A[K], undefined> }
