import type { Text } from '../core/forms';

/** A problem the user can act on; its text is shown as is, Vietnamese first. */
export class PaneError extends Error {
  constructor(readonly text: Text) {
    super(`${text.vi} / ${text.en}`);
  }
}
