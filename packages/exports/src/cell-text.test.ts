import { describe, expect, it } from 'vitest';
import { cellText, escapeFormula, plainText } from './cell-text.ts';
import type { Column } from './table.ts';

const text: Column = { name: 'label', type: 'string', description: 'text' };
const integer: Column = { name: 'amount_pence', type: 'integer', description: 'pence' };
const number: Column = { name: 'change', type: 'number', description: 'change' };
const flag: Column = { name: 'is_reduction', type: 'boolean', description: 'flag' };

describe('escapeFormula', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['＝1+1', "'＝1+1"],
  ])('prefixes %j with a single quote', (input, expected) => {
    expect(escapeFormula(input)).toBe(expected);
  });

  it.each(['Signs of Safety', 'a=b', '1-2', "'already quoted", '', ' =not at start'])(
    'leaves %j alone',
    (input) => {
      expect(escapeFormula(input)).toBe(input);
    },
  );
});

describe('cellText', () => {
  it('keeps a negative number in a numeric column a number', () => {
    expect(cellText(-2, integer)).toBe('-2');
    expect(cellText(-0.5, number)).toBe('-0.5');
  });

  it('escapes "-2" in a text column', () => {
    expect(cellText('-2', text)).toBe("'-2");
  });

  it('escapes a string that arrives in a numeric column, since it is text', () => {
    expect(cellText('=HYPERLINK("x")', integer)).toBe('\'=HYPERLINK("x")');
  });

  it('writes null and undefined as empty cells, and zero as 0', () => {
    expect(cellText(null, integer)).toBe('');
    expect(cellText(undefined, text)).toBe('');
    expect(cellText(0, integer)).toBe('0');
  });

  it('writes booleans as true/false and joins lists with "; ", escaping the joined text', () => {
    expect(cellText(true, flag)).toBe('true');
    expect(cellText(['early-help', 'send'], text)).toBe('early-help; send');
    expect(cellText(['=1', 'x'], text)).toBe("'=1; x");
  });

  it('does not write NaN or Infinity as numbers', () => {
    expect(cellText(Number.NaN, number)).toBe('NaN');
    expect(plainText(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
