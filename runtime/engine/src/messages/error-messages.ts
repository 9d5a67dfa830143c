import type { FieldMeta, FormDefinition } from '@formloom/model';

/**
 * The server's errors in the user's language. The server writes English sentences, but every
 * error carries stable codes: `error.code` (VALIDATION_FAILED, DUPLICATE …) and, per detail,
 * `rule` (required, maxLength, unique, formula.unknownField …). This catalogue translates by
 * those codes, in zh-CN and en, with the field's label and limit as parameters, and is the one
 * place both the player and the designer (`@formloom/web/error-messages`) take them from.
 * A rule nobody translated yet falls back to the server's own sentence.
 * `error-messages.test.ts` walks the server sources and fails on a rule without a message here.
 */
export type ErrorLanguage = 'en' | 'zh-CN';

export interface ServerErrorDetail {
  path: string;
  rule: string;
  message: string;
}

export interface ServerErrorBody {
  code: string;
  message: string;
  details: readonly ServerErrorDetail[];
}

/**
 * Parameters a message may use: `{label}` (the field's name) and `{limit}` (a length, count,
 * size …); `kind` (the field's kind) picks a more precise message where one exists
 * (`format` on a URL field: "Not a valid web address").
 */
export interface ErrorMessageParams {
  label?: string;
  limit?: string | number;
  kind?: string;
}

/** A message, and its variant for when the limit is known. */
type Entry = string | { text: string; withLimit: string };
type Catalogue = Record<string, Entry>;

