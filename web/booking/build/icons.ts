import { crc32, deflateSync } from 'node:zlib';

/** The PWA's colours: the theme (status bar, splash) and the mark drawn on it. */
export const THEME_COLOUR = '#1456c9';
const BACKGROUND: Rgb = [0x14, 0x56, 0xc9];
const MARK: Rgb = [0xff, 0xff, 0xff];

type Rgb = [number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An RGB PNG of `size`×`size` pixels, each given by `pixel(x, y)`. */
export function png(size: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // truecolour
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3); // each row starts with filter type 0 (none)
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The app's icon: a calendar page (a white card with two rings and a tick) on the theme colour. `safe`
 * is the share of the icon the mark may fill: a maskable icon keeps it inside the central 80 % circle
 * that launchers never crop.
 */
export function bookingIcon(size: number, safe = 0.62): Buffer {
  const unit = (size * safe) / 10; // the mark is drawn on a 10×10 grid, centred
  const origin = (size - unit * 10) / 2;
  return png(size, (px, py) => {
    const x = (px + 0.5 - origin) / unit;
    const y = (py + 0.5 - origin) / unit;
    const inCard = x >= 0.5 && x <= 9.5 && y >= 1.5 && y <= 9.5;
    const inTopBar = inCard && y <= 3.5;
    const ring = (cx: number) => Math.abs(x - cx) <= 0.45 && y >= 0.5 && y <= 2.5;
    // The tick: two strokes, from (3, 6.2) down to (4.6, 7.8) and up to (7.2, 4.8).
    const near = (ax: number, ay: number, bx: number, by: number) => {
      const t = Math.max(
        0,
        Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
      );
      return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= 0.5;
    };
    const tick = near(3, 6.2, 4.6, 7.8) || near(4.6, 7.8, 7.2, 4.8);
    if (ring(3) || ring(7)) return MARK;
    if (inCard && y > 3.5 && y < 4.1) return BACKGROUND;
    if (inTopBar) return MARK;
    if (inCard) return tick ? BACKGROUND : MARK;
    return BACKGROUND;
  });
}

/** The icons the manifest names, by file name under icons/. */
export const ICONS = [
  { file: 'icon-192.png', size: 192, purpose: 'any', safe: 0.62 },
  { file: 'icon-512.png', size: 512, purpose: 'any', safe: 0.62 },
  { file: 'icon-maskable-512.png', size: 512, purpose: 'maskable', safe: 0.5 },
  { file: 'apple-touch-icon.png', size: 180, purpose: 'any', safe: 0.62 },
] as const;
