import type { FormDefinition } from '@formloom/model';
import { orderForm } from '../logic/fixture-definition';
import { kindsForm } from '../logic/fixture-kinds';

type Language = 'en' | 'zh-CN';

/** The same form with builder-written labels in Chinese, as a Chinese builder would write them. */
function relabelled(definition: FormDefinition, labels: Record<string, string>): FormDefinition {
  const fields = Object.fromEntries(
    Object.entries(definition.fields).map(([key, meta]) => [key, { ...meta, label: labels[key] ?? meta.label }]),
  );
  return { ...definition, fields };
}

export const orderFormZh = relabelled(orderForm, {
  f_customer: '客户',
  s_order: '订单信息',
  f_price: '单价',
  f_qty: '数量',
  f_total: '合计',
  f_invoice: '需要发票',
  f_title: '发票抬头',
  f_note: '备注',
});
orderFormZh.fields.x_hint = { ...orderFormZh.fields.x_hint, description: '发票将在 3 个工作日内寄出。' };

/** Sample forms of the workbench page, per language. */
export const workbenchForms: Record<string, { title: string; definition: FormDefinition }[]> = {
  order: [
    { title: 'Order', definition: orderForm },
    { title: '订单', definition: orderFormZh },
  ],
  kinds: [
    { title: 'Structured kinds', definition: kindsForm },
    { title: '结构化字段', definition: kindsForm },
  ],
};

export function workbenchForm(name: string, language: Language) {
  const pair = workbenchForms[name] ?? workbenchForms.order;
  return language === 'en' ? pair[0] : pair[1];
}
