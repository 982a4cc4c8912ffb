/**
 * The namespaces of the client: each method validates its request, calls the generated endpoint
 * and maps failures to `RestError`; every list has a paginated Stream beside it.
 */
import type * as HttpApiClient from "@effect/platform/HttpApiClient"
import type * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import * as Addresses from "../Addresses.js"
import * as Messaging from "../Messaging.js"
import * as PhoneNumbers from "../PhoneNumbers.js"
import * as Queues from "../Queues.js"
import * as Recordings from "../Recordings.js"
import type { Api } from "../RestApi.js"
import * as RestSchema from "../RestSchema.js"
import type { Rest } from "./call.js"
import { type Groups, listing as listOf, op as opOf } from "./op.js"
import { paginate } from "./paginate.js"

type Client = HttpApiClient.Client<Groups<Api>, unknown, never>

const id = RestSchema.IdPath.fields.id
const op = opOf

export const make = (rest: Rest, client: Client) => {
  const listing = <A, I, P>(
    operation: string,
    item: Schema.Schema<A, I>,
    params: Schema.Schema.Any,
    run: (params: P) => Effect.Effect<RestSchema.PageOf<A>, unknown>
  ) => listOf(rest, operation, item, params, run)

  const pn = client.phoneNumbers
  const update = (ident: string, body: PhoneNumbers.Update) =>
    op(rest, "phoneNumbers.update", [[id, ident], [PhoneNumbers.Update, body]], () =>
      pn.update({ path: { id: ident }, payload: body }))

  const phoneNumbers = {
    ...listing("phoneNumbers", PhoneNumbers.PhoneNumber, PhoneNumbers.ListParams, (urlParams: typeof PhoneNumbers.ListParams.Type) =>
      pn.list({ urlParams })),
    get: (ident: string) => op(rest, "phoneNumbers.get", [[id, ident]], () => pn.get({ path: { id: ident } })),
    update,
    release: (ident: string) => op(rest, "phoneNumbers.release", [[id, ident]], () => pn.release({ path: { id: ident } })),
    search: (urlParams: typeof PhoneNumbers.SearchParams.Type = {}) =>
      op(rest, "phoneNumbers.search", [[PhoneNumbers.SearchParams, urlParams]], () => pn.search({ urlParams })),
    purchase: (number: string) =>
      op(rest, "phoneNumbers.purchase", [[PhoneNumbers.Purchase, { number }]], () => pn.purchase({ payload: { number } })),
    setRelayContext: (ident: string, context: string, extra: PhoneNumbers.Update = {}) =>
      update(ident, { ...extra, call_handler: "relay_context", call_relay_context: context }),
    setSwmlWebhook: (ident: string, url: string, extra: PhoneNumbers.Update = {}) =>
      update(ident, { ...extra, call_handler: "relay_script", call_relay_script_url: url }),
    setAiAgent: (ident: string, agentId: string, extra: PhoneNumbers.Update = {}) =>
      update(ident, { ...extra, call_handler: "ai_agent", call_ai_agent_id: agentId }),
    setCxmlWebhook: (
      ident: string,
      o: { readonly url: string; readonly fallbackUrl?: string; readonly statusCallbackUrl?: string }
    ) =>
      update(ident, {
        call_handler: "laml_webhooks",
        call_request_url: o.url,
        ...(o.fallbackUrl === undefined ? {} : { call_fallback_url: o.fallbackUrl }),
        ...(o.statusCallbackUrl === undefined ? {} : { call_status_callback_url: o.statusCallbackUrl })
      }),
    setCxmlApplication: (ident: string, applicationId: string) =>
      update(ident, { call_handler: "laml_application", call_laml_application_id: applicationId }),
    setRelayApplication: (ident: string, name: string) =>
      update(ident, { call_handler: "relay_application", call_relay_application: name }),
    setRelayTopic: (ident: string, o: { readonly topic: string; readonly statusCallbackUrl?: string }) =>
      update(ident, {
        call_handler: "relay_topic",
        call_relay_topic: o.topic,
        ...(o.statusCallbackUrl === undefined ? {} : { call_relay_topic_status_callback_url: o.statusCallbackUrl })
      }),
    setCallFlow: (ident: string, o: { readonly flowId: string; readonly version?: string }) =>
      update(ident, {
        call_handler: "call_flow",
        call_flow_id: o.flowId,
        ...(o.version === undefined ? {} : { call_flow_version: o.version })
      }),
    assignE911Address: (ident: string, addressId: string) =>
      op(rest, "phoneNumbers.assignE911Address", [[id, ident], [id, addressId]], () =>
        pn.assignE911Address({ path: { id: ident }, payload: { e911_address_id: addressId } })),
    removeE911Address: (ident: string) =>
      op(rest, "phoneNumbers.removeE911Address", [[id, ident]], () => pn.removeE911Address({ path: { id: ident } }))
  }

  const importedNumbers = {
    create: (body: typeof PhoneNumbers.Import.Type) =>
      op(rest, "importedNumbers.create", [[PhoneNumbers.Import, body]], () =>
        client.importedNumbers.create({ payload: body }))
  }

  const messages = {
    send: (body: typeof Messaging.Send.Type) =>
      op(rest, "messages.send", [[Messaging.Send, body]], () => client.messages.send({ payload: body })),
    redact: (messageId: string) =>
      op(rest, "messages.redact", [[id, messageId]], () =>
        client.messages.redact({ path: { message_id: messageId }, payload: { body: "" } }))
  }

  const lg = client.logs
  type LogParams = typeof RestSchema.LogParams.Type
  const logs = {
    messages: {
      ...listing("logs.messages", Messaging.MessageLog, RestSchema.LogParams, (urlParams: LogParams) => lg.listMessages({ urlParams })),
      get: (ident: string) => op(rest, "logs.messages.get", [[id, ident]], () => lg.getMessage({ path: { id: ident } }))
    },
    voice: {
      ...listing("logs.voice", Messaging.LogEntry, RestSchema.LogParams, (urlParams: LogParams) => lg.listVoice({ urlParams })),
      get: (ident: string) => op(rest, "logs.voice.get", [[id, ident]], () => lg.getVoice({ path: { id: ident } })),
      listEvents: (ident: string) =>
        op(rest, "logs.voice.listEvents", [[id, ident]], () => lg.listVoiceEvents({ path: { id: ident } }))
    },
    fax: {
      ...listing("logs.fax", Messaging.LogEntry, RestSchema.LogParams, (urlParams: LogParams) => lg.listFax({ urlParams })),
      get: (ident: string) => op(rest, "logs.fax.get", [[id, ident]], () => lg.getFax({ path: { id: ident } }))
    },
    conferences: listing(
      "logs.conferences",
      Messaging.LogEntry,
      RestSchema.LogParams,
      (urlParams: LogParams) => lg.listConferences({ urlParams })
    )
  }

  const ad = client.addresses
  const addresses = {
    ...listing("addresses", Addresses.Address, Addresses.ListParams, (urlParams: typeof Addresses.ListParams.Type) =>
      ad.list({ urlParams })),
    create: (body: typeof Addresses.Create.Type) =>
      op(rest, "addresses.create", [[Addresses.Create, body]], () => ad.create({ payload: body })),
    get: (ident: string) => op(rest, "addresses.get", [[id, ident]], () => ad.get({ path: { id: ident } })),
    update: (ident: string, body: typeof Addresses.Create.Type) =>
      op(rest, "addresses.update", [[id, ident], [Addresses.Create, body]], () => ad.update({ path: { id: ident }, payload: body })),
    delete: (ident: string) => op(rest, "addresses.delete", [[id, ident]], () => ad.delete({ path: { id: ident } }))
  }

  const qu = client.queues
  type PageParams = typeof RestSchema.PageParams.Type
  const queues = {
    ...listing("queues", Queues.Queue, RestSchema.PageParams, (urlParams: PageParams) => qu.list({ urlParams })),
    create: (body: typeof Queues.Body.Type) => op(rest, "queues.create", [[Queues.Body, body]], () => qu.create({ payload: body })),
    get: (ident: string) => op(rest, "queues.get", [[id, ident]], () => qu.get({ path: { id: ident } })),
    update: (ident: string, body: typeof Queues.Body.Type) =>
      op(rest, "queues.update", [[id, ident], [Queues.Body, body]], () => qu.update({ path: { id: ident }, payload: body })),
    delete: (ident: string) => op(rest, "queues.delete", [[id, ident]], () => qu.delete({ path: { id: ident } })),
    listMembers: (queueId: string, urlParams: PageParams = {}) =>
      op(rest, "queues.listMembers", [[id, queueId], [RestSchema.PageParams, urlParams]], () =>
        qu.listMembers({ path: { queue_id: queueId }, urlParams })),
    paginateMembers: (queueId: string, urlParams: PageParams = {}) =>
      paginate(rest, "queues.paginateMembers", Queues.Member, queues.listMembers(queueId, urlParams)),
    getNextMember: (queueId: string) =>
      op(rest, "queues.getNextMember", [[id, queueId]], () => qu.getNextMember({ path: { queue_id: queueId } })),
    getMember: (queueId: string, memberId: string) =>
      op(rest, "queues.getMember", [[id, queueId], [id, memberId]], () =>
        qu.getMember({ path: { queue_id: queueId, id: memberId } }))
  }

  const re = client.recordings
  const recordings = {
    ...listing("recordings", Recordings.Recording, RestSchema.PageParams, (urlParams: PageParams) => re.list({ urlParams })),
    get: (ident: string) => op(rest, "recordings.get", [[id, ident]], () => re.get({ path: { id: ident } })),
    delete: (ident: string) => op(rest, "recordings.delete", [[id, ident]], () => re.delete({ path: { id: ident } }))
  }

  return { phoneNumbers, importedNumbers, messages, logs, addresses, queues, recordings }
}
