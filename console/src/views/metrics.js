import { h, show, announce } from '../lib/dom.js';
import { addDays, dateIn, day, figure, isRate, isSeconds } from '../lib/format.js';
import { failure } from './parts.js';

// The team's figures from GET …/metrics (docs/metrics.md), on the tenant's clock: today so far
// (kept current by metrics.today), the last 7 or 30 days day by day, per agent and per number,
// and the busy hours of the week. Each table downloads as the API's own CSV.

const TODAY = [
  ['calls.inbound', 'Calls in'], ['calls.outbound', 'Calls out'], ['calls.answered', 'Answered'],
  ['calls.missed', 'Missed'], ['calls.abandoned', 'Abandoned'], ['calls.voicemail', 'Voicemail'],
  ['calls.afterHours', 'After hours'], ['calls.answerRate', 'Answer rate'], ['calls.talkTime.avg', 'Average talk time'],
  ['messages.sent', 'Messages sent'], ['messages.delivered', 'Delivered'], ['messages.failed', 'Failed'],
  ['messages.received', 'Messages received'], ['messages.optOuts', 'Opt-outs'],
];
const SERIES = [['calls.inbound', 'Calls in'], ['calls.answered', 'Answered'], ['calls.missed', 'Missed'],
  ['calls.answerRate', 'Answer rate'], ['messages.sent', 'Sent'], ['messages.received', 'Received']];
const BY = [['calls.inbound', 'Calls in'], ['calls.answered', 'Answered'], ['calls.missed', 'Missed'],
  ['calls.answerRate', 'Answer rate'], ['calls.talkTime.total', 'Talk time'], ['calls.talkTime.avg', 'Average talk']];
const WEEK = [['MON', 'Mon', 'Monday'], ['TUE', 'Tue', 'Tuesday'], ['WED', 'Wed', 'Wednesday'], ['THU', 'Thu', 'Thursday'],
  ['FRI', 'Fri', 'Friday'], ['SAT', 'Sat', 'Saturday'], ['SUN', 'Sun', 'Sunday']];
const HOURS = Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0'));
// Counts that only grow within a day (docs/events.md): the snapshot furthest on has none lower.
const GROWING = TODAY.map(([m]) => m).filter((m) => m !== 'calls.abandoned' && !isRate(m) && !isSeconds(m));

