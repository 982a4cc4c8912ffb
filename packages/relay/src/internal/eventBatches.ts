/**
 * The lightest per-call subscription: one bounded array of a call's events, taken in batches by
 * one consumer fiber. The dispatcher's offer is a push (and, when the consumer is parked, a single
 * resume with the whole buffer); nothing else runs on the dispatcher, and no fiber of ours exists.
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as CallApi from "../Call.js"
import { EventOverflow, type CallEventError } from "../RelayError.js"
import type * as RelayEvent from "../RelayEvent.js"

type Batch = readonly [ReadonlyArray<RelayEvent.RelayEvent>, boolean]
type Resume = (effect: Effect.Effect<Batch, CallEventError>) => void

const EMPTY: ReadonlyArray<RelayEvent.RelayEvent> = []

/** What the call routes its events to: a mailbox subscription or a batch buffer. */
export interface Sink {
  /** False when the sink is full (it has then ended itself with EventOverflow). */
  readonly offer: (event: RelayEvent.RelayEvent) => boolean
  readonly end: (exit: Exit.Exit<void, CallEventError>) => void
}

export class EventBatches implements CallApi.EventBatches, Sink {
  private buffer: Array<RelayEvent.RelayEvent> = []
  private waiter: Resume | undefined = undefined
  /** Further consumers parked behind `waiter` (unusual: a buffer normally has one consumer). */
  private queued: Array<Resume> | undefined = undefined
  private ended: Exit.Exit<void, CallEventError> | undefined = undefined

  constructor(readonly capacity: number) {}

  offer(event: RelayEvent.RelayEvent): boolean {
    if (this.ended !== undefined) return true
    if (this.buffer.length >= this.capacity) {
      this.end(Exit.fail(new EventOverflow({ capacity: this.capacity })))
      return false
    }
    this.buffer.push(event)
    const waiter = this.waiter
    if (waiter !== undefined) {
      this.waiter = this.queued?.shift()
      const events = this.buffer
      this.buffer = []
      waiter(Exit.succeed([events, false]))
    }
    return true
  }

  end(exit: Exit.Exit<void, CallEventError>): void {
    if (this.ended !== undefined) return
    this.ended = exit
    const waiters = this.waiter === undefined ? [] : [this.waiter, ...(this.queued ?? [])]
    this.waiter = undefined
    this.queued = undefined
    for (const waiter of waiters) waiter(this.next() ?? Exit.succeed([EMPTY, true]))
  }

  get size(): number {
    return this.buffer.length
  }

  /** What a take returns now, or undefined when it must wait. */
  private next(): Effect.Effect<Batch, CallEventError> | undefined {
    if (this.buffer.length > 0) {
      const events = this.buffer
      this.buffer = []
      // The last batch of a subscription that ended normally says so; after a failure the
      // events still buffered come first, then the next take fails.
      return Exit.succeed([events, this.ended !== undefined && Exit.isSuccess(this.ended)])
    }
    if (this.ended === undefined) return undefined
    return Exit.isSuccess(this.ended) ? Exit.succeed([EMPTY, true]) : this.ended as Exit.Exit<never, CallEventError>
  }

  readonly takeAll: Effect.Effect<Batch, CallEventError> = Effect.suspend(() =>
    this.next() ?? Effect.async<Batch, CallEventError>((resume) => {
      if (this.waiter === undefined) this.waiter = resume
      else (this.queued ??= []).push(resume)
      return Effect.sync(() => {
        if (this.waiter === resume) this.waiter = this.queued?.shift()
        else if (this.queued !== undefined) this.queued = this.queued.filter((r) => r !== resume)
      })
    })
  )
}
