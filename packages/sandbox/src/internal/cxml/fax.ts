/**
 * cXML `<Receive>` (Fax cXML): the call receives a fax through `calling.receive_fax`, the sender's
 * side as the caller's `CallScript.fax` says (its pages, or an error). The fax is an inbound compat
 * fax (`receiving`, then `received` with its media served at `MediaUrl`, or `failed`); `mediaType`
 * (`application/pdf`, `image/tiff`) and `pageSize` (`letter`, `legal`, `a4`) shape that media. The
 * `action` (by `method`) gets the standard fax parameters (`AccountSid`, `ApiVersion`, `FaxSid`,
 * `From`, `To`) with `FaxStatus`, `NumPages`, `MediaUrl`, `RemoteStationId` or `ErrorMessage`;
 * with no `action` the document goes on. On a number in fax mode (`VoiceReceiveMode` `fax`) the
 * call is the fax from the start (see `index.ts`): `<Receive>` receives that fax.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { RelayFrame } from "@signalwire-effect/relay"
import * as Transcript from "../../Transcript.js"
import { MEDIA_TYPES, PAGE_SIZE_NAMES } from "../rest/faxMedia.js"
import { type CxmlContext, ENDED, type Flow, NEXT, type Where } from "./context.js"
import { API_VERSION } from "./request.js"
import { failed, fetchNext, str } from "./verbs.js"
import type * as Xml from "./xml.js"

type JsonObject = RelayFrame.JsonObject

export const receive = (x: CxmlContext, where: Where, el: Xml.Element, base: string | undefined): Effect.Effect<Flow> =>
  Effect.gen(function*() {
    const a = el.attributes
    const mediaType = a.mediaType ?? "application/pdf"
    const pageSize = (a.pageSize ?? "letter").toLowerCase()
    if (!MEDIA_TYPES.has(mediaType)) return yield* failed(x, where, "Receive", `mediaType is application/pdf or image/tiff, not ${JSON.stringify(mediaType)}`)
    if (!PAGE_SIZE_NAMES.has(pageSize)) return yield* failed(x, where, "Receive", `pageSize is letter, legal or a4, not ${JSON.stringify(a.pageSize)}`)
    const info = x.info()
    const sid = x.faxes.receiving({ callId: x.callId, from: info.from, to: info.to, mediaType, pageSize })
    const done = yield* x.ops.run("calling.receive_fax", {}, "calling.call.fax", (p) => p.state === "finished" || p.state === "error")
    if (Either.isLeft(done) && done.left._tag === "Ended") {
      x.faxes.received(sid, { error: "the call ended before the fax was received" })
      yield* x.append(Transcript.FaxReceived.make({ at: x.now(), faxSid: sid, status: "failed", pages: 0, detail: "the call ended before the fax was received" }))
      return ENDED
    }
    const event: JsonObject = Either.isRight(done) ? done.right : {}
    const outcome = ((event.fax as JsonObject | undefined)?.params ?? {}) as JsonObject
    const success = event.state === "finished" && outcome.success === true
    const pages = typeof outcome.pages === "number" ? outcome.pages : 0
    const error = success
      ? undefined
      : Either.isLeft(done) && done.left._tag === "Refused" ? done.left.detail : str(outcome.description) ?? "the fax was not received"
    const fax = x.faxes.received(sid, error === undefined ? { pages, remoteStationId: str(outcome.identity) } : { error }) ?? {}
    const status = str(fax.status) ?? "failed"
    const mediaUrl = str(fax.media_url)
    yield* x.append(Transcript.FaxReceived.make({ at: x.now(), faxSid: sid, status, pages, mediaUrl, detail: error }))
    if (a.action === undefined) return NEXT
    return yield* fetchNext(x, where, "Receive", a.action, base, a.method, {
      AccountSid: x.accountSid,
      ApiVersion: API_VERSION,
      FaxSid: sid,
      From: info.from,
      To: info.to,
      FaxStatus: status,
      NumPages: String(pages),
      ...(mediaUrl === undefined ? {} : { MediaUrl: mediaUrl }),
      ...(str(outcome.identity) === undefined || error !== undefined ? {} : { RemoteStationId: str(outcome.identity)! }),
      ...(error === undefined ? {} : { ErrorMessage: error })
    }, "action")
  })
