/**
 * The cXML interpreter: fetches a document with the standard request parameters (a form POST,
 * or GET with them in the query) and runs the verbs of its `<Response>` in order on the call.
 * `<Redirect>` and a verb's `action` fetch the next document (with that verb's parameters); when
 * a document runs out, the call is hung up. A document that cannot be fetched or read is replaced
 * by the run's fallback URL, if it has one (requested with the same parameters). Every verb is written to the transcript; a verb the
 * sandbox does not simulate, a document that is not well-formed cXML and a URL that cannot be
 * fetched end the call (`error`). Verbs are case-sensitive, as on the platform.
 */
import * as Effect from "effect/Effect"
import * as Transcript from "../../Transcript.js"
import { type CxmlContext, type CxmlSource, ERROR, type Flow, NEXT, type Where } from "./context.js"
import * as Dial from "./dial.js"
import * as Fax from "./fax.js"
import * as F from "./features.js"
import * as R from "./request.js"
import * as V from "./verbs.js"
import * as Xml from "./xml.js"

/** At most this many documents per call (a `<Redirect>` loop ends the call). */
const MAX_DOCUMENTS = 1_000

/** The verbs of a `waitUrl` document (as the platform allows there). */
const WAIT_VERBS = new Set(["Play", "Say", "Pause", "Hangup", "Redirect", "Leave", "Gather"])

export interface Executor {
  /** Runs the document and what it leads to until the call ends. */
  readonly run: (source: CxmlSource, via: Transcript.DocumentStarted["via"]) => Effect.Effect<void>
  /**
   * Runs a document on this call for another call's verb (the `url` of a `<Dial><Queue>`, with
   * `extra` parameters), following its redirects and actions; its end does not end the call.
   * `true` when it ran out (the caller can be bridged), `false` when it ended the call.
   */
  readonly announce: (source: CxmlSource, extra: Readonly<Record<string, string>>) => Effect.Effect<boolean>
}

