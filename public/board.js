// Keeps an audience page live: the public leaderboard, the hall projector
// and the livestream overlay. The server renders the page complete; this
// script only follows the contest's standings stream and redraws, so a
// phone on 3G never downloads the application to watch. It renders the
// same markup as the server (app/src/public/leaderboard.rs).
(function () {
  'use strict';
  var root = document.querySelector('[data-board]');
  var dataNode = document.getElementById('board-data');
  if (!root || !dataNode || !window.EventSource) return;

  var mode = root.getAttribute('data-board');
  var texts = JSON.parse(root.getAttribute('data-texts'));
  // A board of one block (?block=…) shows its teams only, ranked within
  // it, as the server rendered it; a board of all blocks tags each team.
  var block = new URLSearchParams(window.location.search).get('block') || null;
  function ofBlock(s) {
    if (!block || !s.standings.some(function (r) { return r.block === block; })) return s;
    var copy = Object.assign({}, s);
    copy.standings = s.standings
      .filter(function (r) { return r.block === block; })
      .map(function (r) { return Object.assign({}, r, { rank: r.block_rank || r.rank }); });
    return copy;
  }
  var current = JSON.parse(dataNode.textContent);
  var contestId = root.getAttribute('data-contest');
  var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function roundScore(row, round) {
    var v = row.rounds[String(round.id)];
    return v === undefined ? null : v;
  }

  // ---- the table (public page and projector) -----------------------------

  function headRow(s) {
    var tr = el('tr');
    tr.appendChild(el('th', 'rank', texts.rank));
    tr.appendChild(el('th', 'team', texts.team));
    s.rounds.forEach(function (r) {
      var th = el('th', 'round' + (r.state === 'open' ? ' in-progress' : ''));
      th.appendChild(el('span', null, r.name));
      th.appendChild(el('small', null, texts.states[r.state] || r.state));
      tr.appendChild(th);
    });
    tr.appendChild(el('th', 'total', texts.total));
    return tr;
  }

  // A decimal as the page's language writes it ("17,92" in Vietnamese).
  function num(v) {
    return String(v).replace('.', texts.decimal || '.');
  }

  // Before its first score (or while results are kept for the ceremony) a
  // team has no rank.
  function scored(s, row) {
    return s.rounds.some(function (r) { return roundScore(row, r) !== null; });
  }

  function bodyRow(s, row) {
    var tr = el('tr');
    var ranked = scored(s, row);
    tr.setAttribute('data-team', row.team.id);
    tr.setAttribute('data-rank', row.rank);
    if (!ranked) tr.className = 'unranked';
    var rank = el('td', 'rank');
    rank.appendChild(ranked
      ? el('span', 'rank-badge' + (row.rank <= 3 ? ' top' : ''), row.rank)
      : el('span', 'rank-badge none', texts.not_yet));
    tr.appendChild(rank);
    var team = el('td', 'team');
    team.appendChild(el('strong', null, row.team.name));
    team.appendChild(el('small', null, row.team.unit));
    if (row.block && !block) team.appendChild(el('small', 'block-tag', row.block));
    var chips = el('span', 'chips');
    team.appendChild(chips);
    tr.appendChild(team);
    s.rounds.forEach(function (r) {
      var v = roundScore(row, r);
      if (v !== null) {
        var chip = el('span', 'chip', r.name + ' ');
        chip.appendChild(el('b', null, num(v)));
        chips.appendChild(chip);
      }
      tr.appendChild(el('td', 'num round-cell' + (v === null ? ' pending' : ''), v === null ? texts.not_yet : num(v)));
    });
    tr.appendChild(el('td', 'num total', ranked ? num(row.total) : texts.not_yet));
    return tr;
  }

  // Moves each row from where it was to where it is now (FLIP), and marks
  // the teams that climbed or fell, so the hall sees who moved.
  function redrawTable(prev, next) {
    var table = root.querySelector('table.standings');
    if (!table) return;
    var tbody = table.tBodies[0];
    var before = {};
    Array.prototype.forEach.call(tbody.rows, function (tr) {
      before[tr.getAttribute('data-team')] = { top: tr.getBoundingClientRect().top, rank: +tr.getAttribute('data-rank') };
    });
    var prevRows = {};
    prev.standings.forEach(function (row) { prevRows[row.team.id] = row; });

    table.tHead.replaceChildren(headRow(next));
    var body = document.createDocumentFragment();
    next.standings.forEach(function (row) { body.appendChild(bodyRow(next, row)); });
    tbody.replaceChildren(body);
    table.setAttribute('data-version', next.version);

    Array.prototype.forEach.call(tbody.rows, function (tr) {
      var id = tr.getAttribute('data-team');
      var old = before[id];
      var was = prevRows[id];
      if (was) {
        next.rounds.forEach(function (r, i) {
          if (roundScore(was, r) === null && roundScore(next.standings.find(function (x) { return String(x.team.id) === id; }), r) !== null) {
            tr.cells[2 + i].classList.add('fresh');
          }
        });
      }
      if (!old) return;
      var rank = +tr.getAttribute('data-rank');
      if (rank < old.rank) tr.classList.add('moved-up');
      if (rank > old.rank) tr.classList.add('moved-down');
      var dy = old.top - tr.getBoundingClientRect().top;
      if (!dy || reduceMotion || tr.hidden) return;
      tr.style.transform = 'translateY(' + dy + 'px)';
      tr.style.transition = 'none';
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          tr.style.transition = 'transform 700ms cubic-bezier(.2,.8,.2,1)';
          tr.style.transform = '';
        });
      });
    });
    setTimeout(function () {
      Array.prototype.forEach.call(tbody.querySelectorAll('.moved-up,.moved-down,.fresh'), function (n) {
        n.classList.remove('moved-up', 'moved-down', 'fresh');
      });
    }, 4000);
    if (mode === 'projector') paginate(false);
  }

  // ---- projector: pages of teams, full screen ------------------------------

  var page = 0;
  function paginate(advance) {
    var table = root.querySelector('table.standings');
    var holder = root.querySelector('.projector-table');
    var indicator = root.querySelector('.page-indicator');
    if (!table || !holder) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    rows.forEach(function (tr) { tr.hidden = false; });
    var available = holder.clientHeight - table.tHead.offsetHeight;
    var rowHeight = rows.length ? rows[0].offsetHeight : 1;
    var perPage = Math.max(1, Math.floor(available / Math.max(rowHeight, 1)));
    var pages = Math.max(1, Math.ceil(rows.length / perPage));
    if (advance) page = (page + 1) % pages;
    if (page >= pages) page = 0;
    rows.forEach(function (tr, i) { tr.hidden = Math.floor(i / perPage) !== page; });
    if (indicator) indicator.textContent = pages > 1 ? texts.page + ' ' + (page + 1) + '/' + pages : '';
  }

  if (mode === 'projector') {
    paginate(false);
    window.addEventListener('resize', function () { paginate(false); });
    setInterval(function () { paginate(true); }, 10000);
    var full = root.querySelector('[data-fullscreen]');
    if (full && document.documentElement.requestFullscreen) {
      full.addEventListener('click', function () { document.documentElement.requestFullscreen(); });
      document.addEventListener('fullscreenchange', function () {
        full.hidden = !!document.fullscreenElement;
        setTimeout(function () { paginate(false); }, 200);
      });
    } else if (full) {
      full.hidden = true;
    }
  }

  // ---- overlay: the leaders, and each team's marks as they complete ------

  var queue = [];
  var flashing = false;

  function showNextFlash() {
    var box = root.querySelector('.flash');
    if (!box || flashing || !queue.length) return;
    var item = queue.shift();
    flashing = true;
    box.querySelector('.flash-team').textContent = item.team;
    box.querySelector('.flash-round').textContent = item.round;
    box.querySelector('.flash-points').textContent = num(item.points) + ' ' + texts.points;
    box.hidden = false;
    box.classList.add('in');
    setTimeout(function () {
      box.classList.remove('in');
      setTimeout(function () { box.hidden = true; flashing = false; showNextFlash(); }, 400);
    }, 7000);
  }

  function redrawOverlay(prev, next) {
    var list = root.querySelector('.lt-list');
    var leaders = +root.getAttribute('data-leaders') || 5;
    if (list) {
      var items = document.createDocumentFragment();
      next.standings.slice(0, leaders).forEach(function (row) {
        var li = el('li');
        li.setAttribute('data-team', row.team.id);
        var ranked = scored(next, row);
        li.appendChild(el('span', 'lt-rank', ranked ? row.rank : texts.not_yet));
        li.appendChild(el('span', 'lt-team', row.team.name));
        li.appendChild(el('span', 'lt-total', ranked ? num(row.total) : texts.not_yet));
        items.appendChild(li);
      });
      list.replaceChildren(items);
    }
    var prevRows = {};
    prev.standings.forEach(function (row) { prevRows[row.team.id] = row; });
    next.standings.forEach(function (row) {
      var was = prevRows[row.team.id];
      next.rounds.forEach(function (r) {
        var v = roundScore(row, r);
        if (v !== null && (!was || roundScore(was, r) === null)) {
          queue.push({ team: row.team.name, round: r.name, points: v });
        }
      });
    });
    showNextFlash();
  }

  // ---- the award ceremony: each reveal as a large card -----------------------

  function revealCard(step) {
    var card = el('div', 'reveal-card');
    card.setAttribute('data-step', step.step);
    card.appendChild(el('p', 'reveal-prize', step.prize));
    step.teams.forEach(function (t) {
      var team = el('div', 'reveal-team');
      team.appendChild(el('p', 'reveal-name', t.name));
      team.appendChild(el('p', 'reveal-unit', t.block ? t.unit + ' · ' + t.block : t.unit));
      // A round's best is won on that round's score.
      team.appendChild(el('p', 'reveal-total', num(t.score || t.total)));
      card.appendChild(team);
    });
    return card;
  }

  function redrawCeremony(prev, next) {
    var box = root.querySelector('.ceremony');
    if (!box) return;
    var c = next.ceremony;
    var revealed = c ? c.revealed : [];
    var was = prev.ceremony ? prev.ceremony.revealed.length : 0;
    box.hidden = !c || (!c.sealed && !revealed.length);
    box.setAttribute('data-sealed', c && c.sealed ? 'true' : 'false');
    box.setAttribute('data-steps', revealed.length);
    var parts = document.createDocumentFragment();
    if (c && c.sealed) parts.appendChild(el('p', 'ceremony-banner', texts.sealed));
    if (revealed.length) {
      var card = revealCard(revealed[revealed.length - 1]);
      if (revealed.length > was && !reduceMotion) card.classList.add('arrive');
      parts.appendChild(card);
    }
    if (mode === 'page') {
      var list = el('ol', 'reveals');
      revealed.slice().reverse().forEach(function (r) {
        var li = el('li');
        li.setAttribute('data-step', r.step);
        li.appendChild(el('b', null, r.prize));
        li.appendChild(document.createTextNode(' — ' + r.teams.map(function (t) { return t.name; }).join(', ')));
        list.appendChild(li);
      });
      parts.appendChild(list);
    }
    box.replaceChildren(parts);
  }

  // ---- the stream ------------------------------------------------------------

  var status = root.querySelector('.live-status');
  function setLive(on) {
    if (!status) return;
    status.textContent = on ? texts.live : texts.reconnecting;
    status.classList.toggle('on', on);
  }

  function apply(next) {
    if (next.version <= current.version) return;
    next = ofBlock(next);
    var prev = current;
    current = next;
    if (mode === 'overlay') redrawOverlay(prev, next);
    else redrawTable(prev, next);
    redrawCeremony(prev, next);
    redrawLedger(next);
    // show.js draws the quiz on screen from the same frame.
    document.dispatchEvent(new CustomEvent('kheo:standings', { detail: next }));
  }

  // The ledger's head hash, short, as the record prints it.
  function redrawLedger(next) {
    var el = root.querySelector('.ledger-short');
    if (!el || !next.ledger) return;
    el.querySelector('code').textContent = next.ledger.slice(0, 8);
    el.hidden = false;
  }

  // The browser reconnects by itself and sends Last-Event-ID.
  var source = new EventSource('/api/v1/contests/' + contestId + '/leaderboard/stream');
  source.addEventListener('leaderboard', function (ev) {
    setLive(true);
    try { apply(JSON.parse(ev.data)); } catch (e) { /* a malformed frame is skipped, the next one heals */ }
  });
  source.onopen = function () { setLive(true); };
  source.onerror = function () { setLive(false); };
})();
