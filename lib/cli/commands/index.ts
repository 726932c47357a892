import type { Command } from '../command';
import { classifyCommand } from './classify';
import { demoCommand } from './demo';
import { diagnoseCommand } from './diagnose';
import { incidentsCommand } from './incidents';
import { parseImageCommand } from './parse-image';
import { preflightCommand } from './preflight';

/** Every CLI command; adding one = one file in this folder + one line here. */
export const COMMANDS: Command[] = [diagnoseCommand, preflightCommand, demoCommand, classifyCommand, parseImageCommand, incidentsCommand];
