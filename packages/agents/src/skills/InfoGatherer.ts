/**
 * The `info_gatherer` skill (multi-instance by `prefix`): asks `questions` one at a time.
 * `start_questions` answers the first question; `submit_answer(answer, confirmed_by_user?)` saves
 * the answer and answers the next question (a question with `confirm` is refused until the caller
 * confirmed). The state lives in the call's global data under `skill:<prefix>` (or
 * `skill:info_gatherer`), sent back by the platform with every call; after the last answer the
 * completion message is answered and both tools are turned off. With `prefix` the tools are
 * `<prefix>_start_questions` and `<prefix>_submit_answer`.
 *
 * @since 0.1.0
 */
import { FunctionResult } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Skill from "../Skill.js"

const Question = Schema.Struct({
  key_name: Schema.String.annotations({ description: "The key the answer is saved under" }),
  question_text: Schema.String.annotations({ description: "The question to ask" }),
  confirm: Schema.optional(Schema.Boolean).annotations({ description: "Read the answer back and get a confirmation first" }),
  prompt_add: Schema.optional(Schema.String).annotations({ description: "Extra instructions for this question" })
})

const completion = "Thank you! All questions have been answered. You can now summarize the information collected " +
  "or ask if there's anything else the user would like to discuss."

const Parameters = Schema.Struct({
  questions: Schema.NonEmptyArray(Question).annotations({ description: "The questions, asked in order" }),
  prefix: Schema.optional(Schema.String.pipe(Schema.pattern(/^[A-Za-z_][A-Za-z0-9_]*$/))).annotations({
    description: "Prefix of the tool names and of the state's namespace (skill:<prefix>); one instance per prefix"
  }),
  completion_message: Schema.optionalWith(Schema.String, { default: () => completion })
})

/** The state kept in global data (what the platform sends back with each call). */
const State = Schema.Struct({
  questions: Schema.Array(Question),
  question_index: Schema.Int,
  answers: Schema.Array(Schema.Struct({ key_name: Schema.String, answer: Schema.String }))
})
type State = typeof State.Type

const instruction = (
  question: typeof Question.Type,
  first: boolean,
  submit: string,
  number: number,
  total: number
): string =>
  (first
    ? `Ask each question one at a time, wait for the user's answer, then call ${submit} with their answer. ` +
      `Do not reuse previous answers.\n\n[Question ${number} of ${total}]: "${question.question_text}"`
    : `Previous answer saved. [Question ${number} of ${total}]: "${question.question_text}"`) +
  (question.prompt_add === undefined || question.prompt_add === "" ? "" : `\nNote: ${question.prompt_add}`) +
  (question.confirm === true
    ? `\nThis question requires confirmation. Read the answer back to the user and ask them to confirm it is correct ` +
      `before calling ${submit}. If they say it is wrong, ask the question again.`
    : "")

/**
 * The `info_gatherer` skill.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { InfoGatherer } from "@signalwire-effect/agents/skills/InfoGatherer"
 *
 * const agent = AgentBase.make({ name: "intake", route: "/intake", prompt: "You take details." }).pipe(
 *   AgentBase.addSkill(InfoGatherer, {
 *     prefix: "intake",
 *     questions: [
 *       { key_name: "name", question_text: "What is your name?" },
 *       { key_name: "email", question_text: "What is your email?", confirm: true }
 *     ]
 *   })
 * )
 * ```
 * @since 0.1.0
 */
export const InfoGatherer = Skill.make({
  name: "info_gatherer",
  description: "Gather answers to a configurable list of questions",
  multipleInstances: true,
  parameters: Parameters,
  instanceName: (params) => params.prefix,
  setup: (params, context) =>
    Effect.sync(() => {
      const start = params.prefix === undefined ? "start_questions" : `${params.prefix}_start_questions`
      const submit = params.prefix === undefined ? "submit_answer" : `${params.prefix}_submit_answer`
      const namespace = `skill:${params.prefix ?? context.instanceKey}`
      const initial: State = { questions: params.questions, question_index: 0, answers: [] }
      /** The state the platform sent back; absent or unreadable → the configured start. */
      const stateOf = (call: Skill.ToolCall): State =>
        Option.getOrElse(Schema.decodeUnknownOption(State)(call.globalData?.[namespace]), () => initial)
      return {
        tools: [
          Skill.tool({
            name: start,
            description: "Start the question sequence with the first question",
            parameters: Schema.Struct({}),
            handler: (_, call) =>
              Effect.sync(() => {
                const state = stateOf(call)
                const current = state.questions[state.question_index]
                if (current === undefined) return FunctionResult.make("I don't have any questions to ask.")
                return FunctionResult.make(instruction(current, true, submit, state.question_index + 1, state.questions.length))
              })
          }),
          Skill.tool({
            name: submit,
            description: "Submit an answer to the current question and move to the next one",
            parameters: Schema.Struct({
              answer: Schema.String.annotations({ description: "The user's answer to the current question" }),
              confirmed_by_user: Schema.optional(Schema.Boolean.annotations({
                description: "True only when the user explicitly confirmed the answer in their latest response. Never set it on your own."
              }))
            }),
            handler: ({ answer, confirmed_by_user }, call) =>
              Effect.sync(() => {
                const state = stateOf(call)
                const current = state.questions[state.question_index]
                if (current === undefined) return FunctionResult.make("All questions have already been answered.")
                if (current.confirm === true && confirmed_by_user !== true) {
                  return FunctionResult.make(
                    `Before submitting, read the answer "${answer}" back to the user and ask them to confirm it is correct. ` +
                      "Then call this function again with confirmed_by_user set to true. If the user says it is wrong, ask the question again."
                  )
                }
                const next: State = {
                  questions: state.questions,
                  question_index: state.question_index + 1,
                  answers: [...state.answers, { key_name: current.key_name, answer }]
                }
                const following = state.questions[next.question_index]
                const result = following === undefined
                  ? FunctionResult.make(params.completion_message).pipe(
                    FunctionResult.toggleFunctions([{ function: start, active: false }, { function: submit, active: false }])
                  )
                  : FunctionResult.make(instruction(following, false, submit, next.question_index + 1, state.questions.length))
                return result.pipe(FunctionResult.updateGlobalData({ [namespace]: next }))
              })
          })
        ],
        globalData: { [namespace]: initial },
        promptSections: [{
          title: `Info Gatherer (${context.instanceKey})`,
          body: "You need to gather answers to a series of questions from the user. Introduce yourself and ask the user " +
            `if they are ready to answer some questions. Once they are, call ${start} to get the first question. ` +
            `Ask it, wait for the answer, then call ${submit} with the answer they gave. Each call to ${submit} ` +
            "returns the next question. Repeat until all questions are complete.",
          bullets: [],
          subsections: []
        }]
      }
    })
})
