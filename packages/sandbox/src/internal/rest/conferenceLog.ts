/**
 * What the compat conferences keep, and what a conference is in the relay-REST conference log
 * (`/api/logs/conferences`: `relay_conference` / `cxml_conference` with the recording of a RELAY
 * one); the recording of a conference recorded from its start (`record: record-from-start`): in
 * progress while it runs, completed when it ends — the relay-REST `recordings` entry with its
 * `conference_sid`, so also the compat recordings — and its `recording_status_callback`.
 */
import type { ConferenceRecording } from "../calls/model.js"
import { type CompatEnv, rfc2822 } from "./compatShared.js"
import type { Json } from "./store.js"

export interface Participant {
  readonly callSid: string
  readonly created: string
  status: "in-progress" | "completed"
  muted: boolean
  hold: boolean
  readonly startOnEnter: boolean
  readonly endOnExit: boolean
  coaching: boolean
  callSidToCoach: string | null
  updated: string
}

export interface Conference {
  readonly sid: string
  readonly name: string
  readonly created: string
  status: "in-progress" | "completed"
  updated: string
  readonly participants: Map<string, Participant>
  readonly streams: Map<string, Json>
  /** For the conference log: when it started and changed (ms), its size, and how it was joined. */
  readonly startedAt: number
  updatedAt: number
  readonly maxSize: number
  /** How its first participant joined it. */
  type: "relay_conference" | "cxml_conference" | undefined
  recordingId: string | undefined
}

/** The price of a minute of conference recording, in USD. */
const RATE_PER_MINUTE = 0.0025

export const make = (env: CompatEnv) => {
  const iso = () => new Date(env.now()).toISOString()
  const postStatus = (c: Conference, recording: ConferenceRecording, event: string, extra: Record<string, string>) => {
    if (recording.statusCallback === undefined || !recording.statusCallbackEvents.includes(event)) return
    env.runFork(env.callback(recording.statusCallback, recording.statusCallbackMethod, {
      AccountSid: env.project,
      ConferenceSid: c.sid,
      RecordingSid: recording.id,
      RecordingStatus: event,
      RecordingChannels: "1",
      RecordingSource: "StartConferenceRecordingAPI",
      RecordingStartTime: rfc2822(c.startedAt),
      ...extra
    }))
  }
  const started = (c: Conference, recording: ConferenceRecording) => {
    const at = new Date(c.startedAt).toISOString()
    env.recordings.put({
      id: recording.id,
      project_id: env.project,
      call_id: null,
      conference_sid: c.sid,
      created_at: at,
      updated_at: at,
      duration_in_seconds: 0,
      status: "in-progress",
      url: null,
      stereo: false,
      byte_size: 0,
      track: "both",
      price: 0,
      price_unit: "USD",
      error_code: null
    })
    postStatus(c, recording, "in-progress", {})
  }
  const completed = (
    c: Conference,
    recording: ConferenceRecording & { readonly url: string; readonly duration: number; readonly size: number }
  ) => {
    const current = env.recordings.get(recording.id)
    // Deleted over REST while the conference ran: gone.
    if (current === undefined) return
    env.recordings.put({
      ...current,
      id: recording.id,
      updated_at: iso(),
      duration_in_seconds: recording.duration,
      status: "completed",
      url: recording.url,
      byte_size: recording.size,
      price: Math.round(Math.ceil(recording.duration / 60) * RATE_PER_MINUTE * 10_000) / 10_000
    })
    postStatus(c, recording, "completed", { RecordingUrl: recording.url, RecordingDuration: String(recording.duration) })
  }

  /** A conference as the relay-REST conference log shows it. */
  const logJson = (c: Conference): Json => {
    const recording = c.recordingId === undefined ? undefined : env.recordings.get(c.recordingId)
    return {
      id: c.sid,
      created_at: new Date(c.startedAt).toISOString(),
      project_id: env.project,
      region: "us",
      name: c.name,
      status: c.status,
      max_size: c.maxSize,
      current_participants: Array.from(c.participants.values()).filter((p) => p.status === "in-progress").length,
      updated_at: new Date(c.updatedAt).toISOString(),
      type: c.type ?? "relay_conference",
      ...(c.type !== "cxml_conference"
        ? {
          recording_url: recording?.url ?? null,
          recording_duration: recording?.status === "completed" ? recording.duration_in_seconds : null,
          recording_file_size: recording?.status === "completed" ? recording.byte_size : null
        }
        : {})
    }
  }

  /** The recording paused or resumed over REST (`paused` / `in-progress`). */
  const paused = (recordingId: string, isPaused: boolean) => {
    const current = env.recordings.get(recordingId)
    if (current === undefined || current.status === "completed") return
    env.recordings.put({ ...current, id: recordingId, status: isPaused ? "paused" : "in-progress", updated_at: iso() })
  }

  return { started, completed, paused, logJson }
}
