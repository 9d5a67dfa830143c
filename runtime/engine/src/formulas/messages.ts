/**
 * Messages of the formula checker by code, in English and Simplified Chinese. `{name}`-style
 * placeholders are filled from an issue's params. The designer may pass its own `t(code, params)`.
 */
export type FormulaMessageCode =
  | 'emptyFormula'
  | 'unclosedString'
  | 'unclosedField'
  | 'badCharacter'
  | 'unexpectedEnd'
  | 'unexpectedToken'
  | 'missingParen'
  | 'emptyField'
  | 'unknownField'
  | 'unknownColumn'
  | 'subformNeedsColumn'
  | 'notSubform'
  | 'selfReference'
  | 'unknownFunction'
  | 'tooFewArguments'
  | 'tooManyArguments'
  | 'expectsNumber'
  | 'expectsSingleValue'
  | 'circularReference';

export const FORMULA_MESSAGES: Record<'en' | 'zh-CN', Record<FormulaMessageCode, string>> = {
  en: {
    emptyFormula: 'The formula is empty',
    unclosedString: 'A text in quotes is not closed with "',
    unclosedField: 'A field reference is not closed with }',
    badCharacter: 'Unexpected character "{found}"',
    unexpectedEnd: 'The formula ends too early',
    unexpectedToken: 'Unexpected "{found}"',
    missingParen: 'A closing parenthesis ) is missing',
    emptyField: 'A field reference {} is empty',
    unknownField: 'There is no field "{name}"',
    unknownColumn: 'The subform "{subform}" has no column "{column}"',
    subformNeedsColumn: 'Refer to a column of the subform "{name}", e.g. {{name}.column}',
    notSubform: '"{name}" is not a subform',
    selfReference: 'The formula of "{name}" refers to itself',
    unknownFunction: 'There is no function {name}',
    tooFewArguments: '{name} needs at least {min} argument(s)',
    tooManyArguments: '{name} takes at most {max} argument(s)',
    expectsNumber: '{what} is text, but {where} needs a number',
    expectsSingleValue: '{what} is a list, but {where} needs a single value',
    circularReference: 'Circular reference: {path}',
  },
  'zh-CN': {
    emptyFormula: '公式为空',
    unclosedString: '引号中的文本缺少结束的 "',
    unclosedField: '字段引用缺少结束的 }',
    badCharacter: '无法识别的字符“{found}”',
    unexpectedEnd: '公式不完整',
    unexpectedToken: '此处不应出现“{found}”',
    missingParen: '缺少右括号 )',
    emptyField: '字段引用 {} 为空',
    unknownField: '字段“{name}”不存在',
    unknownColumn: '子表单“{subform}”中没有字段“{column}”',
    subformNeedsColumn: '请引用子表单“{name}”中的字段，例如 {{name}.字段}',
    notSubform: '“{name}”不是子表单',
    selfReference: '字段“{name}”的公式引用了自身',
    unknownFunction: '函数 {name} 不存在',
    tooFewArguments: '{name} 至少需要 {min} 个参数',
    tooManyArguments: '{name} 最多接受 {max} 个参数',
    expectsNumber: '{what} 是文本，但 {where} 需要数字',
    expectsSingleValue: '{what} 是多个值，但 {where} 需要单个值',
    circularReference: '循环引用：{path}',
  },
};

export type FormulaTranslate = (code: FormulaMessageCode, params: Record<string, string>) => string;

export function interpolate(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? params[name] : m));
}

/** A translator over the built-in messages of one locale. */
export function formulaMessages(locale: 'en' | 'zh-CN' = 'en'): FormulaTranslate {
  return (code, params) => interpolate(FORMULA_MESSAGES[locale][code], params);
}
