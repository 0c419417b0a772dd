/**
 * The curator's comments a council member must answer: the comment events written with the latest
 * "request changes" (the API records one request-changes event, then one comment event per comment).
 */
export function latestComments(events: readonly { action: string; comment: string | null }[]): string[] {
  let start = -1;
  events.forEach((event, i) => {
    if (event.action === 'request-changes') start = i;
  });
  if (start < 0) return [];
  const out: string[] = [];
  for (const event of events.slice(start + 1)) {
    if (event.action !== 'comment') break;
    if (event.comment) out.push(event.comment);
  }
  return out;
}
