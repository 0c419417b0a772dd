import type { OutcomeMeasure } from '@costed/schema';
import { classifyChange, formatOutcomeValue } from '../lib/format.ts';

/**
 * The geometry of the case-study outcome chart: one row per outcome, each on its own scale from zero
 * (outcomes have different units, so they are never drawn against one axis), with the baseline as a hollow
 * dot, the follow-up as a filled dot and any comparator as a tick. Pure, so the SVG is rendered on the
 * server with no client JavaScript, and the same figures go into the text description and the table.
 */

export const CHART_WIDTH = 960;
const LABEL_HEIGHT = 22;
const TRACK_HEIGHT = 76;
const ROW_HEIGHT = LABEL_HEIGHT + TRACK_HEIGHT + 14;
const PLOT_LEFT = 8;
const PLOT_RIGHT = CHART_WIDTH - 8;
const LEGEND_HEIGHT = 28;

export interface ChartPoint {
  x: number;
  /** How its label is anchored so that it stays inside the chart. */
  anchor: 'start' | 'middle' | 'end';
  value: number;
  label: string;
  year: string;
}

export interface ChartRow {
  /** Top of the row. */
  y: number;
  /** y of the track (the dots' centre line). */
  trackY: number;
  name: string;
  baseline: ChartPoint | undefined;
  followUp: ChartPoint;
  comparator: (ChartPoint & { name: string }) | undefined;
  /** Scale end and its label. */
  axisMax: { x: number; label: string };
  axisZero: { x: number; label: string };
  change: 'better' | 'worse' | 'no change' | undefined;
  betterDirection: 'higher' | 'lower';
}

export interface OutcomeChartLayout {
  width: number;
  height: number;
  legendY: number;
  rows: ChartRow[];
  /** One sentence per outcome: the chart's text alternative. */
  description: string;
}

/** A round number at or above `value` (1, 2, 2.5 or 5 times a power of ten) for the end of a scale. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Labels near an edge grow inwards; others are centred on their point. */
export function anchorFor(x: number): 'start' | 'middle' | 'end' {
  if (x < PLOT_LEFT + 90) return 'start';
  if (x > PLOT_RIGHT - 90) return 'end';
  return 'middle';
}

/** Lays out the chart for the outcomes that have numbers; `nameOf` turns an indicator id into its name. */
export function layoutOutcomeChart(
  outcomes: readonly OutcomeMeasure[],
  nameOf: (indicator: string) => string,
): OutcomeChartLayout {
  const rows: ChartRow[] = [];
  const sentences: string[] = [];
  outcomes.forEach((outcome, index) => {
    const values = [outcome.followUp.value, outcome.baseline?.value, outcome.comparator?.value].filter(
      (v): v is number => v !== undefined,
    );
    const min = Math.min(0, ...values);
    const max = niceCeiling(Math.max(...values.map(Math.abs)));
    const scale = (v: number) => PLOT_LEFT + ((v - min) / (max - min)) * (PLOT_RIGHT - PLOT_LEFT);
    const y = LEGEND_HEIGHT + index * ROW_HEIGHT;
    const point = (value: number, year: string): ChartPoint => ({
      x: scale(value),
      anchor: anchorFor(scale(value)),
      value,
      label: formatOutcomeValue(value, outcome.unit),
      year,
    });
    const name = nameOf(outcome.indicator);
    const baseline = outcome.baseline ? point(outcome.baseline.value, outcome.baseline.year) : undefined;
    const followUp = point(outcome.followUp.value, outcome.followUp.year);
    const change = outcome.baseline
      ? classifyChange(outcome.baseline.value, outcome.followUp.value, outcome.betterDirection)
      : undefined;
    rows.push({
      y,
      trackY: y + LABEL_HEIGHT + TRACK_HEIGHT / 2,
      name,
      baseline,
      followUp,
      comparator: outcome.comparator
        ? {
            ...point(outcome.comparator.value, outcome.comparator.year ?? ''),
            name: outcome.comparator.label,
          }
        : undefined,
      axisMax: { x: scale(max), label: formatOutcomeValue(max, outcome.unit) },
      axisZero: { x: scale(min), label: formatOutcomeValue(min, outcome.unit) },
      change,
      betterDirection: outcome.betterDirection,
    });
    const better = outcome.betterDirection === 'higher' ? 'higher is better' : 'lower is better';
    const comparator = outcome.comparator
      ? `; ${outcome.comparator.label}: ${formatOutcomeValue(outcome.comparator.value, outcome.unit)}`
      : '';
    sentences.push(
      baseline
        ? `${name}: from ${baseline.label} in ${baseline.year} to ${followUp.label} in ${followUp.year} (${change}; ${better})${comparator}.`
        : `${name}: ${followUp.label} in ${followUp.year}, no baseline reported (${better})${comparator}.`,
    );
  });
  return {
    width: CHART_WIDTH,
    height: LEGEND_HEIGHT + rows.length * ROW_HEIGHT,
    legendY: 14,
    rows,
    description: sentences.join(' '),
  };
}
