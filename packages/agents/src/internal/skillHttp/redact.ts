/** Masking of secrets in URLs and headers, for logs and error messages. */

const mask = "****"

/** Query parameters whose values are credentials (matched case-insensitively, as substrings). */
const secretParam = /key|token|secret|passw|pwd|signature|^sig$|auth|credential|appid|session|^code$/i

/** Mask userinfo and key-like query values of `url`; text that is not a URL is masked by pattern. */
export const redactUrl = (url: string): string => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
      .replace(/\/\/[^/@\s]*@/, `//${mask}@`)
      .replace(/([?&][^=&#]*(?:key|token|secret|passw|signature|auth|appid)[^=&#]*=)[^&#]*/gi, `$1${mask}`)
  }
  if (parsed.password !== "") {
    parsed.password = mask
  } else if (parsed.username !== "") {
    parsed.username = mask
  }
  let touched = false
  const params = new URLSearchParams()
  for (const [name, value] of parsed.searchParams) {
    const secret = secretParam.test(name) && value !== ""
    touched ||= secret
    params.append(name, secret ? mask : value)
  }
  if (touched) parsed.search = params.toString()
  return parsed.toString()
}

const sensitiveHeaders = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "x-auth-token",
  "x-access-token",
  "x-csrf-token",
  "x-signalwire-signature",
  "x-signalwire-sha256-signature"
])

/** A copy of `headers` without credential-bearing entries (names compared case-insensitively). */
export const filterSensitiveHeaders = (headers: Readonly<Record<string, string>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!sensitiveHeaders.has(name.toLowerCase())) out[name] = value
  }
  return out
}
