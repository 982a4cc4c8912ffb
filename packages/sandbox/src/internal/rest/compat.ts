/**
 * The compat (LaML) API of the sandbox: its groups, its Basic auth (refused with the compat 401
 * body, code 20003), and the call simulation's events it keeps. Every resource is scoped to the
 * project's account (`AccountSid` = the project id); another account sid is a compat 404.
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { RestApi } from "@signalwire-effect/rest"
import * as Faxes from "./compatFaxes.js"
import * as Handlers from "./compatHandlers.js"
import * as Live from "./compatLive.js"
import * as Numbers from "./compatNumbers.js"
import * as Queues from "./compatQueues.js"
import { body, type CompatEnv } from "./compatShared.js"

export type { CompatEnv } from "./compatShared.js"

export const make = (env: CompatEnv) => {
  const handlers = Handlers.groups(env)
  const live = Live.groups(env)
  const queues = Queues.groups(env)
  const faxes = Faxes.group(env)
  const numbers = Numbers.groups(env, handlers.subprojects)
  const authorization = Layer.succeed(RestApi.CompatAuthorization, {
    basic: (credential) =>
      env.authorized(credential.username, Redacted.value(credential.password))
        ? Effect.void
        : Effect.fail(body(401, 20003, "Authentication Error - invalid username or password"))
  })
  return {
    layers: [...handlers.layers, faxes.layer, ...numbers.layers, ...live.layers, queues.layer] as const,
    authorization,
    /** A LaML bin's contents, requested at its `request_url`. */
    fetchBin: numbers.fetchBin,
    /** The compat sid of a queue, by name. */
    queueSidOf: queues.sidOf,
    /** Whether a queue is full (its `MaxSize` reached). */
    queueFull: queues.isFull,
    /** Inbound faxes (cXML `<Receive>`) and their media. */
    faxes: { receiving: faxes.receiving, received: faxes.received, media: faxes.media },
    /** Transcriptions of recordings (cXML `<Record transcribe>`). */
    transcribeRecording: live.transcribeRecording,
    /** The relay-REST fax log (the compat faxes). */
    faxLog: faxes.log,
    /** The relay-REST conference log (the compat conferences). */
    conferenceLog: live.conferenceLog,
    /** The engine's conference changes. */
    conference: live.conference,
    observe: (eventType: string, params: Readonly<Record<string, unknown>>) => {
      live.observe(eventType, params)
      queues.observe(eventType, params)
      faxes.observe(eventType, params)
    }
  }
}
