/**
 * Compat (LaML) calls on the simulated platform: the same calls as the calling API and RELAY (one
 * call engine). Create places a call through the dial path with its cXML `Url` (or its
 * `ApplicationSid`'s `VoiceUrl`) and its `StatusCallback` kept on the call — the cXML runs once the
 * call is answered; update re-points (a new `Url`: the cXML run restarts there) or ends it; recordings and streams of a call run the engine's `calling.record`
 * and `calling.stream`. Lists page with `Page` / `PageSize` and `next_page_uri`; errors are the
 * compat body `{code, message, more_info, status}`.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { RestApi } from "@signalwire-effect/rest"
import type { CallInfo, Outcome, RestCalling } from "../calls/rest.js"
import { uuid } from "../sim.js"
import { talkMs } from "./callingHandlers.js"
import { body } from "./compatShared.js"
import type { Collection, Json } from "./store.js"

const BASE = "/api/laml/2010-04-01/Accounts"
const DEFAULT_PAGE_SIZE = 50
const MAX_KEPT = 10_000

type Failure = ReturnType<typeof body<404 | 422>>
const fail = (status: 404 | 422, code: number, message: string): Effect.Effect<never, Failure> => Effect.fail(body(status, code, message))

/** RFC 2822 dates, as the compat API writes them. */
const rfc2822 = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toUTCString().replace("GMT", "+0000"))

const ENDED: Readonly<Record<string, string>> = { cancel: "canceled", busy: "busy", decline: "busy", noAnswer: "no-answer", error: "failed" }

const statusOf = (info: CallInfo): string => {
  switch (info.call.state) {
    case "created":
      return "queued"
    case "ringing":
      return "ringing"
    case "answered":
    case "ending":
      return "in-progress"
    case "ended":
      return ENDED[info.call.endReason ?? ""] ?? "completed"
  }
}