const RULES_EN: Catalogue = {
  // Values of fields (ajv keywords and the field kinds' own checks)
  required: 'This field is required',
  type: 'The value has the wrong type',
  format: 'The format is not valid',
  pattern: 'The format is not valid',
  phone: 'Not a valid mobile phone number',
  option: 'Not one of the options',
  enum: 'Not one of the allowed values',
  const: 'Not the allowed value',
  range: { text: 'The value is out of range', withLimit: 'Must be within {limit}' },
  minLength: { text: 'Too short', withLimit: 'At least {limit} characters' },
  maxLength: { text: 'Too long', withLimit: 'At most {limit} characters' },
  minimum: { text: 'Too small', withLimit: 'At least {limit}' },
  maximum: { text: 'Too large', withLimit: 'At most {limit}' },
  exclusiveMinimum: { text: 'Too small', withLimit: 'Must be more than {limit}' },
  exclusiveMaximum: { text: 'Too large', withLimit: 'Must be less than {limit}' },
  multipleOf: { text: 'Not an allowed step', withLimit: 'Must be a multiple of {limit}' },
  minItems: { text: 'Too few entries', withLimit: 'At least {limit} entries' },
  maxItems: { text: 'Too many entries', withLimit: 'At most {limit} entries' },
  uniqueItems: 'The same entry appears twice',
  minProperties: { text: 'Something must be given', withLimit: 'At least {limit} entries' },
  maxProperties: { text: 'Too many entries', withLimit: 'At most {limit} entries' },
  additionalProperties: 'Not an allowed property',
  additionalItems: 'Too many entries',
  propertyNames: 'A name is not valid',
  dependencies: 'A property it depends on is missing',
  dependentRequired: 'A property it depends on is missing',
  anyOf: 'The value does not match any allowed form',
  oneOf: 'The value does not match exactly one allowed form',
  not: 'The value is not allowed',
  if: 'The value does not meet a condition',
  contains: 'A required entry is missing',
  minContains: 'A required entry is missing',
  maxContains: 'Too many entries of one kind',
  unevaluatedProperties: 'Not an allowed property',
  unevaluatedItems: 'Too many entries',
  'false schema': 'No value is allowed here',
  unique: 'This value is already used by another record',
  unknownField: 'Not a field of this form',
  unknownRowField: 'Not another column of this row or a field of this form',
  unknownKey: 'Not an allowed property',
  forbiddenKey: 'This name is not allowed',
  storableKey: 'This name cannot be stored',
  systemField: 'System fields are set by the server',
  writable: 'You may not change this field',
  immutable: 'This value cannot be changed',
  // Files
  maxSize: { text: 'The file is too large', withLimit: 'The file is larger than {limit} MB' },
  fileType: 'This type of file is not accepted (checked by its content)',
  accept: 'This type of file is not accepted here',
  // Records, versions and drafts
  version: 'Someone else changed this record in the meantime',
  staleRevision: 'The draft was saved elsewhere in the meantime',
  cursor: 'The page position is no longer valid; start from the first page',
  // Conditions and filters
  operator: 'This comparison is not available for the field',
  unexpected: 'This comparison takes no value here',
  maxDepth: { text: 'Conditions are nested too deeply', withLimit: 'Groups nest at most {limit} deep' },
  maxNodes: { text: 'The condition is too long', withLimit: 'A condition has at most {limit} parts' },
  direction: 'The sort direction is not valid',
  path: 'Not a valid field path',
  // Form definitions (designer)
  unknownKind: 'This field kind is not available',
  layoutOnly: 'A layout element holds no value',
  mismatch: "The field's schema does not match its settings",
  kindChange: 'The field kind cannot change once records exist; add a new field instead',
  enabled: 'Turn the public link on first',
  notPublicFillable: 'A required field of this kind cannot be filled through a public link',
  syntax: 'The formula cannot be read',
  // Organisation and apps
  cycle: 'This would make a loop',
  exists: 'It does not exist',
  hasChildren: 'It still has sub-departments',
  hasMembers: 'It still has members',
  builtin: 'Built-in entries cannot be changed this way',
  inUse: 'It is still in use',
  lastAdmin: 'The last administrator must stay enabled',
  self: 'You cannot do this to yourself',
  selfRemoval: 'Keep yourself (or one of your roles) among the managers',
  matches: 'The current password is not correct',
  enabledUser: 'No enabled user has this id',
  // Links between records and forms
  link: 'No such record in the linked form (it may have been deleted)',
  linked: 'Other records link here; remove those links first',
  kind: 'This setting is not available for this field kind',
  // Public links and files
  published: 'Publish the form before sharing it',
  publicUpload: 'Upload the file through this form',
  noFileFields: 'This form has no attachment, image or signature field',
  egress: 'This address may not be called from the server',
  // Flows and tasks
  noBranch: 'No branch matches and there is no default branch',
  unknownNode: 'A connection points to a node that does not exist',
  unknownForm: 'The form does not exist or is not published',
  unknownFlow: 'The flow does not exist or is not published',
  noRecord: 'This flow runs on no record, so it has no fields',
  fieldKind: 'A field of another kind is needed here',
  buttonForm: 'This button belongs to another form',
  rateLimit: 'Too soon; wait a moment before doing this again',
  offered: 'This action is not offered at this step',
  pending: 'Only pending tasks can be acted on',
  notAllowed: 'Not allowed with this action',
  notSelf: 'Choose someone else',
  activeUser: 'Unknown or disabled user',
  readonly: 'This field cannot be edited at this step',
  earlierNode: 'You can only return to an earlier step',
  file: 'Upload the file first and send its id',
  returnTarget: 'There is nothing to return to',
  oneProcessFlowPerForm: 'This form already has an enabled process flow',
  invalid: 'The setting is not valid',
  // Message templates
  // Webhook deliveries
  failed: 'Only a failed delivery can be retried',
  built: 'The body could not be built from its template, so there is nothing to send',
  maxIterations: 'The template loops too often',
  timeout: 'The template took too long to render',
  render: 'The template could not be rendered',
  maxOutputLength: 'The rendered text is too long',
  json: 'The rendered body is not valid JSON',
  unescaped: 'Unescaped output is not available in HTML messages',
  partial: 'Partials are not available in message templates',
  decorator: 'Decorators are not available in message templates',
  forbiddenPath: 'Templates may not read this value',
  unknownHelper: 'The template uses an unknown helper',
  // Excel import
  column: 'This column does not exist in the file',
  header: 'The first row must name the columns',
  importable: 'This field cannot be filled by an import',
  link_ambiguous: 'Several records of the linked form have this name; use the record id',
  state: 'This import cannot do that now',
  // Storage and queue internals (reach a person only through a defect)
  indexConflict: 'An index with this name already exists differently',
  replacement: 'A replacement document may not contain operators',
  mongoSemantics: 'This query cannot be run the same way everywhere',
  exclusive: 'The data directory is in use by another process',
  oneHandlerPerQueue: 'This queue already has a handler',
  reachable: 'The job queue cannot be reached',
  timeZone: 'Not a valid time zone',
};

