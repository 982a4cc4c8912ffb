/**
 * A prefab agent that answers frequently asked questions. The FAQs are in the prompt and behind the
 * `search_faqs(query, category?)` tool, which scores every FAQ against the query (word overlap
 * with the question, and keyword hits when the FAQ has keywords), keeps those at or above the
 * threshold, answers with the best one and, with `suggestRelated`, names the runners-up. With an
 * `escalationNumber`, `escalate(reason)` connects the caller there.
 *
 * ```ts
 * import { FAQBot } from "@signalwire-effect/agents"
 *
 * const faq = FAQBot.make({
 *   faqs: [
 *     { question: "What are your opening hours?", answer: "9 to 5, Monday to Friday.", keywords: ["hours", "open"], categories: ["store"] },
 *     { question: "Where is the store?", answer: "12 Main Street.", keywords: ["address", "location"], categories: ["store"] }
 *   ],
 *   escalationNumber: "+15551230000"
 * })
 * ```
 *
 * Default route `/faq`.
 *
 * @since 0.1.0
 */
import { Ai, FunctionResult, Pom } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as AgentBase from "../AgentBase.js"
import type { PrefabConfigError } from "../AgentError.js"
import * as P from "../internal/prefab.js"

/**
 * The schema of one FAQ: its question and answer, optional keywords (matched as substrings of the
 * query) and categories (for `search_faqs`' filter).
 *
 * @example
 * ```ts
 * import { FAQBot } from "@signalwire-effect/agents"
 * import * as Schema from "effect/Schema"
 *
 * Schema.is(FAQBot.Faq)({ question: "Do you ship abroad?", answer: "Yes, to the EU." }) // true
 * ```
 * @since 0.1.0
 */
export const Faq = Schema.Struct({
  question: Schema.NonEmptyString,
  answer: Schema.NonEmptyString,
  keywords: Schema.optional(Schema.Array(Schema.NonEmptyString)),
  categories: Schema.optional(Schema.Array(Schema.NonEmptyString))
})

/**
 * One FAQ (see {@link Faq}).
 *
 * @example
 * ```ts
 * import type { FAQBot } from "@signalwire-effect/agents"
 *
 * const faq: FAQBot.Faq = { question: "Do you ship abroad?", answer: "Yes, to the EU.", categories: ["shipping"] }
 * ```
 * @since 0.1.0
 */
export type Faq = typeof Faq.Type

/**
 * The options: the FAQs, `suggestRelated` (true), the `persona` of the prompt, the match
 * `threshold` from 0 to 1 (0.5), the `escalationMessage`, and the `escalationNumber` that turns on
 * the `escalate` tool, plus the options of every prefab (`name`, `route`, `agentOptions`, `secure`).
 *
 * @example
 * ```ts
 * import type { FAQBot } from "@signalwire-effect/agents"
 *
 * const options: FAQBot.Options = { faqs: [{ question: "Is parking free?", answer: "Yes." }], threshold: 0.3 }
 * ```
 * @since 0.1.0
 */
export interface Options extends P.Common {
  readonly faqs: ReadonlyArray<Faq>
  readonly suggestRelated?: boolean | undefined
  readonly persona?: string | undefined
  readonly threshold?: number | undefined
  readonly escalationMessage?: string | undefined
  readonly escalationNumber?: string | undefined
}

const Config = Schema.Struct({
  faqs: Schema.NonEmptyArray(Faq),
  suggestRelated: Schema.optional(Schema.Boolean),
  persona: Schema.optional(Schema.NonEmptyString),
  threshold: Schema.optional(Schema.Number.pipe(Schema.between(0, 1))),
  escalationMessage: Schema.optional(Schema.NonEmptyString),
  escalationNumber: Schema.optional(Schema.NonEmptyString)
})

const STOP = new Set(
  ("a an the is it to in of and or for on at by do if my so up am as be he me we no not are was has had how its can did get but you " +
    "her him his she our who this that what with have from will your they them been does just than when which would could should " +
    "about their there these those").split(" ")
)

const words = (text: string): ReadonlyArray<string> =>
  text.toLowerCase().replace(/[^a-z0-9\s]/g, " ").split(/\s+/).filter((w) => w.length > 1 && !STOP.has(w))

/**
 * How well a query matches an FAQ, from 0 to 1: the share of shared words (over the shorter of the
 * two word lists, stop words left out); with keywords, 60% of that plus 40% of the share of
 * keywords found in the query.
 *
 * @example
 * ```ts
 * import { FAQBot } from "@signalwire-effect/agents"
 *
 * FAQBot.score("when are you open", { question: "What are your opening hours?", answer: "9 to 5", keywords: ["open", "hours"] })
 * ```
 * @since 0.1.0
 */
export const score = (query: string, faq: Faq): number => {
  const q = words(query)
  const target = new Set(words(faq.question))
  const shorter = Math.min(q.length, target.size)
  const overlap = shorter === 0 ? 0 : q.filter((w) => target.has(w)).length / shorter
  const keywords = (faq.keywords ?? []).map((k) => k.trim().toLowerCase())
  if (keywords.length === 0) return Math.min(overlap, 1)
  const lower = query.toLowerCase()
  const hits = keywords.filter((k) => lower.includes(k)).length / keywords.length
  return Math.min(overlap, 1) * 0.6 + hits * 0.4
}

