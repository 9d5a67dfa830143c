import type { RegistryWidgetsType } from '@rjsf/utils';
import { CheckboxesWidget } from './CheckboxesWidget';
import { DateWidget } from './DateWidget';
import { FormulaWidget } from './FormulaWidget';
import { NumberWidget } from './NumberWidget';
import { RadioWidget } from './RadioWidget';
import { SelectWidget } from './SelectWidget';
import { SerialWidget } from './SerialWidget';
import { SwitchWidget } from './SwitchWidget';
import { TextareaWidget } from './TextareaWidget';
import { TextWidget } from './TextWidget';
import { UnsupportedWidget } from './UnsupportedWidget';

/** Player widgets keyed by field kind (the `ui:widget` buildUiSchema writes). */
export const playerWidgets: RegistryWidgetsType = {
  text: TextWidget,
  phone: TextWidget,
  email: TextWidget,
  url: TextWidget,
  textarea: TextareaWidget,
  number: NumberWidget,
  money: NumberWidget,
  select: SelectWidget,
  multiselect: SelectWidget,
  radio: RadioWidget,
  checkbox: CheckboxesWidget,
  switch: SwitchWidget,
  date: DateWidget,
  datetime: DateWidget,
  formula: FormulaWidget,
  serial: SerialWidget,
  unsupported: UnsupportedWidget,
};

export const WIDGET_KINDS: ReadonlySet<string> = new Set(Object.keys(playerWidgets).filter((k) => k !== 'unsupported'));
