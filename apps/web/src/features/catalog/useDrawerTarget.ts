import { useSearchParams } from 'react-router';

/**
 * Which record a list page's drawer shows, kept in the URL as `?open=<id>` (or `open=new`), so a
 * record can be linked to (`/catalog/customers?open=…`) and the back button closes the drawer.
 */
export function useDrawerTarget() {
  const [search, setSearch] = useSearchParams();
  const target = search.get('open') ?? undefined;
  const set = (value: string | undefined, replace = false) => {
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set('open', value);
        else next.delete('open');
        return next;
      },
      { replace },
    );
  };
  return {
    target,
    open: (id: string, replace = false) => {
      set(id, replace);
    },
    close: () => {
      set(undefined);
    },
  };
}
