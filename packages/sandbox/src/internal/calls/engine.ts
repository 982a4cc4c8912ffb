/**
 * The call simulation behind every `calling.*` method: the feature modules put together, requests
 * routed to them, the far end's input, and the public `Calls` API. A request is answered before
 * any event it causes.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { CollectInput } from "../../CallScript.js"
import type { Calls, SimCall } from "../../SimCalls.js"
import { CallIdInUseError, SandboxError } from "../errors.js"
import * as Sim from "../sim.js"
import type { RequestHandler, Response, SimSession } from "../sim.js"
import * as W from "../wire.js"
import * as Control from "./control.js"
import * as Core from "./core.js"
import * as Dial from "./dial.js"
import * as Media from "./media.js"
import { type Call, coded, type ConferenceNotice, invalid, type JsonObject, type MethodSpec, NODE_ID, STATE_ORDER, type Step } from "./model.js"
import * as Recording from "./record.js"
import * as Rest from "./rest.js"
import * as Rooms from "./rooms.js"
import { type Far, resolveOrDie } from "./script.js"
import * as Services from "./services.js"


const MAX_PENDING_INPUTS = 1_000

/** What the SWML executor uses to drive calls as the platform does. */
export interface Driver<S extends SimSession> {
  readonly core: Core.Core<S>
  /** Runs a call-scoped method on the call (as its own controller would); its response. */
  readonly command: (call: Call<S>, method: string, params: JsonObject) => Response | undefined
  /**
   * Creates an inbound call that no session is offered (the platform runs SWML on it); `watcher`
   * gets its events. Fails when a call in progress has the id.
   */
  readonly inboundUnoffered: (
    options: { readonly from: string; readonly to: string; readonly callId?: string | undefined },
    far: Far,
    watcher: S | undefined
  ) => Effect.Effect<Call<S>, CallIdInUseError>
  /**
   * Takes the first caller of a queue that `origin` can bridge to out of it (status `dequeue`) and
   * holds it unbridged (a cXML `<Dial><Queue url>` runs its document on it first); `waited` is how
   * long it was queued (ms). A later `calling.connect` of `origin` to it (a `call` device) makes
   * the bridge a dequeued caller's (the caller goes on when `origin` leaves).
   */
  readonly takeHeld: (origin: Call<S>, name: string) => { readonly call: Call<S>; readonly waited: number } | undefined
  /** A held caller that will not be bridged: it hears `disconnected` and goes on. */
  readonly releaseHeld: (call: Call<S>) => void
}

export interface Engine<S extends SimSession> {
  readonly request: RequestHandler<S>
  readonly api: Calls
  /** The same calls over REST (`/api/calling/calls`, compat `Calls`). */
  readonly rest: Rest.RestCalling
  /** Who runs the SWML of a REST call once answered (the SWML executor, made after the engine). */
  readonly setSwmlRunner: (runner: Rest.SwmlRunner<S>) => void
  readonly driver: Driver<S>
  /** Watches every conference's changes and the recordings of recorded ones. */
  readonly onConference: (watcher: (notice: ConferenceNotice) => void) => void
}

