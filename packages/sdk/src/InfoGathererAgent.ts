/**
 * `InfoGathererAgent`: SignalWire's prefab that asks questions one at a time, built by the Effect
 * prefab `InfoGatherer` of `@signalwire-effect/agents` (state in global data: `questions`,
 * `question_index`, `answers`; tools `start_questions` and `submit_answer`).
 *
 * @since 0.1.0
 */
import { InfoGatherer } from "@signalwire-effect/agents"
import * as Schema from "effect/Schema"
import { AgentBase } from "./AgentBase.js"
import type { AgentOptions } from "./AgentOptions.js"
import { adopt, build } from "./internal/prefab.js"

/**
 * One question: the key of its answer, the text, whether the caller must confirm.
 *
 * @example
 * ```ts
 * import type { InfoGathererQuestion } from "@signalwire-effect/sdk"
 *
 * const q: InfoGathererQuestion = { key_name: "email", question_text: "Your email?", confirm: true }
 * ```
 * @since 0.1.0
 */
export interface InfoGathererQuestion {
  key_name: string
  question_text: string
  confirm?: boolean
}

/**
 * Chooses the questions of a call from the SWML request (query parameters, body, headers).
 *
 * @example
 * ```ts
 * import type { InfoGathererQuestionCallback } from "@signalwire-effect/sdk"
 *
 * const byQuery: InfoGathererQuestionCallback = (query) =>
 *   query["intake"] === "medical" ? [{ key_name: "dob", question_text: "Date of birth?" }] : [{ key_name: "message", question_text: "How can we help?" }]
 * ```
 * @since 0.1.0
 */
export type InfoGathererQuestionCallback = (
  queryParams: Record<string, string>,
  bodyParams: Record<string, unknown>,
  headers: Record<string, string>
) => Array<InfoGathererQuestion> | Promise<Array<InfoGathererQuestion>>

/**
 * The options: `questions` (fixed), or `questionCallback` (per call), `name`, `route`,
 * `agentOptions`.
 *
 * @example
 * ```ts
 * import type { InfoGathererConfig } from "@signalwire-effect/sdk"
 *
 * const config: InfoGathererConfig = { questions: [{ key_name: "name", question_text: "What is your name?" }], route: "/intake" }
 * ```
 * @since 0.1.0
 */
export interface InfoGathererConfig {
  questions?: Array<InfoGathererQuestion>
  questionCallback?: InfoGathererQuestionCallback
  name?: string
  route?: string
  agentOptions?: Partial<AgentOptions>
}

const decodeQuestions = Schema.decodeUnknownEither(Schema.NonEmptyArray(InfoGatherer.Question))

/**
 * Asks a list of questions one at a time and records the answers in global data. An invalid
 * configuration throws `AgentError.PrefabConfigError` naming the field.
 *
 * @example
 * ```ts
 * import { InfoGathererAgent } from "@signalwire-effect/sdk"
 *
 * const agent = new InfoGathererAgent({
 *   questions: [
 *     { key_name: "name", question_text: "What is your name?" },
 *     { key_name: "email", question_text: "What is your email address?", confirm: true }
 *   ]
 * })
 * await agent.serve({ port: 3000 })
 * ```
 * @since 0.1.0
 */
export class InfoGathererAgent extends AgentBase {
  private questionCallback: InfoGathererQuestionCallback | undefined

  constructor(config: InfoGathererConfig = {}) {
    super({ name: config.name ?? "info_gatherer", route: config.route ?? "/info_gatherer", ...config.agentOptions })
    adopt(this.config, build(InfoGatherer.make(config.questions === undefined ? {} : { questions: config.questions })))
    this.questionCallback = config.questionCallback
    if (config.questions === undefined) {
      this.setDynamicConfigCallback(async (query, body, headers, agent) => {
        // Tool calls and post-prompts carry the state in their global data: only SWML fetches choose questions.
        if (typeof body["function"] === "string" || body["post_prompt_data"] !== undefined || this.questionCallback === undefined) return
        let questions: ReadonlyArray<InfoGatherer.Question> = InfoGatherer.fallbackQuestions
        try {
          const decoded = decodeQuestions(await this.questionCallback(query, body, headers))
          if (decoded._tag === "Right") questions = decoded.right
          else console.error(`InfoGathererAgent: the question callback returned invalid questions: ${decoded.left.message}`)
        } catch (error) {
          console.error(`InfoGathererAgent: the question callback failed: ${String(error)}`)
        }
        agent.setGlobalData({ questions, question_index: 0, answers: [] })
      })
    }
  }

  /** Choose the questions per call (used when no `questions` were given). */
  setQuestionCallback(callback: InfoGathererQuestionCallback): this {
    this.questionCallback = callback
    return this
  }
}

/**
 * `new InfoGathererAgent(config)`.
 *
 * @example
 * ```ts
 * import { createInfoGathererAgent } from "@signalwire-effect/sdk"
 *
 * const agent = createInfoGathererAgent({ questions: [{ key_name: "name", question_text: "Your name?" }] })
 * ```
 * @since 0.1.0
 */
export const createInfoGathererAgent = (config: InfoGathererConfig = {}): InfoGathererAgent => new InfoGathererAgent(config)