export const group = (env: {
  readonly project: string
  readonly calling: RestCalling
  readonly now: () => number
  readonly contextOf: (number: string) => string | undefined
  /** The compat applications (`ApplicationSid`). */
  readonly applications: Collection
}) => {
  const deleted = new Set<string>()
  const recordings = new Map<string, Json & { readonly call_sid: string; status: string }>()
  const streams = new Map<string, Json & { readonly call_sid: string; status: string }>()
  const callsPath = `${BASE}/${env.project}/Calls`

  const callJson = (info: CallInfo): Json => {
    const { call } = info
    const ms = talkMs(info, env.now())
    const uri = `${callsPath}/${call.callId}`
    return {
      sid: call.callId,
      account_sid: env.project,
      date_created: rfc2822(info.createdAt),
      date_updated: rfc2822(info.endedAt ?? info.answeredAt ?? info.createdAt),
      parent_call_sid: null,
      to: call.to,
      formatted_to: call.to,
      to_formatted: call.to,
      from: call.from,
      formatted_from: call.from,
      from_formatted: call.from,
      phone_number_sid: null,
      status: statusOf(info),
      start_time: rfc2822(info.answeredAt),
      end_time: rfc2822(info.endedAt),
      duration: Math.floor(ms / 1000),
      price: info.endedAt === undefined ? null : -Math.ceil(ms / 60_000) * 0.0065,
      price_unit: "USD",
      direction: info.viaRest ? "outbound-api" : call.direction === "inbound" ? "inbound" : "outbound-dial",
      answered_by: null,
      api_version: "2010-04-01",
      forwarded_from: null,
      caller_name: null,
      uri,
      subresource_uris: { notifications: `${uri}/Notifications`, recordings: `${uri}/Recordings` },
      annotation: null,
      group_sid: null
    }
  }

  const notFound = (what: string) => fail(404, 20404, `The requested resource ${what} was not found`)
  const invalid = (message: string) => fail(422, 21220, message)
  const account = (sid: string) => (sid === env.project ? Effect.void : notFound(`${BASE}/${sid}`))
  const visible = (sid: string): Effect.Effect<CallInfo, Failure> => {
    const info = deleted.has(sid) ? undefined : env.calling.get(sid)
    return info === undefined ? notFound(`${callsPath}/${sid}`) : Effect.succeed(info)
  }
  const answer = (sid: string, outcome: Outcome): Effect.Effect<never, Failure> => {
    switch (outcome._tag) {
      case "Ok":
        return Effect.succeed(callJson(outcome.info) as never)
      case "NotFound":
        return notFound(`${callsPath}/${sid}`)
      case "Invalid":
        return invalid(outcome.message)
    }
  }
  const keep = <A>(map: Map<string, A>, key: string, value: A) => {
    map.set(key, value)
    if (map.size > MAX_KEPT) map.delete(map.keys().next().value!)
    return value
  }
  /** Runs a calling command for a sub-resource; the compat object is built only if it succeeded. */
  const command = (callSid: string, method: string, params: Json): Effect.Effect<void, Failure> =>
    Effect.flatMap(visible(callSid), () => {
      const outcome = env.calling.command(callSid, method, params)
      return outcome._tag === "Ok" ? Effect.void : answer(callSid, outcome)
    })

  return HttpApiBuilder.group(RestApi.api, "compatCalls", (h) =>
    h
      .handle("list", ({ path, urlParams: q }) =>
        Effect.zipRight(
          account(path.AccountSid),
          Effect.sync(() => {
            const all = env.calling.list()
              .filter((i) => !deleted.has(i.call.callId))
              .reverse()
              .map(callJson)
              .filter((c) =>
                (q.To === undefined || c.to === q.To) && (q.From === undefined || c.from === q.From) &&
                (q.Status === undefined || c.status === q.Status)
              )
            const size = q.PageSize ?? DEFAULT_PAGE_SIZE
            const page = q.Page ?? 0
            const filters = new URLSearchParams()
            for (const key of ["To", "From", "Status"] as const) if (q[key] !== undefined) filters.set(key, q[key]!)
            const uriOf = (n: number) => {
              const params = new URLSearchParams(filters)
              params.set("Page", String(n))
              params.set("PageSize", String(size))
              if (n > 0) params.set("PageToken", `PA${Buffer.from(`offset:${n * size}`).toString("base64url")}`)
              return `${callsPath}?${params.toString()}`
            }
            const more = (page + 1) * size < all.length
            return {
              uri: uriOf(page),
              first_page_uri: uriOf(0),
              next_page_uri: more ? uriOf(page + 1) : null,
              previous_page_uri: page > 0 ? uriOf(page - 1) : null,
              page,
              page_size: size,
              start: page * size,
              end: Math.min((page + 1) * size, all.length) - 1,
              calls: all.slice(page * size, (page + 1) * size)
            } as never
          })
        ))
      .handle("create", ({ path, payload }) =>
        Effect.zipRight(
          account(path.AccountSid),
          Effect.suspend(() => {
            const app = payload.ApplicationSid === undefined ? undefined : env.applications.get(payload.ApplicationSid)
            if (payload.Url === undefined && app === undefined) {
              return fail(422, 21420, `The application ${payload.ApplicationSid ?? ""} could not be found`)
            }
            const url = payload.Url ?? (typeof app?.voice_url === "string" ? app.voice_url : undefined)
            if (url === undefined) return fail(422, 21205, `The application ${payload.ApplicationSid ?? ""} has no VoiceUrl`)
            const method = payload.Url === undefined ? (app?.voice_method === "GET" ? "GET" : "POST") : payload.Method ?? "POST"
            const callback = payload.StatusCallback ?? (payload.Url === undefined && typeof app?.status_callback === "string" ? app.status_callback : undefined)
            const statusCallback = callback === undefined ? undefined : {
              url: callback,
              method: payload.StatusCallbackMethod ?? (payload.StatusCallback === undefined && app?.status_callback_method === "GET" ? "GET" : "POST"),
              events: payload.StatusCallbackEvent ?? ["completed" as const]
            }
            const fallbackUrl = payload.FallbackUrl ?? (payload.Url === undefined && typeof app?.voice_fallback_url === "string" ? app.voice_fallback_url : undefined)
            const fallback = fallbackUrl === undefined ? undefined : {
              url: fallbackUrl,
              method: (payload.FallbackMethod ?? (payload.FallbackUrl === undefined ? app?.voice_fallback_method : undefined)) === "GET" ? "GET" as const : "POST" as const
            }
            return answer("", env.calling.dial({
              from: payload.From,
              to: payload.To,
              swml: { _tag: "Cxml", url, method, statusCallback, fallback },
              timeout: payload.Timeout,
              context: env.contextOf(payload.From)
            }))
          })
        ))
      .handle("get", ({ path }) =>
        Effect.zipRight(account(path.AccountSid), Effect.map(visible(path.Sid), (i) => callJson(i) as never)))
      .handle("update", ({ path, payload }) =>
        Effect.zipRight(
          account(path.AccountSid),
          Effect.flatMap(visible(path.Sid), () =>
            answer(path.Sid, env.calling.update(path.Sid, {
              swml: payload.Url === undefined ? undefined : {
                _tag: "Cxml",
                url: payload.Url,
                method: payload.Method ?? "POST",
                fallback: payload.FallbackUrl === undefined ? undefined : { url: payload.FallbackUrl, method: payload.FallbackMethod ?? "POST" }
              },
              status: payload.Status
            })))
        ))
      .handle("delete", ({ path }) =>
        Effect.zipRight(
          account(path.AccountSid),
          Effect.flatMap(visible(path.Sid), (info) => {
            if (info.call.state !== "ended") return invalid("a call in progress cannot be deleted")
            deleted.add(path.Sid)
            if (deleted.size > MAX_KEPT) deleted.delete(deleted.values().next().value!)
            return Effect.void
          })
        ))
      .handle("startRecording", ({ path, payload }) => {
        const sid = uuid()
        const direction = payload.RecordingTrack === "inbound" ? "speak" : payload.RecordingTrack === "outbound" ? "listen" : "both"
        return Effect.zipRight(
          account(path.AccountSid),
          Effect.zipRight(
            command(path.CallSid, "calling.record", {
              control_id: sid,
              record: { audio: { format: "wav", stereo: payload.RecordingChannels === "dual", direction } }
            }),
            Effect.sync(() =>
              keep(recordings, sid, {
                sid,
                account_sid: env.project,
                call_sid: path.CallSid,
                conference_sid: null,
                status: "in-progress",
                channels: payload.RecordingChannels === "dual" ? 2 : 1,
                source: "StartCallRecordingAPI",
                track: payload.RecordingTrack ?? "both",
                start_time: rfc2822(env.now()),
                date_created: rfc2822(env.now()),
                date_updated: rfc2822(env.now()),
                duration: null,
                price: null,
                error_code: null,
                api_version: "2010-04-01",
                uri: `${callsPath}/${path.CallSid}/Recordings/${sid}`
              }) as never
            )
          )
        )
      })
      .handle("updateRecording", ({ path, payload }) => {
        const recording = recordings.get(path.Sid)
        if (recording === undefined || recording.call_sid !== path.CallSid) {
          return notFound(`${callsPath}/${path.CallSid}/Recordings/${path.Sid}`)
        }
        const method = payload.Status === "paused" ? "calling.record.pause" : payload.Status === "in-progress" ? "calling.record.resume" : "calling.record.stop"
        const params = payload.Status === "paused" ? { control_id: path.Sid, behavior: payload.PauseBehavior ?? "silence" } : { control_id: path.Sid }
        return Effect.zipRight(
          Effect.zipRight(account(path.AccountSid), command(path.CallSid, method, params)),
          Effect.sync(() => {
            recording.status = payload.Status
            recording.date_updated = rfc2822(env.now())
            return { ...recording } as never
          })
        )
      })
      .handle("startStream", ({ path, payload }) => {
        const sid = uuid()
        return Effect.zipRight(
          account(path.AccountSid),
          Effect.zipRight(
            command(path.CallSid, "calling.stream", {
              control_id: sid,
              url: payload.Url,
              track: payload.Track ?? "both_tracks",
              ...(payload.Name === undefined ? {} : { name: payload.Name })
            }),
            Effect.sync(() =>
              keep(streams, sid, {
                sid,
                account_sid: env.project,
                call_sid: path.CallSid,
                name: payload.Name ?? null,
                status: "in-progress",
                date_updated: rfc2822(env.now()),
                uri: `${callsPath}/${path.CallSid}/Streams/${sid}`
              }) as never
            )
          )
        )
      })
      .handle("stopStream", ({ path }) => {
        const stream = streams.get(path.Sid)
        if (stream === undefined || stream.call_sid !== path.CallSid) return notFound(`${callsPath}/${path.CallSid}/Streams/${path.Sid}`)
        return Effect.zipRight(
          Effect.zipRight(account(path.AccountSid), command(path.CallSid, "calling.stream.stop", { control_id: path.Sid })),
          Effect.sync(() => {
            stream.status = "stopped"
            stream.date_updated = rfc2822(env.now())
            return { ...stream } as never
          })
        )
      }))
}
