/**
 * A simulated message as compat callbacks show it: the SMS status callback's parameters
 * (`MessageSid`, `MessageStatus`, `ErrorCode` for a failure, `AccountSid`, `From`, `To`, `Body`,
 * `NumMedia`, `NumSegments`), the status vocabulary of that callback (the simulation's `initiated`
 * is `sending`), the compat error code of a failure reason, and the content type of a media URL.
 */
import type { SimMessage } from "../../SimMessages.js"

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
