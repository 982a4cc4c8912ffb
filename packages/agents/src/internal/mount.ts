/**
 * The routes of an agent: document, SWAIG, post-prompt, debug events, MCP, routing callbacks.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as ToolToken from "../ToolToken.js"
import * as internal from "./agent.js"
import type { Incoming } from "./http.js"
import { mcp } from "./mcp.js"
import * as routes from "./routes.js"
import { join, type Mountable } from "./service.js"
import * as swaig from "./swaig.js"

export const mountable = (state: internal.AgentState): Mountable => ({
  name: state.name,
  route: state.route,
  options: state.options,
  routes: (settings) =>
    Effect.gen(function*() {
      yield* internal.check(state)
      const secret = state.options.toolSecret === undefined
        ? yield* ToolToken.randomSecret
        : ToolToken.secret(state.options.toolSecret)
      const env: swaig.Env = { agent: state, settings, secret }
      // The post-prompt set through `<route>/post_prompt_override`, for every later document.
      const override = yield* Ref.make(Option.none<string>())
      const route = state.route
      const requestOf = (incoming: Incoming, body: { readonly [key: string]: unknown }) =>
        routes.callRequestOf(incoming, body, route, settings.credentials)
      const render = (incoming: Incoming, body: { readonly [key: string]: unknown }) => {
        const request = requestOf(incoming, body)
        return Effect.flatMap(
          // The override wins over per-call configuration.
          Effect.zipWith(internal.applyDynamic(state, request), Ref.get(override), (agent, text) =>
            Option.isSome(text) ? { ...agent, postPrompt: text } : agent),
          (agent) => internal.render(agent, { baseUrl: request.url, callId: request.callId, secret })
        )
      }
      const document = routes.documentHandler(render)
      return [
        ...routes.healthRoutes(route),
        ...routes.documentRoutes(route, render),
        ...state.routing.flatMap(({ decide, path }) =>
          routes.redirectRoutes(
            route,
            path,
            (incoming, body) => Effect.map(decide(requestOf(incoming, body)), Option.getOrUndefined),
            document
          )
        ),
        { method: "POST" as const, path: join(route, "swaig"), auth: true, signed: false, handler: swaig.swaig(env) },
        ...(["GET", "POST"] as const).map((method) => ({
          method,
          path: join(route, "post_prompt"),
          auth: true,
          signed: false,
          handler: swaig.postPrompt(env)
        })),
        { method: "POST" as const, path: join(route, "debug_events"), auth: true, signed: false, handler: swaig.debugEvents(env) },
        ...(state.postPromptOverride
          ? [{
            method: "POST" as const,
            path: join(route, "post_prompt_override"),
            auth: true,
            signed: false,
            handler: swaig.postPromptOverride((text) => Ref.set(override, Option.some(text)))
          }]
          : []),
        ...(Option.isSome(state.checkForInput)
          ? (["GET", "POST"] as const).map((method) => ({
            method,
            path: join(route, "check_for_input"),
            auth: true,
            signed: false,
            handler: swaig.checkForInput(env)
          }))
          : []),
        ...(state.mcp ? [{ method: "POST" as const, path: join(route, "mcp"), auth: true, signed: false, handler: mcp(state) }] : [])
      ]
    })
})

