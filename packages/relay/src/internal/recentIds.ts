/**
 * A bounded set of the most recent ids: `add` reports whether the id was new. The oldest id is
 * forgotten once `capacity` are held, so memory stays flat however long the client runs.
 */
export class RecentIds {
  private readonly ids = new Set<string>()

  constructor(private readonly capacity: number) {}

  add(id: string): boolean {
    if (this.ids.has(id)) return false
    this.ids.add(id)
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next()
      if (oldest.done !== true) this.ids.delete(oldest.value)
    }
    return true
  }
}
