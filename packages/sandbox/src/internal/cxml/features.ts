/**
 * The cXML verbs that switch a call feature on or hand the call to something else:
 *
 * - `<Echo>` (timeout, 5–120 s, default 60): echoes until the time is up (or the call ends).
 * - `<Denoise>` (`on` / `off`): noise reduction through `calling.denoise` / `.stop`.
 * - `<Start><Stream>` / `<Stop><Stream>` and `<Connect><Stream>`: media streams (see `stream.ts`);
 *   `<Connect><Room>` joins the video room until the call leaves.
 * - `<Refer>` (`action`, `method`; a `<Sip>` noun): SIP REFER; the action gets `ReferCallStatus`,
 *   `ReferSipResponseCode`, `NotifySipResponseCode`.
 * - `<Pay>`: re-exported from `pay.ts` (steps collected from the caller, the payment connector).
 */
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import type { RelayFrame } from "@signalwire-effect/relay"
import * as Transcript from "../../Transcript.js"
import { type CxmlContext, ENDED, type Flow, NEXT, type Where } from "./context.js"
import * as Stream from "./stream.js"
import { failed, fetchNext, num, str } from "./verbs.js"
import * as Xml from "./xml.js"

type JsonObject = RelayFrame.JsonObject

/** The `<Start>` streams running on the call, by name (and by sid when unnamed). */
export type Streams = Map<string, Fiber.RuntimeFiber<void>>

const unsupported = (x: CxmlContext, where: Where, verb: string, noun: Xml.Element) =>
  Effect.as(x.append(Transcript.VerbUnsupported.make({ at: x.now(), ...where, path: `${where.path}.${noun.name}`, verb: `${verb}/${noun.name}` })), {
    _tag: "Stop",
    reason: "error",
    by: "error"
  } as Flow)

const onlyNoun = (x: CxmlContext, where: Where, el: Xml.Element, allowed: ReadonlySet<string>) =>
  Effect.gen(function*() {
    const nouns = Xml.elements(el.children)
    const other = nouns.find((n) => !allowed.has(n.name))
    if (other !== undefined) return Either.left(yield* unsupported(x, where, el.name, other))
    if (nouns.length !== 1) return Either.left(yield* failed(x, where, el.name, `<${el.name}> takes exactly one noun`))
    return Either.right(nouns[0]!)
  })

/** `<Echo>`: the caller hears themselves until `timeout` is up. */
export const echo = (x: CxmlContext, el: Xml.Element): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const timeout = Math.min(Math.max(num(el.attributes.timeout) ?? 60, 5), 120)
    yield* x.append(Transcript.Switched.make({ at: x.now(), feature: "echo", on: true }))
    const echoing = x.ops.run("calling.echo", { timeout }, "calling.call.echo", (p) => p.state === "finished", false)
    const outcome = yield* Effect.raceFirst(echoing, Effect.as(Effect.sleep(Duration.seconds(timeout)), Either.right({})))
    if (Either.isLeft(outcome) && outcome.left._tag === "Ended") return ENDED
    yield* x.append(Transcript.Switched.make({ at: x.now(), feature: "echo", on: false }))
    return NEXT
  })

/** `<Denoise>on</Denoise>` / `<Denoise>off</Denoise>`. */
export const denoise = (x: CxmlContext, where: Where, el: Xml.Element): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const text = Xml.textOf(el).toLowerCase() || "on"
    if (text !== "on" && text !== "off") return yield* failed(x, where, "Denoise", `<Denoise> is "on" or "off", not ${JSON.stringify(text)}`)
    const done = yield* x.ops.command(text === "on" ? "calling.denoise" : "calling.denoise.stop", {})
    if (Either.isLeft(done)) return done.left._tag === "Ended" ? ENDED : yield* failed(x, where, "Denoise", done.left.detail)
    yield* x.append(Transcript.Switched.make({ at: x.now(), feature: "denoise", on: text === "on" }))
    return NEXT
  })

