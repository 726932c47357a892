import type { CommandReply } from '../commands/command-context';
import type { RenderOptions } from '../render/report-view';
import { redact } from '../render/redact';
import { escapeMrkdwn, renderSlack } from '../render/slack';

/** A command reply as a Slack message for response_url (or the slash command's HTTP answer). */
export function slackReplyMessage(reply: CommandReply, render: RenderOptions = {}): Record<string, unknown> {
  if (reply.kind === 'text') {
    // Escaped so text quoting user input can never become a mention (<!channel>) or a link.
    return { response_type: reply.private ? 'ephemeral' : 'in_channel', text: escapeMrkdwn(redact(reply.text)) };
  }
  const payload = renderSlack(reply.diagnosis, reply.incident, { ...render, showAllChecks: reply.showAllChecks });
  return { response_type: 'in_channel', text: payload.text, blocks: payload.blocks };
}