/** Metrics: the whole team's, so shown in the team view. */
export function render(ctx, main) {
  if (ctx.agentId) {
    show(main, h('h1', {}, 'Metrics'),
      h('p', {}, 'Metrics are the whole team\'s figures. Choose "Whole team" under "Whose activity" to see them.'));
    return null;
  }
  const { api } = ctx;
  let disposed = false;
  let zone = null;
  let today = null;
  let days = 7;
  let best = null;
  let generation = 0;

  const todayList = h('dl', { class: 'figures', id: 'today', 'aria-labelledby': 'today-title' });
  const todayNote = h('p', { class: 'meta', id: 'today-note' }, 'Loading…');
  const zoneNote = h('p', { class: 'meta', id: 'metrics-zone' });
  const sections = {
    today: h('section', { id: 'm-today', 'aria-labelledby': 'today-title', dataset: { state: 'loading' } },
      h('h2', { id: 'today-title' }, 'Today so far'), todayNote, todayList),
    series: section('m-series', 'Day by day'),
    agents: section('m-agents', 'Per agent'),
    numbers: section('m-numbers', 'Per number'),
    heat: section('m-heat', 'Busiest hours'),
  };
  const period = h('fieldset', { class: 'period', id: 'period' }, h('legend', {}, 'Period'),
    [[7, 'Last 7 days'], [30, 'Last 30 days']].map(([n, label]) => h('label', {},
      h('input', { type: 'radio', name: 'period', value: n, checked: n === days, onchange: () => { days = n; loadPeriod(); } }), ` ${label}`)));

  show(main, h('h1', {}, 'Metrics'), zoneNote, sections.today, period, sections.series, sections.agents, sections.numbers,
    sections.heat);

  const range = (n) => ({ from: addDays(today, 1 - n), to: today });
  const report = (query) => api.get('metrics', { ...query, tz: zone });
  const fileName = (query, by) => `metrics-${api.tenantId}-${query.from}-${query.to}${by ? `-by-${by}` : ''}.csv`;

  // --- today so far: read, then as metrics.today tells it ---

  const drawToday = () => {
    if (!best) return;
    show(todayList, TODAY.map(([metric, label]) => h('div', { class: 'figure' },
      h('dt', {}, label), h('dd', { dataset: { metric, value: JSON.stringify(best.figures[metric] ?? null) } },
        figure(metric, best.figures[metric])))));
    todayNote.textContent = `${day(best.date)}: kept current as calls and messages are counted.`;
    sections.today.dataset.state = 'loaded';
  };
  // Whichever of the API and the channel told it first, the figures furthest on stay.
  const offer = (date, figures) => {
    if (!date || !figures) return;
    if (best && date < best.date) return;
    if (best && date === best.date && GROWING.some((m) => (figures[m] ?? 0) < (best.figures[m] ?? 0))) return;
    best = { date, figures };
    if (today && date > today) {
      // Midnight on the tenant's clock: every range moves on a day.
      load();
      return;
    }
    drawToday();
  };
  const unsubscribe = ctx.store.subscribe((type, event) => {
    if (type === 'metrics.today' && event?.payload) offer(event.payload.date, event.payload.figures);
  });

  // --- the selected period: day by day, per agent, per number ---

  const loadPeriod = async () => {
    const mine = ++generation;
    const { from, to } = range(days);
    const title = `Last ${days} days`;
    for (const s of [sections.series, sections.agents, sections.numbers]) s.dataset.state = 'loading';
    const seriesQuery = { metrics: SERIES.map(([m]) => m).join(','), bucket: 'day', from, to };
    const byQuery = (groupBy) => ({ metrics: BY.map(([m]) => m).join(','), bucket: 'none', groupBy, from, to });
    const fill = async (s, queries, draw) => {
      try {
        const reports = await Promise.all(queries.map(report));
        if (disposed || mine !== generation) return;
        draw(...reports);
        s.dataset.state = 'loaded';
      } catch (e) {
        if (disposed || mine !== generation) return;
        s.body.replaceChildren(failure(e));
        s.dataset.state = 'failed';
      }
    };
    await Promise.all([
      fill(sections.series, [seriesQuery, { ...seriesQuery, bucket: 'none' }], (daily, total) => {
        sections.series.setDownload(() => download(seriesQuery, fileName(seriesQuery)), `Download CSV of the ${title.toLowerCase()}, day by day`);
        show(sections.series.body, bars(daily.rows), scroll(seriesTable(daily, total, `${title}: calls and messages per day, with totals`)));
      }),
      fill(sections.agents, [byQuery('agent')], (r) => {
        sections.agents.setDownload(() => download(byQuery('agent'), fileName(seriesQuery, 'agent')), `Download CSV of the ${title.toLowerCase()}, per agent`);
        const name = (id) => (id === '-' ? 'No agent' : ctx.agents.find((a) => a.id === id)?.name ?? id);
        show(sections.agents.body, scroll(groupTable('by-agent', r, `${title}, per agent (the number's agent)`, 'Agent', name)));
      }),
      fill(sections.numbers, [byQuery('number')], (r) => {
        sections.numbers.setDownload(() => download(byQuery('number'), fileName(seriesQuery, 'number')), `Download CSV of the ${title.toLowerCase()}, per number`);
        show(sections.numbers.body, scroll(groupTable('by-number', r, `${title}, per number`, 'Number', (n) => n)));
      }),
    ]);
  };

  const loadHeat = async () => {
    const { from, to } = range(30);
    const query = { metrics: 'calls.inbound', bucket: 'none', groupBy: 'hourOfWeek', from, to };
    sections.heat.dataset.state = 'loading';
    try {
      const r = await report(query);
      if (disposed) return;
      sections.heat.setDownload(() => download(query, fileName(query, 'hour-of-week')), 'Download CSV of the busiest hours, last 30 days');
      show(sections.heat.body, scroll(heatTable(r, `Calls in by weekday and hour, last 30 days (${zone} time)`)));
      sections.heat.dataset.state = 'loaded';
    } catch (e) {
      if (disposed) return;
      sections.heat.body.replaceChildren(failure(e));
      sections.heat.dataset.state = 'failed';
    }
  };

  const download = async (query, name) => {
    try {
      const csv = await api.text('metrics', { ...query, tz: zone }, 'text/csv');
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = h('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has the file once the click is handled; the URL is let go after.
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      announce(`Downloaded ${name}.`);
    } catch (e) {
      announce(`Not downloaded: ${e.message}`, 'error');
    }
  };

  const load = async () => {
    try {
      zone = (await api.request('GET', `/v1/tenants/${encodeURIComponent(api.tenantId)}`)).timeZone ?? 'UTC';
    } catch (e) {
      if (!disposed) main.append(failure(e));
      return;
    }
    if (disposed) return;
    today = dateIn(zone);
    zoneNote.textContent = `Figures on the workspace's clock: ${zone}.`;
    const todayRead = (async () => {
      try {
        const r = await report({ metrics: TODAY.map(([m]) => m).join(','), bucket: 'none', from: today, to: today });
        if (!disposed) offer(today, r.rows[0]?.values);
      } catch (e) {
        if (disposed || best) return;
        show(todayList, failure(e));
        sections.today.dataset.state = 'failed';
      }
    })();
    await Promise.all([todayRead, loadPeriod(), loadHeat()]);
  };
  load();
  return () => {
    disposed = true;
    unsubscribe();
  };
}

/** A section with its heading, a CSV button beside it once there is something to download, and its body. */
function section(id, title) {
  const button = h('button', { type: 'button', class: 'quiet', hidden: true }, 'Download CSV');
  let onDownload = null;
  button.addEventListener('click', () => onDownload?.());
  const body = h('div', {}, h('p', { class: 'meta' }, 'Loading…'));
  const el = h('section', { id, 'aria-labelledby': `${id}-title`, dataset: { state: 'loading' } },
    h('div', { class: 'section-head' }, h('h2', { id: `${id}-title` }, title), button), body);
  el.body = body;
  el.setDownload = (fn, label) => {
    onDownload = fn;
    button.setAttribute('aria-label', label);
    button.hidden = false;
  };
  return el;
}

/** A table that scrolls sideways within itself on a narrow screen (and by keyboard). */
function scroll(table) {
  const caption = table.querySelector('caption');
  return h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': caption?.textContent ?? 'Table' }, table);
}

function cell(metric, value) {
  return h('td', { class: 'num', dataset: { metric, value: JSON.stringify(value ?? null) } }, figure(metric, value));
}

function seriesTable(daily, total, caption) {
  return h('table', { id: 'series', class: 'report' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), SERIES.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)))),
    h('tbody', {}, daily.rows.map((row) => {
      const date = row.start.slice(0, 10);
      return h('tr', { dataset: { date } }, h('th', { scope: 'row' }, day(date)), SERIES.map(([m]) => cell(m, row.values[m])));
    })),
    h('tfoot', {}, h('tr', { dataset: { total: 'true' } }, h('th', { scope: 'row' }, 'Total'),
      SERIES.map(([m]) => cell(m, total.rows[0]?.values[m])))));
}

