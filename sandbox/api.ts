/** The request/response shape every sandbox API (Graph, ARM, Power BI) is written against. */
export interface ApiRequest {
  method: string;
  host: string;
  /** Path without the query string, e.g. `/v1.0/users`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type ApiHandler = (req: ApiRequest) => Promise<ApiResponse>;

export const json = (status: number, body: unknown, headers?: Record<string, string>): ApiResponse => ({
  status,
  body,
  headers,
});
