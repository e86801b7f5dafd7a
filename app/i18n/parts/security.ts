// Strings of one area of the interface. English first; Russian must translate every key (the compiler checks).
// Security: GraphQL protocol limits and refusals (API clients see these messages), and the GraphiQL page.
const en = {
  'security.graphiql.title': 'Integrity Compact GraphQL',
  'security.graphiql.back': 'Back to Integrity Compact',
  'security.limits.listNodes':
    'This query could return about {found} list items; the limit is {max}. Ask for smaller pages (first/last) or fewer nested lists.',
  'security.limits.bodyTooLarge': 'The request body is too large: the limit is {max} bytes.',
  'security.csrf.required': 'A request with a session cookie must be sent as JSON (Content-Type: application/json) or carry an X-GraphQL-Yoga-CSRF header.',
} as const;

const ru: Record<keyof typeof en, string> = {
  'security.graphiql.title': 'GraphQL «Integrity Compact»',
  'security.graphiql.back': 'Вернуться в Integrity Compact',
  'security.limits.listNodes':
    'Этот запрос может вернуть около {found} элементов списков; предел — {max}. Запрашивайте страницы поменьше (first/last) или меньше вложенных списков.',
  'security.limits.bodyTooLarge': 'Тело запроса слишком велико: предел — {max} байт.',
  'security.csrf.required': 'Запрос с cookie сеанса должен отправляться как JSON (Content-Type: application/json) или содержать заголовок X-GraphQL-Yoga-CSRF.',
};

export default { en, ru };
