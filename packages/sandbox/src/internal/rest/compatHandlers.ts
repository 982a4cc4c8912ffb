/**
 * The compat (LaML) accounts, tokens and messages of the sandbox (faxes: `compatFaxes.ts`). Messages are the messaging
 * simulation's: one sent here is delivered by the same engine, is the same message (same id) in
 * the relay-REST message log and `sandbox.messages`, and one sent to a number of the project whose
 * messages are bound (a RELAY context, a messaging webhook) also arrives there. A message's
 * `StatusCallback` (or its `ApplicationSid`'s `SmsStatusCallback`) is posted at each state, in
 * order. Tokens are the project's API tokens (the relay-REST `project.tokens`).
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { RestApi } from "@signalwire-effect/rest"
import type { SimMessage } from "../../SimMessages.js"
import { uuid } from "../sim.js"
import { ordered } from "./callback.js"
import { API_VERSION, type CompatEnv, fail, notFound, out, page, rfc2822 } from "./compatShared.js"
import { errorCodeOf, mediaContentType, statusParams } from "./messageStatus.js"
import { Collection, type Json } from "./store.js"

const PERMISSIONS = new Set(["calling", "chat", "datasphere", "fax", "management", "messaging", "numbers", "pubsub", "storage", "tasking", "video"])
const TERMINAL: ReadonlySet<string> = new Set(["delivered", "undelivered", "failed", "received"])

const listOf = (value: string | ReadonlyArray<string> | undefined): ReadonlyArray<string> =>
  value === undefined ? [] : typeof value === "string" ? [value] : value

export const groups = (env: CompatEnv) => {
  const root = `/api/laml/${API_VERSION}`
  const accountUri = (sid: string) => `${root}/Accounts/${sid}`
  const base = accountUri(env.project)
  const date = () => rfc2822(env.now())
  const scoped = <A, E>(path: { readonly AccountSid: string }, f: () => Effect.Effect<A, E>) =>
    path.AccountSid === env.project ? f() : notFound(`The account ${path.AccountSid}`)

  // ---- accounts ---------------------------------------------------------------------------------
  const subprojects = new Collection()
  const accountJson = (sid: string, friendlyName: string, subproject: boolean, created: string): Json & { id: string } => ({
    id: sid,
    sid,
    friendly_name: friendlyName,
    status: "active",
    auth_token: `PT${uuid().replaceAll("-", "")}`,
    date_created: created,
    date_updated: created,
    type: "Full",
    owner_account_sid: env.project,
    region_preference: "us1",
    uri: accountUri(sid),
    subproject,
    signing_key: null,
    subresource_uris: Object.fromEntries(
      ["available_phone_numbers", "applications", "calls", "conferences", "incoming_phone_numbers", "messages", "queues", "recordings", "transcriptions"]
        .map((r) => [r, `${accountUri(sid)}/${r.split("_").map((w) => w[0]!.toUpperCase() + w.slice(1)).join("")}`])
    )
  })
  let project = accountJson(env.project, "Sandbox project", false, date())
  const accountOf = (sid: string) => (sid === env.project ? project : subprojects.get(sid))

  const accounts = HttpApiBuilder.group(RestApi.api, "compatAccounts", (h) =>
    h
      .handle("list", ({ urlParams }) =>
        page(
          "accounts",
          [project, ...subprojects.values()].filter((a) => urlParams.FriendlyName === undefined || a.friendly_name === urlParams.FriendlyName),
          urlParams,
          `${root}/Accounts`,
          { FriendlyName: urlParams.FriendlyName }
        ))
      .handle("create", ({ payload }) => {
        const sid = uuid()
        return Effect.succeed(out(subprojects.put(accountJson(sid, payload.FriendlyName, true, date()))))
      })
      .handle("get", ({ path }) => {
        const found = accountOf(path.Sid)
        return found === undefined ? notFound(`The account ${path.Sid}`) : Effect.succeed(out(found))
      })
      .handle("update", ({ path, payload }) => {
        const found = accountOf(path.Sid)
        if (found === undefined) return notFound(`The account ${path.Sid}`)
        const updated = { ...found, id: path.Sid, friendly_name: payload.FriendlyName, date_updated: date() }
        if (path.Sid === env.project) project = updated
        else subprojects.put(updated)
        return Effect.succeed(out(updated))
      }))

  // ---- tokens (the project's API tokens) --------------------------------------------------------
  const checkPermissions = (permissions: ReadonlyArray<string>) => {
    const invalid = permissions.filter((p) => !PERMISSIONS.has(p))
    return permissions.length === 0 || invalid.length > 0
      ? fail(422, 10003, `The permissions are invalid: ${invalid.length === 0 ? "none given" : invalid.join(", ")}`)
      : Effect.void
  }
  const tokens = HttpApiBuilder.group(RestApi.api, "compatTokens", (h) =>
    h
      .handle("create", ({ path, payload }) =>
        scoped(path, () =>
          Effect.gen(function*() {
            const permissions = listOf(payload.permissions)
            yield* checkPermissions(permissions)
            if (payload.subproject_id !== undefined && subprojects.get(payload.subproject_id) === undefined) {
              return yield* fail(422, 10004, `The subproject ${payload.subproject_id} does not belong to this project`)
            }
            return out(env.tokens.put({ id: uuid(), name: payload.name, permissions, token: `PT${uuid().replaceAll("-", "")}` }))
          })))
      .handle("update", ({ path, payload }) =>
        scoped(path, () =>
          Effect.gen(function*() {
            const current = env.tokens.get(path.token_id)
            if (current === undefined) return yield* notFound(`The token ${path.token_id}`)
            if (payload.permissions !== undefined) yield* checkPermissions(payload.permissions)
            return out(env.tokens.put({ ...current, ...payload, id: path.token_id }))
          })))
      .handle("delete", ({ path }) =>
        scoped(path, () => (env.tokens.delete(path.token_id) ? Effect.void : notFound(`The token ${path.token_id}`)))))

  // ---- messages ---------------------------------------------------------------------------------
  const deleted = new Set<string>()
  const firstSeen = new Map<string, string>()
  const media = new Map<string, Array<{ readonly sid: string; readonly url: string; deleted: boolean }>>()
  const seen = (id: string) => {
    const at = firstSeen.get(id) ?? date()
    firstSeen.set(id, at)
    return at
  }
  const mediaOf = (m: SimMessage) => {
    const items = media.get(m.messageId) ?? m.media.map((url) => ({ sid: uuid(), url, deleted: false }))
    media.set(m.messageId, items)
    return items.filter((i) => !i.deleted)
  }
  const messageUri = (sid: string) => `${base}/Messages/${sid}`
  const messageJson = (m: SimMessage): Json => {
    const created = seen(m.messageId)
    return {
      sid: m.messageId,
      account_sid: env.project,
      api_version: API_VERSION,
      from: m.from,
      to: m.to,
      body: env.redacted.has(m.messageId) ? "" : m.body ?? "",
      num_segments: m.segments,
      num_media: mediaOf(m).length,
      direction: m.direction === "inbound" ? "inbound" : m.inReplyTo === undefined ? "outbound-api" : "outbound-reply",
      status: m.state,
      error_code: errorCodeOf(m.reason) ?? null,
      error_message: m.reason ?? null,
      price: m.state === "queued" ? null : -0.0079 * m.segments,
      price_unit: "USD",
      date_created: created,
      date_sent: m.state === "queued" ? null : created,
      date_updated: date(),
      messaging_service_sid: null,
      uri: messageUri(m.messageId),
      subresource_uris: { media: `${messageUri(m.messageId)}/Media` }
    }
  }
  const mediaJson = (messageSid: string, item: { readonly sid: string; readonly url: string }): Json => ({
    sid: item.sid,
    parent_sid: messageSid,
    account_sid: env.project,
    content_type: mediaContentType(item.url),
    date_created: seen(messageSid),
    date_updated: seen(messageSid),
    uri: `${messageUri(messageSid)}/Media/${item.sid}`,
    url: item.url
  })
  const message = (sid: string) =>
    Effect.flatMap(env.messages.api.get(sid), (m) =>
      m._tag === "None" || deleted.has(sid) ? notFound(`The message ${sid}`) : Effect.succeed(m.value))
  /** Status callbacks of messages, in order per message. */
  const post = ordered(env.runFork)
  /** Where a message's status goes: its `StatusCallback`, else its `ApplicationSid`'s `SmsStatusCallback`. */
  const statusCallbackOf = (payload: {
    readonly StatusCallback?: string | undefined
    readonly StatusCallbackMethod?: "GET" | "POST" | undefined
    readonly ApplicationSid?: string | undefined
  }) => {
    if (payload.StatusCallback !== undefined) return Effect.succeed({ url: payload.StatusCallback, method: payload.StatusCallbackMethod ?? "POST" })
    if (payload.ApplicationSid === undefined) return Effect.succeed(undefined)
    const app = env.applications.get(payload.ApplicationSid)
    if (app === undefined) return fail(400, 21420, `The application ${payload.ApplicationSid} could not be found`)
    return Effect.succeed(
      typeof app.sms_status_callback === "string"
        ? { url: app.sms_status_callback, method: app.sms_status_callback_method === "GET" ? "GET" as const : "POST" as const }
        : undefined
    )
  }

  const messages = HttpApiBuilder.group(RestApi.api, "compatMessages", (h) =>
    h
      .handle("list", ({ path, urlParams: q }) =>
        scoped(path, () =>
          Effect.flatMap(env.messages.api.list, (all) =>
            page(
              "messages",
              all.filter((m) =>
                !deleted.has(m.messageId) && (q.To === undefined || m.to === q.To) && (q.From === undefined || m.from === q.From) &&
                (q.Status === undefined || m.state === q.Status)
              ).map(messageJson),
              q,
              `${base}/Messages`,
              { To: q.To, From: q.From, Status: q.Status }
            ))))
      .handle("create", ({ path, payload }) =>
        scoped(path, () =>
          Effect.flatMap(statusCallbackOf(payload), (callback) =>
            Either.match(
              env.messages.submit({
                from: payload.From,
                to: payload.To,
                body: payload.Body,
                media: listOf(payload.MediaUrl),
                onState: callback === undefined
                  ? undefined
                  : (m) => post(m.messageId, env.callback(callback.url, callback.method, statusParams(env.project, m)))
              }),
              {
                onLeft: () => fail(422, 21210, `The From number ${payload.From} is not a number of this project`),
                onRight: (m) => Effect.as(env.messageToProject(m), out(messageJson(m)))
              }
            ))))
      .handle("get", ({ path }) => scoped(path, () => Effect.map(message(path.Sid), (m) => out(messageJson(m)))))
      .handle("update", ({ path }) =>
        scoped(path, () =>
          Effect.flatMap(message(path.Sid), (m) => {
            if (!TERMINAL.has(m.state)) return fail(422, 10000, "A message still in progress cannot be redacted")
            env.redacted.add(m.messageId)
            return Effect.succeed(out(messageJson(m)))
          })))
      .handle("delete", ({ path }) =>
        scoped(path, () =>
          Effect.flatMap(message(path.Sid), (m) => {
            if (!TERMINAL.has(m.state)) return fail(422, 20009, "A message still in progress cannot be deleted")
            deleted.add(m.messageId)
            return Effect.void
          })))
      .handle("listMedia", ({ path, urlParams }) =>
        scoped(path, () =>
          Effect.flatMap(message(path.MessageSid), (m) =>
            page("media_list", mediaOf(m).map((i) => mediaJson(m.messageId, i)), urlParams, `${messageUri(m.messageId)}/Media`))))
      .handle("getMedia", ({ path }) =>
        scoped(path, () =>
          Effect.flatMap(message(path.MessageSid), (m) => {
            const item = mediaOf(m).find((i) => i.sid === path.Sid)
            return item === undefined ? notFound(`The media ${path.Sid}`) : Effect.succeed(out(mediaJson(m.messageId, item)))
          })))
      .handle("deleteMedia", ({ path }) =>
        scoped(path, () =>
          Effect.gen(function*() {
            const m = yield* message(path.MessageSid)
            const item = mediaOf(m).find((i) => i.sid === path.Sid)
            if (item === undefined) return yield* notFound(`The media ${path.Sid}`)
            if (!TERMINAL.has(m.state)) return yield* fail(422, 20009, "The media of a message still in progress cannot be deleted")
            item.deleted = true
          }))))

  return { layers: [accounts, tokens, messages] as const, subprojects }
}