const RULES_ZH: Catalogue = {
  required: '此项为必填项',
  type: '值的类型不正确',
  format: '格式不正确',
  pattern: '格式不正确',
  phone: '不是有效的手机号码',
  option: '不是可选的选项',
  enum: '不是允许的值',
  const: '不是允许的值',
  range: { text: '超出允许的范围', withLimit: '须在 {limit} 范围内' },
  minLength: { text: '内容太短', withLimit: '至少 {limit} 个字符' },
  maxLength: { text: '内容太长', withLimit: '最多 {limit} 个字符' },
  minimum: { text: '数值太小', withLimit: '不能小于 {limit}' },
  maximum: { text: '数值太大', withLimit: '不能大于 {limit}' },
  exclusiveMinimum: { text: '数值太小', withLimit: '须大于 {limit}' },
  exclusiveMaximum: { text: '数值太大', withLimit: '须小于 {limit}' },
  multipleOf: { text: '不是允许的步长', withLimit: '须为 {limit} 的倍数' },
  minItems: { text: '条目太少', withLimit: '至少 {limit} 项' },
  maxItems: { text: '条目太多', withLimit: '最多 {limit} 项' },
  uniqueItems: '有重复的条目',
  minProperties: { text: '至少需要填写一项', withLimit: '至少 {limit} 项' },
  maxProperties: { text: '条目太多', withLimit: '最多 {limit} 项' },
  additionalProperties: '不允许的属性',
  additionalItems: '条目太多',
  propertyNames: '名称无效',
  dependencies: '缺少依赖的属性',
  dependentRequired: '缺少依赖的属性',
  anyOf: '值不符合任何允许的形式',
  oneOf: '值不符合唯一允许的形式',
  not: '不允许此值',
  if: '值不满足条件',
  contains: '缺少必需的条目',
  minContains: '缺少必需的条目',
  maxContains: '同类条目太多',
  unevaluatedProperties: '不允许的属性',
  unevaluatedItems: '条目太多',
  'false schema': '此处不允许填写值',
  unique: '该值已被其他记录使用',
  unknownField: '不是此表单的字段',
  unknownRowField: '不是本行的其他列，也不是此表单的字段',
  unknownKey: '不允许的属性',
  forbiddenKey: '不允许使用此名称',
  storableKey: '此名称无法保存',
  systemField: '系统字段由服务器填写',
  writable: '你无权修改此字段',
  immutable: '此值不可修改',
  maxSize: { text: '文件太大', withLimit: '文件超过 {limit} MB' },
  fileType: '不接受此类型的文件（按文件内容判断）',
  accept: '此处不接受此类型的文件',
  version: '此记录已被他人修改',
  staleRevision: '草稿已在别处保存过',
  cursor: '分页位置已失效，请从第一页开始',
  operator: '此字段不支持该比较方式',
  unexpected: '此比较方式在这里不需要值',
  maxDepth: { text: '条件嵌套层数太多', withLimit: '条件组最多嵌套 {limit} 层' },
  maxNodes: { text: '条件太长', withLimit: '条件最多包含 {limit} 项' },
  direction: '排序方向无效',
  path: '字段路径无效',
  unknownKind: '此字段类型不可用',
  layoutOnly: '布局元素不保存值',
  mismatch: '字段的 Schema 与其设置不一致',
  kindChange: '已有数据后不能更改字段类型，请新建字段',
  enabled: '请先开启公开链接',
  notPublicFillable: '此类型的必填字段无法通过公开链接填写',
  syntax: '公式无法解析',
  cycle: '这会形成循环',
  exists: '不存在',
  hasChildren: '仍有下级部门',
  hasMembers: '仍有成员',
  builtin: '内置项不能这样修改',
  inUse: '仍在使用中',
  lastAdmin: '最后一位管理员必须保持启用',
  self: '不能对自己执行此操作',
  selfRemoval: '请将你自己（或你的某个角色）保留在管理员中',
  matches: '当前密码不正确',
  enabledUser: '没有启用的用户使用此 ID',
  link: '关联表单中没有此记录（可能已被删除）',
  linked: '仍有其他记录关联到此处，请先解除关联',
  kind: '此字段类型不支持该设置',
  published: '请先发布表单再分享',
  publicUpload: '请通过此表单上传文件',
  noFileFields: '此表单没有附件、图片或签名字段',
  egress: '服务器不允许访问此地址',
  noBranch: '没有满足条件的分支，也没有默认分支',
  unknownNode: '连线指向了不存在的节点',
  unknownForm: '表单不存在或尚未发布',
  unknownFlow: '流程不存在或尚未发布',
  noRecord: '此流程不关联记录，因此没有字段可用',
  fieldKind: '此处需要其他类型的字段',
  buttonForm: '此按钮属于其他表单',
  rateLimit: '操作过于频繁，请稍后再试',
  offered: '当前步骤不提供此操作',
  pending: '只能处理待办中的任务',
  notAllowed: '此操作不允许这样做',
  notSelf: '请选择其他人',
  activeUser: '用户不存在或已停用',
  readonly: '此步骤不能编辑该字段',
  earlierNode: '只能退回到之前的步骤',
  file: '请先上传文件，再提交其编号',
  returnTarget: '没有可以退回的步骤',
  oneProcessFlowPerForm: '此表单已有启用的流程',
  invalid: '设置无效',
  // Webhook deliveries
  failed: '只有发送失败的投递可以重试',
  built: '无法根据模板生成请求内容，没有可发送的内容',
  maxIterations: '模板循环次数过多',
  timeout: '模板渲染超时',
  render: '模板无法渲染',
  maxOutputLength: '渲染结果太长',
  json: '渲染结果不是有效的 JSON',
  unescaped: 'HTML 消息中不能使用不转义的输出',
  partial: '消息模板中不能使用局部模板',
  decorator: '消息模板中不能使用装饰器',
  forbiddenPath: '模板不能读取此值',
  unknownHelper: '模板使用了未知的辅助函数',
  column: '文件中没有此列',
  header: '第一行须为列名',
  importable: '此字段不能通过导入填写',
  link_ambiguous: '关联表单中有多条数据名称相同，请填写数据 ID',
  state: '此导入当前不能执行该操作',
  indexConflict: '已存在同名但定义不同的索引',
  replacement: '替换文档中不能包含操作符',
  mongoSemantics: '此查询无法在所有存储上一致执行',
  exclusive: '数据目录正被另一个进程使用',
  oneHandlerPerQueue: '此队列已有处理程序',
  reachable: '无法连接任务队列',
  timeZone: '时区无效',
};

