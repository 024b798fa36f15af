import type { Command } from 'commander';
import { MotorcadeError } from '../../engine/errors.js';
import { runAction } from '../report-error.js';

// Placeholder until the owning issue lands; replaced by the real command.
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('(not yet available)')
    .allowUnknownOption()
    .action(runAction(() => {
      throw new MotorcadeError('`motorcade start` is not available yet');
    }));
}
