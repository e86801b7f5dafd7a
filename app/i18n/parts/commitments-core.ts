// Joint commitments: the domain's error messages (commitment-schemas.ts, commitments.server.ts, milestones.server.ts).
// English first; Russian must translate every key (the compiler checks). In Russian a commitment is «совместное
// обязательство», a milestone «этап», an action plan «план действий», a party «сторона», the monitor «наблюдатель».
import {
  COMMITMENT_PHASES,
  type CommitmentPhaseName,
  MILESTONE_STATES,
  type MilestoneStateName,
  PARTY_RESPONSES,
  type PartyResponseName,
} from '../../domain/enums';

type CommitmentAct = 'accept' | 'decline' | 'cancel' | 'addMilestone' | 'updateMilestone' | 'complete' | 'confirm' | 'dispute' | 'attest';
const COMMITMENT_ACTS: readonly CommitmentAct[] = [
  'accept',
  'decline',
  'cancel',
  'addMilestone',
  'updateMilestone',
  'complete',
  'confirm',
  'dispute',
  'attest',
];
type MilestoneAct = 'complete' | 'confirm' | 'dispute' | 'attest' | 'update';
const MILESTONE_ACTS: readonly MilestoneAct[] = ['complete', 'confirm', 'dispute', 'attest', 'update'];
type PartyAct = 'accept' | 'decline' | 'cancel';
const PARTY_ACTS: readonly PartyAct[] = ['accept', 'decline', 'cancel'];

type PhaseKey = `errors.commitmentPhase.${CommitmentAct}.${CommitmentPhaseName}`;
type StateKey = `errors.milestoneState.${MilestoneAct}.${MilestoneStateName}`;
type PartyKey = `errors.commitmentParty.${PartyAct}.${PartyResponseName}`;

/** One refusal per act and phase/state/answer: what state it is in, then why the act is not possible in it. */
function matrix<A extends string, S extends string, K extends string>(
  prefix: string,
  acts: readonly A[],
  states: readonly S[],
  state: Record<S, string>,
  refusal: Record<A, (s: S) => string>,
): Record<K, string> {
  const messages: Record<string, string> = {};
  for (const act of acts) for (const s of states) messages[`${prefix}.${act}.${s}`] = `${state[s]} ${refusal[act](s)}`;
  return messages as Record<K, string>;
}

