import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { expect } from "@effect/vitest"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { RestClient } from "@signalwire-effect/rest"
import type { RelaySandbox } from "@signalwire-effect/sandbox"

/** The REST client pointed at a sandbox with its default credentials. */
export const clientLayer = (sandbox: RelaySandbox.Sandbox, options: RestClient.RestOptions = {}) =>
  RestClient.layer({ project: "sandbox-project", token: "sandbox-token", baseUrl: sandbox.rest.baseUrl, ...options }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )

/** Runs `f` with a REST client for the sandbox. */
export const withRest = <A, E>(
  sandbox: RelaySandbox.Sandbox,
  f: (rest: RestClient.RestClient["Type"]) => Effect.Effect<A, E>,
  options: RestClient.RestOptions = {}
) => Effect.flatMap(RestClient.RestClient, f).pipe(Effect.provide(clientLayer(sandbox, options)))

/** A loopback cXML application answering `document` on every path; its origin. */
export const cxmlApp = (document: string) =>
  Effect.acquireRelease(
    Effect.async<http.Server>((resume) => {
      const server = http.createServer((request, response) => {
        request.resume()
        request.on("end", () => response.writeHead(200, { "content-type": "text/xml" }).end(document))
      })
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`))

/** The sandbox's project id, which is also its compat AccountSid. */
export const PROJECT = "sandbox-project"
/** The compat API's account-scoped prefix for {@link PROJECT}. */
export const COMPAT_BASE = `/api/laml/2010-04-01/Accounts/${PROJECT}`
/** The content type of compat request bodies. */
export const FORM = "application/x-www-form-urlencoded"

/** What a compat error answer looks like: its status and the `{code, message, more_info, status}` body. */
export const compatError = (status: number, code: number) => ({
  status,
  body: { code, status, message: expect.any(String), more_info: expect.stringContaining("signalwire.com") }
})

/** A valid US address body (addresses, e911). */
export const address = {
  label: "HQ",
  country: "US",
  first_name: "Ada",
  last_name: "Lovelace",
  street_number: "1",
  street_name: "Main St",
  city: "Springfield",
  state: "IL",
  postal_code: "62701"
}
