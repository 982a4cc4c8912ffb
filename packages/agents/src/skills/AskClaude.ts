/**
 * The `ask_claude` skill (TypeScript reference only): `ask_claude(prompt, system_prompt?)` sends
 * one message to Anthropic's Messages API (`POST /v1/messages`, `x-api-key` and
 * `anthropic-version: 2023-06-01` headers) and answers the text of Claude's reply. `model` and
 * `max_tokens` configure the request. The key is `api_key` or `ANTHROPIC_API_KEY`, read when the
 * skill is added; `ANTHROPIC_BASE_URL` replaces `https://api.anthropic.com`.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as outbound from "../internal/skills/outbound.js"
import * as Skill from "../Skill.js"
import * as SkillHttp from "../SkillHttp.js"

const Message = Schema.Struct({
  content: Schema.Array(Schema.Struct({ type: Schema.String, text: Schema.optional(Schema.String) }))
})

/** Prompts longer than this are refused (a sub-query, not a document). */
const maxPrompt = 4 * SkillHttp.MAX_SKILL_INPUT_LENGTH

/**
 * The `ask_claude` skill (single instance; tool `ask_claude`). Its tool needs an `HttpClient`
 * where the agent is served.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { AskClaude } from "@signalwire-effect/agents/skills/AskClaude"
 *
 * const agent = AgentBase.make({ name: "helper", route: "/helper", prompt: "You help callers." }).pipe(
 *   AgentBase.addSkill(AskClaude, { max_tokens: 512 })
 * )
 * ```
 * @since 0.1.0
 */
export const AskClaude = Skill.make({
  name: "ask_claude",
  description: "Ask Anthropic's Claude for complex reasoning, analysis and sub-queries",
  parameters: Schema.Struct({
    api_key: outbound.apiKeyParam("ANTHROPIC_API_KEY"),
    model: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1)), { default: () => "claude-sonnet-4-5-20250929" })
      .annotations({ description: "The Claude model" }),
    max_tokens: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { default: () => 1024 }).annotations({
      description: "The longest answer, in tokens"
    }),
    timeout: outbound.timeoutParam(30)
  }),
  setup: (params) =>
    Effect.gen(function*() {
      const key = yield* outbound.secret(params.api_key, "ANTHROPIC_API_KEY")
      const api = yield* outbound.endpoint("ANTHROPIC_BASE_URL", "https://api.anthropic.com", params.timeout)
      const ask = (prompt: string, system: string | undefined) =>
        SkillHttp.postJson(
          `${api.base}/v1/messages`,
          {
            model: params.model,
            max_tokens: params.max_tokens,
            messages: [{ role: "user", content: prompt }],
            ...(system === undefined || system === "" ? {} : { system })
          },
          Message,
          {
            headers: { "x-api-key": Redacted.value(key), "anthropic-version": "2023-06-01" },
            allowPrivate: api.allowPrivate,
            timeout: api.timeout
          }
        ).pipe(
          Effect.map((m) => {
            const text = m.content.flatMap((b) => (b.type === "text" && b.text !== undefined && b.text !== "" ? [b.text] : []))
            return FunctionResult.make(
              text.length === 0 ? "Claude gave an empty answer. Try asking differently." : text.join("\n\n")
            )
          }),
          outbound.gracefully("ask_claude", outbound.unreachable("Claude service"))
        )
      return {
        tools: [Skill.tool({
          name: "ask_claude",
          description: "Send a prompt to Claude for detailed reasoning, analysis or summarizing, and get its answer",
          parameters: Schema.Struct({
            prompt: Schema.String.annotations({ description: "The prompt or question for Claude" }),
            system_prompt: Schema.optional(Schema.String.annotations({ description: "Instructions or context for Claude" }))
          }),
          handler: ({ prompt, system_prompt }): Effect.Effect<FunctionResult.FunctionResult, never, HttpClient.HttpClient> =>
            Either.match(SkillHttp.capInput(prompt, maxPrompt), {
              onLeft: () => Effect.succeed(outbound.tooLong("prompt")),
              onRight: (p) =>
                p === ""
                  ? Effect.succeed(FunctionResult.make("What should I ask Claude?"))
                  : ask(p, system_prompt?.trim().slice(0, maxPrompt))
            })
        })],
        promptSections: [{
          title: "Claude AI Assistant",
          body: "You can hand complex reasoning or analysis to Claude with the ask_claude tool.",
          bullets: [
            "Use ask_claude for detailed explanations, summaries or multi-step reasoning.",
            "You may give a system_prompt with instructions for Claude.",
            "Do not use it for simple facts you already know.",
            "Relay Claude's answer naturally and briefly."
          ],
          subsections: []
        }]
      }
    })
})