/** `<Start><Stream>`: the stream runs beside the document. */
export const start = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined, streams: Streams): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const noun = yield* onlyNoun(x, where, el, new Set(["Stream"]))
    if (Either.isLeft(noun)) return noun.left
    const spec = Stream.specOf(noun.right, base, false)
    if (Either.isLeft(spec)) return yield* failed(x, where, "Start", `<Stream>: ${spec.left}`)
    if (spec.right.name !== undefined && streams.has(spec.right.name)) {
      return yield* failed(x, where, "Start", `a stream named ${JSON.stringify(spec.right.name)} is already running`)
    }
    // A child of the run: interrupted (stop sent) when the call's run ends. The document goes on
    // once the stream has started (or failed to), which keeps a simulation deterministic.
    const ready = yield* Deferred.make<void>()
    const fiber = yield* Effect.fork(Stream.run(x, spec.right, ready))
    yield* Deferred.await(ready)
    streams.set(spec.right.name ?? `#${streams.size}`, fiber)
    return NEXT
  })

/** `<Stop><Stream name="…"/>`: stops the named stream (or, unnamed, every stream started). */
export const stop = (x: CxmlContext, where: Where, el: Xml.Element, streams: Streams): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const noun = yield* onlyNoun(x, where, el, new Set(["Stream"]))
    if (Either.isLeft(noun)) return noun.left
    const name = noun.right.attributes.name
    const names = name === undefined ? [...streams.keys()] : streams.has(name) ? [name] : []
    if (names.length === 0) return yield* failed(x, where, "Stop", `no stream ${name === undefined ? "" : `named ${JSON.stringify(name)} `}is running`)
    for (const n of names) {
      yield* Fiber.interrupt(streams.get(n)!)
      streams.delete(n)
    }
    return NEXT
  })

/** `<Connect>` with `<Stream>` (bidirectional, until the server closes it) or `<Room>`. */
export const connect = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const noun = yield* onlyNoun(x, where, el, new Set(["Stream", "Room"]))
    if (Either.isLeft(noun)) return noun.left
    if (noun.right.name === "Room") {
      const room = Xml.textOf(noun.right)
      if (room === "") return yield* failed(x, where, "Connect", "<Room> needs a room name")
      const joined = yield* x.ops.command("calling.join_room", { name: room })
      if (Either.isLeft(joined)) return joined.left._tag === "Ended" ? ENDED : yield* failed(x, where, "Connect", joined.left.detail)
      yield* x.append(Transcript.Conferenced.make({ at: x.now(), name: room }))
      // In the room until the call leaves it.
      return yield* Effect.never
    }
    const spec = Stream.specOf(noun.right, base, true)
    if (Either.isLeft(spec)) return yield* failed(x, where, "Connect", `<Stream>: ${spec.left}`)
    yield* Stream.run(x, spec.right)
    return x.ops.state() === "ending" || x.ops.state() === "ended" ? ENDED : NEXT
  })

/** `<Refer><Sip>…</Sip></Refer>`. */
export const refer = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const noun = yield* onlyNoun(x, where, el, new Set(["Sip"]))
    if (Either.isLeft(noun)) return noun.left
    const to = Xml.textOf(noun.right)
    if (!/^sips?:/.test(to)) return yield* failed(x, where, "Refer", `<Sip> needs a SIP URI, not ${JSON.stringify(to)}`)
    const done = yield* x.ops.run("calling.refer", { device: { type: "sip", params: { to } } }, "calling.call.refer", (p) => p.state !== "in_progress", false)
    if (Either.isLeft(done) && done.left._tag === "Ended") return ENDED
    const event: JsonObject = Either.isRight(done) ? done.right : {}
    const referCode = str(event.sip_refer_response_code)
    const notifyCode = str(event.sip_notify_response_code)
    const status = event.state !== "success"
      ? "failed"
      : notifyCode === undefined || notifyCode === "200"
      ? "in-progress"
      : notifyCode === "486" || notifyCode === "600"
      ? "busy"
      : notifyCode === "487"
      ? "no-answer"
      : "failed"
    yield* x.append(Transcript.Referred.make({ at: x.now(), to, status, referCode, notifyCode }))
    if (el.attributes.action === undefined) return NEXT
    return yield* fetchNext(x, where, "Refer", el.attributes.action, base, el.attributes.method, {
      ReferCallStatus: status,
      ...(referCode === undefined ? {} : { ReferSipResponseCode: referCode }),
      ...(notifyCode === undefined ? {} : { NotifySipResponseCode: notifyCode })
    }, "action")
  })

/** `<Pay>` (its own module). */
export { pay } from "./pay.js"
