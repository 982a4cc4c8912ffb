/**
 * Page through the message logs with the Promise `RestClient` of `@signalwire-effect/sdk`: send a
 * few messages over REST, then iterate `logs.messages.paginate()`, which fetches one page at a
 * time (`page_size` per request) and follows the next-page links until there are none.
 *
 *   npm run example -- rest-logs                       (against the sandbox)
 *   FROM_NUMBER=+1… TO_NUMBER=+1… npx tsx examples/rest-logs.ts   (against SignalWire: this sends messages)
 */
import { RestClient } from "@signalwire-effect/sdk"

const from = process.env.FROM_NUMBER ?? "+15551234567"
const to = process.env.TO_NUMBER ?? "+15559876543"
const count = Number(process.env.COUNT ?? "5")

await using client = new RestClient() // SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN, SIGNALWIRE_SPACE

for (let i = 1; i <= count; i++) {
  const message = await client.messages.send({ from, to, body: `Log example message ${i} of ${count}` })
  console.log(`sent ${message.id} (${message.status})`)
}

let seen = 0
for await (const log of client.logs.messages.paginate({ page_size: 2 })) {
  seen++
  console.log(`${log.created_at ?? "?"}  ${log.id}  ${log.from} → ${log.to}  ${log.status} (${log.direction ?? "?"})`)
}
console.log(`${seen} message log entries, 2 per page`)
