/**
 * A bounded set of the most recent ids: `add` reports whether the id was new. The oldest id is
 * forgotten once `capacity` are held, so memory stays flat however long the client runs. A ring
 * remembers the order: evicting through the Set's own iterator would scan the holes its deletions
 * leave at the front, on every event.
 */
export class RecentIds {
  private readonly ids = new Set<string>()
  private readonly ring: Array<string | undefined>
  private next = 0

  constructor(capacity: number) {
    this.ring = new Array<string | undefined>(capacity).fill(undefined)
  }

  add(id: string): boolean {
    if (this.ids.has(id)) return false
    const evicted = this.ring[this.next]
    if (evicted !== undefined) this.ids.delete(evicted)
    this.ring[this.next] = id
    this.next = (this.next + 1) % this.ring.length
    this.ids.add(id)
    return true
  }
}