/** A rule said more precisely for a field kind: `<rule>@<kind>`. */
const BY_KIND_EN: Catalogue = {
  'format@url': 'Not a valid web address (it starts with http:// or https://)',
  'format@email': 'Not a valid email address',
  'format@date': 'Not a valid date (YYYY-MM-DD)',
  'format@datetime': 'Not a valid date and time',
  'type@number': 'Enter a number',
  'type@money': 'Enter an amount',
  'option@radio': 'Choose one of the options',
  'option@select': 'Choose one of the options',
};

const BY_KIND_ZH: Catalogue = {
  'format@url': '网址格式不正确（须以 http:// 或 https:// 开头）',
  'format@email': '邮箱格式不正确',
  'format@date': '日期格式不正确（YYYY-MM-DD）',
  'format@datetime': '日期时间格式不正确',
  'type@number': '请输入数字',
  'type@money': '请输入金额',
  'option@radio': '请从选项中选择',
  'option@select': '请从选项中选择',
};

/** Formula problems (`formula.<code>`, from the formula checker) without the checker's parameters. */
const FORMULA_EN: Catalogue = {
  emptyFormula: 'The formula is empty',
  unclosedString: 'A text in quotes is not closed with "',
  unclosedField: 'A field reference is not closed with }',
  badCharacter: 'The formula contains a character it cannot read',
  unexpectedEnd: 'The formula ends too early',
  unexpectedToken: 'The formula has something unexpected in it',
  missingParen: 'A closing parenthesis ) is missing',
  emptyField: 'A field reference {} is empty',
  unknownField: 'The formula refers to a field that does not exist',
  unknownColumn: 'The formula refers to a subform column that does not exist',
  subformNeedsColumn: 'Refer to a column of the subform, e.g. {subform.column}',
  notSubform: 'The formula uses a field as a subform that is not one',
  selfReference: 'The formula refers to its own field',
  unknownFunction: 'The formula uses a function that does not exist',
  tooFewArguments: 'A function is given too few arguments',
  tooManyArguments: 'A function is given too many arguments',
  expectsNumber: 'The formula uses text where a number is needed',
  expectsSingleValue: 'The formula uses a list where a single value is needed',
  circularReference: 'The formulas refer to each other in a circle',
};

