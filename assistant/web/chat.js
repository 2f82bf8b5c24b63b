// oiar respondent chat (/chat): the interview someone opened from their invitation link.
// Plain JavaScript, no build step, no third-party code. The session is an HttpOnly cookie set
// by /i/<token>; this page only reads GET /web/session and keeps its CSRF token in memory.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { session: null, csrf: "", interviewId: null, question: null, busy: false };

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && state.csrf) headers["X-CSRF-Token"] = state.csrf;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    // "include" on a same-origin page sends what "same-origin" would; it is what lets the
    // first GET /web/session use the response chat.html preloads.
    credentials: method === "GET" && path === "/web/session" ? "include" : "same-origin",
    cache: method === "GET" && path === "/web/session" ? "default" : "no-store",
  });
  if (!response.ok) {
    let message = `The server answered ${response.status} ${response.statusText}.`;
    try {
      const data = await response.json();
      if (data && data.error && data.error.message) message = data.error.message;
    } catch (_) {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message);
  }
  return response.status === 204 ? null : response.json();
}

// --- what the page shows --------------------------------------------------------------

const SECTIONS = ["loading", "signed-out", "chat", "finished"];

function show(section) {
  for (const id of SECTIONS) $(id).hidden = id !== section;
  $("composer").hidden = section !== "chat";
  $("progress-row").hidden = section !== "chat" && section !== "finished";
  measure();
}

function fail(message) {
  const box = $("alert");
  box.textContent = message || "";
  box.hidden = !message;
}

function failed(err) {
  if (err instanceof ApiError && err.status === 401) {
    signedOut();
    return;
  }
  fail(err instanceof ApiError ? err.message : "Could not reach the server. Check your connection and try again.");
}

function signedOut() {
  fail("");
  state.session = null;
  show("signed-out");
}

// The header and composer are sticky: keep scrolled-to messages clear of both.
function measure() {
  const root = document.documentElement.style;
  root.scrollPaddingTop = `${$("head").offsetHeight + 8}px`;
  const composer = $("composer");
  root.scrollPaddingBottom = `${(composer.hidden ? 0 : composer.offsetHeight) + 8}px`;
}

function header(session) {
  $("company").textContent = session.org_name || "";
  const who = session.respondent;
  if (who) {
    const title = [who.role, who.department].filter(Boolean).join(" · ");
    $("who").textContent = `Answering as ${who.name}${title ? ", " + title : ""}`;
  }
  const round = session.round;
  if (round) {
    let text = `Round ${round.name}`;
    if (round.due_at) {
      const due = new Date(round.due_at);
      if (!Number.isNaN(due.getTime())) {
        text += ` · due ${due.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" })}`;
      }
    }
    $("round").textContent = text;
  }
  document.title = `Your interview${session.org_name ? " · " + session.org_name : ""} · oiar`;
}

// The engine speaks Slack-style mrkdwn: *bold* and _italic_. Escape first, then mark up.
function mrkdwn(text) {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return escaped
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s.,;:!?)]|$)/g, "$1<strong>$2</strong>")
    .replace(/(^|[\s(])_([^_\n]+)_(?=[\s.,;:!?)]|$)/g, "$1<em>$2</em>");
}

function addMessage(who, text) {
  const li = document.createElement("li");
  li.className = `msg ${who}`;
  const label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = who === "me" ? "You: " : who === "bot" ? "oiar: " : "";
  const body = document.createElement("span");
  body.innerHTML = mrkdwn(text);
  li.append(label, body);
  $("messages").appendChild(li);
  return li;
}

function reveal(element) {
  measure();
  const head = $("head").offsetHeight;
  const composer = $("composer").hidden ? 0 : $("composer").offsetHeight;
  const room = window.innerHeight - head - composer - 16;
  element.scrollIntoView({ block: element.offsetHeight > room ? "start" : "end" });
}

function choicesOf(question) {
  if (!question) return [];
  if (question.type === "scale_1_5") return ["1", "2", "3", "4", "5"];
  if (question.type === "yes_no") return ["Yes", "No"];
  return question.choices || [];
}

function choiceButtons(container, question, onChoose) {
  container.replaceChildren();
  const choices = choicesOf(question);
  for (const label of choices) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "secondary";
    b.textContent = label;
    b.dataset.choice = label;
    b.addEventListener("click", () => onChoose(label));
    container.appendChild(b);
  }
  container.hidden = choices.length === 0;
  return choices.length;
}

