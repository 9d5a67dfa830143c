/** Pattern presets of the validation editor (JSON Schema `pattern`, ECMAScript syntax). */
export const PATTERN_PRESETS = {
  mobile: '^1[3-9]\\d{9}$',
  email: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
  idNumber: '^[1-9]\\d{5}(18|19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]$',
  url: '^https?://\\S+$',
} as const;
export type PatternPreset = keyof typeof PATTERN_PRESETS;

export function presetOf(pattern: string | undefined): PatternPreset | undefined {
  return (Object.keys(PATTERN_PRESETS) as PatternPreset[]).find((p) => PATTERN_PRESETS[p] === pattern);
}

/** Whether the browser can compile the pattern (the server's ajv uses the same syntax). */
export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
