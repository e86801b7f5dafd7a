// Issues: domain messages (state machine, deadlines, receipt codes).
// English first; Russian must translate every key (the compiler checks). In Russian an issue is «обращение».
import { ISSUE_STATUSES, type IssueStatusName } from '../../domain/enums';

type Action = 'acknowledge' | 'respond' | 'resolve' | 'reject' | 'reopen' | 'assign' | 'followUp';
const ACTIONS: readonly Action[] = ['acknowledge', 'respond', 'resolve', 'reject', 'reopen', 'assign', 'followUp'];
type TransitionKey = `errors.issueTransition.${Action}.${IssueStatusName}` | `errors.issueTransition.${Action}`;

/** One refusal per action and status: what state the issue is in, then why the act is not possible in it. */
function transitionMessages(
  state: Record<IssueStatusName, string>,
  refusal: Record<Action, (status: IssueStatusName) => string>,
  generic: Record<Action, string>,
): Record<TransitionKey, string> {
  const messages = {} as Record<TransitionKey, string>;
  for (const action of ACTIONS) {
    messages[`errors.issueTransition.${action}`] = generic[action];
    for (const status of ISSUE_STATUSES) messages[`errors.issueTransition.${action}.${status}`] = `${state[status]} ${refusal[action](status)}`;
  }
  return messages;
}

const closed = (status: IssueStatusName) => status === 'RESOLVED' || status === 'REJECTED';

const en = {
  ...transitionMessages(
    {
      RAISED: 'This issue has not been acknowledged yet.',
      ACKNOWLEDGED: 'This issue has already been acknowledged.',
      RESPONDED: 'This issue has already been responded to.',
      RESOLVED: 'This issue is resolved.',
      REJECTED: 'This issue was rejected.',
      REOPENED: 'This issue has been reopened.',
    },
    {
      acknowledge: () => 'Only a newly raised issue can be acknowledged.',
      respond: (s) => (s === 'RAISED' ? 'Acknowledge it before responding.' : 'It can no longer be responded to; it would have to be reopened first.'),
      resolve: (s) => (s === 'RAISED' ? 'Acknowledge it before resolving it.' : 'It can no longer be resolved.'),
      reject: () => 'It can no longer be rejected.',
      reopen: () => 'Only a resolved or rejected issue can be reopened.',
      assign: () => 'A closed issue cannot be assigned; it would have to be reopened first.',
      followUp: (s) => (closed(s) ? 'Information can no longer be added. Reopen it, with a reason, to continue.' : 'Information cannot be added to it now.'),
    },
    {
      acknowledge: 'This issue cannot be acknowledged in its current state.',
      respond: 'This issue cannot be responded to in its current state.',
      resolve: 'This issue cannot be resolved in its current state.',
      reject: 'This issue cannot be rejected in its current state.',
      reopen: 'This issue cannot be reopened in its current state.',
      assign: 'This issue cannot be assigned in its current state.',
      followUp: 'Information cannot be added to this issue in its current state.',
    },
  ),
  'errors.issueReopenWindowClosed': 'An issue can be reopened only within {days} days of being closed; that time ended on {date}.',
  'errors.issueOccurredAtInvalid': 'Enter the date when it happened.',
  'errors.issueOccurredAtTooEarly': 'The date must be in the year 2000 or later.',
  'errors.issueOccurredAtFuture': 'The date cannot be in the future.',
  'errors.issueOutcomeRequired': 'Describe the outcome in at least 10 characters.',
  'errors.issueReopenReasonRequired': 'Give the reason for reopening in at least 10 characters.',
  'errors.issueAdministrationNotCustoms': 'Choose a customs administration.',
  'errors.issueOfficeNotOfAdministration': 'Choose an office or border post of the selected customs administration.',
  'errors.issueOfficeArchived': 'This office is no longer in use. Choose another one.',
  'errors.issueAssigneeNotOfficer': 'Issues can be assigned only to a liaison officer or administrator of the customs administration.',
  'errors.issueAlreadyAssigned': 'The issue is already assigned to this person.',
  'errors.issueFollowUpEmpty': 'Write the information you want to add, or a reason for reopening.',
  'errors.issueFollowUpBodyRequired': 'Describe the files you add in a few words (at least 10 characters).',
  'errors.issueSummaryOnlyAnonymous': 'A public summary is published only for anonymous issues; other issues are shown as they are.',
  'errors.receiptCodeFormat': 'Enter the 16 digits of your receipt code, for example 1234-5678-9012-3456.',
  'errors.receiptCodeNotFound': 'No issue matches this receipt code. Check the digits and try again.',
} as const;

