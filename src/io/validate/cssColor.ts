import { parse } from 'culori';

const SAFE_CHARACTERS = /^[#a-zA-Z0-9(),.%\s/+-]+$/;

/** A CSS colour a browser understands, written without anything that could escape a style. */
export function isCssColor(text: string): boolean {
  const value = text.trim();
  return value.length <= 64 && SAFE_CHARACTERS.test(value) && parse(value) !== undefined;
}