function groupTable(id, report, caption, what, name) {
  const rows = [...report.rows].sort((a, b) => (b.values['calls.inbound'] ?? 0) - (a.values['calls.inbound'] ?? 0)
    || String(a.group).localeCompare(String(b.group)));
  return h('table', { id, class: 'report' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, what), BY.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)))),
    h('tbody', {}, rows.length ? rows.map((row) => h('tr', { dataset: { group: row.group } },
      h('th', { scope: 'row' }, name(row.group)), BY.map(([m]) => cell(m, row.values[m]))))
      : h('tr', {}, h('td', { colspan: BY.length + 1 }, 'No calls in this period.'))));
}

function heatTable(report, caption) {
  const counts = new Map(report.rows.map((r) => [r.group, r.values['calls.inbound'] ?? 0]));
  const max = Math.max(0, ...counts.values());
  return h('table', { id: 'heat', class: 'heat' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'),
      HOURS.map((hh) => h('th', { scope: 'col' }, hh, h('span', { class: 'visually-hidden' }, ':00'))))),
    h('tbody', {}, WEEK.map(([key, short, long]) => h('tr', { dataset: { day: key } },
      h('th', { scope: 'row' }, h('abbr', { title: long }, short)),
      HOURS.map((hh) => {
        const n = counts.get(`${key}-${hh}`) ?? 0;
        const level = n && max ? Math.min(5, Math.ceil((5 * n) / max)) : 0;
        return h('td', { class: `heat-${level}`, dataset: { group: `${key}-${hh}`, value: n } }, String(n));
      })))));
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** Calls in per day as bars, the answered part darker: a picture of the table below it. */
function bars(rows) {
  const max = Math.max(1, ...rows.map((r) => r.values['calls.inbound'] ?? 0));
  const w = 10;
  const height = 50;
  const chart = svg('svg', { viewBox: `0 0 ${rows.length * w} ${height}`, preserveAspectRatio: 'none', class: 'bars', 'aria-hidden': 'true', focusable: 'false' },
    ...rows.flatMap((r, i) => {
      const all = ((r.values['calls.inbound'] ?? 0) / max) * height;
      const answered = ((r.values['calls.answered'] ?? 0) / max) * height;
      return [svg('rect', { x: i * w + 1, y: height - all, width: w - 2, height: all, class: 'bar-all' }),
        svg('rect', { x: i * w + 1, y: height - answered, width: w - 2, height: answered, class: 'bar-answered' })];
    }));
  return h('figure', { class: 'chart' }, chart,
    h('figcaption', { class: 'meta' }, h('span', { class: 'swatch answered' }), ' answered ', h('span', { class: 'swatch all' }),
      ' not answered, of calls in per day (the table has the figures)'));
}
