// The search client's pure parts under Node (themes/default/static/search-*.js, which
// the build writes as one search.js): the last of them requires the others and holds
// them all.
module.exports = require('../../themes/default/static/search-snippets.js');
