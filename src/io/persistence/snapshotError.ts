/** A snapshot file that exists but cannot be used; start-up must stop, the file untouched. */
export class SnapshotError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`Cannot use the snapshot ${path}: ${problem}. The file was left as it is.`);
    this.name = 'SnapshotError';
  }
}
