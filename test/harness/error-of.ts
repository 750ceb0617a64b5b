/** The error a synchronous call throws; fails the test when it throws nothing. */
export const errorOf = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
};
