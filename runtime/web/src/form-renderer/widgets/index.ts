import type { RegistryWidgetsType } from '@rjsf/utils';
import { AddressWidget } from './AddressWidget';
import { CheckboxesWidget } from './CheckboxesWidget';
import { DateWidget } from './DateWidget';
import { FileUploadWidget } from './FileUploadWidget';
import { FormulaWidget } from './FormulaWidget';
import { LinkWidget } from './LinkWidget';
import { LocationWidget } from './LocationWidget';
import { NumberWidget } from './NumberWidget';
import { OrgWidget } from './OrgWidget';
import { RadioWidget } from './RadioWidget';
import { RichTextWidget } from './RichTextWidget';
import { SelectWidget } from './SelectWidget';
import { SerialWidget } from './SerialWidget';
import { SignatureWidget } from './SignatureWidget';
import { SubformWidget } from './SubformWidget';
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
  address: AddressWidget,
  location: LocationWidget,
  richtext: RichTextWidget,
  member: OrgWidget,
  members: OrgWidget,
  department: OrgWidget,
  departments: OrgWidget,
  link: LinkWidget,
  select_data: LinkWidget,
  subform: SubformWidget,
  attachment: FileUploadWidget,
  image: FileUploadWidget,
  signature: SignatureWidget,
  unsupported: UnsupportedWidget,
};

export const WIDGET_KINDS: ReadonlySet<string> = new Set(Object.keys(playerWidgets).filter((k) => k !== 'unsupported'));
