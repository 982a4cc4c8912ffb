/**
 * The compat (LaML) faxes of the sandbox, sent by the call simulation: a fax stays `queued` for one
 * step (20 ms on the sandbox's Clock; it can be canceled then), then a call is placed from `From`
 * to `To` that runs SWML `send_fax` with the document once answered. The far end's script
 * (`sandbox.calls.script(To, …)`) decides: an answered call sends `fax.pages` pages (`delivered`)
 * or fails with `fax.error` (`failed`); `busy` / `noAnswer` end it `busy` / `no-answer`; a
 * declined or failed call ends it `failed`. The fax is `processing` while the call rings and
 * `sending` once it is answered. `StatusCallback` gets the final status (a form, by
 * `StatusCallbackMethod`). The same faxes are the relay-REST fax log (`/api/fax/logs`).
 *
 * A fax received by cXML `<Receive>` is an inbound fax: `receiving` while the call runs
 * `calling.receive_fax`, then `received` (its pages as the sender's script says, its media a
 * document the sandbox serves at `MediaUrl`, `/fax-media/<media sid>`) or `failed`.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { RestApi } from "@signalwire-effect/rest"
import { uuid } from "../sim.js"
import * as FaxMedia from "./faxMedia.js"
import { API_VERSION, type CompatEnv, fail, notFound, out, page, rfc2822 } from "./compatShared.js"
import { Collection, type Json } from "./store.js"

/** The price of one page sent, in USD. */
const RATE_PER_PAGE = 0.0105
const STEP = "20 millis"
const TERMINAL: ReadonlySet<string> = new Set(["delivered", "received", "failed", "busy", "no-answer", "canceled"])

/** What the sandbox keeps about a fax besides its compat fields. */
interface Progress {
  /** The status as the fax log shows it (the call's vocabulary). */
  logStatus: "queued" | "initiated" | "ringing" | "in-progress" | "busy" | "failed" | "no-answer" | "canceled" | "completed"
  callId: string | undefined
  answeredAt: number | undefined
  readonly createdAt: number
  /** The document as sent (`MediaUrl`), kept when its media is deleted. */
  readonly document: string
  readonly callback: { readonly url: string; readonly method: "GET" | "POST" } | undefined
  /** A received fax: its media's type and page size (the document is served at `MediaUrl`). */
  readonly received?: { readonly mediaType: string; readonly pageSize: string } | undefined
}

/** How a fax that was being received ended. */
export type Reception =
  | { readonly pages: number; readonly remoteStationId?: string | undefined }
  | { readonly error: string; readonly status?: "failed" | "canceled" | undefined }

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)

