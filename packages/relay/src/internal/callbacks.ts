/**
 * The callback way to wait on the core's requests (see `RelayCallbacks.ts`): which connection a
 * client service was built on, and the call's own `commandCallback`.
 */
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import type * as Mailbox from "effect/Mailbox"
import type * as Scope from "effect/Scope"
import type * as Call from "../Call.js"
import type { CommandError, EventStreamError, RequestError } from "../RelayError.js"
import type { RelayEvent } from "../RelayEvent.js"
import type { JsonObject } from "../RelayFrame.js"
import { CallCore } from "./callCore.js"
import type { Connection, ExecuteOptions } from "./connection.js"

const connections = new WeakMap<object, Connection>()

/** Remembers the connection a client service was built on (`RelayClient.make`). */
export const register = (client: object, connection: Connection): void => void connections.set(client, connection)

export const execute = (
  client: object,
  method: string,
  params: JsonObject,
  options: ExecuteOptions | undefined,
  callback: (outcome: Exit.Exit<JsonObject, RequestError>) => void
): boolean => connections.get(client)?.executeCallback(method, params, options, callback) ?? false

export const command = (
  call: Call.Call,
  method: string,
  extra: JsonObject,
  callback: (outcome: Exit.Exit<JsonObject, CommandError>) => void
): boolean => call instanceof CallCore && call.commandCallback(method, extra, callback)

export const subscribeEvents = (
  client: object
): Effect.Effect<Mailbox.ReadonlyMailbox<RelayEvent, EventStreamError>, never, Scope.Scope> =>
  Effect.suspend(() => connections.get(client)?.subscribeMailbox ?? Effect.dieMessage("not a client built by RelayClient.make"))
