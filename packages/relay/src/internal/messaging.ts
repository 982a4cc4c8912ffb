/**
 * Messaging: `messaging.send`, tracking of outbound messages by `message_id` until a final state,
 * and inbound messages handed to handlers. Like calls, routing runs in the connection's dispatcher and
 * per-message structures are created on first use.
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as FiberSet from "effect/FiberSet"
import * as Layer from "effect/Layer"
import * as Mailbox from "effect/Mailbox"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as MessageApi from "../Message.js"
import {
  ClientClosed,
  EventOverflow,
  MessageFailed,
  MessageTimeout,
  type MessageWaitError,
  SessionLost,
  type RequestError,
  RpcError
} from "../RelayError.js"
import type * as RelayEvent from "../RelayEvent.js"
import type { JsonObject } from "../RelayFrame.js"
import * as Connection from "./connection.js"
import { invalidRequest } from "./issues.js"
import type { ResolvedOptions } from "./options.js"

export type MessagingOptions = Pick<ResolvedOptions, "messageTimeout" | "messageTrackingTimeout" | "eventBufferSize">

type MessageHandler = (message: MessageApi.Message) => Effect.Effect<void, unknown, Scope.Scope>

export interface Messaging {
  readonly sendMessage: (options: MessageApi.SendMessageOptions) => Effect.Effect<MessageApi.Message, RequestError>
  readonly onMessage: (handler: MessageHandler) => Effect.Effect<void, never, Scope.Scope>
  readonly messages: Effect.Effect<ReadonlyArray<MessageApi.Message>>
}

const EARLY_EVENTS = 1_024
const UNCLAIMED_MESSAGES = 1_024

const asState = (state: string | undefined): MessageApi.MessageState | undefined =>
  (["queued", "initiated", "sent", "delivered", "undelivered", "failed", "received"] as const).find((s) => s === state)

const decodeOptions = Schema.decodeUnknownEither(MessageApi.SendMessageOptions, { onExcessProperty: "error" })

type Fields = RelayEvent.Known<"messaging.state">["params"] | RelayEvent.Known<"messaging.receive">["params"]

class MessageImpl implements MessageApi.Message {
  state: MessageApi.MessageState
  reason: string | undefined = undefined
  segments: number | undefined
  outcome: Exit.Exit<MessageApi.Message, MessageWaitError> | undefined = undefined
  waiters: Array<Deferred.Deferred<MessageApi.Message, MessageWaitError>> | undefined = undefined
  subscribers: Set<Mailbox.Mailbox<MessageApi.MessageState, EventOverflow | ClientClosed | SessionLost>> | undefined = undefined

  constructor(
    readonly runtime: { readonly options: MessagingOptions; readonly tracked: Map<string, MessageImpl> },
    readonly messageId: string,
    readonly direction: "inbound" | "outbound",
    readonly from: string,
    readonly to: string,
    readonly body: string | undefined,
    readonly media: ReadonlyArray<string>,
    readonly tags: ReadonlyArray<string>,
    readonly context: string,
    state: MessageApi.MessageState,
    segments: number | undefined,
    readonly expires: number
  ) {
    this.state = state
    this.segments = segments
  }

  toString() {
    return `<Message id=${this.messageId} state=${this.state} direction=${this.direction}>`
  }

  /** PROTOCOL.md §12.4: state from `message_state` when non-empty, reason when present, then settle once final. */
  apply(params: Fields) {
    if (this.outcome !== undefined) return
    const state = asState(params.message_state)
    if (params.reason !== undefined && typeof params.reason === "string") this.reason = params.reason
    if (params.segments !== undefined) this.segments = params.segments
    if (state === undefined || state === this.state) return
    this.state = state
    if (this.subscribers !== undefined) {
      for (const mailbox of this.subscribers) {
        if (!mailbox.unsafeOffer(state)) {
          this.subscribers.delete(mailbox)
          mailbox.unsafeDone(Exit.fail(new EventOverflow({ capacity: this.runtime.options.eventBufferSize })))
        }
      }
    }
    if (state === "delivered") this.settle(Exit.succeed(this))
    else if (state === "undelivered" || state === "failed") {
      this.settle(
        Exit.fail(new MessageFailed({ messageId: this.messageId, state, ...(this.reason === undefined ? {} : { reason: this.reason }) }))
      )
    }
  }

  settle(exit: Exit.Exit<MessageApi.Message, MessageWaitError>) {
    if (this.outcome !== undefined) return
    this.outcome = exit
    if (this.runtime.tracked.get(this.messageId) === this) this.runtime.tracked.delete(this.messageId)
    for (const waiter of this.waiters ?? []) Deferred.unsafeDone(waiter, exit)
    this.waiters = undefined
    // The states stream ends normally with the final state; an ended client or session is an error.
    const failure = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
    const end = failure?._tag === "ClientClosed"
      ? Exit.fail(new ClientClosed({ operation: "message states" }))
      : failure?._tag === "SessionLost"
      ? Exit.fail(failure)
      : Exit.void
    for (const mailbox of this.subscribers ?? []) mailbox.unsafeDone(end)
    this.subscribers = undefined
  }

  wait(timeout?: Duration.DurationInput): Effect.Effect<MessageApi.Message, MessageWaitError> {
    return Effect.suspend(() => {
      if (this.outcome !== undefined) return this.outcome
      const duration = timeout === undefined ? this.runtime.options.messageTimeout : Duration.decode(timeout)
      const deferred = Deferred.unsafeMake<MessageApi.Message, MessageWaitError>(FiberId.none)
      ;(this.waiters ??= []).push(deferred)
      return Deferred.await(deferred).pipe(
        Effect.timeoutFail({
          duration,
          onTimeout: () =>
            new MessageTimeout({ messageId: this.messageId, state: this.state, timeoutMillis: Duration.toMillis(duration) })
        }),
        Effect.ensuring(Effect.sync(() => void (this.waiters = this.waiters?.filter((w) => w !== deferred))))
      )
    })
  }

  get states(): Stream.Stream<MessageApi.MessageState, EventOverflow | ClientClosed | SessionLost> {
    return Stream.unwrapScoped(
      Effect.gen(this, function*() {
        const mailbox = yield* Mailbox.make<MessageApi.MessageState, EventOverflow | ClientClosed | SessionLost>(
          this.runtime.options.eventBufferSize
        )
        if (this.outcome === undefined) (this.subscribers ??= new Set()).add(mailbox)
        else mailbox.unsafeDone(Exit.void)
        yield* Effect.addFinalizer(() => Effect.sync(() => this.subscribers?.delete(mailbox)))
        return Mailbox.toStream(mailbox)
      })
    )
  }
}