function progress(p) {
  const handled = p.answered + p.skipped;
  const pct = p.total ? Math.round((100 * handled) / p.total) : 100;
  $("progress-bar").style.width = `${pct}%`;
  const bar = $("progress");
  bar.setAttribute("aria-valuenow", String(pct));
  bar.setAttribute("aria-valuetext", `${handled} of ${p.total} questions done`);
  $("progress-text").textContent = `${handled} of ${p.total}`;
}

function showQuestion(question) {
  state.question = question;
  const count = choiceButtons($("choices"), question, (label) => send(label));
  const example = question && question.example ? question.example : "";
  $("example").textContent = count ? "Choose one, or type it." : example ? `For example: ${example}` : "";
  $("answer").placeholder = example ? `e.g. ${example}` : "Type your answer";
  $("back").disabled = !question || question.number <= 1;
  measure();
  if (count) $("choices").querySelector("button").focus({ preventScroll: true });
  else $("answer").focus({ preventScroll: true });
}

// bench/bench_web.py reads this mark: navigation start to the first question on screen.
function firstQuestion() {
  if (performance.getEntriesByName("oiar:first-question").length === 0) {
    performance.mark("oiar:first-question");
  }
}

function showTurn(turn) {
  progress(turn.progress);
  firstQuestion();
  if (turn.done) {
    finished(turn.progress);
    return;
  }
  show("chat");
  showQuestion(turn.question);
}

function setBusy(busy) {
  state.busy = busy;
  for (const b of $("composer").querySelectorAll("button")) {
    if (busy) b.disabled = true;
  }
  $("answer").readOnly = busy;
  if (!busy) {
    for (const b of $("composer").querySelectorAll("button")) b.disabled = false;
  }
}

// --- the conversation -----------------------------------------------------------------

async function start() {
  const org = encodeURIComponent(state.session.org_id);
  const turn = await api("POST", `/v1/orgs/${org}/interviews`, {
    respondent_id: state.session.respondent.id,
  });
  state.interviewId = turn.interview_id;
  fail("");
  show("chat");
  reveal(addMessage("bot", turn.reply));
  showTurn(turn);
}

async function resume(interviewId) {
  const record = await api("GET", `/v1/interviews/${encodeURIComponent(interviewId)}`);
  state.interviewId = record.id;
  fail("");
  $("messages").replaceChildren();
  for (const m of record.transcript) addMessage(m.sender === "respondent" ? "me" : "bot", m.text);
  const done = record.status === "done";
  show(done ? "finished" : "chat");
  if (!done && record.question) {
    const q = record.question;
    addMessage("note", "Welcome back: your earlier answers are saved.");
    const last = addMessage("bot", `_${q.number} of ${q.total}_ · ${q.domain_label}\n*${q.text}*`);
    reveal(last);
  }
  showTurn({ question: record.question, progress: record.progress, done });
}

async function send(text) {
  text = text.trim();
  if (state.busy || !text) return;
  setBusy(true);
  const mine = addMessage("me", text);
  reveal(mine);
  $("answer").value = "";
  try {
    const turn = await api(
      "POST",
      `/v1/interviews/${encodeURIComponent(state.interviewId)}/messages`,
      { text },
    );
    fail("");
    setBusy(false);
    const reply = addMessage("bot", turn.reply);
    showTurn(turn);
    if (!turn.done) reveal(reply);
  } catch (err) {
    mine.remove();
    $("answer").value = text;
    setBusy(false);
    failed(err);
    $("answer").focus();
  }
}

// --- finished: thank you, and what they said ---------------------------------------------

const KIND_TEXT = {
  skip: "Skipped",
  dont_know: "Don't know (a benchmark is used instead)",
};

function thanks(p) {
  $("thanks-text").textContent =
    `You answered ${p.answered} of ${p.total} questions` +
    (p.skipped ? ` and skipped ${p.skipped}` : "") +
    ". Your answers go into the estimate alongside your colleagues'.";
}

async function finished(p) {
  show("finished");
  const remaining = p.total - p.answered - p.skipped;
  $("more-row").hidden = remaining <= 0;
  $("keep-going").textContent = `Answer ${remaining} more question${remaining === 1 ? "" : "s"}`;
  thanks(p);
  $("thanks-title").focus({ preventScroll: true });
  window.scrollTo(0, 0);
  await summary();
}

async function summary() {
  let rows;
  try {
    rows = await api("GET", `/v1/interviews/${encodeURIComponent(state.interviewId)}/questions`);
  } catch (err) {
    failed(err);
    return;
  }
  const list = $("summary");
  list.replaceChildren();
  // What they answered first, then what they did not know, then what they skipped.
  const rank = { answer: 0, unconfirmed: 0, dont_know: 1, skip: 2 };
  const shown = rows.filter((row) => row.status !== "open");
  shown.sort((a, b) => rank[a.status] - rank[b.status]);
  for (const row of shown) list.appendChild(summaryRow(row));
}

