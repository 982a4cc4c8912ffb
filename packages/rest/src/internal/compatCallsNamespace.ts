/**
 * `rest.compat.calls`: the compat calls of the client's project (its `AccountSid`), with form
 * bodies and `next_page_uri` pagination.
 */
import type * as HttpApiClient from "@effect/platform/HttpApiClient"
import * as CompatCalls from "../CompatCalls.js"
import type { Api } from "../RestApi.js"
import * as RestSchema from "../RestSchema.js"
import type { Rest } from "./call.js"
import { type Groups, op } from "./op.js"
import { paginate } from "./paginate.js"

type Client = HttpApiClient.Client<Groups<Api>, unknown, never>

const id = RestSchema.IdPath.fields.id

export const make = (rest: Rest, client: Client, project: string): CompatCalls.CompatCallsApi => {
  const cc = client.compatCalls
  const AccountSid = project
  const list = (urlParams: typeof CompatCalls.ListParams.Type = {}) =>
    op(rest, "compat.calls.list", [[CompatCalls.ListParams, urlParams]], () => cc.list({ path: { AccountSid }, urlParams }))
  return {
    list,
    paginate: (params) => paginate(rest, "compat.calls.paginate", CompatCalls.Call, list(params), "calls"),
    create: (body) =>
      op(rest, "compat.calls.create", [[CompatCalls.Create, body]], () => cc.create({ path: { AccountSid }, payload: body })),
    get: (Sid) => op(rest, "compat.calls.get", [[id, Sid]], () => cc.get({ path: { AccountSid, Sid } })),
    update: (Sid, body) =>
      op(rest, "compat.calls.update", [[id, Sid], [CompatCalls.Update, body]], () =>
        cc.update({ path: { AccountSid, Sid }, payload: body })),
    delete: (Sid) => op(rest, "compat.calls.delete", [[id, Sid]], () => cc.delete({ path: { AccountSid, Sid } })),
    startRecording: (CallSid, body = {}) =>
      op(rest, "compat.calls.startRecording", [[id, CallSid], [CompatCalls.StartRecording, body]], () =>
        cc.startRecording({ path: { AccountSid, CallSid }, payload: body })),
    updateRecording: (CallSid, Sid, body) =>
      op(rest, "compat.calls.updateRecording", [[id, CallSid], [id, Sid], [CompatCalls.UpdateRecording, body]], () =>
        cc.updateRecording({ path: { AccountSid, CallSid, Sid }, payload: body })),
    startStream: (CallSid, body) =>
      op(rest, "compat.calls.startStream", [[id, CallSid], [CompatCalls.StartStream, body]], () =>
        cc.startStream({ path: { AccountSid, CallSid }, payload: body })),
    stopStream: (CallSid, Sid) =>
      op(rest, "compat.calls.stopStream", [[id, CallSid], [id, Sid]], () =>
        cc.stopStream({ path: { AccountSid, CallSid, Sid }, payload: { Status: "stopped" } }))
  }
}
