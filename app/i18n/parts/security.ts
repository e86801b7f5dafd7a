// Strings of one area of the interface. English first; Russian must translate every key (the compiler checks).
const en = {} as const;

const ru: Record<keyof typeof en, string> = {};

export default { en, ru };
