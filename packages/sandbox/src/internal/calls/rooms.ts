/**
 * Conferences, rooms and queues (§9.11): who is in which, their events, and leaving them when a
 * call ends. A queued call can be taken by a `calling.connect` to a `queue` device.
 */
import * as Sim from "../sim.js"
import type { SimSession } from "../sim.js"
import * as W from "../wire.js"
import type { Core } from "./core.js"
import {
  actionIds,
  type Call,
  coded,
  BYTES_PER_SECOND,
  type Conference,
  type ConferenceNotice,
  controlIdParam,
  type JsonObject,
  type MemberFlags,
  type Methods,
  NODE_ID,
  ok,
  type Queue,
  type QueueMember,
  simple,
  str
} from "./model.js"

export type Rooms<S extends SimSession> = ReturnType<typeof make<S>>

/** What the REST side does to live conferences, by conference id; each answers false for no such conference (or member). */
export interface ConferenceControl {
  /** Mutes / unmutes, holds / unholds a member. */
  readonly update: (conferenceId: string, callId: string, change: { readonly muted?: boolean | undefined; readonly hold?: boolean | undefined }) => boolean
  /** Takes a member out of the conference (its call goes on). */
  readonly remove: (conferenceId: string, callId: string) => boolean
  /** Ends the conference: every member is taken out (`conference-ended-via-api`). */
  readonly end: (conferenceId: string) => boolean
  /** Pauses, resumes or stops its recording (false too when it has none, or it is saved). */
  readonly recording: (conferenceId: string, to: "paused" | "in-progress" | "stopped") => boolean
}

