/** One figure of bench/results.json (the figures are listed in the README). */
export interface Result {
  key: string;
  value: number;
  unit: string;
  n: number;
  notes: string;
}
