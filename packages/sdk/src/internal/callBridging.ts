/**
 * `Call`'s bridging and routing methods: connect and disconnect, transfer and SIP REFER,
 * conferences, video rooms and queues. Each runs the matching operation of the core's Call
 * through `CallBase`'s runners; `Call` extends this layer.
 */
import type { Call as CoreCall } from "@signalwire-effect/relay"
import type { CommandResult } from "../Action.js"
import type { ConnectOptions, Device, JoinConferenceOptions, QueueEnterOptions, QueueLeaveOptions } from "../CallOptions.js"
import { CallMedia } from "./callMedia.js"
import { hasKeys, normalizeDevice, normalizeDevicePlan, normalizePlayItems, pick } from "./normalize.js"

/**
 * The bridging layer of `Call` (connect, transfer, refer, conferences, rooms, queues). Not
 * exported by the package; see `Call`.
 */
export abstract class CallBridging extends CallMedia {
  // ---- bridging and transfer ----

  /**
   * Bridges the call to a device plan (`calling.connect`); resolves when the platform accepts the
   * command, like the reference (follow the bridge with `waitFor("calling.call.connect", …)`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const toAgent = async (call: Call) => {
   *   await call.connect([[{ type: "phone", to: "+15551230001", from: "+15559870000" }]], { ringback: [{ type: "ringtone", name: "us" }] })
   *   return call.waitFor("calling.call.connect", (e) => e.params.connect_state !== "connecting", 60_000)
   * }
   * ```
   */
  connect(devices: ReadonlyArray<ReadonlyArray<Device>> | ReadonlyArray<Device>, options?: ConnectOptions): Promise<CommandResult> {
    return this._execute("calling.connect", {
      devices: normalizeDevicePlan(devices),
      ...(options?.ringback === undefined ? {} : { ringback: normalizePlayItems(options.ringback) }),
      ...(options?.tag === undefined ? {} : { tag: options.tag }),
      ...(options?.maxDuration === undefined ? {} : { max_duration: options.maxDuration }),
      ...(options?.maxPricePerMinute === undefined ? {} : { max_price_per_minute: options.maxPricePerMinute }),
      ...(options?.statusUrl === undefined ? {} : { status_url: options.statusUrl })
    })
  }

  /**
   * Unbridges the call from its peer (`calling.disconnect`); both legs stay up.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const unbridge = (call: Call) => call.disconnect()
   * ```
   */
  disconnect(): Promise<CommandResult> {
    return this._command(this._core.disconnect)
  }

  /**
   * Hands the call to another application (`calling.transfer`): a URL, inline SWML or
   * `context:<name>`; `extra` keys are sent as given.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const handOff = (call: Call) => call.transfer("https://example.com/swml.json")
   * ```
   */
  transfer(dest: string, extra?: Readonly<Record<string, unknown>>): Promise<CommandResult> {
    return hasKeys(extra) ? this._execute("calling.transfer", { ...extra, dest }) : this._command(this._core.transfer(dest))
  }

  /**
   * SIP REFER (`calling.refer`); `device` is a SIP device (flat or nested).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const refer = (call: Call) => call.refer({ type: "sip", to: "sip:bob@example.com" })
   * ```
   */
  refer(device: Device, options?: { readonly statusUrl?: string }): Promise<CommandResult> {
    return this._command(this._core.refer(normalizeDevice(device) as CoreCall.ReferDevice, pick(options, ["statusUrl"])))
  }

  // ---- conferences, rooms, queues ----

  /**
   * Joins a conference (`calling.join_conference`); the result may carry `conference_id`.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const standup = (call: Call) => call.joinConference("standup", { beep: "onEnter", startOnEnter: true })
   * ```
   */
  joinConference(name: string, options?: JoinConferenceOptions): Promise<CommandResult> {
    const keys = [
      "muted",
      "beep",
      "startOnEnter",
      "endOnExit",
      "waitUrl",
      "maxParticipants",
      "record",
      "region",
      "trim",
      "coach",
      "statusCallback",
      "statusCallbackEvent",
      "statusCallbackEventType",
      "statusCallbackMethod",
      "recordingStatusCallback",
      "recordingStatusCallbackEvent",
      "recordingStatusCallbackEventType",
      "recordingStatusCallbackMethod",
      "stream"
    ]
    return this._command(this._core.joinConference(name, pick(options, keys) as CoreCall.JoinConferenceOptions))
  }

  /**
   * Leaves a conference (`calling.leave_conference`); `extra` keys are sent as given.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const leave = async (call: Call) => {
   *   const joined = await call.joinConference("standup")
   *   await call.leaveConference(String(joined.conference_id))
   * }
   * ```
   */
  leaveConference(conferenceId: string, extra?: Readonly<Record<string, unknown>>): Promise<CommandResult> {
    return hasKeys(extra)
      ? this._execute("calling.leave_conference", { ...extra, conference_id: conferenceId })
      : this._command(this._core.leaveConference(conferenceId))
  }

  /**
   * Joins a video room (`calling.join_room`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const room = (call: Call) => call.joinRoom("daily")
   * ```
   */
  joinRoom(name: string, options?: { readonly statusUrl?: string }): Promise<CommandResult> {
    return this._command(this._core.joinRoom(name, pick(options, ["statusUrl"])))
  }

  /**
   * Leaves the room (`calling.leave_room`); `extra` keys are sent as given.
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const leave = (call: Call) => call.leaveRoom()
   * ```
   */
  leaveRoom(extra?: Readonly<Record<string, unknown>>): Promise<CommandResult> {
    return hasKeys(extra) ? this._execute("calling.leave_room", { ...extra }) : this._command(this._core.leaveRoom)
  }

  /**
   * Puts the call in a queue (`calling.queue.enter`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const wait = (call: Call) => call.queueEnter("support")
   * ```
   */
  queueEnter(queueName: string, options?: QueueEnterOptions): Promise<CommandResult> {
    return options?.controlId === undefined
      ? this._command(this._core.queueEnter(queueName, pick(options, ["statusUrl"])))
      : this._execute("calling.queue.enter", {
        control_id: options.controlId,
        queue_name: queueName,
        ...(options.statusUrl === undefined ? {} : { status_url: options.statusUrl })
      })
  }

  /**
   * Takes the call out of a queue (`calling.queue.leave`).
   *
   * @example
   * ```ts
   * import type { Call } from "@signalwire-effect/sdk"
   *
   * const leave = (call: Call) => call.queueLeave("support")
   * ```
   */
  queueLeave(queueName: string, options?: QueueLeaveOptions): Promise<CommandResult> {
    return options?.controlId === undefined
      ? this._command(this._core.queueLeave(queueName, pick(options, ["queueId", "statusUrl"])))
      : this._execute("calling.queue.leave", {
        control_id: options.controlId,
        queue_name: queueName,
        ...(options.queueId === undefined ? {} : { queue_id: options.queueId }),
        ...(options.statusUrl === undefined ? {} : { status_url: options.statusUrl })
      })
  }
}