export const make = <S extends SimSession>(core: Core<S>) => {
  const conferences = new Map<string, Conference<S>>()
  const queues = new Map<string, Queue<S>>()
  const { event, notify } = core
  const watchers: Array<(notice: ConferenceNotice) => void> = []

  const tell = (conference: Conference<S>, status: ConferenceNotice["status"], callId?: string, removed?: boolean) => {
    const notice: ConferenceNotice = {
      status,
      conferenceId: conference.id,
      name: conference.name,
      callId,
      participants: conference.members.length,
      maxParticipants: conference.maxParticipants,
      startedAt: conference.startedAt,
      flags: callId === undefined ? undefined : conference.flags.get(callId),
      removed,
      recording: conference.recording
    }
    for (const watcher of watchers) watcher(notice)
  }

  /** A member's flags as the platform's participant events carry them. */
  const flagParams = (flags: MemberFlags | undefined): JsonObject =>
    flags === undefined ? {} : {
      muted: flags.muted,
      hold: flags.hold,
      start_on_join: flags.startOnEnter,
      end_on_leave: flags.endOnExit,
      coaching: flags.coaching
    }

  /**
   * A conference event: to the sessions controlling `recipients` (once each), to those calls'
   * observers (a SWML run in `join_conference`), and to the REST side.
   */
  const conferenceEvent = (conference: Conference<S>, recipients: ReadonlyArray<Call<S>>, params: JsonObject, removed?: boolean) => {
    const full: JsonObject = { conference_id: conference.id, name: conference.name, size: conference.members.length, ...params }
    const sent = new Set<S>()
    for (const call of recipients) {
      const session = call.session
      if (session !== undefined && !sent.has(session)) {
        sent.add(session)
        core.env.deliver(session, "calling.conference", full)
      }
    }
    for (const call of new Set(recipients)) core.observe(call, "calling.conference", full)
    tell(conference, params.status as ConferenceNotice["status"], str(params.call_id), removed)
  }

  /** The recording's seconds so far. */
  const recordedSeconds = (conference: Conference<S>) => {
    const clock = conference.recordingClock
    const ms = clock.accumulated + (clock.since === undefined ? 0 : core.env.now() - clock.since)
    return Math.round(ms / 1000)
  }

  /** A recorded conference's recording, saved when the conference ends or its recording is stopped. */
  const saveRecording = (conference: Conference<S>) => {
    const recording = conference.recording
    if (recording === undefined || conference.recordingClock.saved) return undefined
    const endedAt = core.env.now()
    const duration = recordedSeconds(conference)
    conference.recordingClock.saved = true
    conference.recordingClock.since = undefined
    const saved = {
      ...recording,
      url: `https://sandbox.invalid/recordings/${recording.id}.mp3`,
      duration,
      size: duration * BYTES_PER_SECOND,
      endedAt
    }
    const notice: ConferenceNotice = {
      status: "recording-completed",
      conferenceId: conference.id,
      name: conference.name,
      callId: undefined,
      participants: conference.members.length,
      maxParticipants: conference.maxParticipants,
      startedAt: conference.startedAt,
      recording: saved
    }
    for (const watcher of watchers) watcher(notice)
    return { recording_url: saved.url, recording_duration: duration, recording_file_size: saved.size }
  }

  /** Ends a conference with no members left (`reason_ended`, and the call that ended it). */
  const endConference = (conference: Conference<S>, last: Call<S> | undefined, reason: string, by: string | undefined) => {
    conferences.delete(conference.name)
    const recorded = saveRecording(conference)
    conferenceEvent(conference, last === undefined ? [] : [last], {
      status: "conference-end",
      reason_ended: reason,
      ...(by === undefined ? {} : { call_id_ending_conf: by }),
      ...recorded
    })
  }

  /**
   * The call leaves its conference: by itself (it hangs up or leaves), or taken out (`removed`: a
   * REST removal, the end of the conference). The last one out ends it; a member that joined with
   * `end_on_exit` takes every other member out with it.
   */
  const leaveConference = (call: Call<S>, removed = false, reason?: string, endedBy?: string) => {
    const conference = call.conference
    if (conference === undefined) return
    call.conference = undefined
    const recipients = [call, ...conference.members]
    conference.members = conference.members.filter((m) => m !== call)
    conferenceEvent(conference, recipients, { call_id: call.callId, node_id: NODE_ID, status: "participant-leave", ...flagParams(conference.flags.get(call.callId)) }, removed)
    const endsIt = conference.flags.get(call.callId)?.endOnExit === true
    conference.flags.delete(call.callId)
    notify(call)
    if (endsIt && conference.members.length > 0) {
      for (const other of [...conference.members]) leaveConference(other, true, "participant-with-end-conference-on-exit-left", call.callId)
      return
    }
    if (conference.members.length === 0 && conferences.get(conference.name) === conference) {
      endConference(conference, call, reason ?? (endsIt ? "participant-with-end-conference-on-exit-left" : removed ? "last-participant-kicked" : "last-participant-left"), endedBy ?? call.callId)
    }
  }

  /** A member's mute / hold changed (a REST update): `participant-(un)mute` / `participant-(un)hold`. */
  const changeMember = (conference: Conference<S>, call: Call<S>, change: { readonly muted?: boolean | undefined; readonly hold?: boolean | undefined }) => {
    const flags = conference.flags.get(call.callId)
    if (flags === undefined) return
    const events: Array<string> = []
    if (change.muted !== undefined && change.muted !== flags.muted) {
      flags.muted = change.muted
      events.push(change.muted ? "participant-mute" : "participant-unmute")
    }
    if (change.hold !== undefined && change.hold !== flags.hold) {
      flags.hold = change.hold
      events.push(change.hold ? "participant-hold" : "participant-unhold")
    }
    for (const status of events) {
      conferenceEvent(conference, conference.members, { call_id: call.callId, node_id: NODE_ID, status, ...flagParams(flags) })
    }
  }

  /** Pauses, resumes or stops a conference's recording: `record-pause` / `record-resume` / `record-stop`. */
  const changeRecording = (conference: Conference<S>, to: "paused" | "in-progress" | "stopped") => {
    const clock = conference.recordingClock
    if (conference.recording === undefined || clock.saved) return false
    const now = core.env.now()
    if (to === "paused" && clock.since !== undefined) {
      clock.accumulated += now - clock.since
      clock.since = undefined
      conferenceEvent(conference, conference.members, { status: "record-pause" })
    } else if (to === "in-progress" && clock.since === undefined) {
      clock.since = now
      conferenceEvent(conference, conference.members, { status: "record-resume" })
    } else if (to === "stopped") {
      conferenceEvent(conference, conference.members, { status: "record-stop", ...saveRecording(conference) })
    }
    return true
  }

  const leaveQueue = (queue: Queue<S>, call: Call<S>) => {
    queue.members = queue.members.filter((m) => m.call !== call)
    call.queues.delete(queue)
    if (queue.members.length === 0) queues.delete(queue.name)
  }

  core.onLeaving((call) => {
    leaveConference(call)
    for (const queue of Array.from(call.queues)) leaveQueue(queue, call)
  })

  /**
   * A `calling.call.queue` event's params as the platform documents them: the queue, the call's
   * position and the queue's size, the average wait (seconds, of the calls waiting now), and the
   * time (epoch microseconds; 0 when not that status) the call entered, was dequeued or left.
   */
  const queueParams = (
    queue: Queue<S>,
    member: { readonly controlId: string; readonly enqueuedAt: number; readonly statusUrl: string | undefined },
    status: "enqueue" | "leave" | "dequeue",
    position: number
  ): JsonObject => {
    const now = core.env.now()
    const waits = queue.members.map((m) => now - m.enqueuedAt)
    const micros = (ms: number) => Math.round(ms * 1000)
    return {
      control_id: member.controlId,
      status,
      id: queue.id,
      name: queue.name,
      position: status === "dequeue" ? 0 : position,
      size: status === "dequeue" ? 0 : queue.members.length,
      avg_time: waits.length === 0 ? 0 : Math.round(waits.reduce((a, b) => a + b, 0) / waits.length / 1000),
      enqueue_ts: status === "enqueue" || status === "leave" ? micros(member.enqueuedAt) : 0,
      dequeue_ts: status === "dequeue" ? micros(now) : 0,
      leave_ts: status === "leave" ? micros(now) : 0,
      ...(member.statusUrl === undefined ? {} : { status_url: member.statusUrl })
    }
  }

  /** Takes the first queued call that passes `usable` out of the named queue (status `dequeue`). */
  const takeQueued = (name: string, usable: (call: Call<S>) => boolean): QueueMember<S> | undefined => {
    const queue = queues.get(name)
    const member = queue?.members.find((m) => usable(m.call))
    if (queue === undefined || member === undefined) return undefined
    leaveQueue(queue, member.call)
    event(member.call, "calling.call.queue", queueParams(queue, member, "dequeue", 0))
    return member
  }

  const methods: Methods<S> = [
    ["calling.join_conference", {
      params: {
        name: W.req(W.nonEmpty),
        muted: W.opt(W.boolean),
        beep: W.opt(W.string),
        start_on_enter: W.opt(W.boolean),
        end_on_exit: W.opt(W.boolean),
        max_participants: W.opt(W.integer),
        record: W.opt(W.oneOf("do-not-record", "record-from-start")),
        recording_status_callback: W.opt(W.string),
        recording_status_callback_method: W.opt(W.oneOf("GET", "POST")),
        recording_status_callback_event: W.opt(W.string),
        coach: W.opt(W.string)
      },
      run: (call, p) => {
        const name = p.name as string
        const existing = conferences.get(name)
        if (call.conference !== undefined && call.conference === existing) {
          return ok("Joining conference", { call_id: call.callId, conference_id: existing.id })
        }
        if (existing !== undefined && existing.members.length >= existing.maxParticipants) {
          return coded("403", `The conference ${name} is full (${existing.maxParticipants} participants)`)
        }
        const coached = str(p.coach)
        if (coached !== undefined && !(existing?.members.some((m) => m.callId === coached) ?? false)) {
          return coded("400", `The call to coach (${coached}) is not in the conference ${name}`)
        }
        const now = core.env.now()
        const conference: Conference<S> = existing ?? {
          id: Sim.uuid(),
          name,
          members: [],
          startedAt: now,
          maxParticipants: typeof p.max_participants === "number" ? p.max_participants : 250,
          recording: p.record === "record-from-start"
            ? {
              id: Sim.uuid(),
              statusCallback: str(p.recording_status_callback),
              statusCallbackMethod: p.recording_status_callback_method === "GET" ? "GET" : "POST",
              statusCallbackEvents: (str(p.recording_status_callback_event) ?? "completed").split(/[\s,]+/).filter((e) => e !== "")
            }
            : undefined,
          flags: new Map(),
          started: false,
          recordingClock: { accumulated: 0, since: undefined, saved: false }
        }
        const flags: MemberFlags = {
          muted: p.muted === true,
          hold: false,
          startOnEnter: p.start_on_enter !== false,
          endOnExit: p.end_on_exit === true,
          coaching: coached !== undefined,
          beep: str(p.beep) ?? "true"
        }
        return ok("Joining conference", { call_id: call.callId, conference_id: conference.id }, () => {
          leaveConference(call)
          if (!conferences.has(name)) conferences.set(name, conference)
          conference.members.push(call)
          conference.flags.set(call.callId, flags)
          call.conference = conference
          // It starts when a start_on_enter participant joins; the others wait until then.
          if (!conference.started && flags.startOnEnter) {
            conference.started = true
            if (conference.recording !== undefined) conference.recordingClock.since = core.env.now()
            conferenceEvent(conference, conference.members, { status: "conference-start" })
          }
          conferenceEvent(conference, conference.members, {
            call_id: call.callId,
            node_id: NODE_ID,
            status: "participant-join",
            ...flagParams(flags)
          })
          notify(call)
        })
      }
    }],
    ["calling.leave_conference", {
      params: { conference_id: W.req(W.nonEmpty) },
      run: (call, p) =>
        call.conference?.id === p.conference_id
          ? ok("Leaving conference", { call_id: call.callId }, () => leaveConference(call))
          // Not 404: clients read 404 on a call command as "the call is gone" (§7.4).
          : coded("400", "The call is not in this conference")
    }],
    ["calling.join_room", simple("Joining room", { name: W.req(W.nonEmpty), status_url: W.opt(W.string) })],
    ["calling.leave_room", simple("Leaving room")],
    ["calling.queue.enter", {
      params: { ...controlIdParam, queue_name: W.req(W.nonEmpty), status_url: W.opt(W.string) },
      run: (call, p) =>
        ok("Entering Queue", actionIds(call, p.control_id as string), () => {
          const name = p.queue_name as string
          const queue = queues.get(name) ?? { id: Sim.uuid(), name, members: [] }
          queues.set(name, queue)
          let member = queue.members.find((m) => m.call === call)
          if (member === undefined) {
            member = { call, controlId: p.control_id as string, enqueuedAt: core.env.now(), statusUrl: str(p.status_url) }
            queue.members.push(member)
            call.queues.add(queue)
          }
          event(call, "calling.call.queue", queueParams(queue, member, "enqueue", queue.members.indexOf(member) + 1))
        })
    }],
    ["calling.queue.leave", {
      params: { ...controlIdParam, queue_name: W.req(W.nonEmpty), queue_id: W.opt(W.string), status_url: W.opt(W.string) },
      run: (call, p) =>
        ok("Leaving Queue", actionIds(call, p.control_id as string), () => {
          const name = p.queue_name as string
          const queue = queues.get(name)
          const at = queue === undefined ? -1 : queue.members.findIndex((m) => m.call === call)
          const member = queue?.members[at]
          if (queue !== undefined) leaveQueue(queue, call)
          const about = queue ?? { id: str(p.queue_id) ?? "", name, members: [] }
          const who = member ?? { controlId: p.control_id as string, enqueuedAt: core.env.now(), statusUrl: str(p.status_url) }
          event(call, "calling.call.queue", { ...queueParams(about, who, "leave", at + 1), control_id: p.control_id })
        })
    }]
  ]

  const byId = (conferenceId: string) => Array.from(conferences.values()).find((c) => c.id === conferenceId)
  const memberOf = (conferenceId: string, callId: string) => {
    const conference = byId(conferenceId)
    const call = conference?.members.find((m) => m.callId === callId)
    return conference === undefined || call === undefined ? undefined : { conference, call }
  }

  /** What the REST side (the compat conference endpoints) does to a live conference; false: no such conference or member. */
  const control: ConferenceControl = {
    update: (conferenceId, callId, change) => {
      const found = memberOf(conferenceId, callId)
      if (found !== undefined) changeMember(found.conference, found.call, change)
      return found !== undefined
    },
    remove: (conferenceId, callId) => {
      const found = memberOf(conferenceId, callId)
      if (found !== undefined) leaveConference(found.call, true)
      return found !== undefined
    },
    end: (conferenceId) => {
      const conference = byId(conferenceId)
      if (conference === undefined) return false
      const members = [...conference.members]
      const last = members.at(-1)
      for (const member of members.slice(0, -1)) leaveConference(member, true)
      if (last !== undefined) leaveConference(last, true, "conference-ended-via-api")
      return true
    },
    recording: (conferenceId, to) => {
      const conference = byId(conferenceId)
      return conference !== undefined && changeRecording(conference, to)
    }
  }

  return {
    methods,
    takeQueued,
    control,
    /** Watches every conference's changes (once each, whoever its participants are). */
    onConference: (watcher: (notice: ConferenceNotice) => void) => void watchers.push(watcher),
    /** Conference name → member call ids, now. */
    conferences: (): ReadonlyMap<string, ReadonlyArray<string>> =>
      new Map(Array.from(conferences.values(), (c) => [c.name, c.members.map((m) => m.callId)] as const))
  }
}
