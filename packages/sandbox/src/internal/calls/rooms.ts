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
  type Methods,
  NODE_ID,
  ok,
  type Queue,
  simple,
  str
} from "./model.js"

export type Rooms<S extends SimSession> = ReturnType<typeof make<S>>

export const make = <S extends SimSession>(core: Core<S>) => {
  const conferences = new Map<string, Conference<S>>()
  const queues = new Map<string, Queue<S>>()
  const { event, notify } = core
  const watchers: Array<(notice: ConferenceNotice) => void> = []

  const tell = (conference: Conference<S>, status: ConferenceNotice["status"], callId?: string) => {
    const notice: ConferenceNotice = {
      status,
      conferenceId: conference.id,
      name: conference.name,
      callId,
      participants: conference.members.length,
      maxParticipants: conference.maxParticipants,
      startedAt: conference.startedAt,
      recording: conference.recording
    }
    for (const watcher of watchers) watcher(notice)
  }

  const conferenceEvent = (conference: Conference<S>, recipients: Iterable<S | undefined>, params: JsonObject) => {
    const sent = new Set<S>()
    for (const session of recipients) {
      if (session === undefined || sent.has(session)) continue
      sent.add(session)
      core.env.deliver(session, "calling.conference", { conference_id: conference.id, name: conference.name, ...params })
    }
    tell(conference, params.status as ConferenceNotice["status"], str(params.call_id))
  }

  /** A recorded conference's recording, saved when the conference ends. */
  const saveRecording = (conference: Conference<S>) => {
    const recording = conference.recording
    if (recording === undefined) return
    const endedAt = core.env.now()
    const duration = Math.round((endedAt - conference.startedAt) / 1000)
    const notice: ConferenceNotice = {
      status: "recording-completed",
      conferenceId: conference.id,
      name: conference.name,
      callId: undefined,
      participants: 0,
      maxParticipants: conference.maxParticipants,
      startedAt: conference.startedAt,
      recording: {
        ...recording,
        url: `https://sandbox.invalid/recordings/${recording.id}.mp3`,
        duration,
        size: duration * BYTES_PER_SECOND,
        endedAt
      }
    }
    for (const watcher of watchers) watcher(notice)
  }

  const leaveConference = (call: Call<S>) => {
    const conference = call.conference
    if (conference === undefined) return
    call.conference = undefined
    const recipients = [call.session, ...conference.members.map((m) => m.session)]
    conference.members = conference.members.filter((m) => m !== call)
    conferenceEvent(conference, recipients, { call_id: call.callId, node_id: NODE_ID, status: "participant-leave" })
    if (conference.members.length === 0) {
      conferences.delete(conference.name)
      conferenceEvent(conference, [call.session], { status: "conference-end" })
      saveRecording(conference)
    }
    notify(call)
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

  /** Takes the first queued call that passes `usable` out of the named queue (status `leave`). */
  const takeQueued = (name: string, usable: (call: Call<S>) => boolean): Call<S> | undefined => {
    const queue = queues.get(name)
    const member = queue?.members.find((m) => usable(m.call))
    if (queue === undefined || member === undefined) return undefined
    leaveQueue(queue, member.call)
    event(member.call, "calling.call.queue", {
      control_id: member.controlId,
      status: "leave",
      id: queue.id,
      name: queue.name,
      position: 0,
      size: queue.members.length
    })
    return member.call
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
        recording_status_callback_event: W.opt(W.string)
      },
      run: (call, p) => {
        const name = p.name as string
        const existing = conferences.get(name)
        const conference: Conference<S> = existing ?? {
          id: Sim.uuid(),
          name,
          members: [],
          startedAt: core.env.now(),
          maxParticipants: typeof p.max_participants === "number" ? p.max_participants : 250,
          recording: p.record === "record-from-start"
            ? {
              id: Sim.uuid(),
              statusCallback: str(p.recording_status_callback),
              statusCallbackMethod: p.recording_status_callback_method === "GET" ? "GET" : "POST",
              statusCallbackEvents: (str(p.recording_status_callback_event) ?? "completed").split(/[\s,]+/).filter((e) => e !== "")
            }
            : undefined
        }
        const reply = { call_id: call.callId, conference_id: conference.id }
        if (call.conference === conference) return ok("Joining conference", reply)
        return ok("Joining conference", reply, () => {
          leaveConference(call)
          if (!conferences.has(name)) {
            conferences.set(name, conference)
            conferenceEvent(conference, [call.session], { status: "conference-start" })
          }
          conference.members.push(call)
          call.conference = conference
          conferenceEvent(conference, conference.members.map((m) => m.session), {
            call_id: call.callId,
            node_id: NODE_ID,
            status: "participant-join"
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
          if (!queue.members.some((m) => m.call === call)) {
            queue.members.push({ call, controlId: p.control_id as string })
            call.queues.add(queue)
          }
          event(call, "calling.call.queue", {
            control_id: p.control_id,
            status: "enqueue",
            id: queue.id,
            name,
            position: queue.members.findIndex((m) => m.call === call) + 1,
            size: queue.members.length
          })
        })
    }],
    ["calling.queue.leave", {
      params: { ...controlIdParam, queue_name: W.req(W.nonEmpty), queue_id: W.opt(W.string), status_url: W.opt(W.string) },
      run: (call, p) =>
        ok("Leaving Queue", actionIds(call, p.control_id as string), () => {
          const name = p.queue_name as string
          const queue = queues.get(name)
          const position = queue === undefined ? 0 : queue.members.findIndex((m) => m.call === call) + 1
          if (queue !== undefined) leaveQueue(queue, call)
          event(call, "calling.call.queue", {
            control_id: p.control_id,
            status: "leave",
            id: queue?.id ?? str(p.queue_id) ?? "",
            name,
            position,
            size: queue?.members.length ?? 0
          })
        })
    }]
  ]

  return {
    methods,
    takeQueued,
    /** Watches every conference's changes (once each, whoever its participants are). */
    onConference: (watcher: (notice: ConferenceNotice) => void) => void watchers.push(watcher),
    /** Conference name → member call ids, now. */
    conferences: (): ReadonlyMap<string, ReadonlyArray<string>> =>
      new Map(Array.from(conferences.values(), (c) => [c.name, c.members.map((m) => m.callId)] as const))
  }
}
