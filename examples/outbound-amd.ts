/**
 * An outbound call with answering-machine detection: dials TO_NUMBER from FROM_NUMBER, and when a
 * person answers, speaks a reminder; when a machine answers, leaves a voicemail after the greeting.
 *
 *   npm run example -- outbound-amd
 *   TO_NUMBER=+1… FROM_NUMBER=+1… npx tsx --conditions=@signalwire-effect/source examples/outbound-amd.ts   (against SignalWire)
 */
import { RelayClient, RelayError } from "@signalwire-effect/sdk"

const to = process.env.TO_NUMBER ?? "+15551230001"
const from = process.env.FROM_NUMBER ?? "+15551234567"
const client = new RelayClient()
await client.connect()

try {
  console.log(`dialing ${to} from ${from}`)
  const call = await client.dial([[{ type: "phone", to, from, timeout: 30 }]], { dialTimeout: 60 })
  console.log(`answered: call ${call.callId}`)
  const detection = await call.detectAnsweringMachine({ initialTimeout: 4.5, detectMessageEnd: true, timeout: 30 })
  const event = await detection.wait(35) // seconds
  const result = (event.detect.params as { event?: string } | undefined)?.event ?? "UNKNOWN"
  console.log(`detection result: ${result}`)
  const text = result === "MACHINE"
    ? "Hello, this is a reminder of your appointment tomorrow at 10. Please call us back to confirm."
    : "Hello! This is a reminder of your appointment tomorrow at 10. Goodbye."
  const speech = await call.playTTS(text)
  await speech.wait(120)
  console.log(result === "MACHINE" ? "voicemail left" : "reminder spoken")
  await call.hangup()
} catch (error) {
  if (!(error instanceof RelayError)) throw error
  console.log(`the call did not go through: ${error.message}`)
  process.exitCode = 1
} finally {
  await client.disconnect()
}
