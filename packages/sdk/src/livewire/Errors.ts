/**
 * LiveWire's tool errors (`ToolError`, `StopResponse`) and LiveKit's `ChatContext`.
 *
 * @since 0.1.0
 */
/**
 * A tool's failure meant for the model: its message is the tool's reply.
 *
 * @example
 * ```ts
 * import { ToolError } from "@signalwire-effect/sdk/livewire"
 *
 * throw new ToolError("No order with that number")
 * ```
 * @since 0.1.0
 */
export class ToolError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "ToolError"
  }
}

/**
 * Thrown by a tool that wants no spoken reply: answered with no response and the `wait_for_user`
 * action (the AI waits for the caller instead of replying; DIFFERENCES.md #53).
 *
 * @example
 * ```ts
 * import { StopResponse } from "@signalwire-effect/sdk/livewire"
 *
 * throw new StopResponse()
 * ```
 * @since 0.1.0
 */
export class StopResponse extends Error {
  constructor(message?: string) {
    super(message ?? "StopResponse")
    this.name = "StopResponse"
  }
}

/**
 * LiveKit's chat history container; SignalWire keeps the conversation itself, so it is only held.
 *
 * @example
 * ```ts
 * import { ChatContext } from "@signalwire-effect/sdk/livewire"
 *
 * new ChatContext().append({ role: "system", text: "Be brief." })
 * ```
 * @since 0.1.0
 */
export class ChatContext {
  readonly messages: Array<{ role: string; content: string }> = []
  append(options: { role?: string; text?: string }): this {
    this.messages.push({ role: options.role ?? "user", content: options.text ?? "" })
    return this
  }
}
