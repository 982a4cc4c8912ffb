/**
 * `FAQBotAgent`: SignalWire's FAQ prefab, built by the Effect prefab `FAQBot` of
 * `@signalwire-effect/agents` (`search_faqs(query, category?)` scoring the FAQs against the
 * threshold; `escalate(reason)` connecting to `escalationNumber` when one is set).
 *
 * @since 0.1.0
 */
import { FAQBot } from "@signalwire-effect/agents"
import { AgentBase } from "./AgentBase.js"
import type { AgentOptions } from "./AgentOptions.js"
import { adopt, build } from "./internal/prefab.js"

/**
 * One FAQ: question, answer, optional keywords and categories.
 *
 * @example
 * ```ts
 * import type { FAQEntry } from "@signalwire-effect/sdk"
 *
 * const faq: FAQEntry = { question: "Is parking free?", answer: "Yes, for two hours.", keywords: ["parking"] }
 * ```
 * @since 0.1.0
 */
export interface FAQEntry {
  question: string
  answer: string
  keywords?: Array<string>
  categories?: Array<string>
}

/**
 * The options of a {@link FAQBotAgent}.
 *
 * @example
 * ```ts
 * import type { FAQBotConfig } from "@signalwire-effect/sdk"
 *
 * const config: FAQBotConfig = { faqs: [{ question: "Is parking free?", answer: "Yes." }], threshold: 0.4, escalationNumber: "+15551230000" }
 * ```
 * @since 0.1.0
 */
export interface FAQBotConfig {
  name?: string
  route?: string
  faqs: Array<FAQEntry>
  suggestRelated?: boolean
  persona?: string
  threshold?: number
  escalationMessage?: string
  escalationNumber?: string
  agentOptions?: Partial<AgentOptions>
}

/**
 * Answers frequently asked questions; escalates to a person when a number is configured. An
 * invalid configuration throws `AgentError.PrefabConfigError` naming the field.
 *
 * @example
 * ```ts
 * import { FAQBotAgent } from "@signalwire-effect/sdk"
 *
 * const agent = new FAQBotAgent({
 *   faqs: [{ question: "What are your hours?", answer: "9 to 5, Monday to Friday.", keywords: ["hours", "open"] }],
 *   escalationNumber: "+15551234567"
 * })
 * ```
 * @since 0.1.0
 */
export class FAQBotAgent extends AgentBase {
  readonly faqs: Array<FAQEntry>

  constructor(config: FAQBotConfig) {
    super({ name: config.name ?? "faq_bot", route: config.route ?? "/faq", ...config.agentOptions })
    this.faqs = config.faqs
    const { agentOptions: _, name: __, route: ___, ...options } = config
    adopt(this.config, build(FAQBot.make(options)))
  }
}

/**
 * `new FAQBotAgent(config)`.
 *
 * @example
 * ```ts
 * import { createFAQBotAgent } from "@signalwire-effect/sdk"
 *
 * const agent = createFAQBotAgent({ faqs: [{ question: "Is parking free?", answer: "Yes." }] })
 * ```
 * @since 0.1.0
 */
export const createFAQBotAgent = (config: FAQBotConfig): FAQBotAgent => new FAQBotAgent(config)
