/**
 * Messaging cXML: what an inbound message to a number with an `SmsUrl` (its own, its
 * application's) runs. The document is requested with the Messaging cXML request parameters
 * (`MessageSid`, `AccountSid`, `From`, `To`, `Body`, `NumMedia`, `MediaUrl{N}`,
 * `MediaContentType{N}`), signed like every cXML request, through the same fetch and fallback
 * path as a call's documents (`request.ts`: `SmsFallbackUrl` stands in for a document that cannot
 * be fetched or read). Its verbs are `<Message>` (sent through the messaging simulation) and
 * `<Redirect>`; any other verb ends the run (`error`). Each step is an entry of the message's
 * transcript, which ends with `MessageHandled`.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberId from "effect/FiberId"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Redacted from "effect/Redacted"
import type { SimMessage } from "../../SimMessages.js"
import * as Transcript from "../../Transcript.js"
import type * as Messages from "../messages.js"
import { mediaContentType, statusParams } from "../rest/messageStatus.js"
import type { SimSession } from "../sim.js"
import { type CxmlSource, ERROR, type Flow, NEXT, type Where } from "./context.js"
import * as R from "./request.js"
import { methodOf } from "./verbs.js"
import * as Xml from "./xml.js"

/** At most this many documents per message (a `<Redirect>` loop ends the run). */
const MAX_DOCUMENTS = 100
/** Transcripts of this many messages are kept (the oldest are forgotten). */
const MAX_KEPT = 10_000
const MAX_BODY = 1600
const MAX_MEDIA = 10
const E164 = /^\+[1-9]\d{1,14}$/

export interface Env {
  readonly project: string
  readonly client: HttpClient.HttpClient
  readonly signingKey: Redacted.Redacted<string>
  readonly now: () => number
  readonly runFork: (effect: Effect.Effect<void>) => unknown
  /** Sends a message through the messaging simulation. */
  readonly send: Omit<Messages.Engine<SimSession>, "request">["submit"]
  /** Posts a status callback about a message, after those posted before about it. */
  readonly statusCallback: (messageSid: string, url: string, method: "GET" | "POST", params: Readonly<Record<string, string>>) => void
}

/** The Messaging cXML request parameters of an inbound message. */
export const requestParams = (accountSid: string, m: SimMessage): Record<string, string> => {
  const params: Record<string, string> = {
    MessageSid: m.messageId,
    AccountSid: accountSid,
    From: m.from,
    To: m.to,
    Body: m.body ?? "",
    NumMedia: String(m.media.length)
  }
  m.media.forEach((url, i) => {
    params[`MediaUrl${i}`] = url
    params[`MediaContentType${i}`] = mediaContentType(url)
  })
  return params
}

interface Run {
  readonly entries: Array<Transcript.Entry>
  readonly done: Deferred.Deferred<void>
}

export type MessagingEngine = ReturnType<typeof make>

