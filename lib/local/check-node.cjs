'use strict';
// `npm start` runs this before anything else loads, on whatever Node is installed: so CommonJS, and no
// syntax or API newer than Node 8 has.
/* global module, require */

var MINIMUM_NODE_MAJOR = 22;
var MESSAGE_WIDTH = 80;

/**
 * Wraps a start-up message into one paragraph of lines at most MESSAGE_WIDTH wide, breaking at spaces but
 * never inside a `code span`, so that every command stays whole on one line to copy.
 */
function paragraph(text) {
  var words = text.match(/(?:`[^`]*`|[^\s`])+/g) || [];
  var lines = [];
  var line = '';
  for (var i = 0; i < words.length; i++) {
    if (line && line.length + 1 + words[i].length > MESSAGE_WIDTH) {
      lines.push(line);
      line = words[i];
    } else {
      line = line ? line + ' ' + words[i] : words[i];
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** What a developer on an older Node than the platform needs is told; undefined on a Node new enough. */
function nodeVersionRefusal(version) {
  var major = Number(String(version).replace(/^v/, '').split('.')[0]);
  if (major >= MINIMUM_NODE_MAJOR) return undefined;
  return (
    'SBM CRM needs Node.js ' +
    MINIMUM_NODE_MAJOR +
    ' or later (24 recommended: the Lambda runtime it deploys to), and this is Node ' +
    version +
    '. Install Node 24, open a new terminal and run `npm start` again:' +
    ' with nvm, `nvm install 24`; with fnm, `fnm install 24 && fnm use 24`;' +
    ' or, without a version manager, from the npm registry as CI does (.ci/run):' +
    ' `npm install --prefix ~/.node24 node@24`, then put ~/.node24/node_modules/node/bin first on the PATH.'
  );
}

module.exports = {
  MINIMUM_NODE_MAJOR: MINIMUM_NODE_MAJOR,
  paragraph: paragraph,
  nodeVersionRefusal: nodeVersionRefusal,
};

if (require.main === module) {
  var refusal = nodeVersionRefusal(process.version);
  if (refusal) {
    console.error(paragraph(refusal));
    process.exit(1);
  }
}
