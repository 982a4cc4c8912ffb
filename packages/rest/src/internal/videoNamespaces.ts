/**
 * `rest.video`, `rest.datasphere`, `rest.projects`, `rest.domainApplications` and
 * `rest.sipEndpoints` over their generated groups.
 */
import type * as HttpApiClient from "@effect/platform/HttpApiClient"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Datasphere from "../Datasphere.js"
import * as Projects from "../Projects.js"
import type { Api } from "../RestApi.js"
import * as RestSchema from "../RestSchema.js"
import * as SipRouting from "../SipRouting.js"
import * as Video from "../Video.js"
import type * as VideoNamespaces from "../VideoNamespaces.js"
import * as VideoSessions from "../VideoSessions.js"
import type { Rest } from "./call.js"
import { type Groups, listing, op } from "./op.js"
import { paginate } from "./paginate.js"

type Client = HttpApiClient.Client<Groups<Api>, unknown, never>
type PageParams = typeof RestSchema.PageParams.Type
type Run<R, A> = (request: R) => Effect.Effect<A, unknown>
type IdRequest = { readonly path: { readonly id: string } }

const id = RestSchema.IdPath.fields.id
const Params = RestSchema.PageParams

/** `listX(id)` and `paginateX(id)` over a sub-list endpoint. */
const subList = <A, I>(
  rest: Rest,
  operation: string,
  item: Schema.Schema<A, I>,
  run: Run<IdRequest & { readonly urlParams: PageParams }, RestSchema.PageOf<NoInfer<A>>>
): VideoNamespaces.SubList<A> => {
  const list = (ident: string, urlParams: PageParams = {}) =>
    op(rest, operation, [[id, ident], [Params, urlParams]], () => run({ path: { id: ident }, urlParams }))
  return { list, paginate: (ident, urlParams = {}) => paginate(rest, operation, item, list(ident, urlParams)) }
}

interface CrudEndpoints<A, C, U> {
  readonly list: Run<{ readonly urlParams: PageParams }, RestSchema.PageOf<A>>
  readonly create: Run<{ readonly payload: C }, A>
  readonly get: Run<IdRequest, A>
  readonly update: Run<IdRequest & { readonly payload: U }, A>
  readonly delete: Run<IdRequest, void>
}

const crud = <A, I, C, CI, U, UI>(
  rest: Rest,
  name: string,
  item: Schema.Schema<A, I>,
  create: Schema.Schema<C, CI>,
  update: Schema.Schema<U, UI>,
  group: CrudEndpoints<NoInfer<A>, NoInfer<C>, NoInfer<U>>
): VideoNamespaces.CrudApi<A, C, U> => ({
  ...listing(rest, name, item, Params, (urlParams: PageParams) => group.list({ urlParams })),
  create: (body) => op(rest, `${name}.create`, [[create, body]], () => group.create({ payload: body })),
  get: (ident) => op(rest, `${name}.get`, [[id, ident]], () => group.get({ path: { id: ident } })),
  update: (ident, body) => op(rest, `${name}.update`, [[id, ident], [update, body]], () => group.update({ path: { id: ident }, payload: body })),
  delete: (ident) => op(rest, `${name}.delete`, [[id, ident]], () => group.delete({ path: { id: ident } }))
})

