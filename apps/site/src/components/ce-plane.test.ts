import { describe, expect, it } from 'vitest';
import { formatCompactPounds, layoutCePlane, type PlaneOption } from './ce-plane.ts';

const options: PlaneOption[] = [
  { slug: 'a', title: 'Cheap', costPence: 100_000_00, effect: 10, status: 'frontier' },
  { slug: 'b', title: 'Dear and weak', costPence: 300_000_00, effect: 5, status: 'strictly-dominated' },
  { slug: 'c', title: 'Dear and strong', costPence: 400_000_00, effect: 30, status: 'frontier' },
];

describe('layoutCePlane', () => {
  const plane = layoutCePlane(options, 'children or cases');

  it('puts more cost higher and more effect further right, inside the plot', () => {
    const [a, b, c] = plane.points;
    expect(a && b && c).toBeTruthy();
    if (!a || !b || !c) return;
    expect(b.y).toBeLessThan(a.y);
    expect(c.x).toBeGreaterThan(a.x);
    for (const p of plane.points) {
      expect(p.x).toBeGreaterThanOrEqual(plane.plot.left);
      expect(p.x).toBeLessThanOrEqual(plane.plot.right);
      expect(p.y).toBeGreaterThanOrEqual(plane.plot.top);
      expect(p.y).toBeLessThanOrEqual(plane.plot.bottom);
    }
  });

  it('draws the frontier through the undominated options only, cheapest first', () => {
    const [a, , c] = plane.points;
    expect(plane.frontierPath.split(' ')).toHaveLength(2);
    expect(plane.frontierPath.startsWith(`${Math.round((a?.x ?? 0) * 10) / 10},`)).toBe(true);
    expect(plane.frontierPath.endsWith(`,${Math.round((c?.y ?? 0) * 10) / 10}`)).toBe(true);
  });

  it('keys each option with a letter and describes every point in words', () => {
    expect(plane.points.map((p) => p.key)).toEqual(['A', 'B', 'C']);
    expect(plane.description).toContain('A, Cheap: £100,000 for 10 children or cases, on the frontier.');
    expect(plane.description).toContain('B, Dear and weak: £300,000 for 5 children or cases, dominated');
    expect(plane.description).toContain('The frontier runs through A, C.');
  });

  it('keeps zero on both axes and places it for negative effects', () => {
    const worse = layoutCePlane(
      [
        { slug: 'a', title: 'A', costPence: 5_000_00, effect: -4, status: 'strictly-dominated' },
        { slug: 'b', title: 'B', costPence: 1_000_00, effect: 8, status: 'frontier' },
      ],
      'percentage points',
    );
    expect(worse.zeroX).not.toBeNull();
    expect(worse.points[0]?.x).toBeLessThan(worse.zeroX ?? 0);
    expect(worse.points[1]?.x).toBeGreaterThan(worse.zeroX ?? 0);
    expect(worse.zeroY).toBe(worse.plot.bottom);
    expect(worse.frontierPath).toBe('');
    expect(worse.description).toContain('Only B is on the frontier.');
  });

  it('labels points on the right half to grow leftwards, so labels stay inside', () => {
    const right = plane.points.find((p) => p.slug === 'c');
    const left = plane.points.find((p) => p.slug === 'b');
    expect(right?.labelAnchor).toBe('end');
    expect(left?.labelAnchor).toBe('start');
  });

  it('gives round tick labels from zero', () => {
    expect(plane.yTicks[0]?.label).toBe('£0');
    expect(plane.yTicks.at(-1)?.label).toBe('£500k');
    expect(plane.xTicks.map((t) => t.label)).toEqual(['0', '12.5', '25', '37.5', '50']);
  });
});

describe('formatCompactPounds', () => {
  it('writes thousands, millions and billions briefly', () => {
    expect(formatCompactPounds(0)).toBe('£0');
    expect(formatCompactPounds(25_000_000)).toBe('£250k');
    expect(formatCompactPounds(150_000_000)).toBe('£1.5m');
    expect(formatCompactPounds(-200_000_000_000)).toBe('-£2bn');
  });
});