export const make = (env: Env) => {
  const runs = new Map<string, Run>()

  const runOf = (messageId: string): Run => {
    let run = runs.get(messageId)
    if (run === undefined) {
      run = { entries: [], done: Deferred.unsafeMake<void>(FiberId.none) }
      runs.set(messageId, run)
      if (runs.size > MAX_KEPT) runs.delete(runs.keys().next().value!)
    }
    return run
  }

  /** The run of one inbound message. */
  const execute = (message: SimMessage, first: CxmlSource, run: Run) => {
    const append = (entry: Transcript.Entry) => Effect.sync(() => void run.entries.push(entry))
    const now = env.now
    const io: R.DocumentIo = { http: { client: env.client, signingKey: env.signingKey, now, append }, append, now }
    const standard = requestParams(env.project, message)

    const failed = (where: Where, verb: string, detail: string) =>
      Effect.as(append(Transcript.VerbFailed.make({ at: now(), ...where, verb, detail })), ERROR)

    /** `ref` resolved against the document's URL, or the verb fails. */
    const urlOf = (where: Where, verb: string, ref: string, base: string | undefined) => {
      const url = R.resolve(ref, base)
      return url === undefined
        ? Either.left(failed(where, verb, `${JSON.stringify(R.shown(ref))} is not an http(s) URL${base === undefined ? " (there is no document URL to resolve it against)" : ""}`))
        : Either.right(url)
    }

    /** What is wrong with a `<Message>` the platform would not send: its `MessageStatus` `invalid` and the error code. */
    const invalid = (o: { readonly to: string; readonly from: string; readonly body: string; readonly media: ReadonlyArray<string | undefined> }) =>
      !E164.test(o.to) || !E164.test(o.from)
        ? { code: "21603", detail: "the to or from number is not E.164" }
        : o.body.length === 0 && o.media.length === 0
        ? { code: "21602", detail: "a message needs a body or media" }
        : o.body.length > MAX_BODY
        ? { code: "21617", detail: `the body is longer than ${MAX_BODY} characters` }
        : o.media.length > MAX_MEDIA
        ? { code: "21623", detail: `more than ${MAX_MEDIA} media` }
        : o.media.some((m) => m === undefined)
        ? { code: "21620", detail: "a media URL is not an http(s) URL" }
        : undefined

    /** `<Message>`: by default a reply (to the sender, from the number that received it). */
    const sendMessage = (where: Where, el: Xml.Element, base: string | undefined): Effect.Effect<Flow> =>
      Effect.gen(function*() {
        const nouns = Xml.elements(el.children)
        const nested = nouns.find((n) => n.name !== "Body" && n.name !== "Media")
        if (nested !== undefined) return yield* failed(where, "Message", `<${nested.name}> cannot be nested in <Message>`)
        // The text of the verb, then the `<Body>` nouns concatenated as written.
        const raw = (e: Xml.Element) => e.children.map((n) => (n._tag === "Text" ? n.text : "")).join("")
        const body = (raw(el).trim() + nouns.filter((n) => n.name === "Body").map(raw).join("")).trim()
        const media = nouns.filter((n) => n.name === "Media").map((n) => R.resolve(Xml.textOf(n), base))
        const to = el.attributes.to ?? message.from
        const from = el.attributes.from ?? message.to
        let callback: string | undefined
        if (el.attributes.statusCallback !== undefined) {
          const resolved = urlOf(where, "Message", el.attributes.statusCallback, base)
          if (Either.isLeft(resolved)) return yield* resolved.left
          callback = resolved.right
        }
        let action: string | undefined
        if (el.attributes.action !== undefined) {
          const resolved = urlOf(where, "Message", el.attributes.action, base)
          if (Either.isLeft(resolved)) return yield* resolved.left
          action = resolved.right
        }
        const refused = invalid({ to, from, body, media })
        const urls = media.filter((m): m is string => m !== undefined)
        const sent = refused === undefined
          ? env.send({
            from,
            to,
            body: body === "" ? undefined : body,
            media: urls,
            inReplyTo: message.messageId,
            onState: callback === undefined ? undefined : (m) => env.statusCallback(m.messageId, callback, "POST", statusParams(env.project, m))
          })
          : Either.left(refused.detail)
        yield* append(Transcript.SmsSent.make({
          at: now(),
          by: "cxml",
          from,
          to,
          body: body === "" ? undefined : body,
          media: urls,
          result: Either.isRight(sent) ? "success" : "failed",
          messageId: Either.isRight(sent) ? sent.right.messageId : undefined,
          reason: Either.isLeft(sent) ? sent.left : undefined
        }))
        if (action === undefined) return NEXT
        const status = refused !== undefined
          ? { MessageStatus: "invalid", ErrorCode: refused.code }
          : Either.isLeft(sent)
          ? { MessageStatus: "failed", ErrorCode: "21210" }
          : { MessageStatus: "sending" }
        return { _tag: "Fetch", url: action, method: methodOf(el.attributes.method), params: status, via: "action" } satisfies Flow
      })

    const verbs = (response: Xml.Element, base: string | undefined): Effect.Effect<Flow> =>
      Effect.gen(function*() {
        for (const [i, el] of Xml.elements(response.children).entries()) {
          const where: Where = { section: "Response", index: i, path: `Response[${i}]` }
          yield* append(Transcript.Verb.make({ at: now(), ...where, verb: el.name }))
          let flow: Flow
          switch (el.name) {
            case "Message":
              flow = yield* sendMessage(where, el, base)
              break
            case "Redirect": {
              const target = Xml.textOf(el)
              if (target === "") return yield* failed(where, "Redirect", "<Redirect> needs a URL")
              const url = urlOf(where, "Redirect", target, base)
              if (Either.isLeft(url)) return yield* url.left
              return { _tag: "Fetch", url: url.right, method: methodOf(el.attributes.method), params: {}, via: "redirect" } satisfies Flow
            }
            default:
              yield* append(Transcript.VerbUnsupported.make({ at: now(), ...where, verb: el.name }))
              return ERROR
          }
          if (flow._tag !== "Next") return flow
        }
        return NEXT
      })

    const documents = Effect.gen(function*() {
      const fallback = first._tag === "Url" ? first.fallback : undefined
      let source = first
      let extra: Readonly<Record<string, string>> = {}
      let via: Transcript.DocumentStarted["via"] = "binding"
      for (let n = 0; n < MAX_DOCUMENTS; n++) {
        const params = { ...standard, ...extra }
        const fetched = yield* R.loadOrFallback((s) => R.fetchDocument(io, s, params), source, fallback)
        if (fetched === undefined) return "error" as const
        yield* append(Transcript.DocumentStarted.make({ at: now(), source: fetched.shown, via: fetched.viaFallback ? "fallback" : via, format: "cxml" }))
        const flow = yield* verbs(fetched.loaded.response, fetched.loaded.url)
        if (flow._tag !== "Fetch") return flow._tag === "Next" ? "completed" as const : "error" as const
        source = { _tag: "Url", url: flow.url, method: flow.method }
        extra = flow.params
        via = flow.via
      }
      yield* append(Transcript.VerbFailed.make({ at: now(), section: "Response", index: -1, path: "Redirect", verb: "Redirect", detail: `more than ${MAX_DOCUMENTS} documents` }))
      return "error" as const
    })

    return documents.pipe(
      Effect.flatMap((result) => append(Transcript.MessageHandled.make({ at: now(), messageId: message.messageId, result }))),
      Effect.ensuring(Deferred.succeed(run.done, undefined))
    )
  }

  return {
    /** Runs the document `source` gives for an inbound message, in the background. */
    run: (message: SimMessage, source: CxmlSource): void => {
      env.runFork(execute(message, source, runOf(message.messageId)))
    },
    /** The message's transcript so far (empty when no run started from it). */
    transcript: (messageId: string) => Effect.sync(() => [...(runs.get(messageId)?.entries ?? [])]),
    /** Waits until the run the message started has ended (waits for the run to start too), then its transcript. */
    waitForTranscript: (messageId: string) =>
      Effect.suspend(() => {
        const run = runOf(messageId)
        return Effect.as(Deferred.await(run.done), run.entries).pipe(Effect.map((entries) => [...entries]))
      })
  }
}
