/**
 * `SWAIG.includes`: at the start of the session the platform asks each include's URL for the
 * signatures of its functions (`get_signature`) and registers every definition answered; a
 * definition without `web_hook_url` is called at the include's URL, one without `meta_data` gets
 * the include's.
 */
import { type Ai, SwaigFunction } from "@signalwire-effect/swml"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { EngineContext, JsonObject } from "./context.js"
import { redactUrl } from "./http.js"

type Include = NonNullable<NonNullable<Ai.Config["SWAIG"]>["includes"]>[number]

/** The include's URL with `auth_user` / `auth_password` as its credentials (sent as Basic auth). */
const urlOf = (include: Include): string => {
  if (include.auth_user === undefined && include.auth_password === undefined) return include.url
  return Either.getOrElse(
    Either.try(() => {
      const url = new URL(include.url)
      url.username = encodeURIComponent(include.auth_user ?? "")
      url.password = encodeURIComponent(include.auth_password ?? "")
      return url.toString()
    }),
    () => include.url
  )
}

/** The signature request body (SignalWire's `SwaigSignatureRequestPayload`). */
const requestOf = (include: Include, ctx: EngineContext): JsonObject => {
  const project = ctx.call["project_id"]
  const space = ctx.call["space_id"]
  return {
    action: "get_signature",
    functions: include.functions,
    ...(include.meta_data === undefined ? {} : { meta_data: include.meta_data }),
    content_type: "text/swaig",
    content_disposition: "function signature request",
    version: "2.0",
    ...(typeof project === "string" ? { project_id: project } : {}),
    ...(typeof space === "string" ? { space_id: space } : {})
  }
}

const fetchOne = (include: Include, ctx: EngineContext) =>
  Effect.gen(function*() {
    const url = urlOf(include)
    const entry = { url: redactUrl(include.url), requested: include.functions }
    const posted = yield* ctx.post("signature", url, requestOf(include, ctx))
    if (posted._tag === "Failed") {
      yield* ctx.append({ _tag: "IncludeFetched", ...entry, registered: [], error: posted.detail })
      return []
    }
    const decoded = SwaigFunction.decodeDefinitions(posted.json)
    if (Either.isLeft(decoded)) {
      yield* ctx.append({ _tag: "IncludeFetched", ...entry, registered: [], error: `the answer is not a list of SWAIG functions: ${decoded.left.message}` })
      return []
    }
    const defs = decoded.right.map((d) => ({
      ...d,
      web_hook_url: d.web_hook_url ?? url,
      ...(d.meta_data === undefined && include.meta_data !== undefined ? { meta_data: include.meta_data } : {})
    }))
    yield* ctx.append({ _tag: "IncludeFetched", ...entry, registered: defs.map((d) => d.function) })
    return defs
  })

/** Every include's definitions, fetched one include after the other (in the document's order). */
export const fetchIncludes = (ai: Ai.Config, ctx: EngineContext): Effect.Effect<ReadonlyArray<SwaigFunction.Definition>> =>
  Effect.map(Effect.forEach(ai.SWAIG?.includes ?? [], (include) => fetchOne(include, ctx)), (lists) => lists.flat())
