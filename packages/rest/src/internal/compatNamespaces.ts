/**
 * `rest.compat`: each method validates its request (nothing is sent if it is wrong), calls the
 * generated endpoint with the project's `AccountSid`, and maps failures to `RestError`; every
 * top-level list has a `paginate` Stream following `next_page_uri`.
 */
import type * as HttpApiClient from "@effect/platform/HttpApiClient"
import * as Schema from "effect/Schema"
import * as CompatAccounts from "../CompatAccounts.js"
import * as CompatApplications from "../CompatApplications.js"
import * as CompatConferences from "../CompatConferences.js"
import * as CompatFaxes from "../CompatFaxes.js"
import * as CompatMessages from "../CompatMessages.js"
import type { CompatApi } from "../CompatNamespaces.js"
import * as CompatPhoneNumbers from "../CompatPhoneNumbers.js"
import * as CompatQueues from "../CompatQueues.js"
import * as CompatRecordings from "../CompatRecordings.js"
import type { Api } from "../RestApi.js"
import type { Rest } from "./call.js"
import { listing, PageParams, Sid } from "./compatShared.js"
import { type Groups, op } from "./op.js"

type Client = HttpApiClient.Client<Groups<Api>, unknown, never>
type PageQuery = typeof PageParams.Type

const Country = Schema.String.pipe(Schema.pattern(/^[A-Za-z]{2}$/, { message: () => "an ISO 3166 alpha-2 country code" }))