const FORMULA_ZH: Catalogue = {
  emptyFormula: '公式为空',
  unclosedString: '引号中的文本缺少结束的 "',
  unclosedField: '字段引用缺少结束的 }',
  badCharacter: '公式中有无法识别的字符',
  unexpectedEnd: '公式不完整',
  unexpectedToken: '公式中有不应出现的内容',
  missingParen: '缺少右括号 )',
  emptyField: '字段引用 {} 为空',
  unknownField: '公式引用了不存在的字段',
  unknownColumn: '公式引用了子表单中不存在的字段',
  subformNeedsColumn: '请引用子表单中的字段，例如 {子表单.字段}',
  notSubform: '公式把非子表单字段当作子表单使用',
  selfReference: '公式引用了自身所在的字段',
  unknownFunction: '公式使用了不存在的函数',
  tooFewArguments: '函数的参数太少',
  tooManyArguments: '函数的参数太多',
  expectsNumber: '公式在需要数字的地方使用了文本',
  expectsSingleValue: '公式在需要单个值的地方使用了多个值',
  circularReference: '公式之间存在循环引用',
};

/** `error.code` of the whole answer (also the client's own NETWORK). */
const CODES_EN: Catalogue = {
  BAD_REQUEST: 'The request is not valid',
  VALIDATION_FAILED: 'Some values are not valid',
  UNAUTHORIZED: 'Please sign in again',
  FORBIDDEN: 'You do not have permission to do this',
  NOT_FOUND: 'It no longer exists',
  CONFLICT: 'This conflicts with the current state; reload and try again',
  VERSION_CONFLICT: 'Someone else changed this in the meantime',
  DUPLICATE: 'A record with the same value already exists',
  RATE_LIMITED: 'Too many requests; try again in a moment',
  PAYLOAD_TOO_LARGE: { text: 'The upload is too large', withLimit: 'The upload is larger than {limit} MB' },
  UNAVAILABLE: 'The service is unavailable right now; try again shortly',
  INTERNAL: 'Something went wrong on the server',
  NETWORK: 'The server cannot be reached; check your connection',
};

const CODES_ZH: Catalogue = {
  BAD_REQUEST: '请求无效',
  VALIDATION_FAILED: '部分内容填写有误',
  UNAUTHORIZED: '请重新登录',
  FORBIDDEN: '你没有执行此操作的权限',
  NOT_FOUND: '内容已不存在',
  CONFLICT: '与当前状态冲突，请刷新后重试',
  VERSION_CONFLICT: '已被他人修改',
  DUPLICATE: '已存在相同值的记录',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: { text: '上传的内容太大', withLimit: '上传的内容超过 {limit} MB' },
  UNAVAILABLE: '服务暂时不可用，请稍后再试',
  INTERNAL: '服务器出错了',
  NETWORK: '无法连接服务器，请检查网络',
};

