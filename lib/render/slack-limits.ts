/**
 * Block Kit limits, checked before anything is posted (the renderer's safety net) and by the tests.
 * Values from Slack's Block Kit reference (docs.slack.dev/reference/block-kit/blocks, …/composition-objects,
 * …/block-elements/button-element) and chat.postMessage ("text" is truncated past 40,000 characters;
 * more than 50 blocks is rejected with invalid_blocks).
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  messageText: 40_000,
  headerText: 150,
  sectionText: 3_000,
  sectionFields: 10,
  fieldText: 2_000,
  contextElements: 10,
  contextText: 3_000,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  blockId: 255,
  buttonValue: 2_000,
  url: 3_000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.text === 'string' ? value.text : undefined;
}

/** Every limit the message breaks, as readable sentences; empty when it can be posted. */
export function validateSlackMessage(message: SlackMessage): string[] {
  const problems: string[] = [];
  const L = SLACK_LIMITS;
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const checkText = (where: string, value: unknown, max: number) => {
    const text = textOf(value);
    if (text === undefined) return problems.push(`${where}: missing text object`);
    check(text.length > 0, `${where}: empty text`);
    check(text.length <= max, `${where}: text is ${text.length} characters (max ${max})`);
  };
  check(message.text.length > 0, 'message text is empty (it is the notification and screen-reader text)');
  check(message.text.length <= L.messageText, `message text is ${message.text.length} characters (max ${L.messageText})`);
  check(message.blocks.length <= L.blocksPerMessage, `${message.blocks.length} blocks (max ${L.blocksPerMessage})`);
  const blockIds = new Set<string>();
  message.blocks.forEach((block, i) => {
    const where = `block ${i}`;
    if (!isObject(block)) return problems.push(`${where}: not an object`);
    if (typeof block.block_id === 'string') {
      check(block.block_id.length <= L.blockId, `${where}: block_id longer than ${L.blockId}`);
      check(!blockIds.has(block.block_id), `${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        checkText(`${where} (header)`, block.text, L.headerText);
        check(isObject(block.text) && block.text.type === 'plain_text', `${where} (header): text must be plain_text`);
        break;
      case 'section': {
        if (block.text !== undefined) checkText(`${where} (section)`, block.text, L.sectionText);
        const fields = Array.isArray(block.fields) ? block.fields : [];
        check(block.text !== undefined || fields.length > 0, `${where} (section): needs text or fields`);
        check(fields.length <= L.sectionFields, `${where} (section): ${fields.length} fields (max ${L.sectionFields})`);
        fields.forEach((f, j) => checkText(`${where} field ${j}`, f, L.fieldText));
        break;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        check(elements.length >= 1 && elements.length <= L.contextElements, `${where} (context): ${elements.length} elements (1..${L.contextElements})`);
        elements.forEach((e, j) => checkText(`${where} element ${j}`, e, L.contextText));
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        check(elements.length >= 1 && elements.length <= L.actionsElements, `${where} (actions): ${elements.length} elements (1..${L.actionsElements})`);
        const actionIds = new Set<string>();
        elements.forEach((e, j) => {
          const at = `${where} button ${j}`;
          if (!isObject(e)) return problems.push(`${at}: not an object`);
          checkText(at, e.text, L.buttonText);
          if (typeof e.action_id === 'string') {
            check(e.action_id.length <= L.actionId, `${at}: action_id longer than ${L.actionId}`);
            check(!actionIds.has(e.action_id), `${at}: duplicate action_id ${e.action_id}`);
            actionIds.add(e.action_id);
          }
          if (typeof e.value === 'string') check(e.value.length <= L.buttonValue, `${at}: value longer than ${L.buttonValue}`);
          if (typeof e.url === 'string') check(e.url.length <= L.url, `${at}: url longer than ${L.url}`);
          if (e.style !== undefined) check(e.style === 'primary' || e.style === 'danger', `${at}: style must be primary or danger`);
          if (isObject(e.confirm)) {
            checkText(`${at} confirm title`, e.confirm.title, L.confirmTitle);
            checkText(`${at} confirm text`, e.confirm.text, L.confirmText);
            checkText(`${at} confirm button`, e.confirm.confirm, L.confirmButton);
            checkText(`${at} deny button`, e.confirm.deny, L.confirmButton);
          }
        });
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${where}: unexpected block type ${String(block.type)}`);
    }
  });
  return problems;
}
