import { formatPounds } from '../lib/format.ts';
import { formatCompactPounds } from './ce-plane.ts';
import { niceCeiling } from './outcome-chart.ts';

/**
 * The geometry of the appraisal chart: the cumulative discounted net benefit at the end of each year, one
 * bar per year from a zero line (below it the option has not yet paid for itself; the first bar that stays
 * above it is the discounted payback year). Pure, so the SVG is drawn on the server.
 */

export const APPRAISAL_CHART_WIDTH = 720;
export const APPRAISAL_CHART_HEIGHT = 340;
const MARGIN = { left: 90, right: 16, top: 20, bottom: 48 };

export interface AppraisalBar {
  year: number;
  x: number;
  width: number;
  /** Top edge and height of the bar (always drawn from the zero line). */
  y: number;
  height: number;
  pence: number;
  positive: boolean;
  label: string;
}

export interface AppraisalChartLayout {
  width: number;
  height: number;
  zeroY: number;
  plot: { left: number; right: number; top: number; bottom: number };
  bars: AppraisalBar[];
  yTicks: { at: number; label: string }[];
  description: string;
}

export function layoutAppraisalChart(
  years: readonly { year: number; cumulativeDiscountedNet: { pence: number } }[],
  paybackYear: number | null,
): AppraisalChartLayout {
  const plot = {
    left: MARGIN.left,
    right: APPRAISAL_CHART_WIDTH - MARGIN.right,
    top: MARGIN.top,
    bottom: APPRAISAL_CHART_HEIGHT - MARGIN.bottom,
  };
  const values = years.map((y) => y.cumulativeDiscountedNet.pence);
  const maxUp = Math.max(0, ...values);
  const maxDown = Math.max(0, ...values.map((v) => -v));
  const top = maxUp > 0 ? niceCeiling(maxUp) : 0;
  const bottom = maxDown > 0 ? -niceCeiling(maxDown) : 0;
  const [lo, hi] = top === bottom ? [0, 1] : [bottom, top];
  const sy = (v: number) => plot.bottom - ((v - lo) / (hi - lo)) * (plot.bottom - plot.top);
  const zeroY = sy(0);
  const slot = (plot.right - plot.left) / Math.max(1, years.length);
  const width = Math.max(2, Math.min(60, slot * 0.7));
  const bars = years.map((y, i) => {
    const v = y.cumulativeDiscountedNet.pence;
    const end = sy(v);
    return {
      year: y.year,
      x: plot.left + i * slot + (slot - width) / 2,
      width,
      y: Math.min(end, zeroY),
      height: Math.abs(end - zeroY),
      pence: v,
      positive: v >= 0,
      label: `Year ${y.year}`,
    };
  });
  const last = bars.at(-1);
  const payback =
    paybackYear === null
      ? 'It does not pay back within the years appraised.'
      : `It pays back, in discounted terms, in year ${paybackYear}.`;
  const description = last
    ? `Cumulative discounted net benefit at the end of each year, from ${formatPounds(bars[0]?.pence ?? 0, { wholePounds: true })} in year ${bars[0]?.year} to ${formatPounds(last.pence, { wholePounds: true })} in year ${last.year}. ${payback}`
    : 'No years were appraised.';
  const tickValues = Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
  return {
    width: APPRAISAL_CHART_WIDTH,
    height: APPRAISAL_CHART_HEIGHT,
    zeroY,
    plot,
    bars,
    yTicks: tickValues.map((v) => ({ at: sy(v), label: formatCompactPounds(v) })),
    description,
  };
}
