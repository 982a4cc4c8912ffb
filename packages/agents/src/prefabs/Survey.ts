/**
 * A prefab agent that runs a survey: typed questions (`rating` 1..scale, `multiple_choice`,
 * `yes_no`, `open_ended`) with validation, branching (`nextQuestion`, by answer or fixed) and a
 * score (`points`, fixed or per answer). The progress (current question, responses, score,
 * completed) lives in the call's global data under `survey_progress`, moved forward by
 * `set_global_data` actions; `onComplete` runs once when the last answer is recorded.
 *
 * ```ts
 * import { Survey } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * const csat = Survey.make({
 *   surveyName: "Customer satisfaction",
 *   brandName: "Acme",
 *   questions: [
 *     { id: "rating", text: "How would you rate our service?", type: "rating", scale: 5, points: { "5": 10, "4": 5 } },
 *     { id: "recommend", text: "Would you recommend us?", type: "yes_no", nextQuestion: { no: "why", _default: "done" } },
 *     { id: "why", text: "What should we improve?", type: "open_ended" },
 *     { id: "done", text: "Anything else?", type: "open_ended", required: false }
 *   ],
 *   onComplete: (responses, score) => Effect.log("survey complete", responses, score)
 * })
 * ```
 *
 * Tools: `validate_response`, `log_response`, `answer_question` (validate, record, score, branch),
 * `get_current_question`, `get_survey_progress`. Default route `/survey`.
 *
 * @since 0.1.0
 */
import { Ai, FunctionResult, Pom } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as AgentBase from "../AgentBase.js"
import type { PrefabConfigError } from "../AgentError.js"
import * as P from "../internal/prefab.js"

/**
 * The schema of a survey question. `id` defaults to `question_<n>`, `required` to true, `scale`
 * (rating) to 5; `options` are required for `multiple_choice`. `nextQuestion` is a question id,
 * or a map from answer to id (`_default` for any other answer); without it the survey goes on in
 * order. `points` is a number for any answer, or a map from answer to points.
 *
 * @example
 * ```ts
 * import { Survey } from "@signalwire-effect/agents"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(Survey.Question)({ id: "q1", text: "Rate us", type: "rating", scale: 10 }) // true
 * ```
 * @since 0.1.0
 */
export const Question = Schema.Struct({
  id: Schema.optional(Schema.NonEmptyString),
  text: Schema.NonEmptyString,
  type: Schema.Literal("rating", "multiple_choice", "yes_no", "open_ended"),
  options: Schema.optional(Schema.Array(Schema.NonEmptyString)),
  scale: Schema.optional(Schema.Int.pipe(Schema.between(1, 100))),
  required: Schema.optional(Schema.Boolean),
  nextQuestion: Schema.optional(Schema.Union(Schema.String, Schema.Record({ key: Schema.String, value: Schema.String }))),
  points: Schema.optional(Schema.Union(Schema.Number, Schema.Record({ key: Schema.String, value: Schema.Number })))
})

/**
 * A survey question (see {@link Question}).
 *
 * @example
 * ```ts
 * import type { Survey } from "@signalwire-effect/agents"
 *
 * const q: Survey.Question = { id: "color", text: "Favourite colour?", type: "multiple_choice", options: ["red", "blue"] }
 * ```
 * @since 0.1.0
 */
export type Question = typeof Question.Type

/**
 * The options: the survey's name and questions, the introduction (spoken first, not bargeable),
 * conclusion, brand name ("Our Company"), retries allowed for invalid answers (2), and
 * `onComplete` (an Effect run once with the responses and the score), plus the options of every
 * prefab (`name`, `route`, `agentOptions`, `secure`).
 *
 * @example
 * ```ts
 * import type { Survey } from "@signalwire-effect/agents"
 *
 * const options: Survey.Options<never, never> = { surveyName: "NPS", questions: [{ id: "nps", text: "0 to 10?", type: "rating", scale: 10 }] }
 * ```
 * @since 0.1.0
 */
export interface Options<E, R> extends P.Common {
  readonly surveyName: string
  readonly questions: ReadonlyArray<Question>
  readonly introduction?: string | undefined
  readonly conclusion?: string | undefined
  readonly brandName?: string | undefined
  readonly maxRetries?: number | undefined
  readonly onComplete?: ((responses: { readonly [id: string]: string }, score: number) => Effect.Effect<void, E, R>) | undefined
}

