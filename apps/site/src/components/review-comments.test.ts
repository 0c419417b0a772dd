import { describe, expect, it } from 'vitest';
import { latestComments } from './review-comments.ts';

describe('latestComments', () => {
  it('returns the comments written with the latest request for changes only', () => {
    const events = [
      { action: 'submit', comment: null },
      { action: 'request-changes', comment: '1 change(s) requested' },
      { action: 'comment', comment: 'old: fix the title' },
      { action: 'submit', comment: null },
      { action: 'request-changes', comment: '2 change(s) requested' },
      { action: 'comment', comment: 'costs.0.money.priceYear: give a price year' },
      { action: 'comment', comment: 'Add the evaluation report' },
      { action: 'submit', comment: null },
    ];
    expect(latestComments(events)).toEqual([
      'costs.0.money.priceYear: give a price year',
      'Add the evaluation report',
    ]);
  });

  it('is empty when no changes were requested', () => {
    expect(latestComments([{ action: 'submit', comment: null }])).toEqual([]);
  });
});
