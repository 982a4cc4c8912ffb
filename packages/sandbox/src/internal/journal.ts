/**
 * The frame journal: a bounded ring of every frame in and out, and the public `Journal` API over it.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberId from "effect/FiberId"
import { RelayFrame } from "@signalwire-effect/relay"
import type { Journal, JournalEntry, ReceivedRequest } from "../Journal.js"

interface Waiter {
  readonly predicate: (entry: JournalEntry) => boolean
  readonly deferred: Deferred.Deferred<JournalEntry>
}

/**
 * Every frame in and out, in order, in a ring of `capacity` entries (the oldest are forgotten
 * and counted). Waiters are checked on each append, so a test can wait for a frame without
 * polling or sleeping.
 */
export class JournalStore {
  private entries: Array<JournalEntry> = []
  private head = 0
  private seq = 0
  private readonly waiters = new Set<Waiter>()
  forgotten = 0

  constructor(private readonly capacity: number, private readonly now: () => number) {}

  append(connection: number, direction: "in" | "out", text: string, frame?: RelayFrame.Frame): void {
    if (this.capacity === 0 && this.waiters.size === 0) return
    const decoded = frame ?? Either.getOrUndefined(RelayFrame.decode(text))
    const entry: JournalEntry = { seq: ++this.seq, connection, direction, at: this.now(), text, frame: decoded }
    if (this.capacity > 0) {
      this.entries.push(entry)
      if (this.entries.length - this.head > this.capacity) {
        this.head += 1
        this.forgotten += 1
        if (this.head > 4_096 && this.head * 2 > this.entries.length) {
          this.entries = this.entries.slice(this.head)
          this.head = 0
        }
      }
    }
    for (const waiter of this.waiters) {
      if (waiter.predicate(entry)) {
        this.waiters.delete(waiter)
        Deferred.unsafeDone(waiter.deferred, Effect.succeed(entry))
      }
    }
  }

  all(): ReadonlyArray<JournalEntry> {
    return this.entries.slice(this.head)
  }

  clear(): void {
    this.entries = []
    this.head = 0
  }

  get lastSeq(): number {
    return this.seq
  }

  waitFor(predicate: (entry: JournalEntry) => boolean, since = 0): Effect.Effect<JournalEntry> {
    return Effect.suspend(() => {
      const existing = this.all().find((entry) => entry.seq > since && predicate(entry))
      if (existing !== undefined) return Effect.succeed(existing)
      const waiter: Waiter = {
        predicate: (entry) => entry.seq > since && predicate(entry),
        deferred: Deferred.unsafeMake<JournalEntry>(FiberId.none)
      }
      this.waiters.add(waiter)
      return Deferred.await(waiter.deferred).pipe(Effect.ensuring(Effect.sync(() => this.waiters.delete(waiter))))
    })
  }
}

const toRequest = (entry: JournalEntry, frame: RelayFrame.Request): ReceivedRequest => ({
  seq: entry.seq,
  connection: entry.connection,
  id: frame.id,
  method: frame.method,
  params: frame.params
})

const requestsOf = (store: JournalStore, direction: "in" | "out", method: string | undefined) =>
  store.all().flatMap((entry) =>
    entry.direction === direction && entry.frame?._tag === "Request" &&
      (method === undefined || entry.frame.method === method)
      ? [toRequest(entry, entry.frame)]
      : []
  )

const isReplyTo = (id: RelayFrame.RequestId) => (entry: JournalEntry) =>
  entry.direction === "in" && (entry.frame?._tag === "ResultReply" || entry.frame?._tag === "ErrorReply") &&
  entry.frame.id === id

/** The public view of a journal. */
export const api = (store: JournalStore): Journal => ({
  entries: Effect.sync(() => store.all()),
  requests: (method) => Effect.sync(() => requestsOf(store, "in", method)),
  sent: (method) => Effect.sync(() => requestsOf(store, "out", method)),
  waitFor: (predicate, since) => store.waitFor(predicate, since),
  waitForRequest: (method, since) =>
    store.waitFor(
      (entry) => entry.direction === "in" && entry.frame?._tag === "Request" && entry.frame.method === method,
      since
    ).pipe(Effect.map((entry) => toRequest(entry, entry.frame as RelayFrame.Request))),
  repliesTo: (id) => Effect.sync(() => store.all().filter(isReplyTo(id))),
  waitForReply: (id, since) => store.waitFor(isReplyTo(id), since),
  mark: Effect.sync(() => store.lastSeq),
  clear: Effect.sync(() => store.clear())
})
