/**
 * The account-level groups of the REST API in the sandbox: number groups (their memberships point
 * at the project's phone numbers), verified caller ids (the verification code is always
 * `123456`), short codes, the SIP profile, lookup, MFA (the code is always `123456`), the 10DLC
 * registry, and tokens.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { RestApi } from "@signalwire-effect/rest"
import { uuid } from "../sim.js"
import { Collection, type Json, page } from "./store.js"

/** The code every simulated verification call and MFA message carries. */
export const VERIFICATION_CODE = "123456"

export interface AccountEnv {
  readonly project: string
  readonly iso: () => string
  readonly where: (path: string) => { readonly origin: string; readonly path: string }
  readonly numbers: Collection
}

const notFound = Effect.fail({ error: "Not Found" as const })
const unprocessable = (detail: string) =>
  Effect.fail({ errors: [{ code: "invalid_parameter", title: "Invalid Parameter", detail, status: "422" }] })
const out = (value: unknown): never => value as never
const found = (value: Json | undefined) => (value === undefined ? notFound : Effect.succeed(out(value)))
const removed = (collection: Collection, id: string) => (collection.delete(id) ? Effect.void : notFound)
const patched = (collection: Collection, id: string, fields: Json) => {
  const current = collection.get(id)
  return current === undefined ? notFound : Effect.succeed(out(collection.put({ ...current, ...fields, id })))
}

