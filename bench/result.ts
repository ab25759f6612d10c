/** One figure of bench/results.json (CONTRACT.md). */
export interface Result {
  key: string;
  value: number;
  unit: string;
  n: number;
  notes: string;
}
