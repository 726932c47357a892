import type { Command } from '../command';
import { demoCommand } from './demo';
import { diagnoseCommand } from './diagnose';
import { incidentsCommand } from './incidents';
import { preflightCommand } from './preflight';

/** Every CLI command; adding one = one file in this folder + one line here. */
export const COMMANDS: Command[] = [diagnoseCommand, preflightCommand, demoCommand, incidentsCommand];
