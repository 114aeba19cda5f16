import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * Asks for a full garbage collection. Bulk work (an import of thousands of rows) makes much
 * short-lived garbage that a small young generation promotes; collected only when the heap's limit
 * is reached, it would hold hundreds of megabytes meanwhile. Called between the chunks of such work,
 * a collection takes tens of milliseconds and keeps the process near its live size.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
