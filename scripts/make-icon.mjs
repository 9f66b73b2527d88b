// Writes assets/icon.png (512x512 RGBA): a rounded teal square with a white cog ring.
// Plain Node (zlib + CRC32) so no image tool is needed. Run once; the PNG is committed.
import { writeFileSync } from "node:fs"
import { deflateSync } from "node:zlib"

const SIZE = 512
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, "ascii"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}
const rows = []
const c = SIZE / 2
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4)
  for (let x = 0; x < SIZE; x++) {
    const dx = x - c + 0.5
    const dy = y - c + 0.5
    const r = Math.hypot(dx, dy)
    const corner = Math.max(Math.abs(dx), Math.abs(dy)) > c - 4 ||
      (Math.abs(dx) > c - 96 && Math.abs(dy) > c - 96 && Math.hypot(Math.abs(dx) - (c - 96), Math.abs(dy) - (c - 96)) > 92)
    const angle = Math.atan2(dy, dx)
    const tooth = Math.cos(angle * 8) > 0.3 ? 34 : 0
    const ring = r < 150 + tooth && r > 78
    const o = 1 + x * 4
    if (corner) row.set([0, 0, 0, 0], o)
    else if (ring) row.set([255, 255, 255, 255], o)
    else row.set([15, 118, 110, 255], o)
  }
  rows.push(row)
}
const ihdr = Buffer.alloc(13)
ihdr.writeUInt32BE(SIZE, 0)
ihdr.writeUInt32BE(SIZE, 4)
ihdr.set([8, 6, 0, 0, 0], 8)
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", ihdr),
  chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
])
writeFileSync(new URL("../assets/icon.png", import.meta.url), png)
console.log(`assets/icon.png written (${png.length} bytes)`)
