/**
 * `FunctionResult`: the reply of a SWAIG tool, SignalWire's class API over the immutable
 * `FunctionResult` of `@signalwire-effect/swml` (each method replaces the wrapped value and
 * returns `this`, so calls chain as with the reference).
 *
 * Differences from the reference (DIFFERENCES.md #16): `connect`, `swmlTransfer` and
 * `executeSwml(…, true)` send `transfer` as a JSON boolean (the reference sends the string
 * `"true"`); `playBackgroundFile(file)` sends `{file}` (the reference sends the bare string);
 * `pay` and the payment helpers are not wrapped (use `addAction`).
 *
 * @since 0.1.0
 */
import { FunctionResult as Fr } from "@signalwire-effect/swml"

type Json = { readonly [key: string]: unknown }


/**
 * A tool reply under construction: `response` text, `action` list, `post_process`.
 *
 * @example
 * ```ts
 * import { FunctionResult } from "@signalwire-effect/sdk"
 *
 * const result = new FunctionResult("Transferring you now").connect("+15551234567", true)
 * result.toDict() // { response: "Transferring you now", action: [{ SWML: …, transfer: true }] }
 * ```
 * @since 0.1.0
 */
export class FunctionResult {
  #value: Fr.FunctionResult

  constructor(response?: string, postProcess = false) {
    this.#value = Fr.make(response ?? "", { postProcess })
  }

  /**
   * The facade value of an Effect `FunctionResult`.
   *
   * @example
   * ```ts
   * import { FunctionResult } from "@signalwire-effect/sdk"
   * import { FunctionResult as Fr } from "@signalwire-effect/swml"
   *
   * FunctionResult.fromEffect(Fr.make("Done")).toDict() // { response: "Done" }
   * ```
   */
  static fromEffect(value: Fr.FunctionResult): FunctionResult {
    const result = new FunctionResult()
    result.#value = value
    return result
  }

  /** The Effect value this wraps (for `@signalwire-effect/agents` and `swml`). */
  toEffect(): Fr.FunctionResult {
    return this.#value
  }

