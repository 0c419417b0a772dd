// Search as you type on /search: after a pause in typing, fetch the same page for the new words and swap in
// its results and filter counts. The page works fully without this script (the form is a plain GET form);
// it only saves pressing "Search". Same-origin fetch of our own server-rendered HTML, so the CSP needs no
// change and no HTML is built from strings here.
const form = document.querySelector<HTMLFormElement>('#search-form');
const input = form?.querySelector<HTMLInputElement>('#q');
const statusRegion = document.querySelector<HTMLElement>('#search-status');
const DELAY_MS = 350;

if (form && input && statusRegion) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  const update = async () => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form))
      if (typeof value === 'string' && value) params.append(name, value);
    const url = `/search${params.size > 0 ? `?${params}` : ''}`;
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/html' } });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), 'text/html');
      for (const selector of ['#search-results', '.moj-filter__content']) {
        const fresh = next.querySelector(selector);
        const current = document.querySelector(selector);
        if (fresh && current) current.replaceWith(document.importNode(fresh, true));
      }
      history.replaceState(null, '', url);
      document.title = next.title;
      statusRegion.textContent = next.querySelector('#results-heading')?.textContent ?? '';
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) throw error;
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const words = input.value.trim();
    if (words.length === 1) return;
    timer = setTimeout(() => void update(), DELAY_MS);
  });
}
