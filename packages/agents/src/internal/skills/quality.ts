/**
 * The quality score of a scraped page for `web_search` (0 … about 1.1), the factors SignalWire's
 * SDKs weigh: length (0.25), word diversity (0.10), boilerplate (0.10), sentences (0.15), the
 * site's reputation (0.15) and relevance to the query (0.25).
 */

export interface Quality {
  readonly score: number
  readonly length: number
  readonly sentences: number
  readonly relevance: number
  /** "found/asked" query words, or "N/A" when the query has none that count. */
  readonly wordsFound: string
  readonly domain: string
}

const boilerplate = [
  "cookie", "privacy policy", "terms of service", "subscribe", "sign up", "log in", "advertisement", "sponsored",
  "copyright", "all rights reserved", "skip to", "navigation", "breadcrumb", "reddit inc", "google llc",
  "expand navigation", "members •", "archived post", "votes cannot be cast", "r/", "subreddit", "youtube",
  "facebook", "twitter", "instagram", "pinterest"
]

const goodSites = [
  "wikipedia.org", "starwars.fandom.com", "imdb.com", "screenrant.com", "denofgeek.com", "ign.com",
  "hollywoodreporter.com", "variety.com", "ew.com", "stackexchange.com", "stackoverflow.com", "github.com",
  "medium.com", "dev.to", "arxiv.org", "nature.com", "sciencedirect.com", "ieee.org"
]
const poorSites = ["reddit.com", "youtube.com", "facebook.com", "twitter.com", "instagram.com", "pinterest.com", "tiktok.com", "x.com"]

const stopWords = new Set([
  "the", "a", "an", "and", "or", "but", "in", "on", "at", "to", "for", "of", "with", "by", "from", "as", "is", "was",
  "are", "were"
])

const hostOf = (url: string): string => (URL.canParse(url) ? new URL(url).hostname.toLowerCase() : "")

const siteMatches = (host: string, site: string) => host === site || host.endsWith(`.${site}`)

export const quality = (text: string, url: string, query: string): Quality => {
  const domain = hostOf(url)
  if (text === "") return { score: 0, length: 0, sentences: 0, relevance: 0, wordsFound: "N/A", domain }
  const length = [...text].length
  const lengthScore = length < 500
    ? 0
    : length < 2000
    ? ((length - 500) / 1500) * 0.5
    : length <= 10000
    ? 1
    : Math.max(0.8, 1 - (length - 10000) / 20000)

  const words = text.toLowerCase().split(/\s+/).filter((w) => w !== "")
  const diversity = words.length === 0 ? 0 : Math.min(1, new Set(words).size / (words.length * 0.3))

  const lower = text.toLowerCase()
  const boiler = Math.max(0, 1 - boilerplate.filter((p) => lower.includes(p)).length * 0.15)

  const sentences = text.split(/[.!?]+/).filter((s) => s.trim().length > 30).length
  const sentenceScore = Math.min(1, sentences / 10)

  const site = goodSites.some((s) => siteMatches(domain, s)) ? 1.5 : poorSites.some((s) => siteMatches(domain, s)) ? 0.1 : 1

  const asked = query.toLowerCase().split(/\s+/).filter((w) => w.length > 2 && !stopWords.has(w))
  let relevance = 0.5
  let wordsFound = "N/A"
  if (asked.length > 0) {
    const hits = asked.filter((w) => lower.includes(w)).length
    let phrases = 0
    for (let i = 0; i + 1 < asked.length; i++) if (lower.includes(`${asked[i]} ${asked[i + 1]}`)) phrases += 0.2
    relevance = Math.min(1, hits / asked.length + phrases)
    wordsFound = `${hits}/${asked.length}`
  }

  const score = lengthScore * 0.25 + diversity * 0.1 + boiler * 0.1 + sentenceScore * 0.15 + site * 0.15 + relevance * 0.25
  return { score, length, sentences, relevance, wordsFound, domain }
}
