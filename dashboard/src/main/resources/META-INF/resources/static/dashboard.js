/* SalesPulse dashboard: draws the panels from the embedded snapshot, then keeps them live over server-sent events.
 * No inline scripts or styles (the page runs under a strict Content-Security-Policy); all text goes in through
 * textContent, never innerHTML. */
(function () {
  'use strict';

  var PALETTE = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#475569'];
  var usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  var usdShort = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
  var count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  var rate = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

  var state = { query: '', snapshot: null, pulse: null, pulseAt: 0, source: null, charts: {}, snapshots: 0, pulses: 0,
    lastSnapshotAt: 0 };
  window.salespulse = state;

  function $(id) { return document.getElementById(id); }
  function num(v) { return v === null || v === undefined ? 0 : Number(v); }
  function utc(iso, withSeconds) {
    if (!iso) { return '–'; }
    var s = new Date(iso).toISOString();
    return s.slice(0, 10) + ' ' + s.slice(11, withSeconds ? 19 : 16) + ' UTC';
  }
  function duration(seconds) {
    if (seconds === null || seconds === undefined) { return '–'; }
    seconds = Math.max(0, Math.round(seconds));
    if (seconds < 120) { return seconds + ' s'; }
    if (seconds < 7200) { return Math.round(seconds / 60) + ' min'; }
    if (seconds < 172800) { return Math.round(seconds / 3600) + ' h'; }
    return Math.round(seconds / 86400) + ' days';
  }

  // ---------------------------------------------------------------- charts
  function chart(id) {
    if (!state.charts[id]) {
      state.charts[id] = window.echarts.init($(id), null, { renderer: 'canvas' });
    }
    return state.charts[id];
  }
  var base = {
    useUTC: true,
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    tooltip: { renderMode: 'richText', confine: true }
  };
  function withBase(option) { return Object.assign({}, base, option); }

  function drawSeries(series) {
    var points = series.points;
    chart('chart-timeseries').setOption(withBase({
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      legend: { data: ['Revenue', 'Orders'], top: 0 },
      grid: { left: 60, right: 50, top: 30, bottom: 30 },
      xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
      yAxis: [
        { type: 'value', name: 'USD', axisLabel: { formatter: function (v) { return usdShort.format(v); } } },
        { type: 'value', name: 'Orders', splitLine: { show: false } }
      ],
      series: [
        { name: 'Revenue', type: 'bar', barMaxWidth: 14, data: points.map(function (p) { return [p.t, num(p.revenue)]; }) },
        { name: 'Orders', type: 'line', yAxisIndex: 1, showSymbol: false,
          data: points.map(function (p) { return [p.t, p.orders]; }) }
      ]
    }), { notMerge: false });
    $('series-step').textContent = series.stepMinutes === 1 ? 'per minute' : 'per ' + series.stepMinutes + ' min';
  }

  function drawBars(id, rows, limit, label) {
    var top = rows.slice(0, limit).reverse();
    chart(id).setOption(withBase({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText', confine: true },
      grid: { left: 8, right: 70, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: function (v) { return usdShort.format(v); } } },
      yAxis: { type: 'category', data: top.map(function (r) { return label(r.key); }) },
      series: [{ name: 'Revenue', type: 'bar', data: top.map(function (r) { return num(r.revenue); }),
        label: { show: true, position: 'right', formatter: function (p) { return usdShort.format(p.value); } } }]
    }), { notMerge: true });
  }

  function drawPie(id, rows) {
    chart(id).setOption(withBase({
      tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
      legend: { type: 'scroll', bottom: 0 },
      series: [{ name: 'Revenue', type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'],
        label: { formatter: '{b}: {d}%' },
        data: rows.map(function (r) { return { name: r.key, value: num(r.revenue) }; }) }]
    }), { notMerge: true });
  }

  // ---------------------------------------------------------------- panels
  function kpi(id, k, money) {
    var card = $('kpi-' + id);
    card.querySelector('.value').textContent = money ? usd.format(num(k.value)) : count.format(num(k.value));
    var change = card.querySelector('.change');
    if (k.changePercent === null || k.changePercent === undefined) {
      change.textContent = 'no previous data';
      change.dataset.direction = 'flat';
    } else {
      var p = Number(k.changePercent);
      change.textContent = (p > 0 ? '+' : '') + p.toFixed(1) + '% vs previous period';
      change.dataset.direction = p > 0 ? 'up' : p < 0 ? 'down' : 'flat';
    }
  }

  function products(rows) {
    var body = $('top-products').tBodies[0];
    var fresh = document.createElement('tbody');
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      [String(r.rank), r.name, r.category, usd.format(num(r.revenue)), count.format(r.orders)].forEach(function (text, i) {
        var td = document.createElement('td');
        td.textContent = text;
        if (i >= 3) { td.className = 'num'; }
        tr.appendChild(td);
      });
      fresh.appendChild(tr);
    });
    if (rows.length === 0) {
      var tr = document.createElement('tr');
      var td = document.createElement('td');
      td.colSpan = 5;
      td.className = 'muted';
      td.textContent = 'No sales in this range.';
      tr.appendChild(td);
      fresh.appendChild(tr);
    }
    body.parentNode.replaceChild(fresh, body);
  }

  // Filters apply to every panel; a line-level filter (category) makes every panel count only those order lines.
  function filterNote(query) {
    var note = $('filter-note');
    var line = null;
    document.querySelectorAll('select[data-line-level]').forEach(function (select) {
      var value = query.filter && query.filter[select.name];
      if (value && !line) { line = value; }
    });
    note.hidden = !line;
    note.textContent = line ? 'Every panel counts only the ' + line
        + ' lines of each order: revenue and items of those lines, orders with at least one such line.' : '';
  }

  // The filter selects the page has, one per filter of the catalogue.
  function filterNames() {
    return Array.prototype.map.call(document.querySelectorAll('select[data-filter]'), function (s) { return s.name; });
  }

  function countryName(code) {
    try { return code + ' ' + new Intl.DisplayNames(['en'], { type: 'region' }).of(code); } catch (e) { return code; }
  }

  function renderSnapshot(s) {
    state.snapshot = s;
    state.snapshots++;
    kpi('revenue', s.kpis.revenue, true);
    kpi('orders', s.kpis.orders, false);
    kpi('aov', s.kpis.averageOrderValue, true);
    kpi('items', s.kpis.items, false);
    drawSeries(s.timeSeries);
    // One chart per breakdown of the catalogue: the page says which field, chart kind and labels.
    document.querySelectorAll('[data-breakdown]').forEach(function (el) {
      var panel = s[el.dataset.breakdown];
      if (!panel) { return; }
      if (el.dataset.chart === 'pie') {
        drawPie(el.id, panel.rows);
      } else {
        drawBars(el.id, panel.rows, window.innerWidth < 820 ? 8 : 15,
            el.dataset.labels === 'country' ? countryName : function (k) { return k; });
      }
    });
    products(s.topProducts.rows);
    filterNote(s.query);
    $('health-dead').textContent = count.format(s.pipeline.deadLetters) + ' in range';
    $('health-late').textContent = count.format(s.pipeline.lateEvents) + ' in range';
    $('range-text').textContent = utc(s.query.from) + ' – ' + utc(s.query.to);
    document.body.dataset.version = String(s.dataVersion);
    state.lastSnapshotAt = Date.now();
  }

  var MESSAGES = {
    ok: '',
    lagging: 'The newest event is older than expected: the pipeline is running behind.',
    stalled: 'No batch committed recently: the streaming job looks stalled.',
    idle: 'No new orders: the streaming job is running and has nothing to read.',
    'no-data': 'No batch has been committed yet.',
    unavailable: 'The sales database is not reachable.'
  };

  function renderPulse(p) {
    state.pulse = p;
    state.pulseAt = Date.now();
    state.pulses++;
    $('health-newest').textContent = utc(p.newestEventTime, true);
    $('health-ops').textContent = rate.format(p.ordersPerSecond);
    tick();
  }

  /** Counts freshness and batch age up locally between pushes, so nothing polls just to move a clock. */
  function tick() {
    var p = state.pulse;
    if (!p) { return; }
    var elapsed = (Date.now() - state.pulseAt) / 1000;
    var fresh = p.freshnessSeconds === null ? null : p.freshnessSeconds + elapsed;
    var age = p.lastCommitAgeSeconds === null ? null : p.lastCommitAgeSeconds + elapsed;
    var status = p.status;
    // Idle or stalled is the server's call (it reads the job's heartbeat) and arrives as a pushed status change.
    if (status === 'ok' && fresh !== null && fresh > p.lagAfterSeconds) { status = 'lagging'; }
    $('health-freshness').textContent = fresh === null ? '–' : duration(fresh) + ' behind';
    $('health-commit').textContent = age === null ? 'never' : duration(age) + ' ago';
    $('health-status').textContent = status;
    $('health').dataset.status = status;
    $('health-message').textContent = MESSAGES[status] || '';
  }

  // ---------------------------------------------------------------- live stream
  function setLive(stateName, text) {
    var el = $('live-indicator');
    el.dataset.state = stateName;
    el.textContent = text;
  }

  function showError(message) {
    var el = $('live-error');
    el.hidden = !message;
    el.textContent = message || '';
  }

  function connect() {
    if (state.source) { state.source.close(); }
    var source = new EventSource('/api/v1/live?' + state.query);
    state.source = source;
    setLive('connecting', 'connecting…');
    source.onopen = function () { setLive('live', 'live'); showError(''); };
    source.addEventListener('snapshot', function (e) {
      state.lastReceivedAt = Date.now();
      renderSnapshot(JSON.parse(e.data));
    });
    source.addEventListener('pulse', function (e) { renderPulse(JSON.parse(e.data)); });
    source.onerror = function () {
      if (source !== state.source) { return; }
      setLive('down', 'reconnecting…');
      if (source.readyState === EventSource.CLOSED) { diagnose(); }
    };
  }

  /** The stream was refused: signed out, a bad parameter, or the server is away. */
  function diagnose() {
    fetch('/api/v1/kpis?' + state.query, { credentials: 'same-origin', redirect: 'manual' }).then(function (r) {
      if (r.status === 401) {
        window.location.assign('/login?next=' + encodeURIComponent(window.location.pathname + window.location.search));
      } else if (r.status === 400) {
        return r.json().then(function (body) { showError(body.message); setLive('down', 'not live'); });
      } else {
        setTimeout(connect, 3000);
      }
    }, function () { setTimeout(connect, 3000); });
  }

  function keepAlive() {
    fetch('/api/v1/me', { credentials: 'same-origin', redirect: 'manual' }).then(function (r) {
      if (r.status === 401) { diagnose(); }
    }, function () { /* offline for a moment; the stream reconnects by itself */ });
  }

  // ---------------------------------------------------------------- filters in the URL
  function formQuery() {
    var form = $('filters');
    var params = new URLSearchParams();
    var range = form.elements.range.value;
    params.set('range', range);
    if (range === 'custom') {
      if (!form.elements.from.value || !form.elements.to.value) { return null; }
      params.set('from', form.elements.from.value + ':00Z');
      params.set('to', form.elements.to.value + ':00Z');
    }
    filterNames().forEach(function (name) {
      if (form.elements[name].value) { params.set(name, form.elements[name].value); }
    });
    return params.toString();
  }

  function syncCustom() {
    var custom = $('f-range').value === 'custom';
    $('custom-range').hidden = !custom;
    $('f-from').disabled = !custom;
    $('f-to').disabled = !custom;
  }

  function applyQuery(query, push) {
    state.query = query;
    if (push) { history.pushState(null, '', '/?' + query); }
    document.querySelectorAll('[data-csv]').forEach(function (a) {
      a.href = '/api/v1/' + a.dataset.csv + '.csv?' + query;
    });
    showError('');
    connect();
  }

  function readLocationIntoForm() {
    var params = new URLSearchParams(window.location.search);
    var form = $('filters');
    form.elements.range.value = params.get('range') || (params.get('from') ? 'custom' : '1h');
    filterNames().forEach(function (name) {
      var value = params.get(name) || '';
      var select = form.elements[name];
      if (value && !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.add(new Option(value, value));
      }
      select.value = value;
    });
    if (params.get('from')) { form.elements.from.value = params.get('from').slice(0, 16); }
    if (params.get('to')) { form.elements.to.value = params.get('to').slice(0, 16); }
    syncCustom();
  }

  function wireFilters() {
    var form = $('filters');
    form.addEventListener('change', function (e) {
      syncCustom();
      var query = formQuery();
      if (query !== null) { applyQuery(query, true); }
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var query = formQuery();
      if (query !== null) { applyQuery(query, true); }
    });
    window.addEventListener('popstate', function () {
      readLocationIntoForm();
      applyQuery(window.location.search.replace(/^\?/, ''), false);
    });
  }

  function init() {
    var initial = $('initial-state');
    state.query = initial.dataset.query;
    var snapshot = JSON.parse(initial.dataset.snapshot || 'null');
    var pulse = JSON.parse(initial.dataset.pulse || 'null');
    if (snapshot) { renderSnapshot(snapshot); }
    if (pulse) { renderPulse(pulse); }
    wireFilters();
    syncCustom();
    connect();
    setInterval(tick, 1000);
    setInterval(keepAlive, 5 * 60 * 1000);
    window.addEventListener('resize', function () {
      Object.keys(state.charts).forEach(function (k) { state.charts[k].resize(); });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
