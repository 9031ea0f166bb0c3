// What every card renderer gets: the terminal width, the styling to use, and the zone dates are shown in.
import type { Style } from './style.ts';

export interface RenderContext {
  width: number;
  style: Style;
  timeZone: string;
}
