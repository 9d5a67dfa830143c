import type { Doc, DocumentStore } from '@formloom/model';
import { localDate } from '../conditions/dynamic-values.js';
import { formatSerial, serialDate, serialPeriod } from '../fields/serial-pattern.js';
import { COUNTERS_COLLECTION } from './collections.js';
import type { CompiledForm } from './compiled-form.js';

interface CounterDoc extends Doc {
  seq: number;
}

/**
 * Assigns the form's serial numbers to `data` inside the write transaction. Each counter is a
 * document `serial:<formId>:<field>:<datePart>` incremented atomically (upserted), so concurrent
 * writers never get the same number and the counter restarts when the date part changes.
 */
export async function assignSerials(
  tx: DocumentStore,
  form: CompiledForm,
  data: Record<string, unknown>,
  now: Date,
  timeZone: string,
): Promise<void> {
  if (form.serials.length === 0) return;
  const date = serialDate(localDate(now, timeZone));
  const counters = tx.collection<CounterDoc>(COUNTERS_COLLECTION);
  for (const { key, tokens } of form.serials) {
    const id = `serial:${form.formId}:${key}:${serialPeriod(tokens, date)}`;
    const counter = await counters.findOneAndUpdate(
      { _id: id },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    data[key] = formatSerial(tokens, date, counter?.seq ?? 1);
  }
}
