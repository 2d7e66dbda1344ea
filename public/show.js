// The show in the hall, without WebAssembly: the quiz on the projector and
// the overlay (beside board.js, which hands over each new standings), and
// the audience's own pages on their phones (/choi to play along,
// /binh-chon to vote), which follow the standings stream themselves. Every
// countdown ends at the server's `ends_at`, read against the server's
// clock, so every screen in the hall ends it at the same moment.
(function () {
  'use strict';
  var root = document.querySelector('[data-show]') || document.querySelector('[data-board="projector"],[data-board="overlay"]');
  var dataNode = document.getElementById('board-data');
  if (!root || !dataNode || !window.fetch) return;
  var page = root.getAttribute('data-show') || 'screen';
  var panel = root.querySelector('.show-quiz');
  var t = JSON.parse((page === 'screen' ? panel : root).getAttribute('data-texts'));
  var api = '/api/v1/contests/' + root.getAttribute('data-contest');
  var current = JSON.parse(dataNode.textContent);
  var store = window.localStorage || { getItem: function () { return null; }, setItem: function () {} };

  function $(sel) { return root.querySelector(sel); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  // A decimal as the page's language writes it ("10,00" in Vietnamese).
  var decimal = document.documentElement.lang === 'en' ? '.' : ',';
  function num(v) { return String(v).replace('.', decimal); }
  function send(method, url, body) {
    return fetch(url, {
      method: method, credentials: 'same-origin',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (r) {
      return r.json().then(function (b) { return { ok: r.ok, status: r.status, body: b }; });
    });
  }

  // ---- the server's clock ----------------------------------------------------
  var offset = 0;
  function now() { return Date.now() + offset; }
  function syncClock() {
    var sent = Date.now();
    fetch('/api/v1/time', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (b) {
      var back = Date.now();
      offset = b.now_ms + (back - sent) / 2 - back;
    }).catch(function () {});
  }

  var endsAt = null;
  var onTimeUp = function () {};
  function tick() {
    var nodes = root.querySelectorAll('.countdown');
    var left = endsAt === null ? null : Math.max(0, endsAt - now());
    Array.prototype.forEach.call(nodes, function (n) {
      n.textContent = left === null ? '' : left > 0 ? Math.ceil(left / 1000) + ' ' + t.seconds_word : t.time_up;
      n.classList.toggle('urgent', left !== null && left > 0 && left <= 5000);
      n.classList.toggle('over', left === 0);
    });
    if (left === 0) onTimeUp();
  }
  setInterval(tick, 100);

  function quizLive(s) { return s.quiz && s.quiz.phase !== 'closed' ? s.quiz : null; }

  // ---- the audience's best ------------------------------------------------------
  function drawTop(list, players) {
    list.replaceChildren();
    players.forEach(function (p) {
      var li = el('li');
      li.appendChild(el('span', 'top-rank', p.rank));
      li.appendChild(el('span', 'top-name', p.nickname));
      li.appendChild(el('b', 'top-points', num(p.points)));
      list.appendChild(li);
    });
  }
  function loadTop() { return send('GET', api + '/play/leaderboard').then(function (r) { return r.body; }); }

  // ---- projector and overlay ------------------------------------------------------
  function drawScreen(s) {
    var q = quizLive(s);
    panel.hidden = !q;
    root.classList.toggle('showing-quiz', !!q);
    endsAt = q && q.ends_at && q.phase === 'shown' ? Date.parse(q.ends_at) : null;
    if (q) {
      panel.querySelector('.q-number').textContent = t.question_word + ' ' + q.question.number;
      panel.querySelector('.q-prompt').textContent = q.question.prompt;
      var list = panel.querySelector('.q-options');
      list.replaceChildren();
      q.question.options.forEach(function (o, i) {
        var letter = String.fromCharCode(65 + i);
        var li = el('li');
        li.setAttribute('data-choice', letter);
        li.appendChild(el('b', null, letter));
        li.appendChild(el('span', null, o));
        if (q.answer) li.classList.add(q.answer === letter ? 'right' : 'dim');
        list.appendChild(li);
      });
      var ans = panel.querySelector('.q-answer');
      ans.hidden = !q.answer;
      var i = q.answer ? q.answer.charCodeAt(0) - 65 : -1;
      var text = q.answer && q.answer.length === 1 && q.question.options[i] ? q.answer + ' — ' + q.question.options[i] : q.answer;
      ans.textContent = q.answer ? t.answer_was + ': ' + text : '';
      if (!q.answer) panel.querySelector('.countdown').textContent = '';
    }
    var top = $('.show-top');
    var between = s.quiz && s.quiz.phase === 'closed' &&
      s.rounds.some(function (r) { return r.id === s.quiz.round_id && r.state === 'open'; });
    if (top) {
      if (between) {
        loadTop().then(function (b) {
          drawTop(top.querySelector('ol'), b.players);
          top.hidden = !b.players.length;
          root.classList.toggle('showing-top', !!b.players.length);
        });
      } else {
        top.hidden = true;
        root.classList.remove('showing-top');
      }
    }
    var voteQr = $('.show-vote-qr');
    if (voteQr) voteQr.hidden = !(s.vote && s.vote.state === 'open');
    tick();
  }

  // ---- playing along on a phone ----------------------------------------------------
  var shownId = null;
  function nick() { return store.getItem('kheo-nick') || ''; }
  function answered(qid) { return store.getItem('kheo-play-' + qid); }

  function drawMe() {
    var form = $('.play-name');
    var me = $('.play-me');
    form.hidden = !!nick();
    me.hidden = !nick();
    $('.play-nick').textContent = nick();
  }

  function setResult(text, cls) {
    var r = $('.play-result');
    r.textContent = text;
    r.className = 'play-result' + (cls ? ' ' + cls : '');
  }

  function lockChoices(q) {
    var mine = answered(q.id);
    var over = endsAt !== null && now() >= endsAt;
    Array.prototype.forEach.call(root.querySelectorAll('.play-option'), function (b) {
      b.disabled = !!mine || over || !!current.quiz.answer;
      b.classList.toggle('chosen', b.getAttribute('data-choice') === mine);
    });
    var short = $('.play-short');
    Array.prototype.forEach.call(short.elements, function (x) { x.disabled = !!mine || over || !!current.quiz.answer; });
  }

  function drawPlay(s) {
    var q = quizLive(s);
    var wait = $('.play-wait');
    var box = $('.play-question');
    wait.hidden = !!q;
    box.hidden = !q;
    endsAt = q && q.ends_at && q.phase === 'shown' ? Date.parse(q.ends_at) : null;
    if (!q) {
      shownId = null;
      loadTop().then(function (b) {
        drawTop($('.play-top ol'), b.players);
        $('.play-top').hidden = !b.players.length;
        if (b.me) $('.play-score').textContent = t.your_points + ': ' + num(b.me.points) + ' · ' + t.your_rank + ' ' + b.me.rank;
      });
      return;
    }
    $('.play-top').hidden = true;
    if (shownId !== q.question.id) {
      shownId = q.question.id;
      $('.q-number').textContent = t.question_word + ' ' + q.question.number;
      $('.q-prompt').textContent = q.question.prompt;
      var opts = $('.play-options');
      opts.replaceChildren();
      q.question.options.forEach(function (o, i) {
        var letter = String.fromCharCode(65 + i);
        var b = el('button', 'play-option');
        b.type = 'button';
        b.setAttribute('data-choice', letter);
        b.appendChild(el('b', null, letter));
        b.appendChild(el('span', null, o));
        opts.appendChild(b);
      });
      $('.play-short').hidden = q.question.options.length > 0;
      setResult(answered(q.question.id) ? t.sent + ': ' + answered(q.question.id) : '');
    }
    onTimeUp = function () {
      lockChoices(q.question);
      if (!answered(q.question.id) && !q.answer) setResult(t.time_up, 'late');
    };
    lockChoices(q.question);
    if (q.answer) {
      Array.prototype.forEach.call(root.querySelectorAll('.play-option'), function (b) {
        b.classList.toggle('right', b.getAttribute('data-choice') === q.answer);
      });
      loadTop().then(function (b) {
        var last = b.last && b.last.question_id === q.question.id ? b.last : null;
        if (!last) setResult(t.no_answer + ' · ' + t.answer_was + ': ' + q.answer, 'wrong');
        else if (last.correct) setResult(t.right + ' +' + num(last.points), 'right');
        else setResult(t.wrong + ' · ' + t.answer_was + ': ' + q.answer, 'wrong');
        if (b.me) $('.play-score').textContent = t.your_points + ': ' + num(b.me.points) + ' · ' + t.your_rank + ' ' + b.me.rank;
      });
    }
  }

  function answer(choice) {
    var q = current.quiz;
    if (!nick()) { $('.play-name input').focus(); return; }
    send('POST', api + '/play', { question_id: q.question.id, choice: choice, nickname: nick() }).then(function (r) {
      if (r.ok) {
        store.setItem('kheo-play-' + q.question.id, r.body.choice);
        setResult(t.sent + ': ' + r.body.choice, 'sent');
      } else {
        setResult(r.body.error ? r.body.error.message : '', 'late');
      }
      lockChoices(q.question);
    }).catch(function () { setResult(t.offline, 'late'); });
  }

  function setupPlay() {
    $('.play-name').addEventListener('submit', function (e) {
      e.preventDefault();
      var v = e.target.elements.nickname.value.trim();
      if (!v) return;
      store.setItem('kheo-nick', v.slice(0, 30));
      drawMe();
    });
    $('.play-rename').addEventListener('click', function () {
      $('.play-name input').value = nick();
      $('.play-name').hidden = false;
      $('.play-me').hidden = true;
    });
    root.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('.play-option');
      if (b && !b.disabled) answer(b.getAttribute('data-choice'));
    });
    $('.play-short').addEventListener('submit', function (e) {
      e.preventDefault();
      var v = e.target.elements.choice.value.trim();
      if (v) answer(v);
    });
    drawMe();
  }

  // ---- the audience's vote -----------------------------------------------------------
  var voteKey = 'kheo-vote-' + root.getAttribute('data-contest');
  function drawVote(s) {
    var state = s.vote ? s.vote.state : 'off';
    root.setAttribute('data-state', state);
    $('.vote-line').textContent = state === 'open' ? t.vote_open : state === 'closed' ? t.vote_closed : t.vote_off;
    if (s.vote && s.vote.prize_name) $('.vote-prize b').textContent = s.vote.prize_name;
    var mine = store.getItem(voteKey);
    Array.prototype.forEach.call(root.querySelectorAll('.vote-team'), function (b) {
      b.disabled = state !== 'open';
      b.classList.toggle('chosen', b.getAttribute('data-team') === mine);
    });
    var chosen = mine && root.querySelector('.vote-team[data-team="' + mine + '"] strong');
    $('.vote-mine').hidden = !chosen;
    if (chosen) $('.vote-mine').textContent = t.voted_for + ': ' + chosen.textContent;
    if (state === 'closed') {
      send('GET', api + '/votes').then(function (r) {
        if (!r.ok) return;
        var best = r.body.teams.reduce(function (m, x) { return Math.max(m, x.votes); }, 0);
        r.body.teams.forEach(function (x) {
          var b = root.querySelector('.vote-team[data-team="' + x.team_id + '"]');
          if (!b) return;
          b.querySelector('.vote-count').textContent = x.votes + ' ' + t.votes_word;
          b.classList.toggle('winner', best > 0 && x.votes === best);
        });
      });
    }
  }

  function setupVote() {
    root.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('.vote-team');
      if (!b || b.disabled) return;
      var team = b.getAttribute('data-team');
      send('POST', api + '/votes', { team_id: +team }).then(function (r) {
        if (r.ok) {
          store.setItem(voteKey, team);
          drawVote(current);
        } else {
          $('.vote-line').textContent = r.body.error ? r.body.error.message : '';
        }
      }).catch(function () { $('.vote-line').textContent = t.offline; });
    });
  }

  // ---- following the standings ---------------------------------------------------------
  var draw = page === 'play' ? drawPlay : page === 'vote' ? drawVote : drawScreen;
  function apply(next) {
    if (next.version < current.version) return;
    current = next;
    draw(next);
  }
  if (page === 'play') setupPlay();
  if (page === 'vote') setupVote();
  syncClock();
  setInterval(syncClock, 60000);
  draw(current);
  if (page === 'screen') {
    // board.js follows the stream and hands each new version over.
    document.addEventListener('kheo:standings', function (e) { apply(e.detail); });
    return;
  }
  if (!window.EventSource) return;
  var status = $('.live-status');
  var source = new EventSource(api + '/leaderboard/stream');
  source.addEventListener('leaderboard', function (ev) {
    if (status) status.textContent = '';
    try { apply(JSON.parse(ev.data)); } catch (e) { /* the next frame heals */ }
  });
  source.onerror = function () { if (status) status.textContent = t.offline; };
})();
