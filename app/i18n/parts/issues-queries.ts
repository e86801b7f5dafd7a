// Issues: lists, filters, search, statistics, timeline labels.
// English first; Russian must translate every key (the compiler checks).
const en = {
  'errors.issueCursorInvalid': 'This page link is out of date or damaged. Start again from the first page.',
  'errors.issuePageSize': 'Ask for 1 to {max} issues at a time.',
  'errors.issueStatisticsPeriod': 'Choose a period whose start comes before its end.',
  'errors.issueStatisticsTooLong': 'Choose a period of at most {max} months.',

  'issuesQueries.order.NEWEST': 'Newest first',
  'issuesQueries.order.OLDEST': 'Oldest first',
  'issuesQueries.order.DEADLINE': 'Next deadline first',
  'issuesQueries.order.SEVERITY': 'Most severe first',
  'issuesQueries.order.OVERDUE_FIRST': 'Overdue first',

  'issuesQueries.timeline.issue.raised': 'Raised',
  'issuesQueries.timeline.issue.assigned': 'Assigned',
  'issuesQueries.timeline.issue.acknowledged': 'Acknowledged',
  'issuesQueries.timeline.issue.responded': 'Responded officially',
  'issuesQueries.timeline.issue.resolved': 'Resolved',
  'issuesQueries.timeline.issue.rejected': 'Rejected',
  'issuesQueries.timeline.issue.reopened': 'Reopened',
  'issuesQueries.timeline.issue.followed_up': 'Information added by the reporter',
  'issuesQueries.timeline.issue.escalated': 'Escalated: a deadline was missed',
  'issuesQueries.timeline.issue.summary_published': 'Public summary published',
  'issuesQueries.timeline.issue.attachment_added': 'Evidence file added',
  'issuesQueries.timeline.other': 'Recorded: {action}',
  'issuesQueries.timeline.anonymousReporter': 'Anonymous reporter',
  'issuesQueries.timeline.platform': 'The platform',
  'issuesQueries.timeline.someone': 'A participant',
  'issuesQueries.timeline.assignedTo': 'to {name}',

  'issuesQueries.stats.fewerThanFive': 'fewer than 5',
  'issuesQueries.stats.fewerThanFiveExplained': 'Counts from 1 to 4 are not shown, so that a report cannot be traced back to the person who made it.',
  'issuesQueries.stats.atLeast': 'at least {count}',
  'issuesQueries.stats.totalsExplained': 'Totals add up the figures shown; where a figure is "fewer than 5", the true total is higher.',
  'issuesQueries.stats.categoryWithheld': 'withheld',
  'issuesQueries.stats.categoryWithheldExplained':
    'The breakdown by category is withheld for months with small counts: together with the offices it would reveal them.',
  'issuesQueries.stats.noOffice': 'No office given',
  'issuesQueries.summaries.delayExplained':
    'Summaries of anonymous reports appear at least {days} days after the report, so that their timing cannot identify the reporter.',
} as const;

const ru: Record<keyof typeof en, string> = {
  'errors.issueCursorInvalid': 'Ссылка на эту страницу устарела или повреждена. Начните снова с первой страницы.',
  'errors.issuePageSize': 'Можно запросить от 1 до {max} обращений за раз.',
  'errors.issueStatisticsPeriod': 'Выберите период, начало которого раньше его конца.',
  'errors.issueStatisticsTooLong': 'Выберите период не длиннее {max} месяцев.',

  'issuesQueries.order.NEWEST': 'Сначала новые',
  'issuesQueries.order.OLDEST': 'Сначала старые',
  'issuesQueries.order.DEADLINE': 'Сначала ближайший срок',
  'issuesQueries.order.SEVERITY': 'Сначала самые серьёзные',
  'issuesQueries.order.OVERDUE_FIRST': 'Сначала просроченные',

  'issuesQueries.timeline.issue.raised': 'Обращение подано',
  'issuesQueries.timeline.issue.assigned': 'Назначен ответственный',
  'issuesQueries.timeline.issue.acknowledged': 'Принято к рассмотрению',
  'issuesQueries.timeline.issue.responded': 'Дан официальный ответ',
  'issuesQueries.timeline.issue.resolved': 'Решено',
  'issuesQueries.timeline.issue.rejected': 'Отклонено',
  'issuesQueries.timeline.issue.reopened': 'Открыто повторно',
  'issuesQueries.timeline.issue.followed_up': 'Заявитель добавил сведения',
  'issuesQueries.timeline.issue.escalated': 'Эскалация: срок пропущен',
  'issuesQueries.timeline.issue.summary_published': 'Опубликовано открытое резюме',
  'issuesQueries.timeline.issue.attachment_added': 'Добавлен файл с доказательствами',
  'issuesQueries.timeline.other': 'Записано: {action}',
  'issuesQueries.timeline.anonymousReporter': 'Анонимный заявитель',
  'issuesQueries.timeline.platform': 'Платформа',
  'issuesQueries.timeline.someone': 'Участник',
  'issuesQueries.timeline.assignedTo': 'кому: {name}',

  'issuesQueries.stats.fewerThanFive': 'меньше 5',
  'issuesQueries.stats.fewerThanFiveExplained': 'Числа от 1 до 4 не показываются, чтобы по обращению нельзя было установить, кто его подал.',
  'issuesQueries.stats.atLeast': 'не менее {count}',
  'issuesQueries.stats.totalsExplained': 'Итоги складывают показанные числа; где стоит «меньше 5», настоящий итог больше.',
  'issuesQueries.stats.categoryWithheld': 'скрыто',
  'issuesQueries.stats.categoryWithheldExplained': 'Разбивка по категориям скрыта за месяцы с малыми числами: вместе с данными по постам она раскрыла бы их.',
  'issuesQueries.stats.noOffice': 'Пост не указан',
  'issuesQueries.summaries.delayExplained':
    'Резюме анонимных обращений появляются не раньше чем через {days} дн. после обращения, чтобы по времени нельзя было установить заявителя.',
};

export default { en, ru };
