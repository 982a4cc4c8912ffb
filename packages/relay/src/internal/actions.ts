/**
 * Actions: the long operations of a call (play, record, collect, detect, tap, stream, fax, pay,
 * transcribe, AI), each tracked by its `control_id`, how each kind reads its events into a typed
 * result, and the user-facing views with the sub-commands each kind has.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as Option from "effect/Option"
import type * as CallApi from "../Call.js"
import { type ActionError, ActionFailed, type CommandError } from "../RelayError.js"
import type * as RelayEvent from "../RelayEvent.js"
import type { JsonObject } from "../RelayFrame.js"
import type { CallCore } from "./callCore.js"
import { num, obj, str } from "./callShared.js"
import * as params from "./params.js"

interface ActionRef {
  readonly kind: CallApi.ActionKind
  readonly callId: string
  readonly controlId: string
}

type Interpret<R> = (event: RelayEvent.RelayEvent, action: ActionRef) => Exit.Exit<R, ActionFailed> | undefined

const failed = <R>(action: ActionRef, state: string, event: RelayEvent.RelayEvent): Exit.Exit<R, ActionFailed> =>
  Exit.fail(new ActionFailed({ kind: action.kind, callId: action.callId, controlId: action.controlId, state, event }))

const finishedOrError = <R>(result: (event: RelayEvent.RelayEvent) => R, errorStates: ReadonlyArray<string> = ["error"]): Interpret<R> =>
(event, action) => {
  const state = str(event.params.state)
  if (state === "finished") return Exit.succeed(result(event))
  if (state !== undefined && errorStates.includes(state)) return failed(action, state, event)
  return undefined
}

const interpretCollect: Interpret<CallApi.CollectResult> = (event, action) => {
  if (event.eventType !== "calling.call.collect") return undefined
  const state = str(event.params.state)
  const result = obj(event.params.result)
  const type = str(result?.type)
  if (result !== undefined && type !== "start_of_input" && event.params.final !== false) {
    const resultParams = obj(result.params) ?? {}
    switch (type) {
      case "digit":
        return Exit.succeed({
          _tag: "Digits",
          digits: str(resultParams.digits) ?? "",
          terminator: str(resultParams.terminator),
          event
        })
      case "speech":
        return Exit.succeed({
          _tag: "Speech",
          text: str(resultParams.text) ?? "",
          confidence: num(resultParams.confidence),
          event
        })
      case "no_input":
        return Exit.succeed({ _tag: "NoInput", event })
      case "no_match":
        return Exit.succeed({ _tag: "NoMatch", event })
      case "error":
        return failed(action, "error", event)
    }
  }
  switch (state) {
    case "finished":
      return Exit.succeed({ _tag: "Finished", event })
    case "no_input":
      return Exit.succeed({ _tag: "NoInput", event })
    case "no_match":
      return Exit.succeed({ _tag: "NoMatch", event })
    case "error":
      return failed(action, "error", event)
    default:
      return undefined
  }
}

const interpretDetect: Interpret<CallApi.DetectResult> = (event, action) => {
  const detect = obj(event.params.detect)
  const result = str(obj(detect?.params)?.event)
  if (detect !== undefined && result !== undefined && result.length > 0) {
    return Exit.succeed({ _tag: "Detected", type: str(detect.type) ?? "", result, event })
  }
  const state = str(event.params.state)
  if (state === "finished") return Exit.succeed({ _tag: "NotDetected", event })
  if (state === "error") return failed(action, state, event)
  return undefined
}

const interpretFax: Interpret<CallApi.FaxResult> = (event, action) => {
  const fax = obj(event.params.fax)
  const faxType = str(fax?.type)
  const state = str(event.params.state)
  // PROTOCOL.md §15.9: progress may be in `fax.type` rather than `state`; accept both.
  if (state === "error" || faxType === "error") return failed(action, "error", event)
  if (state !== "finished" && faxType !== "finished") return undefined
  const faxParams = obj(fax?.params) ?? {}
  return Exit.succeed({
    success: faxParams.success !== false,
    pages: num(faxParams.pages) ?? num(fax?.pages),
    document: str(faxParams.document),
    identity: str(faxParams.identity),
    event
  })
}

const interpretRecord: Interpret<CallApi.RecordResult> = (event) => {
  const state = str(event.params.state)
  if (state !== "finished" && state !== "no_input") return undefined
  const record = obj(event.params.record) ?? {}
  return Exit.succeed({
    state,
    url: str(record.url) ?? str(event.params.url),
    duration: num(record.duration) ?? num(event.params.duration),
    size: num(record.size) ?? num(event.params.size),
    event
  })
}

const interpreters: { readonly [K in CallApi.ActionKind]: Interpret<unknown> } = {
  play: finishedOrError((event) => ({ state: "finished", event })),
  record: interpretRecord,
  collect: interpretCollect,
  play_and_collect: interpretCollect,
  detect: interpretDetect,
  tap: finishedOrError((event) => ({ event })),
  stream: finishedOrError((event) => ({ event })),
  send_fax: interpretFax,
  receive_fax: interpretFax,
  pay: finishedOrError((event) => ({ result: obj(event.params.result) ?? {}, event })),
  transcribe: finishedOrError((event) => ({
    url: str(event.params.url),
    recordingId: str(event.params.recording_id),
    duration: num(event.params.duration),
    size: num(event.params.size),
    text: str(event.params.text),
    event
  })),
  ai: finishedOrError((event) => ({ event }))
}

export class ActionImpl<R> {
  readonly deferred = Deferred.unsafeMake<R, ActionError>(FiberId.none)
  settled = false
  sourceDevice: JsonObject | undefined = undefined
  constructor(
    readonly kind: CallApi.ActionKind,
    readonly call: CallCore,
    readonly controlId: string,
    private readonly verb: string
  ) {}
  get callId() {
    return this.call.callId
  }
  get wait(): Effect.Effect<R, ActionError> {
    return Deferred.await(this.deferred)
  }
  get result(): Effect.Effect<Option.Option<Exit.Exit<R, ActionError>>> {
    return Effect.flatMap(Deferred.poll(this.deferred), (polled) =>
      Option.isNone(polled)
        ? Effect.succeed(Option.none())
        : Effect.map(Effect.exit(polled.value), Option.some))
  }
  check(event: RelayEvent.RelayEvent) {
    const exit = (interpreters[this.kind] as Interpret<R>)(event, this)
    if (exit !== undefined) this.settle(exit)
  }
  settle(exit: Exit.Exit<R, ActionError>) {
    if (this.settled) return
    this.settled = true
    if (this.call.actions?.get(this.controlId) === this) this.call.actions.delete(this.controlId)
    Deferred.unsafeDone(this.deferred, exit)
  }
  /** A sub-command: the platform's result, or `{}` without sending anything once the action is done. */
  private sub(method: string, extra: JsonObject = {}): Effect.Effect<JsonObject, CommandError> {
    return Effect.suspend(() =>
      this.settled
        ? Effect.succeed({})
        : this.call.command(method, { control_id: this.controlId, ...extra }, this.controlId)
    )
  }
  get stop() {
    return this.sub(`${this.verb}.stop`)
  }
  get resume() {
    return this.sub(`${this.verb}.resume`)
  }
  get pauseEffect() {
    return this.sub(`${this.verb}.pause`)
  }
  pauseWith(behavior: string | undefined) {
    return this.sub(`${this.verb}.pause`, behavior === undefined ? {} : { behavior })
  }
  volume(db: number): Effect.Effect<JsonObject, CommandError> {
    const method = `${this.verb}.volume`
    return Either.match(params.check(params.Volume, method, "volume")(db), {
      onLeft: (error) => Effect.fail(error),
      onRight: (volume) => this.sub(method, { volume })
    })
  }
  get startInputTimers() {
    return this.sub("calling.collect.start_input_timers")
  }
}

