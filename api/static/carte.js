/* The ecosystem map: vis-network driven directly, positions from the server, physics off.
   Every text from the data reaches the page through textContent (tooltips included): never as HTML. */
(() => {
  'use strict';

  const VIEW_KEYS = ['territoire', 'enjeu', 'secteur', 'type', 'role', 'date', 'taille', 'focus', 'profondeur', 'selection'];
  const API_KEYS = ['territoire', 'enjeu', 'secteur', 'type', 'role', 'date', 'taille', 'focus', 'profondeur'];
  const FORM_KEYS = ['territoire', 'enjeu', 'secteur', 'type', 'role', 'date', 'taille', 'profondeur'];
  const lang = document.documentElement.lang === 'en' ? 'en' : 'fr';
  const t = (fr, en) => (lang === 'en' ? en : fr);

  // The browser's copy of ecosystem.folding.fold (search entries come folded by it).
  const SPELLED_OUT = { 'œ': 'oe', 'æ': 'ae', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', 'ß': 'ss', '\u2019': "'", '\u2018': "'" };
  const fold = (text) => (text || '').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[œæøłđðþıß\u2019\u2018]/g, (c) => SPELLED_OUT[c]);

  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'onclick') element.addEventListener('click', value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  function tooltip(text) {
    const box = document.createElement('div');
    box.className = 'tip';
    box.textContent = text || '';
    return box;
  }

  function pagePath(id) {
    const cut = id.indexOf('/');
    return `/${id.slice(0, cut)}s/${id.slice(cut + 1)}`;
  }

  function networkOptions(large) {
    return {
      autoResize: true,
      physics: { enabled: false, solver: 'forceAtlas2Based', stabilization: false },
      layout: { improvedLayout: false },
      interaction: {
        hover: !large, tooltipDelay: 120, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
        keyboard: { enabled: true, bindToWindow: false },
      },
      nodes: {
        borderWidth: 1,
        // Small labels give way when zoomed out; long names wrap at spaces (wrapLabel).
        scaling: { min: 6, max: 36, label: { enabled: true, min: 12, max: 20, drawThreshold: 6, maxVisible: 24 } },
        font: { color: '#1b1f24', strokeWidth: 3, strokeColor: '#ffffff', face: 'system-ui, sans-serif' },
      },
      edges: { color: { color: '#8b95a1', highlight: '#c2410c', hover: '#4a5561' }, smooth: false, width: 1,
               scaling: { min: 1, max: 8 }, selectionWidth: 2 },
    };
  }

  // Wraps a name at spaces into lines of about `width` characters, as the printed map does.
  function wrapLabel(text, width = 24) {
    const lines = [];
    let line = '';
    for (const word of String(text || '').split(/\s+/)) {
      if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
    return lines.join('\n');
  }

  function visNode(node) {
    return {
      id: node.id, label: wrapLabel(node.label), x: node.x, y: node.y, shape: node.shape, value: node.size,
      color: { background: node.color, border: '#1b1f24',
               highlight: { background: node.color, border: '#c2410c' }, hover: { background: node.color, border: '#c2410c' } },
      borderWidth: node.kind === 'instance' ? 2 : 1,
      title: tooltip(node.title),
      kind: node.kind, search: node.search, territory: node.territory,
    };
  }

  function visEdge(edge) {
    return { id: edge.id || `${edge.from}|${edge.to}`, from: edge.from, to: edge.to, value: edge.value, title: tooltip(edge.title) };
  }

  function legendSwatch(shape, colour) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '16'); svg.setAttribute('height', '16'); svg.setAttribute('aria-hidden', 'true');
    const mark = document.createElementNS(ns, shape === 'diamond' ? 'polygon' : 'circle');
    if (shape === 'diamond') mark.setAttribute('points', '8,1 15,8 8,15 1,8');
    else { mark.setAttribute('cx', '8'); mark.setAttribute('cy', '8'); mark.setAttribute('r', '6'); }
    mark.setAttribute('fill', colour || '#ffffff'); mark.setAttribute('stroke', '#1b1f24');
    svg.append(mark);
    return svg;
  }

  function drawLegend(target, legend) {
    target.replaceChildren(
      el('h2', {}, t('Légende', 'Legend')),
      el('ul', {}, legend.formes.map((f) => el('li', {}, legendSwatch(f.forme, f.couleur), ' ', f.libelle))),
      el('ul', { class: 'colours' }, legend.couleurs.map((c) => el('li', {}, legendSwatch('dot', c.couleur), ' ', c.libelle))),
      el('p', {}, legend.taille),
    );
  }

  // --- The full map page -------------------------------------------------------------------

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
    const legend = document.getElementById('legend');
    const search = document.getElementById('search');
    const results = document.getElementById('search-results');
    const nodes = new vis.DataSet();
    const edges = new vis.DataSet();
    const network = new vis.Network(container, { nodes, edges }, networkOptions(false));
    const map = { network, nodes, edges, data: null, ready: false, loads: 0 };
    window.ecoMap = map;
    let state = readState();

    function stateToForm() {
      for (const key of FORM_KEYS) {
        const field = form.elements[key];
        if (field) field.value = state[key] || (key === 'taille' ? 'sieges' : key === 'profondeur' ? '1' : '');
      }
    }

    function formToState() {
      for (const key of FORM_KEYS) {
        const value = form.elements[key].value;
        if (value && !(key === 'taille' && value === 'sieges') && !(key === 'profondeur' && value === '1')) state[key] = value;
        else delete state[key];
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
    }

    async function load() {
      status.textContent = t('Chargement…', 'Loading…');
      map.ready = false;
      const response = await fetch(`/api/carte?${query(state, API_KEYS)}`);
      if (!response.ok) {
        status.textContent = t(`Erreur ${response.status} : la carte n'a pas pu être chargée.`, `Error ${response.status}: the map could not be loaded.`);
        return;
      }
      const data = await response.json();
      map.data = data;
      network.setOptions(networkOptions(data.nodes.length > 800));
      nodes.clear(); edges.clear();
      nodes.add(data.nodes.map(visNode));
      edges.add(data.edges.map(visEdge));
      drawLegend(legend, data.legende);
      status.textContent = data.agrege
        ? t(`Vue agrégée : ${data.vue.noeuds} nœuds regroupés par territoire. Filtrez pour voir le détail.`,
            `Aggregated view: ${data.vue.noeuds} nodes grouped by territory. Filter to see the detail.`)
        : t(`${data.vue.noeuds} nœuds · ${data.vue.liens} liens (sur ${data.total.noeuds})`,
            `${data.vue.noeuds} nodes · ${data.vue.liens} edges (of ${data.total.noeuds})`);
      network.once('afterDrawing', () => { map.ready = true; map.loads += 1; map.paintedAt = performance.now(); });
      network.fit({ animation: false });
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

    function neighbourButton(entry) {
      return el('button', { type: 'button', class: 'link', onclick: () => select(entry.id, true, true) }, entry.nom);
    }

    function facts(pairs) {
      return el('dl', { class: 'facts' }, pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
    }

    const names = (refs) => (refs || []).map((r) => r.nom).join(', ');

    function sourcesSection(items) {
      if (!items || !items.length) return null;
      return [el('h3', {}, t('Sources', 'Sources')), el('ul', { class: 'sources' }, items.map((s) => el('li', {},
        /^https?:/.test(s.iri) && !s.iri.includes('/id/source/') ? el('a', { href: s.iri, rel: 'noopener noreferrer' }, s.titre) : s.titre,
        s.lieu ? ` — ${s.lieu}` : '')))];
    }

    function actorPanel(data) {
      const load = data.heures !== null ? `${data.heures} ${t('h/an', 'h/year')}`
        : data.charge ? t(`inconnue (≥ ${data.charge.heures_connues} h/an connues)`, `unknown (≥ ${data.charge.heures_connues} h/year known)`) : null;
      return [
        facts([[t('Type', 'Type'), data.type && data.type.nom], [t('Secteur', 'Sector'), names(data.secteurs)],
               [t('Territoire', 'Territory'), data.territoire && data.territoire.nom], [t('Sièges', 'Seats'), data.sieges],
               [t('Charge', 'Load'), load]]),
        data.sur_sollicitation.length ? el('p', { class: 'warning' }, `${t('Sur-sollicité', 'Over-solicited')} : ${data.sur_sollicitation.join(', ')}`) : null,
        el('h3', {}, `${t('Sièges', 'Seats')} (${data.instances.length})`),
        el('ul', {}, data.instances.map((s) => el('li', {}, neighbourButton(s), s.roles.length ? ` — ${names(s.roles)}` : ''))),
        data.sieges_redondants ? el('p', {}, `${t('Sièges redondants', 'Redundant seats')} : ${data.sieges_redondants.sieges_redondants}`) : null,
      ];
    }

    function instancePanel(data) {
      return [
        data.mandat ? el('p', { class: 'mandate' }, data.mandat) : null,
        facts([[t('Type', 'Type'), data.type && data.type.nom], [t('Territoire', 'Territory'), data.territoire && data.territoire.nom],
               [t('Enjeux', 'Issues'), names(data.enjeux)], [t('Fonctions', 'Functions'), names(data.fonctions)],
               [t('Populations', 'Populations'), names(data.populations)]]),
        el('h3', {}, `${t('Membres', 'Members')} (${data.membres.length})`),
        el('ul', {}, data.membres.map((m) => el('li', {}, neighbourButton(m), m.roles.length ? ` — ${names(m.roles)}` : '',
          ` · ${m.sieges} ${t('siège(s)', 'seat(s)')}`))),
        data.chevauchements.length ? [el('h3', {}, t('Chevauchements de mandat', 'Mandate overlaps')),
          el('ol', {}, data.chevauchements.map((o) => el('li', {}, neighbourButton(o), ` — ${o.score.toFixed(2)}`)))] : null,
      ];
    }

    async function openPanel(id, moveFocus) {
      const response = await fetch(`/api${pagePath(id)}?${lang === 'en' ? 'lang=en&' : ''}${state.date ? `date=${state.date}` : ''}`);
      if (state.selection !== id) return;
      panel.hidden = false;
      if (!response.ok) {
        panel.replaceChildren(el('p', { class: 'error' }, t('Élément introuvable.', 'Item not found.')));
        return;
      }
      const data = await response.json();
      const page = `${pagePath(id)}${lang === 'en' ? '?lang=en' : ''}`;
      panel.replaceChildren(...[
        el('button', { type: 'button', class: 'close', 'aria-label': t('Fermer', 'Close'), onclick: () => closePanel() }, '×'),
        el('h2', { id: 'panel-title' }, data.nom),
        id.startsWith('acteur/') ? actorPanel(data) : instancePanel(data),
        sourcesSection(data.sources),
        el('p', { class: 'links' },
          el('a', { href: page }, t('Page complète', 'Full page')), ' · ',
          el('a', { href: `/api${pagePath(id)}` }, 'JSON'), ' · ',
          el('button', { type: 'button', class: 'link', onclick: () => { state.focus = id; writeUrl(true); load(); } }, t('Focus ici', 'Focus here'))),
      ].flat(Infinity).filter(Boolean));
      if (moveFocus) panel.focus();
    }

    // Search with accent-insensitive autocomplete (a combobox: arrows, Enter, Escape).
    let active = -1;
    function showResults() {
      const wanted = fold(search.value.trim());
      const found = wanted ? nodes.get({ filter: (n) => n.search && n.search.includes(wanted) }) : [];
      found.sort((a, b) => (b.search.startsWith(wanted) - a.search.startsWith(wanted)) || a.search.localeCompare(b.search));
      active = found.length ? 0 : -1;
      results.replaceChildren(...found.slice(0, 12).map((n, i) => el('li', {
        role: 'option', id: `result-${i}`, 'data-id': n.id, 'aria-selected': i === 0 ? 'true' : 'false',
        onclick: () => pick(n.id),
      }, n.label)));
      results.hidden = !found.length;
      search.setAttribute('aria-expanded', String(!results.hidden));
      if (found.length) search.setAttribute('aria-activedescendant', 'result-0'); else search.removeAttribute('aria-activedescendant');
      if (wanted && !found.length) status.textContent = t('Aucun résultat dans la vue actuelle.', 'No result in the current view.');
    }
    function highlight(index) {
      const options = results.querySelectorAll('[role=option]');
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach((o, i) => o.setAttribute('aria-selected', i === active ? 'true' : 'false'));
      search.setAttribute('aria-activedescendant', options[active].id);
    }
    function pick(id) {
      results.hidden = true;
      search.setAttribute('aria-expanded', 'false');
      network.focus(id, { scale: 1.4, animation: false });
      select(id, true, true);
    }
    search.addEventListener('input', showResults);
    search.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') { highlight(active + 1); event.preventDefault(); }
      else if (event.key === 'ArrowUp') { highlight(active - 1); event.preventDefault(); }
      else if (event.key === 'Enter') {
        const option = results.querySelectorAll('[role=option]')[Math.max(active, 0)];
        if (option && !results.hidden) pick(option.dataset.id);
        event.preventDefault();
      } else if (event.key === 'Escape') { results.hidden = true; search.setAttribute('aria-expanded', 'false'); }
    });

    form.addEventListener('change', (event) => {
      if (event.target === search || event.target.id === 'physics') return;
      formToState();
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
    panel.addEventListener('keydown', (event) => { if (event.key === 'Escape') closePanel(); });

    stateToForm();
    writeUrl(false);
    load();
  }

  // --- A neighbourhood map on an actor's or an instance's page ---------------------------------

  async function initMiniMap(container) {
    const focus = container.dataset.focus || '';
    const view = container.dataset.query || `focus=${encodeURIComponent(focus)}&profondeur=1`;
    const response = await fetch(`/api/carte?${view}${lang === 'en' ? '&lang=en' : ''}`);
    if (!response.ok) return;
    const data = await response.json();
    const network = new vis.Network(container, { nodes: new vis.DataSet(data.nodes.map(visNode)), edges: new vis.DataSet(data.edges.map(visEdge)) },
      networkOptions(false));
    network.once('afterDrawing', () => network.fit({ animation: false }));
    network.on('click', (params) => {
      if (params.nodes.length && params.nodes[0] !== focus && !params.nodes[0].startsWith('groupe/')) location.href = `${pagePath(params.nodes[0])}${lang === 'en' ? '?lang=en' : ''}`;
    });
  }

  function start() {
    const container = document.getElementById('map');
    if (container) initMapPage(container);
    document.querySelectorAll('.mini-map').forEach(initMiniMap);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
