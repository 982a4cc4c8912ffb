/**
 * The request-time hooks of `AgentBase` (re-exported there: `AgentBase.dynamic`,
 * `AgentBase.onSummary`, …): what runs when SignalWire fetches the document, ends a call, posts
 * debug events or asks for input.
 */
import type * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { AgentBase } from "../AgentBase.js"
import type * as SWMLService from "../SWMLService.js"
import type * as internal from "./agent.js"
import { fromState, update } from "./agentValue.js"

/**
 * Reshape the agent for each request (SWML fetch, tool call, post-prompt) from what SignalWire
 * sent: the hook receives the request and the agent and returns the agent to use for it.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import { Ai } from "@signalwire-effect/swml"
 * import * as Effect from "effect/Effect"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.dynamic((request, agent) =>
 *   Effect.succeed(agent.pipe(AgentBase.withAi(Ai.withGlobalData({ tier: request.query["tier"] ?? "basic" }))))))
 * ```
 * @since 0.1.0
 */
export const dynamic = <R, E, R2>(
  hook: (request: SWMLService.CallRequest, agent: AgentBase<R>) => Effect.Effect<AgentBase<R>, E, R2>
) =>
(self: AgentBase<R>): AgentBase<R | R2> =>
  update(self, {
    dynamic: [
      ...self.dynamic,
      // R and R2 are provided by the server at mount time; erased here.
      (request, state) => hook(request, fromState<R>(state)) as Effect.Effect<AgentBase<R>, E>
    ]
  }) as AgentBase<R | R2>

/**
 * A routing callback at `<route><path>` (e.g. `/sip`): return another route to send the call
 * there (HTTP 307 with `Location`), or none to serve this agent's document.
 *
 * @example
 * ```ts
 * import { AgentBase, SWMLService } from "@signalwire-effect/agents"
 * import * as Option from "effect/Option"
 * import * as Effect from "effect/Effect"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.routingCallback("/route", (request) =>
 *   Effect.succeed(request.query["dept"] === "sales" ? Option.some("/sales") : Option.none())))
 * ```
 * @since 0.1.0
 */
export const routingCallback = <E, R2>(
  path: string,
  decide: (request: SWMLService.CallRequest) => Effect.Effect<Option.Option<string>, E, R2>
) =>
<R>(self: AgentBase<R>): AgentBase<R | R2> =>
  update(self, {
    // R2 is provided by the server at mount time; erased here.
    routing: [...self.routing, { path, decide: decide as (request: SWMLService.CallRequest) => Effect.Effect<Option.Option<string>, E> }]
  }) as AgentBase<R | R2>

/**
 * Handle the end-of-call summary (`summary`, else `post_prompt_data.parsed[0]`, else its `raw`).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.onSummary((summary, body) => Effect.log("call summary", summary)))
 * ```
 * @since 0.1.0
 */
export const onSummary = <E, R2>(
  handler: (summary: unknown, body: { readonly [key: string]: unknown }) => Effect.Effect<void, E, R2>
) =>
<R>(self: AgentBase<R>): AgentBase<R | R2> =>
  update(self, { onSummary: Option.some(handler as (s: unknown, b: { readonly [key: string]: unknown }) => Effect.Effect<void, E>) }) as AgentBase<R | R2>

/**
 * Ask SignalWire to post debug events to `<route>/debug_events` (`params.debug_webhook_url` and
 * `debug_webhook_level`, 1 or 2), handled by {@link onDebugEvent}.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.debugEvents(1), AgentBase.onDebugEvent((event) => Effect.logDebug(event)))
 * ```
 * @since 0.1.0
 */
export const debugEvents = (level: 1 | 2 = 1) => <R>(self: AgentBase<R>): AgentBase<R> =>
  update(self, { debugLevel: Option.some(level) })

/**
 * Handle the debug events SignalWire posts to `<route>/debug_events` (turn them on with
 * `Ai.withParams({ debug_webhook_url, debug_webhook_level })`).
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.onDebugEvent((event) => Effect.logDebug("debug event", event)))
 * ```
 * @since 0.1.0
 */
export const onDebugEvent = <E, R2>(handler: (event: { readonly [key: string]: unknown }) => Effect.Effect<void, E, R2>) =>
<R>(self: AgentBase<R>): AgentBase<R | R2> =>
  update(self, { onDebugEvent: Option.some(handler as (e: { readonly [key: string]: unknown }) => Effect.Effect<void, E>) }) as AgentBase<R | R2>

/**
 * Serve `<route>/check_for_input` (Basic auth): `GET ?conversation_id=…` or `POST
 * {"conversation_id": "…"}` (an id of at most 256 letters, digits, `.`, `_`, `-`; else 400) is
 * answered `{status: "success", conversation_id, new_input, messages}` from the hook.
 *
 * @example
 * ```ts
 * import { AgentBase } from "@signalwire-effect/agents"
 * import * as Effect from "effect/Effect"
 *
 * declare const agent: AgentBase.AgentBase<never>
 *
 * agent.pipe(AgentBase.checkForInput((conversationId) => Effect.succeed({ newInput: false, messages: [] })))
 * ```
 * @since 0.1.0
 */
export const checkForInput = <E, R2>(
  hook: (conversationId: string, request: SWMLService.CallRequest) => Effect.Effect<internal.InputCheck, E, R2>
) =>
<R>(self: AgentBase<R>): AgentBase<R | R2> =>
  // R2 is provided by the server at mount time; erased here.
  update(self, { checkForInput: Option.some(hook as internal.CheckForInput) }) as AgentBase<R | R2>
