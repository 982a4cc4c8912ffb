/**
 * A prefab agent that asks a list of questions one at a time and records the answers. The state
 * lives in the call's global data (`questions`, `question_index`, `answers`) and the tools move it
 * forward with `set_global_data` actions, so any replica can answer any tool call.
 *
 * Questions are fixed (`questions`) or chosen per call from the SWML request (`questionCallback`);
 * with neither, or when the callback fails, the fallback questions ask for a name and a message.
 *
 * ```ts
 * import { InfoGatherer, NodeServer } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 *
 * const program = Effect.gen(function*() {
 *   const intake = yield* InfoGatherer.make({
 *     questions: [
 *       { key_name: "name", question_text: "What is your name?" },
 *       { key_name: "email", question_text: "What is your email address?", confirm: true }
 *     ]
 *   })
 *   return yield* Layer.launch(NodeServer.layer([intake], { port: 3000 }))
 * })
 * ```
 *
 * Tools: `start_questions` (the first question) and `submit_answer(answer)` (record it, then the
 * next question). Default route `/info_gatherer`.
 *
 * @since 0.1.0
 */
import { Ai, FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as AgentBase from "../AgentBase.js"
import type { PrefabConfigError } from "../AgentError.js"
import * as P from "../internal/prefab.js"
import type * as SWMLService from "../SWMLService.js"

/**
 * One question: the key its answer is stored under, the text to ask, and whether the caller must
 * confirm the answer.
 *
 * @example
 * ```ts
 * import { InfoGatherer } from "@signalwire-effect/agents"
 *
 * const q: InfoGatherer.Question = { key_name: "email", question_text: "What is your email address?", confirm: true }
 * ```
 * @since 0.1.0
 */
export interface Question {
  readonly key_name: string
  readonly question_text: string
  readonly confirm?: boolean | undefined
}

/**
 * The schema of a {@link Question} (both texts non-empty).
 *
 * @example
 * ```ts
 * import { InfoGatherer } from "@signalwire-effect/agents"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(InfoGatherer.Question)({ key_name: "name", question_text: "Your name?" }) // true
 * ```
 * @since 0.1.0
 */
export const Question: Schema.Schema<Question> = Schema.Struct({
  key_name: Schema.NonEmptyString,
  question_text: Schema.NonEmptyString,
  confirm: Schema.optional(Schema.Boolean)
})

const Questions = Schema.NonEmptyArray(Question)

/**
 * The options: fixed `questions`, or a `questionCallback` choosing them per call from the SWML
 * request (its failures and invalid answers fall back to the fallback questions, logged), plus the
 * options of every prefab (`name`, `route`, `agentOptions`, `secure`).
 *
 * @example
 * ```ts
 * import { InfoGatherer } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const options: InfoGatherer.Options<never, never> = {
 *   questionCallback: (request) =>
 *     Effect.succeed(request.query["intake"] === "medical"
 *       ? [{ key_name: "dob", question_text: "What is your date of birth?" }]
 *       : [{ key_name: "message", question_text: "How can we help?" }])
 * }
 * ```
 * @since 0.1.0
 */
export interface Options<E, R> extends P.Common {
  readonly questions?: ReadonlyArray<Question> | undefined
  readonly questionCallback?: ((request: SWMLService.CallRequest) => Effect.Effect<ReadonlyArray<Question>, E, R>) | undefined
}

/**
 * The questions asked when no questions are configured and no callback gave valid ones.
 *
 * @example
 * ```ts
 * import { InfoGatherer } from "@signalwire-effect/agents"
 *
 * InfoGatherer.fallbackQuestions.map((q) => q.key_name) // ["name", "message"]
 * ```
 * @since 0.1.0
 */
export const fallbackQuestions: ReadonlyArray<Question> = [
  { key_name: "name", question_text: "What is your name?" },
  { key_name: "message", question_text: "How can I help you today?" }
]

const state = (questions: ReadonlyArray<Question>) => ({ questions, question_index: 0, answers: [] })

const instruction = (question: Question, first: boolean) =>
  `${first ? "" : "The previous answer is recorded. "}Ask the caller: ${question.question_text}\n\n` +
  "Check that the answer actually answers this question before submitting it. " +
  (question.confirm === true
    ? "Read the answer back and have the caller confirm it is correct before you submit it; repeat until they do."
    : "The caller does not need to confirm this answer.")

interface Progress {
  readonly questions: ReadonlyArray<Question>
  readonly index: number
  readonly answers: ReadonlyArray<{ readonly key_name: string; readonly answer: string }>
}

const Progress = Schema.Struct({
  questions: Schema.optionalWith(Schema.Array(Question), { default: () => [] }),
  question_index: Schema.optionalWith(Schema.NonNegativeInt, { default: () => 0 }),
  answers: Schema.optionalWith(Schema.Array(Schema.Struct({ key_name: Schema.String, answer: Schema.String })), { default: () => [] })
})

const progressOf = (data: { readonly [key: string]: unknown }): Progress =>
  Either.match(Schema.decodeUnknownEither(Progress)(data), {
    onLeft: () => ({ questions: [], index: 0, answers: [] }),
    onRight: (p) => ({ questions: p.questions, index: p.question_index, answers: p.answers })
  })

/**
 * The information-gathering agent: validates the options (a `PrefabConfigError` names the bad
 * field), then builds the agent (POM prompt, `end_of_speech_timeout` 800, `speech_event_timeout`
 * 1000, the questions in global data, the two tools).
 *
 * @example
 * ```ts
 * import { InfoGatherer } from "@signalwire-effect/agents"
 *
 * const agent = InfoGatherer.make({ questions: [{ key_name: "name", question_text: "What is your name?" }], route: "/intake" })
 * ```
 * @since 0.1.0
 */
export const make = <E = never, R = never>(options: Options<E, R> = {}): Effect.Effect<AgentBase.AgentBase<R>, PrefabConfigError> =>
  Effect.gen(function*() {
    const fixed = options.questions === undefined ? undefined : yield* P.decode("InfoGatherer", Schema.Struct({ questions: Questions }), { questions: options.questions })
    const objective = fixed === undefined
      ? "You gather information from the caller by asking questions. First ask whether they are ready to answer a few questions; once they agree, call start_questions."
      : "You collect the caller's answers to a series of questions. First ask whether they are ready to answer a few questions; once they agree, call start_questions."
    const secure = options.secure ?? true
    let agent: AgentBase.AgentBase<R> = P.base(options, { name: "info_gatherer", route: "/info_gatherer" }, P.pom(["Objective", { body: objective }])).pipe(
      AgentBase.withAi(Ai.withParams({ end_of_speech_timeout: 800, speech_event_timeout: 1000 })),
      AgentBase.withAi(Ai.withGlobalData(state(fixed?.questions ?? fallbackQuestions))),
      AgentBase.tool({
        name: "start_questions",
        description: "Start the questions: returns the first question to ask",
        parameters: Schema.Struct({}),
        secure,
        handler: (_, call) => {
          const { index, questions } = progressOf(P.globalData(call))
          const current = questions[index]
          return Effect.succeed(
            current === undefined
              ? FunctionResult.make("There are no questions to ask.")
              : FunctionResult.make(instruction(current, index === 0)).pipe(FunctionResult.replaceInHistory("Starting the questions."))
          )
        }
      }),
      AgentBase.tool({
        name: "submit_answer",
        description: "Submit the caller's answer to the current question; returns the next question",
        parameters: Schema.Struct({ answer: Schema.String.annotations({ description: "The caller's answer to the current question" }) }),
        secure,
        handler: ({ answer }, call) => {
          const { answers, index, questions } = progressOf(P.globalData(call))
          const current = questions[index]
          if (current === undefined) return Effect.succeed(FunctionResult.make("Every question has already been answered."))
          const next = questions[index + 1]
          const update = { answers: [...answers, { key_name: current.key_name, answer }], question_index: index + 1 }
          return Effect.succeed(
            FunctionResult.make(
              next === undefined
                ? "All questions are answered. Summarise what the caller told you, or ask whether there is anything else."
                : instruction(next, false)
            ).pipe(FunctionResult.replaceInHistory(), FunctionResult.updateGlobalData(update))
          )
        }
      })
    )
    const callback = options.questionCallback
    if (fixed === undefined && callback !== undefined) {
      agent = agent.pipe(AgentBase.dynamic((request, current) =>
        // Tool calls and post-prompts carry the state in their global data: only SWML fetches ask.
        typeof request.body["function"] === "string" || request.body["post_prompt_data"] !== undefined
          ? Effect.succeed(current)
          : callback(request).pipe(
            Effect.flatMap((questions) => Schema.decodeUnknown(Questions)(questions)),
            Effect.catchAllCause((cause) =>
              Effect.as(Effect.logError("InfoGatherer: the question callback failed; asking the fallback questions", cause), fallbackQuestions)
            ),
            Effect.map((questions) => current.pipe(AgentBase.withAi(Ai.withGlobalData(state(questions)))))
          )
      ))
    }
    return agent
  })
