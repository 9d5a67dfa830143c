import { detailMessage, fieldParams, serverMessage, type MessageLanguage, messageRef } from '@formloom/engine/messages';
import type { FormDefinition } from '@formloom/model';
import type { RowError } from './import-store.js';

/** The import's error workbook (errors.xlsx) in a language: sheet name, header cells, row messages. */
export interface ErrorReportWords {
  sheet: string;
  rowHeader: string;
  errorsHeader: string;
  /** One row error as a line: "数量：不能大于 10 (maximum)" — the field's label, the rule's message, the rule. */
  line(error: RowError): string;
}

export function errorReportWords(lang: MessageLanguage, definition: FormDefinition | undefined): ErrorReportWords {
  return {
    sheet: serverMessage(messageRef('exchange.import.sheet'), lang),
    rowHeader: serverMessage(messageRef('exchange.import.rowHeader'), lang),
    errorsHeader: serverMessage(messageRef('exchange.import.errorsHeader'), lang),
    line(error) {
      const detail = { path: error.field ? `data.${error.field}` : '', rule: error.rule, message: error.message };
      const params = definition && error.field ? fieldParams(definition, detail) : {};
      const label = params.label ?? (error.field || undefined);
      return `${detailMessage(detail, lang, { ...params, label })} (${error.rule})`;
    },
  };
}
