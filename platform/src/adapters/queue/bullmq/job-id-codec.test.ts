import { describe, expect, it } from 'vitest';
import { decodeJobId, encodeJobId, encodeSchedulerId } from './job-id-codec.js';

/** Names of the keys BullMQ keeps beside job hashes under `<prefix>:<queue>:`. */
const BULLMQ_QUEUE_KEYS = [
  'wait',
  'paused',
  'meta',
  'id',
  'delayed',
  'prioritized',
  'active',
  'marker',
  'events',
  'stalled',
];

describe('BullMQ job id codec', () => {
  const samples = [
    'plain',
    'flow:42:step:7',
    '42',
    '-7',
    '100%',
    '%3A',
    'a:b',
    ':',
    '',
    'repeat:x:1',
    'j_x',
    'é:ü',
    ...BULLMQ_QUEUE_KEYS,
  ];

  it.each(samples)('round-trips %j', (id) => {
    expect(decodeJobId(encodeJobId(id))).toBe(id);
  });

  it.each(samples)('never yields an id BullMQ rejects or a queue key name: %j', (id) => {
    const encoded = encodeJobId(id);
    expect(encoded).not.toContain(':');
    expect(`${parseInt(encoded, 10)}`).not.toBe(encoded);
    expect(BULLMQ_QUEUE_KEYS).not.toContain(encoded);
  });

  it('keeps distinct ids distinct', () => {
    expect(new Set(samples.map(encodeJobId)).size).toBe(samples.length);
  });

  it('decodes the ids BullMQ gives scheduler iterations', () => {
    const jobId = `repeat:${encodeSchedulerId('nightly:digest')}:1767225600000`;
    expect(jobId.split(':')).toHaveLength(3);
    expect(decodeJobId(jobId)).toBe('repeat:nightly:digest:1767225600000');
  });
});
