// Joint commitments: demo data texts.
// English first; Russian must translate every key (the compiler checks).
const en = {} as const;

const ru: Record<keyof typeof en, string> = {};

export default { en, ru };
