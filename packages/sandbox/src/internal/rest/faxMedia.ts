/**
 * The media of a fax the sandbox received (cXML `<Receive>`): a real document of as many blank
 * pages as were received, in the `mediaType` asked for — a PDF (`application/pdf`, pages of the
 * `pageSize`: letter, legal or A4) or a multi-page TIFF (`image/tiff`, one bilevel 1×1 image per
 * page) — so that what an application downloads from `MediaUrl` opens as what it says it is.
 */

/** PDF page sizes in points (1/72 inch). */
const PAGE_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  letter: [612, 792],
  legal: [612, 1008],
  a4: [595, 842]
}

export const MEDIA_TYPES: ReadonlySet<string> = new Set(["application/pdf", "image/tiff"])
export const PAGE_SIZE_NAMES: ReadonlySet<string> = new Set(Object.keys(PAGE_SIZES))

const pdf = (pages: number, pageSize: string): Uint8Array => {
  const [width, height] = PAGE_SIZES[pageSize] ?? PAGE_SIZES.letter!
  const count = Math.max(1, pages)
  const kids = Array.from({ length: count }, (_, i) => `${3 + i} 0 R`).join(" ")
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
    ...Array.from({ length: count }, () => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] >>`)
  ]
  let text = "%PDF-1.4\n"
  const offsets: Array<number> = []
  objects.forEach((body, i) => {
    offsets.push(text.length)
    text += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = text.length
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) text += `${String(offset).padStart(10, "0")} 00000 n \n`
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(text)
}

/** Little-endian TIFF: per page an IFD of 8 entries and one byte of (white) image data. */
const tiff = (pages: number): Uint8Array => {
  const count = Math.max(1, pages)
  const ifdSize = 2 + 8 * 12 + 4
  const pageSize = ifdSize + 2 // the image byte, padded to a word
  const bytes = new Uint8Array(8 + count * pageSize)
  const view = new DataView(bytes.buffer)
  bytes.set([0x49, 0x49, 42, 0], 0)
  view.setUint32(4, 8, true)
  for (let page = 0; page < count; page++) {
    const at = 8 + page * pageSize
    const data = at + ifdSize
    const entries: ReadonlyArray<readonly [number, number, number]> = [
      [256, 3, 1], // ImageWidth
      [257, 3, 1], // ImageLength
      [258, 3, 1], // BitsPerSample
      [259, 3, 1], // Compression: none
      [262, 3, 0], // PhotometricInterpretation: white is zero
      [273, 4, data], // StripOffsets
      [278, 3, 1], // RowsPerStrip
      [279, 4, 1] // StripByteCounts
    ]
    view.setUint16(at, entries.length, true)
    entries.forEach(([tag, type, value], i) => {
      const entry = at + 2 + i * 12
      view.setUint16(entry, tag, true)
      view.setUint16(entry + 2, type, true)
      view.setUint32(entry + 4, 1, true)
      if (type === 3) view.setUint16(entry + 8, value, true)
      else view.setUint32(entry + 8, value, true)
    })
    view.setUint32(at + 2 + entries.length * 12, page + 1 < count ? at + pageSize : 0, true)
  }
  return bytes
}

/** The document of a received fax. */
export const document = (pages: number, mediaType: string, pageSize: string): Uint8Array =>
  mediaType === "image/tiff" ? tiff(pages) : pdf(pages, pageSize)
