import type { BasicAuth } from "@signalwire-effect/agents"
import * as Redacted from "effect/Redacted"

/** `http://user:pass@host:port/route`, as a number binding carries an agent's credentials. */
export const urlWithCredentials = (origin: string, route: string, credentials: BasicAuth.Credentials): string => {
  const url = new URL(route, origin)
  url.username = encodeURIComponent(credentials.user)
  url.password = encodeURIComponent(Redacted.value(credentials.password))
  return url.toString().replace(/\/$/, route.endsWith("/") ? "/" : "")
}
