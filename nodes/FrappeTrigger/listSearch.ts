// The doctype picker every node shares (works for users without System Manager).
import { searchDoctypes, type ListSearchMethod } from '../shared/searchDoctypes';

export const listSearch: Record<string, ListSearchMethod> = { searchDoctypes };