export const make = (options: MessagingOptions): Effect.Effect<Messaging, never, Scope.Scope | Connection.Tag> =>
  Effect.gen(function*() {
    const core = yield* Connection.Tag
    const tracked = new Map<string, MessageImpl>()
    const runtime = { options, tracked }
    // State events that beat the reply carrying their message_id.
    const early = new Map<string, Array<Fields>>()
    const handlers: Array<MessageHandler> = []
    const handlerFibers = yield* FiberSet.make<void, never>()
    const clock = yield* Effect.clock
    let closing = false

    /** Stops tracking messages whose final state never came within `messageTrackingTimeout`. */
    const prune = () => {
      const now = clock.unsafeCurrentTimeMillis()
      for (const message of tracked.values()) {
        if (message.expires > now) break
        message.settle(Exit.fail(new MessageTimeout({
          messageId: message.messageId,
          state: message.state,
          timeoutMillis: Duration.toMillis(options.messageTrackingTimeout)
        })))
      }
    }

    const onState = (params: RelayEvent.Known<"messaging.state">["params"]) => {
      const message = tracked.get(params.message_id)
      if (message !== undefined) return message.apply(params)
      const buffered = early.get(params.message_id)
      if (buffered !== undefined) return void buffered.push(params)
      early.set(params.message_id, [params])
      if (early.size > EARLY_EVENTS) {
        const oldest = early.keys().next()
        if (oldest.done !== true) early.delete(oldest.value)
      }
    }

    // Inbound messages that arrived while no handler was registered (typically between the first
    // connect and `onMessage`): kept, bounded, and handed to the first handler that registers.
    const unclaimed: Array<MessageImpl> = []

    const serve = (message: MessageImpl, handler: MessageHandler) =>
      Effect.asVoid(
        FiberSet.run(
          handlerFibers,
          Effect.scoped(Effect.suspend(() => handler(message))).pipe(
            Effect.catchAllCause((cause) =>
              Cause.isInterruptedOnly(cause) ? Effect.void : Effect.logError("message handler failed", cause)
            ),
            Effect.withSpan("RelayClient.onMessage", {
              attributes: { "relay.message_id": message.messageId },
              captureStackTrace: false
            })
          )
        )
      )

    const onReceive = (params: RelayEvent.Known<"messaging.receive">["params"]): Effect.Effect<void> => {
      if (closing) return Effect.void
      const handler = handlers[handlers.length - 1]
      const message = new MessageImpl(
        runtime,
        params.message_id,
        "inbound",
        params.from_number ?? "",
        params.to_number ?? "",
        params.body,
        params.media ?? [],
        params.tags ?? [],
        params.context ?? "",
        asState(params.message_state) ?? "received",
        params.segments,
        0
      )
      message.outcome = Exit.succeed(message)
      if (handler !== undefined) return serve(message, handler)
      if (unclaimed.length >= UNCLAIMED_MESSAGES) {
        return Effect.logWarning(`inbound message ${params.message_id} dropped: no onMessage handler yet, ${UNCLAIMED_MESSAGES} waiting`)
      }
      unclaimed.push(message)
      return Effect.void
    }

    const closeAll = (error: ClientClosed) => {
      closing = true
      for (const message of Array.from(tracked.values())) message.settle(Exit.fail(error))
      early.clear()
      unclaimed.length = 0
    }

    yield* core.addListener({
      onEvent: (event) => {
        if (event._tag === "MessageState") {
          onState(event.params)
          return Effect.void
        }
        if (event._tag === "MessageReceive") return onReceive(event.params)
        return Effect.void
      },
      onClose: closeAll,
      // A new session never reports on the old one's messages.
      onSessionReplaced: (reason) =>
        Effect.sync(() => {
          for (const message of Array.from(tracked.values())) {
            message.settle(Exit.fail(new SessionLost({ operation: "message wait", messageId: message.messageId, reason })))
          }
          early.clear()
        })
    })
    // Runs before the connection closes (finalizers run last-in first-out), when listeners are already gone.
    yield* Effect.addFinalizer(() => Effect.sync(() => closeAll(new ClientClosed({ operation: "message wait" }))))

    const sendMessage = (input: MessageApi.SendMessageOptions) =>
      Effect.gen(function*() {
        const method = "messaging.send"
        const decoded = decodeOptions(input)
        if (Either.isLeft(decoded)) {
          return yield* invalidRequest(method, decoded.left)
        }
        const o = decoded.right
        const context = o.context ?? Option.getOrUndefined(yield* core.protocol) ?? "default"
        const params: JsonObject = {
          context,
          to_number: o.to,
          from_number: o.from,
          ...(o.body === undefined || o.body.length === 0 ? {} : { body: o.body }),
          ...(o.media === undefined || o.media.length === 0 ? {} : { media: o.media }),
          ...(o.tags === undefined || o.tags.length === 0 ? {} : { tags: o.tags }),
          ...(o.region === undefined ? {} : { region: o.region })
        }
        const result = yield* core.execute(method, params)
        const messageId = typeof result.message_id === "string" ? result.message_id : ""
        if (messageId.length === 0) {
          return yield* new RpcError({ method, code: -1, message: "accepted without a message_id: the message cannot be tracked", data: result })
        }
        prune()
        const message = new MessageImpl(
          runtime,
          messageId,
          "outbound",
          o.from,
          o.to,
          o.body,
          o.media ?? [],
          o.tags ?? [],
          context,
          "queued",
          undefined,
          clock.unsafeCurrentTimeMillis() + Duration.toMillis(options.messageTrackingTimeout)
        )
        if (closing) message.settle(Exit.fail(new ClientClosed({ operation: method })))
        else tracked.set(messageId, message)
        const buffered = early.get(messageId)
        if (buffered !== undefined) {
          early.delete(messageId)
          for (const params of buffered) message.apply(params)
        }
        return message as MessageApi.Message
      }).pipe(Effect.withSpan("RelayClient.sendMessage"))

    const onMessage = (handler: MessageHandler) =>
      Effect.acquireRelease(
        Effect.suspend(() => {
          handlers.push(handler)
          const waiting = unclaimed.splice(0, unclaimed.length)
          return Effect.forEach(waiting, (message) => serve(message, handler), { discard: true })
        }),
        () =>
          Effect.sync(() => {
            const index = handlers.lastIndexOf(handler)
            if (index >= 0) handlers.splice(index, 1)
          })
      )

    return { sendMessage, onMessage, messages: Effect.sync(() => Array.from(tracked.values())) }
  })

/** The messaging service of one client (internal: users see `RelayClient`). */
export class Tag extends Context.Tag("@signalwire-effect/relay/internal/Messaging")<Tag, Messaging>() {}

/** The messaging service as a scoped layer on the connection. */
export const layer = (options: MessagingOptions): Layer.Layer<Tag, never, Connection.Tag> =>
  Layer.scoped(Tag, make(options))
