/* report/page.js — the HTML report's script, compiled into nianbao (scripts/embed-text).
   The findings table (filter, sort), reports shown on demand, a finding's cells picked out, and the
   review: confirm or dismiss a finding, kept in localStorage, exported as a --waivers CSV. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('nb-data').textContent);
  var T = D.t, SEV = ['info', 'warning', 'error'], KEY = 'nianbao-review-v1';
  var PAGE = 300;
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  /* ---------- review marks: finding key -> {s: confirmed|dismissed, r: reason, ...} ---------- */
  var R = {};
  try { R = JSON.parse(localStorage.getItem(KEY) || '{}') || {}; } catch (e) { R = {}; }
  function save() { try { localStorage.setItem(KEY, JSON.stringify(R)); } catch (e) { /* private mode */ } }
  function fdoc(i) { return D.docs[D.f[i][0]] || ['', 0, '', '']; }
  function keyOf(i) { var f = D.f[i]; return D.rules[f[1]][0] + '|' + fdoc(i)[3] + '|' + f[2]; }
  function mark(i, s, reason) {
    var k = keyOf(i), f = D.f[i], d = fdoc(i);
    if (!s) delete R[k];
    else R[k] = {s: s, r: reason || '', rule: D.rules[f[1]][0], target: d[3], cell: f[2], a: d[0], y: d[1]};
    save();
    showMark(i);
    updateReview();
    if (filt.review) renderTable();
  }
  function csvField(v) {
    v = String(v === undefined || v === null ? '' : v);
    return /[",\r\n]|^\s|\s$/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function sortedKeys() { return Object.keys(R).sort(); }
  /* The waivers file of rules/waivers.c: rule,target,cell,reason,expires */
  function waiversCsv() {
    var out = 'rule,target,cell,reason,expires\n';
    sortedKeys().forEach(function (k) {
      var m = R[k];
      if (m.s !== 'dismissed') return;
      out += [m.rule, m.target, m.cell, m.r, ''].map(csvField).join(',') + '\n';
    });
    return out;
  }
  function reviewCsv() {
    var out = 'rule,target,cell,review,reason,agency,year\n';
    sortedKeys().forEach(function (k) {
      var m = R[k];
      out += [m.rule, m.target, m.cell, m.s, m.r, m.a, m.y].map(csvField).join(',') + '\n';
    });
    return out;
  }
  function download(name, text) {
    var a = el('a');
    a.href = URL.createObjectURL(new Blob([text], {type: 'text/csv;charset=utf-8'}));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  function updateReview() {
    var c = 0, d = 0;
    Object.keys(R).forEach(function (k) { if (R[k].s === 'confirmed') c++; else if (R[k].s === 'dismissed') d++; });
    var s = $('rv-count');
    if (s) s.textContent = T.confirmed + ' ' + c + ' · ' + T.dismissed + ' ' + d;
    var ta = $('rv-csv');
    if (ta) ta.value = waiversCsv();
  }

  /* review controls on one finding of a report */
  function controls(li) {
    var i = +li.getAttribute('data-i');
    var box = el('span', 'rv');
    var st = el('span', 'state');
    var ok = el('button', null, T.confirm), no = el('button', null, T.dismiss), clr = el('button', null, T.clear);
    var why = el('input');
    why.type = 'text';
    why.placeholder = T.reason;
    why.setAttribute('aria-label', T.reason);
    ok.type = no.type = clr.type = 'button';
    ok.onclick = function () { mark(i, 'confirmed', why.value); };
    no.onclick = function () {
      if (!why.value.trim()) { why.focus(); why.placeholder = T.reasonNeeded; return; }
      mark(i, 'dismissed', why.value.trim());
    };
    clr.onclick = function () { mark(i, null); why.value = ''; };
    why.onkeydown = function (e) { if (e.key === 'Enter') no.onclick(); };
    box.append(st, ok, no, why, clr);
    li.appendChild(box);
    showMark(i);
  }
  function showMark(i) {
    var li = $('f-' + i), m = R[keyOf(i)];
    if (!li) return;
    if (m) li.setAttribute('data-review', m.s); else li.removeAttribute('data-review');
    var st = li.querySelector('.rv .state'), why = li.querySelector('.rv input');
    if (st) st.textContent = m ? (m.s === 'confirmed' ? T.confirmed : T.dismissed) : '';
    if (why && m && !why.value) why.value = m.r;
  }

  /* ---------- reports shown on demand ---------- */
  function showReport(k) {
    var s = $('r-' + k);
    if (!s || !s.hasAttribute('data-lazy')) return s;
    var t = $('rt-' + k);
    s.innerHTML = t.textContent;
    s.removeAttribute('data-lazy');
    s.classList.remove('lazy');
    decorate(s);
    return s;
  }
  function showAll() { for (var k = 0; k < D.docs.length; k++) showReport(k); }
  /* a finding's words, written from the data (the C side's finding_words, same order) */
  function fill(li) {
    if (!li.hasAttribute('data-fill')) return;
    var i = +li.getAttribute('data-i'), f = D.f[i], r = D.rules[f[1]], sum = r[0].indexOf('SUM-') === 0;
    var head = document.createDocumentFragment();
    head.append(el('span', 'sev', T.sev[r[1]]), ' ', el('code', null, r[0]), ' ');
    if (f[2]) head.append(el('code', 'muted', f[2]), ' ');
    head.append(f[6]);
    if (f[4] || f[5]) {
      var rc = el('div', 'rc');
      if (f[5]) rc.append((sum ? T.reported : T.found) + ' ', el('b', null, f[5]));
      if (f[4]) rc.append((f[5] ? ' · ' : '') + (sum ? T.calc : T.computed) + ' ', el('b', null, f[4]));
      if (f[3]) rc.append(' · ' + T.page + ' ' + f[3]);
      head.append(rc);
    }
    if (f[7]) head.append(el('div', 'note', T.waived + ': ' + f[7]));
    li.prepend(head);
    li.removeAttribute('data-fill');
  }
  /* a table as extracted, from its compact text (html_doc.c: table_grid) and the template's labels */
  var CLS = {u: 'u', h: 'hit', r: 'rep', o: 'op'};
  function grid(pre) {
    var tm = (D.tm[pre.getAttribute('data-v')] || {})[pre.getAttribute('data-t')];
    if (!tm) return;
    var tw = el('div', 'tw'), t = el('table', 'cells'), head = el('tr');
    t.setAttribute('data-table', pre.getAttribute('data-t'));
    head.appendChild(el('th'));
    tm.cols.forEach(function (c) { head.appendChild(el('th', null, c)); });
    var thead = el('thead'), tb = el('tbody');
    thead.appendChild(head);
    pre.textContent.split('\n').forEach(function (line) {
      if (!line) return;
      var cells = line.split('\t'), tr = el('tr');
      tr.setAttribute('data-row', cells[0]);
      tr.appendChild(el('th', null, tm.rows[cells[0]] || cells[0]));
      for (var k = 1; k < cells.length; k++) {
        var td;
        if (cells[k] === '~') td = el('td', 'na');
        else if (cells[k] === '') { td = el('td', 'ab', '·'); td.title = T.notRead; }
        else {
          var f = cells[k].split('|'), cls = [];
          td = el('td', null, f[0]);
          for (var j = 0; f[1] && j < f[1].length; j++) cls.push(CLS[f[1][j]]);
          if (cls.length) td.className = cls.join(' ');
          if (f[2]) td.setAttribute('data-f', f[2]);
          if (f[3]) td.title = f[3];
          if (f[4]) td.appendChild(el('small', null, f[4]));
        }
        tr.appendChild(td);
      }
      tb.appendChild(tr);
    });
    t.append(thead, tb);
    tw.appendChild(t);
    pre.replaceWith(tw);
  }
  function decorate(root) {
    var pres = root.querySelectorAll('pre.grid');
    for (var g = 0; g < pres.length; g++) grid(pres[g]);
    var lis = root.querySelectorAll('li.f');
    for (var j = 0; j < lis.length; j++) { fill(lis[j]); controls(lis[j]); }
    var btn = root.querySelector('button.show');
    if (btn) btn.remove();
  }
  function select(i) {
    var old = document.querySelectorAll('.sel');
    for (var j = 0; j < old.length; j++) old[j].classList.remove('sel');
    var hits = document.querySelectorAll('[data-f~="' + i + '"]');
    for (j = 0; j < hits.length; j++) hits[j].classList.add('sel');
    var li = $('f-' + i);
    if (li) li.classList.add('sel');
  }
  function route() {
    var h = location.hash, m;
    if ((m = /^#f-(\d+)$/.exec(h))) {
      var i = +m[1];
      if (!D.f[i]) return;
      showReport(D.f[i][0]);
      select(i);
      var li = $('f-' + i);
      if (li) li.scrollIntoView({block: 'center'});
    } else if ((m = /^#r-(\d+)$/.exec(h))) {
      var s = showReport(+m[1]);
      if (s) s.scrollIntoView();
    }
  }

  /* ---------- the findings table ---------- */
  var filt = {sev: '', rule: '', agency: '', year: '', text: '', review: '', waived: true};
  var sortKey = 'sev', sortDir = -1, limit = PAGE, order = [];
  var cols = [
    ['sev', T.severity], ['rule', T.rule], ['agency', T.agency], ['year', T.year],
    ['cell', T.place], ['msg', T.message], ['actual', T.reported], ['expected', T.computed], ['review', T.review]
  ];
  function value(i, k) {
    var f = D.f[i], d = fdoc(i);
    switch (k) {
      case 'sev': return D.rules[f[1]][1];
      case 'rule': return D.rules[f[1]][0];
      case 'agency': return d[0];
      case 'year': return d[1];
      case 'cell': return f[2];
      case 'msg': return f[6];
      case 'actual': return f[5];
      case 'expected': return f[4];
      case 'review': var m = R[keyOf(i)]; return m ? m.s : '';
    }
    return '';
  }
  function matches(i) {
    var f = D.f[i], d = fdoc(i), r = D.rules[f[1]];
    if (filt.sev !== '' && r[1] !== +filt.sev) return false;
    if (filt.rule && r[0] !== filt.rule && !(filt.rule.slice(-1) === '*' && r[0].indexOf(filt.rule.slice(0, -1)) === 0)) return false;
    if (filt.agency && d[0].indexOf(filt.agency) < 0) return false;
    if (filt.year && String(d[1]) !== filt.year) return false;
    if (!filt.waived && f[7]) return false;
    if (filt.review) {
      var m = R[keyOf(i)];
      if (filt.review === 'none' ? !!m : !m || m.s !== filt.review) return false;
    }
    if (filt.text) {
      var hay = (r[0] + ' ' + d[0] + ' ' + d[2] + ' ' + f[2] + ' ' + f[6] + ' ' + f[7]).toLowerCase();
      if (hay.indexOf(filt.text) < 0) return false;
    }
    return true;
  }
  function compare(a, b) {
    var x = value(a, sortKey), y = value(b, sortKey);
    if (typeof x === 'number' && typeof y === 'number') { if (x !== y) return (x - y) * sortDir; }
    else { x = String(x); y = String(y); if (x !== y) return (x < y ? -1 : 1) * sortDir; }
    return a - b;
  }
  function renderTable() {
    order = [];
    for (var i = 0; i < D.f.length; i++) if (matches(i)) order.push(i);
    order.sort(compare);
    var tb = $('ftbody');
    var frag = document.createDocumentFragment();
    var n = Math.min(order.length, limit);
    for (var j = 0; j < n; j++) frag.appendChild(row(order[j]));
    tb.replaceChildren(frag);
    $('fcount').textContent = T.showing.replace('{n}', n).replace('{m}', order.length).replace('{all}', D.f.length);
    $('fmore').hidden = order.length <= n;
    var ths = document.querySelectorAll('#ftable thead th');
    for (j = 0; j < ths.length; j++)
      ths[j].setAttribute('aria-sort', cols[j][0] === sortKey ? (sortDir > 0 ? 'ascending' : 'descending') : 'none');
  }
  function row(i) {
    var f = D.f[i], d = fdoc(i), r = D.rules[f[1]];
    var tr = el('tr', 'sev-' + SEV[r[1]] + (f[7] ? ' waived' : ''));
    tr.setAttribute('data-i', i);
    var td = el('td'); td.appendChild(el('span', 'sev', T.sev[r[1]])); tr.appendChild(td);
    td = el('td', 'rule'); td.appendChild(el('code', null, r[0])); tr.appendChild(td);
    td = el('td', 'ag'); var a = el('a', null, d[0] || d[2]); a.href = '#r-' + f[0]; td.appendChild(a); tr.appendChild(td);
    tr.appendChild(el('td', 'n', d[1] || ''));
    tr.appendChild(el('td', 'place', [f[2], f[3] ? T.page + ' ' + f[3] : ''].filter(Boolean).join(' · ')));
    td = el('td', 'msg'); a = el('a', null, f[6]); a.href = '#f-' + i; td.appendChild(a);
    if (f[7]) td.appendChild(el('div', 'note', T.waived + ': ' + f[7]));
    tr.appendChild(td);
    tr.appendChild(el('td', 'n', f[5]));
    tr.appendChild(el('td', 'n', f[4]));
    var m = R[keyOf(i)];
    tr.appendChild(el('td', null, m ? (m.s === 'confirmed' ? T.confirmed : T.dismissed) : ''));
    return tr;
  }
  function buildTable() {
    var tr = document.querySelector('#ftable thead tr');
    cols.forEach(function (c) {
      var th = el('th'), b = el('button', null, c[1]);
      b.type = 'button';
      b.onclick = function () {
        if (sortKey === c[0]) sortDir = -sortDir; else { sortKey = c[0]; sortDir = c[0] === 'sev' ? -1 : 1; }
        renderTable();
      };
      th.appendChild(b);
      tr.appendChild(th);
    });
    var form = $('filters');
    function bind(id, key, lower) {
      var e = $(id);
      if (!e) return;
      var h = function () {
        filt[key] = e.type === 'checkbox' ? e.checked : lower ? e.value.trim().toLowerCase() : e.value.trim();
        limit = PAGE;
        renderTable();
      };
      e.addEventListener('input', h);
      e.addEventListener('change', h);
    }
    bind('f-sev', 'sev'); bind('f-rule', 'rule'); bind('f-agency', 'agency'); bind('f-year', 'year');
    bind('f-text', 'text', true); bind('f-review', 'review'); bind('f-waived', 'waived');
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    $('fmore').onclick = function () { limit += PAGE; renderTable(); };
    renderTable();
  }

  /* ---------- wiring ---------- */
  document.addEventListener('keydown', function (e) {
    var t = e.target.tagName;
    if (e.key === '/' && t !== 'INPUT' && t !== 'TEXTAREA' && t !== 'SELECT') { e.preventDefault(); $('f-text').focus(); }
  });
  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('button.show');
    if (b) { showReport(+b.getAttribute('data-k')); return; }
    var li = e.target.closest && e.target.closest('li.f');
    if (li && e.target.tagName !== 'BUTTON' && e.target.tagName !== 'INPUT') select(+li.getAttribute('data-i'));
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('beforeprint', showAll);
  var all = $('show-all');
  if (all) all.onclick = showAll;
  $('rv-waivers').onclick = function () { download('waivers.csv', waiversCsv()); };
  $('rv-review').onclick = function () { download('review.csv', reviewCsv()); };
  $('rv-clear').onclick = function () {
    if (!confirm(T.clearAll)) return;
    R = {};
    save();
    for (var i = 0; i < D.f.length; i++) showMark(i);
    updateReview();
    renderTable();
  };
  var inline = document.querySelectorAll('.report:not([data-lazy])');
  for (var j = 0; j < inline.length; j++) decorate(inline[j]);
  buildTable();
  updateReview();
  route();
  /* for tests and for scripting the page */
  window.nianbao = {data: D, waiversCsv: waiversCsv, reviewCsv: reviewCsv, mark: mark, showReport: showReport,
                    showAll: showAll, select: select, shown: function () { return order.slice(0, limit); }};
})();
