// oiar console: the facilitator's and viewer's view of one organization.
// Plain JavaScript, no build step. The session is an HttpOnly cookie; the CSRF token is read
// from GET /web/session and kept in memory only; every write sends it as X-CSRF-Token.
"use strict";

const $ = (id) => document.getElementById(id);
const STAFF_VIEWS = ["overview", "people", "rounds", "ask", "what-if", "report"];
const VIEWER_VIEWS = ["overview", "report"];

const state = {
  session: null,
  csrf: "",
  score: null,
  invites: [],
  loaded: new Set(),
};

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function orgPath(rest) {
  return `/v1/orgs/${encodeURIComponent(state.session.org_id)}${rest}`;
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = state.csrf;
  const response = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    cache: "no-store",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch (_) {
    // not JSON: the status line says what happened
  }
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    throw new ApiError(
      response.status,
      error.code || "",
      error.message || `${response.status} ${response.statusText}`,
    );
  }
  return data;
}

// ---- DOM helpers -------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else if (name.startsWith("data-") || name.startsWith("aria-") || name === "role") {
      node.setAttribute(name, value);
    } else node[name] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child);
  }
  return node;
}

function hiddenText(text) {
  return el("span", { class: "visually-hidden", text });
}

function fail(error) {
  const box = $("error");
  box.replaceChildren();
  box.className = "banner error";
  if (!error) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  if (error.status === 401) {
    box.append(
      "Your session has ended (it expired, or you signed out elsewhere). ",
      el("a", { href: "/", text: "Sign in again" }),
      ".",
    );
    return;
  }
  if (error.status === 403) {
    box.className = "banner info";
    box.textContent = `Not allowed with your access: ${error.message}.`;
    return;
  }
  box.textContent = error.message || String(error);
}

function say(message) {
  $("status").textContent = message;
}

// Runs an action: the button is busy meanwhile; success clears the banner, failure fills it.
async function run(button, action) {
  if (button) button.disabled = true;
  say("");
  try {
    const result = await action();
    fail(null);
    return result;
  } catch (error) {
    fail(error);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

// ---- formatting --------------------------------------------------------------------------

function money(value) {
  if (value === null || value === undefined) return "—";
  const currency = (state.session && state.session.currency) || "USD";
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: Math.abs(value) >= 1e6 ? 1 : 0,
  })
    .format(value)
    .replace(/K$/, "k"); // as the report writes thousands
}

function signed(percent) {
  const sign = percent > 0 ? "+" : percent < 0 ? "−" : "";
  return sign + Math.abs(percent).toFixed(1);
}

function signedMoney(value) {
  if (Math.abs(value) < 0.5) return "no change";
  return (value > 0 ? "+" : "−") + money(Math.abs(value));
}

function day(ts) {
  if (!ts) return "—";
  return new Date(ts).toLocaleDateString("en-US", {
    day: "numeric",
    month: "short",
    year: "numeric",
  });
}

function when(ts) {
  if (!ts) return "—";
  return new Date(ts).toLocaleString("en-US", {
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
  });
}

const UNIT_WORDS = {
  per_month: "a month",
  per_day: "a day",
  per_hour: "an hour",
  days: "days",
  hours: "hours",
  weeks: "weeks",
  hours_per_week: "hours a week",
  each: "each",
  scale_1_5: "on a 1–5 scale",
};

// The score's inputs carry a unit, not a kind: money is told apart by its size.
function inputValue(input) {
  const v = input.value;
  const number = (x) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(x);
  if (input.unit === "fraction") return `${number(v * 100)}%`;
  if (input.unit === "yes_no") return v >= 0.5 ? "yes" : "no";
  if (input.unit === "per_year") {
    if (v < 1) return `${number(v * 100)}% a year`;
    return v >= 10000 ? `${money(v)} a year` : `${number(v)} a year`;
  }
  if (["each", "per_day", "per_hour"].includes(input.unit) && v >= 100) {
    return `${money(v)} ${UNIT_WORDS[input.unit]}`;
  }
  return `${number(v)} ${UNIT_WORDS[input.unit] || ""}`.trim();
}