const ru: Record<keyof typeof en, string> = {
  ...transitionMessages(
    {
      RAISED: 'Получение обращения ещё не подтверждено.',
      ACKNOWLEDGED: 'Получение обращения уже подтверждено.',
      RESPONDED: 'На обращение уже дан ответ.',
      RESOLVED: 'Обращение решено.',
      REJECTED: 'Обращение отклонено.',
      REOPENED: 'Обращение открыто повторно.',
    },
    {
      acknowledge: () => 'Подтвердить получение можно только у нового обращения.',
      respond: (s) => (s === 'RAISED' ? 'Сначала подтвердите получение, затем отвечайте.' : 'Ответить на него уже нельзя: сначала его нужно открыть повторно.'),
      resolve: (s) => (s === 'RAISED' ? 'Сначала подтвердите получение, затем решайте его.' : 'Решить его уже нельзя.'),
      reject: () => 'Отклонить его уже нельзя.',
      reopen: () => 'Повторно открыть можно только решённое или отклонённое обращение.',
      assign: () => 'Закрытое обращение нельзя назначить: сначала его нужно открыть повторно.',
      followUp: (s) =>
        closed(s) ? 'Добавить сведения уже нельзя. Чтобы продолжить, откройте его повторно, указав причину.' : 'Добавить к нему сведения сейчас нельзя.',
    },
    {
      acknowledge: 'В текущем состоянии нельзя подтвердить получение обращения.',
      respond: 'В текущем состоянии на обращение нельзя ответить.',
      resolve: 'В текущем состоянии обращение нельзя решить.',
      reject: 'В текущем состоянии обращение нельзя отклонить.',
      reopen: 'В текущем состоянии обращение нельзя открыть повторно.',
      assign: 'В текущем состоянии обращение нельзя назначить.',
      followUp: 'В текущем состоянии к обращению нельзя добавить сведения.',
    },
  ),
  'errors.issueReopenWindowClosed': 'Обращение можно открыть повторно только в течение {days} дней после закрытия; этот срок истёк {date}.',
  'errors.issueOccurredAtInvalid': 'Укажите дату, когда это произошло.',
  'errors.issueOccurredAtTooEarly': 'Дата должна быть не ранее 2000 года.',
  'errors.issueOccurredAtFuture': 'Дата не может быть в будущем.',
  'errors.issueOutcomeRequired': 'Опишите итог не короче 10 символов.',
  'errors.issueReopenReasonRequired': 'Укажите причину повторного открытия не короче 10 символов.',
  'errors.issueAdministrationNotCustoms': 'Выберите таможенную администрацию.',
  'errors.issueOfficeNotOfAdministration': 'Выберите таможенный орган или пункт пропуска выбранной администрации.',
  'errors.issueOfficeArchived': 'Этот таможенный орган больше не используется. Выберите другой.',
  'errors.issueAssigneeNotOfficer': 'Назначить обращение можно только офицеру связи или администратору таможенной администрации.',
  'errors.issueAlreadyAssigned': 'Обращение уже назначено этому человеку.',
  'errors.issueFollowUpEmpty': 'Напишите сведения, которые хотите добавить, или причину повторного открытия.',
  'errors.issueFollowUpBodyRequired': 'Опишите добавляемые файлы в нескольких словах (не короче 10 символов).',
  'errors.issueSummaryOnlyAnonymous': 'Публичная сводка публикуется только для анонимных обращений; остальные обращения показываются как есть.',
  'errors.receiptCodeFormat': 'Введите 16 цифр кода квитанции, например 1234-5678-9012-3456.',
  'errors.receiptCodeNotFound': 'Обращение с таким кодом квитанции не найдено. Проверьте цифры и попробуйте снова.',
};

export default { en, ru };
