/** Piscina worker for the per-task overhead benchmark: returns its input (a trivial task). */
export default function echo(x: number): number {
  return x;
}