/**
 * The FAQ agent: validates the options (a `PrefabConfigError` names the bad field), then builds
 * the agent (POM prompt with the FAQ database, JSON summary post-prompt, hints from the questions,
 * keywords and categories, `faq_count` and `categories` in global data, `check_time`, the tools).
 *
 * @example
 * ```ts
 * import { FAQBot } from "@signalwire-effect/agents"
 *
 * const agent = FAQBot.make({ faqs: [{ question: "Is parking free?", answer: "Yes, for two hours." }] })
 * ```
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<AgentBase.AgentBase<never>, PrefabConfigError> =>
  Effect.gen(function*() {
    const config = yield* P.decode("FAQBot", Config, {
      faqs: options.faqs,
      suggestRelated: options.suggestRelated,
      persona: options.persona,
      threshold: options.threshold,
      escalationMessage: options.escalationMessage,
      escalationNumber: options.escalationNumber
    })
    const suggestRelated = config.suggestRelated ?? true
    const threshold = config.threshold ?? 0.5
    const escalationMessage = config.escalationMessage ?? "I could not find an answer to that; let me transfer you to someone who can help."
    const persona = config.persona ?? "You are a helpful FAQ assistant who gives accurate answers to common questions."
    const secure = options.secure ?? true
    const categories = [...new Set(config.faqs.flatMap((f) => f.categories ?? []))]
    const instructions = [
      "Match the caller's question to the closest FAQ; call search_faqs when unsure.",
      "Answer with the FAQ's answer; be brief and factual.",
      "When no FAQ fits, say you do not have that information" + (config.escalationNumber === undefined ? "." : ", and offer to escalate."),
      ...(suggestRelated ? ["When it helps, mention related questions from the FAQ database."] : [])
    ]
    const prompt = P.pom(
      ["Personality", { body: persona }],
      ["Goal", { body: "Answer the caller's questions from the FAQ database below." }],
      ["Instructions", { bullets: instructions }],
      ["FAQ Database", {
        body: "The frequently asked questions and their answers:",
        subsections: config.faqs.map((f) =>
          Pom.section(f.question, { body: f.categories === undefined || f.categories.length === 0 ? f.answer : `${f.answer}\n\nCategories: ${f.categories.join(", ")}` })
        )
      }],
      ...(suggestRelated ? [["Related Questions", { body: "Suggest related questions from the database when they may help the caller." }] as const] : [])
    )
    const hints = [...new Set(config.faqs.flatMap((f) => [
      ...f.question.split(/\s+/).map((w) => w.replace(/^[.,?!]+|[.,?!]+$/g, "")).filter((w) => w.length >= 4),
      ...(f.keywords ?? []),
      ...(f.categories ?? [])
    ]))]

    let agent = P.base(options, { name: "faq_bot", route: "/faq" }, prompt).pipe(
      AgentBase.postPrompt(
        "Return a JSON summary of the conversation: {\"question\": \"<the main question>\", \"matched_faq\": \"<the FAQ question, or null>\", " +
          "\"answered_successfully\": true or false, \"suggested_related\": [\"<questions suggested>\"]}"
      ),
      AgentBase.withAi((ai) =>
        Ai.addNativeFunctions(
          Ai.withGlobalData(Ai.withParams(Ai.addHints(ai, hints), { wait_for_user: false, end_of_speech_timeout: 1000, ai_volume: 5 }), {
            faq_count: config.faqs.length,
            categories
          }),
          ["check_time"]
        )
      ),
      AgentBase.tool({
        name: "search_faqs",
        description: "Search the FAQ database for a question, optionally within a category",
        parameters: Schema.Struct({
          query: Schema.NonEmptyString.annotations({ description: "The caller's question" }),
          category: Schema.optional(Schema.String.annotations({ description: `A category to search in${categories.length === 0 ? "" : ` (${categories.join(", ")})`}` }))
        }),
        secure,
        handler: ({ category, query }) => {
          const wanted = category?.trim().toLowerCase() ?? ""
          const pool = wanted === "" ? config.faqs : config.faqs.filter((f) => (f.categories ?? []).some((c) => c.trim().toLowerCase() === wanted))
          const ranked = pool.map((faq) => ({ faq, score: score(query, faq) })).filter((m) => m.score >= threshold).sort((a, b) => b.score - a.score)
          const [best, ...rest] = ranked
          if (best === undefined) {
            return Effect.succeed(FunctionResult.make(
              `No FAQ matches that question${wanted === "" ? "" : ` in the category ${category}`}.` +
                (config.escalationNumber === undefined ? "" : " Offer to transfer the caller with escalate.")
            ))
          }
          const related = suggestRelated ? rest.slice(0, 2).map((m) => m.faq.question) : []
          return Effect.succeed(FunctionResult.make(
            `Best match: "${best.faq.question}" Answer: ${best.faq.answer}` +
              (related.length === 0 ? "" : ` Related questions: ${related.map((q) => `"${q}"`).join(", ")}`)
          ))
        }
      })
    )
    const number = config.escalationNumber
    if (number !== undefined) {
      agent = agent.pipe(AgentBase.tool({
        name: "escalate",
        description: "Transfer the caller to a person when the FAQ database cannot answer them",
        parameters: Schema.Struct({ reason: Schema.optional(Schema.String.annotations({ description: "Why the caller needs a person" })) }),
        secure,
        handler: ({ reason }) =>
          Effect.succeed(
            FunctionResult.make(`${escalationMessage} Reason: ${reason === undefined || reason === "" ? "the FAQ does not cover the question" : reason}.`, {
              postProcess: true
            }).pipe(FunctionResult.connect(number))
          )
      }))
    }
    return agent
  })
