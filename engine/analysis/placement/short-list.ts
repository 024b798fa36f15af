/** Ids for a reason line: all of them up to three, else the first two and how many more ("and 6 more movements"). */
export function shortList(ids: readonly string[], noun = ''): string {
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 2).join(', ')} and ${ids.length - 2} more${noun ? ` ${noun}` : ''}`;
}
