/**
 * The messaging simulation behind `messaging.send` and `messaging.receive` (§12). State changes
 * are synchronous and run in the sandbox's consumer fiber (requests), in a timer fiber of the
 * sandbox's FiberSet (the state steps), or in the caller of the public API; none of them yields,
 * so they never interleave. A request is answered before any event it causes.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import type { RelayFrame } from "@signalwire-effect/relay"
import type { MessageScript, Outcome } from "../MessageScript.js"
import type { Messages, SimMessage } from "../SimMessages.js"
import { SandboxError } from "./errors.js"
import * as Sim from "./sim.js"
import type { RequestHandler, Response, SimSession } from "./sim.js"
import * as Watchers from "./watchers.js"
import * as W from "./wire.js"

type JsonObject = RelayFrame.JsonObject
type MessageState = SimMessage["state"]

export const DEFAULT_NUMBERS: ReadonlyArray<string> = ["+15551234567", "+15559870000", "+15552220000"]
const DEFAULT_STEP = Duration.millis(20)
const DEFAULT_REASONS: Readonly<Record<Exclude<Outcome, "delivered">, string>> = {
  undelivered: "carrier_rejected",
  failed: "unreachable_destination"
}
const MAX_FINISHED_MESSAGES = 10_000
const TERMINAL: ReadonlySet<MessageState> = new Set(["delivered", "undelivered", "failed", "received"])

// ---- segments -------------------------------------------------------------------------------------

/** The GSM 03.38 basic character set (without the escape to the extension table). */
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)

/**
 * How many segments a message takes: an MMS is one; GSM-7 text fits 160 characters in one
 * segment, else 153 per segment (the rest carries the concatenation header); any other text is
 * UCS-2: 70 in one, else 67 per segment, counted in UTF-16 units.
 */
export const segmentsOf = (body: string | undefined, media: ReadonlyArray<string>): number => {
  if (media.length > 0) return 1
  const text = body ?? ""
  const gsm = Array.from(text).every((c) => GSM7_BASIC.has(c))
  const [single, multi] = gsm ? [160, 153] : [70, 67]
  return text.length <= single ? 1 : Math.ceil(text.length / multi)
}

// ---- scripts --------------------------------------------------------------------------------------

/** A script with its duration decoded. */
interface Fate {
  readonly outcome: Outcome
  readonly reason: string | undefined
  readonly stepEvery: Duration.Duration
  readonly stallAfter: "initiated" | "sent" | undefined
}

const resolveScript = (script: MessageScript): Either.Either<Fate, string> => {
  const stepEvery = script.stepEvery === undefined ? Option.some(DEFAULT_STEP) : Duration.decodeUnknown(script.stepEvery)
  return Option.match(stepEvery, {
    onNone: () => Either.left(`stepEvery: not a duration: ${String(script.stepEvery)}`),
    onSome: (step) =>
      Either.right({
        outcome: script.outcome ?? "delivered",
        reason: script.reason,
        stepEvery: step,
        stallAfter: script.stallAfter
      })
  })
}

const resolveOrDie = (script: MessageScript) =>
  Either.match(resolveScript(script), {
    onLeft: (reason) => Effect.dieMessage(`Invalid message script: ${reason}`),
    onRight: Effect.succeed
  })

const DEFAULT_FATE: Fate = Either.getOrThrow(resolveScript({}))

/** The states a message goes through after `queued`, in order; the last one may not be terminal (a stall). */
const stepsOf = (fate: Fate): ReadonlyArray<MessageState> =>
  fate.stallAfter === "initiated"
    ? ["initiated"]
    : fate.stallAfter === "sent"
    ? ["initiated", "sent"]
    : ["initiated", "sent", fate.outcome]

// ---- params (§12.1) ------------------------------------------------------------------------------

const e164 = W.pattern(/^\+[1-9]\d{1,14}$/, "an E.164 number (+ then up to 15 digits)")
const httpUrl = W.pattern(/^https?:\/\/\S+$/i, "an http(s) URL")

const sendSpec = {
  context: W.req(W.nonEmpty),
  to_number: W.req(e164),
  from_number: W.req(e164),
  body: W.opt(W.string),
  media: W.opt(W.arrayOf(httpUrl)),
  tags: W.opt(W.arrayOf(W.string)),
  region: W.opt(W.string)
}

const invalid = (detail: string): Response => ({
  _tag: "Error",
  error: { code: -32602, message: `Invalid parameters: ${detail}` }
})

const strings = (value: unknown): ReadonlyArray<string> =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []

// ---- the engine -----------------------------------------------------------------------------------

export interface Env<S extends SimSession> {
  /** Sends an event to a session, tracked for ACK and re-delivery. */
  readonly deliver: (session: S, eventType: string, params: JsonObject) => void
  readonly sessions: () => Iterable<S>
  readonly runFork: (effect: Effect.Effect<void>) => Fiber.RuntimeFiber<void>
  /** The numbers the project owns from the start. */
  readonly numbers: ReadonlyArray<string>
  /**
   * A message a session sent (`messaging.send`), once accepted: one to a number of the project
   * arrives there (its Messaging cXML or its RELAY context), as a REST-sent one does.
   */
  readonly sent?: ((message: SimMessage) => void) | undefined
}

