/** @module History (status page): the model drawn as one HTML page — GOV.UK-style, no JavaScript, inline CSS, every text escaped. */
import type { OpenProblem, PastProblem, PlannedWork, ServiceState, ServiceStatus, StatusDay, StatusModel } from './status-model.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, kind: 'when' | 'day' | 'time'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
        : kind === 'time'
          ? { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }
          : { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };
    f = new Intl.DateTimeFormat('en-GB', options);
    formatters.set(key, f);
  }
  return f;
}

/** "10:02 GMT on Wednesday 2 December": the time first, as people read a status page. */
export function whenText(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const time = formatter(timeZone, 'time').format(date);
  const day = formatter(timeZone, 'day').format(date).replace(',', '').replace(/ \d{4}$/, '');
  return `${time} on ${day}`;
}

function dayText(date: string): string {
  // A local date: formatted at noon UTC of that date so no zone moves it to the day before.
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
}

function durationText(fromIso: string, toIso: string): string {
  const minutes = Math.max(1, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}${rest ? ` ${rest} minute${rest === 1 ? '' : 's'}` : ''}`;
  return `${Math.round(hours / 24)} days`;
}

const e = escapeHtml;

const TAG_CLASS: Record<ServiceState, string> = { working: 'tag--green', degraded: 'tag--orange', down: 'tag--red', 'planned-work': 'tag--blue' };

function tag(state: ServiceState, text: string): string {
  return `<strong class="tag ${TAG_CLASS[state]}">${e(text)}</strong>`;
}

function problemHtml(problem: OpenProblem, service: ServiceStatus, timeZone: string): string {
  const status =
    problem.status === 'checking'
      ? 'It looks fixed. We are checking that it stays fixed before we say so for certain.'
      : problem.acknowledged
        ? 'An engineer is working on it.'
        : 'People are working on it.';
  const rows = [
    `<p class="meta">${e(service.name)} · started ${e(whenText(problem.startedAt, timeZone))}</p>`,
    `<p>${e(problem.summary)}</p>`,
    problem.who ? `<p><strong>Who is affected:</strong> ${e(problem.who)}</p>` : '',
    problem.message ? `<div class="inset"><p class="inset__label">What to tell users</p>${problem.message.split(/\n+/).map((line) => `<p>${e(line)}</p>`).join('')}</div>` : '',
    `<p><strong>Is it fixed?</strong> ${e(status)}</p>`,
    problem.nextUpdateBy ? `<p><strong>Next update:</strong> by ${e(whenText(problem.nextUpdateBy, timeZone))}</p>` : '',
  ];
  return `<article class="problem problem--${problem.status === 'checking' ? 'checking' : problem.level}" aria-labelledby="problem-${e(problem.id)}"><h3 id="problem-${e(problem.id)}">${e(problem.title)}</h3>${rows.join('')}</article>`;
}

function workHtml(work: PlannedWork, model: StatusModel): string {
  const names = work.services.map((id) => model.services.find((s) => s.id === id)?.name ?? id);
  return `<li class="work"><p><strong>${e(work.title)}</strong>${work.now ? ' <strong class="tag tag--blue">Now</strong>' : ''}</p><p>From ${e(whenText(work.startsAt, model.timeZone))} to ${e(whenText(work.endsAt, model.timeZone))}</p><p class="meta">Affects: ${e(names.join(', '))}</p>${work.message ? `<p>${e(work.message)}</p>` : ''}</li>`;
}

function daysHtml(service: ServiceStatus): string {
  const cells = service.days.map((day: StatusDay) => `<li class="day day--${day.level}" title="${e(dayText(day.date))}: ${e(day.text)}"><span class="visually-hidden">${e(dayText(day.date))}: ${e(day.text)}</span></li>`).join('');
  const bad = service.days.filter((day) => day.level !== 'none');
  const summary =
    bad.length === 0
      ? `No problems in the last ${service.days.length} days.`
      : `Problems on ${bad.length} of the last ${service.days.length} days: ${bad.map((day) => `${dayText(day.date)} (${day.text.toLowerCase()})`).join(', ')}.`;
  const first = service.days[0];
  const last = service.days[service.days.length - 1];
  return (
    `<p class="strip__summary">${e(summary)}</p>` +
    `<ol class="strip" aria-label="Day by day, ${first ? e(dayText(first.date)) : ''} to ${last ? e(dayText(last.date)) : ''}">${cells}</ol>` +
    `<p class="strip__ends" aria-hidden="true"><span>${service.days.length} days ago</span><span>Today</span></p>`
  );
}

function pastHtml(past: PastProblem, timeZone: string): string {
  return `<li><p><strong>${e(past.title)}</strong></p><p class="meta">From ${e(whenText(past.startedAt, timeZone))} to ${e(whenText(past.fixedAt, timeZone))} (${e(durationText(past.startedAt, past.fixedAt))})</p>${past.summary ? `<p>${e(past.summary)}</p>` : ''}</li>`;
}

function serviceHistoryHtml(service: ServiceStatus, timeZone: string): string {
  const past =
    service.past.length === 0
      ? '<p>No problems were fixed in this time.</p>'
      : `<ul class="past">${service.past.map((p) => pastHtml(p, timeZone)).join('')}</ul>`;
  return `<section class="history" aria-labelledby="history-${e(service.id)}"><h3 id="history-${e(service.id)}">${e(service.name)}</h3>${daysHtml(service)}<h4>Past problems</h4>${past}</section>`;
}

const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:arial,sans-serif;color:#0b0c0c;background:#f3f2f1;-webkit-text-size-adjust:100%}
body{margin:0;font-size:1.1875rem;line-height:1.4}
a{color:#1d70b8;text-decoration:underline;text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#003078}
a:focus{outline:3px solid transparent;color:#0b0c0c;background-color:#ffdd00;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none}
.skip-link{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:#ffdd00;color:#0b0c0c}
.skip-link:focus{left:0;z-index:10}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
.header__inner,.main,.footer__inner{max-width:960px;margin:0 auto;padding:0 1rem}
.header__inner{padding-top:.75rem;padding-bottom:.75rem;font-weight:700;font-size:1.5rem}
.main{background:#fff;padding-top:1.5rem;padding-bottom:2rem}
h1{font-size:2.25rem;line-height:1.1;margin:0 0 1rem}
h2{font-size:1.6rem;margin:2rem 0 1rem}
h3{font-size:1.3rem;margin:0 0 .5rem}
h4{font-size:1.1875rem;margin:1rem 0 .5rem}
p{margin:0 0 .75rem}
.meta{color:#505a5f;font-size:1rem}
.banner{padding:1rem 1.25rem;border:5px solid;margin-bottom:1rem}
.banner--working{border-color:#00703c;background:#cce2d8}
.banner--planned-work{border-color:#1d70b8;background:#d2e2f1}
.banner--degraded{border-color:#b34700;background:#fcd6c3}
.banner--down{border-color:#942514;background:#f6d7d2}
.banner p{margin:0;font-size:1.6rem;font-weight:700}
.tag{display:inline-block;align-self:flex-start;padding:.15rem .5rem;font-size:1rem;font-weight:700;line-height:1.25}
.tag--green{color:#005a30;background:#cce2d8}
.tag--orange{color:#6e3619;background:#fcd6c3}
.tag--red{color:#942514;background:#f6d7d2}
.tag--blue{color:#0c2d4a;background:#bbd4ea}
.services{list-style:none;margin:0;padding:0;border-top:1px solid #b1b4b6}
.services li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;padding:.75rem 0;border-bottom:1px solid #b1b4b6}
.services .name{font-weight:700}
.problem{border-left:10px solid #b1b4b6;padding:.5rem 0 .25rem 1rem;margin-bottom:1.5rem}
.problem--outage{border-color:#942514}
.problem--major,.problem--minor{border-color:#b34700}
.problem--none,.problem--checking{border-color:#1d70b8}
.inset{border-left:5px solid #b1b4b6;padding:.5rem 0 .1rem 1rem;margin:0 0 .75rem}
.inset__label{font-weight:700}
.work-list,.past{list-style:none;margin:0;padding:0}
.work,.past li{border-bottom:1px solid #b1b4b6;padding:.5rem 0 .25rem}
.history{margin-bottom:2rem}
.strip{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(90,1fr);gap:2px;height:2.5rem}
.day,.day--none{background:#00703c;min-width:2px}
.day--minor{background:#806000}
.day--major{background:#b34700}
.day--outage{background:#942514}
.strip__ends{display:flex;justify-content:space-between;color:#505a5f;font-size:1rem;margin-top:.25rem}
.legend{list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;font-size:1rem}
.legend span{display:inline-block;width:1rem;height:1rem;margin-right:.35rem;vertical-align:-.15rem}
.footer{padding:1.5rem 0;font-size:1rem;border-top:1px solid #b1b4b6}
@media (max-width:640px){
body{font-size:1rem}
h1{font-size:1.75rem}
h2{font-size:1.35rem}
.banner p{font-size:1.25rem}
.strip{grid-template-columns:repeat(30,1fr);grid-auto-rows:1.5rem;height:auto}
}
`;

/** The status page. Everything shown came through the model (catalog text only) and is escaped here again. */
export function statusPageHtml(model: StatusModel, links: { json: string; feed: string }): string {
  const tz = model.timeZone;
  const problems = model.services.flatMap((service) => service.problems.map((problem) => problemHtml(problem, service, tz)));
  const services = model.services
    .map((s) => `<li><span><span class="name">${e(s.name)}</span>${s.description ? `<br><span class="meta">${e(s.description)}</span>` : ''}</span>${tag(s.state, s.stateText)}</li>`)
    .join('');
  const planned = model.plannedWork.length === 0 ? '<p>No planned work in the next 14 days.</p>' : `<ul class="work-list">${model.plannedWork.map((w) => workHtml(w, model)).join('')}</ul>`;
  const legend =
    '<ul class="legend" aria-label="Key">' +
    [['none', 'No problems'], ['minor', 'Minor problem'], ['major', 'Some users affected'], ['outage', 'Not working']].map(([level, text]) => `<li><span class="day--${level}" aria-hidden="true"></span>${text}</li>`).join('') +
    '</ul>';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(model.overall.text)} – ${e(model.title)}</title>
<link rel="alternate" type="application/atom+xml" title="${e(model.title)}: updates" href="${e(links.feed)}">
<link rel="alternate" type="application/json" href="${e(links.json)}">
<style>${CSS}</style>
</head>
<body>
<a href="#main" class="skip-link">Skip to main content</a>
<header class="header"><div class="header__inner">${e(model.title)}</div></header>
<main class="main" id="main" tabindex="-1">
<h1>${e(model.title)}</h1>
<div class="banner banner--${model.overall.state}" role="status"><p>${e(model.overall.text)}</p></div>
<p class="meta">Last updated ${e(whenText(model.generatedAt, tz))}. This page changes within a minute of any news: reload it to see the latest.</p>
<section aria-labelledby="now"><h2 id="now">Current problems</h2>${problems.length === 0 ? '<p>There are no problems at the moment.</p>' : problems.join('')}</section>
<section aria-labelledby="services"><h2 id="services">Services</h2><ul class="services">${services}</ul></section>
<section aria-labelledby="planned"><h2 id="planned">Planned work</h2>${planned}</section>
<section aria-labelledby="days"><h2 id="days">The last 90 days</h2>${legend}${model.services.map((s) => serviceHistoryHtml(s, tz)).join('')}</section>
</main>
<footer class="footer"><div class="footer__inner"><p>Follow changes: <a href="${e(links.feed)}">Atom feed</a> · <a href="${e(links.json)}">JSON for other tools</a></p><p class="meta">Times are in ${e(tz)}.</p></div></footer>
</body>
</html>
`;
}
