/**
 * Projects (`/api/projects`: the sandbox's own project and its subprojects), domain applications
 * and SIP endpoints of the RELAY REST API (their collections are Fabric's: a resource can be
 * assigned to them).
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { randomBytes } from "node:crypto"
import { RestApi } from "@signalwire-effect/rest"
import { uuid } from "../sim.js"
import type { FabricState } from "./fabricState.js"
import { Collection, type Json, page } from "./store.js"

export interface PlatformEnv {
  readonly project: string
  readonly iso: () => string
  readonly where: (path: string) => { readonly origin: string; readonly path: string }
  readonly state: FabricState
}

const notFound = Effect.fail({ error: "Not Found" as const })
const unprocessable = (detail: string) =>
  Effect.fail({ errors: [{ code: "invalid_parameter", title: "Invalid Parameter", detail, status: "422" }] })
const out = (value: unknown): never => value as never
const found = (value: Json | undefined) => (value === undefined ? notFound : Effect.succeed(out(value)))
const without = (payload: Json, ...keys: ReadonlyArray<string>): Json =>
  Object.fromEntries(Object.entries(payload).filter(([k]) => !keys.includes(k)))
const signingKey = () => `PSK_${randomBytes(18).toString("base64url")}`

export const groups = (env: PlatformEnv) => {
  const { iso, where, state } = env
  const projects = new Collection()
  const at = iso()
  const settings = { protect_recordings: false, protect_message_media: false, protect_fax_media: false, force_https_requests: false }
  projects.put({ id: env.project, name: "Sandbox project", parent_project_id: null, subproject: false, region_preference: "us", ...settings, created_at: at, updated_at: at })
  const hidden = (p: Json) => without(p, "signing_key")

  const projectGroup = HttpApiBuilder.group(RestApi.api, "projects", (h) =>
    h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(projects.values().map(hidden), urlParams, where("/api/projects")))))
      .handle("create", ({ payload }) =>
        Effect.sync(() => {
          const now = iso()
          return out(projects.put({
            id: uuid(),
            parent_project_id: env.project,
            subproject: true,
            region_preference: "us",
            ...settings,
            ...payload,
            signing_key: signingKey(),
            created_at: now,
            updated_at: now
          }))
        }))
      .handle("get", ({ path }) => {
        const p = projects.get(path.id)
        return p === undefined ? notFound : Effect.succeed(out(hidden(p)))
      })
      .handle("update", ({ path, payload }) => {
        const p = projects.get(path.id)
        return p === undefined ? notFound : Effect.succeed(out(hidden(projects.put({ ...p, ...payload, id: path.id, updated_at: iso() }))))
      })
      .handle("delete", ({ path }) => {
        if (path.id === env.project) return unprocessable("the project itself cannot be deleted, only its subprojects")
        return projects.delete(path.id) ? Effect.void : notFound
      })
      .handle("rotateSigningKey", ({ path }) => {
        const p = projects.get(path.id)
        return p === undefined ? notFound : Effect.succeed(out(projects.put({ ...p, id: path.id, signing_key: signingKey(), updated_at: iso() })))
      }))

  const domainSuffix = `${env.project.slice(0, 8)}.sip.signalwire.com`
  const domainApplications = HttpApiBuilder.group(RestApi.api, "domainApplications", (h) => {
    const apps = state.domainApplications
    const taken = (identifier: string, except?: string) => apps.values().some((a) => a.identifier === identifier && a.id !== except)
    return h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(apps.values(), urlParams, where("/api/relay/rest/domain_applications")))))
      .handle("create", ({ payload }) =>
        taken(payload.identifier)
          ? unprocessable(`identifier ${payload.identifier} is taken`)
          : Effect.sync(() =>
            out(apps.put({
              id: uuid(),
              type: "domain_application",
              domain: `${payload.identifier}-${domainSuffix}`,
              user: null,
              ip_auth_enabled: false,
              ip_auth: [],
              call_handler: null,
              calling_handler_resource_id: null,
              encryption: "optional",
              codecs: ["PCMU", "PCMA"],
              ciphers: [],
              ...payload
            }))
          ))
      .handle("get", ({ path }) => found(apps.get(path.id)))
      .handle("update", ({ path, payload }) => {
        const a = apps.get(path.id)
        if (a === undefined) return notFound
        if (payload.identifier !== undefined && taken(payload.identifier, path.id)) return unprocessable(`identifier ${payload.identifier} is taken`)
        const domain = payload.identifier === undefined ? {} : { domain: `${payload.identifier}-${domainSuffix}` }
        return Effect.succeed(out(apps.put({ ...a, ...payload, ...domain, id: path.id })))
      })
      .handle("delete", ({ path }) => (apps.delete(path.id) ? Effect.void : notFound))
  })

  const sipEndpoints = HttpApiBuilder.group(RestApi.api, "sipEndpoints", (h) => {
    const eps = state.sipEndpoints
    const taken = (username: string, except?: string) => eps.values().some((e) => e.username === username && e.id !== except)
    const shown = (e: Json) => without(e, "password")
    return h
      .handle("list", ({ urlParams }) => Effect.succeed(out(page(eps.values().map(shown), urlParams, where("/api/relay/rest/endpoints/sip")))))
      .handle("create", ({ payload }) =>
        taken(payload.username)
          ? unprocessable(`username ${payload.username} is taken`)
          : Effect.sync(() =>
            out(shown(eps.put({
              id: uuid(),
              type: "sip_endpoint",
              caller_id: null,
              send_as: null,
              ciphers: [],
              codecs: ["PCMU", "PCMA"],
              encryption: "default",
              call_handler: null,
              calling_handler_resource_id: null,
              ...payload
            })))
          ))
      .handle("get", ({ path }) => {
        const e = eps.get(path.id)
        return e === undefined ? notFound : Effect.succeed(out(shown(e)))
      })
      .handle("update", ({ path, payload }) => {
        const e = eps.get(path.id)
        if (e === undefined) return notFound
        if (payload.username !== undefined && taken(payload.username, path.id)) return unprocessable(`username ${payload.username} is taken`)
        return Effect.succeed(out(shown(eps.put({ ...e, ...payload, id: path.id }))))
      })
      .handle("delete", ({ path }) => (eps.delete(path.id) ? Effect.void : notFound))
  })

  return [projectGroup, domainApplications, sipEndpoints] as const
}