export const make = <S extends SimSession>(env: Core.Env<S>): Engine<S> => {
  const core = Core.make(env)
  const rooms = Rooms.make(core)
  const dialer = Dial.make(core, rooms)
  const methods = new Map<string, MethodSpec<S>>([
    ...Control.make(core),
    ...dialer.methods,
    ...Media.make(core).methods,
    ...Recording.make(core).methods,
    ...Services.make(core).methods,
    ...rooms.methods
  ])
  const { calls, snapshot, waitFor } = core

  // ---- requests -----------------------------------------------------------------------------------

  const callScoped = (spec: MethodSpec<S>, method: string, params: JsonObject): Step => {
    const callId = params.call_id
    if (typeof params.node_id !== "string" || typeof callId !== "string") {
      return invalid("node_id and call_id must be strings")
    }
    const problem = W.fields(params, spec.params) ?? spec.extra?.(params, "")
    if (problem !== undefined) return invalid(problem)
    const call = calls.get(callId)
    if (call === undefined) return coded("404", "Call not found")
    if (call.state === "ending" || call.state === "ended") return coded("410", "Call is gone")
    if (spec.sub === true) {
      const subCommand = call.actions.get(params.control_id as string)?.subs.get(method)
      if (subCommand !== undefined) return subCommand(params)
    }
    return spec.run(call, params)
  }

  const dispatch = (session: S | undefined, method: string, params: JsonObject): Step | undefined => {
    if (method === "calling.dial") return dialer.dial(session, params)
    if (method === "calling.begin") return dialer.begin(session, params)
    const spec = methods.get(method)
    return spec === undefined ? undefined : callScoped(spec, method, params)
  }

  const run = (step: Step, respond: (response: Response) => void) => {
    if (step.response !== undefined) respond(step.response)
    step.after?.()
  }

  // ---- the far end's input ----------------------------------------------------------------------

  /** A digit binding for exactly these digits runs its method; false when there is none. */
  const triggerBinding = (call: Call<S>, digits: string): boolean => {
    const binding = call.bindings.find((b) => b.digits === digits)
    if (binding === undefined) return false
    binding.triggers += 1
    if (binding.maxTriggers > 0 && binding.triggers >= binding.maxTriggers) {
      call.bindings = call.bindings.filter((b) => b !== binding)
    }
    const step = dispatch(call.session, binding.method, {
      control_id: Sim.uuid(),
      ...binding.params,
      node_id: NODE_ID,
      call_id: call.callId
    })
    if (step !== undefined) run(step, () => {})
    return true
  }

  const feed = (call: Call<S>, input: CollectInput) => {
    const digits = typeof input === "object" && "digits" in input ? input.digits : undefined
    if (digits !== undefined && triggerBinding(call, digits)) return
    let taken = false
    for (const action of Array.from(call.actions.values())) {
      if (action.offer?.(input) === true) {
        taken = true
        break
      }
    }
    if (digits !== undefined) {
      for (const action of Array.from(call.actions.values())) {
        if (action.digits !== undefined) {
          action.digits(digits)
          taken = true
        }
      }
    }
    if (taken) return
    // Bounded: beyond the cap the oldest unused input is forgotten.
    call.pendingInputs.push(input)
    if (call.pendingInputs.length > MAX_PENDING_INPUTS) call.pendingInputs.shift()
  }

  // ---- the public API -----------------------------------------------------------------------------

  const deviceOf = (from: string, to: string): JsonObject =>
    from.startsWith("sip:") || to.startsWith("sip:")
      ? { type: "sip", params: { from, to } }
      : { type: "phone", params: { from_number: from, to_number: to } }

  const inboundUnoffered: Driver<S>["inboundUnoffered"] = (options, far, watcher) =>
    Effect.suspend(() => {
      const callId = options.callId ?? far.callId
      if (callId !== undefined && core.isLive(callId)) return Effect.fail(new CallIdInUseError({ callId }))
      const call = core.newCall({
        callId,
        direction: "inbound",
        tag: "",
        device: deviceOf(options.from, options.to),
        from: options.from,
        to: options.to,
        context: undefined,
        far,
        session: watcher
      })
      core.setState(call, "created")
      core.setState(call, "ringing")
      return Effect.succeed(call)
    })

  const command: Driver<S>["command"] = (call, method, params) => {
    const step = dispatch(call.session, method, { ...params, node_id: NODE_ID, call_id: call.callId })
    if (step === undefined) return undefined
    let response: Response | undefined
    run(step, (r) => {
      response = r
    })
    return response
  }

  /** Offers an inbound call from the far end `far` to the first session receiving the context. */
  const inbound = (
    options: Parameters<Calls["inbound"]>[0],
    far: Far
  ): Effect.Effect<SimCall, SandboxError | CallIdInUseError> => {
    const context = options.context ?? "default"
    const callId = options.callId ?? far.callId
    if (callId !== undefined && core.isLive(callId)) return Effect.fail(new CallIdInUseError({ callId }))
    const session = core.receivers(context)[0]
    if (session === undefined) {
      return Effect.fail(new SandboxError({ reason: `no connected session receives context "${context}"` }))
    }
    const call = core.newCall({
      callId,
      direction: "inbound",
      tag: "",
      device: deviceOf(options.from, options.to),
      from: options.from,
      to: options.to,
      context,
      far,
      session
    })
    core.offer(call, session)
    return Effect.succeed(snapshot(call))
  }

  const api: Calls = {
    script: (destination, script) => Effect.flatMap(resolveOrDie(script), (far) => core.scripts.add(destination, far)),
    scriptDefault: (script) => Effect.flatMap(resolveOrDie(script), (far) => core.scripts.addDefault(far)),
    inbound: (options) =>
      Effect.flatMap(
        options.script === undefined ? Effect.succeed(core.scriptFor(options.from)) : resolveOrDie(options.script),
        (far) => Effect.suspend(() => inbound(options, far))
      ),
    get: (callId) => Effect.sync(() => Option.map(Option.fromNullable(calls.get(callId)), snapshot)),
    list: Effect.sync(() => Array.from(calls.values(), snapshot)),
    hangup: (callId, reason) =>
      Effect.sync(() => {
        const call = calls.get(callId)
        if (call !== undefined) core.endCall(call, reason ?? "hangup")
      }),
    input: (callId, input) =>
      Effect.sync(() => {
        const call = calls.get(callId)
        if (call !== undefined && call.state !== "ending" && call.state !== "ended") feed(call, input)
      }),
    waitForState: (callId, state) => {
      const target = STATE_ORDER.indexOf(state)
      return waitFor((call) => call.callId === callId && STATE_ORDER.indexOf(call.state) >= target)
    },
    waitForCall: (predicate) => waitFor((call) => predicate(snapshot(call))),
    conferences: Effect.sync(rooms.conferences)
  }

  // The SWML executor is made after the engine (it drives the engine's calls): it plugs in through
  // `setSwmlRunner`, called when a REST call with SWML is answered or re-pointed.
  let swmlRunner: Rest.SwmlRunner<S> = Rest.noteReceived
  const rest = Rest.make(
    core,
    rooms.control,
    dialer.begin,
    (method, params) => dispatch(undefined, method, params),
    (call, source, log) => swmlRunner(call, source, log)
  )

  return {
    rest,
    setSwmlRunner: (runner: Rest.SwmlRunner<S>) => {
      swmlRunner = runner
    },
    request: (session, method, params, respond) => {
      const step = dispatch(session, method, params)
      if (step === undefined) return false
      run(step, respond)
      return true
    },
    api,
    driver: { core, command, inboundUnoffered, takeHeld: dialer.takeHeld, releaseHeld: dialer.releaseHeld },
    onConference: rooms.onConference
  }
}
