// The event catalogue: every example is a valid event, and the envelope rejects what it should.
import { describe, expect, it } from 'vitest';
import { catalogue, detailSchemaOf, type EventDefinition } from '../../events/catalogue';

const metadata = {
  eventId: '01JD',
  schemaVersion: 1,
  correlationId: 'c-1',
  occurredAt: '2026-11-11T00:00:00.000Z',
};

describe('the event catalogue', () => {
  it.each(Object.entries(catalogue))('accepts the example of %s', (_, definition) => {
    expect(
      detailSchemaOf(definition as EventDefinition).safeParse({ metadata, data: definition.example }).success,
    ).toBe(true);
  });

  it.each(Object.entries(catalogue))(
    'names %s as a past-tense fact from an sbm.crm service',
    (name, definition) => {
      expect(definition.detailType).toBe(name);
      expect(definition.source).toMatch(/^sbm\.crm\.[a-z]+$/);
    },
  );

  it('rejects an event without metadata or with unknown fields', () => {
    const schema = detailSchemaOf(catalogue.CustomerRegistered);
    expect(schema.safeParse({ data: catalogue.CustomerRegistered.example }).success).toBe(false);
    expect(
      schema.safeParse({ metadata, data: { ...catalogue.CustomerRegistered.example, phone: '138' } }).success,
    ).toBe(false);
  });
});
