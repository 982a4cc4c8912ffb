/**
 * `SurveyAgent`: SignalWire's survey prefab, built by the Effect prefab `Survey` of
 * `@signalwire-effect/agents` (typed questions validated, branching, score; the progress in
 * global data as `survey_progress`; tools `validate_response`, `log_response`,
 * `answer_question`, `get_current_question`, `get_survey_progress`).
 *
 * @since 0.1.0
 */
import { Survey } from "@signalwire-effect/agents"
import * as Effect from "effect/Effect"
import { AgentBase } from "./AgentBase.js"
import type { AgentOptions } from "./AgentOptions.js"
import { adopt, build } from "./internal/prefab.js"

/**
 * A survey question: `rating` (1..`scale`, default 5), `multiple_choice` (`options`), `yes_no`,
 * `open_ended`; `nextQuestion` branches (an id, or answer → id with `_default`); `points` scores.
 *
 * @example
 * ```ts
 * import type { SurveyQuestion } from "@signalwire-effect/sdk"
 *
 * const q: SurveyQuestion = { id: "recommend", text: "Would you recommend us?", type: "yes_no", nextQuestion: { no: "why" } }
 * ```
 * @since 0.1.0
 */
export interface SurveyQuestion {
  id: string
  text: string
  type: "multiple_choice" | "open_ended" | "rating" | "yes_no"
  options?: Array<string>
  scale?: number
  required?: boolean
  nextQuestion?: string | Record<string, string>
  points?: number | Record<string, number>
}

/**
 * The options of a {@link SurveyAgent}.
 *
 * @example
 * ```ts
 * import type { SurveyConfig } from "@signalwire-effect/sdk"
 *
 * const config: SurveyConfig = { surveyName: "NPS", questions: [{ id: "nps", text: "From 1 to 10?", type: "rating", scale: 10 }] }
 * ```
 * @since 0.1.0
 */
export interface SurveyConfig {
  surveyName: string
  questions: Array<SurveyQuestion>
  introduction?: string
  conclusion?: string
  brandName?: string
  maxRetries?: number
  name?: string
  route?: string
  onComplete?: (responses: Record<string, unknown>, score: number) => void | Promise<void>
  agentOptions?: Partial<AgentOptions>
}

/**
 * Runs a survey: validates each answer for its question's type, branches, scores, and calls
 * `onComplete(responses, score)` once the last answer is recorded. An invalid configuration throws
 * `AgentError.PrefabConfigError` naming the field.
 *
 * @example
 * ```ts
 * import { SurveyAgent } from "@signalwire-effect/sdk"
 *
 * const agent = new SurveyAgent({
 *   surveyName: "Customer satisfaction",
 *   brandName: "Acme",
 *   questions: [
 *     { id: "rating", text: "How would you rate our service?", type: "rating", scale: 5 },
 *     { id: "recommend", text: "Would you recommend us?", type: "yes_no" }
 *   ],
 *   onComplete: async (responses, score) => console.log(responses, score)
 * })
 * ```
 * @since 0.1.0
 */
export class SurveyAgent extends AgentBase {
  readonly surveyName: string
  readonly questions: Array<SurveyQuestion>

  constructor(config: SurveyConfig) {
    super({ name: config.name ?? "survey", route: config.route ?? "/survey", ...config.agentOptions })
    this.surveyName = config.surveyName
    this.questions = config.questions
    const { agentOptions: _, name: __, onComplete, route: ___, ...options } = config
    adopt(this.config, build(Survey.make({
      ...options,
      ...(onComplete === undefined ? {} : { onComplete: (responses, score) => Effect.tryPromise(async () => await onComplete({ ...responses }, score)) })
    })))
  }
}

/**
 * `new SurveyAgent(config)`.
 *
 * @example
 * ```ts
 * import { createSurveyAgent } from "@signalwire-effect/sdk"
 *
 * const agent = createSurveyAgent({ surveyName: "Poll", questions: [{ id: "q", text: "Happy?", type: "yes_no" }] })
 * ```
 * @since 0.1.0
 */
export const createSurveyAgent = (config: SurveyConfig): SurveyAgent => new SurveyAgent(config)
