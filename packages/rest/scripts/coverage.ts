/**
 * Writes the coverage table of packages/rest/README.md from the generated OpenAPI document
 * (packages/rest/openapi.json; regenerate it first with `npm run rest:openapi`):
 * `npm run rest:coverage`. A test keeps the README in step.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import type * as OpenApi from "@effect/platform/OpenApi"
import { BEGIN, coverageTable, END } from "./coverageTable.js"

const root = path.join(import.meta.dirname, "..")
const doc = JSON.parse(fs.readFileSync(path.join(root, "openapi.json"), "utf8")) as OpenApi.OpenAPISpec
const table = coverageTable(doc)
const target = path.join(root, "README.md")
const readme = fs.readFileSync(target, "utf8")
const from = readme.indexOf(BEGIN)
const to = readme.indexOf(END)
const block = `${BEGIN}\n${table}\n${END}`
const next = from < 0 || to < from
  ? `${readme.trimEnd()}\n\n## Coverage\n\n${block}\n`
  : `${readme.slice(0, from)}${block}${readme.slice(to + END.length)}`
fs.writeFileSync(target, next)
console.log(table)