const Config = Schema.Struct({
  surveyName: Schema.NonEmptyString,
  questions: Schema.NonEmptyArray(Question),
  introduction: Schema.optional(Schema.String),
  conclusion: Schema.optional(Schema.String),
  brandName: Schema.optional(Schema.String),
  maxRetries: Schema.optional(Schema.NonNegativeInt)
})

interface Resolved {
  readonly id: string
  readonly text: string
  readonly type: Question["type"]
  readonly options: ReadonlyArray<string>
  readonly scale: number
  readonly required: boolean
  readonly nextQuestion: Question["nextQuestion"]
  readonly points: Question["points"]
}

/** The progress of one call, kept in global data as `survey_progress`. */
interface SurveyProgress {
  readonly current_question: string
  readonly responses: { readonly [id: string]: string }
  readonly score: number
  readonly completed: boolean
}

const ProgressSchema = Schema.Struct({
  current_question: Schema.String,
  responses: Schema.Record({ key: Schema.String, value: Schema.String }),
  score: Schema.Number,
  completed: Schema.Boolean
})

const questionId = Schema.String.annotations({ description: "The id of the question" })
const ResponseArgs = Schema.Struct({ question_id: questionId, response: Schema.String.annotations({ description: "The caller's response" }) })
const AnswerArgs = Schema.Struct({ question_id: questionId, answer: Schema.String.annotations({ description: "The caller's answer" }) })

const norm = (s: string) => s.trim().toLowerCase()

const resolve = (questions: ReadonlyArray<Question>): Either.Either<ReadonlyArray<Resolved>, PrefabConfigError> => {
  const resolved = questions.map((q, i): Resolved => ({
    id: q.id ?? `question_${i + 1}`,
    text: q.text,
    type: q.type,
    options: q.options ?? [],
    scale: q.scale ?? 5,
    required: q.required ?? true,
    nextQuestion: q.nextQuestion,
    points: q.points
  }))
  const ids = new Set<string>()
  for (const [i, q] of resolved.entries()) {
    if (ids.has(q.id)) return Either.left(P.invalid("Survey", `questions[${i}].id`, `the id ${q.id} is used twice`))
    ids.add(q.id)
    if (q.type === "multiple_choice" && q.options.length === 0) {
      return Either.left(P.invalid("Survey", `questions[${i}].options`, "a multiple_choice question needs options"))
    }
  }
  for (const [i, q] of resolved.entries()) {
    const targets = q.nextQuestion === undefined ? [] : typeof q.nextQuestion === "string" ? [["", q.nextQuestion] as const] : Object.entries(q.nextQuestion)
    for (const [answer, target] of targets) {
      if (!ids.has(target)) {
        return Either.left(P.invalid("Survey", `questions[${i}].nextQuestion${answer === "" ? "" : `.${answer}`}`, `no question has the id ${target}`))
      }
    }
  }
  return Either.right(resolved)
}

/** Why an answer does not fit its question, or undefined when it does. */
const problem = (q: Resolved, answer: string): string | undefined => {
  const a = norm(answer)
  switch (q.type) {
    case "multiple_choice":
      return q.options.some((o) => norm(o) === a) ? undefined : `That is not one of the choices. The choices are: ${q.options.join(", ")}.`
    case "rating": {
      const n = /^\d+$/.test(a) ? Number(a) : Number.NaN
      return n >= 1 && n <= q.scale ? undefined : `The rating must be a whole number from 1 to ${q.scale}.`
    }
    case "yes_no":
      return ["yes", "y", "no", "n"].includes(a) ? undefined : "The answer must be yes or no."
    case "open_ended":
      return q.required && a === "" ? "This question needs an answer." : undefined
  }
}

const normalize = (q: Resolved, answer: string): string => {
  switch (q.type) {
    case "yes_no":
      return ["yes", "y"].includes(norm(answer)) ? "yes" : "no"
    case "multiple_choice":
      return q.options.find((o) => norm(o) === norm(answer)) ?? answer
    case "rating":
      return String(Number(norm(answer)))
    case "open_ended":
      return answer.trim()
  }
}

const pointsOf = (q: Resolved, answer: string): number =>
  q.points === undefined ? 0 : typeof q.points === "number" ? q.points : Object.entries(q.points).find(([k]) => norm(k) === norm(answer))?.[1] ?? 0

const nextOf = (questions: ReadonlyArray<Resolved>, q: Resolved, answer: string): string | undefined => {
  const inOrder = questions[questions.findIndex((x) => x.id === q.id) + 1]?.id
  if (q.nextQuestion === undefined) return inOrder
  if (typeof q.nextQuestion === "string") return q.nextQuestion
  return Object.entries(q.nextQuestion).find(([k]) => norm(k) === norm(answer))?.[1] ?? q.nextQuestion["_default"] ?? inOrder
}

