// The package ships no types; it exports one function.
declare module 'nhs-number-validator' {
  export function validate(nhsNumber: string | number): boolean;
}
