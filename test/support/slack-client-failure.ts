// Awaits a @slack/web-api call that must fail and returns the client's error for assertions.

/** The fields of @slack/web-api's errors that the tests look at. */
export interface SlackClientError {
  code?: string;
  statusCode?: number;
  retryAfter?: number;
  data?: { error?: string; response_metadata?: { messages?: string[] } };
}

export async function slackClientFailure(call: Promise<unknown>): Promise<SlackClientError> {
  try {
    await call;
  } catch (error) {
    return error as SlackClientError;
  }
  throw new Error('expected the call to fail');
}
