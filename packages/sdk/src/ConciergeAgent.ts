/**
 * `ConciergeAgent`: SignalWire's concierge prefab, built by the Effect prefab `Concierge` of
 * `@signalwire-effect/agents` (`check_availability` computed locally from the services and hours,
 * `get_directions` from the amenities).
 *
 * @since 0.1.0
 */
import { Concierge } from "@signalwire-effect/agents"
import { AgentBase } from "./AgentBase.js"
import type { AgentOptions } from "./AgentOptions.js"
import { adopt, build } from "./internal/prefab.js"

/**
 * The options of a {@link ConciergeAgent}.
 *
 * @example
 * ```ts
 * import type { ConciergeConfig } from "@signalwire-effect/sdk"
 *
 * const config: ConciergeConfig = { venueName: "The Park Hotel", services: ["spa"], amenities: { pool: { location: "Rooftop" } } }
 * ```
 * @since 0.1.0
 */
export interface ConciergeConfig {
  venueName: string
  services: Array<string>
  amenities: Record<string, Record<string, string>>
  hoursOfOperation?: Record<string, string>
  specialInstructions?: Array<string>
  welcomeMessage?: string
  name?: string
  route?: string
  agentOptions?: Partial<AgentOptions>
}

/**
 * A venue's virtual concierge: services, amenities, hours, availability and directions. An
 * invalid configuration throws `AgentError.PrefabConfigError` naming the field.
 *
 * @example
 * ```ts
 * import { ConciergeAgent } from "@signalwire-effect/sdk"
 *
 * const agent = new ConciergeAgent({
 *   venueName: "The Park Hotel",
 *   services: ["Room service", "Spa", "Restaurant"],
 *   hoursOfOperation: { spa: "9 AM - 9 PM", default: "24 hours" },
 *   amenities: { pool: { location: "Rooftop", hours: "6 AM - 10 PM" } }
 * })
 * ```
 * @since 0.1.0
 */
export class ConciergeAgent extends AgentBase {
  readonly venueName: string

  constructor(config: ConciergeConfig) {
    super({ name: config.name ?? "concierge", route: config.route ?? "/concierge", ...config.agentOptions })
    this.venueName = config.venueName
    const { agentOptions: _, name: __, route: ___, ...options } = config
    adopt(this.config, build(Concierge.make(options)))
  }
}

/**
 * `new ConciergeAgent(config)`.
 *
 * @example
 * ```ts
 * import { createConciergeAgent } from "@signalwire-effect/sdk"
 *
 * const agent = createConciergeAgent({ venueName: "Spa Bella", services: ["massage"], amenities: {} })
 * ```
 * @since 0.1.0
 */
export const createConciergeAgent = (config: ConciergeConfig): ConciergeAgent => new ConciergeAgent(config)
