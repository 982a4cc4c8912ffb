/**
 * The server side of the benchmarks, run as a child process so that it never shares a core's
 * event loop with the client being measured: `server.ts sandbox` or `server.ts blaster` (see
 * servers.ts). Prints `READY <url>` once listening.
 */
import { startBlaster, startSandbox } from "./servers.js"

const mode = process.argv[2] ?? "sandbox"
const server = await (mode === "blaster" ? startBlaster() : startSandbox())
console.log(`READY ${server.url}`)
