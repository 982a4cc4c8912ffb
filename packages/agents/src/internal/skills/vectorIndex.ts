/**
 * The in-memory search of `native_vector_search`: documents tokenised (lower-cased words of two or
 * more letters/digits, English stop words dropped), scored by TF-IDF blended with the share of the
 * query's distinct terms a document contains (`keyword_weight`, 0.3 unless given), filtered by
 * `similarity_threshold` and tags, best first.
 */

/** A document given to the skill in its `documents` parameter. */
export interface Document {
  readonly id: string
  readonly text: string
  readonly metadata?: { readonly [key: string]: unknown } | undefined
  readonly tags?: ReadonlyArray<string> | undefined
}

/** One hit: the text, its score and metadata (`filename`, `section`, `tags`…). */
export interface SearchResult {
  readonly content: string
  readonly score: number
  readonly metadata: { readonly [key: string]: unknown }
}

const STOP_WORDS = new Set(
  (
    "a an the is are was were be been being have has had do does did will would could should may might shall can " +
    "to of in for on with at by from as into through during before after above below between and but or nor not " +
    "so yet both either neither each every all any few more most other some such no only own same than too very " +
    "just because if when where how what which who whom this that these those i me my we our you your he him his " +
    "she her it its they them their about up out"
  ).split(" ")
)

/** Lower-cased words of two or more characters, punctuation and stop words removed. */
export const tokenize = (text: string): ReadonlyArray<string> =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, " ")
    .split(/\s+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))

const termFrequency = (tokens: ReadonlyArray<string>): ReadonlyMap<string, number> => {
  const counts = new Map<string, number>()
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1)
  const length = tokens.length === 0 ? 1 : tokens.length
  return new Map(Array.from(counts, ([term, count]) => [term, count / length]))
}

/** A built index: the documents (global tags merged into theirs), their term frequencies, the IDF. */
export interface Index {
  readonly documents: ReadonlyArray<Document & { readonly tags: ReadonlyArray<string> }>
  readonly tokens: ReadonlyArray<ReadonlySet<string>>
  readonly frequencies: ReadonlyArray<ReadonlyMap<string, number>>
  readonly idf: ReadonlyMap<string, number>
}

/** Index the documents with non-blank text; `globalTags` are added to every document's tags. */
export const build = (documents: ReadonlyArray<Document>, globalTags: ReadonlyArray<string> = []): Index => {
  const kept = documents
    .filter((d) => d.text.trim().length > 0)
    .map((d) => ({ ...d, tags: Array.from(new Set([...(d.tags ?? []), ...globalTags])) }))
  const tokenized = kept.map((d) => tokenize(d.text))
  const documentFrequency = new Map<string, number>()
  for (const tokens of tokenized) {
    for (const term of new Set(tokens)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1)
  }
  const total = kept.length === 0 ? 1 : kept.length
  const idf = new Map(
    Array.from(documentFrequency, ([term, frequency]) => [term, Math.log((total + 1) / (frequency + 1)) + 1])
  )
  return {
    documents: kept,
    tokens: tokenized.map((tokens) => new Set(tokens)),
    frequencies: tokenized.map(termFrequency),
    idf
  }
}

/** What a search is asked for. */
export interface Query {
  readonly query: string
  readonly count: number
  readonly similarityThreshold: number
  /** Keep only documents carrying one of these tags (none: no filter). */
  readonly tags: ReadonlyArray<string>
  /** 0 = pure TF-IDF, 1 = pure keyword overlap; 0.3 when undefined. */
  readonly keywordWeight?: number | undefined
}

/** The best `count` documents scoring above the threshold, best first (ties in document order). */
export const search = (index: Index, query: Query): ReadonlyArray<SearchResult> => {
  const queryTokens = tokenize(query.query)
  if (queryTokens.length === 0) return []
  const queryFrequency = termFrequency(queryTokens)
  const distinct = new Set(queryTokens)
  const weight = query.keywordWeight ?? 0.3
  return index.documents
    .map((document, i) => {
      let tfidf = 0
      for (const [term, queryWeight] of queryFrequency) {
        const idf = index.idf.get(term) ?? 1
        tfidf += queryWeight * (index.frequencies[i]!.get(term) ?? 0) * idf * idf
      }
      let matched = 0
      for (const term of distinct) if (index.tokens[i]!.has(term)) matched++
      const score = weight > 0 ? tfidf * (1 - weight) + (matched / distinct.size) * weight : tfidf
      return { document, score, i }
    })
    .filter((s) => s.score > query.similarityThreshold)
    .filter((s) => query.tags.length === 0 || query.tags.some((t) => s.document.tags.includes(t)))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, query.count)
    .map(({ document, score }) => ({
      content: document.text,
      score,
      metadata: { filename: document.id, ...document.metadata, tags: document.tags }
    }))
}

/** How results are worded for the model. */
export interface Wording {
  readonly noResultsMessage: string
  readonly responsePrefix: string
  readonly responsePostfix: string
  /** Total response budget, shared between the results (each gets at least 500 characters). */
  readonly maxContentLength: number
}

/** The reply text: a numbered list of results (truncated to share the budget) or the no-results message. */
export const format = (query: string, results: ReadonlyArray<SearchResult>, wording: Wording): string => {
  const { responsePostfix: postfix, responsePrefix: prefix } = wording
  if (results.length === 0) {
    const message = wording.noResultsMessage.replace("{query}", query)
    return [prefix, message, postfix].filter((s) => s.length > 0).join(" ")
  }
  const overhead = results.length * 300 + prefix.length + postfix.length + 100
  const perResult = Math.max(500, Math.floor((wording.maxContentLength - overhead) / results.length))
  const parts: Array<string> = []
  if (prefix.length > 0) parts.push(prefix)
  parts.push(`Found ${results.length} relevant results for '${query}':\n`)
  results.forEach((result, i) => {
    const filename = typeof result.metadata["filename"] === "string" ? result.metadata["filename"] : `result-${i + 1}`
    const section = typeof result.metadata["section"] === "string" ? result.metadata["section"] : ""
    const tagValue = result.metadata["tags"]
    const tags = Array.isArray(tagValue) ? tagValue.filter((t): t is string => typeof t === "string") : []
    const content = result.content.length > perResult ? `${result.content.slice(0, perResult)}...` : result.content
    let head = `**Result ${i + 1}** (from ${filename}`
    if (section.length > 0) head += `, section: ${section}`
    if (tags.length > 0) head += `, tags: ${tags.join(", ")}`
    parts.push(`${head}, relevance: ${result.score.toFixed(2)})\n${content}\n`)
  })
  if (postfix.length > 0) parts.push(postfix)
  return parts.join("\n")
}
