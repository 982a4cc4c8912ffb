import { describe, expect, it } from "@effect/vitest"
import { RecentIds } from "../src/internal/recentIds.js"

describe("RecentIds", () => {
  it("reports repeats within the window and forgets the oldest beyond it", () => {
    const ids = new RecentIds(3)
    expect(["a", "b", "c"].map((id) => ids.add(id))).toEqual([true, true, true])
    expect(ids.add("a")).toBe(false)
    expect(ids.add("d")).toBe(true) // evicts "a"
    expect(ids.add("a")).toBe(true) // evicts "b"
    expect(ids.add("c")).toBe(false)
    expect(ids.add("b")).toBe(true)
  })

  it("stays bounded however many ids pass", () => {
    const ids = new RecentIds(100)
    for (let i = 0; i < 10_000; i++) ids.add(`id-${i}`)
    expect(ids.add("id-9999")).toBe(false)
    expect(ids.add("id-9899")).toBe(true)
  })
})
