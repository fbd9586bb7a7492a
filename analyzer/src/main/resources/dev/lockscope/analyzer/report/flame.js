/*
 * lockscope's flame graphs: per row, the row's waiting stacks merged root first, width = wait time; and, for a lock
 * whose owners are known, the owners' stacks while others waited (data-measure="holders"), width = the owners' time.
 * Hover a frame for its wait time and share of the row; click it to zoom in (click a dimmed frame below, or
 * "Reset zoom", to zoom out); type in the search box to highlight frames and see the share of the row's wait
 * they account for, Enter (Shift+Enter) to zoom to the next (previous) match, Esc to clear; "root on top" flips
 * the graph into an icicle. Data: #frame-names (the page's frame names) and each graph's script.flame-data, a tree of
 * [name index, wait nanos, children...].
 */
(function () {
  'use strict';
  var ROW = 16;
  var MATCH = '#d63bd6';
  var namesElement = document.getElementById('frame-names');
  if (!namesElement) {
    return;
  }
  var NAMES = JSON.parse(namesElement.textContent);
  /* What a frame's width is, in the words of each kind of graph. */
  var WORDS = {
    waits: {time: 'of waiting', whole: 'of this row\'s wait', all: 'all (the whole row)',
      idle: 'hover a frame for its wait time; click to zoom in'},
    holders: {time: 'of the owners\' time', whole: 'of the time the owners held the lock while others waited',
      all: 'all (the owners\' whole held time)', idle: 'hover a frame for the owners\' time in it; click to zoom in'}
  };

  /* The same rules as the report's Java side (Durations): three significant figures, ns to s. */
  function duration(nanos) {
    function sig(v) {
      return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
    }
    if (nanos < 1e3) {
      return Math.round(nanos) + ' ns';
    }
    if (nanos < 1e6) {
      return sig(nanos / 1e3) + ' us';
    }
    if (nanos < 1e9) {
      return sig(nanos / 1e6) + ' ms';
    }
    return sig(nanos / 1e9) + ' s';
  }

  function percent(fraction) {
    var p = fraction * 100;
    return (p < 10 ? p.toFixed(2) : p.toFixed(1)) + '%';
  }

  function hash(s) {
    var h = 0;
    for (var i = 0; i < s.length; i++) {
      h = (h * 31 + s.charCodeAt(i)) | 0;
    }
    return Math.abs(h);
  }

  /* Frames of the JDK, of lockscope's agent and locks, and of the application, told apart by colour. */
  function kindOf(name, depth) {
    if (depth === 0) {
      return 'root';
    }
    if (name.charAt(0) === '[') {
      return 'state'; /* the holder graph's "[in file I/O]": what the owner was doing there */
    }
    if (/^(java|javax|jdk|sun|com\.sun)\./.test(name)) {
      return 'jdk';
    }
    if (/^dev\.lockscope\.(agent|locks)\./.test(name)) {
      return 'lockscope';
    }
    return 'app';
  }

  var HUES = {root: [0, 0, 80], jdk: [205, 55, 72], lockscope: [275, 45, 75], app: [28, 85, 62],
    state: [140, 35, 70]};

  function colour(node) {
    var h = HUES[node.kind];
    var jitter = hash(node.name) % 9;
    return 'hsl(' + (h[0] + jitter - 4) + ',' + h[1] + '%,' + (h[2] - 4 + jitter) + '%)';
  }

  function build(array, parent, depth, x) {
    var node = {name: NAMES[array[0]], nanos: array[1], parent: parent, depth: depth, x: x, children: [],
      match: false};
    node.kind = kindOf(node.name, depth);
    node.colour = colour(node);
    var cx = x;
    for (var i = 2; i < array.length; i++) {
      var child = build(array[i], node, depth + 1, cx);
      node.children.push(child);
      cx += child.nanos;
    }
    return node;
  }

  function deepest(node) {
    var d = node.depth;
    node.children.forEach(function (c) {
      d = Math.max(d, deepest(c));
    });
    return d;
  }

  /* The name fitted to a width: the package goes first, then the end. */
  function fitted(ctx, name, width) {
    if (ctx.measureText(name).width <= width) {
      return name;
    }
    var short = name.replace(/^([a-z_][\w]*\.)+/, '');
    var charWidth = ctx.measureText('m').width;
    var chars = Math.floor(width / charWidth);
    if (short.length <= chars) {
      return short;
    }
    return chars < 4 ? '' : short.substring(0, chars - 2) + '..';
  }

  function FlameGraph(element) {
    var self = this;
    this.element = element;
    this.words = WORDS[element.getAttribute('data-measure')] || WORDS.waits;
    this.root = build(JSON.parse(element.querySelector('script.flame-data').textContent), null, 0, 0);
    this.depth = deepest(this.root);
    this.zoomed = this.root;
    this.hovered = null;
    this.boxes = [];
    this.canvas = element.querySelector('canvas.flame-canvas');
    this.context = this.canvas.getContext('2d');
    this.rootLabel = element.querySelector('.flame-root');
    this.matchedLabel = element.querySelector('.flame-matched');
    this.status = element.querySelector('.flame-status');
    this.search = element.querySelector('.flame-search');
    this.invert = element.querySelector('.flame-invert');
    this.matches = [];
    this.matchIndex = -1;
    this.idleStatus = this.words.idle;
    this.status.textContent = this.idleStatus;

    this.canvas.addEventListener('mousemove', function (e) {
      self.hover(self.boxAt(e.offsetX, e.offsetY));
    });
    this.canvas.addEventListener('mouseleave', function () {
      self.hover(null);
    });
    this.canvas.addEventListener('click', function (e) {
      var box = self.boxAt(e.offsetX, e.offsetY);
      if (box && box.node !== self.zoomed) {
        self.zoom(box.node);
      }
    });
    element.querySelector('.flame-reset').addEventListener('click', function () {
      self.zoom(self.root);
    });
    this.search.addEventListener('input', function () {
      self.find(self.search.value);
    });
    this.search.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        self.search.value = '';
        self.find('');
      } else if (e.key === 'Enter' && self.matches.length > 0) {
        e.preventDefault();
        var n = self.matches.length;
        self.matchIndex = (self.matchIndex + (e.shiftKey ? n - 1 : 1)) % n;
        self.zoom(self.matches[self.matchIndex]);
        self.showMatched();
      }
    });
    this.invert.addEventListener('change', function () {
      self.draw();
    });
    this.find('');
    this.zoom(this.root);
  }

  FlameGraph.prototype.zoom = function (node) {
    this.zoomed = node;
    this.rootLabel.textContent = node === this.root ? this.words.all : node.name;
    this.element.setAttribute('data-root', node.name);
    this.draw();
    if (this.hovered) {
      this.hover(this.boxes.filter(function (b) {
        return b.node === this.hovered;
      }, this)[0] || null);
    }
  };

  /* Highlights the frames whose name matches (a regular expression, or plain text if it is not one). */
  FlameGraph.prototype.find = function (text) {
    var pattern = null;
    if (text) {
      try {
        pattern = new RegExp(text, 'i');
      } catch (invalid) {
        pattern = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
      }
    }
    var frames = 0;
    var outermost = [];
    /* A match inside a matching frame is already counted in it: add up the outermost matches only. */
    function mark(node, inside) {
      node.match = pattern !== null && node.depth > 0 && pattern.test(node.name);
      var nanos = 0;
      if (node.match) {
        frames++;
        if (!inside) {
          nanos += node.nanos;
          outermost.push(node);
        }
      }
      node.children.forEach(function (c) {
        nanos += mark(c, inside || node.match);
      });
      return nanos;
    }
    var nanos = mark(this.root, false);
    this.matches = outermost;
    this.matchIndex = -1;
    this.element.setAttribute('data-matched-frames', String(frames));
    this.element.setAttribute('data-matched-nanos', String(nanos));
    this.matchedText = pattern === null ? '' : frames === 0 ? 'no frame matches'
        : 'matched ' + duration(nanos) + ', ' + percent(nanos / this.root.nanos) + ' ' + this.words.whole + ' ('
        + frames + (frames === 1 ? ' frame)' : ' frames)');
    this.showMatched();
    this.draw();
  };

  FlameGraph.prototype.showMatched = function () {
    var where = this.matchIndex < 0 || this.matches.length < 2 ? ''
        : '; showing match ' + (this.matchIndex + 1) + ' of ' + this.matches.length;
    this.matchedLabel.textContent = this.matchedText + where;
    this.matchedLabel.className = 'flame-matched' + (this.matches.length > 0 ? ' found' : '');
  };

  FlameGraph.prototype.draw = function () {
    var width = this.canvas.clientWidth || 800;
    var height = (this.depth + 1) * ROW;
    var ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.height = height + 'px';
    var ctx = this.context;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '11px ui-monospace, Menlo, Consolas, monospace';
    ctx.textBaseline = 'middle';
    var boxes = [];
    var z = this.zoomed;
    var scale = width / Math.max(1, z.nanos);
    var self = this;
    var rootOnTop = this.invert.checked;
    function box(node, x, w, dimmed) {
      var y = (rootOnTop ? node.depth : self.depth - node.depth) * ROW;
      boxes.push({node: node, x: x, y: y, w: w, h: ROW - 1, dimmed: dimmed});
    }
    for (var a = z.parent; a; a = a.parent) {
      box(a, 0, width, true);
    }
    (function visit(node) {
      var w = node.nanos * scale;
      if (w < 0.4) {
        return;
      }
      box(node, (node.x - z.x) * scale, w, false);
      node.children.forEach(visit);
    })(z);
    boxes.forEach(function (b) {
      ctx.globalAlpha = b.dimmed ? 0.45 : 1;
      ctx.fillStyle = b.node.match ? MATCH : b.node.colour;
      ctx.fillRect(b.x, b.y, Math.max(b.w - 0.5, 0.4), b.h);
      if (b.w > 26) {
        var label = fitted(ctx, b.node.name, b.w - 6);
        if (label) {
          ctx.fillStyle = b.node.match ? '#fff' : '#111';
          ctx.fillText(label, b.x + 3, b.y + b.h / 2 + 0.5);
        }
      }
    });
    ctx.globalAlpha = 1;
    if (this.hovered) {
      var h = boxes.filter(function (b) {
        return b.node === self.hovered;
      })[0];
      if (h) {
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 1.5;
        ctx.strokeRect(h.x + 0.75, h.y + 0.75, Math.max(h.w - 1.5, 1), h.h - 1.5);
      }
    }
    this.boxes = boxes;
  };

  FlameGraph.prototype.boxAt = function (x, y) {
    for (var i = this.boxes.length - 1; i >= 0; i--) {
      var b = this.boxes[i];
      if (x >= b.x && x < b.x + Math.max(b.w, 1) && y >= b.y && y < b.y + ROW) {
        return b;
      }
    }
    return null;
  };

  FlameGraph.prototype.hover = function (box) {
    var node = box ? box.node : null;
    if (node !== this.hovered) {
      this.hovered = node;
      this.draw();
    }
    if (!node) {
      this.status.textContent = this.idleStatus;
      this.canvas.title = '';
      this.canvas.style.cursor = '';
      return;
    }
    var text = node.name + ': ' + duration(node.nanos) + ' ' + this.words.time + ', '
        + percent(node.nanos / this.root.nanos) + ' ' + this.words.whole;
    if (this.zoomed !== this.root && !box.dimmed) {
      text += ', ' + percent(node.nanos / this.zoomed.nanos) + ' of the zoomed frame';
    }
    this.status.textContent = text + (node === this.zoomed ? '' : box.dimmed ? ' (click to zoom out)'
        : ' (click to zoom in)');
    this.canvas.title = text;
    this.canvas.style.cursor = node === this.zoomed ? '' : 'pointer';
  };

  /* What is drawn, in canvas pixels: for readers of the page's state (and its tests). */
  FlameGraph.prototype.visibleFrames = function () {
    return this.boxes.map(function (b) {
      return {name: b.node.name, x: b.x, y: b.y, w: b.w, h: b.h, dimmed: b.dimmed, match: b.node.match,
        depth: b.node.depth};
    });
  };

  var graphs = [];
  Array.prototype.forEach.call(document.querySelectorAll('div.flame'), function (element) {
    element.flameGraph = new FlameGraph(element);
    graphs.push(element.flameGraph);
  });
  var pending = null;
  window.addEventListener('resize', function () {
    if (pending === null) {
      pending = window.requestAnimationFrame(function () {
        pending = null;
        graphs.forEach(function (g) {
          g.draw();
        });
      });
    }
  });
})();
