/**
 * A simulated message as status callbacks show it. Compat: the SMS status callback's parameters
 * (`MessageSid`, `MessageStatus`, `ErrorCode` for a failure, `AccountSid`, `From`, `To`, `Body`,
 * `NumMedia`, `NumSegments`), the status vocabulary of that callback (the simulation's `initiated`
 * is `sending`), the compat error code of a failure reason, and the content type of a media URL.
 * JSON: the message status callback's payload (a relay-REST message's `status_callback`, SWML
 * `send_sms`'s `status_callback`: one payload for both on the platform), posted at each state.
 */
import type * as Effect from "effect/Effect"
import type { SimMessage } from "../../SimMessages.js"
import { ordered } from "./callback.js"
import type { Json } from "./store.js"

const ERROR_CODES: Readonly<Record<string, string>> = {
  carrier_rejected: "30007",
  unreachable_destination: "30003"
}

/** The compat `error_code` / `ErrorCode` of a failure reason (`30008`, unknown error, for others). */
export const errorCodeOf = (reason: string | undefined): string | undefined =>
  reason === undefined ? undefined : ERROR_CODES[reason] ?? "30008"

/** The `MessageStatus` a status callback reports for a state. */
export const callbackStatus = (state: SimMessage["state"]): string => (state === "initiated" ? "sending" : state)

/** The content type of a media URL, by its extension (JPEG when it has none the sandbox knows). */
export const mediaContentType = (url: string): string => {
  const path = url.split(/[?#]/)[0] ?? url
  return /\.png$/i.test(path) ? "image/png" : /\.gif$/i.test(path) ? "image/gif" : "image/jpeg"
}

/** The parameters of the SMS status callback for a message in its current state. */
export const statusParams = (accountSid: string, m: SimMessage): Record<string, string> => {
  const errorCode = m.state === "failed" || m.state === "undelivered" ? errorCodeOf(m.reason) : undefined
  return {
    MessageSid: m.messageId,
    MessageStatus: callbackStatus(m.state),
    ...(errorCode === undefined ? {} : { ErrorCode: errorCode }),
    AccountSid: accountSid,
    From: m.from,
    To: m.to,
    Body: m.body ?? "",
    NumMedia: String(m.media.length),
    NumSegments: String(m.segments)
  }
}

/**
 * The JSON message status callbacks: `(url, customVariables)` gives the `onState` of a message
 * sent with that `status_callback`, which posts the documented payload (`id`, `project_id`,
 * `status`, `to`, `from`, `body`, `number_of_segments`, `timestamp`, `error_code`,
 * `error_message`, and `custom_variables` when the message was sent with some) at each state, in
 * order per message, signed as JSON requests are (`jsonCallback`).
 */
export const jsonStatusCallbacks = (env: {
  readonly project: string
  readonly now: () => number
  readonly runFork: (effect: Effect.Effect<void>) => unknown
  readonly jsonCallback: (url: string, payload: unknown) => Effect.Effect<void>
}) => {
  const postInOrder = ordered(env.runFork)
  const payload = (m: SimMessage, customVariables: Readonly<Record<string, string>> | undefined): Json => ({
    id: m.messageId,
    project_id: env.project,
    status: m.state,
    to: m.to,
    from: m.from,
    body: m.body ?? "",
    number_of_segments: m.segments,
    timestamp: new Date(env.now()).toISOString(),
    error_code: errorCodeOf(m.reason) ?? null,
    error_message: m.reason ?? null,
    ...(customVariables === undefined ? {} : { custom_variables: customVariables })
  })
  return (url: string, customVariables?: Readonly<Record<string, string>> | undefined) => (m: SimMessage): void =>
    postInOrder(m.messageId, env.jsonCallback(url, payload(m, customVariables)))
}

/** The `onState` of a message sent with a JSON `status_callback` (see {@link jsonStatusCallbacks}). */
export type JsonStatusCallbacks = ReturnType<typeof jsonStatusCallbacks>
