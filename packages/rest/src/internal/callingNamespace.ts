/**
 * `rest.calling`: every method builds the command envelope, checks it against `Calling.Command`
 * (nothing is sent when it is wrong) and posts it to the one endpoint.
 */
import type * as HttpApiClient from "@effect/platform/HttpApiClient"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Calling from "../Calling.js"
import { RestDecodeError } from "../RestError.js"
import type { Api } from "../RestApi.js"
import type { Rest } from "./call.js"
import { type Groups, op } from "./op.js"

type Client = HttpApiClient.Client<Groups<Api>, unknown, never>

export const make = (rest: Rest, client: Client): Calling.CallingApi => {
  // The generated signature is distributed over the union's members; the envelope is one of them.
  const post = client.calling.command as unknown as (
    request: { readonly payload: Calling.Command }
  ) => Effect.Effect<Calling.CallResponse | Calling.SidecarStatus, unknown>
  const send = (command: Calling.Command) =>
    op(rest, `calling.${command.command.replace(/^calling\./, "")}`, [[Calling.Command, command]], () => post({ payload: command }))
  const isStatus = Schema.is(Calling.SidecarStatus)
  /** A command answered with a call leg (a text line instead is not what the command answers). */
  const leg = (command: Calling.Command) =>
    Effect.flatMap(send(command), (answer) =>
      isStatus(answer)
        ? Effect.fail(new RestDecodeError({ operation: `calling.${command.command.replace(/^calling\./, "")}`, detail: "a sidecar status line where a call leg was expected" }))
        : Effect.succeed(answer))
  const sidecarStatus = (callId: string, params: object = {}) => {
    const command = { command: "calling.ai_sidecar.status", id: callId, params } as Calling.Command
    return Effect.flatMap(send(command), (answer) =>
      isStatus(answer)
        ? Effect.succeed(answer)
        : Effect.fail(new RestDecodeError({ operation: "calling.ai_sidecar.status", detail: "a call leg where the sidecar status line was expected" })))
  }
  const scoped = Object.fromEntries(
    Object.entries(Calling.methods).map(([name, command]) => [
      name,
      (callId: string, params: object = {}) => leg({ command, id: callId, params } as Calling.Command)
    ])
  ) as unknown as Omit<Calling.CallingApi, "dial" | "update" | "send" | "aiSidecarStatus">
  return {
    ...scoped,
    aiSidecarStatus: sidecarStatus,
    dial: (params) => leg({ command: "dial", params }),
    update: (params) => leg({ command: "update", params }),
    send
  }
}
