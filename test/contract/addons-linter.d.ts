/** The part of addons-linter's Node API the test uses (the package ships no types). */
declare module 'addons-linter' {
  interface LinterMessage {
    code: string;
    message: string;
    description?: string;
    file?: string;
    line?: number;
  }
  interface LinterResult {
    errors: LinterMessage[];
    warnings: LinterMessage[];
    notices: LinterMessage[];
    summary: { errors: number; warnings: number; notices: number };
  }
  const linter: {
    createInstance(options: { config: Record<string, unknown>; runAsBinary: boolean }): { run(): Promise<LinterResult> };
  };
  export default linter;
}
