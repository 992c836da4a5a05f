import { InvalidParameterException, NotFoundException, PublishCommand, SNSClient, SNSServiceException, ThrottledException } from '@aws-sdk/client-sns';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSnsPlainText, snsSubject, truncateUtf8 } from '../../src/adapters/sns-plain-text.ts';
import { deliveryFailure } from '../support/delivery-failure.ts';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-2:123456789012:clarion-local-office';

function notices() {
  return createSnsPlainText({ client: new SNSClient({ region: 'eu-west-2' }) });
}

function sentInput(): PublishCommandInput | undefined {
  return sns.commandCalls(PublishCommand)[0]?.args[0].input;
}


const metadata = { httpStatusCode: 400 };

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

describe('createSnsPlainText', () => {
  it('publishes the subject, the text and the alert key as a message attribute', async () => {
    // Act
    await notices().send({ topicArn: TOPIC, subject: 'Bookings are failing', text: 'Some doctors cannot book.', alertKey: 'bookings-5xx' });

    // Assess
    expect(sentInput()).toEqual({
      TopicArn: TOPIC,
      Subject: 'Bookings are failing',
      Message: 'Some doctors cannot book.',
      MessageAttributes: { alertKey: { DataType: 'String', StringValue: 'bookings-5xx' } },
    });
  });

  it('cuts a message over 256 KB and says it was shortened', async () => {
    // Prepare
    const text = 'é'.repeat(200_000);

    // Act
    await notices().send({ topicArn: TOPIC, subject: 's', text, alertKey: 'k' });

    // Assess
    const message = sentInput()?.Message ?? '';
    expect(Buffer.byteLength(message, 'utf8')).toBeLessThanOrEqual(256 * 1024);
    expect(message).toMatch(/^é+\n\n\[Message shortened/);
  });

  it('sends the subject as the message when the text is empty', async () => {
    // Act
    await notices().send({ topicArn: TOPIC, subject: 'Bookings are fixed', text: '  ', alertKey: 'k' });

    // Assess
    expect(sentInput()?.Message).toBe('Bookings are fixed');
  });

  it.each([
    ['InvalidParameterException', new InvalidParameterException({ message: 'bad subject', $metadata: metadata })],
    ['NotFoundException', new NotFoundException({ message: 'no topic', $metadata: metadata })],
    [
      'AuthorizationErrorException',
      new SNSServiceException({ name: 'AuthorizationErrorException', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'denied' }),
    ],
  ])('turns %s into a final config error', async (name, thrown) => {
    // Prepare
    sns.on(PublishCommand).rejects(thrown);

    // Act
    const error = await deliveryFailure(notices().send({ topicArn: TOPIC, subject: 's', text: 't', alertKey: 'k' }));

    // Assess
    expect(error).toMatchObject({ kind: 'config', code: name, retryable: false });
  });

  it('turns an SNS server error into a retryable server error', async () => {
    // Prepare
    sns.on(PublishCommand).rejects(new SNSServiceException({ name: 'InternalErrorException', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'oops' }));

    // Act
    const error = await deliveryFailure(notices().send({ topicArn: TOPIC, subject: 's', text: 't', alertKey: 'k' }));

    // Assess
    expect(error).toMatchObject({ kind: 'server', retryable: true });
  });

  it('turns throttling into a retryable rate-limited error', async () => {
    // Prepare
    sns.on(PublishCommand).rejects(new ThrottledException({ message: 'slow down', $metadata: metadata }));

    // Act
    const error = await deliveryFailure(notices().send({ topicArn: TOPIC, subject: 's', text: 't', alertKey: 'k' }));

    // Assess
    expect(error).toMatchObject({ kind: 'rate-limited', retryable: true });
  });

  it('turns a network failure into a retryable network error', async () => {
    // Prepare
    sns.on(PublishCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND sns.eu-west-2.amazonaws.com'), { code: 'ENOTFOUND' }));

    // Act
    const error = await deliveryFailure(notices().send({ topicArn: TOPIC, subject: 's', text: 't', alertKey: 'k' }));

    // Assess
    expect(error).toMatchObject({ kind: 'network', retryable: true });
  });

  it('sends through a client of its own when none is given', async () => {
    // Act
    await createSnsPlainText().send({ topicArn: TOPIC, subject: 's', text: 't', alertKey: 'k' });

    // Assess
    expect(sentInput()?.TopicArn).toBe(TOPIC);
  });
});

describe('snsSubject', () => {
  it('puts a subject with line breaks on one line', () => {
    // Act
    const subject = snsSubject('Bookings\nare\r\n\tfailing');

    // Assess
    expect(subject).toBe('Bookings are failing');
  });

  it('replaces typographic punctuation and accents with ASCII and drops what has no ASCII form', () => {
    // Act
    const subject = snsSubject('“Café” bookings — down… 🔥 ✓');

    // Assess
    expect(subject).toBe('"Cafe" bookings - down...');
  });

  it('cuts a long subject to under 100 characters ending in "..."', () => {
    // Act
    const subject = snsSubject('word '.repeat(40));

    // Assess
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^word word .*\.\.\.$/);
  });

  it('never gives an empty subject', () => {
    // Act
    const subject = snsSubject('🔥\n');

    // Assess
    expect(subject).toBe('Clarion alert');
  });
});

describe('truncateUtf8', () => {
  it('leaves text that fits unchanged', () => {
    // Act
    const text = truncateUtf8('short', 10, '…');

    // Assess
    expect(text).toBe('short');
  });

  it('never cuts a multi-byte character in half', () => {
    // Act: 'é' is two bytes, so five bytes hold two of them and a half.
    const text = truncateUtf8('ééé', 5);

    // Assess
    expect(text).toBe('éé');
  });
});
