// Where each field of a JSON document is, by the JSON path the gateway's validation names it with
// (routes[2].service, services.orders.instances[0]), so that the page shows a problem beside its line.
'use strict';

const JsonPaths = {
  /**
   * The offset of each field in the text: of its key in an object, of its value in an array. A malformed
   * document is read up to where it breaks.
   */
  locate(text) {
    const offsets = new Map();
    let i = 0;
    const space = () => {
      while (i < text.length && /\s/.test(text[i])) i++;
    };
    const expect = (char) => {
      space();
      if (text[i] !== char) throw new Error('expected ' + char + ' at ' + i);
      i++;
    };
    const string = () => {
      const start = i;
      expect('"');
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      expect('"');
      return JSON.parse(text.slice(start, i));
    };
    const members = (path, close, member) => {
      space();
      while (text[i] !== close) {
        member();
        space();
        if (text[i] !== close) expect(',');
        space();
      }
      i++;
    };
    const value = (path) => {
      space();
      if (text[i] === '{') {
        i++;
        members(path, '}', () => {
          space();
          const at = i;
          const child = (path ? path + '.' : '') + string();
          offsets.set(child, at);
          expect(':');
          value(child);
        });
      } else if (text[i] === '[') {
        i++;
        let index = 0;
        members(path, ']', () => {
          space();
          const child = path + '[' + index++ + ']';
          offsets.set(child, i);
          value(child);
        });
      } else if (text[i] === '"') {
        string();
      } else {
        const start = i;
        while (i < text.length && !/[,\]}\s]/.test(text[i])) i++;
        if (i === start) throw new Error('no value at ' + i);
      }
    };
    try {
      value('');
    } catch (malformed) {
      // the fields before the break are located; the rest point at the nearest one found
    }
    return { text, offsets };
  },

  /** The editor line (from 1) of the field at the path, or of its nearest enclosing field found. */
  lineOf(located, path) {
    let key = path || '';
    while (key && !located.offsets.has(key)) {
      const enclosing = key.replace(/(\.[^.[]*|\[\d+\])$/, '');
      key = enclosing === key ? '' : enclosing;
    }
    const offset = key ? located.offsets.get(key) : 0;
    return located.text.slice(0, offset).split('\n').length;
  },
};
