/**
 * `@signalwire-effect/sdk/livewire`: LiveKit Agents' API (`Agent`, `AgentSession`, `tool`,
 * `RunContext`, `handoff`, `defineAgent`, `runApp`, …) on SignalWire's `AgentBase`, so that a
 * LiveKit agent ports by changing its imports. The agent's instructions become the `ai` prompt,
 * its tools SWAIG functions served by this process; speech recognition, synthesis, voice
 * detection and the model run on SignalWire (their options are accepted and logged once). What
 * does not map is listed in DIFFERENCES.md #50–#54.
 *
 * ```ts
 * import { Agent, AgentSession, defineAgent, runApp, tool } from "@signalwire-effect/sdk/livewire"
 *
 * const getWeather = tool({
 *   description: "Current weather for a city",
 *   parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
 *   execute: ({ city }: { city: string }) => `Sunny in ${city}`
 * })
 *
 * await runApp(defineAgent({
 *   entry: async (ctx) => {
 *     await ctx.connect()
 *     const session = new AgentSession({ llm: "openai/gpt-4o-mini", stt: "deepgram", tts: "elevenlabs" })
 *     await session.start({ agent: new Agent({ instructions: "You are a weather assistant.", tools: { get_weather: getWeather } }) })
 *   }
 * }))
 * ```
 *
 * @since 0.1.0
 */
import { Agent, AgentSession, handoff, tool } from "./livewire/Agent.js"
import { ChatContext, ToolError } from "./livewire/Errors.js"

export { Agent, AgentHandoff, AgentSession, type FunctionTool, handoff, RunContext, tool } from "./livewire/Agent.js"
export { ChatContext, StopResponse, ToolError } from "./livewire/Errors.js"
export {
  type AgentDefinition,
  AgentServer,
  cli,
  defineAgent,
  JobContext,
  JobProcess,
  type LiveWireApp,
  Room,
  runApp,
  type RunAppOptions,
  ServerOptions,
  WorkerOptions
} from "./livewire/App.js"
export { inference, plugins } from "./livewire/Plugins.js"

/**
 * LiveKit's `voice` namespace (`new voice.Agent(…)`, `new voice.AgentSession(…)`).
 *
 * @example
 * ```ts
 * import { voice } from "@signalwire-effect/sdk/livewire"
 *
 * new voice.AgentSession().start({ agent: new voice.Agent({ instructions: "Be brief." }) })
 * ```
 * @since 0.1.0
 */
export const voice = { Agent, AgentSession }

/**
 * LiveKit's `llm` namespace (`llm.tool(…)`, `llm.handoff(…)`, `llm.ToolError`, `llm.ChatContext`).
 *
 * @example
 * ```ts
 * import { llm } from "@signalwire-effect/sdk/livewire"
 *
 * llm.tool({ description: "Say hi", execute: () => "hi" })
 * ```
 * @since 0.1.0
 */
export const llm = { tool, handoff, ToolError, ChatContext }