export const group = (env: CompatEnv) => {
  const base = `/api/laml/${API_VERSION}/Accounts/${env.project}`
  const date = () => rfc2822(env.now())
  const scoped = <A, E>(path: { readonly AccountSid: string }, f: () => Effect.Effect<A, E>) =>
    path.AccountSid === env.project ? f() : notFound(`The account ${path.AccountSid}`)
  const faxes = new Collection()
  const progress = new Map<string, Progress>()
  const byCall = new Map<string, string>()
  const faxUri = (sid: string) => `${base}/Faxes/${sid}`
  /** A new compat fax record: what differs between an outbound and an inbound one is given. */
  const faxRecord = (
    sid: string,
    at: string,
    own: {
      readonly from: string
      readonly to: string
      readonly direction: "outbound" | "inbound"
      readonly status: string
      readonly quality: string
      readonly media_url: string | null
    }
  ) => ({
    id: sid,
    sid,
    account_sid: env.project,
    api_version: "v1",
    ...own,
    media_sid: uuid(),
    num_pages: null,
    duration: 0,
    price: null,
    price_unit: "USD",
    error_code: null,
    error_message: null,
    date_created: at,
    date_updated: at,
    url: faxUri(sid),
    links: { media: `${faxUri(sid)}/Media` }
  })

  const faxMediaJson = (fax: Json): Json => ({
    sid: fax.media_sid,
    fax_sid: fax.sid,
    account_sid: env.project,
    content_type: progress.get(String(fax.sid))?.received?.mediaType ?? "application/pdf",
    date_created: fax.date_created,
    date_updated: fax.date_updated,
    uri: `${faxUri(String(fax.sid))}/Media/${String(fax.media_sid)}`,
    url: fax.media_url
  })
  const fax = (sid: string) => {
    const found = faxes.get(sid)
    return found === undefined ? notFound(`The fax ${sid}`) : Effect.succeed(found)
  }
  const faxMedia = (faxSid: string, sid: string) =>
    Effect.flatMap(fax(faxSid), (f) => (f.media_sid === sid && f.media_url !== null ? Effect.succeed(f) : notFound(`The media ${sid}`)))

  /** Moves a fax on; a terminal status posts the `StatusCallback`. */
  const advance = (sid: string, fields: Json, logStatus: Progress["logStatus"]) => {
    const current = faxes.get(sid)
    const p = progress.get(sid)
    if (current === undefined || p === undefined || TERMINAL.has(String(current.status))) return
    const updated = faxes.put({ ...current, ...fields, id: sid, date_updated: date() })
    p.logStatus = logStatus
    if (!TERMINAL.has(String(updated.status))) return
    // Final: what its call does from now on is not the fax's.
    if (p.callId !== undefined) byCall.delete(p.callId)
    if (p.callback !== undefined) {
      const params: Record<string, string> = {
        FaxSid: sid,
        AccountSid: env.project,
        From: String(updated.from),
        To: String(updated.to),
        ApiVersion: API_VERSION,
        FaxStatus: String(updated.status),
        NumPages: String(updated.num_pages ?? 0),
        MediaSid: String(updated.media_sid),
        OriginalMediaUrl: p.document,
        ...(updated.media_url === null ? {} : { MediaUrl: String(updated.media_url) }),
        ...(updated.error_message === null ? {} : { ErrorMessage: String(updated.error_message) }),
        ...(updated.error_code === null ? {} : { ErrorCode: String(updated.error_code) })
      }
      env.runFork(env.callback(p.callback.url, p.callback.method, params))
    }
  }

  /** The fax as its call goes: ringing, answered (sending), ended before the fax was sent. */
  const callState = (sid: string, p: Progress, state: unknown, reason: unknown) => {
    if (state === "ringing") advance(sid, { status: "processing" }, "ringing")
    else if (state === "answered") {
      p.answeredAt = env.now()
      advance(sid, { status: "sending" }, "in-progress")
    } else if (state === "ended") {
      if (reason === "busy") advance(sid, { status: "busy" }, "busy")
      else if (reason === "noAnswer") advance(sid, { status: "no-answer" }, "no-answer")
      else advance(sid, { status: "failed", error_message: "the call ended before the fax was sent" }, "failed")
    }
  }

  /**
   * The call of a fax: placed once the fax leaves the queue, unless it was canceled meanwhile. To a
   * number of the project bound to cXML, it is that number's inbound call (its `<Receive>` gets it).
   */
  const send = (sid: string) =>
    Effect.gen(function*() {
      const queued = faxes.get(sid)
      if (queued === undefined || queued.status !== "queued") return
      const local = yield* env.faxToProject(String(queued.from), String(queued.to))
      const f = faxes.get(sid)
      const p = progress.get(sid)
      if (f === undefined || p === undefined) return
      if (local !== undefined) {
        const call = env.calling.get(local)?.call
        p.callId = local
        byCall.set(local, sid)
        advance(sid, { status: "processing" }, "initiated")
        if (call !== undefined) callState(sid, p, call.state, call.endReason)
        return
      }
      if (f.status !== "queued") return
      const placed = env.calling.dial({
        from: String(f.from),
        to: String(f.to),
        swml: { _tag: "Inline", document: { version: "1.0.0", sections: { main: [{ send_fax: { document: f.media_url } }] } } },
        context: undefined
      })
      if (placed._tag !== "Ok") {
        return advance(sid, { status: "failed", error_message: placed._tag === "Invalid" ? placed.message : "the call could not be placed" }, "failed")
      }
      const call = placed.info.call
      p.callId = call.callId
      byCall.set(call.callId, sid)
      advance(sid, { status: "processing" }, "initiated")
      // The call may already ring (or have ended) by the time it is placed.
      callState(sid, p, call.state, call.endReason)
    })

  /** The call simulation's events about fax calls. */
  const observe = (eventType: string, params: Readonly<Record<string, unknown>>) => {
    const callId = str(params.call_id)
    const sid = callId === undefined ? undefined : byCall.get(callId)
    const p = sid === undefined ? undefined : progress.get(sid)
    if (sid === undefined || p === undefined) return
    if (eventType === "calling.call.state") {
      callState(sid, p, params.call_state, params.end_reason)
    } else if (eventType === "calling.call.fax") {
      const fax = (params.fax ?? {}) as { readonly type?: unknown; readonly params?: Readonly<Record<string, unknown>> }
      const seconds = p.answeredAt === undefined ? 0 : Math.round((env.now() - p.answeredAt) / 1000)
      if (params.state === "error") {
        advance(sid, { status: "failed", duration: seconds, error_message: str(fax.params?.description) ?? "the fax failed" }, "failed")
      } else if (params.state === "finished") {
        const pages = typeof fax.params?.pages === "number" ? fax.params.pages : 0
        const delivered = fax.params?.success === true
        advance(
          sid,
          {
            status: delivered ? "delivered" : "failed",
            num_pages: String(pages),
            duration: seconds,
            price: String(-Math.round(pages * RATE_PER_PAGE * 10_000) / 10_000),
            ...(delivered ? {} : { error_message: "the fax was stopped" })
          },
          delivered ? "completed" : "failed"
        )
      }
    }
  }

  /** A fax as the relay-REST fax log shows it. */
  const logJson = (f: Json): Json => {
    const p = progress.get(String(f.sid))
    const pages = typeof f.num_pages === "string" ? Number(f.num_pages) : null
    const charge = (f.status === "delivered" || f.status === "received") && pages !== null ? Math.round(pages * RATE_PER_PAGE * 10_000) / 10_000 : 0
    return {
      id: f.sid,
      from: f.from,
      to: f.to,
      status: f.status === "canceled" ? "canceled" : p?.logStatus ?? "queued",
      direction: p?.received === undefined ? "outbound-api" : "inbound",
      source: "laml",
      type: "laml_call",
      url: `${env.origin()}${faxUri(String(f.sid))}`,
      remote_station: f.remote_station_id ?? null,
      charge,
      number_of_pages: pages,
      quality: f.quality,
      charge_details: charge > 0 ? [{ description: "Fax pages", charge }] : [],
      created_at: new Date(p?.createdAt ?? env.now()).toISOString(),
      error_code: f.error_code,
      error_message: f.error_message
    }
  }

  const layer = HttpApiBuilder.group(RestApi.api, "compatFaxes", (h) =>
    h
      .handle("list", ({ path, urlParams: q }) =>
        scoped(path, () =>
          page(
            "faxes",
            faxes.values().filter((f) => (q.To === undefined || f.to === q.To) && (q.From === undefined || f.from === q.From)),
            q,
            `${base}/Faxes`,
            { To: q.To, From: q.From }
          )))
      .handle("create", ({ path, payload }) =>
        scoped(path, () => {
          if (env.byNumber(payload.From) === undefined) {
            return fail(422, 21210, `The From number ${payload.From} is not a number of this project`)
          }
          const sid = uuid()
          const at = date()
          progress.set(sid, {
            logStatus: "queued",
            callId: undefined,
            answeredAt: undefined,
            createdAt: env.now(),
            document: payload.MediaUrl,
            callback: payload.StatusCallback === undefined
              ? undefined
              : { url: payload.StatusCallback, method: payload.StatusCallbackMethod ?? "POST" }
          })
          const created = faxes.put(faxRecord(sid, at, {
            from: payload.From,
            to: payload.To,
            direction: "outbound",
            status: "queued",
            quality: payload.Quality ?? "fine",
            media_url: payload.MediaUrl
          }))
          env.runFork(Effect.delay(send(sid), STEP))
          return Effect.succeed(out(created))
        }))
      .handle("get", ({ path }) => scoped(path, () => Effect.map(fax(path.Sid), out)))
      .handle("update", ({ path }) =>
        scoped(path, () =>
          Effect.flatMap(fax(path.Sid), (f) => {
            if (f.status !== "queued") return fail(422, 10000, `A fax that is ${String(f.status)} cannot be canceled`)
            advance(path.Sid, { status: "canceled" }, "canceled")
            return Effect.succeed(out(faxes.get(path.Sid)))
          })))
      .handle("delete", ({ path }) =>
        scoped(path, () =>
          Effect.flatMap(fax(path.Sid), (f) => {
            if (!TERMINAL.has(String(f.status))) return fail(409, 20009, "A fax that is not finished cannot be deleted")
            faxes.delete(path.Sid)
            progress.delete(path.Sid)
            return Effect.void
          })))
      .handle("listMedia", ({ path, urlParams }) =>
        scoped(path, () =>
          Effect.flatMap(fax(path.FaxSid), (f) => {
            const items = f.media_url === null ? [] : [faxMediaJson(f)]
            return Effect.map(
              page("media", items, urlParams, `${faxUri(path.FaxSid)}/Media`),
              (p) => out({ ...(p as Json), fax_media: (p as Json).media })
            )
          })))
      .handle("getMedia", ({ path }) => scoped(path, () => Effect.map(faxMedia(path.FaxSid, path.Sid), (f) => out(faxMediaJson(f)))))
      .handle("deleteMedia", ({ path }) =>
        scoped(path, () =>
          Effect.flatMap(faxMedia(path.FaxSid, path.Sid), (f) => {
            if (!TERMINAL.has(String(f.status))) return fail(409, 20009, "The media of a fax that is not finished cannot be deleted")
            faxes.put({ ...f, id: path.FaxSid, media_url: null })
            return Effect.void
          }))))

  /** Inbound fax sids by the call receiving them. */
  const receivingOn = new Map<string, string>()

  /**
   * A fax starts being received on call `callId` (an inbound fax, `receiving`): when a call to a
   * number in fax mode starts, or at `<Receive>`. Again for the same call: the same fax, with the
   * media type and page size given now.
   */
  const receiving = (o: { readonly callId: string; readonly from: string; readonly to: string; readonly mediaType: string; readonly pageSize: string }) => {
    const existing = receivingOn.get(o.callId)
    const before = existing === undefined ? undefined : progress.get(existing)
    if (existing !== undefined && before !== undefined && faxes.get(existing)?.status === "receiving") {
      progress.set(existing, { ...before, received: { mediaType: o.mediaType, pageSize: o.pageSize } })
      return existing
    }
    const sid = uuid()
    receivingOn.set(o.callId, sid)
    if (receivingOn.size > 10_000) receivingOn.delete(receivingOn.keys().next().value!)
    const at = date()
    progress.set(sid, {
      logStatus: "in-progress",
      callId: o.callId,
      answeredAt: env.now(),
      createdAt: env.now(),
      document: "",
      callback: undefined,
      received: { mediaType: o.mediaType, pageSize: o.pageSize }
    })
    faxes.put(faxRecord(sid, at, { from: o.from, to: o.to, direction: "inbound", status: "receiving", quality: "fine", media_url: null }))
    return sid
  }

  /** The fax `<Receive>` was receiving is `received` (its media served at `MediaUrl`) or `failed`. */
  const receivedFax = (sid: string, outcome: Reception): Json | undefined => {
    const p = progress.get(sid)
    const current = faxes.get(sid)
    if (p === undefined || current === undefined) return undefined
    const seconds = p.answeredAt === undefined ? 0 : Math.round((env.now() - p.answeredAt) / 1000)
    if ("error" in outcome) {
      const status = outcome.status ?? "failed"
      advance(sid, { status, duration: seconds, error_message: outcome.error }, status === "canceled" ? "canceled" : "failed")
    } else {
      advance(sid, {
        status: "received",
        num_pages: String(outcome.pages),
        duration: seconds,
        price: String(-Math.round(outcome.pages * RATE_PER_PAGE * 10_000) / 10_000),
        media_url: `${env.origin()}/fax-media/${String(current.media_sid)}`,
        remote_station_id: outcome.remoteStationId ?? null
      }, "completed")
    }
    return faxes.get(sid)
  }

  /** The document of a received fax, by its media sid (served at its `MediaUrl`). */
  const media = (mediaSid: string): { readonly contentType: string; readonly body: Uint8Array } | undefined => {
    const f = faxes.values().find((x) => x.media_sid === mediaSid && x.direction === "inbound" && x.media_url !== null)
    const received = f === undefined ? undefined : progress.get(String(f.sid))?.received
    if (f === undefined || received === undefined) return undefined
    return { contentType: received.mediaType, body: FaxMedia.document(Number(f.num_pages ?? 0), received.mediaType, received.pageSize) }
  }

  return {
    layer,
    observe,
    receiving,
    received: receivedFax,
    media,
    /** The relay-REST fax log, from the same faxes. */
    log: {
      list: (): ReadonlyArray<Json> => faxes.values().map(logJson),
      get: (id: string): Json | undefined => {
        const f = faxes.get(id)
        return f === undefined ? undefined : logJson(f)
      }
    }
  }
}