const CATALOGUES: Record<ErrorLanguage, { rules: Catalogue; byKind: Catalogue; formula: Catalogue; codes: Catalogue }> =
  {
    en: { rules: RULES_EN, byKind: BY_KIND_EN, formula: FORMULA_EN, codes: CODES_EN },
    'zh-CN': { rules: RULES_ZH, byKind: BY_KIND_ZH, formula: FORMULA_ZH, codes: CODES_ZH },
  };

const FIELD_PREFIX: Record<ErrorLanguage, string> = { en: '{label}: {message}', 'zh-CN': '{label}：{message}' };

/** i18next's language (`zh-CN`, `zh`, `en-US` …) as one of the catalogue's. */
export function errorLanguage(language: string | undefined): ErrorLanguage {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? params[name] : m));
}

function render(entry: Entry, limit: string | number | undefined): string {
  if (typeof entry === 'string') return entry;
  return limit === undefined ? entry.text : fill(entry.withLimit, { limit: String(limit) });
}

function entryOf(rule: string, language: ErrorLanguage, kind?: string): Entry | undefined {
  const catalogue = CATALOGUES[language];
  const byKind = kind === undefined ? undefined : own(catalogue.byKind, `${rule}@${kind}`);
  if (byKind !== undefined) return byKind;
  if (rule.startsWith('formula.')) return own(catalogue.formula, rule.slice('formula.'.length));
  // Imports report a failed row without details by its code in lower case (`duplicate`).
  return own(catalogue.rules, rule) ?? own(catalogue.codes, rule.toUpperCase());
}

function own(catalogue: Catalogue, key: string): Entry | undefined {
  return Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
}

/** Whether the catalogue has a message for a detail's rule (a `formula.*` rule included). */
export function hasRuleMessage(rule: string): boolean {
  return entryOf(rule, 'en') !== undefined && entryOf(rule, 'zh-CN') !== undefined;
}

/** Whether the catalogue has a message for an answer's `error.code`. */
export function hasCodeMessage(code: string): boolean {
  return own(CODES_EN, code) !== undefined && own(CODES_ZH, code) !== undefined;
}

/** Limits the rules of RULES_WITH_LIMIT read, when the definition is not at hand: the first number of the server's sentence. */
function limitInMessage(message: string): string | undefined {
  return /-?\d+(?:\.\d+)?/.exec(message)?.[0];
}

const NUMERIC_RULES = new Set([
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'maxSize',
  'maxDepth',
  'maxNodes',
]);

/**
 * One detail in the user's language, without the field's name (for under the field). The
 * limit comes from `params`, else from the number in the server's sentence ("At most 5 file(s)").
 */
export function ruleMessage(detail: ServerErrorDetail, language: ErrorLanguage, params: ErrorMessageParams = {}) {
  const entry = entryOf(detail.rule, language, params.kind);
  if (entry === undefined) return detail.message;
  const limit = params.limit ?? (NUMERIC_RULES.has(detail.rule) ? limitInMessage(detail.message) : undefined);
  return render(entry, limit);
}

/** One detail with the field's name in front ("数量：不能大于 10"), for toasts and reports. */
export function detailMessage(detail: ServerErrorDetail, language: ErrorLanguage, params: ErrorMessageParams = {}) {
  const message = ruleMessage(detail, language, params);
  return params.label ? fill(FIELD_PREFIX[language], { label: params.label, message }) : message;
}

/** The answer's code in the user's language; the server's sentence for a code nobody translated. */
export function codeMessage(error: Pick<ServerErrorBody, 'code' | 'message'>, language: ErrorLanguage): string {
  const entry = own(CATALOGUES[language].codes, error.code);
  if (entry === undefined) return error.message;
  return render(entry, error.code === 'PAYLOAD_TOO_LARGE' ? limitInMessage(error.message) : undefined);
}

/**
 * A whole error answer as one line for a toast or an alert: the code's message, then each
 * detail with its field's label ("部分内容填写有误：数量：不能大于 10；名称：此项为必填项").
 */
export function errorMessage(
  error: ServerErrorBody,
  language: ErrorLanguage,
  paramsOf: (detail: ServerErrorDetail) => ErrorMessageParams = () => ({}),
): string {
  const head = codeMessage(error, language);
  if (error.details.length === 0) return head;
  const separator = language === 'zh-CN' ? '；' : '; ';
  const parts = error.details.map((d) => detailMessage(d, language, paramsOf(d)));
  return `${head}${language === 'zh-CN' ? '：' : ': '}${parts.join(separator)}`;
}

