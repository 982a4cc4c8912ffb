/**
 * The compat (LaML) phone numbers, applications and LaML bins of the sandbox. Incoming phone
 * numbers are the project's numbers (the relay-REST `phoneNumbers` collection, the `from` numbers
 * messaging accepts): a number bought here is listed there and the other way round, and
 * `VoiceUrl` / `SmsUrl` / `…ApplicationSid` set the same `call_handler` / `message_handler` the
 * relay-REST API shows. Numbers available to purchase exist for the US and Canada. A LaML bin is
 * served at its `request_url` (`<origin>/laml-bins/<sid>`, see `server.ts`).
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { RestApi } from "@signalwire-effect/rest"
import { uuid } from "../sim.js"
import { API_VERSION, type CompatEnv, fail, notFound, out, page, rfc2822 } from "./compatShared.js"
import { Collection, type Json } from "./store.js"

const COUNTRIES: Readonly<Record<string, string>> = { US: "United States", CA: "Canada" }
const TOLL_FREE = ["800", "833", "844", "855", "866", "877", "888"]

const strOrNull = (value: unknown): string | null => (typeof value === "string" ? value : null)
const dateOf = (iso: unknown, fallback: number) => rfc2822(typeof iso === "string" ? Date.parse(iso) : fallback)

export const groups = (env: CompatEnv, subprojects: Collection) => {
  const base = `/api/laml/${API_VERSION}/Accounts/${env.project}`
  const date = () => rfc2822(env.now())
  const iso = () => new Date(env.now()).toISOString()
  const scoped = <A, E>(path: { readonly AccountSid: string }, f: () => Effect.Effect<A, E>) =>
    path.AccountSid === env.project ? f() : notFound(`The account ${path.AccountSid}`)
  const applications = env.applications
  const bins = new Collection()

  // ---- incoming phone numbers -------------------------------------------------------------------
  const numberJson = (n: Json): Json => {
    const caps = Array.isArray(n.capabilities) ? n.capabilities : []
    const voiceApp = n.call_handler === "laml_application"
    const smsApp = n.message_handler === "laml_application"
    return {
      sid: n.id,
      account_sid: n.compat_account_sid ?? env.project,
      account_id: n.compat_account_sid ?? env.project,
      api_version: API_VERSION,
      phone_number: n.number,
      friendly_name: n.name ?? n.number,
      capabilities: { voice: caps.includes("voice"), sms: caps.includes("sms"), mms: caps.includes("mms"), fax: caps.includes("fax") },
      country_code: n.country_code ?? "US",
      origin: n.compat_origin ?? "signalwire",
      beta: false,
      address_requirements: "none",
      address_sid: null,
      identity_sid: null,
      trunk_sid: null,
      emergency_status: "Inactive",
      voice_url: n.call_handler === "laml_webhooks" ? strOrNull(n.call_request_url) : null,
      voice_method: strOrNull(n.call_request_method) ?? "POST",
      voice_fallback_url: strOrNull(n.call_fallback_url),
      voice_fallback_method: strOrNull(n.call_fallback_method) ?? "POST",
      voice_application_sid: voiceApp ? strOrNull(n.call_laml_application_id) : null,
      voice_receive_mode: strOrNull(n.call_receive_mode) ?? "voice",
      voice_caller_id_lookup: false,
      status_callback: strOrNull(n.call_status_callback_url),
      status_callback_method: strOrNull(n.call_status_callback_method) ?? "POST",
      sms_url: n.message_handler === "laml_webhooks" ? strOrNull(n.message_request_url) : null,
      sms_method: strOrNull(n.message_request_method) ?? "POST",
      sms_fallback_url: strOrNull(n.message_fallback_url),
      sms_fallback_method: strOrNull(n.message_fallback_method) ?? "POST",
      sms_application_sid: smsApp ? strOrNull(n.message_laml_application_id) : null,
      emergency_address_sid: strOrNull(n.e911_address_id),
      date_created: dateOf(n.created_at, env.now()),
      date_updated: dateOf(n.updated_at, env.now()),
      uri: `${base}/IncomingPhoneNumbers/${String(n.id)}`
    }
  }

  interface HandlerFields {
    readonly FriendlyName?: string | undefined
    readonly VoiceUrl?: string | undefined
    readonly VoiceMethod?: string | undefined
    readonly VoiceFallbackUrl?: string | undefined
    readonly VoiceFallbackMethod?: string | undefined
    readonly VoiceApplicationSid?: string | undefined
    readonly VoiceReceiveMode?: string | undefined
    readonly StatusCallback?: string | undefined
    readonly StatusCallbackMethod?: string | undefined
    readonly SmsUrl?: string | undefined
    readonly SmsMethod?: string | undefined
    readonly SmsFallbackUrl?: string | undefined
    readonly SmsFallbackMethod?: string | undefined
    readonly SmsApplicationSid?: string | undefined
    readonly AccountSid?: string | undefined
    readonly EmergencyAddressSid?: string | undefined
  }

  /** The relay-REST fields a compat body sets; an unknown application or account is refused. */
  const relayFields = (b: HandlerFields) =>
    Effect.gen(function*() {
      for (const app of [b.VoiceApplicationSid, b.SmsApplicationSid]) {
        if (app !== undefined && applications.get(app) === undefined) {
          return yield* fail(400, 21420, `The application ${app} could not be found`)
        }
      }
      if (b.AccountSid !== undefined && b.AccountSid !== env.project && subprojects.get(b.AccountSid) === undefined) {
        return yield* fail(422, 10004, `The account ${b.AccountSid} does not belong to this project`)
      }
      const set: Json = { updated_at: iso() }
      const put = (key: string, value: unknown) => {
        if (value !== undefined) set[key] = value
      }
      put("name", b.FriendlyName)
      if (b.VoiceUrl !== undefined) Object.assign(set, { call_handler: "laml_webhooks", call_request_url: b.VoiceUrl })
      put("call_request_method", b.VoiceMethod)
      put("call_fallback_url", b.VoiceFallbackUrl)
      put("call_fallback_method", b.VoiceFallbackMethod)
      if (b.VoiceApplicationSid !== undefined) {
        Object.assign(set, { call_handler: "laml_application", call_laml_application_id: b.VoiceApplicationSid })
      }
      put("call_receive_mode", b.VoiceReceiveMode)
      put("call_status_callback_url", b.StatusCallback)
      put("call_status_callback_method", b.StatusCallbackMethod)
      if (b.SmsUrl !== undefined) Object.assign(set, { message_handler: "laml_webhooks", message_request_url: b.SmsUrl })
      put("message_request_method", b.SmsMethod)
      put("message_fallback_url", b.SmsFallbackUrl)
      put("message_fallback_method", b.SmsFallbackMethod)
      if (b.SmsApplicationSid !== undefined) {
        Object.assign(set, { message_handler: "laml_application", message_laml_application_id: b.SmsApplicationSid })
      }
      put("e911_address_id", b.EmergencyAddressSid)
      if (b.AccountSid !== undefined) set.compat_account_sid = b.AccountSid === env.project ? null : b.AccountSid
      return set
    })

  const owned = (number: string) => fail(422, 10000, `The number ${number} is already a number of this project`)
  const numberById = (sid: string) => {
    const found = env.numbers.get(sid)
    return found === undefined ? notFound(`The phone number ${sid}`) : Effect.succeed(found)
  }

  const countryJson = (code: string): Json => ({
    country_code: code,
    country: COUNTRIES[code],
    uri: `${base}/AvailablePhoneNumbers/${code}`,
    beta: false,
    subresource_uris: { local: `${base}/AvailablePhoneNumbers/${code}/Local`, toll_free: `${base}/AvailablePhoneNumbers/${code}/TollFree` }
  })
  const country = (iso2: string) => {
    const code = iso2.toUpperCase()
    return COUNTRIES[code] === undefined ? notFound(`Numbers in ${iso2}`) : Effect.succeed(code)
  }
  const available = (code: string, areas: ReadonlyArray<string>, contains: string | undefined, kind: string): Array<Json> => {
    const found: Array<Json> = []
    for (let i = 0; found.length < 20 && i < 10_000; i++) {
      const area = areas[i % areas.length]!
      const number = `+1${area}${String(2000000 + (i * 7919) % 8000000).padStart(7, "0")}`
      if (env.byNumber(number) !== undefined || (contains !== undefined && !number.includes(contains))) continue
      found.push({
        phone_number: number,
        friendly_name: `(${area}) ${number.slice(5, 8)}-${number.slice(8)}`,
        lata: kind === "local" ? "976" : null,
        locality: kind === "local" ? "SPRINGFIELD" : null,
        rate_center: kind === "local" ? "SPRINGFIELD" : null,
        latitude: null,
        longitude: null,
        region: kind === "local" ? (code === "CA" ? "ON" : "IL") : null,
        postal_code: null,
        iso_country: code,
        capabilities: { voice: true, SMS: true, MMS: true, fax: true },
        beta: false
      })
    }
    return found
  }

  const phoneNumbers = HttpApiBuilder.group(RestApi.api, "compatPhoneNumbers", (h) =>
    h
      .handle("list", ({ path, urlParams: q }) =>
        scoped(path, () =>
          page(
            "incoming_phone_numbers",
            env.numbers.values().filter((n) =>
              (q.PhoneNumber === undefined || String(n.number).includes(q.PhoneNumber)) &&
              (q.FriendlyName === undefined || n.name === q.FriendlyName)
            ).map(numberJson),
            q,
            `${base}/IncomingPhoneNumbers`,
            { PhoneNumber: q.PhoneNumber, FriendlyName: q.FriendlyName }
          )))
      .handle("purchase", ({ path, payload }) =>
        scoped(path, () =>
          Effect.gen(function*() {
            if (env.byNumber(payload.PhoneNumber) !== undefined) return yield* owned(payload.PhoneNumber)
            const fields = yield* relayFields(payload)
            const created = env.newNumber(payload.PhoneNumber, fields)
            env.messages.own(payload.PhoneNumber)
            return out(numberJson(created))
          })))
      .handle("get", ({ path }) => scoped(path, () => Effect.map(numberById(path.Sid), (n) => out(numberJson(n)))))
      .handle("update", ({ path, payload }) =>
        scoped(path, () =>
          Effect.gen(function*() {
            const current = yield* numberById(path.Sid)
            const fields = yield* relayFields(payload)
            return out(numberJson(env.numbers.put({ ...current, ...fields, id: path.Sid })))
          })))
      .handle("delete", ({ path }) =>
        scoped(path, () =>
          Effect.map(numberById(path.Sid), (n) => {
            env.numbers.delete(path.Sid)
            env.messages.disown(String(n.number))
          })))
      .handle("importNumber", ({ path, payload }) =>
        scoped(path, () => {
          if (env.byNumber(payload.number) !== undefined) return owned(payload.number)
          const capabilities = payload.capabilities === undefined ? ["sms"] : [payload.capabilities].flat()
          const created = env.newNumber(payload.number, {
            number_type: payload.number_type,
            capabilities,
            compat_origin: "hosted"
          })
          env.messages.own(payload.number)
          return Effect.succeed(out(numberJson(created)))
        }))
      .handle("listAvailableCountries", ({ path }) =>
        scoped(path, () => Effect.succeed(out({ uri: `${base}/AvailablePhoneNumbers`, countries: Object.keys(COUNTRIES).map(countryJson) }))))
      .handle("getAvailableCountry", ({ path }) => scoped(path, () => Effect.map(country(path.IsoCountry), (code) => out(countryJson(code)))))
      .handle("searchLocal", ({ path, urlParams: q }) =>
        scoped(path, () =>
          Effect.map(country(path.IsoCountry), (code) =>
            out({
              uri: `${base}/AvailablePhoneNumbers/${code}/Local`,
              available_phone_numbers: available(code, [q.AreaCode ?? "555"], q.Contains, "local")
            }))))
      .handle("searchTollFree", ({ path, urlParams: q }) =>
        scoped(path, () =>
          Effect.map(country(path.IsoCountry), (code) =>
            out({
              uri: `${base}/AvailablePhoneNumbers/${code}/TollFree`,
              available_phone_numbers: available(code, q.AreaCode === undefined ? TOLL_FREE : [q.AreaCode], q.Contains, "toll-free")
            })))))

  // ---- applications -----------------------------------------------------------------------------
  interface AppBody {
    readonly FriendlyName: string
    readonly [key: string]: string | undefined
  }
  const snake = (pascal: string) => pascal.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase()
  const applicationJson = (sid: string, body: AppBody, previous: Json | undefined): Json & { id: string } => {
    const fields: Json = {}
    for (
      const key of [
        "VoiceUrl", "VoiceMethod", "VoiceFallbackUrl", "VoiceFallbackMethod", "StatusCallback", "StatusCallbackMethod", "SmsUrl",
        "SmsMethod", "SmsFallbackUrl", "SmsFallbackMethod", "SmsStatusCallback", "SmsStatusCallbackMethod"
      ]
    ) {
      fields[snake(key)] = body[key] ?? previous?.[snake(key)] ?? (key.endsWith("Method") ? "POST" : null)
    }
    return {
      id: sid,
      sid,
      account_sid: env.project,
      api_version: API_VERSION,
      friendly_name: body.FriendlyName,
      voice_caller_id_lookup: false,
      message_status_callback: null,
      ...fields,
      date_created: previous?.date_created ?? date(),
      date_updated: date(),
      uri: `${base}/Applications/${sid}`
    }
  }
  const applicationGroup = HttpApiBuilder.group(RestApi.api, "compatApplications", (h) =>
    h
      .handle("list", ({ path, urlParams: q }) =>
        scoped(path, () =>
          page(
            "applications",
            applications.values().filter((a) => q.FriendlyName === undefined || a.friendly_name === q.FriendlyName),
            q,
            `${base}/Applications`,
            { FriendlyName: q.FriendlyName }
          )))
      .handle("create", ({ path, payload }) =>
        scoped(path, () => Effect.succeed(out(applications.put(applicationJson(uuid(), payload, undefined))))))
      .handle("get", ({ path }) => scoped(path, () => found(applications, path.Sid, "application")))
      .handle("update", ({ path, payload }) =>
        scoped(path, () =>
          Effect.map(found(applications, path.Sid, "application"), (current) =>
            out(applications.put(applicationJson(path.Sid, payload, current as Json))))))
      .handle("delete", ({ path }) => scoped(path, () => removed(applications, path.Sid, "application"))))

  // ---- LaML bins --------------------------------------------------------------------------------
  const binJson = (sid: string, name: string, contents: string, previous: Json | undefined): Json & { id: string } => ({
    id: sid,
    sid,
    account_sid: env.project,
    api_version: API_VERSION,
    name,
    contents,
    request_url: `${env.origin()}/laml-bins/${sid}`,
    num_requests: previous?.num_requests ?? 0,
    date_created: previous?.date_created ?? date(),
    date_updated: date(),
    date_last_accessed: previous?.date_last_accessed ?? null,
    uri: `${base}/LamlBins/${sid}`
  })
  const binGroup = HttpApiBuilder.group(RestApi.api, "compatLamlBins", (h) =>
    h
      .handle("list", ({ path, urlParams: q }) =>
        scoped(path, () =>
          page("laml_bins", bins.values().filter((b) => q.Name === undefined || b.name === q.Name), q, `${base}/LamlBins`, { Name: q.Name })))
      .handle("create", ({ path, payload }) =>
        scoped(path, () => Effect.succeed(out(bins.put(binJson(uuid(), payload.Name, payload.Contents ?? "", undefined))))))
      .handle("get", ({ path }) => scoped(path, () => found(bins, path.Sid, "LaML bin")))
      .handle("update", ({ path, payload }) =>
        scoped(path, () =>
          Effect.map(found(bins, path.Sid, "LaML bin"), (current) => {
            const previous = current as Json
            return out(bins.put(binJson(path.Sid, payload.Name, payload.Contents ?? String(previous.contents ?? ""), previous)))
          })))
      .handle("delete", ({ path }) => scoped(path, () => removed(bins, path.Sid, "LaML bin"))))

  /**
   * A LaML bin requested at its `request_url`: its contents (counted in `num_requests`, the time in
   * `date_last_accessed`); `undefined` for no such bin.
   */
  const fetchBin = (sid: string): string | undefined => {
    const bin = bins.get(sid)
    if (bin === undefined) return undefined
    bins.put({ ...bin, id: sid, num_requests: Number(bin.num_requests ?? 0) + 1, date_last_accessed: date() })
    return String(bin.contents ?? "")
  }

  return { layers: [phoneNumbers, applicationGroup, binGroup] as const, fetchBin }
}

const found = (collection: Collection, sid: string, what: string) => {
  const item = collection.get(sid)
  return item === undefined ? notFound(`The ${what} ${sid}`) : Effect.succeed(out(item))
}

const removed = (collection: Collection, sid: string, what: string) =>
  collection.delete(sid) ? Effect.void : notFound(`The ${what} ${sid}`)
