/**
 * The prefab classes are built by the Effect prefabs (`@signalwire-effect/agents`): the Effect
 * agent's prompt, post-prompt, AI settings and tools are copied into the class's mutable
 * configuration, so the reference's methods (`promptAddSection`, `setParams`, `defineTool`, …)
 * keep working on a prefab, and its tools run the Effect handlers.
 */
import type { AgentBase as EAgent, AgentError } from "@signalwire-effect/agents"
import { FunctionResult as Fr, Pom } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as C from "./agentConfig.js"

type Json = { readonly [key: string]: unknown }

const obj = (u: unknown): Json | undefined => typeof u === "object" && u !== null && !Array.isArray(u) ? u as Json : undefined
const str = (u: unknown): string | undefined => typeof u === "string" ? u : undefined

/** Build the Effect prefab; an invalid configuration throws its `PrefabConfigError` (as the reference throws). */
export const build = <R>(effect: Effect.Effect<EAgent.AgentBase<R>, AgentError.PrefabConfigError>): EAgent.AgentBase<R> =>
  Either.getOrThrowWith(Effect.runSync(Effect.either(effect)), (error) => error)

/** What a tool handler of the Effect agent receives, from the SWAIG request body. */
export const callOf = (name: string, raw: Json): EAgent.ToolCall => ({
  function: name,
  callId: str(raw["call_id"]),
  aiSessionId: str(raw["ai_session_id"]),
  conversationType: str(raw["conversation_type"]),
  globalData: obj(raw["global_data"]),
  metaData: obj(raw["meta_data"]),
  body: raw
})

/** Copy the Effect agent's prompt, post-prompt, AI settings and tools into the facade's configuration. */
export const adopt = (config: C.Config, agent: EAgent.AgentBase<never>): void => {
  const { ai } = agent
  if ("pom" in ai.prompt) config.pom = Pom.fromWire(ai.prompt.pom)
  if (agent.postPrompt._tag === "Some") {
    config.postPrompt = typeof agent.postPrompt.value === "string" ? agent.postPrompt.value : Pom.toMarkdown(agent.postPrompt.value)
  }
  Object.assign(config.params, ai.params ?? {})
  config.hints.push(...(ai.hints ?? []))
  config.languages.push(...(ai.languages ?? []))
  Object.assign(config.globalData, ai.global_data ?? {})
  config.nativeFunctions = [...new Set([...config.nativeFunctions, ...(ai.SWAIG?.native_functions ?? [])])]
  for (const entry of agent.tools) {
    if (Either.isLeft(entry.definition)) throw entry.definition.left
    const definition = entry.definition.right
    config.tools.set(entry.name, {
      name: entry.name,
      description: definition.description,
      parameters: (definition.parameters ?? {}) as Record<string, unknown>,
      secure: entry.secure,
      handler: (args, raw) =>
        Effect.runPromise(entry.run(args, callOf(entry.name, raw)).pipe(
          Effect.catchIf(
            (failure) => failure._tag === "SwaigArgumentError",
            (failure) =>
              Effect.succeed(Fr.make(
                `The function ${entry.name} was called with invalid arguments (${failure._tag === "SwaigArgumentError" ? failure.message : ""}). ` +
                  "Ask the caller for the missing or corrected details, then call it again."
              ))
          )
        ))
    })
  }
}
