/* The map by keyboard and by name: the search combobox (whole graph, /api/recherche) and the keys of
   the focused map (move among a node's neighbours, pan, zoom), without vis-network's own
   keyboard handler and its extra, unlabelled Tab stop. */
(() => {
  'use strict';

  const { t, el } = window.EcoMap;

  const EcoSearch = {
    attach(search, results, options) {
      let active = -1;
      let timer = null;
      let asked = 0;
      async function showResults() {
        const wanted = search.value.trim();
        const ticket = ++asked;
        if (!wanted) { close(); return; }
        const response = await fetch(`/api/recherche?q=${encodeURIComponent(wanted)}&limite=12${options.lang === 'en' ? '&lang=en' : ''}`);
        if (ticket !== asked || !response.ok) return;
        const found = (await response.json()).resultats;
        active = found.length ? 0 : -1;
        results.replaceChildren(...found.map((n, i) => el('li', {
          role: 'option', id: `result-${i}`, 'data-id': n.id, 'aria-selected': i === 0 ? 'true' : 'false',
          onclick: () => pick(n.id),
        }, n.nom, options.inView(n.id) ? null : el('span', { class: 'out-of-view' }, t(' (hors de la vue filtrée)', ' (outside the filtered view)')))));
        results.hidden = !found.length;
        search.setAttribute('aria-expanded', String(!results.hidden));
        if (found.length) search.setAttribute('aria-activedescendant', 'result-0'); else search.removeAttribute('aria-activedescendant');
        if (!found.length) options.status.textContent = t(`Aucun acteur ni instance ne correspond à « ${wanted} ». Essayez un seul mot ou un sigle.`, `No actor or instance matches “${wanted}”. Try a single word or an acronym.`);
      }
      function close() {
        results.hidden = true;
        search.setAttribute('aria-expanded', 'false');
        search.removeAttribute('aria-activedescendant');
      }
      function highlight(index) {
        const items = results.querySelectorAll('[role=option]');
        if (!items.length) return;
        active = (index + items.length) % items.length;
        items.forEach((o, i) => o.setAttribute('aria-selected', i === active ? 'true' : 'false'));
        search.setAttribute('aria-activedescendant', items[active].id);
      }
      function pick(id) { close(); options.pick(id); }
      search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(showResults, 80); });
      search.addEventListener('keydown', (event) => {
        if (event.key === 'ArrowDown') { highlight(active + 1); event.preventDefault(); }
        else if (event.key === 'ArrowUp') { highlight(active - 1); event.preventDefault(); }
        else if (event.key === 'Enter') {
          const item = results.querySelectorAll('[role=option]')[Math.max(active, 0)];
          if (item && !results.hidden) pick(item.dataset.id);
          event.preventDefault();
        } else if (event.key === 'Escape') close();
      });
    },
  };

  const DIRECTIONS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  // The neighbour lying most nearly in the pressed direction (within 70°), the nearest first.
  function neighbourTowards(network, id, [dx, dy]) {
    const from = network.getPosition(id);
    let best = null;
    for (const other of network.getConnectedNodes(id)) {
      const to = network.getPosition(other);
      const vx = to.x - from.x; const vy = to.y - from.y;
      const length = Math.hypot(vx, vy) || 1;
      const cosine = (vx * dx + vy * dy) / length;
      if (cosine < Math.cos((70 * Math.PI) / 180)) continue;
      const cost = length * (2 - cosine);
      if (!best || cost < best.cost) best = { id: other, cost };
    }
    return best && best.id;
  }

  const EcoKeys = {
    attach(container, network, nodes, edges, actions) {
      const status = document.getElementById('status');
      function announce(id) {
        const node = nodes.get(id);
        const count = network.getConnectedNodes(id).length;
        status.textContent = t(`${node.name} : ${count} voisin(s). Flèches : voisin suivant ; Entrée : détails.`,
          `${node.name}: ${count} neighbour(s). Arrows: next neighbour; Enter: details.`);
      }
      function choose(id) {
        actions.select(id);
        const position = network.canvasToDOM(network.getPosition(id));
        if (position.x < 0 || position.y < 0 || position.x > container.clientWidth || position.y > container.clientHeight) {
          network.moveTo({ position: network.getPosition(id), animation: false });
        }
        announce(id);
      }
      function mostConnected() {
        let best = null;
        for (const id of nodes.getIds()) {
          const degree = network.getConnectedNodes(id).length;
          if (!best || degree > best.degree) best = { id, degree };
        }
        return best && best.id;
      }
      container.addEventListener('keydown', (event) => {
        const current = actions.current() && nodes.get(actions.current()) ? actions.current() : null;
        const direction = DIRECTIONS[event.key];
        if (direction && current && !event.shiftKey) {
          const next = neighbourTowards(network, current, direction);
          if (next) choose(next); else status.textContent = t('Aucun voisin dans cette direction.', 'No neighbour in that direction.');
        } else if (direction) {
          const view = network.getViewPosition();
          const step = 80 / network.getScale();
          network.moveTo({ position: { x: view.x + direction[0] * step, y: view.y + direction[1] * step }, animation: false });
        } else if (event.key === '+' || event.key === '=') {
          network.moveTo({ scale: network.getScale() * 1.25, animation: false });
        } else if (event.key === '-' || event.key === '_') {
          network.moveTo({ scale: network.getScale() / 1.25, animation: false });
        } else if (event.key === '0') {
          window.EcoMap.fitView(network, nodes, container);
        } else if (event.key === 'Enter' || event.key === ' ') {
          if (current) actions.open(); else { const id = mostConnected(); if (id) choose(id); }
        } else if (event.key === 'Escape' && current) {
          actions.clear();
          status.textContent = t('Sélection retirée.', 'Selection cleared.');
        } else return;
        event.preventDefault();
      });
    },
  };

  window.EcoSearch = EcoSearch;
  window.EcoKeys = EcoKeys;
})();
