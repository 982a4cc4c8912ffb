/**
 * The root README's sandbox snippet, verbatim between the markers: it runs here, and
 * test/snippets.test.ts of packages/sdk checks that the README still shows exactly this code.
 */
// README:begin
import { it, expect } from "@effect/vitest"
import { RelayClient } from "@signalwire-effect/relay"
import { NodeWebSocket } from "@signalwire-effect/relay-node"
import { RelaySandbox } from "@signalwire-effect/sandbox"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

it.scopedLive("a request made while the client reconnects waits, then is answered", () =>
  Effect.gen(function* () {
    const sandbox = yield* RelaySandbox.make()          // port 0, stopped when the test's Scope closes
    const relay = yield* RelayClient.make(sandbox.clientOptions).pipe(Effect.provide(NodeWebSocket.layer))
    yield* sandbox.faults.drop()                        // or silence, delay, hold, fail, disconnect, restart…
    yield* relay.state.pipe(Stream.filter((s) => s._tag === "Reconnecting"), Stream.runHead)
    yield* relay.execute("signalwire.ping")             // queued, then answered on the resumed session
    const connects = yield* sandbox.journal.requests("signalwire.connect")
    expect(connects.length).toBe(2)
  }))
// README:end