export const make = (x: CxmlContext): Executor => {
  const streams: F.Streams = new Map()
  const verb = (where: Where, el: Xml.Element, base: string | undefined, inWait: boolean): Effect.Effect<Flow> =>
    Effect.gen(function*() {
      yield* x.append(Transcript.Verb.make({ at: x.now(), ...where, verb: el.name }))
      if (inWait && !WAIT_VERBS.has(el.name)) {
        return yield* V.failed(x, where, el.name, `<${el.name}> is not allowed in a waitUrl document`)
      }
      // A `<Dial answerOnBridge="true">` answers the call when the far leg answers.
      if (el.name !== "Reject" && !(el.name === "Dial" && V.bool(el.attributes.answerOnBridge, false))) yield* x.ops.answer
      switch (el.name) {
        case "Say":
        case "Play":
        case "Pause":
          return yield* V.media(x, where, el)
        case "Gather":
          return yield* V.gather(x, where, el, base)
        case "Record":
          return yield* V.record(x, where, el, base)
        case "Hangup":
          return V.hangup
        case "Reject": {
          // A fax rejected is canceled.
          const fax = x.faxSid()
          if (fax !== undefined) x.faxes.received(fax, { error: "the fax was rejected", status: "canceled" })
          return V.reject(el)
        }
        case "Redirect":
          return yield* V.redirect(x, where, el, base)
        case "Sms":
        case "Message":
          return yield* V.sms(x, where, el, base)
        case "Dial":
          return yield* Dial.dial(x, where, el, base, announceOn)
        case "Enqueue":
          return yield* Dial.enqueue(x, where, el, base, waitDocument)
        case "Leave":
          return inWait ? ({ _tag: "Leave" } as const) : NEXT
        case "Echo":
          return yield* F.echo(x, el)
        case "Denoise":
          return yield* F.denoise(x, where, el)
        case "Start":
          return yield* F.start(x, where, el, base, streams)
        case "Stop":
          return yield* F.stop(x, where, el, streams)
        case "Connect":
          return yield* F.connect(x, where, el, base)
        case "Refer":
          return yield* F.refer(x, where, el, base)
        case "Pay":
          return yield* F.pay(x, where, el, base)
        case "Receive":
          return yield* Fax.receive(x, where, el, base)
        default:
          yield* x.append(Transcript.VerbUnsupported.make({ at: x.now(), ...where, verb: el.name }))
          return ERROR
      }
    })

  /** The verbs of a document; stops at the first that does not go on. */
  const verbs = (response: Xml.Element, base: string | undefined, inWait: boolean): Effect.Effect<Flow> =>
    Effect.gen(function*() {
      const list = Xml.elements(response.children)
      for (const [i, el] of list.entries()) {
        const flow = yield* verb({ section: "Response", index: i, path: `Response[${i}]` }, el, base, inWait)
        if (flow._tag !== "Next") return flow
      }
      return NEXT
    })

  /**
   * An `<Enqueue>`'s wait document (its `waitUrl`, with `QueuePosition` and friends): runs once,
   * following its redirects; `<Leave>` ends the wait, as does a document that cannot be fetched or
   * read (`error`).
   */
  const waitDocument = (enqueue: Xml.Element, base: string | undefined, standing: Readonly<Record<string, string>>): Effect.Effect<Flow> =>
    Effect.gen(function*() {
      const url = R.resolve(enqueue.attributes.waitUrl ?? "", base)
      if (url === undefined) return NEXT
      let source: CxmlSource = { _tag: "Url", url, method: V.methodOf(enqueue.attributes.waitUrlMethod) }
      const sid = x.queueSidOf(Xml.textOf(enqueue))
      let extra: Readonly<Record<string, string>> = { ...standing, ...(sid === undefined ? {} : { QueueSid: sid }) }
      for (let n = 0; n < MAX_DOCUMENTS; n++) {
        const loaded: R.Loaded | undefined = yield* R.load(x, source, extra)
        if (loaded === undefined) return ERROR
        yield* x.append(Transcript.DocumentStarted.make({ at: x.now(), source: R.shown(url), via: "redirect", format: "cxml" }))
        const flow: Flow = yield* verbs(loaded.response, loaded.url, true)
        if (flow._tag !== "Fetch") return flow
        source = { _tag: "Url", url: flow.url, method: flow.method }
        extra = flow.params
      }
      return NEXT
    })

  /**
   * Runs documents from `first` on, following `<Redirect>` and actions (at most MAX_DOCUMENTS),
   * each document's fallback `fallback`: how the last one ended (`Stop`, or `Next` past its last
   * verb), `Unloadable` when a document could be neither fetched nor read, `TooMany` (written as a
   * `VerbFailed` entry) past the limit.
   */
  const follow = (
    first: CxmlSource,
    via: Transcript.DocumentStarted["via"],
    firstExtra: Readonly<Record<string, string>>,
    fallback: { readonly url: string; readonly method: "GET" | "POST" } | undefined
  ) =>
    Effect.gen(function*() {
      let source = first
      let extra = firstExtra
      let how = via
      for (let n = 0; n < MAX_DOCUMENTS; n++) {
        const params = extra
        const fetched = yield* R.loadOrFallback((s) => R.load(x, s, params), source, fallback)
        if (fetched === undefined) return { _tag: "Unloadable" } as const
        if (fetched.viaFallback) how = "fallback"
        yield* x.append(Transcript.DocumentStarted.make({ at: x.now(), source: fetched.shown, via: how, format: "cxml" }))
        const flow = yield* verbs(fetched.loaded.response, fetched.loaded.url, false)
        if (flow._tag !== "Fetch") return flow
        source = { _tag: "Url", url: flow.url, method: flow.method }
        extra = flow.params
        how = flow.via
      }
      yield* x.append(Transcript.VerbFailed.make({ at: x.now(), section: "Response", index: -1, path: "Redirect", verb: "Redirect", detail: `more than ${MAX_DOCUMENTS} documents` }))
      return { _tag: "TooMany" } as const
    })

  /** Runs on a call other than its own run's (`<Dial><Queue url>`): true when the call goes on. */
  const announce: Executor["announce"] = (first, firstExtra) =>
    Effect.gen(function*() {
      const ended = yield* follow(first, "queue", firstExtra, undefined)
      switch (ended._tag) {
        case "Next":
          return x.ops.state() !== "ending" && x.ops.state() !== "ended"
        case "Stop":
          yield* x.ops.end(ended.reason, ended.by)
          return false
        default:
          yield* x.ops.end("error", "error")
          return false
      }
    })

  /** The `url` document of a `<Dial><Queue>`, run on the caller it took (see `announce`). */
  const announceOn: Dial.Announce = (callId, source, extra) => {
    const there = x.onCall(callId)
    return there === undefined ? Effect.succeed(false) : make(there).announce(source, extra)
  }

  // The run's fallback (a compat `FallbackUrl`, a number's `VoiceFallbackUrl`) stands in for any
  // document of the run that cannot be fetched or read, with the same parameters.
  const run: Executor["run"] = (first, via) =>
    Effect.gen(function*() {
      const ended = yield* follow(first, via, {}, first._tag === "Url" ? first.fallback : undefined)
      switch (ended._tag) {
        case "Next":
          return yield* x.ops.end("hangup", "cxml")
        case "Stop":
          return yield* x.ops.end(ended.reason, ended.by)
        default:
          return yield* x.ops.end("error", "error")
      }
    })

  return { run, announce }
}
