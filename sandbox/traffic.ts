import { appendFileSync } from 'node:fs';

/** One API exchange, kept so the contract test can check it against Microsoft's descriptions. */
export interface Exchange {
  host: string;
  method: string;
  path: string;
  query: string;
  requestContentType?: string;
  requestBody?: unknown;
  status: number;
  responseBody?: unknown;
  /** Set on the items of a JSON batch, which arrive inside `POST /$batch`. */
  viaBatch?: boolean;
}

/** Appends every exchange to a JSON-lines file when one is given (the test suite gives one). */
export class Traffic {
  constructor(private readonly file?: string) {}

  record(exchange: Exchange): void {
    if (this.file) appendFileSync(this.file, `${JSON.stringify(exchange)}\n`);
  }
}
