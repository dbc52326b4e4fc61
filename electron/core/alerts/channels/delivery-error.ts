/** A delivery that did not go through: a stable code and the exact error or the server's answer. */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** false: retrying cannot help (a 4xx other than 408/429, a refused configuration). */
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** What a channel's server said when it accepted the message. */
export interface Delivered {
  answer: string;
}
