// n8n loads the nodes and credentials listed in package.json's "n8n" section; this entry exists for tools that
// expect a package main.
module.exports = {};
