/** Time is a parameter: services take a Clock, tests pass a fixed one. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
