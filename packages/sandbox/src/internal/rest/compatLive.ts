/**
 * The compat (LaML) conferences, recordings and transcriptions of the sandbox, fed by the call
 * simulation's events: a conference calls join (`calling.join_conference` over RELAY, cXML
 * `<Dial><Conference>`) is a compat conference with those calls as participants, and an entry of
 * the conference log; a conference recorded from its start has its recording (`conferenceLog.ts`); a finished recording (`calling.record`) is a compat recording (the relay-REST
 * `recordings` entry); a finished transcription (`calling.transcribe`) is a compat transcription.
 * Ending a conference or removing a participant takes the participants' calls out of it; their
 * calls go on (a cXML `<Dial><Conference>` at its action or next verb, SWML after `join_conference`).
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { RestApi } from "@signalwire-effect/rest"
import type { ConferenceNotice } from "../calls/model.js"
import { uuid } from "../sim.js"
import { API_VERSION, type CompatEnv, fail, notFound, out, page, rfc2822 } from "./compatShared.js"
import * as ConferenceLog from "./conferenceLog.js"
import type { Conference, Participant } from "./conferenceLog.js"
import { Collection, type Json } from "./store.js"

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)

export const groups = (env: CompatEnv) => {
  const base = `/api/laml/${API_VERSION}/Accounts/${env.project}`
  const date = () => rfc2822(env.now())
  const scoped = <A, E>(path: { readonly AccountSid: string }, f: () => Effect.Effect<A, E>) =>
    path.AccountSid === env.project ? f() : notFound(`The account ${path.AccountSid}`)
  const conferences = new Map<string, Conference>()
  const transcriptions = new Collection()

  // ---- conferences ------------------------------------------------------------------------------
  const conferenceUri = (sid: string) => `${base}/Conferences/${sid}`
  const conferenceJson = (c: Conference): Json => ({
    sid: c.sid,
    account_sid: env.project,
    friendly_name: c.name,
    status: c.status,
    region: "us1",
    api_version: API_VERSION,
    date_created: c.created,
    date_updated: c.updated,
    uri: conferenceUri(c.sid),
    subresource_uris: { participants: `${conferenceUri(c.sid)}/Participants`, recordings: `${conferenceUri(c.sid)}/Recordings` }
  })
  const participantJson = (c: Conference, p: Participant): Json => ({
    call_sid: p.callSid,
    conference_sid: c.sid,
    account_sid: env.project,
    status: p.status,
    muted: p.muted,
    hold: p.hold,
    coaching: p.coaching,
    call_sid_to_coach: p.callSidToCoach,
    end_conference_on_exit: p.endOnExit,
    start_conference_on_enter: p.startOnEnter,
    date_created: p.created,
    date_updated: p.updated,
    uri: `${conferenceUri(c.sid)}/Participants/${p.callSid}`
  })
  const conference = (sid: string) => {
    const c = conferences.get(sid)
    return c === undefined ? notFound(`The conference ${sid}`) : Effect.succeed(c)
  }
  const participant = (sid: string, callSid: string) =>
    Effect.flatMap(conference(sid), (c) => {
      const p = c.participants.get(callSid)
      return p === undefined || p.status === "completed" ? notFound(`The participant ${callSid}`) : Effect.succeed([c, p] as const)
    })
  const live = (c: Conference) =>
    c.status === "completed" ? fail(422, 10000, `The conference ${c.sid} is completed`) : Effect.succeed(c)

  const conferenceGroup = HttpApiBuilder.group(RestApi.api, "compatConferences", (h) =>
    h
      .handle("list", ({ path, urlParams: q }) =>
        scoped(path, () =>
          page(
            "conferences",
            Array.from(conferences.values()).filter((c) =>
              (q.FriendlyName === undefined || c.name === q.FriendlyName) && (q.Status === undefined || c.status === q.Status)
            ).map(conferenceJson),
            q,
            `${base}/Conferences`,
            { FriendlyName: q.FriendlyName, Status: q.Status }
          )))
      .handle("get", ({ path }) => scoped(path, () => Effect.map(conference(path.Sid), (c) => out(conferenceJson(c)))))
      .handle("update", ({ path, payload }) =>
        scoped(path, () =>
          Effect.gen(function*() {
            const c = yield* Effect.flatMap(conference(path.Sid), live)
            // Every participant is taken out of the live conference, which ends it.
            if (payload.Status === "completed" && !env.calling.conferences.end(c.sid)) c.status = "completed"
            c.updated = date()
            return out(conferenceJson(c))
          })))
      .handle("listParticipants", ({ path, urlParams: q }) =>
        scoped(path, () =>
          Effect.flatMap(conference(path.ConferenceSid), (c) =>
            page(
              "participants",
              Array.from(c.participants.values()).filter((p) =>
                p.status === "in-progress" && (q.Muted === undefined || p.muted === q.Muted) && (q.Hold === undefined || p.hold === q.Hold)
              ).map((p) => participantJson(c, p)),
              q,
              `${conferenceUri(c.sid)}/Participants`
            ))))
      .handle("getParticipant", ({ path }) =>
        scoped(path, () => Effect.map(participant(path.ConferenceSid, path.CallSid), ([c, p]) => out(participantJson(c, p)))))
      .handle("updateParticipant", ({ path, payload }) =>
        scoped(path, () =>
          Effect.gen(function*() {
            const [c, p] = yield* participant(path.ConferenceSid, path.CallSid)
            if (payload.CallSidToCoach !== undefined && c.participants.get(payload.CallSidToCoach)?.status !== "in-progress") {
              return yield* fail(400, 16002, `The participant to coach (${payload.CallSidToCoach}) is not in the conference`)
            }
            // The live member changes; its participant-(un)mute / (un)hold notices update `p`.
            if (!env.calling.conferences.update(c.sid, p.callSid, { muted: payload.Muted, hold: payload.Hold })) {
              return yield* notFound(`The participant ${p.callSid}`)
            }
            if (payload.Coaching !== undefined) p.coaching = payload.Coaching
            if (payload.CallSidToCoach !== undefined) p.callSidToCoach = payload.CallSidToCoach
            p.updated = date()
            return out(participantJson(c, p))
          })))
      .handle("removeParticipant", ({ path }) =>
        scoped(path, () =>
          Effect.flatMap(participant(path.ConferenceSid, path.CallSid), ([c, p]) =>
            env.calling.conferences.remove(c.sid, p.callSid) ? Effect.void : notFound(`The participant ${p.callSid}`))))
      .handle("listRecordings", ({ path, urlParams }) =>
        scoped(path, () =>
          Effect.flatMap(conference(path.ConferenceSid), (c) =>
            page("recordings", recordingsOf({ ConferenceSid: c.sid }), urlParams, `${conferenceUri(c.sid)}/Recordings`))))
      .handle("getRecording", ({ path }) =>
        scoped(path, () => Effect.flatMap(conferenceRecording(path.ConferenceSid, path.Sid), (r) => Effect.succeed(out(recordingJson(r))))))
      .handle("updateRecording", ({ path, payload }) =>
        scoped(path, () =>
          Effect.flatMap(conferenceRecording(path.ConferenceSid, path.Sid), (r) => {
            if (r.status === "completed" || r.status === "stopped") {
              return fail(422, 10000, `The recording ${path.Sid} is ${String(r.status)}`)
            }
            // The live recording changes; the engine's notices update the stored one.
            if (!env.calling.conferences.recording(path.ConferenceSid, payload.Status)) {
              return fail(422, 10000, `The recording ${path.Sid} is not recording a live conference`)
            }
            return Effect.succeed(out(recordingJson(env.recordings.get(path.Sid) ?? r)))
          })))
      .handle("deleteRecording", ({ path }) =>
        scoped(path, () => Effect.map(conferenceRecording(path.ConferenceSid, path.Sid), () => void env.recordings.delete(path.Sid))))
      .handle("startStream", ({ path, payload }) =>
        scoped(path, () =>
          Effect.gen(function*() {
            const c = yield* conference(path.ConferenceSid)
            if (c.status === "completed") return yield* fail(422, 21220, "A stream cannot be started on a completed conference")
            const sid = uuid()
            const stream = {
              sid,
              conference_sid: c.sid,
              account_sid: env.project,
              name: payload.Name ?? null,
              status: "in-progress",
              date_updated: date(),
              uri: `${conferenceUri(c.sid)}/Streams/${sid}`
            }
            c.streams.set(sid, stream)
            return out(stream)
          })))
      .handle("stopStream", ({ path }) =>
        scoped(path, () =>
          Effect.flatMap(conference(path.ConferenceSid), (c) => {
            const stream = c.streams.get(path.Sid)
            if (stream === undefined) return notFound(`The stream ${path.Sid}`)
            const stopped = { ...stream, status: "stopped", date_updated: date() }
            c.streams.set(path.Sid, stopped)
            return Effect.succeed(out(stopped))
          }))))

  // ---- recordings (the relay-REST recordings) ---------------------------------------------------
  const recordingJson = (r: Json): Json => {
    const sid = String(r.id)
    const created = typeof r.created_at === "string" ? Date.parse(r.created_at) : env.now()
    const duration = typeof r.duration_in_seconds === "number" ? r.duration_in_seconds : 0
    return {
      sid,
      account_sid: env.project,
      api_version: API_VERSION,
      call_sid: r.call_id ?? null,
      conference_sid: r.conference_sid ?? null,
      channel: r.stereo === true ? "2" : "1",
      channels: r.stereo === true ? "2" : "1",
      date_created: rfc2822(created),
      date_updated: rfc2822(typeof r.updated_at === "string" ? Date.parse(r.updated_at) : created),
      start_time: rfc2822(created - duration * 1000),
      end_time: r.status === "completed" ? rfc2822(created) : null,
      duration,
      price: typeof r.price === "number" ? String(-r.price) : null,
      price_unit: "USD",
      source: r.conference_sid === undefined || r.conference_sid === null ? "StartCallRecordingApi" : "StartConferenceRecordingAPI",
      status: r.status ?? "completed",
      error_code: r.error_code ?? null,
      encryption_details: null,
      trim: "do-not-trim",
      media_url: r.url ?? null,
      uri: `${base}/Recordings/${sid}`,
      subresource_uris: { transcriptions: `${base}/Recordings/${sid}/Transcriptions` }
    }
  }
  const recordingsOf = (q: { readonly CallSid?: string | undefined; readonly ConferenceSid?: string | undefined }) =>
    env.recordings.values().filter((r) =>
      (q.CallSid === undefined || r.call_id === q.CallSid) && (q.ConferenceSid === undefined || r.conference_sid === q.ConferenceSid)
    ).map(recordingJson)
  const conferenceRecording = (conferenceSid: string, sid: string) =>
    Effect.flatMap(conference(conferenceSid), () => {
      const r = env.recordings.get(sid)
      return r === undefined || r.conference_sid !== conferenceSid ? notFound(`The recording ${sid}`) : Effect.succeed(r)
    })
  const recordingGroup = HttpApiBuilder.group(RestApi.api, "compatRecordings", (h) =>
    h
      .handle("list", ({ path, urlParams: q }) =>
        scoped(path, () => page("recordings", recordingsOf(q), q, `${base}/Recordings`, { CallSid: q.CallSid, ConferenceSid: q.ConferenceSid })))
      .handle("get", ({ path }) =>
        scoped(path, () => {
          const r = env.recordings.get(path.Sid)
          return r === undefined ? notFound(`The recording ${path.Sid}`) : Effect.succeed(out(recordingJson(r)))
        }))
      .handle("delete", ({ path }) =>
        scoped(path, () => (env.recordings.delete(path.Sid) ? Effect.void : notFound(`The recording ${path.Sid}`)))))

  const transcriptionGroup = HttpApiBuilder.group(RestApi.api, "compatTranscriptions", (h) =>
    h
      .handle("list", ({ path, urlParams }) =>
        scoped(path, () => page("transcriptions", transcriptions.values(), urlParams, `${base}/Transcriptions`)))
      .handle("get", ({ path }) =>
        scoped(path, () => {
          const t = transcriptions.get(path.Sid)
          return t === undefined ? notFound(`The transcription ${path.Sid}`) : Effect.succeed(out(t))
        }))
      .handle("delete", ({ path }) =>
        scoped(path, () => (transcriptions.delete(path.Sid) ? Effect.void : notFound(`The transcription ${path.Sid}`)))))

  /** The call simulation's events this side keeps (each may come once per session it went to). */
  const observe = (eventType: string, params: Readonly<Record<string, unknown>>) => {
    const callId = str(params.call_id)
    if (eventType === "calling.call.transcribe" && params.state === "finished") {
      transcribed(callId, params)
    }
  }

  /** A conference's changes, once each (whoever its participants are): compat conferences, the log, its recording. */
  const onConference = (notice: ConferenceNotice) => {
    const sid = notice.conferenceId
    const at = date()
    const { callId } = notice
    let c = conferences.get(sid)
    if (c === undefined) {
      c = {
        sid,
        name: notice.name,
        created: at,
        updated: at,
        status: "in-progress",
        participants: new Map(),
        streams: new Map(),
        startedAt: notice.startedAt,
        updatedAt: env.now(),
        maxSize: notice.maxParticipants,
        type: undefined,
        recordingId: notice.recording?.id
      }
      conferences.set(sid, c)
      if (notice.recording !== undefined) recorded.started(c, notice.recording)
    }
    if (notice.status === "participant-join" && callId !== undefined && c.participants.get(callId)?.status !== "in-progress") {
      c.type ??= env.cxmlCall(callId) ? "cxml_conference" : "relay_conference"
      c.participants.set(callId, {
        callSid: callId,
        created: at,
        updated: at,
        status: "in-progress",
        muted: notice.flags?.muted ?? false,
        hold: notice.flags?.hold ?? false,
        startOnEnter: notice.flags?.startOnEnter ?? true,
        endOnExit: notice.flags?.endOnExit ?? false,
        coaching: notice.flags?.coaching ?? false,
        callSidToCoach: null
      })
    } else if (notice.status === "participant-leave" && callId !== undefined) {
      const p = c.participants.get(callId)
      if (p !== undefined) Object.assign(p, { status: "completed", updated: at })
    } else if (
      (notice.status === "participant-mute" || notice.status === "participant-unmute" || notice.status === "participant-hold" ||
        notice.status === "participant-unhold") && callId !== undefined && notice.flags !== undefined
    ) {
      const p = c.participants.get(callId)
      if (p !== undefined) Object.assign(p, { muted: notice.flags.muted, hold: notice.flags.hold, updated: at })
    } else if ((notice.status === "record-pause" || notice.status === "record-resume") && c.recordingId !== undefined) {
      recorded.paused(c.recordingId, notice.status === "record-pause")
    } else if (notice.status === "conference-end") {
      c.status = "completed"
    } else if (notice.status === "recording-completed" && notice.recording !== undefined && "url" in notice.recording) {
      recorded.completed(c, notice.recording)
    }
    c.updated = at
    c.updatedAt = env.now()
  }

  const recorded = ConferenceLog.make(env)

  const transcribed = (callId: string | undefined, params: Readonly<Record<string, unknown>>) => {
    const sid = str(params.control_id)
    if (sid === undefined || transcriptions.get(sid) !== undefined) return
    const duration = typeof params.duration === "number" ? Math.round(params.duration) : 0
    transcriptions.put({
      id: sid,
      sid,
      account_sid: env.project,
      api_version: API_VERSION,
      recording_sid: str(params.recording_id) ?? null,
      call_sid: callId ?? null,
      date_created: date(),
      date_updated: date(),
      duration,
      price: null,
      price_unit: "USD",
      status: "completed",
      transcription_text: str(params.text) ?? null,
      type: "fast",
      uri: `${base}/Transcriptions/${sid}`
    })
  }

  /**
   * A transcription of a recording (cXML `<Record transcribe>`): `completed` with the text, or
   * `failed` with none. Returns its sid and the URL of its REST resource.
   */
  const transcribeRecording = (o: { readonly callSid: string; readonly recordingSid: string; readonly text: string | undefined; readonly duration: number }) => {
    const sid = uuid()
    transcriptions.put({
      id: sid,
      sid,
      account_sid: env.project,
      api_version: API_VERSION,
      recording_sid: o.recordingSid,
      call_sid: o.callSid,
      date_created: date(),
      date_updated: date(),
      duration: Math.round(o.duration),
      price: null,
      price_unit: "USD",
      status: o.text === undefined ? "failed" : "completed",
      transcription_text: o.text ?? null,
      type: "fast",
      uri: `${base}/Transcriptions/${sid}`
    })
    return { sid, url: `${env.origin()}${base}/Transcriptions/${sid}` }
  }

  return {
    layers: [conferenceGroup, recordingGroup, transcriptionGroup] as const,
    observe,
    transcribeRecording,
    conference: onConference,
    /** The relay-REST conference log, from the same conferences. */
    conferenceLog: (): ReadonlyArray<Json> => Array.from(conferences.values(), recorded.logJson)
  }
}

