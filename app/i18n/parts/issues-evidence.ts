// Issues: evidence files (types, sizes, downloads).
// English first; Russian must translate every key (the compiler checks).
const en = {
  'issuesEvidence.field.label': 'Evidence files (optional)',
  'issuesEvidence.field.hint_one':
    'PDF, PNG, JPEG or plain text, up to {max} MB each; you can add {count} more file. Location, camera and author details are removed from photos and PDFs before they are stored.',
  'issuesEvidence.field.hint_few':
    'PDF, PNG, JPEG or plain text, up to {max} MB each; you can add {count} more files. Location, camera and author details are removed from photos and PDFs before they are stored.',
  'issuesEvidence.field.hint_many':
    'PDF, PNG, JPEG or plain text, up to {max} MB each; you can add {count} more files. Location, camera and author details are removed from photos and PDFs before they are stored.',
  'issuesEvidence.field.hint_other':
    'PDF, PNG, JPEG or plain text, up to {max} MB each; you can add {count} more files. Location, camera and author details are removed from photos and PDFs before they are stored.',
  'issuesEvidence.field.full': 'This issue already has the most files allowed ({max}); no more can be added.',
  'issuesEvidence.field.chosen': 'Chosen: {files}',
  'issuesEvidence.list.heading': 'Evidence files',
  'issuesEvidence.list.empty': 'No files attached.',
  'issuesEvidence.list.download': 'Download {name}',
  'issuesEvidence.list.details': '{type}, {size}',
  'issuesEvidence.list.caption': 'Files attached to this issue',
  'issuesEvidence.type.application/pdf': 'PDF document',
  'issuesEvidence.type.image/png': 'PNG image',
  'issuesEvidence.type.image/jpeg': 'JPEG image',
  'issuesEvidence.type.text/plain': 'Plain text',
  'issuesEvidence.errors.tooMany_one': 'Too many files: an issue can have at most {max} files, so you can add only {count} more.',
  'issuesEvidence.errors.tooMany_few': 'Too many files: an issue can have at most {max} files, so you can add only {count} more.',
  'issuesEvidence.errors.tooMany_many': 'Too many files: an issue can have at most {max} files, so you can add only {count} more.',
  'issuesEvidence.errors.tooMany_other': 'Too many files: an issue can have at most {max} files, so you can add only {count} more.',
  'issuesEvidence.errors.full': 'This issue already has the most files allowed ({max}); send your information without files.',
  'issuesEvidence.errors.tooLarge': '“{name}” is larger than {max} MB. Choose a smaller file.',
  'issuesEvidence.errors.uploadTooLarge': 'A file is larger than {max} MB, so nothing was sent. Choose smaller files and fill in the form again.',
  'issuesEvidence.errors.uploadTooMany': 'At most {max} files can be sent at once, so nothing was sent. Choose fewer files and fill in the form again.',
  'issuesEvidence.errors.uploadFailed': 'The files could not be read. Choose them again and send the form again.',
  'issuesEvidence.errors.empty': '“{name}” is empty.',
  'issuesEvidence.errors.unsupported': '“{name}” is not a PDF, PNG, JPEG or plain-text file (judged by its content, not its name).',
  'issuesEvidence.errors.typeMismatch': 'The name or type of “{name}” does not match its content, which is {detected}. Rename it or choose another file.',
  'issuesEvidence.errors.unreadableImage': '“{name}” could not be read as an image, so it could not be cleaned of its metadata.',
  'issuesEvidence.errors.unreadablePdf':
    '“{name}” could not be read as a PDF (it may be damaged or password-protected), so it could not be cleaned of its metadata.',
  'issuesEvidence.download.notFound': 'This file does not exist, or you may not see it.',
} as const;