export const make = (rest: Rest, client: Client, accountSid: string): CompatApi => {
  const AccountSid = accountSid
  const account = { AccountSid }
  const at = (Sid: string) => ({ AccountSid, Sid })

  const ac = client.compatAccounts
  const accounts: CompatApi["accounts"] = {
    ...listing(rest, "compat.accounts", "accounts", CompatAccounts.Account, CompatAccounts.ListParams, (urlParams: typeof CompatAccounts.ListParams.Type) =>
      ac.list({ urlParams })),
    create: (body) => op(rest, "compat.accounts.create", [[CompatAccounts.Body, body]], () => ac.create({ payload: body })),
    get: (sid) => op(rest, "compat.accounts.get", [[Sid, sid]], () => ac.get({ path: { Sid: sid } })),
    update: (sid, body) =>
      op(rest, "compat.accounts.update", [[Sid, sid], [CompatAccounts.Body, body]], () => ac.update({ path: { Sid: sid }, payload: body }))
  }

  const ms = client.compatMessages
  const messages: CompatApi["messages"] = {
    ...listing(rest, "compat.messages", "messages", CompatMessages.Message, CompatMessages.ListParams, (urlParams: typeof CompatMessages.ListParams.Type) =>
      ms.list({ path: account, urlParams })),
    create: (body) => op(rest, "compat.messages.create", [[CompatMessages.Create, body]], () => ms.create({ path: account, payload: body })),
    get: (sid) => op(rest, "compat.messages.get", [[Sid, sid]], () => ms.get({ path: at(sid) })),
    update: (sid, body) =>
      op(rest, "compat.messages.update", [[Sid, sid], [CompatMessages.Update, body]], () => ms.update({ path: at(sid), payload: body })),
    delete: (sid) => op(rest, "compat.messages.delete", [[Sid, sid]], () => ms.delete({ path: at(sid) })),
    listMedia: (messageSid, urlParams = {}) =>
      op(rest, "compat.messages.listMedia", [[Sid, messageSid], [CompatMessages.MediaListParams, urlParams]], () =>
        ms.listMedia({ path: { AccountSid, MessageSid: messageSid }, urlParams })),
    getMedia: (messageSid, mediaSid) =>
      op(rest, "compat.messages.getMedia", [[Sid, messageSid], [Sid, mediaSid]], () =>
        ms.getMedia({ path: { AccountSid, MessageSid: messageSid, Sid: mediaSid } })),
    deleteMedia: (messageSid, mediaSid) =>
      op(rest, "compat.messages.deleteMedia", [[Sid, messageSid], [Sid, mediaSid]], () =>
        ms.deleteMedia({ path: { AccountSid, MessageSid: messageSid, Sid: mediaSid } }))
  }

  const fx = client.compatFaxes
  const faxes: CompatApi["faxes"] = {
    ...listing(rest, "compat.faxes", "faxes", CompatFaxes.Fax, CompatFaxes.ListParams, (urlParams: typeof CompatFaxes.ListParams.Type) =>
      fx.list({ path: account, urlParams })),
    create: (body) => op(rest, "compat.faxes.create", [[CompatFaxes.Create, body]], () => fx.create({ path: account, payload: body })),
    get: (sid) => op(rest, "compat.faxes.get", [[Sid, sid]], () => fx.get({ path: at(sid) })),
    update: (sid, body) =>
      op(rest, "compat.faxes.update", [[Sid, sid], [CompatFaxes.Update, body]], () => fx.update({ path: at(sid), payload: body })),
    delete: (sid) => op(rest, "compat.faxes.delete", [[Sid, sid]], () => fx.delete({ path: at(sid) })),
    listMedia: (faxSid, urlParams = {}) =>
      op(rest, "compat.faxes.listMedia", [[Sid, faxSid], [PageParams, urlParams]], () =>
        fx.listMedia({ path: { AccountSid, FaxSid: faxSid }, urlParams })),
    getMedia: (faxSid, mediaSid) =>
      op(rest, "compat.faxes.getMedia", [[Sid, faxSid], [Sid, mediaSid]], () =>
        fx.getMedia({ path: { AccountSid, FaxSid: faxSid, Sid: mediaSid } })),
    deleteMedia: (faxSid, mediaSid) =>
      op(rest, "compat.faxes.deleteMedia", [[Sid, faxSid], [Sid, mediaSid]], () =>
        fx.deleteMedia({ path: { AccountSid, FaxSid: faxSid, Sid: mediaSid } }))
  }

  const cf = client.compatConferences
  const conf = (ConferenceSid: string) => ({ AccountSid, ConferenceSid })
  const conferences: CompatApi["conferences"] = {
    ...listing(
      rest,
      "compat.conferences",
      "conferences",
      CompatConferences.Conference,
      CompatConferences.ListParams,
      (urlParams: typeof CompatConferences.ListParams.Type) => cf.list({ path: account, urlParams })
    ),
    get: (sid) => op(rest, "compat.conferences.get", [[Sid, sid]], () => cf.get({ path: at(sid) })),
    update: (sid, body) =>
      op(rest, "compat.conferences.update", [[Sid, sid], [CompatConferences.Update, body]], () =>
        cf.update({ path: at(sid), payload: body })),
    listParticipants: (sid, urlParams = {}) =>
      op(rest, "compat.conferences.listParticipants", [[Sid, sid], [CompatConferences.ParticipantListParams, urlParams]], () =>
        cf.listParticipants({ path: conf(sid), urlParams })),
    getParticipant: (sid, callSid) =>
      op(rest, "compat.conferences.getParticipant", [[Sid, sid], [Sid, callSid]], () =>
        cf.getParticipant({ path: { ...conf(sid), CallSid: callSid } })),
    updateParticipant: (sid, callSid, body) =>
      op(rest, "compat.conferences.updateParticipant", [[Sid, sid], [Sid, callSid], [CompatConferences.UpdateParticipant, body]], () =>
        cf.updateParticipant({ path: { ...conf(sid), CallSid: callSid }, payload: body })),
    removeParticipant: (sid, callSid) =>
      op(rest, "compat.conferences.removeParticipant", [[Sid, sid], [Sid, callSid]], () =>
        cf.removeParticipant({ path: { ...conf(sid), CallSid: callSid } })),
    listRecordings: (sid, urlParams: PageQuery = {}) =>
      op(rest, "compat.conferences.listRecordings", [[Sid, sid], [PageParams, urlParams]], () =>
        cf.listRecordings({ path: conf(sid), urlParams })),
    getRecording: (sid, recordingSid) =>
      op(rest, "compat.conferences.getRecording", [[Sid, sid], [Sid, recordingSid]], () =>
        cf.getRecording({ path: { ...conf(sid), Sid: recordingSid } })),
    updateRecording: (sid, recordingSid, body) =>
      op(rest, "compat.conferences.updateRecording", [[Sid, sid], [Sid, recordingSid], [CompatConferences.UpdateRecording, body]], () =>
        cf.updateRecording({ path: { ...conf(sid), Sid: recordingSid }, payload: body })),
    deleteRecording: (sid, recordingSid) =>
      op(rest, "compat.conferences.deleteRecording", [[Sid, sid], [Sid, recordingSid]], () =>
        cf.deleteRecording({ path: { ...conf(sid), Sid: recordingSid } })),
    startStream: (sid, body) =>
      op(rest, "compat.conferences.startStream", [[Sid, sid], [CompatConferences.StartStream, body]], () =>
        cf.startStream({ path: conf(sid), payload: body })),
    stopStream: (sid, streamSid) =>
      op(rest, "compat.conferences.stopStream", [[Sid, sid], [Sid, streamSid]], () =>
        cf.stopStream({ path: { ...conf(sid), Sid: streamSid }, payload: { Status: "stopped" } }))
  }

  const pn = client.compatPhoneNumbers
  const country = (IsoCountry: string) => ({ AccountSid, IsoCountry })
  const phoneNumbers: CompatApi["phoneNumbers"] = {
    ...listing(
      rest,
      "compat.phoneNumbers",
      "incoming_phone_numbers",
      CompatPhoneNumbers.IncomingPhoneNumber,
      CompatPhoneNumbers.ListParams,
      (urlParams: typeof CompatPhoneNumbers.ListParams.Type) => pn.list({ path: account, urlParams })
    ),
    purchase: (body) =>
      op(rest, "compat.phoneNumbers.purchase", [[CompatPhoneNumbers.Purchase, body]], () => pn.purchase({ path: account, payload: body })),
    get: (sid) => op(rest, "compat.phoneNumbers.get", [[Sid, sid]], () => pn.get({ path: at(sid) })),
    update: (sid, body) =>
      op(rest, "compat.phoneNumbers.update", [[Sid, sid], [CompatPhoneNumbers.Update, body]], () =>
        pn.update({ path: at(sid), payload: body })),
    delete: (sid) => op(rest, "compat.phoneNumbers.delete", [[Sid, sid]], () => pn.delete({ path: at(sid) })),
    importNumber: (body) =>
      op(rest, "compat.phoneNumbers.importNumber", [[CompatPhoneNumbers.Import, body]], () =>
        pn.importNumber({ path: account, payload: body })),
    listAvailableCountries: () => op(rest, "compat.phoneNumbers.listAvailableCountries", [], () => pn.listAvailableCountries({ path: account })),
    getAvailableCountry: (iso) =>
      op(rest, "compat.phoneNumbers.getAvailableCountry", [[Country, iso]], () => pn.getAvailableCountry({ path: country(iso) })),
    searchLocal: (iso, urlParams = {}) =>
      op(rest, "compat.phoneNumbers.searchLocal", [[Country, iso], [CompatPhoneNumbers.SearchParams, urlParams]], () =>
        pn.searchLocal({ path: country(iso), urlParams })),
    searchTollFree: (iso, urlParams = {}) =>
      op(rest, "compat.phoneNumbers.searchTollFree", [[Country, iso], [CompatPhoneNumbers.SearchParams, urlParams]], () =>
        pn.searchTollFree({ path: country(iso), urlParams }))
  }

  const ap = client.compatApplications
  const applications: CompatApi["applications"] = {
    ...listing(
      rest,
      "compat.applications",
      "applications",
      CompatApplications.Application,
      CompatApplications.ListParams,
      (urlParams: typeof CompatApplications.ListParams.Type) => ap.list({ path: account, urlParams })
    ),
    create: (body) =>
      op(rest, "compat.applications.create", [[CompatApplications.Body, body]], () => ap.create({ path: account, payload: body })),
    get: (sid) => op(rest, "compat.applications.get", [[Sid, sid]], () => ap.get({ path: at(sid) })),
    update: (sid, body) =>
      op(rest, "compat.applications.update", [[Sid, sid], [CompatApplications.Body, body]], () =>
        ap.update({ path: at(sid), payload: body })),
    delete: (sid) => op(rest, "compat.applications.delete", [[Sid, sid]], () => ap.delete({ path: at(sid) }))
  }

  const lb = client.compatLamlBins
  const lamlBins: CompatApi["lamlBins"] = {
    ...listing(
      rest,
      "compat.lamlBins",
      "laml_bins",
      CompatApplications.LamlBin,
      CompatApplications.LamlBinListParams,
      (urlParams: typeof CompatApplications.LamlBinListParams.Type) => lb.list({ path: account, urlParams })
    ),
    create: (body) =>
      op(rest, "compat.lamlBins.create", [[CompatApplications.LamlBinBody, body]], () => lb.create({ path: account, payload: body })),
    get: (sid) => op(rest, "compat.lamlBins.get", [[Sid, sid]], () => lb.get({ path: at(sid) })),
    update: (sid, body) =>
      op(rest, "compat.lamlBins.update", [[Sid, sid], [CompatApplications.LamlBinBody, body]], () =>
        lb.update({ path: at(sid), payload: body })),
    delete: (sid) => op(rest, "compat.lamlBins.delete", [[Sid, sid]], () => lb.delete({ path: at(sid) }))
  }

  const qu = client.compatQueues
  const member = (QueueSid: string, CallSid: string) => ({ AccountSid, QueueSid, CallSid })
  const queues: CompatApi["queues"] = {
    ...listing(rest, "compat.queues", "queues", CompatQueues.Queue, PageParams, (urlParams: PageQuery) => qu.list({ path: account, urlParams })),
    create: (body) => op(rest, "compat.queues.create", [[CompatQueues.Body, body]], () => qu.create({ path: account, payload: body })),
    get: (sid) => op(rest, "compat.queues.get", [[Sid, sid]], () => qu.get({ path: at(sid) })),
    update: (sid, body) =>
      op(rest, "compat.queues.update", [[Sid, sid], [CompatQueues.Body, body]], () => qu.update({ path: at(sid), payload: body })),
    delete: (sid) => op(rest, "compat.queues.delete", [[Sid, sid]], () => qu.delete({ path: at(sid) })),
    listMembers: (queueSid, urlParams = {}) =>
      op(rest, "compat.queues.listMembers", [[Sid, queueSid], [PageParams, urlParams]], () =>
        qu.listMembers({ path: { AccountSid, QueueSid: queueSid }, urlParams })),
    getMember: (queueSid, callSid) =>
      op(rest, "compat.queues.getMember", [[Sid, queueSid], [Sid, callSid]], () => qu.getMember({ path: member(queueSid, callSid) })),
    dequeueMember: (queueSid, callSid, body) =>
      op(rest, "compat.queues.dequeueMember", [[Sid, queueSid], [Sid, callSid], [CompatQueues.Dequeue, body]], () =>
        qu.dequeueMember({ path: member(queueSid, callSid), payload: body }))
  }

  const re = client.compatRecordings
  const recordings: CompatApi["recordings"] = {
    ...listing(
      rest,
      "compat.recordings",
      "recordings",
      CompatRecordings.Recording,
      CompatRecordings.ListParams,
      (urlParams: typeof CompatRecordings.ListParams.Type) => re.list({ path: account, urlParams })
    ),
    get: (sid) => op(rest, "compat.recordings.get", [[Sid, sid]], () => re.get({ path: at(sid) })),
    delete: (sid) => op(rest, "compat.recordings.delete", [[Sid, sid]], () => re.delete({ path: at(sid) }))
  }

  const tr = client.compatTranscriptions
  const transcriptions: CompatApi["transcriptions"] = {
    ...listing(
      rest,
      "compat.transcriptions",
      "transcriptions",
      CompatRecordings.Transcription,
      CompatRecordings.TranscriptionListParams,
      (urlParams: typeof CompatRecordings.TranscriptionListParams.Type) => tr.list({ path: account, urlParams })
    ),
    get: (sid) => op(rest, "compat.transcriptions.get", [[Sid, sid]], () => tr.get({ path: at(sid) })),
    delete: (sid) => op(rest, "compat.transcriptions.delete", [[Sid, sid]], () => tr.delete({ path: at(sid) }))
  }

  const tk = client.compatTokens
  const tokens: CompatApi["tokens"] = {
    create: (body) => op(rest, "compat.tokens.create", [[CompatAccounts.CreateToken, body]], () => tk.create({ path: account, payload: body })),
    update: (tokenId, body) =>
      op(rest, "compat.tokens.update", [[Sid, tokenId], [CompatAccounts.UpdateToken, body]], () =>
        tk.update({ path: { AccountSid, token_id: tokenId }, payload: body })),
    delete: (tokenId) =>
      op(rest, "compat.tokens.delete", [[Sid, tokenId]], () => tk.delete({ path: { AccountSid, token_id: tokenId } }))
  }

  return { accounts, messages, faxes, conferences, phoneNumbers, applications, lamlBins, queues, recordings, transcriptions, tokens }
}
