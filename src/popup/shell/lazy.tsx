import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';

/**
 * A view fetched when it is first shown rather than with the popup, so opening the popup loads only what its
 * first screen draws (issue 13's budget: 30 KiB gzip). Loaded once; later renders use it at once.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<void> | null = null;
  return function LazyView(props: P) {
    const [, setReady] = useState(!!loaded);
    useEffect(() => {
      if (loaded) return;
      loading ??= load().then((c) => {
        loaded = c;
      });
      let live = true;
      loading.then(() => live && setReady(true));
      return () => {
        live = false;
      };
    }, []);
    const View = loaded;
    if (View) return <View {...props} />;
    return (
      <p class="muted" aria-busy="true">
        {t('shellLoading')}
      </p>
    );
  };
}
