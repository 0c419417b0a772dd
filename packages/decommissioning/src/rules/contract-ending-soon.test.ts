import { describe, expect, it } from 'vitest';
import { checksOf, healthyService } from '../../test/fixtures.ts';
import { addMonths } from '../iso-date.ts';

describe('contract-ending-soon (today 2025-01-15, window 12 months)', () => {
  it('fires on the last day of the window, as info', () => {
    const [check] = checksOf('contract-ending-soon', [healthyService({ contractEnd: '2026-01-15' })]);
    expect(check).toMatchObject({
      status: 'fired',
      severity: 'info',
      category: 'timing',
      threshold: { contractWindowMonths: 12 },
    });
    expect(check?.explanation).toMatch(/ends on 2026-01-15, within 12 months of 2025-01-15/);
  });

  it('does not fire the day after the window', () => {
    expect(checksOf('contract-ending-soon', [healthyService({ contractEnd: '2026-01-16' })])[0]?.status).toBe(
      'clear',
    );
  });

  it('fires for a contract that has already ended, saying so', () => {
    const [check] = checksOf('contract-ending-soon', [healthyService({ contractEnd: '2024-12-31' })]);
    expect(check?.status).toBe('fired');
    expect(check?.explanation).toMatch(/ended on 2024-12-31/);
  });

  it('uses the configured window', () => {
    const s = healthyService({ contractEnd: '2025-07-15' });
    expect(
      checksOf('contract-ending-soon', [s], { thresholds: { contractWindowMonths: 6 } })[0]?.status,
    ).toBe('fired');
    expect(
      checksOf('contract-ending-soon', [s], { thresholds: { contractWindowMonths: 5 } })[0]?.status,
    ).toBe('clear');
  });

  it('adds calendar months, clamping to the end of a short month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });
});
