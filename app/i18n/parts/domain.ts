// Strings of one area of the interface. English first; Russian must translate every key (the compiler checks).
// Area: organisations, members, verification and the domain's error messages.
const en = {
  'errors.organizationUnverified': 'Your organisation is not verified yet. A platform administrator verifies each new organisation before it can sign pledges.',
  'errors.organizationNameSimilar': 'This name is close to “{name}”, an organisation already registered. If yours is a different organisation, confirm below.',
  'errors.unknownIntent': 'This form was not recognised. Reload the page and try again.',
  'errors.pledgeVersionChanged': 'A new version was published while you were reading: read it and sign again.',
  'org.cancel': 'Cancel',
  'org.new.similar.title': 'An organisation with a similar name is already registered',
  'org.new.similar.body':
    '“{name}” is already in the register. Registering an organisation twice, or one that could be mistaken for another, misleads everyone who reads the register. If yours is a different organisation, confirm and register it: a platform administrator reviews the likeness before it can sign pledges.',
  'org.new.similar.view': 'See “{name}” (opens in a new tab)',
  'org.new.similar.confirm': 'My organisation is not “{name}”. Register it, flagged for review.',
  'org.new.countryHint': 'The country where the organisation is registered.',
  'org.verifiedOn': 'Verified on {date}',
  'org.unverifiedNotice': 'Not verified yet: this organisation cannot sign pledges until a platform administrator verifies it.',
  'org.similarTo': 'Its name is close to that of an organisation registered before it:',
  'org.similarToCheck': 'Check that it is a different organisation before verifying it.',
  'org.verifiedDone': 'Organisation verified. It may now sign pledges.',
  'org.unverifiedDone': 'Verification removed. Its signatures are now marked unverified.',
  'org.unverify.title': 'Remove the verification of {name}?',
  'org.unverify.body':
    'Its signatures stay in the public registers, marked “not verified”, and no longer count in the headline figures. It cannot sign pledges until a platform administrator verifies it again. The change is recorded in the audit log.',
  'org.unverify.submit': 'Yes, remove verification',
  'org.leave.title': 'Leave {name}?',
  'org.leave.body':
    'You will no longer see its members and activity, or act on its behalf. To come back you need a new invitation from one of its administrators. What you did for it stays in the audit log.',
  'org.leave.submit': 'Yes, leave the organisation',
  'org.left': 'You left {name}.',
  'members.remove.title': 'Remove {name} from {organization}?',
  'members.remove.body':
    'They will no longer see the organisation’s members and activity, or act on its behalf. What they did stays in the audit log. To bring them back, send them a new invitation.',
  'members.remove.submit': 'Yes, remove {name}',
  'members.email': 'Email',
  'members.roles.title': 'What each role may do',
  'members.roleHelpFor': 'What a {role} may do',
} as const;

const ru: Record<keyof typeof en, string> = {
  'errors.organizationUnverified':
    'Ваша организация ещё не проверена. Администратор платформы проверяет каждую новую организацию, прежде чем она сможет подписывать обязательства.',
  'errors.organizationNameSimilar':
    'Это название похоже на «{name}» — такая организация уже зарегистрирована. Если ваша организация другая, подтвердите это ниже.',
  'errors.unknownIntent': 'Форма не распознана. Обновите страницу и попробуйте снова.',
  'errors.pledgeVersionChanged': 'Пока вы читали, была опубликована новая версия: прочитайте её и подпишите снова.',
  'org.cancel': 'Отмена',
  'org.new.similar.title': 'Организация с похожим названием уже зарегистрирована',
  'org.new.similar.body':
    '«{name}» уже есть в реестре. Повторная регистрация организации или регистрация организации, которую можно спутать с другой, вводит в заблуждение всех, кто читает реестр. Если ваша организация другая, подтвердите это и зарегистрируйте её: администратор платформы проверит сходство, прежде чем она сможет подписывать обязательства.',
  'org.new.similar.view': 'Открыть «{name}» (в новой вкладке)',
  'org.new.similar.confirm': 'Моя организация — не «{name}». Зарегистрировать её с пометкой для проверки.',
  'org.new.countryHint': 'Страна, в которой зарегистрирована организация.',
  'org.verifiedOn': 'Проверена {date}',
  'org.unverifiedNotice': 'Ещё не проверена: организация не может подписывать обязательства, пока её не проверит администратор платформы.',
  'org.similarTo': 'Её название похоже на название организации, зарегистрированной раньше:',
  'org.similarToCheck': 'Прежде чем подтвердить проверку, убедитесь, что это другая организация.',
  'org.verifiedDone': 'Организация проверена. Теперь она может подписывать обязательства.',
  'org.unverifiedDone': 'Отметка о проверке снята. Подписи организации теперь помечены как непроверенные.',
  'org.unverify.title': 'Снять отметку о проверке с «{name}»?',
  'org.unverify.body':
    'Её подписи останутся в открытых реестрах с пометкой «не проверена» и перестанут учитываться в основных показателях. Она не сможет подписывать обязательства, пока администратор платформы не проверит её снова. Изменение записывается в журнал аудита.',
  'org.unverify.submit': 'Да, снять отметку о проверке',
  'org.leave.title': 'Выйти из «{name}»?',
  'org.leave.body':
    'Вы больше не будете видеть её участников и действия и не сможете действовать от её имени. Чтобы вернуться, понадобится новое приглашение от одного из её администраторов. Ваши действия останутся в журнале аудита.',
  'org.leave.submit': 'Да, выйти из организации',
  'org.left': 'Вы вышли из «{name}».',
  'members.remove.title': 'Исключить {name} из «{organization}»?',
  'members.remove.body':
    'Этот человек больше не будет видеть участников и действия организации и не сможет действовать от её имени. Его действия останутся в журнале аудита. Чтобы вернуть его, отправьте новое приглашение.',
  'members.remove.submit': 'Да, исключить {name}',
  'members.email': 'Эл. почта',
  'members.roles.title': 'Что может каждая роль',
  'members.roleHelpFor': 'Что может роль «{role}»',
};

export default { en, ru };
