/* Weft console: small progressive enhancement over server-rendered pages (htmx does the requests). */
(function () {
  'use strict';

  // Problems come back as HTML fragments with 4xx/5xx: swap them in (into #action-result) like any answer.
  if (window.htmx) {
    // each element says what it targets and how it swaps; nothing leaks from the live region to its forms
    htmx.config.disableInheritance = true;
    htmx.config.responseHandling = [
      { code: '204', swap: false },
      { code: '[23]..', swap: true },
      { code: '[45]..', swap: true, error: false }
    ];
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : null;
  }

  // ---- the DAG: pan (drag, arrow keys) and zoom (wheel, buttons), kept across live refreshes ----
  var views = {};
  var MIN = 0.1, MAX = 2.5;

  function fitScale(svg) {
    var w = +svg.dataset.width, h = +svg.dataset.height;
    var box = svg.getBoundingClientRect();
    return Math.min(1, box.width / w, box.height / h);
  }

  function apply(svg) {
    var v = views[svg.dataset.key];
    svg.querySelector('g.viewport').setAttribute('transform',
      'translate(' + v.x.toFixed(1) + ' ' + v.y.toFixed(1) + ') scale(' + v.s.toFixed(3) + ')');
  }

  function zoom(svg, factor, cx, cy) {
    var v = views[svg.dataset.key];
    var s = Math.max(MIN, Math.min(MAX, v.s * factor));
    if (cx === undefined) {
      var box = svg.getBoundingClientRect();
      cx = box.width / 2; cy = box.height / 2;
    }
    v.byUser = true;
    v.x = cx - (cx - v.x) * (s / v.s);
    v.y = cy - (cy - v.y) * (s / v.s);
    v.s = s;
    apply(svg);
  }

  function fit(svg) {
    var s = fitScale(svg), box = svg.getBoundingClientRect();
    views[svg.dataset.key] = { s: s, x: (box.width - (+svg.dataset.width) * s) / 2, y: 0, byUser: false };
    apply(svg);
  }

  function setupDag(svg) {
    if (svg.dataset.ready) return;
    svg.dataset.ready = '1';
    var w = +svg.dataset.width, h = +svg.dataset.height;
    var width = svg.getBoundingClientRect().width || 800;
    // readable at first sight: fit when the graph is small enough, else start at the left at half size
    var s0 = Math.max(Math.min(1, width / w), 0.5);
    svg.style.height = Math.max(110, Math.min(h * s0, 520)) + 'px';
    var kept = views[svg.dataset.key];
    if (!kept || !kept.byUser) {
      // placed by us (not panned or zoomed by the user): place again, the space may have changed
      var s = Math.max(fitScale(svg), 0.5);
      var fits = w * s <= width;
      views[svg.dataset.key] = { s: s, x: fits ? (width - w * s) / 2 : 0, y: 0, byUser: false };
    }
    apply(svg);

    var drag = null;
    svg.addEventListener('pointerdown', function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, moved: false };
    });
    svg.addEventListener('pointermove', function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      drag.moved = true;
      var v = views[svg.dataset.key];
      v.x += dx; v.y += dy;
      v.byUser = true;
      drag.x = e.clientX; drag.y = e.clientY;
      apply(svg);
    });
    ['pointerup', 'pointerleave'].forEach(function (type) {
      svg.addEventListener(type, function () {
        if (drag && drag.moved) {
          // a drag is not a click on the node it ended on
          svg.addEventListener('click', function stop(ev) { ev.preventDefault(); ev.stopPropagation(); }, { capture: true, once: true });
        }
        drag = null;
      });
    });
    svg.addEventListener('wheel', function (e) {
      e.preventDefault();
      var box = svg.getBoundingClientRect();
      zoom(svg, e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - box.left, e.clientY - box.top);
    }, { passive: false });
    svg.addEventListener('keydown', function (e) {
      if (e.target !== svg) return;
      var v = views[svg.dataset.key], step = 60;
      var moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (moves[e.key]) {
        v.x += moves[e.key][0]; v.y += moves[e.key][1];
        v.byUser = true;
        apply(svg);
        e.preventDefault();
      } else if (e.key === '+' || e.key === '=') { zoom(svg, 1.2); e.preventDefault(); }
      else if (e.key === '-') { zoom(svg, 1 / 1.2); e.preventDefault(); }
    });
    var tools = svg.parentNode.querySelector('.dag-tools');
    if (tools) {
      tools.addEventListener('click', function (e) {
        var what = e.target.getAttribute('data-zoom');
        if (what === 'in') zoom(svg, 1.25);
        else if (what === 'out') zoom(svg, 0.8);
        else if (what === 'fit') fit(svg);
      });
    }
  }

  function setupDags(root) {
    root.querySelectorAll('svg.dag').forEach(setupDag);
  }

  // ---- the run page's event stream: closed when the run has ended, opened again when it goes on ----
  // The newest event id the stream has brought. Listening on the stream itself, not on the live part,
  // no event is lost while the part is swapped; after each swap, a part older than what was seen is
  // fetched again.
  var seen = 0;
  var RUN_EVENTS = ['run.waiting', 'run.started', 'run.completed', 'run.failed', 'run.cancelled', 'run.resumed', 'step.queued',
    'step.started', 'step.succeeded', 'step.failed', 'step.retrying', 'step.retry_scheduled', 'step.waiting',
    'step.skipped', 'step.cancelled', 'step.interrupted', 'step.items_expanded', 'step.items_resumed', 'step.reset',
    'step.deferred'];

  // the runs page: every run status change of the app asks for fresh rows
  document.addEventListener('htmx:sseOpen', function (e) {
    if (!e.target || e.target.id !== 'runs-stream') return;
    var source = e.detail && e.detail.source;
    if (!source || source.weftTracked) return;
    source.weftTracked = true;
    ['run.created', 'run.started', 'run.completed', 'run.failed', 'run.cancelled', 'run.resumed'].forEach(function (type) {
      source.addEventListener(type, function () { htmx.trigger(document.body, 'refresh-rows'); });
    });
  });

  document.addEventListener('htmx:sseOpen', function (e) {
    if (!e.target || e.target.id !== 'run-stream') return;
    document.body.dataset.streamOpen = 'true';
    var source = e.detail && e.detail.source;
    if (!source || source.weftTracked) return;
    source.weftTracked = true;
    source.addEventListener('step.delta', function (m) { appendDelta(JSON.parse(m.data)); });
    RUN_EVENTS.forEach(function (type) {
      source.addEventListener(type, function (m) {
        var id = parseInt(m.lastEventId || '0', 10);
        if (id > seen) seen = id;
        catchUp();
      });
    });
  });

  function catchUp() {
    var part = live();
    if (part && seen > parseInt(part.dataset.lastEventId || '0', 10)) {
      htmx.trigger(document.body, 'refresh-live');
    }
  }
  function live() { return document.getElementById('live'); }

  document.addEventListener('htmx:sseError', function (e) {
    var wrapper = document.getElementById('run-stream');
    var part = live();
    if (wrapper && e.target === wrapper && part && part.dataset.terminal === 'true') {
      // the server ends the stream after the run's last event: do not let the browser reconnect
      wrapper.removeAttribute('sse-connect');
      if (e.detail && e.detail.source) e.detail.source.close();
    }
  });

  document.addEventListener('htmx:afterSettle', function () {
    var wrapper = document.getElementById('run-stream');
    var part = live();
    if (!wrapper || !part) return;
    catchUp();
    if (part.dataset.terminal === 'true') {
      // the run ended: the stream's next error must not reconnect (it ends right after the last event)
      return;
    }
    if (!wrapper.getAttribute('sse-connect')) {
      // a resumed run goes on: listen again from the last event this page has shown
      wrapper.setAttribute('sse-connect', wrapper.dataset.streamUrl + '?after=' + (part.dataset.lastEventId || '0'));
      htmx.process(wrapper);
    }
  });

  // SVG links are not followed by htmx on its own: a click on a node loads only the live part
  document.addEventListener('click', function (e) {
    var node = e.target.closest && e.target.closest('svg.dag a.node[hx-get]');
    if (node) e.preventDefault();
  });

  // ---- streamed step text (step.delta): appended to the selected step's "Text so far" ----
  function appendDelta(delta) {
    var out = document.querySelector('pre.step-stream[data-step-id="' + CSS.escape(delta.stepId) + '"]');
    if (out) {
      out.textContent += delta.text;
      out.scrollTop = out.scrollHeight;
    }
  }

  // ---- copy buttons ----
  document.addEventListener('click', function (e) {
    var button = e.target.closest('[data-copy]');
    if (!button) return;
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (!source) return;
    var text = source.textContent;
    var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand('copy');
      done();
    }
  });

  // ---- usage charts (uPlot) ----
  function setupCharts() {
    var holder = document.getElementById('usage-charts');
    if (!holder || !window.uPlot) return;
    var data = JSON.parse(holder.getAttribute('data-chart'));
    var days = data.days.map(function (d) { return Date.parse(d + 'T00:00:00Z') / 1000; });
    var bars = uPlot.paths.bars({ size: [0.6, 60] });
    holder.querySelectorAll('.chart').forEach(function (el) {
      var width = Math.max(280, el.getBoundingClientRect().width);
      var opts, series;
      if (el.dataset.series === 'tokens') {
        series = [days, data.inputTokens, data.outputTokens];
        opts = { series: [{}, { label: 'input tokens', stroke: '#3867d6', width: 2 }, { label: 'output tokens', stroke: '#20a39e', width: 2 }] };
      } else if (el.dataset.series === 'cost') {
        series = [days, data.costUsd];
        opts = { series: [{}, { label: 'cost (USD)', stroke: '#8854d0', fill: 'rgba(136,84,208,0.25)', paths: bars,
          value: function (u, v) { return v == null ? '' : '$' + v.toFixed(4); } }] };
      } else {
        var names = data.workflows;
        series = [names.map(function (_, i) { return i; }), data.workflowCostUsd];
        opts = {
          scales: { x: { time: false, range: [-0.5, Math.max(0.5, names.length - 0.5)] } },
          axes: [{ values: function (u, ticks) { return ticks.map(function (t) { return Number.isInteger(t) && names[t] ? names[t] : ''; }); } }, {}],
          series: [{ label: 'workflow', value: function (u, v) { return v == null ? '' : names[v]; } },
            { label: 'cost (USD)', stroke: '#e67e22', fill: 'rgba(230,126,34,0.3)', paths: bars,
              value: function (u, v) { return v == null ? '' : '$' + v.toFixed(4); } }]
        };
      }
      opts.width = width;
      opts.height = 220;
      new uPlot(opts, series, el);
    });
  }

  function init() {
    document.body.addEventListener('htmx:configRequest', function (e) {
      var token = csrfToken();
      if (token) e.detail.headers['X-CSRF-Token'] = token;
    });
    document.body.addEventListener('htmx:afterSettle', function () { setupDags(document); });
    setupDags(document);
    // uPlot is loaded by the usage page itself, after this script: draw once everything has run
    window.addEventListener('load', setupCharts);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
