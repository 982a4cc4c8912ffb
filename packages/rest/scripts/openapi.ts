/**
 * Writes the OpenAPI document of the API definition to packages/rest/openapi.json
 * (`npm run rest:openapi`), so that what the SDK covers can be diffed against SignalWire's spec.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { RestApi } from "@signalwire-effect/rest"

const target = path.join(import.meta.dirname, "..", "openapi.json")
fs.writeFileSync(target, `${JSON.stringify(RestApi.openApi(), null, 2)}\n`)
console.log(`wrote ${target}`)
