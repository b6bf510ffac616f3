/* What every map of the app shares (the map page, carte-page.js, and the neighbourhood maps of the
   entity pages): vis-network driven directly, positions from the server, physics off.
   Every text from the data reaches the page through textContent (tooltips included): never as HTML. */
(() => {
  'use strict';

  const lang = document.documentElement.lang === 'en' ? 'en' : 'fr';
  const t = (fr, en) => (lang === 'en' ? en : fr);
  const numberFormat = new Intl.NumberFormat(lang === 'en' ? 'en-CA' : 'fr-CA', { maximumFractionDigits: 1 });
  const number = (value) => numberFormat.format(value);

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

  // Labels are sized per node (see sizeLabels): vis-network's own label scaling stays off.
  // Below `drawThreshold` screen pixels a label is not drawn; above `maxVisible` it stops growing.
  const LABEL_PX = 14;
  const HIDDEN_BELOW_PX = 9;

  function networkOptions(large) {
    return {
      autoResize: true,
      physics: { enabled: false, solver: 'forceAtlas2Based', stabilization: false },
      layout: { improvedLayout: false },
      // The page handles the keys itself (carte-page.js): vis-network's own keyboard needs a
      // second, unlabelled Tab stop.
      interaction: { hover: !large, tooltipDelay: 120, hideEdgesOnDrag: large, hideEdgesOnZoom: large, keyboard: false,
                     multiselect: false, zoomView: true, dragView: true },
      nodes: {
        borderWidth: 1,
        scaling: { label: { enabled: false, drawThreshold: HIDDEN_BELOW_PX, maxVisible: 22 } },
        font: { size: LABEL_PX, color: '#1b1f24', strokeWidth: 4, strokeColor: '#ffffff', face: 'system-ui, sans-serif' },
      },
      edges: { color: { color: '#8b95a1', highlight: '#c2410c', hover: '#4a5561' }, smooth: false, width: 1, selectionWidth: 2 },
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
      id: node.id, label: wrapLabel(node.label), full: wrapLabel(node.label), x: node.x, y: node.y, shape: node.shape, size: node.size,
      color: { background: node.color, border: '#1b1f24',
               highlight: { background: node.color, border: '#c2410c' }, hover: { background: node.color, border: '#c2410c' } },
      borderWidth: node.kind === 'instance' ? 2 : 1,
      title: tooltip(node.title),
      kind: node.kind, name: node.label, territory: node.territory, weight: node.size,
    };
  }

  function visEdge(edge) {
    return { id: edge.id || `${edge.from}|${edge.to}`, from: edge.from, to: edge.to, width: edge.value ? Math.min(8, 1 + Math.log2(edge.value)) : 1,
             title: tooltip(edge.title) };
  }

  /* Fits the view to the nodes' positions (vis-network's own fit also counts the labels' boxes,
     which leaves the drawing small). */
  function fitView(network, nodes, container) {
    const ids = nodes.getIds();
    if (!ids.length) return;
    const points = Object.values(network.getPositions(ids));
    const xs = points.map((p) => p.x); const ys = points.map((p) => p.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    // Room at the sides for the labels, wider than the shapes (screen pixels, so a phone keeps its drawing large).
    const width = Math.max(container.clientWidth - Math.min(160, container.clientWidth / 4), 50);
    const height = Math.max(container.clientHeight - 80, 50);
    const scale = Math.min(1.2, width / Math.max(maxX - minX, 1), height / Math.max(maxY - minY, 1));
    network.moveTo({ position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 + 12 / scale }, scale, animation: false });
  }

  /* Stretches the drawing along one axis (at most ×1.5) towards the map area's proportions, once per
     load: the server's layout is about square, a desktop area is wide and a phone's is tall, so a
     plain fit left half the area empty. The order of the nodes along each axis is kept. */
  function stretchToArea(nodes, container) {
    const all = nodes.get();
    if (all.length < 2) return;
    const span = (key) => Math.max(1, Math.max(...all.map((n) => n[key])) - Math.min(...all.map((n) => n[key])));
    const ratio = (Math.max(container.clientWidth - 160, 50) / Math.max(container.clientHeight - 80, 50)) / (span('x') / span('y'));
    const [sx, sy] = ratio >= 1 ? [Math.min(1.5, ratio), 1] : [1, Math.min(1.5, 1 / ratio)];
    nodes.update(all.map((n) => ({ id: n.id, x: n.x * sx, y: n.y * sy })));
  }

  // Cuts a wrapped label to its first `keep` lines, an ellipsis marking the cut (the full name stays
  // in the tooltip, the panel and the table).
  function shortLabel(label, keep = 2) {
    const lines = String(label || '').split('\n');
    return lines.length <= keep ? lines.join('\n') : `${lines.slice(0, keep).join('\n')} …`;
  }

  const measure = document.createElement('canvas').getContext('2d');

  /* Point-feature label placement (Imhof; Christensen, Marks & Shieber 1995), greedy, largest nodes
     first: a label cut to two lines tries below its node, then above (vis-network draws node labels
     centred on the node's x), and is kept at the first spot that stays inside the map and overlaps
     neither a label already placed nor any other node's shape. The others show theirs when zoomed
     in, or on hover. */
  function sizeLabels(network, nodes, width) {
    const scale = network.getScale() || 1;
    // Zoomed far out (a phone, a large view), shapes grow so that they stay visible and tappable.
    const grow = Math.min(2.5, Math.max(1, 0.45 / scale));
    nodes.update(nodes.get().map((node) => ({ id: node.id, size: (node.weight || 8) * grow, label: node.full, font: { vadjust: 0 } })));
    const wanted = Math.max(5, Math.round(width / 90));
    const ranked = nodes.get().sort((a, b) => (b.weight || 0) - (a.weight || 0) || String(a.id).localeCompare(String(b.id)));
    const units = Math.min(90, Math.max(LABEL_PX, (LABEL_PX + 1) / scale));
    const px = units * scale;
    const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const canvas = network.canvas.frame.canvas;
    const area = { left: 0, top: 0, right: canvas.clientWidth, bottom: canvas.clientHeight };
    const shapes = ranked.map((node) => {
      const c = network.canvasToDOM(network.getPosition(node.id)); const r = (node.weight || 8) * grow * scale + 2;
      return { id: node.id, left: c.x - r, right: c.x + r, top: c.y - r, bottom: c.y + r };
    });
    measure.font = `${px}px system-ui, sans-serif`;
    const placed = [];
    const chosen = new Map();  // node id → its short label and vertical shift (canvas units)
    // Two-line labels first; where too few fit (a phone), one-line ones fill the remaining slots.
    for (const keep of [2, 1]) {
      for (const node of ranked) {
        if (chosen.size >= wanted) break;
        if (chosen.has(node.id)) continue;
        const c = network.canvasToDOM(network.getPosition(node.id)); const r = (node.weight || 8) * grow * scale;
        const label = shortLabel(node.full, keep);
        const lines = label.split('\n');
        const w = Math.max(...lines.map((l) => measure.measureText(l).width)) + 6; const h = lines.length * 1.1 * px + 4;
        // vis-network puts the label's top half a line plus 4 units under the shape; above, vadjust lifts it.
        const below = c.y + r + (0.5 * units + 4) * scale;
        for (const top of [below, c.y - r - 4 - h]) {
          const box = { left: c.x - w / 2, right: c.x + w / 2, top: top - 2, bottom: top + h };
          if (box.left < area.left || box.right > area.right || box.top < area.top || box.bottom > area.bottom) continue;
          if (placed.some((o) => overlaps(box, o)) || shapes.some((o) => o.id !== node.id && overlaps(box, o))) continue;
          placed.push(box);
          chosen.set(node.id, { label, shift: (top - below) / scale });
          break;
        }
      }
    }
    // The other labels stay just under the drawing threshold at this zoom: they appear as soon as one zooms in.
    const small = Math.min(LABEL_PX, (HIDDEN_BELOW_PX - 1.5) / scale);
    nodes.update(ranked.map((node) => {
      const spot = chosen.get(node.id);
      return spot ? { id: node.id, label: spot.label, font: { size: units, vadjust: spot.shift } } : { id: node.id, font: { size: small } };
    }));
    return [...chosen.keys()];
  }

  function swatch(shape, colour, radius = 6) {
    const ns = 'http://www.w3.org/2000/svg';
    const side = 2 * radius + 4;
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', String(side)); svg.setAttribute('height', String(side)); svg.setAttribute('aria-hidden', 'true');
    const c = side / 2;
    const mark = document.createElementNS(ns, shape === 'diamond' ? 'polygon' : 'circle');
    if (shape === 'diamond') mark.setAttribute('points', `${c},${c - radius} ${c + radius},${c} ${c},${c + radius} ${c - radius},${c}`);
    else { mark.setAttribute('cx', String(c)); mark.setAttribute('cy', String(c)); mark.setAttribute('r', String(radius)); }
    mark.setAttribute('fill', colour || '#ffffff'); mark.setAttribute('stroke', '#1b1f24');
    svg.append(mark);
    return svg;
  }

  function drawLegend(target, legend) {
    const scale = legend.echelle || [];
    const largest = Math.max(1, ...scale.map((s) => s.taille));
    target.replaceChildren(
      el('ul', { class: 'shapes' }, legend.formes.map((f) => el('li', {}, swatch(f.forme, f.couleur), ' ', f.libelle))),
      el('div', { class: 'colours-block' }, el('p', { class: 'legend-title' }, legend.titre_couleurs),
        el('ul', { class: 'colours' }, legend.couleurs.map((c) => el('li', {}, swatch(c.forme || 'dot', c.couleur), ' ', c.libelle)))),
      scale.length ? el('div', { class: 'size-block' }, el('p', { class: 'legend-title' }, legend.taille),
        el('ul', { class: 'size-scale' }, scale.map((s) => el('li', {}, swatch('dot', '#ffffff', Math.max(2, 12 * Math.sqrt(s.taille / largest))), ' ', s.libelle))))
        : el('p', {}, legend.taille),
    );
  }

  // --- A neighbourhood map on an actor's or an instance's page ---------------------------------

  async function initMiniMap(container) {
    const focus = container.dataset.focus || '';
    const view = container.dataset.query || `focus=${encodeURIComponent(focus)}&profondeur=1`;
    const response = await fetch(`/api/carte?${view}${lang === 'en' ? '&lang=en' : ''}`);
    if (!response.ok) return;
    const data = await response.json();
    const nodes = new vis.DataSet(data.nodes.map(visNode));
    const network = new vis.Network(container, { nodes, edges: new vis.DataSet(data.edges.map(visEdge)) }, networkOptions(false));
    network.once('afterDrawing', () => { fitView(network, nodes, container); sizeLabels(network, nodes, container.clientWidth); });
    network.on('click', (params) => {
      if (params.nodes.length && params.nodes[0] !== focus && !params.nodes[0].startsWith('groupe/')) location.href = `${pagePath(params.nodes[0])}${lang === 'en' ? '?lang=en' : ''}`;
    });
  }

  window.EcoMap = { lang, t, number, el, tooltip, pagePath, networkOptions, visNode, visEdge, stretchToArea, fitView, sizeLabels, drawLegend };

  function start() {
    document.querySelectorAll('.mini-map').forEach(initMiniMap);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
