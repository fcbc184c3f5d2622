// The --elicitation option of the SDK client CLIs: accept:JSON, decline or cancel, as the
// ElicitResult every elicitation/create is answered with.
export function elicitationAnswer(value) {
  if (value === 'decline' || value === 'cancel') return { action: value };
  if (value.startsWith('accept:')) return { action: 'accept', content: JSON.parse(value.slice(7)) };
  throw new Error('--elicitation expects accept:JSON, decline or cancel');
}