function answerText(row) {
  if (row.status in KIND_TEXT) return KIND_TEXT[row.status];
  const shown = row.display || "";
  return row.status === "unconfirmed" ? `${shown} (not yet confirmed)` : shown;
}

function summaryRow(row) {
  const q = row.question;
  const li = document.createElement("li");
  li.dataset.question = q.id;
  const domain = document.createElement("p");
  domain.className = "domain";
  domain.textContent = q.domain_label;
  const asked = document.createElement("p");
  asked.className = "q";
  asked.id = `q-${q.id}`;
  asked.textContent = q.text;
  const said = document.createElement("p");
  said.className = "a" + (row.status === "answer" || row.status === "unconfirmed" ? "" : " none");
  said.textContent = answerText(row);
  const actions = document.createElement("div");
  actions.className = "row-actions";
  const change = document.createElement("button");
  change.type = "button";
  change.className = "secondary change";
  change.textContent = "Change an answer";
  change.setAttribute("aria-describedby", asked.id);
  change.addEventListener("click", () => openEdit(li, q, change));
  actions.appendChild(change);
  li.append(domain, asked, said, actions);
  return li;
}

function openEdit(li, question, opener) {
  const open = li.querySelector(".edit");
  if (open) {
    open.querySelector("input").focus();
    return;
  }
  const box = document.createElement("form");
  box.className = "edit";
  box.autocomplete = "off";
  const id = `edit-${question.id}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = "Your new answer";
  const choices = document.createElement("div");
  choices.className = "choices";
  choices.setAttribute("role", "group");
  choices.setAttribute("aria-label", "Choose a new answer");
  const row = document.createElement("div");
  row.className = "answer-form";
  const input = document.createElement("input");
  input.type = "text";
  input.id = id;
  input.placeholder = question.example ? `e.g. ${question.example}` : "Type your answer";
  const save = document.createElement("button");
  save.type = "submit";
  save.textContent = "Save";
  row.append(input, save);
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "quiet";
  cancel.textContent = "Cancel";
  const foot = document.createElement("div");
  foot.className = "edit-actions";
  foot.appendChild(cancel);
  const close = () => {
    box.remove();
    opener.focus();
  };
  const submit = (text) => change(question, text, box);
  choiceButtons(choices, question, submit);
  box.append(label, choices, row, foot);
  box.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(input.value);
  });
  cancel.addEventListener("click", close);
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
  li.appendChild(box);
  input.focus();
}

async function change(question, text, box) {
  text = text.trim();
  if (!text || state.busy) return;
  state.busy = true;
  for (const b of box.querySelectorAll("button")) b.disabled = true;
  try {
    const path = `/v1/interviews/${encodeURIComponent(state.interviewId)}/answers/${encodeURIComponent(question.id)}`;
    const turn = await api("PUT", path, { text });
    fail("");
    progress(turn.progress);
    thanks(turn.progress);
    await summary();
    const notice = $("notice");
    notice.textContent = turn.reply.split("\n")[0].replace(/[*_]/g, "");
    notice.hidden = false;
    const opener = $("summary").querySelector(`li[data-question="${question.id}"] .change`);
    if (opener) opener.focus();
  } catch (err) {
    for (const b of box.querySelectorAll("button")) b.disabled = false;
    failed(err);
    box.querySelector("input").focus();
  } finally {
    state.busy = false;
  }
}

// --- start-up -------------------------------------------------------------------------

async function boot() {
  let session;
  try {
    session = await api("GET", "/web/session");
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) signedOut();
    else failed(err);
    if (!(err instanceof ApiError && err.status === 401)) $("loading").hidden = true;
    return;
  }
  state.session = session;
  state.csrf = session.csrf_token || "";
  header(session);
  if (session.role !== "respondent" || !session.respondent) {
    $("signed-out").querySelector("h1").textContent = "This page is for answering an interview";
    $("signed-out").querySelector("p").innerHTML =
      'You are signed in to the console. <a href="/console">Open the console</a>.';
    show("signed-out");
    return;
  }
  try {
    if (session.interview_id) await resume(session.interview_id);
    else await start();
  } catch (err) {
    $("loading").hidden = true;
    failed(err);
  }
}

$("answer-form").addEventListener("submit", (event) => {
  event.preventDefault();
  send($("answer").value);
});
for (const b of document.querySelectorAll("[data-say]")) {
  b.addEventListener("click", () => send(b.dataset.say));
}
$("keep-going").addEventListener("click", async () => {
  show("chat");
  await send("resume");
});
window.addEventListener("resize", measure);
boot();