const en = {
  ...matrix<CommitmentAct, CommitmentPhaseName, PhaseKey>(
    'errors.commitmentPhase',
    COMMITMENT_ACTS,
    COMMITMENT_PHASES,
    {
      PROPOSED: 'This commitment has not been accepted by every party yet.',
      ACTIVE: 'Every party has already accepted this commitment.',
      CANCELLED: 'This commitment was cancelled.',
    },
    {
      accept: () => 'Only a proposed commitment can be accepted.',
      decline: () => 'Only a proposed commitment can be declined.',
      cancel: () => 'It can no longer be cancelled.',
      addMilestone: () => 'Milestones can no longer be added.',
      updateMilestone: () => 'Its milestones can no longer be changed.',
      complete: (p) => (p === 'PROPOSED' ? 'Milestones can be marked done once it is active.' : 'Its milestones can no longer be marked done.'),
      confirm: (p) => (p === 'PROPOSED' ? 'Milestones can be confirmed once it is active.' : 'Its milestones can no longer be confirmed.'),
      dispute: (p) => (p === 'PROPOSED' ? 'Milestones can be disputed once it is active.' : 'Its milestones can no longer be disputed.'),
      attest: (p) => (p === 'PROPOSED' ? 'Milestones can be attested once it is active.' : 'Its milestones can no longer be attested.'),
    },
  ),
  ...matrix<MilestoneAct, MilestoneStateName, StateKey>(
    'errors.milestoneState',
    MILESTONE_ACTS,
    MILESTONE_STATES,
    {
      OPEN: 'This milestone is open: it has not been marked done.',
      DONE: 'This milestone has been marked done and awaits the parties’ confirmations.',
      COMPLETED: 'This milestone is completed: every party confirmed it.',
    },
    {
      complete: () => 'Only an open milestone can be marked done.',
      confirm: () => 'Only a milestone marked done can be confirmed.',
      dispute: () => 'Only a milestone marked done can be disputed.',
      attest: () => 'Only a completed milestone can be attested.',
      update: () => 'Only an open milestone can be changed.',
    },
  ),
  ...matrix<PartyAct, PartyResponseName, PartyKey>(
    'errors.commitmentParty',
    PARTY_ACTS,
    PARTY_RESPONSES,
    {
      PENDING: 'Your organisation has not answered this proposal yet.',
      ACCEPTED: 'Your organisation has already accepted this commitment.',
      DECLINED: 'Your organisation declined this commitment.',
    },
    {
      accept: () => 'There is nothing more to accept.',
      decline: (r) => (r === 'DECLINED' ? 'It cannot decline it twice.' : 'It can no longer decline it.'),
      cancel: () => 'Only a party that accepted it can agree to cancel it.',
    },
  ),
  'errors.commitment.dateInvalid': 'Enter a real date as YYYY-MM-DD.',
  'errors.commitment.endBeforeStart': 'The end date cannot be before the start date.',
  'errors.commitment.partiesRequired': 'Name at least one other organisation as a party.',
  'errors.commitment.partyDuplicate': 'Each organisation can be a party only once.',
  'errors.commitment.partyUnverified': 'Only verified organisations can be parties to a commitment.',
  'errors.commitment.customsPartyRequired': 'At least one party must be a customs administration.',
  'errors.commitment.monitorIsParty': 'The monitor must be independent: it cannot be a party.',
  'errors.commitment.monitorNotPartner': 'The monitor must be a partner organisation.',
  'errors.commitment.monitorUnverified': 'The monitor must be a verified organisation.',
  'errors.commitment.planAdministrationNotParty': 'The action plan’s customs administration must be a party to the commitment.',
  'errors.commitment.pledgeNotPublished': 'Only published pledges can be linked.',
  'errors.commitment.responsibleNotMember': 'The responsible person must be a member of the organisation.',
  'errors.commitment.reasonRequired': 'Give a reason.',
  'errors.commitment.chooseParty': 'You can act for several parties: choose the organisation you act for.',
  'errors.commitment.cancelCompleted': 'This commitment is completed and can no longer be cancelled.',
  'errors.commitment.cancelAlreadyAgreed': 'Your organisation has already agreed to cancel this commitment.',
  'errors.milestone.dueBeforeStart': 'The due date cannot be before the commitment’s start date.',
  'errors.milestone.ownerNotParty': 'The owner must be one of the commitment’s parties.',
  'errors.milestone.tooMany': 'A commitment can have at most {max} milestones.',
  'errors.milestone.evidenceRequired': 'Give evidence: a description, a link or a file.',
  'errors.milestone.ownerOnly': 'Only the party that owns this milestone can mark it done.',
  'errors.milestone.alreadyConfirmed': 'Your organisation has already confirmed this milestone.',
  'errors.milestone.disputeAfterConfirm': 'Your organisation has confirmed this milestone and can no longer dispute it.',
  'errors.milestone.noMonitor': 'This commitment has no monitor to attest its milestones.',
  'errors.milestone.alreadyAttested': 'This milestone has already been attested.',
  'errors.actionPlan.periodEndBeforeStart': 'The end of the period cannot be before its start.',
  'errors.actionPlan.administrationNotCustoms': 'Action plans belong to customs administrations.',
  'errors.actionPlan.alreadyPublished': 'This action plan is already published.',
} as const;

