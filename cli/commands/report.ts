import type { Command } from 'commander';
import { MotorcadeError } from '../../engine/errors.js';
import { runAction } from '../report-error.js';

// Placeholder until the owning issue lands; replaced by the real command.
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('(not yet available)')
    .allowUnknownOption()
    .action(runAction(() => {
      throw new MotorcadeError('`motorcade report` is not available yet');
    }));
}
