/**
 * An inbound IVR: answers each call on the context, asks for 1 (sales) or 2 (support), speaks the
 * choice and hangs up. Runs until Ctrl-C, or until MAX_CALLS calls were handled.
 *
 *   npm run example -- inbound-ivr          (against the sandbox, which places one call that presses 1)
 *   npx tsx --conditions=@signalwire-effect/source examples/inbound-ivr.ts         (against SignalWire, see examples/README.md)
 */
import { type Call, type CollectEvent, RelayClient } from "@signalwire-effect/sdk"

const context = process.env.IVR_CONTEXT ?? "default"
const maxCalls = Number(process.env.MAX_CALLS ?? "0")
const client = new RelayClient({ contexts: [context] })
let handled = 0

const say = async (call: Call, text: string) => {
  const speech = await call.playTTS(text)
  await speech.wait(60) // seconds
}

client.onCall(async (call) => {
  const from = (call.device.params as { from_number?: string } | undefined)?.from_number ?? "unknown"
  console.log(`call ${call.callId} from ${from}`)
  await call.answer()
  const menu = await call.playAndCollect(
    [{ type: "tts", text: "Welcome to the demo line. Press 1 for sales, or 2 for support." }],
    { initial_timeout: 5, digits: { max: 1, digit_timeout: 5 } }
  )
  const answer: CollectEvent = await menu.wait(30)
  const digits = (answer.result.params as { digits?: string } | undefined)?.digits
  console.log(`caller chose ${digits ?? "nothing"} (${String(answer.result.type ?? answer.state)})`)
  if (digits === "1") await say(call, "Connecting you to sales. Goodbye.")
  else if (digits === "2") await say(call, "Connecting you to support. Goodbye.")
  else await say(call, "Sorry, I did not get that. Goodbye.")
  await call.hangup()
  console.log(`call ${call.callId} done`)
  handled += 1
  if (maxCalls > 0 && handled >= maxCalls) await client.disconnect()
})

console.log(`waiting for calls on context "${context}" (Ctrl-C to stop)`)
await client.run()
console.log(`handled ${handled} call(s)`)
