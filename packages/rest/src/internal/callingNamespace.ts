/**
 * `rest.calling`: every method builds the command envelope, checks it against `Calling.Command`
 * (nothing is sent when it is wrong) and posts it to the one endpoint.
 */
import type * as HttpApiClient from "@effect/platform/HttpApiClient"
import type * as Effect from "effect/Effect"
import * as Calling from "../Calling.js"
import type { Api } from "../RestApi.js"
import type { Rest } from "./call.js"
import { type Groups, op } from "./op.js"

type Client = HttpApiClient.Client<Groups<Api>, unknown, never>

export const make = (rest: Rest, client: Client): Calling.CallingApi => {
  // The generated signature is distributed over the union's members; the envelope is one of them.
  const post = client.calling.command as unknown as (
    request: { readonly payload: Calling.Command }
  ) => Effect.Effect<Calling.CallResponse, unknown>
  const send = (command: Calling.Command) =>
    op(rest, `calling.${command.command.replace(/^calling\./, "")}`, [[Calling.Command, command]], () => post({ payload: command }))
  const scoped = Object.fromEntries(
    Object.entries(Calling.methods).map(([name, command]) => [
      name,
      (callId: string, params: object = {}) => send({ command, id: callId, params } as Calling.Command)
    ])
  ) as unknown as Omit<Calling.CallingApi, "dial" | "update" | "send">
  return {
    ...scoped,
    dial: (params) => send({ command: "dial", params }),
    update: (params) => send({ command: "update", params }),
    send
  }
}
