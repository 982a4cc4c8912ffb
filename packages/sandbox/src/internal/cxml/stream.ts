/**
 * cXML media streams: `<Start><Stream>` (runs beside the document until the call ends or a
 * `<Stop><Stream>` names it) and `<Connect><Stream>` (bidirectional; the document waits until the
 * server closes the socket or the call ends). The sandbox opens a WebSocket to the stream's URL
 * (with `Authorization: Bearer` when `authBearerToken` is given) and sends the platform's
 * messages: `connected` (protocol `Call`, version `0.2.0`), `start` (stream and call sids, tracks,
 * custom `<Parameter>`s, media format of the codec), one `media` message of silence per track,
 * and `stop` when the stream ends. On a bidirectional stream a `mark` the server sends is
 * acknowledged (the sandbox plays what it is sent at once), `media` and `clear` are accepted.
 * The stream's `statusCallback` gets `stream-started`, `stream-stopped` or `stream-error`.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { WebSocket } from "ws"
import * as Transcript from "../../Transcript.js"
import * as Sim from "../sim.js"
import type { CxmlContext } from "./context.js"
import * as R from "./request.js"
import * as Xml from "./xml.js"

const TRACKS: Readonly<Record<string, ReadonlyArray<string>>> = {
  inbound_track: ["inbound"],
  outbound_track: ["outbound"],
  both_tracks: ["inbound", "outbound"]
}

const FORMATS: Readonly<Record<string, { readonly encoding: string; readonly sampleRate: number; readonly frame: number; readonly silence: number }>> = {
  "PCMU@8000h": { encoding: "audio/x-mulaw", sampleRate: 8000, frame: 160, silence: 0xff },
  "L16@16000h": { encoding: "audio/x-L16", sampleRate: 16000, frame: 640, silence: 0 },
  "L16@24000h": { encoding: "audio/x-L16", sampleRate: 24000, frame: 960, silence: 0 }
}

/** What the application may send on a bidirectional stream. */
const Inbound = Schema.parseJson(Schema.Union(
  Schema.Struct({ event: Schema.Literal("media"), streamSid: Schema.optional(Schema.String), media: Schema.Struct({ payload: Schema.String }) }),
  Schema.Struct({ event: Schema.Literal("mark"), streamSid: Schema.optional(Schema.String), mark: Schema.Struct({ name: Schema.String }) }),
  Schema.Struct({ event: Schema.Literal("clear"), streamSid: Schema.optional(Schema.String) }),
  Schema.Struct({ event: Schema.Literal("dtmf"), streamSid: Schema.optional(Schema.String), dtmf: Schema.Struct({ digit: Schema.String }) })
))
const decodeInbound = Schema.decodeUnknownEither(Inbound)

export interface Spec {
  readonly url: string
  readonly name: string | undefined
  readonly track: string
  readonly codec: string
  readonly token: string | undefined
  readonly parameters: Readonly<Record<string, string>>
  readonly statusCallback: { readonly url: string; readonly method: "GET" | "POST" } | undefined
  readonly bidirectional: boolean
}

/** The stream of a `<Stream>` noun, or what is wrong with it (a `StreamError` value). */
export const specOf = (el: Xml.Element, base: string | undefined, bidirectional: boolean): Either.Either<Spec, string> => {
  const a = el.attributes
  if (a.url === undefined || a.url.trim() === "") return Either.left("missing_url")
  let url: URL
  try {
    url = new URL(a.url.trim(), base?.replace(/^http/, "ws"))
  } catch {
    return Either.left("invalid_url")
  }
  if (url.protocol !== "wss:" && url.protocol !== "ws:") return Either.left("invalid_url")
  const track = a.track ?? "inbound_track"
  if (TRACKS[track] === undefined || (bidirectional && track !== "inbound_track")) return Either.left("invalid_track")
  const codec = a.codec ?? "PCMU@8000h"
  if (FORMATS[codec] === undefined) return Either.left("codec_error")
  const callback = a.statusCallback === undefined ? undefined : R.resolve(a.statusCallback, base)
  const parameters: Record<string, string> = {}
  for (const p of Xml.elements(el.children)) {
    if (p.name === "Parameter" && p.attributes.name !== undefined) parameters[p.attributes.name] = p.attributes.value ?? ""
  }
  return Either.right({
    url: url.href,
    name: a.name,
    track,
    codec,
    token: a.authBearerToken,
    parameters,
    statusCallback: callback === undefined ? undefined : { url: callback, method: a.statusCallbackMethod?.toUpperCase() === "GET" ? "GET" : "POST" },
    bidirectional
  })
}

