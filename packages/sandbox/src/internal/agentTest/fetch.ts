/**
 * A SWML fetch outside a call (the CLI's --dump-swml / --list-tools): POST of the call info, Basic
 * auth from the URL, signed, as the platform fetches it.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { Swml } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import type { JsonObject } from "../swml/ai/context.js"
import { postJson } from "../swml/ai/http.js"

export interface CallFields {
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly projectId?: string | undefined
}

/** The `call` object of the SWML fetch body (agents-surface §6.1 shape). */
export const callInfo = (options: CallFields, callId: string): JsonObject => ({
  call_id: callId,
  node_id: "sandbox-node",
  segment_id: callId,
  call_session_id: callId,
  tag: callId,
  state: "created",
  direction: "inbound",
  type: "phone",
  from: options.from ?? "+15550000001",
  to: options.to ?? "+15550000002",
  headers: [],
  project_id: options.projectId ?? "sandbox-project",
  space_id: "sandbox-space"
})

/** Fetch a SWML document as the platform does; the failure is the fetch's or the document's. */
export const fetchDocument = (
  http: HttpClient.HttpClient,
  url: string,
  call: JsonObject,
  signingKey: Redacted.Redacted<string> | undefined
): Effect.Effect<Either.Either<{ readonly status: number; readonly document: Swml.Document }, { readonly status?: number | undefined; readonly error: string }>> =>
  Effect.map(
    postJson(http, url, { call, vars: { userVariables: {} }, params: {}, call_id: call["call_id"] }, signingKey),
    (posted) => {
      if (posted._tag === "Failed") return Either.left({ status: posted.status, error: posted.detail })
      return Either.match(Swml.decodeEither(posted.json), {
        onLeft: (e) => Either.left({ status: posted.status, error: `not a SWML document: ${e.message}` }),
        onRight: (document) => Either.right({ status: posted.status, document })
      })
    }
  )

