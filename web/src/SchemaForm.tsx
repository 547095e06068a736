/** Form fields generated from a document type's JSON Schema (its metadataSchema), so metadata fit what the graph validates. */
import { Form, Input, InputNumber, Select, Switch } from 'antd';

interface Property {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  maxLength?: number;
}

export function SchemaFields({ schema, prefix }: { schema: Record<string, unknown>; prefix: string }) {
  const properties = (schema.properties ?? {}) as Record<string, Property>;
  const required = new Set((schema.required ?? []) as string[]);
  return (
    <>
      {Object.entries(properties).map(([name, property]) => {
        const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
        const id = `${prefix}-${name}`;
        const label = property.title ?? name;
        const rules = [
          { required: required.has(name), message: `${label}: bắt buộc` },
          ...(property.pattern ? [{ pattern: new RegExp(property.pattern), message: `${label}: ${property.pattern}` }] : []),
        ];
        let control;
        if (property.enum) control = <Select id={id} aria-label={label} options={property.enum.map((v) => ({ value: v as string, label: String(v) }))} />;
        else if (type === 'integer' || type === 'number') control = <InputNumber id={id} aria-label={label} style={{ width: '100%' }} />;
        else if (type === 'boolean') control = <Switch id={id} aria-label={label} />;
        else control = <Input id={id} aria-label={label} maxLength={property.maxLength} placeholder={property.format === 'date' ? 'YYYY-MM-DD' : property.description} />;
        return (
          <Form.Item key={name} name={['metadata', name]} label={label} htmlFor={id} rules={rules} tooltip={property.description} valuePropName={type === 'boolean' ? 'checked' : 'value'}>
            {control}
          </Form.Item>
        );
      })}
    </>
  );
}
