// Awaits a call that must fail with a DeliveryError and returns that error for assertions.
import { expect } from 'vitest';
import { DeliveryError } from '../../src/core/delivery-error.ts';

export async function deliveryFailure(call: Promise<unknown>): Promise<DeliveryError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected the call to fail');
}
