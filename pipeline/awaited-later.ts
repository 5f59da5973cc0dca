/**
 * A promise that is awaited later than it may fail (other awaits come first): marked as handled
 * now, so that Node does not end the process over an "unhandled" rejection meanwhile. Its
 * failure still surfaces where it is awaited.
 */
export function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
