import { classifyPullMessage } from '../../classify/classify-pull-message';
import type { Classification } from '../../model/category';
import { EXIT, UsageError, type Command } from '../command';
import { parseOptions } from '../options';

const USAGE = `usage: pull-doctor classify [--json] [--reason <ErrImagePull|ImagePullBackOff|…>] "<kubelet message>"
       pull-doctor classify [--json] [--reason R] -      (message read from standard input)

Says what an image pull error message means: category, confidence, the categories the text
cannot rule out, and a one-line explanation. Reads the text only; nothing is contacted.
Exit: 1 the message names a cause (the likeliest category; candidates may follow), 2 the text cannot
decide (unknown), 3 usage error, 4 internal error.`;

function humanText(result: Classification): string {
  const lines = [`${result.category} (confidence ${result.confidence.toFixed(2)})`, result.explanation];
  if (result.candidates.length > 0) lines.push(`also possible: ${result.candidates.join(', ')}`);
  if (result.runtimeError) lines.push(`runtime error: ${result.runtimeError}`);
  if (result.reason) lines.push(`kubelet reason: ${result.reason}`);
  return lines.join('\n');
}

/** A recognised category is a cause found (alternatives are listed, not a reason to give up); unknown text cannot decide. */
export function classifyExit(result: Classification): number {
  return result.category === 'unknown' ? EXIT.undecided : EXIT.causeFound;
}

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'explain a kubelet image pull error message (category, confidence, candidates)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      json: { type: 'boolean' },
      reason: { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('give the message to classify (or - to read it from standard input)');
    if (positionals.length > 1) {
      throw new UsageError(`expected one message, got ${positionals.length} arguments — quote the message`);
    }
    const message = positionals[0] === '-' ? await io.readStdin() : positionals[0];
    const result = classifyPullMessage(message, values.reason);
    // The JSON contract (DESIGN.md): category, confidence, candidates, explanation first; extras after.
    const json = {
      category: result.category,
      confidence: result.confidence,
      candidates: result.candidates,
      explanation: result.explanation,
      ...(result.runtimeError ? { runtimeError: result.runtimeError } : {}),
      ...(result.reason ? { reason: result.reason } : {}),
    };
    io.out(values.json ? JSON.stringify(json, null, 2) : humanText(result));
    return classifyExit(result);
  },
};
