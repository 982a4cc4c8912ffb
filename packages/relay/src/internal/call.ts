/**
 * A call: the control verbs (answer, hang up, connect, transfer, conferences, rooms, queues, hold,
 * digits, live transcription and translation, AI side commands, any calling.* method) on top of
 * the action verbs of callMedia.ts.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as CallApi from "../Call.js"
import type * as Device from "../Device.js"
import { InvalidRequest, RpcError } from "../RelayError.js"
import type { JsonObject } from "../RelayFrame.js"
import { obj } from "./callShared.js"
import { CallMedia } from "./callMedia.js"
import * as params from "./params.js"

/** One call, as users see it (`Call.Call`). */
export class CallImpl extends CallMedia implements CallApi.Call {
  answer(options?: CallApi.AnswerOptions) {
    return this.simple("calling.answer", params.answer, options)
  }
  hangup(reason: CallApi.EndReason = "hangup") {
    return this.validated(params.check(params.EndReason, "calling.end", "reason")(reason), (r) =>
      Effect.tap(this.command("calling.end", { reason: r }), () => Effect.sync(() => void (this.hangupAccepted = true))))
  }
  get pass() {
    return this.command("calling.pass")
  }
  sendDigits(digits: string) {
    return this.validated(params.check(params.DtmfDigits, "calling.send_digits", "digits")(digits), (d) =>
      this.command("calling.send_digits", { control_id: globalThis.crypto.randomUUID(), digits: d }))
  }
  bindDigit(digits: string, bindMethod: string, options?: CallApi.BindDigitOptions) {
    const method = "calling.bind_digit"
    return this.validated(
      Either.flatMap(params.check(params.DtmfDigits, method, "digits")(digits), (d) =>
        Either.flatMap(params.check(params.BindMethod, method, "bindMethod")(bindMethod), (m) =>
          Either.map(params.bindDigit.toWire(method, options), (rest) => ({ digits: d, bind_method: m, ...rest })))),
      (wire) => this.command(method, wire)
    )
  }
  clearDigitBindings(realm?: string) {
    return this.command("calling.clear_digit_bindings", realm === undefined ? {} : { realm })
  }
  connect(devices: Device.ConnectPlan, options?: CallApi.ConnectOptions): Effect.Effect<CallApi.Connected, CallApi.ConnectError> {
    const method = "calling.connect"
    const wire = Either.flatMap(params.connectPlan(devices), (plan) =>
      Either.map(params.connect.toWire(method, options), (rest) => ({ devices: plan as unknown as JsonObject, ...rest })))
    if (Either.isLeft(wire)) return Effect.fail(wire.left)
    return Effect.suspend(() => {
      // Listen before sending: the bridge can be reported before the reply arrives.
      const waiter = this.addEventWaiter((event) =>
        event._tag === "CallConnect" && (event.params.connect_state === "connected" || event.params.connect_state === "failed")
      )
      return this.command(method, wire.right).pipe(
        Effect.zipRight(Deferred.await(waiter.deferred)),
        Effect.flatMap((event) =>
          event.params.connect_state === "failed"
            ? Effect.fail(new RpcError({ method, code: -1, message: "connect failed", data: event.params, callId: this.callId }))
            : Effect.succeed({ peer: (obj(event.params.peer) ?? {}) as JsonObject, event })
        ),
        Effect.ensuring(Effect.sync(() => this.removeEventWaiter(waiter)))
      )
    })
  }
  get disconnect() {
    return this.command("calling.disconnect")
  }
  transfer(dest: string) {
    return this.validated(params.leading("calling.transfer", "dest", "dest", params.TransferDest, dest), (wire) =>
      this.command("calling.transfer", wire))
  }
  refer(device: CallApi.ReferDevice, options?: CallApi.ReferOptions) {
    const method = "calling.refer"
    return this.validated(
      params.leading(method, "device", "device", params.ReferDevice, device, params.refer, options),
      (wire) => this.command(method, wire)
    )
  }
  liveTranscribe(action: CallApi.LiveTranscribeAction) {
    const method = "calling.live_transcribe"
    return this.validated(params.leading(method, "action", "action", params.LiveTranscribeAction, action), (wire) =>
      this.command(method, wire))
  }
  liveTranslate(action: CallApi.LiveTranslateAction, options?: CallApi.LiveTranslateOptions) {
    const method = "calling.live_translate"
    return this.validated(
      params.leading(method, "action", "action", params.LiveTranslateAction, action, params.liveTranslate, options),
      (wire) => this.command(method, wire)
    )
  }
  private named(method: string, what: string, key: string, value: string, codec?: params.Wire, options?: unknown) {
    return this.validated(params.leading(method, what, key, params.Name, value, codec, options), (wire) =>
      this.command(method, wire))
  }
  private queue(method: string, queueName: string, codec: params.Wire, options: unknown) {
    const controlId = params.controlIdOf(options) ?? globalThis.crypto.randomUUID()
    return this.validated(params.leading(method, "queueName", "queue_name", params.Name, queueName, codec, options), (wire) =>
      this.command(method, { control_id: controlId, ...wire }))
  }
  joinConference(name: string, options?: CallApi.JoinConferenceOptions) {
    return this.named("calling.join_conference", "name", "name", name, params.joinConference, options)
  }
  leaveConference(conferenceId: string) {
    return this.named("calling.leave_conference", "conferenceId", "conference_id", conferenceId)
  }
  joinRoom(name: string, options?: CallApi.JoinRoomOptions) {
    return this.named("calling.join_room", "name", "name", name, params.joinRoom, options)
  }
  get leaveRoom() {
    return this.command("calling.leave_room")
  }
  queueEnter(queueName: string, options?: CallApi.QueueEnterOptions) {
    return this.queue("calling.queue.enter", queueName, params.queueEnter, options)
  }
  queueLeave(queueName: string, options?: CallApi.QueueLeaveOptions) {
    return this.queue("calling.queue.leave", queueName, params.queueLeave, options)
  }
  get hold() {
    return this.command("calling.hold")
  }
  get unhold() {
    return this.command("calling.unhold")
  }
  get denoise() {
    return this.command("calling.denoise")
  }
  get denoiseStop() {
    return this.command("calling.denoise.stop")
  }
  echo(options?: CallApi.EchoOptions) {
    return this.simple("calling.echo", params.echo, options)
  }
  userEvent(event?: unknown) {
    return this.validated(params.check(params.UserEvent, "calling.user_event", "event")(event), (e) =>
      this.command("calling.user_event", e === undefined ? {} : { event: e as JsonObject }))
  }
  amazonBedrock(options?: CallApi.AmazonBedrockOptions) {
    return this.simple("calling.amazon_bedrock", params.amazonBedrock, options)
  }
  aiMessage(options?: CallApi.AIMessageOptions) {
    return this.simple("calling.ai_message", params.aiMessage, options)
  }
  aiHold(options?: CallApi.AIHoldOptions) {
    return this.simple("calling.ai_hold", params.aiHold, options)
  }
  aiUnhold(options?: CallApi.AIUnholdOptions) {
    return this.simple("calling.ai_unhold", params.aiUnhold, options)
  }
  execute(method: string, extra?: JsonObject) {
    return Effect.suspend(() =>
      method.startsWith("calling.")
        ? this.command(method, extra)
        : Effect.fail(new InvalidRequest({ method, reason: "call-scoped methods are calling.*" }))
    )
  }
}
