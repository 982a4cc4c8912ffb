/**
 * Buy a number and point it at an agent's SWML URL, with the Promise `RestClient` of
 * `@signalwire-effect/sdk`: search the available numbers in an area code, purchase the first one,
 * and bind it to the SWML document an AI agent serves (`call_handler: "relay_script"`), so calls to
 * the number run the agent.
 *
 *   npm run example -- rest-numbers                    (against the sandbox)
 *   AREA_CODE=512 AGENT_URL=https://user:pass@agents.example.com/support npx tsx examples/rest-numbers.ts
 *                                                      (against SignalWire: this buys a number)
 */
import { RestClient, RestError } from "@signalwire-effect/sdk"

const areaCode = process.env.AREA_CODE ?? "555"
const agentUrl = process.env.AGENT_URL ?? "https://agents.example.com/support"

await using client = new RestClient() // SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN, SIGNALWIRE_SPACE
try {
  const { data: available } = await client.phoneNumbers.search({ areacode: areaCode, max_results: 3 })
  const candidate = available[0]
  if (candidate === undefined) throw new Error(`no number available in area code ${areaCode}`)
  console.log(`available: ${available.map((n) => n.number).join(", ")}`)

  const number = await client.phoneNumbers.purchase(candidate.number)
  console.log(`purchased ${number.number} (id ${number.id})`)

  const bound = await client.phoneNumbers.setSwmlWebhook(number.id, agentUrl, { name: "Support agent line" })
  console.log(`calls to ${bound.number} now run ${bound.call_relay_script_url} (call_handler ${bound.call_handler})`)
} catch (error) {
  if (error instanceof RestError) console.error(`the platform refused: ${error.statusCode} ${JSON.stringify(error.body)}`)
  else console.error(error)
  process.exitCode = 1
}