const describe = (q: Resolved): string =>
  q.type === "multiple_choice"
    ? ` (choices: ${q.options.join(", ")})`
    : q.type === "rating"
    ? ` (a rating from 1 to ${q.scale})`
    : q.type === "yes_no"
    ? " (yes or no)"
    : ""

/**
 * The survey agent: validates the options (a `PrefabConfigError` names the bad field: a missing
 * text, a multiple-choice question without options, a `nextQuestion` to an unknown id, …), then
 * builds the agent (POM prompt, JSON summary post-prompt, hints, the introduction as a static
 * greeting, the survey and its progress in global data, `check_time`, the five tools).
 *
 * @example
 * ```ts
 * import { Survey } from "@signalwire-effect/agents"
 *
 * const agent = Survey.make({ surveyName: "Quick poll", questions: [{ id: "happy", text: "Are you happy with us?", type: "yes_no" }] })
 * ```
 * @since 0.1.0
 */
export const make = <E = never, R = never>(options: Options<E, R>): Effect.Effect<AgentBase.AgentBase<R>, PrefabConfigError> =>
  Effect.gen(function*() {
    const { onComplete, ...data } = options
    const config = yield* P.decode("Survey", Config, {
      surveyName: data.surveyName,
      questions: data.questions,
      introduction: data.introduction,
      conclusion: data.conclusion,
      brandName: data.brandName,
      maxRetries: data.maxRetries
    })
    const questions = yield* resolve(config.questions)
    const byId = new Map(questions.map((q) => [q.id, q]))
    const brand = config.brandName ?? "Our Company"
    const maxRetries = config.maxRetries ?? 2
    const introduction = config.introduction ?? `Welcome to the ${config.surveyName}. Thank you for taking part.`
    const conclusion = config.conclusion ?? "Thank you for completing the survey. Your feedback helps us improve."
    const first: SurveyProgress = { current_question: questions[0]!.id, responses: {}, score: 0, completed: false }
    const progressOf = (call: AgentBase.ToolCall): SurveyProgress =>
      Either.getOrElse(Schema.decodeUnknownEither(ProgressSchema)(P.globalData(call)["survey_progress"]), () => first)
    const secure = options.secure ?? true

    const prompt = P.pom(
      ["Personality", { body: `You are a friendly, professional survey agent for ${brand}.` }],
      ["Goal", { body: `Run the '${config.surveyName}' survey: ask its questions and record the answers.` }],
      ["Instructions", {
        bullets: [
          "Ask the questions one at a time and wait for each answer.",
          "For a rating question, say the scale; for a multiple-choice question, read the choices.",
          "Record each answer with answer_question; it tells you the next question (answers can change which one).",
          `When an answer is not valid, say why and ask again, at most ${maxRetries} times.`,
          "Stay friendly and on topic; thank the caller when the survey is complete."
        ]
      }],
      ["Introduction", { body: `Start with this introduction: ${introduction}` }],
      ["Survey Questions", {
        body: "The questions, in order:",
        subsections: questions.map((q) =>
          Pom.section(q.text, {
            body: [`ID: ${q.id}`, `Type: ${q.type}`, `Required: ${q.required}`,
              ...(q.type === "rating" ? [`Scale: 1-${q.scale}`] : []),
              ...(q.type === "multiple_choice" ? [`Options: ${q.options.join(", ")}`] : [])].join("\n")
          })
        )
      }],
      ["Conclusion", { body: `Finish with this conclusion: ${conclusion}` }]
    )
    const hints = [...new Set([config.surveyName, brand, ...questions.flatMap((q) =>
      q.type === "rating" ? Array.from({ length: q.scale }, (_, i) => String(i + 1)) : q.type === "multiple_choice" ? q.options : q.type === "yes_no" ? ["yes", "no"] : []
    )])]

    return P.base(options, { name: "survey", route: "/survey" }, prompt).pipe(
      AgentBase.postPrompt(
        "Return a JSON summary of the survey: {\"survey_name\": \"…\", \"responses\": {\"<question id>\": \"<answer>\"}, " +
          "\"completion_status\": \"complete\" or \"incomplete\", \"timestamp\": \"<ISO 8601>\"}"
      ),
      AgentBase.withAi((ai) =>
        Ai.addNativeFunctions(
          Ai.withGlobalData(
            Ai.withParams(Ai.addHints(ai, hints), {
              wait_for_user: false,
              end_of_speech_timeout: 1500,
              ai_volume: 5,
              static_greeting: introduction,
              static_greeting_no_barge: true
            }),
            { survey_name: config.surveyName, brand_name: brand, questions, max_retries: maxRetries, survey_progress: first }
          ),
          ["check_time"]
        )
      ),
      AgentBase.tool({
        name: "validate_response",
        description: "Check whether an answer is valid for a question (its type, choices, scale)",
        parameters: ResponseArgs,
        secure,
        handler: (args) => {
          const q = byId.get(args.question_id)
          if (q === undefined) return Effect.succeed(FunctionResult.make(`There is no question with the id '${args.question_id}'.`))
          const why = problem(q, args.response)
          return Effect.succeed(FunctionResult.make(why ?? `The answer to '${q.id}' is valid.`))
        }
      }),
      AgentBase.tool({
        name: "log_response",
        description: "Record a validated answer to a question (without moving to another question)",
        parameters: ResponseArgs,
        secure,
        handler: (args, call) => {
          const q = byId.get(args.question_id)
          if (q === undefined) return Effect.succeed(FunctionResult.make(`There is no question with the id '${args.question_id}'.`))
          const answer = args.response
          const why = problem(q, answer)
          if (why !== undefined) return Effect.succeed(FunctionResult.make(`Not recorded: ${why}`))
          const progress = progressOf(call)
          const next = { ...progress, responses: { ...progress.responses, [q.id]: normalize(q, answer) } }
          return Effect.succeed(
            FunctionResult.make(`The answer to '${q.text}' is recorded.`).pipe(FunctionResult.updateGlobalData({ survey_progress: next }))
          )
        }
      }),
      AgentBase.tool({
        name: "answer_question",
        description: "Record the caller's answer to the current question: validates it, scores it, and returns the next question",
        parameters: AnswerArgs,
        secure,
        handler: (args, call) =>
          Effect.gen(function*() {
            const q = byId.get(args.question_id)
            if (q === undefined) return FunctionResult.make(`There is no question with the id '${args.question_id}'.`)
            const progress = progressOf(call)
            if (progress.completed) return FunctionResult.make("The survey is already complete.")
            const answer = args.answer
            const why = problem(q, answer)
            if (why !== undefined) return FunctionResult.make(why)
            const value = normalize(q, answer)
            const responses = { ...progress.responses, [q.id]: value }
            const score = progress.score + pointsOf(q, value)
            const nextId = nextOf(questions, q, value)
            const next = nextId === undefined ? undefined : byId.get(nextId)
            if (next === undefined) {
              if (onComplete !== undefined) {
                yield* onComplete(responses, score).pipe(
                  Effect.catchAllCause((cause) => Effect.logError("Survey: onComplete failed", cause))
                )
              }
              return FunctionResult.make(
                `Recorded. The survey is complete: ${Object.keys(responses).length} answers, score ${score}. ${conclusion}`
              ).pipe(FunctionResult.updateGlobalData({ survey_progress: { current_question: "", responses, score, completed: true } }))
            }
            return FunctionResult.make(`Recorded. Next question [${next.id}]: "${next.text}"${describe(next)}`).pipe(
              FunctionResult.updateGlobalData({ survey_progress: { current_question: next.id, responses, score, completed: false } })
            )
          })
      }),
      AgentBase.tool({
        name: "get_current_question",
        description: "The question to ask the caller now",
        parameters: Schema.Struct({}),
        secure,
        handler: (_, call) => {
          const progress = progressOf(call)
          const q = byId.get(progress.current_question)
          return Effect.succeed(FunctionResult.make(
            progress.completed
              ? "The survey is complete; there are no more questions."
              : q === undefined
              ? "There is no current question."
              : `Current question [${q.id}] (${q.type}): "${q.text}"${describe(q)}`
          ))
        }
      }),
      AgentBase.tool({
        name: "get_survey_progress",
        description: "How far the survey is: questions answered, the score, the answers so far",
        parameters: Schema.Struct({}),
        secure,
        handler: (_, call) => {
          const progress = progressOf(call)
          const answered = Object.entries(progress.responses)
          const percent = Math.round((answered.length / questions.length) * 100)
          return Effect.succeed(FunctionResult.make(
            `Progress: ${answered.length} of ${questions.length} questions answered (${percent}%), score ${progress.score}. ` +
              (progress.completed ? "The survey is complete." : `Current question: ${progress.current_question}.`) +
              (answered.length === 0 ? "" : ` Answers: ${answered.map(([id, a]) => `${id}: ${a}`).join("; ")}`)
          ))
        }
      })
    )
  })