export interface Engine<S extends SimSession> {
  /** Handles `messaging.send`; `respond` is called once, before any event the request causes. */
  readonly request: RequestHandler<S>
  /** The public API but for the transcripts of Messaging cXML runs (`cxml/messaging.ts`). */
  readonly api: Omit<Messages, "transcript" | "waitForTranscript">
  /** The REST side: a number bought (owned for good) or released. */
  readonly own: (number: string) => void
  readonly disown: (number: string) => void
  /**
   * The REST side: a message sent over HTTP (or by cXML); it has no RELAY context, so no session
   * gets its events. `onState` sees it in each state, `queued` first (its status callbacks).
   */
  readonly submit: (options: {
    readonly from: string
    readonly to: string
    readonly body: string | undefined
    readonly media: ReadonlyArray<string>
    readonly onState?: ((message: SimMessage) => void) | undefined
    /** The inbound message this one answers (a Messaging cXML reply). */
    readonly inReplyTo?: string | undefined
  }) => Either.Either<SimMessage, string>
  /** An inbound message no RELAY session receives (its number runs a messaging webhook): `received`. */
  readonly receive: (options: {
    readonly from: string
    readonly to: string
    readonly body: string | undefined
    readonly media: ReadonlyArray<string>
  }) => SimMessage
}