export const groups = (env: AccountEnv) => {
  const { iso, where } = env
  const numberGroups = new Collection()
  const memberships = new Collection()
  const callerIds = new Collection()
  const shortCodes = new Collection()
  const mfaRequests = new Collection()
  const brands = new Collection()
  const campaigns = new Collection()
  const orders = new Collection()
  const assigned = new Collection()
  const tokens = new Collection()
  let sipProfile: Json = {
    domain: `${env.project.slice(0, 8)}.sip.signalwire.com`,
    domain_identifier: env.project.slice(0, 8),
    default_codecs: ["PCMU", "PCMA"],
    default_ciphers: ["AES_CM_128_HMAC_SHA1_80"],
    default_encryption: "optional",
    default_send_as: null
  }
  const stamp = () => ({ created_at: iso(), updated_at: iso() })
  // One short code leased by the project, so that get and update have something to work on.
  shortCodes.put({
    id: uuid(),
    name: "Sandbox short code",
    number: "55555",
    capabilities: ["sms", "mms"],
    number_type: "shortcode",
    code_type: "random",
    country_code: "US",
    lease_duration: "3 months",
    message_handler: null,
    message_request_url: null,
    message_relay_context: null,
    ...stamp()
  })
  const countOf = (groupId: string) => memberships.values().filter((m) => m.number_group_id === groupId).length

  const numberGroupGroup = HttpApiBuilder.group(RestApi.api, "numberGroups", (h) =>
    h
      .handle("list", ({ urlParams }) =>
        Effect.succeed(out(page(
          numberGroups.values().filter((g) => urlParams.filter_name === undefined || g.name === urlParams.filter_name)
            .map((g) => ({ ...g, phone_number_count: countOf(String(g.id)) })),
          urlParams,
          where("/api/relay/rest/number_groups")
        ))))
      .handle("create", ({ payload }) =>
        Effect.sync(() => out(numberGroups.put({ id: uuid(), name: payload.name, sticky_sender: payload.sticky_sender ?? false, phone_number_count: 0 }))))
      .handle("get", ({ path }) => {
        const group = numberGroups.get(path.id)
        return group === undefined ? notFound : Effect.succeed(out({ ...group, phone_number_count: countOf(path.id) }))
      })
      .handle("update", ({ path, payload }) => patched(numberGroups, path.id, payload))
      .handle("delete", ({ path }) => removed(numberGroups, path.id))
      .handle("listMemberships", ({ path, urlParams }) =>
        numberGroups.get(path.group_id) === undefined ? notFound : Effect.succeed(out(page(
          memberships.values().filter((m) => m.number_group_id === path.group_id),
          urlParams,
          where(`/api/relay/rest/number_groups/${path.group_id}/number_group_memberships`)
        ))))
      .handle("addMembership", ({ path, payload }) => {
        const number = env.numbers.get(payload.phone_number_id)
        if (numberGroups.get(path.group_id) === undefined) return notFound
        if (number === undefined) return unprocessable(`phone_number_id ${payload.phone_number_id} is not a number of this project`)
        return Effect.succeed(out(memberships.put({ id: uuid(), number_group_id: path.group_id, phone_number: number, ...stamp() })))
      })
      .handle("getMembership", ({ path }) => found(memberships.get(path.id)))
      .handle("deleteMembership", ({ path }) => removed(memberships, path.id)))

  const verifiedCallerGroup = HttpApiBuilder.group(RestApi.api, "verifiedCallers", (h) =>
    h
      .handle("list", ({ urlParams }) =>
        Effect.succeed(out(page(callerIds.values(), urlParams, where("/api/relay/rest/verified_caller_ids")))))
      .handle("create", ({ payload }) =>
        Effect.sync(() =>
          out(callerIds.put({
            id: uuid(),
            type: "VerifiedCallerId",
            number: payload.number,
            name: payload.name ?? null,
            extension: payload.extension ?? null,
            verified: false,
            verified_at: null,
            status: "Awaiting Verification"
          }))
        ))
      .handle("get", ({ path }) => found(callerIds.get(path.id)))
      .handle("update", ({ path, payload }) => patched(callerIds, path.id, { name: payload.name }))
      .handle("delete", ({ path }) => removed(callerIds, path.id))
      .handle("redialVerification", ({ path }) => found(callerIds.get(path.id)))
      .handle("submitVerification", ({ path, payload }) =>
        callerIds.get(path.id) === undefined
          ? notFound
          : payload.verification_code !== VERIFICATION_CODE
          ? unprocessable("verification_code is not the code of the verification call")
          : patched(callerIds, path.id, { verified: true, verified_at: iso(), status: "Verified" })))

  const shortCodeGroup = HttpApiBuilder.group(RestApi.api, "shortCodes", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(shortCodes.values(), urlParams, where("/api/relay/rest/short_codes")))))
      .handle("get", ({ path }) => found(shortCodes.get(path.id)))
      .handle("update", ({ path, payload }) => patched(shortCodes, path.id, { ...payload, updated_at: iso() })))

  const sipProfileGroup = HttpApiBuilder.group(RestApi.api, "sipProfile", (h) =>
    h
      .handle("get", () => Effect.sync(() => out(sipProfile)))
      .handle("update", ({ payload }) =>
        Effect.sync(() => {
          sipProfile = { ...sipProfile, ...payload }
          if (payload.domain_identifier !== undefined) sipProfile.domain = `${payload.domain_identifier}.sip.signalwire.com`
          return out(sipProfile)
        })))

  const lookupGroup = HttpApiBuilder.group(RestApi.api, "lookup", (h) =>
    h.handle("phoneNumber", ({ path, urlParams }) => {
      const e164 = path.e164_number
      const nanp = e164.startsWith("+1") && e164.length === 12
      const include = new Set((urlParams.include ?? "").split(",").map((s) => s.trim()))
      return Effect.succeed(out({
        e164,
        country_code: nanp ? "US" : "ZZ",
        country_code_number: nanp ? 1 : 0,
        national_number: nanp ? e164.slice(2) : e164.slice(1),
        national_number_formatted: nanp ? `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}` : e164,
        international_number_formatted: nanp ? `+1 ${e164.slice(2, 5)}-${e164.slice(5, 8)}-${e164.slice(8)}` : e164,
        possible_number: true,
        valid_number: nanp,
        location: nanp ? "United States" : null,
        timezones: nanp ? ["America/Chicago"] : [],
        number_type: "fixed-line-or-mobile",
        carrier: include.has("carrier") ? { lrn: e164.slice(1), spid: "0000", ocn: "0000", lata: "976", city: "SPRINGFIELD", state: "IL", jurisdiction: "INDETERMINATE", lec: "SANDBOX", linetype: "wireless" } : null,
        cnam: include.has("cnam") ? { caller_id: "SANDBOX" } : null
      }))
    }))

  const mfaRequest = (channel: string) => (to: string) =>
    Effect.sync(() => out(mfaRequests.put({ id: uuid(), success: true, to, channel, attempts: 0 })))
  const mfaGroup = HttpApiBuilder.group(RestApi.api, "mfa", (h) =>
    h
      .handle("sms", ({ payload }) => mfaRequest("sms")(payload.to))
      .handle("call", ({ payload }) => mfaRequest("call")(payload.to))
      .handle("verify", ({ path, payload }) =>
        mfaRequests.get(path.mfa_request_id) === undefined
          ? notFound
          : Effect.succeed(out({ success: payload.token === VERIFICATION_CODE }))))

  const registryGroup = HttpApiBuilder.group(RestApi.api, "registry", (h) =>
    h
      .handle("listBrands", ({ urlParams }) =>
        Effect.succeed(out(page(brands.values(), urlParams, where("/api/relay/rest/registry/beta/brands")))))
      .handle("createBrand", ({ payload }) => Effect.sync(() => out(brands.put({ ...payload, id: uuid(), state: "PENDING", ...stamp() }))))
      .handle("getBrand", ({ path }) => found(brands.get(path.id)))
      .handle("listCampaigns", ({ path, urlParams }) =>
        brands.get(path.id) === undefined ? notFound : Effect.succeed(out(page(
          campaigns.values().filter((c) => c.brand_id === path.id),
          urlParams,
          where(`/api/relay/rest/registry/beta/brands/${path.id}/campaigns`)
        ))))
      .handle("createCampaign", ({ path, payload }) =>
        brands.get(path.id) === undefined
          ? notFound
          : Effect.sync(() => out(campaigns.put({ ...payload, id: uuid(), brand_id: path.id, state: "PENDING", ...stamp() }))))
      .handle("getCampaign", ({ path }) => found(campaigns.get(path.id)))
      .handle("updateCampaign", ({ path, payload }) => patched(campaigns, path.id, { name: payload.name, updated_at: iso() }))
      .handle("listNumbers", ({ path, urlParams }) =>
        campaigns.get(path.id) === undefined ? notFound : Effect.succeed(out(page(
          assigned.values().filter((n) => n.campaign_id === path.id),
          urlParams,
          where(`/api/relay/rest/registry/beta/campaigns/${path.id}/numbers`)
        ))))
      .handle("listOrders", ({ path, urlParams }) =>
        campaigns.get(path.id) === undefined ? notFound : Effect.succeed(out(page(
          orders.values().filter((o) => o.campaign_id === path.id),
          urlParams,
          where(`/api/relay/rest/registry/beta/campaigns/${path.id}/orders`)
        ))))
      .handle("createOrder", ({ path, payload }) => {
        if (campaigns.get(path.id) === undefined) return notFound
        const unknown = payload.phone_numbers.find((id) => env.numbers.get(id) === undefined)
        if (unknown !== undefined) return unprocessable(`phone number ${unknown} is not a number of this project`)
        const at = iso()
        for (const id of payload.phone_numbers) {
          assigned.put({ id: uuid(), campaign_id: path.id, phone_number_id: id, state: "COMPLETED", created_at: at, updated_at: at })
        }
        return Effect.succeed(out(orders.put({
          id: uuid(),
          campaign_id: path.id,
          state: "COMPLETED",
          processed_at: at,
          status_callback_url: payload.status_callback_url ?? null,
          created_at: at,
          updated_at: at
        })))
      })
      .handle("getOrder", ({ path }) => found(orders.get(path.id)))
      .handle("deleteNumber", ({ path }) => removed(assigned, path.id)))

  const projectGroup = HttpApiBuilder.group(RestApi.api, "project", (h) =>
    h
      .handle("createToken", ({ payload }) =>
        Effect.sync(() => out(tokens.put({ id: uuid(), name: payload.name, permissions: payload.permissions, token: `PT${uuid().replaceAll("-", "")}` }))))
      .handle("updateToken", ({ path, payload }) => patched(tokens, path.token_id, payload))
      .handle("deleteToken", ({ path }) => removed(tokens, path.token_id)))

  const issue = () => Effect.sync(() => out({ token: `eyJ${Buffer.from(uuid()).toString("base64url")}` }))
  const pubsubGroup = HttpApiBuilder.group(RestApi.api, "pubsub", (h) => h.handle("createToken", issue))
  const chatGroup = HttpApiBuilder.group(RestApi.api, "chat", (h) => h.handle("createToken", issue))

  return {
    layers: [
      numberGroupGroup,
      verifiedCallerGroup,
      shortCodeGroup,
      sipProfileGroup,
      lookupGroup,
      mfaGroup,
      registryGroup,
      projectGroup,
      pubsubGroup,
      chatGroup
    ] as const,
    shortCodes,
    tokens
  }
}
