/** The part of Project-OSRM's osrm-text-instructions (no bundled types) that the tests use. */
declare module 'osrm-text-instructions' {
  interface Compiler {
    compile(language: string, step: unknown, options: { legCount: number; legIndex: number }): string;
  }
  export default function osrmTextInstructions(version: 'v5'): Compiler;
}
