/* The map's non-visual twin and its panel contents: a generated summary of the view, the nodes
   without links as a list, a sortable table of the nodes and links in view with a CSV download. */
(() => {
  'use strict';

  const { t, number, el } = window.EcoMap;
  const names = (refs) => (refs || []).map((r) => r.nom).join(', ');
  const hours = (value) => t(`${number(value)} h/an`, `${number(value)} h/year`);

  function facts(pairs) {
    return el('dl', { class: 'facts' }, pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
  }

  const EcoPanel = {
    sources(items) {
      if (!items || !items.length) return null;
      return [el('h3', {}, t('Sources', 'Sources')), el('ul', { class: 'sources' }, items.map((s) => el('li', {},
        /^https?:/.test(s.iri) && !s.iri.includes('/id/source/') ? el('a', { href: s.iri, rel: 'noopener noreferrer' }, s.titre) : s.titre,
        s.lieu ? ` — ${s.lieu}` : '')))];
    },
    actor(data, neighbour) {
      const load = data.heures !== null ? hours(data.heures)
        : data.charge ? t(`inconnue (au moins ${number(data.charge.heures_connues)} h/an connues)`, `unknown (at least ${number(data.charge.heures_connues)} h/year known)`) : null;
      return [
        facts([[t('Type', 'Type'), data.type && data.type.nom], [t('Secteur', 'Sector'), names(data.secteurs)],
               [t('Territoire', 'Territory'), data.territoire && data.territoire.nom], [t('Sièges', 'Seats'), data.sieges],
               [t('Charge', 'Load'), load]]),
        data.sur_sollicitation_texte || (data.sur_sollicitation && data.sur_sollicitation.length)
          ? el('p', { class: 'warning' }, `${t('Sur-sollicité', 'Over-solicited')} : ${data.sur_sollicitation_texte || data.sur_sollicitation.join(', ')}`) : null,
        el('h3', {}, `${t('Sièges', 'Seats')} (${data.instances.length})`),
        el('ul', {}, data.instances.map((s) => el('li', {}, neighbour(s), s.roles.length ? ` — ${names(s.roles)}` : ''))),
        data.sieges_redondants ? el('p', {}, `${t('Sièges redondants', 'Redundant seats')} : ${data.sieges_redondants.sieges_redondants}`) : null,
      ];
    },
    instance(data, neighbour) {
      return [
        data.mandat ? el('p', { class: 'mandate' }, data.mandat) : null,
        facts([[t('Type', 'Type'), data.type && data.type.nom], [t('Territoire', 'Territory'), data.territoire && data.territoire.nom],
               [t('Enjeux', 'Issues'), names(data.enjeux)], [t('Fonctions', 'Functions'), names(data.fonctions)],
               [t('Populations', 'Populations'), names(data.populations)]]),
        el('h3', {}, `${t('Membres', 'Members')} (${data.membres.length})`),
        el('ul', {}, data.membres.map((m) => el('li', {}, neighbour(m), m.roles.length ? ` — ${names(m.roles)}` : '',
          ` · ${m.sieges} ${t('siège(s)', 'seat(s)')}`))),
        data.chevauchements.length ? [el('h3', {}, t('Chevauchements de mandat', 'Mandate overlaps')),
          el('ol', {}, data.chevauchements.map((o) => el('li', {}, neighbour(o), ` — ${t('score', 'score')} ${number(o.score)}`)))] : null,
      ];
    },
  };

  function summary(data) {
    const v = data.vue;
    if (data.agrege) {
      return t(`${number(v.instances)} instances et ${number(v.acteurs)} organisations, regroupées par territoire (${number(data.nodes.length)} groupes).`,
        `${number(v.instances)} instances and ${number(v.acteurs)} organisations, grouped by territory (${number(data.nodes.length)} groups).`);
    }
    if (!data.nodes.length) return t('Aucun nœud dans cette vue.', 'No node in this view.');
    const top = [...data.nodes].sort((a, b) => b.liens - a.liens || a.label.localeCompare(b.label))[0];
    const topActor = data.nodes.filter((n) => n.kind === 'actor').sort((a, b) => b.liens - a.liens || a.label.localeCompare(b.label))[0];
    const parts = [t(`${number(v.instances)} instances, ${number(v.acteurs)} organisations et ${number(v.liens)} participations`,
      `${number(v.instances)} instances, ${number(v.acteurs)} organisations and ${number(v.liens)} memberships`)];
    parts.push(t(`le nœud le plus lié : ${top.label} (${top.liens} liens)`, `the most connected node: ${top.label} (${top.liens} links)`));
    if (topActor && topActor !== top) parts.push(t(`l’organisation la plus présente : ${topActor.label} (${topActor.liens} sièges dans la vue)`,
      `the most present organisation: ${topActor.label} (${topActor.liens} seats in view)`));
    if (v.sans_lien) parts.push(t(`${number(v.sans_lien)} sans lien`, `${number(v.sans_lien)} without links`));
    return `${parts.join(' ; ')}.`;
  }

  const COLUMNS = [
    { key: 'label', fr: 'Nom', en: 'Name' },
    { key: 'nature', fr: 'Nature', en: 'Kind' },
    { key: 'categorie', fr: 'Catégorie (couleur)', en: 'Category (colour)' },
    { key: 'territoire', fr: 'Territoire', en: 'Territory' },
    { key: 'liens', fr: 'Liens dans la vue', en: 'Links in view', numeric: true },
  ];

  function rows(data) {
    return data.nodes.map((n) => ({ ...n, nature: n.kind === 'actor' ? t('Organisation', 'Organisation') : n.kind === 'instance' ? t('Instance', 'Instance') : t('Groupe', 'Group') }));
  }

  function csv(lines) {
    const cell = (value) => `"${String(value === null || value === undefined ? '' : value).replace(/"/g, '""')}"`;
    return `\ufeff${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
  }

  function csvLink(data, byId) {
    const lines = [[...COLUMNS.map((c) => t(c.fr, c.en)), 'id']];
    for (const r of rows(data)) lines.push([...COLUMNS.map((c) => r[c.key]), r.id]);
    lines.push([]);
    lines.push([t('Lien : organisation', 'Link: organisation'), t('instance', 'instance'), t('rôles', 'roles'), t('heures par an', 'hours a year')]);
    for (const e of data.edges) lines.push([(byId[e.from] || {}).label || e.from, (byId[e.to] || {}).label || e.to, e.libelle_roles || '', e.heures === null || e.heures === undefined ? '' : e.heures]);
    const href = `data:text/csv;charset=utf-8,${encodeURIComponent(csv(lines))}`;
    return el('a', { href, download: t('carte-vue.csv', 'map-view.csv'), id: 'twin-csv' }, t('Télécharger ce tableau (CSV)', 'Download this table (CSV)'));
  }

  function sortableTable(list, select) {
    let sortKey = 'liens';
    let ascending = false;
    const table = el('table', { class: 'data twin', id: 'twin-nodes' });
    const caption = el('caption', {}, t('Nœuds de la vue (cliquez un en-tête pour trier)', 'Nodes in view (click a heading to sort)'));
    function draw() {
      const sorted = [...list].sort((a, b) => {
        const column = COLUMNS.find((c) => c.key === sortKey);
        const order = column.numeric ? (a[sortKey] - b[sortKey]) : String(a[sortKey] || '').localeCompare(String(b[sortKey] || ''), undefined, { sensitivity: 'base' });
        return ascending ? order : -order;
      });
      const head = el('tr', {}, COLUMNS.map((c) => el('th', { scope: 'col', 'aria-sort': c.key === sortKey ? (ascending ? 'ascending' : 'descending') : 'none' },
        el('button', { type: 'button', class: 'sort', onclick: () => { ascending = c.key === sortKey ? !ascending : !c.numeric; sortKey = c.key; draw(); } }, t(c.fr, c.en)))));
      table.replaceChildren(caption, el('thead', {}, head), el('tbody', {}, sorted.map((r) => el('tr', {},
        el('td', {}, r.kind === 'group' ? r.label : el('button', { type: 'button', class: 'link', onclick: () => select(r.id) }, r.label)),
        el('td', {}, r.nature), el('td', {}, r.categorie || ''), el('td', {}, r.territoire || ''), el('td', { class: 'num' }, number(r.liens || 0))))));
    }
    draw();
    return table;
  }

  function linksTable(data, byId) {
    return el('table', { class: 'data twin', id: 'twin-links' },
      el('caption', {}, t('Liens de la vue (participations)', 'Links in view (memberships)')),
      el('thead', {}, el('tr', {}, [t('Organisation', 'Organisation'), t('Instance', 'Instance'), t('Rôles', 'Roles'), t('Heures par an', 'Hours a year')]
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, data.edges.map((e) => el('tr', {}, el('td', {}, (byId[e.from] || {}).label || e.from), el('td', {}, (byId[e.to] || {}).label || e.to),
        el('td', {}, e.libelle_roles || ''), el('td', { class: 'num' }, e.heures === null || e.heures === undefined ? '' : number(e.heures))))));
  }

  const EcoTwin = {
    render(data, isolated, hidden, actions) {
      const byId = Object.fromEntries(data.nodes.map((n) => [n.id, n]));
      document.getElementById('summary').textContent = summary(data);
      const box = document.getElementById('isolated');
      box.replaceChildren();
      if (isolated.length && !data.agrege) {
        box.append(el('h3', {}, hidden ? t(`Nœuds sans lien, retirés de la carte (${isolated.length})`, `Nodes without links, left off the map (${isolated.length})`)
          : t(`Nœuds sans lien (${isolated.length})`, `Nodes without links (${isolated.length})`)),
          el('ul', { class: 'isolated' }, isolated.map((n) => el('li', {}, el('button', { type: 'button', class: 'link', onclick: () => actions.select(n.id) }, n.label),
            ` — ${n.kind === 'actor' ? t('organisation', 'organisation') : t('instance', 'instance')}`))));
      }
      document.getElementById('twin-body').replaceChildren(csvLink(data, byId), el('div', { class: 'table-wrap' }, sortableTable(rows(data), actions.select)),
        data.agrege ? null : el('div', { class: 'table-wrap' }, linksTable(data, byId)));
    },
  };

  window.EcoPanel = EcoPanel;
  window.EcoTwin = EcoTwin;
})();
