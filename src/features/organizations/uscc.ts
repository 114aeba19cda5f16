/** The characters a unified social credit code (统一社会信用代码, GB 32100-2015) is written with. */
export const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const usccPattern = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** Computes the check character for the first 17 characters of a code, or null if they are not valid. */
export function computeUsccCheck(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = usccAlphabet.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (weights[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return usccAlphabet.charAt(check);
}

/** Tells whether a code is 18 valid characters whose last one is the right check character. */
export function isValidUscc(code: string): boolean {
  if (!usccPattern.test(code)) return false;
  return computeUsccCheck(code.slice(0, 17)) === code.charAt(17);
}

/** Normalizes what people type (spaces, lower case) before validating. */
export function normalizeUscc(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}
