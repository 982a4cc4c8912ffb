import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { RestApi } from "@signalwire-effect/rest"
import { coverageTable, EXTRA_OPERATIONS, operations, section } from "../scripts/coverageTable.js"

describe("coverage table", () => {
  it("the README's table is what the script makes of the definition (regenerate with npm run rest:coverage)", () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, "..", "README.md"), "utf8")
    expect(section(readme)).toBe(coverageTable(RestApi.openApi()))
  })

  it("counts every group of the definition under its namespace, and finds every extra platform operation", () => {
    const ops = operations(RestApi.openApi())
    let endpoints = 0
    for (const group of Object.values(RestApi.api.groups)) endpoints += Object.keys(group.endpoints).length
    expect(ops).toHaveLength(endpoints)
    const fabric = ops.filter((o) => o.namespace === "fabric")
    expect(fabric.map((o) => o.key)).toContain("GET /api/fabric/resources/call_flow/{id}/versions")
    expect(fabric).toHaveLength(108)
    expect(ops.filter((o) => o.namespace === "video")).toHaveLength(32)
    const keys = new Set(ops.map((o) => o.key))
    expect(EXTRA_OPERATIONS.filter((k) => !keys.has(k))).toEqual([])
    expect(coverageTable(RestApi.openApi())).toContain(`${EXTRA_OPERATIONS.length} of ${EXTRA_OPERATIONS.length} covered`)
  })
})