export const make = (rest: Rest, client: Client) => {
  const get = <A>(operation: string, run: Run<IdRequest, A>) => (ident: string) =>
    op(rest, operation, [[id, ident]], () => run({ path: { id: ident } }))

  const rm = client["video.rooms"]
  const roomStreams = subList(rest, "video.rooms.listStreams", Video.Stream, rm.listStreams)
  const cf = client["video.conferences"]
  const conferenceStreams = subList(rest, "video.conferences.listStreams", Video.Stream, cf.listStreams)
  const conferenceTokens = subList(rest, "video.conferences.listConferenceTokens", Video.ConferenceToken, cf.listConferenceTokens)
  const rs = client["video.roomSessions"]
  const sessionEvents = subList(rest, "video.roomSessions.listEvents", VideoSessions.Event, rs.listEvents)
  const sessionMembers = subList(rest, "video.roomSessions.listMembers", VideoSessions.Member, rs.listMembers)
  const sessionRecordings = subList(rest, "video.roomSessions.listRecordings", VideoSessions.Recording, rs.listRecordings)
  const rr = client["video.roomRecordings"]
  const recordingEvents = subList(rest, "video.roomRecordings.listEvents", VideoSessions.Event, rr.listEvents)
  const st = client["video.streams"]
  const ct = client["video.conferenceTokens"]
  const lg = client["video.logs"]

  const video: VideoNamespaces.VideoApi = {
    rooms: {
      ...crud(rest, "video.rooms", Video.Room, Video.CreateRoom, Video.UpdateRoom, rm),
      ...listing(rest, "video.rooms", Video.Room, Video.RoomListParams, (urlParams: typeof Video.RoomListParams.Type) => rm.list({ urlParams })),
      listStreams: roomStreams.list,
      paginateStreams: roomStreams.paginate,
      createStream: (ident, body) =>
        op(rest, "video.rooms.createStream", [[id, ident], [Video.StreamBody, body]], () => rm.createStream({ path: { id: ident }, payload: body }))
    },
    roomTokens: {
      create: (body) =>
        op(rest, "video.roomTokens.create", [[Video.RoomTokenRequest, body]], () => client["video.roomTokens"].create({ payload: body }))
    },
    roomSessions: {
      ...listing(rest, "video.roomSessions", VideoSessions.RoomSession, VideoSessions.SessionListParams, (
        urlParams: typeof VideoSessions.SessionListParams.Type
      ) => rs.list({ urlParams })),
      get: get("video.roomSessions.get", rs.get),
      listEvents: sessionEvents.list,
      paginateEvents: sessionEvents.paginate,
      listMembers: sessionMembers.list,
      paginateMembers: sessionMembers.paginate,
      listRecordings: sessionRecordings.list,
      paginateRecordings: sessionRecordings.paginate
    },
    roomRecordings: {
      ...listing(rest, "video.roomRecordings", VideoSessions.Recording, Params, (urlParams: PageParams) => rr.list({ urlParams })),
      get: get("video.roomRecordings.get", rr.get),
      delete: get("video.roomRecordings.delete", rr.delete),
      listEvents: recordingEvents.list,
      paginateEvents: recordingEvents.paginate
    },
    conferences: {
      ...crud(rest, "video.conferences", Video.Conference, Video.CreateConference, Video.UpdateConference, cf),
      listConferenceTokens: conferenceTokens.list,
      paginateConferenceTokens: conferenceTokens.paginate,
      listStreams: conferenceStreams.list,
      paginateStreams: conferenceStreams.paginate,
      createStream: (ident, body) =>
        op(rest, "video.conferences.createStream", [[id, ident], [Video.StreamBody, body]], () =>
          cf.createStream({ path: { id: ident }, payload: body }))
    },
    conferenceTokens: { get: get("video.conferenceTokens.get", ct.get), reset: get("video.conferenceTokens.reset", ct.reset) },
    streams: {
      get: get("video.streams.get", st.get),
      update: (ident, body) =>
        op(rest, "video.streams.update", [[id, ident], [Video.StreamBody, body]], () => st.update({ path: { id: ident }, payload: body })),
      delete: get("video.streams.delete", st.delete)
    },
    logs: {
      ...listing(rest, "video.logs", VideoSessions.Log, Params, (urlParams: PageParams) => lg.list({ urlParams })),
      get: get("video.logs.get", lg.get)
    }
  }

  const dc = client["datasphere.documents"]
  const ChunkPath = Schema.Struct({ document_id: id, chunk_id: id })
  const chunks = subList(rest, "datasphere.documents.listChunks", Datasphere.Chunk, (r) =>
    dc.listChunks({ path: { document_id: r.path.id }, urlParams: r.urlParams }))
  const chunk = <A>(operation: string, run: Run<{ readonly path: typeof ChunkPath.Type }, A>) => (documentId: string, chunkId: string) =>
    op(rest, operation, [[ChunkPath, { document_id: documentId, chunk_id: chunkId }]], () =>
      run({ path: { document_id: documentId, chunk_id: chunkId } }))
  const TagsBody = Schema.Struct({ tags: Schema.Array(Schema.String) })
  const datasphere: VideoNamespaces.DatasphereApi = {
    documents: {
      ...crud(rest, "datasphere.documents", Datasphere.Document, Datasphere.CreateDocument, TagsBody, dc),
      search: (body) => op(rest, "datasphere.documents.search", [[Datasphere.Search, body]], () => dc.search({ payload: body })),
      listChunks: chunks.list,
      paginateChunks: chunks.paginate,
      getChunk: chunk("datasphere.documents.getChunk", dc.getChunk),
      deleteChunk: chunk("datasphere.documents.deleteChunk", dc.deleteChunk)
    }
  }

  const pj = client.projects
  const projects: VideoNamespaces.ProjectsApi = {
    ...crud(rest, "projects", Projects.Project, Projects.Create, Projects.Update, pj),
    rotateSigningKey: get("projects.rotateSigningKey", pj.rotateSigningKey)
  }

  const domainApplications: VideoNamespaces.DomainApplicationsApi = crud(
    rest,
    "domainApplications",
    SipRouting.DomainApplication,
    SipRouting.CreateDomainApplication,
    SipRouting.UpdateDomainApplication,
    client.domainApplications
  )
  const sipEndpoints: VideoNamespaces.SipEndpointsApi = crud(
    rest,
    "sipEndpoints",
    SipRouting.SipEndpoint,
    SipRouting.CreateSipEndpoint,
    SipRouting.UpdateSipEndpoint,
    client.sipEndpoints
  )

  return { video, datasphere, projects, domainApplications, sipEndpoints }
}