// The engine replies in Slack-style mrkdwn: *bold* and _italic_. Escape first, then mark up.
function mrkdwn(text) {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return escaped
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s.,;:!?)]|$)/g, "$1<strong>$2</strong>")
    .replace(/(^|[\s(])_([^_\n]+)_(?=[\s.,;:!?)]|$)/g, "$1<em>$2</em>");
}

// ---- the header and routing --------------------------------------------------------------

function isViewer() {
  return state.session.role === "viewer";
}

function views() {
  return isViewer() ? VIEWER_VIEWS : STAFF_VIEWS;
}

function showHeader() {
  const s = state.session;
  $("org-name").textContent = s.org_name;
  const round = $("round-name");
  round.hidden = false;
  round.textContent = s.round
    ? `Round ${s.round.name} · ${s.round.status}` +
      (s.round.due_at ? ` · due ${day(s.round.due_at)}` : "")
    : "No open round";
  const role = s.role.charAt(0).toUpperCase() + s.role.slice(1);
  $("role").textContent = isViewer() ? `${role} · read only` : role;
}

const LOADERS = {
  overview: loadOverview,
  people: loadPeople,
  rounds: loadRounds,
  ask: async () => {},
  "what-if": loadWhatIf,
  report: loadReport,
};

function currentView() {
  const name = window.location.hash.replace(/^#/, "");
  return views().includes(name) ? name : "overview";
}

async function route(focus) {
  const view = currentView();
  for (const panel of document.querySelectorAll("[data-view-panel]")) {
    panel.hidden = panel.dataset.viewPanel !== view;
  }
  for (const link of document.querySelectorAll("nav.sections a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  say("");
  if (focus) $(`${view}-title`).focus();
  if (!state.loaded.has(view)) {
    state.loaded.add(view);
    await LOADERS[view]();
  }
}

// ---- Overview ----------------------------------------------------------------------------

async function fetchScore() {
  state.score = await api("GET", orgPath("/score"));
  return state.score;
}

function rankingRow(domain, scale) {
  const bar = el("span", { class: "range" });
  bar.style.left = `${(100 * domain.p10) / scale}%`;
  bar.style.width = `${(100 * (domain.p90 - domain.p10)) / scale}%`;
  const mark = el("span", { class: "mark" });
  mark.style.left = `${(100 * domain.mean) / scale}%`;
  return el(
    "tr",
    { "data-rank": String(domain.rank), "data-domain": domain.key },
    el("td", { text: String(domain.rank) }),
    el("th", { scope: "row", text: domain.label }),
    el("td", { class: "num", text: money(domain.mean) }),
    el("td", { class: "num nowrap", text: `${money(domain.p10)}–${money(domain.p90)}` }),
    el("td", { class: "range-col" }, el("span", { class: "track", "aria-hidden": "true" }, bar, mark)),
    el("td", { class: "num", text: domain.bps_of_revenue.toFixed(0) }),
    el("td", { text: domain.confidence }),
  );
}

function showScore(score) {
  const total = score.total;
  $("total-mean").textContent = `${money(total.mean)} a year`;
  $("total-range").textContent = `P10–P90 ${money(total.p10)}–${money(total.p90)}`;
  $("total-board").textContent =
    `${total.bps_of_revenue.toFixed(0)} bps of revenue · ` +
    `${Math.round(total.share_of_operating_income * 100)}% of operating income`;
  const top = score.domains[0];
  const topCard = $("top-domain");
  topCard.textContent = top ? top.label : "—";
  topCard.dataset.domain = top ? top.key : "";
  $("top-detail").textContent = top
    ? `${money(top.mean)} a year (P10–P90 ${money(top.p10)}–${money(top.p90)}); ranks first in ` +
      `${Math.round(top.rank_probability * 100)}% of simulations`
    : "";
  const scale = Math.max(...score.domains.map((d) => d.p90), 1);
  $("ranking").tBodies[0].replaceChildren(...score.domains.map((d) => rankingRow(d, scale)));
  $("score-stamp").textContent =
    `Live figures from the current answers, as of ${when(new Date().toISOString())} · ` +
    `model ${score.model_version}`;
}

function showConstraint(result) {
  if (result.status !== "fulfilled") {
    $("constraint-stage").textContent = "—";
    $("constraint-detail").textContent = `Not available: ${result.reason.message}`;
    return;
  }
  const c = result.value;
  $("constraint-stage").textContent = c.resource ? `${c.stage_label}: ${c.resource}` : c.stage_label;
  const drag = c.drags[0];
  const basis = c.inferred ? "Inferred from the answers (nobody named one)" : "Named by respondents";
  $("constraint-detail").textContent = drag
    ? `${basis}. Largest cost acting on it: ${drag.label}, ${money(drag.mean)} a year.`
    : `${basis}.`;
}

async function loadOverview() {
  await run($("refresh-score"), async () => {
    const [score, constraint] = await Promise.allSettled([
      fetchScore(),
      api("GET", orgPath("/governance/constraint")),
    ]);
    if (score.status !== "fulfilled") throw score.reason;
    showScore(score.value);
    showConstraint(constraint);
  });
}

// ---- People ------------------------------------------------------------------------------

const INVITE_LABELS = {
  pending: "Link sent, not opened",
  opened: "Link opened",
  expired: "Link expired",
  revoked: "Link revoked",
  none: "No link yet",
};

function interviewCell(person) {
  const label = {
    not_started: "Not started",
    in_progress: "In progress",
    completed: "Completed",
  }[person.interview_status];
  const cell = el(
    "td",
    { class: "progress-cell", "data-label": "Interview" },
    el("span", { text: label }),
  );
  if (person.total > 0) {
    cell.append(
      el("progress", {
        max: person.total,
        value: person.answered,
        "aria-label": `${person.name}: ${person.answered} of ${person.total} answered`,
      }),
      el("span", { class: "muted small", text: `${person.answered} of ${person.total}` }),
    );
  }
  return cell;
}

function liveInvite(respondentId) {
  return state.invites.find(
    (i) => i.respondent_id === respondentId && (i.status === "pending" || i.status === "opened"),
  );
}

function personRow(person) {
  const actions = el("td", { class: "actions" });
  const create = el(
    "button",
    { type: "button", class: "small-button", "data-invite-for": person.respondent_id },
    person.invite_status === "none" ? "Create invite link" : "New invite link",
    hiddenText(` for ${person.name}`),
  );
  create.addEventListener("click", () => createInvite(person, create));
  actions.append(create);
  const invite = liveInvite(person.respondent_id);
  if (invite) {
    const revoke = el(
      "button",
      { type: "button", class: "small-button secondary", "data-revoke": invite.id },
      "Revoke link",
      hiddenText(` of ${person.name}`),
    );
    revoke.addEventListener("click", () => confirmRevoke(person, invite, revoke));
    actions.append(revoke);
  }
  if (state.session.role === "admin") {
    // A data-subject request: everything stored about the person, as the API exports it.
    const base = `/v1/orgs/${state.session.org_id}/respondents/${person.respondent_id}/export`;
    actions.append(
      el("a", { class: "button small-button secondary", href: base, download: "", "data-export": person.respondent_id },
        "Export data", hiddenText(` of ${person.name} (JSON)`)),
    );
  }
  return el(
    "tr",
    { "data-respondent": person.respondent_id, "data-status": person.interview_status },
    el("th", { scope: "row" }, person.name, el("span", { class: "muted block", text: person.role || "" })),
    el("td", {
      "data-label": "Invitation",
      "data-invite-status": person.invite_status,
      text: INVITE_LABELS[person.invite_status] || person.invite_status,
    }),
    interviewCell(person),
    el("td", { class: "nowrap", "data-label": "Last activity", text: when(person.last_activity_at) }),
    actions,
  );
}

function departmentCard(name, people) {
  const id = `dept-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const head = el(
    "tr",
    {},
    ...["Person", "Invitation", "Interview", "Last activity"].map((t) =>
      el("th", { scope: "col", text: t }),
    ),
    el("th", { scope: "col" }, hiddenText("Actions")),
  );
  return el(
    "article",
    { class: "card", "aria-labelledby": id },
    el("h2", { id, text: `${name} (${people.length})` }),
    el(
      "div",
      { class: "table-wrap", tabIndex: 0, role: "region", "aria-labelledby": id },
      el("table", { class: "people" }, el("thead", {}, head), el("tbody", {}, ...people.map(personRow))),
    ),
  );
}

function showPeople(progress) {
  const people = progress.respondents;
  const notStarted = people.filter((p) => p.interview_status === "not_started");
  $("people-counts").textContent =
    `${people.length} ${people.length === 1 ? "person" : "people"} · ` +
    `${progress.completed} completed · ${progress.in_progress} in progress · ` +
    `${progress.not_started} not started`;
  $("people-counts").dataset.notStarted = String(progress.not_started);
  $("people-missing").textContent = notStarted.length
    ? `Not answered yet (${notStarted.length}): ${notStarted.map((p) => p.name).join(", ")}.`
    : people.length
      ? "Everyone has started."
      : "Nobody yet: add the people to interview below.";
  const groups = new Map();
  for (const person of people) {
    const name = person.department || "No department";
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(person);
  }
  const names = [...groups.keys()].sort((a, b) => a.localeCompare(b));
  $("departments").replaceChildren(...names.map((n) => departmentCard(n, groups.get(n))));
  $("department-list").replaceChildren(
    ...names.filter((n) => n !== "No department").map((n) => el("option", { value: n })),
  );
}

async function loadPeople() {
  await run($("refresh-people"), async () => {
    const [progress, invites] = await Promise.all([
      api("GET", orgPath("/progress")),
      api("GET", orgPath("/invites")),
    ]);
    state.invites = invites;
    showPeople(progress);
  });
}

async function addRespondent(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const value = (id) => $(id).value.trim() || null;
  const body = { name: value("new-name"), role: value("new-role"), department: value("new-department") };
  if (!body.name) {
    fail(new Error("Give the person's name."));
    $("new-name").focus();
    return;
  }
  const added = await run($("add-go"), () => api("POST", orgPath("/respondents"), body));
  if (!added) return;
  form.reset();
  await loadPeople();
  say(`Added ${added.name}. Create an invite link to send them.`);
}

async function createInvite(person, button) {
  const invite = await run(button, () =>
    api("POST", orgPath("/invites"), { respondent_id: person.respondent_id }),
  );
  if (!invite) return;
  $("invite-url").value = invite.url;
  $("invite-created-for").textContent =
    `For ${invite.respondent_name}` +
    (invite.department ? ` (${invite.department})` : "") +
    `, valid until ${day(invite.expires_at)}.`;
  $("copy-status").textContent = "";
  const panel = $("invite-created");
  panel.hidden = false;
  await loadPeople();
  panel.focus();
}

async function copyInvite() {
  const input = $("invite-url");
  try {
    await navigator.clipboard.writeText(input.value);
  } catch (_) {
    input.select();
    document.execCommand("copy");
  }
  $("copy-status").textContent = "Copied to the clipboard.";
}

function dismissInvite() {
  $("invite-url").value = "";
  $("invite-created").hidden = true;
  $("people-title").focus();
}

let revoking = null;

// Revoking ends the person's sessions at once and cannot be undone (only a new link helps),
// so it asks first, with keeping the link the default.
function confirmRevoke(person, invite, button) {
  revoking = { person, invite, button };
  $("revoke-text").textContent =
    `${person.name}'s link stops working at once, and a browser it is open in is signed out. ` +
    "To let them answer again, create a new link.";
  $("confirm-revoke").showModal();
  $("revoke-cancel").focus();
}

async function revokeConfirmed() {
  const dialog = $("confirm-revoke");
  const chosen = revoking;
  revoking = null;
  if (dialog.returnValue !== "revoke" || !chosen) return;
  await revokeInvite(chosen.person, chosen.invite, chosen.button);
}

async function revokeInvite(person, invite, button) {
  const done = await run(button, () =>
    api("DELETE", orgPath(`/invites/${encodeURIComponent(invite.id)}`)),
  );
  if (done === undefined) return;
  await loadPeople();
  say(`Revoked ${person.name}'s link: it no longer opens the interview.`);
}

// ---- Rounds & campaigns ------------------------------------------------------------------

let closing = null;

function roundRow(round) {
  const actions = el("td", { class: "actions" });
  if (round.status === "open") {
    const close = el(
      "button",
      { type: "button", class: "small-button danger", "data-close": round.id },
      "Close",
      hiddenText(` round ${round.label}`),
    );
    close.addEventListener("click", () => confirmClose(round));
    actions.append(close);
  }
  return el(
    "tr",
    { "data-round": round.id },
    el("th", { scope: "row", text: round.label }),
    el("td", { text: round.status }),
    el("td", { class: "nowrap", text: day(round.opened_at) }),
    el("td", { class: "nowrap", text: day(round.due_at) }),
    el("td", { class: "num", text: String(round.answers) }),
    el("td", { class: "num", text: round.total === null ? "—" : money(round.total) }),
    actions,
  );
}

function campaignRow(campaign) {
  const button = el(
    "button",
    { type: "button", class: "small-button secondary" },
    "Summary",
    hiddenText(` of ${campaign.name}`),
  );
  button.addEventListener("click", () => showCampaign(campaign, button));
  return el(
    "tr",
    { "data-campaign": campaign.id },
    el("th", { scope: "row", text: campaign.name }),
    el("td", { text: campaign.status }),
    el("td", { class: "nowrap", text: day(campaign.due_at) }),
    el("td", { text: campaign.attribution === "named" ? "Named" : "Department only" }),
    el("td", { class: "actions" }, button),
  );
}

function emptyRow(columns, text) {
  return el("tr", {}, el("td", { colSpan: columns, class: "muted", text }));
}

async function loadRounds() {
  await run($("refresh-rounds"), async () => {
    const [rounds, campaigns] = await Promise.all([
      api("GET", orgPath("/rounds")),
      api("GET", orgPath("/campaigns")),
    ]);
    $("rounds").tBodies[0].replaceChildren(
      ...(rounds.length ? [...rounds].reverse().map(roundRow) : [emptyRow(7, "No rounds yet.")]),
    );
    $("campaigns").tBodies[0].replaceChildren(
      ...(campaigns.length ? campaigns.map(campaignRow) : [emptyRow(5, "No campaigns yet.")]),
    );
  });
}

async function refreshSession() {
  const session = await api("GET", "/web/session");
  state.session = session;
  state.csrf = session.csrf_token;
  showHeader();
}

async function openRound(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const label = $("round-label").value.trim();
  const due = $("round-due").value;
  const body = { label, due_at: due ? `${due}T17:00:00Z` : null };
  const opened = await run($("open-round-go"), () => api("POST", orgPath("/rounds"), body));
  if (!opened) return;
  form.reset();
  await Promise.all([loadRounds(), refreshSession()]);
  say(`Opened round ${opened.label}.`);
}

function confirmClose(round) {
  closing = round;
  $("confirm-text").textContent =
    `Closing ${round.label} freezes its figures (${round.answers} answers) and makes its ` +
    "90-day plan. It cannot be reopened.";
  $("confirm-close").showModal();
  $("confirm-cancel").focus();
}

async function closeConfirmed() {
  const dialog = $("confirm-close");
  const round = closing;
  closing = null;
  if (dialog.returnValue !== "close" || !round) return;
  const closed = await run(null, () => api("POST", orgPath(`/rounds/${encodeURIComponent(round.id)}/close`)));
  if (!closed) return;
  state.loaded.delete("report");
  await Promise.all([loadRounds(), refreshSession()]);
  say(`Closed round ${round.label}: total frozen at ${money(closed.round.total)}.`);
}

async function showCampaign(campaign, button) {
  const summary = await run(button, () =>
    api("GET", orgPath(`/campaigns/${encodeURIComponent(campaign.id)}/summary`)),
  );
  if (!summary) return;
  const box = $("campaign-summary");
  box.replaceChildren(
    el("h3", { text: `${campaign.name}: ${summary.finished} of ${summary.total} finished` }),
    el("p", {
      text:
        `Total ${money(summary.total_mean)} a year (P10–P90 ${money(summary.total_p10)}–` +
        `${money(summary.total_p90)}).` + (summary.reason ? ` Summary ready: ${summary.reason}.` : ""),
    }),
    el(
      "ol",
      {},
      ...summary.domains.slice(0, 3).map((d) => el("li", { text: `${d.label}: ${money(d.mean)} a year` })),
    ),
  );
  box.hidden = false;
  box.focus();
}

// ---- Ask ---------------------------------------------------------------------------------

async function ask(event) {
  event.preventDefault();
  const text = $("ask-text").value.trim();
  if (!text) {
    $("ask-text").focus();
    return;
  }
  const answer = await run($("ask-go"), () => api("POST", orgPath("/ask"), { text }));
  if (!answer) return;
  const reply = el("div", { class: "reply" });
  for (const line of answer.reply.split("\n")) {
    if (!line.trim()) continue;
    const p = document.createElement("p");
    p.innerHTML = mrkdwn(line);
    reply.append(p);
  }
  const question = el("p", { class: "question", text });
  $("ask-log").prepend(el("article", { class: "card exchange" }, question, reply));
  $("ask-text").value = "";
}

// ---- What-if -----------------------------------------------------------------------------

function domainInputs(domain) {
  const seen = new Map();
  for (const driver of domain.drivers) {
    for (const input of driver.inputs) if (!seen.has(input.key)) seen.set(input.key, input);
  }
  return [...seen.values()];
}

function fillInputs() {
  const domain = state.score.domains.find((d) => d.key === $("wi-domain").value);
  const inputs = domain ? domainInputs(domain) : [];
  $("wi-input").replaceChildren(...inputs.map((i) => el("option", { value: i.key, text: i.label })));
  describeInput();
}

function describeInput() {
  const domain = state.score.domains.find((d) => d.key === $("wi-domain").value);
  const input = domain && domainInputs(domain).find((i) => i.key === $("wi-input").value);
  if (!input) {
    $("wi-current").textContent = "";
    return;
  }
  const source =
    input.source === "answer"
      ? `answered by ${(input.respondents || []).join(", ") || "respondents"}`
      : "a benchmark assumption";
  $("wi-current").textContent = `Now ${inputValue(input)} (${source}).`;
}

async function loadWhatIf() {
  await run(null, async () => {
    const score = state.score || (await fetchScore());
    $("wi-domain").replaceChildren(
      ...score.domains.map((d) => el("option", { value: d.key, text: `${d.rank}. ${d.label}` })),
    );
    fillInputs();
  });
}

function whatIfRow(domain, affected) {
  const rank =
    domain.baseline_rank === domain.rank
      ? String(domain.rank)
      : `${domain.baseline_rank} → ${domain.rank}`;
  return el(
    "tr",
    { class: affected ? "changed" : "", "data-domain": domain.key },
    el("th", { scope: "row", text: domain.label }),
    el("td", { class: "num", text: rank }),
    el("td", { class: "num", text: money(domain.baseline_mean) }),
    el("td", { class: "num", text: money(domain.mean) }),
    el("td", { class: "num", text: signedMoney(domain.delta) }),
  );
}

async function runWhatIf(event) {
  event.preventDefault();
  const key = $("wi-input").value;
  const raw = $("wi-value").value.trim();
  if (!key || !raw) {
    fail(new Error("Pick an input and give its new value."));
    (key ? $("wi-value") : $("wi-input")).focus();
    return;
  }
  const value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  const result = await run($("what-if-go"), () =>
    api("POST", orgPath("/what-if"), { overrides: { [key]: value } }),
  );
  if (!result) return;
  const label = $("wi-input").selectedOptions[0].textContent;
  const share = result.baseline_total ? (100 * result.total_delta) / result.baseline_total : 0;
  const summary = $("wi-summary");
  summary.textContent =
    `${label} at “${raw}”: total ${money(result.baseline_total)} → ${money(result.total)} a year, ` +
    `${signedMoney(result.total_delta)} (${signed(share)}%).`;
  summary.dataset.delta = String(result.total_delta);
  const affected = new Set(result.affected_domains);
  $("wi-table").tBodies[0].replaceChildren(...result.domains.map((d) => whatIfRow(d, affected.has(d.key))));
  $("what-if-result").hidden = false;
  $("what-if-result").focus();
}

// ---- Report ------------------------------------------------------------------------------

function reportUrl(format) {
  const params = new URLSearchParams();
  if (format) params.set("format", format);
  const round = $("report-round").value;
  if (round) params.set("round", round);
  const query = params.toString();
  return orgPath("/report") + (query ? `?${query}` : "");
}

function pointReport() {
  for (const link of document.querySelectorAll("[data-format]")) {
    link.href = reportUrl(link.dataset.format);
  }
  $("report-open").href = reportUrl("");
  $("report-frame").src = reportUrl("");
}

async function loadReport() {
  await run(null, async () => {
    const rounds = await api("GET", orgPath("/rounds"));
    const keep = $("report-round").value;
    $("report-round").replaceChildren(
      el("option", { value: "", text: "Current answers" }),
      ...rounds
        .filter((r) => r.status === "closed")
        .reverse()
        .map((r) => el("option", { value: r.id, text: `Round ${r.label} (closed ${day(r.closed_at)})` })),
    );
    $("report-round").value = keep;
  });
  pointReport();
}

// ---- start -------------------------------------------------------------------------------

async function signOut() {
  try {
    await api("DELETE", "/web/session");
  } catch (error) {
    if (error.status !== 401) {
      fail(error);
      return;
    }
  }
  state.csrf = "";
  window.location.replace("/");
}

function wire() {
  $("sign-out").addEventListener("click", signOut);
  window.addEventListener("hashchange", () => route(true));
  $("refresh-score").addEventListener("click", loadOverview);
  $("report-round").addEventListener("change", pointReport);
  if (isViewer()) return;
  $("refresh-people").addEventListener("click", loadPeople);
  $("add-respondent").addEventListener("submit", addRespondent);
  $("copy-invite").addEventListener("click", copyInvite);
  $("dismiss-invite").addEventListener("click", dismissInvite);
  $("refresh-rounds").addEventListener("click", loadRounds);
  $("open-round").addEventListener("submit", openRound);
  $("confirm-close").addEventListener("close", closeConfirmed);
  $("confirm-revoke").addEventListener("close", revokeConfirmed);
  $("ask-form").addEventListener("submit", ask);
  for (const chip of document.querySelectorAll("[data-suggest]")) {
    chip.addEventListener("click", () => {
      $("ask-text").value = chip.dataset.suggest;
      $("ask-form").requestSubmit();
    });
  }
  $("wi-domain").addEventListener("change", fillInputs);
  $("wi-input").addEventListener("change", describeInput);
  $("what-if-form").addEventListener("submit", runWhatIf);
}

async function start() {
  let session;
  try {
    session = await api("GET", "/web/session");
  } catch (error) {
    if (error.status === 401) {
      window.location.replace("/");
      return;
    }
    document.body.dataset.state = "ready";
    fail(error);
    return;
  }
  if (session.role === "respondent") {
    window.location.replace("/chat");
    return;
  }
  state.session = session;
  state.csrf = session.csrf_token;
  if (isViewer()) {
    // Not hidden but gone: a viewer's page holds no write controls at all.
    for (const node of document.querySelectorAll("[data-staff]")) node.remove();
    $("readonly-note").hidden = false;
  }
  showHeader();
  wire();
  document.body.dataset.state = "ready";
  document.body.dataset.role = session.role;
  await route(false);
}

start();