/** Anything thrown by an API call (an error carrying the body, or any Error) as a line for a person. */
export function thrownMessage(thrown: unknown, language: ErrorLanguage, definition?: FormDefinition): string {
  const body = errorBodyOf(thrown);
  if (body) return errorMessage(body, language, definition ? (d) => fieldParams(definition, d) : undefined);
  return thrown instanceof Error ? thrown.message : String(thrown);
}

const WRONG_CREDENTIALS: Record<ErrorLanguage, string> = {
  en: 'Wrong username or password',
  'zh-CN': '用户名或密码错误',
};

/** A failed sign-in: UNAUTHORIZED there means the credentials are wrong, not that the session ended. */
export function signInFailedMessage(thrown: unknown, language: ErrorLanguage): string {
  return errorBodyOf(thrown)?.code === 'UNAUTHORIZED' ? WRONG_CREDENTIALS[language] : thrownMessage(thrown, language);
}

/** The `{code, message, details}` of the player's ApiError (`.body`) or the designer's (own properties). */
export function errorBodyOf(thrown: unknown): ServerErrorBody | undefined {
  if (typeof thrown !== 'object' || thrown === null) return undefined;
  const candidate = 'body' in thrown ? (thrown as { body: unknown }).body : thrown;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const { code, message, details } = candidate as Partial<ServerErrorBody>;
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  return { code, message, details: Array.isArray(details) ? details : [] };
}

/**
 * The field a detail's path names, for its label and limits: `data.f_qty`, `items.3.data.f_qty`,
 * `f_qty`, subform cells `data.f_items.2.f_qty` (the column), definition paths `fields.f_qty.…`.
 */
export function fieldOfPath(
  definition: FormDefinition,
  path: string,
): { key: string; meta: FieldMeta; schema: Record<string, unknown> | undefined; rowLabel?: string } | undefined {
  const segments = path
    .replace(/^items\.\d+\./, '')
    .replace(/^(data|fields)\./, '')
    .split(/[.[\]]+/)
    .filter(Boolean);
  const [key, row, column] = segments;
  const meta = key === undefined ? undefined : definition.fields[key];
  if (!meta) return undefined;
  const columnMeta = column !== undefined ? meta.subform?.fields[column] : undefined;
  if (columnMeta) {
    const rowNumber = /^\d+$/.test(row ?? '') ? Number(row) + 1 : undefined;
    return {
      key: column,
      meta: columnMeta,
      schema: undefined,
      rowLabel: rowNumber === undefined ? meta.label : `${meta.label} #${rowNumber}`,
    };
  }
  return { key, meta, schema: definition.schema.properties[key] };
}

/** The limit a rule checked on a field: from its JSON Schema property or its settings. */
export function fieldLimit(
  rule: string,
  meta: FieldMeta,
  schema: Record<string, unknown> | undefined,
): string | number | undefined {
  const fromSchema = schema?.[rule];
  if (typeof fromSchema === 'number') return fromSchema;
  if (meta.kind === 'subform') {
    if (rule === 'minItems') return meta.subform?.minRows;
    if (rule === 'maxItems') return meta.subform?.maxRows;
  }
  if (rule === 'maxItems' && meta.file?.maxCount !== undefined) return meta.file.maxCount;
  if (rule === 'maxSize' && meta.file?.maxSizeMb !== undefined) return meta.file.maxSizeMb;
  return undefined;
}

/** `{label, limit}` of the field a detail names, when the form's definition is at hand. */
export function fieldParams(definition: FormDefinition, detail: ServerErrorDetail): ErrorMessageParams {
  const field = fieldOfPath(definition, detail.path);
  if (!field) return {};
  const label = field.rowLabel ? `${field.rowLabel} · ${field.meta.label}` : field.meta.label;
  return { label, limit: fieldLimit(detail.rule, field.meta, field.schema), kind: field.meta.kind };
}
