/**
 * The sandbox's error classes. They live here so that the engines can fail with them without
 * importing the public modules; `SandboxServer.ts` and `SimCalls.ts` re-export them (with their
 * documentation), and `RelaySandbox.ts` re-exports those.
 */
import * as Data from "effect/Data"

/** The sandbox could not do what was asked (listen, offer a call, deliver a message). */
export class SandboxError extends Data.TaggedError("SandboxError")<{ readonly reason: string }> {
  override get message(): string {
    return `RELAY sandbox: ${this.reason}`
  }
}

/** Fails a scripted method handler, to answer with a JSON-RPC error. */
export class MethodError extends Data.TaggedError("MethodError")<{
  readonly code: number
  readonly message: string
  readonly data?: unknown
}> {}

/** A test chose a `call_id` that a call in progress already has. */
export class CallIdInUseError extends Data.TaggedError("CallIdInUseError")<{ readonly callId: string }> {
  override get message(): string {
    return `RELAY sandbox: call_id ${this.callId} belongs to a call in progress`
  }
}
