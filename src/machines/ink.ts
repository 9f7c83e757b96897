import { parse, wcagContrast } from 'culori';

const inks = new Map<string, '#fff' | '#1b1f24'>();
const DARK = '#1b1f24';

/**
 * The text colour for a badge on a background: white while it reads at a contrast of
 * 4.5:1 (WCAG AA), else whichever of white and near-black reads better. A moderator may
 * pick a light colour; the name on it must stay readable.
 */
export function inkOn(background: string | null): '#fff' | '#1b1f24' {
  if (background === null) return '#fff';
  let ink = inks.get(background);
  if (ink === undefined) {
    const color = parse(background);
    const onWhite = color ? wcagContrast(color, '#fff') : 21;
    ink = onWhite >= 4.5 || onWhite >= wcagContrast(color ?? '#000', DARK) ? '#fff' : DARK;
    if (inks.size > 10_000) inks.clear();
    inks.set(background, ink);
  }
  return ink;
}
