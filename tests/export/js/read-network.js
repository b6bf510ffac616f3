// Reads a GEXF or GraphML file with graphology's parsers (those Gephi Lite uses) and prints
// its nodes and edges as JSON: what an independent client sees in the export.
'use strict';
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');
const graphml = require('graphology-graphml');

const [path] = process.argv.slice(2);
const text = fs.readFileSync(path, 'utf-8');
const parser = path.endsWith('.gexf') ? gexf : graphml;
const graph = parser.parse(Graph, text);
const nodes = {};
graph.forEachNode((node, attributes) => { nodes[node] = attributes; });
process.stdout.write(JSON.stringify({order: graph.order, size: graph.size, nodes}));
