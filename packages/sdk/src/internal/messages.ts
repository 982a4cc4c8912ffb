/**
 * The client's messages: the `Message` of each sent message, tracked by `message_id` until its
 * terminal state, and the `Message` of each received one.
 *
 * Two races are closed here, so that a user sees every state of a sent message:
 *
 * - A `messaging.state` event can beat the `messaging.send` reply that tells the client the
 *   message's id (the platform, or a socket read carrying both frames). Such events are kept by id
 *   (at most {@link EARLY_MAX} ids) until the reply arrives.
 * - Until the caller of `sendMessage` has had the Message, nobody can listen to it. So a new
 *   Message is *held*: its early events, and any that arrive meanwhile, are applied on the next
 *   turn of the event loop (`setImmediate`), after the code that follows `await
 *   client.sendMessage(…)` ran. The Message is returned in state `queued`; `Message.on` also
 *   replays what a listener added later missed.
 */
import type { Message as CoreMessage } from "@signalwire-effect/relay"
import type { CompletedCallback } from "../Action.js"
import { Message } from "../Message.js"
import type { RelayEvent } from "../RelayEvent.js"

/** Message ids whose state events arrived before the reply, kept at once (the oldest is dropped). */
export const EARLY_MAX = 1_024

export class MessageTracker {
  /** Sent messages not yet in a terminal state. */
  readonly #tracked = new Map<string, Message>()
  /** Events of messages returned but not yet released, in arrival order. */
  readonly #held = new Map<string, Array<RelayEvent>>()
  /** Events of messages whose reply has not arrived yet. */
  readonly #early = new Map<string, Array<RelayEvent>>()

  /** A `messaging.state` event: to its Message, held with it, or kept until the reply. */
  onState(messageId: string, event: RelayEvent): void {
    const held = this.#held.get(messageId)
    if (held !== undefined) return void held.push(event)
    const message = this.#tracked.get(messageId)
    if (message !== undefined) return this.#apply(message, event)
    const early = this.#early.get(messageId)
    if (early !== undefined) return void early.push(event)
    this.#early.set(messageId, [event])
    if (this.#early.size > EARLY_MAX) {
      const oldest = this.#early.keys().next()
      if (oldest.done !== true) this.#early.delete(oldest.value)
    }
  }

  /** The Message of a message `sendMessage` sent: `queued`, held until the next turn. */
  sent(core: CoreMessage.Message, onCompleted: CompletedCallback | undefined): Message {
    const message = new Message(
      {
        messageId: core.messageId,
        context: core.context,
        direction: "outbound",
        fromNumber: core.from,
        toNumber: core.to,
        body: core.body ?? "",
        media: core.media,
        segments: 0,
        state: "queued",
        tags: core.tags
      },
      onCompleted
    )
    const id = message.messageId
    const held = this.#early.get(id) ?? []
    this.#early.delete(id)
    this.#held.set(id, held)
    this.#tracked.set(id, message)
    setImmediate(() => {
      this.#held.delete(id)
      for (const event of held) this.#apply(message, event)
    })
    return message
  }

  #apply(message: Message, event: RelayEvent): void {
    message._apply(event)
    if (message.isDone) this.#tracked.delete(message.messageId)
  }
}

/** The Message of a received message (final as received). */
export const received = (core: CoreMessage.Message): Message =>
  new Message({
    messageId: core.messageId,
    context: core.context,
    direction: core.direction,
    fromNumber: core.from,
    toNumber: core.to,
    body: core.body ?? "",
    media: core.media,
    segments: core.segments ?? 0,
    state: core.state,
    tags: core.tags
  })
