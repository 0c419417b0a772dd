import { describe, expect, it } from 'vitest';
import { buildPageItems } from './pagination.ts';

describe('buildPageItems', () => {
  it('shows every page when there are few', () => {
    expect(buildPageItems(2, 4)).toEqual([1, 2, 3, 4]);
  });

  it('shows first, last, the current page and its neighbours, with ellipses for gaps', () => {
    expect(buildPageItems(10, 20)).toEqual([1, 'ellipsis', 9, 10, 11, 'ellipsis', 20]);
    expect(buildPageItems(1, 20)).toEqual([1, 2, 'ellipsis', 20]);
  });

  it('shows a single missing page instead of an ellipsis', () => {
    expect(buildPageItems(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('clamps a page outside the range and returns nothing for no pages', () => {
    expect(buildPageItems(99, 3)).toEqual([1, 2, 3]);
    expect(buildPageItems(1, 0)).toEqual([]);
  });
});
