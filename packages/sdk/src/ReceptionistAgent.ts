/**
 * `ReceptionistAgent`: SignalWire's receptionist prefab, built by the Effect prefab
 * `Receptionist` of `@signalwire-effect/agents` (`collect_caller_info`, `transfer_call` speaking
 * then connecting, and with `checkInEnabled` `check_in_visitor`).
 *
 * @since 0.1.0
 */
import { Receptionist } from "@signalwire-effect/agents"
import * as Effect from "effect/Effect"
import { AgentBase } from "./AgentBase.js"
import type { AgentOptions } from "./AgentOptions.js"
import { adopt, build } from "./internal/prefab.js"

/**
 * A department: its name, what it handles, the number (or SIP address) to connect to.
 *
 * @example
 * ```ts
 * import type { ReceptionistDepartment } from "@signalwire-effect/sdk"
 *
 * const sales: ReceptionistDepartment = { name: "sales", description: "New orders", number: "+15551110000" }
 * ```
 * @since 0.1.0
 */
export interface ReceptionistDepartment {
  name: string
  description: string
  number: string
}

/**
 * The options of a {@link ReceptionistAgent}.
 *
 * @example
 * ```ts
 * import type { ReceptionistConfig } from "@signalwire-effect/sdk"
 *
 * const config: ReceptionistConfig = { departments: [{ name: "sales", description: "Orders", number: "+15551110000" }], companyName: "Acme" }
 * ```
 * @since 0.1.0
 */
export interface ReceptionistConfig {
  departments: Array<ReceptionistDepartment>
  name?: string
  route?: string
  greeting?: string
  voice?: string
  companyName?: string
  checkInEnabled?: boolean
  onVisitorCheckIn?: (visitor: Record<string, string>) => void | Promise<void>
  agentOptions?: Partial<AgentOptions>
}

/**
 * Greets callers, notes their name and reason, and transfers them to a department. An invalid
 * configuration throws `AgentError.PrefabConfigError` naming the field.
 *
 * @example
 * ```ts
 * import { ReceptionistAgent } from "@signalwire-effect/sdk"
 *
 * const agent = new ReceptionistAgent({
 *   companyName: "Acme",
 *   departments: [
 *     { name: "sales", description: "New customer inquiries", number: "+15551112222" },
 *     { name: "support", description: "Existing customer help", number: "+15553334444" }
 *   ]
 * })
 * ```
 * @since 0.1.0
 */
export class ReceptionistAgent extends AgentBase {
  constructor(config: ReceptionistConfig) {
    super({ name: config.name ?? "receptionist", route: config.route ?? "/receptionist", ...config.agentOptions })
    const { agentOptions: _, name: __, onVisitorCheckIn, route: ___, ...options } = config
    adopt(this.config, build(Receptionist.make({
      ...options,
      ...(onVisitorCheckIn === undefined ? {} : { onVisitorCheckIn: (visitor) => Effect.tryPromise(async () => await onVisitorCheckIn({ ...visitor })) })
    })))
  }
}

/**
 * `new ReceptionistAgent(config)`.
 *
 * @example
 * ```ts
 * import { createReceptionistAgent } from "@signalwire-effect/sdk"
 *
 * const agent = createReceptionistAgent({ departments: [{ name: "sales", description: "Orders", number: "+15551110000" }] })
 * ```
 * @since 0.1.0
 */
export const createReceptionistAgent = (config: ReceptionistConfig): ReceptionistAgent => new ReceptionistAgent(config)
