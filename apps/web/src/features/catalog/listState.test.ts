import { describe, expect, it } from 'vitest';
import {
  exportQuery,
  listQuery,
  listSearch,
  readListParams,
  sortFromTable,
  sortOrderOf,
  type ListSpec,
} from './listState';

const spec: ListSpec<'q' | 'active' | 'category'> = {
  filters: ['q', 'active', 'category'],
  enums: { active: ['true', 'false'], category: ['raw', 'semi'] },
  sorts: ['model', 'name'],
  defaultSort: 'model',
};

describe('list state in the URL', () => {
  it('reads valid values and drops invalid ones', () => {
    const p = readListParams(
      new URLSearchParams('page=3&pageSize=50&sort=-name&q=%20bolt%20&active=maybe&category=raw'),
      spec,
    );
    expect(p).toEqual({ page: 3, pageSize: 50, sort: '-name', filters: { q: 'bolt', category: 'raw' } });
  });

  it('falls back to defaults for junk', () => {
    const p = readListParams(new URLSearchParams('page=-1&pageSize=7&sort=password'), spec);
    expect(p).toEqual({ page: 1, pageSize: 20, sort: 'model', filters: {} });
  });

  it('writes only what differs from the defaults', () => {
    expect(listSearch({ page: 1, pageSize: 20, sort: 'model', filters: { q: 'x' } }, spec)).toEqual({
      q: 'x',
    });
    expect(listSearch({ page: 2, pageSize: 50, sort: '-name', filters: {} }, spec)).toEqual({
      page: '2',
      pageSize: '50',
      sort: '-name',
    });
  });

  it('builds the API and export queries', () => {
    const p = { page: 2, pageSize: 20, sort: '-name', filters: { category: 'raw' } };
    expect(listQuery(p)).toEqual({ page: 2, pageSize: 20, sort: '-name', category: 'raw' });
    expect(exportQuery(p)).toEqual({ sort: '-name', category: 'raw' });
  });

  it('maps table sorters to the API sort and back', () => {
    expect(sortFromTable('name', 'descend')).toBe('-name');
    expect(sortFromTable('name', 'ascend')).toBe('name');
    expect(sortFromTable('name', null)).toBeUndefined();
    expect(sortFromTable(['a', 'b'], 'ascend')).toBeUndefined();
    expect(sortOrderOf('-name', 'name')).toBe('descend');
    expect(sortOrderOf('name', 'name')).toBe('ascend');
    expect(sortOrderOf('model', 'name')).toBeNull();
  });
});
