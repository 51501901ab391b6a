/** Today as YYYY-MM-DD (local calendar): a birth date after it is not a birth date. */
export type Today = () => string;

export const systemToday: Today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
