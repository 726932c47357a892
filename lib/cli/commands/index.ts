import type { Command } from '../command';

/** Every CLI command; adding one = one file in this folder + one line here. */
export const COMMANDS: Command[] = [];
