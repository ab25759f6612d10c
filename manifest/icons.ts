import fs from 'node:fs';
import path from 'node:path';
import { encodePng } from './png';

/**
 * Draws the app icons: a white heart (wellbeing) over two overlapping rings (organisations
 * working together) on the accent colour, and the same heart as a white-on-transparent
 * outline. Run `node --import tsx manifest/icons.ts` to regenerate the committed PNGs.
 */
const ACCENT = [0x0f, 0x6e, 0x5a];

/** Coverage 0..1 of a shape at pixel (x, y), 4×4 supersampled for smooth edges. */
function draw(size: number, inside: (u: number, v: number) => boolean, background?: number[]) {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const u = ((x + (sx + 0.5) / 4) / size) * 2 - 1;
          const v = 1 - ((y + (sy + 0.5) / 4) / size) * 2;
          if (inside(u, v)) hits++;
        }
      const a = hits / 16;
      const i = (y * size + x) * 4;
      if (background) {
        const [r, g, b] = background as [number, number, number];
        rgba[i] = Math.round(r + (255 - r) * a);
        rgba[i + 1] = Math.round(g + (255 - g) * a);
        rgba[i + 2] = Math.round(b + (255 - b) * a);
        rgba[i + 3] = 255;
      } else {
        rgba.set([255, 255, 255, Math.round(a * 255)], i);
      }
    }
  }
  return rgba;
}

/** The classic heart curve, scaled to `s` and lifted a little. */
const heart = (s: number) => (u: number, v: number) => {
  const x = u / s;
  const y = (v + 0.1) / s;
  return (x * x + y * y - 1) ** 3 - x * x * y * y * y <= 0;
};

const ring = (cx: number, cy: number, r: number, w: number) => (u: number, v: number) => {
  const d = Math.hypot(u - cx, v - cy);
  return d <= r && d >= r - w;
};

const colour = (u: number, v: number) =>
  heart(0.5)(u, v) || ring(-0.18, -0.05, 0.62, 0.07)(u, v) || ring(0.18, -0.05, 0.62, 0.07)(u, v);

const dir = path.dirname(__filename);
fs.writeFileSync(path.join(dir, 'color.png'), encodePng(192, 192, draw(192, colour, ACCENT)));
fs.writeFileSync(path.join(dir, 'outline.png'), encodePng(32, 32, draw(32, heart(0.78))));
