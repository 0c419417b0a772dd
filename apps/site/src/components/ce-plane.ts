import { formatPounds } from '../lib/format.ts';
import { niceCeiling } from './outcome-chart.ts';

/**
 * The geometry of the cost-effectiveness plane on the Compare page: effect across (signed so that right is
 * better), cost up, each option a labelled point, and the efficiency frontier as a line through the options
 * that are not dominated. Pure, so the SVG is drawn on the server and the same figures feed the text
 * description and the table beside it.
 */

export const PLANE_WIDTH = 720;
export const PLANE_HEIGHT = 460;
const MARGIN = { left: 110, right: 24, top: 24, bottom: 64 };

export interface PlaneOption {
  slug: string;
  title: string;
  costPence: number;
  effect: number;
  status: 'frontier' | 'strictly-dominated' | 'extendedly-dominated';
}

export interface PlanePoint extends PlaneOption {
  x: number;
  y: number;
  /** Short label drawn beside the point ("A", "B" …), keyed to the table and the description. */
  key: string;
  labelAnchor: 'start' | 'end';
}

export interface PlaneTick {
  at: number;
  label: string;
}

export interface PlaneLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  points: PlanePoint[];
  /** SVG `points` attribute of the frontier, cheapest first; empty when fewer than two options are on it. */
  frontierPath: string;
  xTicks: PlaneTick[];
  yTicks: PlaneTick[];
  /** Where the zero lines fall (null when zero is outside the range). */
  zeroX: number | null;
  zeroY: number | null;
  description: string;
}

/** A scale from the data's minimum (or zero) to a round maximum, so that zero is always on the chart. */
function range(values: readonly number[]): [number, number] {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const top = max > 0 ? niceCeiling(max) : 0;
  const bottom = min < 0 ? -niceCeiling(-min) : 0;
  return top === bottom ? [bottom, bottom + 1] : [bottom, top];
}

function ticks(lo: number, hi: number, count: number): number[] {
  const step = (hi - lo) / count;
  return Array.from({ length: count + 1 }, (_, i) => lo + i * step);
}

const STATUS_TEXT: Record<PlaneOption['status'], string> = {
  frontier: 'on the frontier',
  'strictly-dominated': 'dominated (another option costs less and achieves at least as much)',
  'extendedly-dominated': 'extendedly dominated (a mix of two other options would do better)',
};

function formatEffect(value: number): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

/** Lays out the plane for one shared indicator; `effectUnit` names what the effect counts. */
export function layoutCePlane(options: readonly PlaneOption[], effectUnit: string): PlaneLayout {
  const plot = {
    left: MARGIN.left,
    right: PLANE_WIDTH - MARGIN.right,
    top: MARGIN.top,
    bottom: PLANE_HEIGHT - MARGIN.bottom,
  };
  const [x0, x1] = range(options.map((o) => o.effect));
  const [y0, y1] = range(options.map((o) => o.costPence));
  const sx = (v: number) => plot.left + ((v - x0) / (x1 - x0)) * (plot.right - plot.left);
  const sy = (v: number) => plot.bottom - ((v - y0) / (y1 - y0)) * (plot.bottom - plot.top);
  const mid = (plot.left + plot.right) / 2;
  const points: PlanePoint[] = options.map((o, i) => {
    const x = sx(o.effect);
    return {
      ...o,
      x,
      y: sy(o.costPence),
      key: String.fromCharCode(65 + i),
      labelAnchor: x > mid ? 'end' : 'start',
    };
  });
  const frontier = points
    .filter((p) => p.status === 'frontier')
    .sort((a, b) => a.costPence - b.costPence || a.effect - b.effect);
  const sentences = points.map(
    (p) =>
      `${p.key}, ${p.title}: ${formatPounds(p.costPence, { wholePounds: true })} for ${formatEffect(p.effect)} ${effectUnit}, ${STATUS_TEXT[p.status]}.`,
  );
  const frontierText =
    frontier.length >= 2
      ? ` The frontier runs through ${frontier.map((p) => p.key).join(', ')}.`
      : frontier.length === 1
        ? ` Only ${frontier[0]?.key} is on the frontier.`
        : '';
  return {
    width: PLANE_WIDTH,
    height: PLANE_HEIGHT,
    plot,
    points,
    frontierPath: frontier.length >= 2 ? frontier.map((p) => `${round(p.x)},${round(p.y)}`).join(' ') : '',
    xTicks: ticks(x0, x1, 4).map((v) => ({ at: sx(v), label: formatEffect(v) })),
    yTicks: ticks(y0, y1, 4).map((v) => ({ at: sy(v), label: formatCompactPounds(v) })),
    zeroX: x0 <= 0 && x1 >= 0 ? sx(0) : null,
    zeroY: y0 <= 0 && y1 >= 0 ? sy(0) : null,
    description: `Cost (up) against effect in ${effectUnit} (right is better). ${sentences.join(' ')}${frontierText}`,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Axis labels: "£0", "£250k", "£1.5m", "£2bn" (exact figures are in the table). */
export function formatCompactPounds(pence: number): string {
  const pounds = pence / 100;
  const abs = Math.abs(pounds);
  const sign = pounds < 0 ? '-' : '';
  const fmt = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  if (abs >= 1e9) return `${sign}£${fmt(abs / 1e9)}bn`;
  if (abs >= 1e6) return `${sign}£${fmt(abs / 1e6)}m`;
  if (abs >= 1e3) return `${sign}£${fmt(abs / 1e3)}k`;
  return `${sign}£${fmt(abs)}`;
}