const connect = (spec: Spec) =>
  Effect.async<WebSocket, string>((resume) => {
    const socket = new WebSocket(spec.url, { headers: spec.token === undefined ? {} : { authorization: `Bearer ${spec.token}` } })
    const failed = (error: Error) => resume(Effect.fail(error.message))
    socket.once("open", () => {
      socket.off("error", failed)
      resume(Effect.succeed(socket))
    })
    socket.once("error", failed)
    return Effect.sync(() => socket.terminate())
  })

/**
 * Runs one stream: opens it, sends its first messages, then waits until the server closes it, or
 * until interrupted (the call ended, a `<Stop>` named it): then `stop` is sent and the socket closed.
 */
export const run = (x: CxmlContext, spec: Spec, ready?: Deferred.Deferred<void>): Effect.Effect<void> =>
  Effect.gen(function*() {
    const streamSid = Sim.uuid()
    const shown = { url: spec.url, streamSid, ...(spec.name === undefined ? {} : { name: spec.name }), bidirectional: spec.bidirectional }
    const callback = (event: "stream-started" | "stream-stopped" | "stream-error", error?: string) =>
      spec.statusCallback === undefined ? Effect.void : Effect.asVoid(R.send(x, "status_callback", spec.statusCallback.url, spec.statusCallback.method, {
        AccountSid: x.accountSid,
        CallSid: x.callId,
        StreamSid: streamSid,
        StreamName: spec.name ?? streamSid,
        StreamEvent: event,
        StreamTrack: spec.track,
        Timestamp: new Date(x.now()).toISOString(),
        ...(error === undefined ? {} : { StreamError: error })
      }))
    const opened = yield* Effect.either(connect(spec))
    if (Either.isLeft(opened)) {
      yield* x.append(Transcript.Streamed.make({ at: x.now(), ...shown, result: "failed", detail: `connection_refused: ${opened.left}` }))
      if (ready !== undefined) yield* Deferred.succeed(ready, undefined)
      return yield* callback("stream-error", "connection_refused")
    }
    const socket = opened.right
    let sequence = 0
    let received = 0
    const send = (message: Record<string, unknown>) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
    }
    const next = () => String(++sequence)
    // Listening from the start: a server may answer the first messages at once.
    const closed = yield* Deferred.make<void>()
    socket.on("message", (data: Buffer) => {
      received++
      const message = decodeInbound(data.toString("utf8"))
      if (Either.isRight(message) && message.right.event === "mark" && spec.bidirectional) {
        send({ event: "mark", streamSid, mark: { name: message.right.mark.name } })
      }
    })
    socket.once("close", () => Deferred.unsafeDone(closed, Effect.void))
    // A socket error is followed by its close; without a listener it would be thrown.
    socket.on("error", () => undefined)
    const format = FORMATS[spec.codec]!
    const begin = Effect.gen(function*() {
      send({ event: "connected", protocol: "Call", version: "0.2.0" })
      send({
        event: "start",
        sequenceNumber: next(),
        start: {
          streamSid,
          accountSid: x.accountSid,
          callSid: x.callId,
          tracks: TRACKS[spec.track],
          customParameters: spec.parameters,
          mediaFormat: { encoding: format.encoding, sampleRate: format.sampleRate, channels: 1 }
        }
      })
      const silence = Buffer.alloc(format.frame, format.silence).toString("base64")
      for (const track of TRACKS[spec.track]!) {
        send({ event: "media", sequenceNumber: next(), media: { track, chunk: "1", timestamp: "0", payload: silence } })
      }
      yield* x.append(Transcript.Streamed.make({ at: x.now(), ...shown, result: "started" }))
      yield* callback("stream-started")
      if (ready !== undefined) yield* Deferred.succeed(ready, undefined)
    })
    // Interrupted (the call ended, a <Stop> named it): `stop` is sent and the socket closed.
    const stop = Effect.suspend(() => {
      send({ event: "stop", sequenceNumber: next() })
      socket.close()
      return callback("stream-stopped")
    })
    yield* Effect.uninterruptible(begin)
    yield* Effect.onInterrupt(Deferred.await(closed), () => stop)
    yield* x.append(Transcript.Streamed.make({ at: x.now(), ...shown, result: "stopped", received }))
    yield* callback("stream-stopped")
  })
