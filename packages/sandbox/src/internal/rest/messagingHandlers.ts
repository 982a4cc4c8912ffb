/**
 * The relay-REST message API of the sandbox (`POST /api/messaging/messages`, redaction): a message
 * sent here is delivered by the messaging simulation (same id in the message log and
 * `sandbox.messages`); its `status_callback` gets the documented JSON payload at each state, in
 * order, signed as JSON requests are, with the message's `custom_variables` (the sandbox's one
 * `messageStatus.jsonStatusCallbacks`, which SWML `send_sms` uses too); one sent to a number
 * of the project whose messages are bound (a RELAY context, cXML) arrives there too.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { RestApi } from "@signalwire-effect/rest"
import type { SimMessage } from "../../SimMessages.js"
import type * as Messages from "../messages.js"
import type { SimSession } from "../sim.js"
import type { JsonStatusCallbacks } from "./messageStatus.js"
import type { Json } from "./store.js"

/** The `status_callback` of this many messages is remembered (the oldest are forgotten). */
const MAX_KEPT = 10_000

const notFound = Effect.fail({ error: "Not Found" as const })
const unprocessable = (detail: string) =>
  Effect.fail({ errors: [{ code: "invalid_parameter", title: "Invalid Parameter", detail, status: "422" }] })
/** Plain JSON answered as the definition's type (its schemas encode, and so check, it). */
const out = (value: unknown): never => value as never

export const group = (env: {
  readonly project: string
  readonly iso: () => string
  readonly messages: Omit<Messages.Engine<SimSession>, "request">
  /** Message ids whose body was redacted (shared with compat). */
  readonly redacted: Set<string>
  /** The `onState` that posts a message's JSON `status_callback`. */
  readonly statusCallback: JsonStatusCallbacks
  readonly messageToProject: (m: SimMessage) => Effect.Effect<void>
}) => {
  const { iso, redacted } = env
  /** The `status_callback` of each message sent here. */
  const statusCallbackUrls = new Map<string, string>()

  const messageJson = (m: SimMessage): Json => ({
    id: m.messageId,
    from: m.from,
    to: m.to,
    body: redacted.has(m.messageId) ? "" : m.body ?? "",
    status: m.state,
    direction: m.direction === "inbound" ? "inbound" : "outbound-api",
    kind: m.media.length > 0 ? "mms" : "sms",
    media: [...m.media],
    number_of_segments: m.segments,
    error_code: m.reason ?? null,
    error_message: m.reason ?? null,
    created_at: iso(),
    project_id: env.project,
    status_callback_url: statusCallbackUrls.get(m.messageId) ?? null,
    message_uri: `/api/messaging/messages/${m.messageId}`
  })

  return HttpApiBuilder.group(RestApi.api, "messages", (h) =>
    h
      .handle("send", ({ payload }) => {
        const url = payload.status_callback
        return Either.match(
          env.messages.submit({
            from: payload.from,
            to: payload.to,
            body: payload.body,
            media: payload.media ?? [],
            onState: url === undefined ? undefined : env.statusCallback(url, payload.custom_variables)
          }),
          {
            onLeft: unprocessable,
            onRight: (m) => {
              if (url !== undefined) {
                statusCallbackUrls.set(m.messageId, url)
                if (statusCallbackUrls.size > MAX_KEPT) statusCallbackUrls.delete(statusCallbackUrls.keys().next().value!)
              }
              return Effect.as(env.messageToProject(m), out(messageJson(m)))
            }
          }
        )
      })
      .handle("redact", ({ path }) =>
        Effect.gen(function*() {
          const message = yield* env.messages.api.get(path.message_id)
          if (message._tag === "None") return yield* notFound
          if (message.value.state === "queued" || message.value.state === "initiated") {
            return yield* unprocessable("a message still in progress cannot be redacted")
          }
          redacted.add(path.message_id)
          return out(messageJson(message.value))
        })))
}
