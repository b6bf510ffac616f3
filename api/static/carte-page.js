/* The full map page: filters (a drawer on small screens), search over the whole graph, toolbar
   (zoom, fit, full screen), keyboard moves among a node's neighbours, panel, the view in the URL.
   Helpers come from carte.js (window.EcoMap), the table twin from carte-vue.js (window.EcoTwin). */
(() => {
  'use strict';

  const { lang, t, number, el, pagePath, networkOptions, visNode, visEdge, stretchToArea, fitView, sizeLabels, drawLegend } = window.EcoMap;
  const VIEW_KEYS = ['territoire', 'locales', 'enjeu', 'secteur', 'type', 'role', 'strategie', 'date', 'taille', 'couleur', 'isoles', 'focus', 'profondeur', 'selection'];
  const API_KEYS = ['territoire', 'locales', 'enjeu', 'secteur', 'type', 'role', 'strategie', 'date', 'taille', 'couleur', 'focus', 'profondeur'];
  const FORM_KEYS = ['territoire', 'locales', 'enjeu', 'secteur', 'type', 'role', 'strategie', 'date', 'taille', 'couleur', 'isoles', 'profondeur'];
  const FILTER_KEYS = ['territoire', 'enjeu', 'secteur', 'type', 'role', 'strategie', 'date', 'focus'];
  const DEFAULTS = { taille: 'sieges', couleur: 'secteur', profondeur: '1' };

  function readState() {
    const params = new URLSearchParams(location.search);
    const state = {};
    for (const key of VIEW_KEYS) if (params.get(key)) state[key] = params.get(key);
    return state;
  }

  function query(state, keys) {
    const params = new URLSearchParams();
    for (const key of keys) if (state[key]) params.set(key, state[key]);
    if (lang === 'en') params.set('lang', 'en');
    return params;
  }

  function initMapPage(container) {
    const form = document.getElementById('filters');
    const status = document.getElementById('status');
    const panel = document.getElementById('panel');
    const area = document.getElementById('map-area');
    const empty = document.getElementById('empty');
    const nodes = new vis.DataSet();
    const edges = new vis.DataSet();
    const network = new vis.Network(container, { nodes, edges }, networkOptions(false));
    const map = { network, nodes, edges, data: null, ready: false, loads: 0 };
    window.ecoMap = map;
    let state = readState();

    function stateToForm() {
      for (const key of FORM_KEYS) {
        const field = form.elements[key];
        if (!field) continue;
        if (field.type === 'checkbox') field.checked = Boolean(state[key]);
        else field.value = state[key] || DEFAULTS[key] || '';
      }
      const active = FILTER_KEYS.filter((key) => state[key]).length;
      document.getElementById('filter-count').textContent = active ? ` (${active})` : '';
    }

    function formToState() {
      for (const key of FORM_KEYS) {
        const field = form.elements[key];
        const value = field.type === 'checkbox' ? (field.checked ? field.value : '') : field.value;
        if (value && value !== DEFAULTS[key]) state[key] = value; else delete state[key];
      }
    }

    function writeUrl(push) {
      const params = query(state, VIEW_KEYS);
      const url = `${location.pathname}${params.toString() ? `?${params}` : ''}`;
      if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
      const other = query(state, VIEW_KEYS);
      if (lang === 'en') other.delete('lang'); else other.set('lang', 'en');
      const switcher = document.getElementById('lang-switch');
      if (switcher) switcher.setAttribute('href', `${location.pathname}?${other}`);
      document.getElementById('json-link').setAttribute('href', `/api/carte?${query(state, API_KEYS)}`);
      for (const link of document.querySelectorAll('a.export-link')) {
        link.setAttribute('href', `/export/${link.dataset.format}?${query(state, API_KEYS)}`);
      }
      const exportsPage = document.getElementById('exports-page');  // the print form keeps the view's filters
      if (exportsPage) exportsPage.setAttribute('href', `/exports?${query(state, API_KEYS)}`);
    }

    // What the filters say, in words, for the empty-result message.
    function filterWords() {
      return FILTER_KEYS.filter((key) => state[key] && form.elements[key]).map((key) => {
        const field = form.elements[key];
        const label = form.querySelector(`label[for="${field.id}"]`);
        const name = label ? label.textContent.trim() : key;
        if (field.tagName === 'SELECT' && field.selectedIndex < 0) {
          return t(`${name} : « ${state[key]} » n’existe plus dans la carte (lien périmé ?)`, `${name}: “${state[key]}” no longer exists in the map (outdated link?)`);
        }
        const value = field.tagName === 'SELECT' ? field.options[field.selectedIndex].textContent.trim() : field.value;
        return t(`${name} : ${value}`, `${name}: ${value}`);
      }).concat(state.focus ? [t('focus sur un nœud', 'focus on one node')] : []);
    }

    function showEmpty(data) {
      const shown = data.nodes.length > 0;
      empty.hidden = shown;
      if (shown) return;
      const words = filterWords();
      empty.replaceChildren(
        el('p', { class: 'empty-title' }, t('Aucun nœud ne correspond à cette vue.', 'No node matches this view.')),
        words.length ? el('p', {}, `${t('Filtres actifs', 'Active filters')} — ${words.join(t(' ; ', '; '))}.`) : null,
        el('p', {}, state.locales ? t('Décochez « seulement les instances locales », choisissez un territoire plus large ou retirez un filtre.', 'Untick « local instances only », pick a wider territory or remove a filter.')
          : t('Choisissez un territoire plus large, un enjeu plus général, ou retirez un filtre.', 'Pick a wider territory, a more general issue, or remove a filter.')),
        el('button', { type: 'button', onclick: () => { state = {}; stateToForm(); writeUrl(true); load(); } }, t('Effacer les filtres', 'Clear filters')));
    }

    async function load() {
      status.textContent = t('Chargement…', 'Loading…');
      map.ready = false;
      const response = await fetch(`/api/carte?${query(state, API_KEYS)}`);
      if (!response.ok) {
        status.textContent = t(`Erreur ${response.status} : la carte n’a pas pu être chargée. Effacez les filtres ou rechargez la page.`,
          `Error ${response.status}: the map could not be loaded. Clear the filters or reload the page.`);
        return;
      }
      const data = await response.json();
      map.data = data;
      const linked = new Set(data.edges.flatMap((e) => [e.from, e.to]));
      // Nodes without links are listed rather than drawn, unless nothing else would be drawn.
      const hideIsolated = !state.isoles && !data.agrege && linked.size > 0;
      map.shown = hideIsolated ? data.nodes.filter((n) => linked.has(n.id)) : data.nodes;
      map.isolated = data.nodes.filter((n) => !linked.has(n.id));
      network.setOptions(networkOptions(map.shown.length > 800));
      nodes.clear(); edges.clear();
      nodes.add(map.shown.map(visNode));
      edges.add(data.edges.map(visEdge));
      drawLegend(document.getElementById('legend'), data.legende);
      showEmpty(data);
      status.textContent = data.agrege
        ? t(`Vue agrégée : ${number(data.vue.noeuds)} nœuds regroupés par territoire. Filtrez pour voir le détail.`,
            `Aggregated view: ${number(data.vue.noeuds)} nodes grouped by territory. Filter to see the detail.`)
        : t(`${number(data.vue.noeuds)} nœuds · ${number(data.vue.liens)} liens (sur ${number(data.total.noeuds)})`,
            `${number(data.vue.noeuds)} nodes · ${number(data.vue.liens)} links (of ${number(data.total.noeuds)})`);
      if (window.EcoTwin) window.EcoTwin.render(data, map.isolated, hideIsolated, { select: (id) => select(id, true, true), lang });
      network.once('afterDrawing', () => { map.ready = true; map.loads += 1; map.paintedAt = performance.now(); });
      stretchToArea(nodes, container);
      fitView(network, nodes, container);
      map.labelled = sizeLabels(network, nodes, container.clientWidth);
      if (state.selection && nodes.get(state.selection)) network.selectNodes([state.selection]);
      if (state.selection) openPanel(state.selection, false); else closePanel(false);
    }

    function closePanel(write = true) {
      panel.hidden = true;
      panel.replaceChildren();
      if (write && state.selection) { delete state.selection; network.unselectAll(); writeUrl(true); }
    }

    function select(id, push, moveFocus) {
      if (id.startsWith('groupe/')) {
        const group = nodes.get(id);
        if (group && group.territory) { state.territoire = group.territory.split('/').pop(); stateToForm(); writeUrl(true); load(); }
        return;
      }
      state.selection = id;
      if (nodes.get(id)) network.selectNodes([id]); else network.unselectAll();
      writeUrl(push);
      openPanel(id, moveFocus);
    }
    map.select = select;

    const panels = window.EcoPanel;
    async function openPanel(id, moveFocus) {
      const response = await fetch(`/api${pagePath(id)}?${lang === 'en' ? 'lang=en&' : ''}${state.date ? `date=${state.date}` : ''}`);
      if (state.selection !== id) return;
      panel.hidden = false;
      const close = el('button', { type: 'button', class: 'close', 'aria-label': t('Fermer', 'Close'), onclick: () => closePanel() }, '×');
      if (!response.ok) {
        panel.replaceChildren(close, el('h2', {}, t('Élément introuvable', 'Item not found')),
          el('p', {}, t('Ce lien désigne un acteur ou une instance qui n’existe plus (ou pas à cette date) dans la cartographie.',
            'This link names an actor or an instance that no longer exists (or not at this date) in the map.')),
          el('p', {}, el('button', { type: 'button', class: 'link', onclick: () => closePanel() }, t('Fermer et voir toute la carte', 'Close and see the whole map')),
            ' · ', el('a', { href: `/acteurs${lang === 'en' ? '?lang=en' : ''}` }, t('Chercher dans la liste des acteurs', 'Search the list of actors'))));
        if (moveFocus) panel.focus();
        return;
      }
      const data = await response.json();
      const page = `${pagePath(id)}${lang === 'en' ? '?lang=en' : ''}`;
      const neighbour = (entry) => el('button', { type: 'button', class: 'link', onclick: () => select(entry.id, true, true) }, entry.nom);
      panel.replaceChildren(...[
        close,
        el('h2', { id: 'panel-title' }, data.nom),
        nodes.get(id) ? null : el('p', { class: 'note' }, t('Ce nœud n’est pas dans la vue filtrée.', 'This node is not in the filtered view.'), ' ',
          el('button', { type: 'button', class: 'link', onclick: () => { state = { selection: id, focus: id }; stateToForm(); writeUrl(true); load(); } },
            t('Le montrer avec ses voisins', 'Show it with its neighbours'))),
        id.startsWith('acteur/') ? panels.actor(data, neighbour) : panels.instance(data, neighbour),
        panels.sources(data.sources),
        el('p', { class: 'links' },
          el('a', { href: page }, t('Page complète', 'Full page')), ' · ',
          el('a', { href: `/api${pagePath(id)}` }, 'JSON'), ' · ',
          el('button', { type: 'button', class: 'link', onclick: () => { state.focus = id; writeUrl(true); load(); } }, t('Focus ici', 'Focus here'))),
      ].flat(Infinity).filter(Boolean));
      if (moveFocus) panel.focus();
    }

    window.EcoSearch.attach(document.getElementById('search'), document.getElementById('search-results'), {
      lang, inView: (id) => Boolean(nodes.get(id)), status,
      pick: (id) => {
        if (nodes.get(id)) { network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false }); select(id, true, true); }
        else select(id, true, true);
      },
    });
    window.EcoKeys.attach(container, network, nodes, edges, { select: (id) => select(id, true, false), open: () => panel.focus(),
      clear: () => closePanel(), current: () => state.selection });

    // Toolbar: zoom, fit, full screen; the filters drawer on small screens.
    const zoom = (factor) => network.moveTo({ scale: network.getScale() * factor, animation: false });
    document.getElementById('zoom-in').addEventListener('click', () => zoom(1.4));
    document.getElementById('zoom-out').addEventListener('click', () => zoom(1 / 1.4));
    document.getElementById('zoom-fit').addEventListener('click', () => fitView(network, nodes, container));
    const fullButton = document.getElementById('fullscreen');
    function setFull(on) {
      area.classList.toggle('full', on);
      document.body.classList.toggle('map-full', on);
      fullButton.setAttribute('aria-pressed', String(on));
      fullButton.textContent = on ? t('Quitter le plein écran', 'Exit full screen') : t('Plein écran', 'Full screen');
      network.redraw(); fitView(network, nodes, container);
    }
    fullButton.addEventListener('click', () => setFull(!area.classList.contains('full')));
    document.addEventListener('keydown', (event) => { if (event.key === 'Escape' && area.classList.contains('full') && event.target !== container) setFull(false); });
    const openButton = document.getElementById('open-filters');
    function setDrawer(open) {
      form.classList.toggle('open', open);
      document.body.classList.toggle('drawer-open', open);
      openButton.setAttribute('aria-expanded', String(open));
      if (open) form.querySelector('select, input').focus(); else openButton.focus();
    }
    openButton.addEventListener('click', () => setDrawer(!form.classList.contains('open')));
    document.getElementById('close-filters').addEventListener('click', () => setDrawer(false));
    document.addEventListener('keydown', (event) => { if (event.key === 'Escape' && form.classList.contains('open')) setDrawer(false); });

    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('change', (event) => {
      if (event.target.id === 'physics') return;
      formToState();
      stateToForm();
      writeUrl(true);
      load();
    });
    document.getElementById('physics').addEventListener('change', (event) => {
      network.setOptions({ physics: { enabled: event.target.checked } });
    });
    document.getElementById('focus-on').addEventListener('click', () => {
      if (!state.selection) { status.textContent = t('Choisissez d’abord un nœud.', 'Pick a node first.'); return; }
      state.focus = state.selection; writeUrl(true); load();
    });
    document.getElementById('focus-off').addEventListener('click', () => { delete state.focus; writeUrl(true); load(); });
    document.getElementById('reset').addEventListener('click', () => { state = {}; stateToForm(); writeUrl(true); load(); });
    network.on('click', (params) => { if (params.nodes.length) select(params.nodes[0], true, false); else closePanel(); });
    window.addEventListener('popstate', () => { state = readState(); stateToForm(); load(); });
    panel.addEventListener('keydown', (event) => { if (event.key === 'Escape') { closePanel(); container.focus(); } });

    // Printing shows the legend and the table of the view, whatever their state on screen.
    window.addEventListener('beforeprint', () => {
      for (const id of ['legend-box', 'twin-table']) document.getElementById(id).open = true;
      fitView(network, nodes, container);
    });

    // On a small screen the map comes first: the legend starts folded (one tap opens it).
    if (window.matchMedia('(max-width: 60rem)').matches) document.getElementById('legend-box').open = false;
    stateToForm();
    writeUrl(false);
    load();
  }

  function start() {
    const container = document.getElementById('map');
    if (container) initMapPage(container);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
