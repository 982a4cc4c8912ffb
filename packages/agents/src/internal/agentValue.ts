/**
 * The agent value's plumbing: building an `AgentBase` from its state and updating it. Shared by the
 * public module and the skill combinators (`./agentSkills.ts`), so neither imports the other.
 */
import { pipeArguments } from "effect/Pipeable"
import type { AgentBase } from "../AgentBase.js"
import type * as internal from "./agent.js"
import { mountable } from "./mount.js"
import { MountId, RType } from "./service.js"

/** @internal */
export const fromState = <R>(state: internal.AgentState): AgentBase<R> => ({
  ...state,
  _tag: "AgentBase",
  [RType]: (_: never) => _,
  [MountId]: () => mountable(state),
  pipe() {
    return pipeArguments(this, arguments)
  }
})

/** @internal */
export const update = <R>(self: AgentBase<R>, patch: Partial<internal.AgentState>): AgentBase<R> =>
  fromState({ ...stateOf(self), ...patch })

/** @internal */
export const stateOf = (self: internal.AgentState): internal.AgentState => ({
  name: self.name,
  route: self.route,
  options: self.options,
  ai: self.ai,
  postPrompt: self.postPrompt,
  tools: self.tools,
  autoAnswer: self.autoAnswer,
  record: self.record,
  preAnswer: self.preAnswer,
  postAnswer: self.postAnswer,
  postAi: self.postAi,
  dynamic: self.dynamic,
  routing: self.routing,
  mcp: self.mcp,
  debugLevel: self.debugLevel,
  onSummary: self.onSummary,
  onDebugEvent: self.onDebugEvent,
  swaigQuery: self.swaigQuery,
  postPromptOverride: self.postPromptOverride,
  checkForInput: self.checkForInput,
  skills: self.skills
})