const ru: Record<keyof typeof en, string> = {
  'issuesEvidence.field.label': 'Файлы-доказательства (необязательно)',
  'issuesEvidence.field.hint_one':
    'PDF, PNG, JPEG или обычный текст, до {max} МБ каждый; можно добавить ещё {count} файл. Сведения о месте съёмки, камере и авторе удаляются из фотографий и PDF перед сохранением.',
  'issuesEvidence.field.hint_few':
    'PDF, PNG, JPEG или обычный текст, до {max} МБ каждый; можно добавить ещё {count} файла. Сведения о месте съёмки, камере и авторе удаляются из фотографий и PDF перед сохранением.',
  'issuesEvidence.field.hint_many':
    'PDF, PNG, JPEG или обычный текст, до {max} МБ каждый; можно добавить ещё {count} файлов. Сведения о месте съёмки, камере и авторе удаляются из фотографий и PDF перед сохранением.',
  'issuesEvidence.field.hint_other':
    'PDF, PNG, JPEG или обычный текст, до {max} МБ каждый; можно добавить ещё {count} файла. Сведения о месте съёмки, камере и авторе удаляются из фотографий и PDF перед сохранением.',
  'issuesEvidence.field.full': 'К этому обращению уже приложено максимальное число файлов ({max}); больше добавить нельзя.',
  'issuesEvidence.field.chosen': 'Выбрано: {files}',
  'issuesEvidence.list.heading': 'Файлы-доказательства',
  'issuesEvidence.list.empty': 'Файлов нет.',
  'issuesEvidence.list.download': 'Скачать {name}',
  'issuesEvidence.list.details': '{type}, {size}',
  'issuesEvidence.list.caption': 'Файлы, приложенные к обращению',
  'issuesEvidence.type.application/pdf': 'Документ PDF',
  'issuesEvidence.type.image/png': 'Изображение PNG',
  'issuesEvidence.type.image/jpeg': 'Изображение JPEG',
  'issuesEvidence.type.text/plain': 'Обычный текст',
  'issuesEvidence.errors.tooMany_one': 'Слишком много файлов: к обращению можно приложить не больше {max}, поэтому можно добавить только {count} файл.',
  'issuesEvidence.errors.tooMany_few': 'Слишком много файлов: к обращению можно приложить не больше {max}, поэтому можно добавить только {count} файла.',
  'issuesEvidence.errors.tooMany_many': 'Слишком много файлов: к обращению можно приложить не больше {max}, поэтому можно добавить только {count} файлов.',
  'issuesEvidence.errors.tooMany_other': 'Слишком много файлов: к обращению можно приложить не больше {max}, поэтому можно добавить только {count} файла.',
  'issuesEvidence.errors.full': 'К этому обращению уже приложено максимальное число файлов ({max}); отправьте сведения без файлов.',
  'issuesEvidence.errors.tooLarge': 'Файл «{name}» больше {max} МБ. Выберите файл меньшего размера.',
  'issuesEvidence.errors.uploadTooLarge': 'Один из файлов больше {max} МБ, поэтому ничего не отправлено. Выберите файлы поменьше и заполните форму ещё раз.',
  'issuesEvidence.errors.uploadTooMany':
    'За один раз можно отправить не больше {max} файлов, поэтому ничего не отправлено. Выберите меньше файлов и заполните форму ещё раз.',
  'issuesEvidence.errors.uploadFailed': 'Не удалось прочитать файлы. Выберите их снова и отправьте форму ещё раз.',
  'issuesEvidence.errors.empty': 'Файл «{name}» пуст.',
  'issuesEvidence.errors.unsupported': 'Файл «{name}» не является PDF, PNG, JPEG или обычным текстом (проверяется содержимое, а не имя).',
  'issuesEvidence.errors.typeMismatch': 'Имя или тип файла «{name}» не соответствует его содержимому ({detected}). Переименуйте его или выберите другой файл.',
  'issuesEvidence.errors.unreadableImage': 'Файл «{name}» не удалось прочитать как изображение, поэтому из него нельзя удалить метаданные.',
  'issuesEvidence.errors.unreadablePdf':
    'Файл «{name}» не удалось прочитать как PDF (возможно, он повреждён или защищён паролем), поэтому из него нельзя удалить метаданные.',
  'issuesEvidence.download.notFound': 'Этот файл не существует, или у вас нет доступа к нему.',
};

export default { en, ru };
