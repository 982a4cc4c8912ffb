/**
 * The `api_ninjas_trivia` skill: `get_trivia(category?)` fetches a trivia question from API Ninjas
 * (`/v1/trivia`, key in the `X-Api-Key` header). `categories` limits the categories offered,
 * `default_category` is used when the caller names none, and `reveal_answer` says whether the
 * answer is given with the question (otherwise it is given to the AI to quiz the caller). The key
 * is `api_key` or `API_NINJAS_KEY`, read when the skill is added; `API_NINJAS_BASE_URL` replaces
 * `https://api.api-ninjas.com`. Several instances may be added under different `tool_name`s.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as outbound from "../internal/skills/outbound.js"
import * as Skill from "../Skill.js"
import * as SkillHttp from "../SkillHttp.js"

/**
 * The trivia categories of API Ninjas.
 *
 * @example
 * ```ts
 * import { TriviaCategory } from "@signalwire-effect/agents/skills/ApiNinjasTrivia"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(TriviaCategory)("music") // true
 * ```
 * @since 0.1.0
 */
export const TriviaCategory = Schema.Literal(
  "artliterature",
  "language",
  "sciencenature",
  "general",
  "fooddrink",
  "peopleplaces",
  "geography",
  "historyholidays",
  "entertainment",
  "toysgames",
  "music",
  "mathematics",
  "religionmythology",
  "sportsleisure"
)

const Trivia = Schema.Array(Schema.Struct({ category: Schema.String, question: Schema.String, answer: Schema.String }))

/**
 * The `api_ninjas_trivia` skill (multiple instances; default tool `get_trivia`). Its tool needs an
 * `HttpClient` where the agent is served.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { ApiNinjasTrivia } from "@signalwire-effect/agents/skills/ApiNinjasTrivia"
 *
 * const agent = AgentBase.make({ name: "quiz", route: "/quiz", prompt: "You run a quiz." }).pipe(
 *   AgentBase.addSkill(ApiNinjasTrivia, { categories: ["music", "geography"], default_category: "music" })
 * )
 * ```
 * @since 0.1.0
 */
export const ApiNinjasTrivia = Skill.make({
  name: "api_ninjas_trivia",
  description: "Get trivia questions from API Ninjas",
  multipleInstances: true,
  parameters: Schema.Struct({
    api_key: outbound.apiKeyParam("API_NINJAS_KEY"),
    categories: Schema.optional(Schema.Array(TriviaCategory)).annotations({
      description: "The categories offered (default: all)"
    }),
    default_category: Schema.optional(TriviaCategory).annotations({
      description: "The category used when the caller names none (default: any)"
    }),
    reveal_answer: Schema.optionalWith(Schema.Boolean, { default: () => false }).annotations({
      description: "Give the answer with the question (default: the AI quizzes the caller)"
    }),
    timeout: outbound.timeoutParam(10)
  }),
  setup: (params, context) =>
    Effect.gen(function*() {
      const key = yield* outbound.secret(params.api_key, "API_NINJAS_KEY")
      const api = yield* outbound.endpoint("API_NINJAS_BASE_URL", "https://api.api-ninjas.com", params.timeout)
      const toolName = context.toolName ?? "get_trivia"
      const enabled: ReadonlyArray<string> = params.categories !== undefined && params.categories.length > 0
        ? params.categories
        : TriviaCategory.literals
      const fetchTrivia = (category: string | undefined) =>
        SkillHttp.getJson(`${api.base}/v1/trivia`, Trivia, {
          query: { category },
          headers: { "X-Api-Key": Redacted.value(key) },
          allowPrivate: api.allowPrivate,
          timeout: api.timeout
        }).pipe(
          Effect.map((items) => {
            const item = items[0]
            if (item === undefined) return FunctionResult.make("No trivia question came back. Let's try another category.")
            return FunctionResult.make(
              params.reveal_answer
                ? `Trivia (${item.category}): ${item.question} Answer: ${item.answer}`
                : `A trivia question from the ${item.category} category: ${item.question} ` +
                  `[The answer is: ${item.answer}. Keep it to yourself until the caller has answered or asks for it.]`
            )
          }),
          outbound.gracefully("api_ninjas_trivia", outbound.unreachable("trivia service"))
        )
      return {
        tools: [Skill.tool({
          name: toolName,
          description: "Get a random trivia question, optionally from a category",
          parameters: Schema.Struct({
            category: Schema.optional(Schema.String.annotations({
              description: `The category: ${enabled.join(", ")} (default: ${params.default_category ?? "any"})`
            }))
          }),
          handler: ({ category }): Effect.Effect<FunctionResult.FunctionResult, never, HttpClient.HttpClient> => {
            const asked = category?.toLowerCase().replace(/[\s_&-]/g, "").slice(0, 100)
            const wanted = asked === undefined || asked === "" ? params.default_category : asked
            if (wanted !== undefined && !enabled.includes(wanted)) {
              return Effect.succeed(FunctionResult.make(`I have no "${wanted}" trivia. Categories: ${enabled.join(", ")}.`))
            }
            return fetchTrivia(wanted)
          }
        })],
        hints: ["trivia", "quiz", "question", "fun fact"],
        promptSections: [{
          title: "Trivia Questions",
          body: "You can ask the caller trivia questions from several categories.",
          bullets: [
            `Use the ${toolName} tool to get a trivia question.`,
            `Categories: ${enabled.join(", ")}.`,
            params.reveal_answer
              ? "The answer comes with the question: share both."
              : "Ask the question and let the caller answer before you reveal the answer; give a hint if they struggle.",
            "Keep it light and offer another question."
          ],
          subsections: []
        }]
      }
    })
})
