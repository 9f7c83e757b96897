export type InspectTarget =
  | { kind: 'relay'; port: number }
  | { kind: 'log'; file: string }
  /** The built-in page, /inspect, on the page's own (loopback) server. */
  | { kind: 'page' };

export const DEFAULT_INSPECT_PORT = 5678;

/** `--inspect` (empty), `--inspect=page`, `--inspect=PORT` or `--inspect=log:FILE`. */
export function parseInspectTarget(value: string): InspectTarget {
  if (value === '') return { kind: 'relay', port: DEFAULT_INSPECT_PORT };
  if (value === 'page') return { kind: 'page' };
  if (value.startsWith('log:') && value.length > 4) return { kind: 'log', file: value.slice(4) };
  const port = Number(value);
  if (Number.isInteger(port) && port > 0 && port < 65536) return { kind: 'relay', port };
  throw new Error(`--inspect: '${value}' is neither page, a port, nor log:FILE`);
}