export const make = <S extends SimSession>(env: Env<S>): Engine<S> => {
  /** A message as the engine keeps it: what `SimMessage` shows, mutable state, and its sessions. */
  interface Message extends Omit<SimMessage, "state" | "reason" | "session"> {
    state: MessageState
    reason: string | undefined
    /** Where the events go (outbound, chosen at send time) or went (inbound). */
    readonly targets: ReadonlyArray<S>
    /** Sees each state of the message (a REST message's status callbacks). */
    readonly observer?: ((message: SimMessage) => void) | undefined
  }

  const messages = new Map<string, Message>()
  const finishedOrder: Array<string> = []
  const scripts = Sim.scriptBook<Fate>(DEFAULT_FATE)
  /** Owned number → how many grants hold it (the options' numbers hold one for good). */
  const owned = new Map<string, number>()
  /** Context → inbound messages delivered to it, so that its receivers take turns. */
  const turns = new Map<string, number>()

  for (const number of env.numbers) owned.set(number, 1)

  const snapshot = ({ observer: _observer, targets, ...fields }: Message): SimMessage => ({ ...fields, session: targets[0]?.protocol })

  const { notify, waitFor } = Watchers.make(messages.values.bind(messages), snapshot)

  /** A message that will not change any more counts against the cap; the oldest is forgotten. */
  const finished = (message: Message) => {
    finishedOrder.push(message.messageId)
    while (finishedOrder.length > MAX_FINISHED_MESSAGES) messages.delete(finishedOrder.shift()!)
  }

  /** The inner params of `messaging.state` / `messaging.receive` (§11.23–11.24, §16.3). */
  const eventParams = (message: Message): JsonObject => ({
    message_id: message.messageId,
    context: message.context,
    direction: message.direction,
    from_number: message.from,
    to_number: message.to,
    ...(message.body === undefined ? {} : { body: message.body }),
    media: [...message.media],
    segments: message.segments,
    message_state: message.state,
    tags: [...message.tags],
    ...(message.reason === undefined ? {} : { reason: message.reason })
  })

  const receivers = (context: string) => Sim.receivers(env.sessions(), context)

  /**
   * Where the state events of a message sent with `context` go: the session whose protocol it is
   * (the SDK's default context), else the connected sessions receiving it, else the sender.
   */
  const targetsFor = (context: string, sender: S): ReadonlyArray<S> => {
    for (const session of env.sessions()) {
      if (session.protocol === context) return [session]
    }
    const listening = receivers(context)
    return listening.length > 0 ? listening : [sender]
  }

  const advance = (message: Message, state: MessageState, fate: Fate, last: boolean) => {
    message.state = state
    if (state === "undelivered" || state === "failed") message.reason = fate.reason ?? DEFAULT_REASONS[state]
    const params = eventParams(message)
    for (const session of message.targets) env.deliver(session, "messaging.state", params)
    if (last) finished(message)
    notify(message)
    message.observer?.(snapshot(message))
  }

  const send = (session: S, params: JsonObject): { readonly response: Response; readonly after?: () => void } => {
    const problem = W.fields(params, sendSpec)
    if (problem !== undefined) return { response: invalid(problem) }
    const body = typeof params.body === "string" ? params.body : undefined
    const media = strings(params.media)
    if ((body ?? "").length === 0 && media.length === 0) {
      return { response: invalid("a non-empty body or media is required") }
    }
    const from = params.from_number as string
    if (!owned.has(from)) {
      return { response: { _tag: "Result", result: { code: "422", message: `From number ${from} is not a number of this project` } } }
    }
    const to = params.to_number as string
    const context = params.context as string
    const message: Message = {
      messageId: Sim.uuid(),
      inReplyTo: undefined,
      direction: "outbound",
      from,
      to,
      body,
      media,
      segments: segmentsOf(body, media),
      tags: strings(params.tags),
      context,
      region: typeof params.region === "string" ? params.region : undefined,
      state: "queued",
      reason: undefined,
      targets: targetsFor(context, session)
    }
    messages.set(message.messageId, message)
    return {
      response: { _tag: "Result", result: { code: "200", message: "Message accepted", message_id: message.messageId } },
      after: () => {
        deliver(message)
        env.sent?.(snapshot(message))
      }
    }
  }

  /** The state steps of an outbound message, on the sandbox's Clock. */
  const deliver = (message: Message) => {
    const fate = scripts.lookup(message.to)
    const steps = stepsOf(fate)
    notify(message)
    message.observer?.(snapshot(message))
    void env.runFork(
      Effect.forEach(
        steps,
        (state, i) =>
          Effect.sleep(fate.stepEvery).pipe(
            Effect.zipRight(Effect.sync(() => advance(message, state, fate, i === steps.length - 1)))
          ),
        { discard: true }
      )
    )
  }

  /** A message of the REST side (no RELAY context, no session), kept. */
  const restMessage = (
    fields: Pick<Message, "direction" | "from" | "to" | "body" | "media" | "state" | "observer" | "inReplyTo">
  ): Message => {
    const message: Message = {
      ...fields,
      messageId: Sim.uuid(),
      segments: segmentsOf(fields.body, fields.media),
      tags: [],
      context: "",
      region: undefined,
      reason: undefined,
      targets: []
    }
    messages.set(message.messageId, message)
    return message
  }

  const submit: Engine<S>["submit"] = (options) => {
    if (!owned.has(options.from)) return Either.left(`From number ${options.from} is not a number of this project`)
    const { body, from, inReplyTo, media, onState, to } = options
    const message = restMessage({ direction: "outbound", from, to, body, media, state: "queued", observer: onState, inReplyTo })
    const queued = snapshot(message)
    deliver(message)
    return Either.right(queued)
  }

  const receive: Engine<S>["receive"] = (options) => {
    const { body, from, media, to } = options
    const message = restMessage({ direction: "inbound", from, to, body, media, state: "received", observer: undefined, inReplyTo: undefined })
    finished(message)
    notify(message)
    return snapshot(message)
  }

  const api: Engine<S>["api"] = {
    script: (destination, script) => Effect.flatMap(resolveOrDie(script), (fate) => scripts.add(destination, fate)),
    scriptDefault: (script) => Effect.flatMap(resolveOrDie(script), (fate) => scripts.addDefault(fate)),
    ownNumber: (number) =>
      Effect.acquireRelease(
        Effect.sync(() => void owned.set(number, (owned.get(number) ?? 0) + 1)),
        () =>
          Effect.sync(() => {
            const count = (owned.get(number) ?? 0) - 1
            if (count > 0) owned.set(number, count)
            else owned.delete(number)
          })
      ),
    numbers: Effect.sync(() => Array.from(owned.keys())),
    inbound: (options) =>
      Effect.suspend(() => {
        const context = options.context ?? "default"
        const candidates = receivers(context)
        if (candidates.length === 0) {
          return Effect.fail(new SandboxError({ reason: `no connected session receives context "${context}"` }))
        }
        const turn = turns.get(context) ?? 0
        turns.set(context, turn + 1)
        const session = candidates[turn % candidates.length]!
        const media = options.media ?? []
        const message: Message = {
          messageId: Sim.uuid(),
          inReplyTo: undefined,
          direction: "inbound",
          from: options.from,
          to: options.to,
          body: options.body,
          media,
          segments: segmentsOf(options.body, media),
          tags: options.tags ?? [],
          context,
          region: undefined,
          state: "received",
          reason: undefined,
          targets: [session]
        }
        messages.set(message.messageId, message)
        env.deliver(session, "messaging.receive", eventParams(message))
        finished(message)
        notify(message)
        return Effect.succeed(snapshot(message))
      }),
    get: (messageId) => Effect.sync(() => Option.map(Option.fromNullable(messages.get(messageId)), snapshot)),
    list: Effect.sync(() => Array.from(messages.values(), snapshot)),
    waitForMessage: (predicate) => waitFor((message) => predicate(snapshot(message))),
    waitForFinal: (messageId) => waitFor((message) => message.messageId === messageId && TERMINAL.has(message.state))
  }

  return {
    request: (session, method, params, respond) => {
      if (method !== "messaging.send") return false
      const step = send(session, params)
      respond(step.response)
      step.after?.()
      return true
    },
    api,
    own: (number) => void owned.set(number, (owned.get(number) ?? 0) + 1),
    disown: (number) => {
      const count = (owned.get(number) ?? 0) - 1
      if (count > 0) owned.set(number, count)
      else owned.delete(number)
    },
    submit,
    receive
  }
}
