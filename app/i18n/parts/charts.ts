// Strings of the register's charts (the text alternative of each drawing and the label at the end of the line).
// English first; Russian must translate every key (the compiler checks).
const en = {
  'charts.overTimeDesc': 'A step line from {from} to today, {today}, counting up to {total} organisations. The data of the chart is in the table below it.',
  'charts.byKindDesc': 'Bars from zero: customs administrations {customs}, business associations {business}. The data of the chart is in the table below it.',
  'charts.today': 'Today: {total}',
} as const;

const ru: Record<keyof typeof en, string> = {
  'charts.overTimeDesc':
    'Ступенчатая линия с {from} по сегодняшний день, {today}: число подписавших организаций растёт до {total}. Данные графика — в таблице под ним.',
  'charts.byKindDesc': 'Столбцы от нуля: таможенные администрации — {customs}, деловые ассоциации — {business}. Данные графика — в таблице под ним.',
  'charts.today': 'Сегодня: {total}',
};

export default { en, ru };
