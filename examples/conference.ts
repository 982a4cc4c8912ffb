/**
 * A conference: dials two participants, puts both into the same conference, reports the
 * conference's events, then takes everyone out and hangs up.
 *
 *   npm run example -- conference
 *   PARTICIPANTS=+1…,+1… FROM_NUMBER=+1… npx tsx --conditions=@signalwire-effect/source examples/conference.ts   (against SignalWire)
 */
import { type ConferenceEvent, parseEvent, RelayClient } from "@signalwire-effect/sdk"

const participants = (process.env.PARTICIPANTS ?? "+15551230001,+15551230002").split(",")
const from = process.env.FROM_NUMBER ?? "+15551234567"
const name = process.env.CONFERENCE ?? "team-standup"
const client = new RelayClient()
client.onEvent((eventType, params) => {
  if (eventType !== "calling.conference") return
  const event = parseEvent({ event_type: eventType, params }) as ConferenceEvent
  console.log(`conference ${event.name}: ${event.status}`)
})
await client.connect()

try {
  const calls = await Promise.all(participants.map((to) => client.dial([[{ type: "phone", to, from }]])))
  const conferenceIds = new Map<string, string>()
  for (const call of calls) {
    await (await call.playTTS(`Welcome to ${name}.`)).wait(60) // seconds
    const joined = await call.joinConference(name, { beep: "onEnter", startOnEnter: true, endOnExit: false })
    conferenceIds.set(call.callId, String(joined.conference_id))
    console.log(`${call.callId} joined ${name} (conference ${String(joined.conference_id)})`)
  }
  // Everyone talks for a while (here: a moment).
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.TALK_MILLIS ?? "500")))
  for (const call of calls) {
    await call.leaveConference(conferenceIds.get(call.callId) ?? "")
    await call.hangup()
    await call.waitForEnded(10_000) // milliseconds
    console.log(`${call.callId} left`)
  }
} finally {
  await client.disconnect()
}
