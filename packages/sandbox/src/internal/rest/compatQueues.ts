/**
 * The compat (LaML) queues of the sandbox: the relay-REST `queues` entries, with the calls that
 * entered a queue of that name (`calling.queue.enter`, which creates the queue when none has the
 * name) as its members, in order. A dequeue redirects the member's call to the cXML `Url` (its
 * `<Enqueue>` ends, the call leaves the queue and runs the new document).
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { RestApi } from "@signalwire-effect/rest"
import { uuid } from "../sim.js"
import { API_VERSION, type CompatEnv, fail, notFound, out, page, rfc2822 } from "./compatShared.js"
import type { Json } from "./store.js"

interface Member {
  readonly callSid: string
  readonly enqueuedAt: number
}

const dateOf = (iso: unknown, fallback: number) => rfc2822(typeof iso === "string" ? Date.parse(iso) : fallback)

export const groups = (env: CompatEnv) => {
  const base = `/api/laml/${API_VERSION}/Accounts/${env.project}`
  const iso = () => new Date(env.now()).toISOString()
  const scoped = <A, E>(path: { readonly AccountSid: string }, f: () => Effect.Effect<A, E>) =>
    path.AccountSid === env.project ? f() : notFound(`The account ${path.AccountSid}`)
  /** Queue name → the calls waiting in it, in order. */
  const members = new Map<string, Array<Member>>()

  // ---- queues (the relay-REST queues) -----------------------------------------------------------
  const queueUri = (sid: string) => `${base}/Queues/${sid}`
  const waiting = (q: Json) => members.get(String(q.friendly_name)) ?? []
  const queueJson = (q: Json): Json => {
    const calls = waiting(q)
    const now = env.now()
    return {
      sid: q.id,
      account_sid: env.project,
      api_version: API_VERSION,
      friendly_name: q.friendly_name,
      max_size: q.max_size ?? 100,
      current_size: calls.length,
      average_wait_time: calls.length === 0 ? 0 : Math.round(calls.reduce((s, m) => s + (now - m.enqueuedAt), 0) / calls.length / 1000),
      date_created: dateOf(q.date_created, now),
      date_updated: dateOf(q.date_updated, now),
      uri: queueUri(String(q.id))
    }
  }
  const memberJson = (q: Json, m: Member, position: number): Json => ({
    call_sid: m.callSid,
    queue_sid: q.id,
    account_sid: env.project,
    position,
    wait_time: Math.round((env.now() - m.enqueuedAt) / 1000),
    date_enqueued: rfc2822(m.enqueuedAt),
    member_type: "call",
    uri: `${queueUri(String(q.id))}/Members/${m.callSid}`
  })
  const queue = (sid: string) => {
    const q = env.queues.get(sid)
    return q === undefined ? notFound(`The queue ${sid}`) : Effect.succeed(q)
  }
  const member = (queueSid: string, callSid: string) =>
    Effect.flatMap(queue(queueSid), (q) => {
      const list = waiting(q)
      const at = list.findIndex((m) => m.callSid === callSid)
      return at < 0 ? notFound(`The member ${callSid}`) : Effect.succeed(memberJson(q, list[at]!, at + 1))
    })
  const byName = (name: string) => env.queues.values().find((q) => q.friendly_name === name)
  const newQueue = (name: string, maxSize: number | undefined): Json => {
    const id = uuid()
    const at = iso()
    return env.queues.put({
      id,
      project_id: env.project,
      friendly_name: name,
      max_size: maxSize ?? 100,
      current_size: 0,
      average_wait_time: 0,
      uri: `/api/relay/rest/queues/${id}`,
      date_created: at,
      date_updated: at
    })
  }
  const queueGroup = HttpApiBuilder.group(RestApi.api, "compatQueues", (h) =>
    h
      .handle("list", ({ path, urlParams }) => scoped(path, () => page("queues", env.queues.values().map(queueJson), urlParams, `${base}/Queues`)))
      .handle("create", ({ path, payload }) =>
        scoped(path, () =>
          byName(payload.FriendlyName) !== undefined
            ? fail(400, 20002, `A queue named ${payload.FriendlyName} exists already`)
            : Effect.succeed(out(queueJson(newQueue(payload.FriendlyName, payload.MaxSize))))))
      .handle("get", ({ path }) => scoped(path, () => Effect.map(queue(path.Sid), (q) => out(queueJson(q)))))
      .handle("update", ({ path, payload }) =>
        scoped(path, () =>
          Effect.map(queue(path.Sid), (q) =>
            out(queueJson(env.queues.put({
              ...q,
              id: path.Sid,
              friendly_name: payload.FriendlyName,
              ...(payload.MaxSize === undefined ? {} : { max_size: payload.MaxSize }),
              date_updated: iso()
            }))))))
      .handle("delete", ({ path }) =>
        scoped(path, () =>
          Effect.flatMap(queue(path.Sid), (q) =>
            waiting(q).length > 0
              ? fail(422, 10000, `The queue ${path.Sid} has calls waiting`)
              : Effect.sync(() => void env.queues.delete(path.Sid)))))
      .handle("listMembers", ({ path, urlParams }) =>
        scoped(path, () =>
          Effect.flatMap(queue(path.QueueSid), (q) =>
            page("queue_members", waiting(q).map((m, i) => memberJson(q, m, i + 1)), urlParams, `${queueUri(String(q.id))}/Members`))))
      .handle("getMember", ({ path }) => scoped(path, () => Effect.map(member(path.QueueSid, path.CallSid), out)))
      .handle("dequeueMember", ({ path, payload }) =>
        scoped(path, () =>
          Effect.flatMap(member(path.QueueSid, path.CallSid), (m) => {
            // Out of the queue, then on to the new document.
            env.calling.command(path.CallSid, "calling.queue.leave", { control_id: uuid(), queue_name: String(env.queues.get(path.QueueSid)?.friendly_name ?? "") })
            const moved = env.calling.update(path.CallSid, { swml: { _tag: "Cxml", url: payload.Url, method: payload.Method ?? "POST" } })
            return moved._tag === "Ok" ? Effect.succeed(out(m)) : fail(422, 10000, `The call ${path.CallSid} could not be redirected`)
          }))))

  /**
   * `calling.call.queue` events: a call enters or leaves a queue, or is dequeued (each may come once
   * per session it went to); a call that ends (`calling.call.state` `ended`) leaves every queue.
   */
  const observe = (eventType: string, params: Readonly<Record<string, unknown>>) => {
    const callId = typeof params.call_id === "string" ? params.call_id : undefined
    if (eventType === "calling.call.state" && params.call_state === "ended" && callId !== undefined) {
      for (const [name, list] of members) members.set(name, list.filter((m) => m.callSid !== callId))
      return
    }
    const name = typeof params.name === "string" ? params.name : undefined
    if (eventType !== "calling.call.queue" || callId === undefined || name === undefined) return
    const list = members.get(name) ?? []
    if (params.status === "enqueue" && !list.some((m) => m.callSid === callId)) {
      if (byName(name) === undefined) newQueue(name, undefined)
      list.push({ callSid: callId, enqueuedAt: env.now() })
    } else if (params.status === "leave" || params.status === "dequeue") {
      list.splice(0, list.length, ...list.filter((m) => m.callSid !== callId))
    }
    members.set(name, list)
  }

  /** Whether the queue of this name has as many calls waiting as its `MaxSize` (a queue not created yet is not full). */
  const isFull = (name: string) => {
    const q = byName(name)
    return q !== undefined && (members.get(name)?.length ?? 0) >= Number(q.max_size ?? 100)
  }

  return { layer: queueGroup, observe, sidOf: (name: string) => byName(name)?.id as string | undefined, isFull }
}
