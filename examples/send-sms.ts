import { RelayClient } from "@signalwire-effect/sdk"

const client = new RelayClient({
  project: process.env.SIGNALWIRE_PROJECT_ID!,
  token: process.env.SIGNALWIRE_API_TOKEN!,
  contexts: ['default']
});
await client.connect();
const message = await client.sendMessage({ toNumber: '+15559876543', fromNumber: '+15551234567', body: 'Hello!' });
await message.wait();
await client.disconnect();
