export type FormErrors = {
  fieldErrors?: Record<string, string[]>;
  formError?: { key: string; params?: Record<string, string | number> };
};
