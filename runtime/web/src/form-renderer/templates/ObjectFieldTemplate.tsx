import type { ObjectFieldTemplateProps } from '@rjsf/utils';

/** The form body: the fields one below the other (the form's own title is shown by the page). */
export function ObjectFieldTemplate({ properties }: ObjectFieldTemplateProps) {
  return (
    <div className="fl-form-fields">
      {properties.map((property) => (property.hidden ? null : <div key={property.name}>{property.content}</div>))}
    </div>
  );
}
