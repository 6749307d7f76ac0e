// The API client: same origin, bearer token from the session; a refusal becomes an ApiError carrying the RFC 9457
// problem so the console can show its detail.
const tokenKey = 'cityactors.token';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const session = {
  get token() { return sessionStorage.getItem(tokenKey); },
  set token(value) { value ? sessionStorage.setItem(tokenKey, value) : sessionStorage.removeItem(tokenKey); },
};

/** The caller named by the token: id, role, org (the claims the API acts on). */
export function callerOf(token) {
  const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  // Roles are written as the enum's names (CentreOperator); the console speaks the JSON contract's camelCase.
  const role = payload.cityactors_role ?? '';
  return { id: payload.sub, role: role.charAt(0).toLowerCase() + role.slice(1), org: payload.cityactors_org ?? null, expires: payload.exp * 1000 };
}

export async function api(path, { method = 'GET', body, token = session.token, signal } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const query = (params) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};
