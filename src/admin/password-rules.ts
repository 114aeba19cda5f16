import type { FormRule as Rule } from 'antd';
import i18next from 'i18next';
import { passwordSchema } from '../features/users/users.schema.ts';

/** Form rules for a new password: required, then the same rule the server applies. */
export function newPasswordRules(): Rule[] {
  return [
    { required: true, message: i18next.t('validation.required') },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value === '') return;
        const result = passwordSchema.safeParse(value);
        if (result.success) return;
        const common = result.error.issues.every(
          (i) => (i as { params?: { code?: string } }).params?.code === 'password_common',
        );
        throw new Error(i18next.t(common ? 'validation.password_common' : 'validation.password_weak'));
      },
    },
  ];
}

/** Form rules for repeating a new password held in the field `field`. */
export function repeatPasswordRules(field: string, mismatchMessage: string): Rule[] {
  return [
    { required: true, message: i18next.t('validation.required') },
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        if (!value || getFieldValue(field) === value) return;
        throw new Error(mismatchMessage);
      },
    }),
  ];
}