const ru: Record<keyof typeof en, string> = {
  ...matrix<CommitmentAct, CommitmentPhaseName, PhaseKey>(
    'errors.commitmentPhase',
    COMMITMENT_ACTS,
    COMMITMENT_PHASES,
    {
      PROPOSED: 'Это обязательство ещё не принято всеми сторонами.',
      ACTIVE: 'Все стороны уже приняли это обязательство.',
      CANCELLED: 'Это обязательство отменено.',
    },
    {
      accept: () => 'Принять можно только предложенное обязательство.',
      decline: () => 'Отклонить можно только предложенное обязательство.',
      cancel: () => 'Его уже нельзя отменить.',
      addMilestone: () => 'Добавлять этапы уже нельзя.',
      updateMilestone: () => 'Его этапы уже нельзя изменить.',
      complete: (p) =>
        p === 'PROPOSED' ? 'Отметить этап выполненным можно, когда обязательство вступит в силу.' : 'Его этапы уже нельзя отметить выполненными.',
      confirm: (p) => (p === 'PROPOSED' ? 'Подтверждать этапы можно, когда обязательство вступит в силу.' : 'Его этапы уже нельзя подтвердить.'),
      dispute: (p) => (p === 'PROPOSED' ? 'Оспаривать этапы можно, когда обязательство вступит в силу.' : 'Его этапы уже нельзя оспорить.'),
      attest: (p) => (p === 'PROPOSED' ? 'Удостоверять этапы можно, когда обязательство вступит в силу.' : 'Его этапы уже нельзя удостоверить.'),
    },
  ),
  ...matrix<MilestoneAct, MilestoneStateName, StateKey>(
    'errors.milestoneState',
    MILESTONE_ACTS,
    MILESTONE_STATES,
    {
      OPEN: 'Этот этап открыт: он ещё не отмечен выполненным.',
      DONE: 'Этот этап отмечен выполненным и ждёт подтверждения сторон.',
      COMPLETED: 'Этот этап завершён: его подтвердили все стороны.',
    },
    {
      complete: () => 'Отметить выполненным можно только открытый этап.',
      confirm: () => 'Подтвердить можно только этап, отмеченный выполненным.',
      dispute: () => 'Оспорить можно только этап, отмеченный выполненным.',
      attest: () => 'Удостоверить можно только завершённый этап.',
      update: () => 'Изменить можно только открытый этап.',
    },
  ),
  ...matrix<PartyAct, PartyResponseName, PartyKey>(
    'errors.commitmentParty',
    PARTY_ACTS,
    PARTY_RESPONSES,
    {
      PENDING: 'Ваша организация ещё не ответила на это предложение.',
      ACCEPTED: 'Ваша организация уже приняла это обязательство.',
      DECLINED: 'Ваша организация отклонила это обязательство.',
    },
    {
      accept: () => 'Принимать больше нечего.',
      decline: (r) => (r === 'DECLINED' ? 'Дважды отклонить его нельзя.' : 'Отклонить его уже нельзя.'),
      cancel: () => 'Согласиться на отмену может только сторона, принявшая обязательство.',
    },
  ),
  'errors.commitment.dateInvalid': 'Введите существующую дату в формате ГГГГ-ММ-ДД.',
  'errors.commitment.endBeforeStart': 'Дата окончания не может быть раньше даты начала.',
  'errors.commitment.partiesRequired': 'Укажите хотя бы одну другую организацию в качестве стороны.',
  'errors.commitment.partyDuplicate': 'Каждая организация может быть стороной только один раз.',
  'errors.commitment.partyUnverified': 'Сторонами обязательства могут быть только подтверждённые организации.',
  'errors.commitment.customsPartyRequired': 'Хотя бы одна сторона должна быть таможенной администрацией.',
  'errors.commitment.monitorIsParty': 'Наблюдатель должен быть независимым: он не может быть стороной.',
  'errors.commitment.monitorNotPartner': 'Наблюдателем может быть только организация-партнёр.',
  'errors.commitment.monitorUnverified': 'Наблюдателем может быть только подтверждённая организация.',
  'errors.commitment.planAdministrationNotParty': 'Таможенная администрация плана действий должна быть стороной обязательства.',
  'errors.commitment.pledgeNotPublished': 'Связать можно только опубликованные обязательства из реестра.',
  'errors.commitment.responsibleNotMember': 'Ответственное лицо должно быть участником организации.',
  'errors.commitment.reasonRequired': 'Укажите причину.',
  'errors.commitment.chooseParty': 'Вы можете действовать от имени нескольких сторон: выберите организацию.',
  'errors.commitment.cancelCompleted': 'Это обязательство выполнено, и его уже нельзя отменить.',
  'errors.commitment.cancelAlreadyAgreed': 'Ваша организация уже согласилась отменить это обязательство.',
  'errors.milestone.dueBeforeStart': 'Срок этапа не может быть раньше даты начала обязательства.',
  'errors.milestone.ownerNotParty': 'Ответственной за этап должна быть одна из сторон обязательства.',
  'errors.milestone.tooMany': 'У обязательства может быть не более {max} этапов.',
  'errors.milestone.evidenceRequired': 'Приложите подтверждение: описание, ссылку или файл.',
  'errors.milestone.ownerOnly': 'Отметить этап выполненным может только ответственная за него сторона.',
  'errors.milestone.alreadyConfirmed': 'Ваша организация уже подтвердила этот этап.',
  'errors.milestone.disputeAfterConfirm': 'Ваша организация подтвердила этот этап и уже не может его оспорить.',
  'errors.milestone.noMonitor': 'У этого обязательства нет наблюдателя, который мог бы удостоверять этапы.',
  'errors.milestone.alreadyAttested': 'Этот этап уже удостоверен.',
  'errors.actionPlan.periodEndBeforeStart': 'Конец периода не может быть раньше его начала.',
  'errors.actionPlan.administrationNotCustoms': 'Планы действий принадлежат таможенным администрациям.',
  'errors.actionPlan.alreadyPublished': 'Этот план действий уже опубликован.',
};

export default { en, ru };
