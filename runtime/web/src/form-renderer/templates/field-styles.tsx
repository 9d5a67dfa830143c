import { theme, type GlobalToken } from 'antd';
import { memo, useMemo } from 'react';

/**
 * The look of antd's vertical Form.Item (label above, required star, control, error and
 * description below), as one small stylesheet built from the theme's tokens. FieldTemplate draws
 * plain markup with these classes instead of an antd Form.Item per field: on a 200-field form the
 * Form.Item's grid, style and status hooks cost more than the inputs themselves.
 */
export const FIELD_CLASS = {
  form: 'fl-form',
  field: 'fl-field',
  label: 'fl-field-label',
  required: 'fl-field-required',
  control: 'fl-field-control',
  content: 'fl-field-content',
  withError: 'fl-field-with-error',
  error: 'fl-field-error',
  extra: 'fl-field-extra',
} as const;

const px = (n: number) => `${n}px`;

export function fieldStyleSheet(token: GlobalToken): string {
  const text = `font-size:${px(token.fontSize)};line-height:${token.lineHeight};`;
  const c = FIELD_CLASS;
  return [
    `.${c.form}{font-family:${token.fontFamily};color:${token.colorText};${text}}`,
    `.${c.field}{margin-bottom:${px(token.marginLG)};vertical-align:top;}`,
    `.${c.label}{padding:0 0 ${px(token.paddingXS)};overflow:hidden;white-space:initial;text-align:start;}`,
    `.${c.label}>label{position:relative;display:inline-flex;align-items:center;max-width:100%;` +
      `color:${token.colorTextHeading};font-size:${px(token.fontSize)};}`,
    `.${c.required}::before{content:"*";display:inline-block;margin-inline-end:${px(token.marginXXS)};` +
      `color:${token.colorError};font-size:${px(token.fontSize)};font-family:sans-serif;line-height:1;}`,
    `.${c.control}{position:relative;display:flex;align-items:center;min-height:${px(token.controlHeight)};}`,
    `.${c.content}{flex:auto;max-width:100%;}`,
    `.${c.error},.${c.extra}{${text}color:${token.colorTextDescription};}`,
    // As antd does, an error takes the place of the field's bottom margin rather than adding to it.
    `.${c.withError}{margin-bottom:0;}`,
    `.${c.error}{color:${token.colorError};min-height:${px(token.marginLG)};}`,
    `.${c.extra}{min-height:${px(token.controlHeightSM)};}`,
  ].join('\n');
}

/** The field stylesheet for the current antd theme; renders again only when the theme changes. */
export const FieldStyles = memo(function FieldStyles() {
  const { token } = theme.useToken();
  const css = useMemo(() => fieldStyleSheet(token), [token]);
  return <style>{css}</style>;
});
