/**
 * The charts' colours and font, as SVG presentation attributes (the CSP forbids style="" and <style>):
 * GOV.UK's tested text black, blue, red, dark grey and rule grey, and the site's system font stack.
 */
export const CHART = {
  ink: '#0b0c0c',
  blue: '#1d70b8',
  red: '#d4351c',
  grey: '#505a5f',
  rule: '#b1b4b6',
  /** Comparators on the outcome chart: orange-brown, apart from the service's own blue. */
  comparator: '#8f4a00',
  font: 'system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
} as const;