/** The user-facing views of an action: only the sub-commands its kind has. */
export const base = <R>(action: ActionImpl<R>): CallApi.Action<R> => ({
  kind: action.kind,
  callId: action.callId,
  controlId: action.controlId,
  wait: action.wait,
  result: action.result,
  stop: action.stop
})

export const views = {
  play: (a: ActionImpl<CallApi.PlayResult>): CallApi.PlayAction => ({
    ...base(a),
    pause: a.pauseEffect,
    resume: a.resume,
    volume: (db) => a.volume(db)
  }),
  record: (a: ActionImpl<CallApi.RecordResult>): CallApi.RecordAction => ({
    ...base(a),
    pause: (behavior) => a.pauseWith(behavior),
    resume: a.resume
  }),
  playAndCollect: (a: ActionImpl<CallApi.CollectResult>): CallApi.CollectAction => ({
    ...base(a),
    volume: (db) => a.volume(db),
    startInputTimers: a.startInputTimers
  }),
  collect: (a: ActionImpl<CallApi.CollectResult>): CallApi.StandaloneCollectAction => ({
    ...base(a),
    startInputTimers: a.startInputTimers
  }),
  tap: (a: ActionImpl<CallApi.Finished>): CallApi.TapAction => ({ ...base(a), sourceDevice: a.sourceDevice })
}