  #apply(f: (self: Fr.FunctionResult) => Fr.FunctionResult): this {
    this.#value = f(this.#value)
    return this
  }

  /** The response text. */
  get response(): string {
    const response = this.#value.response
    return typeof response === "string" ? response : response.tool_result ?? ""
  }

  /** The actions so far, as sent. */
  get action(): ReadonlyArray<Json> {
    return this.#value.actions as ReadonlyArray<Json>
  }

  /** Whether the model speaks the response before the actions run. */
  get postProcess(): boolean {
    return this.#value.postProcess
  }

  setResponse(response: string): this {
    return this.#apply(Fr.setResponse(response))
  }

  setPostProcess(postProcess: boolean): this {
    return this.#apply(Fr.setPostProcess(postProcess))
  }

  /** Append `{[name]: data}` as it is. */
  addAction(name: string, data: unknown): this {
    // An action the swml package may not model: sent as given, like the reference.
    return this.#apply(Fr.addAction({ [name]: data } as unknown as Fr.Action))
  }

  addActions(actions: ReadonlyArray<Json>): this {
    return this.#apply(Fr.addActions(actions as unknown as ReadonlyArray<Fr.Action>))
  }

  connect(destination: string, final = true, fromAddr?: string): this {
    return this.#apply(Fr.connect(destination, { final, ...(fromAddr === undefined ? {} : { from: fromAddr }) }))
  }

  swmlTransfer(dest: string, aiResponse: string, final = true): this {
    return this.#apply(Fr.swmlTransfer(dest, aiResponse, { final }))
  }

  hangup(): this {
    return this.#apply(Fr.hangup())
  }

  hold(timeout = 300): this {
    return this.#apply(Fr.hold({ timeout }))
  }

  waitForUser(opts?: { enabled?: boolean; timeout?: number; answerFirst?: boolean }): this {
    return this.#apply(Fr.waitForUser(opts))
  }

  stop(): this {
    return this.#apply(Fr.stop())
  }

  say(text: string): this {
    return this.#apply(Fr.say(text))
  }

  playBackgroundFile(filename: string, wait = false): this {
    return this.#apply(Fr.playBackgroundFile(filename, { wait }))
  }

  stopBackgroundFile(): this {
    return this.#apply(Fr.stopBackgroundFile())
  }

  addDynamicHints(hints: ReadonlyArray<string | { pattern: string; replace: string; ignore_case?: boolean }>): this {
    return this.#apply(Fr.addDynamicHints(hints))
  }

  clearDynamicHints(): this {
    return this.#apply(Fr.clearDynamicHints())
  }

  setEndOfSpeechTimeout(milliseconds: number): this {
    return this.#apply(Fr.setEndOfSpeechTimeout(milliseconds))
  }

  setSpeechEventTimeout(milliseconds: number): this {
    return this.#apply(Fr.setSpeechEventTimeout(milliseconds))
  }

  updateGlobalData(data: Json): this {
    return this.#apply(Fr.updateGlobalData(data))
  }

  removeGlobalData(keys: string | ReadonlyArray<string>): this {
    return this.#apply(Fr.removeGlobalData(keys))
  }

  setMetadata(data: Json): this {
    return this.#apply(Fr.setMetadata(data))
  }

  removeMetadata(keys: string | ReadonlyArray<string>): this {
    return this.#apply(Fr.removeMetadata(keys))
  }

  /** Run a SWML document (an object, its JSON text, or anything with `toDict()`). */
  executeSwml(swmlContent: string | Json | { toDict(): Json }, transfer = false): this {
    const document = typeof swmlContent === "string"
      ? JSON.parse(swmlContent) as unknown
      : typeof (swmlContent as { toDict?: unknown }).toDict === "function"
      ? (swmlContent as { toDict(): Json }).toDict()
      : swmlContent
    return this.#apply(Fr.executeSwml(document as Fr.ReplyDocument, { transfer }))
  }

  swmlChangeStep(stepName: string): this {
    return this.#apply(Fr.swmlChangeStep(stepName))
  }

  swmlChangeContext(contextName: string): this {
    return this.#apply(Fr.swmlChangeContext(contextName))
  }

  swmlUserEvent(eventData: Json): this {
    return this.#apply(Fr.swmlUserEvent(eventData))
  }

  /** Replace the system (and user) prompt; with only a system prompt the action is that text. */
  switchContext(opts?: { systemPrompt?: string; userPrompt?: string; consolidate?: boolean; fullReset?: boolean }): this {
    const data: { [key: string]: unknown } = {}
    if (opts?.systemPrompt) data["system_prompt"] = opts.systemPrompt
    if (opts?.userPrompt) data["user_prompt"] = opts.userPrompt
    if (opts?.consolidate) data["consolidate"] = true
    if (opts?.fullReset) data["full_reset"] = true
    const onlySystem = Object.keys(data).length === 1 && opts?.systemPrompt
    return this.addAction("context_switch", onlySystem ? opts.systemPrompt : data)
  }

  toggleFunctions(toggles: ReadonlyArray<{ function: string; active: boolean }>): this {
    return this.#apply(Fr.toggleFunctions(toggles))
  }

  enableFunctionsOnTimeout(enabled = true): this {
    return this.#apply(Fr.enableFunctionsOnTimeout(enabled))
  }

  updateSettings(settings: Json): this {
    return this.#apply(Fr.updateSettings(settings))
  }

  simulateUserInput(text: string): this {
    return this.#apply(Fr.simulateUserInput(text))
  }

  enableExtensiveData(enabled = true): this {
    return this.#apply(Fr.enableExtensiveData(enabled))
  }

  replaceInHistory(text: string | boolean = true): this {
    return this.#apply(Fr.replaceInHistory(text))
  }

  /** Send an SMS (`body` or `media` required). */
  sendSms(opts: { toNumber: string; fromNumber: string; body?: string; media?: Array<string>; tags?: Array<string>; region?: string }): this {
    if (!opts.body && !opts.media) throw new Error("Either body or media must be provided")
    return this.#apply(Fr.sendSms({
      to_number: opts.toNumber,
      from_number: opts.fromNumber,
      ...(opts.body ? { body: opts.body } : {}),
      ...(opts.media ? { media: opts.media } : {}),
      ...(opts.tags ? { tags: opts.tags } : {}),
      ...(opts.region ? { region: opts.region } : {})
    } as Fr.VerbConfig<"send_sms">))
  }

  /** Start a background recording (defaults as the reference: mono wav, both directions, no beep). */
  recordCall(opts?: {
    controlId?: string
    stereo?: boolean
    format?: "wav" | "mp3"
    direction?: "speak" | "listen" | "both"
    terminators?: string
    beep?: boolean
    inputSensitivity?: number
    initialTimeout?: number
    endSilenceTimeout?: number
    maxLength?: number
    statusUrl?: string
  }): this {
    return this.#apply(Fr.recordCall({
      stereo: opts?.stereo ?? false,
      format: opts?.format ?? "wav",
      direction: opts?.direction ?? "both",
      beep: opts?.beep ?? false,
      input_sensitivity: opts?.inputSensitivity ?? 44,
      ...(opts?.controlId ? { control_id: opts.controlId } : {}),
      ...(opts?.terminators ? { terminators: opts.terminators } : {}),
      ...(opts?.initialTimeout !== undefined ? { initial_timeout: opts.initialTimeout } : {}),
      ...(opts?.endSilenceTimeout !== undefined ? { end_silence_timeout: opts.endSilenceTimeout } : {}),
      ...(opts?.maxLength !== undefined ? { max_length: opts.maxLength } : {}),
      ...(opts?.statusUrl ? { status_url: opts.statusUrl } : {})
    }))
  }

  stopRecordCall(controlId?: string): this {
    return this.#apply(Fr.stopRecordCall(controlId))
  }

  tap(opts: { uri: string; controlId?: string; direction?: "speak" | "hear" | "both"; codec?: "PCMU" | "PCMA"; rtpPtime?: number; statusUrl?: string }): this {
    return this.#apply(Fr.tap({
      uri: opts.uri,
      ...(opts.controlId ? { control_id: opts.controlId } : {}),
      ...(opts.direction && opts.direction !== "both" ? { direction: opts.direction } : {}),
      ...(opts.codec && opts.codec !== "PCMU" ? { codec: opts.codec } : {}),
      ...(opts.rtpPtime && opts.rtpPtime !== 20 ? { rtp_ptime: opts.rtpPtime } : {}),
      ...(opts.statusUrl ? { status_url: opts.statusUrl } : {})
    } as Fr.VerbConfig<"tap">))
  }

  stopTap(controlId?: string): this {
    return this.#apply(Fr.stopTap(controlId))
  }

  joinRoom(name: string): this {
    return this.#apply(Fr.joinRoom(name))
  }

  sipRefer(toUri: string): this {
    return this.#apply(Fr.sipRefer(toUri))
  }

  executeRpc(opts: { method: string; params?: Json; callId?: string; nodeId?: string }): this {
    return this.#apply(Fr.executeRpc(opts))
  }

  rpcDial(toNumber: string, fromNumber: string, destSwml: string, deviceType = "phone"): this {
    return this.#apply(Fr.rpcDial({ toNumber, fromNumber, destSwml, deviceType }))
  }

  rpcAiMessage(callId: string, messageText: string, role = "system"): this {
    return this.#apply(Fr.rpcAiMessage({ callId, messageText, role }))
  }

  rpcAiUnhold(callId: string): this {
    return this.#apply(Fr.rpcAiUnhold(callId))
  }

  /** The reply as sent: `response`, `action` (when any), `post_process` (with actions); empty → "Action completed.". */
  toDict(): Json {
    return Fr.toJson(this.#value) as Json
  }
}

